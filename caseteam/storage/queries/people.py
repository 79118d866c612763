"""Caseload and person lookups. Each function issues a fixed number of statements."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from caseteam.domain.discovery import DiscoveryActivity, ProfileRevision
from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.people import Person, Stage
from caseteam.domain.plans import Goal, PlanRevision
from caseteam.domain.search import SearchKind
from caseteam.domain.tasks import ACTIVE_TASK_STATUSES, Task
from caseteam.domain.teams import Team, TeamMember
from caseteam.domain.text import fold

from .search_index import id_filter


def _caseload_filter(session: Session, stmt: Select, search: str | None, stage: Stage | None,
                     visible=None) -> Select:
    stmt = stmt.where(Person.archived_at.is_(None))
    if visible is not None:
        stmt = stmt.where(visible)
    found = id_filter(session, SearchKind.PERSON, Person.id, search)
    if found is not None:  # the full-text index: names, reference, plan text
        stmt = stmt.where(found)
    if stage is not None:
        stmt = stmt.where(Person.stage == stage)
    return stmt


def caseload(session: Session, *, search: str | None = None, stage: Stage | None = None,
             limit: int | None = None, offset: int = 0, visible=None) -> list:
    """One SELECT: people with lead, home organization, open-task count, next due date and the
    date of the latest plan revision, whatever the number of people."""
    open_tasks = (select(Task.person_id.label("person_id"), func.count().label("open_tasks"),
                         func.min(Task.due).label("next_due"))
                  .where(Task.status.in_(ACTIVE_TASK_STATUSES), Task.archived_at.is_(None),
                         Task.person_id.is_not(None))
                  .group_by(Task.person_id).subquery())
    plans = (select(PlanRevision.person_id.label("person_id"),
                    func.max(PlanRevision.saved_at).label("plan_revised"),
                    func.max(PlanRevision.number).label("plan_number"))
             .group_by(PlanRevision.person_id).subquery())
    lead = aliased(StaffMember)
    home = aliased(Organization)
    stmt = (select(Person.id, Person.ref, Person.given_name, Person.family_name, Person.preferred_name,
                   Person.stage, Person.stage_entered_on, lead.given_name, lead.family_name, home.name,
                   func.coalesce(open_tasks.c.open_tasks, 0), open_tasks.c.next_due,
                   plans.c.plan_revised, plans.c.plan_number)
            .outerjoin(lead, lead.id == Person.lead_staff_id)
            .outerjoin(home, home.id == Person.home_organization_id)
            .outerjoin(open_tasks, open_tasks.c.person_id == Person.id)
            .outerjoin(plans, plans.c.person_id == Person.id))
    stmt = _caseload_filter(session, stmt, search, stage, visible).order_by(Person.family_name, Person.given_name, Person.ref)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    return list(session.execute(stmt))


def caseload_count(session: Session, *, search: str | None = None, stage: Stage | None = None,
                   visible=None) -> int:
    return session.scalar(_caseload_filter(session, select(func.count(Person.id)), search, stage, visible))


def people_matching(session: Session, text: str, *, visible=None) -> list[Person]:
    """For name arguments: an exact reference, else every person with every word of the text starting a
    word of their name (case and accents ignored)."""
    live = [Person.archived_at.is_(None)] + ([visible] if visible is not None else [])
    ref = session.scalars(select(Person).where(func.upper(Person.ref) == text.strip().upper(), *live)).all()
    if ref:
        return list(ref)
    found = id_filter(session, SearchKind.PERSON, Person.id, text, names_only=True)
    if found is None:
        return []
    stmt = select(Person).where(*live, found)
    return list(session.scalars(stmt.order_by(Person.family_name, Person.given_name)))


def person_summary(session: Session, person_id: uuid.UUID):
    """The person, the team with members' staff and organizations, latest plan with goals and steps,
    latest profile revision, Discovery activities and tasks: a fixed number of statements."""
    person = session.scalars(select(Person).where(Person.id == person_id).options(
        selectinload(Person.lead_staff), selectinload(Person.home_organization),
        selectinload(Person.referral_source))).one_or_none()
    if person is None:
        return None
    team = session.scalars(select(Team).where(Team.person_id == person_id).options(
        selectinload(Team.members).selectinload(TeamMember.staff).selectinload(StaffMember.organization)
    )).one_or_none()
    plan = session.scalars(select(PlanRevision).where(PlanRevision.person_id == person_id)
                           .order_by(PlanRevision.number.desc()).limit(1)
                           .options(selectinload(PlanRevision.goals).selectinload(Goal.steps))).first()
    profile = session.scalars(select(ProfileRevision).where(ProfileRevision.person_id == person_id)
                              .order_by(ProfileRevision.number.desc()).limit(1)).first()
    activities = list(session.scalars(select(DiscoveryActivity).where(
        DiscoveryActivity.person_id == person_id, DiscoveryActivity.archived_at.is_(None))
        .order_by(DiscoveryActivity.held_on)))
    return person, team, plan, profile, activities


def plan_revisions(session: Session, person_id: uuid.UUID) -> list[PlanRevision]:
    return list(session.scalars(select(PlanRevision).where(PlanRevision.person_id == person_id)
                                .order_by(PlanRevision.number)
                                .options(selectinload(PlanRevision.goals).selectinload(Goal.steps))))


def latest_number(session: Session, model, person_id: uuid.UUID) -> int:
    return session.scalar(select(func.coalesce(func.max(model.number), 0)).where(model.person_id == person_id))


def team_for(session: Session, person_id: uuid.UUID) -> Team | None:
    return session.scalars(select(Team).where(Team.person_id == person_id)).one_or_none()


def active_team_organizations(session: Session, person_id: uuid.UUID, on: date) -> set[uuid.UUID]:
    stmt = (select(StaffMember.organization_id).join(TeamMember, TeamMember.staff_id == StaffMember.id)
            .join(Team, Team.id == TeamMember.team_id)
            .where(Team.person_id == person_id, TeamMember.archived_at.is_(None),
                   or_(TeamMember.end_date.is_(None), TeamMember.end_date >= on),
                   and_(TeamMember.start_date <= on)))
    return set(session.scalars(stmt))


def any_people(session: Session) -> bool:
    """Whether the store holds any person at all, archived or not."""
    return session.scalar(select(Person.id).limit(1)) is not None


def team_members(session: Session, person_id: uuid.UUID) -> list[TeamMember]:
    """Every membership of the person's team that is not archived, ended ones too (the team's history),
    with staff and organizations loaded in the same round of statements."""
    stmt = (select(TeamMember).join(Team, Team.id == TeamMember.team_id)
            .where(Team.person_id == person_id, TeamMember.archived_at.is_(None))
            .order_by(TeamMember.start_date, TeamMember.created_at)
            .options(selectinload(TeamMember.staff).selectinload(StaffMember.organization)))
    return list(session.scalars(stmt))


def open_task_counts(session: Session, person_id: uuid.UUID) -> list[tuple[uuid.UUID, uuid.UUID | None, int]]:
    """(organization id, staff id or None, count) of the person's open tasks: one statement."""
    stmt = (select(Task.organization_id, Task.staff_id, func.count(Task.id))
            .where(Task.person_id == person_id, Task.status.in_(ACTIVE_TASK_STATUSES), Task.archived_at.is_(None))
            .group_by(Task.organization_id, Task.staff_id))
    return [(org, staff, int(n)) for org, staff, n in session.execute(stmt)]


def staff_search(session: Session, text: str, *, limit: int = 50) -> list[StaffMember]:
    """Active staff whose name or organization contains every word of `text` (case and accents ignored
    on both engines). Folded in Python, as tasks.staff_matching does: SQLite's lower() knows only
    ASCII, and a partnership's staff list is a few hundred rows."""
    words = fold(text).split()
    stmt = (select(StaffMember).join(Organization, Organization.id == StaffMember.organization_id)
            .where(StaffMember.archived_at.is_(None), StaffMember.active.is_(True),
                   Organization.archived_at.is_(None))
            .order_by(StaffMember.family_name, StaffMember.given_name)
            .options(selectinload(StaffMember.organization)))
    found = []
    for staff in session.scalars(stmt):
        haystack = fold(f"{staff.ref} {staff.name} {staff.title} {staff.organization.name}")
        if all(word in haystack for word in words):
            found.append(staff)
            if len(found) >= limit:
                break
    return found


def discovery_activities(session: Session, person_id: uuid.UUID, *,
                         include_archived: bool = False) -> list[DiscoveryActivity]:
    stmt = select(DiscoveryActivity).where(DiscoveryActivity.person_id == person_id)
    if not include_archived:
        stmt = stmt.where(DiscoveryActivity.archived_at.is_(None))
    return list(session.scalars(stmt.order_by(DiscoveryActivity.held_on, DiscoveryActivity.created_at)))


def latest_profile_revision(session: Session, person_id: uuid.UUID) -> ProfileRevision | None:
    return session.scalars(select(ProfileRevision).where(ProfileRevision.person_id == person_id)
                           .order_by(ProfileRevision.number.desc()).limit(1)).first()
