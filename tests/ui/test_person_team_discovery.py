"""The Team and Discovery tabs on the demo partnership, driven from the keyboard and mouse: add a
natural support or partner staff, end a membership (kept as history), undo each; log, correct and
archive Discovery activities with the totals following; save vocational-profile revisions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.services import discovery, teams
from caseteam.services.discovery import ProfileDraft
from ui.models.activity_model import Column as ActivityColumn
from ui.models.team_model import Column as TeamColumn

# The fixtures are imported by name so pytest finds them here.
from workspace_fixtures import (CTRL, TIMEOUT, desk, ops, person, redo, retype, undo,  # noqa: F401
                                workspace)


# --- the team ------------------------------------------------------------------------------------------------

def team_names(team) -> list[str]:
    return [team.model.index(r, TeamColumn.NAME).data() for r in range(team.model.rowCount())]


def test_add_a_natural_support_then_end_the_membership_keeping_history(qtbot, workspace, desk):
    ws, team = workspace, workspace.team
    ws.show_tab(1)
    qtbot.mouseClick(team.add_support_button, Qt.MouseButton.LeftButton)
    dialog = team.dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no name yet
    qtbot.waitUntil(lambda: dialog.fields.errors["support_name"].isVisible(), timeout=TIMEOUT)
    qtbot.keyClicks(dialog.fields.fields["support_name"], "Rosa Delgado")
    qtbot.keyClicks(dialog.fields.fields["relationship"], "Aunt")
    qtbot.keyClicks(dialog.fields.fields["contact"], "(563) 555-0142")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Rosa Delgado" in team_names(team), timeout=TIMEOUT)
    row = team_names(team).index("Rosa Delgado")
    assert team.model.index(row, TeamColumn.ORGANIZATION).data() == "Aunt (natural support)"
    assert team.model.index(row, TeamColumn.TO).data() == "current"

    qtbot.waitUntil(lambda: team.current_line() is not None and team.current_line().member.name == "Rosa Delgado")
    qtbot.mouseClick(team.end_button, Qt.MouseButton.LeftButton)
    end = team.dialog
    qtbot.waitUntil(end.isVisible)
    qtbot.keyClick(end.ok_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: team.model.index(team_names(team).index("Rosa Delgado"), TeamColumn.TO).data()
                    .startswith("ended "), timeout=TIMEOUT)
    row = team_names(team).index("Rosa Delgado")
    assert row == team.model.rowCount() - 1 or team.model.line_at(row + 1).ended  # history below current
    assert team.model.index(row, TeamColumn.NAME).data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    assert "ended" in team.model.index(row, TeamColumn.NAME).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "ended" in team.summary.text()

    undo(qtbot, ws)  # the end is undone: current again
    qtbot.waitUntil(lambda: team.model.index(team_names(team).index("Rosa Delgado"), TeamColumn.TO).data()
                    == "current", timeout=TIMEOUT)
    undo(qtbot, ws)  # the addition is undone: off the team (archived, not deleted)
    qtbot.waitUntil(lambda: "Rosa Delgado" not in team_names(team), timeout=TIMEOUT)
    redo(qtbot, ws)
    qtbot.waitUntil(lambda: "Rosa Delgado" in team_names(team), timeout=TIMEOUT)
    view = desk(lambda uow, actor: teams.team_view(uow, actor, ws.person_id), write=False)
    assert [line.member.name for line in view.lines].count("Rosa Delgado") == 1


def test_add_partner_staff_found_by_organization(qtbot, workspace):
    team = workspace.team
    workspace.show_tab(1)
    qtbot.mouseClick(team.add_staff_button, Qt.MouseButton.LeftButton)
    dialog = team.dialog
    qtbot.waitUntil(lambda: dialog.results.count() > 0, timeout=TIMEOUT)
    qtbot.keyClicks(dialog.search_box, "benefits")
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.chosen_staff() is not None and all(
        "benefit" in dialog.results.item(n).text().lower() for n in range(dialog.results.count())), timeout=TIMEOUT)
    assert QApplication.focusWidget() is dialog.results  # Return went from the search box to the list
    current = {team.model.line_at(r).member.staff_id for r in range(team.model.rowCount())
               if not team.model.line_at(r).ended}
    while dialog.chosen_staff().id in current:
        qtbot.keyClick(dialog.results, Qt.Key.Key_Down)
    staff = dialog.chosen_staff()
    assert dialog.role.currentText() == "Benefits planner"  # guessed from the title
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: staff.name in team_names(team), timeout=TIMEOUT)
    row = team_names(team).index(staff.name)
    assert team.model.index(row, TeamColumn.ORGANIZATION).data().startswith(staff.organization_name)


# --- Discovery ------------------------------------------------------------------------------------------------

def test_log_an_activity_and_the_totals_follow(qtbot, workspace, desk):
    ws, tab = workspace, workspace.discovery
    ws.show_tab(2)
    before = desk(lambda uow, actor: discovery.discovery_view(uow, actor, ws.person_id), write=False)
    assert tab.totals.text().startswith(f"{len(before.activities)} activities")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.waitUntil(dialog.isVisible)
    fields = dialog.fields.fields
    fields["setting"].setCurrentIndex(fields["setting"].findText("Work try out"))
    retype(qtbot, fields["minutes"].lineEdit(), "1.5")
    qtbot.keyClicks(fields["participants"], "Job developer, store manager")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # nothing learned yet
    qtbot.waitUntil(lambda: dialog.fields.errors["learned"].isVisible(), timeout=TIMEOUT)
    qtbot.keyClicks(fields["learned"], "Keeps pace on the stockroom line")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    total = (before.total_minutes + 90) / 60
    expected = f"{len(before.activities) + 1} activities, total {total:.1f} hours"
    qtbot.waitUntil(lambda: tab.totals.text().startswith(expected), timeout=TIMEOUT)
    assert tab.current_activity().learned == "Keeps pace on the stockroom line"
    row = tab.model.row_of(tab.current_activity().id)
    assert tab.model.index(row, ActivityColumn.HOURS).data() == "1.5"

    qtbot.keyClick(tab.table, Qt.Key.Key_Return)  # Enter edits the chosen activity
    edit = tab.dialog
    qtbot.waitUntil(edit.isVisible)
    retype(qtbot, edit.fields.fields["minutes"].lineEdit(), "2")
    qtbot.mouseClick(edit.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: f"total {(before.total_minutes + 120) / 60:.1f} hours" in tab.totals.text(),
                    timeout=TIMEOUT)
    undo(qtbot, ws)
    qtbot.waitUntil(lambda: f"total {total:.1f} hours" in tab.totals.text(), timeout=TIMEOUT)

    qtbot.mouseClick(tab.archive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.totals.text().startswith(f"{len(before.activities)} activities"), timeout=TIMEOUT)
    undo(qtbot, ws)
    qtbot.waitUntil(lambda: tab.totals.text().startswith(expected), timeout=TIMEOUT)


def test_save_a_profile_revision_with_a_summary(qtbot, workspace, desk):
    ws, editor = workspace, workspace.discovery.editor
    ws.show_tab(2)
    number = editor.number
    strengths = editor.form.fields["strengths"]
    strengths.setFocus()
    qtbot.keyClick(strengths, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(strengths, " Remembers every customer's name.")
    assert ws.has_unsaved_changes()
    qtbot.keyClick(strengths, Qt.Key.Key_S, CTRL)  # Ctrl+S on this tab asks for the summary
    dialog = editor.dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.fields.errors["summary"].isVisible(), timeout=TIMEOUT)
    qtbot.keyClicks(dialog.fields.fields["summary"], "Strengths after the retail try-out")
    with qtbot.waitSignal(editor.save_finished, timeout=TIMEOUT) as finished:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert finished.args == [True]
    assert editor.number == number + 1 and not ws.has_unsaved_changes()
    assert f"Revision {number + 1}" in editor.revision_label.text()
    latest = desk(lambda uow, actor: discovery.latest_profile(uow, actor, ws.person_id), write=False)
    assert (latest.number, latest.summary) == (number + 1, "Strengths after the retail try-out")
    assert latest.content.strengths.endswith("Remembers every customer's name.")


def test_a_revision_saved_meanwhile_keeps_the_typed_text(qtbot, workspace, desk):
    ws, editor = workspace, workspace.discovery.editor
    ws.show_tab(2)
    number = editor.number
    desk(lambda uow, actor: discovery.save_profile_revision(
        uow, actor, ws.person_id, ProfileDraft(theme_1="bikes"), summary="Colleague", based_on=number))
    retype(qtbot, editor.form.fields["theme_2"], "animals")
    editor.save()
    qtbot.keyClicks(editor.dialog.fields.fields["summary"], "Mine")
    with qtbot.waitSignal(editor.save_finished, timeout=TIMEOUT) as finished:
        qtbot.mouseClick(editor.dialog.ok_button, Qt.MouseButton.LeftButton)
    assert finished.args == [False]
    qtbot.waitUntil(lambda: editor.number == number + 1, timeout=TIMEOUT)
    assert "Not saved" in editor.message.text()
    assert editor.form.fields["theme_2"].text() == "animals"
    assert editor.form.errors["theme_1"].isVisible()  # their change is pointed out
    assert ws.has_unsaved_changes()
    editor.save()
    qtbot.keyClicks(editor.dialog.fields.fields["summary"], "Mine, over theirs")
    with qtbot.waitSignal(editor.save_finished, timeout=TIMEOUT):
        qtbot.mouseClick(editor.dialog.ok_button, Qt.MouseButton.LeftButton)
    latest = desk(lambda uow, actor: discovery.latest_profile(uow, actor, ws.person_id), write=False)
    assert (latest.number, latest.content.theme_2) == (number + 2, "animals")
