"""Meetings as tables: the list (when, kind, title, status, host), a meeting's attendees with their
attendance, and its action items with the task each became. Thin adapters over the frozen rows of
caseteam.services.meeting_rows."""

from __future__ import annotations

from enum import IntEnum

from caseteam.services.meeting_rows import ActionItemRow, AttendeeRow, MeetingRow

from .partner_models import ROW_ROLE, RowTableModel

__all__ = ["ROW_ROLE", "ActionItemTableModel", "AttendeeTableModel", "MeetingTableModel", "when_text"]


def when_text(row: MeetingRow) -> str:
    s = row.starts_local
    return f"{s:%a} {s:%Y-%m-%d %H:%M}"


class MeetingTableModel(RowTableModel):
    class Column(IntEnum):
        WHEN = 0
        KIND = 1
        TITLE = 2
        STATUS = 3
        HOST = 4
        REF = 5

    HEADERS = {Column.WHEN: "When", Column.KIND: "Kind", Column.TITLE: "Title", Column.STATUS: "Status",
               Column.HOST: "Host", Column.REF: "Meeting"}

    def text(self, row: MeetingRow, column) -> str:
        C = self.Column
        return {C.WHEN: when_text(row), C.KIND: row.kind.label, C.TITLE: row.title, C.STATUS: row.status.label,
                C.HOST: row.host_organization_name, C.REF: row.ref}[column]

    def tooltip(self, row: MeetingRow, column) -> str | None:
        if column == self.Column.WHEN:
            return f"{row.when}; {row.repeats.lower()}"
        return super().tooltip(row, column)


class AttendeeTableModel(RowTableModel):
    class Column(IntEnum):
        NAME = 0
        ROLE = 1
        ORGANIZATION = 2
        ATTENDANCE = 3

    HEADERS = {Column.NAME: "Name", Column.ROLE: "Role", Column.ORGANIZATION: "Organization",
               Column.ATTENDANCE: "Attendance"}

    def text(self, row: AttendeeRow, column) -> str:
        C = self.Column
        return {C.NAME: row.name, C.ROLE: row.role, C.ORGANIZATION: row.organization_name,
                C.ATTENDANCE: row.attendance.label}[column]


class ActionItemTableModel(RowTableModel):
    class Column(IntEnum):
        ACTION = 0
        OWNER = 1
        DUE = 2
        TASK = 3

    HEADERS = {Column.ACTION: "Action", Column.OWNER: "Owner", Column.DUE: "Due", Column.TASK: "Task"}

    def text(self, row: ActionItemRow, column) -> str:
        C = self.Column
        owner = f"{row.organization_name}: {row.staff_name}" if row.staff_name else row.organization_name
        task = f"{row.task_ref} ({row.task_status.label.lower()})" if row.task_status else row.task_ref or "—"
        return {C.ACTION: row.text, C.OWNER: owner, C.DUE: row.due.isoformat() if row.due else "",
                C.TASK: task}[column]
