"""The person workspace's test fixtures: the demo store opened by an Operations worker, as the window
does, a workspace on someone in Discovery, and a second "desk" that reads and writes the store
directly (a colleague saving meanwhile)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.domain.people import Stage
from caseteam.services import people
from caseteam.storage.store import open_store
from ui.operations import Operations
from ui.screens.person.workspace import PersonWorkspace
from ui.undo import UndoHistory

from builders import local_actor
from signing import sign_in

TIMEOUT = 10_000
CTRL = Qt.KeyboardModifier.ControlModifier


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
