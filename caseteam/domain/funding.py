"""Braided funding, first part: funders and the services they pay for, their fee schedules, a person's
authorizations (with amendments), the cost-share plan that says which funder pays which service when,
and the service entries drawn on them. Money is Numeric (exact) everywhere; never a float.

A funder is an organization's program seen as a payer (VR, a Medicaid waiver, WIOA Title I...). Ticket
to Work payments are claims backed by earnings, and a PASS plan is the person's own money: neither is
an authorization here.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, Text, Time, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity, EnumText, UTCDateTime
from .billing import MilestoneEvent


class FunderKind(enum.Enum):
    VR = "vr"
    MEDICAID_WAIVER = "medicaid_waiver"
    WIOA_TITLE_I = "wioa_title_i"
    SCHOOL_DISTRICT = "school_district"
    MENTAL_HEALTH = "mental_health"
    TICKET_TO_WORK = "ticket_to_work"
    FOUNDATION = "foundation"
    EMPLOYER = "employer"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"vr": "Vocational rehabilitation", "medicaid_waiver": "Medicaid waiver",
                "wioa_title_i": "WIOA Title I", "school_district": "School district",
                "mental_health": "Mental-health funding", "ticket_to_work": "Ticket to Work employment network",
                "foundation": "Foundation / private", "employer": "Employer", "other": "Other"}[self.value]


class BillingUnit(enum.Enum):
    QUARTER_HOUR = "quarter_hour"  # Medicaid's 15-minute unit
    HOUR = "hour"
    DAY = "day"
    MILESTONE = "milestone"
    ITEM = "item"

    @property
    def label(self) -> str:
        return {"quarter_hour": "15-minute unit", "hour": "hour", "day": "day", "milestone": "milestone",
                "item": "item"}[self.value]


class UnitRounding(enum.Enum):
    """How a funder turns minutes into 15-minute units."""

    EIGHT_MINUTE = "eight_minute"  # a unit for each full 15 minutes, plus one if 8 or more minutes remain
    WHOLE_UNITS_ONLY = "whole_units_only"  # only full 15-minute units count
    ROUND_UP = "round_up"  # any part of a unit counts as a unit


class AuthorizationStatus(enum.Enum):
    REQUESTED = "requested"
    ACTIVE = "active"
    EXHAUSTED = "exhausted"
    EXPIRED = "expired"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Funder(Editable, Base):
    __tablename__ = "funders"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), index=True)
    program_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("programs.id"), nullable=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[FunderKind] = mapped_column(EnumText(FunderKind))
    unit_rounding: Mapped[UnitRounding] = mapped_column(EnumText(UnitRounding), default=UnitRounding.EIGHT_MINUTE)
    rules: Mapped[str] = mapped_column(Text, default="")  # the funder's rules in its own words
    # Which layout its progress reports and invoices take ("vr_narrative", "waiver_unit_log").
    report_layout: Mapped[str] = mapped_column(String(40), default="")
    blended_pool: Mapped[bool] = mapped_column(Boolean, default=False)  # funds pooled under one authority

    services: Mapped[list[FunderService]] = relationship(order_by="FunderService.code")


class FunderService(Editable, Base):
    """A service (or milestone) a funder pays for, in its unit, with what it requires."""

    __tablename__ = "funder_services"

    funder_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("funders.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[BillingUnit] = mapped_column(EnumText(BillingUnit))
    required_credential: Mapped[str] = mapped_column(String(100), default="")  # e.g. "ACRE CE certificate"
    # Waiver supported employment: documented proof that VR or the school cannot provide it first.
    needs_first_payer_proof: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence_required: Mapped[str] = mapped_column(Text, default="")
    # For a milestone service: what achieves it (employment events are due from the job's dates).
    milestone_event: Mapped[MilestoneEvent] = mapped_column(EnumText(MilestoneEvent), default=MilestoneEvent.MANUAL)

    rates: Mapped[list[FeeRate]] = relationship(order_by="FeeRate.effective_from")


class FeeRate(Entity, Base):
    """The fee schedule: what the funder pays per unit from a date (the last row without an end applies)."""

    __tablename__ = "fee_rates"

    funder_service_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("funder_services.id"), index=True)
    rate: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date, nullable=True)


class Authorization(Editable, Base):
    """What a funder agreed to pay for one person: units and/or an amount, for a service, between dates."""

    __tablename__ = "authorizations"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    funder_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("funders.id"), index=True)
    funder_service_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("funder_services.id"))
    number: Mapped[str] = mapped_column(String(60), default="")  # the funder's authorization number
    units: Mapped[Decimal | None] = mapped_column(Numeric(10, 2), nullable=True)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(10, 2), nullable=True)
    rate: Mapped[Decimal | None] = mapped_column(Numeric(10, 2), nullable=True)
    starts_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[AuthorizationStatus] = mapped_column(EnumText(AuthorizationStatus), index=True)
    requested_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    follow_up_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # chase a requested one
    letter_attachment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("attachments.id"),
                                                                   nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")

    amendments: Mapped[list[AuthorizationAmendment]] = relationship(
        order_by="[AuthorizationAmendment.amended_on, AuthorizationAmendment.created_at]")


class AuthorizationAmendment(Entity, Base):
    """What an amendment changed, before and after (the authorization row holds the current values)."""

    __tablename__ = "authorization_amendments"

    authorization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("authorizations.id"), index=True)
    amended_on: Mapped[date] = mapped_column(Date)
    units_before: Mapped[Decimal | None] = mapped_column(Numeric(10, 2), nullable=True)
    units_after: Mapped[Decimal | None] = mapped_column(Numeric(10, 2), nullable=True)
    amount_before: Mapped[Decimal | None] = mapped_column(Numeric(10, 2), nullable=True)
    amount_after: Mapped[Decimal | None] = mapped_column(Numeric(10, 2), nullable=True)
    ends_before: Mapped[date | None] = mapped_column(Date, nullable=True)
    ends_after: Mapped[date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))


class CostShareEntry(Editable, Base):
    """Braiding: this funder pays this service for this person over this period, in this order."""

    __tablename__ = "cost_share_entries"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    funder_service_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("funder_services.id"))
    service_name: Mapped[str] = mapped_column(String(200))  # the service as the team names it
    sequence: Mapped[int] = mapped_column(Integer, default=1)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class ServiceEntry(Editable, Base):
    """Service really delivered: always recorded; whether it may be invoiced is decided by the rules."""

    __tablename__ = "service_entries"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    funder_service_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("funder_services.id"), index=True)
    served_on: Mapped[date] = mapped_column(Date, index=True)
    starts_at: Mapped[time | None] = mapped_column(Time, nullable=True)
    ends_at: Mapped[time | None] = mapped_column(Time, nullable=True)
    zone: Mapped[str] = mapped_column(String(60), default="")
    units: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    rate: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    provider_organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"))
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    case_note_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("case_notes.id"), nullable=True)
    authorization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("authorizations.id"),
                                                               nullable=True, index=True)
    # Set when the entry falls outside its authorization (or has none): the warning in words.
    unauthorized_reason: Mapped[str] = mapped_column(Text, default="")
    flags: Mapped[str] = mapped_column(Text, default="")  # credential, first-payer proof... one per line
    override_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("users.id"), nullable=True)
    override_reason: Mapped[str] = mapped_column(Text, default="")
    override_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    invoiced_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # A correcting entry points at the entry it corrects (an invoiced entry is never edited).
    corrects_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("service_entries.id"), nullable=True)
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))


class FirstPayerProof(Entity, Base):
    """A dated denial or letter showing VR or the school cannot provide a service first."""

    __tablename__ = "first_payer_proofs"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    funder_service_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("funder_services.id"))
    dated: Mapped[date] = mapped_column(Date)
    issued_by: Mapped[str] = mapped_column(String(200))
    attachment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("attachments.id"), nullable=True)
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))


class StaffCredential(Entity, Base):
    """A credential a staff member holds (what a funder may require to bill a service)."""

    __tablename__ = "staff_credentials"

    staff_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    valid_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)
