"""One window per store: a second start says so, brings the first window forward and opens nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QApplication

from caseteam.storage.backup import list_backups
from ui import app
from ui.main_window import MainWindow
from ui.single_instance import SingleInstance

FIRST = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    import ui.single_instance
    from ui import app
    from ui.main_window import MainWindow

    def fronted(window):
        print("brought to front", flush=True)
        window.close()

    ui.single_instance.bring_to_front = fronted

    def ready():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow) and w._ready_sent:
                print("ready", flush=True)
                return
        QTimer.singleShot(20, ready)

    QTimer.singleShot(0, ready)
    sys.exit(app.run(sys.argv[1]))
""")

SECOND = textwrap.dedent("""
    import sys
    from ui import app
    from ui.widgets import error_dialog

    error_dialog.show_plain = lambda parent, message, **kw: print("dialog:", message, flush=True)
    sys.exit(app.run(sys.argv[1]))
""")


@pytest.fixture
def env(caseteam_home):
    return {**os.environ, "CASETEAM_HOME": str(caseteam_home), "QT_QPA_PLATFORM": "offscreen"}


def _start_first(env, path) -> subprocess.Popen:
    first = subprocess.Popen([sys.executable, "-c", FIRST, str(path)], env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    line = first.stdout.readline().strip()
    if line != "ready":
        first.kill()
        pytest.fail(f"the first caseteam did not start: {line!r} {first.stderr.read()}")
    return first


def test_a_second_process_on_the_same_store_brings_the_first_forward_and_opens_nothing(empty_path, env,
                                                                                      caseteam_home):
    first = _start_first(env, empty_path)
    try:
        # Another spelling of the same file is the same store.
        same = empty_path.parent / ".." / empty_path.parent.name / empty_path.name
        second = subprocess.run([sys.executable, "-c", SECOND, str(same)], env=env, text=True,
                                capture_output=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert "dialog: caseteam is already open on this store" in second.stdout
        assert str(empty_path) in second.stdout
        out, err = first.communicate(timeout=60)
    finally:
        first.kill()
    assert "brought to front" in out, err
    assert first.returncode == 0
    # Only the first window worked on the store: one on-close backup, from it.
    assert [b.reason for b in list_backups(caseteam_home / "backups")] == ["on-close"]
    log = (caseteam_home / "logs" / "caseteam.log").read_text(encoding="utf-8")
    assert log.count("store opened (sqlite)") == 1
    assert "a second start on this store was sent to this window" in log


def test_a_crashed_first_instance_does_not_lock_the_store_out(empty_path, env, qtbot):
    first = _start_first(env, empty_path)
    first.kill()  # SIGKILL: no chance to remove its lock file
    first.wait(timeout=30)
    again = SingleInstance(str(empty_path))
    try:
        assert again.claim()
    finally:
        again.release()


def test_in_one_process_a_second_run_shows_the_message_and_no_window(qtbot, empty_path, tmp_path, dialogs):
    holder = SingleInstance(str(empty_path))
    assert holder.claim()
    try:
        with qtbot.waitSignal(holder.show_requested, timeout=10_000):
            assert app.run(str(empty_path)) == 0
        [(kind, message)] = dialogs
        assert kind == "plain" and "already open" in message
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        # A different store is not held back.
        other = SingleInstance(str(tmp_path / "other.sqlite"))
        assert other.claim()
        other.release()
    finally:
        holder.release()
    after = SingleInstance(str(empty_path))
    assert after.claim()  # released: the next start may open the store
    after.release()
