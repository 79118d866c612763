"""A record edited in place beside a list (an organization's overview, an employer's profile): the
fields, Revert / Save, messages next to the field and the user's input kept through a stale save.
The screen runs the save (one undo step) and answers saved(row), refused(exc) or rebase(fresh, typed)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget

from caseteam.errors import CaseteamError, ValidationError

from .editor_parts import SaveBar, fields_scroll
from .field_row import FormFields, edited_signal
from .record_form import set_values, show_problems


class InPlaceForm(QWidget):
    dirty_changed = Signal(bool)
    save_requested = Signal(object, dict)  # the row as loaded, the fields the user changed

    # Set by each form: how the record is named in its messages, and the field a cleared form keeps.
    THIS = "this record"
    KEPT_ON_CLEAR = ""

    def __init__(self, build_fields, bar: tuple[str, str, str, str], scroll_name: str, parent=None) -> None:
        """`bar` is the SaveBar's name, save text, save description and revert description."""
        super().__init__(parent)
        self.row = None
        self._dirty = False
        inner = QWidget()  # fields at their natural height, the spare room below them
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.column = QVBoxLayout(inner)
        self.column.addLayout(form)
        self.fields = build_fields(FormFields(form))
        for widget in self.fields.fields.values():
            edited_signal(widget).connect(lambda *_: self._set_dirty(bool(self.edits())))
        self.bar = SaveBar(*bar)
        self.message, self.revert_button, self.save_button = self.bar.message, self.bar.revert_button, \
            self.bar.save_button
        self.revert_button.clicked.connect(self.discard)
        self.save_button.clicked.connect(self.save)
        self._inner, self._scroll_name = inner, scroll_name

    def _finish_layout(self) -> None:
        """Called by the subclass once it has added its own widgets below the fields."""
        self.column.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(fields_scroll(self._inner, self._scroll_name), 1)
        layout.addWidget(self.bar)
        self._enable_buttons()

    def focus_order(self) -> list[QWidget]:
        return list(self.fields.fields.values()) + [self.revert_button, self.save_button]

    # --- showing --------------------------------------------------------------------------------
    def show_row(self, row) -> None:
        """A fresh copy from the store; unsaved input for the same record is never overwritten."""
        if self._dirty and self.row is not None and self.row.id == row.id:
            return
        self.load(row)

    def load(self, row, keep_input: dict | None = None) -> None:
        if self.row is None or self.row.id != row.id:
            self.message.setText("")
        self.row = row
        self.fields.clear_problems()
        set_values(self.fields, {k: getattr(row, k) for k in self.fields.fields})
        set_values(self.fields, keep_input or {})
        self._loaded(row)
        self._set_dirty(bool(self.edits()))

    def _loaded(self, row) -> None:
        """What a form shows beyond its fields once a row is in."""

    def clear(self) -> None:
        self.row = None
        set_values(self.fields, {k: "" for k in self.fields.fields if k != self.KEPT_ON_CLEAR})
        self.message.setText("")
        self._set_dirty(False)

    def edits(self) -> dict:
        if self.row is None:
            return {}
        return {k: v for k, v in self.fields.values().items() if v != getattr(self.row, k)}

    # --- dirty state ------------------------------------------------------------------------------
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
    def problems(self, values: dict) -> dict[str, str]:
        """Checks made before asking the store; none unless the form says."""
        return {}

    def save(self) -> bool:
        """Check the input and ask the screen to save it; True when there was something valid to send."""
        changes = self.edits()
        if self.row is None or not changes:
            return self.row is not None
        self.fields.clear_problems()
        problems = self.problems(self.fields.values())
        if problems:
            show_problems(self.fields, problems)
            self.message.setText("Not saved: fix the field marked above.")
            return False
        self.message.setText("Saving…")
        self.save_button.setEnabled(False)
        self.save_requested.emit(self.row, changes)
        return True

    def saved(self, row) -> bool:
        """The save went through; False when the user had moved on to another record meanwhile."""
        if self.row is not None and row.id != self.row.id:
            return False
        self._take_saved(row)
        self.message.setText("Saved. Edit ▸ Undo (Ctrl+Z) puts the previous values back.")
        return True

    def _take_saved(self, row) -> None:
        self.load(row, keep_input=self.edits())

    def refused(self, exc: CaseteamError) -> None:
        self._enable_buttons()
        if isinstance(exc, ValidationError) and exc.field in self.fields.fields:
            self.fields.show_problem(exc.field, exc.message)
            self.message.setText("Not saved: fix the field marked above.")
        else:
            self.message.setText(f"Not saved: {exc.message}")

    def rebase(self, fresh, typed: dict) -> list[str]:
        """Someone else saved first: their record with the user's input on top; returns what they changed."""
        old = self.row
        theirs = [self.fields.labels[k] for k in self.fields.fields
                  if old is not None and getattr(fresh, k) != getattr(old, k)]
        self.load(fresh, keep_input=typed)
        self.message.setText(f"Not saved: someone else changed {self.THIS} while you were editing "
                             f"({', '.join(theirs) or 'no field shown here'}). Your input is kept; check it and "
                             "save again.")
        return theirs
