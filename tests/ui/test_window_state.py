"""Window size and the caseload splitter come back as the user left them; settings stay in the
test's own data folder, never in the real user profile."""

from __future__ import annotations

from PySide6.QtCore import QSize

from caseteam import paths
from ui.window_state import FILENAME, window_settings


def test_size_and_splitter_are_restored_after_reopening(qtbot, open_window, demo_path):
    window = open_window(demo_path)
    window.resize(700, 500)
    qtbot.waitUntil(lambda: window.size() == QSize(700, 500))
    window.caseload.splitter.setSizes([250, 420])
    sizes = window.caseload.splitter.sizes()
    window.close()
    assert (paths.data_dir() / FILENAME).exists()
    assert window_settings().value("window/geometry") is not None

    again = open_window(demo_path)
    assert again.size() == QSize(700, 500)
    assert again.caseload.splitter.sizes() == sizes


def test_a_window_that_does_not_persist_leaves_no_settings(open_window, demo_path):
    window = open_window(demo_path, persist_layout=False)
    window.close()
    assert not (paths.data_dir() / FILENAME).exists()
