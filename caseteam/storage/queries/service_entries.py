"""Look-ups for service entries: the service, the authorization that covers a day and
what is drawn on it, credentials, first-payer proofs, the cost-share plan, a person's entries."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from caseteam.domain.funding import (Authorization, AuthorizationStatus, CostShareEntry, FirstPayerProof,
                                     FunderService, ServiceEntry, StaffCredential)
from caseteam.errors import NotFound

from .funding import authorization, funder  # noqa: F401  (one look-up each, shared with funders)


def funder_service(session: Session, service_id: uuid.UUID) -> FunderService:
    found = session.get(FunderService, service_id)
    if found is None or found.archived_at is not None:
        raise NotFound("That funder service was not found (it may have been removed).")
    return found


def entry(session: Session, entry_id: uuid.UUID) -> ServiceEntry:
    found = session.get(ServiceEntry, entry_id)
    if found is None or found.archived_at is not None:
        raise NotFound("That service entry was not found.")
    return found


def covering_authorization(session: Session, person_id: uuid.UUID, service_id: uuid.UUID,
                           on: date) -> Authorization | None:
    """The person's authorization for the service whose dates cover the day: an active one first,
    else an exhausted or expired one (so the entry can name it)."""
    found = list(session.scalars(select(Authorization).where(
        Authorization.person_id == person_id, Authorization.funder_service_id == service_id,
        Authorization.archived_at.is_(None),
        Authorization.status.in_((AuthorizationStatus.ACTIVE, AuthorizationStatus.EXHAUSTED,
                                  AuthorizationStatus.EXPIRED)),
        or_(Authorization.starts_on.is_(None), Authorization.starts_on <= on),
        or_(Authorization.ends_on.is_(None), Authorization.ends_on >= on))))
    order = {AuthorizationStatus.ACTIVE: 0, AuthorizationStatus.EXHAUSTED: 1, AuthorizationStatus.EXPIRED: 2}
    found.sort(key=lambda a: (order[a.status], a.starts_on or date.min))
    return found[0] if found else None


def _replaced():
    later = aliased(ServiceEntry)
    return select(later.corrects_id).where(later.corrects_id.is_not(None), later.archived_at.is_(None))


def drawn(session: Session, authorization_id: uuid.UUID, *, leaving_out=()) -> tuple[Decimal, Decimal]:
    """Units and amount drawn on an authorization: the entries linked to it (an entry outside it is not
    linked until a supervisor overrides), leaving out entries a correction replaced and `leaving_out`."""
    stmt = (select(func.coalesce(func.sum(ServiceEntry.units), 0), func.coalesce(func.sum(ServiceEntry.amount), 0))
            .where(ServiceEntry.authorization_id == authorization_id, ServiceEntry.archived_at.is_(None),
                   ServiceEntry.id.not_in(_replaced())))
    if leaving_out:
        stmt = stmt.where(ServiceEntry.id.not_in(list(leaving_out)))
    units, money = session.execute(stmt).one()
    return Decimal(units), Decimal(money)


def is_replaced(session: Session, entry_id: uuid.UUID) -> bool:
    return session.scalar(select(func.count()).select_from(ServiceEntry).where(
        ServiceEntry.corrects_id == entry_id, ServiceEntry.archived_at.is_(None))) > 0


def holds_credential(session: Session, staff_id: uuid.UUID, name: str, on: date) -> bool:
    names = session.scalars(select(StaffCredential.name).where(
        StaffCredential.staff_id == staff_id,
        or_(StaffCredential.valid_from.is_(None), StaffCredential.valid_from <= on),
        or_(StaffCredential.valid_to.is_(None), StaffCredential.valid_to >= on)))
    wanted = name.casefold().strip()
    return any(n.casefold().strip() == wanted for n in names)


def has_first_payer_proof(session: Session, person_id: uuid.UUID, service_id: uuid.UUID) -> bool:
    return session.scalar(select(func.count()).select_from(FirstPayerProof).where(
        FirstPayerProof.person_id == person_id, FirstPayerProof.funder_service_id == service_id)) > 0


def cost_share_rows(session: Session, person_id: uuid.UUID) -> list[CostShareEntry]:
    return list(session.scalars(select(CostShareEntry).where(
        CostShareEntry.person_id == person_id, CostShareEntry.archived_at.is_(None))
        .order_by(CostShareEntry.service_name, CostShareEntry.sequence, CostShareEntry.starts_on)))


def flagged_entries(session: Session, person_id: uuid.UUID, service_id: uuid.UUID) -> list[ServiceEntry]:
    return list(session.scalars(select(ServiceEntry).where(
        ServiceEntry.person_id == person_id, ServiceEntry.funder_service_id == service_id,
        ServiceEntry.archived_at.is_(None), ServiceEntry.flags != "", ServiceEntry.invoiced_at.is_(None))))


def flagged_entries_of_staff(session: Session, staff_id: uuid.UUID) -> list[ServiceEntry]:
    return list(session.scalars(select(ServiceEntry).where(
        ServiceEntry.staff_id == staff_id, ServiceEntry.archived_at.is_(None), ServiceEntry.flags != "",
        ServiceEntry.invoiced_at.is_(None))))


def entries_of(session: Session, person_id: uuid.UUID, since: date | None, until: date | None) -> list[ServiceEntry]:
    stmt = select(ServiceEntry).where(ServiceEntry.person_id == person_id, ServiceEntry.archived_at.is_(None))
    if since is not None:
        stmt = stmt.where(ServiceEntry.served_on >= since)
    if until is not None:
        stmt = stmt.where(ServiceEntry.served_on <= until)
    return list(session.scalars(stmt.order_by(ServiceEntry.served_on, ServiceEntry.starts_at, ServiceEntry.ref)))


def replaced_ids(session: Session, ids) -> set[uuid.UUID]:
    ids = list(ids)
    if not ids:
        return set()
    return set(session.scalars(select(ServiceEntry.corrects_id).where(
        ServiceEntry.corrects_id.in_(ids), ServiceEntry.archived_at.is_(None))))


def last_served_on(session: Session, person_id: uuid.UUID, until: date) -> date | None:
    return session.scalar(select(func.max(ServiceEntry.served_on)).where(
        ServiceEntry.person_id == person_id, ServiceEntry.archived_at.is_(None), ServiceEntry.served_on <= until))
