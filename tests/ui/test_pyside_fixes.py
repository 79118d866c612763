"""PySide6 6.12 on Python 3.11 loses a reference to True/False on every signal emit and disconnect;
ui.pyside_fixes gives it back. Without it the app aborts ("bool_dealloc") after enough signals."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import ui.pyside_fixes  # noqa: F401


class Sender(QObject):
    changed = Signal(bool, str)


def test_signals_leave_true_and_false_counts_alone():
    sender = Sender()
    sender.changed.connect(lambda flag, text: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for n in range(500):
        sender.changed.emit(n % 2 == 0, "x")
        sender.changed.disconnect(sender.changed.connect(lambda flag, text: None))
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
