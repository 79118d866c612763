"""The Partnership section's Glossary tab: the shared glossary, searched as you type by term, definition or
any partner's word (case and accents ignored), the chosen term's definition and source, and "What each
partner calls it". New term…, Edit term… and Archive term are one undo step each (for accounts that may
change the partner directory); Print… previews the glossary PDF (printed or saved from there), Save PDF…
writes it. The glossary printed is the one on screen: the search narrows it."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSplitter, QVBoxLayout,
                               QWidget)

from caseteam.services import access, glossary

from .. import printing
from ..models.work_models import TextRows
from ..widgets.document_actions import shortcut_button, tab_action
from ..widgets.editor_parts import chain_tab_order, record_table
from ..widgets.pdf_preview import preview_pdf
from ..widgets.read_when_shown import ReadWhenShown
from .agreement_parties import button
from .glossary_dialog import TermDialog
from .partnership_map import cell, named_table


class TermColumn(IntEnum):
    TERM = 0
    WORDS = 1


class TermModel(TextRows):
    Column = TermColumn
    HEADERS = {TermColumn.TERM: "Term", TermColumn.WORDS: "Partners' words"}

    def text(self, row, column) -> str:
        if column == TermColumn.TERM:
            return row.term + (" (archived)" if row.archived else "")
        return ", ".join(s.word for s in row.synonyms)

    @staticmethod
    def record_key(row):
        return row.id


def _label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setAccessibleName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class GlossaryTab(ReadWhenShown, QWidget):
    loaded = Signal()

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryTab")
        self.ops, self.actor, self.history = ops, actor, history
        self.choices = None
        self.dialog = None
        self.preview = None
        self.chosen_id = None  # kept across reads, so the same term stays chosen

        self.search_box = QLineEdit()
        self.search_box.setAccessibleName("Search the glossary")
        self.search_box.setAccessibleDescription("Finds a term by its name, its definition or any partner's word, "
                                                 "ignoring capitals and accents")
        self.search_box.setPlaceholderText("A term, a word in a definition, or a partner's word")
        self.search_box.setClearButtonEnabled(True)
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search_box)
        self.archived_box = QCheckBox("Show &archived terms")
        self.model = TermModel(self)
        self.table = record_table(self.model, "Glossary terms", "The terms A to Z with the partners' words for them")
        self.table.horizontalHeader().setSectionResizeMode(TermColumn.WORDS, QHeaderView.ResizeMode.Stretch)
        terms_label = QLabel("&Terms:")
        terms_label.setBuddy(self.table)
        self.term_label = _label("", "Term")
        self.term_label.setObjectName("glossaryTerm")
        font = self.term_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.term_label.setFont(font)
        self.definition_label = _label("", "Definition")
        self.definition_label.setObjectName("glossaryDefinition")
        self.source_label = _label("", "Source")
        self.words = named_table("What each partner calls it", "The organization or system and its word for the "
                                 "chosen term", ["Organization or system", "Word"])
        self.words_label = QLabel("What each partner &calls it:")
        self.words_label.setBuddy(self.words)

        self.new_button = shortcut_button("&New term…", "Ctrl+Shift+N",
                                          "Define a new term and the partners' words for it")
        self.edit_button = button("Ed&it term…", "Change the chosen term, its definition or its words")
        self.archive_button = button("A&rchive term", "Take the chosen term out of the glossary; Ctrl+Z "
                                                                "puts it back")
        may_change = access.reach(actor, access.Action.MANAGE_PARTNERS) is access.Reach.ALLOWED
        if not may_change:  # hide only: showing a widget before it has a parent opens it as a window
            for changing in (self.new_button, self.edit_button, self.archive_button):
                changing.hide()
            self.archived_box.hide()
        self.print_button = shortcut_button("&Print…", "Ctrl+P",
                                            "Preview the glossary as a PDF, then print or save it")
        self.save_button = shortcut_button("Save P&DF…", "Ctrl+Shift+S", "Save the glossary as a PDF file")
        self.status = QLabel("")
        self.status.setAccessibleName("Glossary status")
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.archived_box)
        left, right = QWidget(), QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(terms_label)
        column.addWidget(self.table, 1)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.term_label, self.definition_label, self.source_label, self.words_label):
            column.addWidget(widget)
        column.addWidget(self.words, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("glossarySplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        buttons = QHBoxLayout()
        for widget in (self.new_button, self.edit_button, self.archive_button, self.print_button, self.save_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        chain_tab_order(self.search_box, self.archived_box, self.table, self.words, self.new_button, self.edit_button,
                        self.archive_button, self.print_button, self.save_button)
        self.setFocusProxy(self.search_box)

        self.search_box.textChanged.connect(lambda _text: self.load())
        self.archived_box.toggled.connect(lambda _on: self.load())
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self._show_term())
        self.table.activated.connect(lambda _index: self.edit_term() if may_change else None)
        self.new_button.clicked.connect(self.new_term)
        self.edit_button.clicked.connect(self.edit_term)
        self.archive_button.clicked.connect(self.archive_or_restore)
        self.print_button.clicked.connect(self.print_glossary)
        self.save_button.clicked.connect(self.save_glossary)
        if may_change:
            tab_action(self, "New term", "Ctrl+Shift+N", self.new_term)
        tab_action(self, "Print the glossary", "Ctrl+P", self.print_glossary)
        tab_action(self, "Save the glossary as PDF", "Ctrl+Shift+S", self.save_glossary)
        self._show_term()

    # --- reading ------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        actor = self.actor
        self.ops.run(lambda uow: glossary.choices(uow, actor), on_done=self._put_choices, write=False)

    def _put_choices(self, choices) -> None:
        self.choices = choices
        self.load()

    def load(self) -> None:
        actor, text, archived = self.actor, self.search_box.text(), self.archived_box.isChecked()
        self.ops.run(lambda uow: glossary.list_terms(uow, actor, search=text, include_archived=archived),
                     on_done=lambda rows: self._put_rows(rows, text), write=False)

    def _put_rows(self, rows, text: str) -> None:
        if text != self.search_box.text():
            return  # typed on since: the newer answer is on its way
        chosen = self.chosen_id
        self.model.set_rows(rows)
        line = self.model.row_of(chosen) if chosen is not None else None
        if line is None and rows:
            line = 0
        if line is not None:
            self.table.setCurrentIndex(self.model.index(line, TermColumn.TERM))
        self.table.resizeColumnToContents(TermColumn.TERM)
        self._show_term()
        count = len(rows)
        what = f"{count} term{'s' if count != 1 else ''}"
        verb = "matches" if count == 1 else "match"
        self.status.setText(f"{what} {verb} “{text.strip()}”." if text.strip() else f"{what} in the glossary.")
        self.loaded.emit()

    def current(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_term(self) -> None:
        row = self.current()
        self.chosen_id = row.id if row is not None else self.chosen_id
        self.words.setRowCount(0)
        if row is None:
            self.term_label.setText("No term chosen.")
            self.definition_label.setText("")
            self.source_label.setText("")
        else:
            self.term_label.setText(row.term + (" (archived)" if row.archived else ""))
            self.definition_label.setText(row.definition)
            agreed = f" Agreed by {row.partnership_name}." if row.partnership_name else ""
            self.source_label.setText((f"Source: {row.source}." if row.source else "No source given.") + agreed)
            self.words.setRowCount(len(row.synonyms))
            for n, s in enumerate(row.synonyms):
                self.words.setItem(n, 0, cell(s.who))
                self.words.setItem(n, 1, cell(s.word))
            self.words.resizeColumnToContents(0)
        self.edit_button.setEnabled(row is not None and not row.archived)
        self.archive_button.setEnabled(row is not None)
        self.archive_button.setText("&Restore term" if row is not None and row.archived else "A&rchive term")
        self.archive_button.setAccessibleName(self.archive_button.text().replace("&", ""))

    def apply_changes(self, changes) -> None:
        if changes.glossary or changes.organizations or changes.partnerships:
            self.refresh_when_seen()

    # --- changing -----------------------------------------------------------------------------------------
    def _open(self, dialog: TermDialog, text: str, do, undo, redo) -> None:
        def submitted(values: dict) -> None:
            if not values:
                dialog.finish()
                return
            self.history.perform(text, lambda uow: do(uow, values), lambda uow, last: undo(uow, values, last),
                                 redo=lambda uow, last: redo(uow, values, last),
                                 on_done=lambda result: self._changed(dialog, result), on_error=dialog.refuse)

        dialog.submitted.connect(submitted)
        self.dialog = dialog
        dialog.open()

    def _changed(self, dialog, result) -> None:
        dialog.finish()
        self.chosen_id = result[0].id
        self.load()

    def new_term(self) -> None:
        if self.choices is None or not self.new_button.isVisibleTo(self):
            return
        actor = self.actor
        self._open(TermDialog(self.choices, None, self), "Add glossary term",
                   lambda uow, v: glossary.add_term(uow, actor, **v),
                   lambda uow, _v, last: glossary.archive_term(uow, actor, last[0].id),
                   lambda uow, _v, last: glossary.restore_term(uow, actor, last[0].id))

    def edit_term(self) -> None:
        row, actor = self.current(), self.actor
        if row is None or row.archived or self.choices is None:
            return

        def before(values: dict) -> dict:
            back = {key: getattr(row, key) for key in values if key != "synonyms"}
            if "synonyms" in values:
                back["synonyms"] = [s.as_input() for s in row.synonyms]
            return back

        self._open(TermDialog(self.choices, row, self), f"Edit glossary term “{row.term}”",
                   lambda uow, v: glossary.update_term(uow, actor, row.id, version=row.version, **v),
                   lambda uow, v, _last: glossary.update_term(uow, actor, row.id, **before(v)),
                   lambda uow, v, _last: glossary.update_term(uow, actor, row.id, **v))

    def archive_or_restore(self) -> None:
        row, actor = self.current(), self.actor
        if row is None:
            return
        archive, restore = glossary.archive_term, glossary.restore_term
        first, inverse = (restore, archive) if row.archived else (archive, restore)
        verb = "Restore" if row.archived else "Archive"
        self.history.perform(f"{verb} glossary term “{row.term}”",
                             lambda uow: first(uow, actor, row.id, version=row.version),
                             lambda uow, _last: inverse(uow, actor, row.id),
                             redo=lambda uow, _last: first(uow, actor, row.id),
                             on_done=lambda _result: self.load())

    # --- printing -----------------------------------------------------------------------------------------
    def _pdf(self, then) -> None:
        actor, text = self.actor, self.search_box.text()
        self.ops.run(lambda uow: glossary.glossary_pdf(uow, actor, search=text), on_done=then,
                     progress_text="Preparing the glossary…")

    def print_glossary(self) -> None:
        def show(data: bytes) -> None:
            self.preview = preview_pdf(self, data, "Shared glossary",
                                       on_print=lambda: printing.print_pdf(self.preview or self, data),
                                       on_export=lambda: printing.save_pdf(self.preview or self, data,
                                                                           "Shared glossary.pdf"))

        self._pdf(show)

    def save_glossary(self) -> None:
        def save(data: bytes) -> None:
            path = printing.save_pdf(self, data, "Shared glossary.pdf")
            if path is not None:
                self.status.setText(f"Saved the glossary to {path}.")

        self._pdf(save)


__all__ = ["GlossaryTab"]
