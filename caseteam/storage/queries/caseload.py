"""The caseload: one SELECT per page whatever the number of people, filtered and sorted in SQL."""

from __future__ import annotations

import enum
import functools
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, case, func, nulls_last, select
from sqlalchemy.orm import Session, aliased

from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.people import Person, Stage
from caseteam.domain.plans import PlanRevision
from caseteam.domain.search import SearchKind
from caseteam.domain.tasks import ACTIVE_TASK_STATUSES, Task

from .rows import column_rows
from .search_index import id_filter


class CaseloadSort(enum.Enum):
    NAME = "name"
    STAGE = "stage"
    LEAD = "lead"
    HOME_ORGANIZATION = "home_organization"
    OPEN_TASKS = "open_tasks"
    NEXT_DUE = "next_due"
    PLAN_REVISED = "plan_revised"


@dataclass(frozen=True)
class CaseloadQuery:
    search: str | None = None
    stage: Stage | None = None
    lead_staff_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None   # the person's home organization
    review_due_by: date | None = None          # latest plan's review date on or before this day
    overdue_on: date | None = None             # has an open task due before this day
    sort: CaseloadSort = CaseloadSort.NAME
    descending: bool = False


class _Parts:
    """Per-person figures as correlated subqueries: each is an index lookup for one person, so a page
    (or a search's matches) costs what it shows, not the whole store's tasks and plans. Made once (see _parts):
    building the aliases and subqueries again for each keystroke cost more than SQLite takes to run them."""

    def __init__(self) -> None:
        live = and_(Task.person_id == Person.id, Task.status.in_(ACTIVE_TASK_STATUSES), Task.archived_at.is_(None))
        self.open_tasks = select(func.count(Task.id)).where(live).correlate(Person).scalar_subquery()
        self.next_due = select(func.min(Task.due)).where(live).correlate(Person).scalar_subquery()
        self.plan = aliased(PlanRevision, name="latest_plan")
        self.lead = aliased(StaffMember, name="lead")
        self.home = aliased(Organization, name="home")
        self.latest = (select(func.max(PlanRevision.number)).where(PlanRevision.person_id == Person.id)
                       .correlate(Person).scalar_subquery())
        self.stage_order = case({s.value: i for i, s in enumerate(Stage)}, value=Person.stage, else_=99)

    def join_plan(self, stmt: Select) -> Select:
        return stmt.outerjoin(self.plan, and_(self.plan.person_id == Person.id, self.plan.number == self.latest))


@functools.cache
def _parts() -> _Parts:
    return _Parts()


_UNSET = object()


def _filtered(session: Session, stmt: Select, q: CaseloadQuery, parts: _Parts, visible=None,
              found=_UNSET) -> Select:
    stmt = stmt.where(Person.archived_at.is_(None))
    if visible is not None:  # who the signed-in account may see (caseteam.services.access)
        stmt = stmt.where(visible)
    if found is _UNSET:
        found = id_filter(session, SearchKind.PERSON, Person.id, q.search)
    if found is not None:  # names, reference or plan text, by the full-text index; the chosen sort still holds
        stmt = stmt.where(found)
    if q.stage is not None:
        stmt = stmt.where(Person.stage == q.stage)
    if q.lead_staff_id is not None:
        stmt = stmt.where(Person.lead_staff_id == q.lead_staff_id)
    if q.organization_id is not None:
        stmt = stmt.where(Person.home_organization_id == q.organization_id)
    if q.review_due_by is not None:
        stmt = stmt.where(parts.plan.review_due <= q.review_due_by)
    if q.overdue_on is not None:
        stmt = stmt.where(parts.next_due < q.overdue_on)
    return stmt


def caseload_page(session: Session, q: CaseloadQuery, *, limit: int | None = None, offset: int = 0,
                  visible=None, found=_UNSET) -> list:
    parts = _parts()
    plan, lead, home = parts.plan, parts.lead, parts.home
    stmt = parts.join_plan(
        select(Person.id, Person.ref, Person.given_name, Person.family_name, Person.preferred_name,
               Person.stage, Person.stage_entered_on, lead.given_name, lead.family_name, home.name,
               parts.open_tasks, parts.next_due, plan.saved_at, plan.number, plan.review_due)
        .outerjoin(lead, lead.id == Person.lead_staff_id).outerjoin(home, home.id == Person.home_organization_id))
    stmt = _filtered(session, stmt, q, parts, visible, found)
    stage_order = parts.stage_order
    key = {
        CaseloadSort.NAME: [Person.family_name, Person.given_name],
        CaseloadSort.STAGE: [stage_order],
        CaseloadSort.LEAD: [lead.family_name, lead.given_name],
        CaseloadSort.HOME_ORGANIZATION: [home.name],
        CaseloadSort.OPEN_TASKS: [parts.open_tasks],
        CaseloadSort.NEXT_DUE: [parts.next_due],
        CaseloadSort.PLAN_REVISED: [plan.saved_at],
    }[q.sort]
    # Empty values go last either way, so "no date" never hides the urgent rows; the name breaks ties.
    ordered = [nulls_last(k.desc() if q.descending else k.asc()) for k in key]
    stmt = stmt.order_by(*ordered, Person.family_name, Person.given_name, Person.ref)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    return column_rows(session, stmt)


def caseload_total(session: Session, q: CaseloadQuery, *, visible=None, found=_UNSET) -> int:
    parts = _parts()
    stmt = select(func.count(Person.id))
    if q.review_due_by is not None:  # only this filter needs the latest plan joined
        stmt = parts.join_plan(stmt)
    return column_rows(session, _filtered(session, stmt, q, parts, visible, found))[0][0]


def caseload_page_and_total(session: Session, q: CaseloadQuery, *, limit: int, offset: int = 0,
                            visible=None) -> tuple[list, int]:
    """A page and how many match in all, the search's match clause built once for both."""
    found = id_filter(session, SearchKind.PERSON, Person.id, q.search)
    return (caseload_page(session, q, limit=limit, offset=offset, visible=visible, found=found),
            caseload_total(session, q, visible=visible, found=found))


def filter_choices(session: Session, *, visible=None) -> tuple[list, list]:
    """Lead job developers and home organizations that the people one may see have (for the filter lists)."""
    live = Person.archived_at.is_(None) if visible is None else and_(Person.archived_at.is_(None), visible)
    leads = session.execute(
        select(StaffMember.id, StaffMember.given_name, StaffMember.family_name)
        .where(StaffMember.id.in_(select(Person.lead_staff_id).where(live)))
        .order_by(StaffMember.family_name, StaffMember.given_name)).all()
    homes = session.execute(
        select(Organization.id, Organization.name)
        .where(Organization.id.in_(select(Person.home_organization_id).where(live)))
        .order_by(Organization.name)).all()
    return leads, homes
