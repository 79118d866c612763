"""Plan lookups for the editor: the latest revision, tasks made from action steps, authors' names."""

from __future__ import annotations

import uuid
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caseteam.domain.discovery import ProfileRevision
from caseteam.domain.plans import Goal, PlanRevision
from caseteam.domain.tasks import Task
from caseteam.domain.users import User


def latest_plan(session: Session, person_id: uuid.UUID) -> PlanRevision | None:
    return session.scalars(select(PlanRevision).where(PlanRevision.person_id == person_id)
                           .order_by(PlanRevision.number.desc()).limit(1)
                           .options(selectinload(PlanRevision.goals).selectinload(Goal.steps))).first()


def step_tasks(session: Session, person_id: uuid.UUID) -> list[Task]:
    """Live (not archived) tasks made from this person's action steps, oldest first."""
    return list(session.scalars(select(Task).where(Task.person_id == person_id, Task.action_step_key.is_not(None),
                                                   Task.archived_at.is_(None))
                                .order_by(Task.created_at, Task.ref)))


def tasks_for_step(session: Session, step_key: uuid.UUID) -> list[Task]:
    return list(session.scalars(select(Task).where(Task.action_step_key == step_key, Task.archived_at.is_(None))))


def profile_revisions(session: Session, person_id: uuid.UUID) -> list[ProfileRevision]:
    return list(session.scalars(select(ProfileRevision).where(ProfileRevision.person_id == person_id)
                                .order_by(ProfileRevision.number)))


def user_names(session: Session, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    ids = set(user_ids)
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())
