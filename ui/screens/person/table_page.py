"""A workspace page built around one table of the person's records (Work pages: employment, job
development, portfolio, incidents): the chosen row, add/edit dialogs that hand the focus back to the
table, and undo steps that refresh the page with the changed record chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt

from .tab import PersonTab


class TablePage(PersonTab):
    """The subclass sets self.table and self.model (a model with row_at) and a refresh(select=...)."""

    dialog = None  # the add/edit dialog open now, if any

    def current(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _open(self, dialog, submit) -> None:
        """Not blocking: `submit` gets the values; when the dialog closes the table has the focus again."""
        self.dialog = dialog
        dialog.submitted.connect(submit)
        dialog.finished.connect(lambda _r: self.table.setFocus(Qt.FocusReason.OtherFocusReason))
        dialog.open()

    def _step(self, text, do, undo, dialog=None, redo=None, select=None) -> None:
        """One undo step; once done the dialog (if any) closes and the page shows `select` or the
        returned record chosen. A refusal is shown in the dialog with the input kept."""
        def done(result):
            if dialog is not None:
                dialog.finish()
            self.refresh(select=select or result[0].id)
        self.perform(text, do, undo, redo=redo, on_done=done, on_error=dialog.refuse if dialog else None)
