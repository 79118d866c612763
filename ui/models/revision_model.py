"""A history of numbered revisions (plan or vocational profile), newest first."""

from __future__ import annotations

import uuid
from enum import IntEnum
from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ..dates import local_date, to_local
from .columns import ColumnHeaders, Index


class Column(IntEnum):
    NUMBER = 0
    SAVED = 1
    AUTHOR = 2
    SUMMARY = 3
    AGREED = 4


HEADERS = {Column.NUMBER: "Revision", Column.SAVED: "Saved", Column.AUTHOR: "Saved by",
           Column.SUMMARY: "What changed", Column.AGREED: "Person agreed"}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the PlanRevisionRow or ProfileRevisionRow behind a line


def saved_text(row) -> str:
    """Local date and time: two saves on one day still read apart."""
    local = to_local(row.saved_at)
    return f"{local_date(local.date())} {local:%H:%M}" if local else ""


class RevisionTableModel(ColumnHeaders, QAbstractTableModel):
    Column = Column
    HEADERS = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []
        self.authors: dict[uuid.UUID, str] = {}

    def load(self, rows: Sequence, authors: dict[uuid.UUID, str]) -> None:
        self.beginResetModel()
        self.rows = sorted(rows, key=lambda r: r.number, reverse=True)
        self.authors = dict(authors)
        self.endResetModel()

    def row_at(self, row: int):
        return self.rows[row]

    def row_of(self, number: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.number == number), -1)

    def by_number(self, number: int):
        return next((r for r in self.rows if r.number == number), None)

    def author(self, row) -> str:
        return self.authors.get(row.author_id, "Unknown user")

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            column = Column(index.column())
            if column is Column.NUMBER:
                return str(row.number)
            if column is Column.SAVED:
                return saved_text(row)
            if column is Column.AUTHOR:
                return self.author(row)
            if column is Column.SUMMARY:
                return " ".join(row.summary.split())
            return local_date(row.agreed_on) if row.agreed_on else "Not recorded"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == Column.SUMMARY:
            return row.summary
        return None
