"""The Quality section on the demo partnership, signed in as the supervisor: Ctrl+<its number> opens the
dashboard, pressing a count shows exactly the records behind it, Enter on a person's record opens their
workspace, a threshold applied changes the count (and is kept), Save PDF… gives the summary, the
accessibility walk; a job developer has no Quality section."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.services.quality_dashboard import QualityKind as K
from ui import printing

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls

WAIT = 30_000


def show_quality(qtbot, window):
    """Ctrl+<the section's number>, as a person would; the dashboard once it has answered."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    number = (window.sections.fixed.index(window.quality) + 1) % 10  # the tenth section is Ctrl+0
    page = window.quality.dashboard
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
    assert window.sections.currentWidget() is window.quality
    # Sign-in's housekeeping (terms that ended) may change records just after: its refresh too has answered.
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)
    return page


@pytest.fixture
def supervisor_window(open_window, demo_path):
    return open_window(demo_path, user="supervisor")


def test_a_count_shows_its_records_and_a_person_opens(qtbot, supervisor_window):
    window = supervisor_window
    page = show_quality(qtbot, window)
    board = page.board
    assert page.count_buttons[K.TASKS_OVERDUE].text() == f"Tasks overdue: {board.count(K.TASKS_OVERDUE).count}"
    for kind in (K.TASKS_OVERDUE, K.CREDENTIALS_EXPIRING, K.CASELOADS):
        qtbot.mouseClick(page.count_buttons[kind], Qt.MouseButton.LeftButton)
        assert page.count_buttons[kind].isChecked()
        assert page.shown_lines() == list(board.count(kind).lines)
        assert f"({board.count(kind).count})" in page.list_label.text()
    assert board.count(K.TASKS_OVERDUE).count > 0 and board.count(K.CASELOADS).count > 0
    qtbot.mouseClick(page.count_buttons[K.TASKS_OVERDUE], Qt.MouseButton.LeftButton)
    row = next(i for i, line in enumerate(page.shown_lines()) if line.person_id is not None)
    line = page.shown_lines()[row]
    page.table.setCurrentIndex(page.model.index(row, 0))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: line.person_id in window.sections.people, timeout=WAIT)
    assert window.sections.currentWidget() is window.sections.people[line.person_id]

    window.sections.setCurrentWidget(window.quality)
    qtbot.mouseClick(page.count_buttons[K.AGREEMENTS_AWAITING_SIGNATURE], Qt.MouseButton.LeftButton)
    [agreement, *_] = page.shown_lines()
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.sections.currentWidget() is window.agreements
    qtbot.waitUntil(lambda: window.agreements.current is not None
                    and window.agreements.current.id == agreement.record_id, timeout=WAIT)


def test_thresholds_change_the_count_and_the_summary_saves(qtbot, supervisor_window, monkeypatch):
    page = show_quality(qtbot, supervisor_window)
    before = page.board.count(K.LONG_IN_STAGE).count
    assert before > 0
    page.spins["stage_days"].setValue(3650)
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert page.board.thresholds.stage_days == 3650
    assert page.board.count(K.LONG_IN_STAGE).count == 0 < before
    assert page.count_buttons[K.LONG_IN_STAGE].text() == "Long in one stage: 0"
    assert page.count_buttons[K.LONG_IN_STAGE].accessibleName() == "People in one stage over 3650 days: 0"
    with qtbot.waitSignal(page.loaded, timeout=WAIT):  # kept in the store: read again, still there
        page.refresh()
    assert page.spins["stage_days"].value() == 3650

    saved = []
    monkeypatch.setattr(printing, "save_pdf", lambda _parent, data, name: saved.append((data, name)))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT)
    data, name = saved[0]
    assert name.startswith("Quality summary ") and name.endswith(".pdf")
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert "Quality summary" in text and "People in one stage over 3650 days (0)" in text and "Page 1 of" in text


def test_the_section_passes_the_accessibility_walk(qtbot, supervisor_window):
    window = supervisor_window
    show_quality(qtbot, window)
    problems = unnamed_controls(window.quality) + clashing_mnemonics(window)
    window.quality.setCurrentWidget(window.quality.training)
    qtbot.waitUntil(lambda: window.quality.training.data is not None, timeout=WAIT)
    problems += unnamed_controls(window.quality) + clashing_mnemonics(window)
    assert problems == [], "\n".join(problems)
    assert actions_without_keyboard_route(window.quality) == []


def test_a_job_developer_has_no_quality_section(open_window, demo_path):
    window = open_window(demo_path, user="jobdev")
    assert window.quality is None
    assert "Quality" not in [window.sections.tabText(i) for i in range(window.sections.count())]
