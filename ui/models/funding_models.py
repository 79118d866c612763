"""Tables of the person's Funding part: authorizations with how much is used (a bar drawn by
UsageDelegate, the same words for screen readers), service entries with whether each may be invoiced,
the cost-share plan, and milestones. Every state is in words; held-back entries are also marked."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from caseteam.services.authorizations import AuthorizationRow
from caseteam.services.funders import AuthorizationUsage
from caseteam.services.service_entries import ServiceEntryRow

from ..dates import local_date
from ..widgets.usage_bar import USAGE_ROLE, usage_state
from .employment_models import dollars
from .list_model import Index
from .work_models import TextRows

HELD_BACK = QColor("#a61b1b")  # with the "⚠" and the words, never alone


def count(value) -> str:
    return f"{value.normalize():f}" if value is not None else ""


def period(starts_on, ends_on) -> str:
    if starts_on is None and ends_on is None:
        return ""
    return f"{local_date(starts_on) or '…'} to {local_date(ends_on) or 'open'}"


@dataclass(frozen=True)
class AuthorizationLine:
    """An authorization with what its entries have used."""
    auth: AuthorizationRow
    usage: AuthorizationUsage

    @property
    def id(self):
        return self.auth.id

    def usage_state(self) -> tuple[float, str, str]:
        """The bar counts units when the authorization gives units, else dollars."""
        if self.auth.units is not None:
            return usage_state(self.usage.units_used, self.auth.units)
        return usage_state(self.usage.amount_used, self.auth.amount, dollars=True)


class AuthorizationColumn(IntEnum):
    REF = 0
    FUNDER = 1
    SERVICE = 2
    NUMBER = 3
    PERIOD = 4
    STATUS = 5
    USED = 6


class AuthorizationModel(TextRows):
    Column = AuthorizationColumn
    HEADERS = {AuthorizationColumn.REF: "Authorization", AuthorizationColumn.FUNDER: "Funder",
               AuthorizationColumn.SERVICE: "Service", AuthorizationColumn.NUMBER: "Funder's number",
               AuthorizationColumn.PERIOD: "Period", AuthorizationColumn.STATUS: "Status",
               AuthorizationColumn.USED: "Used and left"}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.valid(index) and role == USAGE_ROLE and index.column() == AuthorizationColumn.USED:
            return self._rows[index.row()].usage_state()
        return super().data(index, role)

    def text(self, line: AuthorizationLine, column) -> str:
        a = line.auth
        if column == AuthorizationColumn.REF:
            return a.ref
        if column == AuthorizationColumn.FUNDER:
            return a.funder_name
        if column == AuthorizationColumn.SERVICE:
            return a.service_code
        if column == AuthorizationColumn.NUMBER:
            return a.number or "not given yet"
        if column == AuthorizationColumn.PERIOD:
            return period(a.starts_on, a.ends_on)
        if column == AuthorizationColumn.STATUS:
            return a.status_words + (f" · {len(a.amendments)} amendment{'s' if len(a.amendments) != 1 else ''}"
                                     if a.amendments else "")
        return line.usage_state()[2]


def entry_words(row: ServiceEntryRow) -> str:
    """Whether the entry may be invoiced, and if not why, in words."""
    if row.corrected:
        return "Corrected by a later entry (not counted)"
    parts = []
    if row.invoiced_at is not None:
        parts.append("Invoiced")
    if row.unauthorized_reason and row.override_by_id is None:
        parts.append(f"⚠ Unauthorized, held back from invoices: {row.unauthorized_reason}")
    elif row.unauthorized_reason:
        parts.append(f"Overridden by a supervisor: {row.override_reason}")
    if row.flags:
        parts.append("⚠ Flagged, held back: " + "; ".join(row.flags))
    if row.corrects_id is not None:
        parts.append("a correcting entry")
    if not parts or parts == ["a correcting entry"]:
        parts.insert(0, "Ready to invoice")
    return " · ".join(parts)


def held_back(row: ServiceEntryRow) -> bool:
    return not row.corrected and ((bool(row.unauthorized_reason) and row.override_by_id is None) or bool(row.flags))


class EntryColumn(IntEnum):
    REF = 0
    DATE = 1
    SERVICE = 2
    FUNDER = 3
    TIMES = 4
    UNITS = 5
    AMOUNT = 6
    STATE = 7


class EntryModel(TextRows):
    Column = EntryColumn
    HEADERS = {EntryColumn.REF: "Entry", EntryColumn.DATE: "Date", EntryColumn.SERVICE: "Service",
               EntryColumn.FUNDER: "Funder", EntryColumn.TIMES: "Times", EntryColumn.UNITS: "Units",
               EntryColumn.AMOUNT: "Amount", EntryColumn.STATE: "May it be invoiced?"}
    RIGHT = frozenset({EntryColumn.UNITS, EntryColumn.AMOUNT})

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.valid(index) and held_back(self._rows[index.row()]):
            if role == Qt.ItemDataRole.ForegroundRole and index.column() == EntryColumn.STATE:
                return HELD_BACK
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        if self.valid(index) and role == Qt.ItemDataRole.FontRole and self._rows[index.row()].corrected:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return super().data(index, role)

    def text(self, row: ServiceEntryRow, column) -> str:
        if column == EntryColumn.REF:
            return row.ref
        if column == EntryColumn.DATE:
            return local_date(row.served_on)
        if column == EntryColumn.SERVICE:
            return f"{row.service_code} {row.service_name}"
        if column == EntryColumn.FUNDER:
            return row.funder_name
        if column == EntryColumn.TIMES:
            return f"{row.starts_at:%H:%M}–{row.ends_at:%H:%M}" if row.starts_at and row.ends_at else ""
        if column == EntryColumn.UNITS:
            return count(row.units)
        if column == EntryColumn.AMOUNT:
            return dollars(row.amount)
        return entry_words(row)


class CostShareColumn(IntEnum):
    SERVICE = 0
    FUNDER = 1
    SEQUENCE = 2
    FROM = 3
    TO = 4
    NOTE = 5


class CostShareModel(TextRows):
    Column = CostShareColumn
    HEADERS = {CostShareColumn.SERVICE: "Service", CostShareColumn.FUNDER: "Paid by",
               CostShareColumn.SEQUENCE: "Sequence", CostShareColumn.FROM: "From", CostShareColumn.TO: "To",
               CostShareColumn.NOTE: "Note"}
    RIGHT = frozenset({CostShareColumn.SEQUENCE})

    def text(self, row, column) -> str:
        if column == CostShareColumn.SERVICE:
            return row.service_name
        if column == CostShareColumn.FUNDER:
            return row.funder_name + (" (blended pool, reported separately)" if row.blended_pool else "")
        if column == CostShareColumn.SEQUENCE:
            return str(row.sequence)
        if column == CostShareColumn.FROM:
            return local_date(row.starts_on)
        if column == CostShareColumn.TO:
            return local_date(row.ends_on) or "open"
        return row.note


class MilestoneColumn(IntEnum):
    REF = 0
    MILESTONE = 1
    FUNDER = 2
    STATUS = 3
    DUE = 4
    ACHIEVED = 5
    AMOUNT = 6
    EVIDENCE = 7


class MilestoneModel(TextRows):
    Column = MilestoneColumn
    HEADERS = {MilestoneColumn.REF: "Milestone", MilestoneColumn.MILESTONE: "What", MilestoneColumn.FUNDER: "Funder",
               MilestoneColumn.STATUS: "Status", MilestoneColumn.DUE: "Due", MilestoneColumn.ACHIEVED: "Achieved",
               MilestoneColumn.AMOUNT: "Amount", MilestoneColumn.EVIDENCE: "Evidence"}
    RIGHT = frozenset({MilestoneColumn.AMOUNT})

    def text(self, row, column) -> str:
        if column == MilestoneColumn.REF:
            return row.ref
        if column == MilestoneColumn.MILESTONE:
            return f"{row.service_code} {row.service_name}"
        if column == MilestoneColumn.FUNDER:
            return row.funder_name
        if column == MilestoneColumn.STATUS:
            return row.status_words
        if column == MilestoneColumn.DUE:
            return local_date(row.due_on) or "no date yet"
        if column == MilestoneColumn.ACHIEVED:
            return local_date(row.achieved_on) or "not yet"
        if column == MilestoneColumn.AMOUNT:
            return dollars(row.amount)
        evidence = row.evidence or ("none yet" + (f" (needs: {row.evidence_required})" if row.evidence_required else ""))
        return evidence + (" · scan on file" if row.evidence_attachment_id else "")
