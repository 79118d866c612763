"""An .ics invitation for a meeting (or its whole series, with an RRULE): DTSTART is the local wall time
with its TZID, so calendars keep a 10:00 meeting at 10:00 across DST. A team meeting's invitation says
"Team meeting" and carries nothing about the job seeker (no name in the summary, description or place)
unless the caller asks for it with include_person=True."""

from __future__ import annotations

import uuid
from icalendar import Calendar, Event

from caseteam.domain.meetings import MeetingKind, MeetingStatus
from caseteam.domain.people import Person
from caseteam.storage.queries import meetings as queries

from . import access, meeting_recurrence
from .access import Action
from .actors import Actor
from .meeting_rows import MeetingRow
from .meetings import get_meeting

TEAM_SUMMARY = "Team meeting"
PRODID = "-//caseteam//Meetings//EN"


def _person_words(uow, row: MeetingRow) -> list[str]:
    person = uow.session.get(Person, row.person_id) if row.person_id else None
    if person is None:
        return []
    # Their names, and their street, phone and email: a place such as "at home, 12 Elm St" is theirs.
    words = [person.given_name, person.family_name, person.preferred_name or "", person.street, person.phone,
             person.email]
    return [w.strip() for w in words if w and len(w.strip()) > 1]


def _mentions(text: str, words: list[str]) -> bool:
    low = text.lower()
    return any(w.lower() in low for w in words)


def _texts(uow, row: MeetingRow, include_person: bool) -> tuple[str, str, str]:
    """(summary, description, location) as the invitation may say them."""
    team = row.kind is MeetingKind.TEAM
    if team and not include_person:
        words = _person_words(uow, row)
        location = "" if _mentions(row.place, words) else row.place
        link = "" if _mentions(row.call_link, words) else row.call_link
        description = f"{row.kind.label} hosted by {row.host_organization_name}."
        if link:
            description += f"\nJoin: {link}"
        return TEAM_SUMMARY, description, location or link
    summary = row.title if not team else f"{TEAM_SUMMARY}: {row.person_name}"
    lines = [f"{row.kind.label} hosted by {row.host_organization_name}."]
    if row.facilitator:
        lines.append(f"Facilitator: {row.facilitator}")
    if row.purpose:
        lines.append(row.purpose)
    if row.agenda:
        lines.append("Agenda:\n" + "\n".join(f"{n}. {a.title}" for n, a in enumerate(row.agenda, start=1)))
    if row.call_link:
        lines.append(f"Join: {row.call_link}")
    return summary, "\n\n".join(lines), row.place or row.call_link


def invitation(uow, actor: Actor, meeting_id: uuid.UUID | str, *, include_person: bool = False,
               series: bool = False) -> bytes:
    """The .ics bytes: one VEVENT for the meeting, or for its series with an RRULE when `series`. Putting
    the person's name in needs the export permission for them and is audited."""
    row = get_meeting(uow, actor, meeting_id)
    if include_person and row.person_id is not None:
        access.require(uow, actor, Action.EXPORT_PERSON, row.person_id)
    rule_of = queries.series(uow.session, row.series_id) if series else None
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("METHOD", "PUBLISH")
    event = Event()
    summary, description, location = _texts(uow, row, include_person)
    info = meeting_recurrence.zone_info(row.zone)
    event.add("UID", f"{(rule_of.id if rule_of else row.id)}@caseteam")
    event.add("DTSTAMP", uow.now())
    event.add("DTSTART", row.starts_local.replace(tzinfo=info))
    event.add("DTEND", row.ends_local.replace(tzinfo=info))
    event.add("SUMMARY", summary)
    event.add("DESCRIPTION", description)
    if location:
        event.add("LOCATION", location)
    event.add("STATUS", "CANCELLED" if row.status is MeetingStatus.CANCELLED else "CONFIRMED")
    event.add("SEQUENCE", row.version)
    if rule_of is not None:
        event.add("RRULE", meeting_recurrence.ical_rule(rule_of))
    cal.add_component(event)
    cal.add_missing_timezones()  # a VTIMEZONE for the TZID, for calendars that do not know the zone name
    m = queries.meeting(uow.session, row.id)
    uow.audit.record(actor, m, "invitation saved", changes={
        "document": f"Invitation for {row.ref} (.ics)", "with_person": include_person and row.person_id is not None})
    return cal.to_ical()
