"""The outcomes report's placements, one line each (OutcomesReport.placements)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from ..dates import local_date
from .columns import Index
from .employment_models import dollars
from .list_model import ListTableModel


class Column(IntEnum):
    PERSON = 0
    EMPLOYER = 1
    TITLE = 2
    START = 3
    WAGE = 4
    HOURS = 5
    RETAINED = 6
    REFERRAL_DAYS = 7


HEADERS = {Column.PERSON: "Person", Column.EMPLOYER: "Employer", Column.TITLE: "Job title", Column.START: "Started",
           Column.WAGE: "Hourly wage", Column.HOURS: "Hours a week", Column.RETAINED: "At 90 days",
           Column.REFERRAL_DAYS: "Days from referral"}


def retained_text(row) -> str:
    if row.retained_90.value == "not yet":
        return f"Not yet (day 90 is {local_date(row.day_90)})" if row.day_90 else "Not yet (follow-along paused)"
    if row.retained_90.value == "no":
        return f"No (left {local_date(row.separated_on)})"
    return "Yes, still employed"


class PlacementModel(ListTableModel):
    Column = Column
    HEADERS = HEADERS

    @staticmethod
    def record_key(row):
        return row.job_ref

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row, column = self._rows[index.row()], Column(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.WAGE, Column.HOURS,
                                                                     Column.REFERRAL_DAYS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        return {
            Column.PERSON: lambda: f"{row.person_name} ({row.person_ref})",
            Column.EMPLOYER: lambda: row.employer,
            Column.TITLE: lambda: row.job_title,
            Column.START: lambda: local_date(row.start_date),
            Column.WAGE: lambda: dollars(row.hourly_wage),
            Column.HOURS: lambda: f"{row.hours_per_week.normalize():f}",
            Column.RETAINED: lambda: retained_text(row),
            Column.REFERRAL_DAYS: lambda: "" if row.days_from_referral is None else str(row.days_from_referral),
        }[column]()
