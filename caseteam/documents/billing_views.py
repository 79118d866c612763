"""The plain data an invoice and a progress report print (and export to XLSX): built and permission-checked
by the billing services, rendered by documents/invoice_document.py and documents/progress_report.py.

Money is Decimal; no ORM objects and no domain enums, so renderers can be tested from literals alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal


@dataclass(frozen=True)
class PartyView:
    """The provider billing, or the funder billed: what the header of the page needs."""

    name: str
    program: str = ""          # "Division of Vocational Rehabilitation – Supported employment"
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class InvoiceLineView:
    served_on: date
    code: str                   # the funder's service or milestone code
    description: str
    units: Decimal
    unit_label: str             # "15-minute unit", "hour", "milestone"
    rate: Decimal
    amount: Decimal
    reference: str = ""         # SV-0012 or MS-0003: where the line came from
    staff_name: str = ""
    starts_at: time | None = None
    ends_at: time | None = None
    authorization_number: str = ""
    evidence: str = ""          # what shows the milestone was reached / the note the service comes from


@dataclass(frozen=True)
class InvoiceView:
    reference: str              # IV-0004
    revision: int               # 2 and more: a corrected invoice resubmitted
    status: str                 # "Draft", "Submitted", "Paid", "Returned"
    provider: PartyView
    funder: PartyView
    person_name: str
    person_reference: str       # PE-0003
    funder_person_id: str       # the funder's own case number for the person, when known
    period_from: date
    period_to: date
    lines: tuple[InvoiceLineView, ...]
    total: Decimal
    generated_on: date
    submitted_on: date | None = None
    previous_reference: str = ""     # "IV-0004 revision 1, returned on … : missing signature"
    returned_reason: str = ""
    authorization_numbers: tuple[str, ...] = ()
    note: str = ""
    demo: bool = False


@dataclass(frozen=True)
class ServiceLogLineView:
    """One row of a waiver 15-minute unit log (also the service list of a VR narrative report)."""

    served_on: date
    service: str
    starts_at: time | None
    ends_at: time | None
    units: Decimal
    staff_name: str
    note_excerpt: str = ""
    reference: str = ""


@dataclass(frozen=True)
class ProgressMilestoneView:
    name: str
    status: str                 # "Achieved", "Invoiced", "Paid", "Due", "Returned"
    on: date | None
    amount: Decimal


@dataclass(frozen=True)
class ProgressNoteView:
    held_on: date
    kind: str                   # "Job development", "Follow-along"
    author: str
    text: str


@dataclass(frozen=True)
class ProgressReportView:
    reference: str              # PR-0002
    layout: str                 # "vr_narrative" or "waiver_unit_log"
    provider: PartyView
    funder: PartyView
    person_name: str
    person_reference: str
    period_from: date
    period_to: date
    employment_goal: str
    narrative: str              # the job developer's summary of the month
    notes: tuple[ProgressNoteView, ...]
    services: tuple[ServiceLogLineView, ...]
    milestones: tuple[ProgressMilestoneView, ...]
    total_units: Decimal
    generated_on: date
    authorization_numbers: tuple[str, ...] = ()
    employment: str = ""        # "Hired at Riverside Grocery on March 3, 2026, 20 hours a week at $16.00"
    next_steps: str = ""
    written_by: str = ""
    demo: bool = False
