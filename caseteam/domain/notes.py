"""Case notes: the contact log one note at a time, signed by its author and then never edited.

A note is recorded once and serves many outputs later (funder progress reports, Medicaid 15-minute
units from its start and stop times, invoice lines), so it holds what those need: times in the
person's local zone, billable or not, mileage, and links to a goal, a Discovery activity or an employer.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, Text, Time, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity, EnumText, UTCDateTime


class ContactKind(enum.Enum):
    MEETING = "meeting"
    PHONE = "phone"
    VIDEO = "video"
    EMAIL = "email"
    TEXT = "text"
    SITE_VISIT = "site_visit"
    JOB_COACHING = "job_coaching"
    EMPLOYER_CONTACT = "employer_contact"
    TEAM_MEETING = "team_meeting"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class NoteStatus(enum.Enum):
    DRAFT = "draft"
    SIGNED = "signed"


class CaseNote(Editable, Base):
    __tablename__ = "case_notes"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    kind: Mapped[ContactKind] = mapped_column(EnumText(ContactKind))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    # Wall-clock times where it happened, with the zone: Medicaid units come from these.
    starts_at: Mapped[time | None] = mapped_column(Time, nullable=True)
    ends_at: Mapped[time | None] = mapped_column(Time, nullable=True)
    zone: Mapped[str] = mapped_column(String(60), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    follow_up_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    billable: Mapped[bool] = mapped_column(Boolean, default=False)
    mileage: Mapped[Decimal | None] = mapped_column(Numeric(7, 1), nullable=True)
    goal_key: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    discovery_activity_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("discovery_activities.id"), nullable=True)
    employer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"), nullable=True)
    # A follow-along contact about one job (with the person or the employer).
    job_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("jobs.id"), nullable=True, index=True)
    service: Mapped[str] = mapped_column(String(200), default="")
    template: Mapped[str] = mapped_column(String(60), default="")
    author_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
    status: Mapped[NoteStatus] = mapped_column(EnumText(NoteStatus), default=NoteStatus.DRAFT)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    cosigned_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"), nullable=True)
    cosigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # A signed note is corrected by an addendum: a new signed note pointing at the one it corrects.
    addendum_to_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("case_notes.id"), nullable=True,
                                                             index=True)

    participants: Mapped[list[NoteParticipant]] = relationship(
        back_populates="note", cascade="all, delete-orphan", order_by="NoteParticipant.position")


class NoteParticipant(Entity, Base):
    """Who took part: a team member, or a named person with no record (an employer contact)."""

    __tablename__ = "note_participants"

    note_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("case_notes.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    team_member_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("team_members.id"), nullable=True)
    name: Mapped[str] = mapped_column(String(200))

    note: Mapped[CaseNote] = relationship(back_populates="participants")
