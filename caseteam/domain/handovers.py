"""A staff member's work handed to colleagues in one step when they leave or change role: each item says
what it was, who held it and who holds it now, so the whole step can be undone exactly."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Entity, EnumText, UTCDateTime


class HandoverKind(enum.Enum):
    TASK = "task"                        # an open task
    TEAM_MEMBERSHIP = "team_membership"  # a current place on a person's team
    LEAD = "lead"                        # lead job developer of a person
    REFERRAL = "referral"                # a pending referral, sent or received
    MEETING = "meeting"                  # an upcoming meeting they were invited to

    @property
    def label(self) -> str:
        return {"task": "Open task", "team_membership": "Team membership", "lead": "Lead job developer",
                "referral": "Pending referral", "meeting": "Upcoming meeting"}[self.value]


class Handover(Entity, Base):
    __tablename__ = "handovers"

    staff_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff.id"), index=True)  # who is leaving
    deactivated: Mapped[bool] = mapped_column(default=True)   # the step also closed their staff record
    reason: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    undone_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"), nullable=True)

    items: Mapped[list[HandoverItem]] = relationship(order_by="HandoverItem.position")


class HandoverItem(Entity, Base):
    __tablename__ = "handover_items"

    handover_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("handovers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[HandoverKind] = mapped_column(EnumText(HandoverKind))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)   # the task, membership, person, referral or attendee
    # A membership moves by ending the old one and opening one for the colleague; undo removes that one.
    new_record_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("people.id"), nullable=True, index=True)
    label: Mapped[str] = mapped_column(String(300))      # what it was, in words, as listed at the time
    from_staff_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff.id"))
    to_staff_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff.id"))
    # The record's version just after the handover: undo refuses, naming it, if someone changed it since.
    version_after: Mapped[int | None] = mapped_column(Integer, nullable=True)
