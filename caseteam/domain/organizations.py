"""Partner organizations, the programs they run, and their staff."""

from __future__ import annotations

import enum
import uuid

from sqlalchemy import Boolean, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, EnumText
from .presence import Engagement


class OrganizationKind(enum.Enum):
    AMERICAN_JOB_CENTER = "american_job_center"
    VR_OFFICE = "vr_office"
    CRP = "crp"
    MENTAL_HEALTH = "mental_health"
    WORKFORCE_BOARD = "workforce_board"
    SCHOOL_DISTRICT = "school_district"
    DD_WAIVER = "dd_waiver"
    BENEFITS_PLANNING = "benefits_planning"
    INDEPENDENT_LIVING = "independent_living"
    CLIENT_ASSISTANCE = "client_assistance"
    FAITH_BASED = "faith_based"
    LEGAL_AID = "legal_aid"
    EMPLOYER = "employer"
    OTHER = "other"

    @property
    def label(self) -> str:
        return ORGANIZATION_KIND_LABELS[self]


ORGANIZATION_KIND_LABELS = {
    OrganizationKind.AMERICAN_JOB_CENTER: "American Job Center (One-Stop)",
    OrganizationKind.VR_OFFICE: "Vocational rehabilitation office",
    OrganizationKind.CRP: "Community rehabilitation provider",
    OrganizationKind.MENTAL_HEALTH: "Mental-health center",
    OrganizationKind.WORKFORCE_BOARD: "Workforce development board",
    OrganizationKind.SCHOOL_DISTRICT: "School district",
    OrganizationKind.DD_WAIVER: "County DD / waiver support coordination",
    OrganizationKind.BENEFITS_PLANNING: "Benefits planning (WIPA)",
    OrganizationKind.INDEPENDENT_LIVING: "Center for Independent Living",
    OrganizationKind.CLIENT_ASSISTANCE: "Client Assistance Program",
    OrganizationKind.FAITH_BASED: "Faith-based organization",
    OrganizationKind.LEGAL_AID: "Legal aid",
    OrganizationKind.EMPLOYER: "Employer",
    OrganizationKind.OTHER: "Other",
}


class Organization(Editable, Base):
    __tablename__ = "organizations"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[OrganizationKind] = mapped_column(EnumText(OrganizationKind))
    street: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    region: Mapped[str] = mapped_column(String(50), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    engagement: Mapped[Engagement] = mapped_column(EnumText(Engagement), default=Engagement.REFERRAL_ONLY,
                                                   server_default=Engagement.REFERRAL_ONLY.value)

    programs: Mapped[list[Program]] = relationship(back_populates="organization", order_by="Program.name")
    staff: Mapped[list[StaffMember]] = relationship(back_populates="organization",
                                                    order_by="StaffMember.family_name")


class Program(Editable, Base):
    """What an organization runs; mandated One-Stop partnership belongs to the program, not the org."""

    __tablename__ = "programs"

    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    funding_stream: Mapped[str] = mapped_column(String(200), default="")
    services: Mapped[str] = mapped_column(Text, default="")
    eligibility: Mapped[str] = mapped_column(Text, default="")
    mandated_partner: Mapped[bool] = mapped_column(Boolean, default=False)
    # For a funding program: where it starts counting 30/60/90-day retention ("hire_date" or
    # "stabilization", caseteam.domain.employment.RetentionBasis); empty when it pays no retention milestones.
    retention_basis: Mapped[str] = mapped_column(String(40), default="")

    organization: Mapped[Organization] = relationship(back_populates="programs")


class StaffMember(Editable, Base):
    __tablename__ = "staff"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), index=True)
    given_name: Mapped[str] = mapped_column(String(100))
    family_name: Mapped[str] = mapped_column(String(100), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    credentials: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    organization: Mapped[Organization] = relationship(back_populates="staff")

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()
