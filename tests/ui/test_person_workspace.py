"""A person's workspace on the demo partnership, driven from the keyboard and mouse: the profile (edit,
save, undo, problems next to the field, stale saves that keep the input), the unsaved-edit contract,
the header's stage, tab keys, parts added by the window, and the accessibility walk."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from caseteam.domain.people import Stage
from caseteam.services import handovers, people
from caseteam.services.changes import Changes
from ui.models.activity_model import ActivityModel
from ui.models.team_model import TeamModel

from accessibility import clashing_mnemonics, unnamed_controls
# The fixtures are imported by name so pytest finds them here.
from workspace_fixtures import (CTRL, TIMEOUT, desk, ops, person, redo, retype, stored_person, undo,  # noqa: F401
                                workspace)


# --- the profile ------------------------------------------------------------------------------------------

def test_edit_a_field_save_with_ctrl_s_and_undo(qtbot, workspace, desk):
    ws, form = workspace, workspace.profile
    old_phone = form.row.phone
    titles = []
    ws.title_changed.connect(titles.append)
    retype(qtbot, form.fields["phone"], "(563) 555-0199")
    assert ws.has_unsaved_changes() and titles[-1] == f"{ws.person.display_name} *"
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        qtbot.keyClick(form.fields["phone"], Qt.Key.Key_S, CTRL)
    assert stored_person(desk, ws.person_id).phone == "(563) 555-0199"
    assert not ws.has_unsaved_changes() and titles[-1] == ws.person.display_name
    qtbot.waitUntil(lambda: ws.ops.pending == 0, timeout=TIMEOUT)  # the refresh the save caused changes nothing
    assert form.message.text().startswith("Saved") and form.fields["phone"].text() == "(563) 555-0199"
    undo(qtbot, ws)
    assert stored_person(desk, ws.person_id).phone == old_phone
    qtbot.waitUntil(lambda: form.fields["phone"].text() == old_phone, timeout=TIMEOUT)  # the form follows
    redo(qtbot, ws)
    assert stored_person(desk, ws.person_id).phone == "(563) 555-0199"


def test_a_cleared_required_field_is_marked_next_to_it_and_nothing_is_saved(qtbot, workspace, desk):
    form = workspace.profile
    before = stored_person(desk, workspace.person_id)
    retype(qtbot, form.fields["given_name"], "")
    qtbot.keyClick(form.fields["given_name"], Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: form.errors["given_name"].isVisible(), timeout=TIMEOUT)
    assert "Given name is required" in form.errors["given_name"].text()
    assert form.fields["given_name"].accessibleDescription() == "Given name is required."
    assert stored_person(desk, workspace.person_id).version == before.version
    assert workspace.has_unsaved_changes()
    qtbot.keyClicks(form.fields["given_name"], "Alex")
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert not form.errors["given_name"].isVisible()
    assert stored_person(desk, workspace.person_id).given_name == "Alex"


def test_a_bad_email_is_explained_under_the_email_box(qtbot, workspace):
    form = workspace.profile
    retype(qtbot, form.fields["email"], "not-an-address")
    form.save()
    qtbot.waitUntil(lambda: form.errors["email"].isVisible(), timeout=TIMEOUT)
    assert "is not an email address" in form.errors["email"].text()
    assert not form.errors["phone"].isVisible()


def test_a_stale_save_keeps_the_input_and_says_what_changed(qtbot, workspace, desk):
    ws, form = workspace, workspace.profile
    desk(lambda uow, actor: people.update_person(uow, actor, ws.person_id, version=None, phone="(563) 555-0111"))
    retype(qtbot, form.fields["email"], "new.address@example.org")
    with qtbot.waitSignal(form.save_finished, timeout=TIMEOUT) as finished:
        form.save()
    assert finished.args == [False]
    qtbot.waitUntil(lambda: "someone else changed" in form.message.text(), timeout=TIMEOUT)
    assert "Phone" in form.message.text()
    assert form.errors["phone"].isVisible() and "(563) 555-0111" in form.errors["phone"].text()
    assert form.fields["email"].text() == "new.address@example.org"  # the user's input is kept
    assert form.fields["phone"].text() == "(563) 555-0111"          # and theirs is shown
    assert ws.has_unsaved_changes()
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        form.save()
    saved = stored_person(desk, ws.person_id)
    assert (saved.email, saved.phone) == ("new.address@example.org", "(563) 555-0111")


def test_choices_and_dates_are_edited_too(qtbot, workspace, desk):
    form = workspace.profile
    lead = form.fields["lead_staff_id"]
    lead.setFocus()
    start = lead.currentIndex()
    qtbot.keyClick(lead, Qt.Key.Key_Down)
    chosen = lead.currentData()
    assert lead.currentIndex() != start and workspace.has_unsaved_changes()
    form.fields["date_of_birth"].unknown.setFocus()
    qtbot.keyClick(form.fields["date_of_birth"].unknown, Qt.Key.Key_Space)
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        form.save()
    stored = stored_person(desk, workspace.person_id)
    assert (stored.lead_staff_id, stored.date_of_birth) == (chosen, None)


def test_a_lead_who_left_is_still_shown_by_name_and_not_an_edit(qtbot, workspace, desk):
    form = workspace.profile
    lead_id, lead_name = form.row.lead_staff_id, form.row.lead_staff_name
    # Their record closed with nothing handed over (the quality dashboard warns about such work).
    desk(lambda uow, actor: handovers.hand_over(uow, actor, lead_id, deactivate=True))
    form.refresh()
    qtbot.waitUntil(lambda: "no longer active" in form.fields["lead_staff_id"].currentText(), timeout=TIMEOUT)
    assert form.fields["lead_staff_id"].currentText() == f"{lead_name} (no longer active)"
    assert not workspace.has_unsaved_changes()


def test_unsaved_edits_add_up_and_discard_puts_them_back(qtbot, workspace):
    ws = workspace
    city = ws.profile.fields["city"].text()
    retype(qtbot, ws.profile.fields["city"], "Millbrook Heights")
    ws.show_tab(2)
    qtbot.keyClicks(ws.discovery.editor.form.fields["theme_3"], " and more")
    assert ws.profile.has_unsaved_changes() and ws.discovery.has_unsaved_changes() and ws.has_unsaved_changes()
    ws.discard()
    assert not ws.has_unsaved_changes()
    assert ws.profile.fields["city"].text() == city


def test_workspace_save_waits_for_the_answer_and_reports_a_refusal(qtbot, workspace, desk):
    ws = workspace
    retype(qtbot, ws.profile.fields["city"], "Millbrook Heights")
    assert ws.save() is True and not ws.has_unsaved_changes()
    assert stored_person(desk, ws.person_id).city == "Millbrook Heights"
    retype(qtbot, ws.profile.fields["family_name"], "")
    assert ws.save() is False  # the close prompt then keeps the tab open
    assert ws.profile.errors["family_name"].isVisible()


# --- in the main window -----------------------------------------------------------------------------------

@pytest.fixture
def in_window(open_window, demo_path, qtbot):
    """The workspace as the window opens it: Enter on a caseload line."""
    window = open_window(demo_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.caseload
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(3, 0))
    person = page.model.row_at(3)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: person.id in window.sections.people)
    ws = window.sections.people[person.id]
    qtbot.waitUntil(lambda: ws.profile.row is not None, timeout=TIMEOUT)
    return window, ws


def test_the_window_tab_shows_the_star_and_closing_asks_cancel_keeps_the_edit(qtbot, in_window):
    window, ws = in_window
    retype(qtbot, ws.profile.fields["city"], "Millbrook Heights")
    assert window.sections.tabText(window.sections.indexOf(ws)).endswith(" *")
    asked = []
    window.sections.ask = lambda _parent, what: asked.append(what) or QMessageBox.StandardButton.Cancel
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL)
    assert asked and ws.person_id in window.sections.people
    assert ws.profile.fields["city"].text() == "Millbrook Heights"
    window.close()  # closing the window asks too; Cancel keeps it open with the edit
    assert window.isVisible() and len(asked) == 2
    window.sections.ask = lambda _parent, _what: QMessageBox.StandardButton.Save
    qtbot.keyClick(window, Qt.Key.Key_W, CTRL)  # Save waits for the answer, then the tab closes
    assert ws.person_id not in window.sections.people


def test_a_part_added_with_add_tab_joins_keys_refreshes_and_unsaved_checks(qtbot, workspace):
    """How the window adds Plan, Revisions and Tasks: a part with the editor contract counts."""
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QLineEdit

    class Part(QLineEdit):
        dirty_changed = Signal(bool)
        save_finished = Signal(bool)

        def __init__(self):
            super().__init__()
            self.setAccessibleName("A part")
            self.heard, self.refreshed = [], 0

        def has_unsaved_changes(self):
            return bool(self.text())

        def save(self):
            QTimer.singleShot(0, lambda: (self.clear(), self.save_finished.emit(True)))
            return True

        def discard(self):
            self.clear()

        def refresh(self):
            self.refreshed += 1

        def apply_changes(self, changes):
            self.heard.append(changes)

    ws = workspace
    part = Part()
    assert ws.add_tab(part, "Plan", position=3) == 3
    titles = []
    ws.title_changed.connect(titles.append)
    qtbot.keyClick(ws.profile.fields["city"], Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert ws.tabs.currentWidget() is part and ws.tabs.tabToolTip(3) == "Alt+4"
    qtbot.keyClicks(part, "x")
    part.dirty_changed.emit(True)
    assert ws.has_unsaved_changes() and titles[-1].endswith(" *")
    assert ws.save() is True and not part.text()  # the workspace waited for the part's answer
    ws.refresh()
    ws.apply_changes(Changes(plans=True))
    assert part.refreshed == 1 and part.heard == [Changes(plans=True)]
    qtbot.waitUntil(lambda: ws.ops.pending == 0, timeout=TIMEOUT)


# --- the header and tabs ----------------------------------------------------------------------------------

def test_alt_numbers_and_ctrl_page_keys_switch_tabs(qtbot, workspace):
    ws = workspace
    ws.profile.fields["given_name"].setFocus()
    qtbot.keyClick(ws.profile.fields["given_name"], Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert ws.tabs.currentWidget() is ws.discovery and QApplication.focusWidget() is ws.discovery.table
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, CTRL)
    assert ws.tabs.currentWidget() is ws.profile  # wraps around
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, CTRL)
    assert ws.tabs.currentWidget() is ws.team
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageUp, CTRL)
    assert ws.tabs.currentWidget() is ws.profile


def test_change_stage_needs_a_reason_for_on_hold_and_undo_puts_it_back(qtbot, workspace, desk):
    ws = workspace
    before = ws.person
    qtbot.keyClick(ws.profile.fields["city"], Qt.Key.Key_G, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = ws.stage_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.stage.setCurrentIndex(dialog.stage.findText("On hold (reason required)"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.fields.errors["reason"].isVisible(), timeout=TIMEOUT)
    assert "Say why" in dialog.fields.errors["reason"].text() and dialog.isVisible()
    qtbot.keyClicks(dialog.reason, "Surgery in December")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT)
    assert "On hold" in ws.header.text()
    assert stored_person(desk, ws.person_id).stage is Stage.ON_HOLD
    undo(qtbot, ws)
    back = stored_person(desk, ws.person_id)
    assert (back.stage, back.stage_entered_on) == (before.stage, before.stage_entered_on)
    qtbot.waitUntil(lambda: before.stage.label in ws.header.text(), timeout=TIMEOUT)


def test_tab_moves_from_each_table_to_its_buttons(qtbot, workspace):
    ws = workspace
    for index, table, first in ((1, ws.team.table, ws.team.add_staff_button),
                                (2, ws.discovery.table, ws.discovery.add_button)):
        ws.show_tab(index)
        table.setFocus()
        qtbot.keyClick(table, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is first


# --- accessibility and models -----------------------------------------------------------------------------------

def test_every_control_is_named_on_every_tab_and_in_every_dialog(qtbot, workspace):
    ws = workspace
    problems = []
    for index in range(ws.tabs.count()):
        ws.show_tab(index)
        QApplication.processEvents()
        problems += unnamed_controls(ws) + clashing_mnemonics(ws)
        # The window's menus own Alt+F, E, V and H.
        problems += [text for text in _visible_mnemonics(ws) if text[0] in "fevh"]
    ws.change_stage()
    ws.team.add_natural_support()
    qtbot.waitUntil(lambda: ws.ops.pending == 0, timeout=TIMEOUT)
    dialogs = [ws.stage_dialog, ws.team.dialog]
    ws.team.add_partner_staff()
    dialogs.append(ws.team.dialog)
    ws.discovery.add_activity()
    dialogs.append(ws.discovery.dialog)
    for dialog in dialogs:
        problems += unnamed_controls(dialog) + clashing_mnemonics(dialog)
        dialog.reject()
    assert problems == []


def _visible_mnemonics(root) -> list[str]:
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel

    found = []
    for widget in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        match = re.search(r"&([^&\s])", widget.text().replace("&&", ""))
        if match and widget.isVisibleTo(root):
            found.append(match.group(1).lower() + " " + widget.text())
    return found


def test_the_models_follow_qt_rules(qtmodeltester, workspace):
    qtmodeltester.check(workspace.team.model, force_py=True)
    qtmodeltester.check(workspace.discovery.model, force_py=True)
    qtmodeltester.check(TeamModel(), force_py=True)
    qtmodeltester.check(ActivityModel(), force_py=True)




def test_the_window_adds_plan_history_and_tasks_tabs(qtbot, in_window):
    from ui.models.task_model import Column

    _, ws = in_window
    titles = [ws.tabs.tabText(i).replace("&", "") for i in range(ws.tabs.count())]
    for wanted in ("Plan", "Plan history", "Profile history", "Tasks"):
        assert wanted in titles
    tasks = ws.tasks
    qtbot.waitUntil(lambda: tasks.choices is not None, timeout=TIMEOUT)
    ws.tabs.setCurrentWidget(tasks)
    with qtbot.waitSignal(tasks.rows_loaded, timeout=TIMEOUT):
        tasks.filters.status.setCurrentIndex(tasks.filters.status.findText("Any status"))
    rows = [tasks.model.row_at(r) for r in range(tasks.model.rowCount())]
    assert rows and {r.person_id for r in rows} == {ws.person_id}
    assert tasks.table.isColumnHidden(Column.PERSON)
