"""An empty store: the welcome page, the demo partnership, or starting empty."""

from __future__ import annotations

from PySide6.QtCore import Qt

DEMO_TIMEOUT_MS = 120_000


def test_an_empty_store_shows_the_welcome_page(open_window, empty_path):
    window = open_window(empty_path)
    assert window.pages.currentWidget() is window.welcome
    assert window.load_demo_action.isEnabled()
    assert window.counts_label.text() == "0 people"
    assert window.welcome.load_demo_button.accessibleName() == "Load demo partnership"
    assert window.welcome.start_empty_button.accessibleName() == "Start empty"


def test_loading_the_demo_partnership_fills_the_caseload(qtbot, open_window, empty_path):
    window = open_window(empty_path)
    qtbot.mouseClick(window.welcome.load_demo_button, Qt.MouseButton.LeftButton)
    assert not window.welcome.load_demo_button.isEnabled()  # no second click while it works
    assert not window.load_demo_action.isEnabled()
    qtbot.waitUntil(lambda: window.caseload is not None
                    and window.sections.currentWidget() is window.caseload and window.pages.currentWidget() is window.sections
                    and window.caseload.table.model().rowCount() == 60, timeout=DEMO_TIMEOUT_MS)
    qtbot.waitUntil(lambda: window.ops.pending == 0)
    assert window.counts_label.text().startswith("60 people")
    assert not window.load_demo_action.isEnabled()  # the store is no longer empty


def test_start_empty_goes_to_the_empty_caseload(qtbot, open_window, empty_path):
    window = open_window(empty_path)
    qtbot.mouseClick(window.welcome.start_empty_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.caseload is not None and window.sections.currentWidget() is window.caseload and window.pages.currentWidget() is window.sections)
    qtbot.waitUntil(lambda: window.caseload.count_label.text() == "No people yet.")
    assert window.caseload.table.model().rowCount() == 0
    assert window.load_demo_action.isEnabled()  # still empty: the demo is still on offer in the File menu

