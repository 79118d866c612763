"""The partner directory's Staff tab: Hand over and deactivate… (Ctrl+Shift+H) opens the handover dialog
for the chosen staff member (their open work read first), and Handovers… (Ctrl+Alt+H) the organization's
handover history. One OK is one service call and one undo step; Ctrl+Z (or Undo handover in the history)
calls undo_handover."""

from __future__ import annotations

from PySide6.QtGui import QAction

from caseteam.errors import PermissionDenied
from caseteam.services import handovers
from caseteam.services.handover_rows import item_key
from caseteam.services.handovers import require_handover

from .directory_parts import current_row, screen_action
from .handover_dialog import HandoverDialog
from .handover_history import HandoverHistoryDialog

HAND_OVER_KEYS = "Ctrl+Shift+H"
HISTORY_KEYS = "Ctrl+Alt+H"


def _may_hand_over(actor) -> bool:
    try:
        require_handover(actor)
    except PermissionDenied:  # the actions stay greyed out
        return False
    return True


class StaffHandover:
    """Owns the Staff tab's two handover actions; `directory` is the PartnerDirectory."""

    def __init__(self, directory) -> None:
        self.directory, self.ops, self.actor, self.history = (directory, directory.ops, directory.actor,
                                                              directory.history)
        self.page = directory.detail.staff
        self.allowed = _may_hand_over(self.actor)
        self.hand_over_action: QAction = screen_action(self.page, "Hand over and deactivate…", HAND_OVER_KEYS,
                                                       self.page.toolbar)
        self.history_action: QAction = screen_action(self.page, "Handovers…", HISTORY_KEYS, self.page.toolbar)
        self.hand_over_action.triggered.connect(self.open_hand_over)
        self.history_action.triggered.connect(self.open_history)
        self.page.table.selectionModel().currentRowChanged.connect(lambda *_: self.enable())
        self.page.model.modelReset.connect(self.enable)
        self.dialog: HandoverDialog | None = None
        self.history_dialog: HandoverHistoryDialog | None = None
        self.enable()

    def enable(self) -> None:
        row = current_row(self.page.table)
        self.hand_over_action.setEnabled(self.allowed and row is not None and not row.archived)
        self.history_action.setEnabled(self.allowed and self.directory.current_organization() is not None)

    # --- handing over ---------------------------------------------------------------------------
    def open_hand_over(self) -> None:
        row = current_row(self.page.table)
        if row is None or not self.hand_over_action.isEnabled():
            return
        actor, staff_id = self.actor, row.id
        self.ops.run(lambda uow: handovers.open_work(uow, actor, staff_id), on_done=self._show_dialog, write=False,
                     progress_text=f"Reading what {row.name} holds…")

    def _show_dialog(self, work) -> None:
        dialog = HandoverDialog(work, self.directory)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None) if self.dialog is dialog else None)
        self.directory._open_dialog(dialog, lambda values, done, failed: self.hand_over(work, values, done, failed))

    def hand_over(self, work, values: dict, on_done=None, on_error=None) -> None:
        actor, staff_id, version = self.actor, work.staff_id, work.version
        kwargs = dict(assignments=values["assignments"], reason=values["reason"], deactivate=values["deactivate"])
        self.history.perform(
            f"Hand over {work.staff_name}'s work",
            lambda uow: handovers.hand_over(uow, actor, staff_id, version=version, **kwargs),
            lambda uow, last: handovers.undo_handover(uow, actor, last[0].id),
            redo=lambda uow, _last: handovers.hand_over(uow, actor, staff_id, **kwargs),
            on_done=on_done, on_error=on_error)

    # --- the history ----------------------------------------------------------------------------
    def open_history(self) -> None:
        org = self.directory.current_organization()
        if org is None or not self.history_action.isEnabled():
            return
        dialog = HandoverHistoryDialog(org.name, self.directory)
        self.history_dialog = dialog
        dialog.undo_requested.connect(self.undo)
        dialog.finished.connect(lambda _r: setattr(self, "history_dialog", None)
                                if self.history_dialog is dialog else None)
        self.ops.data_changed.connect(self._history_changed)
        dialog.finished.connect(lambda _r: self.ops.data_changed.disconnect(self._history_changed))
        dialog.open()
        self.read_history()

    def read_history(self) -> None:
        org, actor = self.directory.current_organization(), self.actor
        if org is None or self.history_dialog is None:
            return
        dialog = self.history_dialog
        self.ops.run(lambda uow: handovers.list_handovers(uow, actor, organization_id=org.id),
                     on_done=dialog.show_rows, on_error=dialog.refuse, write=False)

    def _history_changed(self, changes) -> None:
        if changes.handovers:
            self.read_history()

    def undo(self, row) -> None:
        """Undo handover from the history: one undo step too (redo hands the same items over again)."""
        actor = self.actor
        again = {item_key(i.kind, i.record_id): i.to_staff_id for i in row.items}
        dialog = self.history_dialog
        self.history.perform(
            f"Undo the handover of {row.staff_name}'s work",
            lambda uow: handovers.undo_handover(uow, actor, row.id),
            lambda uow, _last: handovers.hand_over(uow, actor, row.staff_id, assignments=again, reason=row.reason,
                                                   deactivate=row.deactivated),
            redo=lambda uow, last: handovers.undo_handover(uow, actor, last[0].id),
            on_error=dialog.refuse if dialog is not None else None)


__all__ = ["StaffHandover", "HAND_OVER_KEYS", "HISTORY_KEYS"]
