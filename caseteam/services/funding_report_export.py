"""The funding report as CSV, XLSX or JSON bytes: a report in, a file's bytes out, no database.

Every format carries the same sections, in this order: the summary figures; cost by funder per person;
utilization by funder, service and provider; milestones in the period; milestones by step; the blended
pools' cost and utilization (apart from the other funders); supervisors' overrides with their reasons.

- CSV is one file a spreadsheet opens as one sheet: each section starts with its title on a line of its
  own, then its header row (stable snake_case keys), then its rows; an empty line separates sections.
  (Sections have different columns, so one table with a section column would be mostly empty cells.)
- XLSX has one sheet per section with titled, bold, frozen header rows; money cells are numbers in a
  currency format, dates are dates, override times are UTC.
- JSON has one key per section, each a list of objects with the CSV's keys; money and units as exact
  decimal strings.
"""

from __future__ import annotations

import json

from caseteam.errors import ValidationError

from . import table_export as tables
from .funding_report import CostRow, FundingReport, MilestoneActivity, MilestoneTotal, OverrideRow, UtilizationRow
from .table_export import Table

FORMATS = ("csv", "xlsx", "json")

# key, section title (the CSV's title line), sheet name, [(column key, column title, width, money)]
_COST = [("person_ref", "Person ref", 12, False), ("person", "Person", 24, False), ("funder", "Funder", 24, False),
         ("entries", "Entries", 9, False), ("units", "Units", 10, False), ("amount", "Services", 13, True),
         ("invoiceable", "Invoiceable", 13, True), ("held_back", "Held back", 13, True),
         ("overridden", "Overridden", 13, True), ("milestones", "Milestones", 11, False),
         ("milestone_amount", "Milestone amount", 15, True), ("total", "Total", 13, True)]
_USE = [("funder", "Funder", 24, False), ("service_code", "Service code", 12, False),
        ("service", "Service", 24, False), ("unit", "Unit", 14, False), ("provider", "Provider", 24, False),
        ("authorizations", "Authorizations", 14, False), ("authorized_units", "Authorized units", 15, False),
        ("authorized_amount", "Authorized amount", 16, True), ("used_units", "Units used in period", 17, False),
        ("used_amount", "Amount used in period", 18, True), ("used_units_to_date", "Units used to date", 16, False),
        ("used_amount_to_date", "Amount used to date", 17, True), ("percent_used", "Percent used", 12, False)]
_MILESTONES = [("milestone_ref", "Milestone", 12, False), ("person_ref", "Person ref", 12, False),
               ("person", "Person", 24, False), ("funder", "Funder", 24, False),
               ("blended_pool", "Blended pool", 12, False), ("service_code", "Service code", 12, False),
               ("service", "Service", 26, False), ("status", "Status now", 11, False),
               ("achieved_on", "Reached on", 12, False), ("amount", "Amount", 12, True),
               ("reached_in_period", "Reached in period", 16, False), ("invoice_ref", "Invoice", 12, False),
               ("invoiced_on", "Invoiced on", 12, False), ("paid_on", "Paid on", 12, False),
               ("returned_on", "Returned on", 12, False), ("denied_on", "Denied on", 12, False),
               ("invoiced_amount", "Invoiced amount", 15, True), ("reason", "Reason", 30, False)]
_STEPS = [("funder", "Funder", 24, False), ("blended_pool", "Blended pool", 12, False), ("step", "Step", 12, False),
          ("count", "Milestones", 11, False), ("amount", "Amount", 13, True)]
_OVERRIDES = [("entry_ref", "Entry", 12, False), ("served_on", "Served on", 12, False),
              ("person_ref", "Person ref", 12, False), ("person", "Person", 24, False),
              ("funder", "Funder", 24, False), ("blended_pool", "Blended pool", 12, False),
              ("service_code", "Service code", 12, False), ("units", "Units", 9, False),
              ("amount", "Amount", 12, True), ("unauthorized_reason", "Outside the authorization because", 36, False),
              ("reason", "Override reason", 36, False), ("overridden_by", "Overridden by", 20, False),
              ("overridden_at", "Overridden at (UTC)", 18, False)]
_SUMMARY = [("figure", "Figure", 40, False), ("value", "Value", 30, False)]


def cost_values(r: CostRow) -> list:
    return [r.person_ref, r.person_name, r.funder_name, r.entries, r.units, r.amount, r.invoiceable, r.held_back,
            r.overridden, r.milestones, r.milestone_amount, r.total]


def use_values(r: UtilizationRow) -> list:
    return [r.funder_name, r.service_code, r.service_name, r.unit, r.provider_name, r.authorizations,
            r.authorized_units, r.authorized_amount, r.used_units, r.used_amount, r.used_units_to_date,
            r.used_amount_to_date, r.percent_used]


def milestone_values(r: MilestoneActivity) -> list:
    return [r.ref, r.person_ref, r.person_name, r.funder_name, r.blended_pool, r.service_code, r.service_name,
            r.status.value, r.achieved_on, r.amount, r.reached_in_period, r.invoice_ref, r.invoiced_on, r.paid_on,
            r.returned_on, r.denied_on, r.invoiced_amount, r.reason]


def step_values(r: MilestoneTotal) -> list:
    return [r.funder_name, r.blended_pool, r.step, r.count, r.amount]


def override_values(r: OverrideRow) -> list:
    return [r.entry_ref, r.served_on, r.person_ref, r.person_name, r.funder_name, r.blended_pool, r.service_code,
            r.units, r.amount, r.unauthorized_reason, r.reason, r.overridden_by, r.overridden_at]


def sections(report: FundingReport) -> list[tuple[str, str, str, list, list[list]]]:
    """(key, title, sheet name, columns, rows) for every section, in the exports' order."""
    return [
        ("summary", f"Funding report {report.period_from.isoformat()} to {report.period_to.isoformat()}",
         "Summary", _SUMMARY, [list(line) for line in report.figures()]),
        ("cost", "Cost by funder per person", "Cost by person", _COST, [cost_values(r) for r in report.cost]),
        ("utilization", "Utilization by funder and provider", "Utilization", _USE,
         [use_values(r) for r in report.utilization]),
        ("milestones", "Milestones in the period", "Milestones", _MILESTONES,
         [milestone_values(r) for r in report.milestones]),
        ("milestone_steps", "Milestones by step", "Milestone steps", _STEPS,
         [step_values(r) for r in report.milestone_totals]),
        ("blended_cost", "Blended pools: cost per person", "Blended pool cost", _COST,
         [cost_values(r) for r in report.blended_cost]),
        ("blended_utilization", "Blended pools: utilization", "Blended pool use", _USE,
         [use_values(r) for r in report.blended_utilization]),
        ("overrides", "Supervisor overrides", "Overrides", _OVERRIDES, [override_values(r) for r in report.overrides]),
    ]


def render(report: FundingReport, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValidationError("format", f'"{fmt}" is not an export format; choose csv, xlsx or json.')
    return {"csv": to_csv, "xlsx": to_xlsx, "json": to_json}[fmt](report)


def _keys(columns) -> tuple[str, ...]:
    return tuple(c[0] for c in columns)


def to_csv(report: FundingReport) -> bytes:
    return tables.to_csv([(title, Table(sheet, _keys(columns), rows))
                          for _key, title, sheet, columns, rows in sections(report)])


def to_xlsx(report: FundingReport) -> bytes:
    return tables.to_xlsx([
        Table(sheet, tuple(c[1] for c in columns), rows, widths=tuple(c[2] for c in columns),
              money=frozenset(n for n, c in enumerate(columns) if c[3]))
        for _key, _title, sheet, columns, rows in sections(report)])


def to_json(report: FundingReport) -> bytes:
    data = {"period_from": report.period_from.isoformat(), "period_to": report.period_to.isoformat()}
    for key, _title, _sheet, columns, rows in sections(report):
        data[key] = tables.json_rows(_keys(columns), rows)
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
