"""Supports at work (job coaching that fades, natural supports, accommodations, assistive technology),
pauses in follow-along, and extended supports after stabilization (who provides them, who pays).

Job coaching is kept as rows whose hours fade: a new job-coach row from a date ends the previous one the
day before, so the history reads 20 → 10 → 5 hours a week.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from caseteam.domain.employment import ExtendedSupport, FollowAlongPause, Job, JobSupport, SupportKind
from caseteam.errors import ValidationError
from caseteam.storage.queries import employment as queries

from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version
from .employment import CHANGED, editable_job, extended_row, job_row, support_row, touch
from .employment_values import hours, not_too_far_ahead, within_job
from .employment_rows import ExtendedSupportRow, JobRow, SupportRow


# --- supports at work --------------------------------------------------------------------------------------

def add_support_to(uow, actor: Actor, job: Job, *, kind: SupportKind, starts_on: date, description: str = "",
                   hours_per_week=None) -> JobSupport:
    kind = SupportKind(kind)
    description = (description or "").strip()
    within_job(job, "starts_on", "The support's start", starts_on)
    not_too_far_ahead(uow, "starts_on", "The support's start", starts_on)
    weekly = hours("hours_per_week", "Job-coach hours per week", hours_per_week,
                   required=kind is SupportKind.JOB_COACH)
    if kind is not SupportKind.JOB_COACH and not description:
        raise ValidationError("description", f"Describe the {kind.label.lower()} (who or what, and how it helps).")
    if kind is SupportKind.JOB_COACH:
        for earlier in job.supports:
            if earlier.kind is SupportKind.JOB_COACH and earlier.ends_on is None:
                if earlier.starts_on >= starts_on:
                    raise ValidationError("starts_on", f"Job coaching at {earlier.hours_per_week} hours a week "
                                                       f"already starts {earlier.starts_on:%Y-%m-%d}; new hours "
                                                       "must start later.")
                earlier.ends_on = starts_on - timedelta(days=1)
    support = uow.add(JobSupport(job_id=job.id, kind=kind, description=description, hours_per_week=weekly,
                                 starts_on=starts_on))
    touch(uow, job)
    uow.flush()
    uow.session.expire(job, ["supports"])
    uow.audit.record(actor, support, "support added", person_id=job.person_id, changes=audit_safe({
        "job": [None, job.ref], "kind": [None, kind], "hours_per_week": [None, weekly], "starts_on": [None, starts_on]}))
    return support


def add_support(uow, actor: Actor, job_id: uuid.UUID, *, kind: SupportKind, starts_on: date, description: str = "",
                hours_per_week=None) -> tuple[SupportRow, Changes]:
    job = editable_job(uow, actor, job_id)
    support = add_support_to(uow, actor, job, kind=kind, starts_on=starts_on, description=description,
                             hours_per_week=hours_per_week)
    return support_row(support), CHANGED


def end_support(uow, actor: Actor, support_id: uuid.UUID, *, ends_on: date | None) -> tuple[SupportRow, Changes]:
    """End a support from a date (None reopens it: the undo)."""
    support = queries.support(uow.session, support_id)
    job = editable_job(uow, actor, support.job_id)
    if ends_on is not None and ends_on < support.starts_on:
        raise ValidationError("ends_on", f"The end cannot be before the support started ({support.starts_on:%Y-%m-%d}).")
    before, support.ends_on = support.ends_on, ends_on
    touch(uow, job)
    uow.flush()
    uow.session.expire(job, ["supports"])
    uow.audit.record(actor, support, "support ended" if ends_on else "support reopened", person_id=job.person_id,
                     changes=audit_safe({"ends_on": [before, ends_on]}))
    return support_row(support), CHANGED


def _removed(uow, job: Job, entry, collection: str) -> tuple[JobRow, Changes]:
    """An undo's delete (audited by the caller first): the job touched, its `collection` read again."""
    uow.session.delete(entry)
    touch(uow, job)
    uow.flush()
    uow.session.expire(job, [collection])
    return job_row(uow, job), CHANGED


def remove_support(uow, actor: Actor, support_id: uuid.UUID) -> tuple[JobRow, Changes]:
    """The undo of add_support: the row goes, and job coaching it faded from runs on again."""
    support = queries.support(uow.session, support_id)
    job = editable_job(uow, actor, support.job_id)
    if support.kind is SupportKind.JOB_COACH:
        day_before = support.starts_on - timedelta(days=1)
        for earlier in job.supports:
            if earlier is not support and earlier.kind is SupportKind.JOB_COACH and earlier.ends_on == day_before:
                earlier.ends_on = None
    uow.audit.record(actor, support, "support removed", person_id=job.person_id, changes=audit_safe({
        "kind": [support.kind, None], "starts_on": [support.starts_on, None]}))
    return _removed(uow, job, support, "supports")


# --- pauses in follow-along ----------------------------------------------------------------------------------

def pause_follow_along(uow, actor: Actor, job_id: uuid.UUID, *, starts_on: date,
                       reason: str = "") -> tuple[JobRow, Changes]:
    """A gap (leave, a hospital stay, a seasonal closure): retention days stop counting from `starts_on`."""
    job = editable_job(uow, actor, job_id)
    within_job(job, "starts_on", "The pause's first day", starts_on)
    not_too_far_ahead(uow, "starts_on", "The pause's first day", starts_on)
    for other in job.pauses:
        if other.ends_on is None:
            raise ValidationError("starts_on", f"Follow-along is already paused since {other.starts_on:%Y-%m-%d}; "
                                               "resume it first.")
        if other.starts_on <= starts_on <= other.ends_on:
            raise ValidationError("starts_on", f"A pause already covers {other.starts_on:%Y-%m-%d} to "
                                               f"{other.ends_on:%Y-%m-%d}.")
    pause = uow.add(FollowAlongPause(job_id=job.id, starts_on=starts_on, reason=(reason or "").strip()))
    touch(uow, job)
    uow.flush()
    uow.session.expire(job, ["pauses"])
    uow.audit.record(actor, pause, "follow-along paused", person_id=job.person_id, reason=pause.reason,
                     changes=audit_safe({"job": [None, job.ref], "starts_on": [None, starts_on]}))
    return job_row(uow, job), CHANGED


def resume_follow_along(uow, actor: Actor, job_id: uuid.UUID, *, ends_on: date | None) -> tuple[JobRow, Changes]:
    """End the open pause on its last day, `ends_on` (counted as paused). None reopens the latest pause."""
    job = editable_job(uow, actor, job_id)
    if ends_on is None:
        closed = [p for p in job.pauses if p.ends_on is not None]
        if not closed or any(p.ends_on is None for p in job.pauses):
            raise ValidationError("ends_on", "There is no ended pause to reopen.")
        pause, before = closed[-1], closed[-1].ends_on
        pause.ends_on = None
    else:
        pause = next((p for p in job.pauses if p.ends_on is None), None)
        if pause is None:
            raise ValidationError("ends_on", f"Follow-along for job {job.ref} is not paused.")
        if ends_on < pause.starts_on:
            raise ValidationError("ends_on", f"The pause began {pause.starts_on:%Y-%m-%d}; its last day cannot be "
                                             "earlier.")
        not_too_far_ahead(uow, "ends_on", "The pause's last day", ends_on)
        later = [p for p in job.pauses if p is not pause and p.starts_on > pause.starts_on and p.starts_on <= ends_on]
        if later:
            raise ValidationError("ends_on", f"Another pause starts {later[0].starts_on:%Y-%m-%d}.")
        before, pause.ends_on = None, ends_on
    touch(uow, job)
    uow.flush()
    uow.audit.record(actor, pause, "follow-along resumed" if ends_on else "pause reopened", person_id=job.person_id,
                     changes=audit_safe({"ends_on": [before, ends_on]}))
    return job_row(uow, job), CHANGED


def remove_pause(uow, actor: Actor, pause_id: uuid.UUID) -> tuple[JobRow, Changes]:
    """The undo of pause_follow_along."""
    pause = queries.pause(uow.session, pause_id)
    job = editable_job(uow, actor, pause.job_id)
    uow.audit.record(actor, pause, "pause removed", person_id=job.person_id,
                     changes=audit_safe({"starts_on": [pause.starts_on, None]}))
    return _removed(uow, job, pause, "pauses")


# --- extended supports ----------------------------------------------------------------------------------------

def add_extended_support(uow, actor: Actor, job_id: uuid.UUID, *, starts_on: date,
                         provider_organization_id: uuid.UUID | None = None,
                         funder_organization_id: uuid.UUID | None = None, funder_note: str = "",
                         description: str = "", hours_per_month=None) -> tuple[ExtendedSupportRow, Changes]:
    """Long-term supports after stabilization: who provides them and who pays (an organization or a note)."""
    job = editable_job(uow, actor, job_id)
    within_job(job, "starts_on", "The extended support's start", starts_on)
    not_too_far_ahead(uow, "starts_on", "The extended support's start", starts_on)
    if provider_organization_id is not None:
        uow.organizations.get(provider_organization_id)
    else:
        raise ValidationError("provider_organization_id", "Choose who provides the extended support.")
    if funder_organization_id is not None:
        uow.organizations.get(funder_organization_id)
    elif not (funder_note or "").strip():
        raise ValidationError("funder_organization_id", "Choose who pays, or describe the funding in the note "
                                                        "(for example: DD waiver, supported employment).")
    monthly = hours("hours_per_month", "Hours per month", hours_per_month, required=False, most=400)
    support = uow.add(ExtendedSupport(job_id=job.id, provider_organization_id=provider_organization_id,
                                      funder_organization_id=funder_organization_id,
                                      funder_note=(funder_note or "").strip()[:200],
                                      description=(description or "").strip(), hours_per_month=monthly,
                                      starts_on=starts_on))
    touch(uow, job)
    uow.flush()
    uow.audit.record(actor, support, "extended support added", person_id=job.person_id, changes=audit_safe({
        "job": [None, job.ref], "starts_on": [None, starts_on], "hours_per_month": [None, monthly]}))
    return extended_row(uow, support), CHANGED


def end_extended_support(uow, actor: Actor, support_id: uuid.UUID, *, ends_on: date | None,
                         version: int | None = None) -> tuple[ExtendedSupportRow, Changes]:
    support = queries.extended_support(uow.session, support_id)
    job = editable_job(uow, actor, support.job_id)
    check_version(support, version, "the extended support")
    if ends_on is not None and ends_on < support.starts_on:
        raise ValidationError("ends_on", f"The end cannot be before it started ({support.starts_on:%Y-%m-%d}).")
    before, support.ends_on = support.ends_on, ends_on
    support.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, support, "extended support ended" if ends_on else "extended support reopened",
                     person_id=job.person_id, changes=audit_safe({"ends_on": [before, ends_on]}))
    return extended_row(uow, support), CHANGED


def set_extended_support_archived(uow, actor: Actor, support_id: uuid.UUID, archived: bool) -> tuple[ExtendedSupportRow, Changes]:
    """Archive one recorded by mistake (the undo of adding it), or restore it."""
    support = uow.session.get(ExtendedSupport, support_id)
    if support is None:
        raise ValidationError("extended_support", "That extended support was not found.")
    job = editable_job(uow, actor, support.job_id)
    support.archived_at = uow.now() if archived else None
    support.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, support, "archived" if archived else "restored", person_id=job.person_id)
    return extended_row(uow, support), CHANGED
