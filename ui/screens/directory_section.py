"""What a list+detail section (partner directory, employer pipeline) does between its list and its
detail: the splitter, searching as the user types, keeping the chosen record through refreshes, asking
about unsaved edits before moving on, a stale save kept, and dialogs that stay open until saved."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QSplitter, QVBoxLayout, QWidget

from caseteam.errors import Conflict

from .. import pyside_fixes  # noqa: F401  (this module emits signals)
from ..sections import ask_about_unsaved
from ..widgets import error_dialog
from .directory_parts import screen_action

Answer = QMessageBox.StandardButton
NAME_COLUMN = 0  # both lists put the name first: selecting a line selects its name


class ListDetailSection(QWidget):
    """The subclass builds self.list (a FilterList), self.detail, self.form (the in-place form) and
    self.toolbar, then calls _layout() and _connect(); it says how to ask for rows and a detail."""

    open_person = Signal(object)  # a person's id (UUID): the window opens their workspace
    rows_loaded = Signal(int)  # the list is on screen with this many lines
    detail_loaded = Signal(object)  # the organization id whose detail is now shown

    SEARCH_DELAY_MS = 200
    GONE_TEXT = ""  # shown when the record that was open left the list
    UNNAMED = ""  # the record's name in the unsaved-changes question when the form has none

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        self.ops, self.actor, self.history = ops, actor, history
        self.ask = ask_about_unsaved  # Save / Discard / Cancel before leaving unsaved edits; tests replace it
        self.dialog: QDialog | None = None  # the add/edit dialog open now, if any
        self._request = self._detail_request = 0
        self._selected = None  # the organization id shown on the right
        self._select_next = None  # select this one when it appears in the list
        self._quiet = False

    def _action(self, text: str, shortcut: str):
        return screen_action(self, text, shortcut)

    # --- what each section says -------------------------------------------------------------------
    def _rows_job(self, actor, filters: dict):
        """The job (uow -> rows) that lists the records as the filters read."""
        raise NotImplementedError

    def _detail_job(self, actor, organization_id):
        """The job (uow -> result) that loads one record's detail."""
        raise NotImplementedError

    def _put_detail(self, result):
        """Show a loaded detail on the right; returns the id to announce in detail_loaded."""
        raise NotImplementedError

    # --- building ---------------------------------------------------------------------------------
    def _layout(self, splitter_name: str, sizes: list[int]) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(splitter_name)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes(sizes)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        order = self.list.focus_order() + self.detail.focus_order()
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)

    def _connect(self) -> None:
        self._search_timer = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.list.search_box.textEdited.connect(lambda _t: self._search_timer.start())
        self.list.search_box.returnPressed.connect(self._go_to_table)
        self.list.choice.currentIndexChanged.connect(lambda _i: self.refresh())
        self.list.check.toggled.connect(lambda _on: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.detail.open_person.connect(self.open_person)
        self.form.save_requested.connect(self._save_form)
        self.form.dirty_changed.connect(lambda _d: self._enable_actions())

    # --- the list -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask for the records as the filters now read; the chosen one's detail follows."""
        self._search_timer.stop()
        self._request += 1
        number, job = self._request, self._rows_job(self.actor, self.list.filters())
        self.ops.run(job, on_done=lambda rows: self._show_rows(number, rows), write=False)

    def _show_rows(self, number: int, rows) -> None:
        if number != self._request:
            return  # the user typed on; a newer answer is coming
        self._quiet = True
        try:
            self.list.set_rows(rows)
        finally:
            self._quiet = False
        wanted = self._select_next or self._selected
        self._select_next = None
        found = self.model.row_of(wanted) if wanted is not None else None
        if wanted is None and rows:
            found = 0  # the first record, so the right side is never empty for nothing
        if found is None and wanted is not None and not self.form.has_unsaved_changes():
            # Kept as the choice: if it comes back (undo, wider filters), it is shown again.
            self.detail.show_nothing(self.GONE_TEXT)
        elif found is not None:
            self._select_row(found)
            self.load_detail(self.model.row_at(found).id)
        self._enable_actions()
        self.rows_loaded.emit(len(rows))

    def _select_row(self, number: int) -> None:
        self._quiet = True
        try:
            self.table.setCurrentIndex(self.model.index(number, NAME_COLUMN))
        finally:
            self._quiet = False
        self.table.scrollTo(self.model.index(number, NAME_COLUMN))

    def _go_to_table(self) -> None:
        if self.model.rowCount():
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, NAME_COLUMN))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if self._quiet or row is None or row.id == self._selected:
            return
        if self.form.has_unsaved_changes():
            answer = self.ask(self, self.form.row.name if self.form.row else self.UNNAMED)
            if answer != Answer.Discard:  # Cancel, or Save: stay until the save is through
                if answer == Answer.Save and self.form.save():
                    self._select_next = row.id  # the refresh after the save moves there
                back = self.model.row_of(self._selected)
                if back is not None:
                    self._select_row(back)
                return
            self.form.discard()
        self.load_detail(row.id)

    def _added(self, key) -> None:
        """A new record: every line listed again and the new one chosen."""
        self.list.clear_filters()
        self._select_next = key
        self.refresh()

    # --- the detail -----------------------------------------------------------------------------
    def load_detail(self, organization_id) -> None:
        self._selected = organization_id
        self._detail_request += 1
        number = self._detail_request
        self.ops.run(self._detail_job(self.actor, organization_id),
                     on_done=lambda result: self._show_detail(number, result),
                     on_error=lambda exc: number == self._detail_request and self.detail.show_nothing(exc.message),
                     write=False)

    def _show_detail(self, number: int, result) -> None:
        if number != self._detail_request:
            return
        shown = self._put_detail(result)
        self._enable_actions()
        self.detail_loaded.emit(shown)

    def _enable_actions(self) -> None:
        raise NotImplementedError

    # --- saving the form ----------------------------------------------------------------------------
    def _save_form(self, row, changes: dict) -> None:
        raise NotImplementedError

    def _save_refused(self, exc, said: str, reload, fresh_of) -> None:
        """A save the store refused: the reason in the form, or for a stale copy the record as it is now
        with the user's input on top. `said` starts the message; reload is the job, fresh_of picks the row."""
        self._select_next = None  # the user stays with the record that was not saved
        if not isinstance(exc, Conflict):
            self.form.refused(exc)
            return
        typed = self.form.edits()  # only what the user changed, not the old rest

        def reloaded(result) -> None:
            theirs = self.form.rebase(fresh_of(result), typed)
            error_dialog.show_plain(self, f"{said} while you were editing it "
                                          f"({', '.join(theirs) or 'no field shown here'}). Your input is kept "
                                          "in the form: check it and save again.", title="Not saved")

        self.ops.run(reload, on_done=reloaded, write=False)

    # --- dialogs --------------------------------------------------------------------------------
    def _open_dialog(self, dialog, perform, after=None, failed=None) -> None:
        """Window-modal and not blocking: the dialog stays open until the service says yes, and a
        refusal is shown in it with the user's input kept (`failed` may do more for a stale copy)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done(result) -> None:
            dialog.finish(result)
            if after is not None:
                after(result)

        def submitted(values: dict) -> None:
            if values:
                perform(values, done, failed or dialog.refuse)
            else:
                dialog.finish()  # an edit that changed nothing: nothing to save

        dialog.submitted.connect(submitted)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None) if self.dialog is dialog else None)
        self.dialog = dialog
        dialog.open()

    # --- the window's calls ---------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return self.form.has_unsaved_changes()

    def save(self) -> bool:
        return self.form.save()

    def discard(self) -> None:
        self.form.discard()

    def focus_search(self) -> None:
        self.list.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.list.search_box.selectAll()
