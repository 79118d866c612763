"""A table over a short list of frozen rows that arrives whole (a team, an activity log): the rows,
the columns from an IntEnum with their headers, and lookups by position and by record id."""

from __future__ import annotations

from typing import Any, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex

from .columns import ColumnHeaders, Index


class ListTableModel(ColumnHeaders, QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id) -> int | None:
        """The line of the record with this id (`record_key` says where a row keeps its id)."""
        return next((i for i, r in enumerate(self._rows) if self.record_key(r) == record_id), None)

    @staticmethod
    def record_key(row):
        return row.id

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)
