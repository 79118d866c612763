"""Releases of information (consent to share) and the log of disclosures made under them."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity, EnumText, UTCDateTime
from .organizations import Organization
from .people import RepresentativeAuthority


class InformationCategory(enum.Enum):
    CONTACT = "contact"                # identity, contact details, representative
    VOCATIONAL = "vocational"          # Discovery and the vocational profile
    PLAN = "plan"                      # the customized plan, its team and tasks
    EMPLOYMENT = "employment"          # job development, jobs, wages, follow-along
    BENEFITS = "benefits"              # SSI/SSDI, Medicaid, work incentives
    MEDICAL = "medical"
    MENTAL_HEALTH = "mental_health"
    SUBSTANCE_USE = "substance_use"    # federal Part 2 records: must be named, re-disclosure notice
    EDUCATION = "education"            # school records: parent's or eligible student's consent

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    InformationCategory.CONTACT: "Identity and contact details",
    InformationCategory.VOCATIONAL: "Discovery and vocational profile",
    InformationCategory.PLAN: "Person-centered plan, team and tasks",
    InformationCategory.EMPLOYMENT: "Job development and employment",
    InformationCategory.BENEFITS: "Benefits and work incentives",
    InformationCategory.MEDICAL: "Medical information",
    InformationCategory.MENTAL_HEALTH: "Mental health information",
    InformationCategory.SUBSTANCE_USE: "Substance use disorder treatment records (42 CFR Part 2)",
    InformationCategory.EDUCATION: "School education records (FERPA)",
}


class PartyRole(enum.Enum):
    DISCLOSES = "discloses"
    RECEIVES = "receives"
    BOTH = "both"


class EducationConsentBy(enum.Enum):
    NOT_APPLICABLE = "not_applicable"
    PARENT = "parent"
    ELIGIBLE_STUDENT = "eligible_student"


class Release(Editable, Base):
    """A signed authorization for named parties to share named categories for a purpose and period."""

    __tablename__ = "releases"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    # Teams usually sign one exchange among all listed agencies rather than one-way releases.
    two_way: Mapped[bool] = mapped_column(Boolean, default=True)
    purpose: Mapped[str] = mapped_column(Text, default="")
    signed_on: Mapped[date] = mapped_column(Date)
    effective_from: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    expiry_event: Mapped[str] = mapped_column(String(300), default="")
    signer_name: Mapped[str] = mapped_column(String(200))
    signer_is_representative: Mapped[bool] = mapped_column(Boolean, default=False)
    signer_authority: Mapped[RepresentativeAuthority] = mapped_column(
        EnumText(RepresentativeAuthority), default=RepresentativeAuthority.NONE)
    education_consent_by: Mapped[EducationConsentBy] = mapped_column(
        EnumText(EducationConsentBy), default=EducationConsentBy.NOT_APPLICABLE)
    revoked_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    revocation_method: Mapped[str] = mapped_column(String(200), default="")
    revocation_note: Mapped[str] = mapped_column(Text, default="")
    signed_copy_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("attachments.id"), nullable=True)

    parties: Mapped[list[ReleaseParty]] = relationship(back_populates="release", cascade="all, delete-orphan",
                                                      order_by="ReleaseParty.position")
    categories: Mapped[list[ReleaseCategory]] = relationship(cascade="all, delete-orphan")


class ReleaseParty(Entity, Base):
    """A partner organization, or a named outside party (a physician, a family member) with no record."""

    __tablename__ = "release_parties"

    release_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("releases.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"),
                                                              nullable=True, index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[PartyRole] = mapped_column(EnumText(PartyRole), default=PartyRole.BOTH)

    release: Mapped[Release] = relationship(back_populates="parties")
    organization: Mapped[Organization | None] = relationship()


class ReleaseCategory(Base):
    __tablename__ = "release_categories"

    release_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("releases.id"), primary_key=True)
    category: Mapped[InformationCategory] = mapped_column(EnumText(InformationCategory), primary_key=True)


class Disclosure(Entity, Base):
    """One print, export or share of a person's information: who, to whom, what, when, under which release.

    Append-only, like the audit log; the audit entry for the same act points here."""

    __tablename__ = "disclosures"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    release_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("releases.id"), nullable=True)
    recipient_organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"),
                                                                        nullable=True)
    recipient_name: Mapped[str] = mapped_column(String(200))
    categories: Mapped[str] = mapped_column(String(400))  # comma-separated InformationCategory values
    description: Mapped[str] = mapped_column(String(400))  # what left: "Release of information RL-0003 (PDF)"
    channel: Mapped[str] = mapped_column(String(40))        # print, export, pdf
    actor_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
