"""The person's timeline, as SQL: one SELECT per kind of event, each already cut to the date range and
to the most rows the requested page can use, so a long case costs the same few statements."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from caseteam.domain.consent import Disclosure, Release, ReleaseParty
from caseteam.domain.discovery import DiscoveryActivity, ProfileRevision
from caseteam.domain.employment import Job
from caseteam.domain.incidents import CriticalIncident
from caseteam.domain.jobs import JobNegotiation, NegotiationStatusChange
from caseteam.domain.notes import CaseNote, NoteStatus
from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.people import StageChange
from caseteam.domain.plans import PlanRevision
from caseteam.domain.tasks import Task, TaskStatus
from caseteam.domain.teams import Team, TeamMember
from caseteam.domain.users import User
from caseteam.domain.ventures import Venture


@dataclass(frozen=True)
class Window:
    """A date range both as local days (for date columns) and as UTC instants (for instant columns);
    `cap` is the most rows any one kind can contribute to the page (offset + limit)."""
    since_day: date | None = None
    until_day: date | None = None
    since_at: datetime | None = None   # the first instant of since_day, local time
    before_at: datetime | None = None  # the first instant of the day after until_day
    cap: int | None = None


def _days(column, w: Window):
    out = []
    if w.since_day is not None:
        out.append(column >= w.since_day)
    if w.until_day is not None:
        out.append(column <= w.until_day)
    return and_(column.is_not(None), *out)


def _instants(column, w: Window):
    out = []
    if w.since_at is not None:
        out.append(column >= w.since_at)
    if w.before_at is not None:
        out.append(column < w.before_at)
    return and_(column.is_not(None), *out)


def _capped(stmt, w: Window):
    return stmt if w.cap is None else stmt.limit(w.cap)


def stage_changes(session: Session, person_id: uuid.UUID, w: Window):
    """(StageChange, author name or None), newest first."""
    stmt = (select(StageChange, User.display_name).outerjoin(User, User.id == StageChange.changed_by_id)
            .where(StageChange.person_id == person_id, _days(StageChange.entered_on, w))
            .order_by(StageChange.entered_on.desc(), StageChange.changed_at.desc()))
    return session.execute(_capped(stmt, w)).all()


def _revisions(session: Session, model, person_id: uuid.UUID, w: Window):
    stmt = (select(model.id, model.number, model.summary, model.saved_at, User.display_name)
            .outerjoin(User, User.id == model.author_id)
            .where(model.person_id == person_id, _instants(model.saved_at, w))
            .order_by(model.saved_at.desc(), model.number.desc()))
    return session.execute(_capped(stmt, w)).all()


def plan_revisions(session: Session, person_id: uuid.UUID, w: Window):
    """(id, number, summary, saved_at, author name), newest first."""
    return _revisions(session, PlanRevision, person_id, w)


def profile_revisions(session: Session, person_id: uuid.UUID, w: Window):
    return _revisions(session, ProfileRevision, person_id, w)


def discovery_activities(session: Session, person_id: uuid.UUID, w: Window) -> list[DiscoveryActivity]:
    stmt = (select(DiscoveryActivity)
            .where(DiscoveryActivity.person_id == person_id, DiscoveryActivity.archived_at.is_(None),
                   _days(DiscoveryActivity.held_on, w))
            .order_by(DiscoveryActivity.held_on.desc(), DiscoveryActivity.created_at.desc()))
    return list(session.scalars(_capped(stmt, w)))


def tasks(session: Session, person_id: uuid.UUID, w: Window):
    """(Task, organization name, creator name) for tasks created, completed or cancelled in the range.
    A task brings up to three events, so it is not capped here."""
    cancelled = and_(Task.status == TaskStatus.CANCELLED, _instants(Task.updated_at, w))
    stmt = (select(Task, Organization.name, User.display_name)
            .join(Organization, Organization.id == Task.organization_id)
            .outerjoin(User, User.id == Task.created_by_id)
            .where(Task.person_id == person_id, Task.archived_at.is_(None),
                   or_(_instants(Task.created_at, w), _instants(Task.completed_at, w), cancelled))
            .order_by(Task.created_at.desc(), Task.ref.desc()))
    return session.execute(stmt).all()


def team_members(session: Session, person_id: uuid.UUID, w: Window):
    """(TeamMember, staff given name, family name, organization name) added or ended in the range."""
    staff, org = aliased(StaffMember), aliased(Organization)
    stmt = (select(TeamMember, staff.given_name, staff.family_name, org.name)
            .join(Team, Team.id == TeamMember.team_id)
            .outerjoin(staff, staff.id == TeamMember.staff_id)
            .outerjoin(org, org.id == staff.organization_id)
            .where(Team.person_id == person_id, TeamMember.archived_at.is_(None),
                   or_(_days(TeamMember.start_date, w), _days(TeamMember.end_date, w)))
            .order_by(TeamMember.start_date.desc(), TeamMember.created_at.desc()))
    return session.execute(stmt).all()


def releases(session: Session, person_id: uuid.UUID, w: Window) -> list[Release]:
    """Releases signed, revoked or expired in the range, with their parties (one more SELECT)."""
    stmt = (select(Release)
            .where(Release.person_id == person_id, Release.archived_at.is_(None),
                   or_(_days(Release.signed_on, w), _days(Release.revoked_on, w), _days(Release.expires_on, w)))
            .order_by(Release.signed_on.desc(), Release.ref.desc())
            .options(selectinload(Release.parties).selectinload(ReleaseParty.organization)))
    return list(session.scalars(stmt))


def disclosures(session: Session, person_id: uuid.UUID, w: Window):
    """(Disclosure, actor name, release reference or None), newest first."""
    stmt = (select(Disclosure, User.display_name, Release.ref)
            .outerjoin(User, User.id == Disclosure.actor_id)
            .outerjoin(Release, Release.id == Disclosure.release_id)
            .where(Disclosure.person_id == person_id, _instants(Disclosure.at, w))
            .order_by(Disclosure.at.desc(), Disclosure.id))
    return session.execute(_capped(stmt, w)).all()


def case_notes(session: Session, person_id: uuid.UUID, w: Window):
    """(CaseNote, author name, reference of the note an addendum corrects) for signed notes, newest first.
    Drafts are their author's own work in progress, not yet part of the case."""
    corrected = aliased(CaseNote)
    stmt = (select(CaseNote, User.display_name, corrected.ref)
            .outerjoin(User, User.id == CaseNote.author_id)
            .outerjoin(corrected, corrected.id == CaseNote.addendum_to_id)
            .where(CaseNote.person_id == person_id, CaseNote.archived_at.is_(None),
                   CaseNote.status == NoteStatus.SIGNED, _days(CaseNote.held_on, w))
            .order_by(CaseNote.held_on.desc(), CaseNote.signed_at.desc(), CaseNote.ref.desc()))
    return session.execute(_capped(stmt, w)).all()


# --- job development, employment, self-employment, incidents, signatures -----------------------------

def negotiation_changes(session: Session, person_id: uuid.UUID, w: Window):
    """(NegotiationStatusChange, negotiation ref, job title, employer name, who moved it), newest first."""
    stmt = (select(NegotiationStatusChange, JobNegotiation.ref, JobNegotiation.job_title, Organization.name,
                   User.display_name)
            .join(JobNegotiation, JobNegotiation.id == NegotiationStatusChange.negotiation_id)
            .outerjoin(Organization, Organization.id == JobNegotiation.organization_id)
            .outerjoin(User, User.id == NegotiationStatusChange.changed_by_id)
            .where(JobNegotiation.person_id == person_id, JobNegotiation.archived_at.is_(None),
                   _days(NegotiationStatusChange.changed_on, w))
            .order_by(NegotiationStatusChange.changed_on.desc(), NegotiationStatusChange.created_at.desc()))
    return session.execute(_capped(stmt, w)).all()


def jobs(session: Session, person_id: uuid.UUID, w: Window):
    """(Job, employer name, business name) for jobs started or ended in the range. A job brings up to two
    events, so it is not capped here."""
    stmt = (select(Job, Organization.name, Venture.business_name)
            .outerjoin(Organization, Organization.id == Job.organization_id)
            .outerjoin(Venture, Venture.id == Job.venture_id)
            .where(Job.person_id == person_id, Job.archived_at.is_(None),
                   or_(_days(Job.start_date, w), _days(Job.separated_on, w)))
            .order_by(Job.start_date.desc(), Job.ref.desc()))
    return session.execute(stmt).all()


def venture_launches(session: Session, person_id: uuid.UUID, w: Window):
    stmt = (select(Venture)
            .where(Venture.person_id == person_id, Venture.archived_at.is_(None), _days(Venture.launch_date, w))
            .order_by(Venture.launch_date.desc(), Venture.ref.desc()))
    return list(session.scalars(_capped(stmt, w)))


def incidents(session: Session, person_id: uuid.UUID, w: Window):
    """(CriticalIncident, reporter name), newest first."""
    stmt = (select(CriticalIncident, User.display_name)
            .outerjoin(User, User.id == CriticalIncident.reported_by_id)
            .where(CriticalIncident.person_id == person_id, CriticalIncident.archived_at.is_(None),
                   _instants(CriticalIncident.occurred_at, w))
            .order_by(CriticalIncident.occurred_at.desc(), CriticalIncident.ref.desc()))
    return session.execute(_capped(stmt, w)).all()


def plan_signatures(session: Session, person_id: uuid.UUID, w: Window):
    """(revision id, number, signed on, how, signed by, who recorded it), newest first."""
    stmt = (select(PlanRevision.id, PlanRevision.number, PlanRevision.signed_on, PlanRevision.signed_how,
                   PlanRevision.signed_by_name, User.display_name)
            .outerjoin(User, User.id == PlanRevision.signature_recorded_by_id)
            .where(PlanRevision.person_id == person_id, _days(PlanRevision.signed_on, w))
            .order_by(PlanRevision.signed_on.desc(), PlanRevision.number.desc()))
    return session.execute(_capped(stmt, w)).all()
