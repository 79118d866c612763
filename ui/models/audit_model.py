"""The audit log table: one line per entry, newest first, pages fetched as the view scrolls."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from caseteam.services.audit_view import AuditRow

from ..dates import local_date, to_local
from .paged import PagedTableModel


class Column(IntEnum):
    WHEN = 0
    USER = 1
    ACTION = 2
    RECORD = 3
    PERSON = 4
    CHANGES = 5


HEADERS = {Column.WHEN: "When", Column.USER: "User", Column.ACTION: "Action", Column.RECORD: "Record",
           Column.PERSON: "Person", Column.CHANGES: "Changes"}

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the AuditRow behind a line

Index = QModelIndex | QPersistentModelIndex


def when_text(row: AuditRow) -> str:
    local = to_local(row.at)
    return f"{local_date(local.date())} {local:%H:%M:%S}"


def person_text(row: AuditRow) -> str:
    return " ".join(filter(None, [row.person_ref, row.person_name]))


def changes_text(row: AuditRow) -> str:
    lines = row.change_lines() + ([f"Reason: {row.reason}"] if row.reason else [])
    return "; ".join(lines)


class AuditModel(PagedTableModel):
    Column = Column

    def row_of(self, key) -> int | None:
        for number, row in enumerate(self._rows):
            if row.seq == key:
                return number
        return None

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(Column):
            return HEADERS[Column(section)]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(Column):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.WHEN:
                return f"Entry {row.seq}, {row.at:%Y-%m-%d %H:%M:%S} UTC"
            if column == Column.CHANGES:
                return "\n".join(row.change_lines()) or None
            return self._text(row, column) or None
        if role == ROW_ROLE:
            return row
        return None

    @staticmethod
    def _text(row: AuditRow, column: Column) -> str:
        if column == Column.WHEN:
            return when_text(row)
        if column == Column.USER:
            return row.actor_name
        if column == Column.ACTION:
            return row.action.replace("_", " ").capitalize()
        if column == Column.RECORD:
            return row.record_text
        if column == Column.PERSON:
            return person_text(row)
        return changes_text(row)
