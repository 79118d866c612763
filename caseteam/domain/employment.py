"""A person's job once hired, and the follow-along that keeps it: supports in place (job coaching that
fades), changes of hours, wage or title, pauses in follow-along, separation, extended supports, pay stubs.

A self-employment venture that has launched is followed the same way: its job row points at the venture
instead of an employer.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Numeric, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity, EnumText


class RetentionBasis(enum.Enum):
    """Where a funder starts counting the 30/60/90-day retention milestones."""

    HIRE_DATE = "hire_date"
    STABILIZATION = "stabilization"  # stabilization and the move to extended services

    @property
    def label(self) -> str:
        return {"hire_date": "from the hire date",
                "stabilization": "from stabilization (move to extended services)"}[self.value]


class SeparationReason(enum.Enum):
    QUIT = "quit"
    LAID_OFF = "laid_off"
    DISMISSED = "dismissed"
    HEALTH = "health"
    MOVED = "moved"
    BETTER_JOB = "better_job"
    SEASONAL_END = "seasonal_end"
    BUSINESS_CLOSED = "business_closed"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class SupportKind(enum.Enum):
    JOB_COACH = "job_coach"
    NATURAL_SUPPORT = "natural_support"
    ACCOMMODATION = "accommodation"
    ASSISTIVE_TECHNOLOGY = "assistive_technology"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Job(Editable, Base):
    __tablename__ = "jobs"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"),
                                                              nullable=True, index=True)
    venture_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("ventures.id"), nullable=True)
    negotiation_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("job_negotiations.id"),
                                                             nullable=True)
    job_title: Mapped[str] = mapped_column(String(200))
    duties: Mapped[str] = mapped_column(Text, default="")
    # As hired; later changes are JobChange rows and the current figures are copied here too.
    hours_per_week: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    hourly_wage: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    benefits: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date] = mapped_column(Date, index=True)
    stabilized_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    separated_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    separation_reason: Mapped[SeparationReason | None] = mapped_column(EnumText(SeparationReason), nullable=True)
    separation_note: Mapped[str] = mapped_column(Text, default="")
    benefits_planning_referred_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    supports: Mapped[list[JobSupport]] = relationship(order_by="[JobSupport.starts_on, JobSupport.created_at]")
    changes: Mapped[list[JobChange]] = relationship(order_by="[JobChange.effective_on, JobChange.created_at]")
    pauses: Mapped[list[FollowAlongPause]] = relationship(order_by="FollowAlongPause.starts_on")


class JobSupport(Entity, Base):
    """A support in place at work; job coaching is several rows whose hours fade over time."""

    __tablename__ = "job_supports"

    job_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("jobs.id"), index=True)
    kind: Mapped[SupportKind] = mapped_column(EnumText(SupportKind))
    description: Mapped[str] = mapped_column(Text, default="")
    hours_per_week: Mapped[Decimal | None] = mapped_column(Numeric(5, 2), nullable=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class JobChange(Entity, Base):
    """A change of hours, wage or job title from a date; None/empty means that part stayed the same."""

    __tablename__ = "job_changes"

    job_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("jobs.id"), index=True)
    effective_on: Mapped[date] = mapped_column(Date)
    hours_per_week: Mapped[Decimal | None] = mapped_column(Numeric(5, 2), nullable=True)
    hourly_wage: Mapped[Decimal | None] = mapped_column(Numeric(8, 2), nullable=True)
    job_title: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))


class FollowAlongPause(Entity, Base):
    """A gap (leave, hospital stay, seasonal closure) that stops the retention count until it ends."""

    __tablename__ = "follow_along_pauses"

    job_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("jobs.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")


class ExtendedSupport(Editable, Base):
    """Long-term supports after stabilization: who provides them and who pays."""

    __tablename__ = "extended_supports"

    job_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("jobs.id"), index=True)
    provider_organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"),
                                                                       nullable=True)
    funder_organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"),
                                                                     nullable=True)
    funder_note: Mapped[str] = mapped_column(String(200), default="")  # e.g. "DD waiver, supported employment"
    description: Mapped[str] = mapped_column(Text, default="")
    hours_per_month: Mapped[Decimal | None] = mapped_column(Numeric(6, 2), nullable=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class PayStub(Entity, Base):
    __tablename__ = "pay_stubs"

    job_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("jobs.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    paid_on: Mapped[date] = mapped_column(Date, index=True)
    period_start: Mapped[date | None] = mapped_column(Date, nullable=True)
    period_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    hours: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    gross: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
