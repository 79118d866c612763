"""The partner directory's add/edit dialog, built on field_row's FormDialog: tick boxes besides the
labelled fields, only the changed values sent for an edit, checks that need no database, and a stale
save that keeps the user's input and says which fields someone else changed.

Like every FormDialog it never saves by itself: the screen runs the service on `submitted` and
answers with `finish()`, `refuse(exc)` or, for a stale copy, `rebase(fresh_row)`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from .field_row import FormDialog, FormFields, plain_text_box, set_field_value


def line(fields: FormFields, key: str, text: str, *, description: str = "") -> QLineEdit:
    return fields.add(key, text, QLineEdit(), description=description)


def text_box(fields: FormFields, key: str, text: str, *, lines: int = 3, description: str = "") -> QWidget:
    return fields.add(key, text, plain_text_box(lines), description=description)


def choice(fields: FormFields, key: str, text: str, items, *, description: str = "") -> QComboBox:
    combo = QComboBox()
    for caption, data in items:
        combo.addItem(caption, data)
    return fields.add(key, text, combo, description=description)


def set_values(fields: FormFields, values: dict[str, Any]) -> None:
    for key, value in values.items():
        if key in fields.fields:
            set_field_value(fields.fields[key], value)


def show_problems(fields: FormFields, problems: dict[str, str]) -> None:
    for number, (key, message) in enumerate(problems.items()):
        fields.show_problem(key, message, focus=number == 0)


def required(values: dict, names: dict[str, str], *keys: str) -> dict[str, str]:
    return {key: f"{names[key]} is required." for key in keys if not values.get(key)}


def email_problem(values: dict, key: str = "email") -> dict[str, str]:
    text = values.get(key) or ""
    if text and ("@" not in text or text.startswith("@") or text.endswith("@") or " " in text):
        return {key: "This does not look like an e-mail address; it needs a name, an @ and a domain, "
                     "like kim@example.org."}
    return {}


class RecordDialog(FormDialog):
    """Add (row None) or edit one record. Subclasses add fields and say what `problems` refuses."""

    def __init__(self, title: str, ok_text: str, row=None, parent=None, *, intro: str = "") -> None:
        super().__init__(title, ok_text, parent, intro=intro)
        self.setAccessibleName(title)
        self.row = row
        self.checks: dict[str, QCheckBox] = {}
        self.ok_button.setDefault(True)  # Enter in any field adds or saves

    def add_check(self, key: str, text: str, *, description: str = "") -> QCheckBox:
        box = QCheckBox(text)
        box.setAccessibleName(text.replace("&", ""))
        if description:
            box.setAccessibleDescription(description)
            box.setToolTip(description)
        self.form.addRow(box)
        self.checks[key] = box
        return box

    def all_values(self) -> dict[str, Any]:
        return self.fields.values() | {key: box.isChecked() for key, box in self.checks.items()}

    def fill(self, values: dict[str, Any]) -> None:
        set_values(self.fields, values)
        for key, box in self.checks.items():
            if key in values:
                box.setChecked(bool(values[key]))
        first = next(iter(self.fields.fields.values()), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def fill_from(self, row) -> None:
        self.fill({key: getattr(row, key) for key in [*self.fields.fields, *self.checks]})

    def problems(self, values: dict) -> dict[str, str]:
        return {}

    def check(self, values: dict) -> bool:
        problems = self.problems(self.all_values())
        show_problems(self.fields, problems)
        return not problems

    def answer(self) -> dict:
        """New: every value. Edit: only what differs from the saved record (empty: nothing to save)."""
        values = self.all_values()
        if self.row is None:
            return values
        return {key: value for key, value in values.items() if value != getattr(self.row, key)}

    def rebase(self, fresh) -> None:
        """Someone else saved the record first: keep the typed values, save against their version next."""
        typed = self.all_values()
        labels = self.fields.labels | {key: box.accessibleName() for key, box in self.checks.items()}
        theirs = [labels[key] for key in typed if getattr(fresh, key) != getattr(self.row, key)]
        self.row = fresh
        self.fill(typed)
        self.ok_button.setEnabled(True)
        self.message.setText("⚠ Not saved: someone else changed this record while you were editing "
                             f"({', '.join(theirs) or 'no field shown here'}). Your input is kept; check it "
                             "and press the button again to save it over theirs.")
        self.message.show()
