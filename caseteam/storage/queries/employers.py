"""The employer pipeline: every employer with its stage and counts in one statement, and one employer's
profile, contacts (with the job seekers discussed), unmet needs, negotiations and disclosure decisions."""

from __future__ import annotations

import uuid

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from caseteam.domain.employers import EmployerContact, EmployerNeed, EmployerProfile, EmployerStage
from caseteam.domain.jobs import DisclosureDecision, JobNegotiation, NegotiationStatus
from caseteam.domain.organizations import Organization, OrganizationKind, StaffMember
from caseteam.domain.people import Person
from caseteam.errors import NotFound

CLOSED_NEGOTIATION = (NegotiationStatus.DECLINED, NegotiationStatus.HIRED)


def pipeline(session: Session, *, stage: EmployerStage | None = None, with_open_needs: bool = False) -> list:
    """One SELECT: (organization, profile or None, contacts, last contact date, open needs, open
    negotiations) for every live employer. An employer with no profile row counts as a prospect."""
    contacts = (select(EmployerContact.organization_id.label("organization_id"), func.count().label("n"),
                       func.max(EmployerContact.contacted_on).label("last"))
                .where(EmployerContact.archived_at.is_(None)).group_by(EmployerContact.organization_id)).subquery()
    needs = (select(EmployerNeed.organization_id.label("organization_id"), func.count().label("n"))
             .where(EmployerNeed.archived_at.is_(None), EmployerNeed.met_on.is_(None))
             .group_by(EmployerNeed.organization_id)).subquery()
    negotiations = (select(JobNegotiation.organization_id.label("organization_id"), func.count().label("n"))
                    .where(JobNegotiation.archived_at.is_(None), JobNegotiation.status.not_in(CLOSED_NEGOTIATION))
                    .group_by(JobNegotiation.organization_id)).subquery()
    stmt = (select(Organization, EmployerProfile, func.coalesce(contacts.c.n, 0), contacts.c.last,
                   func.coalesce(needs.c.n, 0), func.coalesce(negotiations.c.n, 0))
            .outerjoin(EmployerProfile, EmployerProfile.organization_id == Organization.id)
            .outerjoin(contacts, contacts.c.organization_id == Organization.id)
            .outerjoin(needs, needs.c.organization_id == Organization.id)
            .outerjoin(negotiations, negotiations.c.organization_id == Organization.id)
            .where(Organization.kind == OrganizationKind.EMPLOYER, Organization.archived_at.is_(None)))
    if stage is EmployerStage.PROSPECT:
        stmt = stmt.where(or_(EmployerProfile.id.is_(None), EmployerProfile.stage == stage))
    elif stage is not None:
        stmt = stmt.where(EmployerProfile.stage == stage)
    if with_open_needs:
        stmt = stmt.where(needs.c.n > 0)
    return list(session.execute(stmt.order_by(Organization.name, Organization.ref)))


def profile_of(session: Session, organization_id: uuid.UUID) -> EmployerProfile | None:
    return session.scalars(select(EmployerProfile).where(EmployerProfile.organization_id == organization_id)).first()


def contacts_of(session: Session, organization_id: uuid.UUID) -> list[EmployerContact]:
    """Live contacts, newest first (same day: the one written last first)."""
    return list(session.scalars(
        select(EmployerContact).options(selectinload(EmployerContact.people))
        .where(EmployerContact.organization_id == organization_id, EmployerContact.archived_at.is_(None))
        .order_by(EmployerContact.contacted_on.desc(), EmployerContact.created_at.desc(), EmployerContact.ref)))


def contact(session: Session, contact_id: uuid.UUID, *, include_archived: bool = False) -> EmployerContact:
    found = session.get(EmployerContact, contact_id)
    if found is None or (found.archived_at is not None and not include_archived):
        raise NotFound("That employer contact was not found (it may have been removed).")
    return found


def needs_of(session: Session, organization_id: uuid.UUID) -> list[EmployerNeed]:
    """Unmet needs first (oldest found first: they have waited longest), then the met ones."""
    return list(session.scalars(
        select(EmployerNeed).where(EmployerNeed.organization_id == organization_id, EmployerNeed.archived_at.is_(None))
        .order_by(EmployerNeed.met_on.is_not(None), EmployerNeed.found_on, EmployerNeed.created_at)))


def need(session: Session, need_id: uuid.UUID, *, include_archived: bool = False) -> EmployerNeed:
    found = session.get(EmployerNeed, need_id)
    if found is None or (found.archived_at is not None and not include_archived):
        raise NotFound("That unmet need was not found (it may have been removed).")
    return found


def negotiations_at(session: Session, organization_id: uuid.UUID) -> list:
    """(negotiation, person) pairs at this employer, open ones first, newest status first."""
    stmt = (select(JobNegotiation, Person).join(Person, Person.id == JobNegotiation.person_id)
            .where(JobNegotiation.organization_id == organization_id, JobNegotiation.archived_at.is_(None),
                   Person.archived_at.is_(None))
            .order_by(JobNegotiation.status.in_(CLOSED_NEGOTIATION), JobNegotiation.status_on.desc(),
                      JobNegotiation.ref))
    return list(session.execute(stmt))


def decisions_at(session: Session, organization_id: uuid.UUID, person_ids) -> dict[uuid.UUID, DisclosureDecision]:
    ids = list(set(person_ids))
    if not ids:
        return {}
    rows = session.scalars(select(DisclosureDecision).where(DisclosureDecision.organization_id == organization_id,
                                                            DisclosureDecision.person_id.in_(ids),
                                                            DisclosureDecision.archived_at.is_(None)))
    return {d.person_id: d for d in rows}


def people_by_id(session: Session, person_ids) -> dict[uuid.UUID, Person]:
    ids = list(set(person_ids))
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}


def staff_names(session: Session, staff_ids) -> dict[uuid.UUID, str]:
    ids = [i for i in set(staff_ids) if i is not None]
    if not ids:
        return {}
    return {s.id: s.name for s in session.scalars(select(StaffMember).where(StaffMember.id.in_(ids)))}
