"""The task table (board and a person's tasks): one line per task over the TaskRow values services return,
fetched a page at a time, with a header line above each group when the board is grouped."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any, Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QGuiApplication

from caseteam.domain.tasks import TaskStatus
from caseteam.services.tasks import TaskRow

from ..dates import local_date
from .caseload_model import overdue_colour, overdue_icon
from .columns import ColumnHeaders, Index


class Column(IntEnum):
    REF = 0
    TITLE = 1
    PERSON = 2
    ORGANIZATION = 3
    STAFF = 4
    DUE = 5
    PRIORITY = 6
    STATUS = 7


HEADERS = {Column.REF: "Ref", Column.TITLE: "Task", Column.PERSON: "Person", Column.ORGANIZATION: "Organization",
           Column.STAFF: "Staff member", Column.DUE: "Due", Column.PRIORITY: "Priority", Column.STATUS: "Status"}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1    # the TaskRow behind a line (None on a group's header line)
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2  # the GroupHeader behind a header line (None on a task)
STATUS_CHOICES = list(TaskStatus)
NOBODY = "Not assigned to anyone yet"


@dataclass(frozen=True)
class GroupHeader:
    key: object          # organization id, or staff id (None: nobody yet)
    name: str
    total: int | None    # tasks in the whole group (counted in SQL), None when not known
    overdue: int

    def text(self) -> str:
        if self.total is None:
            return self.name
        count = f"{self.total:,} task{'s' if self.total != 1 else ''}"
        return f"{self.name} — {count}" + (f", {self.overdue:,} overdue" if self.overdue else "")


def changes_between(old: TaskRow, new: TaskRow) -> list[str]:
    """What someone else changed in a task, in words ("due 2026-11-30 → 2031-01-01")."""
    words = []
    for label, before, after in (("title", old.title, new.title), ("organization", old.organization_name,
                                                                   new.organization_name),
                                 ("staff member", old.staff_name or "nobody", new.staff_name or "nobody"),
                                 ("due", local_date(old.due) or "no date", local_date(new.due) or "no date"),
                                 ("priority", old.priority.label, new.priority.label),
                                 ("status", old.status.label, new.status.label)):
        if before != after:
            words.append(f"{label} {before} → {after}")
    return words


class TaskTableModel(ColumnHeaders, QAbstractTableModel):
    Column = Column
    HEADERS = HEADERS
    # The Status cell was edited (inline); the screen performs the change through the services.
    status_requested = Signal(object, object)  # TaskRow, TaskStatus

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lines: list[TaskRow | GroupHeader] = []
        self._tasks = 0                     # task lines loaded (group headers not counted)
        self._today = date.today()
        self.total = 0                      # tasks matching the query; they arrive page by page up to this
        self.group_by: Column | None = None  # ORGANIZATION or STAFF: a header line starts each group
        self._groups: Mapping = {}
        # fetch_more_rows(offset) asks the screen for the next page; it answers with append_rows.
        self.fetch_more_rows: Callable[[int], None] | None = None
        self._fetching = False

    # --- loading -----------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[TaskRow], today: date | None = None, total: int | None = None, *,
                 group_by: Column | None = None, groups: Mapping | None = None) -> None:
        """The first page of a new query (or, without total, the whole answer)."""
        self.beginResetModel()
        self.group_by, self._groups = group_by, groups or {}
        self._today = today or date.today()
        self._lines, self._tasks = self._with_headers(rows, None), len(rows)
        self.total = len(rows) if total is None else total
        self._fetching = False
        self.endResetModel()

    def append_rows(self, rows: Sequence[TaskRow], offset: int) -> None:
        """A later page; ignored unless it continues exactly where the loaded tasks end."""
        self._fetching = False
        if offset != self._tasks or not rows:
            return
        last = next((line for line in reversed(self._lines) if isinstance(line, TaskRow)), None)
        lines = self._with_headers(rows, last)
        self.beginInsertRows(QModelIndex(), len(self._lines), len(self._lines) + len(lines) - 1)
        self._lines.extend(lines)
        self._tasks += len(rows)
        self.endInsertRows()

    def _with_headers(self, rows: Sequence[TaskRow], previous: TaskRow | None) -> list:
        if self.group_by is None:
            return list(rows)
        lines: list = []
        for row in rows:
            if previous is None or self._group_key(previous) != self._group_key(row):
                lines.append(self._header(row))
            lines.append(row)
            previous = row
        return lines

    def _group_key(self, row: TaskRow):
        return row.staff_id if self.group_by == Column.STAFF else row.organization_id

    def _header(self, row: TaskRow) -> GroupHeader:
        key = self._group_key(row)
        if self.group_by == Column.STAFF:
            name = f"{row.staff_name} · {row.organization_name}" if row.staff_id else NOBODY
        else:
            name = row.organization_name
        counted = self._groups.get(key)
        return GroupHeader(key, name, counted.total if counted else None, counted.overdue if counted else 0)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self._tasks < self.total and self.fetch_more_rows is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        # The view asks repeatedly while scrolling; one request at a time is enough.
        if self.canFetchMore(parent) and not self._fetching:
            self._fetching = True
            self.fetch_more_rows(self._tasks)

    # --- lines -------------------------------------------------------------------------------------
    @property
    def task_count(self) -> int:
        return self._tasks

    def row_at(self, row: int) -> TaskRow | None:
        line = self._lines[row]
        return line if isinstance(line, TaskRow) else None

    def is_group(self, row: int) -> bool:
        return isinstance(self._lines[row], GroupHeader)

    def task_rows(self) -> list[TaskRow]:
        return [line for line in self._lines if isinstance(line, TaskRow)]

    def row_of(self, task_id) -> int | None:
        return next((n for n, line in enumerate(self._lines) if isinstance(line, TaskRow) and line.id == task_id),
                    None)

    def is_overdue(self, row: TaskRow) -> bool:
        return row.overdue_on(self._today)

    # --- Qt's model interface ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        if self.is_group(index.row()):
            return flags  # a heading: read, never selected for a bulk change
        flags |= Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == Column.STATUS else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        line = self._lines[index.row()]
        if isinstance(line, GroupHeader):
            return self._group_data(line, index.column(), role)
        column = Column(index.column())
        late = column == Column.DUE and self.is_overdue(line)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(line, column)
        if role == Qt.ItemDataRole.EditRole and column == Column.STATUS:
            return STATUS_CHOICES.index(line.status)
        if role == ROW_ROLE:
            return line
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.TITLE and line.details:
            return line.details
        if late and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(overdue_colour())
        if late and role == Qt.ItemDataRole.DecorationRole:
            return overdue_icon()
        if late and role == Qt.ItemDataRole.FontRole:
            return _bold()
        return None

    def _group_data(self, header: GroupHeader, column: int, role: int) -> Any:
        if role == GROUP_ROLE:
            return header
        if role == Qt.ItemDataRole.BackgroundRole:  # a band across the table; the bold words say it too
            return QGuiApplication.palette().button()
        if column != Column.REF:
            return None  # the header spans the line from the first column
        if role == Qt.ItemDataRole.DisplayRole:
            return header.text()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Group: {header.text()}"
        if role == Qt.ItemDataRole.FontRole:
            return _bold()
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ask for the change; the line itself changes only when the store says it did."""
        if not index.isValid() or index.column() != Column.STATUS or role != Qt.ItemDataRole.EditRole:
            return False
        row = self.row_at(index.row())
        if row is None:
            return False
        status = STATUS_CHOICES[int(value)] if isinstance(value, int) else TaskStatus(value)
        if status is not row.status:
            self.status_requested.emit(row, status)
        return False

    def _text(self, row: TaskRow, column: Column) -> str:
        if column == Column.DUE:
            text = local_date(row.due) if row.due else "no date"
            return f"{text} (overdue)" if self.is_overdue(row) else text
        return {Column.REF: row.ref, Column.TITLE: row.title, Column.PERSON: row.person_name,
                Column.ORGANIZATION: row.organization_name, Column.STAFF: row.staff_name,
                Column.PRIORITY: row.priority.label, Column.STATUS: row.status.label}[column]


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
