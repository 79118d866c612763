"""What the referral services hand to screens: frozen rows for a referral and its status history, the
choices the Send dialog offers and the dashboard's counts."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from caseteam.domain.consent import InformationCategory
from caseteam.domain.referrals import Referral, ReferralEvent, ReferralStatus, Urgency
from caseteam.storage.queries.referrals import UNANSWERED, Names

from .consent_rows import ordered

TRANSITIONS = ("receive", "accept", "decline", "start", "complete", "withdraw", "revert", "edit")


def categories_of(text: str) -> tuple[InformationCategory, ...]:
    return ordered(v for v in (text or "").split(",") if v)


def is_overdue(status: ReferralStatus, respond_by: date | None, today: date) -> bool:
    """Not answered (sent or received) by its respond-by day: overdue for both sides."""
    return status in UNANSWERED and respond_by is not None and respond_by < today


def contact_words(*parts) -> str:
    """"Kevin O'Brien, 555-0100, kevin@example.org" from whichever parts are there."""
    return ", ".join(p.strip() for p in parts if p and p.strip())


@dataclass(frozen=True)
class ReferralRow:
    id: uuid.UUID
    ref: str
    version: int
    person_id: uuid.UUID
    person_ref: str
    person_name: str
    from_organization_id: uuid.UUID
    from_organization_name: str
    from_staff_id: uuid.UUID | None
    from_staff_name: str
    to_organization_id: uuid.UUID
    to_organization_name: str
    to_staff_id: uuid.UUID | None
    to_staff_name: str
    program_id: uuid.UUID | None
    program_name: str
    service: str
    reason: str
    urgency: Urgency
    shared_categories: tuple[InformationCategory, ...]
    release_id: uuid.UUID | None
    release_ref: str
    sent_on: date
    respond_by: date | None
    status: ReferralStatus
    status_on: date
    decline_reason: str
    outcome: str
    overdue: bool
    days_open: int
    team_member_id: uuid.UUID | None
    first_task_id: uuid.UUID | None
    first_task_ref: str
    contact: str

    @property
    def closed(self) -> bool:
        return self.status.closed

    @property
    def status_words(self) -> str:
        """The status as a list says it: "Sent (overdue: answer was due March 3, 2027)"."""
        if self.overdue:
            return f"{self.status.label} (overdue: answer was due {self.respond_by:%B} {self.respond_by.day}, " \
                   f"{self.respond_by.year})"
        return self.status.label

    @classmethod
    def of(cls, r: Referral, names: Names, today: date) -> ReferralRow:
        person = names.people[r.person_id]
        orgs, staff = names.organizations, names.staff
        sender, receiver = orgs[r.from_organization_id], orgs[r.to_organization_id]
        from_staff, to_staff = staff.get(r.from_staff_id), staff.get(r.to_staff_id)
        release = names.releases.get(r.release_id)
        end = today if not r.status.closed else r.status_on
        if to_staff is not None and (to_staff.phone or to_staff.email):
            contact = contact_words(to_staff.name, to_staff.phone or receiver.phone, to_staff.email)
        else:
            contact = contact_words(receiver.name, receiver.phone, receiver.email)
        return cls(r.id, r.ref, r.version, r.person_id, person.ref, person.display_name, sender.id, sender.name,
                   r.from_staff_id, from_staff.name if from_staff else "", receiver.id, receiver.name,
                   r.to_staff_id, to_staff.name if to_staff else "", r.program_id, names.programs.get(r.program_id, ""),
                   r.service, r.reason, r.urgency, categories_of(r.shared_categories), r.release_id,
                   release.ref if release else "", r.sent_on, r.respond_by, r.status, r.status_on, r.decline_reason,
                   r.outcome, is_overdue(r.status, r.respond_by, today), max(0, (end - r.sent_on).days),
                   r.team_member_id, r.first_task_id, names.tasks.get(r.first_task_id, ""), contact)


@dataclass(frozen=True)
class ReferralEventRow:
    status: ReferralStatus
    on: date
    at: datetime
    actor_name: str
    staff_name: str
    note: str

    @classmethod
    def of(cls, e: ReferralEvent, actor_name: str, staff_name: str) -> ReferralEventRow:
        return cls(e.status, e.on, e.at, actor_name, staff_name, e.note)


@dataclass(frozen=True)
class ReferralDetail:
    referral: ReferralRow
    events: tuple[ReferralEventRow, ...]
    may_act: frozenset[str]   # the transitions (TRANSITIONS) this actor may make now


@dataclass(frozen=True)
class ReferralChoices:
    organizations: tuple[tuple[uuid.UUID, str], ...]
    staff: dict[uuid.UUID, tuple[tuple[uuid.UUID, str], ...]]
    programs: dict[uuid.UUID, tuple[tuple[uuid.UUID, str, str], ...]]
    covered: dict[uuid.UUID, tuple[InformationCategory, ...]]   # what a release lets the home organization share
    default_from_organization_id: uuid.UUID | None
    default_from_staff_id: uuid.UUID | None


@dataclass(frozen=True)
class ReferralCounts:
    open: int
    overdue: int
    by_status: dict[ReferralStatus, int]
    sent_last_30_days: int
    completed_last_30_days: int
    declined_last_30_days: int
    median_days_to_answer: float | None   # from sending to the first acceptance or decline


def referral_words(counts: ReferralCounts | None) -> str:
    """"11 referrals: 7 open, 2 overdue (Sent 3, Received 2, …); answered in 4 days (median)"."""
    if counts is None:
        return ""
    total = sum(counts.by_status.values())
    if not total:
        return "No referrals."
    statuses = ", ".join(f"{status.label} {n}" for status, n in counts.by_status.items() if n)
    median = counts.median_days_to_answer
    answered = ("no answers yet" if median is None else
                f"answered in {median:g} day{'s' if median != 1 else ''} (median, accepted or declined)")
    return (f"{total} referral{'s' if total != 1 else ''}: {counts.open} open, {counts.overdue} overdue "
            f"({statuses}); {answered}; in the last 30 days {counts.sent_last_30_days} sent, "
            f"{counts.completed_last_30_days} completed, {counts.declined_last_30_days} declined.")
