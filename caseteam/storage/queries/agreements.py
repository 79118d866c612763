"""Agreement look-ups: one version, its parties, clause templates, and filtered lists."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caseteam.domain.agreements import (Agreement, AgreementKind, AgreementParty, AgreementSignatory,
                                        AgreementStatus, ClauseTemplate, Letterhead)
from caseteam.errors import NotFound


def agreement(session: Session, agreement_id: uuid.UUID) -> Agreement:
    found = session.get(Agreement, agreement_id)
    if found is None:
        raise NotFound("That agreement was not found.")
    return found


def signatory(session: Session, signatory_id: uuid.UUID) -> AgreementSignatory:
    found = session.get(AgreementSignatory, signatory_id)
    if found is None:
        raise NotFound("That signatory was not found.")
    return found


def clause_templates(session: Session, organization_id: uuid.UUID, kind: AgreementKind) -> list[ClauseTemplate]:
    return list(session.scalars(select(ClauseTemplate).where(
        ClauseTemplate.organization_id == organization_id, ClauseTemplate.kind == kind,
        ClauseTemplate.archived_at.is_(None)).order_by(ClauseTemplate.position)))


def letterhead(session: Session, organization_id: uuid.UUID) -> Letterhead | None:
    return session.scalars(select(Letterhead).where(Letterhead.organization_id == organization_id)).first()


def agreements(session: Session, *, kind: AgreementKind | None = None, status: AgreementStatus | None = None,
               party_organization_id: uuid.UUID | None = None, person_id: uuid.UUID | None = None,
               ending_by: date | None = None, today: date | None = None) -> list[Agreement]:
    stmt = select(Agreement).order_by(Agreement.number, Agreement.revision)
    if kind is not None:
        stmt = stmt.where(Agreement.kind == kind)
    if status is not None:
        stmt = stmt.where(Agreement.status == status)
    if person_id is not None:
        stmt = stmt.where(Agreement.person_id == person_id)
    if party_organization_id is not None:
        stmt = stmt.where(Agreement.id.in_(select(AgreementParty.agreement_id).where(
            AgreementParty.organization_id == party_organization_id)))
    if ending_by is not None:
        stmt = stmt.where(Agreement.effective_to.is_not(None), Agreement.effective_to <= ending_by,
                          Agreement.status.in_((AgreementStatus.FINAL, AgreementStatus.SIGNED)))
        if today is not None:
            stmt = stmt.where(Agreement.effective_to >= today)
    return list(session.scalars(stmt))


def due_to_expire(session: Session, today: date) -> list[Agreement]:
    return list(session.scalars(select(Agreement).where(
        Agreement.status.in_((AgreementStatus.FINAL, AgreementStatus.SIGNED)),
        Agreement.effective_to.is_not(None), Agreement.effective_to < today).order_by(Agreement.number)))


def amendment_of(session: Session, agreement_id: uuid.UUID) -> Agreement | None:
    return session.scalars(select(Agreement).where(Agreement.previous_id == agreement_id)).first()


def versions(session: Session, number: str) -> list[Agreement]:
    """Every version of one agreement, oldest first."""
    return list(session.scalars(select(Agreement).where(Agreement.number == number).order_by(Agreement.revision)))


def agreement_by_ref(session: Session, ref: str) -> Agreement | None:
    """One version by its reference (AG-2026-0012 or AG-2026-0012 v2), whatever the capitals."""
    wanted = " ".join((ref or "").split()).upper()
    return session.scalars(select(Agreement).where(func.upper(Agreement.ref) == wanted)).first()
