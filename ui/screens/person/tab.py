"""What every tab of a person's workspace shares: the person, the ways to ask for work, and the
unsaved-edit contract (has_unsaved_changes / save / discard) the workspace adds up.

A workspace tab can be closed (and its widgets deleted) while one of its jobs is still running, e.g.
right after "Save" in the close prompt; the answer still arrives, so callbacks check that the widget
is alive before they touch it. The save itself has already happened by then.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from ...operations import Operations
from ...undo import UndoHistory


def _row_of(result):
    """The frozen row a service returned as (row, Changes), if it has an id and a version."""
    row = result[0] if isinstance(result, tuple) and result else None
    return row if dataclasses.is_dataclass(row) and hasattr(row, "id") and hasattr(row, "version") else None


class PersonTab(QWidget):
    dirty_changed = Signal(bool)  # unsaved edits appeared or went away
    save_finished = Signal(bool)  # a save started by save() ended: True saved, False refused

    def __init__(self, ops: Operations, actor, history: UndoHistory, person_id, parent=None) -> None:
        super().__init__(parent)
        self.ops, self.actor, self.history, self.person_id = ops, actor, history, person_id
        self._dirty = False
        # Record id -> the newest version our own steps produced. The workspace gives all its tabs one
        # book: a step's inverse then works from the version the last undo or redo of ANY step left,
        # so "save, save, undo, undo" (or "add member, end, undo, undo") never trips over itself,
        # while a colleague's change in between still raises Conflict.
        self.versions: dict = {}

    # --- jobs whose answers may outlive the tab ------------------------------------------------------
    def guarded(self, callback: Callable[..., Any] | None) -> Callable[..., Any] | None:
        if callback is None:
            return None

        def call(*args):
            if isValid(self):
                callback(*args)
        return call

    def run(self, op, on_done=None, on_error=None, *, write: bool = False, progress_text: str | None = None) -> int:
        return self.ops.run(op, on_done=self.guarded(on_done), on_error=self.guarded(on_error), write=write,
                            progress_text=progress_text)

    def perform(self, text: str, do, undo, *, redo=None, on_done=None, on_error=None) -> int:
        """One undoable step (UndoHistory): `do` now, `undo`/`redo` as service inverses later; each
        gets the last result with its row's version brought up to date from the version book."""
        book = self.versions
        redo = redo or (lambda uow, _last: do(uow))

        def noted(result):
            row = _row_of(result)
            if row is not None:
                book[row.id] = row.version
            return result

        def current(last):
            row = _row_of(last)
            if row is None or book.get(row.id, row.version) == row.version:
                return last
            return (dataclasses.replace(row, version=book[row.id]),) + tuple(last[1:])

        return self.history.perform(text, lambda uow: noted(do(uow)),
                                    lambda uow, last: noted(undo(uow, current(last))),
                                    redo=lambda uow, last: noted(redo(uow, current(last))),
                                    on_done=self.guarded(on_done), on_error=self.guarded(on_error))

    # --- unsaved edits ---------------------------------------------------------------------------------
    def set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def save(self) -> bool:
        """Start saving; True when a save started (its end is announced by save_finished)."""
        return False

    def discard(self) -> None:
        self.set_dirty(False)

    # --- data ----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        raise NotImplementedError

    def apply_changes(self, changes) -> None:
        """Refresh when `changes` (a Changes record) concerns what this tab shows."""
