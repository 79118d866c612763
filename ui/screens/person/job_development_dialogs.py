"""Dialogs of the Job development page: a new negotiation, a move to another status, the person's
disclosure decision for an employer, and other agencies' plans (add, amend, close)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit

from caseteam.domain.jobs import AgencyPlanKind, DisclosureLevel, NegotiationStatus

from ...widgets.date_field import DateField
from ...widgets.field_row import FormDialog, date_box, find_data, plain_text_box, set_field_value

OPEN_STATUSES = tuple(s for s in NegotiationStatus if s.open)
HIRE_NOTE = 'A hire is recorded with "Record hire" on the Employment page, which sets the status to Hired.'


def choice_box(items, *, none_text: str | None = None) -> QComboBox:
    box = QComboBox()
    if none_text is not None:
        box.addItem(none_text, None)
    for data, text in items:
        box.addItem(text, data)
    return box


class NewNegotiationDialog(FormDialog):
    def __init__(self, person_name: str, employers, themes: str, parent=None) -> None:
        super().__init__("New negotiation", "Start negotiation", parent,
                         intro=f"A job negotiation for {person_name} with one employer: the unmet needs found and "
                               "the proposal, drawn from the person's vocational themes.")
        self.fields.add("organization_id", "Emplo&yer", choice_box(employers),
                        description="Employers are organizations of kind employer in the partner directory")
        self.fields.add("status", "Sta&rting at", choice_box((s, s.label) for s in OPEN_STATUSES))
        self.fields.add("job_title", "Job t&itle", QLineEdit(), description="If a job is already in view")
        self.fields.add("unmet_needs", "&Unmet needs found", plain_text_box(2))
        self.fields.add("proposal", "Pro&posal", plain_text_box(2),
                        description="Tasks carved from existing jobs, or a job created")
        themes_box = self.fields.add("themes", "&Themes", plain_text_box(2),
                                     description="The person's vocational themes, from the latest profile")
        themes_box.setPlainText(themes)

    def answer(self) -> dict:
        return self.fields.values()


class StatusDialog(FormDialog):
    def __init__(self, negotiation, today: date, parent=None) -> None:
        super().__init__(f"Move {negotiation.ref} to another status", "Move", parent,
                         intro=f"{negotiation.employer_name}: now {negotiation.status.label.lower()} since "
                               f"{negotiation.status_on:%b %d, %Y}. {HIRE_NOTE}")
        choices = [(s, s.label) for s in NegotiationStatus if s is not NegotiationStatus.HIRED and s is not
                   negotiation.status]
        self.status_box = self.fields.add("status", "&New status", choice_box(choices))
        self.fields.add("on", "&On", date_box(today))
        self.fields.add("note", "Not&e", plain_text_box(2), description="What happened, in a line")
        self.reason = self.fields.add("declined_reason", "&Why declined", plain_text_box(2),
                                      description="Needed for Declined: by whom and why")
        self.reason.setPlainText(negotiation.declined_reason)
        self.status_box.currentIndexChanged.connect(lambda _i: self._status_changed())
        offer = find_data(self.status_box, NegotiationStatus.OFFER)
        if negotiation.status in (NegotiationStatus.NEGOTIATING, NegotiationStatus.PROPOSAL_MADE) and offer >= 0:
            self.status_box.setCurrentIndex(offer)
        self._status_changed()

    def _status_changed(self) -> None:
        self.reason.setEnabled(self.status_box.currentData() is NegotiationStatus.DECLINED)

    def answer(self) -> dict:
        values = self.fields.values()
        if values["status"] is not NegotiationStatus.DECLINED:
            values["declined_reason"] = None
        return values


class DisclosureDialog(FormDialog):
    """One decision per employer: choosing an employer shows what is recorded for it, to change."""

    def __init__(self, person_name: str, employers, decisions: dict, today: date, parent=None, *,
                 organization_id=None) -> None:
        super().__init__("Disclosure decision", "Record decision", parent,
                         intro=f"{person_name}'s decision about disclosing their disability to this employer, and "
                               "what may be said. It is shown wherever the employer is contacted.")
        self.decisions = decisions
        self.employer_box = self.fields.add("organization_id", "Emplo&yer", choice_box(employers))
        self.fields.add("level", "Disclose", choice_box((lv, lv.label) for lv in DisclosureLevel))
        self.fields.add("what_may_be_said", "&What may be said", plain_text_box(3),
                        description="Needed when disclosing partly or fully, in the person's words")
        self.fields.add("decided_on", "Decided o&n", date_box(today))
        self.today = today
        if organization_id is not None:
            self.employer_box.setCurrentIndex(max(0, find_data(self.employer_box, organization_id)))
        self.employer_box.currentIndexChanged.connect(lambda _i: self._employer_changed())
        self._employer_changed()

    def _employer_changed(self) -> None:
        decision = self.decisions.get(self.employer_box.currentData())
        fields = self.fields.fields
        set_field_value(fields["level"], decision.level if decision else DisclosureLevel.NOT_AT_ALL)
        set_field_value(fields["what_may_be_said"], decision.what_may_be_said if decision else "")
        set_field_value(fields["decided_on"], self.today)

    def previous(self):
        return self.decisions.get(self.employer_box.currentData())


class AgencyPlanDialog(FormDialog):
    def __init__(self, person_name: str, agencies, today: date, parent=None) -> None:
        super().__init__("Add another agency's plan", "Add plan", parent,
                         intro=f"Enter {person_name}'s plan as the other agency wrote it (caseteam mirrors it so "
                               "the team works to it; the agency keeps the original).")
        self.fields.add("kind", "&Kind", choice_box((k, k.label) for k in AgencyPlanKind))
        self.fields.add("organization_id", "&Agency", choice_box(agencies, none_text="— not in the directory —"))
        self.fields.add("plan_number", "Plan n&umber", QLineEdit(), description="The agency's own number")
        self.fields.add("employment_goal", "&Goal or outcomes", plain_text_box(2),
                        description="The IPE's employment goal, or the waiver plan's outcomes")
        self.fields.add("soc_code", "&Occupation code", QLineEdit(),
                        description="The SOC code the IPE gives for the goal, e.g. 35-2021 (leave blank if none)")
        starts = self.fields.add("starts_on", "&Starts on", DateField("Starts on"))
        starts.set_value(today)
        self.fields.add("ends_on", "&Ends on", DateField("Ends on")).set_value(None)
        self.fields.add("services", "Ser&vices", plain_text_box(3), description="Services and who provides them")


class AmendPlanDialog(FormDialog):
    def __init__(self, plan, today: date, parent=None) -> None:
        super().__init__(f"Amend {plan.ref}", "Record amendment", parent,
                         intro="Record the amendment as the agency wrote it; the plan then shows the amended goal, "
                               "services and end date, and the amendment is kept in its history.")
        self.fields.add("amended_on", "Amended &on", date_box(today))
        self.fields.add("summary", "&What changed", plain_text_box(2))
        self.fields.add("employment_goal", "&Goal or outcomes", plain_text_box(2)).setPlainText(plan.employment_goal)
        self.fields.add("services", "Ser&vices", plain_text_box(3)).setPlainText(plan.services)
        self.fields.add("ends_on", "&Ends on", DateField("Ends on")).set_value(plan.ends_on)


class ClosePlanDialog(FormDialog):
    def __init__(self, plan, today: date, parent=None) -> None:
        super().__init__(f"Close {plan.ref}", "Close plan", parent,
                         intro="Mark the plan closed: the agency closed it or wrote a new one. It stays listed as "
                               "history.")
        self.fields.add("closed_on", "Closed &on", date_box(today))


__all__ = ["AgencyPlanDialog", "AmendPlanDialog", "ClosePlanDialog", "DisclosureDialog", "NewNegotiationDialog",
           "StatusDialog", "HIRE_NOTE"]
