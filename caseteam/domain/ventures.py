"""Self-employment: a business idea from the vocational themes, feasibility steps, the business plan,
start-up costs by item and funder, benefits-planning and PASS notes, and the launch. After launch the
venture is followed along like a job (a Job row that points at the venture)."""

from __future__ import annotations

import enum
import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity, EnumText


class VentureStatus(enum.Enum):
    EXPLORING = "exploring"
    FEASIBILITY = "feasibility"
    PLANNING = "planning"
    LAUNCHED = "launched"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Venture(Editable, Base):
    __tablename__ = "ventures"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    business_name: Mapped[str] = mapped_column(String(200), default="")
    idea: Mapped[str] = mapped_column(Text, default="")
    themes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[VentureStatus] = mapped_column(EnumText(VentureStatus), default=VentureStatus.EXPLORING)
    launch_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    # Business plan sections.
    plan_description: Mapped[str] = mapped_column(Text, default="")
    plan_market: Mapped[str] = mapped_column(Text, default="")
    plan_operations: Mapped[str] = mapped_column(Text, default="")
    plan_marketing: Mapped[str] = mapped_column(Text, default="")
    plan_finances: Mapped[str] = mapped_column(Text, default="")
    benefits_notes: Mapped[str] = mapped_column(Text, default="")
    pass_notes: Mapped[str] = mapped_column(Text, default="")  # a PASS plan is the person's own resource

    steps: Mapped[list[VentureStep]] = relationship(order_by="VentureStep.position", cascade="all, delete-orphan")
    costs: Mapped[list[StartupCost]] = relationship(order_by="StartupCost.position", cascade="all, delete-orphan")


class VentureStep(Entity, Base):
    """A feasibility step (market research, licence, supplier quotes...)."""

    __tablename__ = "venture_steps"

    venture_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("ventures.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class StartupCost(Entity, Base):
    __tablename__ = "venture_costs"

    venture_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("ventures.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    item: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    funder_organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"),
                                                                     nullable=True)
    funder_name: Mapped[str] = mapped_column(String(200), default="")  # "PASS plan", "own savings"
