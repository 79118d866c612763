"""The plan editor on the demo partnership, driven from the keyboard and the mouse: add a goal and a
partner's step, make a task from it, save, compare; refusals, stale saves and problems next to the field."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from caseteam.domain.plans import StepOwner
from caseteam.domain.tasks import TaskStatus
from caseteam.services import plans, tasks
from caseteam.services.changes import Changes
from plan_editing import (WAIT, answer_save, answer_task, in_store, open_editor,
                          session_fixture, status_text, steps)  # noqa: F401  (the fixture)
from ui.models.plan_goals_model import EditGoal
from ui.screens.person.revisions import RevisionHistory

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_add_goal_and_partner_step_create_task_save_and_compare(qtbot, session, monkeypatch, dialogs):
    editor = open_editor(qtbot, session, "PE-0006")
    first_number = editor.based_on
    goals = editor.goals
    goals.tree.setFocus()
    qtbot.keyClick(goals.tree, Qt.Key.Key_G, CTRL_SHIFT)
    form = goals.goal_form
    assert form.description.hasFocus() and isinstance(goals.current_item(), EditGoal)
    qtbot.keyClicks(form.description, "Ride the bus to work on my own")
    qtbot.keyClick(form.description, Qt.Key.Key_Tab)
    assert form.criterion.hasFocus()
    qtbot.keyClicks(form.criterion, "Five trips alone")
    assert editor.has_unsaved_changes()

    qtbot.keyClick(form.criterion, Qt.Key.Key_A, CTRL_SHIFT)  # Add step, to the goal just written
    step_form = goals.step_form
    assert step_form.description.hasFocus()
    qtbot.keyClicks(step_form.description, "Travel training on the route to work")
    step_form.owner_kind.setFocus()
    qtbot.keyClick(step_form.owner_kind, Qt.Key.Key_End)  # "A partner organization"
    assert step_form.organization.isVisible() and not step_form.support.isVisible()
    step_form.organization.setFocus()
    qtbot.keyClicks(step_form.organization, "Bridgeway")
    assert step_form.organization.currentText().startswith("Bridgeway")
    qtbot.keyClick(step_form.staff, Qt.Key.Key_Down)
    staff_name = step_form.staff.currentText()
    assert staff_name != "Anyone at the organization"
    step = goals.current_step()
    assert "No task yet" in status_text(editor, step) and "(new)" in goals.tree.currentIndex().data()

    # The step is new: the editor offers to save the revision first, then makes the task.
    monkeypatch.setattr(editor.steps, "ask_save_first", lambda _parent: True)
    asked = answer_save(monkeypatch, qtbot, "Added a goal for riding the bus; Bridgeway trains the route")
    task_asked = answer_task(monkeypatch)
    with qtbot.waitSignal(editor.task_created, timeout=WAIT) as created:
        qtbot.keyClick(step_form.staff, Qt.Key.Key_T, CTRL_SHIFT)
    task = created.args[0]
    assert len(asked) == 1 and asked[0].windowTitle() == "Save plan revision"
    assert "Bridgeway" in task_asked[0].findChildren(type(editor.header))[0].text()
    assert editor.based_on == first_number + 1 and not editor.has_unsaved_changes()
    assert (task.title, task.status) == ("Travel training on the route to work", TaskStatus.OPEN)
    assert task.organization_name.startswith("Bridgeway") and staff_name.startswith(task.staff_name)
    saved = in_store(session.path, lambda uow, actor: plans.latest_plan(uow, actor, editor.person_id))
    assert saved.summary == "Added a goal for riding the bus; Bridgeway trains the route"
    new_goal = next(g for g in saved.goals if g.description == "Ride the bus to work on my own")
    new_step = new_goal.steps[0]
    assert (new_goal.criterion, new_step.owner_kind) == ("Five trips alone", StepOwner.ORGANIZATION)
    assert saved.goals.index(new_goal) == 1  # added after the goal the cursor was on
    assert task.action_step_key == new_step.step_key
    shown = next(s for s in steps(editor) if s.step_key == new_step.step_key)
    qtbot.waitUntil(lambda: f"Task {task.ref}: open" in status_text(editor, shown), timeout=WAIT)

    # Compare the new revision with the one before: the goal is marked added, word for word.
    history = RevisionHistory(session.ops, session.actor, session.history, editor.person_id, kind="plan")
    qtbot.addWidget(history)
    history.resize(1366, 720)
    history.show()
    with qtbot.waitSignal(history.loaded, timeout=WAIT):
        history.refresh()
    table = history.table
    newest = table.visualRect(history.model.index(0, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=newest)
    with qtbot.waitSignal(history.compared, timeout=WAIT) as compared:
        qtbot.mouseClick(history.previous_button, Qt.MouseButton.LeftButton)
    assert compared.args == [first_number, first_number + 1]
    added = [d for d in history.diff.differences if (d.label, d.kind) == ("Goal", "added")]
    assert len(added) == 1 and "Ride the bus to work on my own" in added[0].after
    assert "[+Ride the bus to work on my own" in history.diff.view.toPlainText()
    assert "1 added" in history.diff.summary.text()
    assert history.model.index(0, 3).data() == "Added a goal for riding the bus; Bridgeway trains the route"
    assert dialogs == []


def test_task_from_a_saved_step_is_undone_by_archiving_it(qtbot, session, monkeypatch):
    editor = open_editor(qtbot, session, "PE-0039")  # a plan whose partner steps have no task yet
    step = next(s for s in steps(editor) if s.owner_kind is StepOwner.ORGANIZATION and not s.done)
    editor.goals.select(step)
    editor.goals.tree.setFocus()
    answer_task(monkeypatch)
    with qtbot.waitSignal(editor.task_created, timeout=WAIT) as created:
        qtbot.keyClick(editor.goals.tree, Qt.Key.Key_T, CTRL_SHIFT)
    task = created.args[0]
    assert task.action_step_key == step.step_key and editor.based_on == 1 + 1  # no new revision needed
    with qtbot.waitSignal(session.ops.data_changed, timeout=WAIT):
        session.history.stack.undo()
    assert in_store(session.path, lambda uow, actor: plans.step_status(uow, actor, editor.person_id)) == {}
    qtbot.waitUntil(lambda: "No task yet" in status_text(
        editor, next(s for s in steps(editor) if s.step_key == step.step_key)), timeout=WAIT)


def test_a_step_the_person_carries_out_gets_no_task(qtbot, session, dialogs):
    editor = open_editor(qtbot, session, "PE-0039")
    before = in_store(session.path, lambda uow, actor: plans.step_status(uow, actor, editor.person_id))
    step = next(s for s in steps(editor) if s.owner_kind is StepOwner.PERSON)
    editor.goals.select(step)
    editor.goals.tree.setFocus()
    qtbot.keyClick(editor.goals.tree, Qt.Key.Key_T, CTRL_SHIFT)
    assert len(dialogs) == 1 and "Only a step owned by a partner organization" in dialogs[0][1]
    assert not editor.goals.step_form.task_button.isEnabled()
    assert in_store(session.path, lambda uow, actor: plans.step_status(uow, actor, editor.person_id)) == before


def test_completing_the_linked_task_shows_the_step_done_and_the_next_revision_keeps_it(qtbot, session,
                                                                                       monkeypatch):
    editor = open_editor(qtbot, session, "PE-0014")  # one partner step has an open task
    step = next(s for s in steps(editor) if s.task and s.task.status is TaskStatus.OPEN)
    key, ref = step.step_key, step.task.ref
    assert not step.done and "✓ Done" not in status_text(editor, step)
    in_store(session.path, lambda uow, actor: tasks.complete_task(uow, actor, step.task.task_id))
    editor.apply_changes(Changes(tasks=True))  # what the window passes on after the board completes it
    qtbot.waitUntil(lambda: "✓ Done" in status_text(editor, next(s for s in steps(editor) if s.step_key == key)),
                    timeout=WAIT)
    shown = next(s for s in steps(editor) if s.step_key == key)
    assert f"Task {ref}: done" in status_text(editor, shown)
    editor.goals.select(shown)
    assert editor.goals.step_form.done.isChecked() and not editor.goals.step_form.done.isEnabled()
    assert not editor.has_unsaved_changes()
    answer_save(monkeypatch, qtbot, "Reviewed after the benefits summary")
    with qtbot.waitSignal(editor.saved, timeout=WAIT):
        qtbot.keyClick(editor.goals.tree, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    latest = in_store(session.path, lambda uow, actor: plans.latest_plan(uow, actor, editor.person_id))
    assert next(s for g in latest.goals for s in g.steps if s.step_key == key).done


def test_a_stale_save_is_refused_and_keeps_the_edits(qtbot, session, monkeypatch, dialogs):
    editor = open_editor(qtbot, session, "PE-0021")
    loaded = editor.based_on
    vision = editor.fields["vision"]
    vision.setFocus()
    vision.selectAll()
    qtbot.keyClicks(vision, "Work outdoors with plants")

    def someone_else(uow, actor):
        latest = plans.latest_plan(uow, actor, editor.person_id)
        return plans.save_plan_revision(uow, actor, editor.person_id, replace(latest.draft, vision="Garden work"),
                                        summary="Changed by a colleague", based_on=latest.number)

    in_store(session.path, someone_else)
    answer_save(monkeypatch, qtbot, "New vision")
    qtbot.keyClick(vision, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.based_on == loaded + 1, timeout=WAIT)
    assert "someone else" in editor.message.text() and "Vision" in editor.message.text()
    assert any("someone else" in text for _kind, text in dialogs)
    assert vision.toPlainText() == "Work outdoors with plants" and editor.has_unsaved_changes()

    answer_save(monkeypatch, qtbot, "New vision, on top of the colleague's revision")
    with qtbot.waitSignal(editor.saved, timeout=WAIT) as saved:
        qtbot.keyClick(vision, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args[0].number == loaded + 2 and saved.args[0].draft.vision == "Work outdoors with plants"


def test_problems_are_shown_next_to_the_goal_or_step_and_focus_goes_there(qtbot, session, monkeypatch):
    editor = open_editor(qtbot, session, "PE-0021")
    goals = editor.goals
    goals.tree.setFocus()
    qtbot.keyClick(goals.tree, Qt.Key.Key_G, CTRL_SHIFT)  # a goal left without words
    goal = goals.current_item()
    answer_save(monkeypatch, qtbot, "Trying to save")
    qtbot.keyClick(goals.goal_form.description, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: goals.goal_form.fields.errors["description"].isVisible(), timeout=WAIT)
    assert "is required" in goals.goal_form.fields.errors["description"].text()
    assert goals.goal_form.description.hasFocus() and "⚠" in status_text(editor, goal)

    qtbot.keyClicks(goals.goal_form.description, "Find a second job")
    goals.tree.setFocus()
    qtbot.keyClick(goals.tree, Qt.Key.Key_Insert)  # a step under that goal
    qtbot.keyClicks(goals.step_form.description, "Ask around at church")
    goals.step_form.owner_kind.setFocus()
    qtbot.keyClick(goals.step_form.owner_kind, Qt.Key.Key_End)  # a partner, but which one is not chosen
    qtbot.keyClick(goals.step_form.owner_kind, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: goals.step_form.fields.errors["owner"].isVisible(), timeout=WAIT)
    assert "Choose the partner organization" in goals.step_form.fields.errors["owner"].text()
    assert goals.step_form.organization.hasFocus()
    assert editor.has_unsaved_changes()


def test_the_goals_tree_from_the_keyboard_and_discard(qtbot, session):
    editor = open_editor(qtbot, session, "PE-0006")
    goals, tree = editor.goals, editor.goals.tree
    names = [g.description for g in goals.model.goals]
    tree.setFocus()
    tree.setCurrentIndex(goals.model.index(1, 0))
    qtbot.keyClick(tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [g.description for g in goals.model.goals] == [names[1], names[0], *names[2:]]
    assert tree.currentIndex().row() == 0 and editor.has_unsaved_changes()
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [g.description for g in goals.model.goals] == names and not editor.has_unsaved_changes()
    first_steps = len(goals.model.goals[0].steps)
    tree.setCurrentIndex(goals.model.index(0, 0))
    qtbot.keyClick(tree, Qt.Key.Key_Insert)
    assert len(goals.model.goals[0].steps) == first_steps + 1
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert len(goals.model.goals[0].steps) == first_steps
    tree.setCurrentIndex(goals.model.index(2, 0))
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert len(goals.model.goals) == len(names) - 1 and "Removed goal 3" in editor.message.text()
    qtbot.mouseClick(editor.discard_button, Qt.MouseButton.LeftButton)
    assert [g.description for g in goals.model.goals] == names and not editor.has_unsaved_changes()


def test_models_pass_the_model_tester(qtbot, session, qtmodeltester):
    editor = open_editor(qtbot, session, "PE-0006")
    qtmodeltester.check(editor.goals.model)
    editor.goals.model.move(editor.goals.model.index(0, 0), 1)
    editor.goals.model.add_step(0)
    qtmodeltester.check(editor.goals.model)
    history = RevisionHistory(session.ops, session.actor, session.history, editor.person_id)
    qtbot.addWidget(history)
    with qtbot.waitSignal(history.loaded, timeout=WAIT):
        history.refresh()
    qtmodeltester.check(history.model)


def test_every_control_is_named_and_every_action_has_keys(qtbot, session):
    editor = open_editor(qtbot, session, "PE-0006")
    problems = []
    for kind in (StepOwner.ORGANIZATION, StepOwner.NATURAL_SUPPORT, StepOwner.PERSON):
        editor.goals.select(next(s for s in steps(editor) if s.owner_kind is kind))
        problems += unnamed_controls(editor) + clashing_mnemonics(editor)
    problems += actions_without_keyboard_route(editor)
    editor.goals.select(editor.goals.model.goals[0])
    problems += unnamed_controls(editor) + clashing_mnemonics(editor)
    history = RevisionHistory(session.ops, session.actor, session.history, editor.person_id)
    qtbot.addWidget(history)
    history.show()
    problems += unnamed_controls(history) + actions_without_keyboard_route(history) + clashing_mnemonics(history)
    assert problems == []
