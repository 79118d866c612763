"""The task table's filter bar. It only gathers choices; the table asks the store with them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from caseteam.domain.tasks import ACTIVE_TASK_STATUSES, Priority, TaskStatus
from caseteam.services.task_board import BoardQuery, Choices, DueWindow, TaskSort

from .field_row import find_data

DUE_CHOICES = (("Any due date", DueWindow.ANY), ("Overdue", DueWindow.OVERDUE), ("Due today", DueWindow.TODAY),
               ("Due this week", DueWindow.WEEK), ("No due date", DueWindow.NO_DATE))
GROUP_CHOICES = (("No grouping", None), ("Organization", TaskSort.ORGANIZATION), ("Staff member", TaskSort.STAFF))


def _combo(name: str, items) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    for text, value in items:
        combo.addItem(text, value)
    return combo


class TaskFilters(QWidget):
    text_edited = Signal()
    changed = Signal()

    def __init__(self, parent=None, *, person_id=None) -> None:
        super().__init__(parent)
        self.person_id = person_id  # set: one person's tasks, so there is no person filter
        self.search_box = QLineEdit()
        self.search_box.setAccessibleName("Search tasks by title or reference")
        self.search_box.setPlaceholderText("Title or reference")
        self.search_box.setClearButtonEnabled(True)
        self.person_box = QLineEdit()
        self.person_box.setAccessibleName("Only tasks for people whose name contains")
        self.person_box.setPlaceholderText("Person's name")
        self.person_box.setClearButtonEnabled(True)
        self.organization = _combo("Assigned organization", [("Any organization", None)])
        self.staff = _combo("Assigned staff member", [("Anyone", None)])
        self.status = _combo("Status", [("Open, in progress or waiting", ACTIVE_TASK_STATUSES), ("Any status", ())]
                             + [(s.label, (s,)) for s in TaskStatus])
        self.priority = _combo("Priority", [("Any priority", None)] + [(p.label, p) for p in Priority])
        self.due = _combo("Due", DUE_CHOICES)
        self.group = _combo("Group by", GROUP_CHOICES)
        self._choices: Choices | None = None

        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        # Three short lines, so the board fits a small laptop screen (and large system fonts).
        lines = QHBoxLayout(), QHBoxLayout(), QHBoxLayout()
        for line in lines:
            rows.addLayout(line)
        for line, text, widget in ((0, "F&ind:", self.search_box), (0, "Pe&rson:", self.person_box),
                                   (1, "Or&ganization:", self.organization), (1, "St&aff:", self.staff),
                                   (2, "S&tatus:", self.status), (2, "Priorit&y:", self.priority),
                                   (2, "D&ue:", self.due), (2, "Grou&p by:", self.group)):
            label = QLabel(text)
            label.setBuddy(widget)
            lines[line].addWidget(label)
            lines[line].addWidget(widget, 1)

        if person_id is not None:
            self.person_box.setVisible(False)
            self.person_box.setEnabled(False)
            lines[0].itemAt(2).widget().hide()  # its label
        for box in (self.search_box, self.person_box):
            box.textChanged.connect(lambda _t: self.text_edited.emit())
        self.organization.currentIndexChanged.connect(self._organization_changed)
        for combo in (self.staff, self.status, self.priority, self.due, self.group):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def focus_order(self) -> list[QWidget]:
        boxes = [self.search_box] + ([self.person_box] if self.person_id is None else [])
        return boxes + [self.organization, self.staff, self.status, self.priority, self.due, self.group]

    def set_choices(self, choices: Choices) -> None:
        self._choices = choices
        chosen = self.organization.currentData()
        self.organization.blockSignals(True)
        while self.organization.count() > 1:
            self.organization.removeItem(1)
        for key, name in choices.organizations:
            self.organization.addItem(name, key)
        self.organization.setCurrentIndex(max(0, find_data(self.organization, chosen)))
        self.organization.blockSignals(False)
        self._fill_staff()

    def _organization_changed(self) -> None:
        self._fill_staff()
        self.changed.emit()

    def _fill_staff(self) -> None:
        """Only the chosen organization's staff: a filter that can never match is not offered."""
        chosen = self.staff.currentData()
        self.staff.blockSignals(True)
        while self.staff.count() > 1:
            self.staff.removeItem(1)
        if self._choices is not None:
            org = self.organization.currentData()
            for key, oid, name in self._choices.staff:
                if org is None or oid == org:
                    self.staff.addItem(name, key)
        self.staff.setCurrentIndex(max(0, find_data(self.staff, chosen)))
        self.staff.blockSignals(False)

    def query(self, sort: TaskSort, descending: bool) -> BoardQuery:
        return BoardQuery(organization_id=self.organization.currentData(), staff_id=self.staff.currentData(),
                          person_id=self.person_id,
                          person_search=self.person_box.text().strip() or None,
                          title_search=self.search_box.text().strip() or None, statuses=self.status.currentData(),
                          priority=self.priority.currentData(), due=self.due.currentData(),
                          group_by=self.group.currentData(), sort=sort, descending=descending)

    def show_only(self, *, search: str | None = None, organization_id=None, staff_id=None) -> None:
        """Reset to one thing (from global search): every status, no other narrowing."""
        for widget in self.focus_order():
            widget.blockSignals(True)
        self.search_box.setText(search or "")
        self.person_box.clear()
        self.status.setCurrentIndex(1 if search else 0)
        for combo in (self.priority, self.due, self.group):
            combo.setCurrentIndex(0)
        self.organization.setCurrentIndex(max(0, find_data(self.organization, organization_id)))
        self._fill_staff()
        self.staff.setCurrentIndex(max(0, find_data(self.staff, staff_id)))
        for widget in self.focus_order():
            widget.blockSignals(False)
