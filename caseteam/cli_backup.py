"""`caseteam backup` and `caseteam restore`, and the hint naming a backup when a store is refused.

The handlers take the store's path: the caller resolves --db (and, with sign-in, checks that the user
may do this) first. Restore needs the store closed; it refuses while any program has it open.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path

from caseteam.errors import CaseteamError, StoreError

EXIT_OK, EXIT_FAILED = 0, 1


def add_commands(commands) -> None:
    backup = commands.add_parser("backup", help="a verified copy of the store (SQLite files)")
    backup.add_argument("--out", metavar="FILE", type=Path,
                        help="write the copy here (a new file, or a folder) instead of the backup folder")
    restore = commands.add_parser("restore", help="replace the store with a backup; the current store is "
                                                  "backed up first")
    restore.add_argument("file", metavar="FILE", type=Path, help="the backup to restore")
    restore.add_argument("--yes", action="store_true", help="restore without asking to confirm")


def store_file(target, what: str) -> Path:
    """The SQLite file --db (or the default) names; PostgreSQL is refused, pointing to its tools."""
    from caseteam.storage.backup import postgresql_refusal
    from caseteam.storage.store import describe_url, resolve_target

    resolved = resolve_target(target)
    if isinstance(resolved, str):
        raise postgresql_refusal(describe_url(resolved).location, what)
    return Path(os.path.abspath(resolved))


def cmd_backup(args: argparse.Namespace) -> int:
    return backup_store(store_file(args.db, "backs up"), args.out)


def cmd_restore(args: argparse.Namespace) -> int:
    return restore_store(store_file(args.db, "restores"), args.file, yes=args.yes)


def backup_store(store_path: Path, out: Path | None = None) -> int:
    from caseteam.settings import load_settings
    from caseteam.storage.backup import backup_now, backup_sqlite, rotate, timestamped_name
    from caseteam.storage.store import inspect_sqlite_file

    if not store_path.exists():
        raise StoreError(f"There is no caseteam store at {store_path} to back up.")
    inspect_sqlite_file(store_path)  # a file that is not a sound store is refused, untouched
    if out is None:
        settings = load_settings()
        made = backup_now(store_path, settings.backup_folder, "manual")
        rotate(settings.backup_folder, settings.keep_daily, settings.keep_weekly, stem=store_path.stem)
    else:
        out = Path(os.path.abspath(out.expanduser()))
        if out.is_dir():
            out = out / timestamped_name(store_path.stem, "manual")
        if out.exists():
            raise StoreError(f"{out} already exists; caseteam never writes over a file. Choose a new name.")
        try:
            made = backup_sqlite(store_path, out)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"No backup was made: {out.parent} cannot be written ({type(exc).__name__}).") from None
    print(f"Backup written to {made} ({made.stat().st_size:,} bytes, checked sound).")
    return EXIT_OK


def restore_store(store_path: Path, backup_file: Path, *, yes: bool = False) -> int:
    from caseteam.settings import load_settings
    from caseteam.storage.backup import check_restorable, restore

    backup_file = Path(os.path.abspath(backup_file.expanduser()))
    check_restorable(backup_file)  # refuse a bad file before asking anything
    if not yes and not _confirmed(store_path, backup_file):
        return EXIT_FAILED
    result = restore(store_path, backup_file, load_settings().backup_folder)
    print(f"Restored {store_path} from {backup_file}.")
    if result.saved_current is not None:
        print(f"The store as it was is kept as {result.saved_current}.")
    if result.moved_aside is not None:
        print(f"The unusable store was set aside, unchanged, as {result.moved_aside}.")
    return EXIT_OK


def _confirmed(store_path: Path, backup_file: Path) -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        print("caseteam: restore replaces the store; add --yes to restore without a question.", file=sys.stderr)
        return False
    print(f"The backup {backup_file.name} holds {_people_in(backup_file)}; the store {store_path} holds "
          f"{_people_in(store_path)}.")
    answer = input("Replace the store with the backup? The current store is backed up first. [y/N] ")
    if answer.strip().lower() in ("y", "yes"):
        return True
    print("Nothing was changed.")
    return False


def _people_in(path: Path) -> str:
    """How many people a file holds, read-only; 'no readable store' when it cannot say."""
    if not path.exists():
        return "nothing (there is no file)"
    try:
        from caseteam.storage.store import connect_read_only

        conn = connect_read_only(path, unchanging=True)
        try:
            count = conn.execute("SELECT count(*) FROM people").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return "no readable store"
    return f"{count:,} {'person' if count == 1 else 'people'}"


def with_backup_hint(exc: StoreError, target) -> StoreError:
    """The refusal, plus which backup to restore when the store is unusable and a good one exists."""
    from caseteam.settings import load_settings
    from caseteam.storage.backup import newest_good_backup, restore_would_help

    try:
        path = store_file(target, "restores")
    except CaseteamError:
        return exc
    if not restore_would_help(path):  # read-only, newer, unsafe place: a backup is not the answer
        return exc
    good = newest_good_backup(load_settings().backup_folder, path.stem)
    if good is None:
        return exc
    db = "" if target is None else f"--db {_quoted(str(path))} "
    hinted = type(exc)(f"{exc.message}\nThe newest good backup is {good}. Restore it with:\n"
                       f"  caseteam {db}restore {_quoted(str(good))}")
    return hinted


def _quoted(text: str) -> str:
    return f'"{text}"' if any(c.isspace() for c in text) else text
