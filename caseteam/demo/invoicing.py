"""The demo's milestones and invoices to VR: milestones at every status (due, achieved and not invoiced,
invoiced, paid, returned, denied), one invoice paid, two unpaid past 30 and 60 days, one returned for a
missing signature (on the money board, to be fixed), another person's returned and resubmitted as its
corrected revision, one denied, and the month's waiver invoice drafted with an entry held back.

Each milestone is authorized on its own purchase order first (VR authorizes them one at a time). People
are chosen by rule among the cases funding.py left free; a step with no fitting case is left out.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date, timedelta

from caseteam.domain.people import Stage
from caseteam.services import invoices, milestones

from .funding import Desk, _actor, _authorize, _number

# The milestone each stage's end achieves (by hand, with its evidence), and the words of that evidence.
BY_HAND = {"vr:CE-DISC": (Stage.PROFILE, "Discovery staffing summary signed by {first} and the VR counselor"),
           "vr:CE-VP": (Stage.CE_PLANNING, "Vocational profile reviewed with {first}; copy sent to the counselor"),
           "vr:CE-CEP": (Stage.JOB_DEVELOPMENT, "Planning meeting sign-in sheet and the CE plan {first} signed")}
SIGNATURE = "VR fiscal: the VR counselor's signature is missing on the milestone report."
NO_PO = "VR fiscal: the PO number is missing from the invoice."
DENIED = ("The vocational profile was not reviewed with the VR counselor within 30 days of Discovery, "
          "as the Purchase of Service Agreement requires.")
# (milestone, days before today the invoice was sent, then (days before today, step, the funder's reason)):
# unpaid past 60 and past 30 days, returned for a signature (not fixed yet), returned and resubmitted, denied.
STORIES = (("vr:CE-CEP", 70, ()),
           ("vr:CE-VP", 45, ()),
           ("vr:CE-DISC", 40, ((26, "returned", SIGNATURE),)),
           ("vr:CE-CEP", 58, ((47, "returned", NO_PO), (44, "correct", ""), (10, "submit", ""))),
           ("vr:CE-VP", 50, ((30, "denied", DENIED),)))


def schedule_invoicing(cases, desk: Desk, timeline, used: set[int]) -> None:
    p = desk.p
    braided, near = desk.roles.get("braided"), desk.roles.get("near")
    if braided is not None:
        _paid_history(desk, timeline, braided)
        if desk.first + timedelta(days=12) <= p.today:  # the month's waiver invoice, one entry held back
            timeline.at(p.today, lambda: invoices.draft_invoice(
                p.uow, p.supervisor, braided.person_id, desk.funder_ids["waiver"], period_from=desk.first,
                period_to=desk.last))
    if near is not None:  # placement reached (not invoiced yet); 30, 60 and 90 days due
        timeline.at(p.today, lambda: milestones.refresh_due(p.uow, _actor(p, near), near.person_id))
    for service, sent, steps in STORIES:
        stage = BY_HAND[service][0]
        case = next((c for c in cases if c.number not in used and c.stage is Stage.JOB_DEVELOPMENT
                     and c.entered(stage) is not None and c.entered(Stage.DISCOVERY) is not None
                     and c.entered(stage) <= p.today - timedelta(days=sent + 5)), None)
        if case is None:
            continue
        used.add(case.number)
        _story(desk, timeline, case, service, sent, steps)
    profiled = next((c for c in cases if c.number not in used and c.stage is Stage.PROFILE
                     and c.entered(Stage.DISCOVERY) is not None), None)
    if profiled is not None:  # Discovery complete, not invoiced yet: money on the table
        used.add(profiled.number)
        _milestone(desk, timeline, profiled, "vr:CE-DISC")


@contextmanager
def _same_bytes():
    """ReportLab stamps each PDF with the time and a random id; the demo's kept copies must come out the
    same for the same seed and day (the stores are compared byte for byte)."""
    from reportlab import rl_config

    before, rl_config.invariant = rl_config.invariant, 1
    try:
        yield
    finally:
        rl_config.invariant = before


def _submit(p, invoice_id, on: date):
    """Sent by the program manager on `on`; the PDF as sent is kept."""
    with _same_bytes():
        return invoices.submit_invoice(p.uow, p.supervisor, invoice_id, submitted_on=on)[0].id


def _milestone(desk: Desk, timeline, case, service: str) -> date:
    """Authorized when the work starts, recorded with its evidence when the next stage begins."""
    p = desk.p
    stage, words = BY_HAND[service]
    began = {Stage.PROFILE: case.entered(Stage.DISCOVERY), Stage.CE_PLANNING: case.entered(Stage.PROFILE),
             Stage.JOB_DEVELOPMENT: case.entered(Stage.CE_PLANNING)}[stage] or case.referred_on
    reached = case.entered(stage)
    name = service.split(":")[1]
    _authorize(desk, timeline, case, name, service, asked=began - timedelta(days=10), received=began - timedelta(days=3),
               starts=began - timedelta(days=3), ends=max(reached, began + timedelta(days=90)),
               number=_number("PO", case, began, list(BY_HAND).index(service) + 1), units=1,
               note="Milestone, on its own PO")

    def record():
        milestones.record_milestone(p.uow, _actor(p, case), case.person_id, funder_service_id=desk.services[service],
                                    achieved_on=reached, evidence=words.format(first=case.first),
                                    authorization_id=desk.auths[(case.number, name)])
        p.counts["milestones"] += 1
    timeline.at(reached, record)
    return reached


def _story(desk: Desk, timeline, case, service: str, sent: int, steps) -> None:
    p = desk.p
    reached = _milestone(desk, timeline, case, service)
    state = {}
    submitted = p.today - timedelta(days=sent)

    def send():
        row, _ = invoices.draft_invoice(p.uow, p.supervisor, case.person_id, desk.funder_ids["vr"],
                                        period_from=reached.replace(day=1), period_to=submitted)
        state["id"] = _submit(p, row.id, submitted)
        p.counts["invoices"] += 1
    timeline.at(submitted, send)
    for days, step, reason in steps:
        on = p.today - timedelta(days=days)

        def act(step=step, on=on, reason=reason):
            if step in ("returned", "denied"):
                record = invoices.record_returned if step == "returned" else invoices.record_denied
                record(p.uow, p.supervisor, state["id"], returned_on=on, reason=reason)
            elif step == "correct":
                state["id"] = invoices.correct_invoice(p.uow, p.supervisor, state["id"])[0].id
            else:
                _submit(p, state["id"], on)
        timeline.at(on, act)


def _paid_history(desk: Desk, timeline, case) -> None:
    """The braided case's VR milestones, Discovery to 90 days in the job, on one invoice VR paid."""
    p = desk.p
    hired = case.entered(Stage.EMPLOYED)
    for service in BY_HAND:
        if case.entered(BY_HAND[service][0]) is not None and case.entered(Stage.DISCOVERY) is not None:
            _milestone(desk, timeline, case, service)
    counted = hired + timedelta(days=92)
    sent, paid = counted + timedelta(days=4), counted + timedelta(days=33)
    if paid > p.today:
        return
    timeline.at(counted, lambda: milestones.refresh_due(p.uow, _actor(p, case), case.person_id))
    state = {}

    def send():
        row, _ = invoices.draft_invoice(p.uow, p.supervisor, case.person_id, desk.funder_ids["vr"],
                                        period_from=case.referred_on, period_to=counted)
        state["id"] = _submit(p, row.id, sent)
        p.counts["invoices"] += 1
    timeline.at(sent, send)
    timeline.at(paid, lambda: invoices.record_paid(p.uow, p.supervisor, state["id"], paid_on=paid))
