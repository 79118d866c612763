"""Referrals' look-ups: one referral, the lists behind the inbox and outbox (filtered in SQL, limited to what
an account may see), the names a row shows, and the dates the dashboard's counts are made of."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, selectinload

from caseteam.domain.consent import Release
from caseteam.domain.organizations import Organization, Program, StaffMember
from caseteam.domain.people import Person
from caseteam.domain.referrals import CLOSED_STATUSES, Referral, ReferralEvent, ReferralStatus
from caseteam.domain.tasks import Task
from caseteam.domain.users import User

from ..repositories import Repository
from .access import Scope, person_visible

UNANSWERED = (ReferralStatus.SENT, ReferralStatus.RECEIVED)
ANSWERS = (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED)


def referral(session: Session, key: uuid.UUID | str) -> Referral:
    """By id, or by reference number (RF-0012) or UUID text (NotFound when archived or absent)."""
    return Repository(session, Referral, "referral").get(key)


@dataclass(frozen=True)
class ReferralFilter:
    person_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    direction: str = "both"                # "inbox" (to the organization), "outbox" (from it) or "both"
    staff_id: uuid.UUID | None = None
    statuses: tuple[ReferralStatus, ...] = ()
    open_only: bool = False
    overdue_on: date | None = None         # only those unanswered and past their respond-by day
    service_text: str = ""


def overdue_clause(today: date) -> ColumnElement[bool]:
    return Referral.status.in_(UNANSWERED) & Referral.respond_by.is_not(None) & (Referral.respond_by < today)


def visible_clause(people_visible: ColumnElement[bool] | None,
                   organization_id: uuid.UUID | None) -> ColumnElement[bool] | None:
    """Referrals about people the account sees, or to or from its own organization (None: every referral)."""
    if people_visible is None:
        return None
    if organization_id is None:
        return people_visible
    return or_(people_visible, Referral.from_organization_id == organization_id,
               Referral.to_organization_id == organization_id)


def referrals(session: Session, flt: ReferralFilter, *, visible: ColumnElement[bool] | None) -> list[Referral]:
    """Live referrals, newest first."""
    stmt = select(Referral).where(Referral.archived_at.is_(None))
    if visible is not None:
        stmt = stmt.where(visible)
    if flt.person_id is not None:
        stmt = stmt.where(Referral.person_id == flt.person_id)
    if flt.organization_id is not None:
        inbox = Referral.to_organization_id == flt.organization_id
        outbox = Referral.from_organization_id == flt.organization_id
        if flt.staff_id is not None:
            inbox = inbox & (Referral.to_staff_id == flt.staff_id)
            outbox = outbox & (Referral.from_staff_id == flt.staff_id)
        stmt = stmt.where({"inbox": inbox, "outbox": outbox}.get(flt.direction, or_(inbox, outbox)))
    elif flt.staff_id is not None:
        staff = {"inbox": Referral.to_staff_id == flt.staff_id, "outbox": Referral.from_staff_id == flt.staff_id}
        stmt = stmt.where(staff.get(flt.direction, or_(Referral.to_staff_id == flt.staff_id,
                                                      Referral.from_staff_id == flt.staff_id)))
    if flt.statuses:
        stmt = stmt.where(Referral.status.in_(flt.statuses))
    if flt.open_only:
        stmt = stmt.where(Referral.status.not_in(CLOSED_STATUSES))
    if flt.overdue_on is not None:
        stmt = stmt.where(overdue_clause(flt.overdue_on))
    text = (flt.service_text or "").strip().lower()
    if text:
        program_named = select(Program.id).where(Program.id == Referral.program_id,
                                                 func.lower(Program.name).contains(text, autoescape=True))
        stmt = stmt.where(or_(func.lower(Referral.service).contains(text, autoescape=True),
                              program_named.exists()))
    stmt = stmt.order_by(Referral.sent_on.desc(), Referral.ref.desc())
    return list(session.scalars(stmt))


@dataclass(frozen=True)
class Names:
    """What referral rows show besides the referral itself, read in a few statements for a whole list."""

    people: dict[uuid.UUID, Person]
    organizations: dict[uuid.UUID, Organization]
    staff: dict[uuid.UUID, StaffMember]
    programs: dict[uuid.UUID, str]
    releases: dict[uuid.UUID, Release]
    tasks: dict[uuid.UUID, str]


def _by_id(session: Session, model, ids) -> dict:
    ids = set(ids) - {None}
    if not ids:
        return {}
    return {e.id: e for e in session.scalars(select(model).where(model.id.in_(ids)))}


def names_for(session: Session, found: list[Referral]) -> Names:
    programs = _by_id(session, Program, (r.program_id for r in found))
    tasks = _by_id(session, Task, (r.first_task_id for r in found))
    return Names(people=_by_id(session, Person, (r.person_id for r in found)),
                 organizations=_by_id(session, Organization,
                                      [r.from_organization_id for r in found] + [r.to_organization_id for r in found]),
                 staff=_by_id(session, StaffMember, [r.from_staff_id for r in found] + [r.to_staff_id for r in found]),
                 programs={i: p.name for i, p in programs.items()},
                 releases=_by_id(session, Release, (r.release_id for r in found)),
                 tasks={i: t.ref for i, t in tasks.items()})


def events_with_names(session: Session, referral_id: uuid.UUID) -> list[tuple[ReferralEvent, str, str]]:
    """(event, actor's display name, staff member's name or "") oldest first."""
    rows = session.execute(select(ReferralEvent, User.display_name, StaffMember)
                           .join(User, User.id == ReferralEvent.actor_id)
                           .outerjoin(StaffMember, StaffMember.id == ReferralEvent.staff_id)
                           .where(ReferralEvent.referral_id == referral_id)
                           .order_by(ReferralEvent.at, ReferralEvent.id))
    return [(e, who, s.name if s is not None else "") for e, who, s in rows]


def with_events(session: Session, visible: ColumnElement[bool] | None,
                organization_id: uuid.UUID | None) -> list[Referral]:
    """Live referrals (to or from the organization, when given) with their events loaded, for the counts."""
    stmt = select(Referral).where(Referral.archived_at.is_(None)).options(selectinload(Referral.events))
    if visible is not None:
        stmt = stmt.where(visible)
    if organization_id is not None:
        stmt = stmt.where(or_(Referral.to_organization_id == organization_id,
                              Referral.from_organization_id == organization_id))
    return list(session.scalars(stmt))


def organizations(session: Session) -> list[tuple[uuid.UUID, str]]:
    return [tuple(r) for r in session.execute(select(Organization.id, Organization.name)
                                              .where(Organization.archived_at.is_(None))
                                              .order_by(Organization.name))]


def active_staff(session: Session) -> list[StaffMember]:
    return list(session.scalars(select(StaffMember).where(StaffMember.archived_at.is_(None),
                                                          StaffMember.active.is_(True))
                                .order_by(StaffMember.family_name, StaffMember.given_name)))


def programs(session: Session) -> list[Program]:
    return list(session.scalars(select(Program).where(Program.archived_at.is_(None)).order_by(Program.name)))



def people_visible(session: Session, scope: Scope, person_ids) -> set[uuid.UUID]:
    """Which of these people the scope reaches, in one statement (none asked: none read)."""
    ids = set(person_ids)
    if not ids:
        return set()
    if scope.everyone:
        return ids
    return set(session.scalars(select(Person.id).where(Person.id.in_(ids), person_visible(scope))))
