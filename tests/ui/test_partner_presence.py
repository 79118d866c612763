"""The partner directory's Presence tab on the demo partnership, driven from the keyboard and mouse: VR's
scheduled Tuesday and Thursday times, a new Friday time whose end before its start is refused next to the
field and then added, undone and redone; an edit of the room; making VR referral only refused (it still has
times) with the choice put back; Legal Aid made co-located and undone; the list's Presence column; and the
accessibility walk over the tab and its dialog."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.domain.presence import Engagement
from caseteam.services import organizations, presence
from caseteam.storage.store import open_store

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from builders import local_actor, reader
from test_partner_directory import VR, click_tab, directory, open_organization, retype, texts  # noqa: F401
from ui.models.partner_models import OrganizationTableModel
from ui.models.presence_models import SlotTableModel
from ui.widgets.field_row import find_data

WAIT = 10_000
LEGAL = "Lakes Region Legal Aid"


def stored_slots(demo_path, organization_id):
    store = open_store(demo_path)
    try:
        with store.unit_of_work(write=False) as uow:
            engagement = uow.organizations.get(organization_id).engagement
            return engagement, presence.list_slots(uow, reader(), organization_id)
    finally:
        store.close()


def presence_tab(qtbot, screen, text: str, name: str):
    org = open_organization(qtbot, screen, text, name)
    page = screen.presence
    if screen.detail.tabs.currentWidget() is not page:
        click_tab(qtbot, screen, "Presence")
    qtbot.waitUntil(lambda: page.organization is not None and page.organization.id == org.id, timeout=WAIT)
    qtbot.waitUntil(lambda: page.ops.pending == 0, timeout=WAIT)
    return org, page


def focus(qtbot, screen, widget) -> None:
    """Back to the directory's window (a closed dialog may leave no window active), then on `widget`."""
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def changed(qtbot, screen, do) -> None:
    """Do something that writes, then wait until the Presence tab has read the change back."""
    with qtbot.waitSignals([screen.ops.data_changed, screen.presence.loaded], timeout=WAIT):
        do()
    qtbot.waitUntil(lambda: screen.ops.pending == 0, timeout=WAIT)


def test_a_weekly_time_is_refused_then_added_undone_redone_and_edited(qtbot, directory, demo_path):
    screen = directory
    vr, page = presence_tab(qtbot, screen, "state vr", VR)
    assert page.engagement.currentData() is Engagement.SCHEDULED
    assert texts(page.model, SlotTableModel.Column.DAY) == ["Tuesday", "Thursday"]
    assert texts(page.model, SlotTableModel.Column.STAFF) == ["Luis Ortega", "Luis Ortega"]
    assert "Tuesdays 9:00–12:00, Room 104" in page.summary.text()

    focus(qtbot, screen, page.engagement)
    qtbot.keyClick(page.engagement, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    dialog = screen.dialog
    qtbot.waitUntil(dialog.isVisible)
    fields = dialog.fields.fields
    fields["weekday"].setCurrentIndex(find_data(fields["weekday"], 4))
    qtbot.keyClicks(fields["starts"], "13:00")
    qtbot.keyClicks(fields["ends"], "9:00")
    qtbot.keyClicks(fields["room"], "Room 110")
    fields["staff_id"].setCurrentIndex(fields["staff_id"].findText("Jasmine Pham"))
    qtbot.keyClick(fields["room"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.fields.errors["ends"].isHidden(), timeout=WAIT)
    assert "The end time (9:00) must be after the start time (13:00)." in dialog.fields.errors["ends"].text()
    assert dialog.isVisible() and fields["room"].text() == "Room 110"
    retype(qtbot, fields["ends"], "3:30 pm")
    changed(qtbot, screen, lambda: qtbot.keyClick(fields["ends"], Qt.Key.Key_Return))
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=WAIT)
    assert texts(page.model, SlotTableModel.Column.HOURS)[-1] == "13:00–15:30"
    _engagement, slots = stored_slots(demo_path, vr.id)
    friday = next(s for s in slots if s.weekday == 4)
    assert (friday.starts, friday.ends, friday.room, friday.staff_name) == (time(13), time(15, 30), "Room 110",
                                                                            "Jasmine Pham")
    stack = screen.history.stack
    assert stack.undoText() == "Add Friday time in the building"
    changed(qtbot, screen, stack.undo)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT)
    assert [s.weekday for s in stored_slots(demo_path, vr.id)[1]] == [1, 3]
    changed(qtbot, screen, stack.redo)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=WAIT)

    # F2 on the Friday line edits it: only the room changes.
    focus(qtbot, screen, page.table)
    page.table.setCurrentIndex(page.model.index(2, SlotTableModel.Column.DAY))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    dialog = screen.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.fields.fields["starts"].text() == "13:00"
    retype(qtbot, dialog.fields.fields["room"], "Room 112")
    changed(qtbot, screen, lambda: qtbot.keyClick(dialog.fields.fields["room"], Qt.Key.Key_Return))
    qtbot.waitUntil(lambda: texts(page.model, SlotTableModel.Column.ROOM)[-1] == "Room 112", timeout=WAIT)
    assert stack.undoText() == "Save Friday time in the building"
    assert next(s for s in stored_slots(demo_path, vr.id)[1] if s.weekday == 4).hours == "13:00–15:30"

    # Delete removes the chosen time; undo puts it back.
    focus(qtbot, screen, page.table)
    page.table.setCurrentIndex(page.model.index(2, SlotTableModel.Column.DAY))
    changed(qtbot, screen, lambda: qtbot.keyClick(page.table, Qt.Key.Key_Delete))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT)
    assert stack.undoText() == "Remove Friday 13:00–15:30 time"
    changed(qtbot, screen, stack.undo)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=WAIT)


def test_engagement_is_chosen_refused_while_times_remain_and_undone(qtbot, directory, demo_path):
    screen = directory
    _vr, page = presence_tab(qtbot, screen, "state vr", VR)
    assert not page.apply_button.isEnabled()  # nothing chosen yet
    page.engagement.setCurrentIndex(find_data(page.engagement, Engagement.REFERRAL_ONLY))
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=WAIT)
    assert f"{VR} still has 2 weekly times in the building" in page.message.text()
    assert page.engagement.currentData() is Engagement.SCHEDULED  # put back to what is saved

    legal, page = presence_tab(qtbot, screen, "legal aid", LEGAL)
    assert page.engagement.currentData() is Engagement.REFERRAL_ONLY and not page.message.isVisible()
    assert not page.add_slot_action.isEnabled() and "takes referrals only" in page.summary.text()
    focus(qtbot, screen, page.engagement)
    qtbot.keyClick(page.engagement, Qt.Key.Key_Down)  # the arrow keys only choose: nothing is saved yet
    qtbot.keyClick(page.engagement, Qt.Key.Key_Down)
    assert page.engagement.currentData() is Engagement.CO_LOCATED and page.apply_button.isEnabled()
    assert stored_slots(demo_path, legal.id)[0] is Engagement.REFERRAL_ONLY
    changed(qtbot, screen, lambda: qtbot.keyClick(page.engagement, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier))
    qtbot.waitUntil(lambda: page.organization.engagement is Engagement.CO_LOCATED, timeout=WAIT)
    assert stored_slots(demo_path, legal.id)[0] is Engagement.CO_LOCATED
    assert page.add_slot_action.isEnabled() and "is based at the One-Stop" in page.summary.text()
    row = screen.model.row_of(legal.id)
    assert screen.model.index(row, OrganizationTableModel.Column.PRESENCE).data() == "Co-located"
    assert screen.model.index(row, OrganizationTableModel.Column.PRESENCE).data(
        Qt.ItemDataRole.ToolTipRole) == "Co-located at the One-Stop"
    stack = screen.history.stack
    assert stack.undoText() == f"{LEGAL}: co-located at the One-Stop"
    changed(qtbot, screen, stack.undo)
    qtbot.waitUntil(lambda: page.organization.engagement is Engagement.REFERRAL_ONLY, timeout=WAIT)
    assert stored_slots(demo_path, legal.id)[0] is Engagement.REFERRAL_ONLY


def test_the_presence_tab_and_its_dialog_are_named_and_reachable_by_keyboard(qtbot, directory):
    screen = directory
    _vr, page = presence_tab(qtbot, screen, "state vr", VR)
    QApplication.processEvents()
    problems = unnamed_controls(screen) + clashing_mnemonics(screen)
    page.add_slot_action.trigger()
    qtbot.waitUntil(lambda: screen.dialog is not None and screen.dialog.isVisible())
    problems += unnamed_controls(screen.dialog) + clashing_mnemonics(screen.dialog)
    screen.dialog.reject()
    assert problems == [], "\n".join(problems)
    assert actions_without_keyboard_route(screen) == []


def test_a_read_only_role_sees_presence_without_the_buttons(qtbot, demo_path, dialogs):
    from PySide6.QtGui import QUndoStack

    from signing import sign_in
    from ui.operations import Operations
    from ui.screens.partner_presence import PresencePage
    from ui.undo import UndoHistory

    ops = Operations()
    opened = []
    ops.open_store(str(demo_path), on_done=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    auditor = sign_in(qtbot, ops, "auditor")
    page = PresencePage(ops, auditor, UndoHistory(ops, QUndoStack()), lambda *_a, **_k: None)
    qtbot.addWidget(page)
    page.show()
    store = open_store(demo_path)
    with store.unit_of_work(write=False) as uow:
        detail = organizations.get_organization_detail(uow, reader(), organizations.resolve_organization(uow, "Riverbend").id)
    store.close()
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.show_organization(detail.organization, detail.staff)
    assert texts(page.model, SlotTableModel.Column.HOURS) == ["13:00–16:00"]
    assert page.note.isVisible() and not page.engagement.isEnabled()
    assert not any(a.isVisible() for a in (page.add_slot_action, page.edit_slot_action, page.remove_slot_action))
    page.close()
    ops.shutdown()
    assert dialogs.unexpected() == []


def test_a_new_organization_is_added_co_located_and_the_models_pass_the_tester(qtbot, qtmodeltester, directory,
                                                                                demo_path):
    from ui.models.presence_models import BuildingWeekModel, building_lines

    screen = directory
    screen.new_organization_action.trigger()
    dialog = screen.dialog
    qtbot.waitUntil(dialog.isVisible)
    assert unnamed_controls(dialog) + clashing_mnemonics(dialog) == []
    fields = dialog.fields.fields
    assert fields["engagement"].currentData() is Engagement.REFERRAL_ONLY
    qtbot.keyClicks(fields["name"], "Eastport Adult Education")
    fields["engagement"].setCurrentIndex(find_data(fields["engagement"], Engagement.CO_LOCATED))
    changed(qtbot, screen, lambda: qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton))
    store = open_store(demo_path)
    with store.unit_of_work(write=False) as uow:
        added = organizations.resolve_organization(uow, "Eastport Adult Education")
        assert added.engagement is Engagement.CO_LOCATED
        week = presence.who_is_in_building(uow, reader(), week_of=uow.today())
    store.close()
    assert all("Eastport Adult Education" in {e.organization_name for e in d.entries} for d in week.days)
    qtbot.waitUntil(lambda: screen.model.row_of(added.id) is not None, timeout=WAIT)
    row = screen.model.row_of(added.id)
    assert screen.model.index(row, OrganizationTableModel.Column.PRESENCE).data() == "Co-located"

    _vr, page = presence_tab(qtbot, screen, "state vr", VR)
    qtmodeltester.check(page.model)
    building = BuildingWeekModel()
    building.set_rows(building_lines(week.days))
    qtmodeltester.check(building)


def test_a_stale_edit_keeps_the_input_and_saves_over_the_newer_copy(qtbot, directory, demo_path):
    screen = directory
    vr, page = presence_tab(qtbot, screen, "state vr", VR)
    tuesday = page.model.row_at(0)
    store = open_store(demo_path)  # someone else moves the Tuesday time to another room meanwhile
    with store.unit_of_work() as uow:
        presence.update_slot(uow, local_actor(store), tuesday.id, version=tuesday.version, room="Room 120")
    store.close()
    focus(qtbot, screen, page.table)
    page.table.setCurrentIndex(page.model.index(0, SlotTableModel.Column.DAY))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = screen.dialog
    qtbot.waitUntil(dialog.isVisible)
    retype(qtbot, dialog.fields.fields["note"], "Walk-ins until 11:30")
    qtbot.keyClick(dialog.fields.fields["note"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT)
    assert "someone else changed this record" in dialog.message.text() and "Room" in dialog.message.text()
    assert dialog.fields.fields["note"].text() == "Walk-ins until 11:30"
    changed(qtbot, screen, lambda: qtbot.keyClick(dialog.fields.fields["note"], Qt.Key.Key_Return))
    saved = next(s for s in stored_slots(demo_path, vr.id)[1] if s.id == tuesday.id)
    assert (saved.note, saved.room) == ("Walk-ins until 11:30", "Room 104")  # the dialog's room, saved over theirs
