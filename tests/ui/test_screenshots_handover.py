"""Screenshots of the staff handover for the README: `CASETEAM_SCREENSHOTS=DIR uv run pytest
tests/ui/test_screenshots_handover.py` saves, signed in as the supervisor on the demo, Hand over and
deactivate… for a Bridgeway job developer (all to one colleague, her lead assignments to a second) and the
Handovers history after OK. Without the variable there is nothing to do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_screenshots import WAIT, pytestmark, save  # noqa: F401  (pytestmark: skipped without the variable)

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_handover_screens(qtbot, open_window, demo_path, wait_idle):
    window = open_window(demo_path, user="supervisor")
    window.resize(1366, 768)
    partners = window.partners
    window.sections.setCurrentWidget(partners)
    wait_idle(window)
    row = next(r for r in range(partners.model.rowCount()) if partners.model.row_at(r).name.startswith("Bridgeway"))
    with qtbot.waitSignal(partners.detail_loaded, timeout=WAIT):
        partners.table.setCurrentIndex(partners.model.index(row, 0))
    staff = partners.detail.staff
    partners.detail.tabs.setCurrentWidget(staff)
    lupe = next(r for r in range(staff.model.rowCount()) if staff.model.index(r, 0).data().startswith("Lupe"))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    staff.table.setFocus()
    staff.table.setCurrentIndex(staff.model.index(lupe, 0))
    assert partners.handover.hand_over_action.isEnabled()
    qtbot.keyClick(staff.table, Qt.Key.Key_H, CTRL_SHIFT)
    qtbot.waitUntil(lambda: partners.handover.dialog is not None, timeout=WAIT)
    dialog = partners.handover.dialog
    dialog.give_all.setCurrentIndex(dialog.give_all.findText("Marcus", Qt.MatchFlag.MatchStartsWith))
    khadija = dialog.give_all.itemData(dialog.give_all.findText("Khadija", Qt.MatchFlag.MatchStartsWith))
    for key in dialog.lines:
        if key.startswith("lead:"):
            dialog.set_holder(key, khadija)
    dialog.reason.setText("Moves to the Westside office")
    save(dialog, "handover-dialog")

    with qtbot.waitSignal(window.ops.data_changed, timeout=WAIT):
        dialog.ok_button.click()
    wait_idle(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    partners.handover.open_history()
    qtbot.waitUntil(lambda: partners.handover.history_dialog is not None
                    and partners.handover.history_dialog.model.rowCount() > 0, timeout=WAIT)
    save(partners.handover.history_dialog, "handover-history")
