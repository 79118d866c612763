"""GUI fixtures: windows that open their own store by path on the worker thread, like the real app,
and error dialogs replaced by a list so no modal box ever waits for a click."""

from __future__ import annotations

import logging

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtWidgets import QMessageBox  # noqa: E402

from ui.main_window import MainWindow  # noqa: E402
from ui.widgets import error_dialog  # noqa: E402

from signing import sign_in_by_keys  # noqa: E402

OPEN_TIMEOUT_MS = 30_000


class Dialogs(list):
    """Every error the window tried to show: ("plain", message) or ("unexpected", details)."""

    def unexpected(self) -> list[str]:
        return [text for kind, text in self if kind == "unexpected"]


@pytest.fixture
def dialogs(monkeypatch) -> Dialogs:
    shown = Dialogs()
    monkeypatch.setattr(error_dialog, "show_plain",
                        lambda _parent, message, **_kw: shown.append(("plain", message)))
    monkeypatch.setattr(error_dialog, "show_unexpected",
                        lambda _parent, _log_path, details: shown.append(("unexpected", details)))
    return shown


@pytest.fixture(autouse=True)
def _restore_logging():
    """ui.app.run attaches a file handler to the root logger; leave the root as it was found."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.fixture
def demo_path(demo_store):
    """The demo store's file, closed here so the window opens it itself on its worker."""
    demo_store.close()
    return demo_store.path


@pytest.fixture
def empty_path(sqlite_store):
    sqlite_store.close()
    return sqlite_store.path




@pytest.fixture
def open_window(qtbot, dialogs):
    """open_window(path, user="admin", password=None) -> a shown MainWindow, signed in through its
    sign-in page (typed, then Enter), whose first page of work is ready. user=None stops at the sign-in
    page. Closed (worker stopped) after the test; an unexpected error dialog during the test fails it."""
    windows: list[MainWindow] = []

    def open_(path, user: str | None = "admin", password: str | None = None, **kwargs) -> MainWindow:
        window = MainWindow(str(path), **kwargs)
        # No modal "unsaved changes" box may wait for a click at teardown; tests that check it replace this.
        window.sections.ask = lambda _parent, _what: QMessageBox.StandardButton.Discard
        qtbot.addWidget(window)
        windows.append(window)
        # The partner directory asks before leaving unsaved edits too; never at teardown.
        window.session_ready.connect(lambda w=window: w.partners is not None and setattr(
            w.partners, "ask", lambda *_: QMessageBox.StandardButton.Discard))
        with qtbot.waitSignal(window.ready, timeout=OPEN_TIMEOUT_MS):
            window.show()
        if user is not None:
            with qtbot.waitSignal(window.session_ready, timeout=OPEN_TIMEOUT_MS):
                sign_in_by_keys(qtbot, window, user, password)
        return window

    yield open_
    for window in windows:
        window.close()
        assert window.ops.closed and window.ops._thread.isFinished()
    assert dialogs.unexpected() == [], "an unexpected error reached the user"


@pytest.fixture
def type_text(qtbot):
    """type_text(widget, "muñoz"): key by key, as a keyboard would. qtbot.keyClicks is used for
    ASCII; QTest aborts the process on other letters (qasciikey.cpp asserts), so those arrive as the
    key event a keyboard layout with that letter (or a dead-key composition) sends."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    def type_(widget, text: str) -> None:
        for ch in text:
            if ch.isascii():
                qtbot.keyClicks(widget, ch)
                continue
            code = ord(ch.upper()) if ord(ch.upper()) <= 0xFF else Qt.Key.Key_unknown
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, ch))

    return type_


@pytest.fixture
def wait_idle(qtbot):
    """wait_idle(window): until every database job the window asked for has answered."""

    def wait(window, timeout: int = OPEN_TIMEOUT_MS) -> None:
        qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=timeout)

    return wait
