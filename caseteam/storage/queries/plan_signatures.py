"""Look-ups for recording the person's signature on a plan revision."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caseteam.domain.plans import PlanRevision


def revision(session: Session, person_id: uuid.UUID, number: int) -> PlanRevision | None:
    return session.scalars(select(PlanRevision).where(PlanRevision.person_id == person_id,
                                                      PlanRevision.number == number)).first()


def latest_number(session: Session, person_id: uuid.UUID) -> int:
    return session.scalar(select(func.coalesce(func.max(PlanRevision.number), 0))
                          .where(PlanRevision.person_id == person_id))
