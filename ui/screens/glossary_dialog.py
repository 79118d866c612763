"""The glossary's New term / Edit term dialog: the term, its plain-language definition and source, the
partnership that agreed it, and a table of each partner's word for it (word + organization or system in
words). A word is typed in the boxes under the table and added with Add word; Remove word takes the chosen
line off. Like every RecordDialog it never saves by itself: the tab runs the service on `submitted`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QGridLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from caseteam.services.glossary import PartnerWord

from ..widgets.field_row import PROBLEM_STYLE
from ..widgets.record_form import RecordDialog, choice, line, required, text_box

NO_ORGANIZATION = "None (name the system)"
WORD_ROLE = Qt.ItemDataRole.UserRole  # the PartnerWord behind a line of the table


class TermDialog(RecordDialog):
    """New (row None) or edit one GlossaryTermRow; `choices` is a glossary.GlossaryChoices."""

    def __init__(self, choices, row=None, parent=None) -> None:
        title = "New glossary term" if row is None else f"Edit glossary term: {row.term}"
        super().__init__(title, "Add term" if row is None else "Save term", row, parent,
                         intro="Define the term once, in plain words, and list each partner's own word for it.")
        self.org_names = dict(choices.organizations)
        line(self.fields, "term", "&Term", description="The word or phrase the partnership agreed, e.g. Job seeker")
        text_box(self.fields, "definition", "&Definition", lines=4,
                 description="What it means, in plain language a job seeker understands")
        line(self.fields, "source", "&Source", description="Where the definition comes from, e.g. WIOA sec. 3")
        choice(self.fields, "partnership_id", "&Partnership",
               [("No partnership", None), *[(name, key) for key, name in choices.partnerships]],
               description="The partnership that agreed the definition")

        self.words = QTableWidget(0, 2)
        self.words.setObjectName("partnerWords")
        self.words.setHorizontalHeaderLabels(["Word", "Organization or system"])
        self.words.setAccessibleName("Partners' words")
        self.words.setAccessibleDescription("Each partner's own word for the term; Remove word takes the chosen "
                                            "line off")
        self.words.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.words.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.words.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.words.setTabKeyNavigation(False)
        self.words.verticalHeader().setVisible(False)
        self.words.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.words.setColumnWidth(0, 230)
        self.words.setWordWrap(False)
        self.words.setMinimumHeight(210)
        words_label = QLabel("Partners' &words:")
        words_label.setBuddy(self.words)

        self.word_box = QLineEdit()
        self.word_box.setAccessibleName("Word")
        self.word_box.setAccessibleDescription("The partner's word, e.g. consumer, participant, IPE")
        self.organization_box = QComboBox()
        self.organization_box.setAccessibleName("Organization")
        self.organization_box.setAccessibleDescription("The organization that uses the word")
        self.organization_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.organization_box.setMinimumContentsLength(22)  # long names would squeeze the word boxes
        self.organization_box.addItem(NO_ORGANIZATION, None)
        for key, name in choices.organizations:
            self.organization_box.addItem(name, key)
        self.system_box = QLineEdit()
        self.system_box.setAccessibleName("System")
        self.system_box.setAccessibleDescription("The system that uses the word when no one organization does, "
                                                 "e.g. Medicaid waiver or Social Security")
        self.add_word_button = QPushButton("&Add word")
        self.add_word_button.setAccessibleDescription("Add the word typed above to the table")
        self.remove_word_button = QPushButton("&Remove word")
        self.remove_word_button.setAccessibleDescription("Take the chosen word off the table")
        self.word_problem = QLabel("")
        self.word_problem.setAccessibleName("Why the word was not added")
        self.word_problem.setWordWrap(True)
        self.word_problem.setStyleSheet(PROBLEM_STYLE)
        self.word_problem.hide()

        editor = QGridLayout()
        for column, (text, box) in enumerate((("W&ord:", self.word_box), ("Or&ganization:", self.organization_box),
                                              ("S&ystem:", self.system_box))):
            label = QLabel(text)
            label.setBuddy(box)
            editor.addWidget(label, 0, column)
            editor.addWidget(box, 1, column)
        editor.addWidget(self.add_word_button, 1, 3)
        editor.addWidget(self.remove_word_button, 1, 4)
        self.word_box.setMinimumWidth(150)
        self.system_box.setMinimumWidth(130)
        for column, stretch in ((0, 2), (1, 3), (2, 2)):
            editor.setColumnStretch(column, stretch)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.words)
        column.addLayout(editor)
        column.addWidget(self.word_problem)
        self.form.addRow(words_label, box)

        self.add_word_button.clicked.connect(self.add_typed_word)
        self.word_box.returnPressed.connect(self.add_typed_word)
        self.remove_word_button.clicked.connect(self.remove_chosen_word)
        self.words.itemSelectionChanged.connect(self._enable)
        self.resize(780, self.sizeHint().height())
        if row is None:
            self.fill({})
        else:
            self.fill_from(row)
            for s in row.synonyms:
                self.add_word(s.as_input())
        self._enable()

    # --- the partners' words ------------------------------------------------------------------------------
    def partner_words(self) -> list[PartnerWord]:
        return [self.words.item(n, 0).data(WORD_ROLE) for n in range(self.words.rowCount())]

    def add_word(self, word: PartnerWord) -> None:
        n = self.words.rowCount()
        self.words.insertRow(n)
        who = ", ".join(x for x in (self.org_names.get(word.organization_id, ""), word.context) if x)
        first = QTableWidgetItem(word.word)
        first.setData(WORD_ROLE, word)
        self.words.setItem(n, 0, first)
        self.words.setItem(n, 1, QTableWidgetItem(who))
        self._enable()

    def add_typed_word(self) -> None:
        """The word typed in the boxes, checked as the service will check it (a word, and who uses it)."""
        word, system = self.word_box.text().strip(), self.system_box.text().strip()
        org = self.organization_box.currentData()
        problem = ""
        if not word:
            problem = "Type the partner's word first."
        elif org is None and not system:
            problem = f"Say who calls it “{word}”: choose the organization, or name the system."
        elif any(w.word.casefold() == word.casefold() and w.organization_id == org
                 and w.context.casefold() == system.casefold() for w in self.partner_words()):
            problem = f"“{word}” is already in the table for the same partner."
        self.word_problem.setText(f"⚠ {problem}")
        self.word_problem.setVisible(bool(problem))
        if problem:
            self.word_box.setFocus()
            return
        self.add_word(PartnerWord(word, org, system))
        self.word_box.clear()
        self.organization_box.setCurrentIndex(0)
        self.system_box.clear()
        self.word_box.setFocus()

    def remove_chosen_word(self) -> None:
        row = self.words.currentRow()
        if row >= 0 and self.words.item(row, 0).isSelected():
            self.words.removeRow(row)
        self._enable()

    def _enable(self) -> None:
        self.remove_word_button.setEnabled(bool(self.words.selectedItems()))

    # --- the answer ---------------------------------------------------------------------------------------
    def answer(self) -> dict:
        """New: every value. Edit: only what changed (the words only when the list differs)."""
        values = self.all_values()
        words = self.partner_words()
        if self.row is None:
            return {**values, "synonyms": words}
        changed = {key: value for key, value in values.items() if value != getattr(self.row, key)}
        if words != [s.as_input() for s in self.row.synonyms]:
            changed["synonyms"] = words
        return changed

    def refuse(self, exc) -> None:
        """A refused partner's word is told under the words table, where the user fixes it."""
        if getattr(exc, "field", None) == "synonyms":
            self.ok_button.setEnabled(True)
            self.word_problem.setText(f"⚠ {exc.message}")
            self.word_problem.show()
            self.words.setFocus()
            return
        super().refuse(exc)

    def problems(self, values: dict) -> dict[str, str]:
        return required(values, {"term": "The term", "definition": "The definition"}, "term", "definition")
