"""The person's Referrals part, driven from the keyboard as Lupe (a Bridgeway job developer) on the demo
partnership: Send referral… (Ctrl+N) to the mental-health provider with what the release covers said in words,
the referral listed with its status in words and its history; a send refused for want of a release shows why,
offers "Record a release…" and keeps what was typed; undo withdraws a referral sent by mistake and redo sends
it again; the summary saved as a PDF; every control named, every action on a key."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from caseteam.domain.referrals import ReferralStatus
from caseteam.errors import ConsentRequired
from ui import consent_offer, printing
from ui.screens.person.referrals_page import ReferralsPage
from ui.screens.referral_dialogs import SendReferralDialog
from ui.undo import UndoHistory

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from referral_screens import (COVERED, CTRL, MENTAL_HEALTH, NOT_COVERED, SHARED, WAIT, active_dialog, colleague,  # noqa: F401
                              fill_send_dialog, focused, show_active, signed_in_ops, statuses)


@pytest.fixture
def ops(qtbot, demo_path, dialogs):
    operations = signed_in_ops(qtbot, demo_path, "jobdev")
    yield operations
    operations.shutdown()
    assert dialogs.unexpected() == [], "an unexpected error reached the user"


def open_page(qtbot, ops, person_id) -> ReferralsPage:
    page = ReferralsPage(ops, ops.actor, UndoHistory(ops), person_id)
    ops.data_changed.connect(page.apply_changes)  # as the main window does for every open screen
    qtbot.addWidget(page)
    page.resize(1200, 760)
    with qtbot.waitSignal(page.board.rows_loaded, timeout=WAIT):
        page.refresh()
    show_active(qtbot, page)
    page.table.setFocus()
    return page


def send_by_keys(qtbot, page, **typed) -> SendReferralDialog:
    qtbot.keyClick(focused(), Qt.Key.Key_N, CTRL)
    dialog = active_dialog(qtbot, page, SendReferralDialog)
    fill_send_dialog(qtbot, dialog, **typed)
    return dialog


def test_send_a_referral_to_the_mental_health_provider(qtbot, ops, colleague):
    person = colleague.person(COVERED)
    page = open_page(qtbot, ops, person.id)
    before = page.board.model.rowCount()
    dialog = send_by_keys(qtbot, page)
    # What the release covers is said in words, on the organization's line and under it.
    assert "release covers 6 kinds" in dialog.organization.currentText()
    assert dialog.coverage.text().startswith(f"An active release covers sharing with {MENTAL_HEALTH}:")
    assert "Job development and employment" in dialog.coverage.text()
    assert dialog.category_boxes[SHARED[0]].text().endswith("(covered)")
    with qtbot.waitSignal(page.board.referral_shown, timeout=WAIT):
        qtbot.keyClick(dialog.fields.fields["service"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert page.board.model.rowCount() == before + 1
    row = page.board.current()
    assert (row.to_organization_name, row.status, row.service) == (MENTAL_HEALTH, ReferralStatus.SENT,
                                                                    "IPS supported employment")
    assert row.shared_categories == SHARED and row.from_staff_name.startswith("Lupe Hernández")
    model = page.board.model
    cells = [model.index(model.row_of(row.id), c).data() for c in range(model.columnCount())]
    assert "Sent" in cells and "Overdue" not in cells  # the status in words; not overdue yet
    assert "Status:</b> Sent on" in page.board.details.text()
    assert [page.board.events_model.index(0, 0).data()] == ["Sent"]
    assert f"{before + 1} referral" in page.summary.text()
    # The sender may withdraw or edit it; only the receiving side receives or accepts.
    assert page.board.actions_by_step["withdraw"].isEnabled() and page.board.actions_by_step["edit"].isEnabled()
    assert not page.board.actions_by_step["accept"].isEnabled()
    stored = colleague.referral(row.id)
    assert stored.referral.release_ref and statuses(stored) == ["Sent"]


def test_a_refusal_without_a_release_shows_why_offers_one_and_keeps_the_input(qtbot, ops, colleague, monkeypatch):
    offered = []
    monkeypatch.setattr(consent_offer, "_handler", offered.append)  # the window opens the Consent tab
    person = colleague.person(NOT_COVERED)
    page = open_page(qtbot, ops, person.id)
    before = page.board.model.rowCount()
    dialog = send_by_keys(qtbot, page, service="Counseling while working")
    assert dialog.organization.currentText().endswith("no release")
    assert dialog.coverage.text().startswith("No active release lets")
    qtbot.keyClick(dialog.fields.fields["service"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT)
    assert dialog.isVisible() and "release" in dialog.message.text()
    assert dialog.fields.value("service") == "Counseling while working"  # nothing typed is lost
    assert dialog.category_boxes[SHARED[1]].isChecked()
    assert dialog.record_release_button.isVisible()
    dialog.record_release_button.click()  # "Record a release…": the dialog closes, the Consent path opens
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert len(offered) == 1 and isinstance(offered[0], ConsentRequired)
    assert offered[0].person_id == person.id and offered[0].organization_id == colleague.organization_id()
    assert page.board.model.rowCount() == before  # nothing was sent
    assert "kept" in page.summary.text()
    # The next Send referral… starts from what was typed.
    show_active(qtbot, page)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, CTRL)
    again = active_dialog(qtbot, page, SendReferralDialog)
    assert again is not dialog
    assert again.organization.currentData() == colleague.organization_id()
    assert again.fields.value("service") == "Counseling while working"
    assert again.fields.value("reason").startswith("Wants to work")
    assert [c for c, box in again.category_boxes.items() if box.isChecked()] == list(SHARED)
    again.reject()


def test_undo_withdraws_a_referral_sent_by_mistake_and_redo_sends_it_again(qtbot, ops, colleague):
    person = colleague.person(COVERED)
    page = open_page(qtbot, ops, person.id)
    dialog = send_by_keys(qtbot, page)
    with qtbot.waitSignal(page.board.referral_shown, timeout=WAIT):
        qtbot.keyClick(dialog.fields.fields["service"], Qt.Key.Key_Return)
    referral = page.board.current()
    stack = page.history.stack
    assert stack.undoText() == f"Send referral to {MENTAL_HEALTH}"
    with qtbot.waitSignal(ops.data_changed, timeout=WAIT):
        stack.undo()
    qtbot.waitUntil(lambda: page.board.detail is not None
                    and page.board.detail.referral.status is ReferralStatus.WITHDRAWN, timeout=WAIT)
    assert "Withdrawn" in page.board.details.text()
    with qtbot.waitSignal(ops.data_changed, timeout=WAIT):
        stack.redo()
    qtbot.waitUntil(lambda: page.board.detail.referral.status is ReferralStatus.SENT, timeout=WAIT)
    assert page.board.current().id == referral.id
    assert statuses(colleague.referral(referral.id)) == ["Sent", "Withdrawn", "Sent"]


def test_the_summary_is_saved_as_a_pdf(qtbot, ops, colleague, monkeypatch):
    person = colleague.person(COVERED)
    colleague.send(person.id)
    page = open_page(qtbot, ops, person.id)
    qtbot.waitUntil(lambda: page.board.detail is not None, timeout=WAIT)
    saved = []
    monkeypatch.setattr(printing, "save_pdf", lambda _parent, data, name: saved.append((data, name)))
    page.table.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT)
    data, name = saved[0]
    assert data.startswith(b"%PDF") and name.endswith(f"referral summary for {MENTAL_HEALTH}.pdf")
    assert person.name not in name  # the person's name stays off the disk


def test_every_control_is_named_and_every_action_has_a_key(qtbot, ops, colleague):
    person = colleague.person(COVERED)
    colleague.send(person.id)
    page = open_page(qtbot, ops, person.id)
    qtbot.waitUntil(lambda: page.board.detail is not None, timeout=WAIT)
    problems = unnamed_controls(page) + clashing_mnemonics(page) + actions_without_keyboard_route(page)
    page.send()
    dialog = active_dialog(qtbot, page, SendReferralDialog)
    fill_send_dialog(qtbot, dialog)
    problems += unnamed_controls(dialog) + clashing_mnemonics(dialog)
    dialog.reject()
    board = page.board
    for open_it in (board.withdraw, board.edit):
        board.dialog = None
        open_it()
        qtbot.waitUntil(lambda: board.dialog is not None and board.dialog.isVisible(), timeout=WAIT)
        problems += unnamed_controls(board.dialog) + clashing_mnemonics(board.dialog)
        board.dialog.reject()
    assert problems == [], "\n".join(problems)


def test_an_auditor_reads_referrals_but_takes_no_step(qtbot, demo_path, colleague, dialogs):
    person = colleague.person(COVERED)
    sent = colleague.send(person.id)
    auditor = signed_in_ops(qtbot, demo_path, "auditor")
    try:
        page = open_page(qtbot, auditor, person.id)
        qtbot.waitUntil(lambda: page.board.detail is not None, timeout=WAIT)
        assert page.board.model.row_of(sent.id) is not None and "Sent on" in page.board.details.text()
        assert not page.send_action.isEnabled()
        assert not any(action.isEnabled() for action in page.board.actions_by_step.values())
    finally:
        auditor.shutdown()
