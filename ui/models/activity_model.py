"""A person's Discovery activity log, one line per activity, oldest first."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from caseteam.services.discovery import ActivityRow

from ..dates import local_date
from .list_model import Index, ListTableModel


class Column(IntEnum):
    DATE = 0
    SETTING = 1
    HOURS = 2
    PARTICIPANTS = 3
    LEARNED = 4


HEADERS = {Column.DATE: "Date", Column.SETTING: "Setting", Column.HOURS: "Hours",
           Column.PARTICIPANTS: "Who took part", Column.LEARNED: "What was learned"}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the ActivityRow behind a line


def hours_text(minutes: int) -> str:
    """Hours with at most two decimals, no trailing zeros: 1.5, 0.25, 2."""
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".")


class ActivityModel(ListTableModel):
    Column = Column
    HEADERS = HEADERS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column, full=role == Qt.ItemDataRole.AccessibleTextRole)
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.LEARNED, Column.PARTICIPANTS):
            return self._text(row, column, full=True) + (f"\n\nWhat happened: {row.description}"
                                                         if row.description and column == Column.LEARNED else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.HOURS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(row: ActivityRow, column: Column, *, full: bool) -> str:
        if column == Column.DATE:
            return local_date(row.held_on)
        if column == Column.SETTING:
            return row.setting.label
        if column == Column.HOURS:
            return hours_text(row.minutes)
        if column == Column.PARTICIPANTS:
            return row.participants
        # One line in the table (the full text is in the tooltip and what a screen reader reads).
        return row.learned if full else row.learned.splitlines()[0] if row.learned else ""
