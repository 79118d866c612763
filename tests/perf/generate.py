"""Building a benchmark store: scale 1 holds 5,000 people, 200 organizations, 1,500 staff, 100,000 tasks,
20,000 plan revisions (with goals), 5,000 agreements and 200,000 service entries; scale 10 multiplies
people, tasks and service entries by ten (a fraction below 1 shrinks everything, for tests).

Rows go in with bulk Core inserts (`connection.execute(table.insert(), rows)`) in batches, each group of
batches one transaction together with its audit entries and the moved audit head, so the hash chain is
intact after every commit. As the services do, each record a person would create gets one audit entry
(a person, a task, a plan revision, an agreement, a service entry...); the rows written with it (a
revision's goals, an agreement's sections) get none. The entries are hashed by caseteam's own
`entry_hash`. The administrator BENCH_USERNAME is created first, through the users service, and is the
actor of every entry; reference counters end past the last number used; the search index is rebuilt."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import Table, select, update

from caseteam.domain.agreements import (Agreement, AgreementParty, AgreementSection, AgreementServiceLine,
                                        AgreementSignatory)
from caseteam.domain.audit import AuditEntry, AuditHead, entry_hash
from caseteam.domain.funding import Authorization, FeeRate, Funder, FunderService, ServiceEntry
from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.people import Person, StageChange
from caseteam.domain.plans import ActionStep, Goal, PlanRevision
from caseteam.domain.references import ReferenceCounter
from caseteam.domain.tasks import Task
from caseteam.domain.teams import Team, TeamMember
from caseteam.domain.store_info import StoreProperty
from caseteam.domain.users import User
from caseteam.services import users
from caseteam.storage import search_index
from caseteam.storage.audit_log import plain_value
from caseteam.storage.store import Store, open_store

from .dataset import Clock, Dataset
from .results import BENCH_PASSWORD, BENCH_USERNAME

SCALE_1 = {"people": 5_000, "organizations": 200, "staff": 1_500, "tasks": 100_000, "plan_revisions": 20_000,
           "agreements": 5_000, "service_entries": 200_000}
GROWS_WITH_SCALE = ("people", "tasks", "service_entries")
BATCH = 5_000            # rows per INSERT executemany
TRANSACTION = 50_000     # rows per commit (with their audit entries)
SCALE_KEY = "benchmark_scale"   # a store property: the scale a generated store was made at
Progress = Callable[[str, int], None]   # (what is being written, rows just written)


def counts(scale: float) -> dict[str, int]:
    """Rows of each kind at `scale`; below 1 every kind shrinks (scale 0.01: 50 people, 1,000 tasks)."""
    out = {}
    for kind, base in SCALE_1.items():
        factor = scale if (kind in GROWS_WITH_SCALE or scale < 1) else 1
        out[kind] = max(4 if kind == "organizations" else 2, round(base * factor))
    return out


def planned_rows(scale: float) -> int:
    """About how many rows generation writes (records, their children and audit entries): the progress total."""
    n = counts(scale)
    return (n["organizations"] * 7 + n["staff"] * 3 + n["people"] * 14 + n["tasks"] * 3 + n["plan_revisions"] * 6
            + n["agreements"] * 13 + n["service_entries"] * 2)


@dataclass
class TableTiming:
    records: int = 0   # rows of the records themselves and what belongs to them
    rows: int = 0      # every row written, audit entries included
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


@dataclass
class GenerationReport:
    scale: float
    location: str
    counts: dict[str, int]
    tables: dict[str, TableTiming] = field(default_factory=dict)
    seconds: float = 0.0
    reused: bool = False

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables.values())

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        if self.reused:
            return [f"reused the generated store {self.location} (scale {self.scale:g})"]
        out = [f"generated {self.location} at scale {self.scale:g}: {self.rows:,} rows in {self.seconds:.1f} s, "
               f"{self.rows_per_second:,.0f} rows/s overall"]
        out += [f"  {name:18} {t.records:>10,} records {t.rows:>10,} rows with audit  {t.seconds:7.1f} s  "
                f"{t.rows_per_second:>10,.0f} rows/s"
                for name, t in sorted(self.tables.items(), key=lambda kv: -kv[1].rows)]
        return out

    def as_dict(self) -> dict:
        return {"scale": self.scale, "reused": self.reused, "seconds": round(self.seconds, 2), "rows": self.rows,
                "rows_per_second": round(self.rows_per_second),
                "tables": {k: {"records": t.records, "rows": t.rows, "seconds": round(t.seconds, 3),
                               "rows_per_second": round(t.rows_per_second)} for k, t in self.tables.items()}}


class AuditChain:
    """Audit entries after the current head, hashed exactly as caseteam.storage.audit_log writes them."""

    def __init__(self, connection, actor):
        self.seq, self.hash = connection.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one()
        self.actor_id, self.actor_name = str(actor.user_id), actor.display_name

    def entry(self, at: datetime, entity: str, entity_id, action: str, changes: dict, person_id=None) -> dict:
        self.seq += 1
        text = json.dumps({k: [None, plain_value(v)] for k, v in changes.items()}, ensure_ascii=False, sort_keys=True)
        person = str(person_id) if person_id else None
        digest = entry_hash(self.seq, at, self.actor_id, self.actor_name, entity, str(entity_id), action, text, "",
                            self.hash, person)
        row = dict(seq=self.seq, at=at, actor_id=self.actor_id, actor_name=self.actor_name, entity=entity,
                   entity_id=str(entity_id), action=action, changes=text, reason="", prev_hash=self.hash,
                   hash=digest, person_id=person)
        self.hash = digest
        return row

    def save_head(self, connection) -> None:
        connection.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=self.seq, hash=self.hash))


class Loader:
    """Writes groups of rows (a record and what belongs to it) with their audit entries, timing each kind."""

    def __init__(self, store: Store, chain_actor, report: GenerationReport, progress: Progress | None):
        self.store, self.actor, self.report, self.progress = store, chain_actor, report, progress

    def load(self, label: str, groups: Iterable, describe: Callable[[object], list[tuple[Table, list[dict]]]],
             audit: Callable[[object], Iterable[tuple]] | None = None, *, keep: bool = False) -> list:
        """`describe(group)` -> [(table, rows)]; `audit(group)` -> [(at, entity, id, action, changes, person)].
        The time reported for `label` covers drawing the rows, hashing their entries and inserting them."""
        kept, iterator = [], iter(groups)
        timing = self.report.tables.setdefault(label, TableTiming())
        while True:
            start = time.perf_counter()
            chunk, pending, size = [], {}, 0
            for group in iterator:
                chunk.append(group)
                for table, rows in describe(group):
                    pending.setdefault(table, []).extend(rows)
                    size += len(rows)
                if size >= TRANSACTION:
                    break
            if not chunk:
                return kept
            with self.store.engine.begin() as conn:
                if conn.dialect.name == "sqlite":
                    # A larger page cache for this load only (random UUID keys touch many index pages).
                    conn.exec_driver_sql("PRAGMA cache_size=-262144")
                if audit is not None:
                    chain = AuditChain(conn, self.actor)
                    pending[AuditEntry.__table__] = [chain.entry(*a) for g in chunk for a in audit(g)]
                for table, rows in pending.items():
                    for i in range(0, len(rows), BATCH):
                        conn.execute(table.insert(), rows[i:i + BATCH])
                if audit is not None:
                    chain.save_head(conn)
            written = sum(len(rows) for rows in pending.values())
            timing.records += sum(len(rows) for table, rows in pending.items() if table is not AuditEntry.__table__)
            timing.rows += written
            timing.seconds += time.perf_counter() - start
            if keep:
                kept.extend(chunk)
            if self.progress:
                self.progress(label, written)


def _tables(*pairs) -> list:
    return [(model.__table__, rows) for model, rows in pairs]


def generate(target, scale: float = 1, progress: Progress | None = None, *, seed: int = 11,
             today: date | None = None) -> GenerationReport:
    """Fill an empty store (`target`: an open Store, a file path or a PostgreSQL URL) at `scale`."""
    store = target if isinstance(target, Store) else open_store(target)
    try:
        return _generate(store, scale, progress, seed, today or datetime.now().astimezone().date())
    finally:
        if store is not target:
            store.close()


def _generate(store: Store, scale: float, progress, seed: int, today: date) -> GenerationReport:
    n = counts(scale)
    report = GenerationReport(scale, store.description.location, n)
    began = time.perf_counter()
    with store.unit_of_work() as uow:
        if users.has_accounts(uow):
            raise ValueError(f"{store.description.location} already holds accounts: generate into an empty store")
        admin = users.create_first_administrator(uow, username=BENCH_USERNAME, display_name="Benchmark Administrator",
                                                 password=BENCH_PASSWORD)
    report.tables["bench account"] = TableTiming(1, 2, time.perf_counter() - began)
    records = sum(n.values()) + n["people"] * 5 + n["organizations"]
    span = timedelta(days=730)
    clock = Clock(datetime.now(timezone.utc) - span, span / max(records * 2, 1))
    data = Dataset(n, seed=seed, today=today, author_id=admin.user_id, clock=clock)
    load = Loader(store, admin, report, progress).load
    load("organizations", data.organizations(), lambda o: _tables((Organization, [o])),
         lambda o: [(o["created_at"], "organizations", o["id"], "created", {"name": o["name"], "kind": o["kind"]})])
    load("staff", data.staff(), lambda s: _tables((StaffMember, [s])),
         lambda s: [(s["created_at"], "staff", s["id"], "created",
                     {"name": f"{s['given_name']} {s['family_name']}", "organization_id": s["organization_id"]})])
    load("people", data.people_rows(), lambda p: _tables((Person, [p[0]]), (StageChange, [p[1]])), _person_created)
    load("teams", data.teams(), lambda t: _tables((Team, [t[0]]), (TeamMember, t[1])), _team_created)
    load("plan revisions", data.plan_revisions(),
         lambda r: _tables((PlanRevision, [r[0]]), (Goal, r[1]), (ActionStep, r[2])),
         lambda r: [(r[0]["saved_at"], "plan_revisions", r[0]["id"], "saved",
                     {"number": r[0]["number"], "summary": r[0]["summary"]}, r[0]["person_id"])])
    load("tasks", data.tasks(), lambda t: _tables((Task, [t])),
         lambda t: [(t["created_at"], "tasks", t["id"], "created", {"title": t["title"], "due": t["due"]},
                     t["person_id"])])
    load("funders", data.funder_rows(), lambda f: _tables((Funder, [f[0]]), (FunderService, f[1]), (FeeRate, f[2])),
         _funder_created)
    load("authorizations", data.authorizations(), lambda a: _tables((Authorization, [a])),
         lambda a: [(a["created_at"], "authorizations", a["id"], "requested",
                     {"units": a["units"], "starts_on": a["starts_on"]}, a["person_id"])])
    load("service entries", data.service_entries(), lambda e: _tables((ServiceEntry, [e])),
         lambda e: [(e["created_at"], "service_entries", e["id"], "recorded",
                     {"units": e["units"], "amount": e["amount"], "served_on": e["served_on"]}, e["person_id"])])
    load("agreements", data.agreements(),
         lambda a: _tables((Agreement, [a[0]]), (AgreementParty, a[1]), (AgreementSignatory, a[2]),
                           (AgreementSection, a[3]), (AgreementServiceLine, a[4])),
         lambda a: [(a[0]["created_at"], "agreements", a[0]["id"], "drafted",
                     {"kind": a[0]["kind"], "title": a[0]["title"]}, a[0]["person_id"])])
    _finish(store, report, n, len(data.funders), progress)
    report.seconds = time.perf_counter() - began
    return report


def _person_created(group) -> list[tuple]:
    p = group[0]
    return [(p["created_at"], "people", p["id"], "created",
             {k: p[k] for k in ("ref", "given_name", "family_name", "stage")}, p["id"])]


def _team_created(group) -> list[tuple]:
    team, members = group
    return [(team["created_at"], "teams", team["id"], "created", {"person_id": str(team["person_id"])},
             team["person_id"])] + [
        (m["created_at"], "team_members", m["id"], "added",
         {"member": m["support_name"] or str(m["staff_id"]), "role": m["role"]}, team["person_id"]) for m in members]


def _funder_created(group) -> list[tuple]:
    funder, services, rates = group
    return ([(funder["created_at"], "funders", funder["id"], "created", {"name": funder["name"]})]
            + [(s["created_at"], "funder_services", s["id"], "service added", {"code": s["code"]}) for s in services]
            + [(r["created_at"], "fee_rates", r["id"], "rate set", {"rate": r["rate"]}) for r in rates])


def _finish(store: Store, report: GenerationReport, n: dict, funders: int, progress) -> None:
    """Reference counters past the last number used, then the search index from the records."""
    start = time.perf_counter()
    last = {"PE": n["people"], "OR": n["organizations"], "ST": n["staff"], "TK": n["tasks"], "FU": funders,
            "AU": n["people"], "SV": n["service_entries"], "AG": n["agreements"]}
    with store.engine.begin() as conn:
        conn.execute(ReferenceCounter.__table__.delete().where(ReferenceCounter.prefix.in_(list(last))))
        conn.execute(ReferenceCounter.__table__.insert(), [{"prefix": p, "last": v} for p, v in last.items()])
        conn.execute(StoreProperty.__table__.insert(), [{"key": SCALE_KEY, "value": f"{report.scale:g}"}])
    with store.engine.begin() as conn:
        indexed = search_index.rebuild(conn)
    report.tables["search index"] = TableTiming(indexed, indexed, time.perf_counter() - start)
    if progress:
        progress("search index", indexed)


def generated_scale(path: Path) -> float | None:
    """The scale a store this module filled was made at (None: no such store there, so generate one)."""
    if not Path(path).exists():
        return None
    store = open_store(path, create=False)
    try:
        with store.unit_of_work(write=False) as uow:
            scale = uow.session.get(StoreProperty, SCALE_KEY)
            bench = uow.session.scalar(select(User.id).where(User.username == BENCH_USERNAME))
            return float(scale.value) if scale is not None and bench is not None else None
    finally:
        store.close()
