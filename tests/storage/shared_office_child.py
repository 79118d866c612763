"""The desks of a shared office, as processes started with multiprocessing's "spawn" (a fresh interpreter
each, as on Windows): each opens the PostgreSQL store itself and reports what it saw through a queue.

Records to edit are given as (kind, id) pairs: ("person", id) is edited with people.update_person,
("task", id) with tasks.set_task_due; both take the version the desk read and refuse a stale one.
"""

from __future__ import annotations

import os
import uuid
from datetime import date, timedelta

BARRIER_SECONDS = 60  # a desk that died leaves the others waiting at most this long


def open_at_once(url: str, barrier, results) -> None:
    """Start up together with the other desks; report whether this desk's opening ran the migrations."""
    from caseteam.storage.store import open_store

    try:
        barrier.wait(BARRIER_SECONDS)
        store = open_store(url)
        try:
            results.put(("opened", os.getpid(), store.upgraded, store.schema_revision()))
        finally:
            store.close()
    except Exception as exc:  # the parent must hear of every failure, not a hang
        results.put(("error", os.getpid(), f"{type(exc).__name__}: {exc}", None))


def edited_record(desk: int, round_no: int, records: list[tuple[str, uuid.UUID]]) -> int:
    """Which record a desk edits in a round: all four collide on one in even rounds, pairs in odd ones."""
    if round_no % 2 == 0:
        return (round_no // 2) % len(records)
    return (desk % 2 + round_no) % len(records)


def value_for(kind: str, desk: int, round_no: int):
    """A value only this desk writes, and only in this round."""
    if kind == "person":
        return f"Desk{desk}Round{round_no:02d}"
    return date(2030, 1, 1) + timedelta(days=100 * desk + round_no)


def edit_rounds(url: str, desk: int, rounds: int, records: list[tuple[str, uuid.UUID]], barrier, results) -> None:
    """Each round: read the record's version, wait for the others, save an edit made on that version.
    Every save is reported as accepted, conflict, or error (which the test counts as a failure)."""
    from caseteam.errors import Conflict
    from caseteam.services import people, tasks, users
    from caseteam.storage.store import open_store

    store = None
    try:
        store = open_store(url, create=False)
        with store.unit_of_work() as uow:
            actor = users.local_actor(uow)
        for round_no in range(rounds):
            barrier.wait(BARRIER_SECONDS)  # every save of the last round has returned
            kind, record_id = records[edited_record(desk, round_no, records)]
            with store.unit_of_work(write=False) as uow:
                repository = uow.people if kind == "person" else uow.tasks
                version = repository.get(record_id).version
            value = value_for(kind, desk, round_no)
            barrier.wait(BARRIER_SECONDS)  # everyone holds the same version: the saves collide
            try:
                with store.unit_of_work() as uow:
                    if kind == "person":
                        people.update_person(uow, actor, record_id, version=version, family_name=value)
                    else:
                        tasks.set_task_due(uow, actor, record_id, value, version=version)
                outcome = "accepted"
            except Conflict:
                outcome = "conflict"
            except Exception as exc:
                outcome = f"error {type(exc).__name__}: {exc}"
            results.put((desk, round_no, kind, record_id, value, outcome))
    except Exception as exc:
        results.put((desk, -1, "", None, None, f"error {type(exc).__name__}: {exc}"))
        barrier.abort()  # the others stop waiting for this desk
    finally:
        if store is not None:
            store.close()
