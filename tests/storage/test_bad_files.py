"""Bad files, read-only stores, unwritable folders and a full disk: plain messages, nothing overwritten,
and where a good backup exists, the way back to it. (Opening each bad file is in test_store_open.py.)"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import event

from caseteam.errors import CaseteamError, StoreError, StoreTooNew
from caseteam.services import people, records
from caseteam.storage.backup import (backup_now, list_backups, newest_good_backup, restore, restore_would_help)
from caseteam.storage.store import open_store
from builders import local_actor
from other_user import give_away, run_python, shared_dir  # noqa: F401  (shared_dir is a fixture)
from test_store_open import _damaged_store, _foreign_sqlite, _newer_store, _truncated_store
from store_files import add_person, digest, names_in

BAD_FILES = {
    "zero-byte": lambda p, t: p.write_bytes(b""),
    "text": lambda p, t: p.write_text("name,phone\nAnn,555-0100\n"),
    "foreign-sqlite": lambda p, t: _foreign_sqlite(p),
    "damaged": _damaged_store,
    "truncated": _truncated_store,
    "newer-schema": _newer_store,
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_file_offered_as_a_backup_is_refused_and_both_files_stay_as_they_were(sqlite_store, sqlite_template,
                                                                                   tmp_path, kind):
    add_person(sqlite_store, "Ngozi", "Okafor")
    store_path = sqlite_store.path
    sqlite_store.close()
    suspect = tmp_path / "from-a-usb-stick.sqlite"
    BAD_FILES[kind](suspect, sqlite_template)
    before = digest(store_path), digest(suspect)
    with pytest.raises(CaseteamError) as refused:
        restore(store_path, suspect, tmp_path / "backups")
    assert str(suspect) in refused.value.message and "left as it is" in refused.value.message
    assert (digest(store_path), digest(suspect)) == before
    assert not (tmp_path / "backups").exists()  # not even a before-restore copy: nothing was started
    assert names_in(store_path) == ["Ngozi Okafor"]


@pytest.mark.parametrize("kind", [k for k in BAD_FILES if k != "newer-schema"])
def test_a_bad_store_is_refused_then_its_newest_good_backup_restored_and_the_bad_file_kept(sqlite_store,
                                                                                         sqlite_template,
                                                                                         tmp_path, kind):
    folder = tmp_path / "backups"
    add_person(sqlite_store, "Ngozi", "Okafor")
    good = backup_now(sqlite_store.path, folder, "daily")
    store_path = sqlite_store.path
    sqlite_store.close()
    for side in store_path.parent.glob(store_path.name + "-*"):
        side.unlink()
    store_path.unlink()
    BAD_FILES[kind](store_path, sqlite_template)
    bad = digest(store_path)
    with pytest.raises(StoreError):
        open_store(store_path)
    assert digest(store_path) == bad
    assert restore_would_help(store_path)
    assert newest_good_backup(folder, "caseteam") == good

    result = restore(store_path, good, folder)

    assert result.saved_current is None and result.moved_aside is not None
    assert result.moved_aside.name.startswith("caseteam.sqlite.damaged-")
    assert digest(result.moved_aside) == bad  # renamed, never written to or deleted
    assert names_in(store_path) == ["Ngozi Okafor"]
    assert [b.reason for b in list_backups(folder)] == ["daily"]


def test_a_store_from_a_newer_caseteam_is_not_a_case_for_a_backup(sqlite_store, sqlite_template, tmp_path):
    path = tmp_path / "newer.sqlite"
    _newer_store(path, sqlite_template)
    with pytest.raises(StoreTooNew):
        open_store(path)
    assert not restore_would_help(path)  # install the newer caseteam instead


def test_a_full_disk_refuses_the_change_plainly_and_keeps_every_earlier_write(sqlite_store):
    actor = local_actor(sqlite_store)
    with sqlite_store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    # SQLite itself reports the disk full once the file would grow past this many pages.
    @event.listens_for(sqlite_store.engine, "connect")
    def _small_disk(dbapi_connection, _record):
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 8}")

    sqlite_store.engine.dispose()
    saved: list[str] = []
    with pytest.raises(StoreError) as full:
        for n in range(2000):
            with sqlite_store.unit_of_work() as uow:
                people.create_person(uow, actor, given_name=f"Given{n:04d}", family_name="Lindqvist-Ôbaru")
            saved.append(f"Given{n:04d}")
    message = full.value.message
    assert message.startswith("The disk holding the store is full") and "Everything saved earlier is safe" in message
    assert "INSERT" not in message and "Lindqvist" not in message
    assert len(saved) >= 1
    event.remove(sqlite_store.engine, "connect", _small_disk)
    sqlite_store.engine.dispose()
    with sqlite_store.unit_of_work(write=False) as uow:
        report = records.check_store(uow)
        kept = sorted(r.full_name.split()[0] for r in people.caseload(uow, actor))
    assert report.ok, report
    assert kept == saved


# --- as an ordinary account: read-only stores and unwritable folders -----------------------------

CHILD = textwrap.dedent("""
    import json, sys
    from caseteam.errors import CaseteamError
    from caseteam.storage.store import open_store
    try:
        open_store(sys.argv[1] if len(sys.argv) > 1 else {target!r}).close()
        print(json.dumps({{"opened": True}}))
    except CaseteamError as exc:
        print(json.dumps({{"refused": type(exc).__name__, "message": exc.message}}))
""")


def _open_as_other_user(target: Path, home: Path) -> dict:
    done = run_python(CHILD.format(target=str(target)), env={"CASETEAM_HOME": str(home)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("folder_writable", [False, True], ids=["read-only-folder", "writable-folder"])
def test_a_read_only_store_is_refused_plainly_and_left_unchanged(shared_dir, sqlite_template, folder_writable):
    folder = shared_dir / "office"
    folder.mkdir()
    store = folder / "caseteam.sqlite"
    shutil.copyfile(sqlite_template, store)
    store.chmod(0o444)
    if folder_writable:
        give_away(folder)
    before = digest(store)
    answer = _open_as_other_user(store, shared_dir / "home")
    assert answer.get("refused") == "StoreError", answer
    assert "is read-only for your account" in answer["message"] and "left as it is" in answer["message"]
    assert "damaged" not in answer["message"]  # not a case for restoring a backup
    assert digest(store) == before


def test_a_store_cannot_be_created_in_a_folder_the_user_may_not_write(shared_dir):
    folder = shared_dir / "locked"
    folder.mkdir()
    answer = _open_as_other_user(folder / "sub" / "caseteam.sqlite", shared_dir / "home")
    assert answer.get("refused") == "StoreError", answer
    assert f"may not write in the folder {folder / 'sub'}" in answer["message"]
    assert list(folder.iterdir()) == []


ADMIN_PASSWORD = "a long office passphrase 2026"


def _add_administrator(path: Path) -> None:
    from caseteam.services import users

    store = open_store(path)
    try:
        with store.unit_of_work() as uow:
            users.create_first_administrator(uow, username="admin", display_name="Office Admin",
                                             password=ADMIN_PASSWORD)
    finally:
        store.close()


def test_backup_and_restore_into_unwritable_folders_say_so_and_change_nothing(shared_dir, sqlite_template):
    office, locked = shared_dir / "office", shared_dir / "locked"
    office.mkdir()
    locked.mkdir()
    store = office / "caseteam.sqlite"
    shutil.copyfile(sqlite_template, store)
    _add_administrator(store)
    seeded = open_store(store)
    add_person(seeded, "Ngozi", "Okafor")
    seeded.close()
    copy = shared_dir / "copy.sqlite"
    shutil.copyfile(sqlite_template, copy)
    copy.chmod(0o644)
    home = shared_dir / "home"
    home.mkdir()
    (home / "settings.json").write_text(json.dumps({"backup_folder": str(locked / "backups")}))
    for path in (office, store, home):
        give_away(path)
    script = ("import sys\nfrom ui.launcher import main\n"
              "sys.exit(main(sys.argv[1:]))")
    env = {"CASETEAM_HOME": str(home), "CASETEAM_USER": "admin", "CASETEAM_PASSWORD": ADMIN_PASSWORD}
    backup = run_python(f"import sys; sys.argv[1:] = ['--db', {str(store)!r}, 'backup']\n{script}", env=env)
    assert backup.returncode == 1, backup.stderr
    assert f"No backup was made: caseteam may not write to the folder {locked / 'backups'}" in backup.stderr
    # Restore must first keep the current store; when it cannot, it does not go on.
    again = run_python(f"import sys; sys.argv[1:] = ['--db', {str(store)!r}, 'restore', {str(copy)!r}, '--yes']\n"
                       f"{script}", env=env)
    assert again.returncode == 1, again.stderr
    assert "caseteam may not write to" in again.stderr and "left as it was" in again.stderr
    # Signing in is audited, so the file itself gains entries; what it holds is as it was.
    assert names_in(store) == ["Ngozi Okafor"]
    assert list(locked.iterdir()) == []
    assert sorted(p.name for p in office.iterdir() if not p.name.endswith(("-wal", "-shm"))) == ["caseteam.sqlite"]
