"""Look-ups for jobs and follow-along: one job, a person's jobs, offers to start a hire from, the funding
programs of the organizations around the person, follow-along contact notes, pay stubs."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from caseteam.domain.employment import ExtendedSupport, FollowAlongPause, Job, JobSupport, PayStub
from caseteam.domain.jobs import JobNegotiation, NegotiationStatus
from caseteam.domain.notes import CaseNote, NoteStatus
from caseteam.domain.organizations import Organization, Program
from caseteam.errors import NotFound

from .people import active_team_organizations


def job(session: Session, job_id: uuid.UUID) -> Job:
    found = session.get(Job, job_id)
    if found is None or found.archived_at is not None:
        raise NotFound("That job was not found (it may have been withdrawn).")
    return found


def jobs_of(session: Session, person_id: uuid.UUID) -> list[Job]:
    """Current jobs first (newest start first), then past ones."""
    stmt = (select(Job).options(selectinload(Job.supports), selectinload(Job.changes), selectinload(Job.pauses))
            .where(Job.person_id == person_id, Job.archived_at.is_(None)))
    found = list(session.scalars(stmt))
    return sorted(found, key=lambda j: (j.separated_on is not None, -j.start_date.toordinal(), j.ref))


def open_jobs(session: Session, person_id: uuid.UUID) -> list[Job]:
    return [j for j in jobs_of(session, person_id) if j.separated_on is None]


def support(session: Session, support_id: uuid.UUID) -> JobSupport:
    found = session.get(JobSupport, support_id)
    if found is None:
        raise NotFound("That support was not found.")
    return found


def pause(session: Session, pause_id: uuid.UUID) -> FollowAlongPause:
    found = session.get(FollowAlongPause, pause_id)
    if found is None:
        raise NotFound("That follow-along pause was not found.")
    return found


def extended_supports(session: Session, job_id: uuid.UUID) -> list[ExtendedSupport]:
    return extended_supports_of(session, [job_id]).get(job_id, [])


def extended_supports_of(session: Session, job_ids) -> dict[uuid.UUID, list[ExtendedSupport]]:
    """Each job's current extended supports, in one query for a list of jobs."""
    ids = list(job_ids)
    found: dict[uuid.UUID, list[ExtendedSupport]] = {}
    if not ids:
        return found
    for e in session.scalars(select(ExtendedSupport)
                             .where(ExtendedSupport.job_id.in_(ids), ExtendedSupport.archived_at.is_(None))
                             .order_by(ExtendedSupport.starts_on, ExtendedSupport.created_at)):
        found.setdefault(e.job_id, []).append(e)
    return found


def extended_support(session: Session, support_id: uuid.UUID) -> ExtendedSupport:
    found = session.get(ExtendedSupport, support_id)
    if found is None or found.archived_at is not None:
        raise NotFound("That extended support was not found.")
    return found


def negotiation(session: Session, negotiation_id: uuid.UUID) -> JobNegotiation:
    found = session.get(JobNegotiation, negotiation_id)
    if found is None or found.archived_at is not None:
        raise NotFound("That job negotiation was not found.")
    return found


def negotiations_of(session: Session, person_id: uuid.UUID, statuses: tuple[NegotiationStatus, ...]) -> list[JobNegotiation]:
    return list(session.scalars(select(JobNegotiation)
                                .where(JobNegotiation.person_id == person_id, JobNegotiation.archived_at.is_(None),
                                       JobNegotiation.status.in_(statuses))
                                .order_by(JobNegotiation.status_on.desc(), JobNegotiation.ref)))


def retention_programs(session: Session, person_id: uuid.UUID, home_organization_id: uuid.UUID | None,
                       on: date) -> list[Program]:
    """Programs that set a retention basis, run by an organization on the person's team (or their home one)."""
    orgs = active_team_organizations(session, person_id, on)
    if home_organization_id is not None:
        orgs.add(home_organization_id)
    if not orgs:
        return []
    stmt = (select(Program).join(Organization, Organization.id == Program.organization_id)
            .where(Program.organization_id.in_(orgs), Program.archived_at.is_(None), Program.retention_basis != "")
            .order_by(Organization.name, Program.name))
    return list(session.scalars(stmt))


def job_notes(session: Session, job_id: uuid.UUID, *, reader_id: uuid.UUID) -> list[CaseNote]:
    """Follow-along contacts: the case notes about this job (signed, or the reader's own drafts), newest first."""
    stmt = (select(CaseNote).options(selectinload(CaseNote.participants))
            .where(CaseNote.job_id == job_id, CaseNote.archived_at.is_(None),
                   or_(CaseNote.status == NoteStatus.SIGNED, CaseNote.author_id == reader_id))
            .order_by(CaseNote.held_on.desc(), CaseNote.created_at.desc()))
    return list(session.scalars(stmt))


def pay_stub(session: Session, stub_id: uuid.UUID) -> PayStub:
    found = session.get(PayStub, stub_id)
    if found is None:
        raise NotFound("That pay stub was not found (it may have been removed).")
    return found


def pay_stubs_of(session: Session, person_id: uuid.UUID, *, year: int | None = None) -> list[PayStub]:
    stmt = select(PayStub).where(PayStub.person_id == person_id)
    if year is not None:
        stmt = stmt.where(PayStub.paid_on >= date(year, 1, 1), PayStub.paid_on <= date(year, 12, 31))
    return list(session.scalars(stmt.order_by(PayStub.paid_on, PayStub.created_at)))
