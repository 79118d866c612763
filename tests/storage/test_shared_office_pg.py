"""A shared office on one PostgreSQL database: four desks (processes) starting together and editing the
same records at the same moment.

What IT and the users would notice: a schema migrated twice or half way, an edit that silently
overwrote a colleague's, an edit refused without saying so, or an audit log that forked.
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import time
import uuid
from collections import defaultdict

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, select, text

from caseteam.domain import Base
from caseteam.domain.audit import GENESIS_HASH, AuditEntry
from caseteam.services import people, records, tasks
from caseteam.storage import migrate
from caseteam.storage.search_index import include_in_schema_comparison
from caseteam.storage.store import open_store
from builders import local_actor, pg_admin_url, pg_url_for
from shared_office_child import edit_rounds, edited_record, open_at_once
from writer_child import prepare_store

DESKS = 4
ROUNDS = 12
WAIT_SECONDS = 120  # a hung desk fails the test instead of hanging it


@pytest.fixture
def empty_database():
    """A brand-new, empty database on the test server, dropped afterwards."""
    admin_url = pg_admin_url("the shared-office tests")
    name = f"caseteam_office_{uuid.uuid4().hex[:16]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield pg_url_for(name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run_desks(target, args_for) -> list[tuple]:
    """Start DESKS spawned processes on `target`, sharing one barrier; return everything they reported."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(DESKS), context.Queue()
    desks = [context.Process(target=target, args=(*args_for(desk), barrier, results)) for desk in range(DESKS)]
    for desk in desks:
        desk.start()
    reports, deadline = [], time.monotonic() + WAIT_SECONDS
    try:
        while True:
            try:
                reports.append(results.get(timeout=1))
            except queue.Empty:
                # A desk's queue is flushed before it exits: once all have exited and a second passed, that was all.
                if not any(desk.is_alive() for desk in desks):
                    break
                if time.monotonic() > deadline:
                    pytest.fail(f"the desks were still running after {WAIT_SECONDS} s")
    finally:
        for desk in desks:
            desk.join(10)
            if desk.is_alive():
                desk.kill()
    assert [desk.exitcode for desk in desks] == [0] * DESKS
    return reports


def test_four_desks_starting_together_on_an_empty_database_migrate_it_exactly_once(empty_database):
    reports = run_desks(open_at_once, lambda desk: (empty_database,))

    assert [r for r in reports if r[0] == "error"] == []
    assert len(reports) == DESKS
    assert {revision for *_, revision in reports} == {migrate.head_revision()}
    # The first desk through the advisory lock migrated; the others found the store already at head.
    assert sorted(upgraded for _, _, upgraded, _ in reports) == [False] * (DESKS - 1) + [True]

    store = open_store(empty_database, create=False)
    try:
        assert not store.upgraded
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).all() == [(migrate.head_revision(),)]
            differences = compare_metadata(MigrationContext.configure(
                conn, opts={"include_object": include_in_schema_comparison}), Base.metadata)
            assert differences == []
            # Seed rows were written once: one chain head at the start of an empty chain.
            assert conn.execute(text("SELECT id, seq, hash FROM audit_head")).all() == [(1, 0, GENESIS_HASH)]
            assert conn.execute(text("SELECT count(*) FROM audit_entries")).scalar_one() == 0
            assert conn.execute(text("SELECT count(*) FROM reference_counters")).scalar_one() == 0
        with store.unit_of_work(write=False) as uow:
            report = records.check_store(uow)
        assert report.ok and report.chain.entries == 0
    finally:
        store.close()


def shared_records(store) -> list[tuple[str, uuid.UUID]]:
    """Two people and one task, made before any desk starts: the records everyone edits."""
    org_id = prepare_store(store)
    actor = local_actor(store)
    with store.unit_of_work() as uow:
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Shared",
                                      home_organization_id=org_id)
        ben, _ = people.create_person(uow, actor, given_name="Ben", family_name="Shared",
                                      home_organization_id=org_id)
        task, _ = tasks.create_task(uow, actor, title="Call the employer", organization_id=org_id,
                                    person_id=ana.id)
    return [("person", ana.id), ("person", ben.id), ("task", task.id)]


def current_state(store, shared) -> tuple[dict, dict]:
    """Each record's version and its edited value (a person's family name, a task's due date)."""
    versions, values = {}, {}
    with store.unit_of_work(write=False) as uow:
        for kind, record_id in shared:
            row = uow.people.get(record_id) if kind == "person" else uow.tasks.get(record_id)
            versions[record_id] = row.version
            values[record_id] = row.family_name if kind == "person" else row.due
    return versions, values


def test_four_desks_editing_the_same_records_lose_no_accepted_edit_and_report_every_refusal(empty_database):
    store = open_store(empty_database)
    try:
        shared = shared_records(store)
        versions_before, _ = current_state(store, shared)
        with store.unit_of_work(write=False) as uow:
            seq_before = uow.session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1))

        reports = run_desks(edit_rounds, lambda desk: (empty_database, desk, ROUNDS, shared))

        assert [r for r in reports if r[5].startswith("error")] == []
        assert sorted((desk, round_no) for desk, round_no, *_ in reports) == [
            (desk, round_no) for desk in range(DESKS) for round_no in range(ROUNDS)]
        assert {outcome for *_, outcome in reports} == {"accepted", "conflict"}
        # Every desk in a collision had read the same version: exactly one save wins, the rest are told.
        collisions = defaultdict(list)
        for desk, round_no, _kind, record_id, value, outcome in reports:
            assert record_id == shared[edited_record(desk, round_no, shared)][1]
            collisions[round_no, record_id].append(outcome)
        for (round_no, record_id), outcomes in collisions.items():
            assert sorted(outcomes) == ["accepted"] + ["conflict"] * (len(outcomes) - 1), (round_no, outcomes)
        assert any(len(outcomes) == DESKS for outcomes in collisions.values())

        accepted = sorted((r for r in reports if r[5] == "accepted"), key=lambda r: r[1])
        versions_after, values_after = current_state(store, shared)
        for _kind, record_id in shared:
            mine = [value for _, _, _, rid, value, _ in accepted if rid == record_id]
            assert mine, "every record was edited at least once"
            assert values_after[record_id] == mine[-1]  # the last accepted save is what is stored
            assert versions_after[record_id] == versions_before[record_id] + len(mine)

        with store.unit_of_work(write=False) as uow:
            entries = uow.session.scalars(select(AuditEntry).where(AuditEntry.seq > seq_before)).all()
            report = records.check_store(uow)
        logged = []
        for entry in entries:
            field = {"updated": "family_name", "due date changed": "due"}[entry.action]
            logged.append((uuid.UUID(entry.entity_id), json.loads(entry.changes)[field][1]))
        written = [(rid, value if isinstance(value, str) else value.isoformat())
                   for _, _, _, rid, value, _ in accepted]
        # One entry for each accepted save and none for a refused one (their values are all distinct).
        assert sorted(logged, key=str) == sorted(written, key=str)
        assert report.ok, (report.problems, report.chain.problem)
        assert report.chain.entries == seq_before + len(accepted)
    finally:
        store.close()
