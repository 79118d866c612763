"""Critical-incident reports for people on a waiver: what happened, who was involved, what was done,
and who was notified when (the waiver sets a deadline for the notice)."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity, EnumText, UTCDateTime


class IncidentKind(enum.Enum):
    INJURY = "injury"
    MEDICAL_EMERGENCY = "medical_emergency"
    ABUSE_OR_NEGLECT = "abuse_or_neglect"
    EXPLOITATION = "exploitation"
    MISSING_PERSON = "missing_person"
    POLICE_INVOLVEMENT = "police_involvement"
    MEDICATION_ERROR = "medication_error"
    RESTRAINT = "restraint"
    DEATH = "death"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class CriticalIncident(Editable, Base):
    __tablename__ = "critical_incidents"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    kind: Mapped[IncidentKind] = mapped_column(EnumText(IncidentKind))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The notice deadline runs from when staff learned of it, which may be later than it happened.
    discovered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    zone: Mapped[str] = mapped_column(String(60), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    people_involved: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    actions_taken: Mapped[str] = mapped_column(Text, default="")
    reported_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    notifications: Mapped[list[IncidentNotification]] = relationship(
        order_by="IncidentNotification.notified_at", cascade="all, delete-orphan")


class IncidentNotification(Entity, Base):
    __tablename__ = "incident_notifications"

    incident_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("critical_incidents.id"), index=True)
    notified: Mapped[str] = mapped_column(String(200))  # who: a name and role, or an agency
    organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"), nullable=True)
    how: Mapped[str] = mapped_column(String(60), default="")
    notified_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
