"""Discovery: the activity log and the vocational profile it produces (kept as revisions)."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Editable, Entity, EnumText, UTCDateTime


class DiscoverySetting(enum.Enum):
    HOME = "home"
    COMMUNITY = "community"
    WORK_TRY_OUT = "work_try_out"
    INFORMATIONAL_INTERVIEW = "informational_interview"
    INTERVIEW = "interview"
    OFFICE = "office"
    SCHOOL = "school"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class DiscoveryActivity(Editable, Base):
    __tablename__ = "discovery_activities"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    setting: Mapped[DiscoverySetting] = mapped_column(EnumText(DiscoverySetting))
    # Whole minutes: exact on every engine (no floats), shown as hours.
    minutes: Mapped[int] = mapped_column(Integer)
    participants: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    learned: Mapped[str] = mapped_column(Text, default="")


class ProfileRevision(Entity, Base):
    """Immutable: a change to the vocational profile is revision N+1."""

    __tablename__ = "profile_revisions"
    __table_args__ = (UniqueConstraint("person_id", "number"),)

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    strengths: Mapped[str] = mapped_column(Text, default="")
    interests: Mapped[str] = mapped_column(Text, default="")
    theme_1: Mapped[str] = mapped_column(String(200), default="")
    theme_2: Mapped[str] = mapped_column(String(200), default="")
    theme_3: Mapped[str] = mapped_column(String(200), default="")
    ideal_conditions: Mapped[str] = mapped_column(Text, default="")
    support_needs: Mapped[str] = mapped_column(Text, default="")
    contributions: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    agreed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
