"""A person's workspace: edit the profile from the keyboard, errors next to the field, stale saves
that keep the input, undo, and no unsaved edit lost when the tab closes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from caseteam.services import people
from caseteam.storage.store import open_store

from builders import local_actor
from ui.models.task_model import Column


@pytest.fixture
def workspace(open_window, demo_path, qtbot):
    window = open_window(demo_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.caseload
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(3, 0))
    person = page.model.row_at(3)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: person.id in window.sections.people)
    workspace = window.sections.people[person.id]
    qtbot.waitUntil(lambda: workspace.profile.row is not None, timeout=10_000)
    return window, workspace


def stored_person(path, person_id):
    store = open_store(path)
    try:
        with store.unit_of_work(write=False) as uow:
            return people.get_person(uow, None, person_id)
    finally:
        store.close()


def retype(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def test_edit_save_and_undo_from_the_keyboard(qtbot, workspace, demo_path):
    window, ws = workspace
    form = ws.profile
    old_phone = form.row.phone
    retype(qtbot, form.fields["phone"], "(563) 555-0199")
    assert ws.has_unsaved_changes()
    assert window.sections.tabText(window.sections.indexOf(ws)).endswith(" *")
    with qtbot.waitSignal(form.saved, timeout=10_000):
        qtbot.keyClick(form.fields["phone"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert stored_person(demo_path, ws.person_id).phone == "(563) 555-0199"
    assert not ws.has_unsaved_changes()
    with qtbot.waitSignal(window.ops.data_changed, timeout=10_000):
        window.undo_action.trigger()
    assert stored_person(demo_path, ws.person_id).phone == old_phone


def test_a_required_field_left_empty_is_marked_next_to_it_and_nothing_is_saved(qtbot, workspace, demo_path):
    _, ws = workspace
    form = ws.profile
    before = stored_person(demo_path, ws.person_id)
    retype(qtbot, form.fields["given_name"], "")
    form.save()
    qtbot.waitUntil(lambda: form.errors["given_name"].isVisible(), timeout=10_000)
    assert "Given name is required" in form.errors["given_name"].text()
    assert stored_person(demo_path, ws.person_id).version == before.version


def test_a_stale_save_keeps_the_input_and_says_what_changed(qtbot, workspace, demo_path):
    _, ws = workspace
    form = ws.profile
    store = open_store(demo_path)
    try:
        actor = local_actor(store)
        with store.unit_of_work() as uow:  # a colleague saves first
            people.update_person(uow, actor, ws.person_id, version=None, phone="(563) 555-0111")
    finally:
        store.close()
    retype(qtbot, form.fields["email"], "new.address@example.org")
    form.save()
    qtbot.waitUntil(lambda: "someone else changed" in form.message.text(), timeout=10_000)
    assert "Phone" in form.message.text()
    assert form.fields["email"].text() == "new.address@example.org"  # the user's input is kept
    assert form.fields["phone"].text() == "(563) 555-0111"          # and theirs is shown
    with qtbot.waitSignal(form.saved, timeout=10_000):
        form.save()
    saved = stored_person(demo_path, ws.person_id)
    assert (saved.email, saved.phone) == ("new.address@example.org", "(563) 555-0111")


def test_closing_with_an_unsaved_edit_asks_and_cancel_keeps_it(qtbot, workspace):
    window, ws = workspace
    retype(qtbot, ws.profile.fields["city"], "Millbrook Heights")
    asked = []
    window.sections.ask = lambda _parent, what: asked.append(what) or QMessageBox.StandardButton.Cancel
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert asked and ws.person_id in window.sections.people
    assert ws.profile.fields["city"].text() == "Millbrook Heights"
    # Closing the window asks too; Cancel keeps it open with the edit.
    window.close()
    assert window.isVisible() and len(asked) == 2
    window.sections.ask = lambda _parent, _what: QMessageBox.StandardButton.Discard


def test_the_tasks_tab_lists_only_this_persons_tasks_with_the_boards_actions(qtbot, workspace, demo_path):
    window, ws = workspace
    tasks = ws.tasks
    qtbot.waitUntil(lambda: tasks.choices is not None, timeout=10_000)
    ws.tabs.setCurrentWidget(tasks)
    with qtbot.waitSignal(tasks.rows_loaded, timeout=10_000):
        tasks.filters.status.setCurrentIndex(tasks.filters.status.findText("Any status"))
    rows = [tasks.model.row_at(r) for r in range(tasks.model.rowCount())]
    assert rows and {r.person_id for r in rows} == {ws.person_id}
    assert tasks.table.isColumnHidden(Column.PERSON)  # the Person column says nothing here
    assert not tasks.filters.person_box.isVisible()
