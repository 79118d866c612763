"""Alembic, driven from code: which revision a store is at, and upgrading it.

Alembic (a third of a second to import, more to read the scripts) is imported only when a migration is due or
the scripts are listed: opening a store that is up to date reads its version table and compares it with HEAD."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect
from sqlalchemy.engine import Connection

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
HEAD = "0010"  # the newest script's revision: a test checks it is alembic's head, so a new script must move it


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def known_revisions() -> list[str]:
    """Every revision this program knows, oldest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def head_revision() -> str:
    """Alembic's own answer, from the scripts (HEAD is what the program uses)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision in alembic's version table (one row, alembic's layout), None for a store without it."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def upgrade(connection: Connection) -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


def schema_number(revision: str | None) -> int:
    """Revisions are named 0001, 0002, ...: people read the number."""
    return int(revision.split("_")[0]) if revision else 0
