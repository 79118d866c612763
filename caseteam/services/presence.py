"""Partner presence: how each partner organization engages at the One-Stop (referral only, a scheduled
presence on set days and hours, or co-located there), its weekly times in the building (day, local wall-clock
hours, room, who comes), and the week's "who is in the building" for One-Stop staff.

Changing presence needs the partner-directory permission; every account may read it. Each change is audited.
A referral-only partner has no live weekly times; a co-located partner may have some (its hours and room),
and is listed on every open day of the week either way."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil import parser as date_parser

from caseteam.documents.dates import long_date
from caseteam.documents.presence_document import (PresenceDayView, PresenceLineView, PresenceWeekView,
                                                  render_presence_week)
from caseteam.domain.organizations import Organization, OrganizationKind
from caseteam.domain.presence import Engagement, PresenceSlot
from caseteam.errors import ValidationError
from caseteam.storage.queries import presence as queries

from . import access, organizations
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import apply_fields, audit_safe, check_version
from .organizations import OrganizationRow, engagement_of
from .records import is_demo

CHANGED = Changes(presence=True, organizations=True)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WORKING_DAYS = 5  # Monday to Friday are always shown; a weekend day only when someone is in then
SLOT_FIELDS = ("weekday", "starts", "ends", "room", "staff_id", "site_organization_id", "note")
ROOM_LENGTH, NOTE_LENGTH = 100, 300
BASED_HERE = "Based here (co-located)"

__all__ = ["CHANGED", "DAY_NAMES", "SlotRow", "PresenceEntry", "BuildingDay", "BuildingWeek", "set_engagement",
           "add_slot", "update_slot", "set_slot_archived", "list_slots", "presence_of", "who_is_in_building",
           "sites", "clock", "hours_words", "week_start", "week_view", "week_pdf"]


def clock(at: time) -> str:
    """A local wall-clock time as the schedule reads it: 9:00, 13:30."""
    return f"{at.hour}:{at.minute:02d}"


def hours_words(starts: time, ends: time) -> str:
    return f"{clock(starts)}–{clock(ends)}"


def week_start(day: date) -> date:
    """The Monday of the week `day` is in."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class SlotRow:
    """One weekly block when a partner is in the building."""

    id: uuid.UUID
    organization_id: uuid.UUID
    organization_name: str
    weekday: int  # 0 = Monday
    starts: time
    ends: time
    room: str
    staff_id: uuid.UUID | None
    staff_name: str
    site_organization_id: uuid.UUID | None
    site_name: str
    note: str
    version: int
    archived: bool = False

    @property
    def day_name(self) -> str:
        return DAY_NAMES[self.weekday]

    @property
    def hours(self) -> str:
        return hours_words(self.starts, self.ends)

    @property
    def words(self) -> str:
        """As the resource manual prints it: "At the One-Stop Tuesdays 9:00–12:00, Room 104"."""
        room = f", {self.room}" if self.room else ""
        return f"At {self.site_name or 'the One-Stop'} {self.day_name}s {self.hours}{room}"

    @classmethod
    def of(cls, found) -> SlotRow:
        s, org_name, site_name, given, family = found
        return cls(s.id, s.organization_id, org_name, s.weekday, s.starts, s.ends, s.room or "", s.staff_id,
                   " ".join(filter(None, (given, family))), s.site_organization_id, site_name or "", s.note or "",
                   s.version, s.archived_at is not None)


def _may_change(actor: Actor) -> None:
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)


def _row(uow, slot: PresenceSlot) -> SlotRow:
    found = next(r for r in queries.slots_of(uow.session, {slot.organization_id}, include_archived=True)
                 if r[0].id == slot.id)
    return SlotRow.of(found)


# --- engagement ---------------------------------------------------------------------------------------

def set_engagement(uow, actor: Actor, organization_id: uuid.UUID, engagement: Engagement, *,
                   version: int | None = None) -> tuple[OrganizationRow, Changes]:
    """Referral only, a scheduled presence, or co-located. Making a partner referral only is refused while
    it still has weekly times in the building."""
    row, changes = organizations.update_organization(uow, actor, organization_id, version=version,
                                                     engagement=engagement_of(engagement))
    return row, changes | (CHANGED if changes.presence else Changes())


# --- weekly slots -------------------------------------------------------------------------------------

def _time(field: str, label: str, value) -> time:
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    text = (value or "").strip() if isinstance(value, str) else ""
    if not text:
        raise ValidationError(field, f"The {label} time is required (for example 9:00 or 13:30).")
    try:
        return date_parser.parse(text, default=datetime(2000, 1, 1)).time().replace(second=0, microsecond=0)
    except (ValueError, OverflowError):
        raise ValidationError(field, f'The {label} time "{text}" is not a time of day (for example 9:00 '
                                     "or 1:30 pm).") from None


def _text(values: dict, field: str, label: str, limit: int) -> None:
    if field in values:
        values[field] = (values[field] or "").strip()
        if len(values[field]) > limit:
            raise ValidationError(field, f"The {label} is at most {limit} characters (this one has "
                                         f"{len(values[field])}).")


def _slot_values(uow, org: Organization, values: dict, *, before: PresenceSlot | None = None) -> dict:
    """Check and normalise the fields given; the times are checked together with the saved ones."""
    if "weekday" in values:
        day = values["weekday"]
        if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
            raise ValidationError("weekday", f"The day must be Monday to Sunday (0 to 6), not {day!r}.")
    for field, label in (("starts", "start"), ("ends", "end")):
        if field in values:
            values[field] = _time(field, label, values[field])
    starts = values.get("starts", before.starts if before else None)
    ends = values.get("ends", before.ends if before else None)
    if starts is not None and ends is not None and ends <= starts:
        raise ValidationError("ends", f"The end time ({clock(ends)}) must be after the start time "
                                      f"({clock(starts)}).")
    _text(values, "room", "room", ROOM_LENGTH)
    _text(values, "note", "note", NOTE_LENGTH)
    if values.get("staff_id") is not None:
        staff = uow.staff.get(values["staff_id"])
        if staff.organization_id != org.id:
            raise ValidationError("staff_id", f"{staff.name} works for {staff.organization.name}, not {org.name}: "
                                              f"choose someone from {org.name}.")
    if values.get("site_organization_id") is not None:
        site = uow.organizations.get(values["site_organization_id"])
        if site.kind is not OrganizationKind.AMERICAN_JOB_CENTER:
            raise ValidationError("site_organization_id", f"{site.name} is not a One-Stop (American Job Center); "
                                                          "choose the One-Stop the partner is at.")
    return values


def _live_partner(uow, organization_id: uuid.UUID) -> Organization:
    org = uow.organizations.get(organization_id)
    if org.engagement is Engagement.REFERRAL_ONLY:
        raise ValidationError("engagement", f"{org.name} takes referrals only, so it has no times in the building. "
                                            "Choose a scheduled presence or co-located for it first.")
    return org


def _audited(uow, actor: Actor, slot: PresenceSlot, what: str, changes: dict | None = None) -> tuple[SlotRow, Changes]:
    slot.updated_at = uow.now()
    uow.flush()
    if changes:  # a time of day as 09:00 (the audit log's own rendering knows dates, not times)
        changes = audit_safe({k: [v.isoformat("minutes") if isinstance(v, time) else v for v in pair]
                              for k, pair in changes.items()})
    uow.audit.record(actor, slot, what, changes=changes or None)
    return _row(uow, slot), CHANGED


def add_slot(uow, actor: Actor, organization_id: uuid.UUID, *, weekday: int, starts, ends, room: str = "",
             staff_id: uuid.UUID | None = None, site_organization_id: uuid.UUID | None = None,
             note: str = "") -> tuple[SlotRow, Changes]:
    """A weekly time in the building for a partner with a scheduled presence or co-located."""
    _may_change(actor)
    org = _live_partner(uow, organization_id)
    if site_organization_id is None and org.kind is OrganizationKind.AMERICAN_JOB_CENTER:
        site_organization_id = org.id  # a One-Stop's own staff are at that One-Stop
    values = _slot_values(uow, org, dict(weekday=weekday, starts=starts, ends=ends, room=room, staff_id=staff_id,
                                         site_organization_id=site_organization_id, note=note))
    slot = uow.add(PresenceSlot(organization_id=org.id, **values))
    return _audited(uow, actor, slot, "presence time added", {k: [None, v] for k, v in values.items()}
                    | {"organization": [None, org.name]})


def update_slot(uow, actor: Actor, slot_id: uuid.UUID, *, version: int | None = None,
                **values) -> tuple[SlotRow, Changes]:
    _may_change(actor)
    slot = queries.slot(uow.session, slot_id)
    org = uow.organizations.get(slot.organization_id)
    check_version(slot, version, f"{org.name}'s {DAY_NAMES[slot.weekday]} time in the building")
    changed = apply_fields(slot, _slot_values(uow, org, dict(values), before=slot), SLOT_FIELDS)
    if not changed:
        return _row(uow, slot), Changes()
    return _audited(uow, actor, slot, "presence time changed", changed)


def set_slot_archived(uow, actor: Actor, slot_id: uuid.UUID, archived: bool, *,
                      version: int | None = None) -> tuple[SlotRow, Changes]:
    """Remove (True) or put back (False) a weekly time; it stays in the store and in the audit log."""
    _may_change(actor)
    slot = queries.slot(uow.session, slot_id, include_archived=True)
    name = f"The {DAY_NAMES[slot.weekday]} {hours_words(slot.starts, slot.ends)} time"
    check_version(slot, version, name.lower())
    if (slot.archived_at is not None) == archived:
        raise ValidationError("archived", f"{name} is already removed." if archived else f"{name} is not removed.")
    if not archived:
        _live_partner(uow, slot.organization_id)
    slot.archived_at = uow.now() if archived else None
    return _audited(uow, actor, slot, "presence time removed" if archived else "presence time restored")


def list_slots(uow, actor: Actor, organization_id: uuid.UUID, *, include_archived: bool = False) -> list[SlotRow]:
    """One organization's weekly times, by day and hour."""
    return [SlotRow.of(r) for r in queries.slots_of(uow.session, {organization_id},
                                                   include_archived=include_archived)]


def presence_of(uow, organization_ids) -> dict[uuid.UUID, tuple[SlotRow, ...]]:
    """{organization id: its live weekly times} for several organizations in one statement."""
    found: dict[uuid.UUID, list[SlotRow]] = {}
    for r in queries.slots_of(uow.session, organization_ids):
        found.setdefault(r[0].organization_id, []).append(SlotRow.of(r))
    return {key: tuple(rows) for key, rows in found.items()}


def sites(uow, actor: Actor) -> list[tuple[uuid.UUID, str]]:
    """The One-Stops (American Job Centers) a partner can be at."""
    return queries.sites(uow.session)


# --- who is in the building ---------------------------------------------------------------------------

@dataclass(frozen=True)
class PresenceEntry:
    """One partner in the building on one day."""

    organization_id: uuid.UUID
    organization_name: str
    engagement: Engagement
    hours: str            # "9:00–12:00", or BASED_HERE for a co-located partner with no hours that day
    room: str
    staff_name: str
    note: str = ""
    starts: time | None = None

    @property
    def co_located(self) -> bool:
        return self.engagement is Engagement.CO_LOCATED


@dataclass(frozen=True)
class BuildingDay:
    day: date
    entries: tuple[PresenceEntry, ...]

    @property
    def name(self) -> str:
        return DAY_NAMES[self.day.weekday()]


@dataclass(frozen=True)
class BuildingWeek:
    week_of: date  # the Monday
    site_name: str  # the One-Stop asked about, or "" for every One-Stop
    days: tuple[BuildingDay, ...]

    @property
    def last_day(self) -> date:
        return self.days[-1].day

    def day(self, when: date) -> BuildingDay:
        return next(d for d in self.days if d.day == when)


def _at_site(slot: SlotRow, site_id: uuid.UUID | None) -> bool:
    """A time with no One-Stop named counts as at every One-Stop."""
    return site_id is None or slot.site_organization_id in (None, site_id)


def who_is_in_building(uow, actor: Actor, *, week_of: date,
                       site_organization_id: uuid.UUID | None = None) -> BuildingWeek:
    """For each day Monday to Friday of the week `week_of` is in (and a weekend day when someone is in
    then), the partners present with their hours, room and staff, earliest first. A co-located partner is
    listed every day: with its hours when it has a time that day, otherwise as based here."""
    monday = week_start(week_of)
    site_name = uow.organizations.get(site_organization_id).name if site_organization_id else ""
    found, co_located = queries.week(uow.session)
    every = [SlotRow.of(r) for r in found]
    slots = [s for s in every if _at_site(s, site_organization_id)]
    located = {o.id for o in co_located}
    elsewhere = {s.organization_id for s in every} - {s.organization_id for s in slots}
    based_here = [o for o in co_located if o.id not in elsewhere]  # not only at another One-Stop
    weekdays = sorted(set(range(WORKING_DAYS)) | {s.weekday for s in slots})
    rooms = {o.id: ", ".join(sorted({s.room for s in slots if s.organization_id == o.id and s.room}))
             for o in based_here}
    days = []
    for weekday in weekdays:
        todays = [s for s in slots if s.weekday == weekday]
        entries = [PresenceEntry(s.organization_id, s.organization_name,
                                 Engagement.CO_LOCATED if s.organization_id in located else Engagement.SCHEDULED,
                                 s.hours, s.room, s.staff_name, s.note, s.starts) for s in todays]
        present = {s.organization_id for s in todays}
        entries += [PresenceEntry(o.id, o.name, Engagement.CO_LOCATED, BASED_HERE, rooms[o.id], "")
                    for o in based_here if o.id not in present]
        entries.sort(key=lambda e: (e.starts is not None, e.starts or time(0), e.organization_name))
        days.append(BuildingDay(monday + timedelta(days=weekday), tuple(entries)))
    return BuildingWeek(monday, site_name, tuple(days))


def week_view(uow, actor: Actor, week: BuildingWeek):
    """The week as the printed page shows it."""
    days = tuple(PresenceDayView(f"{d.name}, {long_date(d.day)}",
                                 tuple(PresenceLineView(e.hours, e.organization_name, e.room, e.staff_name)
                                       for e in d.entries)) for d in week.days)
    return PresenceWeekView(week.week_of, week.last_day, week.site_name or "Every One-Stop", days, uow.today(),
                            is_demo(uow))


def week_pdf(uow, actor: Actor, *, week_of: date, site_organization_id: uuid.UUID | None = None) -> bytes:
    """The week's "who is in the building" as a PDF (read again now); the copy made is audited."""
    week = who_is_in_building(uow, actor, week_of=week_of, site_organization_id=site_organization_id)
    data = render_presence_week(week_view(uow, actor, week))
    uow.audit.record(actor, ("presence_week", week.week_of.isoformat()), "printed",
                     changes={"week_of": week.week_of.isoformat(), "site": week.site_name or "every One-Stop"})
    return data
