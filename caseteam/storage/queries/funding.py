"""Funding look-ups: funders, their services and fee schedules, authorizations, cost-share plans and
the service entries drawn on an authorization."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseteam.domain.funding import (Authorization, AuthorizationAmendment, AuthorizationStatus, CostShareEntry,
                                     FeeRate, Funder, FunderService, ServiceEntry)
from caseteam.errors import NotFound


def funder(session: Session, funder_id: uuid.UUID) -> Funder:
    found = session.get(Funder, funder_id)
    if found is None:
        raise NotFound("That funder was not found.")
    return found


def funders(session: Session, *, organization_id: uuid.UUID | None = None,
            include_archived: bool = False) -> list[Funder]:
    stmt = select(Funder).order_by(Funder.name, Funder.ref)
    if organization_id is not None:
        stmt = stmt.where(Funder.organization_id == organization_id)
    if not include_archived:
        stmt = stmt.where(Funder.archived_at.is_(None))
    return list(session.scalars(stmt))


def funder_named(session: Session, organization_id: uuid.UUID, name: str) -> Funder | None:
    return session.scalars(select(Funder).where(Funder.organization_id == organization_id, Funder.name == name)
                           .order_by(Funder.created_at)).first()


def funder_service(session: Session, service_id: uuid.UUID) -> FunderService:
    found = session.get(FunderService, service_id)
    if found is None:
        raise NotFound("That funder service was not found.")
    return found


def services_of(session: Session, funder_id: uuid.UUID, *, include_archived: bool = False) -> list[FunderService]:
    stmt = select(FunderService).where(FunderService.funder_id == funder_id).order_by(FunderService.code)
    if not include_archived:
        stmt = stmt.where(FunderService.archived_at.is_(None))
    return list(session.scalars(stmt))


def service_coded(session: Session, funder_id: uuid.UUID, code: str) -> FunderService | None:
    return session.scalars(select(FunderService).where(FunderService.funder_id == funder_id,
                                                       FunderService.code == code)).first()


def rates_of(session: Session, service_id: uuid.UUID) -> list[FeeRate]:
    return list(session.scalars(select(FeeRate).where(FeeRate.funder_service_id == service_id)
                                .order_by(FeeRate.effective_from, FeeRate.created_at)))


def authorization(session: Session, authorization_id: uuid.UUID) -> Authorization:
    found = session.get(Authorization, authorization_id)
    if found is None or found.archived_at is not None:
        raise NotFound("That authorization was not found.")
    return found


def authorizations_of(session: Session, person_id: uuid.UUID) -> list[Authorization]:
    return list(session.scalars(select(Authorization).where(Authorization.person_id == person_id,
                                                            Authorization.archived_at.is_(None))
                                .order_by(Authorization.starts_on.desc(), Authorization.ref.desc())))


def active_ended_before(session: Session, day) -> list[Authorization]:
    return list(session.scalars(select(Authorization).where(Authorization.status == AuthorizationStatus.ACTIVE,
                                                            Authorization.ends_on < day,
                                                            Authorization.archived_at.is_(None))
                                .order_by(Authorization.ref)))


def amendments_of(session: Session, authorization_id: uuid.UUID) -> list[AuthorizationAmendment]:
    return amendments_by_authorization(session, [authorization_id]).get(authorization_id, [])


def amendments_by_authorization(session: Session, authorization_ids) -> dict[uuid.UUID, list[AuthorizationAmendment]]:
    """Each authorization's amendments, oldest first, in one query for a list of authorizations."""
    ids = list(authorization_ids)
    found: dict[uuid.UUID, list[AuthorizationAmendment]] = {}
    if not ids:
        return found
    for m in session.scalars(select(AuthorizationAmendment)
                             .where(AuthorizationAmendment.authorization_id.in_(ids))
                             .order_by(AuthorizationAmendment.amended_on, AuthorizationAmendment.created_at)):
        found.setdefault(m.authorization_id, []).append(m)
    return found


def entries_on(session: Session, authorization_id: uuid.UUID) -> list[ServiceEntry]:
    """Entries drawn on the authorization (their corrections, which may draw on none, come from correctors_of)."""
    return list(session.scalars(select(ServiceEntry).where(ServiceEntry.authorization_id == authorization_id,
                                                           ServiceEntry.archived_at.is_(None))))


def correctors_of(session: Session, entry_ids) -> list[ServiceEntry]:
    ids = list(entry_ids)
    if not ids:
        return []
    return list(session.scalars(select(ServiceEntry).where(ServiceEntry.corrects_id.in_(ids),
                                                           ServiceEntry.archived_at.is_(None))))


def cost_share_of(session: Session, person_id: uuid.UUID) -> list[CostShareEntry]:
    return list(session.scalars(select(CostShareEntry).where(CostShareEntry.person_id == person_id,
                                                             CostShareEntry.archived_at.is_(None))
                                .order_by(CostShareEntry.service_name, CostShareEntry.sequence,
                                          CostShareEntry.starts_on)))
