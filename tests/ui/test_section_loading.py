"""Start-up order: the caseload's first page first; the other sections after it, each reading when first shown."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QHeaderView, QMessageBox

from caseteam.services import records
from signing import sign_in_by_keys
from ui.fonts import FAMILY
from ui.main_window import MainWindow
from ui.section_loading import SPECS

WAIT = 20_000
CTRL = Qt.KeyboardModifier.ControlModifier


def start(qtbot, path) -> MainWindow:
    """A window at its sign-in page, active so keys reach its shortcuts (closed by qtbot after the test)."""
    window = MainWindow(str(path), persist_layout=False)
    window.sections.ask = lambda _parent, _what: QMessageBox.StandardButton.Discard
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=WAIT):
        window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_the_caseload_comes_first_and_the_other_sections_follow_in_their_places(qtbot, demo_path, dialogs):
    window = start(qtbot, demo_path)
    built_at_first_page = []
    with qtbot.waitSignal(window.session_ready, timeout=WAIT):
        sign_in_by_keys(qtbot, window, "admin", None)
        qtbot.waitUntil(lambda: window.caseload is not None, timeout=WAIT)
        window.caseload.rows_loaded.connect(lambda _n: built_at_first_page.append(len(window.sections.fixed)))
    assert built_at_first_page[0] == 1  # nothing but the caseload when its page arrived
    titles = [window.sections.tabText(i) for i in range(len(window.sections.fixed))]
    assert titles == ["Caseload", "Tasks", "Partners", "Employers", "Money", "Agreements", "Meetings",
                      "Partnership", "Audit log", "Quality"]
    # Built but not read: the board asks for its tasks when it is first shown (Ctrl+2), then shows them.
    board = window.task_board
    assert board.model.rowCount() == 0 and window.section_loader.is_unread(board)
    with qtbot.waitSignal(board.rows_loaded, timeout=WAIT):
        qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    assert window.sections.currentWidget() is board and board.model.rowCount() > 0
    assert not window.section_loader.is_unread(board)
    assert dialogs.unexpected() == []


def test_a_section_key_before_the_rest_are_built_builds_them_at_once(qtbot, demo_path, dialogs):
    window = start(qtbot, demo_path)
    sign_in_by_keys(qtbot, window, "admin", None)
    qtbot.waitUntil(lambda: window.caseload is not None, timeout=WAIT)
    assert window.section_loader.building
    with qtbot.waitSignal(window.session_ready, timeout=WAIT):
        qtbot.keyClick(window, Qt.Key.Key_6, CTRL)  # Agreements, before it was built in its turn
    assert window.sections.currentWidget() is window.agreements
    assert not window.section_loader.building and len(window.sections.fixed) == len(SPECS) + 1
    qtbot.waitUntil(lambda: window.agreements.model.rowCount() > 0, timeout=WAIT)
    assert dialogs.unexpected() == []


def test_signing_out_while_the_sections_are_built_stops_the_build(qtbot, demo_path, dialogs):
    window = start(qtbot, demo_path)
    sign_in_by_keys(qtbot, window, "admin", None)
    qtbot.waitUntil(lambda: window.caseload is not None and window.caseload.model.rowCount() > 0, timeout=WAIT)
    assert window.session.sign_out()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.session.sign_in_page, timeout=WAIT)
    qtbot.wait(300)  # the build's next turns come and go
    assert window.sections.fixed == [] and window.task_board is None and window.quality is None
    window.session.sign_in_page.username.clear()  # the page keeps the last user name
    with qtbot.waitSignal(window.session_ready, timeout=WAIT):  # the next sign-in builds them again
        sign_in_by_keys(qtbot, window, "admin", None)
    assert len(window.sections.fixed) == len(SPECS) + 1
    assert dialogs.unexpected() == []


def test_the_page_check_runs_on_a_thread_of_its_own(qtbot, open_window, demo_path, monkeypatch):
    threads = []
    real = records.quick_check_file
    monkeypatch.setattr(records, "quick_check_file",
                        lambda path: threads.append(threading.current_thread().name) or real(path))
    window = open_window(demo_path)
    qtbot.waitUntil(lambda: window.quick_check_problems is not None, timeout=WAIT)
    assert window.quick_check_problems == () and threads == ["page check"]


def test_big_tables_size_their_rows_from_a_few_rows_not_every_row(qtbot, open_window, demo_path):
    window = open_window(demo_path)
    page = window.agreements
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        window.sections.setCurrentWidget(page)
    table = page.table
    assert table.verticalHeader().sectionResizeMode(0) is QHeaderView.ResizeMode.Fixed
    assert table.rowHeight(0) >= table.sizeHintForRow(0)
    table.setFont(QFont(FAMILY, 30))  # a large font (the system's, or a zoom): the rows follow on the next read
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        page.refresh()
    tall = QFontMetrics(table.font()).height()
    assert all(table.rowHeight(row) >= tall for row in range(page.model.rowCount()))


def test_closing_a_persons_tab_goes_back_to_the_caseload(qtbot, open_window, demo_path):
    """Not to the section beside it (Quality, for a supervisor), which would read its data for nothing."""
    window = open_window(demo_path)
    window.open_person(window.caseload.model.row_at(0).id)
    assert window.sections.currentIndex() == len(window.sections.fixed)  # the person's tab
    window.sections.close_current()
    assert window.sections.currentWidget() is window.caseload
    assert not window.quality.dashboard._read_once
