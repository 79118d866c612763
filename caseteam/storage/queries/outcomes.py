"""The outcomes report as SQL: jobs started, ventures launched and jobs ended in a period, for the people
a reader may see (the access rule's condition on people is passed in)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caseteam.domain.employment import FollowAlongPause, Job
from caseteam.domain.organizations import Organization
from caseteam.domain.people import Person, StageChange
from caseteam.domain.ventures import Venture


def _live(stmt, visible):
    stmt = stmt.where(Person.archived_at.is_(None))
    return stmt if visible is None else stmt.where(visible)


def placements(session: Session, since: date, until: date, visible=None):
    """(Job, person ref, given, family, preferred name, home organization id, referral date, first stage
    date, employer name) for jobs with an employer (not a venture) started in the period, by start date."""
    first_stage = (select(func.min(StageChange.entered_on)).where(StageChange.person_id == Person.id)
                   .correlate(Person).scalar_subquery())
    stmt = (select(Job, Person.ref, Person.given_name, Person.family_name, Person.preferred_name,
                   Person.home_organization_id, Person.referral_date, first_stage, Organization.name)
            .join(Person, Person.id == Job.person_id)
            .outerjoin(Organization, Organization.id == Job.organization_id)
            .where(Job.archived_at.is_(None), Job.venture_id.is_(None),
                   Job.start_date >= since, Job.start_date <= until)
            .order_by(Job.start_date, Person.family_name, Person.given_name, Job.ref))
    return session.execute(_live(stmt, visible)).all()


def launches(session: Session, since: date, until: date, visible=None):
    """(venture id, person id, home organization id) for self-employment launched in the period."""
    stmt = (select(Venture.id, Venture.person_id, Person.home_organization_id)
            .join(Person, Person.id == Venture.person_id)
            .where(Venture.archived_at.is_(None), Venture.launch_date.is_not(None),
                   Venture.launch_date >= since, Venture.launch_date <= until))
    return session.execute(_live(stmt, visible)).all()


def separations(session: Session, since: date, until: date, visible=None):
    """(job id, person id, home organization id) for jobs with an employer that ended in the period."""
    stmt = (select(Job.id, Job.person_id, Person.home_organization_id)
            .join(Person, Person.id == Job.person_id)
            .where(Job.archived_at.is_(None), Job.venture_id.is_(None), Job.separated_on.is_not(None),
                   Job.separated_on >= since, Job.separated_on <= until))
    return session.execute(_live(stmt, visible)).all()


def pauses(session: Session, job_ids) -> dict:
    """job id -> [(first day, last day or None)] of its follow-along pauses, in one SELECT."""
    ids = list(job_ids)
    found: dict = {job_id: [] for job_id in ids}
    if ids:
        for job_id, starts, ends in session.execute(
                select(FollowAlongPause.job_id, FollowAlongPause.starts_on, FollowAlongPause.ends_on)
                .where(FollowAlongPause.job_id.in_(ids)).order_by(FollowAlongPause.starts_on)):
            found[job_id].append((starts, ends))
    return found
