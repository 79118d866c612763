"""Two writer processes committing 500 changes each at the same time, on SQLite and on PostgreSQL.

What a user would notice: a change that vanished, an audit log that forked, or "database is locked"
on screen. None of the three may happen.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.people import Person
from caseteam.domain.tasks import Task
from caseteam.errors import StoreError
from caseteam.services import people, records
from caseteam.storage import store as store_module
from builders import local_actor
from writer_child import prepare_store

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("writer_child.py")
CHANGES = 500


def test_two_writers_at_once_lose_nothing_and_never_fork_the_audit_chain(store):
    org_id = prepare_store(store)
    with store.unit_of_work(write=False) as uow:
        entries_before = uow.session.scalar(select(func.count()).select_from(AuditEntry))
    target = str(store.path) if store.kind == "sqlite" else store.engine.url.render_as_string(hide_password=False)

    writers = {label: subprocess.Popen([sys.executable, str(CHILD), "write", target, str(org_id), str(CHANGES), label],
                                       cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
               for label in ("left", "right")}
    try:
        for writer in writers.values():
            assert writer.stdout.readline().strip() == "ready"
        # Both have imported and opened the store; "go" releases them within a millisecond of each other.
        started = time.monotonic()
        for writer in writers.values():
            writer.stdin.write("go\n")
            writer.stdin.flush()
        outputs = {label: writer.communicate(timeout=120)[0].splitlines() for label, writer in writers.items()}
    finally:
        for writer in writers.values():
            writer.kill()
    seconds = time.monotonic() - started

    reported: dict[str, set[str]] = {"person": set(), "task": set()}
    writer_of: dict[str, str] = {}
    slowest = 0.0
    for label, lines in outputs.items():
        errors = [line for line in lines if line.startswith("error")]
        assert errors == [], f"the {label} writer's caller saw: {errors[:3]}"
        assert lines[-1] == "done 0"
        committed = [line.split()[1:] for line in lines if line.startswith("committed")]
        assert len(committed) == CHANGES
        slowest = max(slowest, *(float(ms) for _, _, ms in committed))
        for kind, ref, _ in committed:
            reported[kind].add(ref)
            writer_of[ref] = label
    # Reference numbers come from one counter: two writers never get the same one.
    assert len(reported["person"]) + len(reported["task"]) == 2 * CHANGES
    # They ran at once and took turns: in reference order the writer changes many times. (With
    # SQLite's own 100 ms busy naps one writer kept the lock for its whole run: 1-9 turns, 1.3 s waits.)
    in_order = [writer_of[ref] for ref in sorted(reported["person"])]
    turns = sum(a != b for a, b in zip(in_order, in_order[1:]))
    assert turns >= 20, f"one writer kept the other waiting ({turns} turns)"

    with store.unit_of_work(write=False) as uow:
        people_refs = set(uow.session.scalars(select(Person.ref).where(Person.given_name.in_(writers))))
        task_refs = set(uow.session.scalars(select(Task.ref).where(Task.title.like("%task%"))))
        entries_after = uow.session.scalar(select(func.count()).select_from(AuditEntry))
        report = records.check_store(uow)
    assert people_refs == reported["person"] and task_refs == reported["task"]
    assert report.ok, (report.problems, report.chain.problem)
    assert entries_after - entries_before == 2 * CHANGES  # one entry per change, in one unbroken chain
    print(f"\n{store.kind}: {2 * CHANGES} changes by two writers in {seconds:.1f} s "
          f"({2 * CHANGES / seconds:.0f} writes/s, {turns} turns, slowest change {slowest:.0f} ms); "
          f"audit chain of {report.chain.entries} entries intact")


def test_a_write_lock_held_past_the_wait_gives_a_plain_busy_message(sqlite_store, monkeypatch):
    """The short-nap wait still ends: a lock nobody lets go of gives the plain message, no SQL."""
    actor = local_actor(sqlite_store)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 300)
    other = sqlite3.connect(sqlite_store.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock and does not let go
        started = time.monotonic()
        with pytest.raises(StoreError, match="busy with another program") as refused:
            with sqlite_store.unit_of_work() as uow:
                people.create_person(uow, actor, given_name="Ana", family_name="Waits")
        assert 0.3 <= time.monotonic() - started < 3
        assert "SELECT" not in str(refused.value) and "INSERT" not in str(refused.value)
        other.execute("ROLLBACK")
        with sqlite_store.unit_of_work() as uow:  # once it lets go, the same change goes through
            people.create_person(uow, actor, given_name="Ana", family_name="Waits")
    finally:
        other.close()
    with sqlite_store.unit_of_work(write=False) as uow:
        assert [r.full_name for r in people.caseload(uow, actor)] == ["Ana Waits"]
