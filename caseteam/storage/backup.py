"""Verified copies of a SQLite store through SQLite's online backup API."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from caseteam.errors import StoreError


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy `source` to `destination` page by page, then prove the copy sound before keeping it."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            result = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
    finally:
        src.close()
    if result != "ok":
        partial.unlink(missing_ok=True)
        raise StoreError(f"The backup copy of {source.name} failed its integrity check ({result}); "
                         "the store was not changed.")
    with open(partial, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, destination)
    return destination


def timestamped_name(stem: str, reason: str) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"{stem}-{stamp}-{reason}.sqlite"
