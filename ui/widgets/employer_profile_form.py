"""An employer's profile edited in place: industry, size, worksite, bus lines, accessibility, stage and
notes, with Revert / Save (Ctrl+S), messages next to the field and the user's input kept through a
stale save. The screen runs the save (one undo step) and answers saved(row), refused(exc) or rebase()."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from caseteam.domain.employers import EmployerStage
from caseteam.errors import CaseteamError, ValidationError
from caseteam.services.employers import EmployerProfileRow

from ..dates import local_date
from .editor_parts import SaveBar, fields_scroll
from .field_row import FormFields, edited_signal
from .record_form import choice, line, set_values, text_box

STAGE_CHOICES = [(stage.label, stage) for stage in EmployerStage]


def profile_fields(fields: FormFields) -> FormFields:
    """Mnemonics avoid the menus' F, E, V, O (Reports), H, the list's S, G, Y and Rever&t."""
    line(fields, "industry", "&Industry", description="What the employer does, e.g. grocery retail, hospital")
    line(fields, "size", "Si&ze", description="How many people work there, roughly")
    line(fields, "location", "&Location", description="The worksite, when it is not the mailing address")
    line(fields, "bus_lines", "&Bus lines", description="Public transport that reaches the worksite")
    text_box(fields, "accessibility", "&Accessibility", lines=3,
             description="Entrances, restrooms, noise, lighting: what a job seeker may need to know")
    choice(fields, "stage", "&Pipeline stage", STAGE_CHOICES, description="Where the agency stands with this "
                                                                         "employer")
    text_box(fields, "notes", "&Notes", lines=4, description="How to work with this employer: who decides, "
                                                            "best times to call, what they care about")
    return fields


class EmployerProfileForm(QWidget):
    dirty_changed = Signal(bool)
    save_requested = Signal(object, dict)  # the EmployerProfileRow as loaded, the fields the user changed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.row: EmployerProfileRow | None = None
        self._dirty = False
        self.read_only = False
        inner = QWidget()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        column = QVBoxLayout(inner)
        column.addLayout(form)
        self.stage_since = QLabel("")
        self.stage_since.setAccessibleName("Stage since")
        self.stage_since.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.stage_since)
        column.addStretch(1)
        self.fields = profile_fields(FormFields(form))
        for widget in self.fields.fields.values():
            edited_signal(widget).connect(lambda *_: self._set_dirty(bool(self.edits())))
        self.bar = SaveBar("Employer profile", "Save (Ctrl+S)", "Save the employer's profile",
                           "Put back the values last saved, dropping your changes")
        self.message, self.revert_button, self.save_button = self.bar.message, self.bar.revert_button, \
            self.bar.save_button
        self.revert_button.clicked.connect(self.discard)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(fields_scroll(inner, "Employer profile"), 1)
        layout.addWidget(self.bar)
        self._enable_buttons()

    def focus_order(self) -> list[QWidget]:
        return list(self.fields.fields.values()) + [self.revert_button, self.save_button]

    def set_read_only(self, read_only: bool) -> None:
        """For roles that may not change the pipeline: fields stay focusable and read out."""
        self.read_only = read_only
        for key, widget in self.fields.fields.items():
            if key == "stage":
                widget.setEnabled(not read_only)
            else:
                widget.setReadOnly(read_only)
        self.bar.setVisible(not read_only)

    # --- showing --------------------------------------------------------------------------------
    def show_profile(self, row: EmployerProfileRow) -> None:
        """A fresh copy from the store; unsaved input for the same employer is never overwritten."""
        if self._dirty and self.row is not None and self.row.id == row.id:
            return
        self.load(row)

    def load(self, row: EmployerProfileRow, keep_input: dict | None = None) -> None:
        if self.row is None or self.row.id != row.id:
            self.message.setText("")
        self.row = row
        self.fields.clear_problems()
        set_values(self.fields, {k: getattr(row, k) for k in self.fields.fields})
        set_values(self.fields, keep_input or {})
        self.stage_since.setText(f"{row.stage.label} since {local_date(row.stage_changed_on)}"
                                 if row.stage_changed_on else "")
        self._set_dirty(bool(self.edits()))

    def clear(self) -> None:
        self.row = None
        set_values(self.fields, {k: "" for k in self.fields.fields if k != "stage"})
        self.stage_since.setText("")
        self.message.setText("")
        self._set_dirty(False)

    def edits(self) -> dict:
        if self.row is None:
            return {}
        return {k: v for k, v in self.fields.values().items() if v != getattr(self.row, k)}

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
        changes = self.edits()
        if self.row is None or not changes:
            return self.row is not None
        self.fields.clear_problems()
        self.message.setText("Saving…")
        self.save_button.setEnabled(False)
        self.save_requested.emit(self.row, changes)
        return True

    def saved(self, row: EmployerProfileRow) -> None:
        if self.row is not None and row.id != self.row.id:
            return  # the user moved on to another employer meanwhile
        self.load(row, keep_input=self.edits())
        self.message.setText("Saved. Edit ▸ Undo (Ctrl+Z) puts the previous values back.")

    def refused(self, exc: CaseteamError) -> None:
        self._enable_buttons()
        if isinstance(exc, ValidationError) and exc.field in self.fields.fields:
            self.fields.show_problem(exc.field, exc.message)
            self.message.setText("Not saved: fix the field marked above.")
        else:
            self.message.setText(f"Not saved: {exc.message}")

    def rebase(self, fresh: EmployerProfileRow, typed: dict) -> list[str]:
        """Someone else saved first: their profile with the user's input on top; returns what they changed."""
        old = self.row
        theirs = [self.fields.labels[k] for k in self.fields.fields
                  if old is not None and getattr(fresh, k) != getattr(old, k)]
        self.load(fresh, keep_input=typed)
        self.message.setText("Not saved: someone else changed this profile while you were editing "
                             f"({', '.join(theirs) or 'no field shown here'}). Your input is kept; check it and "
                             "save again.")
        return theirs
