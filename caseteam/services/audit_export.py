"""Audit entries as CSV, XLSX (openpyxl) or JSON bytes: plain rows in, a file's bytes out, no database."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from datetime import timezone
from pathlib import Path

from caseteam.errors import CaseteamError

FORMATS = ("csv", "xlsx", "json")

HEADERS = ("seq", "when_utc", "user", "action", "entity", "entity_id", "record_ref", "record", "person_ref",
           "person", "changes", "reason")

# A cell starting with one of these is a formula to a spreadsheet: names and notes typed by users must
# never run as one when an auditor opens the export (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cells(row) -> list:
    at = row.at.astimezone(timezone.utc).replace(tzinfo=None)
    return [row.seq, at, row.actor_name, row.action, row.entity_noun, row.entity_id, row.entity_ref,
            row.entity_label, row.person_ref, row.person_name, "\n".join(row.change_lines()), row.reason]


def render(rows, fmt: str) -> bytes:
    return {"csv": _csv, "xlsx": _xlsx, "json": _json}[fmt](rows)


def _csv_text(value) -> str:
    text = value.isoformat(timespec="seconds") + "Z" if hasattr(value, "isoformat") else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(rows) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([_csv_text(c) for c in _cells(row)])
    # A byte-order mark so spreadsheet programs read the accents in names as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx(rows) -> bytes:
    # Write-only mode streams rows (a 50,000-entry log in seconds, not minutes, and little memory).
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Audit log")
    for letter, width in zip("ABCDEFGHIJKL", (8, 20, 24, 18, 18, 38, 12, 30, 12, 24, 60, 30)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    bold, wrapped = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    changes_column = HEADERS.index("changes")

    def cell(value, column: int):
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        if column == changes_column or (isinstance(value, str) and value.startswith("=")):
            made = WriteOnlyCell(sheet, value=value)
            made.data_type = "s"  # text stays text, even when it starts with "="
            if column == changes_column:
                made.alignment = wrapped
            return made
        return value  # plain values stream fastest; dates get a date format by themselves

    header = []
    for name in HEADERS:
        title = WriteOnlyCell(sheet, value=name)
        title.font = bold
        header.append(title)
    sheet.append(header)
    for row in rows:
        sheet.append([cell(value, column) for column, value in enumerate(_cells(row))])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _json(rows) -> bytes:
    entries = [{"seq": r.seq, "at": r.at.astimezone(timezone.utc).isoformat(), "user": r.actor_name,
                "user_id": r.actor_id, "action": r.action, "entity": r.entity, "entity_id": r.entity_id,
                "record_ref": r.entity_ref, "record": r.entity_label,
                "person_id": str(r.person_id) if r.person_id else None, "person_ref": r.person_ref,
                "person": r.person_name, "changes": r.changes, "reason": r.reason} for r in rows]
    return json.dumps(entries, ensure_ascii=False, indent=2).encode("utf-8")


def format_of(path: Path) -> str | None:
    """The export format a file name asks for (".xlsx" -> "xlsx"), or None."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def write_file(out: Path, data: bytes) -> None:
    """Whole or not at all: a half-written export never replaces an earlier one."""
    out = Path(out)
    if out.is_dir():
        raise CaseteamError(f"{out} is a folder; give the file to write, for example {out / 'audit.csv'}.")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temp, out)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise CaseteamError(f"Nothing was written to {out}: {exc.strerror or type(exc).__name__}. (The audit log "
                            "still records the attempt.)") from None
