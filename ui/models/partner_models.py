"""The partner directory's tables: organizations, and for one organization its programs, staff, open
tasks and the people its staff serve. Thin adapters over the frozen rows the services return."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from caseteam.domain.presence import Engagement
from caseteam.services.organizations import OrganizationListRow, ProgramRow, ServedPersonRow, StaffRow
from caseteam.services.tasks import TaskRow

from ..dates import local_date
from .caseload_model import overdue_icon
from .list_model import Index, ListTableModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the frozen row behind a line
ARCHIVED = " (archived)"
# How a partner engages at the One-Stop, short enough for the list (the full label is the tooltip).
ENGAGEMENT_WORDS = {Engagement.REFERRAL_ONLY: "Referral only", Engagement.SCHEDULED: "Scheduled",
                    Engagement.CO_LOCATED: "Co-located"}


def one_line(text: str) -> str:
    return " ".join(text.split())


class RowTableModel(ListTableModel):
    """Rows in, cells out. Subclasses name their `Column`s, `HEADERS` and say what a cell reads."""

    NUMERIC: tuple = ()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.valid(index):
            return None
        row, column = self._rows[index.row()], self.Column(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if role == Qt.ItemDataRole.FontRole and getattr(row, "archived", False):
            font = QFont()
            font.setItalic(True)  # with the word "(archived)", never the slant alone
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self.extra(row, column, role)

    def text(self, row, column) -> str:
        raise NotImplementedError

    def tooltip(self, row, column) -> str | None:
        return self.text(row, column) or None  # the whole text where the column cuts it short

    def extra(self, row, column, role: int) -> Any:
        return None


class OrganizationTableModel(RowTableModel):
    class Column(IntEnum):
        NAME = 0
        KIND = 1
        CITY = 2
        PRESENCE = 3
        OPEN_TASKS = 4
        PEOPLE_SERVED = 5

    HEADERS = {Column.NAME: "Organization", Column.KIND: "Kind", Column.CITY: "City", Column.PRESENCE: "Presence",
               Column.OPEN_TASKS: "Open\ntasks", Column.PEOPLE_SERVED: "People\nserved"}
    NUMERIC = (Column.OPEN_TASKS, Column.PEOPLE_SERVED)

    def text(self, row: OrganizationListRow, column) -> str:
        C = self.Column
        return {C.NAME: row.name + (ARCHIVED if row.archived else ""), C.KIND: row.kind.label, C.CITY: row.city,
                C.PRESENCE: ENGAGEMENT_WORDS[row.engagement], C.OPEN_TASKS: str(row.open_tasks),
                C.PEOPLE_SERVED: str(row.people_served)}[column]

    def tooltip(self, row: OrganizationListRow, column) -> str | None:
        if column == self.Column.PRESENCE:
            return row.engagement.label
        if column == self.Column.NAME:
            return (f"{row.name} ({row.ref}): {row.staff} staff, {row.programs} "
                    f"program{'s' if row.programs != 1 else ''}" + ("; archived" if row.archived else ""))
        return super().tooltip(row, column)


class ProgramTableModel(RowTableModel):
    class Column(IntEnum):
        NAME = 0
        FUNDING = 1
        MANDATED = 2
        SERVICES = 3
        ELIGIBILITY = 4
        RETENTION = 5

    HEADERS = {Column.NAME: "Program", Column.FUNDING: "Funding stream", Column.MANDATED: "Mandated One-Stop partner",
               Column.SERVICES: "Services", Column.ELIGIBILITY: "Eligibility",
               Column.RETENTION: "Counts retention from"}

    @staticmethod
    def mandated_text(row: ProgramRow) -> str:
        return "Yes, mandated" if row.mandated_partner else "No"

    def text(self, row: ProgramRow, column) -> str:
        C = self.Column
        return {C.NAME: row.name + (ARCHIVED if row.archived else ""), C.FUNDING: row.funding_stream,
                C.MANDATED: self.mandated_text(row), C.SERVICES: one_line(row.services),
                C.ELIGIBILITY: one_line(row.eligibility), C.RETENTION: row.retention_words}[column]

    def tooltip(self, row: ProgramRow, column) -> str | None:
        if column == self.Column.MANDATED:
            return ("A mandated One-Stop partner program (required partner under WIOA)" if row.mandated_partner
                    else "Not a mandated One-Stop partner program")
        if column == self.Column.SERVICES:
            return row.services or None
        if column == self.Column.ELIGIBILITY:
            return row.eligibility or None
        return super().tooltip(row, column)


class StaffTableModel(RowTableModel):
    class Column(IntEnum):
        NAME = 0
        TITLE = 1
        CREDENTIALS = 2
        EMAIL = 3
        PHONE = 4
        ACTIVE = 5

    HEADERS = {Column.NAME: "Name", Column.TITLE: "Title", Column.CREDENTIALS: "Credentials",
               Column.EMAIL: "E-mail", Column.PHONE: "Phone", Column.ACTIVE: "Active"}

    @staticmethod
    def state_text(row: StaffRow) -> str:
        if row.archived:
            return "Archived"
        return "Active" if row.active else "Inactive"

    def text(self, row: StaffRow, column) -> str:
        C = self.Column
        return {C.NAME: row.name + (ARCHIVED if row.archived else ""), C.TITLE: row.title,
                C.CREDENTIALS: row.credentials, C.EMAIL: row.email, C.PHONE: row.phone,
                C.ACTIVE: self.state_text(row)}[column]


class OpenTaskModel(RowTableModel):
    class Column(IntEnum):
        TITLE = 0
        PERSON = 1
        STAFF = 2
        DUE = 3
        STATUS = 4

    HEADERS = {Column.TITLE: "Task", Column.PERSON: "Person", Column.STAFF: "Staff member", Column.DUE: "Due",
               Column.STATUS: "Status"}

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.today = date.today()

    def set_tasks(self, rows, today: date) -> None:
        self.today = today
        self.set_rows(rows)

    def text(self, row: TaskRow, column) -> str:
        C = self.Column
        if column == C.DUE:
            due = local_date(row.due)
            return f"{due} (overdue)" if row.overdue_on(self.today) else due
        return {C.TITLE: row.title, C.PERSON: row.person_name, C.STAFF: row.staff_name or "Anyone",
                C.STATUS: row.status.label}[column]

    def extra(self, row: TaskRow, column, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == self.Column.DUE and row.overdue_on(self.today):
            return overdue_icon()
        return None


class ServedPeopleModel(RowTableModel):
    class Column(IntEnum):
        PERSON = 0
        REF = 1
        STAGE = 2
        MEMBER = 3
        ROLE = 4

    HEADERS = {Column.PERSON: "Person", Column.REF: "Reference", Column.STAGE: "Stage",
               Column.MEMBER: "Team member", Column.ROLE: "Role"}

    @staticmethod
    def record_key(row: ServedPersonRow):
        return row.person_id

    def text(self, row: ServedPersonRow, column) -> str:
        C = self.Column
        return {C.PERSON: row.name, C.REF: row.ref, C.STAGE: row.stage.label, C.MEMBER: row.member_name,
                C.ROLE: row.role.label}[column]


__all__ = ["ENGAGEMENT_WORDS", "ROW_ROLE", "OpenTaskModel", "OrganizationTableModel", "ProgramTableModel",
           "RowTableModel", "ServedPeopleModel", "StaffTableModel"]
