"""The Timeline tab on the demo partnership, from the keyboard: open a person, show the Timeline with
Alt+9, narrow it to plan revisions, and Enter on one opens Plan history on that revision."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from caseteam.services import people
from caseteam.services.timeline import TimelineKind, timeline
from ui.models.timeline_model import Column, TimelineModel

from accessibility import clashing_mnemonics, unnamed_controls
from builders import local_actor

WAIT = 10_000
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def focused():
    return QApplication.focusWidget()


def _activate(qtbot, window) -> None:
    """What a window manager does when the user comes back to the window: under load the offscreen
    platform sometimes leaves no window active after a tab opens, and keys then go nowhere."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)


def _open_selma(qtbot, window):
    page = window.caseload
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        qtbot.keyClicks(page.search_box, "mujic")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    person = page.model.row_at(0)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: person.id in window.sections.people, timeout=WAIT)
    ws = window.sections.people[person.id]
    qtbot.waitUntil(lambda: ws.person is not None and window.ops.pending == 0, timeout=WAIT)
    return ws


@pytest.fixture
def in_timeline(qtbot, open_window, demo_path):
    window = open_window(demo_path)
    _activate(qtbot, window)
    ws = _open_selma(qtbot, window)
    _activate(qtbot, window)
    qtbot.mouseClick(ws.profile.fields["given_name"], Qt.MouseButton.LeftButton)  # into the workspace
    qtbot.waitUntil(lambda: focused() is ws.profile.fields["given_name"], timeout=WAIT)
    qtbot.keyClick(focused(), Qt.Key.Key_9, ALT)
    tab = ws.timeline
    assert ws.tabs.currentWidget() is tab and ws.tabs.tabText(ws.tabs.currentIndex()) == "Timeline"
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0 and window.ops.pending == 0, timeout=WAIT)
    return window, ws, tab


def test_filter_to_plan_revisions_and_enter_opens_plan_history(qtbot, in_timeline, demo_path):
    window, ws, tab = in_timeline
    kinds = {tab.model.row_at(r).kind for r in range(tab.model.rowCount())}
    assert {TimelineKind.STAGE, TimelineKind.PLAN, TimelineKind.TASK} <= kinds
    assert tab.status.text() == f"{tab.model.rowCount()} entries"

    qtbot.keyClick(focused(), Qt.Key.Key_K, ALT)
    assert focused() is tab.kind
    while tab.kind.currentData() is not TimelineKind.PLAN:
        qtbot.keyClick(tab.kind, Qt.Key.Key_Down)
    assert tab.kind.currentText() == "■ Plan revision"
    qtbot.waitUntil(lambda: window.ops.pending == 0 and tab.model.rowCount() > 0 and all(
        tab.model.row_at(r).kind is TimelineKind.PLAN for r in range(tab.model.rowCount())), timeout=WAIT)
    shown = [tab.model.row_at(r) for r in range(tab.model.rowCount())]
    numbers = [int(e.reference.split()[-1]) for e in shown]
    assert numbers == sorted(numbers, reverse=True)  # newest first
    assert tab.model.index(0, Column.KIND).data() == "■ Plan revision"
    assert tab.model.index(0, Column.KIND).data(Qt.ItemDataRole.AccessibleTextRole) == "Plan revision"

    qtbot.keyClick(tab.kind, Qt.Key.Key_Tab)
    while focused() is not tab.table:  # the date boxes are off, so Tab skips them
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(tab.table, Qt.Key.Key_Down)
    chosen = tab.current_entry()
    assert chosen is shown[min(1, len(shown) - 1)]
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    history = ws.tabs.currentWidget()
    assert ws.tabs.tabText(ws.tabs.currentIndex()) == "Plan history"
    qtbot.waitUntil(lambda: history.model.rowCount() > 0, timeout=WAIT)
    assert history.selected_numbers() == [int(chosen.reference.split()[-1])]


def test_date_range_and_the_window_stays_accessible(qtbot, in_timeline):
    window, ws, tab = in_timeline
    assert unnamed_controls(ws) == [] and clashing_mnemonics(window) == []
    everything = [tab.model.row_at(r) for r in range(tab.model.rowCount())]
    qtbot.keyClick(focused(), Qt.Key.Key_M, ALT)  # Fro&m: ticking it turns the bound on
    assert focused() is tab.use_since
    qtbot.waitUntil(lambda: tab.use_since.isChecked() and tab.since.isEnabled(), timeout=WAIT)  # animated click
    newest = everything[0].day
    tab.since.setDate(QDate(newest.year, newest.month, newest.day))
    qtbot.waitUntil(lambda: window.ops.pending == 0 and tab.model.rowCount() > 0 and all(
        tab.model.row_at(r).day >= newest for r in range(tab.model.rowCount())), timeout=WAIT)
    assert tab.model.rowCount() == sum(1 for e in everything if e.day >= newest)
    later = newest + timedelta(days=1)
    tab.since.setDate(QDate(later.year, later.month, later.day))
    qtbot.waitUntil(lambda: window.ops.pending == 0 and tab.model.rowCount() == 0, timeout=WAIT)
    assert tab.status.text() == "No entries match these filters."


@pytest.mark.parametrize("force_py", [False, True], ids=["cpp-tester", "py-tester"])
def test_timeline_model_follows_qt_model_rules(qtmodeltester, demo_store, force_py):
    actor = local_actor(demo_store)
    with demo_store.unit_of_work(write=False) as uow:
        person = people.caseload(uow, actor)[0]
        rows = timeline(uow, actor, person.id)
        plan_only = timeline(uow, actor, person.id, kinds=[TimelineKind.PLAN], until=date.today())
    model = TimelineModel()
    model.set_rows(rows)
    qtmodeltester.check(model, force_py=force_py)
    model.set_rows(plan_only)
    model.set_rows([])
    assert model.rowCount() == 0


def test_enter_on_a_release_opens_the_consent_tab_on_it(qtbot, in_timeline):
    window, ws, tab = in_timeline
    tab.kind.setCurrentIndex(tab.kind.findData(TimelineKind.RELEASE))
    qtbot.waitUntil(lambda: window.ops.pending == 0 and tab.model.rowCount() > 0 and all(
        tab.model.row_at(r).kind is TimelineKind.RELEASE for r in range(tab.model.rowCount())), timeout=WAIT)
    tab.table.setFocus()
    last = tab.model.rowCount() - 1
    tab.table.setCurrentIndex(tab.model.index(last, 0))
    wanted = tab.current_entry()
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert ws.tabs.currentWidget() is ws.consent
    qtbot.waitUntil(lambda: window.ops.pending == 0 and ws.consent.current_release() is not None
                    and ws.consent.current_release().id == wanted.record_id, timeout=WAIT)
    assert ws.consent.current_release().ref == wanted.reference
