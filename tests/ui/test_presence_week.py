"""The Partnership section's "Who is in the building" tab on the demo store, driven from the keyboard: this
week with the AJC and the workforce board every day and VR on Tuesday morning, Alt+Right / Alt+Left / Alt+Home
moving the week, a date's week chosen in "Week of", one One-Stop chosen, Ctrl+Shift+S and Ctrl+P making the
week's PDF, and the accessibility walk over the tab."""

from __future__ import annotations

from datetime import date, timedelta

import io
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from caseteam.services import presence
from ui import printing

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from signing import sign_in
from ui.models.presence_models import BuildingWeekModel
from ui.operations import Operations
from ui.screens.partnership import PartnershipSection
from ui.undo import UndoHistory
from ui.widgets.field_row import find_data

WAIT = 15_000
VR = "State VR – Eastside District Office"
AJC = "Eastport American Job Center"
Column = BuildingWeekModel.Column


@pytest.fixture
def tab(qtbot, demo_path, dialogs):
    ops = Operations()
    opened = []
    ops.open_store(str(demo_path), on_done=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    section = PartnershipSection(ops, sign_in(qtbot, ops, "jobdev"), UndoHistory(ops, QUndoStack()))
    ops.data_changed.connect(section.apply_changes)
    qtbot.addWidget(section)
    section.resize(1280, 800)
    page = section.building
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        section.show()
    section.tabs.setCurrentWidget(page)
    section.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is section)
    page.week_of.setFocus()
    qtbot.waitUntil(page.week_of.hasFocus)
    page.section = section
    yield page
    section.close()
    ops.shutdown()
    assert dialogs.unexpected() == [], "an unexpected error reached the user"


def all_text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages))


def lines(page) -> list[tuple[str, ...]]:
    return [tuple(page.model.index(r, c).data() for c in Column) for r in range(page.model.rowCount())]


def on(page, day_name: str) -> dict[str, tuple[str, str, str]]:
    return {partner: (hours, room, staff) for day, hours, partner, room, staff in lines(page)
            if day.startswith(day_name)}


def keys(qtbot, page, key, modifier=Qt.KeyboardModifier.AltModifier):
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.keyClick(page.week_of, key, modifier)
    return page.week


def test_this_week_lists_every_partner_in_the_building_and_the_keys_move_the_week(qtbot, tab):
    page = tab
    this_monday = presence.week_start(page.today)
    assert page.week.week_of == this_monday and "(this week)" in page.heading.text()
    assert page.heading.text().startswith("Every One-Stop: week of ")
    assert [day.split(",")[0] for day, *_ in lines(page)][0] == "Monday"
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        assert on(page, day)[AJC] == ("8:00–16:30", "Front desk and resource room", "Mark Ebert")
        assert on(page, day)["Tri-County Workforce Development Board"][0] == presence.BASED_HERE
    assert on(page, "Tuesday")[VR] == ("9:00–12:00", "Room 104", "Luis Ortega")
    assert on(page, "Wednesday")["Riverbend Behavioral Health"] == ("13:00–16:00", "Room 106", "Samira Haddad")
    assert not any(day.startswith("Saturday") for day, *_ in lines(page))
    index = page.model.index(0, Column.PARTNER)
    assert "Co-located at the One-Stop" in (index.data(Qt.ItemDataRole.ToolTipRole) or "")

    assert keys(qtbot, page, Qt.Key.Key_Right).week_of == this_monday + timedelta(days=7)
    assert "(this week)" not in page.heading.text()
    assert page.week_of.date() == QDate(*(this_monday + timedelta(days=7)).timetuple()[:3])
    keys(qtbot, page, Qt.Key.Key_Left)
    assert keys(qtbot, page, Qt.Key.Key_Left).week_of == this_monday - timedelta(days=7)
    assert keys(qtbot, page, Qt.Key.Key_Home).week_of == this_monday
    assert "(this week)" in page.heading.text()

    # Any date's week, typed into "Week of": the week runs from its Monday.
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.week_of.setDate(QDate(2027, 1, 14))  # a Thursday
    assert page.week.week_of == date(2027, 1, 11)
    assert lines(page)[0][0] == "Monday, January 11, 2027"


def test_one_one_stop_and_the_weeks_pdf(qtbot, tab, monkeypatch):
    page = tab
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        page.site_box.setCurrentIndex(find_data(page.site_box, next(
            page.site_box.itemData(i) for i in range(page.site_box.count()) if page.site_box.itemText(i) == AJC)))
    assert page.heading.text().startswith(f"{AJC}: week of ")
    assert on(page, "Thursday")[VR] == ("9:00–12:00", "Room 104", "Luis Ortega")

    saved, printed = [], []
    monkeypatch.setattr(printing, "save_pdf", lambda _parent, data, name: saved.append((data, name)))
    monkeypatch.setattr(printing, "print_pdf", lambda _parent, data: printed.append(data) or True)
    page.week_of.setFocus()
    qtbot.keyClick(page.week_of, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT)
    data, name = saved[0]
    assert name == f"Who is in the building {page.week.week_of.isoformat()}.pdf"
    text = all_text(data)
    assert text.startswith(f"Who is in the building {AJC} · Week of ")
    assert "9:00–12:00 State VR – Eastside District Office Room 104 Luis Ortega" in text
    assert text.count("Hours Partner Room Staff") == 5
    qtbot.keyClick(page.week_of, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(printed), timeout=WAIT)
    assert all_text(printed[0]) == text


def test_the_tab_passes_the_accessibility_walk(qtbot, tab):
    page = tab
    section = page.section
    problems = unnamed_controls(section) + clashing_mnemonics(section)
    assert problems == [], "\n".join(problems)
    assert actions_without_keyboard_route(page) == []
    # Tab order follows the reading order: the One-Stop, the week, the week buttons, the table, the paper.
    page.site_box.setFocus()
    qtbot.waitUntil(page.site_box.hasFocus)
    seen = []  # Tab steps through the date's year, month and day before it leaves the box
    for _ in range(9):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if not seen or seen[-1] is not QApplication.focusWidget():
            seen.append(QApplication.focusWidget())
    assert seen == [page.week_of, page.previous_button, page.this_button, page.next_button, page.table,
                    page.print_button, page.save_button]
