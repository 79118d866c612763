"""A writer killed with SIGKILL at random moments, 50 times, on one store: nothing reported saved is lost.

The killed process gets no chance to clean up: SQLite's WAL and the next opener's recovery are all that
stand between the user and a damaged store or a broken audit chain.
"""

from __future__ import annotations

import os
import queue
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from caseteam.storage.store import open_store
from writer_child import prepare_store

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("writer_child.py")
KILLS = 50
SEED = 20261201
# Every third kill lands while the writer opens the store (and recovers what the last one left); the
# others land among its commits, up to 0.2 s (dozens of units) after the first one.
OPENING_S = 0.1
WRITING_S = 0.2

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or not hasattr(os, "fork"),
                                reason="needs POSIX SIGKILL and fork")


class Lines:
    """The server's stdout read on a thread, so a hung child fails the test instead of hanging it."""

    def __init__(self, stream):
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream):
        for line in stream:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def next(self) -> str:
        line = self._queue.get(timeout=30)
        assert line is not None, "the writer server exited early"
        return line


def test_a_writer_killed_50_times_keeps_every_reported_write_and_a_sound_store(sqlite_template, tmp_path):
    path = tmp_path / "crash.sqlite"
    shutil.copyfile(sqlite_template, path)
    store = open_store(path)
    org_id = prepare_store(store)
    store.close()

    rng = random.Random(SEED)
    started = time.monotonic()
    server = subprocess.Popen([sys.executable, str(CHILD), "serve", str(path), str(org_id)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    lines = Lines(server.stdout)
    reported: dict[str, set[str]] = {"person": set(), "task": set()}
    errors: list[str] = []
    kills_while_opening = 0

    def take(line: str) -> str:
        word, _, rest = line.partition(" ")
        if word == "committed":
            kind, ref, _ms = rest.split()
            reported[kind].add(ref)
        elif word != "reaped":
            errors.append(line)
        return word

    try:
        assert lines.next() == "serving"
        for k in range(KILLS):
            server.stdin.write(f"spawn kill{k:02d}\n")
            server.stdin.flush()
            head, pid = lines.next().split()
            assert head == "pid"
            if k % 3 == 0:
                time.sleep(rng.uniform(0.0, OPENING_S))
            else:
                while take(lines.next()) == "error":  # wait for its first commit (or its first error)
                    pass
                time.sleep(rng.uniform(0.0, WRITING_S))
            os.kill(int(pid), signal.SIGKILL)
            server.stdin.write(f"reap {pid}\n")
            server.stdin.flush()
            before = sum(map(len, reported.values()))
            # Everything the writer printed before it died comes before "reaped": the server reaps it first.
            while take(line := lines.next()) != "reaped":
                pass
            assert line.split()[2] == str(signal.SIGKILL), f"writer {pid} ended by itself ({line}) after {errors[-3:]}"
            kills_while_opening += k % 3 == 0 and sum(map(len, reported.values())) == before
    finally:
        server.stdin.close()
        server.wait(timeout=30)
    kill_seconds = time.monotonic() - started

    assert errors == [], "a writer saw an error after an earlier kill"
    assert len(reported["person"]) + len(reported["task"]) >= KILLS  # (about 1,500 on an idle machine)

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        people = dict(conn.execute("SELECT ref, id FROM people WHERE given_name LIKE 'kill%'"))
        task_refs = dict(conn.execute("SELECT ref, id FROM tasks WHERE title LIKE 'kill%'"))
        audited = {uuid.UUID(i) for (i,) in conn.execute(
            "SELECT entity_id FROM audit_entries WHERE action = 'created' AND entity IN ('people', 'tasks')")}
    finally:
        conn.close()
    # A record saved without its audit entry would be a change nobody can trace: same transaction or none.
    unaudited = [ref for ref, i in {**people, **task_refs}.items() if uuid.UUID(i) not in audited]
    assert unaudited == [], f"saved without an audit entry: {unaudited[:5]}"
    people, task_refs = set(people), set(task_refs)
    assert reported["person"] <= people, f"reported saved, then lost: {sorted(reported['person'] - people)[:5]}"
    assert reported["task"] <= task_refs, f"reported saved, then lost: {sorted(reported['task'] - task_refs)[:5]}"
    # A kill between commit and report leaves at most one unreported unit per kill, never more.
    assert len(people - reported["person"]) + len(task_refs - reported["task"]) <= KILLS

    check = subprocess.run([sys.executable, "-m", "ui.launcher", "--db", str(path), "check"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr
    assert "audit chain" in check.stdout and "intact" in check.stdout
    print(f"\n{KILLS} kills in {kill_seconds:.1f} s ({kills_while_opening} before its first commit); "
          f"{len(reported['person'])} people and {len(reported['task'])} tasks reported committed, all present "
          f"and audited; {check.stdout.strip()}")


def _last_page_one_in_wal(wal: bytes) -> bytes:
    """The newest copy of page 1 in a WAL file (32-byte header, then 24-byte frame headers + pages)."""
    page_size = int.from_bytes(wal[8:12], "big")
    newest, offset = None, 32
    while offset + 24 + page_size <= len(wal):
        if int.from_bytes(wal[offset:offset + 4], "big") == 1:
            newest = wal[offset + 24:offset + 24 + page_size]
        offset += 24 + page_size
    assert newest is not None, "the WAL holds no copy of page 1"
    return newest


def test_a_store_killed_part_way_through_a_checkpoint_opens_with_everything(sqlite_template, tmp_path):
    """Found by the kills above. A checkpoint copies pages from the WAL in page order, page 1 (whose header
    records the new, larger page count) first; killed part way, the file is shorter than its header says
    while the WAL still holds every page. SQLite finishes the job on the next open: the store is sound."""
    path = tmp_path / "torn.sqlite"
    shutil.copyfile(sqlite_template, path)
    grown = subprocess.run([sys.executable, str(CHILD), "grow", str(path), "300"], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert grown.stdout.strip() == "grown", grown.stderr
    wal = Path(f"{path}-wal").read_bytes()
    with open(path, "r+b") as db:  # what the killed checkpoint managed: page 1, and nothing after it
        db.write(_last_page_one_in_wal(wal))
    header = path.read_bytes()[:100]
    declared = int.from_bytes(header[16:18], "big") * int.from_bytes(header[28:32], "big")
    assert path.stat().st_size < declared  # the state the kill left: "cut short", by the header alone

    store = open_store(path)
    try:
        assert store.integrity_check() == []
        with store.unit_of_work(write=False) as uow:
            grown_people = uow.session.execute(text("SELECT count(*) FROM people WHERE given_name = 'Grown'")).scalar()
    finally:
        store.close()
    assert grown_people == 300
    check = subprocess.run([sys.executable, "-m", "ui.launcher", "--db", str(path), "check"], cwd=ROOT,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and "intact" in check.stdout, check.stderr
