"""Draft from Discovery, by keys in the window on the demo store: the log's lines fill the profile fields
(cited, unsaved, the tab shows *), Ctrl+S saves them as the next revision, Revert takes them out."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.services import discovery
from caseteam.services.discovery import PROFILE_FIELDS

from accessibility import clashing_mnemonics, unnamed_controls
# The fixtures are imported by name so pytest finds them here.
from workspace_fixtures import CTRL, TIMEOUT, desk, person  # noqa: F401

SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
CITED = re.compile(r"^(.+) \(Discovery, (\d{4}-\d{2}-\d{2}), ([a-z -]+)\)$")


@pytest.fixture
def discovery_tab(open_window, demo_path, qtbot, person):
    """The window, and the Discovery tab of someone in Discovery, opened with Enter on their caseload line."""
    window = open_window(demo_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.caseload
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index([r.id for r in rows].index(person.id), 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: person.id in window.sections.people)
    ws = window.sections.people[person.id]
    qtbot.waitUntil(lambda: ws.profile.row is not None, timeout=TIMEOUT)
    qtbot.keyClick(ws, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # Alt+3: the Discovery part
    tab = ws.discovery
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0 and window.ops.pending == 0, timeout=TIMEOUT)
    return window, ws, tab


def fields_text(editor) -> dict[str, str]:
    from ui.widgets.field_row import field_value

    return {key: field_value(w) for key, w in editor.form.fields.items()}


def test_draft_by_keys_then_save_with_ctrl_s(qtbot, discovery_tab, desk, person):
    window, ws, tab = discovery_tab
    editor = tab.editor
    before = fields_text(editor)
    number = editor.number
    view = desk(lambda uow, actor: discovery.discovery_view(uow, actor, person.id), write=False)
    learned = {(a.held_on.isoformat(), a.learned) for a in view.activities}
    assert editor.draft_button.isVisible() and not ws.has_unsaved_changes()
    assert unnamed_controls(tab) == [] and clashing_mnemonics(window) == []

    qtbot.keyClick(tab.table, Qt.Key.Key_D, SHIFT_CTRL)
    qtbot.waitUntil(lambda: editor.message.text().startswith("Added "), timeout=TIMEOUT)
    counts = re.match(r"Added (\d+) lines? from (\d+) Discovery activit", editor.message.text())
    assert counts and int(counts[2]) <= len(view.activities) and "Review" in editor.message.text()
    after = fields_text(editor)
    added = []
    for key in PROFILE_FIELDS:
        assert after[key].startswith(before[key].rstrip())  # what the revision said is kept, first
        added += [line for line in after[key][len(before[key].rstrip()):].splitlines() if CITED.match(line)]
    assert len(added) == int(counts[1]) > 0
    for line in added:  # every added line is verbatim from an activity of that date
        text, day, _setting = CITED.match(line).groups()
        assert any(day == d and text in words for d, words in learned), line
    assert ws.has_unsaved_changes()
    assert window.sections.tabText(window.sections.indexOf(ws)).endswith(" *")

    qtbot.keyClick(editor.form.fields["strengths"], Qt.Key.Key_S, CTRL)  # Ctrl+S: the change summary
    dialog = editor.dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.fields.fields["summary"], "Drafted from Discovery, reviewed")
    with qtbot.waitSignal(editor.save_finished, timeout=TIMEOUT) as finished:
        qtbot.keyClick(dialog.fields.fields["summary"], Qt.Key.Key_Return)
    assert finished.args == [True] and not ws.has_unsaved_changes()
    assert not window.sections.tabText(window.sections.indexOf(ws)).endswith(" *")
    latest = desk(lambda uow, actor: discovery.latest_profile(uow, actor, person.id), write=False)
    assert (latest.number, latest.summary) == (number + 1, "Drafted from Discovery, reviewed")
    assert all(line in "\n".join(vars(latest.content).values()) for line in added)

    window.activateWindow()  # the offscreen platform leaves no window active after the dialog closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_D, SHIFT_CTRL)  # again: nothing new to add, nothing unsaved
    qtbot.waitUntil(lambda: "already in the profile" in editor.message.text(), timeout=TIMEOUT)
    assert not ws.has_unsaved_changes()


def test_revert_takes_the_draft_out(qtbot, discovery_tab):
    window, ws, tab = discovery_tab
    editor = tab.editor
    before = fields_text(editor)
    editor.draft_button.setFocus()
    qtbot.keyClick(editor.draft_button, Qt.Key.Key_Space)
    qtbot.waitUntil(ws.has_unsaved_changes, timeout=TIMEOUT)
    assert fields_text(editor) != before
    qtbot.keyClick(editor.revert_button, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not ws.has_unsaved_changes(), timeout=TIMEOUT)
    assert fields_text(editor) == before
