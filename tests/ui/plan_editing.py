"""Shared by the plan editor and plan history tests: a worker opened on the demo store (as the window
opens it), the editor opened on one person, and the two plan dialogs answered as a person would."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from caseteam.services import people
from caseteam.storage.store import open_store
from ui.models.plan_goals_model import Column, EditStep
from ui.operations import Operations
from ui.screens.person.plan_dialogs import SaveRevisionDialog, StepTaskDialog
from ui.screens.person.plan_editor import PlanEditor
from ui.undo import UndoHistory

from builders import local_actor
from signing import sign_in

WAIT = 10_000


@dataclass
class Session:
    ops: Operations
    actor: object
    history: UndoHistory
    path: object


@pytest.fixture(name="session")
def session_fixture(qtbot, demo_path, dialogs):
    ops = Operations()
    opened = []
    ops.open_store(demo_path, on_done=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    yield Session(ops, sign_in(qtbot, ops), UndoHistory(ops), demo_path)
    ops.shutdown()
    assert dialogs.unexpected() == []


def in_store(path, fn):
    """Read or write the store as another program (or another user) would, outside the editor."""
    store = open_store(path)
    try:
        actor = local_actor(store)
        with store.unit_of_work() as uow:
            return fn(uow, actor)
    finally:
        store.close()


def person_id(path, ref):
    return in_store(path, lambda uow, actor: people.get_person(uow, actor, ref).id)


def open_editor(qtbot, s: Session, ref: str) -> PlanEditor:
    editor = PlanEditor(s.ops, s.actor, s.history, person_id(s.path, ref))
    qtbot.addWidget(editor)
    s.ops.data_changed.connect(editor.apply_changes)  # as the window wires every open screen
    editor.resize(1366, 720)
    editor.show()
    editor.activateWindow()
    with qtbot.waitSignal(editor.loaded, timeout=WAIT):
        editor.load()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    return editor


def answer_save(monkeypatch, qtbot, summary: str) -> list[SaveRevisionDialog]:
    """The summary is typed into the dialog and OK pressed (its own checks run)."""
    asked = []

    def exec_(dialog):
        asked.append(dialog)
        qtbot.keyClicks(dialog.summary, summary)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SaveRevisionDialog, "exec", exec_)
    return asked


def answer_task(monkeypatch) -> list[StepTaskDialog]:
    asked = []
    monkeypatch.setattr(StepTaskDialog, "exec", lambda dialog: asked.append(dialog) or QDialog.DialogCode.Accepted)
    return asked


def steps(editor) -> list[EditStep]:
    return [s for g in editor.goals.model.goals for s in g.steps]


def status_text(editor, item) -> str:
    return editor.goals.model.index_of(item, Column.STATUS).data()
