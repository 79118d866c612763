"""The outcomes report as CSV, XLSX or JSON bytes: a report in, a file's bytes out, no database.

Every format carries the same two parts: the summary figures (one per line, with a stable key, a label in
words and the value) and one line per placement. CSV has both in one sheet, the summary first, then an
empty line, then the placements with their own header row; it starts with a byte-order mark (as the audit
export does) so spreadsheet programs read accented names as UTF-8.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

from caseteam.errors import ValidationError

from .outcomes import OutcomesReport, PlacementRow

FORMATS = ("csv", "xlsx", "json")

SUMMARY_HEADERS = ("figure", "label", "value")
PLACEMENT_HEADERS = ("person_ref", "person", "job_ref", "employer", "job_title", "start_date", "hourly_wage",
                     "hours_per_week", "separated_on", "day_90", "retained_90", "days_from_referral")
PLACEMENT_TITLES = ("Person ref", "Person", "Job ref", "Employer", "Job title", "Start date", "Hourly wage",
                    "Hours per week", "Separated on", "Day 90", "Retained at 90 days", "Days from referral")

# A text cell starting with one of these runs as a formula in a spreadsheet (CSV injection): employer
# names and job titles are typed by users.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, Decimal, int)):
        return value.isoformat() if isinstance(value, date) else str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(report: OutcomesReport) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(SUMMARY_HEADERS)
    for key, label, value in summary(report):
        writer.writerow([key, label, _text(value)])
    writer.writerow([])
    writer.writerow(PLACEMENT_HEADERS)
    for row in report.placements:
        writer.writerow([_text(v) for v in placement_values(row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(report: OutcomesReport) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    def cell(value):
        if isinstance(value, str):
            return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        return value

    book = Workbook()
    sheet = book.active
    sheet.title = "Summary"
    bold = Font(bold=True)
    sheet.append(["Figure", "Label", "Value"])
    for key, label, value in summary(report):
        sheet.append([key, label, cell(value)])
    for letter, width in zip("ABC", (26, 36, 14)):
        sheet.column_dimensions[letter].width = width
    places = book.create_sheet("Placements")
    places.append(list(PLACEMENT_TITLES))
    for row in report.placements:
        places.append([cell(v) for v in placement_values(row)])
    for letter, width in zip("ABCDEFGHIJKL", (12, 26, 12, 28, 26, 12, 12, 12, 13, 12, 12, 12)):
        places.column_dimensions[letter].width = width
    places.freeze_panes = "A2"
    for ws in (sheet, places):
        for c in ws[1]:
            c.font = bold
        for line in ws.iter_rows(min_row=2):
            for c in line:
                if isinstance(c.value, str):
                    c.data_type = "s"  # typed text stays text, even when it starts with "="
                elif isinstance(c.value, date):
                    c.number_format = "yyyy-mm-dd"
                elif isinstance(c.value, Decimal):
                    c.number_format = "0.00" if c.value.as_tuple().exponent == -2 else "0.0"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_json(report: OutcomesReport) -> bytes:
    def plain(value):  # exact: decimals as strings (never floats for money), dates ISO
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        return value
    data = {"summary": {key: plain(value) for key, _label, value in summary(report)},
            "placements": [dict(zip(PLACEMENT_HEADERS, (plain(v) for v in placement_values(r))))
                           for r in report.placements]}
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
