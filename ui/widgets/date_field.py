"""A date that may be unknown: a date picker plus "Not recorded", since QDateEdit cannot be empty."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget


class DateField(QWidget):
    edited = Signal()

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.picker = QDateEdit()
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat("yyyy-MM-dd")
        self.picker.setAccessibleName(name)
        self.unknown = QCheckBox("Not recorded")
        self.unknown.setAccessibleName(f"{name} not recorded")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker)
        layout.addWidget(self.unknown)
        layout.addStretch(1)
        self.setFocusProxy(self.picker)
        self.unknown.toggled.connect(lambda on: (self.picker.setEnabled(not on), self.edited.emit()))
        self.picker.dateChanged.connect(lambda _d: self.edited.emit())

    def value(self) -> date | None:
        if self.unknown.isChecked():
            return None
        d = self.picker.date()
        return date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        self.blockSignals(True)
        self.unknown.setChecked(value is None)
        if value is not None:
            self.picker.setDate(QDate(value.year, value.month, value.day))
        self.picker.setEnabled(value is not None)
        self.blockSignals(False)
