"""The Employers section (Ctrl+4) on the demo partnership: a new employer and a contact recorded with the
keyboard, the job seeker discussed shown with their disclosure decision for that employer, undo of the
contact and of a profile save, and the accessibility walk over every part of the section."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from caseteam.domain.jobs import DisclosureDecision, DisclosureLevel
from caseteam.services import employers, organizations, people
from caseteam.storage.store import open_store

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from builders import local_actor, reader
from ui.models.employer_models import ContactTableModel, EmployerTableModel

WAIT = 10_000
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
SAID = "May say he uses a job coach for the first month."


@pytest.fixture
def setting(demo_path):
    """An employer with a staff member, and José's decision about what may be said to it."""
    store = open_store(demo_path)
    try:
        actor = local_actor(store)
        with store.unit_of_work() as uow:
            jose = people.caseload(uow, actor, search="garcia")[0]
            florist, _ = employers.add_employer(uow, actor, name="Petal and Stem Florist", city="Davenport",
                                                industry="Florist", bus_lines="Route 7")
            organizations.add_staff(uow, actor, florist.id, given_name="Irene", family_name="Vogel", title="Owner")
            uow.add(DisclosureDecision(person_id=jose.id, organization_id=florist.id, level=DisclosureLevel.PARTLY,
                                       what_may_be_said=SAID, decided_on=uow.today(), recorded_by_id=actor.user_id))
    finally:
        store.close()
    return dict(jose=jose, florist=florist)


@pytest.fixture
def section(qtbot, open_window, demo_path, setting):
    window = open_window(demo_path)
    page = window.employers
    page.ask = lambda *_: QMessageBox.StandardButton.Discard  # never a modal box at teardown
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):  # the section reads when first shown
        qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    assert window.sections.currentWidget() is page
    return window, page


def names(page) -> list[str]:
    return [page.model.index(r, EmployerTableModel.Column.NAME).data() for r in range(page.model.rowCount())]


def stored_contacts(demo_path, organization_id):
    store = open_store(demo_path)
    try:
        with store.unit_of_work(write=False) as uow:
            return employers.list_contacts(uow, reader(), organization_id)
    finally:
        store.close()


def front(qtbot, window) -> None:
    """The window active again (the offscreen platform may leave none once a dialog closes), so keys
    reach its shortcuts."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def tab_to(qtbot, dialog, widget, most: int = 8) -> None:
    for _ in range(most):
        if dialog.focusWidget() is widget:
            return
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is widget, f"Tab never reached {widget.accessibleName()}"


def choose(qtbot, page, name: str):
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).name == name)
    if page.current_employer() is None or page.current_employer().name != name:
        with qtbot.waitSignal(page.detail_loaded, timeout=WAIT):
            page.table.setCurrentIndex(page.model.index(row, 0))
    return page.current_employer()


def press_for_dialog(qtbot, window, page, widget, key, modifiers=CTRL | SHIFT):
    """With the window in front, the key pressed on `widget`; the dialog it opens, once it is active."""
    front(qtbot, window)
    widget.setFocus()
    qtbot.keyClick(widget, key, modifiers)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_ctrl_4_opens_the_pipeline_and_the_later_sections_follow_in_order(section):
    window, page = section
    assert "Petal and Stem Florist" in names(page)
    shortcuts = {a.text().replace("&", ""): a.shortcut().toString() for a in window.view_menu.actions()}
    assert shortcuts["Employers"] == "Ctrl+4" and shortcuts["Money"] == "Ctrl+5"
    assert (shortcuts["Agreements"], shortcuts["Meetings"], shortcuts["Partnership"], shortcuts["Audit log"]) == (
        "Ctrl+6", "Ctrl+7", "Ctrl+8", "Ctrl+9")


def test_a_new_employer_then_a_contact_recorded_with_the_keyboard(qtbot, section, demo_path, setting, type_text):
    window, page = section
    dialog = press_for_dialog(qtbot, window, page, page.table, Qt.Key.Key_B)
    for text in ("Quad City Bakery", "12 Main St", "Bettendorf", "(563) 555-0101", "", "Bakery", "Route 10"):
        type_text(dialog.focusWidget(), text)
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    with qtbot.waitSignal(page.detail_loaded, timeout=WAIT):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert page.current_employer().name == "Quad City Bakery" and page.current_employer().industry == "Bakery"
    assert "Quad City Bakery" in names(page)
    assert window.history.stack.undoText() == "Add employer Quad City Bakery"

    florist = choose(qtbot, page, "Petal and Stem Florist")
    dialog = press_for_dialog(qtbot, window, page, page.table, Qt.Key.Key_K)
    fields = dialog.fields.fields
    assert dialog.focusWidget() is fields["contacted_on"]
    tab_to(qtbot, dialog, fields["kind"])  # the date's day, month and year take a Tab each
    qtbot.keyClicks(fields["kind"], "Tour")  # a combo box picks by typing
    tab_to(qtbot, dialog, fields["contact_staff_id"])
    qtbot.keyClick(fields["contact_staff_id"], Qt.Key.Key_Down)  # Irene Vogel, the owner
    tab_to(qtbot, dialog, fields["summary"])
    qtbot.keyClicks(fields["summary"], "Toured the back room; arrangements pile up before noon.")
    tab_to(qtbot, dialog, fields["next_step"])
    qtbot.keyClicks(fields["next_step"], "Propose a morning prep role")
    tab_to(qtbot, dialog, dialog.search)
    qtbot.keyClicks(dialog.search, "garcia")
    qtbot.waitUntil(lambda: dialog.matches.count() > 0, timeout=WAIT)
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert dialog.focusWidget() is dialog.matches
    qtbot.keyClick(dialog.matches, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.chosen.count() == 1, timeout=WAIT)
    assert dialog.isVisible()  # Enter on a match adds the person; it does not record the contact yet
    assert dialog.chosen.item(0).text() == f"{setting['jose'].name} — disclosure: Partly: {SAID}"
    assert dialog.focusWidget() is dialog.search
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # the box is empty: Enter records the contact

    model = page.detail.contact_model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT)
    assert page.detail.tabs.currentWidget() is page.detail.contacts_page
    cell = model.index(0, ContactTableModel.Column.PEOPLE).data()
    assert cell == f"{setting['jose'].name} (Partly: {SAID})"
    assert model.index(0, ContactTableModel.Column.WITH).data() == "Irene Vogel"
    assert model.index(0, ContactTableModel.Column.KIND).data() == "Tour"
    assert SAID in page.detail.contact_text.toPlainText()
    (saved,) = stored_contacts(demo_path, florist.organization_id)
    assert saved.contacted_on == date.today() and saved.next_step == "Propose a morning prep role"
    qtbot.waitUntil(lambda: page.model.row_at(page.model.row_of(florist.organization_id)).contacts == 1,
                    timeout=WAIT)

    assert window.history.stack.undoText() == "Record contact with Petal and Stem Florist"
    front(qtbot, window)
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: model.rowCount() == 0, timeout=WAIT)
    assert stored_contacts(demo_path, florist.organization_id) == []


def test_a_profile_save_with_ctrl_s_is_undone_with_ctrl_z(qtbot, section, demo_path):
    window, page = section
    florist = choose(qtbot, page, "Petal and Stem Florist")
    access = page.profile.fields.fields["accessibility"]
    access.setFocus()
    qtbot.keyClicks(access, "Step-free entrance at the side door")
    assert page.has_unsaved_changes()
    qtbot.keyClick(access, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: page.profile.message.text().startswith("Saved"), timeout=WAIT)
    assert not page.has_unsaved_changes()

    def stored():
        store = open_store(demo_path)
        try:
            with store.unit_of_work(write=False) as uow:
                return employers.get_employer(uow, reader(), florist.organization_id).accessibility
        finally:
            store.close()

    assert stored() == "Step-free entrance at the side door"
    page.table.setFocus()  # in the text box Ctrl+Z undoes typing; elsewhere it undoes the save
    qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: access.toPlainText() == "", timeout=WAIT)
    assert stored() == ""


def test_a_refused_field_is_marked_next_to_it(qtbot, section):
    window, page = section
    choose(qtbot, page, "Petal and Stem Florist")
    size = page.profile.fields.fields["size"]
    size.setFocus()
    qtbot.keyClicks(size, "x" * 61)
    qtbot.keyClick(size, Qt.Key.Key_S, CTRL)
    problem = page.profile.fields.errors["size"]
    qtbot.waitUntil(problem.isVisible, timeout=WAIT)
    assert "Size is too long" in problem.text() and size.text() == "x" * 61  # the input is kept


def test_every_part_of_the_section_is_named_and_reachable_by_keyboard(qtbot, section):
    window, page = section
    choose(qtbot, page, "Petal and Stem Florist")
    problems = []
    for number in range(page.detail.tabs.count()):
        page.detail.tabs.setCurrentIndex(number)
        QApplication.processEvents()
        problems += unnamed_controls(window) + clashing_mnemonics(window)
    for action in (page.new_employer_action, page.record_contact_action, page.add_need_action):
        action.trigger()
        dialog = page.dialog
        qtbot.waitUntil(dialog.isVisible)
        problems += unnamed_controls(dialog) + clashing_mnemonics(dialog)
        dialog.reject()
    assert problems == [], "\n".join(problems)
    assert actions_without_keyboard_route(window) == []


def test_a_partner_reads_the_pipeline_but_changes_nothing(qtbot, open_window, demo_path, setting):
    window = open_window(demo_path, user="partner")
    page = window.employers
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        window.sections.setCurrentWidget(page)  # the section reads when first shown
    choose(qtbot, page, "Petal and Stem Florist")
    assert not page.new_employer_action.isEnabled() and not page.record_contact_action.isEnabled()
    assert page.profile.fields.fields["industry"].isReadOnly() and not page.profile.bar.isVisibleTo(page)



def test_a_stale_profile_save_keeps_the_input_and_says_so(qtbot, section, demo_path, dialogs):
    window, page = section
    florist = choose(qtbot, page, "Petal and Stem Florist")
    store = open_store(demo_path)  # someone else, from another computer, saves first
    try:
        with store.unit_of_work() as uow:
            employers.save_profile(uow, local_actor(store), florist.organization_id, florist.version,
                                   size="Six staff")
    finally:
        store.close()
    notes = page.profile.fields.fields["notes"]
    notes.setFocus()
    qtbot.keyClicks(notes, "Irene decides; call after 2 pm")
    qtbot.keyClick(notes, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: "someone else changed" in page.profile.message.text(), timeout=WAIT)
    assert notes.toPlainText() == "Irene decides; call after 2 pm"  # the input is kept...
    assert page.profile.fields.fields["size"].text() == "Six staff"  # ...on top of their change
    assert "Size" in page.profile.message.text() and any("Size" in text for _kind, text in dialogs)
    dialogs.clear()
    qtbot.keyClick(notes, Qt.Key.Key_S, CTRL)  # saved over their version this time
    qtbot.waitUntil(lambda: page.profile.message.text().startswith("Saved"), timeout=WAIT)


def test_needs_are_added_and_marked_met_and_a_contact_removed_with_undo(qtbot, section, demo_path, type_text):
    window, page = section
    florist = choose(qtbot, page, "Petal and Stem Florist")
    dialog = press_for_dialog(qtbot, window, page, page.table, Qt.Key.Key_U)
    assert dialog.focusWidget() is dialog.fields.fields["description"]
    type_text(dialog.focusWidget(), "Buckets washed and flowers re-cut every morning")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    needs = page.detail.need_model
    qtbot.waitUntil(lambda: needs.rowCount() == 1, timeout=WAIT)
    assert page.detail.tabs.currentWidget() is page.detail.needs_page
    assert page.detail.tabs.tabText(2) == "Unmet needs (1)"
    qtbot.waitUntil(lambda: page.model.row_at(page.model.row_of(florist.organization_id)).open_needs == 1,
                    timeout=WAIT)
    page.open_needs.setChecked(True)  # "Unmet needs only" keeps the florist
    qtbot.waitUntil(lambda: names(page) and all(page.model.row_at(r).open_needs
                                                for r in range(page.model.rowCount())), timeout=WAIT)
    assert "Petal and Stem Florist" in names(page)
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        page.open_needs.setChecked(False)  # else the florist leaves the list once its need is met
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)

    front(qtbot, window)
    page.detail.needs.setFocus()
    qtbot.keyClick(page.detail.needs, Qt.Key.Key_M, CTRL)
    qtbot.waitUntil(lambda: needs.index(0, 2).data().startswith("Met "), timeout=WAIT)
    assert page.detail.tabs.tabText(2) == "Unmet needs (0)"
    qtbot.keyClick(page.detail.needs, Qt.Key.Key_Z, CTRL)  # back among the unmet
    qtbot.waitUntil(lambda: needs.index(0, 2).data() == "Not yet", timeout=WAIT)

    with qtbot.waitSignal(page.detail_loaded, timeout=WAIT):
        window.ops.run(lambda uow: employers.record_contact(uow, page.actor, florist.organization_id,
                                                            contacted_on=date.today(), kind="email",
                                                            summary="Sent the proposal."),
                       on_done=lambda _r: page.refresh())
    contacts = page.detail.contact_model
    qtbot.waitUntil(lambda: contacts.rowCount() == 1, timeout=WAIT)
    page.detail.tabs.setCurrentWidget(page.detail.contacts_page)
    page.detail.contacts.setFocus()
    qtbot.keyClick(page.detail.contacts, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: contacts.rowCount() == 0, timeout=WAIT)
    assert stored_contacts(demo_path, florist.organization_id) == []
    qtbot.keyClick(page.detail.contacts, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: contacts.rowCount() == 1, timeout=WAIT)
    assert [c.summary for c in stored_contacts(demo_path, florist.organization_id)] == ["Sent the proposal."]


def test_the_author_changes_a_contact_with_f2_and_undo_puts_it_back(qtbot, section, demo_path, setting):
    window, page = section
    florist = choose(qtbot, page, "Petal and Stem Florist")
    with qtbot.waitSignal(page.detail_loaded, timeout=WAIT):
        window.ops.run(lambda uow: employers.record_contact(uow, page.actor, florist.organization_id,
                                                            contacted_on=date.today(), kind="phone",
                                                            summary="Called about a tour.",
                                                            people=(setting["jose"].id,)),
                       on_done=lambda _r: page.refresh())
    contacts = page.detail.contact_model
    qtbot.waitUntil(lambda: contacts.rowCount() == 1, timeout=WAIT)
    page.detail.tabs.setCurrentWidget(page.detail.contacts_page)
    dialog = press_for_dialog(qtbot, window, page, page.detail.contacts, Qt.Key.Key_F2, Qt.KeyboardModifier.NoModifier)
    assert dialog.windowTitle() == "Change a contact" and dialog.chosen.count() == 1
    summary = dialog.fields.fields["summary"]
    tab_to(qtbot, dialog, summary)
    qtbot.keyClick(summary, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(summary, "Called; the tour is on Friday.")
    tab_to(qtbot, dialog, dialog.search, most=12)
    with qtbot.waitSignal(dialog.finished, timeout=WAIT):
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: contacts.row_at(0).summary == "Called; the tour is on Friday.", timeout=WAIT)
    (saved,) = stored_contacts(demo_path, florist.organization_id)
    assert saved.summary == "Called; the tour is on Friday." and saved.person_ids == (setting["jose"].id,)
    front(qtbot, window)
    qtbot.keyClick(page.detail.contacts, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: contacts.row_at(0).summary == "Called about a tour.", timeout=WAIT)
