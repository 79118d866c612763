"""The customized plan for employment, kept as numbered, immutable revisions.

VR's IPE and a waiver's service plan are other agencies' documents; they will be mirrored in their own
tables that point at the person, so nothing here assumes this is the only plan a person has.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Entity, EnumText, UTCDateTime


class GoalStatus(enum.Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    DEFERRED = "deferred"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class StepOwner(enum.Enum):
    PERSON = "person"
    NATURAL_SUPPORT = "natural_support"
    ORGANIZATION = "organization"


class PlanRevision(Entity, Base):
    __tablename__ = "plan_revisions"
    __table_args__ = (UniqueConstraint("person_id", "number"),)

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    vision: Mapped[str] = mapped_column(Text, default="")
    important_to: Mapped[str] = mapped_column(Text, default="")
    important_for: Mapped[str] = mapped_column(Text, default="")
    gifts_and_strengths: Mapped[str] = mapped_column(Text, default="")
    supports_natural: Mapped[str] = mapped_column(Text, default="")
    supports_paid: Mapped[str] = mapped_column(Text, default="")
    supports_technology: Mapped[str] = mapped_column(Text, default="")
    supports_community: Mapped[str] = mapped_column(Text, default="")
    employers_to_approach: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    agreed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    review_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    # The person's signature on this revision (recorded once; a signed revision is locked for good).
    signed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    signed_how: Mapped[str] = mapped_column(String(100), default="")  # "in person, on paper", "e-signature"
    signed_by_name: Mapped[str] = mapped_column(String(200), default="")  # the person or representative
    signature_attachment_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("attachments.id"), nullable=True)
    signature_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    signature_recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("users.id"), nullable=True)

    goals: Mapped[list[Goal]] = relationship(order_by="Goal.position", cascade="all, delete-orphan")


class Goal(Entity, Base):
    __tablename__ = "plan_goals"

    revision_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("plan_revisions.id"), index=True)
    # Stable across revisions, so history and comparison can follow one goal.
    goal_key: Mapped[uuid.UUID] = mapped_column(Uuid)
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    criterion: Mapped[str] = mapped_column(Text, default="")
    target_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[GoalStatus] = mapped_column(EnumText(GoalStatus), default=GoalStatus.NOT_STARTED)

    steps: Mapped[list[ActionStep]] = relationship(order_by="ActionStep.position", cascade="all, delete-orphan")


class ActionStep(Entity, Base):
    __tablename__ = "plan_action_steps"

    goal_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("plan_goals.id"), index=True)
    # Stable across revisions; a task made from this step points at the key, not at one revision.
    step_key: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    owner_kind: Mapped[StepOwner] = mapped_column(EnumText(StepOwner))
    owner_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("organizations.id"), nullable=True)
    owner_staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    owner_name: Mapped[str] = mapped_column(String(200), default="")
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
