"""Undo and redo as service inverses (archive/restore, reassign back), never as database tricks.

`UndoHistory.perform` runs a service on the worker; only when it succeeds is a command pushed on the
window's QUndoStack, so a refused change never leaves a step to undo. Undo runs the inverse service
with what the first run returned (ids, versions); redo runs the forward service again.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from .operations import Operations

Op = Callable[[Any], Any]                # op(uow) -> result
Inverse = Callable[[Any, Any], Any]      # inverse(uow, last_result) -> result


class ServiceCommand(QUndoCommand):
    def __init__(self, history: UndoHistory, text: str, result: Any, undo: Inverse, redo: Inverse) -> None:
        super().__init__(text)
        self.history = history
        self.result = result
        self._undo, self._redo = undo, redo
        self._pushed = False  # QUndoStack.push calls redo(); the work has already been done

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self.history._run(self, self._redo)

    def undo(self) -> None:
        self.history._run(self, self._undo)


class UndoHistory:
    def __init__(self, ops: Operations, stack: QUndoStack | None = None) -> None:
        self.ops = ops
        self.stack = stack or QUndoStack()

    def perform(self, text: str, do: Op, undo: Inverse, *, redo: Inverse | None = None,
                on_done: Callable[[Any], None] | None = None,
                on_error: Callable[[Any], None] | None = None) -> int:
        """Run `do`; on success push an undoable step named `text` (e.g. "Reassign task")."""
        def pushed(result: Any) -> None:
            self.stack.push(ServiceCommand(self, text, result, undo, redo or (lambda uow, _last: do(uow))))
            if on_done is not None:
                on_done(result)

        return self.ops.run(do, on_done=pushed, on_error=on_error)

    def _run(self, command: ServiceCommand, inverse: Inverse) -> None:
        def job(uow):
            # Read and keep the result on the worker: jobs run in order there, so a quick
            # undo-redo-undo always works from the newest versions, never a stale copy.
            command.result = inverse(uow, command.result)
            return command.result

        self.ops.run(job)
