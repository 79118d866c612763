"""The person's timeline: everything that happened in the case, newest first, in one list.

Each kind of event has one small source function registered in SOURCES with the information category
a partner organization needs a release for. A new kind (meetings, referrals, agreements) plugs in by
adding a TimelineKind member with its label, a source function `(Reading) -> entries` (one SELECT in
storage/queries/timeline.py, cut to `reading.window`) and its SOURCES line; nothing else changes.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable, Iterable

from caseteam.domain.consent import InformationCategory
from caseteam.domain.tasks import TaskStatus
from caseteam.errors import ValidationError
from caseteam.storage.queries import timeline as queries
from caseteam.storage.queries.timeline import Window

from . import access, consent
from .access import Action
from .actors import Actor

__all__ = ["TimelineKind", "TimelineEntry", "Reading", "timeline", "SOURCES"]

SHORT = 140  # longer texts (what was learned, a reason) are cut to this many characters


class TimelineKind(enum.Enum):
    NOTE = "note"
    STAGE = "stage"
    PLAN = "plan"
    PROFILE = "profile"
    DISCOVERY = "discovery"
    TASK = "task"
    TEAM = "team"
    RELEASE = "release"
    DISCLOSURE = "disclosure"
    NEGOTIATION = "negotiation"
    JOB = "job"
    VENTURE = "venture"
    INCIDENT = "incident"
    SIGNATURE = "signature"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    TimelineKind.NOTE: "Case note",
    TimelineKind.STAGE: "Stage change",
    TimelineKind.PLAN: "Plan revision",
    TimelineKind.PROFILE: "Vocational profile revision",
    TimelineKind.DISCOVERY: "Discovery activity",
    TimelineKind.TASK: "Task",
    TimelineKind.TEAM: "Team change",
    TimelineKind.RELEASE: "Release of information",
    TimelineKind.DISCLOSURE: "Disclosure",
    TimelineKind.NEGOTIATION: "Job negotiation",
    TimelineKind.JOB: "Job",
    TimelineKind.VENTURE: "Self-employment",
    TimelineKind.INCIDENT: "Critical incident",
    TimelineKind.SIGNATURE: "Plan signature",
}


@dataclass(frozen=True)
class TimelineEntry:
    when: date | datetime      # a date, or a UTC instant the screen shows in local time
    day: date                  # the local calendar day of `when` (what the date filters compare)
    kind: TimelineKind
    title: str
    detail: str
    who: str
    reference: str             # what people call the record: RL-0003, TK-0012, "Revision 3"
    record_id: uuid.UUID       # the thing to open (plan revision, task, release...)

    def sort_key(self) -> tuple:
        """Newest first: by local day, then by instant (date-only events after timed ones of that
        day), then a fixed order of kinds, the reference and the id, so equal keys never swap."""
        instant = self.when if isinstance(self.when, datetime) else None
        return (self.day, instant.timestamp() if instant else float("-inf"),
                -list(TimelineKind).index(self.kind), self.reference, str(self.record_id), self.title)


def _local_day(instant: datetime) -> date:
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=timezone.utc)
    return instant.astimezone().date()


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SHORT else text[:SHORT - 1].rstrip() + "…"


def _timed(when: datetime, **values) -> TimelineEntry:
    return TimelineEntry(when=when, day=_local_day(when), **values)


def _dated(when: date, **values) -> TimelineEntry:
    return TimelineEntry(when=when, day=when, **values)


# --- sources: one per kind, each (Reading) -> entries ------------------------------------------------

@dataclass(frozen=True)
class Reading:
    """What every source is given: who reads whose timeline, over which window, and what the reader's
    organization may see (None: the whole record), worked out once per call."""
    uow: object
    actor: Actor
    person_id: uuid.UUID
    window: Window
    shown: frozenset[InformationCategory] | None

    @property
    def partner(self) -> bool:
        return self.shown is not None


def _notes(r: Reading):
    for note, author, corrects in queries.case_notes(r.uow.session, r.person_id, r.window):
        first = _short(note.body.strip().splitlines()[0]) if note.body.strip() else ""
        if corrects:
            title = f"Addendum to {corrects}" + (f": {first}" if first else "")
        else:
            title = f"{note.kind.label}" + (f": {first}" if first else "")
        hours = (f"{note.starts_at:%H:%M}–{note.ends_at:%H:%M}" if note.starts_at and note.ends_at else "")
        detail = " · ".join(t for t in (hours, note.place, "billable" if note.billable else "") if t)
        yield _dated(note.held_on, kind=TimelineKind.NOTE, title=title, detail=detail, who=author or "",
                     reference=note.ref, record_id=note.id)


def _stages(r: Reading):
    for change, author in queries.stage_changes(r.uow.session, r.person_id, r.window):
        title = (f"Moved from {change.previous_stage.label} to {change.stage.label}" if change.previous_stage
                 else f"Started at {change.stage.label}")
        yield _dated(change.entered_on, kind=TimelineKind.STAGE, title=title, detail=_short(change.reason),
                     who=author or "", reference=change.stage.label, record_id=change.id)


def _revision_source(kind: TimelineKind, fetch, what: str):
    def source(r: Reading):
        for rid, number, summary, saved_at, author in fetch(r.uow.session, r.person_id, r.window):
            yield _timed(saved_at, kind=kind, title=f"{what} revision {number} saved", detail=_short(summary),
                         who=author or "", reference=f"Revision {number}", record_id=rid)
    return source


def _discovery(r: Reading):
    for a in queries.discovery_activities(r.uow.session, r.person_id, r.window):
        hours = f"{a.minutes / 60:.2f}".rstrip("0").rstrip(".")
        detail = f"{hours} h" + (f" · Learned: {_short(a.learned)}" if a.learned.strip() else "")
        yield _dated(a.held_on, kind=TimelineKind.DISCOVERY, title=f"{a.setting.label}: {_short(a.description)}"
                     if a.description.strip() else a.setting.label, detail=detail, who=_short(a.participants),
                     reference=a.setting.label, record_id=a.id)


def _tasks(r: Reading):
    w = r.window

    def inside(instant):
        return instant is not None and (w.since_at is None or instant >= w.since_at) and (
            w.before_at is None or instant < w.before_at)
    for task, org, creator in queries.tasks(r.uow.session, r.person_id, w):
        common = dict(kind=TimelineKind.TASK, reference=task.ref, record_id=task.id)
        if inside(task.created_at):
            yield _timed(task.created_at, title=f"Task created: {task.title}",
                         detail=f"For {org}" + (f" · due {task.due.isoformat()}" if task.due else ""),
                         who=creator or "", **common)
        if task.status is TaskStatus.DONE and inside(task.completed_at):
            yield _timed(task.completed_at, title=f"Task completed: {task.title}", detail=f"By {org}", who="",
                         **common)
        if task.status is TaskStatus.CANCELLED and inside(task.updated_at):
            yield _timed(task.updated_at, title=f"Task cancelled: {task.title}", detail=f"For {org}", who="",
                         **common)


def _team(r: Reading):
    w = r.window

    def inside(day):
        return day is not None and (w.since_day is None or day >= w.since_day) and (
            w.until_day is None or day <= w.until_day)
    for member, given, family, org in queries.team_members(r.uow.session, r.person_id, w):
        name = f"{given} {family}" if given else member.support_name
        detail = member.role.label + (f", {org}" if org else "") + (
            f" · {member.relationship_to_person}" if member.relationship_to_person else "")
        common = dict(kind=TimelineKind.TEAM, detail=detail, who="", reference=name, record_id=member.id)
        if inside(member.start_date):
            yield _dated(member.start_date, title=f"{name} joined the team", **common)
        if inside(member.end_date):
            yield _dated(member.end_date, title=f"{name} left the team", **common)


def _releases(r: Reading):
    """Staff outside the home organization see only releases naming their organization (as the Consent tab)."""
    today, w, mine = r.uow.today(), r.window, r.actor.organization_id

    def inside(day):
        return day is not None and day <= today and (w.since_day is None or day >= w.since_day) and (
            w.until_day is None or day <= w.until_day)
    for rel in queries.releases(r.uow.session, r.person_id, w):
        if r.partner and not any(p.organization_id == mine for p in rel.parties):
            continue
        parties = ", ".join(p.organization.name if p.organization else p.name for p in rel.parties)
        common = dict(kind=TimelineKind.RELEASE, reference=rel.ref, record_id=rel.id)
        if inside(rel.signed_on):
            yield _dated(rel.signed_on, title=f"Release {rel.ref} signed", detail=f"Between {parties}",
                         who=rel.signer_name, **common)
        if inside(rel.revoked_on):
            yield _dated(rel.revoked_on, title=f"Release {rel.ref} revoked",
                         detail=_short(f"{rel.revocation_method}. {rel.revocation_note}".strip(". ")), who="",
                         **common)
        if rel.expires_on is not None and (rel.revoked_on is None or rel.revoked_on > rel.expires_on) \
                and rel.expires_on < today and inside(rel.expires_on):
            yield _dated(rel.expires_on, title=f"Release {rel.ref} expired", detail=f"Between {parties}", who="",
                         **common)


def _disclosures(r: Reading):
    """A partner sees only what went to its own organization."""
    for d, who, release_ref in queries.disclosures(r.uow.session, r.person_id, r.window):
        if r.partner and d.recipient_organization_id != r.actor.organization_id:
            continue
        under = f" under {release_ref}" if release_ref else ""
        yield _timed(d.at, kind=TimelineKind.DISCLOSURE, title=f"Disclosed to {d.recipient_name}",
                     detail=f"{d.description} ({d.channel}){under}", who=who or "",
                     reference=release_ref or "", record_id=d.id)


def _negotiations(r: Reading):
    for change, ref, title, employer, who in queries.negotiation_changes(r.uow.session, r.person_id, r.window):
        what = f"{title} at {employer}" if title else (employer or ref)
        moved = (f"from {change.previous_status.label.lower()} to {change.status.label.lower()}"
                 if change.previous_status else f"started at {change.status.label.lower()}")
        yield _dated(change.changed_on, kind=TimelineKind.NEGOTIATION, title=f"Negotiation with {what}: {moved}",
                     detail=_short(change.note), who=who or "", reference=ref, record_id=change.negotiation_id)


def _jobs(r: Reading):
    """Jobs started and ended; a venture's start is its launch (the Self-employment entry), not a hire."""
    w = r.window

    def inside(day):
        return day is not None and (w.since_day is None or day >= w.since_day) and (
            w.until_day is None or day <= w.until_day)
    for job, employer, business in queries.jobs(r.uow.session, r.person_id, w):
        where = business or employer or ""
        what = f"{job.job_title} at {where}" if where else job.job_title
        common = dict(kind=TimelineKind.JOB, who="", reference=job.ref, record_id=job.id)
        if inside(job.start_date) and job.venture_id is None:
            terms = f"{job.hours_per_week.normalize():f} h a week at ${job.hourly_wage:,.2f} an hour"
            yield _dated(job.start_date, title=f"Started work: {what}", detail=terms, **common)
        if inside(job.separated_on):
            reason = job.separation_reason.label if job.separation_reason else ""
            yield _dated(job.separated_on, title=f"Left the job: {what}" if job.venture_id is None
                         else f"Self-employment ended: {where}",
                         detail=_short(" · ".join(t for t in (reason, job.separation_note) if t)), **common)


def _ventures(r: Reading):
    for v in queries.venture_launches(r.uow.session, r.person_id, r.window):
        yield _dated(v.launch_date, kind=TimelineKind.VENTURE,
                     title=f"Launched {v.business_name}" if v.business_name else "Launched a business",
                     detail=_short(v.idea), who="", reference=v.ref, record_id=v.id)


def _incidents(r: Reading):
    for incident, reporter in queries.incidents(r.uow.session, r.person_id, r.window):
        detail = " · ".join(t for t in (incident.place, _short(incident.description)) if t)
        yield _timed(incident.occurred_at, kind=TimelineKind.INCIDENT,
                     title=f"Critical incident {incident.ref}: {incident.kind.label}", detail=detail,
                     who=reporter or "", reference=incident.ref, record_id=incident.id)


def _signatures(r: Reading):
    for rid, number, signed_on, how, signed_by, recorder in queries.plan_signatures(r.uow.session, r.person_id,
                                                                                      r.window):
        yield _dated(signed_on, kind=TimelineKind.SIGNATURE, title=f"Plan revision {number} signed by {signed_by}",
                     detail=f"{how[:1].upper()}{how[1:]}; the revision is locked" if how else "The revision is locked",
                     who=recorder or "", reference=f"Revision {number}", record_id=rid)


Source = Callable[[Reading], Iterable[TimelineEntry]]

# kind -> (source, the category a partner organization needs a release for; None: everyone who may open
# the record). Releases and disclosures filter themselves as the Consent tab does.
SOURCES: dict[TimelineKind, tuple[Source, InformationCategory | None]] = {
    TimelineKind.NOTE: (_notes, InformationCategory.PLAN),  # as notes.list_notes
    TimelineKind.STAGE: (_stages, None),
    TimelineKind.PLAN: (_revision_source(TimelineKind.PLAN, queries.plan_revisions, "Plan"),
                        InformationCategory.PLAN),
    TimelineKind.PROFILE: (_revision_source(TimelineKind.PROFILE, queries.profile_revisions, "Vocational profile"),
                           InformationCategory.VOCATIONAL),
    TimelineKind.DISCOVERY: (_discovery, InformationCategory.VOCATIONAL),
    TimelineKind.TASK: (_tasks, InformationCategory.PLAN),
    TimelineKind.TEAM: (_team, InformationCategory.PLAN),
    TimelineKind.RELEASE: (_releases, None),
    TimelineKind.DISCLOSURE: (_disclosures, None),
    TimelineKind.NEGOTIATION: (_negotiations, InformationCategory.EMPLOYMENT),
    TimelineKind.JOB: (_jobs, InformationCategory.EMPLOYMENT),
    TimelineKind.VENTURE: (_ventures, InformationCategory.EMPLOYMENT),
    TimelineKind.INCIDENT: (_incidents, InformationCategory.PLAN),  # as services/incidents.py
    TimelineKind.SIGNATURE: (_signatures, InformationCategory.PLAN),
}


def _window(since: date | None, until: date | None, cap: int | None) -> Window:
    def start_of(day: date) -> datetime:
        return datetime.combine(day, time.min).astimezone().astimezone(timezone.utc)
    return Window(since_day=since, until_day=until, since_at=start_of(since) if since else None,
                  before_at=start_of(until + timedelta(days=1)) if until else None, cap=cap)


def timeline(uow, actor: Actor, person_id: uuid.UUID, *, kinds=None, since: date | None = None,
             until: date | None = None, limit: int | None = 500, offset: int = 0) -> list[TimelineEntry]:
    """The person's events of `kinds` (default: all) between `since` and `until` (local days, both
    included), newest first; `limit`/`offset` page through them. Kinds the reader's organization has no
    release for are left out, never shown as empty."""
    person = uow.people.get(person_id, include_archived=True)
    access.require(uow, actor, Action.VIEW_PERSON, person.id)
    if since is not None and until is not None and since > until:
        raise ValidationError("since", f"The timeline's start {since.isoformat()} is after its end "
                                       f"{until.isoformat()}.")
    if offset < 0 or (limit is not None and limit < 0):
        raise ValidationError("limit", "The timeline's page cannot start or end before its first entry.")
    wanted = set(TimelineKind) if kinds is None else {TimelineKind(k) for k in kinds}
    shown = consent.visible_categories(uow, actor, person.id)
    reading = Reading(uow, actor, person.id, _window(since, until, None if limit is None else offset + limit), shown)
    entries: list[TimelineEntry] = []
    for kind, (source, category) in SOURCES.items():
        if kind not in wanted or (shown is not None and category is not None and category not in shown):
            continue
        entries.extend(source(reading))
    entries.sort(key=TimelineEntry.sort_key, reverse=True)
    return entries[offset:None if limit is None else offset + limit]
