"""`caseteam backup` and `caseteam restore` as a user types them, and the refusal that names a backup."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from caseteam.services import people, users
from caseteam.storage.backup import list_backups
from caseteam.storage.store import open_store
from builders import local_actor
from command_line import caseteam
from store_files import digest, names_in


def add_person(path: Path, given: str, family: str) -> None:
    store = open_store(path)
    try:
        actor = local_actor(store)
        with store.unit_of_work() as uow:
            people.create_person(uow, actor, given_name=given, family_name=family)
    finally:
        store.close()


class Terminal(io.StringIO):
    """Typed answers on a terminal (restore asks only when a person is there to answer)."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def db(sqlite_template, tmp_path) -> Path:
    path = tmp_path / "office" / "caseteam.sqlite"
    path.parent.mkdir()
    shutil.copyfile(sqlite_template, path)
    add_person(path, "Ngozi", "Okafor")
    store = open_store(path)
    try:  # the command line signs in as this administrator (tests/cli/conftest.py)
        with store.unit_of_work() as uow:
            users.create_first_administrator(uow, username="admin", display_name="Office Admin",
                                             password="caseteam-demo")
    finally:
        store.close()
    return path


def test_backup_then_restore_round_trip(capsys, db, caseteam_home):
    code, out, err = caseteam(capsys, "--db", str(db), "backup")
    assert code == 0, err
    [made] = list_backups(caseteam_home / "backups")
    assert made.reason == "manual" and str(made.path) in out and "checked sound" in out
    add_person(db, "Tomás", "Ruiz")

    code, out, err = caseteam(capsys, "--db", str(db), "restore", str(made.path), "--yes")
    assert code == 0, err
    assert names_in(db) == ["Ngozi Okafor"]
    saved = [b for b in list_backups(caseteam_home / "backups") if b.reason == "before-restore"]
    assert len(saved) == 1 and str(saved[0].path) in out
    assert names_in(saved[0].path) == ["Ngozi Okafor", "Tomás Ruiz"]
    code, out, _ = caseteam(capsys, "--db", str(db), "check")
    assert code == 0 and out.startswith("ok:")


def test_backup_out_writes_a_new_file_or_into_a_folder_but_never_over_a_file(capsys, db, tmp_path):
    out_file = tmp_path / "usb stick" / "friday.sqlite"
    code, out, _ = caseteam(capsys, "--db", str(db), "backup", "--out", str(out_file))
    assert code == 0 and str(out_file) in out
    assert names_in(out_file) == ["Ngozi Okafor"]
    code, out, _ = caseteam(capsys, "--db", str(db), "backup", "--out", str(out_file.parent))
    assert code == 0
    assert len(list_backups(out_file.parent)) == 1  # the timestamped copy beside friday.sqlite
    out_file.write_text("the user's own file")
    code, _, err = caseteam(capsys, "--db", str(db), "backup", "--out", str(out_file))
    assert code == 1 and "already exists" in err and "never writes over" in err
    assert out_file.read_text() == "the user's own file"


def test_restore_asks_first_and_no_means_nothing_changes(capsys, db, tmp_path, monkeypatch):
    copy = tmp_path / "copy.sqlite"
    caseteam(capsys, "--db", str(db), "backup", "--out", str(copy))
    add_person(db, "Tomás", "Ruiz")
    # No terminal and no --yes: refused, with the way to go on.
    code, _, err = caseteam(capsys, "--db", str(db), "restore", str(copy))
    assert code == 1 and "--yes" in err
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    code, out, _ = caseteam(capsys, "--db", str(db), "restore", str(copy))
    assert code == 1 and "Nothing was changed" in out
    assert "holds 1 person" in out and "holds 2 people" in out  # which file is which, before choosing
    # Signing in is audited, so the file gains that entry; its people are as they were.
    assert names_in(db) == ["Ngozi Okafor", "Tomás Ruiz"]
    monkeypatch.setattr("sys.stdin", Terminal("yes\n"))
    code, out, _ = caseteam(capsys, "--db", str(db), "restore", str(copy))
    assert code == 0 and names_in(db) == ["Ngozi Okafor"]


def test_restore_refuses_while_the_store_is_open_elsewhere(capsys, db, tmp_path):
    copy = tmp_path / "copy.sqlite"
    caseteam(capsys, "--db", str(db), "backup", "--out", str(copy))
    window_store = open_store(db)  # as the window holds it
    try:
        with window_store.unit_of_work(write=False) as uow:
            uow.session.connection()
        code, _, err = caseteam(capsys, "--db", str(db), "restore", str(copy), "--yes")
    finally:
        window_store.close()
    assert code == 1 and "is open in caseteam or another program" in err
    assert len(err.strip().splitlines()) == 1


def test_a_damaged_store_is_refused_naming_the_backup_to_restore_and_that_command_works(capsys, db,
                                                                                       caseteam_home):
    assert caseteam(capsys, "--db", str(db), "backup")[0] == 0
    [good] = list_backups(caseteam_home / "backups")
    data = bytearray(db.read_bytes())
    data[100:4096] = b"\xde\xad\xbe\xef" * ((4096 - 100) // 4)
    db.write_bytes(bytes(data))
    damaged = digest(db)

    code, _, err = caseteam(capsys, "--db", str(db), "people", "list")
    assert code == 1 and "damaged" in err and "left as it is" in err
    assert f"The newest good backup is {good.path}" in err
    command = err.strip().splitlines()[-1].split()
    assert command[:3] == ["caseteam", "--db", str(db)] and command[3:] == ["restore", str(good.path)]
    assert digest(db) == damaged

    code, out, err = caseteam(capsys, *command[1:], "--yes")
    assert code == 0, err
    [aside] = db.parent.glob("caseteam.sqlite.damaged-*Z")  # its -wal and -shm went with it
    assert digest(aside) == damaged and str(aside) in out  # set aside, not deleted or changed
    assert names_in(db) == ["Ngozi Okafor"]


def test_a_refusal_without_any_backup_gives_no_hint(capsys, tmp_path):
    stranger = tmp_path / "caseteam.sqlite"
    stranger.write_bytes(b"")
    code, _, err = caseteam(capsys, "--db", str(stranger), "info")
    assert code == 1 and "empty (0 bytes)" in err and "newest good backup" not in err


def test_postgresql_stores_are_pointed_to_pg_dump_and_pg_restore(capsys, pg_store, tmp_path):
    url = pg_store.engine.url.render_as_string(hide_password=False)
    code, _, err = caseteam(capsys, "--db", url, "backup")
    assert code == 1 and "pg_dump" in err and "password" not in err.lower()
    (tmp_path / "x.sqlite").write_bytes(b"")
    code, _, err = caseteam(capsys, "--db", url, "restore", str(tmp_path / "x.sqlite"), "--yes")
    assert code == 1 and "pg_restore" in err
