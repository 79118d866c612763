"""Tables as CSV, XLSX or JSON bytes, shared by the reports' exports (outcomes, funding): tables in, a file's
bytes out, no database.

CSV: blocks one after another, each optionally headed by its title on a line of its own, then its header
row and its rows, an empty line between blocks; it starts with a byte-order mark (as the audit export
does) so spreadsheet programs read accented names as UTF-8. Text that a spreadsheet would run as a formula
gets a leading apostrophe. XLSX: one sheet per table, header row bold (and frozen unless told otherwise),
cells typed: dates as dates, money as currency, other decimals as numbers, text always as text. JSON
values: decimals as strings (exact, never floats), dates ISO.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal

# A text cell starting with one of these runs as a formula in a spreadsheet (CSV injection): names, reasons
# and titles are typed by users.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CURRENCY = '"$"#,##0.00;-"$"#,##0.00'


@dataclass(frozen=True)
class Table:
    title: str                    # the sheet's name (at most 31 characters), and the CSV block's title
    headers: tuple[str, ...]
    rows: list[list[object]]
    widths: tuple[int, ...] = ()  # XLSX column widths, in characters
    money: frozenset[int] = field(default_factory=frozenset)  # columns (0-based) shown as currency
    freeze: bool = True           # keep the header row in view in XLSX


def csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat(timespec="minutes") if value.tzinfo else value.isoformat()
    if isinstance(value, (date, Decimal, int)):
        return value.isoformat() if isinstance(value, date) else str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(blocks: list[tuple[str | None, Table]]) -> bytes:
    """(title line or None, table) blocks; the table's headers are written as they are."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    for n, (title, table) in enumerate(blocks):
        if n:
            writer.writerow([])
        if title is not None:
            writer.writerow([title])
        writer.writerow(table.headers)
        for row in table.rows:
            writer.writerow([csv_text(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(tables: list[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    def cell(value):
        if isinstance(value, str):
            return ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, datetime) and value.tzinfo is not None:  # Excel has no time zones: UTC, said so
            return value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        sheet.append(list(table.headers))
        for row in table.rows:
            sheet.append([cell(v) for v in row])
        for n, width in enumerate(table.widths, start=1):
            sheet.column_dimensions[get_column_letter(n)].width = width
        if table.freeze:
            sheet.freeze_panes = "A2"
        for c in sheet[1]:
            c.font = bold
        for line in sheet.iter_rows(min_row=2):
            for c in line:
                if isinstance(c.value, str):
                    c.data_type = "s"  # typed text stays text, even when it starts with "="
                elif isinstance(c.value, datetime):
                    c.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(c.value, date):
                    c.number_format = "yyyy-mm-dd"
                elif isinstance(c.value, Decimal):
                    c.number_format = (CURRENCY if c.column - 1 in table.money else
                                       "0.00" if c.value.as_tuple().exponent == -2 else "0.0")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def json_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def json_rows(headers, rows) -> list[dict]:
    return [dict(zip(headers, (json_value(v) for v in row))) for row in rows]
