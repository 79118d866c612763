"""The outcomes report as CSV, XLSX or JSON bytes: a report in, a file's bytes out, no database.

Every format carries the same two parts: the summary figures (one per line, with a stable key, a label in
words and the value) and one line per placement. CSV has both in one sheet, the summary first, then an
empty line, then the placements with their own header row; it starts with a byte-order mark (as the audit
export does) so spreadsheet programs read accented names as UTF-8.
"""

from __future__ import annotations

import json

from caseteam.errors import ValidationError

from . import table_export as tables
from .outcomes import OutcomesReport, PlacementRow
from .table_export import Table

FORMATS = ("csv", "xlsx", "json")

SUMMARY_HEADERS = ("figure", "label", "value")
PLACEMENT_HEADERS = ("person_ref", "person", "job_ref", "employer", "job_title", "start_date", "hourly_wage",
                     "hours_per_week", "separated_on", "day_90", "retained_90", "days_from_referral")
PLACEMENT_TITLES = ("Person ref", "Person", "Job ref", "Employer", "Job title", "Start date", "Hourly wage",
                    "Hours per week", "Separated on", "Day 90", "Retained at 90 days", "Days from referral")


def summary(report: OutcomesReport) -> list[tuple[str, str, object]]:
    """(key, label, value) with numbers and dates as such; None where there is nothing to average."""
    return [
        ("since", "First day of the period", report.since),
        ("until", "Last day of the period", report.until),
        ("as_of", "Retention judged on", report.as_of),
        ("placements", "Placements (jobs started)", report.placement_count),
        ("self_employment_launches", "Self-employment launches", report.self_employment_launches),
        ("average_hourly_wage", "Average hourly wage", report.average_hourly_wage),
        ("average_hours_per_week", "Average hours per week", report.average_hours_per_week),
        ("retained_90", "Still employed at 90 days", report.retained_90),
        ("reached_90", "Placements that reached 90 days", report.reached_90),
        ("retention_percent", "Retention at 90 days (%)", report.retention_percent),
        ("referral_days_median", "Days from referral to job, median", report.referral_days_median),
        ("referral_days_mean", "Days from referral to job, mean", report.referral_days_mean),
        ("separations", "Separations in the period", report.separations),
    ]


def placement_values(row: PlacementRow) -> list[object]:
    return [row.person_ref, row.person_name, row.job_ref, row.employer, row.job_title, row.start_date,
            row.hourly_wage, row.hours_per_week, row.separated_on, row.day_90, row.retained_90.value,
            row.days_from_referral]


def render(report: OutcomesReport, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValidationError("format", f'"{fmt}" is not an export format; choose csv, xlsx or json.')
    return {"csv": to_csv, "xlsx": to_xlsx, "json": to_json}[fmt](report)


def to_csv(report: OutcomesReport) -> bytes:
    figures = Table("Summary", SUMMARY_HEADERS, [list(line) for line in summary(report)])
    places = Table("Placements", PLACEMENT_HEADERS, [placement_values(r) for r in report.placements])
    return tables.to_csv([(None, figures), (None, places)])


def to_xlsx(report: OutcomesReport) -> bytes:
    return tables.to_xlsx([
        Table("Summary", ("Figure", "Label", "Value"), [list(line) for line in summary(report)],
              widths=(26, 36, 14), freeze=False),
        Table("Placements", PLACEMENT_TITLES, [placement_values(r) for r in report.placements],
              widths=(12, 26, 12, 28, 26, 12, 12, 12, 13, 12, 12, 12))])


def to_json(report: OutcomesReport) -> bytes:
    data = {"summary": {key: tables.json_value(value) for key, _label, value in summary(report)},
            "placements": tables.json_rows(PLACEMENT_HEADERS, (placement_values(r) for r in report.placements))}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
