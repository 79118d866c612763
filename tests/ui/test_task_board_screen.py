"""The task board on the demo partnership, driven from the keyboard and mouse."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QDialog

from caseteam.domain.tasks import TaskStatus
from caseteam.services import task_board as board_services
from caseteam.storage.store import open_store
from ui.models.task_model import Column, TaskTableModel
from ui.widgets.task_dialogs import ReassignDialog


@pytest.fixture
def window(open_window, demo_path, qtbot):
    window = open_window(demo_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    board = window.task_board
    qtbot.waitUntil(lambda: board.model.rowCount() > 0, timeout=10_000)
    return window


def stored(demo_path, ids):
    store = open_store(demo_path)
    try:
        with store.unit_of_work(write=False) as uow:
            return {t.id: t for t in (uow.tasks.get(i) for i in ids)}
    finally:
        store.close()


def select_rows(board, rows):
    selection = board.table.selectionModel()
    selection.clearSelection()
    for r in rows:
        selection.select(board.model.index(r, Column.TITLE),
                         QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    board.table.setFocus()


def test_ctrl_2_shows_open_tasks_and_the_overdue_filter_narrows_them(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    board = window.task_board
    assert window.sections.currentWidget() is board
    statuses = {board.model.row_at(r).status for r in range(board.model.rowCount())}
    assert statuses <= {TaskStatus.OPEN, TaskStatus.IN_PROGRESS, TaskStatus.WAITING}
    with qtbot.waitSignal(board.rows_loaded, timeout=10_000):
        board.filters.due.setFocus()
        board.filters.due.setCurrentIndex(board.filters.due.findText("Overdue"))
    texts = [board.model.index(r, Column.DUE).data() for r in range(board.model.rowCount())]
    assert texts and all(t.endswith("(overdue)") for t in texts)
    assert board.summary.text().startswith(f"{board.model.total:,} task")


def test_bulk_reassign_then_undo_puts_every_task_back(qtbot, window, demo_path, monkeypatch):
    board = window.task_board
    window.sections.setCurrentWidget(board)
    rows = [board.model.row_at(r) for r in (0, 1, 2)]
    target = next(key for key, name in board.choices.organizations if name.startswith("State VR"))
    if all(r.organization_id == target for r in rows):
        target = next(key for key, name in board.choices.organizations if name.startswith("Bridgeway"))

    def answer(dialog):
        dialog.choose(target)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReassignDialog, "exec", answer)
    select_rows(board, (0, 1, 2))
    assert "3 selected" in board.summary.text()
    with qtbot.waitSignal(window.ops.data_changed, timeout=10_000):
        qtbot.keyClick(board.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    after = stored(demo_path, [r.id for r in rows])
    assert {t.organization_id for t in after.values()} == {target}
    assert window.undo_action.isEnabled() and window.undo_action.text().replace("&", "") == "Undo Reassign 3 tasks"
    with qtbot.waitSignal(window.ops.data_changed, timeout=10_000):
        window.undo_action.trigger()
    back = stored(demo_path, [r.id for r in rows])
    assert [(back[r.id].organization_id, back[r.id].staff_id) for r in rows] == [
        (r.organization_id, r.staff_id) for r in rows]


def test_mark_done_from_the_keyboard_and_undo_reopens(qtbot, window, demo_path):
    board = window.task_board
    window.sections.setCurrentWidget(board)
    rows = [board.model.row_at(r) for r in (0, 1)]
    select_rows(board, (0, 1))
    with qtbot.waitSignal(window.ops.data_changed, timeout=10_000):
        qtbot.keyClick(board.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert {t.status for t in stored(demo_path, [r.id for r in rows]).values()} == {TaskStatus.DONE}
    with qtbot.waitSignal(window.ops.data_changed, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    again = stored(demo_path, [r.id for r in rows])
    assert [again[r.id].status for r in rows] == [r.status for r in rows]


def test_status_changes_inline_in_its_cell(qtbot, window, demo_path):
    board = window.task_board
    window.sections.setCurrentWidget(board)
    row = board.model.row_at(0)
    wanted = TaskStatus.WAITING if row.status is not TaskStatus.WAITING else TaskStatus.IN_PROGRESS
    index = board.model.index(0, Column.STATUS)
    board.table.setCurrentIndex(index)
    board.table.edit(index)
    editor = QApplication.focusWidget()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not board.table)
    editor = QApplication.focusWidget()
    editor.setCurrentIndex(editor.findData(wanted))
    with qtbot.waitSignal(window.ops.data_changed, timeout=10_000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert stored(demo_path, [row.id])[row.id].status is wanted


def test_the_task_model_follows_qts_rules(qtmodeltester, demo_store):
    with demo_store.unit_of_work(write=False) as uow:
        page = board_services.fetch_board(uow, None, board_services.BoardQuery(), limit=30)
    model = TaskTableModel()
    model.set_rows(page.rows, page.today, page.total)
    qtmodeltester.check(model, force_py=True)
