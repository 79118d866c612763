"""The quality dashboard's look-ups: one statement per count, each limited in SQL to the people a scope
reaches (caseteam.services.access) and returning the rows behind the count."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from caseteam.domain.agreements import Agreement, AgreementParty, AgreementSignatory, AgreementStatus
from caseteam.domain.discovery import DiscoveryActivity
from caseteam.domain.funding import ServiceEntry
from caseteam.domain.notes import CaseNote, NoteStatus
from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.people import Person, Stage
from caseteam.domain.plans import PlanRevision
from caseteam.domain.store_info import StoreProperty
from caseteam.domain.tasks import ACTIVE_TASK_STATUSES, Task
from caseteam.domain.users import User

from .access import Scope, person_visible

# Closed cases are done; extended supports last for years by design, so no "too long" there.
LONG_STAGES_LEFT_OUT = (Stage.CLOSED_SUCCESSFUL, Stage.CLOSED_UNSUCCESSFUL, Stage.EXTENDED_SUPPORTS)
OPEN_CASE = Person.stage.not_in((Stage.CLOSED_SUCCESSFUL, Stage.CLOSED_UNSUCCESSFUL))


def properties(session: Session, keys) -> dict[str, str]:
    """{key: value} of the store properties asked for that are set."""
    return dict(session.execute(select(StoreProperty.key, StoreProperty.value)
                                .where(StoreProperty.key.in_(list(keys)))).all())


def _people(stmt, scope: Scope):
    stmt = stmt.where(Person.archived_at.is_(None))
    return stmt if scope.everyone else stmt.where(person_visible(scope, Person.id))


def plan_reviews_overdue(session: Session, scope: Scope, today: date) -> list[tuple[Person, int, date]]:
    """(Person, plan revision number, review date) of open cases whose latest plan's review date has passed."""
    latest = (select(PlanRevision.person_id.label("person_id"), func.max(PlanRevision.number).label("number"))
              .group_by(PlanRevision.person_id).subquery())
    plan = aliased(PlanRevision)
    stmt = (select(Person, plan.number, plan.review_due)
            .join(latest, latest.c.person_id == Person.id)
            .join(plan, and_(plan.person_id == Person.id, plan.number == latest.c.number))
            .where(OPEN_CASE, plan.review_due < today)
            .order_by(plan.review_due, Person.family_name, Person.given_name))
    return [tuple(r) for r in session.execute(_people(stmt, scope))]


def tasks_overdue(session: Session, scope: Scope, today: date) -> list[tuple]:
    """(task id, ref, title, due, organization name, person id or None, person's name or "") open past their due
    date; tasks about no one person count for every account, as on the task board. Columns, not entities:
    a large office has thousands of these."""
    first = func.coalesce(func.nullif(Person.preferred_name, ""), Person.given_name)
    stmt = (select(Task.id, Task.ref, Task.title, Task.due, Organization.name, Person.id, first, Person.family_name)
            .join(Organization, Organization.id == Task.organization_id)
            .outerjoin(Person, Person.id == Task.person_id)
            .where(Task.archived_at.is_(None), Task.status.in_(ACTIVE_TASK_STATUSES), Task.due < today,
                   or_(Task.person_id.is_(None), Person.archived_at.is_(None)))
            .order_by(Organization.name, Task.due, Task.ref))
    if not scope.everyone:
        stmt = stmt.where(or_(Task.person_id.is_(None), person_visible(scope, Task.person_id)))
    return [(*r[:6], f"{r[6]} {r[7]}".strip() if r[5] is not None else "") for r in session.execute(stmt)]


def long_in_stage(session: Session, scope: Scope, entered_before: date) -> list[Person]:
    stmt = (select(Person).where(Person.stage.not_in(LONG_STAGES_LEFT_OUT), Person.stage_entered_on < entered_before)
            .order_by(Person.stage_entered_on, Person.family_name, Person.given_name))
    return list(session.scalars(_people(stmt, scope)))


def discovery_stalled(session: Session, scope: Scope, *, idle_before: date,
                      started_before: date) -> list[tuple[Person, date | None, date]]:
    """(Person, last activity or None, Discovery start) of people in Discovery whose last activity (or, with
    none, the start) is before `idle_before`, or whose Discovery started before `started_before`. The start
    is the earlier of the first activity and the day they entered the stage."""
    acts = (select(DiscoveryActivity.person_id.label("person_id"), func.min(DiscoveryActivity.held_on).label("first"),
                   func.max(DiscoveryActivity.held_on).label("last"))
            .where(DiscoveryActivity.archived_at.is_(None)).group_by(DiscoveryActivity.person_id).subquery())
    started = case((acts.c.first < Person.stage_entered_on, acts.c.first), else_=Person.stage_entered_on)
    stmt = (select(Person, acts.c.last, started).outerjoin(acts, acts.c.person_id == Person.id)
            .where(Person.stage == Stage.DISCOVERY,
                   or_(func.coalesce(acts.c.last, Person.stage_entered_on) < idle_before, started < started_before))
            .order_by(started, Person.family_name, Person.given_name))
    return [tuple(r) for r in session.execute(_people(stmt, scope))]


def notes_awaiting_cosign(session: Session, scope: Scope) -> list[tuple[CaseNote, Person, str]]:
    """(CaseNote, Person, author's name) signed and not yet co-signed, oldest first."""
    stmt = (select(CaseNote, Person, User.display_name)
            .join(Person, Person.id == CaseNote.person_id).join(User, User.id == CaseNote.author_id)
            .where(CaseNote.archived_at.is_(None), CaseNote.status == NoteStatus.SIGNED,
                   CaseNote.cosigned_at.is_(None))
            .order_by(CaseNote.held_on, CaseNote.ref))
    return [tuple(r) for r in session.execute(_people(stmt, scope))]


def caseloads(session: Session, scope: Scope, organization_id: uuid.UUID | None
              ) -> list[tuple[StaffMember, str, int]]:
    """(StaffMember, organization name, open cases they lead among the people in scope): the active staff of
    `organization_id`, or (for None) every active staff member who leads an open case in scope."""
    led = select(Person.lead_staff_id.label("staff_id"), func.count().label("n")).where(
        OPEN_CASE, Person.lead_staff_id.is_not(None))
    led = _people(led, scope).group_by(Person.lead_staff_id).subquery()
    stmt = (select(StaffMember, Organization.name, func.coalesce(led.c.n, 0))
            .join(Organization, Organization.id == StaffMember.organization_id)
            .outerjoin(led, led.c.staff_id == StaffMember.id)
            .where(StaffMember.archived_at.is_(None), StaffMember.active.is_(True))
            .order_by(StaffMember.family_name, StaffMember.given_name))
    if organization_id is not None:
        stmt = stmt.where(StaffMember.organization_id == organization_id)
    else:
        stmt = stmt.where(led.c.n.is_not(None))
    return [tuple(r) for r in session.execute(stmt)]


def _not_replaced():
    later = aliased(ServiceEntry)
    return ~exists(select(later.id).where(later.corrects_id == ServiceEntry.id, later.archived_at.is_(None)))


def entry_times(session: Session, scope: Scope, staff_ids, since: date, until: date) -> list[tuple]:
    """(staff id, starts_at, ends_at, case note id) of timed service entries in force, served in the days."""
    if not staff_ids:
        return []
    stmt = (select(ServiceEntry.staff_id, ServiceEntry.starts_at, ServiceEntry.ends_at, ServiceEntry.case_note_id)
            .join(Person, Person.id == ServiceEntry.person_id)
            .where(ServiceEntry.archived_at.is_(None), ServiceEntry.staff_id.in_(staff_ids),
                   ServiceEntry.served_on >= since, ServiceEntry.served_on <= until,
                   ServiceEntry.starts_at.is_not(None), ServiceEntry.ends_at.is_not(None), _not_replaced()))
    return [tuple(r) for r in session.execute(_people(stmt, scope))]


def note_times(session: Session, scope: Scope, staff_ids, since: date, until: date) -> list[tuple]:
    """(author's staff id, starts_at, ends_at, note id) of signed, timed case notes held in the days."""
    if not staff_ids:
        return []
    stmt = (select(User.staff_id, CaseNote.starts_at, CaseNote.ends_at, CaseNote.id)
            .join(User, User.id == CaseNote.author_id).join(Person, Person.id == CaseNote.person_id)
            .where(CaseNote.archived_at.is_(None), CaseNote.status == NoteStatus.SIGNED,
                   User.staff_id.in_(staff_ids), CaseNote.held_on >= since, CaseNote.held_on <= until,
                   CaseNote.starts_at.is_not(None), CaseNote.ends_at.is_not(None)))
    return [tuple(r) for r in session.execute(_people(stmt, scope))]


def agreements_awaiting_signature(session: Session, scope: Scope, organization_id: uuid.UUID | None
                                  ) -> list[tuple[Agreement, int, int]]:
    """(Agreement, signatures recorded, signatories) final and not yet signed by everyone. One about a person
    shows when the scope reaches the person; one between organizations when `organization_id` is a party or
    prepared it (every one, for a scope that reaches everyone)."""
    sigs = (select(AgreementParty.agreement_id.label("agreement_id"), func.count(AgreementSignatory.id).label("n"),
                   func.count(AgreementSignatory.signed_on).label("signed"))
            .join(AgreementSignatory, AgreementSignatory.party_id == AgreementParty.id)
            .group_by(AgreementParty.agreement_id).subquery())
    stmt = (select(Agreement, func.coalesce(sigs.c.signed, 0), func.coalesce(sigs.c.n, 0))
            .outerjoin(sigs, sigs.c.agreement_id == Agreement.id)
            .where(Agreement.archived_at.is_(None), Agreement.status == AgreementStatus.FINAL)
            .order_by(Agreement.finalized_at, Agreement.number))
    if not scope.everyone:
        about_person = person_visible(scope, Agreement.person_id)
        ours = (Agreement.prepared_by_id == organization_id) | Agreement.id.in_(
            select(AgreementParty.agreement_id).where(AgreementParty.organization_id == organization_id))
        stmt = stmt.where(or_(and_(Agreement.person_id.is_not(None), about_person),
                              and_(Agreement.person_id.is_(None), ours)))
    return [tuple(r) for r in session.execute(stmt)]
