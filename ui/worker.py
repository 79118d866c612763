"""The one database worker: a QObject living on its own QThread that owns the Store.

Nothing here decides what to show the user; ui.operations does. The worker only runs jobs in the
order they arrive and reports each result or exception back by job id.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from caseteam.services import records, users
from caseteam.storage.store import Store, StoreDescription, open_store

from . import pyside_fixes  # noqa: F401  (guards every signal; see its docstring)
from .diagnostics import describe_exception

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """`kind` is "uow" (fn gets a UnitOfWork), "store" (fn gets the Store), "open" or "close"."""

    id: int
    kind: str
    fn: Callable[[Any], Any] | None = None
    write: bool = True
    target: Any = None


@dataclass(frozen=True)
class OpenedStore:
    """What the GUI thread needs to know about the store it is working on. Nobody is signed in yet:
    the window asks for a user name and password (or, with no accounts, creates the administrator)."""

    description: StoreDescription
    has_accounts: bool
    is_demo: bool


class NoStore(RuntimeError):
    """A job arrived before the store was opened or after it was closed (a programming error)."""


class DatabaseWorker(QObject):
    finished = Signal(int, object)  # job id, the value returned
    failed = Signal(int, object, str)  # job id, the exception, its stack and type (see describe_exception)
    closed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.store: Store | None = None

    @Slot(object)
    def execute(self, job: Job) -> None:
        try:
            value = self._run(job)
        except BaseException as exc:  # reported to the GUI thread, which decides what to show
            details = describe_exception(exc)
            # Frames hold sessions and ORM objects: they stay on this thread.
            self.failed.emit(job.id, exc.with_traceback(None), details)
            if job.kind == "close":
                self._stop()
            return
        self.finished.emit(job.id, value)
        if job.kind == "close":
            self._stop()

    def _run(self, job: Job) -> Any:
        if job.kind == "open":
            threading.current_thread().name = "database"
            return self._open(job.target)
        if job.kind == "close":
            if self.store is not None:
                self.store.close()
                self.store = None
            return None
        if self.store is None:
            raise NoStore("The store is not open.")
        if job.kind == "store":
            return job.fn(self.store)
        with self.store.unit_of_work(write=job.write) as uow:
            return job.fn(uow)

    def _open(self, target) -> OpenedStore:
        store = open_store(target)
        try:
            with store.unit_of_work(write=False) as uow:
                has_accounts, is_demo = users.has_accounts(uow), records.is_demo(uow)
        except BaseException:
            store.close()
            raise
        self.store = store
        log.info("store opened (%s)", store.kind)
        return OpenedStore(store.description, has_accounts, is_demo)

    def _stop(self) -> None:
        """Runs on the worker thread as its last job: hand this object back, then end the loop."""
        self.closed.emit()
        app = QCoreApplication.instance()
        if app is not None:
            self.moveToThread(app.thread())
        QThread.currentThread().quit()
