"""The partner directory's Referrals tab as Kevin O'Brien (a Riverbend Behavioral Health case manager, a
partner account) on the demo partnership: Riverbend's inbox lists what Bridgeway sent, narrowed by Overdue
only, a status, words in the service and the staff member (me); the outbox lists what Riverbend sent; Mark
received (Ctrl+R) on the chosen one; Enter opens the person's workspace only when Kevin may see the person;
every control named, every action on a key, no Alt letter twice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.domain.referrals import ReferralStatus
from ui.screens.referral_dialogs import AcceptDialog, ReasonDialog

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from referral_screens import COVERED, CTRL, MENTAL_HEALTH, WAIT, choose, colleague, statuses  # noqa: F401

SEEN = "Selma Mujić"  # Kevin is on her team: he may open her record


def ids_shown(page) -> list:
    model = page.board.model
    return [model.row_at(n).id for n in range(model.rowCount())]


def reloaded(qtbot, page, change) -> None:
    with qtbot.waitSignal(page.board.rows_loaded, timeout=WAIT):
        change()


@pytest.fixture
def inbox(qtbot, open_window, demo_path, colleague):
    """Three referrals Lupe sent to Riverbend (one overdue, one for benefits counseling), then Kevin's window on
    Riverbend's Referrals tab."""
    sent = {"new": colleague.send(colleague.person(COVERED).id),
            "overdue": colleague.send(colleague.person(SEEN).id, days_ago=20, respond_in=10),
            "benefits": colleague.send(colleague.person(COVERED).id, service="Benefits counseling with work")}
    window = open_window(demo_path, user="partner")
    screen = window.partners
    window.sections.setCurrentWidget(screen)
    with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):
        screen.select_organization(colleague.organization_id())
    qtbot.waitUntil(lambda: screen.current_organization() is not None
                    and screen.current_organization().name == MENTAL_HEALTH, timeout=WAIT)
    page = screen.referrals
    reloaded(qtbot, page, lambda: screen.detail.tabs.setCurrentWidget(page))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    page.table.setFocus()
    return window, page, sent


def test_the_inbox_lists_what_was_sent_and_the_filters_narrow_it(qtbot, inbox):
    window, page, sent = inbox
    ours = {r.id for r in sent.values()}
    assert ours <= set(ids_shown(page))
    assert "in the inbox" in page.count.text()
    model = page.board.model
    line = model.row_of(sent["overdue"].id)
    assert model.index(line, model.Column.OVERDUE).data() == "Overdue"  # a word, with a warning sign
    assert model.index(line, model.Column.OVERDUE).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(line, model.Column.PERSON).data() == SEEN
    reloaded(qtbot, page, lambda: qtbot.keyClick(page.overdue, Qt.Key.Key_Space))
    assert sent["overdue"].id in ids_shown(page) and {sent["new"].id, sent["benefits"].id}.isdisjoint(ids_shown(page))
    assert all(model.row_at(n).overdue for n in range(model.rowCount()))
    reloaded(qtbot, page, lambda: qtbot.keyClick(page.overdue, Qt.Key.Key_Space))
    page.service.setFocus()
    reloaded(qtbot, page, lambda: qtbot.keyClicks(page.service, "benefits"))
    assert sent["benefits"].id in ids_shown(page) and sent["new"].id not in ids_shown(page)
    page.service.clear()
    reloaded(qtbot, page, lambda: page.status_box.setCurrentIndex(page.status_box.findData(ReferralStatus.RECEIVED)))
    assert ours.isdisjoint(ids_shown(page))
    reloaded(qtbot, page, lambda: page.status_box.setCurrentIndex(0))
    me = next(n for n in range(page.staff_box.count()) if page.staff_box.itemText(n).startswith("Me ("))
    reloaded(qtbot, page, lambda: page.staff_box.setCurrentIndex(me))  # sent to Riverbend, to no one by name
    assert ours.isdisjoint(ids_shown(page))
    reloaded(qtbot, page, lambda: page.staff_box.setCurrentIndex(0))
    reloaded(qtbot, page, lambda: page.outbox.click())
    assert ours.isdisjoint(ids_shown(page)) and "in the outbox" in page.count.text()


def test_mark_received_from_the_inbox_and_open_the_person_only_when_allowed(qtbot, inbox, colleague):
    window, page, sent = inbox
    board, model = page.board, page.board.model
    choose(qtbot, board, sent["overdue"].id)
    assert board.actions_by_step["receive"].isEnabled() and not board.actions_by_step["withdraw"].isEnabled()
    with qtbot.waitSignal(board.referral_shown, timeout=WAIT):
        qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: board.detail.referral.status is ReferralStatus.RECEIVED, timeout=WAIT)
    assert model.index(model.row_of(sent["overdue"].id), model.Column.STATUS).data() == "Received"
    assert statuses(colleague.referral(sent["overdue"].id)) == ["Sent", "Received"]
    assert window.history.stack.undoText() == f"Mark {sent['overdue'].ref} received"
    # Kevin is not on Brandon's team: Enter says so instead of opening the record.
    choose(qtbot, board, sent["new"].id)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "may not open" in board.message.text(), timeout=WAIT)
    assert board.message.isVisible() and COVERED in board.message.text()
    assert sent["new"].person_id not in window.sections.people
    # Selma's he may open: Enter opens her workspace.
    choose(qtbot, board, sent["overdue"].id)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sent["overdue"].person_id in window.sections.people, timeout=WAIT)


def test_every_control_is_named_and_every_action_has_a_key(qtbot, inbox):
    window, page, sent = inbox
    board, model = page.board, page.board.model
    choose(qtbot, board, sent["new"].id)
    problems = unnamed_controls(window) + clashing_mnemonics(window) + actions_without_keyboard_route(window)
    for open_it, kind in ((board.accept, AcceptDialog), (board.decline, ReasonDialog)):
        board.dialog = None
        open_it()
        qtbot.waitUntil(lambda: isinstance(board.dialog, kind) and board.dialog.isVisible(), timeout=WAIT)
        problems += unnamed_controls(board.dialog) + clashing_mnemonics(board.dialog)
        board.dialog.reject()
    assert problems == [], "\n".join(problems)


def test_a_decline_needs_its_reason_and_undo_takes_it_back(qtbot, inbox, colleague):
    window, page, sent = inbox
    board, model = page.board, page.board.model
    choose(qtbot, board, sent["benefits"].id)
    qtbot.keyClick(page.table, Qt.Key.Key_D, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(board.dialog, ReasonDialog) and board.dialog.isVisible(), timeout=WAIT)
    dialog = board.dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)  # no reason typed: refused under the box
    problem = dialog.fields.errors["reason"]
    assert problem.isVisible() and "Say why the referral is declined" in problem.text() and dialog.isVisible()
    assert statuses(colleague.referral(sent["benefits"].id)) == ["Sent"]
    qtbot.keyClicks(dialog.fields.fields["reason"], "Outside our service area")
    dialog.ok_button.setFocus()
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: board.detail.referral.status is ReferralStatus.DECLINED, timeout=WAIT)
    assert "Declined on" in board.details.text() and "Outside our service area" in board.details.text()
    assert model.index(model.row_of(sent["benefits"].id), model.Column.STATUS).data() == "Declined"
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    page.table.setFocus()
    with qtbot.waitSignal(window.ops.data_changed, timeout=WAIT):
        qtbot.keyClick(page.table, Qt.Key.Key_Z, CTRL)  # Edit ▸ Undo
    qtbot.waitUntil(lambda: board.detail.referral.status is ReferralStatus.SENT, timeout=WAIT)
    stored = colleague.referral(sent["benefits"].id).referral
    assert stored.status is ReferralStatus.SENT and stored.decline_reason == ""


def test_a_step_on_a_copy_someone_changed_meanwhile_is_refused_in_words(qtbot, inbox, colleague):
    window, page, sent = inbox
    board, model = page.board, page.board.model
    choose(qtbot, board, sent["new"].id)
    # Kevin, signed in at another desk too, marks it received there first.
    from caseteam.services import referrals

    stale = board.current()
    colleague("partner", lambda uow, actor: referrals.mark_received(uow, actor, stale.id, version=stale.version))
    qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: board.message.text().startswith("⚠"), timeout=WAIT)
    assert statuses(colleague.referral(stale.id)) == ["Sent", "Received"]  # not received twice
    qtbot.keyClick(page.table, Qt.Key.Key_F5)  # reading again shows what the colleague did
    qtbot.waitUntil(lambda: board.detail is not None and board.detail.referral.status is ReferralStatus.RECEIVED,
                    timeout=WAIT)
    assert not board.actions_by_step["receive"].isEnabled()


def test_print_summary_shows_the_preview_then_prints_it(qtbot, inbox, monkeypatch):
    from ui import printing

    window, page, sent = inbox
    board, model = page.board, page.board.model
    choose(qtbot, board, sent["overdue"].id)  # Selma: Kevin is on her team
    printed = []
    monkeypatch.setattr(printing, "print_pdf", lambda _parent, data: printed.append(data) or True)
    qtbot.keyClick(page.table, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: getattr(board, "preview", None) is not None and board.preview.isVisible(), timeout=WAIT)
    preview = board.preview
    assert preview.windowTitle() == f"Referral summary {sent['overdue'].ref}" and preview.page_count >= 1
    assert unnamed_controls(preview) == [] and clashing_mnemonics(preview) == []
    preview.print_button.click()
    assert printed and printed[0].startswith(b"%PDF")
    preview.reject()
