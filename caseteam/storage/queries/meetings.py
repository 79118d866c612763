"""Meeting look-ups: one meeting with its parts, its pieces by id, and filtered lists."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, selectinload

from caseteam.domain.meetings import (ActionItem, AgendaItem, Meeting, MeetingAttendee, MeetingKind,
                                      MeetingSeries, MeetingStatus)
from caseteam.domain.partnerships import Partnership
from caseteam.domain.tasks import Task
from caseteam.errors import NotFound

_PARTS = (selectinload(Meeting.attendees), selectinload(Meeting.agenda), selectinload(Meeting.decisions),
          selectinload(Meeting.action_items))


def meeting(session: Session, key: uuid.UUID | str) -> Meeting:
    """By id or by reference number (MT-0012); archived meetings are not found."""
    if isinstance(key, uuid.UUID):
        found = session.get(Meeting, key)
    else:
        text = key.strip().upper()
        found = session.scalars(select(Meeting).where(Meeting.ref == text)).first()
        if found is None:
            try:
                found = session.get(Meeting, uuid.UUID(text))
            except ValueError:
                found = None
    if found is None or found.archived_at is not None:
        raise NotFound(f"No meeting {key} was found.")
    return found


def series(session: Session, series_id: uuid.UUID | None) -> MeetingSeries | None:
    return None if series_id is None else session.get(MeetingSeries, series_id)


def part(session: Session, model, part_id: uuid.UUID, noun: str):
    found = session.get(model, part_id)
    if found is None:
        raise NotFound(f"That {noun} was not found.")
    return found


def attendee(session: Session, attendee_id: uuid.UUID) -> MeetingAttendee:
    return part(session, MeetingAttendee, attendee_id, "attendee")


def action_item(session: Session, item_id: uuid.UUID) -> ActionItem:
    return part(session, ActionItem, item_id, "action item")


def agenda_item(session: Session, item_id: uuid.UUID) -> AgendaItem:
    return part(session, AgendaItem, item_id, "agenda item")


def open_action_items(session: Session, meeting_id: uuid.UUID) -> list[ActionItem]:
    """The action items of a meeting whose task is still open (or that never became one)."""
    items = list(session.scalars(select(ActionItem).where(ActionItem.meeting_id == meeting_id)
                                 .order_by(ActionItem.position)))
    tasks = task_refs(session, [i.task_id for i in items if i.task_id is not None])
    return [i for i in items if i.task_id is None or (i.task_id in tasks and tasks[i.task_id].status.active
                                                     and tasks[i.task_id].archived_at is None)]


def carried_from(session: Session, item_id: uuid.UUID) -> list[AgendaItem]:
    """Agenda items of later meetings that follow up this action item."""
    return list(session.scalars(select(AgendaItem).where(AgendaItem.carried_from_id == item_id)))


def task_refs(session: Session, task_ids: list[uuid.UUID]) -> dict[uuid.UUID, Task]:
    if not task_ids:
        return {}
    return {t.id: t for t in session.scalars(select(Task).where(Task.id.in_(task_ids)))}


def next_in_line(session: Session, meeting_id: uuid.UUID) -> Meeting | None:
    """The meeting already made as the next one after `meeting_id`, if any."""
    return session.scalars(select(Meeting).where(Meeting.previous_id == meeting_id,
                                                 Meeting.archived_at.is_(None))).first()


@dataclass(frozen=True)
class MeetingFilter:
    upcoming_from: datetime | None = None   # local wall time: starts at or after, and not held or cancelled
    past_before: datetime | None = None     # local wall time: started before, or held
    kind: MeetingKind | None = None
    person_id: uuid.UUID | None = None
    partnership_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None  # host, or an attendee from it
    status: MeetingStatus | None = None


def meetings(session: Session, flt: MeetingFilter, *, visible: ColumnElement[bool] | None = None,
             limit: int | None = None) -> list[Meeting]:
    """Meetings matching `flt`; `visible` limits team meetings to people the reader may see."""
    stmt = select(Meeting).where(Meeting.archived_at.is_(None)).options(*_PARTS)
    if flt.upcoming_from is not None:
        stmt = stmt.where(Meeting.starts_local >= flt.upcoming_from, Meeting.status == MeetingStatus.PLANNED)
        stmt = stmt.order_by(Meeting.starts_local, Meeting.ref)
    else:
        stmt = stmt.order_by(Meeting.starts_local.desc(), Meeting.ref.desc())
    if flt.past_before is not None:
        stmt = stmt.where(or_(Meeting.starts_local < flt.past_before, Meeting.status == MeetingStatus.HELD))
    if flt.kind is not None:
        stmt = stmt.where(Meeting.kind == flt.kind)
    if flt.status is not None:
        stmt = stmt.where(Meeting.status == flt.status)
    if flt.person_id is not None:
        stmt = stmt.where(Meeting.person_id == flt.person_id)
    if flt.partnership_id is not None:
        stmt = stmt.where(Meeting.partnership_id == flt.partnership_id)
    if flt.organization_id is not None:
        stmt = stmt.where(or_(Meeting.host_organization_id == flt.organization_id, Meeting.id.in_(
            select(MeetingAttendee.meeting_id).where(MeetingAttendee.organization_id == flt.organization_id))))
    if visible is not None:
        stmt = stmt.where(or_(Meeting.person_id.is_(None), visible))
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.scalars(stmt))


def with_parts(session: Session, meeting_id: uuid.UUID) -> Meeting:
    found = session.scalars(select(Meeting).where(Meeting.id == meeting_id).options(*_PARTS)).first()
    if found is None:
        raise NotFound("That meeting was not found.")
    return found


def partnerships(session: Session) -> list[Partnership]:
    return list(session.scalars(select(Partnership).where(Partnership.archived_at.is_(None))
                                .order_by(Partnership.name)))
