"""What the Funding part's pages share beyond TablePage: keeping the chosen record across a reload, a
problem shown in the page's summary, and writes that are not undo steps (a funder's letter, a service
delivered or a milestone reached is put right by a later record, not taken back)."""

from __future__ import annotations

from .table_page import TablePage


class FundingPage(TablePage):
    """The subclass sets self.summary (a QLabel) besides TablePage's table and model."""

    def choose(self, keep, rows, *, last: bool = False) -> None:
        """Choose the record `keep` again, else the first (or last) line."""
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and rows:
            row = len(rows) - 1 if last else 0
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))

    def kept(self, select=None):
        """The record to choose after a reload: the one asked for, else the one chosen now."""
        current = self.current()
        return select or (current.id if current is not None else None)

    def problem(self, exc) -> None:
        self.summary.setText(f"⚠ {exc.message}")

    def write(self, dialog, do) -> None:
        """Open `dialog`; its values go to `do(uow, values)` (a write); on success it closes and the page
        shows the returned record chosen, on a refusal the dialog shows why."""
        def done(result):
            dialog.finish()
            self.refresh(select=result[0].id)
        self._open(dialog, lambda v: self.run(lambda uow: do(uow, v), write=True, on_done=done,
                                              on_error=dialog.refuse))
