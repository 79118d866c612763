"""The quality dashboard's referral counts on the demo partnership, signed in as the supervisor: the
"Referrals overdue" count lists the referrals not answered in time, the referral counts read in words under
the list (open, overdue, by status, the median days to an answer), Enter on an overdue referral opens the
person's workspace, and the page still passes the accessibility walk."""

from __future__ import annotations

from PySide6.QtCore import Qt

from caseteam.services import quality_dashboard as qd
from caseteam.services.quality_dashboard import QualityKind as K

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from test_quality_dashboard_screen import WAIT, show_quality


def test_referrals_overdue_count_and_words(qtbot, open_window, demo_path):
    window = open_window(demo_path, user="supervisor")
    page = show_quality(qtbot, window)
    board = page.board
    late = board.count(K.REFERRALS_OVERDUE)
    assert late.count > 0 and late.count == board.referrals.overdue
    assert page.count_buttons[K.REFERRALS_OVERDUE].text() == f"Referrals overdue: {late.count}"
    assert page.count_buttons[K.REFERRALS_OVERDUE].accessibleName() == (
        f"Referrals not answered by the day an answer was due: {late.count}")
    words = page.referrals_summary.text()
    assert words == qd.referral_words(board.referrals)
    assert f"{board.referrals.open} open, {board.referrals.overdue} overdue" in words and "median" in words
    page.count_buttons[K.REFERRALS_OVERDUE].setFocus()
    qtbot.keyClick(page.count_buttons[K.REFERRALS_OVERDUE], Qt.Key.Key_Space)
    assert page.shown_lines() == list(late.lines)
    assert all(page.model.text(line, 0).startswith("Referral RF-") for line in page.shown_lines())
    line = page.shown_lines()[0]
    assert line.person_id is not None  # Bridgeway's supervisor may see Bridgeway's people
    assert unnamed_controls(page) == [] and clashing_mnemonics(window) == []
    assert actions_without_keyboard_route(window) == []
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: line.person_id in window.sections.people, timeout=WAIT)
    assert window.sections.currentWidget() is window.sections.people[line.person_id]
