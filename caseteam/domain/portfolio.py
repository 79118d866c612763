"""The visual résumé / portfolio: items (text, a photo kept as an attachment) that go into it only with
the person's recorded agreement to that item."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Editable


class PortfolioItem(Editable, Base):
    __tablename__ = "portfolio_items"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    attachment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("attachments.id"), nullable=True)
    # None until the person agrees; a printed portfolio holds only agreed items.
    agreed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    agreed_how: Mapped[str] = mapped_column(String(100), default="")
