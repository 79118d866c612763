"""A person's jobs once hired: recording the hire (from a negotiation's offer or directly), changes of
hours, wage or title, stabilization, separation, and the follow-along view with the 30/60/90-day dates
per funder. Supports, pauses and extended supports are in employment_supports.py, pay stubs in earnings.py.

A hire moves the person to Employed and the negotiation to Hired; a separation with no other job left
moves them back to Job development, and a later hire is their second placement.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from caseteam.domain.consent import InformationCategory
from caseteam.domain.employment import Job, JobChange, SeparationReason
from caseteam.domain.jobs import NegotiationStatus, NegotiationStatusChange
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import Stage
from caseteam.errors import ValidationError
from caseteam.storage.queries import employment as queries
from caseteam.storage.queries import job_development as job_queries
from caseteam.storage.queries import notes as note_queries

from . import access, need_to_know, people, retention
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version, required_text
from .employment_values import hours, money, not_in_future, not_too_far_ahead, within_job
from .employment_rows import (ChangeRow, ContactRow, ExtendedSupportRow, FollowAlongRow, HireChoices, JobRow,
                              OfferChoice, PauseRow, SupportRow)

EMPLOYED_STAGES = (Stage.EMPLOYED, Stage.EXTENDED_SUPPORTS)
HIRE_REASON = "Hired at {employer} as {title}"
CHANGED = Changes(jobs=True)


# --- rows ----------------------------------------------------------------------------------------------------

def org_name(uow, org_id) -> str:
    org = uow.organizations.find(org_id)
    return org.name if org is not None else ""


def support_row(s) -> SupportRow:
    return SupportRow(s.id, s.job_id, s.kind, s.description, s.hours_per_week, s.starts_on, s.ends_on)


def pause_row(p) -> PauseRow:
    return PauseRow(p.id, p.job_id, p.starts_on, p.ends_on, p.reason)


def extended_row(uow, e) -> ExtendedSupportRow:
    return ExtendedSupportRow(e.id, e.job_id, e.provider_organization_id, org_name(uow, e.provider_organization_id),
                              e.funder_organization_id, org_name(uow, e.funder_organization_id) or e.funder_note,
                              e.description, e.hours_per_month, e.starts_on, e.ends_on, e.version)


def employer_of(uow, job: Job) -> str:
    """The employer's name; a launched self-employment venture is the person's own business."""
    if job.venture_id is not None:
        from caseteam.domain.ventures import Venture

        venture = uow.session.get(Venture, job.venture_id)
        return f"{venture.business_name} (self-employed)" if venture is not None else "Self-employed"
    return org_name(uow, job.organization_id)


def job_row(uow, job: Job, extended: list | None = None) -> JobRow:
    """`extended` is the job's extended supports when the caller has already fetched them for many jobs."""
    if extended is None:
        extended = queries.extended_supports(uow.session, job.id)
    employer = employer_of(uow, job)
    return JobRow(job.id, job.ref, job.person_id, job.organization_id, employer, job.negotiation_id, job.job_title,
                  job.duties, job.hours_per_week, job.hourly_wage, job.benefits, job.start_date, job.stabilized_on,
                  job.separated_on, job.separation_reason, job.separation_note, job.benefits_planning_referred_on,
                  tuple(support_row(s) for s in job.supports),
                  tuple(ChangeRow(c.id, c.job_id, c.effective_on, c.hours_per_week, c.hourly_wage, c.job_title,
                                  c.note) for c in job.changes),
                  tuple(pause_row(p) for p in job.pauses),
                  tuple(extended_row(uow, e) for e in extended), job.version)


# --- checks --------------------------------------------------------------------------------------------------

def readable_job(uow, actor: Actor, job_id: uuid.UUID) -> Job:
    job = queries.job(uow.session, job_id)
    access.require(uow, actor, Action.VIEW_PERSON, job.person_id)
    need_to_know.require_category(uow, actor, job.person_id, InformationCategory.EMPLOYMENT)
    return job


def editable_job(uow, actor: Actor, job_id: uuid.UUID, version: int | None = None) -> Job:
    job = queries.job(uow.session, job_id)
    access.require(uow, actor, Action.EDIT_PERSON, job.person_id)
    need_to_know.require_category(uow, actor, job.person_id, InformationCategory.EMPLOYMENT)
    check_version(job, version, f"job {job.ref}")
    return job


def touch(uow, job: Job) -> None:
    """A change to a job's parts still moves its version, so a stale copy of the job is refused."""
    job.updated_at = uow.now()


def _employer(uow, organization_id: uuid.UUID):
    org = uow.organizations.get(organization_id)
    if org.kind is not OrganizationKind.EMPLOYER:
        raise ValidationError("organization_id", f"{org.name} is a {org.kind.label.lower()}, not an employer. "
                                                 "Choose an organization of kind Employer.")
    return org


# --- hire ----------------------------------------------------------------------------------------------------

def record_hire(uow, actor: Actor, person_id: uuid.UUID, *, organization_id: uuid.UUID | None = None,
                negotiation_id: uuid.UUID | None = None, job_title: str | None = None, duties: str | None = None,
                hours_per_week=None, hourly_wage=None, benefits: str | None = None, start_date: date | None = None,
                supports=(), benefits_planning_referred_on: date | None = None) -> tuple[JobRow, Changes]:
    """The job as hired. From a negotiation, its negotiated terms are the defaults for anything not given.
    `supports`: dicts of kind, description, hours_per_week (job coaching) and optionally starts_on."""
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.EMPLOYMENT)
    person = uow.people.get(person_id)
    negotiation = None
    if negotiation_id is not None:
        negotiation = queries.negotiation(uow.session, negotiation_id)
        if negotiation.person_id != person.id:
            raise ValidationError("negotiation_id", f"Negotiation {negotiation.ref} is not {person.display_name}'s.")
        if not negotiation.status.open:
            raise ValidationError("negotiation_id", f"Negotiation {negotiation.ref} is already "
                                                    f"{negotiation.status.label.lower()}.")
        organization_id = organization_id or negotiation.organization_id

        def default(value, stored):
            return stored if value is None or value == "" else value
        job_title = default(job_title, negotiation.job_title)
        duties = default(duties, negotiation.duties)
        hours_per_week = default(hours_per_week, negotiation.hours_per_week)
        hourly_wage = default(hourly_wage, negotiation.hourly_wage)
        benefits = default(benefits, negotiation.benefits)
        start_date = start_date or negotiation.start_date
    if organization_id is None:
        raise ValidationError("organization_id", "Choose the employer.")
    employer = _employer(uow, organization_id)
    title = required_text("job_title", "The job title", job_title)
    weekly = hours("hours_per_week", "Hours per week", hours_per_week)
    if weekly == 0:
        raise ValidationError("hours_per_week", "Hours per week must be more than 0.")
    wage = money("hourly_wage", "The hourly wage", hourly_wage)
    if start_date is None:
        raise ValidationError("start_date", "The start date is required.")
    not_too_far_ahead(uow, "start_date", "The start date", start_date)
    if benefits_planning_referred_on is not None:
        not_in_future(uow, "benefits_planning_referred_on", "The benefits-planning referral date",
                      benefits_planning_referred_on)
    job = uow.add(Job(ref=uow.references.next("job"), person_id=person.id, organization_id=employer.id,
                      negotiation_id=negotiation.id if negotiation else None, job_title=title,
                      duties=(duties or "").strip(), hours_per_week=weekly, hourly_wage=wage,
                      benefits=(benefits or "").strip(), start_date=start_date,
                      benefits_planning_referred_on=benefits_planning_referred_on, separation_note=""))
    uow.flush()
    uow.audit.record(actor, job, "hired", changes=audit_safe({
        "ref": [None, job.ref], "employer": [None, employer.name], "job_title": [None, title],
        "hours_per_week": [None, weekly], "hourly_wage": [None, wage], "start_date": [None, start_date]}))
    from . import employment_supports

    for support in supports:
        support = dict(support)
        employment_supports.add_support_to(uow, actor, job, kind=support.pop("kind"),
                                           starts_on=support.pop("starts_on", None) or start_date, **support)
    changes = CHANGED
    if negotiation is not None:
        _set_negotiation_status(uow, actor, negotiation, NegotiationStatus.HIRED, f"Hired: job {job.ref}")
    if person.stage not in EMPLOYED_STAGES:
        entered = max(min(start_date, uow.today()), person.stage_entered_on)
        _, moved = people.change_stage(uow, actor, person.id, Stage.EMPLOYED, entered_on=entered,
                                       reason=HIRE_REASON.format(employer=employer.name, title=title))
        changes = changes | moved
    uow.flush()
    return job_row(uow, job), changes


def _set_negotiation_status(uow, actor: Actor, negotiation, status: NegotiationStatus, note: str) -> None:
    previous = negotiation.status
    history = negotiation.history  # loaded before the new row is staged, so autoflush cannot list it twice
    history.append(uow.add(NegotiationStatusChange(negotiation_id=negotiation.id, status=status,
                                                   previous_status=previous, changed_on=uow.today(),
                                                   changed_by_id=actor.user_id, note=note)))
    negotiation.status, negotiation.status_on, negotiation.updated_at = status, uow.today(), uow.now()
    uow.flush()
    uow.audit.record(actor, negotiation, "status changed", changes=audit_safe({"status": [previous, status]}))


def _latest_stage_reason(person) -> tuple[Stage | None, str]:
    latest = max(person.stage_history, key=lambda c: c.changed_at, default=None)
    return (latest.stage, latest.reason) if latest is not None else (None, "")


def withdraw_hire(uow, actor: Actor, job_id: uuid.UUID, *, version: int | None = None) -> tuple[JobRow, Changes]:
    """Take back a hire recorded by mistake (the undo of record_hire): the job is archived, the negotiation
    returns to the status it had, and a stage move the hire made is reverted."""
    job = editable_job(uow, actor, job_id, version)
    person = uow.people.get(job.person_id)
    job.archived_at, job.updated_at = uow.now(), uow.now()
    uow.flush()
    uow.audit.record(actor, job, "hire withdrawn")
    changes = CHANGED
    if job.negotiation_id is not None:
        negotiation = queries.negotiation(uow.session, job.negotiation_id)
        hired = [h for h in negotiation.history if h.status is NegotiationStatus.HIRED]
        if negotiation.status is NegotiationStatus.HIRED and hired and hired[-1].previous_status is not None:
            _set_negotiation_status(uow, actor, negotiation, hired[-1].previous_status,
                                    f"Hire {job.ref} withdrawn")
    stage, reason = _latest_stage_reason(person)
    employer = employer_of(uow, job)
    if stage is Stage.EMPLOYED and reason == HIRE_REASON.format(employer=employer, title=job.job_title) \
            and not queries.open_jobs(uow.session, person.id):
        _, moved = people.revert_stage_change(uow, actor, person.id, version=None,
                                              reason=f"Hire {job.ref} withdrawn")
        changes = changes | moved
    return job_row(uow, job), changes


# --- changes, stabilization, separation ------------------------------------------------------------------------

def record_change(uow, actor: Actor, job_id: uuid.UUID, *, effective_on: date, hours_per_week=None,
                  hourly_wage=None, job_title: str = "", note: str = "",
                  version: int | None = None) -> tuple[JobRow, Changes]:
    """A change of hours, wage or title from a date; the job's current figures follow the latest change."""
    job = editable_job(uow, actor, job_id, version)
    within_job(job, "effective_on", "The change's date", effective_on)
    not_too_far_ahead(uow, "effective_on", "The change's date", effective_on)
    weekly = hours("hours_per_week", "Hours per week", hours_per_week, required=False)
    wage = money("hourly_wage", "The hourly wage", hourly_wage, required=False)
    title = (job_title or "").strip()[:200]
    if weekly is None and wage is None and not title:
        raise ValidationError("hours_per_week", "Give the new hours, the new wage or the new job title.")
    change = uow.add(JobChange(job_id=job.id, effective_on=effective_on, hours_per_week=weekly, hourly_wage=wage,
                               job_title=title, note=(note or "").strip(), recorded_by_id=actor.user_id))
    before = {"hours_per_week": job.hours_per_week, "hourly_wage": job.hourly_wage, "job_title": job.job_title}
    if all(c.effective_on <= effective_on for c in job.changes if c is not change):
        job.hours_per_week = weekly if weekly is not None else job.hours_per_week
        job.hourly_wage = wage if wage is not None else job.hourly_wage
        job.job_title = title or job.job_title
    touch(uow, job)
    uow.flush()
    after = {"hours_per_week": job.hours_per_week, "hourly_wage": job.hourly_wage, "job_title": job.job_title}
    uow.audit.record(actor, job, "changed", reason=(note or "").strip(), changes=audit_safe(
        {k: [before[k], after[k]] for k in before if before[k] != after[k]} | {"effective_on": [None, effective_on]}))
    uow.session.expire(job, ["changes"])
    return job_row(uow, job), CHANGED


def remove_change(uow, actor: Actor, change_id: uuid.UUID, *, hours_per_week, hourly_wage, job_title: str,
                  version: int | None = None) -> tuple[JobRow, Changes]:
    """The undo of record_change: the change row goes and the figures return to what they were."""
    change = uow.session.get(JobChange, change_id)
    if change is None:
        raise ValidationError("change", "That change of hours, wage or title was not found.")
    job = editable_job(uow, actor, change.job_id, version)
    uow.session.delete(change)
    job.hours_per_week, job.hourly_wage, job.job_title = Decimal(hours_per_week), Decimal(hourly_wage), job_title
    touch(uow, job)
    uow.flush()
    uow.audit.record(actor, job, "change removed", changes=audit_safe({"effective_on": [change.effective_on, None]}))
    uow.session.expire(job, ["changes"])
    return job_row(uow, job), CHANGED


def stabilize(uow, actor: Actor, job_id: uuid.UUID, *, on: date | None,
              version: int | None = None) -> tuple[JobRow, Changes]:
    """Record (or, with None, clear) the stabilization date: where some funders start counting retention."""
    job = editable_job(uow, actor, job_id, version)
    if on is not None:
        within_job(job, "stabilized_on", "The stabilization date", on)
        not_in_future(uow, "stabilized_on", "The stabilization date", on)
    before = job.stabilized_on
    job.stabilized_on = on
    touch(uow, job)
    uow.flush()
    uow.audit.record(actor, job, "stabilized" if on else "stabilization cleared",
                     changes=audit_safe({"stabilized_on": [before, on]}))
    return job_row(uow, job), CHANGED


def separate(uow, actor: Actor, job_id: uuid.UUID, *, separated_on: date, reason: SeparationReason,
             note: str = "", version: int | None = None) -> tuple[JobRow, Changes]:
    """The job ended. With no other current job the person goes back to Job development."""
    job = editable_job(uow, actor, job_id, version)
    if job.separated_on is not None:
        raise ValidationError("separated_on", f"Job {job.ref} already ended on {job.separated_on:%Y-%m-%d}.")
    if reason is None:
        raise ValidationError("reason", "Say why the job ended.")
    reason = SeparationReason(reason)
    within_job(job, "separated_on", "The last day", separated_on)
    not_in_future(uow, "separated_on", "The last day", separated_on)
    if reason is SeparationReason.OTHER and not (note or "").strip():
        raise ValidationError("note", "With the reason Other, say in the note what happened.")
    job.separated_on, job.separation_reason, job.separation_note = separated_on, reason, (note or "").strip()
    touch(uow, job)
    uow.flush()
    uow.audit.record(actor, job, "separated", reason=job.separation_note,
                     changes=audit_safe({"separated_on": [None, separated_on], "separation_reason": [None, reason]}))
    changes = CHANGED
    person = uow.people.get(job.person_id)
    if person.stage in EMPLOYED_STAGES and not queries.open_jobs(uow.session, person.id):
        employer = employer_of(uow, job)
        _, moved = people.change_stage(
            uow, actor, person.id, Stage.JOB_DEVELOPMENT, entered_on=max(separated_on, person.stage_entered_on),
            reason=f"Left {job.job_title} at {employer} on {separated_on:%Y-%m-%d} ({reason.label.lower()})")
        changes = changes | moved
    return job_row(uow, job), changes


def undo_separation(uow, actor: Actor, job_id: uuid.UUID, *, version: int | None = None) -> tuple[JobRow, Changes]:
    job = editable_job(uow, actor, job_id, version)
    if job.separated_on is None:
        raise ValidationError("separated_on", f"Job {job.ref} has not ended.")
    before = job.separated_on
    job.separated_on, job.separation_reason, job.separation_note = None, None, ""
    touch(uow, job)
    uow.flush()
    uow.audit.record(actor, job, "separation undone", changes=audit_safe({"separated_on": [before, None]}))
    changes = CHANGED
    person = uow.people.get(job.person_id)
    stage, reason = _latest_stage_reason(person)
    if stage is Stage.JOB_DEVELOPMENT and reason.startswith(f"Left {job.job_title} at "):
        _, moved = people.revert_stage_change(uow, actor, person.id, version=None, reason="Separation undone")
        changes = changes | moved
    return job_row(uow, job), changes


# --- reading ---------------------------------------------------------------------------------------------------

def list_jobs(uow, actor: Actor, person_id: uuid.UUID) -> list[JobRow]:
    """Current jobs first, newest start first; then the jobs that ended."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.EMPLOYMENT)
    jobs = queries.jobs_of(uow.session, person_id)
    extended = queries.extended_supports_of(uow.session, [j.id for j in jobs])
    return [job_row(uow, j, extended.get(j.id, [])) for j in jobs]


def get_job(uow, actor: Actor, job_id: uuid.UUID) -> JobRow:
    return job_row(uow, readable_job(uow, actor, job_id))


def funders(uow, person) -> list[tuple[str, retention.RetentionBasis]]:
    """(label, basis) for each funding program around the person that counts retention milestones."""
    found = []
    for program in queries.retention_programs(uow.session, person.id, person.home_organization_id, uow.today()):
        basis = retention.basis_of(program.retention_basis)
        if basis is not None:
            found.append((f"{program.organization.name} – {program.name}", basis))
    return found


def follow_along(uow, actor: Actor, job_id: uuid.UUID, *, today: date | None = None) -> FollowAlongRow:
    """The job with its retention tracks per funder and its follow-along contacts (notes about the job)."""
    job = readable_job(uow, actor, job_id)
    today = today or uow.today()
    person = uow.people.get(job.person_id, include_archived=True)
    tracks = retention.tracks(hired_on=job.start_date, stabilized_on=job.stabilized_on,
                              pauses=[(p.starts_on, p.ends_on) for p in job.pauses], funders=funders(uow, person),
                              today=today, separated_on=job.separated_on)
    notes = queries.job_notes(uow.session, job.id, reader_id=actor.user_id)
    names = note_queries.user_names(uow.session, {n.author_id for n in notes})
    contacts = tuple(ContactRow(n.id, n.ref, n.held_on, n.kind.label, n.body, names.get(n.author_id, ""),
                                n.status.value == "signed") for n in notes)
    return FollowAlongRow(job_row(uow, job), tracks, contacts, today)


def hire_choices(uow, actor: Actor, person_id: uuid.UUID) -> HireChoices:
    """What the Record hire dialog offers: the person's negotiations at Offer, and every employer."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.EMPLOYMENT)
    offers = tuple(OfferChoice(n.id, n.ref, n.organization_id, org_name(uow, n.organization_id), n.job_title,
                               n.duties, n.hours_per_week, n.hourly_wage, n.benefits, n.start_date, n.supports,
                               n.accommodations)
                   for n in queries.negotiations_of(uow.session, person_id, (NegotiationStatus.OFFER,)))
    employers = tuple((i, name) for i, name in job_queries.employers(uow.session))
    return HireChoices(offers, employers, uow.today())

