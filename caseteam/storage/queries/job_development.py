"""Job-development look-ups for one person: negotiations with their status history, disclosure decisions
per employer, and other agencies' plans with their amendments."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from caseteam.domain.jobs import AgencyPlan, AgencyPlanKind, DisclosureDecision, JobNegotiation
from caseteam.domain.organizations import Organization, OrganizationKind
from caseteam.errors import NotFound


def negotiation(session: Session, negotiation_id: uuid.UUID, *, include_archived: bool = False) -> JobNegotiation:
    found = session.get(JobNegotiation, negotiation_id)
    if found is None or (found.archived_at is not None and not include_archived):
        raise NotFound("That job negotiation was not found (it may have been removed).")
    return found


def negotiations_of(session: Session, person_id: uuid.UUID) -> list[JobNegotiation]:
    """Open ones first (newest status first), then declined and hired ones."""
    found = list(session.scalars(select(JobNegotiation).options(selectinload(JobNegotiation.history))
                                 .where(JobNegotiation.person_id == person_id, JobNegotiation.archived_at.is_(None))))
    return sorted(found, key=lambda n: (not n.status.open, -n.status_on.toordinal(), n.ref))


def organization_names(session: Session, ids) -> dict[uuid.UUID, str]:
    ids = [i for i in set(ids) if i is not None]
    if not ids:
        return {}
    return dict(session.execute(select(Organization.id, Organization.name).where(Organization.id.in_(ids))).all())


def employers(session: Session) -> list[tuple[uuid.UUID, str]]:
    """Every employer in the directory, by name: the choices for a new negotiation."""
    return list(session.execute(select(Organization.id, Organization.name)
                                .where(Organization.kind == OrganizationKind.EMPLOYER,
                                       Organization.archived_at.is_(None))
                                .order_by(Organization.name)).all())


def agencies(session: Session) -> list[tuple[uuid.UUID, str]]:
    """Organizations other than employers, by name: whose plan an agency plan is (VR, the waiver)."""
    return list(session.execute(select(Organization.id, Organization.name)
                                .where(Organization.kind != OrganizationKind.EMPLOYER,
                                       Organization.archived_at.is_(None))
                                .order_by(Organization.name)).all())


def disclosure(session: Session, person_id: uuid.UUID, organization_id: uuid.UUID) -> DisclosureDecision | None:
    """The one decision for this person and employer, even a withdrawn one (the pair is unique)."""
    return session.scalars(select(DisclosureDecision).where(DisclosureDecision.person_id == person_id,
                                                            DisclosureDecision.organization_id == organization_id)
                           ).first()


def disclosures_of(session: Session, person_id: uuid.UUID) -> list[DisclosureDecision]:
    return list(session.scalars(select(DisclosureDecision)
                                .where(DisclosureDecision.person_id == person_id,
                                       DisclosureDecision.archived_at.is_(None))
                                .order_by(DisclosureDecision.decided_on.desc())))


def agency_plan(session: Session, plan_id: uuid.UUID, *, include_archived: bool = False) -> AgencyPlan:
    found = session.get(AgencyPlan, plan_id)
    if found is None or (found.archived_at is not None and not include_archived):
        raise NotFound("That agency plan was not found (it may have been removed).")
    return found


def agency_plans_of(session: Session, person_id: uuid.UUID) -> list[AgencyPlan]:
    """Open plans first, the newest start first; closed ones after them as history."""
    found = list(session.scalars(select(AgencyPlan).options(selectinload(AgencyPlan.amendments))
                                 .where(AgencyPlan.person_id == person_id, AgencyPlan.archived_at.is_(None))))
    return sorted(found, key=lambda p: (p.closed_on is not None, -(p.starts_on or date.min).toordinal(), p.ref))


def active_ipe(session: Session, person_id: uuid.UUID, on: date) -> AgencyPlan | None:
    """The VR IPE in force on `on`: not closed, started (or no start given) and not past its end."""
    return session.scalars(
        select(AgencyPlan).options(selectinload(AgencyPlan.amendments))
        .where(AgencyPlan.person_id == person_id, AgencyPlan.kind == AgencyPlanKind.VR_IPE,
               AgencyPlan.archived_at.is_(None), AgencyPlan.closed_on.is_(None),
               or_(AgencyPlan.starts_on.is_(None), AgencyPlan.starts_on <= on),
               or_(AgencyPlan.ends_on.is_(None), AgencyPlan.ends_on >= on))
        .order_by(AgencyPlan.starts_on.desc().nulls_last(), AgencyPlan.created_at.desc()).limit(1)).first()


def open_ipes(session: Session, person_id: uuid.UUID) -> list[AgencyPlan]:
    return list(session.scalars(select(AgencyPlan).where(
        AgencyPlan.person_id == person_id, AgencyPlan.kind == AgencyPlanKind.VR_IPE,
        AgencyPlan.archived_at.is_(None), AgencyPlan.closed_on.is_(None))))
