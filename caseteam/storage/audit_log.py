"""Appending to and verifying the hash-chained audit log."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from caseteam.domain.audit import GENESIS_HASH, AuditEntry, AuditHead


def plain_value(value: Any) -> Any:
    """A JSON-safe, stable rendering of a field value for the audit record."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (uuid.UUID, Decimal)):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


class AuditLog:
    def __init__(self, uow):
        self.uow = uow
        self._head: AuditHead | None = None

    def forget_head(self) -> None:
        self._head = None

    def record(self, actor, entity, action: str, *, changes: dict[str, Any] | None = None,
               reason: str = "", person_id: uuid.UUID | None = None) -> AuditEntry:
        """Append one entry after the current head. The head row is locked for the transaction."""
        session: Session = self.uow.session
        if isinstance(entity, tuple):
            entity_name, entity_id = entity
        else:
            entity_name, entity_id = entity.__tablename__, entity.id
            person_id = person_id or person_of(entity)
        # Locked on first use and held to commit, so later appends in this unit reuse it unread.
        if self._head is None:
            self._head = session.get(AuditHead, 1, with_for_update=True)
        head = self._head
        entry = AuditEntry(
            seq=head.seq + 1,
            at=self.uow.now(),
            actor_id=str(actor.user_id),
            actor_name=actor.display_name,
            entity=entity_name,
            entity_id=str(entity_id),
            action=action,
            changes=json.dumps({k: plain_value(v) for k, v in (changes or {}).items()},
                               ensure_ascii=False, sort_keys=True),
            reason=reason,
            prev_hash=head.hash,
            person_id=str(person_id) if person_id else None,
        )
        entry.hash = entry.compute_hash()
        session.add(entry)
        head.seq, head.hash = entry.seq, entry.hash
        return entry


def person_of(entity) -> uuid.UUID | None:
    """The person a changed row belongs to, when it belongs to one."""
    if getattr(entity, "__tablename__", "") == "people":
        return entity.id
    person_id = getattr(entity, "person_id", None)
    if person_id is None and getattr(entity, "__tablename__", "") == "team_members":
        team = getattr(entity, "team", None)
        person_id = team.person_id if team is not None else None
    return person_id


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_bad_seq: int | None
    problem: str

    @property
    def ok(self) -> bool:
        return self.first_bad_seq is None and not self.problem


def verify_chain(session: Session) -> ChainReport:
    """Walk the log in order; the first entry whose hash or link does not hold is reported."""
    prev_hash, expected_seq, count = GENESIS_HASH, 1, 0
    stream = session.execute(select(AuditEntry).order_by(AuditEntry.seq).execution_options(yield_per=2000))
    for entry in stream.scalars():
        count += 1
        if entry.seq != expected_seq:
            return ChainReport(count, expected_seq, f"audit entry {expected_seq} is missing")
        if entry.prev_hash != prev_hash:
            return ChainReport(count, entry.seq, f"audit entry {entry.seq} does not follow entry {entry.seq - 1}")
        if entry.compute_hash() != entry.hash:
            return ChainReport(count, entry.seq, f"audit entry {entry.seq} ({entry.action} {entry.entity} "
                                                 f"{entry.entity_id}) was changed after it was written")
        prev_hash, expected_seq = entry.hash, expected_seq + 1
    head = session.get(AuditHead, 1)
    if head is None:
        return ChainReport(count, None, "the audit log's head record is missing")
    if head.seq > count:
        return ChainReport(count, count + 1, f"the audit log's last entries were removed (the head says "
                                             f"{head.seq} entries, {count} remain)")
    if head.seq < count:
        return ChainReport(count, head.seq + 1, f"audit entry {head.seq + 1} was added outside caseteam "
                                                f"(the head says {head.seq} entries, {count} are there)")
    if head.hash != prev_hash:
        return ChainReport(count, count, f"audit entry {count} does not match the audit log's head")
    return ChainReport(count, None, "")
