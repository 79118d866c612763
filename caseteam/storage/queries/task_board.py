"""The task board's query: every agency's tasks, filtered, grouped and sorted in SQL, a page at a time."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, case, func, nulls_last, or_, select
from sqlalchemy.orm import Session, aliased

from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.people import Person
from caseteam.domain.search import SearchKind
from caseteam.domain.tasks import ACTIVE_TASK_STATUSES, Priority, Task, TaskStatus

from .rows import column_rows
from .search_index import id_filter


class TaskSort(enum.Enum):
    DUE = "due"
    REF = "ref"
    TITLE = "title"
    PERSON = "person"
    ORGANIZATION = "organization"
    STAFF = "staff"
    PRIORITY = "priority"
    STATUS = "status"


class DueWindow(enum.Enum):
    ANY = "any"
    OVERDUE = "overdue"
    TODAY = "today"
    WEEK = "week"
    NO_DATE = "no_date"


@dataclass(frozen=True)
class BoardQuery:
    organization_id: uuid.UUID | None = None
    staff_id: uuid.UUID | None = None
    person_id: uuid.UUID | None = None          # one person's tasks (their workspace)
    person_search: str | None = None
    title_search: str | None = None
    statuses: tuple[TaskStatus, ...] = ACTIVE_TASK_STATUSES
    priority: Priority | None = None
    due: DueWindow = DueWindow.ANY
    group_by: TaskSort | None = None   # ORGANIZATION or STAFF: rows of a group come together
    sort: TaskSort = TaskSort.DUE
    descending: bool = False


# Made once: an alias made per query costs more to build (SQLAlchemy copies every column) than SQLite takes to run it.
_STAFF = aliased(StaffMember, name="assignee")
_PERSON = aliased(Person, name="about")
# The columns a board row shows, not the Task entity: no identity map or instance state for a read-only page.
ROW_COLUMNS = (Task.id, Task.ref, Task.title, Task.details, Task.person_id, Task.organization_id, Task.staff_id,
               Task.due, Task.priority, Task.status, Task.completed_at, Task.action_step_key, Task.version)


def _filtered(session: Session, stmt: Select, q: BoardQuery, today: date, visible=None) -> Select:
    stmt = stmt.where(Task.archived_at.is_(None))
    if visible is not None:  # tasks of people the account may see, and tasks about no one person
        stmt = stmt.where(or_(Task.person_id.is_(None), visible))
    if q.organization_id is not None:
        stmt = stmt.where(Task.organization_id == q.organization_id)
    if q.staff_id is not None:
        stmt = stmt.where(Task.staff_id == q.staff_id)
    if q.person_id is not None:
        stmt = stmt.where(Task.person_id == q.person_id)
    # Both boxes use the full-text index (word prefixes, accent-blind), names and references only.
    for found in (id_filter(session, SearchKind.PERSON, Task.person_id, q.person_search, names_only=True),
                  id_filter(session, SearchKind.TASK, Task.id, q.title_search, names_only=True)):
        if found is not None:
            stmt = stmt.where(found)
    if q.statuses:
        stmt = stmt.where(Task.status.in_(q.statuses))
    if q.priority is not None:
        stmt = stmt.where(Task.priority == q.priority)
    if q.due is DueWindow.OVERDUE:
        stmt = stmt.where(Task.status.in_(ACTIVE_TASK_STATUSES), Task.due < today)
    elif q.due is DueWindow.TODAY:
        stmt = stmt.where(Task.due == today)
    elif q.due is DueWindow.WEEK:
        stmt = stmt.where(Task.due >= today, Task.due <= date.fromordinal(today.toordinal() + 7))
    elif q.due is DueWindow.NO_DATE:
        stmt = stmt.where(Task.due.is_(None))
    return stmt


def board_page(session: Session, q: BoardQuery, today: date, *, limit: int | None = None, offset: int = 0,
               visible=None) -> list:
    staff, person = _STAFF, _PERSON
    stmt = (select(*ROW_COLUMNS, Organization.name, staff.given_name, staff.family_name, person.ref,
                   person.given_name, person.family_name, person.preferred_name)
            .join(Organization, Organization.id == Task.organization_id)
            .outerjoin(staff, staff.id == Task.staff_id)
            .outerjoin(person, person.id == Task.person_id))
    stmt = _filtered(session, stmt, q, today, visible)
    priority_order = case({p.value: i for i, p in enumerate(Priority)}, value=Task.priority, else_=0)
    status_order = case({s.value: i for i, s in enumerate(TaskStatus)}, value=Task.status, else_=0)
    keys = {
        TaskSort.DUE: [Task.due], TaskSort.REF: [Task.ref], TaskSort.TITLE: [Task.title],
        TaskSort.PERSON: [person.family_name, person.given_name], TaskSort.ORGANIZATION: [Organization.name],
        TaskSort.STAFF: [staff.family_name, staff.given_name], TaskSort.PRIORITY: [priority_order.desc()],
        TaskSort.STATUS: [status_order],
    }
    # The id after the name keeps two organizations (or staff) of the same name in separate groups.
    group = keys[q.group_by] + [_group_key(q.group_by)] if q.group_by is not None else []
    chosen = [k.desc() if q.descending else k.asc() for k in keys[q.sort]] if q.sort is not TaskSort.PRIORITY \
        else [priority_order.asc() if q.descending else priority_order.desc()]
    stmt = stmt.order_by(*[nulls_last(k) for k in group + chosen], Task.ref)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    return column_rows(session, stmt)


def _counted(session: Session, q: BoardQuery, today: date, *keys, visible=None) -> Select:
    """SELECT keys..., tasks, overdue over the board's filters (which need no other table)."""
    overdue = case(((Task.status.in_(ACTIVE_TASK_STATUSES)) & (Task.due < today), 1), else_=0)
    stmt = select(*keys, func.count(Task.id), func.coalesce(func.sum(overdue), 0)).select_from(Task)
    return _filtered(session, stmt, q, today, visible)


def board_counts(session: Session, q: BoardQuery, today: date, *, visible=None) -> tuple[int, int]:
    """How many tasks match, and how many of those are overdue: one statement."""
    total, late = column_rows(session, _counted(session, q, today, visible=visible))[0]
    return int(total), int(late)


def _group_key(group_by: TaskSort):
    return Task.staff_id if group_by is TaskSort.STAFF else Task.organization_id


def board_group_counts(session: Session, q: BoardQuery, today: date, *, visible=None) -> list[tuple]:
    """(organization or staff id, tasks, overdue) for each group of a grouped board: one statement."""
    key = _group_key(q.group_by or TaskSort.ORGANIZATION)
    return list(session.execute(_counted(session, q, today, key, visible=visible).group_by(key)))


def assignment_choices(session: Session) -> tuple[list, list]:
    """Organizations and active staff a task can go to, for the board's lists and dialogs."""
    orgs = session.execute(select(Organization.id, Organization.name).where(Organization.archived_at.is_(None))
                           .order_by(Organization.name)).all()
    staff = session.execute(select(StaffMember.id, StaffMember.organization_id, StaffMember.given_name,
                                   StaffMember.family_name, StaffMember.title)
                            .where(StaffMember.archived_at.is_(None), StaffMember.active.is_(True))
                            .order_by(StaffMember.family_name, StaffMember.given_name)).all()
    return orgs, staff
