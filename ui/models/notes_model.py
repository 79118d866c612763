"""A person's case notes, one line per note, newest first; an addendum follows the note it corrects
and reads "↳ Addendum" so the correction is seen with what it corrects."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from caseteam.domain.notes import NoteStatus
from caseteam.services.notes import NoteRow

from ..dates import local_date
from .list_model import Index, ListTableModel


class Column(IntEnum):
    DATE = 0
    TIME = 1
    KIND = 2
    STATUS = 3
    AUTHOR = 4
    FIRST_LINE = 5


HEADERS = {Column.DATE: "Date", Column.TIME: "Time", Column.KIND: "Kind", Column.STATUS: "Status",
           Column.AUTHOR: "Author", Column.FIRST_LINE: "What happened"}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the NoteRow behind a line


def status_text(row: NoteRow) -> str:
    if row.status is NoteStatus.DRAFT:
        return "Draft"
    if row.cosigned_at is not None:
        return "Co-signed"
    return "Addendum" if row.addendum_to_id is not None else "Signed"


def time_text(row: NoteRow) -> str:
    """09:00–10:30 (90 min), or nothing when the times were not recorded."""
    if row.starts_at is None or row.ends_at is None:
        return ""
    span = f"{row.starts_at:%H:%M}–{row.ends_at:%H:%M}"
    return f"{span} ({row.minutes} min)" if row.minutes is not None and row.minutes > 0 else span


def first_line(row: NoteRow) -> str:
    line = next((part.strip() for part in row.body.splitlines() if part.strip()), "")
    return f"↳ Addendum: {line}" if row.addendum_to_id is not None else line


class NotesModel(ListTableModel):
    Column = Column
    HEADERS = HEADERS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.body if column == Column.FIRST_LINE else self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.FIRST_LINE:
            return row.body
        return None

    @staticmethod
    def _text(row: NoteRow, column: Column) -> str:
        if column == Column.DATE:
            # Indented under the note it corrects: the arrow, then the addendum's own date.
            return ("↳ " if row.addendum_to_id is not None else "") + local_date(row.held_on)
        if column == Column.TIME:
            return time_text(row)
        if column == Column.KIND:
            return row.kind.label
        if column == Column.STATUS:
            return status_text(row)
        if column == Column.AUTHOR:
            return row.author_name
        return first_line(row)
