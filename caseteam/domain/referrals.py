"""Closed-loop referrals: one organization (and staff member) sends a person to another for a stated
service, sharing named categories of information under a release; the receiving side answers, and every
status change is kept with its date and who made it."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity, EnumText, UTCDateTime


class ReferralStatus(enum.Enum):
    SENT = "sent"
    RECEIVED = "received"
    ACCEPTED = "accepted"
    DECLINED = "declined"        # with a reason
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"      # with an outcome
    WITHDRAWN = "withdrawn"      # by the sending side

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def closed(self) -> bool:
        return self in CLOSED_STATUSES


CLOSED_STATUSES = frozenset({ReferralStatus.DECLINED, ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN})


class Urgency(enum.Enum):
    ROUTINE = "routine"
    SOON = "soon"        # within the week
    URGENT = "urgent"    # today or tomorrow

    @property
    def label(self) -> str:
        return {"routine": "Routine", "soon": "Soon (this week)", "urgent": "Urgent"}[self.value]


class Referral(Editable, Base):
    __tablename__ = "referrals"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    from_organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), index=True)
    from_staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True,
                                                            index=True)
    to_organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), index=True)
    to_staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True, index=True)
    program_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("programs.id"), nullable=True)
    service: Mapped[str] = mapped_column(String(200))       # the service or need asked for
    reason: Mapped[str] = mapped_column(Text)
    urgency: Mapped[Urgency] = mapped_column(EnumText(Urgency), default=Urgency.ROUTINE)
    shared_categories: Mapped[str] = mapped_column(String(400))  # comma-separated InformationCategory values
    release_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("releases.id"), nullable=True)
    sent_on: Mapped[date] = mapped_column(Date, index=True)
    respond_by: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    status: Mapped[ReferralStatus] = mapped_column(EnumText(ReferralStatus), index=True)
    status_on: Mapped[date] = mapped_column(Date)
    decline_reason: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    # What accepting it did, so the summary can say so and an undo can take it back.
    team_member_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("team_members.id"), nullable=True)
    first_task_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("tasks.id"), nullable=True)
    created_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))

    events: Mapped[list[ReferralEvent]] = relationship(order_by="ReferralEvent.at")


class ReferralEvent(Entity, Base):
    """One status change: append-only, so the loop's history reads back exactly as it happened."""

    __tablename__ = "referral_events"

    referral_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("referrals.id"), index=True)
    status: Mapped[ReferralStatus] = mapped_column(EnumText(ReferralStatus))
    on: Mapped[date] = mapped_column(Date)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
