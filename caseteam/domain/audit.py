"""The append-only audit log, hash-chained; one head row serialises appends."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, UTCDateTime

GENESIS_HASH = "0" * 64


class AuditEntry(Base):
    __tablename__ = "audit_entries"

    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                     autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[str] = mapped_column(String(36))
    actor_name: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str] = mapped_column(String(60), index=True)
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(60))
    changes: Mapped[str] = mapped_column(Text, default="{}")
    reason: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # Whose record the entry concerns, so the audit viewer filters by person (schema 0002 on).
    person_id: Mapped[str | None] = mapped_column(String(36), index=True, nullable=True)

    def compute_hash(self) -> str:
        return entry_hash(self.seq, self.at, self.actor_id, self.actor_name, self.entity, self.entity_id,
                          self.action, self.changes, self.reason, self.prev_hash, self.person_id)


class AuditHead(Base):
    """Exactly one row (id=1): the last sequence number and hash. Writers lock it before appending."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    hash: Mapped[str] = mapped_column(String(64))


def entry_hash(seq: int, at: datetime, actor_id: str, actor_name: str, entity: str, entity_id: str,
               action: str, changes: str, reason: str, prev_hash: str, person_id: str | None = None) -> str:
    # Hash the instant as stored (UTC): an entry stamped by a clock in another zone reads back in UTC.
    at = at.astimezone(timezone.utc)
    fields = [seq, at.isoformat(timespec="microseconds"), actor_id, actor_name, entity, entity_id, action,
              changes, reason, prev_hash]
    if person_id is not None:  # entries written before schema 0002 have none and keep their hash
        fields.append(person_id)
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
