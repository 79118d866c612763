"""The Employment page's tables: the person's jobs (current first, then past, the state in words), the
pay stubs, and the monthly earnings with their trial-work / SGA words."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from caseteam.documents.dates import MONTHS
from caseteam.services.earnings import MonthEarnings, PayStubRow
from caseteam.services.employment_rows import JobRow

from .list_model import Index, ListTableModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the frozen row behind a line
TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)


def dollars(amount) -> str:
    return f"${amount:,.2f}"


def plain_hours(amount) -> str:
    return f"{amount.normalize():f}"


class JobColumn(IntEnum):
    REF = 0
    EMPLOYER = 1
    TITLE = 2
    HOURS = 3
    WAGE = 4
    START = 5
    STATUS = 6


class JobModel(ListTableModel):
    Column = JobColumn
    HEADERS = {JobColumn.REF: "Job", JobColumn.EMPLOYER: "Employer", JobColumn.TITLE: "Title",
               JobColumn.HOURS: "Hours a week", JobColumn.WAGE: "Hourly wage", JobColumn.START: "Started",
               JobColumn.STATUS: "Now"}

    def job_at(self, row: int) -> JobRow | None:
        return self.row_at(row)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        job: JobRow = self._rows[index.row()]
        if role == ROW_ROLE:
            return job
        if role == Qt.ItemDataRole.FontRole and not job.current:
            from PySide6.QtGui import QFont
            font = QFont()
            font.setItalic(True)
            return font
        if role not in TEXT_ROLES:
            return None
        return {JobColumn.REF: job.ref, JobColumn.EMPLOYER: job.employer_name, JobColumn.TITLE: job.job_title,
                JobColumn.HOURS: plain_hours(job.hours_per_week), JobColumn.WAGE: dollars(job.hourly_wage),
                JobColumn.START: job.start_date.isoformat(), JobColumn.STATUS: job.status_words}[JobColumn(index.column())]


class StubColumn(IntEnum):
    PAID = 0
    JOB = 1
    PERIOD = 2
    HOURS = 3
    GROSS = 4


class PayStubModel(ListTableModel):
    Column = StubColumn
    HEADERS = {StubColumn.PAID: "Paid on", StubColumn.JOB: "Job", StubColumn.PERIOD: "Pay period",
               StubColumn.HOURS: "Hours", StubColumn.GROSS: "Gross pay"}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        stub: PayStubRow = self._rows[index.row()]
        if role == ROW_ROLE:
            return stub
        if role not in TEXT_ROLES:
            return None
        period = (f"{stub.period_start.isoformat()} to {stub.period_end.isoformat()}" if stub.period_start
                  else "not recorded")
        return {StubColumn.PAID: stub.paid_on.isoformat(), StubColumn.JOB: f"{stub.job_ref} {stub.employer_name}",
                StubColumn.PERIOD: period, StubColumn.HOURS: plain_hours(stub.hours),
                StubColumn.GROSS: dollars(stub.gross)}[StubColumn(index.column())]


class MonthColumn(IntEnum):
    MONTH = 0
    GROSS = 1
    HOURS = 2
    STUBS = 3
    WORDS = 4


class MonthModel(ListTableModel):
    Column = MonthColumn
    HEADERS = {MonthColumn.MONTH: "Month", MonthColumn.GROSS: "Gross pay", MonthColumn.HOURS: "Hours",
               MonthColumn.STUBS: "Pay stubs", MonthColumn.WORDS: "Compared with the thresholds"}

    @staticmethod
    def record_key(row):
        return row.month

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        m: MonthEarnings = self._rows[index.row()]
        if role == ROW_ROLE:
            return m
        if role not in TEXT_ROLES:
            return None
        return {MonthColumn.MONTH: MONTHS[m.month - 1], MonthColumn.GROSS: dollars(m.gross),
                MonthColumn.HOURS: plain_hours(m.hours), MonthColumn.STUBS: str(m.stubs),
                MonthColumn.WORDS: m.words}[MonthColumn(index.column())]
