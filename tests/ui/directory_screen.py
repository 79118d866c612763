"""The partner directory as the window holds it, for pytest-qt tests: its own Operations on a store file,
signed in as `user`, data_changed wired to apply_changes as the main window does, an undo stack, shown,
active and with its first organization read."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from signing import sign_in
from ui.operations import Operations
from ui.screens.partners import PartnerDirectory
from ui.undo import UndoHistory

WAIT = 10_000


def partner_directory(qtbot, path, dialogs, user: str = "admin"):
    """A generator for a fixture: yields the screen, then closes it and checks no unexpected error showed."""
    ops = Operations()
    opened = []
    ops.open_store(str(path), on_done=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    screen = PartnerDirectory(ops, sign_in(qtbot, ops, user), UndoHistory(ops, QUndoStack()))
    ops.data_changed.connect(screen.apply_changes)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):
        screen.show()
        screen.refresh()
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    yield screen
    screen.close()
    ops.shutdown()
    assert dialogs.unexpected() == [], "an unexpected error reached the user"
