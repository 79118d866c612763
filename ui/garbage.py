"""Cyclic garbage is collected on the GUI thread only.

Python's collector runs in whichever thread happens to allocate when a threshold is crossed. If that
is the database worker and the garbage holds a Qt object made on the GUI thread, the object's
destructor takes Qt's connection lock and then waits for the interpreter lock, while the GUI thread
holds the interpreter lock and waits for Qt's connection lock: both stop for good (seen in the test
suite: the worker in QObject::~QObject under gc_collect_main, the GUI thread in QAbstractItemView::
setModel). So automatic collection is switched off and a GUI-thread timer collects instead, the
way Anki's Qt front end does it.
"""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_EVERY_MS = 500
# Freed objects lower gc's allocation count, so a burst that allocated and freed a lot may leave the
# count under every threshold with garbage waiting; collect the youngest generation this often anyway.
SWEEP_EVERY_CHECKS = 4

_collector: _GuiThreadCollector | None = None


class _GuiThreadCollector(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.thresholds = gc.get_threshold()
        self.collections = 0
        self.quiet_checks = 0
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """Collect the youngest generation that has passed its threshold, as gc itself would."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                self._collect(generation)
                return
        self.quiet_checks += 1
        if self.quiet_checks >= SWEEP_EVERY_CHECKS:
            self._collect(0)

    def _collect(self, generation: int) -> None:
        gc.collect(generation)
        self.collections += 1
        self.quiet_checks = 0


def collect_on_gui_thread() -> _GuiThreadCollector | None:
    """Idempotent; call from the GUI thread once a QApplication exists (before any worker starts)."""
    global _collector
    app = QCoreApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        return None
    if _collector is None:
        gc.disable()
        _collector = _GuiThreadCollector()
        _collector.moveToThread(app.thread())
    return _collector
