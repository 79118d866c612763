"""Opening a store: a SQLite file (the default) or a shared PostgreSQL database.

A file that is not ours is never touched: read-only checks come first, then the read-write
connection with its pragmas, then (only when due) integrity check, verified backup and migration.
"""

from __future__ import annotations

import logging
import os
import random
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError, ProgrammingError, SQLAlchemyError

from caseteam import paths
from caseteam.errors import NotACaseteamStore, StoreError, StoreTooNew

from . import migrate
from .backup import backup_sqlite, timestamped_name
from .location import check_store_location

log = logging.getLogger(__name__)

# PRAGMA application_id marks the file as caseteam's ("CaTm"), so we never write to a stranger's file.
APPLICATION_ID = 0x4361546D
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 15000


@dataclass(frozen=True)
class StoreDescription:
    kind: str  # "sqlite" or "postgresql"
    location: str  # file path, or host:port/database (never a password)


class Store:
    def __init__(self, engine: Engine, description: StoreDescription, path: Path | None):
        self.engine = engine
        self.description = description
        self.path = path
        # Whether opening ran the migrations: on a shared server only the first desk to start does.
        self.upgraded = False

    @property
    def kind(self) -> str:
        return self.description.kind

    def unit_of_work(self, *, write: bool = True, clock: Callable | None = None,
                     new_id: Callable | None = None):
        from .unit_of_work import UnitOfWork

        return UnitOfWork(self, write=write, clock=clock, new_id=new_id)

    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return migrate.current_revision(conn)

    def integrity_check(self, *, full: bool = True) -> list[str]:
        """Problems SQLite reports (empty when sound). PostgreSQL checks its own pages."""
        if self.kind != "sqlite":
            return []
        if self.path is not None:
            return check_pages(self.path, full=full)
        with self.engine.connect() as conn:
            return _page_problems(conn.exec_driver_sql, full)

    def close(self) -> None:
        self.engine.dispose()


def check_pages(path: Path, *, full: bool = True) -> list[str]:
    """SQLite's page (and foreign-key) check on a read-only connection of its own: safe on any thread, and the
    worker's queue never waits behind it (a quick check of a large store takes seconds)."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        return _page_problems(conn.execute, full)
    finally:
        conn.close()


def _page_problems(execute, full: bool) -> list[str]:
    rows = [r[0] for r in execute(f"PRAGMA {'integrity_check' if full else 'quick_check'}")]
    problems = [] if rows == ["ok"] else rows
    return problems + [f"row {r[1]} of {r[0]} points at a missing {r[2]}" for r in execute("PRAGMA foreign_key_check")]


def resolve_target(target: str | os.PathLike | None) -> str | Path:
    """--db wins, then CASETEAM_DB_URL, then the default file in the data folder."""
    if target is None:
        target = os.environ.get("CASETEAM_DB_URL") or paths.default_store_path()
    if isinstance(target, str) and target.startswith(("postgresql", "postgres://")):
        return target
    return Path(target).expanduser()


def open_store(target: str | os.PathLike | None = None, *, create: bool = True) -> Store:
    resolved = resolve_target(target)
    if isinstance(resolved, str):
        return _open_postgresql(resolved, create=create)
    return _open_sqlite(resolved, create=create)


# --- SQLite -----------------------------------------------------------------------------------

def _open_sqlite(path: Path, *, create: bool) -> Store:
    path = Path(os.path.abspath(path))
    check_store_location(path)
    existed = path.exists()
    if existed:
        revision = inspect_sqlite_file(path)
        _refuse_read_only(path)
    elif not create:
        raise StoreError(f"There is no caseteam store at {path}.")
    else:
        try:
            _create_sqlite_file(path)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"caseteam could not create the store {path}: {_creation_problem(exc, path)} "
                             "Choose a folder your account can write to (--db PATH or CASETEAM_HOME).") from None
        revision = None
    engine = _sqlite_engine(path)
    store = Store(engine, StoreDescription("sqlite", str(path)), path)
    try:
        if revision != migrate.HEAD:
            if existed:
                _prepare_migration(store)
            _upgrade_sqlite(engine)
            store.upgraded = True
    except OperationalError as exc:
        engine.dispose()
        raise StoreError(f"The store {path} could not be prepared: {_plain(exc)}") from None
    return store


def connect_read_only(path: Path, *, unchanging: bool = False) -> sqlite3.Connection:
    """A read-only connection. With `unchanging` (a backup, perhaps on read-only media) a WAL file in a
    folder that cannot take SQLite's -shm is read as immutable, unless its -wal holds changes."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if not (unchanging and _read_only_error(exc) and not _wal_holds_frames(path)):
            raise
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def inspect_sqlite_file(path: Path, *, unchanging: bool = False) -> str | None:
    """Read-only checks; returns the schema revision. Raises before anything could write.
    `unchanging`: the file is a backup to read, not a store to open (see connect_read_only)."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            header = fh.read(100)
    except PermissionError:
        raise StoreError(f"caseteam may not read {path}. Ask whoever manages this computer "
                         "to give your account access to that file.") from None
    except IsADirectoryError:
        raise NotACaseteamStore(f"{path} is a folder, not a caseteam store.") from None
    if size == 0:
        raise NotACaseteamStore(f"{path} is empty (0 bytes): it is not a caseteam store, or it was "
                                "cut short. It was left as it is. Restore a backup, or choose another file.")
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise NotACaseteamStore(f"{path} is not a caseteam store (it is not a database file). "
                                "It was left as it is.")
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise NotACaseteamStore(f"{path} is a database, but not one of caseteam's. It was left as it is.")
    if size < _declared_size(header) and not _wal_holds_frames(path):
        raise NotACaseteamStore(f"{path} is cut short ({size:,} bytes of {_declared_size(header):,}); it was "
                                "probably copied or saved incompletely. It was left as it is; restore a backup.")
    try:
        conn = connect_read_only(path, unchanging=unchanging)
        try:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            has_version = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()[0]
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] if has_version else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if _read_only_error(exc):  # a WAL store in a folder we may not write cannot even be read
            raise StoreError(_read_only_message(path)) from None
        raise NotACaseteamStore(f"{path} is damaged and cannot be read ({exc}). It was left as it is; "
                                "restore the newest backup.") from None
    _refuse_newer(revision, str(path))
    return revision


def _read_only_error(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _read_only_message(path: Path) -> str:
    return (f"The store {path} is read-only for your account (the file or its folder may not be written), "
            "and caseteam must write to it. It was left as it is. Ask whoever manages this computer to "
            "give your account write access, or copy the file to a folder of your own.")


def _refuse_read_only(path: Path) -> None:
    """Refuse before the first write fails half way through opening (root passes every check)."""
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise StoreError(_read_only_message(path))


def _creation_problem(exc: BaseException, path: Path) -> str:
    if isinstance(exc, PermissionError) or (isinstance(exc, sqlite3.Error) and _read_only_error(exc)):
        return f"caseteam may not write in the folder {path.parent}."
    if getattr(exc, "errno", None) == 28 or "full" in str(exc).lower():
        return f"the disk holding {path.parent} is full."
    return f"the folder {path.parent} could not be used ({type(exc).__name__})."


def _wal_holds_frames(path: Path) -> bool:
    """A checkpoint killed part way leaves the file shorter than its header says (page 1, with the new
    page count, is copied first) while the WAL still holds every page; SQLite completes it on open."""
    wal = path.with_name(path.name + "-wal")
    try:
        return wal.stat().st_size > 32  # more than the WAL header: at least one frame
    except OSError:
        return False


def _declared_size(header: bytes) -> int:
    """Page size times the page count the header records (0 when the count is not trustworthy)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The count is valid only when "version-valid-for" equals the change counter (SQLite file format 1.3).
    valid = header[92:96] == header[24:28]
    return page_size * pages if valid else 0


def _refuse_newer(revision: str | None, where: str) -> None:
    if revision is not None and revision != migrate.HEAD and revision not in migrate.known_revisions():
        raise StoreTooNew(f"The store {where} was made by a newer caseteam (schema {revision}). "
                          "Install the newer caseteam to open it; it was left as it is.")


def _create_sqlite_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
        # WAL is a property of the file: set once, here, so readers never block the writer.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.commit()
    finally:
        conn.close()


def _sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", hide_parameters=True,
                           connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take transaction control from pysqlite so BEGIN IMMEDIATE reaches SQLite (SQLAlchemy recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        # Writers take the write lock up front and queue behind each other instead of failing half way.
        write = conn.get_execution_options().get("caseteam_write", True)
        if write:
            _begin_immediate(conn)
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def _upgrade_sqlite(engine: Engine) -> None:
    """Migrate with foreign keys off, as SQLite's table-rebuild procedure asks (a batch ALTER copies a
    table others point at), then check every reference before the migration commits."""
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction, or SQLite ignores it
        try:
            with conn.begin():
                migrate.upgrade(conn)
                broken = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
                if broken:
                    raise StoreError(f"The upgrade left {len(broken)} broken references (first in table "
                                     f"{broken[0][0]}); nothing was changed.")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def _begin_immediate(conn) -> None:
    """Take the write lock, asking again every millisecond or two for up to BUSY_TIMEOUT_MS.

    SQLite's own busy handler naps 100 ms at a time once the first third of a second has passed, while
    a writer committing back to back frees the lock for under a millisecond between two units: such a
    waiter can miss every gap until the timeout and show the user "busy" (measured: 1.3 s waits behind
    another writer's 500 changes). Short, jittered naps get it in between two of the other's units.
    """
    dbapi_connection = conn.connection.dbapi_connection
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    dbapi_connection.execute("PRAGMA busy_timeout=0")
    try:
        while time.monotonic() < deadline:
            try:
                dbapi_connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    break
            time.sleep(random.uniform(0.0005, 0.002))
        # The last try goes through SQLAlchemy, so its error is translated into plain words like any other.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def _prepare_migration(store: Store) -> None:
    problems = store.integrity_check(full=True)
    if problems:
        raise StoreError(f"The store {store.path} failed its integrity check ({problems[0]}); it was not "
                         "upgraded. Restore the newest backup.")
    from caseteam.settings import load_settings

    target = load_settings().backup_folder / timestamped_name(store.path.stem, "before-upgrade")
    backup_sqlite(store.path, target)
    log.info("backed up store before upgrade to %s", target.name)


# --- PostgreSQL -------------------------------------------------------------------------------

def describe_url(url: str) -> StoreDescription:
    u = make_url(url)
    return StoreDescription("postgresql", f"{u.host or 'localhost'}:{u.port or 5432}/{u.database}")


def _open_postgresql(url: str, *, create: bool) -> Store:
    description = describe_url(url)
    engine = create_engine(url, hide_parameters=True, pool_pre_ping=True)
    store = Store(engine, description, None)
    try:
        with engine.begin() as conn:
            # One migrator at a time when several desks start together.
            conn.execute(text("SELECT pg_advisory_xact_lock(1129595501)"))
            revision = migrate.current_revision(conn)
            if revision is None:
                has_tables = conn.execute(text(
                    "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
                )).scalar_one()
                if has_tables:
                    raise NotACaseteamStore(f"The database {description.location} holds other tables and is "
                                            "not a caseteam store. It was left as it is.")
                if not create:
                    raise StoreError(f"The database {description.location} holds no caseteam store.")
            elif not conn.execute(text("SELECT to_regclass('audit_head') IS NOT NULL")).scalar_one():
                raise NotACaseteamStore(f"The database {description.location} belongs to another program "
                                        "and is not a caseteam store. It was left as it is.")
            _refuse_newer(revision, description.location)
            if revision != migrate.HEAD:
                _upgrade_postgresql(conn, revision, description.location)
                store.upgraded = True
                log.info("upgraded the store %s from schema %s to %s", description.location,
                         migrate.schema_number(revision), migrate.schema_number(migrate.HEAD))
    except (StoreError, NotACaseteamStore):
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"Could not open the PostgreSQL store {description.location}: {_plain(exc)}") from None
    return store


def _upgrade_postgresql(conn, revision: str | None, location: str) -> None:
    """Only the role that owns the schema may change it; any other login is told who must start first."""
    user = conn.execute(text("SELECT current_user")).scalar_one()  # asked first: a refusal aborts the transaction
    try:
        migrate.upgrade(conn)
    except ProgrammingError as exc:
        if getattr(getattr(exc, "orig", None), "sqlstate", None) != "42501":  # insufficient_privilege
            raise
        now = f"is at schema {migrate.schema_number(revision)}" if revision else "holds no caseteam tables yet"
        raise StoreError(
            f"The database {location} {now} and this caseteam needs schema "
            f"{migrate.schema_number(migrate.HEAD)}, but the server login {user} may not change the "
            "schema. Nothing was changed. Ask IT to run `caseteam upgrade` once as the database's owner role, "
            "then start caseteam again.") from None


def _plain(exc: SQLAlchemyError) -> str:
    """The driver's own first line, without SQL or parameters."""
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
