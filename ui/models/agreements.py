"""Agreements as a table: reference, kind, status, title, parties, effective dates and how soon a live one ends.
A thin adapter over the frozen AgreementRow; the Agreements section, a person's workspace and the partner
directory all show their lists with it."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any, Sequence

from PySide6.QtCore import Qt

from caseteam.domain.agreements import AgreementStatus
from caseteam.services.agreement_rows import AgreementRow

from ..dates import local_date
from .partner_models import ROW_ROLE, RowTableModel

__all__ = ["ROW_ROLE", "AgreementTableModel", "ends_text", "parties_text"]

LIVE = (AgreementStatus.FINAL, AgreementStatus.SIGNED)


def parties_text(row: AgreementRow) -> str:
    return "; ".join(p.name for p in row.parties)


def ends_text(row: AgreementRow, today: date) -> str:
    """"Ends in N days" for a final or signed agreement with an end date; ended ones say when they ended."""
    if row.status not in LIVE or row.effective_to is None:
        return ""
    days = (row.effective_to - today).days
    if days < 0:
        return f"Ended {-days} day{'s' if days != -1 else ''} ago"
    if days == 0:
        return "Ends today"
    return f"Ends in {days} day{'s' if days != 1 else ''}"


class AgreementTableModel(RowTableModel):
    class Column(IntEnum):
        REF = 0
        KIND = 1
        STATUS = 2
        TITLE = 3
        PARTIES = 4
        FROM = 5
        TO = 6
        ENDS = 7

    HEADERS = {Column.REF: "Agreement", Column.KIND: "Kind", Column.STATUS: "Status", Column.TITLE: "Title",
               Column.PARTIES: "Parties", Column.FROM: "Effective\nfrom", Column.TO: "Effective\nto",
               Column.ENDS: "Ends"}

    def __init__(self, parent=None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.today = today or date.today()  # the store's "today" when a screen knows it (tests, demo dates)

    def set_rows(self, rows: Sequence[AgreementRow], today: date | None = None) -> None:
        if today is not None:
            self.today = today
        super().set_rows(rows)

    def text(self, row: AgreementRow, column) -> str:
        C = self.Column
        return {C.REF: row.ref, C.KIND: row.kind.label, C.STATUS: row.status.label, C.TITLE: row.title,
                C.PARTIES: parties_text(row), C.FROM: _day(row.effective_from), C.TO: _day(row.effective_to),
                C.ENDS: ends_text(row, self.today)}[column]

    def tooltip(self, row: AgreementRow, column) -> str | None:
        if column == self.Column.REF:
            return f"{row.title} ({row.ref}, version {row.revision}): {row.status.label.lower()}"
        return super().tooltip(row, column)

    def extra(self, row: AgreementRow, column, role: int) -> Any:
        # Soon-ending agreements are bold, with the words "Ends in N days" beside: never the weight alone.
        if role == Qt.ItemDataRole.FontRole and column == self.Column.ENDS and row.status in LIVE \
                and row.effective_to is not None and 0 <= (row.effective_to - self.today).days <= 60:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None


def _day(value) -> str:
    return local_date(value) if value is not None else ""
