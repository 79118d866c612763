"""Service agreements people sign: partnership MOUs (and the WIOA one-stop MOU), purchase-of-service
agreements between a funder and a provider, and a person's individual service agreement. A final
agreement is locked (its PDF bytes and their SHA-256 kept); any later change is a new version that
points back at the one it replaces, whose bytes never change."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity, EnumText, UTCDateTime


class AgreementKind(enum.Enum):
    MOU = "mou"                      # partnership MOU between two or more organizations
    WIOA_MOU = "wioa_mou"            # local workforce board and all required one-stop partners
    PURCHASE_OF_SERVICE = "posa"     # a funder (VR) and a provider (a CRP)
    INDIVIDUAL = "individual"        # the person and their team

    @property
    def label(self) -> str:
        return {"mou": "Memorandum of understanding", "wioa_mou": "WIOA one-stop MOU",
                "posa": "Purchase-of-service agreement", "individual": "Individual service agreement"}[self.value]


class AgreementStatus(enum.Enum):
    DRAFT = "draft"
    FINAL = "final"          # locked, waiting for signatures
    SIGNED = "signed"        # every signatory has signed
    SUPERSEDED = "superseded"
    TERMINATED = "terminated"
    EXPIRED = "expired"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Letterhead(Editable, Base):
    """How an organization heads its documents."""

    __tablename__ = "letterheads"

    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    logo_attachment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("attachments.id"), nullable=True)


class ClauseTemplate(Editable, Base):
    """One section's wording for a kind of agreement, per organization (none: the built-in default).
    Placeholders such as {person_name} or {effective_from} are filled from data when a draft is made."""

    __tablename__ = "clause_templates"

    organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"), nullable=True,
                                                              index=True)
    kind: Mapped[AgreementKind] = mapped_column(EnumText(AgreementKind))
    section_key: Mapped[str] = mapped_column(String(60))  # "purpose", "confidentiality", ...
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)


class Agreement(Editable, Base):
    """One version of an agreement. `number` is shared by every version; `ref` names this version."""

    __tablename__ = "agreements"

    ref: Mapped[str] = mapped_column(String(30), unique=True)
    number: Mapped[str] = mapped_column(String(20), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    previous_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("agreements.id"), nullable=True)
    kind: Mapped[AgreementKind] = mapped_column(EnumText(AgreementKind), index=True)
    status: Mapped[AgreementStatus] = mapped_column(EnumText(AgreementStatus), index=True)
    title: Mapped[str] = mapped_column(String(300))
    prepared_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"))  # whose letterhead
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("people.id"), nullable=True, index=True)
    funder_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("funders.id"), nullable=True)
    contract_number: Mapped[str] = mapped_column(String(60), default="")
    effective_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    effective_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    review_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    page_size: Mapped[str] = mapped_column(String(10), default="letter")  # "letter" or "a4"
    large_print: Mapped[bool] = mapped_column(Boolean, default=False)
    finalized_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finalized_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"), nullable=True)
    document_attachment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("attachments.id"),
                                                                     nullable=True)
    document_sha256: Mapped[str] = mapped_column(String(64), default="")
    signed_copy_attachment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("attachments.id"),
                                                                        nullable=True)
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # terminated or expired on
    end_reason: Mapped[str] = mapped_column(Text, default="")
    amendment_reason: Mapped[str] = mapped_column(Text, default="")  # why this version replaces the last
    created_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))

    parties: Mapped[list[AgreementParty]] = relationship(order_by="AgreementParty.position")
    sections: Mapped[list[AgreementSection]] = relationship(order_by="AgreementSection.position")
    service_lines: Mapped[list[AgreementServiceLine]] = relationship(order_by="AgreementServiceLine.position")


class AgreementParty(Entity, Base):
    """An organization (or the person) bound by the agreement, with the role it plays in it."""

    __tablename__ = "agreement_parties"

    agreement_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agreements.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"), nullable=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("people.id"), nullable=True)
    name: Mapped[str] = mapped_column(String(200))   # as printed
    role: Mapped[str] = mapped_column(String(100), default="")  # "Funder", "Provider", "Required partner"
    contributions: Mapped[str] = mapped_column(Text, default="")  # services it provides, resources it gives

    signatories: Mapped[list[AgreementSignatory]] = relationship(order_by="AgreementSignatory.position")


class AgreementSignatory(Entity, Base):
    __tablename__ = "agreement_signatories"

    party_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agreement_parties.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    is_person: Mapped[bool] = mapped_column(Boolean, default=False)  # the job seeker (or representative)
    representative_authority: Mapped[str] = mapped_column(String(100), default="")  # "Guardian"
    signed_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class AgreementSection(Entity, Base):
    """A numbered section as printed: filled from a clause template, editable until final."""

    __tablename__ = "agreement_sections"

    agreement_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agreements.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    section_key: Mapped[str] = mapped_column(String(60))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)


class AgreementServiceLine(Entity, Base):
    """A service or milestone the agreement covers: with its unit and rate (a POSA, from the funder's fee
    schedule), who provides it and who pays (an individual agreement, from the cost-share plan)."""

    __tablename__ = "agreement_service_lines"

    agreement_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agreements.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    funder_service_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("funder_services.id"),
                                                                nullable=True)
    code: Mapped[str] = mapped_column(String(40), default="")
    service: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(40), default="")
    rate: Mapped[Decimal | None] = mapped_column(Numeric(10, 2), nullable=True)
    units: Mapped[Decimal | None] = mapped_column(Numeric(10, 2), nullable=True)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), nullable=True)
    provided_by: Mapped[str] = mapped_column(String(200), default="")
    paid_by: Mapped[str] = mapped_column(String(200), default="")
