"""Partner presence tables: one organization's weekly times in the building (the directory's Presence tab),
and the week's who-is-in-the-building, a line per partner per day (the Partnership section). Thin adapters
over the frozen rows caseteam.services.presence returns."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from caseteam.documents.dates import long_date
from caseteam.services.presence import BuildingDay, PresenceEntry, SlotRow

from .partner_models import RowTableModel


class SlotTableModel(RowTableModel):
    class Column(IntEnum):
        DAY = 0
        HOURS = 1
        ROOM = 2
        STAFF = 3
        SITE = 4
        NOTE = 5

    HEADERS = {Column.DAY: "Day", Column.HOURS: "Hours", Column.ROOM: "Room", Column.STAFF: "Staff",
               Column.SITE: "At", Column.NOTE: "Note"}

    def text(self, row: SlotRow, column) -> str:
        C = self.Column
        return {C.DAY: row.day_name, C.HOURS: row.hours, C.ROOM: row.room, C.STAFF: row.staff_name or "Not named",
                C.SITE: row.site_name or "The One-Stop", C.NOTE: row.note}[column]

    def tooltip(self, row: SlotRow, column) -> str | None:
        if column == self.Column.DAY:
            return row.words
        return super().tooltip(row, column)


@dataclass(frozen=True)
class BuildingLine:
    """One partner on one day; `first` marks the day's first line (its day in bold: the day is on every line,
    so a line read alone still says when)."""

    day: BuildingDay
    entry: PresenceEntry | None  # None: nobody is in that day
    first: bool


def building_lines(days) -> list[BuildingLine]:
    lines = []
    for day in days:
        if not day.entries:
            lines.append(BuildingLine(day, None, True))
        lines += [BuildingLine(day, entry, n == 0) for n, entry in enumerate(day.entries)]
    return lines


class BuildingWeekModel(RowTableModel):
    """Day, Hours, Partner, Room, Staff: a screen reader reads each line whole, the day included."""

    class Column(IntEnum):
        DAY = 0
        HOURS = 1
        PARTNER = 2
        ROOM = 3
        STAFF = 4

    HEADERS = {Column.DAY: "Day", Column.HOURS: "Hours", Column.PARTNER: "Partner", Column.ROOM: "Room",
               Column.STAFF: "Staff"}

    @staticmethod
    def day_words(line: BuildingLine) -> str:
        return f"{line.day.name}, {long_date(line.day.day)}"

    def text(self, row: BuildingLine, column) -> str:
        C = self.Column
        if column == C.DAY:
            return self.day_words(row)
        if row.entry is None:
            return "No partner is in the building" if column == C.PARTNER else ""
        e = row.entry
        return {C.HOURS: e.hours, C.PARTNER: e.organization_name, C.ROOM: e.room, C.STAFF: e.staff_name}[column]

    def tooltip(self, row: BuildingLine, column) -> str | None:
        if row.entry is not None and column == self.Column.PARTNER:
            return f"{row.entry.organization_name}: {row.entry.engagement.label}" + (
                f". {row.entry.note}" if row.entry.note else "")
        return super().tooltip(row, column)

    def extra(self, row: BuildingLine, column, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column == self.Column.DAY and row.first:
            font = QFont()
            font.setBold(True)
            return font
        return None

    @staticmethod
    def record_key(row: BuildingLine):
        return (row.day.day, row.entry.organization_id if row.entry else None)


__all__ = ["BuildingLine", "BuildingWeekModel", "SlotTableModel", "building_lines"]
