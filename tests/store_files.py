"""Looking at store files from outside caseteam: their bytes and the people in them, read-only."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names_in(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(f"{g} {f}" for g, f in conn.execute("SELECT given_name, family_name FROM people"))
    finally:
        conn.close()


def add_person(store, given: str, family: str) -> None:
    """One person through the services, as the local administrator."""
    from caseteam.services import people
    from builders import local_actor

    actor = local_actor(store)
    with store.unit_of_work() as uow:
        people.create_person(uow, actor, given_name=given, family_name=family)
