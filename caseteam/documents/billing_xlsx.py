"""The invoice and the progress report as XLSX workbooks for funders that take spreadsheets.

Every figure is a typed cell: dates are dates, times are times, units are numbers and money is a number
in a currency format, written from the Decimal rounded to cents (never through float arithmetic), so a
funder's clerk can sum the column and get the printed total. Text is always text: a description that
starts with "=" is not run as a formula.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .billing_views import InvoiceView, ProgressReportView
from .dates import long_date

CURRENCY = '"$"#,##0.00'
DATE = "mm/dd/yyyy"
TIME = "h:mm AM/PM"
UNITS = "General"
CENT = Decimal("0.01")
BOLD = Font(bold=True)


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    kind: str = "text"      # text, date, time, units, money


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _put(sheet: Worksheet, row: int, column: int, value, kind: str = "text"):
    cell = sheet.cell(row=row, column=column)
    if value is None or value == "":
        return cell
    if kind == "money":
        cell.value, cell.number_format = cents(value), CURRENCY
    elif kind == "units":
        cell.value, cell.number_format = value, UNITS
    elif kind == "date" and isinstance(value, date):
        cell.value, cell.number_format = value, DATE
    elif kind == "time" and isinstance(value, time):
        cell.value, cell.number_format = value, TIME
    else:
        cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value))
        cell.data_type = "s"  # typed text stays text, even when it starts with "="
    return cell


def _header_block(sheet: Worksheet, title: str, pairs: list[tuple[str, object, str]]) -> int:
    """A bold title, then one label/value row per fact with a value; returns the next free row."""
    sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    row = 3
    for label, value, kind in pairs:
        if value is None or value == "" or value == ():
            continue
        sheet.cell(row=row, column=1, value=label).font = BOLD
        _put(sheet, row, 2, value, kind).alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        row += 1
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 70
    return row + 1


def _table(sheet: Worksheet, columns: tuple[Column, ...], rows: list[tuple], *, total: tuple | None = None,
           print_title: str = "") -> None:
    """The table from row 1: a bold header row frozen on screen and repeated on printed pages, typed
    cells, a bold total row under the lines, a filter on the header and column widths that fit."""
    for index, column in enumerate(columns, start=1):
        sheet.cell(row=1, column=index, value=column.title).font = BOLD
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for number, values in enumerate(rows, start=2):
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = _put(sheet, number, index, value, column.kind)
            if column.width >= 40:  # long words wrap inside their column instead of running under the next
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = len(rows) + 1
    if rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    if total is not None:
        for index, (column, value) in enumerate(zip(columns, total, strict=True), start=1):
            _put(sheet, last + 1, index, value, column.kind).font = BOLD
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    if print_title:
        sheet.oddHeader.center.text = print_title.replace("&", "&&")


def _summary_book(view: InvoiceView | ProgressReportView, sheet: str, title: str,
                  before: list, after: list) -> Workbook:
    """A workbook whose first sheet is the header block: `before`, who and when (the facts both
    documents share), then `after`."""
    book = Workbook()
    summary = book.active
    summary.title = _sheet_name(sheet)
    shared = [
        ("Provider", view.provider.name, "text"), ("Provider address", view.provider.address, "text"),
        ("Funder", view.funder.name, "text"), ("Funder program", view.funder.program, "text"),
        ("Person", view.person_name, "text"), ("Person reference", view.person_reference, "text"),
        ("Funder's case number", getattr(view, "funder_person_id", ""), "text"),
        ("Period from", view.period_from, "date"), ("Period to", view.period_to, "date"),
        ("Authorization numbers", ", ".join(view.authorization_numbers), "text")]
    demo = [("Prepared on", view.generated_on, "date"), ("Demo", "DEMO — invented data" if view.demo else "", "text")]
    _header_block(summary, title + (" (DEMO — invented data)" if view.demo else ""),
                  before + shared + after + demo)
    return book


def _sheet_name(text: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name."""
    return "".join(ch for ch in text if ch not in "[]:*?/\\")[:31]


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- invoice -------------------------------------------------------------------------------------------

LINE_COLUMNS = (
    Column("Date", 12, "date"), Column("Code", 11), Column("Description", 40), Column("Units", 8, "units"),
    Column("Unit", 15), Column("Rate", 11, "money"), Column("Amount", 13, "money"), Column("Reference", 11),
    Column("Staff", 22), Column("Start", 10, "time"), Column("Stop", 10, "time"), Column("Authorization", 15),
    Column("Evidence", 50))


def invoice_xlsx(view: InvoiceView) -> bytes:
    title = f"Invoice {view.reference} revision {view.revision}"
    replaces = view.previous_reference or (f"{view.reference} revision {view.revision - 1}"
                                           if view.revision > 1 else "")
    book = _summary_book(view, f"Invoice {view.reference}", title, [
        ("Status", view.status, "text"), ("Revision", view.revision, "units"), ("Replaces", replaces, "text"),
        ("Returned because", view.returned_reason, "text")], [
        ("Submitted on", view.submitted_on, "date"), ("Lines", len(view.lines), "units"),
        ("Total", view.total, "money"), ("Note", view.note, "text")])
    lines = book.create_sheet("Lines")
    rows = [(ln.served_on, ln.code, ln.description, ln.units, ln.unit_label, ln.rate, ln.amount, ln.reference,
             ln.staff_name, ln.starts_at, ln.ends_at, ln.authorization_number, ln.evidence) for ln in view.lines]
    total = ("Total", f"{len(rows)} lines", "", None, "", None, view.total, "", "", None, None, "", "")
    _table(lines, LINE_COLUMNS, rows, total=total, print_title=f"{title} · {view.person_name}")
    return _save(book)


# --- progress report ----------------------------------------------------------------------------------

SERVICE_COLUMNS = (
    Column("Date", 12, "date"), Column("Service", 26), Column("Start", 10, "time"), Column("Stop", 10, "time"),
    Column("Units", 8, "units"), Column("Staff", 22), Column("Note", 60), Column("Reference", 11))
NOTE_COLUMNS = (Column("Date", 12, "date"), Column("Kind", 18), Column("Written by", 22), Column("Note", 80))
MILESTONE_COLUMNS = (Column("Milestone", 30), Column("Status", 12), Column("Date", 12, "date"),
                     Column("Amount", 13, "money"))


def progress_report_xlsx(view: ProgressReportView) -> bytes:
    title = f"Progress report {view.reference}"
    book = _summary_book(view, f"Report {view.reference}", title, [("Layout", view.layout, "text")], [
        ("Employment goal", view.employment_goal, "text"), ("Summary", view.narrative, "text"),
        ("Employment", view.employment, "text"), ("Next steps", view.next_steps, "text"),
        ("Total units", view.total_units, "units"), ("Written by", view.written_by, "text")])
    heading = f"{title} · {view.person_name} · {long_date(view.period_from)} to {long_date(view.period_to)}"
    services = [(ln.served_on, ln.service, ln.starts_at, ln.ends_at, ln.units, ln.staff_name, ln.note_excerpt,
                 ln.reference) for ln in view.services]
    _table(book.create_sheet("Services"), SERVICE_COLUMNS, services, print_title=heading,
           total=("Total", f"{len(services)} entries", None, None, view.total_units, "", "", ""))
    notes = [(n.held_on, n.kind, n.author, n.text) for n in view.notes]
    _table(book.create_sheet("Notes"), NOTE_COLUMNS, notes, print_title=heading)
    milestones = [(m.name, m.status, m.on, m.amount) for m in view.milestones]
    _table(book.create_sheet("Milestones"), MILESTONE_COLUMNS, milestones, print_title=heading)
    return _save(book)
