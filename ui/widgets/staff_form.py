"""Add or edit a partner organization's staff member. "Active" says whether they still take new
work; archiving (on the directory) takes them out of every list of people to assign."""

from __future__ import annotations

from caseteam.services.organizations import StaffRow

from .record_form import RecordDialog, email_problem, line, required


class StaffDialog(RecordDialog):
    def __init__(self, organization_name: str, row: StaffRow | None = None, parent=None) -> None:
        super().__init__("Edit staff member" if row else "New staff member",
                         "Save" if row else "Add staff member", row, parent,
                         intro=f"{'Works' if row else 'Will work'} at {organization_name}.")
        for key, text, description in (
                ("given_name", "&Given name", ""), ("family_name", "&Family name", ""),
                ("title", "&Title", "For example: Vocational Rehabilitation Counselor"),
                ("credentials", "&Credentials", "For example: CRC, ACRE, CESP"),
                ("email", "E-&mail", ""), ("phone", "&Phone", "")):
            line(self.fields, key, text, description=description)
        self.add_check("active", "&Active: takes new tasks and team seats",
                       description="Untick when the person no longer takes new work at this organization")
        self.resize(480, self.sizeHint().height())
        if row is not None:
            self.fill_from(row)
        else:
            self.fill({"active": True})

    def problems(self, values: dict) -> dict[str, str]:
        names = {"given_name": "The given name", "family_name": "The family name"}
        return required(values, names, "given_name", "family_name") | email_problem(values)
