"""The Job development page's lists: the person's negotiations (with the flags on each offer counted in
words and markers, not colour alone) and other agencies' plans (IPE, waiver service plan)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from caseteam.services.offer_check import FlagKind, shows_flags

from ..dates import local_date
from .list_model import Index, ListTableModel


def flag_summary(flags) -> str:
    """"⚠ 1 fails · ? 3 to check · ℹ 1 advice", or "none" / "—" (no offer terms yet)."""
    counts = [(kind, sum(1 for f in flags if f.kind is kind)) for kind in FlagKind]
    parts = [f"{kind.marker} {n} {kind.label.lower()}" for kind, n in counts if n]
    return " · ".join(parts) if parts else "none"


class NegotiationColumn(IntEnum):
    REF = 0
    EMPLOYER = 1
    JOB = 2
    STATUS = 3
    SINCE = 4
    FLAGS = 5


NEGOTIATION_HEADERS = {NegotiationColumn.REF: "Ref", NegotiationColumn.EMPLOYER: "Employer",
                       NegotiationColumn.JOB: "Job title", NegotiationColumn.STATUS: "Status",
                       NegotiationColumn.SINCE: "Since", NegotiationColumn.FLAGS: "Flags"}


class NegotiationModel(ListTableModel):
    Column = NegotiationColumn
    HEADERS = NEGOTIATION_HEADERS
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.flags_by_id: dict = {}  # not "flags": that is the Qt method

    def set_negotiations(self, rows, flags: dict) -> None:
        self.flags_by_id = dict(flags)
        self.set_rows(rows)

    def shown_flags(self, row) -> tuple:
        return self.flags_by_id.get(row.id, ()) if shows_flags(row) else ()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row = self.row_at(index.row())
        if role == self.ROW_ROLE:
            return row
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = NegotiationColumn(index.column())
        if column is NegotiationColumn.REF:
            return row.ref
        if column is NegotiationColumn.EMPLOYER:
            return row.employer_name
        if column is NegotiationColumn.JOB:
            return row.job_title or "—"
        if column is NegotiationColumn.STATUS:
            return row.status.label
        if column is NegotiationColumn.SINCE:
            return local_date(row.status_on)
        if not shows_flags(row):
            return "— (shown on an offer)"
        flags = self.shown_flags(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f.text for f in flags) or "No flags"
        return flag_summary(flags)


class PlanColumn(IntEnum):
    REF = 0
    KIND = 1
    AGENCY = 2
    GOAL = 3
    DATES = 4
    STATE = 5
    AMENDMENTS = 6


PLAN_HEADERS = {PlanColumn.REF: "Ref", PlanColumn.KIND: "Plan", PlanColumn.AGENCY: "Agency",
                PlanColumn.GOAL: "Employment goal or outcomes", PlanColumn.DATES: "Dates",
                PlanColumn.STATE: "State", PlanColumn.AMENDMENTS: "Amendments"}


def plan_dates(plan) -> str:
    start = local_date(plan.starts_on) if plan.starts_on else "no start date"
    end = local_date(plan.ends_on) if plan.ends_on else "no end date"
    return f"{start} to {end}"


class AgencyPlanModel(ListTableModel):
    Column = PlanColumn
    HEADERS = PLAN_HEADERS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index) or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        plan = self.row_at(index.row())
        column = PlanColumn(index.column())
        if column is PlanColumn.REF:
            return plan.ref + (f" ({plan.plan_number})" if plan.plan_number else "")
        if column is PlanColumn.KIND:
            return "VR IPE" if plan.kind.value == "vr_ipe" else "Waiver service plan"
        if column is PlanColumn.AGENCY:
            return plan.organization_name or "—"
        if column is PlanColumn.GOAL:
            return plan.employment_goal + (f" (SOC {plan.soc_code})" if plan.soc_code else "")
        if column is PlanColumn.DATES:
            return plan_dates(plan)
        if column is PlanColumn.STATE:
            return f"closed {local_date(plan.closed_on)}" if plan.closed_on else "open"
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f"{local_date(a.amended_on)}: {a.summary}" for a in plan.amendments) or "None"
        return str(len(plan.amendments)) if plan.amendments else "none"
