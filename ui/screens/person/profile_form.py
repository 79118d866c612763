"""Edit every field of a person's record, with messages next to the field and no lost input.

Save is one undo step (the inverse saves the previous values back). A stale save keeps what the user
typed, reloads the saved record, and says which fields someone else changed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from caseteam.domain.people import RepresentativeAuthority
from caseteam.errors import Conflict, ValidationError
from caseteam.services import people, task_board

from ...widgets.date_field import DateField

TEXT = (("given_name", "&Given name"), ("family_name", "Fa&mily name"), ("preferred_name", "P&referred name"),
        ("phone", "Ph&one"), ("email", "Emai&l"), ("street", "Street"), ("city", "City"), ("region", "State"),
        ("postal_code", "ZIP code"), ("preferred_language", "Preferred lang&uage"),
        ("interpreter", "&Interpreter"), ("representative_name", "Representative's name"),
        ("representative_relationship", "Relationship"), ("representative_contact", "Representative's contact"))
LONG = (("communication_needs", "Communication needs"), ("accommodations", "Accommodations"),
        ("referral_note", "Referral note"))
DATES = (("date_of_birth", "Date of &birth"), ("referral_date", "Referral date"))
CHOICES = (("representative_authority", "Representative's authority"), ("referral_source_id", "Referred by"),
           ("lead_staff_id", "Lead job developer"), ("home_organization_id", "Home organization"))
LABELS = {key: text.replace("&", "") for key, text in TEXT + LONG + DATES + CHOICES}


class ProfileForm(QWidget):
    dirty_changed = Signal(bool)
    saved = Signal(object)  # PersonRow
    loaded = Signal(object)

    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(parent)
        self.ops, self.actor, self.history, self.person_id = ops, actor, history, person_id
        self.row: people.PersonRow | None = None
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._dirty = False
        inner = QWidget()
        form = QFormLayout(inner)
        for key, text in TEXT:
            self._add(form, key, text, QLineEdit())
        for key, text in DATES:
            self._add(form, key, text, DateField(LABELS[key]))
        for key, text in LONG:
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().height() * 4)
            self._add(form, key, text, edit)
        for key, text in CHOICES:
            combo = QComboBox()
            if key == "representative_authority":
                for authority in RepresentativeAuthority:
                    combo.addItem(authority.label or "None", authority)
            self._add(form, key, text, combo)
        scroll = QScrollArea()
        scroll.setAccessibleName("Profile fields")
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Save status")
        self.save_button = QPushButton("Save (Ctrl+S)")
        self.revert_button = QPushButton("Revert")
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.discard)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

    def _add(self, form: QFormLayout, key: str, text: str, widget: QWidget) -> None:
        label = QLabel(text + ":")
        label.setBuddy(widget)
        widget.setAccessibleName(LABELS[key])
        error = QLabel("")
        error.setAccessibleName(f"Problem with {LABELS[key]}")
        error.setWordWrap(True)
        error.setStyleSheet("color: palette(highlighted-text); background: #a61b1b; padding: 2px;")
        error.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        column.addWidget(error)
        form.addRow(label, box)
        self.fields[key], self.errors[key] = widget, error
        signal = getattr(widget, "textChanged", None) or getattr(widget, "edited", None) \
            or getattr(widget, "currentIndexChanged", None)
        signal.connect(lambda *_: self._mark_dirty())

    # --- loading -------------------------------------------------------------------------------
    def load(self) -> None:
        actor, person_id = self.actor, self.person_id
        self.ops.run(lambda uow: (people.get_person(uow, actor, person_id), task_board.choices(uow, actor)),
                     on_done=lambda result: self._fill(*result), write=False)

    def _fill(self, row: people.PersonRow, choices, keep_input: dict | None = None) -> None:
        self.row = row
        for key in ("referral_source_id", "home_organization_id"):
            self._fill_combo(self.fields[key], "Not recorded", choices.organizations)
        self._fill_combo(self.fields["lead_staff_id"], "No lead yet", [(i, n) for i, _o, n in choices.staff])
        for key in self.fields:
            self._set(key, getattr(row, key))
        if keep_input:
            for key, value in keep_input.items():
                self._set(key, value)
        self._set_dirty(bool(keep_input))
        self.loaded.emit(row)

    @staticmethod
    def _fill_combo(combo: QComboBox, none_text: str, items) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(none_text, None)
        for key, name in items:
            combo.addItem(name, key)
        combo.blockSignals(False)

    def _set(self, key: str, value) -> None:
        widget = self.fields[key]
        widget.blockSignals(True)
        if isinstance(widget, QLineEdit):
            widget.setText(value or "")
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif isinstance(widget, DateField):
            widget.set_value(value)
        else:
            index = widget.findData(value)
            if index < 0 and value is not None:  # e.g. a lead who has since left: keep showing them
                widget.addItem(str(value), value)
                index = widget.count() - 1
            widget.setCurrentIndex(max(0, index))
        widget.blockSignals(False)

    def value(self, key: str):
        widget = self.fields[key]
        if isinstance(widget, QLineEdit):
            return widget.text().strip()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip()
        if isinstance(widget, DateField):
            return widget.value()
        return widget.currentData()

    def edits(self) -> dict:
        """Fields whose value differs from the record as loaded."""
        if self.row is None:
            return {}
        return {k: self.value(k) for k in self.fields if self.value(k) != (getattr(self.row, k) or
                                                                          ("" if isinstance(self.value(k), str) else None))}

    # --- dirty state ------------------------------------------------------------------------------
    def _mark_dirty(self) -> None:
        self._set_dirty(bool(self.edits()))

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def discard(self) -> None:
        if self.row is not None:
            for key in self.fields:
                self._set(key, getattr(self.row, key))
        self._clear_errors()
        self._set_dirty(False)

    # --- saving -----------------------------------------------------------------------------------
    def save(self) -> bool:
        """Start saving the edits; True when there was something valid to send."""
        changes = self.edits()
        if self.row is None or not changes:
            return self.row is not None
        self._clear_errors()
        before = {k: getattr(self.row, k) for k in changes}
        actor, person_id, version = self.actor, self.person_id, self.row.version

        def undo(uow, result):
            return people.update_person(uow, actor, person_id, version=result[0].version, **before)

        self.history.perform(f"Save {self.row.display_name}'s profile",
                             lambda uow: people.update_person(uow, actor, person_id, version=version, **changes),
                             undo, on_done=lambda result: self._saved(result[0]),
                             on_error=lambda exc: self._refused(exc, changes))
        return True

    def _saved(self, row) -> None:
        self.row = row
        self._set_dirty(bool(self.edits()))
        self.message.setText(f"Saved. {row.display_name}'s record is version {row.version}.")
        self.saved.emit(row)

    def _refused(self, exc, typed: dict) -> None:
        if isinstance(exc, ValidationError) and exc.field in self.errors:
            self._show_error(exc.field, exc.message)
            self.message.setText("Not saved: fix the field marked below.")
            return
        if isinstance(exc, Conflict):
            old = self.row
            actor, person_id = self.actor, self.person_id

            def reloaded(result):
                fresh, choices = result
                theirs = [LABELS[k] for k in self.fields if getattr(fresh, k) != getattr(old, k)]
                self._fill(fresh, choices, keep_input=typed)
                self.message.setText("Not saved: someone else changed this record while you were editing "
                                     f"({', '.join(theirs) or 'no field you can see'}). Your input is kept; "
                                     "check it against theirs and save again.")

            self.ops.run(lambda uow: (people.get_person(uow, actor, person_id), task_board.choices(uow, actor)),
                         on_done=reloaded, write=False)
            return
        self.message.setText(f"Not saved: {exc.message}")

    def _show_error(self, key: str, text: str) -> None:
        self.errors[key].setText(f"⚠ {text}")
        self.errors[key].show()
        self.fields[key].setFocus()

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            label.hide()
            label.setText("")
        self.message.setText("")
