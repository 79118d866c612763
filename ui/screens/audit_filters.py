"""The audit log's filter bar: person, user, kind of record, action and a range of days.

It only gathers what the user chose; the page asks the store with it (filters run in SQL).
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from caseteam.services.audit_view import AuditChoices, AuditQuery

from ..widgets.field_row import find_data

NO_DAY = QDate(2000, 1, 1)  # the lowest date a picker offers, shown as "Any"


class OptionalDate(QDateEdit):
    """A day, or "Any" (its lowest value): QDateEdit cannot be empty."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DAY)
        self.setSpecialValueText("Any")
        self.setDate(NO_DAY)

    def value(self) -> date | None:
        d = self.date()
        return None if d == NO_DAY else date(d.year(), d.month(), d.day())

    def set_value(self, day: date | None) -> None:
        self.setDate(NO_DAY if day is None else QDate(day.year, day.month, day.day))


def _combo(name: str, anything: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    combo.addItem(anything, None)
    return combo


class AuditFilters(QWidget):
    text_edited = Signal()  # typing a person: the page waits for a pause
    changed = Signal()      # any other filter: ask at once

    def __init__(self, parent=None, *, person_id: uuid.UUID | None = None) -> None:
        super().__init__(parent)
        self.person_id = person_id  # set: one person's history, so there is no person box
        self.person_box = QLineEdit()
        self.person_box.setAccessibleName("Only entries about people whose name or reference contains")
        self.person_box.setPlaceholderText("Name or reference")
        self.person_box.setClearButtonEnabled(True)
        self.user = _combo("Only entries by user", "Anyone")
        self.entity = _combo("Only entries about this kind of record", "Any record")
        self.action = _combo("Only entries with this action", "Any action")
        self.since = OptionalDate("From day (your local date)")
        self.until = OptionalDate("To day (your local date), included")

        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        lines = QHBoxLayout(), QHBoxLayout()
        for line in lines:
            rows.addLayout(line)
        self._labels = {}
        for line, text, widget in ((0, "Pe&rson:", self.person_box), (0, "&User:", self.user),
                                   (0, "Record &kind:", self.entity), (1, "Actio&n:", self.action),
                                   (1, "Fro&m:", self.since), (1, "T&o:", self.until)):
            label = QLabel(text)
            label.setBuddy(widget)
            self._labels[widget] = label
            lines[line].addWidget(label)
            lines[line].addWidget(widget, 0 if isinstance(widget, QDateEdit) else 1)
        lines[1].addStretch(1)
        if person_id is not None:
            for widget in (self.person_box, self._labels[self.person_box]):
                widget.hide()
            self.person_box.setEnabled(False)

        self.person_box.textChanged.connect(lambda _t: self.text_edited.emit())
        for combo in (self.user, self.entity, self.action):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for picker in (self.since, self.until):
            picker.dateChanged.connect(lambda _d: self.changed.emit())

    def focus_order(self) -> list[QWidget]:
        boxes = [self.person_box] if self.person_id is None else []
        return boxes + [self.user, self.entity, self.action, self.since, self.until]

    def set_choices(self, choices: AuditChoices) -> None:
        for combo, items in ((self.user, choices.users), (self.entity, choices.entities),
                             (self.action, [(a, a.replace("_", " ").capitalize()) for a in choices.actions])):
            chosen = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for key, text in items:
                combo.addItem(text, key)
            combo.setCurrentIndex(max(0, find_data(combo, chosen)))
            combo.blockSignals(False)

    def query(self) -> AuditQuery:
        user = self.user.currentData()
        return AuditQuery(person_id=self.person_id,
                          person_search=(self.person_box.text().strip() or None) if self.person_id is None else None,
                          user_id=user, entity=self.entity.currentData(), action=self.action.currentData(),
                          since=self.since.value(), until=self.until.value())

    def is_filtered(self) -> bool:
        q = self.query()
        return any((q.person_search, q.user_id, q.entity, q.action, q.since, q.until))

    def clear(self) -> None:
        widgets = (self.person_box, self.user, self.entity, self.action, self.since, self.until)
        for widget in widgets:
            widget.blockSignals(True)
        self.person_box.clear()
        for combo in (self.user, self.entity, self.action):
            combo.setCurrentIndex(0)
        self.since.set_value(None)
        self.until.set_value(None)
        for widget in widgets:
            widget.blockSignals(False)
        self.changed.emit()
