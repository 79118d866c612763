"""The quality dashboard: one read, for a supervisor or an administrator, of what needs attention across
the cases they may see. Each count comes with the rows behind it (record kind, id and words), one
statement per count.

Counts: plan reviews overdue; tasks overdue (also by organization); people in one stage longer than
`stage_days` (closed cases and extended supports left out); Discovery stalled (no activity for
`discovery_idle_days`, or running past `discovery_weeks`); signed notes awaiting co-signature; staff
caseloads with their billable share of time; final agreements awaiting signatures; authorizations and
releases ending within 30 days; credentials expiring within 60 days, and expired ones not renewed;
referrals not answered by their due day, with the referral counts (open, overdue, by status, the median
days from sending to an answer) for the referrals to or from the supervisor's organization.

Billable share of time, per staff member, over the 30 days up to today: the minutes of their service
entries (with a start and stop time, in force: not archived, not replaced by a correction) divided by all
the minutes they recorded in those days, which are those entries plus their signed case notes with a start
and stop time that no counted entry was written from (an entry made from a note counts once). Only the
people the account may see count. None when nothing timed was recorded.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from caseteam.documents.dates import long_date
from caseteam.domain.store_info import StoreProperty
from caseteam.domain.users import Role
from caseteam.errors import PermissionDenied, ValidationError
from caseteam.storage.queries import money_board as money_queries
from caseteam.storage.queries import quality as queries
from caseteam.storage.queries import referrals as referral_queries
from caseteam.storage.queries import training as training_queries

from . import access, consent, referrals
from .access import Action
from .actors import Actor
from .changes import NOTHING, Changes
from .handovers import counts_words, inactive_staff_warning, inactive_staff_with_work
from .referral_rows import ReferralCounts, referral_words

TIME_WINDOW_DAYS = 30      # billable share of time is over this many days
ENDING_DAYS = 30           # authorizations and releases ending within this many days
CREDENTIAL_DAYS = 60       # credentials expiring within this many days


@dataclass(frozen=True)
class Thresholds:
    stage_days: int = 120            # in one stage longer than this many days
    discovery_idle_days: int = 21    # Discovery with no activity for this many days
    discovery_weeks: int = 12        # Discovery running longer than this many weeks


PROPERTY_KEYS = {"stage_days": "quality.stage_days", "discovery_idle_days": "quality.discovery_idle_days",
                 "discovery_weeks": "quality.discovery_weeks"}
LIMITS = {"stage_days": (7, 3650, "days in one stage"), "discovery_idle_days": (1, 365, "days without activity"),
          "discovery_weeks": (1, 104, "weeks of Discovery")}


class QualityKind(enum.Enum):
    PLAN_REVIEWS_OVERDUE = "plan_reviews_overdue"
    TASKS_OVERDUE = "tasks_overdue"
    LONG_IN_STAGE = "long_in_stage"
    DISCOVERY_STALLED = "discovery_stalled"
    NOTES_AWAITING_COSIGN = "notes_awaiting_cosign"
    CASELOADS = "caseloads"
    AGREEMENTS_AWAITING_SIGNATURE = "agreements_awaiting_signature"
    AUTHORIZATIONS_ENDING = "authorizations_ending"
    RELEASES_EXPIRING = "releases_expiring"
    CREDENTIALS_EXPIRING = "credentials_expiring"
    CREDENTIALS_EXPIRED = "credentials_expired"
    INACTIVE_STAFF_WITH_WORK = "inactive_staff_with_work"  # nothing stays on an inactive person unwarned
    REFERRALS_OVERDUE = "referrals_overdue"  # sent or received, not answered by the day an answer was due

    def label(self, t: Thresholds = Thresholds()) -> str:
        return {"plan_reviews_overdue": "Plan reviews overdue", "tasks_overdue": "Tasks overdue",
                "long_in_stage": f"People in one stage over {t.stage_days} days",
                "discovery_stalled": f"Discovery stalled (no activity for {t.discovery_idle_days} days "
                                     f"or past {t.discovery_weeks} weeks)",
                "notes_awaiting_cosign": "Notes awaiting co-signature",
                "caseloads": f"Staff caseloads and billable share of time (last {TIME_WINDOW_DAYS} days)",
                "agreements_awaiting_signature": "Agreements awaiting signatures",
                "authorizations_ending": f"Authorizations ending within {ENDING_DAYS} days",
                "releases_expiring": f"Releases expiring within {ENDING_DAYS} days",
                "credentials_expiring": f"Credentials expiring within {CREDENTIAL_DAYS} days",
                "credentials_expired": "Credentials expired, not renewed",
                "inactive_staff_with_work": "Inactive staff still holding work",
                "referrals_overdue": "Referrals not answered by the day an answer was due"}[self.value]


@dataclass(frozen=True)
class QualityLine:
    kind: QualityKind
    record_kind: str   # "person" | "task" | "case_note" | "staff" | "agreement" | "authorization" | "release" | "credential" | "referral"
    record_id: uuid.UUID
    record_ref: str
    words: str
    person_id: uuid.UUID | None = None
    person_name: str = ""
    group: str = ""    # the task's organization, the staff member's organization


@dataclass(frozen=True)
class QualityCount:
    kind: QualityKind
    label: str
    lines: tuple[QualityLine, ...]

    @property
    def count(self) -> int:
        return len(self.lines)


@dataclass(frozen=True)
class StaffLoad:
    staff_id: uuid.UUID
    staff_ref: str
    staff_name: str
    organization_name: str
    people: int                 # open cases they lead
    billable_minutes: int
    recorded_minutes: int

    @property
    def billable_share(self) -> Decimal | None:
        if not self.recorded_minutes:
            return None
        return (Decimal(self.billable_minutes) / Decimal(self.recorded_minutes)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class QualityDashboard:
    counts: tuple[QualityCount, ...]            # every kind, in order, even when it has no lines
    tasks_by_organization: tuple[tuple[str, int], ...]
    caseloads: tuple[StaffLoad, ...]
    thresholds: Thresholds
    as_of: date
    referrals: ReferralCounts | None = None     # to or from the supervisor's organization (all: administrator)

    def count(self, kind: QualityKind) -> QualityCount:
        return next(c for c in self.counts if c.kind is kind)


def require_dashboard(actor: Actor) -> None:
    if actor.role not in (Role.SUPERVISOR, Role.ADMINISTRATOR):
        raise PermissionDenied(f"Your role ({actor.role.label}) may not open the quality dashboard; it is for "
                               "supervisors and administrators.")


# Thresholds -------------------------------------------------------------------------------------------

def thresholds(uow) -> Thresholds:
    stored = queries.properties(uow.session, PROPERTY_KEYS.values())
    return Thresholds(**{name: int(stored[key]) for name, key in PROPERTY_KEYS.items()
                         if stored.get(key, "").strip().isdigit()})


def set_thresholds(uow, actor: Actor, **values) -> tuple[Thresholds, Changes]:
    """Store the office's thresholds (kept in the store, so every computer counts the same)."""
    require_dashboard(actor)
    before = thresholds(uow)
    for name, value in values.items():
        if name not in PROPERTY_KEYS:
            raise ValidationError(name, f"{name} is not a dashboard threshold.")
        low, high, words = LIMITS[name]
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ValidationError(name, f"The number of {words} must be a whole number from {low} to {high}.")
        if getattr(before, name) != value:
            uow.session.merge(StoreProperty(key=PROPERTY_KEYS[name], value=str(value)))
            uow.audit.record(actor, ("store_properties", PROPERTY_KEYS[name]), "threshold changed",
                             changes={name: [getattr(before, name), value]})
    uow.flush()
    return thresholds(uow), NOTHING


# The counts -------------------------------------------------------------------------------------------

def _in_days(day: date, today: date) -> str:
    n = (day - today).days
    return "today" if n == 0 else f"in {n} day{'s' if n != 1 else ''}" if n > 0 else \
        f"{-n} day{'s' if n != -1 else ''} ago"


def _person_line(kind: QualityKind, person, words: str) -> QualityLine:
    return QualityLine(kind, "person", person.id, person.ref, words, person.id, person.display_name)


def _cases(session, scope, today: date, t: Thresholds) -> list[QualityLine]:
    lines = [_person_line(QualityKind.PLAN_REVIEWS_OVERDUE, person,
                          f"Plan revision {number} was due for review on {long_date(due)} ({_in_days(due, today)})")
             for person, number, due in queries.plan_reviews_overdue(session, scope, today)]
    lines += [_person_line(QualityKind.LONG_IN_STAGE, person,
                           f"{person.stage.label} since {long_date(person.stage_entered_on)} "
                           f"({(today - person.stage_entered_on).days} days)")
              for person in queries.long_in_stage(session, scope, today - timedelta(days=t.stage_days))]
    for person, last, started in queries.discovery_stalled(
            session, scope, idle_before=today - timedelta(days=t.discovery_idle_days),
            started_before=today - timedelta(weeks=t.discovery_weeks)):
        weeks = (today - started).days // 7
        activity = (f"last activity {long_date(last)} ({_in_days(last, today)})" if last else
                    "no activity recorded")
        lines.append(_person_line(QualityKind.DISCOVERY_STALLED, person,
                                  f"Discovery since {long_date(started)} ({weeks} weeks); {activity}"))
    return lines


def _tasks(session, scope, today: date) -> list[QualityLine]:
    return [QualityLine(QualityKind.TASKS_OVERDUE, "task", task_id, ref, f"{title}: due {long_date(due)} "
                        f"({_in_days(due, today)})", person_id, person_name, org_name)
            for task_id, ref, title, due, org_name, person_id, person_name in queries.tasks_overdue(session, scope,
                                                                                                 today)]


def _notes(session, scope, today: date) -> list[QualityLine]:
    lines = []
    for note, person, author in queries.notes_awaiting_cosign(session, scope):
        signed = f"; signed {_in_days(note.signed_at.date(), today)}" if note.signed_at else ""
        lines.append(QualityLine(QualityKind.NOTES_AWAITING_COSIGN, "case_note", note.id, note.ref,
                                 f"{note.kind.label} on {long_date(note.held_on)} by {author}{signed}",
                                 person.id, person.display_name))
    return lines


def _minutes(starts: time, ends: time) -> int:
    return max(0, (ends.hour * 60 + ends.minute) - (starts.hour * 60 + starts.minute))


def _caseloads(session, scope, organization_id, today: date) -> list[StaffLoad]:
    staff = queries.caseloads(session, scope, organization_id)
    ids = [s.id for s, _org, _n in staff]
    since = today - timedelta(days=TIME_WINDOW_DAYS - 1)
    billable: dict[uuid.UUID, int] = {}
    from_notes: set[uuid.UUID] = set()
    for staff_id, starts, ends, note_id in queries.entry_times(session, scope, ids, since, today):
        billable[staff_id] = billable.get(staff_id, 0) + _minutes(starts, ends)
        if note_id is not None:
            from_notes.add(note_id)
    recorded = dict(billable)
    for staff_id, starts, ends, note_id in queries.note_times(session, scope, ids, since, today):
        if note_id not in from_notes:
            recorded[staff_id] = recorded.get(staff_id, 0) + _minutes(starts, ends)
    return [StaffLoad(s.id, s.ref, s.name, org, int(n), billable.get(s.id, 0), recorded.get(s.id, 0))
            for s, org, n in staff]


def hours_words(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"


def load_words(load: StaffLoad) -> str:
    people = f"{load.people} open case{'s' if load.people != 1 else ''}"
    share = load.billable_share
    if share is None:
        return f"{people}; no timed work recorded in the last {TIME_WINDOW_DAYS} days"
    return (f"{people}; {int(share * 100)}% billable ({hours_words(load.billable_minutes)} of "
            f"{hours_words(load.recorded_minutes)} recorded in the last {TIME_WINDOW_DAYS} days)")


def _agreements(session, scope, organization_id) -> list[QualityLine]:
    lines = []
    for ag, signed, total in queries.agreements_awaiting_signature(session, scope, organization_id):
        since = f"final since {long_date(ag.finalized_at.date())}; " if ag.finalized_at else ""
        lines.append(QualityLine(QualityKind.AGREEMENTS_AWAITING_SIGNATURE, "agreement", ag.id, ag.ref,
                                 f"{ag.title}: {since}{signed} of {total} signatures recorded", ag.person_id))
    return lines


def _ending(uow, actor: Actor, session, scope, today: date) -> list[QualityLine]:
    lines = [QualityLine(QualityKind.AUTHORIZATIONS_ENDING, "authorization", auth.id, auth.ref,
                         f"{funder.name}, {service.name}: ends on {long_date(auth.ends_on)} "
                         f"({_in_days(auth.ends_on, today)})", person.id, person.display_name)
             for auth, service, funder, person, _units, _amount in money_queries.authorizations_ending(
                 session, scope, today=today, within_days=ENDING_DAYS)]
    for r in consent.expiring_releases(uow, actor, ENDING_DAYS):
        parties = ", ".join(p.name for p in r.parties)
        lines.append(QualityLine(QualityKind.RELEASES_EXPIRING, "release", r.id, r.ref,
                                 f"Release with {parties}: expires on {long_date(r.expires_on)} "
                                 f"({_in_days(r.expires_on, today)})", r.person_id, r.person_name))
    return lines


def _credentials(session, actor: Actor, today: date) -> list[QualityLine]:
    if actor.role is not Role.ADMINISTRATOR and actor.organization_id is None:
        return []  # a supervisor with no organization oversees no staff
    org = None if actor.role is Role.ADMINISTRATOR else actor.organization_id
    found = [(QualityKind.CREDENTIALS_EXPIRING, row) for row in training_queries.credentials(
        session, organization_id=org, expiring_from=today, expiring_to=today + timedelta(days=CREDENTIAL_DAYS))]
    found += [(QualityKind.CREDENTIALS_EXPIRED, row) for row in training_queries.credentials(
        session, organization_id=org, expired_before=today)]
    lines = []
    for kind, (cred, staff, org_name, _funder) in found:
        verb = "expires" if cred.expires_on >= today else "expired"
        lines.append(QualityLine(kind, "credential", cred.id, "",
                                 f"{staff.name}: {cred.name} {verb} on {long_date(cred.expires_on)} "
                                 f"({_in_days(cred.expires_on, today)})", group=org_name))
    return lines


def _inactive_with_work(uow, organization_id) -> list[QualityLine]:
    """Inactive staff still holding open tasks, team seats, lead assignments, referrals or meetings."""
    return [QualityLine(QualityKind.INACTIVE_STAFF_WITH_WORK, "staff", s.id, s.ref,
                        f"{s.name} (inactive) still holds {counts_words(held)}", group=org)
            for s, org, held in inactive_staff_with_work(uow, organization_id)]


def _referrals(uow, actor: Actor, scope, organization_id, today: date):
    """The referral counts and a line for each referral to or from the organization (every one, for an
    administrator) not answered in time. The person is named as the referral names them; the line opens their
    record only for an account that may see it."""
    counts, late = referrals.referral_overview(uow, actor, organization_id=organization_id)
    seen = referral_queries.people_visible(uow.session, scope, {r.person_id for r in late})
    return counts, [QualityLine(QualityKind.REFERRALS_OVERDUE, "referral", r.id, r.ref,
                                f"{r.from_organization_name} to {r.to_organization_name}, {r.service}: "
                                f"{r.status.label.lower()}, an answer was due {long_date(r.respond_by)} "
                                f"({_in_days(r.respond_by, today)})", r.person_id if r.person_id in seen else None,
                                r.person_name, r.to_organization_name) for r in late]


def dashboard(uow, actor: Actor, *, today: date | None = None) -> QualityDashboard:
    require_dashboard(actor)
    today = today or uow.today()
    t = thresholds(uow)
    scope = access.scope(uow, actor, Action.VIEW_PERSON)
    session = uow.session
    organization_id = None if scope.everyone else actor.organization_id
    loads = _caseloads(session, scope, organization_id, today) if scope.everyone or organization_id else []
    lines = [*_cases(session, scope, today, t), *_tasks(session, scope, today), *_notes(session, scope, today),
             *(QualityLine(QualityKind.CASELOADS, "staff", load.staff_id, load.staff_ref,
                           f"{load.staff_name}: {load_words(load)}", group=load.organization_name) for load in loads),
             *_agreements(session, scope, organization_id), *_ending(uow, actor, session, scope, today),
             *_credentials(session, actor, today),
             *(_inactive_with_work(uow, organization_id) if scope.everyone or organization_id else [])]
    flow = None
    if scope.everyone or organization_id:
        flow, late = _referrals(uow, actor, scope, organization_id, today)
        lines += late
    counts = tuple(QualityCount(kind, kind.label(t), tuple(line for line in lines if line.kind is kind))
                   for kind in QualityKind)
    by_org: dict[str, int] = {}
    for line in lines:
        if line.kind is QualityKind.TASKS_OVERDUE:
            by_org[line.group] = by_org.get(line.group, 0) + 1
    return QualityDashboard(counts, tuple(sorted(by_org.items())), tuple(loads), t, today, flow)


# The printed summary ----------------------------------------------------------------------------------

def _summary_view(uow, actor: Actor, found: QualityDashboard):
    from caseteam.documents.quality_document import (CaseloadView, QualityLineView, QualitySectionView,
                                                     QualitySummaryView)

    from .records import is_demo

    t = found.thresholds
    if actor.role is Role.ADMINISTRATOR or actor.organization_id is None:
        scope_words = "Everyone in the store" if actor.role is Role.ADMINISTRATOR else "No organization"
    else:
        scope_words = f"People and staff of {uow.organizations.get(actor.organization_id).name}"
    sections = tuple(QualitySectionView(c.label, tuple(QualityLineView(line.record_ref, line.person_name, line.words,
                                                                       line.group) for line in c.lines))
                     for c in found.counts if c.kind is not QualityKind.CASELOADS)
    loads = tuple(CaseloadView(load.staff_name, load.organization_name, load.people,
                               load_words(load).split("; ", 1)[1]) for load in found.caseloads)
    return QualitySummaryView(
        as_of=found.as_of, prepared_by=actor.display_name, scope=scope_words,
        thresholds=(f"Settings used: in one stage over {t.stage_days} days; Discovery stalled after "
                    f"{t.discovery_idle_days} days without activity or {t.discovery_weeks} weeks in all; "
                    f"authorizations and releases ending within {ENDING_DAYS} days; credentials expiring "
                    f"within {CREDENTIAL_DAYS} days."),
        sections=sections, caseloads=loads, caseload_heading=QualityKind.CASELOADS.label(t), demo=is_demo(uow),
        referrals=referral_words(found.referrals),
        warning=inactive_staff_warning(found.count(QualityKind.INACTIVE_STAFF_WITH_WORK).count))


def summary_pdf(uow, actor: Actor, *, large_print: bool = False) -> bytes:
    """The dashboard as a PDF summary (read again now, so paper matches the day); the print is audited."""
    from caseteam.documents.quality_document import render_quality_summary

    found = dashboard(uow, actor)
    data = render_quality_summary(_summary_view(uow, actor, found), large_print=large_print)
    uow.audit.record(actor, ("quality_dashboard", found.as_of.isoformat()), "printed",
                     changes={"document": f"Quality summary of {found.as_of.isoformat()}"
                                          f"{' (large print)' if large_print else ''}"})
    return data
