"""The person's timeline, one line per event, newest first: when, kind (a symbol and words), what
happened, who, details. The kind never rests on colour: its words are in the cell."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt

from caseteam.services.timeline import TimelineEntry, TimelineKind

from ..dates import local_date, to_local
from .list_model import Index, ListTableModel


class Column(IntEnum):
    WHEN = 0
    KIND = 1
    TITLE = 2
    WHO = 3
    DETAIL = 4  # last: it stretches


HEADERS = {Column.WHEN: "Date", Column.KIND: "Kind", Column.TITLE: "What happened", Column.WHO: "Who",
           Column.DETAIL: "Details"}
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the TimelineEntry behind a line

# Glyphs DejaVu Sans has, so a kind is told apart at a glance as well as by its words.
SYMBOLS = {TimelineKind.NOTE: "✎", TimelineKind.STAGE: "⚑", TimelineKind.PLAN: "■", TimelineKind.PROFILE: "◆",
           TimelineKind.DISCOVERY: "●", TimelineKind.TASK: "✔", TimelineKind.TEAM: "☺",
           TimelineKind.RELEASE: "✍", TimelineKind.DISCLOSURE: "✉", TimelineKind.NEGOTIATION: "⇄",
           TimelineKind.JOB: "★", TimelineKind.VENTURE: "☀", TimelineKind.INCIDENT: "⚠", TimelineKind.SIGNATURE: "✒"}


def when_text(entry: TimelineEntry) -> str:
    if isinstance(entry.when, datetime):
        return f"{local_date(entry.day)} {to_local(entry.when):%H:%M}"
    return local_date(entry.when)


def kind_text(kind: TimelineKind) -> str:
    return f"{SYMBOLS.get(kind, '•')} {kind.label}"


class TimelineModel(ListTableModel):
    Column = Column
    HEADERS = HEADERS

    @staticmethod
    def record_key(row):
        return (row.kind, row.record_id, row.title)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        entry = self._rows[index.row()]
        column = Column(index.column())
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return entry.kind.label if column == Column.KIND else self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.TITLE, Column.WHO, Column.DETAIL):
            return "\n".join(t for t in (entry.title, entry.who, entry.detail, entry.reference) if t)
        return None

    @staticmethod
    def _text(entry: TimelineEntry, column: Column) -> str:
        if column == Column.WHEN:
            return when_text(entry)
        if column == Column.KIND:
            return kind_text(entry.kind)
        if column == Column.TITLE:
            return entry.title
        if column == Column.DETAIL:
            return entry.detail
        return entry.who
