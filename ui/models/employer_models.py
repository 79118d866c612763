"""The Employers section's tables: the pipeline, one employer's contact log, unmet needs and the
negotiations people have there. Thin adapters over the frozen rows caseteam.services.employers returns."""

from __future__ import annotations

from enum import IntEnum

from caseteam.services.employers import ContactRow, EmployerRow, NegotiationAtEmployer, NeedRow

from ..dates import local_date
from .partner_models import ROW_ROLE, RowTableModel, one_line

__all__ = ["ROW_ROLE", "EmployerTableModel", "ContactTableModel", "NeedTableModel", "NegotiationTableModel",
           "discussed_text"]


def day(value) -> str:
    return local_date(value) if value is not None else ""


def discussed_text(row: ContactRow) -> str:
    """Each job seeker with what they decided may be said to this employer."""
    return "; ".join(f"{p.name} ({p.disclosure})" if p.disclosure else p.name for p in row.people)


class EmployerTableModel(RowTableModel):
    class Column(IntEnum):
        NAME = 0  # the city is in the tooltip and the search: the names need the room
        STAGE = 1
        INDUSTRY = 2
        LAST_CONTACT = 3
        OPEN_NEEDS = 4
        NEGOTIATIONS = 5

    HEADERS = {Column.NAME: "Employer", Column.STAGE: "Stage", Column.INDUSTRY: "Industry",
               Column.LAST_CONTACT: "Last\ncontact", Column.OPEN_NEEDS: "Unmet\nneeds",
               Column.NEGOTIATIONS: "Open\nnegotiations"}
    NUMERIC = (Column.OPEN_NEEDS, Column.NEGOTIATIONS)

    def text(self, row: EmployerRow, column) -> str:
        C = self.Column
        return {C.NAME: row.name, C.STAGE: row.stage.label, C.INDUSTRY: row.industry,
                C.LAST_CONTACT: day(row.last_contact_on), C.OPEN_NEEDS: str(row.open_needs),
                C.NEGOTIATIONS: str(row.open_negotiations)}[column]

    def tooltip(self, row: EmployerRow, column) -> str | None:
        if column == self.Column.NAME:
            contacts = f"{row.contacts} contact{'s' if row.contacts != 1 else ''}"
            where = f", {row.city}" if row.city else ""
            return (f"{row.name} ({row.ref}{where}): {contacts}"
                    + (f"; bus lines {row.bus_lines}" if row.bus_lines else ""))
        return super().tooltip(row, column)


class ContactTableModel(RowTableModel):
    class Column(IntEnum):
        DATE = 0
        KIND = 1
        WITH = 2
        BY = 3
        SUMMARY = 4
        NEXT = 5
        PEOPLE = 6

    HEADERS = {Column.DATE: "Date", Column.KIND: "Kind", Column.WITH: "At the employer", Column.BY: "Job developer",
               Column.SUMMARY: "Summary", Column.NEXT: "Next step", Column.PEOPLE: "Job seekers discussed"}

    def text(self, row: ContactRow, column) -> str:
        C = self.Column
        next_step = one_line(row.next_step)
        if row.next_on is not None:
            next_step = f"{day(row.next_on)}: {next_step}" if next_step else day(row.next_on)
        return {C.DATE: day(row.contacted_on), C.KIND: row.kind.label, C.WITH: row.contact_name,
                C.BY: row.by_name, C.SUMMARY: one_line(row.summary), C.NEXT: next_step,
                C.PEOPLE: discussed_text(row)}[column]


class NeedTableModel(RowTableModel):
    class Column(IntEnum):
        FOUND = 0
        DESCRIPTION = 1
        MET = 2

    HEADERS = {Column.FOUND: "Found", Column.DESCRIPTION: "What the employer needs", Column.MET: "Met"}

    def text(self, row: NeedRow, column) -> str:
        C = self.Column
        return {C.FOUND: day(row.found_on), C.DESCRIPTION: one_line(row.description),
                C.MET: f"Met {day(row.met_on)}" if row.met else "Not yet"}[column]


class NegotiationTableModel(RowTableModel):
    class Column(IntEnum):
        PERSON = 0
        STATUS = 1
        SINCE = 2

    HEADERS = {Column.PERSON: "Job seeker", Column.STATUS: "Status", Column.SINCE: "Since"}

    def text(self, row: NegotiationAtEmployer, column) -> str:
        C = self.Column
        return {C.PERSON: row.person_name, C.STATUS: row.status_text, C.SINCE: day(row.status_on)}[column]
