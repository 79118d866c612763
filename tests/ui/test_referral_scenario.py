"""The closed loop between two desks on the demo partnership: Lupe (a Bridgeway job developer) refers Brandon
Peterson from his workspace to Riverbend Behavioral Health; Kevin O'Brien (a Riverbend case manager, a second
window) finds it in Riverbend's inbox, accepts it (joining Brandon's team, with a first task), starts and
completes it; both sides then show it completed with the same history. Undo of an acceptance takes back the
team seat and the first task."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.domain.referrals import ReferralStatus
from caseteam.domain.tasks import TaskStatus
from caseteam.services import teams
from ui.screens.referral_dialogs import AcceptDialog, ReasonDialog, SendReferralDialog

from referral_screens import (COVERED, CTRL, MENTAL_HEALTH, SHIFT, WAIT, active_dialog, choose,  # noqa: F401
                              colleague, fill_send_dialog, focused, statuses)


def activate(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)


def referrals_part(qtbot, window, person_id):
    """The person's workspace opened, its Referrals part shown with Ctrl+Shift+R and loaded."""
    window.open_person(person_id)
    ws = window.sections.people[person_id]
    qtbot.waitUntil(lambda: ws.person is not None and window.ops.pending == 0, timeout=WAIT)
    activate(qtbot, window)
    ws.show_tab(0)
    qtbot.waitUntil(lambda: focused() is not None and ws.isAncestorOf(focused()), timeout=WAIT)
    qtbot.keyClick(focused(), Qt.Key.Key_R, CTRL | SHIFT)
    qtbot.waitUntil(lambda: ws.tabs.currentWidget() is ws.referrals, timeout=WAIT)
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)
    ws.referrals.table.setFocus()
    return ws.referrals


def inbox_of(qtbot, window, organization_id):
    """The partner directory on the organization, its Referrals tab shown (Inbox)."""
    screen = window.partners
    window.sections.setCurrentWidget(screen)
    with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):
        screen.select_organization(organization_id)
    page = screen.referrals
    with qtbot.waitSignal(page.board.rows_loaded, timeout=WAIT):
        screen.detail.tabs.setCurrentWidget(page)
    activate(qtbot, window)
    page.table.setFocus()
    return page


def step(qtbot, board, key, modifiers, status: ReferralStatus) -> None:
    activate(qtbot, board.window())  # the dialog before has closed: keys go to the active window
    board.table.setFocus()
    qtbot.keyClick(board.table, key, modifiers)
    qtbot.waitUntil(lambda: board.detail is not None and board.detail.referral.status is status, timeout=WAIT)


def accept_by_keys(qtbot, board) -> AcceptDialog:
    activate(qtbot, board.window())
    board.table.setFocus()
    qtbot.keyClick(board.table, Qt.Key.Key_Y, CTRL | SHIFT)
    dialog = active_dialog(qtbot, board, AcceptDialog)
    taker = dialog.fields.fields["staff_id"]
    taker.setFocus()
    qtbot.keyClicks(taker, "Kevin")
    assert taker.currentText().startswith("Kevin O'Brien") and dialog.add_to_team.isChecked()
    assert dialog.fields.value("first_task_title") == f"First meeting with {COVERED}"
    qtbot.keyClick(dialog.fields.fields["first_task_title"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: board.detail.referral.status is ReferralStatus.ACCEPTED, timeout=WAIT)
    return dialog


def on_team(colleague, person_id, staff_id) -> bool:
    """Whether the staff member holds a current seat on the person's team (not ended, not archived)."""
    view = colleague("admin", lambda uow, actor: teams.team_view(uow, actor, person_id), write=False)
    return any(line.member.staff_id == staff_id and not line.ended for line in view.lines)


@pytest.fixture
def desks(qtbot, open_window, demo_path, colleague):
    person = colleague.person(COVERED)
    lupe = open_window(demo_path, user="jobdev")
    kevin = open_window(demo_path, user="partner")
    return lupe, kevin, person


def test_a_referral_goes_round_the_loop_between_two_organizations(qtbot, desks, colleague):
    lupe, kevin, person = desks
    # Lupe sends it from Brandon's workspace.
    activate(qtbot, lupe)
    page = referrals_part(qtbot, lupe, person.id)
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    dialog = active_dialog(qtbot, page, SendReferralDialog)
    fill_send_dialog(qtbot, dialog)
    with qtbot.waitSignal(page.board.referral_shown, timeout=WAIT):
        qtbot.keyClick(dialog.fields.fields["service"], Qt.Key.Key_Return)
    sent = page.board.current()
    assert sent.status is ReferralStatus.SENT and sent.to_organization_name == MENTAL_HEALTH

    # Kevin, at Riverbend, finds it in the inbox; he may not open Brandon's record yet.
    inbox = inbox_of(qtbot, kevin, sent.to_organization_id)
    board = inbox.board
    choose(qtbot, board, sent.id)
    assert board.model.index(board.model.row_of(sent.id), board.model.Column.FROM).data().startswith(
        "Bridgeway Employment Services (Lupe Hernández")
    assert not on_team(colleague, person.id, kevin.actor.staff_id)
    accept_by_keys(qtbot, board)
    accepted = board.detail.referral
    assert accepted.to_staff_name.startswith("Kevin O'Brien") and accepted.first_task_ref
    assert "joined the person's team" in board.details.text() and accepted.first_task_ref in board.details.text()
    assert on_team(colleague, person.id, kevin.actor.staff_id)
    step(qtbot, board, Qt.Key.Key_I, CTRL, ReferralStatus.IN_PROGRESS)
    activate(qtbot, kevin)
    qtbot.keyClick(board.table, Qt.Key.Key_Return, CTRL)
    outcome = active_dialog(qtbot, board, ReasonDialog)
    qtbot.keyClicks(outcome.fields.fields["outcome"], "Enrolled in the IPS team; first shift booked")
    outcome.ok_button.setFocus()
    qtbot.keyClick(outcome.ok_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: board.detail.referral.status is ReferralStatus.COMPLETED, timeout=WAIT)
    history = [board.events_model.index(n, 0).data() for n in range(board.events_model.rowCount())]
    assert history == ["Sent", "Accepted", "In progress", "Completed"]
    # Now on Brandon's team, Kevin may open his workspace from the inbox.
    activate(qtbot, kevin)
    qtbot.keyClick(board.table, Qt.Key.Key_O, CTRL)
    qtbot.waitUntil(lambda: person.id in kevin.sections.people, timeout=WAIT)

    # Back at Bridgeway: F5 reads what Riverbend answered; the outbox shows it too.
    activate(qtbot, lupe)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.board.detail is not None
                    and page.board.detail.referral.status is ReferralStatus.COMPLETED, timeout=WAIT)
    assert "Enrolled in the IPS team" in page.board.details.text()
    assert [page.board.events_model.index(n, 0).data() for n in range(page.board.events_model.rowCount())] \
        == history
    outbox = inbox_of(qtbot, lupe, sent.from_organization_id)
    with qtbot.waitSignal(outbox.board.rows_loaded, timeout=WAIT):
        outbox.outbox.click()
    choose(qtbot, outbox.board, sent.id)
    assert outbox.board.model.index(outbox.board.model.row_of(sent.id),
                                    outbox.board.model.Column.STATUS).data() == "Completed"


def test_undo_of_an_acceptance_takes_back_the_team_seat_and_the_first_task(qtbot, desks, colleague):
    lupe, kevin, person = desks
    sent = colleague.send(person.id)
    inbox = inbox_of(qtbot, kevin, sent.to_organization_id)
    board = inbox.board
    choose(qtbot, board, sent.id)
    accept_by_keys(qtbot, board)
    accepted = board.detail.referral
    assert kevin.history.stack.undoText() == f"Accept {sent.ref}"
    activate(qtbot, kevin)
    board.table.setFocus()
    with qtbot.waitSignal(kevin.ops.data_changed, timeout=WAIT):
        qtbot.keyClick(board.table, Qt.Key.Key_Z, CTRL)  # Edit ▸ Undo
    qtbot.waitUntil(lambda: board.detail.referral.status is ReferralStatus.SENT, timeout=WAIT)
    stored = colleague.referral(sent.id)
    assert stored.referral.team_member_id is None and stored.referral.first_task_id is None
    assert statuses(stored) == ["Sent", "Accepted", "Sent"]  # the history keeps what happened
    assert not on_team(colleague, person.id, kevin.actor.staff_id)
    task = colleague("admin", lambda uow, _a: uow.tasks.get(accepted.first_task_id, include_archived=True).status,
                     write=False)
    assert task is TaskStatus.CANCELLED
    # Redo accepts again: back on the team.
    with qtbot.waitSignal(kevin.ops.data_changed, timeout=WAIT):
        kevin.history.stack.redo()
    qtbot.waitUntil(lambda: board.detail.referral.status is ReferralStatus.ACCEPTED, timeout=WAIT)
    assert on_team(colleague, person.id, kevin.actor.staff_id)
