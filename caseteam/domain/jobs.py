"""Job development for one person: negotiations with employers (with the negotiated terms and the
competitive-integrated-employment checklist), the person's disclosure decision per employer, and
hand-entered mirrors of other agencies' plans (VR's IPE, the waiver's service plan)."""

from __future__ import annotations

import enum
import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Numeric, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity, EnumText


class NegotiationStatus(enum.Enum):
    IDEA = "idea"
    INFORMATIONAL_INTERVIEW = "informational_interview"
    PROPOSAL_MADE = "proposal_made"
    NEGOTIATING = "negotiating"
    OFFER = "offer"
    DECLINED = "declined"
    HIRED = "hired"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def open(self) -> bool:
        return self not in (NegotiationStatus.DECLINED, NegotiationStatus.HIRED)


class GoalMatch(enum.Enum):
    """Does the offered job match VR's IPE employment goal? Decided by the job developer, not guessed."""

    NOT_CHECKED = "not_checked"
    MATCHES = "matches"
    DOES_NOT_MATCH = "does_not_match"


class JobNegotiation(Editable, Base):
    __tablename__ = "job_negotiations"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), index=True)
    status: Mapped[NegotiationStatus] = mapped_column(EnumText(NegotiationStatus), index=True)
    status_on: Mapped[date] = mapped_column(Date)
    unmet_needs: Mapped[str] = mapped_column(Text, default="")
    # The proposal: tasks carved from existing jobs or a job created, drawn from the vocational themes.
    proposal: Mapped[str] = mapped_column(Text, default="")
    themes: Mapped[str] = mapped_column(Text, default="")
    # The negotiated terms.
    job_title: Mapped[str] = mapped_column(String(200), default="")
    soc_code: Mapped[str] = mapped_column(String(10), default="")  # occupation code, as VR's IPE uses
    duties: Mapped[str] = mapped_column(Text, default="")
    hours_per_week: Mapped[Decimal | None] = mapped_column(Numeric(5, 2), nullable=True)
    hourly_wage: Mapped[Decimal | None] = mapped_column(Numeric(8, 2), nullable=True)
    schedule: Mapped[str] = mapped_column(Text, default="")
    supports: Mapped[str] = mapped_column(Text, default="")
    accommodations: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    benefits: Mapped[str] = mapped_column(Text, default="")
    # Competitive integrated employment checklist (None: not yet answered).
    customary_wage: Mapped[Decimal | None] = mapped_column(Numeric(8, 2), nullable=True)
    benefits_like_coworkers: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    integrated_setting: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    advancement: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    ipe_match: Mapped[GoalMatch] = mapped_column(EnumText(GoalMatch), default=GoalMatch.NOT_CHECKED)
    declined_reason: Mapped[str] = mapped_column(Text, default="")

    history: Mapped[list[NegotiationStatusChange]] = relationship(
        order_by="[NegotiationStatusChange.changed_on, NegotiationStatusChange.created_at]")


class NegotiationStatusChange(Entity, Base):
    """Append-only: each status a negotiation reached, when and who moved it."""

    __tablename__ = "negotiation_status_changes"

    negotiation_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("job_negotiations.id"), index=True)
    status: Mapped[NegotiationStatus] = mapped_column(EnumText(NegotiationStatus))
    previous_status: Mapped[NegotiationStatus | None] = mapped_column(EnumText(NegotiationStatus), nullable=True)
    changed_on: Mapped[date] = mapped_column(Date)
    changed_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class DisclosureLevel(enum.Enum):
    NOT_AT_ALL = "not_at_all"
    PARTLY = "partly"
    FULLY = "fully"

    @property
    def label(self) -> str:
        return {"not_at_all": "Not at all", "partly": "Partly", "fully": "Fully"}[self.value]


class DisclosureDecision(Editable, Base):
    """The person's decision about disclosing their disability to one employer, and what may be said."""

    __tablename__ = "disclosure_decisions"
    __table_args__ = (UniqueConstraint("person_id", "organization_id"),)

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), index=True)
    level: Mapped[DisclosureLevel] = mapped_column(EnumText(DisclosureLevel))
    what_may_be_said: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))


class AgencyPlanKind(enum.Enum):
    VR_IPE = "vr_ipe"                            # Individualized Plan for Employment
    WAIVER_SERVICE_PLAN = "waiver_service_plan"  # the waiver's person-centered service plan

    @property
    def label(self) -> str:
        return {"vr_ipe": "VR Individualized Plan for Employment (IPE)",
                "waiver_service_plan": "Waiver service plan"}[self.value]


class AgencyPlan(Editable, Base):
    """Another agency's plan, entered by hand so the team works to it (caseteam does not own it)."""

    __tablename__ = "agency_plans"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    kind: Mapped[AgencyPlanKind] = mapped_column(EnumText(AgencyPlanKind))
    organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"), nullable=True)
    plan_number: Mapped[str] = mapped_column(String(60), default="")
    # IPE: the employment goal; waiver plan: its outcomes.
    employment_goal: Mapped[str] = mapped_column(Text, default="")
    soc_code: Mapped[str] = mapped_column(String(10), default="")
    starts_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    services: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    amendments: Mapped[list[AgencyPlanAmendment]] = relationship(
        order_by="[AgencyPlanAmendment.amended_on, AgencyPlanAmendment.created_at]")


class AgencyPlanAmendment(Entity, Base):
    """An amendment as the agency wrote it: what the goal, services and end date became."""

    __tablename__ = "agency_plan_amendments"

    plan_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agency_plans.id"), index=True)
    amended_on: Mapped[date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")
    employment_goal: Mapped[str] = mapped_column(Text, default="")
    services: Mapped[str] = mapped_column(Text, default="")
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
