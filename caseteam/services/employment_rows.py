"""Frozen rows of the Employment page: a job with its supports, changes, pauses and extended supports,
and the follow-along view (retention tracks per funder and the contact notes)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from caseteam.domain.employment import SeparationReason, SupportKind

from .retention import Track


@dataclass(frozen=True)
class SupportRow:
    id: uuid.UUID
    job_id: uuid.UUID
    kind: SupportKind
    description: str
    hours_per_week: Decimal | None
    starts_on: date
    ends_on: date | None

    @property
    def words(self) -> str:
        return self.describe()

    def describe(self, job_ended: date | None = None) -> str:
        """In words; a support still open on a job that ended ran until the job did."""
        hours = f", {self.hours_per_week.normalize():f} h/week" if self.hours_per_week is not None else ""
        until = (f" to {self.ends_on.isoformat()}" if self.ends_on
                 else f" until the job ended {job_ended.isoformat()}" if job_ended else " (current)")
        text = f" – {self.description}" if self.description else ""
        return f"{self.kind.label}{hours}{text}, from {self.starts_on.isoformat()}{until}"


@dataclass(frozen=True)
class ChangeRow:
    id: uuid.UUID
    job_id: uuid.UUID
    effective_on: date
    hours_per_week: Decimal | None
    hourly_wage: Decimal | None
    job_title: str
    note: str

    @property
    def words(self) -> str:
        parts = []
        if self.job_title:
            parts.append(f"title {self.job_title}")
        if self.hours_per_week is not None:
            parts.append(f"{self.hours_per_week.normalize():f} hours a week")
        if self.hourly_wage is not None:
            parts.append(f"${self.hourly_wage:.2f} an hour")
        text = f"From {self.effective_on.isoformat()}: " + (", ".join(parts) or "no change of figures")
        return text + (f" – {self.note}" if self.note else "")


@dataclass(frozen=True)
class PauseRow:
    id: uuid.UUID
    job_id: uuid.UUID
    starts_on: date
    ends_on: date | None
    reason: str

    @property
    def words(self) -> str:
        span = (f"{self.starts_on.isoformat()} to {self.ends_on.isoformat()}" if self.ends_on
                else f"since {self.starts_on.isoformat()} (still paused)")
        return f"Paused {span}" + (f" – {self.reason}" if self.reason else "")


@dataclass(frozen=True)
class ExtendedSupportRow:
    id: uuid.UUID
    job_id: uuid.UUID
    provider_organization_id: uuid.UUID | None
    provider_name: str
    funder_organization_id: uuid.UUID | None
    funder_name: str
    description: str
    hours_per_month: Decimal | None
    starts_on: date
    ends_on: date | None
    version: int

    @property
    def words(self) -> str:
        return self.describe()

    def describe(self, job_ended: date | None = None) -> str:
        hours = f", {self.hours_per_month.normalize():f} h/month" if self.hours_per_month is not None else ""
        until = (f" to {self.ends_on.isoformat()}" if self.ends_on
                 else f" until the job ended {job_ended.isoformat()}" if job_ended else " (current)")
        text = f" – {self.description}" if self.description else ""
        return (f"{self.provider_name or 'Provider not named'}, paid by {self.funder_name or 'funder not named'}"
                f"{hours}{text}, from {self.starts_on.isoformat()}{until}")


@dataclass(frozen=True)
class JobRow:
    id: uuid.UUID
    ref: str
    person_id: uuid.UUID
    organization_id: uuid.UUID | None
    employer_name: str
    negotiation_id: uuid.UUID | None
    job_title: str
    duties: str
    hours_per_week: Decimal
    hourly_wage: Decimal
    benefits: str
    start_date: date
    stabilized_on: date | None
    separated_on: date | None
    separation_reason: SeparationReason | None
    separation_note: str
    benefits_planning_referred_on: date | None
    supports: tuple[SupportRow, ...]
    changes: tuple[ChangeRow, ...]
    pauses: tuple[PauseRow, ...]
    extended_supports: tuple[ExtendedSupportRow, ...]
    version: int

    @property
    def current(self) -> bool:
        return self.separated_on is None

    @property
    def open_pause(self) -> PauseRow | None:
        return next((p for p in self.pauses if p.ends_on is None), None)

    @property
    def status_words(self) -> str:
        if self.separated_on is not None:
            reason = f" ({self.separation_reason.label.lower()})" if self.separation_reason else ""
            return f"Ended {self.separated_on.isoformat()}{reason}"
        if self.open_pause is not None:
            return f"Current; follow-along paused since {self.open_pause.starts_on.isoformat()}"
        if self.stabilized_on is not None:
            return f"Current; stabilized {self.stabilized_on.isoformat()}"
        return "Current"


@dataclass(frozen=True)
class ContactRow:
    """A follow-along contact: a case note linked to the job."""

    id: uuid.UUID
    ref: str
    held_on: date
    kind_label: str
    body: str
    author_name: str
    signed: bool

    @property
    def words(self) -> str:
        first = self.body.strip().splitlines()[0] if self.body.strip() else ""
        draft = "" if self.signed else " (draft)"
        return f"{self.held_on.isoformat()} · {self.kind_label}{draft} · {self.author_name}: {first}"


@dataclass(frozen=True)
class FollowAlongRow:
    job: JobRow
    tracks: tuple[Track, ...]
    contacts: tuple[ContactRow, ...]
    today: date


@dataclass(frozen=True)
class OfferChoice:
    """A negotiation in status Offer, as a starting point for recording the hire (its terms pre-filled)."""

    id: uuid.UUID
    ref: str
    organization_id: uuid.UUID
    employer_name: str
    job_title: str
    duties: str
    hours_per_week: Decimal | None
    hourly_wage: Decimal | None
    benefits: str
    start_date: date | None
    supports: str
    accommodations: str

    @property
    def words(self) -> str:
        return f"{self.ref}: {self.job_title or 'untitled job'} at {self.employer_name}"


@dataclass(frozen=True)
class HireChoices:
    offers: tuple[OfferChoice, ...]
    employers: tuple[tuple[uuid.UUID, str], ...]
    today: date
