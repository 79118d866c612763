"""Portfolio look-ups: one item, a person's items in order, the photos kept as attachments."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from caseteam.domain.attachments import Attachment
from caseteam.domain.portfolio import PortfolioItem
from caseteam.errors import NotFound


def item(session: Session, item_id: uuid.UUID, *, include_archived: bool = False) -> PortfolioItem:
    found = session.get(PortfolioItem, item_id) if isinstance(item_id, uuid.UUID) else None
    if found is None or (found.archived_at is not None and not include_archived):
        raise NotFound("That portfolio item was not found (it may have been removed).")
    return found


def items_of(session: Session, person_id: uuid.UUID) -> list[PortfolioItem]:
    return list(session.scalars(select(PortfolioItem).where(PortfolioItem.person_id == person_id,
                                                            PortfolioItem.archived_at.is_(None))
                                .order_by(PortfolioItem.position, PortfolioItem.created_at)))


def next_position(session: Session, person_id: uuid.UUID) -> int:
    last = session.scalar(select(func.max(PortfolioItem.position)).where(PortfolioItem.person_id == person_id))
    return (last or 0) + 1


def attachments(session: Session, ids, *, with_data: bool = False) -> dict[uuid.UUID, Attachment]:
    wanted = [i for i in set(ids) if i is not None]
    if not wanted:
        return {}
    stmt = select(Attachment).where(Attachment.id.in_(wanted))
    if with_data:
        stmt = stmt.options(undefer(Attachment.data))
    return {a.id: a for a in session.scalars(stmt)}
