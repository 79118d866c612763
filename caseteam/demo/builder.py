"""Loading the demo partnership into an empty store: every write through the services, played back
day by day on a timeline so the history (referrals, stage changes, plan revisions, audit log) is dated.

Determinism: one `random.Random(seed)` draws the data, a second one (seeded from the seed) draws the
UUIDs, and the clock reads the day being played back, so the same seed and `today` give the same rows,
UUIDs, reference numbers and audit hashes.
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Callable

from caseteam.domain.people import Stage
from caseteam.domain.users import Role
from caseteam.errors import ValidationError
from caseteam.services import organizations, users
from caseteam.services.actors import Actor
from caseteam.storage.queries import people as people_queries
from caseteam.storage.queries.counts import store_counts

from . import agreements, casework, catalog, employer_book, funding, meetings, partnerships, task_lists, work_extras
from . import glossary as shared_glossary
from . import presence as partner_presence
from . import referrals as referral_loops
from . import training as training_log
from .accounts import add_demo_accounts
from .population import draw_people

SETUP_LEAD_DAYS = 45  # partners are entered this many days before the first referral
COUNSELOR_LEAVES_DAYS_AGO = 110


@dataclass(frozen=True)
class DemoSummary:
    people: int
    organizations: int
    programs: int
    staff: int
    users: int
    team_members: int
    discovery_activities: int
    profile_revisions: int
    plans: int
    plan_revisions: int
    tasks: int
    tasks_done: int
    tasks_overdue: int
    audit_entries: int
    seed: int
    today: date


class DemoClock:
    """The unit of work's clock: the day being played back, at 14:00 UTC plus one second per reading.

    14:00 UTC is the same calendar day in every US and European zone, so `uow.today()` (local date)
    is the day being played back. Days only move forward, so instants only increase.
    """

    def __init__(self):
        self._day: date | None = None
        self._ticks = 0

    def set(self, day: date) -> None:
        if self._day is not None and day < self._day:
            raise ValueError(f"the demo clock cannot go back from {self._day} to {day}")
        if day != self._day:
            self._day, self._ticks = day, 0

    def __call__(self) -> datetime:
        if self._day is None:
            raise ValueError("the demo clock was read before a day was set")
        self._ticks += 1
        return datetime.combine(self._day, time(14, 0), tzinfo=timezone.utc) + timedelta(seconds=self._ticks)


class Timeline:
    """Dated actions, played back in date order; actions on the same day keep the order they were added."""

    def __init__(self, today: date):
        self.today = today
        self._events: list[tuple[date, int, Callable[[], None]]] = []

    def at(self, day: date, action: Callable[[], None]) -> None:
        if day > self.today:
            raise ValueError(f"demo event dated {day}, after today ({self.today})")
        self._events.append((day, len(self._events), action))

    def run(self, clock: DemoClock) -> None:
        for day, _, action in sorted(self._events, key=lambda e: (e[0], e[1])):
            clock.set(day)
            action()


class Partnership:
    """The partner organizations, staff and user accounts, and a running count of what was written."""

    def __init__(self, uow, today: date, setup_day: date):
        self.uow = uow
        self.today = today
        self.setup_day = setup_day
        self.counselor_leaves_on = max(today - timedelta(days=COUNSELOR_LEAVES_DAYS_AGO),
                                       setup_day + timedelta(days=30))
        self.orgs: dict = {}
        self.staff: dict = {}
        self.actors: dict[str, Actor] = {}
        self.counts: Counter = Counter()
        # Job development: each case's negotiations (filled while scheduling), and the cases chosen for
        # the job lost before a second placement and for a pause in follow-along.
        self.negotiation_ids: dict[int, list[dict]] = {}
        self.second_placement: int | None = None
        self.paused_case: int | None = None

    def org_id(self, key: str) -> uuid.UUID:
        return self.orgs[key].id

    def staff_id(self, key: str) -> uuid.UUID:
        return self.staff[key].id

    def org_name(self, key: str) -> str:
        """From the catalog, so it can be used while scheduling, before anything is written."""
        return catalog.ORG_BY_KEY[key].name

    def staff_name(self, key: str) -> str:
        spec = catalog.STAFF_BY_KEY[key]
        return f"{spec.given} {spec.family}"

    @property
    def supervisor(self) -> Actor:
        return self.actors[catalog.SUPERVISOR]

    def schedule(self, timeline: Timeline) -> None:
        timeline.at(self.setup_day, self.set_up)
        timeline.at(self.setup_day, lambda: employer_book.set_up_pipeline(self))
        timeline.at(self.counselor_leaves_on - timedelta(days=14), self.hire_replacement)

    def schedule_departure(self, timeline: Timeline) -> None:
        """Added last, so on the day itself her teams are handed over before her record is closed."""
        timeline.at(self.counselor_leaves_on, self.counselor_leaves)

    def set_up(self) -> None:
        uow = self.uow
        # An administrator opens the account: Bridgeway and its program manager, whose user does the rest.
        admin = users.ensure_user(uow, username="caseteam-demo-setup", display_name="Demo data setup",
                                  role=Role.ADMINISTRATOR)
        self._add_org(admin, catalog.ORG_BY_KEY["crp"])
        manager = catalog.STAFF_BY_KEY[catalog.SUPERVISOR]
        self._add_staff(admin, manager)
        self.actors[manager.key] = self._user(manager, Role.SUPERVISOR)
        for spec in catalog.ORGANIZATIONS:
            if spec.key not in self.orgs:
                self._add_org(self.supervisor, spec)
        for program in catalog.PROGRAMS:
            organizations.add_program(uow, self.supervisor, self.org_id(program.org), name=program.name,
                                      funding_stream=program.funding_stream, services=program.services,
                                      eligibility=program.eligibility, mandated_partner=program.mandated,
                                      retention_basis=catalog.RETENTION_BASIS.get(program.name, ""))
        for spec in catalog.STAFF:
            if spec.key not in self.staff:
                self._add_staff(self.supervisor, spec)
        for key in catalog.JOB_DEVELOPERS:
            self.actors[key] = self._user(catalog.STAFF_BY_KEY[key], Role.JOB_DEVELOPER)

    def hire_replacement(self) -> None:
        self._add_staff(self.supervisor, catalog.REPLACEMENT_COUNSELOR)

    def counselor_leaves(self) -> None:
        """One handover by the program manager closes her record: what is about a person (team seats, their
        tasks, referrals and team meetings) goes to her replacement, the office's own tasks and meetings to
        a colleague who knows the partners (each to the other when the first is already invited)."""
        from caseteam.services import handovers

        departing = self.staff_id(catalog.DEPARTING_COUNSELOR)
        replacement = self.staff_id(catalog.REPLACEMENT_COUNSELOR.key)
        colleague = self.staff_id(catalog.HANDOVER_COLLEAGUE)
        work = handovers.open_work(self.uow, self.supervisor, departing)
        assignments = {}
        for item in work.items:
            order = (replacement, colleague) if item.person_id else (colleague, replacement)
            assignments[item.key] = next((c for c in order if c not in item.excluded_ids), None)
        handovers.hand_over(self.uow, self.supervisor, departing, assignments=assignments,
                            reason=f"{self.staff_name(catalog.DEPARTING_COUNSELOR)} left State VR; "
                                   f"{self.staff_name(catalog.REPLACEMENT_COUNSELOR.key)} takes her caseload.")

    def _add_org(self, actor: Actor, spec: catalog.OrgSpec) -> None:
        row, _ = organizations.create_organization(
            self.uow, actor, name=spec.name, kind=spec.kind, street=spec.street, city=spec.city,
            region=catalog.REGION, postal_code=spec.postal_code, phone=catalog.phone(spec.phone_line),
            email=f"info@{spec.domain}", website=f"https://www.{spec.domain}" if spec.website else "",
            notes=spec.notes)
        self.orgs[spec.key] = row

    def _add_staff(self, actor: Actor, spec: catalog.StaffSpec) -> None:
        org = catalog.ORG_BY_KEY[spec.org]
        first, last = _login(spec.given, spec.family).split(".", 1)
        row, _ = organizations.add_staff(
            self.uow, actor, self.org_id(spec.org), given_name=spec.given, family_name=spec.family,
            title=spec.title, credentials=spec.credentials, email=f"{first[0]}{last}@{org.domain}",
            phone=catalog.phone(org.phone_line, spec.extension))
        self.staff[spec.key] = row

    def _user(self, spec: catalog.StaffSpec, role: Role) -> Actor:
        return users.ensure_user(self.uow, username=_login(spec.given, spec.family),
                                 display_name=f"{spec.given} {spec.family}", role=role,
                                 staff_id=self.staff_id(spec.key))


def _choose_follow_along_cases(p: Partnership, cases, today: date) -> None:
    """The longest-employed person still in Employed loses a first job and is placed again; the next one
    has a pause in follow-along (by rule, so every demo with enough employed people has both)."""
    employed = sorted((c for c in cases if c.stage is Stage.EMPLOYED and (today - c.entered(Stage.EMPLOYED)).days >= 45),
                      key=lambda c: (c.entered(Stage.EMPLOYED), c.number))
    if employed:
        p.second_placement = employed[0].number
    others = [c for c in cases if c.reached(Stage.EMPLOYED) and c.number != p.second_placement
              and (today - c.entered(Stage.EMPLOYED)).days >= 40 and not c.stage.closed]
    if others:
        p.paused_case = others[0].number


def _keep_loaded(session) -> None:
    """Hold the records the services look up again (people, staff, tasks, teams...) for the whole load.

    The session's identity map holds objects weakly, so without this every lookup of a record written
    a moment ago is another SELECT; a load of this size would spend most of its time re-reading.
    Audit entries, plan goals and steps are never looked up again, so they are not held.
    """
    from sqlalchemy import event

    from caseteam.domain.organizations import Organization, StaffMember
    from caseteam.domain.people import Person
    from caseteam.domain.tasks import Task
    from caseteam.domain.teams import Team, TeamMember
    from caseteam.domain.users import User

    kept = (Person, Organization, StaffMember, Task, Team, TeamMember, User)
    held = session.info.setdefault("caseteam_demo_held", [])

    @event.listens_for(session, "pending_to_persistent")
    @event.listens_for(session, "loaded_as_persistent")
    def hold(_session, instance):
        if isinstance(instance, kept):
            held.append(instance)


def _login(given: str, family: str) -> str:
    from caseteam.domain.text import fold

    def plain(text: str) -> str:
        return "".join(ch for ch in fold(text) if ch.isalnum())

    return f"{plain(given.split(' ')[0])}.{plain(family)}"


def load_demo(store, *, people: int = 60, seed: int = 2026, today: date | None = None) -> DemoSummary:
    """Fill an empty store with a demo partnership of `people` job seekers, as of `today`."""
    if people < 1:
        raise ValidationError("people", "The demo needs at least one person.")
    today = today or date.today()
    rng = random.Random(seed)
    id_source = random.Random(f"caseteam-demo-ids:{seed}")
    clock = DemoClock()
    with store.unit_of_work(clock=clock,
                            new_id=lambda: uuid.UUID(int=id_source.getrandbits(128), version=4)) as uow:
        if people_queries.any_people(uow.session):
            raise ValidationError("people", "This store already holds people; the demo partnership only goes "
                                            "into an empty store. Start a new store with --db NEW_FILE.")
        _keep_loaded(uow.session)
        cases = draw_people(rng, people, today)
        setup_day = min(c.referred_on for c in cases) - timedelta(days=SETUP_LEAD_DAYS)
        timeline = Timeline(today)
        partnership = Partnership(uow, today, setup_day)
        partnership.schedule(timeline)
        _choose_follow_along_cases(partnership, cases, today)
        for case in sorted(cases, key=lambda c: (c.referred_on, c.number)):
            casework.schedule_case(case, partnership, timeline, rng)
        work_extras.schedule_extras(cases, partnership, timeline)
        funding.schedule_funding(cases, partnership, timeline)
        agreements.schedule_agreements(cases, partnership, timeline)
        meetings.schedule_meetings(cases, partnership, timeline, random.Random(f"caseteam-demo-meetings:{seed}"))
        partnerships.schedule_partnerships(cases, partnership, timeline)
        training_log.schedule_training(partnership, timeline)
        shared_glossary.schedule_glossary(partnership, timeline)
        partner_presence.schedule_presence(partnership, timeline)
        referral_loops.schedule_referrals(cases, partnership, timeline)
        task_lists.schedule_partnership_tasks(partnership, timeline, rng)
        partnership.schedule_departure(timeline)
        timeline.run(clock)
        add_demo_accounts(uow, partnership)
        uow.flush()
        counts = store_counts(uow.session, today)
    c = partnership.counts
    return DemoSummary(
        people=counts["people"], organizations=counts["organizations"], programs=counts["programs"],
        staff=counts["staff"], users=counts["users"], team_members=counts["team_members"],
        discovery_activities=c["discovery_activities"], profile_revisions=c["profile_revisions"],
        plans=counts["plans"], plan_revisions=counts["plan_revisions"], tasks=counts["tasks"],
        tasks_done=c["tasks_done"], tasks_overdue=counts["tasks_overdue"], audit_entries=counts["audit_entries"],
        seed=seed, today=today)
