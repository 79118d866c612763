"""An organization's own clause wording for each kind of agreement: the sections in order (add, remove,
move up and down), each with its title and text; a help box with the placeholders a draft fills and a
warning for any {placeholder} no draft knows; "Use built-in wording" goes back to the defaults. Saving
replaces the organization's set for that kind; agreements drafted from then on use it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout

from caseteam.domain.agreements import AgreementKind
from caseteam.services import agreement_templates

from ..widgets.field_row import PROBLEM_STYLE
from .agreement_parties import titled
from .agreement_sections import SectionsEditor
from .agreement_setup import AgreementSetupDialog

def confirm_reset(parent, organization_name: str, kind_label: str) -> bool:
    """Yes / No, No the default: the organization's own wording is archived (kept, not deleted)."""
    answer = QMessageBox.question(
        parent, "Use built-in wording",
        f"Use the built-in wording ({kind_label}) at {organization_name}? Its own wording is put "
        "aside (kept in the history) and agreements drafted from now on use the defaults.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def placeholder_help() -> str:
    lines = [f"{{{name}}} — {what}" for name, what in agreement_templates.PLACEHOLDERS]
    return "Write these in the text and a draft fills them from its data:\n" + "\n".join(lines)


class ClauseTemplatesDialog(AgreementSetupDialog):
    def __init__(self, ops, actor, organization_id, organization_name: str, parent=None, *,
                 kind: AgreementKind = AgreementKind.MOU) -> None:
        super().__init__(ops, actor, organization_id, organization_name, "Agreement clauses", parent)
        self.confirm = confirm_reset  # tests replace it
        self.kind = kind  # the kind on screen (the combo may be on its way to another)
        self.own = False

        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("Kind of agreement")
        for value in AgreementKind:
            self.kind_box.addItem(value.label, value)
        self.kind_box.setCurrentIndex(list(AgreementKind).index(kind))
        self.source = QLabel("")
        self.source.setWordWrap(True)
        self.source.setAccessibleName("Whose wording this is")
        top = QHBoxLayout()
        top.addWidget(titled("&Kind:", self.kind_box))
        top.addWidget(self.kind_box)
        top.addWidget(self.source, 1)
        self.body.addLayout(top)

        self.editor = SectionsEditor()  # the same list and boxes as the draft editor's sections
        self.list = self.editor.list
        self.editor.body_box.setAccessibleDescription("Placeholders in braces, such as {person_name}, are filled "
                                                      "when a draft is made")
        self.warning = QLabel("")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Unknown placeholders")
        self.warning.setStyleSheet(PROBLEM_STYLE)
        self.warning.hide()
        self.body.addWidget(self.editor, 1)
        self.body.addWidget(self.warning)

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
        self.editor.changed.connect(self._edited)
        self.reset_button.clicked.connect(self.use_built_in)
        order = [self.kind_box, *self.editor.focus_order()]
        for first, second in zip(order, order[1:]):
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
        self.editor.set_sections(rows)
        if rows:
            self.list.setCurrentRow(max(0, min(current, len(rows) - 1)))
        self.source.setText(f"{self.organization_name}'s own wording." if own else
                            f"The built-in wording: {self.organization_name} has none of its own for this kind "
                            "yet. Change it and save to make it theirs.")
        self._check_placeholders()
        self._enable()

    @property
    def sections(self) -> list[list[str]]:
        return self.editor.sections

    def _edited(self) -> None:
        self._check_placeholders()
        self.mark_dirty()

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
        self.say(f"{self.organization_name} uses the built-in wording ({kind.label}) again.")

    # --- saving ---------------------------------------------------------------------------------
    def _save_job(self):
        sections = self.editor.value()
        untitled = next((n for n, (_k, title, _b) in enumerate(sections, start=1) if not title), None)
        if untitled is not None:
            self.list.setCurrentRow(untitled - 1)
            self.editor.title_box.setFocus(Qt.FocusReason.OtherFocusReason)
            self.say(f"⚠ Not saved: section {untitled} needs a title.", problem=True)
            return None
        actor, key, kind = self.actor, self.organization_id, self.kind
        return lambda uow: agreement_templates.save_clause_templates(uow, actor, key, kind, sections)

    def _saved(self, result) -> None:
        self._show_rows(self.kind, result[0], True, self.list.currentRow())

