"""Verified copies of a SQLite store (SQLite's online backup API), their rotation, and restoring one.

Backups are named `<store stem>-<UTC stamp>-<reason>.sqlite`; only files with that shape are ours.
Reasons starting with "before-" (before-upgrade, before-restore) are safety copies rotation never
deletes. PostgreSQL stores are backed up with the server's own tools.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from caseteam.durable import fsync_file, fsync_folder
from caseteam.errors import CaseteamError, NotACaseteamStore, StoreError, StoreTooNew

log = logging.getLogger(__name__)

STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)-(?P<reason>[a-z][a-z-]*)\.sqlite$")
DAILY_INTERVAL = timedelta(hours=24)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    stem: str
    taken_at: datetime  # UTC
    reason: str  # daily, on-close, manual, before-upgrade, before-restore

    @property
    def protected(self) -> bool:
        """Safety copies taken before an upgrade or a restore are kept until someone deletes them."""
        return self.reason.startswith("before-")

    @property
    def local_date(self) -> date:
        return self.taken_at.astimezone().date()


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    saved_current: Path | None  # the before-restore backup of the store that was replaced
    moved_aside: Path | None  # the damaged store, renamed rather than deleted


# --- copying ------------------------------------------------------------------------------------

def backup_sqlite(source: Path, destination: Path, *, connection: sqlite3.Connection | None = None) -> Path:
    """Copy `source` to `destination` page by page, then prove the copy sound before keeping it.

    `connection` is an already open connection to `source` to read from (restore holds one with
    the store locked); otherwise a read-only one is opened."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    src = connection or sqlite3.connect(f"file:{source}?mode=ro", uri=True)  # a live store: never immutable
    try:
        result = _copy_pages(src, partial, journal_mode="DELETE", check="integrity_check")
        if result != "ok":
            raise StoreError(f"The backup copy of {source.name} failed its integrity check ({result}); "
                             "the store was not changed.")
        fsync_file(partial)
        os.replace(partial, destination)
        fsync_folder(destination.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    finally:
        if connection is None:
            src.close()
    return destination


def _copy_pages(src: sqlite3.Connection, target: Path, *, journal_mode: str, check: str) -> str:
    """SQLite's online backup of `src` into the file `target`, then that file's own check ("ok")."""
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
        dst.execute(f"PRAGMA journal_mode={journal_mode}")
        return dst.execute(f"PRAGMA {check}").fetchone()[0]
    finally:
        dst.close()


def timestamped_name(stem: str, reason: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime(STAMP_FORMAT)
    return f"{stem}-{stamp}-{reason}.sqlite"


def backup_now(store_path: Path, folder: Path, reason: str, *, now: datetime | None = None) -> Path:
    """A verified backup of the store in `folder`; failures are plain StoreErrors."""
    store_path, folder = Path(store_path), Path(folder)
    destination = folder / timestamped_name(store_path.stem, reason, now)
    try:
        backup_sqlite(store_path, destination)
    except CaseteamError:
        raise
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"No backup was made: {_why(exc, f'the folder {folder}')} "
                         "The store itself was not changed.") from None
    log.info("backup made (%s, %s bytes)", reason, f"{destination.stat().st_size:,}")
    return destination


def postgresql_refusal(location: str, what: str) -> StoreError:
    return StoreError(f"caseteam {what} SQLite store files only. The store {location} is on a PostgreSQL "
                      "server: use the server's tools, for example pg_dump -Fc -f caseteam.dump DBNAME "
                      "to back it up and pg_restore --clean -d DBNAME caseteam.dump to restore it.")


# --- what is in the folder ------------------------------------------------------------------------

def parse_backup_name(path: Path) -> BackupFile | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return BackupFile(path, match["stem"], taken, match["reason"])


def list_backups(folder: Path, stem: str | None = None) -> list[BackupFile]:
    """Our backups in `folder` (of one store when `stem` is given), newest first."""
    try:
        entries = list(Path(folder).iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = [b for b in (parse_backup_name(p) for p in entries if p.is_file()) if b is not None]
    if stem is not None:
        found = [b for b in found if b.stem == stem]
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def due_for_daily(folder: Path, now: datetime | None = None, *, stem: str | None = None) -> bool:
    """True when no backup of the store was taken in the last 24 hours (at most one a day while open)."""
    now = now or datetime.now(timezone.utc)
    backups = list_backups(folder, stem)
    return not backups or now - backups[0].taken_at >= DAILY_INTERVAL


def rotate(folder: Path, keep_daily: int, keep_weekly: int, today: date | None = None, *,
           stem: str | None = None) -> list[Path]:
    """Delete our backups that no rule keeps; returns what was deleted.

    Kept, per store: the newest backup; the newest of each of the last `keep_daily` days that have a
    backup and of each of the last `keep_weekly` ISO weeks that have one (the restic/borg rule, so
    days the office was closed do not use up the allowance); every "before-" safety copy; anything
    dated after `today` (a clock that was wrong). Files whose names are not ours are never touched."""
    today = today or date.today()
    by_store: dict[str, list[BackupFile]] = {}
    for backup in list_backups(folder, stem):
        by_store.setdefault(backup.stem, []).append(backup)
    removed: list[Path] = []
    for backups in by_store.values():
        keep = _kept(backups, keep_daily, keep_weekly, today)
        for backup in backups:
            if backup.path in keep:
                continue
            try:
                backup.path.unlink()
            except FileNotFoundError:
                continue
            except OSError as exc:
                log.warning("old backup not deleted (%s)", type(exc).__name__)
                continue
            removed.append(backup.path)
    if removed:
        log.info("rotation deleted %d old backup(s)", len(removed))
    return removed


def _kept(backups: list[BackupFile], keep_daily: int, keep_weekly: int, today: date) -> set[Path]:
    """`backups` is newest first, so the first one seen in a day or week is that period's newest."""
    rotating = [b for b in backups if not b.protected]
    keep = {b.path for b in backups if b.protected or b.local_date > today}
    # The newest (a future-dated one does not count: the clock was wrong then, or is now).
    for group in (backups, rotating):
        keep.update([b.path for b in group if b.local_date <= today][:1])
    for period, count in ((lambda d: d, keep_daily), (lambda d: d.isocalendar()[:2], keep_weekly)):
        seen: list = []
        for backup in rotating:
            key = period(backup.local_date)
            if backup.local_date > today or key in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(key)
            keep.add(backup.path)
    return keep


def newest_good_backup(folder: Path, stem: str | None = None) -> Path | None:
    """The newest backup that reads as a sound caseteam store (read-only checks: nothing is written)."""
    for backup in list_backups(folder, stem):
        try:
            check_restorable(backup.path)
        except CaseteamError:
            log.info("backup %s skipped: it failed its checks", backup.path.name)
            continue
        return backup.path
    return None


def restore_would_help(store_path: Path) -> bool:
    """Whether a refused store is one a backup can stand in for: missing, damaged, cut short or not
    ours. Not when it is read-only, from a newer caseteam, or in an unsafe place. Read-only checks."""
    from .store import inspect_sqlite_file

    store_path = Path(store_path)
    if not store_path.exists():
        return True
    try:
        inspect_sqlite_file(store_path)
    except NotACaseteamStore:
        return True
    except CaseteamError:
        return False
    try:
        conn = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
        finally:
            conn.close()
    except sqlite3.Error:
        return True


def check_restorable(path: Path) -> str | None:
    """Raise a plain StoreError unless `path` is a sound caseteam store this program can open;
    returns its schema revision. Read-only: the file is not changed."""
    from .store import connect_read_only, inspect_sqlite_file

    path = Path(path)
    if not path.is_file():
        raise StoreError(f"There is no file at {path}.")
    revision = inspect_sqlite_file(path, unchanging=True)
    try:
        conn = connect_read_only(path, unchanging=True)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{path} cannot be read as a store ({type(exc).__name__}); it was left as it is.") from None
    if rows != ["ok"]:
        raise StoreError(f"{path} is damaged ({rows[0]}); it was left as it is. Choose another backup.")
    return revision


# --- restoring ------------------------------------------------------------------------------------

def restore(store_path: Path, backup_file: Path, folder: Path, *, now: datetime | None = None) -> RestoreResult:
    """Replace the store with a checked copy of `backup_file`. The store must be closed.

    The current store is first backed up to `folder` ("before-restore"); one that cannot be backed
    up because it is damaged is renamed `<name>.damaged-<stamp>` beside itself, never deleted.
    The copy is written beside the store and renamed over it, so a crash leaves one or the other."""
    store_path = Path(os.path.abspath(store_path))
    backup_file = Path(os.path.abspath(backup_file))
    now = now or datetime.now(timezone.utc)
    if store_path.exists() and backup_file.exists() and os.path.samefile(store_path, backup_file):
        raise StoreError(f"{backup_file} is the store itself; choose a backup to restore from.")
    check_restorable(backup_file)
    temp = store_path.with_name(f".{store_path.name}.restoring")
    try:
        _copy_for_restore(backup_file, temp)
        saved, moved = _set_current_aside(store_path, Path(folder), now)
        os.replace(temp, store_path)
        fsync_folder(store_path.parent)
    except CaseteamError:
        _remove_quietly(temp)
        raise
    except (OSError, sqlite3.Error) as exc:
        _remove_quietly(temp)
        raise StoreError(f"The store was not restored: {_why(exc, str(store_path))} "
                         "The store was left as it was.") from None
    log.info("store restored from a backup (current store %s)",
             "saved first" if saved else "set aside as damaged" if moved else "absent")
    return RestoreResult(backup_file, saved, moved)


def _copy_for_restore(backup_file: Path, temp: Path) -> None:
    """The backup, copied beside the store and turned back into a WAL store like a new one."""
    from .store import connect_read_only

    _remove_quietly(temp)
    src = connect_read_only(backup_file, unchanging=True)
    try:
        result = _copy_pages(src, temp, journal_mode="WAL", check="quick_check")
    finally:
        src.close()
    if result != "ok":
        raise StoreError(f"The copy of {backup_file.name} failed its check ({result}); nothing was restored.")
    fsync_file(temp)


def _set_current_aside(store_path: Path, folder: Path, now: datetime) -> tuple[Path | None, Path | None]:
    """Back up the current store (returns its backup) or, when it is unusable, rename it aside."""
    from .store import inspect_sqlite_file

    if not store_path.exists():
        return None, None
    try:
        inspect_sqlite_file(store_path)
    except StoreTooNew:
        return None, _move_aside(store_path, now, "newer")
    except NotACaseteamStore:
        return None, _move_aside(store_path, now, "damaged")
    try:
        # Exclusive locking mode keeps the lock after COMMIT: no one can open the store meanwhile.
        conn = sqlite3.connect(store_path, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return None, _move_aside(store_path, now, "damaged")
    try:
        try:
            conn.execute("PRAGMA locking_mode=EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc).lower() or "busy" in str(exc).lower():
                raise StoreError(f"The store {store_path} is open in caseteam or another program. Close it "
                                 "there first, then restore again. Nothing was changed.") from None
            raise
        target = folder / timestamped_name(store_path.stem, "before-restore", now)
        try:
            saved = backup_sqlite(store_path, target, connection=conn)
        except StoreError:  # its copy failed the integrity check: the store itself is damaged
            saved = None
        if saved is not None:
            conn.execute("PRAGMA journal_mode=DELETE")  # folds the WAL in and removes -wal and -shm
    finally:
        conn.close()
    if saved is None:
        return None, _move_aside(store_path, now, "damaged")
    for suffix in ("-wal", "-shm", "-journal"):
        side = store_path.with_name(store_path.name + suffix)
        if side.exists():
            side.unlink()  # empty after the checkpoint above; a stale one must not meet the new file
    return saved, None


def _move_aside(store_path: Path, now: datetime, why: str) -> Path:
    """Rename an unusable store (and SQLite's side files, which belong with it) instead of deleting it."""
    aside = store_path.with_name(f"{store_path.name}.{why}-{now.strftime(STAMP_FORMAT)}")
    os.replace(store_path, aside)
    for suffix in ("-wal", "-shm", "-journal"):
        side = store_path.with_name(store_path.name + suffix)
        if side.exists():
            os.replace(side, aside.with_name(aside.name + suffix))
    log.info("unusable store set aside as %s", aside.name)
    return aside


def _remove_quietly(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            candidate.unlink()


def _why(exc: BaseException, where: str) -> str:
    err = getattr(exc, "errno", None)
    text = str(exc).lower()
    if isinstance(exc, PermissionError) or err in (errno.EACCES, errno.EPERM, errno.EROFS) or "readonly" in text:
        return f"caseteam may not write to {where}."
    if err == errno.ENOSPC or "full" in text:
        return f"the disk holding {where} is full."
    if isinstance(exc, sqlite3.Error):
        return f"SQLite could not copy the store ({type(exc).__name__})."
    return f"{where} could not be used ({type(exc).__name__})."

