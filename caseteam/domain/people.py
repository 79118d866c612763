"""Job seekers, their Customized Employment stage and its history."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity, EnumText, UTCDateTime
from .organizations import Organization, StaffMember


class Stage(enum.Enum):
    REFERRAL = "referral"
    WAITING_AUTHORIZATION = "waiting_authorization"
    DISCOVERY = "discovery"
    PROFILE = "profile"
    CE_PLANNING = "ce_planning"
    JOB_DEVELOPMENT = "job_development"
    EMPLOYED = "employed"
    EXTENDED_SUPPORTS = "extended_supports"
    ON_HOLD = "on_hold"
    CLOSED_SUCCESSFUL = "closed_successful"
    CLOSED_UNSUCCESSFUL = "closed_unsuccessful"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]

    @property
    def closed(self) -> bool:
        return self in (Stage.CLOSED_SUCCESSFUL, Stage.CLOSED_UNSUCCESSFUL)


STAGE_LABELS = {
    Stage.REFERRAL: "Referral",
    Stage.WAITING_AUTHORIZATION: "Waiting for authorization",
    Stage.DISCOVERY: "Discovery",
    Stage.PROFILE: "Vocational profile",
    Stage.CE_PLANNING: "CE planning",
    Stage.JOB_DEVELOPMENT: "Job development",
    Stage.EMPLOYED: "Employed / stabilization",
    Stage.EXTENDED_SUPPORTS: "Extended supports",
    Stage.ON_HOLD: "On hold",
    Stage.CLOSED_SUCCESSFUL: "Closed, successful",
    Stage.CLOSED_UNSUCCESSFUL: "Closed, unsuccessful",
}


class RepresentativeAuthority(enum.Enum):
    NONE = "none"
    GUARDIAN = "guardian"
    LIMITED_GUARDIAN = "limited_guardian"
    POWER_OF_ATTORNEY = "power_of_attorney"
    PARENT_OF_MINOR = "parent_of_minor"
    AUTHORIZED_REPRESENTATIVE = "authorized_representative"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize() if self is not RepresentativeAuthority.NONE else ""


class Person(Editable, Base):
    __tablename__ = "people"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100), index=True)
    preferred_name: Mapped[str] = mapped_column(String(100), default="")
    # Lower-cased, accent-folded name parts so search finds "munoz" in "Muñoz" in SQL on both engines.
    search_text: Mapped[str] = mapped_column(String(400), default="", index=True)
    date_of_birth: Mapped[date | None] = mapped_column(Date, nullable=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(50), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    preferred_language: Mapped[str] = mapped_column(String(60), default="English")
    interpreter: Mapped[str] = mapped_column(String(60), default="")
    communication_needs: Mapped[str] = mapped_column(Text, default="")
    accommodations: Mapped[str] = mapped_column(Text, default="")
    representative_name: Mapped[str] = mapped_column(String(200), default="")
    representative_relationship: Mapped[str] = mapped_column(String(100), default="")
    representative_authority: Mapped[RepresentativeAuthority] = mapped_column(
        EnumText(RepresentativeAuthority), default=RepresentativeAuthority.NONE)
    representative_contact: Mapped[str] = mapped_column(String(200), default="")
    referral_source_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("organizations.id"), nullable=True)
    referral_note: Mapped[str] = mapped_column(Text, default="")
    referral_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    stage: Mapped[Stage] = mapped_column(EnumText(Stage), default=Stage.REFERRAL, index=True)
    stage_entered_on: Mapped[date] = mapped_column(Date)
    lead_staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True,
                                                            index=True)
    home_organization_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("organizations.id"), nullable=True, index=True)

    lead_staff: Mapped[StaffMember | None] = relationship(foreign_keys=[lead_staff_id])
    home_organization: Mapped[Organization | None] = relationship(foreign_keys=[home_organization_id])
    referral_source: Mapped[Organization | None] = relationship(foreign_keys=[referral_source_id])
    stage_history: Mapped[list[StageChange]] = relationship(
        order_by="[StageChange.entered_on, StageChange.changed_at]")

    @property
    def display_name(self) -> str:
        first = self.preferred_name or self.given_name
        return f"{first} {self.family_name}".strip()


class StageChange(Entity, Base):
    """Append-only: each stage a person entered, when and why."""

    __tablename__ = "stage_changes"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    stage: Mapped[Stage] = mapped_column(EnumText(Stage))
    previous_stage: Mapped[Stage | None] = mapped_column(EnumText(Stage), nullable=True)
    entered_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    changed_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"), nullable=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
