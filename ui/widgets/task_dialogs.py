"""Small dialogs the task table asks with: which due date, why cancel. Each stays open while its service
runs, and shows a refusal next to the field (FormDialog); where to reassign is in reassign_dialog."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox

from .date_field import DateField
from .field_row import FormDialog, plain_text_box


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def due_field(name: str, value: date | None) -> DateField:
    """A due date that may be left open: "No due date" instead of DateField's "Not recorded"."""
    field = DateField(name)
    field.unknown.setText("&No due date")
    field.unknown.setAccessibleName(f"{name}: no due date")
    field.set_value(value)
    return field


def count_text(count: int) -> str:
    return f"{count} task{'s' if count != 1 else ''}"


class DueDateDialog(FormDialog):
    """OK sends submitted({"due": date | None})."""

    def __init__(self, count: int, first: date | None, parent=None) -> None:
        super().__init__("Change due date", "Change", parent, intro=f"New due date for {count_text(count)}:")
        self.setObjectName("dueDateDialog")
        self.fields.add("due", "&Due", due_field("New due date", first or date.today()))


class CancelDialog(FormDialog):
    """OK sends submitted({"reason": str}); the service refuses an empty reason, shown under the box."""

    def __init__(self, count: int, parent=None) -> None:
        super().__init__("Cancel tasks", "Cancel tasks", parent,
                         intro=f"Cancel {count_text(count)}. The reason is kept in the audit log; Reopen undoes it.")
        self.setObjectName("cancelDialog")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Keep tasks")
        reason = self.fields.add("reason", "&Reason", plain_text_box(2),
                                 description="Why the tasks are cancelled, for example: the person moved away")
        reason.setPlaceholderText("For example: the person moved out of the area")
