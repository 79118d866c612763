"""A job developer's morning on the demo partnership, from the keyboard and the mouse only: find a person,
open their workspace, add a goal and a partner's action step, make a task of it (the plan is saved as a
revision on the way), compare that revision with the one before, reassign the task on the board and
undo it, then try to close the person's tab with a profile edit not saved yet.

Every modal question (QMessageBox and QDialog.exec) is shown for real and answered with keys, as a
person would; only exec's nested event loop is replaced (a test cannot click inside it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QTabBar

from caseteam.domain.plans import StepOwner
from caseteam.domain.tasks import TaskStatus
from caseteam.services import people, plans
from caseteam.storage.store import open_store
from ui.models.task_model import Column as TaskColumn
from ui.screens.person.plan_dialogs import SaveRevisionDialog, StepTaskDialog
from ui.sections import ask_about_unsaved

from builders import local_actor

WAIT = 10_000
CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)

GOAL = "Take the bus to the warehouse on my own"
CRITERION = "Five trips alone by March"
STEP = "Travel training on the route to the warehouse"
STEP_OWNER = "Riverbend Behavioral Health"
SUMMARY = "Added a goal for riding the bus; Riverbend trains the route"
ELSEWHERE = "Access Alliance Center for Independent Living"


def stored(path, op):
    """Read the store as another program would, outside the window and its worker."""
    store = open_store(path)
    try:
        with store.unit_of_work(write=False) as uow:
            return op(uow, local_actor(store))
    finally:
        store.close()


class Questions:
    """Modal questions answered by keys: `answers[title]` drives the shown dialog; `asked` records
    (title, text, buttons) of each one, in order."""

    def __init__(self, qtbot, monkeypatch) -> None:
        self.qtbot, self.answers, self.asked = qtbot, {}, []
        for cls in (QMessageBox, SaveRevisionDialog, StepTaskDialog):
            monkeypatch.setattr(cls, "exec", lambda dialog: self._exec(dialog))

    def _exec(self, dialog) -> int:
        buttons = [b.text().replace("&", "") for b in dialog.buttons()] if isinstance(dialog, QMessageBox) else []
        self.asked.append((dialog.windowTitle(), getattr(dialog, "text", lambda: "")(), buttons))
        answer = self.answers.get(dialog.windowTitle())
        assert answer is not None, f"unexpected question: {dialog.windowTitle()}"
        dialog.open()  # on screen and modal, like exec, but this test keeps the event loop
        dialog.activateWindow()  # what a window manager does for a new dialog (offscreen has none)
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
        answer(dialog)
        assert not dialog.isVisible(), f"{dialog.windowTitle()} is still open"
        owner = dialog.parentWidget().window()
        owner.activateWindow()  # a window manager gives the window back its focus when a dialog goes
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is owner, timeout=WAIT)
        return dialog.result()


def click_tab(qtbot, bar: QTabBar, title: str) -> None:
    number = next(i for i in range(bar.count()) if bar.tabText(i).replace("&", "").rstrip(" *") == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(number).center())


def focused():
    return QApplication.focusWidget()


def test_a_job_developers_morning(qtbot, open_window, demo_path, monkeypatch, dialogs):
    window = open_window(demo_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    questions = Questions(qtbot, monkeypatch)
    window.sections.ask = ask_about_unsaved  # the real Save / Discard / Cancel box, answered below

    # --- find the person in the caseload and open the workspace with Enter ----------------------------
    page = window.caseload
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert focused() is page.search_box
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        qtbot.keyClicks(page.search_box, "mujic")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    person = page.model.row_at(0)
    assert person.name == "Selma Mujić"
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)  # to the table, on the one line
    assert focused() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: person.id in window.sections.people, timeout=WAIT)
    ws = window.sections.people[person.id]
    assert window.sections.currentWidget() is ws
    qtbot.waitUntil(lambda: ws.person is not None and window.ops.pending == 0, timeout=WAIT)
    assert "Selma Mujić" in ws.header.text() and "PE-0027" in ws.header.text()
    before = stored(demo_path, lambda uow, actor: plans.latest_plan(uow, actor, person.id))

    # --- the Plan tab: a goal and a step owned by a partner organization -------------------------------
    editor = ws.plan
    qtbot.mouseClick(ws.profile.fields["given_name"], Qt.MouseButton.LeftButton)  # into the workspace
    qtbot.keyClick(focused(), Qt.Key.Key_4, ALT)
    assert ws.tabs.currentWidget() is editor and editor.based_on == before.number
    goals = editor.goals
    qtbot.mouseClick(goals.tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=goals.tree.visualRect(goals.model.index(0, 0)).center())
    qtbot.keyClick(goals.tree, Qt.Key.Key_G, CTRL | SHIFT)
    assert focused() is goals.goal_form.description
    qtbot.keyClicks(focused(), GOAL)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is goals.goal_form.criterion
    qtbot.keyClicks(focused(), CRITERION)
    qtbot.keyClick(focused(), Qt.Key.Key_A, CTRL | SHIFT)  # a step under the goal just written
    step_form = goals.step_form
    assert focused() is step_form.description
    qtbot.keyClicks(focused(), STEP)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is step_form.owner_kind
    qtbot.keyClick(focused(), Qt.Key.Key_End)  # "A partner organization"
    assert step_form.organization.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_A, ALT)  # P&artner organization
    assert focused() is step_form.organization
    qtbot.keyClicks(focused(), "Riverbend")
    assert step_form.organization.currentText() == STEP_OWNER
    qtbot.keyClick(focused(), Qt.Key.Key_T, ALT)  # S&taff member
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    staff_name = step_form.staff.currentText()
    assert staff_name != "Anyone at the organization"
    assert ws.has_unsaved_changes() and window.sections.tabText(window.sections.indexOf(ws)).endswith(" *")

    # --- Ctrl+Shift+T: the new step is saved first (a revision with its summary), then becomes a task ---
    def save_first(box):
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Yes)
        qtbot.keyClick(box, Qt.Key.Key_Return)

    def summary(dialog):
        assert focused() is dialog.summary
        qtbot.keyClicks(focused(), SUMMARY)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # to "Person agreed on", then Enter: Save revision
        assert focused() is dialog.agreed.unknown
        qtbot.keyClick(focused(), Qt.Key.Key_Return)

    def task_dialog(dialog):
        assert STEP_OWNER in dialog.intro.text() and dialog.title.text() == STEP
        assert focused() is dialog.title
        qtbot.keyClick(focused(), Qt.Key.Key_Return)

    questions.answers.update({"Save the plan first": save_first, "Save plan revision": summary,
                              "Create task from action step": task_dialog})
    with qtbot.waitSignal(editor.task_created, timeout=WAIT) as created:
        qtbot.keyClick(focused(), Qt.Key.Key_T, CTRL | SHIFT)
    task = created.args[0]
    assert [title for title, *_ in questions.asked] == ["Save the plan first", "Save plan revision",
                                                        "Create task from action step"]
    assert (task.title, task.organization_name, task.status) == (STEP, STEP_OWNER, TaskStatus.OPEN)
    assert staff_name.startswith(task.staff_name)
    qtbot.waitUntil(lambda: editor.based_on == before.number + 1 and window.ops.pending == 0, timeout=WAIT)
    assert not ws.has_unsaved_changes()
    assert f"Task {task.ref} created" in editor.message.text()
    saved = stored(demo_path, lambda uow, actor: plans.latest_plan(uow, actor, person.id))
    assert (saved.number, saved.summary) == (before.number + 1, SUMMARY)
    goal = next(g for g in saved.goals if g.description == GOAL)
    assert goal.criterion == CRITERION and goal.steps[0].owner_kind is StepOwner.ORGANIZATION
    assert task.action_step_key == goal.steps[0].step_key
    step_line = next(s for g in goals.model.goals for s in g.steps if s.step_key == task.action_step_key)
    assert f"Task {task.ref}: open" in goals.model.index_of(step_line, 3).data()

    # --- Plan history: the new revision beside the one before, the goal marked added -------------------
    history = ws.tabs.widget(4)
    qtbot.keyClick(focused(), Qt.Key.Key_5, ALT)
    assert ws.tabs.currentWidget() is history
    qtbot.waitUntil(lambda: history.model.rowCount() == saved.number, timeout=WAIT)
    assert history.model.index(0, 0).data() == str(saved.number)
    assert history.model.index(0, 3).data() == SUMMARY
    qtbot.mouseClick(history.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=history.table.visualRect(history.model.index(0, 1)).center())
    with qtbot.waitSignal(history.compared, timeout=WAIT) as compared:
        qtbot.keyClick(history.table, Qt.Key.Key_P, ALT)  # Compare with &previous
    assert compared.args == [before.number, saved.number]
    shown = history.diff.view.toPlainText()
    assert f"[+{GOAL}" in shown and "1 added" in history.diff.summary.text()

    # --- the task board: find the task, reassign it with Ctrl+R, undo with Ctrl+Z ----------------------
    board = window.task_board
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.sections.currentWidget() is board
    qtbot.keyClick(focused(), Qt.Key.Key_I, ALT)  # F&ind
    assert focused() is board.filters.search_box
    with qtbot.waitSignal(board.rows_loaded, timeout=WAIT):
        qtbot.keyClicks(focused(), task.ref)
    qtbot.waitUntil(lambda: [r.id for r in board.model.task_rows()] == [task.id], timeout=WAIT)

    def organization_on_board() -> str:
        return board.model.index(board.model.row_of(task.id), TaskColumn.ORGANIZATION).data()

    assert organization_on_board() == STEP_OWNER
    qtbot.mouseClick(board.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=board.table.visualRect(board.model.index(0, TaskColumn.TITLE)).center())
    qtbot.keyClick(board.table, Qt.Key.Key_R, CTRL)
    dialog = board.task_actions.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    assert f"Reassign 1 task ({task.ref})" in dialog.intro.text() and STEP_OWNER in dialog.intro.text()
    assert focused() is dialog.assignment.organization
    qtbot.keyClick(focused(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(focused(), "access alliance")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # leaving the box picks the one organization it names
    assert dialog.assignment.organization.currentText() == ELSEWHERE
    with qtbot.waitSignal(window.ops.data_changed, timeout=WAIT):
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: board.task_actions.dialog is None and window.ops.pending == 0, timeout=WAIT)
    assert stored(demo_path, lambda uow, _a: uow.tasks.get(task.id).organization.name) == ELSEWHERE
    qtbot.waitUntil(lambda: organization_on_board() == ELSEWHERE, timeout=WAIT)
    assert window.undo_action.text().replace("&", "") == "Undo Reassign 1 task"

    window.activateWindow()  # the offscreen platform has no window manager to do it when the dialog goes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(window.ops.data_changed, timeout=WAIT):
        qtbot.keyClick(board.table, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)
    back = stored(demo_path, lambda uow, _a: (lambda t: (t.organization.name, t.staff_id))(uow.tasks.get(task.id)))
    assert back == (STEP_OWNER, task.staff_id)
    qtbot.waitUntil(lambda: organization_on_board() == STEP_OWNER, timeout=WAIT)
    assert board.model.index(board.model.row_of(task.id), TaskColumn.STAFF).data() == task.staff_name

    # --- a profile edit left unsaved: Ctrl+W asks, Cancel keeps the tab and the typed text ------------
    click_tab(qtbot, window.sections.tabBar(), "Selma Mujić")
    assert window.sections.currentWidget() is ws
    qtbot.keyClick(focused(), Qt.Key.Key_1, ALT)
    assert ws.tabs.currentWidget() is ws.profile
    qtbot.keyClick(focused(), Qt.Key.Key_G, CTRL | SHIFT)  # off the Plan tab, the same keys change the stage
    qtbot.waitUntil(lambda: ws.stage_dialog is not None and ws.stage_dialog.isVisible(), timeout=WAIT)
    ws.stage_dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ws.stage_dialog, timeout=WAIT)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not ws.stage_dialog.isVisible()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    city = ws.profile.fields["city"]
    stored_city = stored(demo_path, lambda uow, actor: people.get_person(uow, actor, person.id).city)
    qtbot.mouseDClick(city, Qt.MouseButton.LeftButton)  # into the box, as a person clicks
    qtbot.keyClick(city, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(city, "Millbrook Heights")
    assert window.sections.tabText(window.sections.indexOf(ws)) == "Selma Mujić *"

    questions.answers["Unsaved changes"] = lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.keyClick(city, Qt.Key.Key_W, CTRL)
    title, text, buttons = questions.asked[-1]
    assert title == "Unsaved changes" and "Selma Mujić has changes that are not saved yet" in text
    assert set(buttons) == {"Save", "Discard", "Cancel"}
    assert person.id in window.sections.people and window.sections.currentWidget() is ws
    assert city.text() == "Millbrook Heights" and ws.has_unsaved_changes()
    assert stored(demo_path, lambda uow, actor: people.get_person(uow, actor, person.id).city) == stored_city

    # Closing again and choosing Discard drops the edit and the tab; the store never saw it.
    questions.answers["Unsaved changes"] = lambda box: qtbot.mouseClick(
        box.button(QMessageBox.StandardButton.Discard), Qt.MouseButton.LeftButton)
    qtbot.keyClick(city, Qt.Key.Key_W, CTRL)
    assert person.id not in window.sections.people
    assert stored(demo_path, lambda uow, actor: people.get_person(uow, actor, person.id).city) == stored_city
    assert dialogs == []
