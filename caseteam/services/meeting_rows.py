"""What the meeting services hand back: frozen rows, never ORM objects."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from caseteam.domain.meetings import Attendance, Meeting, MeetingKind, MeetingStatus, Recurrence
from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.partnerships import Partnership
from caseteam.domain.people import Person
from caseteam.domain.tasks import TaskStatus
from caseteam.storage.queries import meetings as queries

from . import meeting_recurrence


@dataclass(frozen=True)
class AttendeeRow:
    id: uuid.UUID
    name: str
    role: str
    organization_name: str
    staff_id: uuid.UUID | None
    is_person: bool
    attendance: Attendance


@dataclass(frozen=True)
class AgendaRow:
    id: uuid.UUID
    title: str
    notes: str
    carried_from_id: uuid.UUID | None


@dataclass(frozen=True)
class DecisionRow:
    id: uuid.UUID
    text: str


@dataclass(frozen=True)
class ActionItemRow:
    id: uuid.UUID
    text: str
    organization_id: uuid.UUID
    organization_name: str
    staff_id: uuid.UUID | None
    staff_name: str
    due: date | None
    task_id: uuid.UUID | None
    task_ref: str
    task_status: TaskStatus | None
    carried: bool

    @property
    def open(self) -> bool:
        return self.task_status is None or self.task_status.active


@dataclass(frozen=True)
class MeetingRow:
    id: uuid.UUID
    ref: str
    kind: MeetingKind
    title: str
    status: MeetingStatus
    person_id: uuid.UUID | None
    person_ref: str
    person_name: str
    partnership_id: uuid.UUID | None
    partnership_name: str
    host_organization_id: uuid.UUID
    host_organization_name: str
    series_id: uuid.UUID | None
    recurrence: Recurrence
    repeats: str                     # "Every 3 months on the 2nd Tuesday"
    previous_id: uuid.UUID | None
    starts_local: datetime
    zone: str
    duration_minutes: int
    place: str
    call_link: str
    facilitator: str
    purpose: str
    minutes: str
    held_at: datetime | None
    version: int
    attendees: tuple[AttendeeRow, ...]
    agenda: tuple[AgendaRow, ...]
    decisions: tuple[DecisionRow, ...]
    action_items: tuple[ActionItemRow, ...]

    @property
    def starts_at(self) -> datetime:
        """The UTC instant it starts."""
        return meeting_recurrence.instant(self.starts_local, self.zone)

    @property
    def ends_local(self) -> datetime:
        return meeting_recurrence.duration_end(self.starts_local, self.duration_minutes)

    @property
    def when(self) -> str:
        """'Tuesday, March 10, 2026, 10:00 to 11:00 (America/New_York)'."""
        s, e = self.starts_local, self.ends_local
        return f"{s:%A, %B} {s.day}, {s.year}, {s:%H:%M} to {e:%H:%M} ({self.zone})"


def _name(session, model, key, attr: str = "name") -> str:
    found = session.get(model, key) if key is not None else None
    return getattr(found, attr) if found is not None else ""


def row_of(uow, m: Meeting) -> MeetingRow:
    session = uow.session
    orgs: dict = {}

    def org(key) -> str:
        if key not in orgs:
            orgs[key] = _name(session, Organization, key)
        return orgs[key]

    person = session.get(Person, m.person_id) if m.person_id is not None else None
    series = queries.series(session, m.series_id)
    tasks = queries.task_refs(session, [a.task_id for a in m.action_items if a.task_id is not None])
    attendees = tuple(AttendeeRow(a.id, a.name, a.role, org(a.organization_id) if a.organization_id else "",
                                  a.staff_id, a.person_id is not None, a.attendance) for a in m.attendees)
    agenda = tuple(AgendaRow(a.id, a.title, a.notes, a.carried_from_id) for a in m.agenda)
    decisions = tuple(DecisionRow(d.id, d.text) for d in m.decisions)
    actions = tuple(ActionItemRow(
        a.id, a.text, a.organization_id, org(a.organization_id), a.staff_id,
        _name(session, StaffMember, a.staff_id), a.due, a.task_id,
        tasks[a.task_id].ref if a.task_id in tasks else "",
        tasks[a.task_id].status if a.task_id in tasks else None, a.carried) for a in m.action_items)
    return MeetingRow(
        m.id, m.ref, m.kind, m.title, m.status, m.person_id, person.ref if person else "",
        person.display_name if person else "", m.partnership_id, _name(session, Partnership, m.partnership_id),
        m.host_organization_id, org(m.host_organization_id), m.series_id,
        Recurrence(series.recurrence) if series else Recurrence.NONE, meeting_recurrence.describe(series),
        m.previous_id, m.starts_local, m.zone, m.duration_minutes, m.place, m.call_link, m.facilitator, m.purpose,
        m.minutes, m.held_at, m.version, attendees, agenda, decisions, actions)
