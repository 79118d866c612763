"""Garbage holding Qt objects is collected on the GUI thread, never on the database worker."""

from __future__ import annotations

import gc
import threading

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QObject  # noqa: E402

from ui import garbage  # noqa: E402
from ui.operations import Operations  # noqa: E402


class Cycle:
    """A QObject in a reference cycle: only the cyclic collector frees it."""

    def __init__(self, seen: list) -> None:
        self.me = self
        self.qobject = QObject()
        self.seen = seen

    def __del__(self) -> None:
        self.seen.append(threading.current_thread().name)


def test_the_worker_never_collects_and_the_gui_thread_does(qtbot, empty_path):
    ops = Operations(None)
    try:
        assert not gc.isenabled()
        seen: list[str] = []
        Cycle(seen)  # unreachable at once, waiting for a collection

        def churn(uow):  # allocations that would have triggered a collection on this thread
            return len([{"n": [i]} for i in range(200_000)])

        with qtbot.waitSignal(ops.idle, timeout=20_000):
            ops.open_store(empty_path)
        with qtbot.waitSignal(ops.idle, timeout=20_000):
            ops.run(churn, write=False)
        qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
        assert seen == [threading.main_thread().name]
        assert garbage.collect_on_gui_thread().collections > 0
    finally:
        ops.shutdown()
