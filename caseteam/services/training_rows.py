"""What the training log hands to screens: frozen rows for courses, sessions with their attendees, and
credentials with their expiry said in words."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from caseteam.documents.dates import long_date
from caseteam.domain.training import Course, CourseTopic, Credential, SessionKind, TrainingSession


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def expiry_words(expires_on: date | None, today: date) -> str:
    """"No expiry", "Expires today", "Expires in 12 days (January 3, 2027)", "Expired 5 days ago (…)"."""
    if expires_on is None:
        return "No expiry"
    days = (expires_on - today).days
    if days == 0:
        return "Expires today"
    if days > 0:
        return f"Expires in {_days(days)} ({long_date(expires_on)})"
    return f"Expired {_days(-days)} ago ({long_date(expires_on)})"


@dataclass(frozen=True)
class CourseRow:
    id: uuid.UUID
    name: str
    topic: CourseTopic
    provider: str
    hours: Decimal | None
    credential_name: str
    valid_months: int | None
    description: str
    version: int

    @classmethod
    def of(cls, c: Course) -> CourseRow:
        return cls(c.id, c.name, c.topic, c.provider, c.hours, c.credential_name, c.valid_months, c.description,
                   c.version)

    @property
    def earns(self) -> str:
        """What completing it earns, in words."""
        if not self.credential_name:
            return ""
        return self.credential_name + (f" (valid {self.valid_months} months)" if self.valid_months else "")


@dataclass(frozen=True)
class AttendeeRow:
    staff_id: uuid.UUID
    staff_name: str
    organization_name: str
    completed: bool


@dataclass(frozen=True)
class SessionRow:
    id: uuid.UUID
    kind: SessionKind
    title: str
    held_on: date
    course_id: uuid.UUID | None
    course_name: str
    presenting_organization_id: uuid.UUID | None
    presenting_organization_name: str
    partnership_id: uuid.UUID | None
    place: str
    topics: str
    attendees: tuple[AttendeeRow, ...]
    version: int

    @classmethod
    def of(cls, s: TrainingSession, names: dict, staff: dict) -> SessionRow:
        """`names` maps course and organization ids to names, `staff` staff ids to (StaffMember, org name)."""
        attendees = []
        for a in s.attendance:
            if a.archived_at is not None or a.staff_id not in staff:
                continue
            member, org = staff[a.staff_id]
            attendees.append(AttendeeRow(a.staff_id, member.name, org, a.completed))
        attendees.sort(key=lambda a: a.staff_name)
        return cls(s.id, s.kind, s.title, s.held_on, s.course_id, names.get(s.course_id, ""),
                   s.presenting_organization_id, names.get(s.presenting_organization_id, ""), s.partnership_id,
                   s.place, s.topics, tuple(attendees), s.version)


@dataclass(frozen=True)
class CredentialRow:
    id: uuid.UUID
    staff_id: uuid.UUID
    staff_name: str
    organization_name: str
    name: str
    issuer: str
    issued_on: date | None
    expires_on: date | None
    course_id: uuid.UUID | None
    session_id: uuid.UUID | None
    required_by_funder_id: uuid.UUID | None
    funder_name: str
    attachment_id: uuid.UUID | None
    state: str        # the expiry in words on the day the row was read
    version: int

    @classmethod
    def of(cls, c: Credential, staff_name: str, organization_name: str, funder_name: str | None,
           today: date) -> CredentialRow:
        return cls(c.id, c.staff_id, staff_name, organization_name, c.name, c.issuer, c.issued_on, c.expires_on,
                   c.course_id, c.session_id, c.required_by_funder_id, funder_name or "", c.attachment_id,
                   expiry_words(c.expires_on, today), c.version)

    def expired(self, on: date) -> bool:
        return self.expires_on is not None and self.expires_on < on
