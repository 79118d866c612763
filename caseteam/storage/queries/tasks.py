"""Task lists across agencies, filtered in SQL in one statement."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.people import Person
from caseteam.domain.tasks import ACTIVE_TASK_STATUSES, Task, TaskStatus
from caseteam.domain.text import fold


@dataclass(frozen=True)
class TaskFilter:
    organization_ids: tuple[uuid.UUID, ...] = ()
    staff_ids: tuple[uuid.UUID, ...] = ()
    person_ids: tuple[uuid.UUID, ...] = ()
    statuses: tuple[TaskStatus, ...] = ()
    due_from: date | None = None
    due_to: date | None = None
    overdue_on: date | None = None  # active tasks due before this date
    include_archived: bool = False


def _filtered(stmt, flt: TaskFilter, visible=None):
    if not flt.include_archived:
        stmt = stmt.where(Task.archived_at.is_(None))
    if visible is not None:  # tasks of people the account may see, and tasks about no one person
        stmt = stmt.where(or_(Task.person_id.is_(None), visible))
    if flt.organization_ids:
        stmt = stmt.where(Task.organization_id.in_(flt.organization_ids))
    if flt.staff_ids:
        stmt = stmt.where(Task.staff_id.in_(flt.staff_ids))
    if flt.person_ids:
        stmt = stmt.where(Task.person_id.in_(flt.person_ids))
    if flt.statuses:
        stmt = stmt.where(Task.status.in_(flt.statuses))
    if flt.due_from is not None:
        stmt = stmt.where(Task.due >= flt.due_from)
    if flt.due_to is not None:
        stmt = stmt.where(Task.due <= flt.due_to)
    if flt.overdue_on is not None:
        stmt = stmt.where(Task.status.in_(ACTIVE_TASK_STATUSES), Task.due < flt.overdue_on)
    return stmt


def tasks(session: Session, flt: TaskFilter, *, limit: int | None = None, offset: int = 0,
          visible=None) -> list:
    staff = aliased(StaffMember)
    stmt = (select(Task, Organization.name, staff.given_name, staff.family_name, Person.ref,
                   Person.given_name, Person.family_name, Person.preferred_name)
            .join(Organization, Organization.id == Task.organization_id)
            .outerjoin(staff, staff.id == Task.staff_id)
            .outerjoin(Person, Person.id == Task.person_id))
    stmt = _filtered(stmt, flt, visible).order_by(Task.due.is_(None), Task.due, Task.ref)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    return list(session.execute(stmt))


def task_count(session: Session, flt: TaskFilter, *, visible=None) -> int:
    """How many tasks `tasks(session, flt)` would list, in one statement."""
    return session.scalar(_filtered(select(func.count(Task.id)), flt, visible))


def overdue_clause(today: date):
    return (Task.status.in_(ACTIVE_TASK_STATUSES)) & (Task.due < today) & Task.archived_at.is_(None)


def staff_matching(session: Session, text: str) -> list[StaffMember]:
    """By reference or by name, ignoring case and accents alike on SQLite and PostgreSQL. Folded in
    Python: SQLite's lower() and LIKE only know ASCII, and the staff list is small."""
    key = fold(text)
    stmt = (select(StaffMember).where(StaffMember.archived_at.is_(None))
            .order_by(StaffMember.family_name, StaffMember.given_name))
    return [s for s in session.scalars(stmt) if fold(s.ref) == key or key in fold(s.name)]


def organizations_matching(session: Session, text: str) -> list[Organization]:
    """An exact reference or name first (archived too), else every live organization whose name
    contains the text; case and accents are ignored on both engines (see staff_matching)."""
    key = fold(text)
    every = list(session.scalars(select(Organization).order_by(Organization.name)))
    exact = [o for o in every if key in (fold(o.ref), fold(o.name))]
    if exact:
        return exact
    return [o for o in every if o.archived_at is None and key in fold(o.name)]
