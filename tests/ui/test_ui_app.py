"""Starting the GUI as the `caseteam` command does, and the self-test."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from caseteam import paths
from ui import app
from ui.main_window import MainWindow


def _close_when_ready():
    """Poll the event loop (not the clock) until run()'s window has shown its first page."""

    def check():
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget._ready_sent and widget.isVisible():
                timer.stop()
                widget.close()

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(check)
    timer.start()
    return timer


def test_run_shows_the_window_and_returns_0_when_closed(qtbot, demo_path, dialogs):
    timer = _close_when_ready()
    assert app.run(str(demo_path)) == 0
    timer.stop()
    assert dialogs == []
    log = (paths.log_dir() / "caseteam.log").read_text(encoding="utf-8")
    assert "store opened (sqlite)" in log
    assert "database worker stopped" in log


def test_run_refuses_a_file_that_is_not_a_store_and_returns_1(qtbot, tmp_path, dialogs):
    stranger = tmp_path / "notes.sqlite"
    stranger.write_text("shopping list\n")
    assert app.run(str(stranger)) == 1
    [(kind, message)] = dialogs
    assert kind == "plain" and "is not a caseteam store" in message
    assert stranger.read_text() == "shopping list\n"  # left as it was


def test_self_test_opens_and_closes_the_window(qtbot, demo_path):
    assert app.self_test(demo_path) == 0


def test_self_test_in_a_fresh_process_exits_cleanly(demo_path, tmp_path):
    """No 'QThread: Destroyed while thread is still running' or similar on the way out."""
    env = {**os.environ, "CASETEAM_HOME": str(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen"}
    code = f"from ui.app import self_test; raise SystemExit(self_test({str(demo_path)!r}))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    for warning in ("QThread", "QObject", "Timers cannot", "Traceback"):
        assert warning not in result.stderr


def test_the_store_is_page_checked_in_the_background_once_the_window_is_up(qtbot, open_window, demo_path):
    window = open_window(demo_path)
    qtbot.waitUntil(lambda: window.quick_check_problems is not None, timeout=30_000)
    assert window.quick_check_problems == ()
