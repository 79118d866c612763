"""The referral tables: one referral per line (reference, who sent it to whom, the service, the status in
words, when it was sent, the answer's due day and "Overdue" as a word with a warning sign), and one status
change per line of a referral's history."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from ..dates import local_date, to_local
from .caseload_model import overdue_icon
from .partner_models import RowTableModel, one_line

OVERDUE = "Overdue"


def status_words(row) -> str:
    """The status as a person says it: "Accepted on 2026-11-20", "Declined: no opening this month"."""
    words = f"{row.status.label} on {local_date(row.status_on)}"
    if row.decline_reason and row.status.value == "declined":
        words += f": {one_line(row.decline_reason)}"
    return words


def party(organization: str, staff: str | None) -> str:
    return f"{organization} ({staff})" if staff else organization


class ReferralTableModel(RowTableModel):
    class Column(IntEnum):
        REF = 0
        PERSON = 1
        FROM = 2
        TO = 3
        SERVICE = 4
        STATUS = 5
        SENT = 6
        RESPOND_BY = 7
        OVERDUE = 8

    HEADERS = {Column.REF: "Reference", Column.PERSON: "Person", Column.FROM: "From", Column.TO: "To",
               Column.SERVICE: "Service or need", Column.STATUS: "Status", Column.SENT: "Sent",
               Column.RESPOND_BY: "Respond by", Column.OVERDUE: "Overdue"}

    def text(self, row, column) -> str:
        C = self.Column
        return {C.REF: row.ref, C.PERSON: row.person_name,
                C.FROM: party(row.from_organization_name, row.from_staff_name),
                C.TO: party(row.to_organization_name, row.to_staff_name), C.SERVICE: one_line(row.service),
                C.STATUS: row.status.label, C.SENT: local_date(row.sent_on),
                C.RESPOND_BY: local_date(row.respond_by) if row.respond_by else "No date",
                C.OVERDUE: OVERDUE if row.overdue else ""}[column]

    def tooltip(self, row, column) -> str | None:
        C = self.Column
        if column == C.STATUS:
            return status_words(row)
        if column == C.OVERDUE and row.overdue:
            return f"Not answered by {local_date(row.respond_by)}: open {row.days_open} days"
        if column == C.REF:
            return f"{row.ref}, {row.urgency.label.lower()}, open {row.days_open} days"
        return super().tooltip(row, column)

    def extra(self, row, column, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == self.Column.OVERDUE and row.overdue:
            return overdue_icon()
        return None


class ReferralEventModel(RowTableModel):
    class Column(IntEnum):
        STATUS = 0
        ON = 1
        BY = 2
        STAFF = 3
        NOTE = 4

    HEADERS = {Column.STATUS: "Status", Column.ON: "On", Column.BY: "Recorded by", Column.STAFF: "Staff member",
               Column.NOTE: "Note"}

    @staticmethod
    def record_key(row):
        return (row.status, row.at)

    def text(self, row, column) -> str:
        C = self.Column
        at = to_local(row.at)
        by = f"{row.actor_name}, {at:%H:%M}" if at is not None else row.actor_name
        return {C.STATUS: row.status.label, C.ON: local_date(row.on), C.BY: by, C.STAFF: row.staff_name or "",
                C.NOTE: one_line(row.note or "")}[column]


__all__ = ["OVERDUE", "ReferralEventModel", "ReferralTableModel", "party", "status_words"]
