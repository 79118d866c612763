"""Self-employment look-ups: one venture, a person's ventures, the job a launched venture became."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caseteam.domain.employment import Job
from caseteam.domain.ventures import StartupCost, Venture, VentureStep
from caseteam.errors import NotFound


def venture(session: Session, venture_id: uuid.UUID, *, include_archived: bool = False) -> Venture:
    found = session.get(Venture, venture_id) if isinstance(venture_id, uuid.UUID) else None
    if found is None or (found.archived_at is not None and not include_archived):
        raise NotFound("That self-employment venture was not found (it may have been archived).")
    return found


def step(session: Session, step_id: uuid.UUID) -> VentureStep:
    found = session.get(VentureStep, step_id) if isinstance(step_id, uuid.UUID) else None
    if found is None:
        raise NotFound("That feasibility step was not found (it may have been removed).")
    return found


def cost(session: Session, cost_id: uuid.UUID) -> StartupCost:
    found = session.get(StartupCost, cost_id) if isinstance(cost_id, uuid.UUID) else None
    if found is None:
        raise NotFound("That start-up cost was not found (it may have been removed).")
    return found


def ventures_of(session: Session, person_id: uuid.UUID) -> list[Venture]:
    """The person's ventures, newest first, with their steps and costs."""
    return list(session.scalars(
        select(Venture).options(selectinload(Venture.steps), selectinload(Venture.costs))
        .where(Venture.person_id == person_id, Venture.archived_at.is_(None))
        .order_by(Venture.created_at.desc())))


def job_of(session: Session, venture_id: uuid.UUID) -> Job | None:
    return session.scalars(select(Job).where(Job.venture_id == venture_id, Job.archived_at.is_(None))
                           .order_by(Job.start_date.desc())).first()
