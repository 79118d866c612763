"""A partner organization's own fields: the in-place Overview editor (Save / Revert, messages next to
the field, input kept through a stale save) and the New organization dialog, built from one list."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from caseteam.domain.organizations import OrganizationKind
from caseteam.errors import CaseteamError, ValidationError
from caseteam.services.organizations import OrganizationRow

from .editor_parts import SaveBar, fields_scroll
from .field_row import FormFields, edited_signal
from .record_form import RecordDialog, choice, email_problem, line, required, set_values, show_problems, text_box

KIND_CHOICES = [(kind.label, kind) for kind in OrganizationKind]


def organization_fields(fields: FormFields) -> FormFields:
    """Mnemonics avoid the menus' F, E, V, H, the directory's own S, D and R, and Rever&t."""
    line(fields, "name", "&Name")
    choice(fields, "kind", "K&ind", KIND_CHOICES, description="What sort of partner this is")
    for key, text in (("street", "Street"), ("city", "&City"), ("region", "St&ate"), ("postal_code", "&ZIP code"),
                      ("phone", "&Phone"), ("email", "E-&mail"), ("website", "&Website")):
        line(fields, key, text)
    text_box(fields, "notes", "N&otes", lines=4, description="How to work with this partner: hours, how referrals "
                                                             "and releases reach them, who to ask")
    return fields


def check_organization(values: dict) -> dict[str, str]:
    return required(values, {"name": "The organization's name"}, "name") | email_problem(values)


class NewOrganizationDialog(RecordDialog):
    def __init__(self, parent=None) -> None:
        super().__init__("New organization", "Add organization", None, parent,
                         intro="A partner agency, program operator or employer. Programs and staff are added once "
                               "it is saved.")
        organization_fields(self.fields)
        self.resize(560, self.sizeHint().height())
        self.fill({"kind": OrganizationKind.CRP})

    def problems(self, values: dict) -> dict[str, str]:
        return check_organization(values)


class OrganizationOverview(QWidget):
    """Edit the selected organization in place. The screen runs the save (one undo step) and answers
    with `saved(row)`, `refused(exc)` or, for a stale copy, `rebase(fresh)`."""

    dirty_changed = Signal(bool)
    save_requested = Signal(object, dict)  # the OrganizationRow as loaded, the fields the user changed
    saved_row = Signal(object)  # the OrganizationRow as saved

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.row: OrganizationRow | None = None
        self._dirty = False
        inner = QWidget()  # fields at their natural height, the spare room below them
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        column = QVBoxLayout(inner)
        column.addLayout(form)
        column.addStretch(1)
        self.fields = organization_fields(FormFields(form))
        for widget in self.fields.fields.values():
            edited_signal(widget).connect(lambda *_: self._mark_dirty())
        self.bar = SaveBar("Organization", "Save (Ctrl+S)", "Save the organization's changes",
                           "Put back the values last saved, dropping your changes")
        self.message, self.revert_button, self.save_button = self.bar.message, self.bar.revert_button, \
            self.bar.save_button
        self.revert_button.clicked.connect(self.discard)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(fields_scroll(inner, "Organization details"), 1)
        layout.addWidget(self.bar)
        self._enable_buttons()

    def focus_order(self) -> list[QWidget]:
        return list(self.fields.fields.values()) + [self.revert_button, self.save_button]

    # --- showing --------------------------------------------------------------------------------
    def show_organization(self, row: OrganizationRow) -> None:
        """A fresh copy from the store. Unsaved input for the same organization is never overwritten."""
        if self._dirty and self.row is not None and self.row.id == row.id:
            return
        self.load(row)

    def load(self, row: OrganizationRow, keep_input: dict | None = None) -> None:
        if self.row is None or self.row.id != row.id:
            self.message.setText("")
        self.row = row
        self.fields.clear_problems()
        set_values(self.fields, {k: getattr(row, k) for k in self.fields.fields})
        set_values(self.fields, keep_input or {})
        for widget in self.fields.fields.values():
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setReadOnly(row.archived)  # still focusable and read out by a screen reader
            else:
                widget.setEnabled(not row.archived)
        if row.archived:
            self.message.setText("This organization is archived. Restore it (Ctrl+Shift+R) to edit it.")
        self._set_dirty(bool(self.edits()))

    def clear(self) -> None:
        self.row = None
        set_values(self.fields, {k: "" for k in self.fields.fields if k != "kind"})
        self.message.setText("")
        self._set_dirty(False)

    def edits(self) -> dict:
        if self.row is None:
            return {}
        return {k: v for k, v in self.fields.values().items() if v != getattr(self.row, k)}

    # --- dirty state ------------------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        self._set_dirty(bool(self.edits()))

    def _set_dirty(self, dirty: bool) -> None:
        changed = dirty != self._dirty
        self._dirty = dirty
        self._enable_buttons()
        if changed:
            self.dirty_changed.emit(dirty)

    def _enable_buttons(self) -> None:
        self.bar.enable(can_save=self._dirty, can_revert=self._dirty)

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def discard(self) -> None:
        if self.row is not None:
            self.load(self.row)
        self.message.setText("Your changes were put back to the saved values." if self.row else "")

    # --- saving -----------------------------------------------------------------------------------
    def save(self) -> bool:
        """Check the input and ask the screen to save it; True when there was something valid to send."""
        changes = self.edits()
        if self.row is None or not changes:
            return self.row is not None
        self.fields.clear_problems()
        problems = check_organization(self.fields.values())
        if problems:
            show_problems(self.fields, problems)
            self.message.setText("Not saved: fix the field marked above.")
            return False
        self.message.setText("Saving…")
        self.save_button.setEnabled(False)
        self.save_requested.emit(self.row, changes)
        return True

    def saved(self, row: OrganizationRow) -> None:
        if self.row is not None and row.id != self.row.id:
            return  # the user moved on to another organization meanwhile
        self.row = row
        self._set_dirty(bool(self.edits()))
        self.message.setText("Saved. Edit ▸ Undo (Ctrl+Z) puts the previous values back.")
        self.saved_row.emit(row)

    def refused(self, exc: CaseteamError) -> None:
        self._enable_buttons()
        if isinstance(exc, ValidationError) and exc.field in self.fields.fields:
            self.fields.show_problem(exc.field, exc.message)
            self.message.setText("Not saved: fix the field marked above.")
        else:
            self.message.setText(f"Not saved: {exc.message}")

    def rebase(self, fresh: OrganizationRow, typed: dict) -> list[str]:
        """Someone else saved first: show their record with the user's input on top; return what they changed."""
        old = self.row
        theirs = [self.fields.labels[k] for k in self.fields.fields
                  if old is not None and getattr(fresh, k) != getattr(old, k)]
        self.load(fresh, keep_input=typed)
        self.message.setText("Not saved: someone else changed this organization while you were editing "
                             f"({', '.join(theirs) or 'no field shown here'}). Your input is kept; check it and "
                             "save again.")
        return theirs
