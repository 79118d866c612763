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
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    book = Workbook(write_only=False)
    sheet = book.active
    sheet.title = "Audit log"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("\ufffd", c) if isinstance(c, str) else c for c in _cells(row)])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text stays text, even when it starts with "="
        sheet.cell(sheet.max_row, 2).number_format = "yyyy-mm-dd hh:mm:ss"
        sheet.cell(sheet.max_row, HEADERS.index("changes") + 1).alignment = Alignment(wrap_text=True,
                                                                                     vertical="top")
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKL", (8, 20, 24, 18, 18, 38, 12, 30, 12, 24, 60, 30)):
        sheet.column_dimensions[letter].width = width
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
