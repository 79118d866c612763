"""The Audit log section (Ctrl+9) on the demo partnership: filter by person, read an entry's changes,
export to a file, who sees the section, and opening a person's record audited once per opening."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from caseteam.services import audit_view
from caseteam.services.audit_view import AuditQuery
from caseteam.services.changes import Changes
from ui.models.audit_model import AuditModel, Column
from ui.screens import audit_log

from accessibility import clashing_mnemonics, unnamed_controls

WAIT = 15_000


@pytest.fixture
def window(open_window, demo_path, qtbot):
    window = open_window(demo_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def show_audit(qtbot, window):
    page = window.audit_log
    window.activateWindow()  # a window shortcut needs its window active (the offscreen platform may leave none)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.sections.currentWidget() is page
    return page


def entries_about(window, person_id, action=None) -> list:
    """What the store holds, asked on the window's own worker (the store is open there)."""
    answers = []
    actor = window.actor
    window.ops.run(lambda uow: audit_view.audit_entries(uow, actor, AuditQuery(person_id=person_id, action=action),
                                                        limit=5000),
                   on_done=answers.append, write=False)
    return answers


def wait_for(qtbot, answers):
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    return answers[0]


def test_filter_by_person_read_the_changes_and_export(qtbot, window, tmp_path, monkeypatch):
    page = show_audit(qtbot, window)
    assert page.model.rowCount() > 0 and "entries" in page.count_label.text()
    person = window.caseload.model.row_at(0)

    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        qtbot.keyClicks(page.filters.person_box, person.ref)
    shown = [page.model.row_at(i) for i in range(page.model.rowCount())]
    assert shown and {r.person_ref for r in shown} == {person.ref}
    assert page.model.index(0, Column.PERSON).data() == f"{person.ref} {person.name}"
    assert "match" in page.count_label.text()

    changed = next(i for i, r in enumerate(shown) if any("→" in line for line in r.change_lines()))
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(changed, Column.WHEN))
    details = page.details.toPlainText()
    assert f"Entry {shown[changed].seq}" in details and "Changes:" in details
    assert shown[changed].change_lines()[0] in details and " → " in details
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        window._apply_changes(Changes(tasks=True))  # someone's write: the page asks again
    assert page.current_row().seq == shown[changed].seq and page.details.toPlainText() == details

    out = tmp_path / "history.xlsx"
    monkeypatch.setattr(audit_log, "choose_export_file", lambda _parent, suggested: (out, "xlsx"))
    with qtbot.waitSignal(page.exported, timeout=WAIT):
        qtbot.keyClick(page, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)  # E&xport…
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    exported = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert exported == [r.seq for r in shown]
    assert f"Wrote {len(shown)}" in page.status_label.text()
    # The export is itself an entry, newest of all, naming the filter and not the data.
    qtbot.waitUntil(lambda: page.filters.user.count() > 1 and window.ops.pending == 0, timeout=WAIT)
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        page.filters.clear()
    top = page.model.row_at(0)
    assert (top.action, top.changes["format"], top.changes["filter"]) == ("exported", "xlsx",
                                                                         {"person_search": person.ref})


def test_date_and_action_filters_and_clear(qtbot, window, tmp_path, monkeypatch):
    from datetime import date

    page = show_audit(qtbot, window)
    everything = page.model.total
    action = page.filters.action
    index = next(i for i in range(action.count()) if action.itemData(i) == "stage changed")
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        action.setCurrentIndex(index)
    assert 0 < page.model.total < everything
    assert {page.model.row_at(i).action for i in range(page.model.rowCount())} == {"stage changed"}
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        page.filters.since.set_value(date(2030, 1, 1))
    assert page.model.rowCount() == 0 and page.count_label.text() == "No entry matches."
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        qtbot.keyClick(page, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # C&lear filters
    assert page.model.total >= everything and page.filters.since.value() is None

    out = tmp_path / "all"
    monkeypatch.setattr(audit_log, "choose_export_file", lambda _parent, suggested: (out.with_suffix(".json"), "json"))
    shown = page.model.total
    with qtbot.waitSignal(page.exported, timeout=WAIT):
        page.export_button.click()
    assert len(json.loads(out.with_suffix(".json").read_text("utf-8"))) == shown


def test_rows_arrive_a_page_at_a_time(qtbot, window):
    page = show_audit(qtbot, window)
    page.PAGE = 50
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        page.refresh()
    assert page.model.rowCount() == 50 < page.model.total
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > 50, timeout=WAIT)
    seqs = [page.model.row_at(i).seq for i in range(page.model.rowCount())]
    assert seqs == sorted(set(seqs), reverse=True)


@pytest.mark.parametrize("user, sees", [("auditor", True), ("supervisor", True), ("jobdev", False),
                                        ("partner", False)])
def test_only_roles_that_may_read_the_log_have_the_section(qtbot, open_window, demo_path, user, sees):
    window = open_window(demo_path, user=user)
    assert (window.audit_log is not None) == sees
    shortcuts = {a.shortcut().toString() for a in window.view_menu.actions()}
    assert ("Ctrl+9" in shortcuts) == sees
    if sees:
        page = show_audit(qtbot, window)
        assert page.model.rowCount() > 0


def test_opening_a_workspace_is_one_entry_and_refreshes_are_none(qtbot, window, wait_idle):
    person = window.caseload.model.row_at(3)
    before = len(wait_for(qtbot, entries_about(window, person.id, "opened")))
    window.open_person(person.id)
    workspace = window.sections.people[person.id]
    qtbot.waitUntil(lambda: workspace.profile.row is not None, timeout=WAIT)
    wait_idle(window)
    assert len(wait_for(qtbot, entries_about(window, person.id, "opened"))) == before + 1
    workspace.refresh()
    window.open_person(person.id)  # already open: the tab comes forward, nothing is read again
    window._apply_changes(Changes(people=True, tasks=True))  # views refresh after someone's write
    wait_idle(window)
    assert len(wait_for(qtbot, entries_about(window, person.id, "opened"))) == before + 1
    # Searching the caseload lists people without opening anyone's record.
    with qtbot.waitSignal(window.caseload.rows_loaded, timeout=WAIT):
        qtbot.keyClicks(window.caseload.search_box, person.name.split()[-1])
    wait_idle(window)
    assert len(wait_for(qtbot, entries_about(window, person.id, "opened"))) == before + 1


def test_the_caseload_summary_is_one_entry_when_shown_and_none_when_it_refreshes(qtbot, window, wait_idle):
    caseload = window.caseload
    person = caseload.model.row_at(5)
    before = len(wait_for(qtbot, entries_about(window, person.id, "opened")))
    with qtbot.waitSignal(caseload.summary_loaded, timeout=WAIT):
        caseload.open_person(person.id)
    wait_idle(window)
    assert len(wait_for(qtbot, entries_about(window, person.id, "opened"))) == before + 1
    with qtbot.waitSignal(caseload.summary_loaded, timeout=WAIT):
        window._apply_changes(Changes(tasks=True))  # the summary shown is refreshed, not opened again
    wait_idle(window)
    assert len(wait_for(qtbot, entries_about(window, person.id, "opened"))) == before + 1


# --- the model follows Qt's rules ------------------------------------------------------------------

@pytest.fixture(params=[False, True], ids=["cpp-tester", "py-tester"])
def check(request, qtmodeltester):
    return lambda model: qtmodeltester.check(model, force_py=request.param)


def test_audit_model_with_pages_and_a_reload(qtbot, check, demo_store):
    from builders import local_actor

    actor = local_actor(demo_store)
    with demo_store.unit_of_work(write=False) as uow:
        first = audit_view.fetch_page(uow, actor, AuditQuery(), limit=15)
        model = AuditModel()
        check(model)
        model.fetch_more_rows = lambda offset: QTimer.singleShot(0, lambda: model.append_rows(
            audit_view.fetch_page(uow, actor, AuditQuery(), offset=offset, limit=15, with_total=False).rows, offset))
        model.set_rows(first.rows, total=first.total)
        for _ in range(3):
            loaded = model.rowCount()
            model.fetchMore()
            # As a view does while scrolling: ask again until the page is in (one request at a time).
            qtbot.waitUntil(lambda: model.fetchMore() or model.rowCount() > loaded, timeout=20_000)
        assert model.rowCount() == 60 and model.columnCount() == len(Column)
        assert model.headerData(Column.CHANGES, Qt.Orientation.Horizontal) == "Changes"
        people = audit_view.fetch_page(uow, actor, AuditQuery(entity="people"), limit=15)
        model.set_rows(people.rows, total=people.total)
        assert {model.row_at(i).entity for i in range(model.rowCount())} == {"people"}
        model.set_rows([], total=0)
        assert model.rowCount() == 0 and not model.canFetchMore()


def test_a_persons_workspace_has_their_audit_history(qtbot, window):
    person = window.caseload.model.row_at(2)
    window.open_person(person.id)
    workspace = window.sections.people[person.id]
    history = workspace.audit_history
    qtbot.waitUntil(lambda: history.model.rowCount() > 0, timeout=WAIT)
    assert not history.filters.person_box.isVisibleTo(history)
    workspace.show_tab(workspace.tabs.indexOf(history))
    QApplication.processEvents()
    assert clashing_mnemonics(window) == [] and unnamed_controls(history) == []
    rows = [history.model.row_at(i) for i in range(history.model.rowCount())]
    assert {r.person_id for r in rows} == {person.id}
    assert rows[0].action == "opened"  # this very opening, newest first
    assert {"created"} <= {r.action for r in rows}
