"""Case-note look-ups: one note, a person's notes with their addenda in order, author names."""

from __future__ import annotations

import uuid

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from caseteam.domain.notes import CaseNote, ContactKind, NoteStatus
from caseteam.domain.users import User
from caseteam.errors import NotFound


def note(session: Session, note_id: uuid.UUID) -> CaseNote:
    found = session.get(CaseNote, note_id)
    if found is None or found.archived_at is not None:
        raise NotFound("That case note was not found (it may have been discarded).")
    return found


def notes_of(session: Session, person_id: uuid.UUID, *, reader_id: uuid.UUID,
             kinds: tuple[ContactKind, ...] = ()) -> list[CaseNote]:
    """Signed notes and the reader's own drafts, newest contact first; an addendum right after its note."""
    stmt = (select(CaseNote).options(selectinload(CaseNote.participants))
            .where(CaseNote.person_id == person_id, CaseNote.archived_at.is_(None),
                   or_(CaseNote.status == NoteStatus.SIGNED, CaseNote.author_id == reader_id)))
    if kinds:
        stmt = stmt.where(CaseNote.kind.in_(kinds))
    found = list(session.scalars(stmt))
    by_id = {n.id: n for n in found}
    roots = sorted((n for n in found if n.addendum_to_id not in by_id),
                   key=lambda n: (n.held_on, n.starts_at is not None, n.starts_at or n.created_at.time(),
                                  n.created_at), reverse=True)
    children: dict[uuid.UUID, list[CaseNote]] = {}
    for n in found:
        if n.addendum_to_id in by_id:
            children.setdefault(n.addendum_to_id, []).append(n)
    ordered: list[CaseNote] = []

    def walk(n: CaseNote) -> None:
        ordered.append(n)
        for child in sorted(children.get(n.id, []), key=lambda c: c.created_at):
            walk(child)

    for root in roots:
        walk(root)
    return ordered


def addenda_of(session: Session, note_id: uuid.UUID) -> list[uuid.UUID]:
    return list(session.scalars(select(CaseNote.id).where(CaseNote.addendum_to_id == note_id,
                                                          CaseNote.archived_at.is_(None))
                                .order_by(CaseNote.created_at)))


def user_names(session: Session, user_ids) -> dict[uuid.UUID, str]:
    ids = [i for i in user_ids if i is not None]
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())
