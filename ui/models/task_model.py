"""The task table (board and a person's tasks): one line per task over the TaskRow values services return."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont

from caseteam.domain.tasks import TaskStatus
from caseteam.services.tasks import TaskRow

from ..dates import local_date
from .caseload_model import overdue_colour, overdue_icon
from .paged import PagedTableModel


class Column(IntEnum):
    GROUP = 0
    REF = 1
    TITLE = 2
    PERSON = 3
    ORGANIZATION = 4
    STAFF = 5
    DUE = 6
    PRIORITY = 7
    STATUS = 8


HEADERS = {Column.GROUP: "Group", Column.REF: "Ref", Column.TITLE: "Task", Column.PERSON: "Person",
           Column.ORGANIZATION: "Organization", Column.STAFF: "Staff member", Column.DUE: "Due",
           Column.PRIORITY: "Priority", Column.STATUS: "Status"}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the TaskRow behind a line
STATUS_CHOICES = list(TaskStatus)

Index = QModelIndex | QPersistentModelIndex


class TaskTableModel(PagedTableModel):
    Column = Column
    # The Status cell was edited (inline); the screen performs the change through the services.
    status_requested = Signal(object, object)  # TaskRow, TaskStatus

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.group_by: Column | None = None  # ORGANIZATION or STAFF: shown once at the top of each group

    def is_overdue(self, row: TaskRow) -> bool:
        return row.overdue_on(self._today)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(Column):
            return HEADERS[Column(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == Column.STATUS else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(Column):
            return None
        row: TaskRow = self._rows[index.row()]
        column = Column(index.column())
        late = column == Column.DUE and self.is_overdue(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(index.row(), row, column)
        if role == Qt.ItemDataRole.EditRole and column == Column.STATUS:
            return STATUS_CHOICES.index(row.status)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TITLE and row.details:
            return row.details
        if late and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(overdue_colour())
        if late and role == Qt.ItemDataRole.DecorationRole:
            return overdue_icon()
        if late and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ask for the change; the row itself changes only when the store says it did."""
        if not index.isValid() or index.column() != Column.STATUS or role != Qt.ItemDataRole.EditRole:
            return False
        status = STATUS_CHOICES[int(value)] if isinstance(value, int) else TaskStatus(value)
        row = self._rows[index.row()]
        if status is not row.status:
            self.status_requested.emit(row, status)
        return False

    def _text(self, number: int, row: TaskRow, column: Column) -> str:
        if column == Column.GROUP:
            return self._group_text(number, row)
        if column == Column.DUE:
            text = local_date(row.due) if row.due else "no date"
            return f"{text} (overdue)" if self.is_overdue(row) else text
        return {Column.REF: row.ref, Column.TITLE: row.title, Column.PERSON: row.person_name,
                Column.ORGANIZATION: row.organization_name, Column.STAFF: row.staff_name,
                Column.PRIORITY: row.priority.label, Column.STATUS: row.status.label}[column]

    def _group_text(self, number: int, row: TaskRow) -> str:
        """The group's name on its first line only, so groups read as blocks (and aloud, once)."""
        if self.group_by is None:
            return ""
        name = self._group_of(row)
        return name if number == 0 or self._group_of(self._rows[number - 1]) != name else ""

    def _group_of(self, row: TaskRow) -> str:
        return row.organization_name if self.group_by == Column.ORGANIZATION else (row.staff_name or "(no one yet)")
