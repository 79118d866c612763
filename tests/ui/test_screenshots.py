"""Screenshots for documentation and review: `CASETEAM_SCREENSHOTS=DIR uv run pytest tests/ui/test_screenshots.py`
saves a PNG of each screen at 1366x768 on the demo store. Without the variable there is nothing to do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

TARGET = os.environ.get("CASETEAM_SCREENSHOTS")
pytestmark = pytest.mark.skipif(not TARGET, reason="set CASETEAM_SCREENSHOTS=DIR to save screenshots")


def save(widget, name: str) -> Path:
    QApplication.processEvents()
    path = Path(TARGET) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(path)), path
    return path


def test_screens(qtbot, open_window, demo_path, empty_path):
    window = open_window(demo_path, persist_layout=False)
    window.resize(1366, 768)
    page = window.caseload
    with qtbot.waitSignal(page.rows_loaded, timeout=10_000):
        qtbot.keyClicks(page.search_box, "garcia")
    with qtbot.waitSignal(page.summary_loaded, timeout=10_000):
        page.open_person(page.model.row_at(0).id)
    save(window, "caseload")
    for number in range(1, len(window.sections.fixed)):
        window.sections.show_section(number)
        save(window, window.sections.tabText(number).lower().replace(" ", "-"))
    person = page.model.row_at(0)
    window.open_person(person.id)
    workspace = window.sections.people[person.id]
    qtbot.waitUntil(lambda: workspace.profile.row is not None, timeout=10_000)
    save(window, "person-profile")
    for index in range(1, workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        save(window, "person-" + workspace.tabs.tabText(index).replace("&", "").lower().replace(" ", "-"))
    window.find_anything()
    qtbot.keyClicks(window.search_dialog.box, "bridgeway")
    qtbot.waitUntil(lambda: window.search_dialog.results.count() > 0)
    save(window.search_dialog, "find-anything")
    welcome = open_window(empty_path, persist_layout=False)
    welcome.resize(1366, 768)
    save(welcome, "welcome")
