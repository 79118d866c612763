"""Opening stores: pragmas, write locking, and refusing files that are not ours without touching them."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from caseteam.errors import NotACaseteamStore, StoreError, StoreTooNew, UnsafeLocation
from caseteam.storage import migrate
from caseteam.storage.store import APPLICATION_ID, open_store
from builders import local_actor, pg_url_for
from store_files import digest


def test_new_store_is_created_in_the_data_folder_with_our_pragmas(caseteam_home):
    store = open_store(None)
    try:
        assert store.path == caseteam_home / "caseteam.sqlite"
        with store.engine.connect() as conn:
            pragma = lambda name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("busy_timeout") == 15000
            assert pragma("foreign_keys") == 1
            assert pragma("synchronous") == 2  # FULL
            assert pragma("journal_mode") == "wal"
            assert pragma("application_id") == APPLICATION_ID
        assert store.schema_revision() == migrate.head_revision()
    finally:
        store.close()


def test_a_write_unit_takes_the_write_lock_at_once_and_a_read_unit_does_not(sqlite_store):
    other = sqlite3.connect(sqlite_store.path, timeout=0, isolation_level=None)
    try:
        with sqlite_store.unit_of_work(write=False) as uow:
            uow.session.execute(text("SELECT 1"))
            other.execute("BEGIN IMMEDIATE")  # a reader leaves the write lock free
            other.execute("ROLLBACK")
        with sqlite_store.unit_of_work() as uow:
            uow.session.execute(text("SELECT 1"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()


def test_reopening_an_existing_store_keeps_its_data(sqlite_store):
    actor = local_actor(sqlite_store)
    from caseteam.services import people

    with sqlite_store.unit_of_work() as uow:
        people.create_person(uow, actor, given_name="Nguyễn Thị", family_name="Ánh")
    path = sqlite_store.path
    sqlite_store.close()
    again = open_store(path)
    try:
        with again.unit_of_work(write=False) as uow:
            assert [r.full_name for r in people.caseload(uow, actor)] == ["Nguyễn Thị Ánh"]
    finally:
        again.close()


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.commit()
    conn.close()


def _newer_store(path: Path, template: Path) -> None:
    path.write_bytes(template.read_bytes())
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _damaged_store(path: Path, template: Path) -> None:
    data = bytearray(template.read_bytes())
    data[100:4096] = b"\xde\xad\xbe\xef" * ((4096 - 100) // 4)  # the schema page, after the header
    path.write_bytes(bytes(data))


def _truncated_store(path: Path, template: Path) -> None:
    data = template.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("make, error, words", [
    (lambda p, t: p.write_bytes(b""), NotACaseteamStore, r"empty \(0 bytes\)"),
    (lambda p, t: p.write_text("name,phone\nAnn,555-0100\n"), NotACaseteamStore, "not a database file"),
    (lambda p, t: _foreign_sqlite(p), NotACaseteamStore, "not one of caseteam's"),
    (_newer_store, StoreTooNew, "newer caseteam"),
    (_damaged_store, NotACaseteamStore, "damaged"),
    (_truncated_store, NotACaseteamStore, "cut short"),
], ids=["zero-byte", "text", "foreign-sqlite", "newer-schema", "damaged", "truncated"])
def test_files_that_are_not_a_usable_store_are_refused_and_left_unchanged(tmp_path, sqlite_template, make,
                                                                          error, words):
    path = tmp_path / "suspect.sqlite"
    make(path, sqlite_template)
    before = digest(path)
    with pytest.raises(error, match=words) as refused:
        open_store(path)
    assert str(path) in str(refused.value)
    assert "left as it is" in str(refused.value)
    assert digest(path) == before
    # Reading a WAL-mode file may leave SQLite's own -wal/-shm side files; nothing else may appear.
    others = {p.name for p in tmp_path.iterdir()} - {"suspect.sqlite-wal", "suspect.sqlite-shm"}
    assert others == {"suspect.sqlite"}


@pytest.mark.parametrize("folder", ["OneDrive - Bridgeway", "Dropbox", "Google Drive", "iCloud Drive"])
def test_synced_folders_are_refused_before_anything_is_created(tmp_path, folder):
    path = tmp_path / folder / "caseteam.sqlite"
    with pytest.raises(UnsafeLocation, match="PostgreSQL"):
        open_store(path)
    assert not path.parent.exists()


def test_a_missing_store_is_not_created_when_creation_is_off(tmp_path):
    with pytest.raises(StoreError, match="no caseteam store"):
        open_store(tmp_path / "nothing.sqlite", create=False)
    assert not (tmp_path / "nothing.sqlite").exists()


def test_sql_errors_never_carry_peoples_data(sqlite_store):
    from caseteam.domain.people import Person

    with sqlite_store.unit_of_work() as uow:
        uow.session.add(Person(ref="PE-0001", given_name="Zz", family_name="Secretname", stage_entered_on=uow.today(),
                               search_text="", version=1))
    with pytest.raises(StoreError) as failed:
        with sqlite_store.unit_of_work() as uow:
            uow.session.add(Person(ref="PE-0001", given_name="Yy", family_name="Otherperson",
                                   stage_entered_on=uow.today(), search_text="", version=1))
    assert "Otherperson" not in str(failed.value)
    assert sqlite_store.engine.hide_parameters


def test_a_due_migration_checks_integrity_and_keeps_a_verified_backup_first(sqlite_store, monkeypatch,
                                                                            caseteam_home):
    actor = local_actor(sqlite_store)
    from caseteam.services import people

    with sqlite_store.unit_of_work() as uow:
        people.create_person(uow, actor, given_name="Mai", family_name="Xiong")
    path = sqlite_store.path
    sqlite_store.close()
    upgraded = []
    # Pretend this program knows one more revision than the file: the store must back up before upgrading.
    known = migrate.HEAD
    monkeypatch.setattr(migrate, "HEAD", f"{int(known) + 1:04d}")
    monkeypatch.setattr(migrate, "upgrade", lambda conn: upgraded.append(migrate.current_revision(conn)))
    store = open_store(path)
    store.close()
    assert upgraded == [known]
    backups = list((caseteam_home / "backups").glob("caseteam-*-before-upgrade.sqlite"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT given_name FROM people").fetchall() == [("Mai",)]
    finally:
        copy.close()


def test_postgresql_database_of_another_program_is_refused_and_untouched(pg_store):
    from sqlalchemy import create_engine

    url = pg_store.engine.url.render_as_string(hide_password=False)
    name = pg_store.engine.url.database + "_foreign"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    foreign_url = pg_url_for(name)
    foreign = create_engine(foreign_url)
    try:
        with foreign.begin() as conn:
            conn.execute(text("CREATE TABLE invoices (id int)"))
        with pytest.raises(NotACaseteamStore, match="not a caseteam store"):
            open_store(foreign_url)
        with foreign.connect() as conn:
            tables = conn.execute(text("SELECT table_name FROM information_schema.tables "
                                       "WHERE table_schema = 'public'")).scalars().all()
        assert tables == ["invoices"]
    finally:
        foreign.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def test_postgresql_store_from_a_newer_caseteam_is_refused(pg_store):
    with pg_store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    url = pg_store.engine.url.render_as_string(hide_password=False)
    with pytest.raises(StoreTooNew, match="newer caseteam"):
        open_store(url)
    with pg_store.engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"


def test_the_head_the_program_compares_with_is_alembics_head():
    """A new migration script must move migrate.HEAD, or stores would open without being upgraded."""
    assert migrate.HEAD == migrate.head_revision()
    assert migrate.known_revisions()[-1] == migrate.HEAD


def test_opening_an_up_to_date_store_does_not_import_alembic(tmp_path):
    """Alembic costs a third of a second at every start; it loads only when a migration is due."""
    path = tmp_path / "store.sqlite"
    open_store(path).close()  # made and migrated here
    code = ("import sys; from caseteam.storage.store import open_store; from caseteam.services import records; "
            f"s = open_store({str(path)!r}); u = s.unit_of_work(write=False).__enter__(); records.info(u); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip() == "[]"
