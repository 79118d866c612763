"""The caseload table: one line per person, over the CaseloadRow values services return."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from caseteam.services.people import CaseloadRow

from ..dates import local_date, local_day_of
from .columns import Index
from .paged import PagedTableModel

# Dark red on a light background, light red on a dark one: both pass WCAG AA contrast. The word
# "overdue" and the icon carry the meaning without colour.
OVERDUE_COLOUR = QColor("#a61b1b")
OVERDUE_COLOUR_ON_DARK = QColor("#ff8a80")


def overdue_colour() -> QColor:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    dark = app is not None and QGuiApplication.palette().base().color().lightness() < 128
    return OVERDUE_COLOUR_ON_DARK if dark else OVERDUE_COLOUR
NO_DATE = 10**7  # sorts after every real date ordinal


def overdue_icon():
    """A warning sign beside an overdue date: a cue that needs neither colour nor a wide column."""
    from PySide6.QtWidgets import QApplication, QStyle

    app = QApplication.instance()
    return app.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning) if app else None


class Column(IntEnum):
    NAME = 0
    STAGE = 1
    LEAD = 2
    HOME_ORGANIZATION = 3
    OPEN_TASKS = 4
    NEXT_DUE = 5
    PLAN_REVISED = 6


HEADERS = {
    Column.NAME: "Name",
    Column.STAGE: "Stage",
    Column.LEAD: "Lead",
    Column.HOME_ORGANIZATION: "Home organization",
    Column.OPEN_TASKS: "Open tasks",
    Column.NEXT_DUE: "Next due",
    Column.PLAN_REVISED: "Plan revised",
}

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the CaseloadRow behind a line
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that sorts the way a person expects


class CaseloadModel(PagedTableModel):
    Column = Column
    HEADERS = HEADERS

    def is_overdue(self, row: CaseloadRow) -> bool:
        return row.next_due is not None and row.next_due < self._today

    # --- QAbstractTableModel ------------------------------------------------------------------
    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.AccessibleTextRole:
            return self._text(row, column)
        if role == ROW_ROLE:
            return row
        if role == SORT_ROLE:
            return self._sort_key(index.row(), row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.NEXT_DUE and self.is_overdue(row):
            return QBrush(overdue_colour())
        if role == Qt.ItemDataRole.DecorationRole and column == Column.NEXT_DUE and self.is_overdue(row):
            return overdue_icon()
        if role == Qt.ItemDataRole.FontRole and column == Column.NEXT_DUE and self.is_overdue(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.OPEN_TASKS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # --- presentation -------------------------------------------------------------------------
    def _text(self, row: CaseloadRow, column: Column) -> str:
        if column == Column.NAME:
            return row.name
        if column == Column.STAGE:
            return row.stage.label
        if column == Column.LEAD:
            return row.lead
        if column == Column.HOME_ORGANIZATION:
            return row.home_organization
        if column == Column.OPEN_TASKS:
            return str(row.open_tasks)
        if column == Column.NEXT_DUE:
            text = local_date(row.next_due)
            return f"{text} (overdue)" if self.is_overdue(row) else text
        return local_date(local_day_of(row.plan_revised))

    def _tooltip(self, row: CaseloadRow, column: Column) -> str | None:
        if column == Column.NAME:
            full = f" ({row.full_name})" if row.full_name != row.name else ""
            return f"{row.name}{full}, reference {row.ref}"
        if column == Column.STAGE:
            return f"{row.stage.label} since {local_date(row.stage_entered_on)}"
        if column == Column.PLAN_REVISED and row.plan_number:
            return f"Plan revision {row.plan_number}, saved {local_date(local_day_of(row.plan_revised))}"
        if column == Column.NEXT_DUE and self.is_overdue(row):
            return "The earliest open task is past its due date."
        if column in (Column.LEAD, Column.HOME_ORGANIZATION):
            return self._text(row, column) or None  # the full text where the column cuts it short
        return None

    def _sort_key(self, number: int, row: CaseloadRow, column: Column) -> Any:
        if column == Column.NAME:
            return number  # the store already orders by family name, then given name
        if column == Column.STAGE:
            return list(type(row.stage)).index(row.stage)  # the order cases move through
        if column == Column.OPEN_TASKS:
            return row.open_tasks
        if column == Column.NEXT_DUE:
            return row.next_due.toordinal() if row.next_due else NO_DATE
        if column == Column.PLAN_REVISED:
            day = local_day_of(row.plan_revised)
            return day.toordinal() if day else NO_DATE
        return self._text(row, column).casefold()
