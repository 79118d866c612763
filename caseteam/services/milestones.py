"""Milestones a funder pays for: employment ones (placement, 30/60/90 days) become due from the job's
dates and are achieved when the date is reached; others (Discovery complete, vocational profile...) are
recorded by hand with their evidence. Invoicing, payment and returns are invoices.py's business.

The amount is the fee schedule's rate on the day; the authorization covering that day is linked.
For a DUE milestone with no date yet, `reason` says why (follow-along paused, stabilization not recorded).
"""

from __future__ import annotations

import mimetypes
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from caseteam.documents.dates import long_date
from caseteam.domain.billing import Milestone, MilestoneEvent, MilestoneStatus
from caseteam.domain.consent import InformationCategory
from caseteam.domain.employment import RetentionBasis
from caseteam.domain.funding import BillingUnit, Funder, FunderService
from caseteam.errors import ValidationError
from caseteam.storage.queries import employment as job_queries
from caseteam.storage.queries import milestones as queries
from caseteam.storage.queries import service_entries as entry_queries

from . import access, attachments, funders, need_to_know, retention
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version
from .employment import employer_of
from .milestone_dates import Expected, expected, written_by_refresh

CHANGED = Changes(funding=True)
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class MilestoneRow:
    id: uuid.UUID
    ref: str
    person_id: uuid.UUID
    funder_id: uuid.UUID
    funder_name: str
    funder_service_id: uuid.UUID
    service_code: str
    service_name: str
    event: MilestoneEvent
    job_id: uuid.UUID | None
    due_on: date | None
    achieved_on: date | None
    amount: Decimal
    evidence: str
    evidence_attachment_id: uuid.UUID | None
    status: MilestoneStatus
    status_words: str
    reason: str
    authorization_id: uuid.UUID | None
    invoice_ref: str
    version: int
    evidence_required: str = ""  # what the funder asks as proof, in its words


def status_words(status: MilestoneStatus, *, due_on: date | None, achieved_on: date | None, reason: str,
                 invoice_ref: str, today: date) -> str:
    if status is MilestoneStatus.DUE:
        if due_on is None:
            return f"Due – no date yet ({reason})" if reason else "Due – no date yet"
        if due_on < today:
            return f"Due since {long_date(due_on)} – confirm it was reached"
        return f"Due on {long_date(due_on)}"
    if status is MilestoneStatus.ACHIEVED:
        return f"Achieved on {long_date(achieved_on)} – not invoiced yet"
    if status is MilestoneStatus.INVOICED:
        return f"Invoiced on {invoice_ref}" if invoice_ref else "Invoiced"
    if status is MilestoneStatus.PAID:
        return "Paid"
    return f"{status.label}: {reason}" if reason else status.label


def _row(m: Milestone, service: FunderService, funder: Funder, invoice_ref: str, today: date) -> MilestoneRow:
    return MilestoneRow(
        m.id, m.ref, m.person_id, funder.id, funder.name, service.id, service.code, service.name, m.event, m.job_id,
        m.due_on, m.achieved_on, m.amount, m.evidence, m.evidence_attachment_id, m.status,
        status_words(m.status, due_on=m.due_on, achieved_on=m.achieved_on, reason=m.reason, invoice_ref=invoice_ref,
                     today=today), m.reason, m.authorization_id, invoice_ref, m.version, service.evidence_required)


def _rows(uow, found: list[tuple[Milestone, FunderService, Funder]]) -> list[MilestoneRow]:
    refs = queries.invoice_refs(uow.session, [m.id for m, _, _ in found])
    today = uow.today()
    return [_row(m, s, f, refs.get(m.id, ""), today) for m, s, f in found]


def list_milestones(uow, actor: Actor, person_id: uuid.UUID) -> list[MilestoneRow]:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    return _rows(uow, queries.milestones_of(uow.session, uow.people.get(person_id).id))


def get_milestone(uow, actor: Actor, milestone_id: uuid.UUID) -> MilestoneRow:
    found = queries.with_service(uow.session, milestone_id)
    access.require(uow, actor, Action.VIEW_PERSON, found[0].person_id)
    return _rows(uow, [found])[0]


# --- money and evidence ----------------------------------------------------------------------------------------

def _rate(uow, service: FunderService, day: date) -> Decimal:
    rate = funders.rate_on(uow, service.id, day)
    return rate if rate is not None else ZERO


def _covering(uow, person_id: uuid.UUID, service: FunderService, day: date | None) -> uuid.UUID | None:
    found = entry_queries.covering_authorization(uow.session, person_id, service.id, day) if day else None
    return found.id if found is not None else None


def _evidence(service: FunderService, evidence: str | None) -> str:
    evidence = (evidence or "").strip()
    if service.evidence_required and not evidence:
        raise ValidationError("evidence", f"{service.name} ({service.code}) needs evidence: "
                                          f"{service.evidence_required}. Say what shows it was reached.")
    if len(evidence) > 4000:
        raise ValidationError("evidence", "The evidence is at most 4,000 characters; attach a file for more.")
    return evidence


def _not_ahead(uow, achieved_on) -> None:
    if not isinstance(achieved_on, date):
        raise ValidationError("achieved_on", "Give the date the milestone was reached.")
    if achieved_on > uow.today():
        raise ValidationError("achieved_on", "A milestone is recorded once it is reached; its date cannot be in "
                                             "the future.")


def _attach(uow, actor: Actor, m: Milestone, attachment: tuple[str, bytes] | None) -> None:
    if attachment is None:
        return
    name, data = attachment
    name = attachments.checked_scan(data, name, field="attachment", name_label="The evidence file's name",
                                    again="attach the evidence again")
    media = mimetypes.guess_type(name)[0] or "application/octet-stream"
    m.evidence_attachment_id = attachments.store_file(uow, actor, "milestones", m.id, data=data, filename=name,
                                                      media_type=media).id


# --- by hand ---------------------------------------------------------------------------------------------------

def record_milestone(uow, actor: Actor, person_id: uuid.UUID, *, funder_service_id: uuid.UUID, achieved_on: date,
                     evidence: str, amount=None, authorization_id: uuid.UUID | None = None,
                     attachment: tuple[str, bytes] | None = None) -> tuple[MilestoneRow, Changes]:
    """A milestone reached (Discovery complete, a vocational profile delivered...), with its evidence."""
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    person = uow.people.get(person_id)
    service = entry_queries.funder_service(uow.session, funder_service_id)
    funder = queries.funder_of(uow.session, service)
    if service.unit is not BillingUnit.MILESTONE:
        raise ValidationError("funder_service_id", f"{service.name} ({service.code}) is billed by the "
                                                   f"{service.unit.label}, not as a milestone.")
    if service.milestone_event.from_employment:
        raise ValidationError("funder_service_id", f"{service.name} ({service.code}) becomes due from the job's "
                                                   "dates; confirm the due milestone instead of recording it by hand.")
    _not_ahead(uow, achieved_on)
    evidence = _evidence(service, evidence)
    twin = queries.same_day_milestone(uow.session, person.id, service.id, achieved_on)
    if twin is not None:
        raise ValidationError("achieved_on", f"{service.name} is already recorded on {long_date(achieved_on)} "
                                             f"({twin.ref}).")
    if amount is None:
        amount = funders.rate_on(uow, service.id, achieved_on)
        if amount is None:
            raise ValidationError("amount", f"{funder.name}'s fee schedule has no rate for {service.name} on "
                                            f"{long_date(achieved_on)}; give the amount.")
    else:
        amount = funders.money("amount", "The amount", amount)
    if authorization_id is not None:
        auth = entry_queries.authorization(uow.session, authorization_id)
        if auth.person_id != person.id or auth.funder_service_id != service.id:
            raise ValidationError("authorization_id", f"Authorization {auth.ref} is not {person.display_name}'s "
                                                      f"authorization for {service.name}.")
    else:
        authorization_id = _covering(uow, person.id, service, achieved_on)
    m = uow.add(Milestone(ref=uow.references.next("milestone"), person_id=person.id, funder_service_id=service.id,
                          authorization_id=authorization_id, event=service.milestone_event, achieved_on=achieved_on,
                          amount=amount, evidence=evidence, status=MilestoneStatus.ACHIEVED, reason="",
                          recorded_by_id=actor.user_id))
    uow.flush()
    _attach(uow, actor, m, attachment)
    uow.flush()
    uow.audit.record(actor, m, "achieved", changes=audit_safe({
        "service": [None, service.code], "achieved_on": [None, achieved_on], "amount": [None, amount],
        "evidence": [None, evidence]}))
    return _rows(uow, [(m, service, funder)])[0], CHANGED


def achieve(uow, actor: Actor, milestone_id: uuid.UUID, *, achieved_on: date, evidence: str,
            attachment: tuple[str, bytes] | None = None, version: int | None = None) -> tuple[MilestoneRow, Changes]:
    """Confirm a DUE milestone was reached (when its date is not known from the job, or to add proof)."""
    m, service, funder = queries.with_service(uow.session, milestone_id)
    access.require(uow, actor, Action.EDIT_PERSON, m.person_id)
    check_version(m, version, f"milestone {m.ref}")
    if m.status is not MilestoneStatus.DUE:
        raise ValidationError("status", f"Milestone {m.ref} is {m.status.label.lower()}, not due.")
    _not_ahead(uow, achieved_on)
    if m.due_on is not None and achieved_on < m.due_on:
        raise ValidationError("achieved_on", f"{service.name} for milestone {m.ref} is counted on "
                                             f"{long_date(m.due_on)}; it cannot be reached earlier.")
    m.evidence = _evidence(service, evidence)
    _attach(uow, actor, m, attachment)
    _mark_achieved(uow, m, service, achieved_on)
    uow.flush()
    uow.audit.record(actor, m, "achieved", changes=audit_safe({
        "status": [MilestoneStatus.DUE, MilestoneStatus.ACHIEVED], "achieved_on": [None, achieved_on],
        "amount": [None, m.amount], "evidence": [None, m.evidence]}))
    return _rows(uow, [(m, service, funder)])[0], CHANGED


def _mark_achieved(uow, m: Milestone, service: FunderService, achieved_on: date) -> None:
    m.status, m.achieved_on, m.reason, m.updated_at = MilestoneStatus.ACHIEVED, achieved_on, "", uow.now()
    m.amount = _rate(uow, service, achieved_on)
    m.authorization_id = _covering(uow, m.person_id, service, achieved_on) or m.authorization_id


# --- from the job's dates --------------------------------------------------------------------------------------

def refresh_due(uow, actor: Actor, person_id: uuid.UUID,
                today: date | None = None) -> tuple[list[MilestoneRow], Changes]:
    """Make or move the person's employment milestones from their jobs' dates; returns those made or moved
    (none the second time). Invoiced, paid, returned and denied ones are never touched."""
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.EMPLOYMENT)
    person = uow.people.get(person_id)
    moved = _refresh(uow, actor, person.id, today or uow.today())
    uow.flush()
    return _rows(uow, moved), CHANGED if moved else Changes()


def refresh_all_due(uow, actor: Actor, today: date | None = None) -> tuple[list[MilestoneRow], Changes]:
    """refresh_due for every person with a job whom the actor may change (and whose employment they read)."""
    today = today or uow.today()
    moved = []
    for person_id in queries.people_with_jobs(uow.session, access.scope(uow, actor, Action.EDIT_PERSON)):
        shown = need_to_know.visible(uow, actor, person_id)
        if shown is not None and InformationCategory.EMPLOYMENT not in shown:
            continue
        moved.extend(_refresh(uow, actor, person_id, today))
    uow.flush()
    return _rows(uow, moved), CHANGED if moved else Changes()


def _refresh(uow, actor: Actor, person_id: uuid.UUID, today: date) -> list[tuple[Milestone, FunderService, Funder]]:
    paying = {f.id: f for f in queries.paying_funders(uow.session, person_id)}
    services = queries.employment_services(uow.session, paying)
    existing = queries.job_milestones(uow.session, person_id)
    if not services and not existing:
        return []
    bases = queries.retention_bases(uow.session, paying)
    moved, seen = [], set()
    jobs = job_queries.jobs_of(uow.session, person_id)
    for job in jobs:
        employer = employer_of(uow, job)
        pauses = [(p.starts_on, p.ends_on) for p in job.pauses]
        for service in services:
            basis = retention.basis_of(bases.get(service.funder_id, "")) or RetentionBasis.HIRE_DATE
            want = expected(service.milestone_event, employer=employer, job_title=job.job_title, job_ref=job.ref,
                            hired_on=job.start_date, stabilized_on=job.stabilized_on, separated_on=job.separated_on,
                            pauses=pauses, basis=basis, today=today)
            seen.add((service.id, job.id))
            m = _follow(uow, actor, existing.get((service.id, job.id)), want, service, person_id, job.id, today)
            if m is not None:
                moved.append((m, service, paying[service.funder_id]))
    kept = {job.id for job in jobs}
    for key, m in existing.items():  # a job withdrawn, or a funder that no longer pays for a milestone not reached
        gone = m.job_id not in kept or m.status is MilestoneStatus.DUE
        if key not in seen and gone and m.archived_at is None and _follows_the_job(m):
            m.archived_at = m.updated_at = uow.now()
            uow.flush()
            uow.audit.record(actor, m, "no longer due (no job or paying funder for it)",
                             changes=audit_safe({"archived": [False, True]}))
            moved.append(queries.with_service(uow.session, m.id, include_archived=True))
    return moved


def _follow(uow, actor: Actor, m: Milestone | None, want: Expected, service: FunderService, person_id: uuid.UUID,
            job_id: uuid.UUID, today: date) -> Milestone | None:
    """Bring one job milestone in line with the job's dates; the milestone when it was made or changed."""
    if m is None:
        if want.ended:
            return None  # the job ended first: it will never be reached
        m = uow.add(Milestone(ref=uow.references.next("milestone"), person_id=person_id, funder_service_id=service.id,
                              job_id=job_id, event=service.milestone_event, status=MilestoneStatus.DUE,
                              amount=ZERO, evidence="", reason="", recorded_by_id=actor.user_id))
        _set_due(uow, m, service, want, today)
        uow.flush()
        uow.audit.record(actor, m, "due", changes=audit_safe({
            "service": [None, service.code], "due_on": [None, m.due_on], "status": [None, m.status]}))
        return m
    if not _follows_the_job(m):
        return None  # on an invoice, or confirmed by someone with their own evidence
    before = _followed(m)
    if want.ended:
        if m.archived_at is None:
            m.archived_at = uow.now()
    else:
        m.archived_at = None
        _set_due(uow, m, service, want, today)
    after = _followed(m)
    changed = {k: [v, after[k]] for k, v in before.items() if after[k] != v}
    if not changed:
        return None
    m.updated_at = uow.now()
    uow.flush()
    action = ("no longer due (the job ended first)" if want.ended else
              "achieved" if before["status"] is not m.status and m.status is MilestoneStatus.ACHIEVED else
              "due date moved")
    uow.audit.record(actor, m, action, changes=audit_safe(changed))
    return m


def _followed(m: Milestone) -> dict:
    return {"status": m.status, "due_on": m.due_on, "achieved_on": m.achieved_on, "amount": m.amount,
            "reason": m.reason, "evidence": m.evidence, "authorization_id": m.authorization_id,
            "archived": m.archived_at is not None}


def _set_due(uow, m: Milestone, service: FunderService, want: Expected, today: date) -> None:
    """Dates, status, amount, authorization and evidence as the job's dates say today."""
    m.due_on = want.due_on
    if want.reached:
        m.status, m.achieved_on, m.reason, m.evidence = MilestoneStatus.ACHIEVED, want.due_on, "", want.evidence
    else:
        m.status, m.achieved_on, m.reason, m.evidence = MilestoneStatus.DUE, None, want.waiting, ""
    day = m.achieved_on or m.due_on or today
    m.amount = _rate(uow, service, day)
    m.authorization_id = _covering(uow, m.person_id, service, m.achieved_on or m.due_on)


def _follows_the_job(m: Milestone) -> bool:
    """Due, or achieved by a refresh (its evidence the words a refresh writes); not on an invoice, and not
    confirmed by someone with their own evidence."""
    if m.status is MilestoneStatus.DUE:
        return True
    return (m.status is MilestoneStatus.ACHIEVED and m.evidence_attachment_id is None
            and written_by_refresh(m.evidence))
