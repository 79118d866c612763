"""The partner directory's Staff tab on the demo, as the supervisor: Hand over and deactivate… (Ctrl+Shift+H)
on a departing job developer lists her open work grouped by kind; "Give all to" one colleague, her lead
assignments to a second one line by line, one OK hands it all over in one step (her record inactive,
nothing open on her), one undo gives it all back exactly; Handovers… (Ctrl+Alt+H) lists it as undone;
every control is named and reachable from the keyboard."""

from __future__ import annotations

import re
import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from caseteam.domain.handovers import HandoverKind
from caseteam.domain.meetings import MeetingAttendee
from caseteam.domain.people import Person
from caseteam.domain.referrals import Referral
from caseteam.domain.tasks import Task
from caseteam.domain.teams import TeamMember
from caseteam.domain.users import Role
from caseteam.services import handovers, organizations, users
from caseteam.services.actors import Actor
from caseteam.storage.store import open_store

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from directory_screen import partner_directory

WAIT = 20_000
READER = Actor(uuid.UUID(int=1), "test-reader", "Test reader", Role.ADMINISTRATOR)  # reads handovers
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


@pytest.fixture
def directory(qtbot, demo_path, dialogs):
    yield from partner_directory(qtbot, demo_path, dialogs, "supervisor")


def in_store(path, op):
    store = open_store(path)
    try:
        with store.unit_of_work(write=False) as uow:
            return op(uow)
    finally:
        store.close()


def holders(uow) -> dict:
    """Who holds every task, seat, lead, referral and meeting invitation (and whether each seat is live)."""
    s = uow.session
    return {"tasks": {t.id: t.staff_id for t in s.scalars(select(Task))},
            "seats": {m.id: (m.staff_id, m.end_date, m.archived_at is None) for m in s.scalars(select(TeamMember))},
            "leads": {p.id: p.lead_staff_id for p in s.scalars(select(Person))},
            "referrals": {r.id: (r.from_staff_id, r.to_staff_id) for r in s.scalars(select(Referral))},
            "attendees": {a.id: (a.staff_id, a.name) for a in s.scalars(select(MeetingAttendee))}}


def staff_id(path, name: str):
    return in_store(path, lambda uow: organizations.resolve_staff(uow, name).id)


def choose_staff_row(qtbot, screen, name: str) -> None:
    screen.search_box.setFocus()
    with qtbot.waitSignal(screen.rows_loaded, timeout=WAIT):
        qtbot.keyClicks(screen.search_box, "bridgeway")
    org = screen.current_organization()
    if org is None or org.name != "Bridgeway Employment Services":
        with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):
            qtbot.keyClick(screen.search_box, Qt.Key.Key_Return)
    assert screen.current_organization().name == "Bridgeway Employment Services"
    tabs = screen.detail.tabs
    tabs.setCurrentWidget(screen.detail.staff)
    table, model = screen.detail.staff.table, screen.detail.staff.model
    number = next(r for r in range(model.rowCount()) if model.index(r, 0).data().startswith(name))
    table.setFocus()
    table.setCurrentIndex(model.index(number, 0))


def open_dialog(qtbot, screen):
    qtbot.keyClick(screen.detail.staff.table, Qt.Key.Key_H, CTRL_SHIFT)
    qtbot.waitUntil(lambda: screen.handover.dialog is not None and screen.handover.dialog.isVisible(), timeout=WAIT)
    return screen.handover.dialog


def test_a_supervisor_hands_a_job_developers_caseload_to_two_colleagues_and_undoes_it(qtbot, directory, demo_path):
    screen = directory
    lupe, marcus, khadija = (staff_id(demo_path, n) for n in ("Lupe Hernández", "Marcus Bell", "Khadija Farah"))
    before = in_store(demo_path, holders)
    held = in_store(demo_path, lambda uow: handovers.open_item_counts(uow, lupe))
    assert held[HandoverKind.TASK] and held[HandoverKind.TEAM_MEMBERSHIP] and held[HandoverKind.LEAD]

    choose_staff_row(qtbot, screen, "Lupe Hernández")
    dialog = open_dialog(qtbot, screen)
    assert dialog.windowTitle() == "Hand over Lupe Hernández's work"
    groups = [dialog.tree.topLevelItem(n).text(0) for n in range(dialog.tree.topLevelItemCount())]
    assert groups[0].startswith("Open tasks (") and any(g.startswith("Lead job developer assignments (")
                                                        for g in groups)
    assert len(dialog.lines) == sum(held.values())
    assert unnamed_controls(dialog) == [] and clashing_mnemonics(dialog) == []
    assert actions_without_keyboard_route(dialog) == []

    # Give all to Marcus from the keyboard; then her lead assignments, line by line, to Khadija.
    dialog.give_all.setFocus()
    qtbot.keyClicks(dialog.give_all, "Marcus")
    assert dialog.give_all.currentData() == marcus
    leads = [key for key in dialog.lines if key.startswith("lead:")]
    for key in leads:
        combo = dialog.combos[key]
        combo.setFocus()
        qtbot.keyClicks(combo, "Khadija")
        assert combo.currentData() == khadija
    assert "go to Khadija Farah, Marcus Bell" in dialog.note.text()
    qtbot.keyClicks(dialog.reason, "Lupe moves to the Westside office")
    with qtbot.waitSignal(screen.ops.data_changed, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert screen.history.stack.count() == 1 and screen.history.stack.undoText() == \
        "Hand over Lupe Hernández's work"

    after = in_store(demo_path, lambda uow: (uow.staff.get(lupe).active, handovers.open_item_counts(uow, lupe),
                                             handovers.list_handovers(uow, READER, staff_id=lupe)))
    active, left, [row] = after
    assert not active and sum(left.values()) == 0
    assert {i.to_staff_id for i in row.items if i.kind is HandoverKind.LEAD} == {khadija}
    assert {i.to_staff_id for i in row.items if i.kind is not HandoverKind.LEAD} == {marcus}
    assert row.reason == "Lupe moves to the Westside office" and len(row.items) == sum(held.values())

    with qtbot.waitSignal(screen.ops.data_changed, timeout=WAIT):
        screen.history.stack.undo()
    restored = in_store(demo_path, holders)
    for kind in ("tasks", "leads", "referrals", "attendees"):
        assert restored[kind] == before[kind], kind
    assert {k: v for k, v in restored["seats"].items() if k in before["seats"]} == before["seats"]
    assert all(not live for k, (_s, _e, live) in restored["seats"].items() if k not in before["seats"])
    assert in_store(demo_path, lambda uow: uow.staff.get(lupe).active)

    # The history lists it, undone, with its items; its own controls are named and reachable too.
    qtbot.waitUntil(lambda: screen.detail.staff.table.isVisible(), timeout=WAIT)
    screen.detail.staff.table.setFocus()
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    qtbot.keyClick(screen.detail.staff.table, Qt.Key.Key_H, CTRL_ALT)
    qtbot.waitUntil(lambda: screen.handover.history_dialog is not None
                    and screen.handover.history_dialog.model.rowCount() == 1, timeout=WAIT)
    history = screen.handover.history_dialog
    assert history.status.text().startswith("Undone on ") and not history.undo_button.isEnabled()
    assert history.items_model.rowCount() == len(row.items)
    assert unnamed_controls(history) == [] and clashing_mnemonics(history) == []
    assert actions_without_keyboard_route(history) == []
    history.reject()


def test_refusal_stays_in_the_dialog_with_the_choices_kept(qtbot, directory, demo_path):
    screen = directory
    choose_staff_row(qtbot, screen, "Lupe Hernández")
    dialog = open_dialog(qtbot, screen)
    # Someone else closes Marcus's record while the dialog is open: the service refuses, naming the line.
    lupe, marcus = staff_id(demo_path, "Lupe Hernández"), staff_id(demo_path, "Marcus Bell")
    dialog.give_all.setFocus()
    qtbot.keyClicks(dialog.give_all, "Marcus")
    # Space on a line unticks it: it stays with her, and the note says so.
    first = next(iter(dialog.lines))
    dialog.tree.setFocus()
    dialog.tree.setCurrentItem(dialog.lines[first])
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
    assert not dialog.ticked(first) and dialog.answer()["assignments"][first] is None
    assert "1 unticked stays with Lupe Hernández: the quality dashboard will warn" in dialog.note.text()
    store = open_store(demo_path)
    try:
        with store.unit_of_work() as uow:
            handovers.hand_over(uow, users.local_actor(uow), marcus, deactivate=True)
    finally:
        store.close()
    with qtbot.waitSignal(screen.ops.idle, timeout=WAIT):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    problem = dialog.message
    assert dialog.isVisible() and problem.isVisible()
    assert "Marcus Bell is no longer active at Bridgeway Employment Services" in problem.text()
    assert dialog.give_all.currentData() == marcus and dialog.ok_button.isEnabled()
    assert in_store(demo_path, lambda uow: uow.staff.get(lupe).active)


def test_undo_handover_from_the_history_is_an_undo_step_of_its_own(qtbot, directory, demo_path):
    screen = directory
    lupe, marcus = staff_id(demo_path, "Lupe Hernández"), staff_id(demo_path, "Marcus Bell")
    before = in_store(demo_path, holders)
    store = open_store(demo_path)
    try:
        with store.unit_of_work() as uow:
            handovers.hand_over(uow, users.local_actor(uow), lupe, to_all=marcus, reason="Retiring")
    finally:
        store.close()
    choose_staff_row(qtbot, screen, "Lupe Hernández")
    qtbot.keyClick(screen.detail.staff.table, Qt.Key.Key_H, CTRL_ALT)
    qtbot.waitUntil(lambda: screen.handover.history_dialog is not None
                    and screen.handover.history_dialog.model.rowCount() == 1, timeout=WAIT)
    history = screen.handover.history_dialog
    assert history.undo_button.isEnabled() and "Undo handover (Ctrl+Shift+U)" in history.status.text()
    history.table.setFocus()
    with qtbot.waitSignal(screen.ops.data_changed, timeout=WAIT):
        qtbot.keyClick(history.table, Qt.Key.Key_U, CTRL_SHIFT)
    qtbot.waitUntil(lambda: history.status.text().startswith("Undone on "), timeout=WAIT)
    restored = in_store(demo_path, holders)
    for kind in ("tasks", "leads", "referrals", "attendees"):
        assert restored[kind] == before[kind], kind
    assert screen.history.stack.undoText() == "Undo the handover of Lupe Hernández's work"

    # Undoing that undo hands the same items over again, in a new handover.
    with qtbot.waitSignal(screen.ops.data_changed, timeout=WAIT):
        screen.history.stack.undo()
    again = in_store(demo_path, lambda uow: (uow.staff.get(lupe).active, handovers.open_item_counts(uow, lupe),
                                             handovers.list_handovers(uow, READER, staff_id=lupe)))
    assert again[0] is False and sum(again[1].values()) == 0
    assert [h.undone for h in again[2]] == [False, True] and again[2][0].reason == "Retiring"
    qtbot.waitUntil(lambda: history.model.rowCount() == 2, timeout=WAIT)
    history.reject()


@pytest.fixture
def jobdev_directory(qtbot, demo_path, dialogs):
    yield from partner_directory(qtbot, demo_path, dialogs, "jobdev")


def test_a_job_developer_sees_the_handover_actions_greyed_out(qtbot, jobdev_directory):
    screen = jobdev_directory
    choose_staff_row(qtbot, screen, "Lupe Hernández")
    assert not screen.handover.hand_over_action.isEnabled() and not screen.handover.history_action.isEnabled()
    qtbot.keyClick(screen.detail.staff.table, Qt.Key.Key_H, CTRL_SHIFT)
    assert screen.handover.dialog is None


def test_unticking_active_for_someone_holding_work_is_refused_in_the_staff_form(qtbot, directory, demo_path):
    screen = directory
    choose_staff_row(qtbot, screen, "Lupe Hernández")
    qtbot.keyClick(screen.detail.staff.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: screen.dialog is not None and screen.dialog.isVisible(), timeout=WAIT)
    form = screen.dialog
    form.checks["active"].setFocus()
    qtbot.keyClick(form.checks["active"], Qt.Key.Key_Space)
    assert not form.checks["active"].isChecked()
    with qtbot.waitSignal(screen.ops.idle, timeout=WAIT):
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and form.message.isVisible()
    assert re.fullmatch(r"⚠ Lupe Hernández holds \d+ open items \(\d+ open tasks, .*\); hand them over first "
                        r"\(Partners ▸ Staff ▸ Hand over…\)\.", form.message.text())
    lupe = staff_id(demo_path, "Lupe Hernández")
    assert in_store(demo_path, lambda uow: uow.staff.get(lupe).active)
