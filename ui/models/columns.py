"""What every model here says the same way: its columns come from a `Column` IntEnum with a header text
each in `HEADERS`, an index is valid when it falls on a loaded line and a column, and a line is read and
selected but not edited in place. Mixed in before the Qt model class; a model overrides what differs
(the plan's tree counts columns under every goal, the task table edits Status)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex


class ColumnHeaders:
    Column: type[IntEnum]
    HEADERS: Mapping[IntEnum, str]

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.Column):
            return self.HEADERS[self.Column(section)]
        return None

    def valid(self, index: Index) -> bool:
        return (index.isValid() and 0 <= index.row() < self.rowCount(index.parent())
                and 0 <= index.column() < len(self.Column))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
