"""Small dialogs the task board asks with: where to reassign, which due date, why cancel."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit)

from caseteam.services.task_board import Choices


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ReassignDialog(QDialog):
    """Pick an organization, then (optionally) one of its own staff: no one else's staff is offered."""

    def __init__(self, choices: Choices, count: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reassign tasks")
        self.choices = choices
        self.organization = QComboBox()
        self.organization.setAccessibleName("Organization to assign to")
        self.organization.setEditable(True)  # type to search long lists
        self.organization.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for key, name in choices.organizations:
            self.organization.addItem(name, key)
        self.staff = QComboBox()
        self.staff.setAccessibleName("Staff member of that organization")
        form = QFormLayout(self)
        form.addRow(QLabel(f"Reassign {count} task{'s' if count != 1 else ''} to:"))
        form.addRow("&Organization:", self.organization)
        form.addRow("&Staff member:", self.staff)
        form.addRow(_buttons(self, "Reassign"))
        self.organization.currentIndexChanged.connect(self._fill_staff)
        self._fill_staff()

    def _fill_staff(self) -> None:
        self.staff.clear()
        self.staff.addItem("Anyone at the organization", None)
        for key, name in self.choices.staff_of(self.organization.currentData()):
            self.staff.addItem(name, key)

    def choose(self, organization_id, staff_id=None) -> None:
        self.organization.setCurrentIndex(self.organization.findData(organization_id))
        self.staff.setCurrentIndex(max(0, self.staff.findData(staff_id)))

    def answer(self):
        return self.organization.currentData(), self.staff.currentData()


class DueDateDialog(QDialog):
    def __init__(self, count: int, first: date | None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change due date")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setAccessibleName("New due date")
        start = first or date.today()
        self.date.setDate(QDate(start.year, start.month, start.day))
        self.no_date = QCheckBox("&No due date")
        self.no_date.toggled.connect(lambda on: self.date.setEnabled(not on))
        form = QFormLayout(self)
        form.addRow(QLabel(f"New due date for {count} task{'s' if count != 1 else ''}:"))
        form.addRow("&Due:", self.date)
        form.addRow(self.no_date)
        form.addRow(_buttons(self, "Change"))

    def answer(self) -> date | None:
        if self.no_date.isChecked():
            return None
        d = self.date.date()
        return date(d.year(), d.month(), d.day())


class CancelDialog(QDialog):
    def __init__(self, count: int, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cancel tasks")
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Why the tasks are cancelled")
        self.reason.setPlaceholderText("For example: the person moved out of the area")
        form = QFormLayout(self)
        form.addRow(QLabel(f"Cancel {count} task{'s' if count != 1 else ''}. The reason is kept in the audit log."))
        form.addRow("&Reason:", self.reason)
        form.addRow(_buttons(self, "Cancel tasks"))

    def answer(self) -> str:
        return self.reason.text()
