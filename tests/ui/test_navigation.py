"""Moving around the window from the keyboard: Ctrl+K finds anything, Ctrl+<n> picks a section,
and a tab with unsaved edits never closes without asking."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from ui.sections import Sections


@pytest.fixture
def window(open_window, demo_path, qtbot):
    window = open_window(demo_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def test_ctrl_k_finds_a_person_and_opens_their_summary(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.search_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.box.hasFocus)  # the dialog's window is activated asynchronously
    with qtbot.waitSignal(dialog.results_shown, timeout=10_000):
        qtbot.keyClicks(dialog.box, "munoz gar")
    assert dialog.results.count() == 1
    assert "José Muñoz García" in dialog.results.item(0).text()
    with qtbot.waitSignal(window.caseload.summary_loaded, timeout=10_000) as opened:
        qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert "Muñoz García" in window.caseload.summary.toPlainText()
    assert opened.args[0] == window.caseload.current_person_id()


def test_ctrl_k_lists_organizations_staff_and_tasks_too(qtbot, window):
    window.find_anything()
    dialog = window.search_dialog
    with qtbot.waitSignal(dialog.results_shown, timeout=10_000):
        qtbot.keyClicks(dialog.box, "bridgeway")
    texts = [dialog.results.item(i).text() for i in range(dialog.results.count())]
    assert any("Organization" in t for t in texts)


def test_ctrl_1_returns_to_the_caseload_and_the_edit_menu_offers_undo(qtbot, window):
    window.caseload.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.sections.currentWidget() is window.caseload
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert not window.undo_action.isEnabled()  # nothing done yet


class Draft(QLineEdit):
    """The smallest editor the sections know how to guard."""

    def __init__(self):
        super().__init__()
        self.saved = False

    def has_unsaved_changes(self) -> bool:
        return bool(self.text()) and not self.saved

    def save(self) -> bool:
        self.saved = True
        return True

    def discard(self) -> None:
        self.clear()


@pytest.mark.parametrize("answer, closes, saved", [
    (QMessageBox.StandardButton.Cancel, False, False),
    (QMessageBox.StandardButton.Discard, True, False),
    (QMessageBox.StandardButton.Save, True, True),
])
def test_closing_a_tab_with_unsaved_edits_asks_first(qtbot, answer, closes, saved):
    sections = Sections()
    qtbot.addWidget(sections)
    asked = []
    sections.ask = lambda _parent, what: asked.append(what) or answer
    draft = Draft()
    sections.open_person_tab("p1", lambda: draft, "Ánh Nguyễn *")
    qtbot.keyClicks(draft, "typed but not saved")
    assert sections.close_tab(sections.indexOf(draft)) is closes
    assert asked == ["Ánh Nguyễn"]
    assert ("p1" in sections.people) is not closes
    assert draft.saved is saved
    if not closes:
        assert draft.text() == "typed but not saved"  # Cancel keeps the input
