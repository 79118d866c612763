"""The partner directory on the demo partnership, driven from the keyboard and mouse: search, the VR
office's programs and staff, edit-save-undo, archive and restore, a staff member added with the
keyboard only, messages next to the field, a stale save that keeps the input, and the models."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox

from caseteam.domain.organizations import OrganizationKind
from caseteam.services import organizations
from caseteam.storage.store import open_store

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from builders import local_actor
from directory_screen import partner_directory
from ui.models.partner_models import (OpenTaskModel, OrganizationTableModel, ProgramTableModel, ServedPeopleModel,
                                      StaffTableModel)
from builders import reader  # noqa: E402

WAIT = 10_000
VR = "State VR – Eastside District Office"


@pytest.fixture
def directory(qtbot, demo_path, dialogs):
    """The screen as the window will hold it (directory_screen.partner_directory), signed in as admin."""
    yield from partner_directory(qtbot, demo_path, dialogs)


def stored(demo_path, organization_id):
    store = open_store(demo_path)
    try:
        with store.unit_of_work(write=False) as uow:
            return organizations.get_organization_detail(uow, reader(), organization_id)
    finally:
        store.close()


def names(screen) -> list[str]:
    """As the list shows them, "(archived)" included."""
    return [screen.model.index(r, 0).data() for r in range(screen.model.rowCount())]


def search(qtbot, screen, text: str) -> None:
    screen.search_box.setFocus()
    screen.search_box.selectAll()
    with qtbot.waitSignal(screen.rows_loaded, timeout=WAIT):
        qtbot.keyClick(screen.search_box, Qt.Key.Key_Delete)
        qtbot.keyClicks(screen.search_box, text)


def open_organization(qtbot, screen, text: str, name: str):
    """Type in the search box, Enter to the list, and wait for that organization's detail."""
    search(qtbot, screen, text)
    if screen.current_organization() is not None and screen.current_organization().name == name:
        return screen.current_organization()
    with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):
        qtbot.keyClick(screen.search_box, Qt.Key.Key_Return)
        if screen.current_row().name != name:
            qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    assert screen.current_organization().name == name
    return screen.current_organization()


def click_tab(qtbot, screen, title: str) -> None:
    bar = screen.detail.tabs.tabBar()
    number = next(n for n in range(bar.count()) if bar.tabText(n).startswith(title))
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(number).center())
    assert screen.detail.tabs.currentIndex() == number


def retype(qtbot, field, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(field, text)


def texts(model, column) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_search_and_kind_narrow_the_list(qtbot, directory):
    screen = directory
    assert len(names(screen)) == 24 and screen.count_label.text() == "24 organizations"
    search(qtbot, screen, "bridgeway")
    assert names(screen) == ["Bridgeway Employment Services"]
    assert screen.count_label.text() == "1 organization"
    search(qtbot, screen, "")
    screen.kind_filter.setFocus()
    with qtbot.waitSignal(screen.rows_loaded, timeout=WAIT):
        qtbot.keyClicks(screen.kind_filter, "Employer")  # typing in a list picks the matching entry
    assert screen.kind_filter.currentData() is OrganizationKind.EMPLOYER
    kinds = texts(screen.model, OrganizationTableModel.Column.KIND)
    assert len(kinds) == 12 and set(kinds) == {"Employer"}


def test_the_vr_office_shows_mandated_programs_staff_tasks_and_people(qtbot, directory):
    screen = directory
    vr = open_organization(qtbot, screen, "state vr", VR)
    detail = screen.detail
    click_tab(qtbot, screen, "Programs")
    P = ProgramTableModel.Column
    programs = dict(zip(texts(detail.programs.model, P.NAME), texts(detail.programs.model, P.MANDATED)))
    assert programs["Title IV Vocational Rehabilitation"] == "Yes, mandated"
    assert detail.programs.model.headerData(P.MANDATED, Qt.Orientation.Horizontal) == "Mandated One-Stop partner"
    click_tab(qtbot, screen, "Staff")
    S = StaffTableModel.Column
    staff = dict(zip(texts(detail.staff.model, S.NAME), texts(detail.staff.model, S.ACTIVE)))
    assert staff["Luis Ortega"] == "Active" and "Inactive" in staff.values()
    assert detail.tabs.tabText(detail.tabs.indexOf(detail.staff)) == f"Staff ({len(staff)})"
    click_tab(qtbot, screen, "Open tasks")
    assert detail.task_model.rowCount() == screen.current_row().open_tasks > 0
    click_tab(qtbot, screen, "People served")
    people = detail.people_model
    assert people.rowCount() >= screen.current_row().people_served > 0
    detail.people.setFocus()
    detail.people.setCurrentIndex(people.index(0, 0))
    with qtbot.waitSignal(screen.open_person, timeout=WAIT) as opened:
        qtbot.keyClick(detail.people, Qt.Key.Key_Return)
    assert opened.args == [people.row_at(0).person_id]
    assert vr.kind is OrganizationKind.VR_OFFICE


def test_edit_the_phone_save_and_undo(qtbot, directory, demo_path):
    screen = directory
    vr = open_organization(qtbot, screen, "state vr", VR)
    phone = screen.overview.fields.fields["phone"]
    retype(qtbot, phone, "(563) 555-0177")
    assert screen.has_unsaved_changes() and screen.overview.save_button.isEnabled()
    with qtbot.waitSignal(screen.overview.saved_row, timeout=WAIT):
        qtbot.keyClick(phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert stored(demo_path, vr.id).organization.phone == "(563) 555-0177"
    assert not screen.has_unsaved_changes()
    stack = screen.history.stack
    assert stack.undoText() == f"Save {VR}"
    with qtbot.waitSignal(screen.ops.data_changed, timeout=WAIT):
        stack.undo()
    assert stored(demo_path, vr.id).organization.phone == vr.phone
    qtbot.waitUntil(lambda: phone.text() == vr.phone, timeout=WAIT)  # the form follows the store
    with qtbot.waitSignal(screen.ops.data_changed, timeout=WAIT):
        stack.redo()  # against the newest version, so no conflict
    assert stored(demo_path, vr.id).organization.phone == "(563) 555-0177"


def test_archive_hides_the_organization_and_restore_brings_it_back(qtbot, directory, demo_path):
    screen = directory
    bakery = open_organization(qtbot, screen, "sunrise", "Sunrise Bakery")
    search(qtbot, screen, "")
    screen.table.setFocus()
    with qtbot.waitSignal(screen.rows_loaded, timeout=WAIT):
        qtbot.keyClick(screen.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
    assert "Sunrise Bakery" not in names(screen) and stored(demo_path, bakery.id).organization.archived
    assert "not in the list" in screen.detail.placeholder.text()

    screen.show_archived.setFocus()
    with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):  # still the chosen one: shown again
        qtbot.keyClick(screen.show_archived, Qt.Key.Key_Space)
    assert "Sunrise Bakery (archived)" in names(screen)
    assert screen.restore_organization_action.isEnabled() and not screen.new_staff_action.isEnabled()
    assert screen.overview.fields.fields["name"].isReadOnly()
    with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):
        qtbot.keyClick(screen.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)
    assert not stored(demo_path, bakery.id).organization.archived
    assert "Sunrise Bakery" in names(screen)
    with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):
        screen.history.stack.undo()  # undo the restore: archived again
    assert stored(demo_path, bakery.id).organization.archived


def test_add_a_staff_member_with_the_keyboard_only(qtbot, directory, demo_path, type_text):
    screen = directory
    org = open_organization(qtbot, screen, "bridgeway", "Bridgeway Employment Services")
    qtbot.keyClick(screen.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = screen.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    for text in ("Rosa", "Quiñones", "Job Coach", "CESP", "rosa@bridgeway.example.org", "(563) 555-0120"):
        type_text(dialog.focusWidget(), text)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.checks["active"] and dialog.checks["active"].isChecked()
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Rosa Quiñones" in texts(screen.detail.staff.model, StaffTableModel.Column.NAME),
                    timeout=WAIT)
    saved = next(s for s in stored(demo_path, org.id).staff if s.name == "Rosa Quiñones")
    assert (saved.title, saved.credentials, saved.email, saved.active) == (
        "Job Coach", "CESP", "rosa@bridgeway.example.org", True)
    assert screen.history.stack.undoText() == "Add staff member Rosa Quiñones"


def test_a_staff_member_without_a_family_name_is_marked_in_the_dialog(qtbot, directory):
    screen = directory
    open_organization(qtbot, screen, "bridgeway", "Bridgeway Employment Services")
    screen.new_staff_action.trigger()
    dialog = screen.dialog
    qtbot.keyClicks(dialog.fields.fields["given_name"], "Rosa")
    qtbot.keyClick(dialog.fields.fields["given_name"], Qt.Key.Key_Return)
    problem = dialog.fields.errors["family_name"]
    assert problem.isVisible() and "family name is required" in problem.text()
    assert dialog.isVisible() and dialog.focusWidget() is dialog.fields.fields["family_name"]
    dialog.reject()


def test_an_empty_name_is_marked_next_to_the_field_and_nothing_is_saved(qtbot, directory, demo_path):
    screen = directory
    vr = open_organization(qtbot, screen, "state vr", VR)
    name = screen.overview.fields.fields["name"]
    retype(qtbot, name, "")
    qtbot.keyClick(name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    problem = screen.overview.fields.errors["name"]
    assert problem.isVisible() and "name is required" in problem.text()
    assert name.accessibleDescription() == "The organization's name is required."
    assert stored(demo_path, vr.id).organization.version == vr.version
    screen.overview.revert_button.click()
    assert name.text() == VR and not screen.has_unsaved_changes()


def test_a_stale_save_says_so_and_keeps_the_typed_value(qtbot, directory, demo_path, dialogs):
    screen = directory
    vr = open_organization(qtbot, screen, "state vr", VR)
    store = open_store(demo_path)
    try:
        actor = local_actor(store)
        with store.unit_of_work() as uow:  # a colleague saves behind the form's back
            organizations.update_organization(uow, actor, vr.id, version=None, email="district@vr.example.gov")
    finally:
        store.close()
    phone = screen.overview.fields.fields["phone"]
    retype(qtbot, phone, "(563) 555-0188")
    qtbot.keyClick(phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "someone else changed" in screen.overview.message.text(), timeout=WAIT)
    assert "E-mail" in screen.overview.message.text()
    assert any("Someone else changed" in text for kind, text in dialogs if kind == "plain")
    assert phone.text() == "(563) 555-0188"                                      # the user's input is kept
    assert screen.overview.fields.fields["email"].text() == "district@vr.example.gov"  # and theirs is shown
    assert screen.has_unsaved_changes()
    with qtbot.waitSignal(screen.overview.saved_row, timeout=WAIT):
        qtbot.keyClick(phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = stored(demo_path, vr.id).organization
    assert (saved.phone, saved.email) == ("(563) 555-0188", "district@vr.example.gov")


def test_a_new_program_then_archive_it_and_undo(qtbot, directory, demo_path):
    screen = directory
    org = open_organization(qtbot, screen, "grace", "Grace Fellowship Jobs Ministry")
    click_tab(qtbot, screen, "Programs")
    page = screen.detail.programs
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = screen.dialog
    qtbot.keyClicks(dialog.fields.fields["name"], "Reentry Mentoring")
    qtbot.keyClicks(dialog.fields.fields["funding_stream"], "DOL Reentry Employment Opportunities")
    qtbot.keyClick(dialog.checks["mandated_partner"], Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        dialog.ok_button.click()
    model = page.model
    qtbot.waitUntil(lambda: "Reentry Mentoring" in texts(model, ProgramTableModel.Column.NAME), timeout=WAIT)
    row = texts(model, ProgramTableModel.Column.NAME).index("Reentry Mentoring")
    assert model.index(row, ProgramTableModel.Column.MANDATED).data() == "Yes, mandated"
    screen.activateWindow()  # as the desktop does when a dialog closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    page.table.setFocus()
    page.table.setCurrentIndex(model.index(row, 0))
    with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert "Reentry Mentoring" not in texts(model, ProgramTableModel.Column.NAME)
    assert [p.archived for p in stored(demo_path, org.id).programs if p.name == "Reentry Mentoring"] == [True]
    with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):
        screen.history.stack.undo()
    assert "Reentry Mentoring" in texts(model, ProgramTableModel.Column.NAME)


def test_every_part_of_the_screen_is_named_and_reachable_by_keyboard(qtbot, directory):
    screen = directory
    open_organization(qtbot, screen, "state vr", VR)
    problems = []
    for number in range(screen.detail.tabs.count()):
        screen.detail.tabs.setCurrentIndex(number)
        QApplication.processEvents()
        problems += unnamed_controls(screen) + clashing_mnemonics(screen)
    for dialog_action in (screen.new_program_action, screen.new_staff_action, screen.new_organization_action):
        dialog_action.trigger()
        problems += unnamed_controls(screen.dialog)
        screen.dialog.reject()
    assert problems == [], "\n".join(problems)
    assert actions_without_keyboard_route(screen) == []
    # Alt letters the window's menus use (File, Edit, View, Help) stay free on this screen (dialogs are
    # windows of their own).
    letters = {m.group(1).lower() for w in screen.findChildren(QLabel) + screen.findChildren(QAbstractButton)
               if w.window() is screen and (m := re.search(r"&([^&\s])", w.text().replace("&&", "")))}
    assert letters and not letters & set("fevh"), letters


def test_the_models_pass_the_model_tester(qtmodeltester, directory):
    screen = directory
    detail = screen.detail.detail
    assert detail is not None
    qtmodeltester.check(screen.model)
    for model in (screen.detail.programs.model, screen.detail.staff.model, screen.detail.task_model,
                  screen.detail.people_model):
        qtmodeltester.check(model)
    for model_class in (OrganizationTableModel, ProgramTableModel, StaffTableModel, OpenTaskModel,
                        ServedPeopleModel):
        qtmodeltester.check(model_class())  # empty, too


def test_moving_to_another_organization_with_an_unsaved_edit_asks_first(qtbot, directory):
    screen = directory
    number = names(screen).index(VR)
    with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):
        qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton,
                         pos=screen.table.visualRect(screen.model.index(number, 0)).center())
    vr = screen.current_organization()
    assert vr.name == VR
    retype(qtbot, screen.overview.fields.fields["website"], "https://vr.example.gov/eastside")
    asked = []
    screen.ask = lambda _parent, what: asked.append(what) or QMessageBox.StandardButton.Cancel
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Up)
    assert asked == [VR]
    assert screen.current_row().id == vr.id and screen.current_organization().id == vr.id  # Cancel: stay
    assert screen.overview.fields.value("website") == "https://vr.example.gov/eastside"
    screen.ask = lambda _parent, _what: QMessageBox.StandardButton.Discard
    with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):
        qtbot.keyClick(screen.table, Qt.Key.Key_Up)
    assert screen.current_organization().id != vr.id and not screen.has_unsaved_changes()


def test_a_stale_program_edit_keeps_the_input_in_the_dialog(qtbot, directory, demo_path):
    screen = directory
    open_organization(qtbot, screen, "state vr", VR)
    click_tab(qtbot, screen, "Programs")
    page = screen.detail.programs
    program = page.model.row_at(0)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    dialog = screen.dialog
    assert dialog.windowTitle() == "Edit program" and dialog.fields.value("name") == program.name
    store = open_store(demo_path)
    try:
        with store.unit_of_work() as uow:  # a colleague edits the same program first
            organizations.update_program(uow, local_actor(store), program.id, version=None, eligibility="Changed")
    finally:
        store.close()
    retype(qtbot, dialog.fields.fields["funding_stream"], "WIOA Title IV, 15% reserve")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "someone else changed" in dialog.message.text(), timeout=WAIT)
    assert "Eligibility" in dialog.message.text() and dialog.isVisible()
    assert dialog.fields.value("funding_stream") == "WIOA Title IV, 15% reserve"
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        dialog.ok_button.click()
    saved = next(p for p in stored(demo_path, program.organization_id).programs if p.id == program.id)
    assert saved.funding_stream == "WIOA Title IV, 15% reserve"


def test_a_programs_retention_basis_is_chosen_with_the_keyboard_and_undone(qtbot, directory, demo_path):
    screen = directory
    open_organization(qtbot, screen, "state vr", VR)
    click_tab(qtbot, screen, "Programs")
    page = screen.detail.programs
    program = page.model.row_at(0)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    dialog = screen.dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    basis = dialog.fields.fields["retention_basis"]
    assert basis.currentText() == program.retention_words
    assert [basis.itemText(n) for n in range(basis.count())] == [
        "Not a funder of retention milestones", "The hire date", "Stabilization (move to extended services)"]
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # the label's Alt+R
    qtbot.waitUntil(lambda: QApplication.focusWidget() is basis)
    wanted = "hire_date" if program.retention_basis == "stabilization" else "stabilization"
    qtbot.keyClicks(basis, "The hire" if wanted == "hire_date" else "Stab")  # type-ahead in the list
    assert basis.currentData() == wanted
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        qtbot.keyClick(basis, Qt.Key.Key_Return)  # Enter saves (the default button)
    saved = next(p for p in stored(demo_path, program.organization_id).programs if p.id == program.id)
    assert saved.retention_basis == wanted
    R = ProgramTableModel.Column.RETENTION
    line = next(n for n in range(page.model.rowCount()) if page.model.row_at(n).id == program.id)
    qtbot.waitUntil(lambda: page.model.index(line, R).data() == saved.retention_words, timeout=WAIT)
    assert page.model.headerData(R, Qt.Orientation.Horizontal) == "Counts retention from"
    with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):
        screen.history.stack.undo()
    back = next(p for p in stored(demo_path, program.organization_id).programs if p.id == program.id)
    assert back.retention_basis == program.retention_basis
