"""The funding report's tables (services/funding_report.FundingReport): cost per person and funder,
utilization by funder, service and provider, milestones in the period, supervisors' overrides. Each model
says its columns and how a row's cell reads; money, units and percentages are right-aligned."""

from __future__ import annotations

from enum import IntEnum
from typing import Any, Callable

from ..dates import local_date
from .employment_models import dollars
from .work_models import TextRows


def _units(value) -> str:
    return "" if value is None else f"{value:,.2f}"


def _money(value) -> str:
    return "" if value is None else dollars(value)


class FigureTableModel(TextRows):
    """A model whose cells are read by CELLS[column](row); RIGHT columns hold figures."""

    CELLS: dict[IntEnum, Callable[[Any], str]] = {}

    @staticmethod
    def record_key(row):
        return id(row)  # report rows are figures, not records with ids

    def text(self, row, column) -> str:
        return self.CELLS[column](row)


class CostColumn(IntEnum):
    PERSON = 0
    FUNDER = 1
    UNITS = 2
    SERVICES = 3
    INVOICEABLE = 4
    HELD_BACK = 5
    OVERRIDDEN = 6
    MILESTONES = 7
    TOTAL = 8


class CostModel(FigureTableModel):
    Column = CostColumn
    HEADERS = {CostColumn.PERSON: "Person", CostColumn.FUNDER: "Funder", CostColumn.UNITS: "Units",
               CostColumn.SERVICES: "Services", CostColumn.INVOICEABLE: "Invoiceable",
               CostColumn.HELD_BACK: "Held back", CostColumn.OVERRIDDEN: "Overridden",
               CostColumn.MILESTONES: "Milestones", CostColumn.TOTAL: "Total"}
    CELLS = {CostColumn.PERSON: lambda r: f"{r.person_name} ({r.person_ref})",
             CostColumn.FUNDER: lambda r: r.funder_name, CostColumn.UNITS: lambda r: _units(r.units),
             CostColumn.SERVICES: lambda r: _money(r.amount), CostColumn.INVOICEABLE: lambda r: _money(r.invoiceable),
             CostColumn.HELD_BACK: lambda r: _money(r.held_back), CostColumn.OVERRIDDEN: lambda r: _money(r.overridden),
             CostColumn.MILESTONES: lambda r: _money(r.milestone_amount), CostColumn.TOTAL: lambda r: _money(r.total)}
    RIGHT = frozenset(set(CostColumn) - {CostColumn.PERSON, CostColumn.FUNDER})


class UseColumn(IntEnum):
    FUNDER = 0
    SERVICE = 1
    PROVIDER = 2
    AUTHORIZED = 3
    USED = 4
    USED_TO_DATE = 5
    PERCENT = 6


def _authorized(r) -> str:
    parts = [f"{_units(r.authorized_units)} {r.unit}s" if r.authorized_units is not None else "",
             _money(r.authorized_amount)]
    return ", ".join(p for p in parts if p) or ("none on this line" if not r.authorizations else "")


class UtilizationModel(FigureTableModel):
    Column = UseColumn
    HEADERS = {UseColumn.FUNDER: "Funder", UseColumn.SERVICE: "Service", UseColumn.PROVIDER: "Provider",
               UseColumn.AUTHORIZED: "Authorized", UseColumn.USED: "Used in period",
               UseColumn.USED_TO_DATE: "Used to date", UseColumn.PERCENT: "Used"}
    CELLS = {UseColumn.FUNDER: lambda r: r.funder_name,
             UseColumn.SERVICE: lambda r: f"{r.service_code} {r.service_name}",
             UseColumn.PROVIDER: lambda r: r.provider_name or "No service yet",
             UseColumn.AUTHORIZED: _authorized,
             UseColumn.USED: lambda r: f"{_units(r.used_units)} ({_money(r.used_amount)})",
             UseColumn.USED_TO_DATE: lambda r: f"{_units(r.used_units_to_date)} ({_money(r.used_amount_to_date)})",
             UseColumn.PERCENT: lambda r: "" if r.percent_used is None else f"{r.percent_used}%"}
    RIGHT = frozenset({UseColumn.AUTHORIZED, UseColumn.USED, UseColumn.USED_TO_DATE, UseColumn.PERCENT})


class MilestoneColumn(IntEnum):
    PERSON = 0
    FUNDER = 1
    MILESTONE = 2
    REACHED = 3
    AMOUNT = 4
    STEPS = 5
    REASON = 6


def _steps(r) -> str:
    said = [f"{word} {local_date(getattr(r, f'{step}_on'))}" for step, word in
            (("invoiced", "invoiced"), ("paid", "paid"), ("returned", "returned"), ("denied", "denied"))
            if getattr(r, f"{step}_on") is not None]
    return "; ".join(said) + (f" ({r.invoice_ref})" if r.invoice_ref else "") if said else r.status.label


class MilestoneModel(FigureTableModel):
    Column = MilestoneColumn
    HEADERS = {MilestoneColumn.PERSON: "Person", MilestoneColumn.FUNDER: "Funder",
               MilestoneColumn.MILESTONE: "Milestone", MilestoneColumn.REACHED: "Reached",
               MilestoneColumn.AMOUNT: "Amount", MilestoneColumn.STEPS: "In the period",
               MilestoneColumn.REASON: "Reason"}
    CELLS = {MilestoneColumn.PERSON: lambda r: f"{r.person_name} ({r.person_ref})",
             MilestoneColumn.FUNDER: lambda r: r.funder_name + (" (blended pool)" if r.blended_pool else ""),
             MilestoneColumn.MILESTONE: lambda r: f"{r.ref} {r.service_name}",
             MilestoneColumn.REACHED: lambda r: local_date(r.achieved_on),
             MilestoneColumn.AMOUNT: lambda r: _money(r.amount), MilestoneColumn.STEPS: _steps,
             MilestoneColumn.REASON: lambda r: r.reason}
    RIGHT = frozenset({MilestoneColumn.AMOUNT})


class OverrideColumn(IntEnum):
    SERVED = 0
    PERSON = 1
    FUNDER = 2
    AMOUNT = 3
    OUTSIDE = 4
    REASON = 5
    BY = 6


class OverrideModel(FigureTableModel):
    Column = OverrideColumn
    HEADERS = {OverrideColumn.SERVED: "Served", OverrideColumn.PERSON: "Person", OverrideColumn.FUNDER: "Funder",
               OverrideColumn.AMOUNT: "Amount", OverrideColumn.OUTSIDE: "Outside the authorization because",
               OverrideColumn.REASON: "Override reason", OverrideColumn.BY: "Overridden by"}
    CELLS = {OverrideColumn.SERVED: lambda r: f"{local_date(r.served_on)} ({r.entry_ref})",
             OverrideColumn.PERSON: lambda r: f"{r.person_name} ({r.person_ref})",
             OverrideColumn.FUNDER: lambda r: f"{r.funder_name} {r.service_code}",
             OverrideColumn.AMOUNT: lambda r: _money(r.amount), OverrideColumn.OUTSIDE: lambda r: r.unauthorized_reason,
             OverrideColumn.REASON: lambda r: r.reason, OverrideColumn.BY: lambda r: r.overridden_by}
    RIGHT = frozenset({OverrideColumn.AMOUNT})
