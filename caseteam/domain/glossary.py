"""The partnership's shared glossary: a term defined once in plain language, with each partner's own word
for the same thing ("consumer" at VR, "participant" at the workforce board)."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity


class GlossaryTerm(Editable, Base):
    __tablename__ = "glossary_terms"

    partnership_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("partnerships.id"), nullable=True,
                                                             index=True)
    term: Mapped[str] = mapped_column(String(120), index=True)
    definition: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(300), default="")  # "WIOA sec. 3", "Partner workgroup, 2025"

    synonyms: Mapped[list[GlossarySynonym]] = relationship(order_by="GlossarySynonym.position",
                                                           cascade="all, delete-orphan")


class GlossarySynonym(Entity, Base):
    """A partner's word for the term: by organization, or by a system named in words ("Medicaid waiver")."""

    __tablename__ = "glossary_synonyms"

    term_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("glossary_terms.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    word: Mapped[str] = mapped_column(String(120), index=True)
    organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"),
                                                              nullable=True)
    context: Mapped[str] = mapped_column(String(120), default="")  # the system, when no one organization
