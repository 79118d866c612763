"""A meeting's parts: attendees and their attendance, agenda items, decisions, and action items, each action
item becoming a task (tasks.create_task: its permission and consent rules apply) linked back by task_id."""

from __future__ import annotations

import uuid
from datetime import date

from caseteam.domain.meetings import (ActionItem, AgendaItem, Attendance, Meeting, MeetingAttendee,
                                      MeetingDecision, MeetingStatus)
from caseteam.domain.tasks import Priority
from caseteam.errors import ValidationError
from caseteam.storage.queries import meetings as queries

from . import consent, tasks
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, required_text
from .meeting_rows import MeetingRow
from .meetings import CHANGED, changeable, fresh_row, touch


def _next_position(items) -> int:
    return max((i.position for i in items), default=0) + 1


def _open(m: Meeting, field: str) -> None:
    if m.status is MeetingStatus.CANCELLED:
        raise ValidationError(field, f"Meeting {m.ref} was cancelled; reopen it to change it.")


# Attendees --------------------------------------------------------------------------------------------

def add_attendee(uow, actor: Actor, meeting_id: uuid.UUID | str, *, staff_id: uuid.UUID | None = None,
                 name: str = "", role: str = "", person: bool = False, attendance: Attendance = Attendance.INVITED,
                 version: int | None = None) -> tuple[MeetingRow, Changes]:
    """A staff member (their organization comes along), the meeting's person, or a natural support by name.
    Staff of another organization at a team meeting hear about the person: a release must cover them."""
    m = changeable(uow, actor, meeting_id, version)
    _open(m, "attendees")
    org_id, person_id = None, None
    if staff_id is not None:
        staff = uow.staff.get(staff_id)
        if any(a.staff_id == staff.id for a in m.attendees):
            raise ValidationError("staff", f"{staff.name} is already on the list for {m.ref}.")
        consent.require_for_organization(uow, actor, m.person_id, staff.organization_id)
        name, org_id = staff.name, staff.organization_id
        role = role or staff.title
    elif person:
        if m.person_id is None:
            raise ValidationError("person", f"{m.ref} is not about one person.")
        if any(a.person_id == m.person_id for a in m.attendees):
            raise ValidationError("person", "The person is already on the list.")
        person_id, name = m.person_id, uow.people.get(m.person_id).display_name
        role = role or "Job seeker"
    else:
        name = required_text("name", "The attendee's name", name)
    a = uow.add(MeetingAttendee(meeting_id=m.id, position=_next_position(m.attendees), staff_id=staff_id,
                                person_id=person_id, organization_id=org_id, name=name, role=(role or "").strip(),
                                attendance=Attendance(attendance)))
    touch(uow, m)
    uow.audit.record(actor, m, "attendee added", person_id=m.person_id,
                     changes=audit_safe({"attendee": [None, a.name if staff_id else role or "natural support"]}))
    return fresh_row(uow, m), CHANGED


def set_attendance(uow, actor: Actor, attendee_id: uuid.UUID, attendance: Attendance, *,
                   version: int | None = None) -> tuple[MeetingRow, Changes]:
    a = queries.attendee(uow.session, attendee_id)
    m = changeable(uow, actor, a.meeting_id, version)
    attendance = Attendance(attendance)
    before, a.attendance = a.attendance, attendance
    touch(uow, m)
    uow.audit.record(actor, m, "attendance recorded", changes=audit_safe({"attendance": [before, attendance]}))
    return fresh_row(uow, m), CHANGED


def remove_attendee(uow, actor: Actor, attendee_id: uuid.UUID, *,
                    version: int | None = None) -> tuple[MeetingRow, Changes]:
    a = queries.attendee(uow.session, attendee_id)
    m = changeable(uow, actor, a.meeting_id, version)
    uow.session.delete(a)  # a line on an invitation list, not a record a user made
    touch(uow, m)
    uow.audit.record(actor, m, "attendee removed", changes={"attendee": [a.role or "attendee", None]})
    return fresh_row(uow, m), CHANGED


# Agenda and decisions ---------------------------------------------------------------------------------

def add_agenda_item(uow, actor: Actor, meeting_id: uuid.UUID | str, title: str, *, notes: str = "",
                    version: int | None = None) -> tuple[MeetingRow, Changes]:
    m = changeable(uow, actor, meeting_id, version)
    _open(m, "agenda")
    title = required_text("agenda", "The agenda item", title, max_length=300)
    uow.add(AgendaItem(meeting_id=m.id, position=_next_position(m.agenda), title=title, notes=notes.strip()))
    touch(uow, m)
    uow.audit.record(actor, m, "agenda item added", changes={"agenda": [None, title]})
    return fresh_row(uow, m), CHANGED


def set_agenda_notes(uow, actor: Actor, item_id: uuid.UUID, notes: str, *,
                     version: int | None = None) -> tuple[MeetingRow, Changes]:
    item = queries.agenda_item(uow.session, item_id)
    m = changeable(uow, actor, item.meeting_id, version)
    item.notes = (notes or "").strip()
    touch(uow, m)
    uow.audit.record(actor, m, "agenda notes recorded", changes={"agenda": [item.title, item.title]})
    return fresh_row(uow, m), CHANGED


def add_decision(uow, actor: Actor, meeting_id: uuid.UUID | str, text: str, *,
                 version: int | None = None) -> tuple[MeetingRow, Changes]:
    m = changeable(uow, actor, meeting_id, version)
    _open(m, "decisions")
    text = required_text("decision", "The decision", text, max_length=4000)
    uow.add(MeetingDecision(meeting_id=m.id, position=_next_position(m.decisions), text=text))
    touch(uow, m)
    uow.audit.record(actor, m, "decision recorded", changes={"decision": [None, text]})
    return fresh_row(uow, m), CHANGED


# Action items -----------------------------------------------------------------------------------------

def add_action_item(uow, actor: Actor, meeting_id: uuid.UUID | str, text: str, *, organization_id: uuid.UUID,
                    staff_id: uuid.UUID | None = None, due: date | None = None,
                    version: int | None = None) -> tuple[MeetingRow, Changes]:
    """Who does what by when; the task is made at once (about the meeting's person for a team meeting) so
    it shows on the task board, and the action item keeps the link."""
    m = changeable(uow, actor, meeting_id, version)
    _open(m, "action_items")
    text = required_text("action", "The action item", text, max_length=300)
    details = f"Action item from meeting {m.ref} ({m.title}, {m.starts_local:%B} {m.starts_local.day}, " \
              f"{m.starts_local.year})."
    task, _ = tasks.create_task(uow, actor, title=text, organization_id=organization_id, staff_id=staff_id,
                                person_id=m.person_id, due=due, priority=Priority.NORMAL, details=details)
    uow.add(ActionItem(meeting_id=m.id, position=_next_position(m.action_items), text=text,
                       organization_id=organization_id, staff_id=staff_id, due=due, task_id=task.id))
    touch(uow, m)
    uow.audit.record(actor, m, "action item added", changes=audit_safe({
        "action": [None, text], "task": [None, task.ref], "due": [None, due]}))
    return fresh_row(uow, m), Changes(meetings=True, tasks=True)


def remove_action_item(uow, actor: Actor, item_id: uuid.UUID, *, reason: str = "Removed from the minutes",
                       version: int | None = None) -> tuple[MeetingRow, Changes]:
    """The undo of add_action_item: its task is cancelled (kept, with the reason) and the line goes."""
    item = queries.action_item(uow.session, item_id)
    m = changeable(uow, actor, item.meeting_id, version)
    if item.task_id is not None:
        task = uow.tasks.get(item.task_id, include_archived=True)
        if task.status.active:
            tasks.cancel_task(uow, actor, task.id, reason=reason)
    for carried in queries.carried_from(uow.session, item.id):
        carried.carried_from_id = None
    uow.flush()
    uow.session.delete(item)
    touch(uow, m)
    uow.audit.record(actor, m, "action item removed", reason=reason, changes={"action": [item.text, None]})
    return fresh_row(uow, m), Changes(meetings=True, tasks=True)
