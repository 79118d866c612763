"""The Meetings section on the demo partnership, signed in as the demo supervisor: schedule a team meeting
through the dialog, record attendance, minutes, a decision and two action items, mark it held, and find
both action items on the task board; the minutes preview and the invitation file; the next meeting of a
series carries the open items; undo of Mark held."""

from __future__ import annotations

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.domain.meetings import Attendance, MeetingKind, MeetingStatus

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls

WAIT = 15_000
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def section(qtbot, open_window, demo_path):
    window = open_window(demo_path, user="supervisor")
    page = window.meetings
    window.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.choices is not None, timeout=WAIT)
    page.when_filter.setCurrentIndex(2)  # all meetings: the demo's are dated around its own today
    qtbot.waitUntil(lambda: page.model.rowCount() > 5, timeout=WAIT)
    return window, page


def front(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def schedule_team_meeting(qtbot, page, title: str):
    page.schedule_action.trigger()
    dialog = page.dialog
    assert dialog is not None and unnamed_controls(dialog) == [] and clashing_mnemonics(dialog) == []
    dialog.kind.setCurrentIndex(dialog.kind.findData(MeetingKind.TEAM))
    assert dialog.person.isEnabled() and dialog.person.currentIndex() == 1
    dialog.title.setText(title)
    dialog.place.setText("Bridgeway, room 2")
    dialog.agenda.setPlainText("Job leads\nTransportation")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.current is not None and page.current.title == title, timeout=WAIT)
    return page.current


def add_action(qtbot, page, text: str, org_name: str) -> None:
    d = page.detail
    count = len(page.current.action_items)
    d.tabs.setCurrentIndex(4)
    d.action_text.setText(text)
    d.action_org.setCurrentIndex(d.action_org.findText(org_name))
    d.action_staff.setCurrentIndex(1)
    qtbot.mouseClick(d.add_action_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.current.action_items) == count + 1, timeout=WAIT)


def test_a_meeting_with_two_action_items_puts_both_on_the_task_board(qtbot, section):
    window, page = section
    row = schedule_team_meeting(qtbot, page, "Zinnia team meeting")
    d = page.detail
    assert [a.title for a in row.agenda] == ["Job leads", "Transportation"]
    assert row.attendees[0].is_person
    d.tabs.setCurrentIndex(1)
    d.attendance.setCurrentIndex(d.attendance.findData(Attendance.PRESENT))
    d.attendance.activated.emit(d.attendance.currentIndex())
    qtbot.waitUntil(lambda: page.current.attendees[0].attendance is Attendance.PRESENT, timeout=WAIT)
    d.tabs.setCurrentIndex(2)
    d.minutes.setPlainText("The team agreed on two employers.")
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        page.refresh()  # another change re-reads the list: the typed minutes stay
    assert d.minutes.toPlainText() == "The team agreed on two employers." and page.has_unsaved_changes()
    d.save_minutes_button.click()
    qtbot.waitUntil(lambda: page.current.minutes == "The team agreed on two employers.", timeout=WAIT)
    d.tabs.setCurrentIndex(3)
    d.decision_text.setText("Approach the bakery first.")
    qtbot.keyClick(d.decision_text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(page.current.decisions) == 1, timeout=WAIT)
    add_action(qtbot, page, "Zinnia: call the bakery", "Bridgeway Employment Services")
    add_action(qtbot, page, "Zinnia: bus route to the bakery", "Bridgeway Employment Services")
    refs = {a.task_ref for a in page.current.action_items}
    assert len(refs) == 2 and all(r.startswith("TK-") for r in refs)
    assert page.detail.action_model.rowCount() == 2
    front(qtbot, window)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_H, CTRL | SHIFT)
    qtbot.waitUntil(lambda: page.current.status is MeetingStatus.HELD, timeout=WAIT)

    board = window.task_board
    window.sections.setCurrentWidget(board)
    board.filters.show_only(search="Zinnia")
    board.refresh()

    def titles():
        return {board.model.row_at(i).title for i in range(board.model.rowCount()) if board.model.row_at(i)}

    qtbot.waitUntil(lambda: titles() == {"Zinnia: call the bakery", "Zinnia: bus route to the bakery"},
                    timeout=WAIT)
    on_board = {board.model.row_at(i).ref for i in range(board.model.rowCount()) if board.model.row_at(i)}
    assert on_board == refs

    # Undo of Mark held: the meeting is planned again.
    window.sections.setCurrentWidget(page)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: page.current.status is MeetingStatus.PLANNED, timeout=WAIT)


def test_minutes_preview_and_an_invitation_without_the_persons_name(qtbot, section, tmp_path):
    window, page = section
    row = schedule_team_meeting(qtbot, page, "Team meeting for the invitation")
    page.ask_include_person = lambda _parent, _row: False
    target = tmp_path / "invite.ics"
    page.ask_path = lambda _parent, _name: target
    page.invitation_action.trigger()
    qtbot.waitUntil(target.exists, timeout=WAIT)
    data = target.read_bytes()
    [event] = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Team meeting"
    family = row.person_name.split()[-1]
    assert family.encode() not in data
    page.minutes_action.trigger()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=WAIT)
    assert page.preview.page_count >= 1
    assert unnamed_controls(page.preview) == []
    page.preview.reject()


def test_next_meeting_of_the_demo_series_carries_the_open_action_items(qtbot, section):
    window, page = section
    held = [page.model.row_at(i) for i in range(page.model.rowCount())
            if page.model.row_at(i).kind is MeetingKind.DISABILITY_ADVISORY_COUNCIL
            and page.model.row_at(i).status is MeetingStatus.PLANNED]
    assert held, "the demo has a planned council meeting"
    page.table.setCurrentIndex(page.model.index(page.model.row_of(held[0].id), 0))
    assert page.current.id == held[0].id
    page.next_action.trigger()
    qtbot.waitUntil(lambda: page.current is not None and page.current.previous_id == held[0].id, timeout=WAIT)
    assert page.current.starts_local.month == (held[0].starts_local.month + 2) % 12 + 1
    problems = unnamed_controls(page) + clashing_mnemonics(window) + actions_without_keyboard_route(window)
    assert problems == [], "\n".join(problems)


def test_a_planned_meeting_is_cancelled_with_its_reason_and_undo_plans_it_again(qtbot, section):
    window, page = section
    row = schedule_team_meeting(qtbot, page, "Zinnia: check-in that will not happen")
    assert page.cancel_action.isEnabled()
    page.cancel_action.trigger()
    dialog = page.dialog
    assert dialog is not None and unnamed_controls(dialog) == [] and clashing_mnemonics(dialog) == []
    dialog.ok_button.click()  # no reason: refused in the dialog, nothing changed
    assert dialog.isVisible() and page.current.status is MeetingStatus.PLANNED
    dialog.fields.fields["reason"].setPlainText("Zinnia is in the hospital this week")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.current.id == row.id and page.current.status is MeetingStatus.CANCELLED,
                    timeout=WAIT)
    assert not page.cancel_action.isEnabled() and not page.held_action.isEnabled()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: page.current.status is MeetingStatus.PLANNED, timeout=WAIT)
