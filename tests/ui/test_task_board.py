"""The task board on the demo partnership, driven from the keyboard and mouse: filters, multi-select,
bulk reassign / complete / cancel with undo, new task, refusals shown where the user looks, and one
person's task table as their workspace embeds it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.domain.tasks import TaskStatus
from caseteam.services import task_board as board_services
from caseteam.services import tasks as task_services
from caseteam.services.task_board import BoardQuery, TaskSort
from caseteam.storage.store import open_store
from ui.models.task_model import Column, TaskTableModel
from ui.operations import Operations
from ui.undo import UndoHistory
from ui.widgets.task_table import TaskTable
from signing import sign_in

from builders import local_actor, record_exchange
from builders import reader  # noqa: E402

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
WAIT = 10_000


@pytest.fixture
def window(open_window, demo_path, qtbot):
    window = open_window(demo_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)  # the Tasks section
    board = window.task_board
    assert window.sections.currentWidget() is board
    qtbot.waitUntil(lambda: board.model.rowCount() > 0, timeout=WAIT)
    return window


def release_to(path, rows, organization_id) -> None:
    """The people of these tasks sign a release covering the organization: reassigning needs one."""
    store = open_store(path)
    try:
        actor = local_actor(store)
        with store.unit_of_work() as uow:
            for person_id in dict.fromkeys(r.person_id for r in rows if r.person_id is not None):
                record_exchange(uow, actor, person_id, organization_id)
    finally:
        store.close()


def in_store(path, ids):
    store = open_store(path)
    try:
        with store.unit_of_work(write=False) as uow:
            tasks = {t.id: t for t in (uow.tasks.get(i, include_archived=True) for i in ids)}
            return {i: (t.organization_id, t.staff_id, t.status, t.due, t.archived_at is not None)
                    for i, t in tasks.items()}
    finally:
        store.close()


def change_in_store(path, op):
    """Someone else, at another desk, changes the store."""
    store = open_store(path)
    try:
        with store.unit_of_work() as uow:
            return op(uow, store)
    finally:
        store.close()


def click_row(qtbot, board, row, modifier=Qt.KeyboardModifier.NoModifier):
    rect = board.table.visualRect(board.model.index(row, Column.TITLE))
    qtbot.mouseClick(board.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def choose(qtbot, combo, text):
    """Pick from a non-editable list by typing its first letters, as a keyboard user does."""
    combo.setFocus()
    qtbot.keyClicks(combo, text)


def dialog_of(qtbot, board):
    """The dialog an action opened, once it is the active window (keys go where the user looks)."""
    dialog = board.task_actions.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    return dialog


def type_into(qtbot, combo, text):
    """Replace what an editable list shows and leave it with Tab (which picks the one match)."""
    combo.lineEdit().setFocus()
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(combo.lineEdit(), text)
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Tab)


def test_filter_to_an_organization_then_to_overdue(qtbot, window):
    board = window.task_board
    with qtbot.waitSignal(board.rows_loaded, timeout=WAIT):
        choose(qtbot, board.filters.organization, "State")
    org = board.filters.organization.currentText()
    assert org.startswith("State VR")
    shown = board.model.task_rows()
    assert shown and {r.organization_name for r in shown} == {org}
    with qtbot.waitSignal(board.rows_loaded, timeout=WAIT):
        choose(qtbot, board.filters.due, "Ov")
    overdue = board.model.task_rows()
    assert overdue and {r.organization_name for r in overdue} == {org}
    assert all(board.model.index(r, Column.DUE).data().endswith("(overdue)") for r in range(board.model.rowCount()))
    assert board.model.index(0, Column.DUE).data(Qt.ItemDataRole.DecorationRole) is not None  # icon, not colour only
    assert board.summary.text() == f"{len(overdue)} task{'s' if len(overdue) != 1 else ''}, {len(overdue)} overdue"


def test_shift_and_ctrl_click_then_bulk_reassign_through_the_dialog_and_undo(qtbot, window, demo_path):
    board = window.task_board
    click_row(qtbot, board, 0)
    click_row(qtbot, board, 2, SHIFT)
    click_row(qtbot, board, 4, CTRL)
    rows = board.selected_rows()
    assert [board.model.row_of(r.id) for r in rows] == [0, 1, 2, 4]
    assert board.summary.text().endswith("4 selected")
    target = next(name for _k, name in board.choices.organizations
                  if name not in {r.organization_name for r in rows})
    before = in_store(demo_path, [r.id for r in rows])
    release_to(demo_path, rows, next(k for k, n in board.choices.organizations if n == target))

    qtbot.keyClick(board.table, Qt.Key.Key_R, CTRL)
    dialog = dialog_of(qtbot, board)
    assert dialog is not None and dialog.isVisible() and "Reassign 4 tasks" in dialog.intro.text()
    type_into(qtbot, dialog.assignment.organization, target[:12].lower())
    assert dialog.assignment.organization.currentText() == target
    assert dialog.assignment.staff.currentText() == "Anyone at the organization"
    with qtbot.waitSignal(window.ops.data_changed, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    target_id = board.choices.organizations[[n for _k, n in board.choices.organizations].index(target)][0]
    assert {v[:2] for v in in_store(demo_path, [r.id for r in rows]).values()} == {(target_id, None)}
    assert window.undo_action.text().replace("&", "") == "Undo Reassign 4 tasks"
    assert "4 tasks reassigned to" in board.summary.text()

    with qtbot.waitSignal(window.ops.data_changed, timeout=WAIT):
        window.history.stack.undo()
    assert in_store(demo_path, [r.id for r in rows]) == before


def test_bulk_complete_from_the_keyboard_and_undo_reopens(qtbot, window, demo_path):
    board = window.task_board
    click_row(qtbot, board, 1)
    qtbot.keyClick(board.table, Qt.Key.Key_Down, SHIFT)
    qtbot.keyClick(board.table, Qt.Key.Key_Down, SHIFT)
    rows = board.selected_rows()
    assert len(rows) == 3
    with qtbot.waitSignal(window.ops.data_changed, timeout=WAIT):
        qtbot.keyClick(board.table, Qt.Key.Key_Return, CTRL)
    assert {v[2] for v in in_store(demo_path, [r.id for r in rows]).values()} == {TaskStatus.DONE}
    qtbot.waitUntil(lambda: all(board.model.row_of(r.id) is None for r in rows), timeout=WAIT)  # open tasks only
    with qtbot.waitSignal(window.ops.data_changed, timeout=WAIT):
        qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    after = in_store(demo_path, [r.id for r in rows])
    assert [after[r.id][2] for r in rows] == [r.status for r in rows]
    qtbot.waitUntil(lambda: all(board.model.row_of(r.id) is not None for r in rows), timeout=WAIT)  # back


def test_staff_of_another_organization_is_refused_next_to_the_field(qtbot, window, demo_path, type_text):
    board = window.task_board
    click_row(qtbot, board, 0)
    row = board.selected_rows()[0]
    choices = board.choices
    elsewhere_id, elsewhere_org = next((sid, oid) for sid, oid, _n in choices.staff if oid != row.organization_id)
    elsewhere = choices.staff_names[elsewhere_id]
    qtbot.keyClick(board.table, Qt.Key.Key_R, CTRL)
    dialog = dialog_of(qtbot, board)
    assert dialog.assignment.organization.currentText() == row.organization_name
    dialog.assignment.staff.lineEdit().setFocus()
    qtbot.keyClick(dialog.assignment.staff.lineEdit(), Qt.Key.Key_A, CTRL)
    type_text(dialog.assignment.staff.lineEdit(), elsewhere)
    qtbot.keyClick(dialog.assignment.staff.lineEdit(), Qt.Key.Key_Tab)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    problem = dialog.fields.errors["staff"]
    assert problem.isVisible()
    assert (f"{elsewhere} works for {choices.organization_name(elsewhere_org)}, not {row.organization_name}"
            in problem.text())
    assert dialog.isVisible() and window.ops.pending == 0
    assert in_store(demo_path, [row.id])[row.id][:2] == (row.organization_id, row.staff_id)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert board.task_actions.dialog is None


def test_a_refusal_from_the_store_shows_under_the_field_and_keeps_the_choice(qtbot, window, demo_path):
    """Someone marks the chosen staff member inactive while the dialog is open: the service refuses."""
    from caseteam.services import handovers

    board = window.task_board
    click_row(qtbot, board, 0)
    row = board.selected_rows()[0]
    staff_id, name = next((sid, label) for sid, oid, label in board.choices.staff
                          if oid == row.organization_id and sid != row.staff_id)
    qtbot.keyClick(board.table, Qt.Key.Key_R, CTRL)
    dialog = dialog_of(qtbot, board)
    type_into(qtbot, dialog.assignment.staff, name.split(",")[0])
    assert dialog.assignment.staff.currentText() == name
    change_in_store(demo_path, lambda uow, _s: handovers.hand_over(uow, board.actor, staff_id,
                                                                  deactivate=True))  # their record closes
    with qtbot.waitSignal(window.ops.idle, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    problem = dialog.fields.errors["staff"]
    assert problem.isVisible() and "no longer active" in problem.text()
    assert dialog.isVisible() and dialog.assignment.staff.currentText() == name and dialog.ok_button.isEnabled()
    assert in_store(demo_path, [row.id])[row.id][:2] == (row.organization_id, row.staff_id)


def test_a_task_changed_elsewhere_is_refused_by_name_then_applied_again(qtbot, window, demo_path, dialogs):
    board = window.task_board
    click_row(qtbot, board, 0)
    click_row(qtbot, board, 1, SHIFT)
    first, second = board.selected_rows()
    change_in_store(demo_path, lambda uow, store: task_services.set_task_due(
        uow, board.actor, second.id, date(2031, 1, 15)))
    with qtbot.waitSignal(board.rows_loaded, timeout=WAIT):  # the refusal, then the reload it asks for
        qtbot.keyClick(board.table, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: len(dialogs) == 1, timeout=WAIT)
    message = dialogs[0][1]
    assert f"task {second.ref} after you opened it" in message and "2031" in message
    assert in_store(demo_path, [first.id])[first.id][2] is first.status, "nothing was half done"
    assert {r.id for r in board.selected_rows()} == {first.id, second.id}
    with qtbot.waitSignal(window.ops.data_changed, timeout=WAIT):
        qtbot.keyClick(board.table, Qt.Key.Key_Return, CTRL)
    assert {v[2] for v in in_store(demo_path, [first.id, second.id]).values()} == {TaskStatus.DONE}


def test_cancel_needs_a_reason_under_the_field(qtbot, window, demo_path):
    board = window.task_board
    click_row(qtbot, board, 3)
    row = board.selected_rows()[0]
    qtbot.keyClick(board.table, Qt.Key.Key_Delete, CTRL | SHIFT)
    dialog = dialog_of(qtbot, board)
    with qtbot.waitSignal(window.ops.idle, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.fields.errors["reason"].isVisible() and "reason" in dialog.fields.errors["reason"].text().lower()
    qtbot.keyClicks(dialog.fields.fields["reason"], "The person moved out of the area")
    with qtbot.waitSignal(window.ops.data_changed, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert in_store(demo_path, [row.id])[row.id][2] is TaskStatus.CANCELLED


def test_new_task_with_ctrl_n_checks_fields_then_creates_and_undo_archives(qtbot, window, demo_path):
    board = window.task_board
    person = next(r for r in board.model.task_rows() if r.person_ref)
    qtbot.keyClick(board.table, Qt.Key.Key_N, CTRL)
    dialog = dialog_of(qtbot, board)
    assert dialog.objectName() == "newTaskDialog" and QApplication.focusWidget() is dialog.title
    with qtbot.waitSignal(window.ops.idle, timeout=WAIT):
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert dialog.fields.errors["title"].isVisible() and "required" in dialog.fields.errors["title"].text()
    qtbot.keyClicks(dialog.title, "Tour the bakery with Ms. Ortiz")
    dialog.person.setFocus()
    qtbot.keyClicks(dialog.person, person.person_ref)
    qtbot.waitUntil(lambda: len(dialog.person.found) == 1, timeout=WAIT)
    with qtbot.waitSignal(window.ops.data_changed, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [r.title for r in board.selected_rows()] == ["Tour the bakery with Ms. Ortiz"],
                    timeout=WAIT)
    made = board.selected_rows()[0]
    assert (made.person_id, made.status) == (person.person_id, TaskStatus.OPEN)
    assert "created" in board.summary.text()
    window.activateWindow()  # the offscreen platform has no window manager to do it when the dialog goes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(window.ops.data_changed, timeout=WAIT):
        qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert in_store(demo_path, [made.id])[made.id][4], "undo archives the new task"


def test_status_changes_inline_in_its_cell(qtbot, window, demo_path):
    board = window.task_board
    row = board.model.row_at(0)
    wanted = TaskStatus.WAITING if row.status is not TaskStatus.WAITING else TaskStatus.IN_PROGRESS
    board.table.setCurrentIndex(board.model.index(0, Column.STATUS))
    board.table.setFocus()
    qtbot.keyClick(board.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not board.table)
    editor = QApplication.focusWidget()
    editor.setCurrentIndex(editor.findText(wanted.label))
    with qtbot.waitSignal(window.ops.data_changed, timeout=WAIT):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert in_store(demo_path, [row.id])[row.id][2] is wanted


def test_grouping_by_organization_puts_a_counted_header_over_each_group(qtbot, window):
    board = window.task_board
    with qtbot.waitSignal(board.rows_loaded, timeout=WAIT):
        choose(qtbot, board.filters.group, "Org")
    model = board.model
    assert model.is_group(0) and model.row_at(0) is None
    first = model.row_at(1)
    assert model.index(0, Column.REF).data().startswith(f"{first.organization_name} — ")
    assert " tasks" in model.index(0, Column.REF).data()
    assert board.table.columnSpan(0, 0) == len(Column)
    headers = [r for r in range(model.rowCount()) if model.is_group(r)]
    names = [model.row_at(r + 1).organization_name for r in headers]
    assert len(headers) > 1 and len(set(names)) == len(names), "each organization's tasks come together"
    board.table.setFocus()
    qtbot.keyClick(board.table, Qt.Key.Key_A, CTRL)
    assert len(board.selected_rows()) == model.task_count  # headings are never selected for a bulk change
    assert board.summary.text().endswith(f"{model.task_count} selected")


def test_pages_arrive_as_the_table_scrolls(qtbot, window):
    board = window.task_board
    with qtbot.waitSignal(board.rows_loaded, timeout=WAIT):
        choose(qtbot, board.filters.status, "Any")
    assert board.model.total > board.PAGE and board.model.task_count == board.PAGE
    assert "loaded; scroll for more" in board.summary.text()
    board.table.setFocus()
    qtbot.keyClick(board.table, Qt.Key.Key_End, CTRL)
    qtbot.waitUntil(lambda: board.model.task_count > board.PAGE, timeout=WAIT)


@pytest.mark.parametrize("group_by", [None, TaskSort.STAFF])
def test_the_task_model_follows_qts_rules(qtmodeltester, demo_store, group_by):
    with demo_store.unit_of_work(write=False) as uow:
        page = board_services.fetch_board(uow, reader(), BoardQuery(group_by=group_by), limit=30)
    model = TaskTableModel()
    model.set_rows(page.rows, page.today, page.total, group_by=Column.STAFF if group_by else None, groups=page.groups)
    qtmodeltester.check(model, force_py=True)


# --- one person's tasks, as their workspace embeds the table -------------------------------------------------
@pytest.fixture
def person_tasks(qtbot, demo_path, dialogs):
    ops = Operations()
    opened = []
    with qtbot.waitSignal(ops.idle, timeout=WAIT):
        ops.open_store(str(demo_path), on_done=opened.append)
    actor = sign_in(qtbot, ops)
    some = change_in_store(demo_path, lambda uow, _store: board_services.fetch_board(
        uow, actor, BoardQuery(sort=TaskSort.PERSON), limit=1).rows[0])
    table = TaskTable(ops, actor, UndoHistory(ops), person_id=some.person_id)
    ops.data_changed.connect(table.apply_changes)  # as the window passes Changes on
    qtbot.addWidget(table)
    table.resize(1100, 600)
    table.show()
    with qtbot.waitSignal(table.rows_loaded, timeout=WAIT):
        table.refresh()
    yield table, some
    ops.shutdown()


def test_a_persons_task_table_shows_their_tasks_and_makes_new_ones_for_them(qtbot, person_tasks):
    table, some = person_tasks
    assert table.model.task_count > 0 and {r.person_id for r in table.model.task_rows()} == {some.person_id}
    assert table.table.isColumnHidden(Column.PERSON) and not table.filters.person_box.isVisible()
    assert table.task_actions.open_person_action is None
    table.table.setFocus()
    qtbot.keyClick(table.table, Qt.Key.Key_N, CTRL)
    dialog = dialog_of(qtbot, table)
    assert dialog.person.isReadOnly() and dialog.person.text() == some.person_name
    qtbot.keyClicks(dialog.title, "Ask about bus pass renewal")
    count = table.model.task_count
    with qtbot.waitSignal(table.rows_loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table.model.task_count == count + 1, timeout=WAIT)
    assert {r.person_id for r in table.model.task_rows()} == {some.person_id}


def test_enter_on_a_board_task_asks_to_open_its_person(qtbot, window):
    board = window.task_board
    row = next(n for n in range(board.model.rowCount()) if board.model.row_at(n).person_id)
    click_row(qtbot, board, row)
    with qtbot.waitSignal(board.person_activated, timeout=WAIT) as opened:
        qtbot.keyClick(board.table, Qt.Key.Key_O, CTRL)
    assert opened.args == [board.model.row_at(row).person_id]


def test_every_task_dialog_names_its_controls_and_has_distinct_keys(qtbot, window):
    from accessibility import clashing_mnemonics, unnamed_controls

    board = window.task_board
    click_row(qtbot, board, 0)
    for key, modifiers in ((Qt.Key.Key_R, CTRL), (Qt.Key.Key_D, CTRL), (Qt.Key.Key_Delete, CTRL | SHIFT),
                           (Qt.Key.Key_N, CTRL)):
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        board.table.setFocus()
        qtbot.keyClick(board.table, key, modifiers)
        dialog = dialog_of(qtbot, board)
        assert unnamed_controls(dialog) == [] and clashing_mnemonics(dialog) == [], dialog.windowTitle()
        dialog.reject()
    assert unnamed_controls(board) == []
