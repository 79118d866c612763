"""Automatic backups: verified copies, which ones rotation keeps, when the next is due, restoring one."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from caseteam.errors import StoreError
from caseteam.storage.backup import (backup_now, due_for_daily, list_backups, newest_good_backup, restore,
                                     rotate, timestamped_name)
from caseteam.storage.store import open_store
from store_files import add_person, names_in


def local(day: date, hour: int) -> datetime:
    """A local wall-clock time as the aware instant a backup name records (in UTC)."""
    return datetime(day.year, day.month, day.day, hour).astimezone()


def placeholder(folder: Path, when: datetime, reason: str, stem: str = "caseteam") -> Path:
    """Rotation decides by name alone, so these need no database inside."""
    path = folder / timestamped_name(stem, reason, when)
    path.write_bytes(b"placeholder")
    return path


def test_a_backup_is_a_verified_copy_named_by_time_and_reason(sqlite_store, tmp_path):
    add_person(sqlite_store, "Ngozi", "Okafor")
    folder = tmp_path / "backups"
    made = backup_now(sqlite_store.path, folder, "daily")
    [listed] = list_backups(folder)
    assert listed.path == made and listed.reason == "daily" and listed.stem == "caseteam"
    assert abs(datetime.now(timezone.utc) - listed.taken_at) < timedelta(minutes=1)
    assert names_in(made) == ["Ngozi Okafor"]  # the write still in the WAL is in the copy too
    conn = sqlite3.connect(made)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    conn.close()
    assert sorted(p.name for p in folder.iterdir()) == [made.name]  # no .partial left behind


def test_rotation_keeps_seven_days_and_four_weeks_and_never_what_is_not_ours(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    today = date(2026, 11, 18)  # a Wednesday
    for back in range(60):
        day = today - timedelta(days=back)
        placeholder(folder, local(day, 9), "daily")
        placeholder(folder, local(day, 17), "on-close")
    upgrade = placeholder(folder, local(today - timedelta(days=50), 8), "before-upgrade")
    restore_copy = placeholder(folder, local(today - timedelta(days=40), 8), "before-restore")
    strangers = [folder / "notes.txt", folder / "caseteam-old.sqlite", folder / "caseteam-20260101T000000Z.sqlite"]
    for path in strangers:
        path.write_text("not a caseteam backup")
    other_store = [placeholder(folder, local(today - timedelta(days=d), 12), "daily", stem="training")
                   for d in (0, 1)]

    removed = rotate(folder, keep_daily=7, keep_weekly=4, today=today)

    kept = {b.path.name for b in list_backups(folder, "caseteam") if not b.protected}
    days = [today - timedelta(days=d) for d in range(7)]  # Nov 12..18, the evening copy of each
    weeks = [date(2026, 11, 8), date(2026, 11, 1)]  # Sundays ending the two weeks before those days
    assert kept == {timestamped_name("caseteam", "on-close", local(d, 17)) for d in days + weeks}
    assert len(removed) == 120 - 9
    for path in [upgrade, restore_copy, *strangers, *other_store]:
        assert path.exists(), path.name
    # Running it again deletes nothing more: the kept set is stable.
    assert rotate(folder, keep_daily=7, keep_weekly=4, today=today) == []


def test_days_without_backups_do_not_use_up_the_allowance(tmp_path):
    """The office was closed for a month: the last seven backups are kept, not only the last week's."""
    folder = tmp_path / "backups"
    folder.mkdir()
    today = date(2026, 8, 31)
    made = [placeholder(folder, local(date(2026, 7, d), 17), "on-close") for d in range(20, 31)]
    rotate(folder, keep_daily=7, keep_weekly=0, today=today)
    assert {b.path for b in list_backups(folder)} == set(made[-7:])


def test_the_newest_backup_survives_even_when_nothing_else_is_kept(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    today = date(2026, 11, 18)
    older = placeholder(folder, local(today - timedelta(days=3), 9), "daily")
    newest = placeholder(folder, local(today, 9), "manual")
    future = placeholder(folder, local(today + timedelta(days=30), 9), "daily")  # a clock that was wrong
    assert rotate(folder, keep_daily=0, keep_weekly=0, today=today) == [older]
    assert newest.exists() and future.exists()


def test_a_daily_backup_is_due_only_once_a_day(sqlite_store, tmp_path):
    folder = tmp_path / "backups"
    now = datetime.now(timezone.utc)
    assert due_for_daily(folder, now, stem="caseteam")  # no folder yet, no backup yet
    backup_now(sqlite_store.path, folder, "on-close")
    assert not due_for_daily(folder, now + timedelta(hours=23), stem="caseteam")
    assert due_for_daily(folder, now + timedelta(hours=24, minutes=1), stem="caseteam")
    assert due_for_daily(folder, now, stem="another-store")


def test_restore_round_trip_keeps_the_replaced_store_as_a_backup(sqlite_store, tmp_path):
    folder = tmp_path / "backups"
    add_person(sqlite_store, "Ngozi", "Okafor")
    first = backup_now(sqlite_store.path, folder, "manual")
    add_person(sqlite_store, "Tomás", "Ruiz")
    path = sqlite_store.path
    sqlite_store.close()

    result = restore(path, first, folder)

    assert names_in(path) == ["Ngozi Okafor"]
    assert result.saved_current is not None and result.saved_current.name.endswith("-before-restore.sqlite")
    assert names_in(result.saved_current) == ["Ngozi Okafor", "Tomás Ruiz"]
    assert result.moved_aside is None
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    assert sorted(p.name for p in path.parent.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [path.name]
    reopened = open_store(path)  # the restored file opens as a normal store and takes writes
    try:
        add_person(reopened, "Mai", "Xiong")
        with reopened.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert reopened.integrity_check() == []
    finally:
        reopened.close()
    assert names_in(path) == ["Mai Xiong", "Ngozi Okafor"]
    # Restoring back undoes the restore: nothing was lost on the way.
    restore(path, result.saved_current, folder)
    assert names_in(path) == ["Ngozi Okafor", "Tomás Ruiz"]


def test_restore_refuses_while_the_store_is_open_and_changes_nothing(sqlite_store, tmp_path):
    folder = tmp_path / "backups"
    add_person(sqlite_store, "Ngozi", "Okafor")
    first = backup_now(sqlite_store.path, folder, "manual")
    add_person(sqlite_store, "Tomás", "Ruiz")  # the store stays open: its engine holds a connection
    with pytest.raises(StoreError, match="is open in caseteam or another program"):
        restore(sqlite_store.path, first, folder)
    add_person(sqlite_store, "Mai", "Xiong")  # the open store works on, on its own file
    assert names_in(sqlite_store.path) == ["Mai Xiong", "Ngozi Okafor", "Tomás Ruiz"]
    assert [b.reason for b in list_backups(folder)] == ["manual"]
    assert not any(p.name.endswith(".restoring") for p in sqlite_store.path.parent.iterdir())


def test_restore_refuses_the_store_itself(sqlite_store, tmp_path):
    path = sqlite_store.path
    sqlite_store.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="is the store itself"):
        restore(path, path, tmp_path / "backups")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_newest_good_backup_passes_over_damaged_and_empty_copies(sqlite_store, tmp_path):
    folder = tmp_path / "backups"
    add_person(sqlite_store, "Ngozi", "Okafor")
    now = datetime.now(timezone.utc)
    good = backup_now(sqlite_store.path, folder, "daily", now=now - timedelta(days=2))
    damaged = folder / timestamped_name("caseteam", "daily", now - timedelta(days=1))
    data = bytearray(good.read_bytes())
    data[100:4096] = b"\x00\xff" * ((4096 - 100) // 2)
    damaged.write_bytes(bytes(data))
    (folder / timestamped_name("caseteam", "on-close", now)).write_bytes(b"")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert newest_good_backup(folder, "caseteam") == good
    assert newest_good_backup(folder, "another-store") is None
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # checking wrote nothing
