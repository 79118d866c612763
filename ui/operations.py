"""The only place that knows threads, progress and error dialogs.

A screen says `ops.run(lambda uow: service(uow, actor, ...), on_done=...)`; the op runs on the one
database worker thread inside `store.unit_of_work(write=...)`, and `on_done` gets the value back on
the GUI thread. Caseteam errors (plain language) go to `on_error` or a message box; anything else is
logged with its stack and shown as "Something went wrong" with the log file's location.
"""

from __future__ import annotations

import itertools
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from caseteam.errors import CaseteamError
from caseteam.services.changes import Changes

from . import consent_offer, diagnostics, garbage, pyside_fixes  # noqa: F401  (pyside_fixes guards every signal)
from .widgets import error_dialog
from .worker import DatabaseWorker, Job, OpenedStore

log = logging.getLogger(__name__)

Callback = Callable[[Any], None] | None


@dataclass
class _Pending:
    on_done: Callback
    on_error: Callback
    on_finally: Callable[[], None] | None
    progress_text: str | None


def _owner_gone(callback) -> bool:
    """True when the callback belongs to a Qt object already deleted (a screen closed while its answer
    was on the way, e.g. at sign-out): a bound method's object, or a QObject a lambda closes over."""
    owners = [getattr(callback, "__self__", None)]
    owners += [cell.cell_contents for cell in (getattr(callback, "__closure__", None) or ())
               if _filled(cell)]
    return any(isinstance(owner, QObject) and not shiboken6.isValid(owner) for owner in owners)


def _filled(cell) -> bool:
    try:
        cell.cell_contents
    except ValueError:  # a cell not yet assigned
        return False
    return True


class Operations(QObject):
    busy_changed = Signal(bool, str)  # shown after BUSY_AFTER_MS of waiting; the text says what for
    idle = Signal()  # the last pending job finished (and its callbacks ran)
    data_changed = Signal(object)  # a Changes record from any finished job: views refresh what they show
    _submit = Signal(object)
    _aside_done = Signal(object, object)  # (callback, value) from a thread of run_aside's

    BUSY_AFTER_MS = 300

    def __init__(self, parent_widget: QWidget | None = None, *, log_path: Path | None = None) -> None:
        super().__init__()
        garbage.collect_on_gui_thread()  # before the worker thread exists (see ui/garbage.py)
        self.parent_widget = parent_widget
        self.log_path = log_path or diagnostics.log_file()
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._closed = False
        self.busy = False
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(self.BUSY_AFTER_MS)
        self._busy_timer.timeout.connect(self._show_busy)

        self._thread = QThread()
        self._thread.setObjectName("caseteam-database")
        self._worker = DatabaseWorker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.execute, Qt.ConnectionType.QueuedConnection)
        self._worker.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._worker.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._aside_done.connect(self._call, Qt.ConnectionType.QueuedConnection)
        self._thread.start()

    # --- asking for work ----------------------------------------------------------------------
    @property
    def pending(self) -> int:
        return len(self._pending)

    def run(self, op: Callable[[Any], Any], on_done: Callback = None, on_error: Callback = None, *,
            write: bool = True, progress_text: str | None = None,
            on_finally: Callable[[], None] | None = None) -> int:
        """Run `op(uow)` on the worker inside one unit of work; returns the job id."""
        return self._enqueue(Job(next(self._ids), "uow", op, write), on_done, on_error, on_finally, progress_text)

    def run_on_store(self, op: Callable[[Any], Any], on_done: Callback = None, on_error: Callback = None, *,
                     progress_text: str | None = None, on_finally: Callable[[], None] | None = None) -> int:
        """Run `op(store)` on the worker, for store-level work that opens its own units (demo, backup)."""
        return self._enqueue(Job(next(self._ids), "store", op), on_done, on_error, on_finally, progress_text)

    def run_aside(self, fn: Callable[[], Any], on_done: Callback, what: str) -> threading.Thread:
        """Run `fn()` (no unit of work: it opens what it reads itself) on a short-lived thread of its own, so the
        worker's queue never waits behind it; on_done gets the value on the GUI thread. A failure is logged
        (`what` names it) and on_done is not called: this is for checks nobody waits on."""
        def run() -> None:
            try:
                value = fn()
            except Exception:
                log.exception("%s failed", what)
                return
            if not self._closed:
                self._aside_done.emit(on_done, value)

        thread = threading.Thread(target=run, name=what, daemon=True)
        thread.start()
        return thread

    def open_store(self, target, on_done: Callback = None, on_error: Callback = None) -> int:
        """Open (and, when due, migrate) the store on the worker; on_done gets an OpenedStore."""
        return self._enqueue(Job(next(self._ids), "open", target=target), on_done, on_error, None,
                             "Opening the store…")

    def shutdown(self) -> None:
        """Finish queued work, close the store, stop the thread and wait for it. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._busy_timer.stop()
        self._submit.emit(Job(next(self._ids), "close"))
        self._thread.wait()
        self._pending.clear()
        log.info("database worker stopped")

    @property
    def closed(self) -> bool:
        return self._closed

    def _enqueue(self, job: Job, on_done, on_error, on_finally, progress_text) -> int:
        if self._closed:
            log.warning("job %s ignored: the database worker has stopped", job.id)
            return job.id
        self._pending[job.id] = _Pending(on_done, on_error, on_finally, progress_text)
        if not self.busy and not self._busy_timer.isActive():
            self._busy_timer.start()
        elif self.busy:
            self.busy_changed.emit(True, self._busy_text())
        self._submit.emit(job)
        return job.id

    # --- answers from the worker ----------------------------------------------------------------
    @Slot(int, object)
    def _on_finished(self, job_id: int, value: Any) -> None:
        pending = self._pending.pop(job_id, None)
        if pending is None or self._closed:
            return
        self._call(pending.on_done, value)
        changes = changes_in(value)
        if changes:
            self.data_changed.emit(changes)
        self._settle(pending)

    @Slot(int, object, str)
    def _on_failed(self, job_id: int, exc: BaseException, details: str) -> None:
        pending = self._pending.pop(job_id, None)
        if pending is None or self._closed:
            return
        if isinstance(exc, CaseteamError):
            log.info("job %s refused: %s", job_id, type(exc).__name__)
            if pending.on_error is not None:
                self._call(pending.on_error, exc)
            else:
                error_dialog.show_plain(self.parent_widget, exc.message, **consent_offer.offer_for(exc))
        else:
            self.report_unexpected(details, f"database job {job_id}")
        self._settle(pending)

    def report_unexpected(self, details: str, where: str) -> None:
        log.error("unexpected error in %s\n%s", where, details)
        error_dialog.show_unexpected(self.parent_widget, str(self.log_path), details)

    def _call(self, callback: Callback, value: Any) -> None:
        if callback is None:
            return
        if _owner_gone(callback):
            log.info("an answer arrived for a screen that was closed meanwhile; dropped")
            return
        try:
            callback(value)
        except Exception as exc:  # a screen's own bug: log it, tell the user plainly, keep running
            self.report_unexpected(diagnostics.describe_exception(exc), "a screen callback")

    def _settle(self, pending: _Pending) -> None:
        if pending.on_finally is not None:
            self._call(lambda _: pending.on_finally(), None)
        if self._closed:
            return
        if self._pending:
            if self.busy:
                self.busy_changed.emit(True, self._busy_text())
            return
        self._busy_timer.stop()
        if self.busy:
            self.busy = False
            self.busy_changed.emit(False, "")
        self.idle.emit()

    # --- progress --------------------------------------------------------------------------------
    def _show_busy(self) -> None:
        if self._pending and not self._closed:
            self.busy = True
            self.busy_changed.emit(True, self._busy_text())

    def _busy_text(self) -> str:
        for pending in self._pending.values():
            if pending.progress_text:
                return pending.progress_text
        return "Working…"


def changes_in(value: Any) -> Changes | None:
    """Services return (row, Changes) or Changes; find the record so every view hears of it."""
    if isinstance(value, Changes):
        return value
    if isinstance(value, tuple) and value and isinstance(value[-1], Changes):
        return value[-1]
    return None


__all__ = ["Operations", "OpenedStore", "changes_in"]
