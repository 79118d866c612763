"""Measures 2, 3, 5, 6 and 8: caseteam's own work against the fastest way to do the same work, in one process.

2. caseload search: the unit of work the caseload screen runs for a keystroke (the first page of
   caseload.fetch_page with its total; the filter lists are read only after people, staff or partners change)
   vs the same page (the same columns: lead, home organization, open tasks, next due, latest plan) and count
   as hand-written sqlite3 FTS5 SQL, checked to return the same people in the same order;
3. task board filter (organization + overdue): the Tasks board's unit of work for a filter change
   (task_board.fetch_board) vs the same page, total and overdue count in hand-written SQL, same tasks, same
   order;
5. save a plan revision through the plans service vs a raw INSERT of the same rows in one transaction;
6. a 10-page purchase-of-service agreement: render_agreement vs bare ReportLab (tests/perf/agreements.py);
8. database size per person: the file (with its WAL) over the people in it, vs the raw bytes of one
   person's row (SQLite's dbstat payload of the people table), so the ratio is what everything else a
   person brings (tasks, entries, audit, index) costs next to the person's own row."""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import func, select

from caseteam.domain.people import Person
from caseteam.domain.plans import GoalStatus, StepOwner
from caseteam.domain.tasks import Task
from caseteam.services import caseload, plans, task_board, users
from caseteam.services.caseload import CaseloadQuery
from caseteam.services.task_board import BoardQuery, DueWindow
from caseteam.storage.search_index import words
from caseteam.storage.store import Store

from .results import BENCH_PASSWORD, BENCH_USERNAME, Measure, Target

PAGE = 200   # what the caseload and the Tasks board fetch first (ui/screens/caseload.py, ui/widgets/task_table.py)
SEARCHES = ("Nguy", "nguyen", "chloe munoz")   # a family-name prefix, an accent-free name, two accent-free words
Progress = Callable[[str], None]


def search_target(scale: int) -> Target:
    if scale >= 10:
        return Target(max_p95_ms=150, text="p95 <= 150 ms")
    return Target(max_ratio=3, max_p95_ms=50, text="<= 3x raw SQL, p95 <= 50 ms")


def timed(runs: int, work: Callable[[], object], *, warm: int = 2) -> tuple[float, ...]:
    for _ in range(warm):   # first runs pay for statement compilation and a cold page cache
        work()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append((time.perf_counter() - start) * 1000)
    return tuple(samples)


def timed_pair(runs: int, ours: Callable[[], object], raw: Callable[[], object], *,
               warm: int = 2) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Both, sample by sample in turn (which goes first alternates), so a burst of noise on this shared machine
    falls on both sides of the ratio instead of on whichever block of runs it happened to hit."""
    for _ in range(warm):
        ours(), raw()
    mine, theirs = [], []
    for sample in range(runs):
        for work, into in ((ours, mine), (raw, theirs)) if sample % 2 == 0 else ((raw, theirs), (ours, mine)):
            start = time.perf_counter()
            work()
            into.append((time.perf_counter() - start) * 1000)
    return tuple(mine), tuple(theirs)


def raw_connection(store: Store) -> sqlite3.Connection:
    conn = sqlite3.connect(store.path, isolation_level=None)
    conn.execute("PRAGMA synchronous=FULL")   # as caseteam's own connections, so writes compare fairly
    return conn


# --- 2. caseload search ------------------------------------------------------------------------------------

ACTIVE = "('open', 'in_progress', 'waiting')"
RAW_SEARCH = f"""
SELECT p.id, p.ref, p.given_name, p.family_name, p.preferred_name, p.stage, p.stage_entered_on,
       lead.given_name, lead.family_name, home.name,
       (SELECT count(*) FROM tasks t WHERE t.person_id = p.id AND t.status IN {ACTIVE} AND t.archived_at IS NULL),
       (SELECT min(t.due) FROM tasks t WHERE t.person_id = p.id AND t.status IN {ACTIVE} AND t.archived_at IS NULL),
       plan.saved_at, plan.number, plan.review_due
FROM people p LEFT JOIN staff lead ON lead.id = p.lead_staff_id
LEFT JOIN organizations home ON home.id = p.home_organization_id
LEFT JOIN plan_revisions plan ON plan.person_id = p.id
     AND plan.number = (SELECT max(number) FROM plan_revisions WHERE person_id = p.id)
WHERE p.archived_at IS NULL AND p.id IN (
    SELECT e.entity_id FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid WHERE search_fts MATCH ?)
ORDER BY p.family_name, p.given_name, p.ref LIMIT ?"""
RAW_SEARCH_COUNT = """
SELECT count(*) FROM people p WHERE p.archived_at IS NULL AND p.id IN (
    SELECT e.entity_id FROM search_fts JOIN search_entries e ON e.id = search_fts.rowid WHERE search_fts MATCH ?)"""


def same_order(what: str, ours: list[str], raw: list[str], total: int, raw_total: int) -> None:
    if ours != raw or total != raw_total:
        raise RuntimeError(f"{what}: caseteam found {len(ours)} of {total}, the raw SQL {len(raw)} of {raw_total}"
                           " (or in another order): not the same query")


def fts_expression(text: str) -> str:
    return "kind:person AND {names detail}:(" + " AND ".join(f'"{t}"*' for t in words(text).split()) + ")"


def search_measures(store: Store, actor, scale: int, runs: int, found_counts: dict) -> list[Measure]:
    conn = raw_connection(store)
    out = []
    try:
        for text in SEARCHES:
            def ours(text=text):
                with store.unit_of_work(write=False) as uow:
                    return caseload.fetch_page(uow, actor, CaseloadQuery(search=text), limit=PAGE)

            def raw(text=text):
                expression = fts_expression(text)
                rows = conn.execute(RAW_SEARCH, (expression, PAGE)).fetchall()
                return rows, conn.execute(RAW_SEARCH_COUNT, (expression,)).fetchone()[0]

            found, (raw_rows, raw_total) = ours(), raw()
            same_order(f"search {text!r}", [r.id.hex for r in found.rows], [r[0] for r in raw_rows],
                       found.total, raw_total)
            found_counts[text] = {"caseteam": found.total, "raw": raw_total}
            out.append(Measure(f"2. caseload search '{text}'", scale,
                               *timed_pair(runs, ours, raw), search_target(scale)))
    finally:
        conn.close()
    return out


# --- 3. task board filter --------------------------------------------------------------------------------

RAW_BOARD = f"""
SELECT t.ref, t.title, t.details, t.person_id, t.organization_id, t.staff_id, t.due, t.priority, t.status,
       t.created_by_id, t.completed_at, t.action_step_key, t.version, t.updated_at, t.archived_at, t.id, t.created_at,
       o.name, s.given_name, s.family_name, p.ref, p.given_name, p.family_name, p.preferred_name
FROM tasks t JOIN organizations o ON o.id = t.organization_id LEFT JOIN staff s ON s.id = t.staff_id
LEFT JOIN people p ON p.id = t.person_id
WHERE t.archived_at IS NULL AND t.organization_id = ? AND t.status IN {ACTIVE} AND t.due < ?
ORDER BY t.due IS NULL, t.due, t.ref LIMIT ?"""
RAW_BOARD_COUNT = f"""
SELECT count(*), coalesce(sum(t.status IN {ACTIVE} AND t.due < ?), 0) FROM tasks t
WHERE t.archived_at IS NULL AND t.organization_id = ? AND t.status IN {ACTIVE} AND t.due < ?"""


def busiest_organization(store: Store) -> uuid.UUID:
    with store.unit_of_work(write=False) as uow:
        return uow.session.execute(select(Task.organization_id).group_by(Task.organization_id)
                                   .order_by(func.count().desc()).limit(1)).scalar_one()


def board_measure(store: Store, actor, scale: int, runs: int) -> Measure:
    org_id = busiest_organization(store)
    query = BoardQuery(organization_id=org_id, due=DueWindow.OVERDUE)
    conn = raw_connection(store)

    def ours():
        with store.unit_of_work(write=False) as uow:
            return task_board.fetch_board(uow, actor, query, limit=PAGE)

    def raw():
        today = datetime.now().astimezone().date().isoformat()
        key = org_id.hex
        rows = conn.execute(RAW_BOARD, (key, today, PAGE)).fetchall()
        return rows, conn.execute(RAW_BOARD_COUNT, (today, key, today)).fetchone()

    try:
        found, (rows, (total, overdue)) = ours(), raw()
        same_order("the task board", [r.ref for r in found.rows], [r[0] for r in rows], found.total, total)
        if found.overdue != overdue:
            raise RuntimeError(f"the board counts {found.overdue} overdue, the raw SQL {overdue}: not the same query")
        return Measure("3. task board: organization + overdue", scale, *timed_pair(runs, ours, raw),
                       search_target(scale))
    finally:
        conn.close()


# --- 5. save a plan revision -----------------------------------------------------------------------------

def _draft(org_id: uuid.UUID) -> plans.PlanDraft:
    goals = tuple(plans.GoalDraft(f"Work 15 hours a week at bakery {g}", "Two weeks in a row",
                                  status=GoalStatus.IN_PROGRESS,
                                  steps=(plans.StepDraft("Visit the employer with the job developer",
                                                         StepOwner.ORGANIZATION, owner_organization_id=org_id),))
                  for g in (1, 2))
    return plans.PlanDraft(vision="Paid work in the mornings, near home.", important_to="Family nearby.",
                           gifts_and_strengths="Careful and reliable.", employers_to_approach="Sunrise Bakery",
                           goals=goals)


def plan_measure(store: Store, actor, scale: int, runs: int) -> Measure:
    """The service's revisions stay (they are real, audited saves on one person); the raw rows, on another
    person, are deleted afterwards so a reused store keeps only what caseteam wrote."""
    with store.unit_of_work(write=False) as uow:
        people = uow.session.execute(select(Person.id, Person.home_organization_id).order_by(Person.ref)
                                     .limit(2)).all()
    (ours_id, org_id), (raw_id, _org) = people
    draft = _draft(org_id)

    def ours():
        with store.unit_of_work() as uow:
            plans.save_plan_revision(uow, actor, ours_id, draft, summary="Benchmark save")

    conn = raw_connection(store)
    made: list[str] = []

    def raw():
        now = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(sep=" ")
        conn.execute("BEGIN IMMEDIATE")
        number = conn.execute("SELECT coalesce(max(number), 0) + 1 FROM plan_revisions WHERE person_id = ?",
                              (raw_id.hex,)).fetchone()[0]
        rid = uuid.uuid4().hex
        conn.execute("INSERT INTO plan_revisions (id, created_at, person_id, number, vision, important_to, "
                     "important_for, gifts_and_strengths, supports_natural, supports_paid, supports_technology, "
                     "supports_community, employers_to_approach, summary, author_id, saved_at, signed_how, "
                     "signed_by_name) VALUES (?, ?, ?, ?, ?, ?, '', ?, '', '', '', '', ?, ?, ?, ?, '', '')",
                     (rid, now, raw_id.hex, number, draft.vision, draft.important_to, draft.gifts_and_strengths,
                      draft.employers_to_approach, "Benchmark save", actor.user_id.hex, now))
        for position, goal in enumerate(draft.goals, start=1):
            gid = uuid.uuid4().hex
            conn.execute("INSERT INTO plan_goals (id, created_at, revision_id, goal_key, position, description, "
                         "criterion, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         (gid, now, rid, uuid.uuid4().hex, position, goal.description, goal.criterion, goal.status.value))
            for s_pos, step in enumerate(goal.steps, start=1):
                conn.execute("INSERT INTO plan_action_steps (id, created_at, goal_id, step_key, position, description, "
                             "owner_kind, owner_organization_id, owner_name, done) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', 0)",
                             (uuid.uuid4().hex, now, gid, uuid.uuid4().hex, s_pos, step.description,
                              step.owner_kind.value, org_id.hex))
        conn.execute("COMMIT")
        made.append(rid)

    try:
        samples, baseline = timed(runs, ours), timed(runs, raw)
    finally:
        _remove_raw_revisions(conn, made)
        conn.close()
    return Measure("5. save a plan revision (2 goals)", scale, samples, baseline,
                   Target(text="report only (no target in the issue)"))


def _remove_raw_revisions(conn: sqlite3.Connection, ids: list[str]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    for rid in ids:
        conn.execute("DELETE FROM plan_action_steps WHERE goal_id IN (SELECT id FROM plan_goals WHERE revision_id = ?)",
                     (rid,))
        conn.execute("DELETE FROM plan_goals WHERE revision_id = ?", (rid,))
        conn.execute("DELETE FROM plan_revisions WHERE id = ?", (rid,))
    conn.execute("COMMIT")


# --- 6. agreement rendering ------------------------------------------------------------------------------

def agreement_measure(scale: int, runs: int) -> Measure:
    from . import agreements as bench

    view = bench.posa(bench.LINES, draft=False)
    runs = max(5, min(runs, 10))   # a render takes a few hundred milliseconds
    return Measure("6. render a 10-page POS agreement", scale,
                   timed(runs, lambda: bench.render_agreement(view), warm=1), timed(runs, lambda: bench.bare(view), warm=1),
                   Target(max_ratio=1.5, text="<= 1.5x bare ReportLab (agreements issue)"))


# --- 8. size per person ----------------------------------------------------------------------------------

def size_measure(store: Store, scale: int) -> tuple[Measure, dict]:
    """KB per person; also the largest tables, for the report."""
    conn = sqlite3.connect(f"file:{store.path}?mode=ro", uri=True)
    try:
        people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
        sizes = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall())
        person_payload = conn.execute("SELECT sum(payload) FROM dbstat WHERE name = 'people'").fetchone()[0]
    finally:
        conn.close()
    wal = Path(f"{store.path}-wal")
    total = os.path.getsize(store.path) + (wal.stat().st_size if wal.exists() else 0)
    largest = {name: round(size / 2**20, 1) for name, size in list(sizes.items())[:10]}
    return (Measure("8. database size per person", scale, (total / people / 1024,), (person_payload / people / 1024,),
                    Target(text="report only: file KB per person vs the person row's own KB"), unit="KB"),
            {"file_mb": round(total / 2**20, 1), "people": people, "largest_mb": largest})


# --- all of them -----------------------------------------------------------------------------------------

NAMES = ("search", "board", "plan", "agreement", "size")


def bench_actor(store: Store):
    """Signed in as a person would be (the real Argon2 check), once."""
    return users.sign_in(store, BENCH_USERNAME, BENCH_PASSWORD)


def core_measures(store: Store, scale: int, runs: int, *, only: tuple[str, ...] = NAMES,
                  progress: Progress | None = None) -> tuple[list[Measure], dict]:
    if store.kind != "sqlite":
        raise ValueError("the core measures compare against raw sqlite3 SQL: run them on a SQLite store")
    actor, out, extra = bench_actor(store), [], {"search_found": {}}
    steps = [("search", lambda: search_measures(store, actor, scale, runs, extra["search_found"])),
             ("board", lambda: [board_measure(store, actor, scale, runs)]),
             ("plan", lambda: [plan_measure(store, actor, scale, max(5, runs // 2))]),
             ("agreement", lambda: [agreement_measure(scale, runs)])]
    for name, work in steps:
        if name in only:
            if progress:
                progress(name)
            out += work()
    if "size" in only:
        if progress:
            progress("size")
        measure, extra["size"] = size_measure(store, scale)
        out.append(measure)
    return out, extra
