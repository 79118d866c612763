"""Critical-incident reports for people on a waiver: what happened and who was notified when. The waiver
sets a deadline for the notice, counted from when staff learned of the incident; each row says in words
whether the notice went out in time, late, is still due or is overdue.

The deadline's hours are the agency's setting (Settings.incident_notice_hours); services never read the
settings file, so every call that returns rows takes `notice_hours`.

Category: reports are filed under the plan (PLAN), as case notes are. A medical emergency's report is
still a PLAN record: a waiver report is about the person's safety and services, and splitting a report
between two categories would leave a partner with half of it.
"""

from __future__ import annotations

import enum
import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from caseteam.domain.consent import InformationCategory
from caseteam.domain.incidents import CriticalIncident, IncidentKind, IncidentNotification
from caseteam.domain.organizations import OrganizationKind
from caseteam.errors import ValidationError
from caseteam.storage.queries import incidents as queries
from caseteam.storage.queries import notes as note_queries

from . import access, need_to_know
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version, required_text

DEFAULT_NOTICE_HOURS = 24


class NoticeStatus(enum.Enum):
    IN_TIME = "in_time"
    LATE = "late"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class NotificationRow:
    id: uuid.UUID
    notified: str
    organization_id: uuid.UUID | None
    how: str
    notified_at: datetime
    recorded_by: str


@dataclass(frozen=True)
class IncidentRow:
    id: uuid.UUID
    ref: str
    person_id: uuid.UUID
    kind: IncidentKind
    occurred_at: datetime
    discovered_at: datetime
    zone: str
    place: str
    people_involved: str
    description: str
    actions_taken: str
    reported_by: str
    closed_at: datetime | None
    notifications: tuple[NotificationRow, ...]
    deadline: datetime
    notice_status: NoticeStatus
    notice_text: str  # "Notified in time", "Notified late by 3 hours", "Notice due in 5 hours", "Notice overdue…"
    waiver_note: str  # set when no DD/waiver organization serves the person: the report may not be required
    version: int


def notice_deadline(incident, hours: int) -> datetime:
    """When the notice is due: `hours` after staff learned of the incident."""
    return incident.discovered_at + timedelta(hours=hours)


def _hours(span: timedelta) -> str:
    n = max(1, math.floor(span.total_seconds() / 3600 + 0.5))
    return f"{n} hour{'s' if n != 1 else ''}"


def notice_status(deadline: datetime, first_notice: datetime | None, now: datetime) -> tuple[NoticeStatus, str]:
    """In words: late and overdue round to the nearest hour but say at least one (a minute late is late);
    due rounds down, so the hours shown are never more than are left."""
    if first_notice is not None:
        if first_notice <= deadline:
            return NoticeStatus.IN_TIME, "Notified in time"
        return NoticeStatus.LATE, f"Notified late by {_hours(first_notice - deadline)}"
    if now <= deadline:
        left = int((deadline - now).total_seconds() // 3600)
        when = f"in {left} hour{'s' if left != 1 else ''}" if left >= 1 else "within the hour"
        return NoticeStatus.DUE, f"Notice due {when}"
    return NoticeStatus.OVERDUE, f"Notice overdue by {_hours(now - deadline)}"


def _waiver_note(uow, person) -> str:
    kinds = queries.team_organization_kinds(uow.session, person.id, uow.today())
    if OrganizationKind.DD_WAIVER in kinds:
        return ""
    return (f"No county DD / waiver organization is on {person.display_name}'s team: check whether this "
            "report is required and who must receive it.")


def _row(uow, incident: CriticalIncident, hours: int, person=None, *, names=None,
         waiver: str | None = None) -> IncidentRow:
    """`names` and `waiver` are passed when a list has worked them out once for all its reports."""
    person = person or uow.people.get(incident.person_id, include_archived=True)
    if names is None:
        names = _names(uow, [incident])
    told = tuple(NotificationRow(n.id, n.notified, n.organization_id, n.how, n.notified_at,
                                 names.get(n.recorded_by_id, "")) for n in incident.notifications)
    deadline = notice_deadline(incident, hours)
    first = min((n.notified_at for n in told), default=None)
    status, text = notice_status(deadline, first, uow.now())
    return IncidentRow(incident.id, incident.ref, incident.person_id, incident.kind, incident.occurred_at,
                       incident.discovered_at, incident.zone, incident.place, incident.people_involved,
                       incident.description, incident.actions_taken, names.get(incident.reported_by_id, ""),
                       incident.closed_at, told, deadline, status, text,
                       _waiver_note(uow, person) if waiver is None else waiver, incident.version)


def _names(uow, incidents) -> dict:
    return note_queries.user_names(uow.session, {u for i in incidents for u in (
        i.reported_by_id, *(n.recorded_by_id for n in i.notifications))})


def _check(uow, actor: Actor, person_id: uuid.UUID, action: Action = Action.EDIT_PERSON) -> None:
    access.require(uow, actor, action, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.PLAN)


def _incident(uow, actor: Actor, incident_id: uuid.UUID, version: int | None = None, *,
              include_archived: bool = False) -> CriticalIncident:
    """The report, once the actor may change the person's record and the copy they saw is current."""
    incident = queries.incident(uow.session, incident_id, include_archived=include_archived)
    _check(uow, actor, incident.person_id)
    check_version(incident, version, f"report {incident.ref}")
    return incident


def _saved(uow, actor: Actor, incident: CriticalIncident, event: str, hours: int,
           changes: dict | None = None) -> tuple[IncidentRow, Changes]:
    uow.flush()
    uow.audit.record(actor, incident, event, changes=changes)
    return _row(uow, incident, hours), Changes(incidents=True)


def _instant(field: str, label: str, value) -> datetime:
    if not isinstance(value, datetime):
        raise ValidationError(field, f"Give the date and time {label}.")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{field} must be a timezone-aware datetime")  # a programming error, not the user's
    return value


def report_incident(uow, actor: Actor, person_id: uuid.UUID, *, kind: IncidentKind, occurred_at: datetime,
                    discovered_at: datetime | None = None, zone: str = "", place: str = "",
                    people_involved: str = "", description: str, actions_taken: str = "",
                    notice_hours: int = DEFAULT_NOTICE_HOURS) -> tuple[IncidentRow, Changes]:
    """File a report. Refused when it is dated in the future, found before it happened, or says nothing."""
    _check(uow, actor, person_id)
    person = uow.people.get(person_id)
    try:
        kind = IncidentKind(kind)
    except ValueError:
        raise ValidationError("kind", "Choose what kind of incident it was.") from None
    occurred_at = _instant("occurred_at", "it happened", occurred_at)
    discovered_at = _instant("discovered_at", "staff learned of it", discovered_at or occurred_at)
    now = uow.now()
    if occurred_at > now:
        raise ValidationError("occurred_at", "When it happened is in the future; a report records what already "
                                             "happened.")
    if discovered_at > now:
        raise ValidationError("discovered_at", "When staff learned of it is in the future.")
    if discovered_at < occurred_at:
        raise ValidationError("discovered_at", "Staff cannot have learned of it before it happened: check both "
                                               "dates and times.")
    description = required_text("description", "What happened", description, max_length=20000)
    incident = uow.add(CriticalIncident(
        ref=uow.references.next("incident"), person_id=person.id, kind=kind, occurred_at=occurred_at,
        discovered_at=discovered_at, zone=(zone or "").strip()[:60], place=(place or "").strip()[:200],
        people_involved=(people_involved or "").strip(), description=description,
        actions_taken=(actions_taken or "").strip(), reported_by_id=actor.user_id))
    uow.flush()
    uow.audit.record(actor, incident, "reported", changes=audit_safe(
        {"ref": [None, incident.ref], "kind": [None, kind], "occurred_at": [None, occurred_at],
         "discovered_at": [None, discovered_at]}))
    return _row(uow, incident, notice_hours, person), Changes(incidents=True)


def add_notification(uow, actor: Actor, incident_id: uuid.UUID, *, notified: str = "",
                     organization_id: uuid.UUID | None = None, how: str = "", notified_at: datetime,
                     notice_hours: int = DEFAULT_NOTICE_HOURS) -> tuple[IncidentRow, Changes]:
    """Who was told (a person and role, or an organization from the directory), how and when."""
    incident = _incident(uow, actor, incident_id)
    if organization_id is not None:
        org = uow.organizations.get(organization_id)
        notified = (notified or "").strip() or org.name
    notified = required_text("notified", "Who was notified", notified)
    notified_at = _instant("notified_at", "they were notified", notified_at)
    if notified_at > uow.now():
        raise ValidationError("notified_at", "The time of the notice is in the future.")
    if notified_at < incident.occurred_at:
        raise ValidationError("notified_at", "The notice cannot come before the incident happened.")
    entry = uow.add(IncidentNotification(incident_id=incident.id, notified=notified, organization_id=organization_id,
                                         how=(how or "").strip()[:60], notified_at=notified_at,
                                         recorded_by_id=actor.user_id))
    incident.notifications.append(entry)
    incident.updated_at = uow.now()
    return _saved(uow, actor, incident, "notification recorded", notice_hours, audit_safe(
        {"notified": [None, notified], "how": [None, entry.how], "notified_at": [None, notified_at]}))


def remove_notification(uow, actor: Actor, notification_id: uuid.UUID, *,
                        notice_hours: int = DEFAULT_NOTICE_HOURS) -> tuple[IncidentRow, Changes]:
    """Take back a notification recorded by mistake (the undo of add_notification); the audit keeps it."""
    entry = uow.session.get(IncidentNotification, notification_id)
    if entry is None:
        raise ValidationError("notification", "That notification was not found.")
    incident = _incident(uow, actor, entry.incident_id)
    if incident.closed_at is not None:
        raise ValidationError("notification", f"Report {incident.ref} is closed; reopen it first.")
    incident.notifications.remove(entry)
    uow.session.delete(entry)
    incident.updated_at = uow.now()
    return _saved(uow, actor, incident, "notification removed", notice_hours, audit_safe(
        {"notified": [entry.notified, None], "notified_at": [entry.notified_at, None]}))


def close_incident(uow, actor: Actor, incident_id: uuid.UUID, *, version: int | None = None,
                   notice_hours: int = DEFAULT_NOTICE_HOURS) -> tuple[IncidentRow, Changes]:
    """Closed once the notice has gone out: a report nobody was told about stays open."""
    incident = _incident(uow, actor, incident_id, version)
    if incident.closed_at is not None:
        raise ValidationError("closed_at", f"Report {incident.ref} is already closed.")
    if not incident.notifications:
        raise ValidationError("notifications", f"Report {incident.ref} cannot close before anyone is notified: "
                                               "record who was told first.")
    incident.closed_at = incident.updated_at = uow.now()
    return _saved(uow, actor, incident, "closed", notice_hours)


def reopen_incident(uow, actor: Actor, incident_id: uuid.UUID, *, version: int | None = None,
                    notice_hours: int = DEFAULT_NOTICE_HOURS) -> tuple[IncidentRow, Changes]:
    incident = _incident(uow, actor, incident_id, version)
    if incident.closed_at is None:
        raise ValidationError("closed_at", f"Report {incident.ref} is open.")
    incident.closed_at, incident.updated_at = None, uow.now()
    return _saved(uow, actor, incident, "reopened", notice_hours)


def withdraw_incident(uow, actor: Actor, incident_id: uuid.UUID, archived: bool = True, *,
                      version: int | None = None, notice_hours: int = DEFAULT_NOTICE_HOURS
                      ) -> tuple[IncidentRow, Changes]:
    """Archive a report filed by mistake (the undo of reporting), or restore it; the audit keeps both."""
    incident = _incident(uow, actor, incident_id, version, include_archived=True)
    incident.archived_at = uow.now() if archived else None
    incident.updated_at = uow.now()
    return _saved(uow, actor, incident, "withdrawn" if archived else "restored", notice_hours)


def list_incidents(uow, actor: Actor, person_id: uuid.UUID, *,
                   notice_hours: int = DEFAULT_NOTICE_HOURS) -> list[IncidentRow]:
    _check(uow, actor, person_id, Action.VIEW_PERSON)
    person = uow.people.get(person_id)
    found = queries.incidents_of(uow.session, person.id)
    names, waiver = _names(uow, found), _waiver_note(uow, person)  # the same for every report of the person
    return [_row(uow, i, notice_hours, person, names=names, waiver=waiver) for i in found]


def waiver_note(uow, actor: Actor, person_id: uuid.UUID) -> str:
    """The warning the Incidents page shows before any report exists."""
    _check(uow, actor, person_id, Action.VIEW_PERSON)
    return _waiver_note(uow, uow.people.get(person_id))
