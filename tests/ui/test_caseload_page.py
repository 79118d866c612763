"""The caseload on the 60-person demo partnership, driven as a person would."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.services import records, users
from caseteam.storage.store import open_store
from ui.models.caseload_model import ROW_ROLE, Column


@pytest.fixture
def window(open_window, demo_path):
    return open_window(demo_path)


def shown_rows(window):
    table = window.caseload.table
    return [table.model().index(r, 0).data(ROW_ROLE) for r in range(table.model().rowCount())]


def test_demo_store_shows_the_whole_caseload(window, demo_path):
    assert window.sections.currentWidget() is window.caseload and window.pages.currentWidget() is window.sections
    assert window.caseload.table.model().rowCount() == 60
    assert window.caseload.count_label.text() == "60 people"
    assert window.windowTitle() == f"caseteam — DEMO — {demo_path}"
    assert str(demo_path) in window.store_label.text()
    assert window.counts_label.text().startswith("60 people")
    assert not window.load_demo_action.isEnabled()  # the store is not empty


def _muñoz_rows(window):
    return [row for row in shown_rows(window) if "Muñoz" in row.full_name]


def test_typing_a_name_with_its_accent_narrows_the_caseload(qtbot, window, type_text):
    expected = _muñoz_rows(window)
    assert "José Muñoz García" in [row.full_name for row in expected]
    type_text(window.caseload.search_box, "muñoz")
    assert window.caseload.search_box.text() == "muñoz"
    qtbot.waitUntil(lambda: window.caseload.table.model().rowCount() == len(expected))
    assert shown_rows(window) == expected
    # The demo's random family names can repeat "Muñoz García"; the given name settles it.
    window.caseload.search_box.clear()
    type_text(window.caseload.search_box, "josé muñoz")
    qtbot.waitUntil(lambda: window.caseload.table.model().rowCount() == 1)
    assert shown_rows(window)[0].full_name == "José Muñoz García"
    assert window.caseload.count_label.text() == "1 person matches"


def test_typing_without_the_accent_finds_the_same_people(qtbot, window):
    expected = _muñoz_rows(window)
    qtbot.keyClicks(window.caseload.search_box, "munoz")
    qtbot.waitUntil(lambda: window.caseload.table.model().rowCount() == len(expected))
    assert shown_rows(window) == expected
    window.caseload.search_box.clear()
    qtbot.keyClicks(window.caseload.search_box, "jose munoz")
    qtbot.waitUntil(lambda: window.caseload.table.model().rowCount() == 1)
    assert shown_rows(window)[0].full_name == "José Muñoz García"


def test_a_reference_number_finds_its_person(qtbot, window):
    target = shown_rows(window)[17]
    qtbot.keyClicks(window.caseload.search_box, target.ref.lower())
    qtbot.waitUntil(lambda: window.caseload.table.model().rowCount() == 1)
    assert shown_rows(window)[0].id == target.id


def test_a_search_matching_no_one_says_so(qtbot, window):
    qtbot.keyClicks(window.caseload.search_box, "zzzz-nobody")
    qtbot.waitUntil(lambda: window.caseload.table.model().rowCount() == 0)
    assert window.caseload.count_label.text() == "No one matches."


def test_choosing_a_stage_shows_only_people_in_that_stage(qtbot, window):
    stage, expected = Counter(row.stage for row in shown_rows(window)).most_common(1)[0]
    assert expected < 60
    combo = window.caseload.stage_filter
    with qtbot.waitSignal(window.caseload.rows_loaded):
        combo.setCurrentIndex(combo.findText(stage.label))
    rows = shown_rows(window)
    assert len(rows) == expected
    assert {row.stage for row in rows} == {stage}
    with qtbot.waitSignal(window.caseload.rows_loaded):
        combo.setCurrentIndex(combo.findText("All stages"))
    assert len(shown_rows(window)) == 60


def test_only_the_newest_answer_is_shown_while_typing(qtbot, window, wait_idle):
    page = window.caseload
    answers = []
    page.rows_loaded.connect(answers.append)
    page.refresh()  # an answer for the unfiltered caseload is now on its way...
    page.search_box.setText("josé muñoz")
    page.refresh()  # ...but the user typed on, so only this one may reach the table
    wait_idle(window)
    assert answers == [1]
    assert page.table.model().rowCount() == 1


def _expected_summary(path, person_id):
    store = open_store(path)
    try:
        with store.unit_of_work(write=False) as uow:
            return records.person_summary(uow, users.local_actor(uow), person_id)
    finally:
        store.close()


def _audit_entries(path) -> int:
    store = open_store(path)
    try:
        with store.unit_of_work(write=False) as uow:
            return records.info(uow)["audit_entries"]
    finally:
        store.close()


def test_opening_a_row_with_the_keyboard_shows_the_summary(qtbot, window, demo_path, wait_idle):
    page = window.caseload
    table = page.table
    rows = shown_rows(window)
    number = next(n for n, row in enumerate(rows) if row.plan_number and n > 0)
    person = rows[number]
    expected = _expected_summary(demo_path, person.id)
    assert expected.team, "the demo person chosen should have a team"
    audit_before = _audit_entries(demo_path)

    table.setFocus()
    table.setCurrentIndex(table.model().index(number, Column.NAME))
    with qtbot.waitSignal(page.summary_loaded) as loaded:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert loaded.args == [person.id]
    text = page.summary.toPlainText()
    assert person.name in text
    assert person.ref in text
    for member in expected.team:
        assert member.name in text
    assert f"Plan for employment (revision {expected.plan.number})" in text
    assert expected.plan.number == person.plan_number
    wait_idle(window)
    # Enter also opened the person's workspace tab: the summary and the workspace are each one opening.
    assert window.sections.currentWidget() is window.sections.people[person.id]
    assert _audit_entries(demo_path) == audit_before + 2


def test_double_click_opens_a_row(qtbot, window):
    page = window.caseload
    table = page.table
    index = table.model().index(3, Column.NAME)
    rect = table.visualRect(index)
    with qtbot.waitSignal(page.summary_loaded) as loaded:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert loaded.args == [index.data(ROW_ROLE).id]


def test_moving_through_rows_opens_where_the_user_stops(qtbot, window):
    page = window.caseload
    table = page.table
    table.setFocus()
    loaded = []
    page.summary_loaded.connect(loaded.append)
    table.setCurrentIndex(table.model().index(0, Column.NAME))
    for _ in range(4):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.summary_loaded):
        pass
    assert loaded == [table.model().index(4, 0).data(ROW_ROLE).id]


def test_the_summary_stays_on_its_person_while_searching(qtbot, window):
    page = window.caseload
    rows = shown_rows(window)
    jose = next(row for row in rows if row.full_name == "José Muñoz García")
    with qtbot.waitSignal(page.summary_loaded):
        page.open_person(jose.id)
    qtbot.keyClicks(page.search_box, "garc")
    qtbot.waitUntil(lambda: 0 < page.table.model().rowCount() < 60)
    assert page.current_person_id() in (None, jose.id)
    assert page.summary.person_id == jose.id


def test_ctrl_f_moves_to_the_search_box_and_tab_follows_reading_order(qtbot, window):
    page = window.caseload
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search_box.hasFocus()
    order = []
    expected = page.filters.focus_order()[1:] + [page.columns_button, page.table, page.summary]
    for _ in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == expected


def test_every_control_has_an_accessible_name(window):
    page = window.caseload
    for widget in (page.search_box, page.stage_filter, page.table, page.summary, page.count_label):
        assert widget.accessibleName()
    assert page.search_box.accessibleName() == "Search people by name or reference"


def test_slow_work_shows_progress_in_the_status_bar(qtbot, window):
    import threading

    release = threading.Event()
    with qtbot.waitSignal(window.ops.busy_changed, timeout=5_000):
        window.ops.run(lambda uow: release.wait(10), progress_text="Checking the store…")
    assert window.busy_bar.isVisible()
    assert window.busy_label.text() == "Checking the store…"
    with qtbot.waitSignal(window.ops.idle, timeout=5_000):
        release.set()
    assert not window.busy_bar.isVisible()


def test_about_names_the_version(window, monkeypatch):
    import caseteam
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append((title, text)))
    window.about_action.trigger()
    [(title, text)] = shown
    assert title == "About caseteam" and f"caseteam {caseteam.__version__}" in text


def test_the_caseload_fetches_further_pages_only_when_scrolled_to(qtbot, window):
    page = window.caseload
    page.PAGE = 25
    with qtbot.waitSignal(page.rows_loaded) as loaded:
        page.refresh()
    assert loaded.args == [25]
    assert page.model.rowCount() == 25 and page.model.canFetchMore()
    assert page.count_label.text() == "60 people"
    page.table.scrollToBottom()  # the view asks the model for more, as when a person scrolls
    qtbot.waitUntil(lambda: page.model.rowCount() == 50)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 60)
    assert not page.model.canFetchMore()
    assert len({row.id for row in shown_rows(window)}) == 60


def test_word_prefixes_typed_without_accents_find_nguyen(qtbot, window):
    """Full-text search: each typed word is the start of a word, accents and case ignored."""
    expected = [row for row in shown_rows(window) if "Nguyễn" in row.full_name and "Thị" in row.full_name]
    assert expected
    qtbot.keyClicks(window.caseload.search_box, "NGUY thi")
    qtbot.waitUntil(lambda: window.caseload.table.model().rowCount() == len(expected))
    assert shown_rows(window) == expected
