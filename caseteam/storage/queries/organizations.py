"""The partner directory: organizations with their counts, and one organization's programs, staff and
the people its staff serve. Each function issues a fixed number of statements."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from caseteam.domain.organizations import Organization, OrganizationKind, Program, StaffMember
from caseteam.domain.people import Person
from caseteam.domain.tasks import ACTIVE_TASK_STATUSES, Task
from caseteam.domain.teams import Team, TeamMember


def _serving(on: date) -> tuple:
    """A staff member's seat on a live person's team that is current on `on`."""
    return (TeamMember.archived_at.is_(None), TeamMember.start_date <= on,
            or_(TeamMember.end_date.is_(None), TeamMember.end_date >= on), Person.archived_at.is_(None))


def directory(session: Session, *, on: date, kind: OrganizationKind | None = None,
              include_archived: bool = False) -> list:
    """One SELECT: every organization with its live staff and programs, open tasks and the number of
    people whose teams its staff sit on today."""
    def per_organization(column, *where, count=func.count()):
        return select(column.label("organization_id"), count.label("n")).where(*where).group_by(column)

    staff = per_organization(StaffMember.organization_id, StaffMember.archived_at.is_(None)).subquery()
    programs = per_organization(Program.organization_id, Program.archived_at.is_(None)).subquery()
    tasks = per_organization(Task.organization_id, Task.archived_at.is_(None),
                             Task.status.in_(ACTIVE_TASK_STATUSES)).subquery()
    served = (per_organization(StaffMember.organization_id, *_serving(on),
                               count=func.count(func.distinct(Team.person_id)))
              .select_from(StaffMember).join(TeamMember, TeamMember.staff_id == StaffMember.id)
              .join(Team, Team.id == TeamMember.team_id).join(Person, Person.id == Team.person_id)).subquery()
    stmt = select(Organization, *[func.coalesce(q.c.n, 0) for q in (staff, programs, tasks, served)])
    for q in (staff, programs, tasks, served):
        stmt = stmt.outerjoin(q, q.c.organization_id == Organization.id)
    if not include_archived:
        stmt = stmt.where(Organization.archived_at.is_(None))
    if kind is not None:
        stmt = stmt.where(Organization.kind == kind)
    return list(session.execute(stmt.order_by(Organization.name, Organization.ref)))


def programs_of(session: Session, organization_id: uuid.UUID) -> list[Program]:
    """Archived ones too: the directory offers to restore them."""
    return list(session.scalars(select(Program).where(Program.organization_id == organization_id)
                                .order_by(Program.name, Program.id)))


def staff_of(session: Session, organization_id: uuid.UUID) -> list[StaffMember]:
    return list(session.scalars(select(StaffMember).where(StaffMember.organization_id == organization_id)
                                .order_by(StaffMember.family_name, StaffMember.given_name, StaffMember.ref)))


def people_served(session: Session, organization_id: uuid.UUID, *, on: date, visible=None) -> list:
    """Current team seats held by the organization's staff: the person, their stage, who sits there
    and in what role. One line per seat, so a person two staff serve appears twice."""
    stmt = (select(Person.id, Person.ref, Person.given_name, Person.preferred_name, Person.family_name,
                   Person.stage, StaffMember.id, StaffMember.given_name, StaffMember.family_name, TeamMember.role)
            .select_from(TeamMember).join(StaffMember, StaffMember.id == TeamMember.staff_id)
            .join(Team, Team.id == TeamMember.team_id).join(Person, Person.id == Team.person_id)
            .where(StaffMember.organization_id == organization_id, *_serving(on),
                   *([visible] if visible is not None else []))
            .order_by(Person.family_name, Person.given_name, Person.ref, StaffMember.family_name))
    return list(session.execute(stmt))
