"""A table model whose rows arrive a page at a time from the worker, as the view scrolls."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex

from .columns import ColumnHeaders, Index


class PagedTableModel(ColumnHeaders, QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._today = date.today()
        self.total = 0  # rows matching the query; they arrive page by page up to this
        # fetch_more_rows(offset) asks the screen for the next page; it answers with append_rows.
        self.fetch_more_rows: Callable[[int], None] | None = None
        self._fetching = False

    def set_rows(self, rows: Sequence[Any], today: date | None = None, total: int | None = None) -> None:
        """The first page of a new query (or, without total, the whole answer)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today or date.today()
        self.total = len(self._rows) if total is None else total
        self._fetching = False
        self.endResetModel()

    def append_rows(self, rows: Sequence[Any], offset: int) -> None:
        """A later page; ignored unless it continues exactly where the loaded rows end."""
        self._fetching = False
        if offset != len(self._rows) or not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, key) -> int | None:
        for number, row in enumerate(self._rows):
            if row.id == key:
                return number
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self.total and self.fetch_more_rows is not None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        # The view asks repeatedly while scrolling; one request at a time is enough.
        if self.canFetchMore(parent) and not self._fetching:
            self._fetching = True
            self.fetch_more_rows(len(self._rows))


def header_sort(table, sort_by_column: dict, default_column):
    """(sort key, descending) from the header's indicator: paged tables sort in SQL, not in the view."""
    from PySide6.QtCore import Qt

    header = table.horizontalHeader()
    section = header.sortIndicatorSection()
    key = sort_by_column.get(section, sort_by_column[default_column])
    return key, header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
