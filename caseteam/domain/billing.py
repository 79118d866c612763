"""Braided funding, second part: getting paid. Milestones a funder pays for (some due from the employment
record's dates), invoices per funder and person with their lines and lifecycle (a returned invoice is
corrected as a new revision; both are kept), and monthly progress reports in the funder's layout.
Money is Numeric (exact) everywhere; never a float."""

from __future__ import annotations

import enum
import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity, EnumText


class MilestoneEvent(enum.Enum):
    """What achieves a milestone. Employment events are worked out from the job's dates, not by hand."""

    MANUAL = "manual"
    DISCOVERY_COMPLETE = "discovery_complete"
    VOCATIONAL_PROFILE = "vocational_profile"
    CE_PLAN = "ce_plan"
    PLACEMENT = "placement"
    RETENTION_30 = "retention_30"
    RETENTION_60 = "retention_60"
    RETENTION_90 = "retention_90"
    CLOSURE = "closure"

    @property
    def label(self) -> str:
        return {"manual": "Recorded by hand", "discovery_complete": "Discovery complete",
                "vocational_profile": "Vocational profile delivered",
                "ce_plan": "CE planning meeting held and plan delivered", "placement": "Job placement",
                "retention_30": "30 days in the job", "retention_60": "60 days in the job",
                "retention_90": "90 days in the job", "closure": "Case closed"}[self.value]

    @property
    def retention_days(self) -> int | None:
        return {"retention_30": 30, "retention_60": 60, "retention_90": 90}.get(self.value)

    @property
    def from_employment(self) -> bool:
        return self is MilestoneEvent.PLACEMENT or self.retention_days is not None


class MilestoneStatus(enum.Enum):
    DUE = "due"  # expected (from a job's dates) but not reached or not confirmed yet
    ACHIEVED = "achieved"
    INVOICED = "invoiced"
    PAID = "paid"
    RETURNED = "returned"
    DENIED = "denied"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class InvoiceStatus(enum.Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    PAID = "paid"
    RETURNED = "returned"  # sent back with a reason; corrected as a new revision
    DENIED = "denied"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Milestone(Editable, Base):
    """A milestone one person reached (or is due to reach) for one funder's milestone service."""

    __tablename__ = "milestones"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    funder_service_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("funder_services.id"), index=True)
    authorization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("authorizations.id"), nullable=True)
    job_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("jobs.id"), nullable=True, index=True)
    event: Mapped[MilestoneEvent] = mapped_column(EnumText(MilestoneEvent), default=MilestoneEvent.MANUAL)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    achieved_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    evidence: Mapped[str] = mapped_column(Text, default="")  # what shows it was reached, in words
    evidence_attachment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("attachments.id"),
                                                                     nullable=True)
    status: Mapped[MilestoneStatus] = mapped_column(EnumText(MilestoneStatus), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")  # why it was returned or denied
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))


class Invoice(Editable, Base):
    """One funder's invoice for one person and period. A correction is a new revision pointing back."""

    __tablename__ = "invoices"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    funder_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("funders.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    provider_organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"))
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    previous_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("invoices.id"), nullable=True)
    status: Mapped[InvoiceStatus] = mapped_column(EnumText(InvoiceStatus), index=True)
    total: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    submitted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    paid_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    paid_amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), nullable=True)
    returned_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")  # why it was returned or denied
    note: Mapped[str] = mapped_column(Text, default="")
    # The PDF as it was sent, kept when the invoice is submitted.
    document_attachment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("attachments.id"),
                                                                     nullable=True)
    created_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))

    lines: Mapped[list[InvoiceLine]] = relationship(order_by="InvoiceLine.position")


class InvoiceLine(Entity, Base):
    """What one line bills, copied from its service entry or milestone when the line is made."""

    __tablename__ = "invoice_lines"

    invoice_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("invoices.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    service_entry_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("service_entries.id"),
                                                               nullable=True, index=True)
    milestone_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("milestones.id"), nullable=True,
                                                           index=True)
    served_on: Mapped[date] = mapped_column(Date)
    code: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(String(300))
    units: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    rate: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    evidence: Mapped[str] = mapped_column(Text, default="")


class ProgressReport(Editable, Base):
    """A month's progress report to one funder for one person, in the funder's layout."""

    __tablename__ = "progress_reports"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)
    funder_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("funders.id"), index=True)
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    layout: Mapped[str] = mapped_column(String(40))
    narrative: Mapped[str] = mapped_column(Text, default="")  # the job developer's summary of the month
    sent_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    document_attachment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("attachments.id"),
                                                                     nullable=True)
    invoice_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("invoices.id"), nullable=True)
    written_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
