"""The idle lock on the demo store: unsaved input in a person's profile survives a lock, nobody's name is
on screen or in the accessibility tree while locked, the countdown and Stay signed in, wrong passwords."""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QPlainTextEdit, QWidget

from caseteam.services import people
from caseteam.storage.store import open_store
from ui.idle_lock import LOCKED_TITLE

from accessibility import unnamed_controls
from signing import DEMO_PASSWORD

WAIT = 20_000


@pytest.fixture
def names(demo_path) -> set[str]:
    """Every person's given and family name in the demo store: none may show while locked."""
    from builders import local_actor

    store = open_store(demo_path)
    try:
        actor = local_actor(store)
        with store.unit_of_work(write=False) as uow:
            rows = people.caseload(uow, actor, limit=1000)
    finally:
        store.close()
    return {part for row in rows for part in row.full_name.split() if len(part) > 2}


def visible_texts() -> list[str]:
    texts = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        texts += [widget.windowTitle(), widget.accessibleName(), widget.toolTip()]
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            texts.append(widget.text())
        if isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
    return [t for t in texts if t]


def accessible_texts(root: QWidget) -> list[str]:
    """What a screen reader can reach from the window: names and values of nodes not marked invisible."""
    found, stack = [], [QAccessible.queryAccessibleInterface(root)]
    while stack:
        node = stack.pop()
        if node is None or not node.isValid() or node.state().invisible:
            continue
        found += [node.text(QAccessible.Text.Name), node.text(QAccessible.Text.Value)]
        stack += [node.child(i) for i in range(node.childCount())]
    return [t for t in found if t]


def mentioned(texts, names) -> list[str]:
    return [t for t in texts if any(name in t for name in names)]


def locked_by_timer(qtbot, window) -> None:
    window.session.idle.set_timeout(30, warning_seconds=2, tick_ms=20)
    qtbot.waitUntil(lambda: window.session.idle.screen is not None and window.session.idle.screen.isVisible(),
                    timeout=WAIT)


def unlock(qtbot, window, password: str) -> None:
    screen = window.session.idle.screen
    qtbot.keyClicks(screen.password, password)
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)


def test_the_lock_hides_everyone_and_unlocking_keeps_the_unsaved_input(qtbot, open_window, demo_path, names):
    window = open_window(demo_path)
    person = window.caseload.model.row_at(0)
    window.open_person(person.id)
    workspace = window.sections.people[person.id]
    qtbot.waitUntil(lambda: workspace.profile.row is not None, timeout=WAIT)
    window.find_anything()  # an open dialog with a person's name in it
    qtbot.keyClicks(window.search_dialog.box, person.full_name.split()[-1])
    qtbot.waitUntil(lambda: window.search_dialog.results.count() > 0, timeout=WAIT)
    window.activateWindow()  # the dialog stays open behind; the user goes back to the profile
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    field = workspace.profile.fields["phone"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.end(False)
    qtbot.keyClicks(field, " ext. 12")
    typed = field.text()
    assert workspace.has_unsaved_changes() and mentioned(visible_texts(), names)  # the names are there
    assert window.search_dialog.isVisible()

    locked_by_timer(qtbot, window)
    screen = window.session.idle.screen
    assert screen.geometry() == window.geometry()  # covers the whole window
    assert window.windowTitle() == LOCKED_TITLE and not window.statusBar().isVisible()
    assert window.search_dialog.isVisible() and window.search_dialog.windowTitle() == LOCKED_TITLE
    assert mentioned(visible_texts(), names) == []
    assert mentioned(accessible_texts(window) + accessible_texts(window.search_dialog)
                     + accessible_texts(screen), names) == []
    assert not field.isVisible() and not workspace.isVisible()
    assert not any(a.isEnabled() for a in (window.find_anything_action, window.quit_action, window.undo_action))
    assert unnamed_controls(screen) == []

    unlock(qtbot, window, "not my password")
    qtbot.waitUntil(lambda: screen.message.isVisibleTo(screen), timeout=WAIT)
    assert screen.message.text() == "⚠ The user name or password is not right."
    assert window.session.idle.is_locked and screen.password.hasFocus()
    screen.password.clear()
    with qtbot.waitSignal(window.session.idle.unlocked, timeout=WAIT):
        unlock(qtbot, window, DEMO_PASSWORD)
    assert not window.session.idle.is_locked and not screen.isVisible()
    assert window.sections.currentWidget() is workspace and workspace.isVisible()
    assert field.text() == typed and workspace.has_unsaved_changes()
    qtbot.waitUntil(field.hasFocus)
    assert window.search_dialog.windowTitle() != LOCKED_TITLE and window.search_dialog.results.isVisible()
    assert window.windowTitle() == f"caseteam — DEMO — {demo_path}" and window.statusBar().isVisible()
    assert window.find_anything_action.isEnabled() and window.quit_action.isEnabled()
    window.search_dialog.hide()
    qtbot.keyClicks(field, "3")  # typing goes on where it stopped
    assert field.text() == typed + "3"


def test_the_warning_counts_down_and_stay_signed_in_keeps_working(qtbot, open_window, demo_path):
    window = open_window(demo_path)
    idle = window.session.idle
    idle.set_timeout(30, warning_seconds=60, tick_ms=10)
    qtbot.waitUntil(lambda: idle.warning is not None and idle.warning.isVisible(), timeout=WAIT)
    warning = idle.warning
    def seconds_shown() -> int:
        return int(re.match(r"caseteam will lock in (\d+) seconds? ", warning.countdown.text()).group(1))

    first = seconds_shown()
    assert 50 <= first <= 60
    qtbot.waitUntil(lambda: seconds_shown() <= first - 3, timeout=WAIT)  # a live countdown
    assert unnamed_controls(warning) == []
    idle.set_timeout(60_000)  # while the user reads on, no new warning
    qtbot.keyClick(warning.stay_button, Qt.Key.Key_Space)
    assert idle.warning is None and not idle.is_locked and idle.watcher.running
    assert window.pages.currentWidget() is window.sections


def test_any_input_restarts_the_wait(qtbot, open_window, demo_path):
    window = open_window(demo_path)
    watcher = window.session.idle.watcher
    window.session.idle.set_timeout(10_000)
    qtbot.waitUntil(lambda: watcher.remaining_ms() < 9_800, timeout=WAIT)
    qtbot.keyClicks(window.caseload.search_box, "a")
    assert watcher.remaining_ms() > 9_900  # a key press starts the wait again
    qtbot.waitUntil(lambda: watcher.remaining_ms() < 9_800, timeout=WAIT)
    qtbot.mouseClick(window.caseload.search_box, Qt.MouseButton.LeftButton)
    assert watcher.remaining_ms() > 9_900  # and so does a click
    assert window.session.idle.warning is None


def test_the_watcher_looks_again_when_there_was_input_meanwhile(qtbot, open_window, demo_path):
    window = open_window(demo_path)
    idle = window.session.idle
    idle.set_timeout(300, warning_seconds=60)
    qtbot.waitUntil(lambda: idle.watcher.remaining_ms() < 150, timeout=WAIT)
    came = []
    idle.watcher.idle.connect(lambda: came.append(time.monotonic()))
    qtbot.keyClicks(window.caseload.search_box, "b")  # just before it was due
    typed = time.monotonic()
    qtbot.waitUntil(lambda: idle.warning is not None, timeout=WAIT)
    assert came[0] - typed >= 0.29  # a full wait after the key press, not the first due time


def test_signing_out_from_the_lock_screen_says_what_is_discarded(qtbot, open_window, demo_path, names):
    window = open_window(demo_path)
    person = window.caseload.model.row_at(1)
    window.open_person(person.id)
    workspace = window.sections.people[person.id]
    qtbot.waitUntil(lambda: workspace.profile.row is not None, timeout=WAIT)
    qtbot.keyClicks(workspace.profile.fields["phone"], "0")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.session.idle.is_locked, timeout=WAIT)
    screen = window.session.idle.screen
    qtbot.keyClick(screen.sign_out_button, Qt.Key.Key_Space)
    assert "1 screen has changes that are not saved" in screen.message.text()
    assert mentioned([screen.message.text()], names) == []
    assert window.actor is not None
    with qtbot.waitSignal(window.session.signed_out, timeout=WAIT):
        qtbot.keyClick(screen.sign_out_button, Qt.Key.Key_Space)
    assert window.pages.currentWidget() is window.session.sign_in_page and window.actor is None
    assert not window.session.idle.is_locked and window.centralWidget() is window.pages


def test_a_half_filled_dialog_is_emptied_while_locked_and_comes_back_as_it_was(qtbot, open_window, demo_path):
    window = open_window(demo_path)
    session = window.session
    session.show_users()
    users = session.users_dialog
    qtbot.waitUntil(lambda: users.model.rowCount() > 0 and users.staff != [] and window.ops.pending == 0,
                    timeout=WAIT)
    users.new_user()
    form = users.form
    qtbot.waitUntil(form.isVisible)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    form.display_name.setFocus()
    qtbot.keyClicks(form.display_name, "Marisol Rivera")
    session.idle.lock()
    screen = session.idle.screen
    assert form.isVisible() and not form.display_name.isVisible() and form.windowTitle() == LOCKED_TITLE
    assert "Marisol" not in " ".join(visible_texts())
    assert QApplication.activeModalWidget() is screen  # on top of the window-modal form: it takes the keys
    with qtbot.waitSignal(session.idle.unlocked, timeout=WAIT):
        unlock(qtbot, window, DEMO_PASSWORD)
    assert form.isVisible() and form.display_name.isVisible() and form.windowTitle() == "New user"
    assert form.display_name.text() == "Marisol Rivera"
    qtbot.waitUntil(form.display_name.hasFocus)
