"""The person workspace's test fixtures: the demo store opened by an Operations worker, as the window
does, a workspace on someone in Discovery, and a second "desk" that reads and writes the store
directly (a colleague saving meanwhile). Also the steps the Work-part tests share in the main window:
open a person's Work part by keys, Ctrl+Tab to one of its pages, wait for a page's dialog to take the
keys, answer the next message box."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from caseteam.domain.jobs import NegotiationStatus
from caseteam.domain.people import Stage
from caseteam.services import people
from caseteam.storage.store import open_store
from ui.operations import Operations
from ui.screens.person.job_development_dialogs import StatusDialog
from ui.screens.person.workspace import PersonWorkspace
from ui.undo import UndoHistory

from builders import local_actor
from signing import sign_in

TIMEOUT = 10_000
WAIT = 20_000  # the main window on a demo store under a loaded machine
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


class Opened:
    """The store as a colleague at another desk sees it: read and write with services directly."""

    def __init__(self, path) -> None:
        self.path = path

    def __call__(self, op, write: bool = True):
        store = open_store(self.path)
        try:
            actor = local_actor(store)
            with store.unit_of_work(write=write) as uow:
                return op(uow, actor)
        finally:
            store.close()


@pytest.fixture
def desk(demo_path):
    return Opened(demo_path)


@pytest.fixture
def person(desk):
    """Someone in Discovery: a team, activities and a profile to work with."""
    return desk(lambda uow, actor: people.caseload(uow, actor, stage=Stage.DISCOVERY)[0], write=False)


@pytest.fixture
def ops(qtbot, demo_path, dialogs):
    operations = Operations(None)
    opened = []
    operations.open_store(str(demo_path), on_done=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    operations.actor = sign_in(qtbot, operations)
    yield operations
    operations.shutdown()
    assert dialogs.unexpected() == [], "an unexpected error reached the user"


@pytest.fixture
def workspace(qtbot, ops, person):
    history = UndoHistory(ops)
    ws = PersonWorkspace(ops, ops.actor, history, person.id)
    ops.data_changed.connect(ws.apply_changes)  # as the main window does for every open screen
    qtbot.addWidget(ws)
    ws.resize(1366, 768)
    ws.show()
    ws.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ws)
    ws.load()
    qtbot.waitUntil(lambda: ws.person is not None and ops.pending == 0, timeout=TIMEOUT)
    return ws


def retype(qtbot, field, text: str) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(field, text)


def undo(qtbot, ws) -> None:
    with qtbot.waitSignal(ws.ops.data_changed, timeout=TIMEOUT):
        ws.history.stack.undo()


def redo(qtbot, ws) -> None:
    with qtbot.waitSignal(ws.ops.data_changed, timeout=TIMEOUT):
        ws.history.stack.redo()


def stored_person(desk, person_id):
    return desk(lambda uow, actor: people.get_person(uow, actor, person_id), write=False)


# --- the Work part in the main window ---------------------------------------------------------------
def focused():
    return QApplication.focusWidget()


def open_work(qtbot, window, person_id):
    """The person's workspace opened and loaded, its first part focused, then the Work part shown; the workspace."""
    window.open_person(person_id)
    ws = window.sections.people[person_id]
    qtbot.waitUntil(lambda: ws.person is not None and window.ops.pending == 0, timeout=WAIT)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    ws.show_tab(0)
    qtbot.waitUntil(lambda: focused() is not None and ws.isAncestorOf(focused()))
    qtbot.keyClick(focused(), Qt.Key.Key_J, CTRL | SHIFT)
    qtbot.waitUntil(lambda: ws.tabs.currentWidget() is ws.jobs)
    return ws


def show_page(qtbot, window, ws, kind):
    """Ctrl+Tab through the Work part's pages until the wanted one is shown; it has loaded and has the focus."""
    for _ in range(ws.jobs.pages.count()):
        if isinstance(ws.jobs.pages.currentWidget(), kind):
            break
        qtbot.keyClick(focused(), Qt.Key.Key_Tab, CTRL)
    page = ws.jobs.pages.currentWidget()
    assert isinstance(page, kind)
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)
    page.setFocus()
    return page


def active_dialog(qtbot, page, kind):
    """The page's open dialog of this kind, once it is the active window (keys go to the active window)."""
    qtbot.waitUntil(lambda: isinstance(page.dialog, kind) and page.dialog.isVisible(), timeout=WAIT)
    page.dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.dialog, timeout=WAIT)
    return page.dialog


def move_to_offer(qtbot, page):
    """On the Job development page: Alt+M (Move to status…), "Of" typed into the status list, Enter; the dialog."""
    page.table.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    status = active_dialog(qtbot, page, StatusDialog)
    qtbot.keyClicks(status.status_box, "Of")
    assert status.status_box.currentData() is NegotiationStatus.OFFER
    qtbot.keyClick(status.status_box, Qt.Key.Key_Return)
    return status


def answer_next_box(button_text: str) -> None:
    """Click `button_text` on the next message box once it is up (it runs its own event loop)."""
    def click():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            for button in box.buttons():
                if button.text().replace("&", "") == button_text:
                    button.click()
                    return
        QTimer.singleShot(20, click)
    QTimer.singleShot(0, click)
