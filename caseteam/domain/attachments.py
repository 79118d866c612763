"""Files kept inside the store (signed scans, evidence), so they travel with backups and PostgreSQL."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, deferred, mapped_column

from .base import Base, Entity


class Attachment(Entity, Base):
    __tablename__ = "attachments"

    owner_entity: Mapped[str] = mapped_column(String(60), index=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
    # Loaded only when asked for: lists of attachments never pull the scans themselves.
    data: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
