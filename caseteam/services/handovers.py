"""Staff leaving or changing role: list everything a staff member holds that is still open (tasks, team
seats, people they lead as job developer, pending referrals on either side, upcoming meetings they are
invited to), hand it to colleagues (all to one, or item by item) in one audited step that can also close
their staff record, and undo that step exactly, refusing (naming the item) when someone changed an item
since. Supervisors and administrators only."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta, timezone

from caseteam.documents.dates import long_date
from caseteam.domain.handovers import Handover, HandoverItem, HandoverKind
from caseteam.domain.meetings import Meeting, MeetingAttendee
from caseteam.domain.people import Person
from caseteam.domain.referrals import Referral
from caseteam.domain.tasks import Task
from caseteam.domain.teams import TeamMember
from caseteam.errors import Conflict, ValidationError
from caseteam.storage.queries import handovers as queries

from . import consent
from .actors import Actor
from .changes import Changes
from .handover_log import get_handover, list_handovers, require_handover, row_of
from .handover_rows import (KIND_ORDER, ColleagueRow, HandoverItemRow, HandoverRow, OpenItemRow, OpenWork,
                            counts_words, item_key)
from .meeting_recurrence import instant

CHANGED = Changes(handovers=True, tasks=True, teams=True, people=True, referrals=True, meetings=True, staff=True)

__all__ = ["ColleagueRow", "HandoverItemRow", "HandoverRow", "OpenItemRow", "OpenWork", "item_key", "open_work",
           "hand_over", "undo_handover", "list_handovers", "get_handover", "open_item_counts",
           "inactive_staff_with_work", "inactive_staff_warning", "counts_words", "require_handover"]


# What a staff member holds --------------------------------------------------------------------------

@dataclass
class _Item:
    kind: HandoverKind
    record: object                 # Task, TeamMember, Person, Referral or MeetingAttendee
    label: str
    person_id: uuid.UUID | None
    organization_id: uuid.UUID
    same_organization_only: bool
    meeting: Meeting | None = None
    excluded_ids: tuple[uuid.UUID, ...] = ()

    @property
    def key(self) -> str:
        return item_key(self.kind, self.record.id)

    @property
    def versioned(self):
        """The row whose version tells whether the item changed: a meeting's attendee moves the meeting's."""
        return self.meeting if self.meeting is not None else self.record


def _ahead(uow):
    now = uow.now()
    return lambda m: instant(m.starts_local, m.zone) >= now


def _since_local(uow):
    return uow.now().astimezone(timezone.utc).replace(tzinfo=None) - timedelta(days=1)


def _collect(uow, staff) -> list[_Item]:
    session, org_id = uow.session, staff.organization_id
    items: list[_Item] = []
    for t in queries.open_tasks(session, staff.id):
        due = f", due {long_date(t.due)}" if t.due else ""
        items.append(_Item(HandoverKind.TASK, t, f"Task {t.ref}: {t.title}{due}", t.person_id, t.organization_id,
                           True))
    memberships = queries.current_memberships(session, staff.id)
    led = queries.people_led(session, staff.id)
    people = queries.people_named(session, [pid for _m, pid in memberships])
    for m, person_id in memberships:
        items.append(_Item(HandoverKind.TEAM_MEMBERSHIP, m, f"{m.role.label} on {people[person_id].display_name}'s "
                           f"team (since {long_date(m.start_date)})", person_id, org_id, False))
    for p in led:
        items.append(_Item(HandoverKind.LEAD, p, f"Lead job developer for {p.display_name} ({p.ref})", p.id, org_id,
                           False))
    referrals = queries.pending_referrals(session, staff.id)
    orgs = queries.organizations_named(session, [o for r in referrals
                                                 for o in (r.from_organization_id, r.to_organization_id)])
    for r in referrals:
        sent = r.from_staff_id == staff.id
        side = (f"sent to {orgs[r.to_organization_id]}" if sent else f"received from {orgs[r.from_organization_id]}")
        other = {r.from_staff_id, r.to_staff_id} - {None, staff.id}
        items.append(_Item(HandoverKind.REFERRAL, r, f"Referral {r.ref} ({r.service}): {side}, "
                           f"{r.status.label.lower()}", r.person_id,
                           r.from_organization_id if sent else r.to_organization_id, True,
                           excluded_ids=tuple(other)))
    ahead = _ahead(uow)
    for a, m in queries.planned_meetings(session, staff.id, _since_local(uow)):
        if ahead(m):
            items.append(_Item(HandoverKind.MEETING, a, f"Meeting {m.ref}: {m.title}, "
                               f"{long_date(m.starts_local.date())} at {m.starts_local:%H:%M}", m.person_id,
                               a.organization_id or org_id, False, meeting=m,
                               excluded_ids=queries.invited_staff(session, m.id, staff.id)))
    return items


def _colleagues(uow, staff) -> tuple[ColleagueRow, ...]:
    rows = [ColleagueRow(s.id, s.name, s.organization_id, org, int(n))
            for s, org, n in queries.active_staff(uow.session) if s.id != staff.id]
    return tuple(sorted(rows, key=lambda c: c.organization_id != staff.organization_id))  # stable: names kept


def open_work(uow, actor: Actor, staff_id: uuid.UUID) -> OpenWork:
    """Every open item the staff member holds, grouped by kind, each with a suggested colleague: the
    active colleague at the item's organization holding the fewest open tasks."""
    require_handover(actor)
    staff = uow.staff.get(staff_id, include_archived=True)
    items = _collect(uow, staff)
    colleagues = _colleagues(uow, staff)
    people = queries.people_named(uow.session, [i.person_id for i in items])
    orgs = queries.organizations_named(uow.session, [i.organization_id for i in items])
    rows = []
    for i in sorted(items, key=lambda i: KIND_ORDER.index(i.kind)):
        pick = min((c for c in colleagues if c.organization_id == i.organization_id and c.id not in i.excluded_ids),
                   key=lambda c: c.open_tasks, default=None)
        person = people.get(i.person_id)
        rows.append(OpenItemRow(i.kind, i.record.id, i.label, i.person_id, person.display_name if person else "",
                                i.organization_id, orgs.get(i.organization_id, ""), staff.id, staff.name,
                                pick.id if pick else None, pick.name if pick else "", i.same_organization_only,
                                i.versioned.version, i.excluded_ids))
    return OpenWork(staff.id, staff.name, staff.organization_id, staff.organization.name, staff.active,
                    staff.version, tuple(rows), colleagues)


def open_item_counts(uow, staff_id: uuid.UUID):
    """Counter(HandoverKind: n) of what the staff member still holds (no permission check: a count)."""
    return queries.open_counts(uow.session, [staff_id], _since_local(uow), _ahead(uow))[staff_id]


def inactive_staff_with_work(uow, organization_id: uuid.UUID | None):
    """[(StaffMember, organization name, Counter)] for inactive staff still holding open work."""
    staff = queries.inactive_staff(uow.session, organization_id)
    counts = queries.open_counts(uow.session, [s.id for s, _ in staff], _since_local(uow), _ahead(uow))
    return [(s, org, counts[s.id]) for s, org in staff if sum(counts[s.id].values())]


def inactive_staff_warning(count: int) -> str:
    """What the quality dashboard (and its printed summary) says while inactive staff still hold work."""
    if not count:
        return ""
    who = "1 inactive staff member still holds" if count == 1 else f"{count} inactive staff members still hold"
    return (f"⚠ {who} open work (see Inactive staff with work): hand it over in Partners ▸ Staff ▸ Hand over "
            "and deactivate… (Ctrl+Shift+H).")


# Handing over --------------------------------------------------------------------------------------

def _colleague(uow, actor: Actor, cache: dict, item: _Item, staff, to_id: uuid.UUID):
    if to_id == staff.id:
        raise ValidationError("to_staff", f"{item.label}: choose a colleague other than {staff.name}, who is "
                                          "handing it over.")
    if to_id not in cache:
        cache[to_id] = uow.staff.get(to_id)
    colleague = cache[to_id]
    if not colleague.active:
        raise ValidationError("to_staff", f"{item.label}: {colleague.name} is no longer active at "
                                          f"{colleague.organization.name}; choose an active colleague.")
    if item.same_organization_only and colleague.organization_id != item.organization_id:
        org = uow.organizations.get(item.organization_id).name
        raise ValidationError("to_staff", f"{item.label} is for {org}, and {colleague.name} works for "
                                          f"{colleague.organization.name}: choose a colleague at {org}.")
    if item.person_id is not None and colleague.organization_id != staff.organization_id:
        consent.require_for_organization(uow, actor, item.person_id, colleague.organization_id)
    return colleague


def _swap_side(referral: Referral, old_id: uuid.UUID, new_id: uuid.UUID) -> None:
    """The referral's sending or receiving staff member (or both) that was `old_id` becomes `new_id`."""
    for side in ("from_staff_id", "to_staff_id"):
        if getattr(referral, side) == old_id:
            setattr(referral, side, new_id)


def _invite(attendee: MeetingAttendee, staff) -> None:
    attendee.staff_id, attendee.name, attendee.organization_id = staff.id, staff.name, staff.organization_id


def _move(uow, actor: Actor, item: _Item, staff, colleague, reason: str) -> uuid.UUID | None:
    """Give one item to the colleague; the new membership's id when a seat moved to a new row."""
    now, record = uow.now(), item.record
    why = reason or f"Handover from {staff.name}"
    change = {"staff": [staff.name, colleague.name]}
    if item.kind is HandoverKind.TASK:
        record.staff_id, record.updated_at = colleague.id, now
        uow.audit.record(actor, record, "handed over", changes=change, reason=why)
    elif item.kind is HandoverKind.TEAM_MEMBERSHIP:
        day = max(uow.today(), record.start_date)
        record.end_date, record.updated_at = day, now
        uow.audit.record(actor, record, "ended", changes={"end_date": [None, day.isoformat()]},
                         reason=why, person_id=item.person_id)
        if queries.current_seat(uow.session, item.person_id, colleague.id) is not None:
            return None  # the colleague is on the team already: the seat just ends
        seat = uow.add(TeamMember(team_id=record.team_id, staff_id=colleague.id, role=record.role, start_date=day))
        uow.flush()
        uow.audit.record(actor, seat, "added", changes={"member": [None, colleague.name],
                                                                    "role": [None, record.role.value]},
                         reason=why, person_id=item.person_id)
        return seat.id
    elif item.kind is HandoverKind.LEAD:
        record.lead_staff_id, record.updated_at = colleague.id, now
        uow.audit.record(actor, record, "lead job developer handed over", changes=change, reason=why)
    elif item.kind is HandoverKind.REFERRAL:
        if colleague.id in (record.from_staff_id, record.to_staff_id):
            raise ValidationError("to_staff", f"{item.label}: {colleague.name} is already on the other side of "
                                              "this referral; choose another colleague.")
        _swap_side(record, staff.id, colleague.id)
        record.updated_at = now
        uow.audit.record(actor, record, "handed over", changes=change, reason=why)
    else:
        if queries.attends(uow.session, item.meeting.id, colleague.id):
            raise ValidationError("to_staff", f"{item.label}: {colleague.name} is already invited; choose "
                                              "another colleague or leave this meeting out.")
        _invite(record, colleague)
        item.meeting.updated_at = now
        uow.audit.record(actor, item.meeting, "attendee handed over", changes={"attendee": change["staff"]},
                         reason=why)
    return None


def hand_over(uow, actor: Actor, staff_id: uuid.UUID, *, assignments: dict[str, uuid.UUID | None] | None = None,
              to_all: uuid.UUID | None = None, reason: str = "", deactivate: bool = True,
              version: int | None = None) -> tuple[HandoverRow, Changes]:
    """Move the staff member's open items to colleagues in one step: `assignments` {item key: colleague id,
    or None to leave that item with them}, `to_all` for every item not named there. With `deactivate`
    their staff record is made inactive in the same step."""
    require_handover(actor)
    staff = uow.staff.get(staff_id)
    if version is not None and staff.version != version:
        raise Conflict(f"Someone else changed {staff.name}'s record after you opened the handover; read it again.")
    assignments = dict(assignments or {})
    items = _collect(uow, staff)
    held = {i.key for i in items}
    if set(assignments) - held:
        raise Conflict(f"{staff.name} no longer holds some of the items chosen (someone changed them after the "
                       "list was read); read the list again.")
    plan = [(i, assignments.get(i.key, to_all) if i.key in assignments else to_all) for i in items]
    plan = [(i, to) for i, to in plan if to is not None]
    if not plan and not (deactivate and staff.active):
        raise ValidationError("assignments", f"Choose a colleague for at least one of {staff.name}'s items."
                              if items else f"{staff.name} holds nothing open: there is nothing to hand over.")
    cache: dict = {}
    chosen = [(i, _colleague(uow, actor, cache, i, staff, to)) for i, to in plan]
    reason = (reason or "").strip()
    closing = deactivate and staff.active
    handover = uow.add(Handover(staff_id=staff.id, deactivated=closing, reason=reason, actor_id=actor.user_id,
                                at=uow.now()))
    moved = [(i, colleague, _move(uow, actor, i, staff, colleague, reason)) for i, colleague in chosen]
    if closing:
        staff.active, staff.updated_at = False, uow.now()
        uow.audit.record(actor, staff, "made inactive at handover", changes={"active": [True, False]},
                         reason=reason)
    uow.flush()
    for n, (i, colleague, new_id) in enumerate(moved, 1):
        person = i.person_id
        uow.add(HandoverItem(handover_id=handover.id, position=n, kind=i.kind, record_id=i.record.id,
                             new_record_id=new_id, person_id=person, label=i.label[:300], from_staff_id=staff.id,
                             to_staff_id=colleague.id, version_after=i.versioned.version))
    uow.flush()
    uow.audit.record(actor, handover, "handed over", reason=reason, changes={
        "staff": staff.name, "items": len(moved), "to": sorted({c.name for _i, c, _n in moved}),
        "deactivated": closing})
    uow.session.expire(handover, ["items"])
    return row_of(uow, queries.handover(uow.session, handover.id)), CHANGED


# Undoing -------------------------------------------------------------------------------------------

def _record_of(uow, item: HandoverItem):
    model = {HandoverKind.TASK: Task, HandoverKind.TEAM_MEMBERSHIP: TeamMember, HandoverKind.LEAD: Person,
             HandoverKind.REFERRAL: Referral, HandoverKind.MEETING: MeetingAttendee}[item.kind]
    return uow.session.get(model, item.record_id)


def _still_as_left(uow, item: HandoverItem, record) -> bool:
    if record is None:
        return False
    if item.kind is HandoverKind.MEETING:
        meeting = uow.session.get(Meeting, record.meeting_id)
        return record.staff_id == item.to_staff_id and meeting.version == item.version_after
    if item.version_after is not None and record.version != item.version_after:
        return False
    if item.kind is HandoverKind.TEAM_MEMBERSHIP and item.new_record_id is not None:
        seat = uow.session.get(TeamMember, item.new_record_id)
        return seat is not None and seat.end_date is None and seat.archived_at is None
    holder = {HandoverKind.TASK: lambda r: r.staff_id, HandoverKind.LEAD: lambda r: r.lead_staff_id,
              HandoverKind.REFERRAL: lambda r: item.to_staff_id if item.to_staff_id in (
                  r.from_staff_id, r.to_staff_id) else None}.get(item.kind)
    return holder is None or holder(record) == item.to_staff_id


def _give_back(uow, actor: Actor, item: HandoverItem, record, staff, names: dict) -> None:
    now, why = uow.now(), f"Handover from {staff.name} undone"
    change = {"staff": [names[item.to_staff_id].name, staff.name]}
    if item.kind is HandoverKind.TASK:
        record.staff_id, record.updated_at = staff.id, now
        uow.audit.record(actor, record, "handed back", changes=change, reason=why)
    elif item.kind is HandoverKind.TEAM_MEMBERSHIP:
        if item.new_record_id is not None:
            seat = uow.session.get(TeamMember, item.new_record_id)
            seat.archived_at, seat.updated_at = now, now
            uow.audit.record(actor, seat, "taken back at handover undo", reason=why, person_id=item.person_id)
        before = record.end_date
        record.end_date, record.updated_at = None, now
        uow.audit.record(actor, record, "reopened at handover undo", changes={"end_date": [before.isoformat(), None]},
                         reason=why, person_id=item.person_id)
    elif item.kind is HandoverKind.LEAD:
        record.lead_staff_id, record.updated_at = staff.id, now
        uow.audit.record(actor, record, "lead job developer handed back", changes=change, reason=why)
    elif item.kind is HandoverKind.REFERRAL:
        _swap_side(record, item.to_staff_id, staff.id)
        record.updated_at = now
        uow.audit.record(actor, record, "handed back", changes=change, reason=why)
    else:
        meeting = uow.session.get(Meeting, record.meeting_id)
        _invite(record, staff)
        meeting.updated_at = now
        uow.audit.record(actor, meeting, "attendee handed back", changes={"attendee": change["staff"]}, reason=why)


def undo_handover(uow, actor: Actor, handover_id: uuid.UUID) -> tuple[HandoverRow, Changes]:
    """Give every item back to the staff member and reopen their record if the handover closed it.
    Nothing is given back when any item changed since (the Conflict names it)."""
    require_handover(actor)
    handover = queries.handover(uow.session, handover_id)
    staff = uow.staff.get(handover.staff_id, include_archived=True)
    if handover.undone_at is not None:
        raise ValidationError("handover", f"The handover of {staff.name}'s work was already undone on "
                                          f"{long_date(handover.undone_at.date())}.")
    records = [(item, _record_of(uow, item)) for item in handover.items]
    for item, record in records:
        if not _still_as_left(uow, item, record):
            raise Conflict(f"{item.label} changed after the handover (someone reassigned or edited it), so the "
                           f"handover of {staff.name}'s work cannot be undone as one step; hand that item back "
                           "by hand.")
    names = queries.staff_named(uow.session, [i.to_staff_id for i in handover.items])
    for item, record in reversed(records):
        _give_back(uow, actor, item, record, staff, names)
    if handover.deactivated and not staff.active:
        staff.active, staff.updated_at = True, uow.now()
        uow.audit.record(actor, staff, "made active at handover undo", changes={"active": [False, True]})
    handover.undone_at, handover.undone_by_id = uow.now(), actor.user_id
    uow.flush()
    uow.audit.record(actor, handover, "handover undone", changes={"staff": staff.name,
                                                                  "items": len(handover.items)})
    return row_of(uow, handover), CHANGED
