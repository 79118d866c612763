"""Frozen rows for agreements: one version with its parties, signatories, sections and service lines."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from caseteam.domain.agreements import Agreement, AgreementKind, AgreementStatus


@dataclass(frozen=True)
class SignatoryRow:
    id: uuid.UUID
    name: str
    title: str
    staff_id: uuid.UUID | None
    is_person: bool
    representative_authority: str
    signed_on: date | None


@dataclass(frozen=True)
class PartyRow:
    id: uuid.UUID
    organization_id: uuid.UUID | None
    person_id: uuid.UUID | None
    name: str
    role: str
    contributions: str
    signatories: tuple[SignatoryRow, ...]


@dataclass(frozen=True)
class SectionRow:
    section_key: str
    title: str
    body: str


@dataclass(frozen=True)
class ServiceLineRow:
    funder_service_id: uuid.UUID | None
    code: str
    service: str
    unit: str
    rate: Decimal | None
    units: Decimal | None
    amount: Decimal | None
    provided_by: str
    paid_by: str


@dataclass(frozen=True)
class AgreementRow:
    id: uuid.UUID
    ref: str
    number: str
    revision: int
    previous_id: uuid.UUID | None
    kind: AgreementKind
    status: AgreementStatus
    title: str
    prepared_by_id: uuid.UUID
    person_id: uuid.UUID | None
    funder_id: uuid.UUID | None
    contract_number: str
    effective_from: date | None
    effective_to: date | None
    review_on: date | None
    page_size: str
    large_print: bool
    finalized_at: datetime | None
    document_sha256: str
    signed_copy_attachment_id: uuid.UUID | None
    ended_on: date | None
    end_reason: str
    amendment_reason: str
    parties: tuple[PartyRow, ...]
    sections: tuple[SectionRow, ...]
    service_lines: tuple[ServiceLineRow, ...]
    version: int


def row_of(a: Agreement) -> AgreementRow:
    parties = tuple(PartyRow(p.id, p.organization_id, p.person_id, p.name, p.role, p.contributions, tuple(
        SignatoryRow(s.id, s.name, s.title, s.staff_id, s.is_person, s.representative_authority, s.signed_on)
        for s in p.signatories)) for p in a.parties)
    return AgreementRow(
        a.id, a.ref, a.number, a.revision, a.previous_id, a.kind, a.status, a.title, a.prepared_by_id, a.person_id,
        a.funder_id, a.contract_number, a.effective_from, a.effective_to, a.review_on, a.page_size, a.large_print,
        a.finalized_at, a.document_sha256, a.signed_copy_attachment_id, a.ended_on, a.end_reason,
        a.amendment_reason, parties, tuple(SectionRow(s.section_key, s.title, s.body) for s in a.sections),
        tuple(ServiceLineRow(l.funder_service_id, l.code, l.service, l.unit, l.rate, l.units, l.amount,
                             l.provided_by, l.paid_by) for l in a.service_lines),
        a.version)
