"""Plan and profile history: compare any two revisions side by side, the first plan, undo and redo of a
saved revision, and the editor inside a person's workspace (Ctrl+S and the close prompt)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.services import people, plans
from plan_editing import WAIT, answer_save, in_store, open_editor, person_id, session_fixture  # noqa: F401
from ui.screens.person.plan_editor import PlanEditor
from ui.screens.person.revisions import RevisionHistory
from ui.widgets.text_diff import change_summary, side_by_side, word_diff

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_profile_revisions_compare_side_by_side(qtbot, session):
    history = RevisionHistory(session.ops, session.actor, session.history, person_id(session.path, "PE-0006"),
                              kind="profile")
    qtbot.addWidget(history)
    history.show()
    with qtbot.waitSignal(history.loaded, timeout=WAIT) as loaded:
        history.refresh()
    assert loaded.args == [2]
    table = history.table
    older = table.visualRect(history.model.index(1, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=older)
    assert "first revision" in history.diff.summary.text()
    with qtbot.waitSignal(history.compared, timeout=WAIT):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                         pos=table.visualRect(history.model.index(0, 0)).center())
    assert history.shown == (1, 2) and history.diff.differences
    assert history.diff.summary.text().endswith(change_summary(history.diff.differences))


def test_word_diff_marks_changes_without_colour():
    assert word_diff("Call Karen Mitchell today", "Call Hannah Brooks today") == [
        ("same", "Call "), ("removed", "Karen Mitchell"), ("added", "Hannah Brooks"), ("same", " today")]
    left, right = side_by_side("two try-outs", "three try-outs")
    assert "[-two-]" in left and "line-through" in left and "[+three+]" in right and "underline" in right
    assert "three" not in left and "two" not in right
    assert change_summary([]) .startswith("No changes")


def test_inside_the_workspace_ctrl_s_and_the_close_prompt_save_a_revision(qtbot, session, monkeypatch):
    from ui.screens.person.workspace import PersonWorkspace

    pid = person_id(session.path, "PE-0021")
    workspace = PersonWorkspace(session.ops, session.actor, session.history, pid)
    qtbot.addWidget(workspace)
    editor = PlanEditor(session.ops, session.actor, session.history, pid)
    history = RevisionHistory(session.ops, session.actor, session.history, pid)
    workspace.add_tab(editor, "Plan")
    workspace.add_tab(history, "Plan history")
    titles = []
    workspace.title_changed.connect(titles.append)
    workspace.resize(1366, 768)
    workspace.show()
    workspace.activateWindow()
    with qtbot.waitSignals([editor.loaded, history.loaded], timeout=WAIT):
        workspace.load()
        editor.load()
        history.refresh()
    workspace.show_tab(workspace.tabs.indexOf(editor))
    qtbot.waitUntil(lambda: QApplication.activeWindow() is workspace)
    assert editor.save_action not in editor.actions()  # the workspace's Ctrl+S answers, not two at once
    vision = editor.fields["vision"]
    vision.setFocus()
    qtbot.keyClicks(vision, " Outdoors.")
    qtbot.waitUntil(lambda: bool(titles) and titles[-1].endswith(" *"))
    assert workspace.has_unsaved_changes()
    asked = answer_save(monkeypatch, qtbot, "Vision: outdoors")
    session.ops.data_changed.connect(workspace.apply_changes)
    with qtbot.waitSignal(editor.saved, timeout=WAIT):
        qtbot.keyClick(vision, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1 and not workspace.has_unsaved_changes()
    qtbot.waitUntil(lambda: history.model.index(0, 3).data() == "Vision: outdoors", timeout=WAIT)

    qtbot.keyClicks(vision, " Near home.")
    answer_save(monkeypatch, qtbot, "Vision: near home")
    assert workspace.save() is True  # "Save" in the close prompt waits for the revision to be saved
    latest = in_store(session.path, lambda uow, actor: plans.latest_plan(uow, actor, pid))
    assert latest.summary == "Vision: near home"
    assert "Outdoors." in latest.draft.vision and "Near home." in latest.draft.vision


def test_the_first_plan_and_undo_redo_of_a_saved_revision(qtbot, session, monkeypatch):
    no_plan = in_store(session.path, lambda uow, actor: next(
        r.ref for r in people.caseload(uow, actor) if r.plan_number is None))
    editor = open_editor(qtbot, session, no_plan)
    assert "has no saved plan yet" in editor.header.text() and editor.goals.model.rowCount() == 0
    history = RevisionHistory(session.ops, session.actor, session.history, editor.person_id)
    qtbot.addWidget(history)
    with qtbot.waitSignal(history.loaded, timeout=WAIT):
        history.refresh()
    assert "No revision of the plan is saved yet" in history.diff.summary.text()

    vision = editor.fields["vision"]
    vision.setFocus()
    qtbot.keyClicks(vision, "Work in a bakery")
    qtbot.keyClick(vision, Qt.Key.Key_G, CTRL_SHIFT)
    qtbot.keyClicks(editor.goals.goal_form.description, "Try out two bakeries")
    answer_save(monkeypatch, qtbot, "First plan")
    with qtbot.waitSignal(editor.saved, timeout=WAIT) as saved:
        qtbot.keyClick(editor.goals.goal_form.description, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args[0].number == 1
    qtbot.waitUntil(lambda: "revision 1" in editor.header.text(), timeout=WAIT)

    def latest():
        return in_store(session.path, lambda uow, actor: plans.latest_plan(uow, actor, editor.person_id))

    assert session.history.stack.undoText() == "Save plan revision 1"
    with qtbot.waitSignal(session.ops.data_changed, timeout=WAIT):
        session.history.stack.undo()  # history is kept: undo saves the plan as it was before, as revision 2
    undone = latest()
    assert (undone.number, undone.draft.vision, undone.goals) == (2, "", ())
    assert undone.summary.startswith("Undo of revision 1")
    qtbot.waitUntil(lambda: editor.fields["vision"].toPlainText() == "", timeout=WAIT)
    with qtbot.waitSignal(session.ops.data_changed, timeout=WAIT):
        session.history.stack.redo()
    redone = latest()
    assert (redone.number, redone.draft.vision, redone.summary) == (3, "Work in a bakery", "First plan")
    assert [g.description for g in redone.goals] == ["Try out two bakeries"]
