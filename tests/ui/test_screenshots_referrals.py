"""Screenshots of the referral screens for the README: `CASETEAM_SCREENSHOTS=DIR uv run pytest
tests/ui/test_screenshots_referrals.py` saves, on the demo store, the Referrals part of the workspace of
someone whose referral was completed (as Lupe, a Bridgeway job developer) with it chosen and its history, the Send
referral dialog filled in for Riverbend Behavioral Health (what the release covers said in words), and
Riverbend's inbox in the partner directory as Kevin O'Brien (a Riverbend case manager) with the Accept dialog.
Without the variable there is nothing to do."""

from __future__ import annotations

from collections import Counter

from caseteam.domain.referrals import ReferralStatus
from caseteam.services import organizations, people, referrals
from ui.screens.referral_dialogs import AcceptDialog, SendReferralDialog
from tests.ui.test_screenshots import WAIT, ask, pytestmark, save  # noqa: F401  (pytestmark: skipped without the variable)

from referral_screens import COVERED, MENTAL_HEALTH, active_dialog, fill_send_dialog


def choose(qtbot, board, line: int) -> None:
    """The referral on that line chosen and its details shown."""
    wanted = board.model.row_at(line).id
    board.table.setCurrentIndex(board.model.index(line, 0))
    qtbot.waitUntil(lambda: board.detail is not None and board.detail.referral.id == wanted, timeout=WAIT)


def test_referral_screens(qtbot, open_window, demo_path, wait_idle):
    lupe = open_window(demo_path, user="jobdev", persist_layout=False)
    lupe.resize(1366, 768)
    rows = ask(qtbot, lupe, lambda uow: referrals.list_referrals(uow, lupe.actor))
    # Someone whose referral went round the loop: its history has every step.
    done = [r.person_id for r in rows if r.status is ReferralStatus.COMPLETED]
    person_id = done[0] if done else Counter(r.person_id for r in rows).most_common(1)[0][0]
    lupe.open_person(person_id)
    ws = lupe.sections.people[person_id]
    qtbot.waitUntil(lambda: ws.person is not None, timeout=WAIT)
    ws.show_tab(ws.tabs.indexOf(ws.referrals))
    wait_idle(lupe)
    board = ws.referrals.board
    qtbot.waitUntil(lambda: board.detail is not None, timeout=WAIT)
    closed = next((n for n in range(board.model.rowCount())
                   if board.model.row_at(n).status is ReferralStatus.COMPLETED), 0)
    choose(qtbot, board, closed)
    save(lupe, "referrals-person")

    target = next(r.id for r in ask(qtbot, lupe, lambda uow: people.caseload(uow, lupe.actor)) if r.name == COVERED)
    lupe.open_person(target)
    page = lupe.sections.people[target].referrals
    lupe.sections.people[target].show_tab(lupe.sections.people[target].tabs.indexOf(page))
    wait_idle(lupe)
    lupe.activateWindow()
    page.send()
    dialog = active_dialog(qtbot, page, SendReferralDialog)
    fill_send_dialog(qtbot, dialog, to="Riverbend")
    dialog.adjustSize()
    save(dialog, "referrals-send")
    dialog.reject()

    kevin = open_window(demo_path, user="partner", persist_layout=False)
    kevin.resize(1366, 768)
    screen = kevin.partners
    kevin.sections.setCurrentWidget(screen)
    wait_idle(kevin)
    org = next(o for o in ask(qtbot, kevin, lambda uow: organizations.list_organizations(uow, kevin.actor))
               if o.name == MENTAL_HEALTH)
    with qtbot.waitSignal(screen.detail_loaded, timeout=WAIT):
        screen.select_organization(org.id)
    inbox = screen.referrals
    with qtbot.waitSignal(inbox.board.rows_loaded, timeout=WAIT):
        screen.detail.tabs.setCurrentWidget(inbox)
    wait_idle(kevin)
    waiting = next((n for n in range(inbox.board.model.rowCount())
                    if inbox.board.model.row_at(n).status.value in ("sent", "received")), 0)
    choose(qtbot, inbox.board, waiting)
    save(kevin, "referrals-inbox")
    kevin.activateWindow()
    inbox.board.accept()
    accept = active_dialog(qtbot, inbox.board, AcceptDialog)
    accept.adjustSize()
    save(accept, "referrals-accept")
    accept.reject()
