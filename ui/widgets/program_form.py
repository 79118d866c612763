"""Add or edit a partner program: what it is funded by, what it offers, who qualifies, and whether it
is a mandated One-Stop partner program (a property of the program, not of the organization), and where a
funder counts 30/60/90-day retention from (the Employment page's milestone dates follow it)."""

from __future__ import annotations

from caseteam.services.organizations import RETENTION_BASES, RETENTION_WORDS, ProgramRow

from .record_form import RecordDialog, choice, line, required, text_box

MANDATED_TEXT = "&Mandated One-Stop partner program (required partner under WIOA)"


class ProgramDialog(RecordDialog):
    def __init__(self, organization_name: str, row: ProgramRow | None = None, parent=None) -> None:
        super().__init__("Edit program" if row else "New program", "Save" if row else "Add program", row, parent,
                         intro=f"{'Program' if row else 'A new program'} of {organization_name}.")
        line(self.fields, "name", "&Name", description="The program's name, as partners call it")
        line(self.fields, "funding_stream", "&Funding stream",
             description="For example: WIOA Title IV, Medicaid waiver")
        choice(self.fields, "retention_basis", "Counts 30/60/90-day &retention from",
               [(RETENTION_WORDS[basis], basis) for basis in RETENTION_BASES],
               description="For funders that pay retention milestones: the day the 30, 60 and 90 days start")
        self.add_check("mandated_partner", MANDATED_TEXT,
                       description="Tick for programs the law makes One-Stop partners, such as WIOA Title I, "
                                   "Wagner-Peyser, Vocational Rehabilitation, YouthBuild or Job Corps")
        text_box(self.fields, "services", "&Services", lines=4, description="What the program offers")
        text_box(self.fields, "eligibility", "&Eligibility", description="Who qualifies and how to be referred")
        self.resize(560, self.sizeHint().height())
        if row is not None:
            self.fill_from(row)
        else:
            self.fill({})

    def problems(self, values: dict) -> dict[str, str]:
        return required(values, {"name": "The program's name"}, "name")
