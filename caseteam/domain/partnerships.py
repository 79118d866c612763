"""Partnerships and their joint strategic plans; life domains tagging partners' programs and people's needs
(the resource map compares the two to find gaps)."""

from __future__ import annotations

import enum
import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity, EnumText


class PartnershipLevel(enum.Enum):
    LOCAL = "local"
    STATE = "state"
    FEDERAL = "federal"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class LifeDomain(enum.Enum):
    EMPLOYMENT = "employment"
    BENEFITS = "benefits"
    TRANSPORTATION = "transportation"
    HOUSING = "housing"
    HEALTH = "health"                      # physical and mental health
    EDUCATION = "education"                # education and training
    ASSISTIVE_TECHNOLOGY = "assistive_technology"
    COMMUNITY = "community"                # community and social
    LEGAL = "legal"

    @property
    def label(self) -> str:
        return LIFE_DOMAIN_LABELS[self]


LIFE_DOMAIN_LABELS = {
    LifeDomain.EMPLOYMENT: "Employment",
    LifeDomain.BENEFITS: "Benefits",
    LifeDomain.TRANSPORTATION: "Transportation",
    LifeDomain.HOUSING: "Housing",
    LifeDomain.HEALTH: "Physical and mental health",
    LifeDomain.EDUCATION: "Education and training",
    LifeDomain.ASSISTIVE_TECHNOLOGY: "Assistive technology",
    LifeDomain.COMMUNITY: "Community and social",
    LifeDomain.LEGAL: "Legal",
}


class PlanStatus(enum.Enum):
    DRAFT = "draft"
    ADOPTED = "adopted"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ActionStatus(enum.Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Partnership(Editable, Base):
    __tablename__ = "partnerships"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[PartnershipLevel] = mapped_column(EnumText(PartnershipLevel))
    description: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[PartnershipMember]] = relationship(order_by="PartnershipMember.position")


class PartnershipMember(Editable, Base):
    __tablename__ = "partnership_members"
    __table_args__ = (UniqueConstraint("partnership_id", "organization_id"),)

    partnership_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("partnerships.id"), index=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    joined_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    representatives: Mapped[list[PartnershipRepresentative]] = relationship(
        order_by="PartnershipRepresentative.position")


class PartnershipRepresentative(Editable, Base):
    """A staff member who speaks for their organization in the partnership (several keep it alive)."""

    __tablename__ = "partnership_representatives"

    member_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("partnership_members.id"), index=True)
    staff_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(100), default="")  # "Primary", "Alternate"


class StrategicPlan(Editable, Base):
    __tablename__ = "strategic_plans"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    partnership_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("partnerships.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    vision: Mapped[str] = mapped_column(Text, default="")
    guiding_principles: Mapped[str] = mapped_column(Text, default="")
    period_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    period_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[PlanStatus] = mapped_column(EnumText(PlanStatus), default=PlanStatus.DRAFT)
    adopted_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    goals: Mapped[list[StrategicGoal]] = relationship(order_by="StrategicGoal.position")


class StrategicGoal(Editable, Base):
    __tablename__ = "strategic_goals"

    plan_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("strategic_plans.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")

    strategies: Mapped[list[Strategy]] = relationship(order_by="Strategy.position")


class Strategy(Editable, Base):
    __tablename__ = "strategic_strategies"

    goal_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("strategic_goals.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    actions: Mapped[list[StrategicAction]] = relationship(order_by="StrategicAction.position")


class StrategicAction(Editable, Base):
    """A recommended action: owned by an organization, due on a date, worked as a task."""

    __tablename__ = "strategic_actions"

    strategy_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("strategic_strategies.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    owner_organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), index=True)
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[ActionStatus] = mapped_column(EnumText(ActionStatus), default=ActionStatus.NOT_STARTED)
    task_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("tasks.id"), nullable=True, index=True)


class ProgramDomain(Entity, Base):
    """A life domain a partner's program serves."""

    __tablename__ = "program_domains"
    __table_args__ = (UniqueConstraint("program_id", "domain"),)

    program_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("programs.id"), index=True)
    domain: Mapped[LifeDomain] = mapped_column(EnumText(LifeDomain), index=True)


class SupportNeed(Editable, Base):
    """A support a person's plan says they need, tagged by life domain; met_on closes it."""

    __tablename__ = "support_needs"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    domain: Mapped[LifeDomain] = mapped_column(EnumText(LifeDomain), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    noted_on: Mapped[date] = mapped_column(Date)
    met_on: Mapped[date | None] = mapped_column(Date, nullable=True)
