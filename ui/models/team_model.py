"""A person's team, one line per membership (current first, then ended ones, kept as history)."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication

from caseteam.services.teams import TeamLine

from ..dates import local_date
from .list_model import Index, ListTableModel


class Column(IntEnum):
    NAME = 0
    ROLE = 1
    ORGANIZATION = 2
    CONTACT = 3
    FROM = 4
    TO = 5
    OPEN_TASKS = 6


HEADERS = {Column.NAME: "Name", Column.ROLE: "Role", Column.ORGANIZATION: "Organization or relationship",
           Column.CONTACT: "Contact", Column.FROM: "From", Column.TO: "To", Column.OPEN_TASKS: "Open tasks"}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1     # the TeamMemberRow behind a line
ENDED_ROLE = Qt.ItemDataRole.UserRole + 2   # True when the membership has ended


def until_text(line: TeamLine) -> str:
    """Words, not only grey: "ended <date>" for history, "until <date>" for a planned end."""
    end = line.member.end_date
    if end is None:
        return "current"
    return f"ended {local_date(end)}" if line.ended else f"until {local_date(end)}"


class TeamModel(ListTableModel):
    Column = Column
    HEADERS = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today = date.today()

    def set_lines(self, lines: Sequence[TeamLine], today: date) -> None:
        self.today = today
        self.set_rows(lines)

    def line_at(self, row: int) -> TeamLine | None:
        return self.row_at(row)

    @staticmethod
    def record_key(line: TeamLine):
        return line.member.id

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        line = self._rows[index.row()]
        column = Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._text(line, column)
            if role == Qt.ItemDataRole.AccessibleTextRole and column == Column.NAME and line.ended:
                text += f" ({until_text(line)})"
            return text
        if role == ROW_ROLE:
            return line.member
        if role == ENDED_ROLE:
            return line.ended
        if role == Qt.ItemDataRole.ForegroundRole and line.ended:
            return QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        if role == Qt.ItemDataRole.FontRole and line.ended:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.OPEN_TASKS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.OPEN_TASKS:
            return "Open tasks for this person held by this member, or by their organization with nobody named"
        return None

    @staticmethod
    def _text(line: TeamLine, column: Column) -> str:
        m = line.member
        if column == Column.NAME:
            return m.name
        if column == Column.ROLE:
            return m.role.label
        if column == Column.ORGANIZATION:
            if m.natural_support:
                return f"{m.relationship} (natural support)" if m.relationship else "Natural support"
            return f"{m.organization_name}, {m.title}" if m.title else m.organization_name
        if column == Column.CONTACT:
            return m.contact
        if column == Column.FROM:
            return local_date(m.start_date)
        if column == Column.TO:
            return until_text(line)
        return "" if m.natural_support else str(line.open_tasks)
