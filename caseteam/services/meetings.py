"""Meetings: schedule one (or a series), make the next one of a series with the open action items carried
onto its agenda, record minutes, mark held, cancel, list and read. A person's team meeting follows that
person's access rules (VIEW_PERSON to read, EDIT_PERSON to change); partnership meetings are changed with
the partner-directory permission and read by everyone signed in. Attendees, agenda, decisions and action
items are in meeting_agenda."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone

from caseteam.domain.meetings import (AgendaItem, Meeting, MeetingAttendee, MeetingKind, MeetingSeries,
                                      MeetingStatus, Recurrence)
from caseteam.domain.organizations import Organization
from caseteam.domain.partnerships import Partnership
from caseteam.domain.store_info import StoreProperty
from caseteam.errors import ValidationError
from caseteam.storage.queries import access as access_queries
from caseteam.storage.queries import meetings as queries
from caseteam.storage.queries.meetings import MeetingFilter

from . import access, meeting_recurrence
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version, required_text
from .meeting_recurrence import occurrences  # noqa: F401 (the services' name for it)
from .meeting_rows import MeetingRow, row_of

CHANGED = Changes(meetings=True)
ZONE_KEY = "meeting_zone"  # a store-wide default zone an office may set (StoreProperty)


# Permissions ------------------------------------------------------------------------------------------

def may_read(uow, actor: Actor, m: Meeting) -> None:
    if m.person_id is not None:
        access.require(uow, actor, Action.VIEW_PERSON, m.person_id)


def may_change(uow, actor: Actor, person_id: uuid.UUID | None) -> None:
    if person_id is not None:
        access.require(uow, actor, Action.EDIT_PERSON, person_id)
    else:
        access.require_store_wide(actor, Action.MANAGE_PARTNERS)


def changeable(uow, actor: Actor, meeting_id: uuid.UUID | str, version: int | None = None) -> Meeting:
    """The meeting, once the actor may change it and the copy they hold is current."""
    m = queries.meeting(uow.session, meeting_id)
    may_change(uow, actor, m.person_id)
    check_version(m, version, f"meeting {m.ref}")
    return m


def fresh_row(uow, m: Meeting) -> MeetingRow:
    uow.flush()
    uow.session.expire(m)
    return row_of(uow, queries.with_parts(uow.session, m.id))


def touch(uow, m: Meeting) -> None:
    """A change to a meeting's parts moves the meeting's version on, so a stale screen is caught."""
    m.updated_at = uow.now()


# Scheduling -------------------------------------------------------------------------------------------

def default_zone(uow) -> str:
    """The zone a new meeting gets: the office's (store property), else this computer's."""
    prop = uow.session.get(StoreProperty, ZONE_KEY)
    return prop.value if prop is not None and prop.value else meeting_recurrence.machine_zone()


def _check_when(starts_local: datetime, zone: str | None, uow) -> tuple[datetime, str]:
    if not isinstance(starts_local, datetime):
        raise ValidationError("starts_local", "The meeting needs a start date and time.")
    zone = (zone or "").strip() or default_zone(uow)
    meeting_recurrence.zone_info(zone)
    return starts_local.replace(tzinfo=None, second=0, microsecond=0), zone


def _check_links(uow, kind: MeetingKind, person_id, partnership_id, host_organization_id) -> None:
    if kind is MeetingKind.TEAM and person_id is None:
        raise ValidationError("person_id", "A customized-support team meeting is about one person: choose them.")
    if kind is not MeetingKind.TEAM and person_id is not None:
        raise ValidationError("person_id", "Only a customized-support team meeting is about one person.")
    if person_id is not None:
        uow.people.get(person_id)
    if partnership_id is not None and uow.session.get(Partnership, partnership_id) is None:
        raise ValidationError("partnership_id", "That partnership was not found.")
    if uow.session.get(Organization, host_organization_id) is None:
        raise ValidationError("host_organization_id", "The host organization is not in the partner directory.")


def schedule_meeting(uow, actor: Actor, *, kind: MeetingKind, title: str, host_organization_id: uuid.UUID,
                     starts_local: datetime, zone: str | None = None, duration_minutes: int = 60,
                     person_id: uuid.UUID | None = None, partnership_id: uuid.UUID | None = None,
                     place: str = "", call_link: str = "", facilitator: str = "", purpose: str = "",
                     recurrence: Recurrence = Recurrence.NONE, interval: int = 1, until: date | None = None,
                     agenda: tuple[str, ...] = (), invite_person: bool = True) -> tuple[MeetingRow, Changes]:
    """A meeting, and its series when it repeats. A team meeting invites the person unless told not to;
    staff and natural supports are added with meeting_agenda.add_attendee."""
    kind, recurrence = MeetingKind(kind), Recurrence(recurrence)
    may_change(uow, actor, person_id)
    title = required_text("title", "The meeting's title", title, max_length=200)
    starts_local, zone = _check_when(starts_local, zone, uow)
    if not 5 <= int(duration_minutes) <= 24 * 60:
        raise ValidationError("duration_minutes", "A meeting lasts from 5 minutes to a whole day.")
    meeting_recurrence.validate(recurrence, interval, starts_local, until)
    _check_links(uow, kind, person_id, partnership_id, host_organization_id)
    series = None
    if recurrence is not Recurrence.NONE:
        series = uow.add(MeetingSeries(title=title, recurrence=recurrence, interval=int(interval),
                                       first_starts_local=starts_local, zone=zone, until=until))
        uow.flush()
        uow.audit.record(actor, series, "created", changes=audit_safe({
            "recurrence": [None, recurrence], "interval": [None, interval], "until": [None, until]}))
    m = uow.add(Meeting(
        ref=uow.references.next("meeting"), kind=kind, title=title, status=MeetingStatus.PLANNED,
        person_id=person_id, partnership_id=partnership_id, host_organization_id=host_organization_id,
        series_id=series.id if series else None, starts_local=starts_local, zone=zone,
        duration_minutes=int(duration_minutes), place=place.strip(), call_link=call_link.strip(),
        facilitator=facilitator.strip(), purpose=purpose.strip(), minutes="", created_by_id=actor.user_id))
    uow.flush()
    if person_id is not None and invite_person:
        person = uow.people.get(person_id)
        uow.add(MeetingAttendee(meeting_id=m.id, position=1, person_id=person_id, name=person.display_name,
                                role="Job seeker"))
    for n, item in enumerate(agenda, start=1):
        uow.add(AgendaItem(meeting_id=m.id, position=n, title=required_text("agenda", f"Agenda item {n}", item,
                                                                            max_length=300)))
    uow.audit.record(actor, m, "scheduled", changes=audit_safe({
        "kind": [None, kind], "title": [None, title], "starts_local": [None, starts_local], "zone": [None, zone]}))
    return fresh_row(uow, m), CHANGED


def next_meeting(uow, actor: Actor, meeting_id: uuid.UUID | str, *,
                 starts_local: datetime | None = None) -> tuple[MeetingRow, Changes]:
    """The next meeting after this one: the series' next date (or `starts_local` for a one-off), the same
    attendees invited again, and an agenda that starts with this meeting's open action items."""
    prev = changeable(uow, actor, meeting_id)
    if queries.next_in_line(uow.session, prev.id) is not None:
        raise ValidationError("next", f"The meeting after {prev.ref} was already made.")
    series = queries.series(uow.session, prev.series_id)
    if starts_local is None:
        if series is None:
            raise ValidationError("starts_local", f"{prev.ref} does not repeat: give the next meeting's date.")
        starts_local = meeting_recurrence.next_after(series, prev.starts_local)
        if starts_local is None:
            raise ValidationError("until", f"The series of {prev.ref} ended on {series.until:%B} "
                                           f"{series.until.day}, {series.until.year}; there is no next date.")
    starts_local, zone = _check_when(starts_local, prev.zone, uow)
    if starts_local <= prev.starts_local:
        raise ValidationError("starts_local", "The next meeting must start after this one.")
    m = uow.add(Meeting(
        ref=uow.references.next("meeting"), kind=prev.kind, title=prev.title, status=MeetingStatus.PLANNED,
        person_id=prev.person_id, partnership_id=prev.partnership_id,
        host_organization_id=prev.host_organization_id, series_id=prev.series_id, previous_id=prev.id,
        starts_local=starts_local, zone=zone, duration_minutes=prev.duration_minutes, place=prev.place,
        call_link=prev.call_link, facilitator=prev.facilitator, purpose=prev.purpose, minutes="",
        created_by_id=actor.user_id))
    uow.flush()
    for a in prev.attendees:
        uow.add(MeetingAttendee(meeting_id=m.id, position=a.position, staff_id=a.staff_id, person_id=a.person_id,
                                organization_id=a.organization_id, name=a.name, role=a.role))
    position = 0
    for position, item in enumerate(queries.open_action_items(uow.session, prev.id), start=1):
        uow.add(AgendaItem(meeting_id=m.id, position=position, title=f"Follow up: {item.text}"[:300],
                           notes=f"Action item from {prev.ref}", carried_from_id=item.id))
        item.carried = True
    for n, item in enumerate((a for a in prev.agenda if a.carried_from_id is None), start=position + 1):
        if item.title.lower().startswith("standing:"):  # standing items repeat at every meeting
            uow.add(AgendaItem(meeting_id=m.id, position=n, title=item.title))
    uow.audit.record(actor, m, "scheduled", changes=audit_safe({
        "previous": [None, prev.ref], "starts_local": [None, starts_local], "carried": [None, position]}))
    return fresh_row(uow, m), CHANGED


# Minutes and status -----------------------------------------------------------------------------------

def record_minutes(uow, actor: Actor, meeting_id: uuid.UUID | str, minutes: str, *,
                   version: int | None = None) -> tuple[MeetingRow, Changes]:
    m = changeable(uow, actor, meeting_id, version)
    if m.status is MeetingStatus.CANCELLED:
        raise ValidationError("minutes", f"Meeting {m.ref} was cancelled; it has no minutes.")
    text = (minutes or "").strip()
    if len(text) > 100_000:
        raise ValidationError("minutes", "The minutes are too long (at most 100,000 characters).")
    before, m.minutes = m.minutes, text
    touch(uow, m)
    uow.audit.record(actor, m, "minutes recorded", changes={"minutes_length": [len(before), len(text)]})
    return fresh_row(uow, m), CHANGED


def mark_held(uow, actor: Actor, meeting_id: uuid.UUID | str, *,
              version: int | None = None) -> tuple[MeetingRow, Changes]:
    m = changeable(uow, actor, meeting_id, version)
    if m.status is not MeetingStatus.PLANNED:
        raise ValidationError("status", f"Meeting {m.ref} is already {m.status.label.lower()}.")
    m.status, m.held_at = MeetingStatus.HELD, uow.now()
    touch(uow, m)
    uow.audit.record(actor, m, "held", changes=audit_safe({"status": [MeetingStatus.PLANNED, MeetingStatus.HELD]}))
    return fresh_row(uow, m), CHANGED


def cancel_meeting(uow, actor: Actor, meeting_id: uuid.UUID | str, *, reason: str,
                   version: int | None = None) -> tuple[MeetingRow, Changes]:
    m = changeable(uow, actor, meeting_id, version)
    reason = required_text("reason", "A reason for cancelling", reason, max_length=2000)
    if m.status is not MeetingStatus.PLANNED:
        raise ValidationError("status", f"Meeting {m.ref} is {m.status.label.lower()}; only a planned meeting "
                                        "can be cancelled.")
    m.status = MeetingStatus.CANCELLED
    touch(uow, m)
    uow.audit.record(actor, m, "cancelled", reason=reason,
                     changes=audit_safe({"status": [MeetingStatus.PLANNED, MeetingStatus.CANCELLED]}))
    return fresh_row(uow, m), CHANGED


def reopen_meeting(uow, actor: Actor, meeting_id: uuid.UUID | str, *,
                   version: int | None = None) -> tuple[MeetingRow, Changes]:
    """Back to planned: the undo of mark held and of cancel."""
    m = changeable(uow, actor, meeting_id, version)
    before = m.status
    if before is MeetingStatus.PLANNED:
        raise ValidationError("status", f"Meeting {m.ref} is already planned.")
    m.status, m.held_at = MeetingStatus.PLANNED, None
    touch(uow, m)
    uow.audit.record(actor, m, "reopened", changes=audit_safe({"status": [before, MeetingStatus.PLANNED]}))
    return fresh_row(uow, m), CHANGED


# Reading ----------------------------------------------------------------------------------------------

def get_meeting(uow, actor: Actor, meeting_id: uuid.UUID | str) -> MeetingRow:
    m = queries.meeting(uow.session, meeting_id)
    may_read(uow, actor, m)
    return row_of(uow, queries.with_parts(uow.session, m.id))


def list_meetings(uow, actor: Actor, *, upcoming: bool | None = None, kind: MeetingKind | None = None,
                  person_id: uuid.UUID | None = None, partnership_id: uuid.UUID | None = None,
                  organization_id: uuid.UUID | None = None, limit: int | None = None,
                  now: datetime | None = None) -> list[MeetingRow]:
    """Upcoming (planned, soonest first), past (held, or started over an hour ago; latest first) or all
    (latest first). Team meetings of people the reader may not see are left out. Each meeting's start is
    compared as an instant in its own zone; SQL narrows by wall time a day either side first."""
    if person_id is not None:
        access.require(uow, actor, Action.VIEW_PERSON, person_id)
    cutoff = (now or uow.now()) - timedelta(hours=1)
    wall = cutoff.astimezone(timezone.utc).replace(tzinfo=None)
    flt = MeetingFilter(upcoming_from=wall - timedelta(days=1) if upcoming is True else None,
                        past_before=wall + timedelta(days=1) if upcoming is False else None,
                        kind=MeetingKind(kind) if kind is not None else None, person_id=person_id,
                        partnership_id=partnership_id, organization_id=organization_id)
    scope = access.scope(uow, actor, Action.VIEW_PERSON)
    visible = None if scope.everyone else access_queries.person_visible(scope, Meeting.person_id)
    found = queries.meetings(uow.session, flt, visible=visible)
    if upcoming is True:
        found = [m for m in found if meeting_recurrence.instant(m.starts_local, m.zone) >= cutoff]
    elif upcoming is False:
        found = [m for m in found if m.status is MeetingStatus.HELD
                 or meeting_recurrence.instant(m.starts_local, m.zone) < cutoff]
    # The list's order is the instants' (10:00 in Honolulu is after 10:30 in New York).
    found.sort(key=lambda m: (meeting_recurrence.instant(m.starts_local, m.zone), m.ref), reverse=upcoming is not True)
    return [row_of(uow, m) for m in found[:limit]]


def series_dates(uow, actor: Actor, meeting_id: uuid.UUID | str, start: date, end: date) -> list[datetime]:
    """The dates a meeting's series falls on between two days (just the meeting itself when it does not
    repeat)."""
    m = queries.meeting(uow.session, meeting_id)
    may_read(uow, actor, m)
    series = queries.series(uow.session, m.series_id)
    if series is None:
        return [m.starts_local] if start <= m.starts_local.date() <= end else []
    return occurrences(series, start, end)


# Minutes PDF ------------------------------------------------------------------------------------------

def minutes_view(uow, row: MeetingRow, *, large_print: bool = False):
    from caseteam.documents.minutes_document import ActionLine, AttendeeLine, MinutesView

    from .records import is_demo

    about = f"{row.person_name} ({row.person_ref})" if row.person_id else row.partnership_name
    actions = tuple(ActionLine(a.text, f"{a.organization_name}: {a.staff_name}" if a.staff_name
                               else a.organization_name, a.due, a.task_ref,
                               a.task_status.label if a.task_status else "Not a task") for a in row.action_items)
    return MinutesView(
        reference=row.ref, version=row.version, title=row.title, kind=row.kind.label,
        host=row.host_organization_name, when=row.when, place=row.place, call_link=row.call_link,
        facilitator=row.facilitator, status=row.status.label, purpose=row.purpose, about=about,
        attendees=tuple(AttendeeLine(a.name, a.role, a.organization_name, a.attendance.label)
                        for a in row.attendees),
        agenda=tuple((a.title, a.notes) for a in row.agenda), minutes=row.minutes,
        decisions=tuple(d.text for d in row.decisions), actions=actions, generated_on=uow.today(),
        demo=is_demo(uow), large_print=large_print)


def minutes_pdf(uow, actor: Actor, meeting_id: uuid.UUID | str, *, large_print: bool = False) -> bytes:
    """The minutes as a PDF. A team meeting's minutes are the person's record: printing needs the export
    permission for them and is audited."""
    from caseteam.documents.minutes_document import render_minutes

    m = queries.meeting(uow.session, meeting_id)
    may_read(uow, actor, m)
    if m.person_id is not None:
        access.require(uow, actor, Action.EXPORT_PERSON, m.person_id)
    data = render_minutes(minutes_view(uow, get_meeting(uow, actor, m.id), large_print=large_print))
    uow.audit.record(actor, m, "printed", changes={"document": f"Minutes of meeting {m.ref} (PDF)"})
    return data


# Choices for the screens ------------------------------------------------------------------------------

def choices(uow, actor: Actor) -> dict:
    """What the meeting dialogs offer: organizations with their active staff, the people whose team
    meetings the actor may hold, partnerships, and the zone a new meeting gets."""
    from caseteam.storage.queries import organizations as directory_queries

    from . import organizations, people

    orgs = []
    for org in organizations.list_organizations(uow, actor):
        staff = tuple((s.id, s.name) for s in directory_queries.staff_of(uow.session, org.id)
                      if s.active and s.archived_at is None)
        orgs.append((org.id, org.name, staff))
    editable = [(r.id, f"{r.name} ({r.ref})") for r in people.caseload(uow, actor)
                if access.allowed(uow, actor, Action.EDIT_PERSON, r.id)]
    partnerships = [(p.id, p.name) for p in queries.partnerships(uow.session)]
    return {"organizations": orgs, "people": editable, "partnerships": partnerships, "zone": default_zone(uow),
            "today": uow.today()}
