"""Tables of getting paid: the money board's lines and totals, a person's invoices with the chosen one's
lines and held-back entries, and progress reports. Every state is in words (status, age, why held back),
never only in colour; money lines up on the right."""

from __future__ import annotations

import calendar
from datetime import date
from enum import IntEnum

from ..dates import local_date
from .employment_models import dollars
from .work_models import TextRows


def period_text(first: date, last: date) -> str:
    """A whole calendar month says its name ("November 2026"); any other period says both dates."""
    if first.day == 1 and (first.year, first.month) == (last.year, last.month) \
            and last.day == calendar.monthrange(last.year, last.month)[1]:
        return f"{calendar.month_name[first.month]} {first.year}"
    return f"{local_date(first)} to {local_date(last)}"


def amount_text(amount) -> str:
    return "" if amount is None else dollars(amount)


# --- the money board ------------------------------------------------------------------------------

class BoardColumn(IntEnum):
    KIND = 0
    PERSON = 1
    RECORD = 2
    FUNDER = 3
    AMOUNT = 4
    SINCE = 5
    WHAT = 6


class BoardModel(TextRows):
    Column = BoardColumn
    HEADERS = {BoardColumn.KIND: "Kind", BoardColumn.PERSON: "Person", BoardColumn.RECORD: "Record",
               BoardColumn.FUNDER: "Funder", BoardColumn.AMOUNT: "Amount", BoardColumn.SINCE: "Since",
               BoardColumn.WHAT: "What to fix"}
    RIGHT = frozenset({BoardColumn.AMOUNT})

    @staticmethod
    def record_key(row):
        return row.record_id

    def text(self, row, column) -> str:
        if column == BoardColumn.KIND:
            return row.kind.label
        if column == BoardColumn.PERSON:
            return f"{row.person_name} ({row.person_ref})"
        if column == BoardColumn.RECORD:
            return row.record_ref
        if column == BoardColumn.FUNDER:
            return row.funder_name
        if column == BoardColumn.AMOUNT:
            return amount_text(row.amount)
        if column == BoardColumn.SINCE:
            return local_date(row.since)
        return row.words


class TotalColumn(IntEnum):
    KIND = 0
    LINES = 1
    AMOUNT = 2


class TotalsModel(TextRows):
    """One line per kind of money left on the table: (kind, count, amount)."""

    Column = TotalColumn
    HEADERS = {TotalColumn.KIND: "Kind", TotalColumn.LINES: "Lines", TotalColumn.AMOUNT: "Amount"}
    RIGHT = frozenset({TotalColumn.LINES, TotalColumn.AMOUNT})

    @staticmethod
    def record_key(row):
        return row[0]

    def text(self, row, column) -> str:
        kind, count, amount = row
        if column == TotalColumn.KIND:
            return kind.label
        if column == TotalColumn.LINES:
            return str(count)
        return amount_text(amount)


# --- invoices ---------------------------------------------------------------------------------------

class InvoiceColumn(IntEnum):
    REF = 0
    REVISION = 1
    FUNDER = 2
    PERIOD = 3
    STATUS = 4
    TOTAL = 5
    AGE = 6


def age_text(days: int | None) -> str:
    if days is None:
        return ""
    return "1 day" if days == 1 else f"{days} days"


class InvoiceModel(TextRows):
    Column = InvoiceColumn
    HEADERS = {InvoiceColumn.REF: "Invoice", InvoiceColumn.REVISION: "Revision", InvoiceColumn.FUNDER: "Funder",
               InvoiceColumn.PERIOD: "Period", InvoiceColumn.STATUS: "Status", InvoiceColumn.TOTAL: "Total",
               InvoiceColumn.AGE: "Age"}
    RIGHT = frozenset({InvoiceColumn.REVISION, InvoiceColumn.TOTAL, InvoiceColumn.AGE})

    def text(self, row, column) -> str:
        if column == InvoiceColumn.REF:
            return row.ref
        if column == InvoiceColumn.REVISION:
            return str(row.revision)
        if column == InvoiceColumn.FUNDER:
            return row.funder_name
        if column == InvoiceColumn.PERIOD:
            return period_text(row.period_from, row.period_to)
        if column == InvoiceColumn.STATUS:
            return row.status_words
        if column == InvoiceColumn.TOTAL:
            return dollars(row.total)
        return age_text(row.age_days)


class LineColumn(IntEnum):
    SERVED = 0
    CODE = 1
    DESCRIPTION = 2
    UNITS = 3
    RATE = 4
    AMOUNT = 5
    REFERENCE = 6


class InvoiceLineModel(TextRows):
    Column = LineColumn
    HEADERS = {LineColumn.SERVED: "Date", LineColumn.CODE: "Code", LineColumn.DESCRIPTION: "Description",
               LineColumn.UNITS: "Units", LineColumn.RATE: "Rate", LineColumn.AMOUNT: "Amount",
               LineColumn.REFERENCE: "From"}
    RIGHT = frozenset({LineColumn.UNITS, LineColumn.RATE, LineColumn.AMOUNT})

    def text(self, row, column) -> str:
        if column == LineColumn.SERVED:
            return local_date(row.served_on)
        if column == LineColumn.CODE:
            return row.code
        if column == LineColumn.DESCRIPTION:
            return row.description + (f" ({row.evidence})" if row.evidence else "")
        if column == LineColumn.UNITS:
            return f"{row.units.normalize():f}"
        if column == LineColumn.RATE:
            return dollars(row.rate)
        if column == LineColumn.AMOUNT:
            return dollars(row.amount)
        return row.reference


class HeldColumn(IntEnum):
    REF = 0
    SERVED = 1
    SERVICE = 2
    AMOUNT = 3
    WHY = 4


class HeldBackModel(TextRows):
    """Entries of the period the invoice leaves out, each with why (no authorization, an open flag...)."""

    Column = HeldColumn
    HEADERS = {HeldColumn.REF: "Entry", HeldColumn.SERVED: "Date", HeldColumn.SERVICE: "Service",
               HeldColumn.AMOUNT: "Amount", HeldColumn.WHY: "Why it is held back"}
    RIGHT = frozenset({HeldColumn.AMOUNT})

    @staticmethod
    def record_key(row):
        return row.entry_id

    def text(self, row, column) -> str:
        if column == HeldColumn.REF:
            return row.ref
        if column == HeldColumn.SERVED:
            return local_date(row.served_on)
        if column == HeldColumn.SERVICE:
            return row.service_code
        if column == HeldColumn.AMOUNT:
            return dollars(row.amount)
        return row.why


# --- progress reports --------------------------------------------------------------------------------

class ReportColumn(IntEnum):
    REF = 0
    FUNDER = 1
    PERIOD = 2
    SENT = 3


class ProgressReportModel(TextRows):
    Column = ReportColumn
    HEADERS = {ReportColumn.REF: "Report", ReportColumn.FUNDER: "Funder", ReportColumn.PERIOD: "Period",
               ReportColumn.SENT: "Sent"}

    def text(self, row, column) -> str:
        if column == ReportColumn.REF:
            return row.ref
        if column == ReportColumn.FUNDER:
            return row.funder_name
        if column == ReportColumn.PERIOD:
            return period_text(row.period_from, row.period_to)
        return f"sent {local_date(row.sent_on)}" if row.sent_on else "not sent yet"
