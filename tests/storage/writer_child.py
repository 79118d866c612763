"""A writer process for the crash and concurrency tests: real store, real services, one line per commit.

    writer_child.py write TARGET ORG_ID COUNT LABEL
        open TARGET, print "ready", wait for "go" on stdin, then commit COUNT changes and print "done".
    writer_child.py serve TARGET ORG_ID
        import once, then for each "spawn LABEL" line on stdin fork a writer that commits until it is
        killed (it prints "pid N" first); "reap N" waits for that writer and prints "reaped N".
    writer_child.py grow TARGET COUNT
        commit COUNT people with checkpoints off, print "grown" and die without closing the store.

Forking from an already-imported server starts a writer in a few milliseconds instead of ~0.5 s of
imports, so 50 kills fit in seconds. Each forked writer opens the store itself: no connection, lock
or file handle crosses the fork.

Lines: "committed person PE-0001 MS" / "committed task TK-0002 MS" after the unit of work has committed
(MS: milliseconds from starting the unit, waiting for the write lock included);
"error TYPE: message" for every exception that reached the caller (the writer goes on, or stops after
too many). Each line is one write() to fd 1, so lines from several processes never interleave.
"""

from __future__ import annotations

import os
import sys
import time
import uuid

from caseteam.services import people, tasks, users
from caseteam.storage.store import open_store

MAX_ERRORS = 20


def prepare_store(store) -> uuid.UUID:
    """What the test sets up before any writer starts: the local account and a partner for tasks."""
    from caseteam.domain.organizations import OrganizationKind
    from caseteam.services import organizations

    with store.unit_of_work() as uow:
        actor = users.local_actor(uow)
        org, _ = organizations.create_organization(uow, actor, name="Writers' Partner", kind=OrganizationKind.CRP)
    return org.id


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def write_changes(target: str, org_id: uuid.UUID, label: str, count: int | None, *, wait_for_go: bool) -> int:
    """Alternate a new person and a task for that person, one unit of work each; returns the error count."""
    store = open_store(target, create=False)
    errors = 0
    try:
        with store.unit_of_work() as uow:
            actor = users.local_actor(uow)
        if wait_for_go:
            say("ready")
            if sys.stdin.readline().strip() != "go":
                return 0
        person_id, n = None, 0
        while count is None or n < count:
            begun = time.perf_counter()
            try:
                with store.unit_of_work() as uow:
                    if person_id is None or n % 2 == 0:
                        # Served by the task's organization, so its tasks need no release of information.
                        row, _ = people.create_person(uow, actor, given_name=label, family_name=f"Writer{n:05d}",
                                                      home_organization_id=org_id)
                        kind = "person"
                    else:
                        row, _ = tasks.create_task(uow, actor, title=f"{label} task {n}",
                                                   organization_id=org_id, person_id=person_id)
                        kind = "task"
                # Reported only once the unit of work has left its `with`: the commit returned.
                if kind == "person":
                    person_id = row.id
                say(f"committed {kind} {row.ref} {1000 * (time.perf_counter() - begun):.1f}")
                n += 1
            except Exception as exc:  # every failure the caller sees is counted and shown to the test
                errors += 1
                say(f"error {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
                if errors >= MAX_ERRORS:
                    break
    finally:
        store.close()
    return errors


def serve(target: str, org_id: uuid.UUID) -> None:
    say("serving")
    for line in sys.stdin:
        command, _, arg = line.strip().partition(" ")
        if command == "spawn":
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    write_changes(target, org_id, arg, None, wait_for_go=False)
                except BaseException as exc:  # opening the store failed: the test must hear of it
                    say(f"error {type(exc).__name__}: {exc}")
                    code = 3
                os._exit(code)
            say(f"pid {pid}")
        elif command == "reap":
            _, status = os.waitpid(int(arg), 0)
            say(f"reaped {arg} {status}")
        else:
            break


def grow_and_die(target: str, count: int) -> None:
    """Commit `count` people with checkpoints off, so every page stays in the WAL, then die unclosed."""
    from sqlalchemy import event

    store = open_store(target, create=False)
    event.listen(store.engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA wal_autocheckpoint=0"))
    store.engine.dispose()  # so every connection from here on has the listener's pragma
    with store.unit_of_work() as uow:
        actor = users.local_actor(uow)
    for n in range(count):
        with store.unit_of_work() as uow:
            people.create_person(uow, actor, given_name="Grown", family_name=f"Person{n:04d}")
    say("grown")
    os._exit(0)  # no close: closing would checkpoint and remove the WAL


def main(argv: list[str]) -> int:
    mode, target = argv[0], argv[1]
    if mode == "grow":
        grow_and_die(target, int(argv[2]))
    org = uuid.UUID(argv[2])
    if mode == "serve":
        serve(target, org)
        return 0
    try:
        errors = write_changes(target, org, argv[4], int(argv[3]), wait_for_go=True)
    except Exception as exc:
        say(f"error {type(exc).__name__}: {exc}")
        errors = 1
    say(f"done {errors}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
