"""An organization's own clause wording for each kind of agreement: the sections in order (add, remove,
move up and down), each with its title and text; a help box with the placeholders a draft fills and a
warning for any {placeholder} no draft knows; "Use built-in wording" goes back to the defaults. Saving
replaces the organization's set for that kind; agreements drafted from then on use it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout)

from caseteam.domain.agreements import AgreementKind
from caseteam.services import agreement_templates

from ..widgets.field_row import PROBLEM_STYLE, set_field_value
from .agreement_setup import AgreementSetupDialog

NEW_TITLE = "New section"


def confirm_reset(parent, organization_name: str, kind_label: str) -> bool:
    """Yes / No, No the default: the organization's own wording is archived (kept, not deleted)."""
    answer = QMessageBox.question(
        parent, "Use built-in wording",
        f"Use the built-in wording for {kind_label} agreements at {organization_name}? Its own wording is put "
        "aside (kept in the history) and agreements drafted from now on use the defaults.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def placeholder_help() -> str:
    lines = [f"{{{name}}} — {what}" for name, what in agreement_templates.PLACEHOLDERS]
    return "Write these in the text and a draft fills them from its data:\n" + "\n".join(lines)


def _labelled(text: str, widget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class ClauseTemplatesDialog(AgreementSetupDialog):
    def __init__(self, ops, actor, organization_id, organization_name: str, parent=None, *,
                 kind: AgreementKind = AgreementKind.MOU) -> None:
        super().__init__(ops, actor, organization_id, organization_name, "Agreement clauses", parent)
        self.confirm = confirm_reset  # tests replace it
        self.kind = kind  # the kind on screen (the combo may be on its way to another)
        self.own = False
        self.sections: list[list[str]] = []  # [key, title, body] in order; key "" until the store names it
        self._showing = False

        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("Kind of agreement")
        for value in AgreementKind:
            self.kind_box.addItem(value.label, value)
        self.kind_box.setCurrentIndex(list(AgreementKind).index(kind))
        self.source = QLabel("")
        self.source.setWordWrap(True)
        self.source.setAccessibleName("Whose wording this is")
        top = QHBoxLayout()
        top.addWidget(_labelled("&Kind:", self.kind_box))
        top.addWidget(self.kind_box)
        top.addWidget(self.source, 1)
        self.body.addLayout(top)

        self.list = QListWidget()
        self.list.setAccessibleName("Sections")
        self.list.setAccessibleDescription("The agreement's sections in the order they print")
        self.add_button = QPushButton("&Add section")
        self.remove_button = QPushButton("&Remove section")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move &down")
        for button, said in ((self.add_button, "A new section after the chosen one"),
                             (self.remove_button, "The chosen section is left out of this wording"),
                             (self.up_button, "The chosen section prints one place earlier"),
                             (self.down_button, "The chosen section prints one place later")):
            button.setAccessibleDescription(said)
        self.title = QLineEdit()
        self.title.setAccessibleName("Section title")
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName("Section text")
        self.text.setAccessibleDescription("Placeholders in braces, such as {person_name}, are filled when a "
                                           "draft is made")
        self.title_problem = QLabel("")
        self.title_problem.setStyleSheet(PROBLEM_STYLE)
        self.title_problem.setWordWrap(True)
        self.title_problem.hide()
        self.warning = QLabel("")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Unknown placeholders")
        self.warning.setStyleSheet(PROBLEM_STYLE)
        self.warning.hide()
        grid = QGridLayout()
        grid.addWidget(_labelled("Sectio&ns:", self.list), 0, 0)
        grid.addWidget(self.list, 1, 0, 4, 1)
        moves = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            moves.addWidget(button)
        grid.addLayout(moves, 5, 0)
        grid.addWidget(_labelled("T&itle:", self.title), 0, 1)
        grid.addWidget(self.title, 1, 1)
        grid.addWidget(self.title_problem, 2, 1)
        grid.addWidget(_labelled("&Text:", self.text), 3, 1)
        grid.addWidget(self.text, 4, 1)
        grid.addWidget(self.warning, 5, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setRowStretch(4, 1)
        self.body.addLayout(grid, 1)

        help_box = QGroupBox("Placeholders")
        self.help = QLabel(placeholder_help())
        self.help.setWordWrap(True)
        self.help.setAccessibleName("Placeholders a draft fills")
        self.help.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        inner = QVBoxLayout(help_box)
        inner.addWidget(self.help)
        self.body.addWidget(help_box)
        self.reset_button = QPushButton("Use &built-in wording")
        self.reset_button.setAccessibleDescription("Go back to caseteam's default sections for this kind")
        self.buttons.addButton(self.reset_button, self.buttons.ButtonRole.ResetRole)

        self.kind_box.currentIndexChanged.connect(self._kind_chosen)
        self.list.currentRowChanged.connect(self._show_section)
        self.title.textEdited.connect(self._title_edited)
        self.text.textChanged.connect(self._text_edited)
        self.add_button.clicked.connect(self.add_section)
        self.remove_button.clicked.connect(self.remove_section)
        self.up_button.clicked.connect(lambda: self.move_section(-1))
        self.down_button.clicked.connect(lambda: self.move_section(1))
        self.reset_button.clicked.connect(self.use_built_in)
        for first, second in zip(order := [self.kind_box, self.list, self.add_button, self.remove_button,
                                           self.up_button, self.down_button, self.title, self.text],
                                 order[1:]):
            self.setTabOrder(first, second)
        self.resize(980, 680)
        self._enable()

    # --- loading --------------------------------------------------------------------------------
    def _load_job(self):
        actor, key, kind = self.actor, self.organization_id, self.kind_box.currentData()
        return lambda uow: (kind, *agreement_templates.clause_templates(uow, actor, key, kind))

    def _show_loaded(self, result) -> None:
        kind, rows, own = result
        self._show_rows(kind, rows, own)

    def _show_rows(self, kind: AgreementKind, rows, own: bool, current: int = 0) -> None:
        self.kind, self.own = kind, own
        self.sections = [[row.section_key, row.title, row.body] for row in rows]
        self.source.setText(f"{self.organization_name}'s own wording." if own else
                            f"The built-in wording: {self.organization_name} has none of its own for "
                            f"{kind.label} agreements yet. Change it and save to make it theirs.")
        self._refill(current)

    def _refill(self, current: int) -> None:
        self._showing = True
        try:
            self.list.clear()
            for number, (_key, title, _body) in enumerate(self.sections, start=1):
                self.list.addItem(f"{number}. {title or '(no title)'}")
        finally:
            self._showing = False
        if self.sections:
            self.list.setCurrentRow(max(0, min(current, len(self.sections) - 1)))
        else:
            self._show_section(-1)
        self._check_placeholders()
        self._enable()

    def _show_section(self, number: int) -> None:
        if self._showing:
            return
        self.title_problem.hide()
        section = self.sections[number] if 0 <= number < len(self.sections) else None
        set_field_value(self.title, section[1] if section else "")
        set_field_value(self.text, section[2] if section else "")
        self.title.setEnabled(section is not None)
        self.text.setEnabled(section is not None)
        self._enable()

    # --- editing --------------------------------------------------------------------------------
    def current(self) -> int:
        return self.list.currentRow() if 0 <= self.list.currentRow() < len(self.sections) else -1

    def _title_edited(self, text: str) -> None:
        number = self.current()
        if number < 0:
            return
        self.sections[number][1] = text
        self.list.item(number).setText(f"{number + 1}. {text.strip() or '(no title)'}")
        self.title_problem.hide()
        self.mark_dirty()

    def _text_edited(self) -> None:
        number = self.current()
        if number < 0 or self.text.signalsBlocked():
            return
        self.sections[number][2] = self.text.toPlainText()
        self._check_placeholders()
        self.mark_dirty()

    def add_section(self) -> None:
        at = self.current() + 1 if self.sections else 0
        self.sections.insert(at, ["", NEW_TITLE, ""])
        self._refill(at)
        self.mark_dirty()
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)
        self.title.selectAll()

    def remove_section(self) -> None:
        number = self.current()
        if number >= 0:
            del self.sections[number]
            self._refill(number)
            self.mark_dirty()

    def move_section(self, step: int) -> None:
        number = self.current()
        to = number + step
        if number < 0 or not 0 <= to < len(self.sections):
            return
        self.sections[number], self.sections[to] = self.sections[to], self.sections[number]
        self._refill(to)
        self.mark_dirty()
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _check_placeholders(self) -> None:
        found = []
        for number, (_key, title, body) in enumerate(self.sections, start=1):
            unknown = agreement_templates.unknown_placeholders(f"{title}\n{body}")
            if unknown:
                found.append(f"section {number} ({title.strip()}): " + ", ".join(f"{{{n}}}" for n in unknown))
        self.warning.setText("⚠ No draft fills " + "; ".join(found) + ". They print as written unless you "
                             "correct them (see the list of placeholders below)." if found else "")
        self.warning.setVisible(bool(found))
        self.warning.setAccessibleDescription(self.warning.text())

    def _enable(self) -> None:
        number = self.current()
        self.remove_button.setEnabled(number >= 0)
        self.up_button.setEnabled(number > 0)
        self.down_button.setEnabled(0 <= number < len(self.sections) - 1)
        self.reset_button.setEnabled(self.loaded and (self.own or self.has_unsaved_changes()))

    def set_dirty(self, dirty: bool) -> None:
        super().set_dirty(dirty)
        if hasattr(self, "reset_button"):
            self._enable()

    # --- another kind, the built-in wording -------------------------------------------------------
    def _kind_chosen(self, _index: int) -> None:
        wanted = self.kind_box.currentData()
        if wanted == self.kind:
            return
        self._set_kind_box(self.kind)  # stays until the edits on screen are saved or discarded

        def go() -> None:
            self._set_kind_box(wanted)
            self.load()

        self.leave_edits(go)

    def _set_kind_box(self, kind: AgreementKind) -> None:
        blocked = self.kind_box.blockSignals(True)
        self.kind_box.setCurrentIndex(list(AgreementKind).index(kind))
        self.kind_box.blockSignals(blocked)

    def use_built_in(self) -> None:
        if not self.own:
            self.load()  # only unsaved edits of the defaults to drop
            return
        if not self.confirm(self, self.organization_name, self.kind.label):
            return
        actor, key, kind = self.actor, self.organization_id, self.kind
        self.ops.run(lambda uow: agreement_templates.reset_clause_templates(uow, actor, key, kind),
                     on_done=lambda result: self._reset_done(kind, result[0]), on_error=self.refuse)

    def _reset_done(self, kind: AgreementKind, rows) -> None:
        self._show_rows(kind, rows, False)
        self.set_dirty(False)
        self.say(f"{self.organization_name} uses the built-in wording for {kind.label} agreements again.")

    # --- saving ---------------------------------------------------------------------------------
    def _save_job(self):
        for number, (_key, title, _body) in enumerate(self.sections):
            if not title.strip():
                self.list.setCurrentRow(number)
                self._title_problem(f"Section {number + 1} needs a title.")
                return None
        actor, key, kind = self.actor, self.organization_id, self.kind
        sections = [(k, title.strip(), body) for k, title, body in self.sections]
        return lambda uow: agreement_templates.save_clause_templates(uow, actor, key, kind, sections)

    def _title_problem(self, message: str) -> None:
        self.title_problem.setText(f"⚠ {message}")
        self.title_problem.show()
        self.title.setAccessibleDescription(message)
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def _saved(self, result) -> None:
        self._show_rows(self.kind, result[0], True, self.current())

