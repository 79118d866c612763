"""Backups from the window: File menu, daily while open, on close, restoring, and a refused store
that offers its newest good backup."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from accessibility import unnamed_controls
from caseteam.services import people
from caseteam.settings import Settings, save_settings
from caseteam.storage.backup import backup_now, list_backups
from ui import app
from ui.backups import StoreRecovery
from ui.main_window import MainWindow

from signing import ADMIN_PASSWORD, sign_in_by_keys  # noqa: E402
from store_files import digest


def people_in(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM people").fetchone()[0]
    finally:
        conn.close()


PEOPLE = ("Ngozi Okafor", "Tomás Ruiz", "Mai Xiong")


@pytest.fixture
def store_path(sqlite_store):
    """A small store made through the services, closed so the window opens it on its worker."""
    from builders import local_actor

    actor = local_actor(sqlite_store)
    for name in PEOPLE:
        given, family = name.split()
        with sqlite_store.unit_of_work() as uow:
            people.create_person(uow, actor, given_name=given, family_name=family)
    sqlite_store.close()
    return sqlite_store.path


def file_menu(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()[0].menu().actions() if a.text()]


def test_back_up_now_is_in_the_file_menu_and_says_where_the_copy_went(qtbot, open_window, store_path,
                                                                    caseteam_home, dialogs):
    window = open_window(store_path)
    assert "&Back up now" in file_menu(window) and "&Restore from backup…" in file_menu(window)
    with qtbot.waitSignal(window.backups.backed_up, timeout=20_000) as made:
        window.backups.backup_action.trigger()
    [backup] = list_backups(caseteam_home / "backups")
    assert made.args[0] == backup.path and backup.reason == "manual"
    assert str(backup.path) in window.statusBar().currentMessage()
    assert people_in(backup.path) == 3
    assert dialogs == []


def test_a_daily_backup_runs_when_due_and_not_again_the_same_day(qtbot, open_window, store_path,
                                                                caseteam_home, wait_idle):
    window = open_window(store_path)
    assert window.backups.timer.isActive() and window.backups.timer.interval() == 60 * 60 * 1000
    with qtbot.waitSignal(window.backups.backed_up, timeout=20_000):
        window.backups.back_up_if_due()
    window.backups.back_up_if_due()  # the hourly check again: a backup is less than a day old
    wait_idle(window)
    assert [b.reason for b in list_backups(caseteam_home / "backups")] == ["daily"]


def test_closing_the_window_leaves_a_checked_backup(qtbot, open_window, store_path, caseteam_home):
    window = open_window(store_path)
    window.close()
    [backup] = list_backups(caseteam_home / "backups")
    assert backup.reason == "on-close"
    assert people_in(backup.path) == 3


def test_a_failed_backup_is_a_status_line_not_a_dialog(qtbot, open_window, store_path, tmp_path, dialogs):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup folder should be")
    save_settings(Settings(backup_folder=blocker / "backups"))
    window = open_window(store_path)
    with qtbot.waitSignal(window.backups.backup_failed, timeout=20_000) as failed:
        window.backups.back_up_if_due()
    assert failed.args[0].startswith("No backup was made")
    assert window.statusBar().currentMessage() == failed.args[0]
    assert dialogs == []  # an automatic backup never interrupts with a box
    # The window works on: the caseload still answers.
    window.caseload.refresh()
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() == 3, timeout=20_000)


def test_restore_from_backup_replaces_the_store_and_the_window_shows_it(qtbot, open_window, store_path,
                                                                      caseteam_home, wait_idle):
    window = open_window(store_path)
    copy = backup_now(store_path, caseteam_home / "backups", "manual")
    with qtbot.waitSignal(window.overview_loaded, timeout=20_000):
        window.ops.run(lambda uow: people.create_person(uow, window.actor, given_name="Added", family_name="Later"))
        wait_idle(window)
        window.refresh_overview()
    assert window.people_count == 4
    asked = []
    window.backups.choose_file = lambda: str(copy)
    window.backups.confirm = lambda text: asked.append(text) or True
    with qtbot.waitSignal(window.backups.restored, timeout=30_000) as restored:
        window.backups.restore_action.trigger()
    assert "holds 3 people" in asked[0] and copy.name in asked[0]
    assert restored.args[0].saved_current is not None
    assert people_in(restored.args[0].saved_current) == 4
    assert "Restored from" in window.statusBar().currentMessage()
    # The restored file has its own accounts: the window asks whoever continues to sign in to it.
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.session.sign_in_page, timeout=20_000)
    assert window.actor is None
    with qtbot.waitSignal(window.session_ready, timeout=30_000):
        sign_in_by_keys(qtbot, window, "admin", ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: window.people_count == 3, timeout=20_000)
    # The store keeps working after the swap: a new write lands in the restored file.
    window.ops.run(lambda uow: people.create_person(uow, window.actor, given_name="After", family_name="Restore"))
    wait_idle(window)
    assert people_in(store_path) == 4


def test_restore_of_a_file_that_is_not_a_store_says_so_and_changes_nothing(qtbot, open_window, store_path,
                                                                           tmp_path, wait_idle):
    window = open_window(store_path)
    stranger = tmp_path / "holiday photos.sqlite"
    stranger.write_bytes(b"\x89PNG not a database at all" * 10)
    told = []
    window.backups.choose_file = lambda: str(stranger)
    window.backups.confirm = lambda text: pytest.fail("a bad file must be refused before asking")
    window.backups.tell = told.append
    before = digest(store_path)
    window.backups.restore_action.trigger()
    qtbot.waitUntil(lambda: told != [], timeout=20_000)
    assert "not a caseteam store" in told[0]
    wait_idle(window)
    assert digest(store_path) == before


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xde\xad\xbe\xef" * ((4096 - 100) // 4)
    path.write_bytes(bytes(data))


def _close_when_ready():
    def check():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget._ready_sent and widget.isVisible():
                timer.stop()
                widget.close()

    timer = QTimer(interval=20)
    timer.timeout.connect(check)
    timer.start()
    return timer


def test_a_refused_store_offers_the_newest_good_backup_and_opens_it(qtbot, store_path, caseteam_home,
                                                                  monkeypatch, dialogs):
    good = backup_now(store_path, caseteam_home / "backups", "daily")
    _damage(store_path)
    damaged = digest(store_path)
    offered = []
    monkeypatch.setattr(StoreRecovery, "_ask", lambda self, message, backup: offered.append((message, backup)) or True)
    timer = _close_when_ready()
    assert app.run(str(store_path)) == 0
    timer.stop()
    [(message, backup)] = offered
    assert "damaged" in message and backup == good
    assert dialogs == []
    [aside] = store_path.parent.glob("caseteam.sqlite.damaged-*Z")
    assert digest(aside) == damaged  # kept, byte for byte
    assert people_in(store_path) == 3


def test_a_refused_store_without_backups_gets_the_plain_refusal_only(qtbot, tmp_path, monkeypatch, dialogs):
    monkeypatch.setattr(StoreRecovery, "_ask", lambda *a: pytest.fail("nothing to offer"))
    path = tmp_path / "caseteam.sqlite"
    path.write_bytes(b"")
    assert app.run(str(path)) == 1
    [(kind, message)] = dialogs
    assert kind == "plain" and "empty (0 bytes)" in message
    assert path.read_bytes() == b""


def _inspect_modal(found: list, button_text: str):
    """When the next modal box is up: check its names, then press `button_text` as a user would."""

    def look():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look)
            return
        found.append((box.accessibleName(), unnamed_controls(box)))
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        box.reject()

    QTimer.singleShot(0, look)


def test_the_restore_dialogs_are_named_and_cancel_is_the_safe_default(qtbot, open_window, store_path, tmp_path):
    window = open_window(store_path)
    found: list = []
    _inspect_modal(found, "Cancel")
    assert window.backups._confirm("Replace the store?") is False
    recovery = StoreRecovery(window)
    _inspect_modal(found, "Restore newest backup…")
    assert recovery._ask("The store is damaged.", tmp_path / "caseteam-20261130T170000Z-daily.sqlite") is True
    assert found == [("Restore from backup", []), ("caseteam cannot open the store", [])]


def test_postgresql_stores_point_to_the_servers_tools(qtbot, open_window, pg_store, caseteam_home):
    url = pg_store.engine.url.render_as_string(hide_password=False)
    window = open_window(url)
    told = []
    window.backups.tell = told.append
    window.backups.backup_action.trigger()
    window.backups.restore_action.trigger()
    assert "pg_dump" in told[0] and "pg_restore" in told[1]
    window.close()
    assert not (caseteam_home / "backups").exists()  # no file copies on close either


def test_self_test_keeps_no_copies_of_its_scratch_store(qtbot, store_path, caseteam_home, tmp_path):
    scratch = tmp_path / "scratch.sqlite"
    shutil.copyfile(store_path, scratch)
    assert app.self_test(scratch) == 0
    assert list_backups(caseteam_home / "backups") == []


def test_only_administrators_restore_and_job_developers_do_not_back_up(qtbot, open_window, demo_path,
                                                                      caseteam_home, dialogs):
    window = open_window(demo_path, user="jobdev")
    window.backups.choose_file = lambda: pytest.fail("a refused restore never asks for a file")
    window.backups.backup_action.trigger()
    window.backups.restore_action.trigger()
    assert [text for _kind, text in dialogs] == [
        "Your role (Job developer) may not back up the store.",
        "Your role (Job developer) may not restore the store from a backup."]
    assert list_backups(caseteam_home / "backups") == []
