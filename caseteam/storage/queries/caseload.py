"""The caseload: one SELECT per page whatever the number of people, filtered and sorted in SQL."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, case, func, nulls_last, select
from sqlalchemy.orm import Session, aliased

from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.people import Person, Stage
from caseteam.domain.plans import PlanRevision
from caseteam.domain.tasks import ACTIVE_TASK_STATUSES, Task
from caseteam.domain.text import fold

from . import like_pattern


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


def _parts():
    open_tasks = (select(Task.person_id.label("person_id"), func.count().label("open_tasks"),
                         func.min(Task.due).label("next_due"))
                  .where(Task.status.in_(ACTIVE_TASK_STATUSES), Task.archived_at.is_(None),
                         Task.person_id.is_not(None))
                  .group_by(Task.person_id).subquery())
    latest = (select(PlanRevision.person_id.label("person_id"), func.max(PlanRevision.number).label("number"))
              .group_by(PlanRevision.person_id).subquery())
    plan = aliased(PlanRevision)
    return open_tasks, latest, plan


def _filtered(stmt: Select, q: CaseloadQuery, open_tasks, plan, visible=None) -> Select:
    stmt = stmt.where(Person.archived_at.is_(None))
    if visible is not None:  # who the signed-in account may see (caseteam.services.access)
        stmt = stmt.where(visible)
    if q.search and fold(q.search):
        stmt = stmt.where(Person.search_text.like(like_pattern(fold(q.search)), escape="\\"))
    if q.stage is not None:
        stmt = stmt.where(Person.stage == q.stage)
    if q.lead_staff_id is not None:
        stmt = stmt.where(Person.lead_staff_id == q.lead_staff_id)
    if q.organization_id is not None:
        stmt = stmt.where(Person.home_organization_id == q.organization_id)
    if q.review_due_by is not None:
        stmt = stmt.where(plan.review_due <= q.review_due_by)
    if q.overdue_on is not None:
        stmt = stmt.where(open_tasks.c.next_due < q.overdue_on)
    return stmt


def _joined(stmt: Select, open_tasks, latest, plan, lead=None, home=None) -> Select:
    stmt = (stmt.outerjoin(open_tasks, open_tasks.c.person_id == Person.id)
            .outerjoin(latest, latest.c.person_id == Person.id)
            .outerjoin(plan, and_(plan.person_id == Person.id, plan.number == latest.c.number)))
    if lead is not None:
        stmt = stmt.outerjoin(lead, lead.id == Person.lead_staff_id).outerjoin(home, home.id == Person.home_organization_id)
    return stmt


def caseload_page(session: Session, q: CaseloadQuery, *, limit: int | None = None, offset: int = 0,
                  visible=None) -> list:
    open_tasks, latest, plan = _parts()
    lead, home = aliased(StaffMember), aliased(Organization)
    stmt = select(Person.id, Person.ref, Person.given_name, Person.family_name, Person.preferred_name,
                  Person.stage, Person.stage_entered_on, lead.given_name, lead.family_name, home.name,
                  func.coalesce(open_tasks.c.open_tasks, 0), open_tasks.c.next_due, plan.saved_at, plan.number,
                  plan.review_due)
    stmt = _filtered(_joined(stmt, open_tasks, latest, plan, lead, home), q, open_tasks, plan, visible)
    stage_order = case({s.value: i for i, s in enumerate(Stage)}, value=Person.stage, else_=99)
    key = {
        CaseloadSort.NAME: [Person.family_name, Person.given_name],
        CaseloadSort.STAGE: [stage_order],
        CaseloadSort.LEAD: [lead.family_name, lead.given_name],
        CaseloadSort.HOME_ORGANIZATION: [home.name],
        CaseloadSort.OPEN_TASKS: [func.coalesce(open_tasks.c.open_tasks, 0)],
        CaseloadSort.NEXT_DUE: [open_tasks.c.next_due],
        CaseloadSort.PLAN_REVISED: [plan.saved_at],
    }[q.sort]
    # Empty values go last either way, so "no date" never hides the urgent rows; the name breaks ties.
    ordered = [nulls_last(k.desc() if q.descending else k.asc()) for k in key]
    stmt = stmt.order_by(*ordered, Person.family_name, Person.given_name, Person.ref)
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    return list(session.execute(stmt))


def caseload_total(session: Session, q: CaseloadQuery, *, visible=None) -> int:
    open_tasks, latest, plan = _parts()
    stmt = _joined(select(func.count(Person.id)), open_tasks, latest, plan)
    return session.scalar(_filtered(stmt, q, open_tasks, plan, visible))


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
