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


def test_qt_methods_returning_nothing_cannot_run_none_out_of_references():
    """Without the guard, a few thousand QTimer.stop() calls end the process with none_dealloc."""
    import subprocess
    import textwrap
    from pathlib import Path

    probe = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QCoreApplication, QTimer
        start = sys.getrefcount(None)  # before the guard: what an unguarded process has to lose
        import ui.pyside_fixes
        app = QCoreApplication([])
        timer = QTimer()
        for _ in range(start + 20_000):
            timer.stop()
        print("survived", "None" in ui.pyside_fixes.patched)
    """)
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0 and "none_dealloc" not in result.stderr, result.stderr
    assert result.stdout.split()[0] == "survived"
