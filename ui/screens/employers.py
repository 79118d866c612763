"""The Employers section: the agency-wide job-development pipeline. The employers on the left (search,
stage, "Unmet needs only"); on the right the chosen one's profile, contact log, unmet needs and the
negotiations people have there. Recording a contact, saving the profile, adding an employer or a need
are each one undo step; a stale profile save keeps what the user typed."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QSplitter, QToolBar, QVBoxLayout, QWidget

from caseteam.errors import Conflict
from caseteam.services import access, employers, people

from .. import pyside_fixes  # noqa: F401  (this module emits signals)
from ..models.employer_models import EmployerTableModel
from ..sections import ask_about_unsaved
from ..widgets import error_dialog
from ..widgets.employer_dialogs import ContactDialog, NeedDialog, NewEmployerDialog
from .employers_detail import EmployerDetailView
from .employers_edits import EmployerEdits
from .employers_list import EmployerList

Column = EmployerTableModel.Column
Answer = QMessageBox.StandardButton
MATCHES = 12  # job seekers offered while typing a name in the contact dialog
# Shortcuts belong to this screen (WidgetWithChildrenShortcut) and differ from the other sections' keys.
ACTIONS = (("new_employer", "New employer…", "Ctrl+Shift+B"),
           ("record_contact", "Record contact…", "Ctrl+Shift+K"),
           ("add_need", "Add unmet need…", "Ctrl+Shift+U"),
           ("save", "Save profile", "Ctrl+S"))


class EmployerPipeline(QWidget):
    open_person = Signal(object)  # a person's id (UUID): the window opens their workspace
    rows_loaded = Signal(int)  # the pipeline is on screen with this many employers
    detail_loaded = Signal(object)  # the organization id whose detail is now shown

    SEARCH_DELAY_MS = 200

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("employerPipeline")
        self.ops, self.actor, self.history = ops, actor, history
        self.edits = EmployerEdits(history, actor)
        self.may_change = access.allowed(None, actor, access.Action.MANAGE_PARTNERS)
        self.ask = ask_about_unsaved  # Save / Discard / Cancel before leaving unsaved edits; tests replace it
        self.dialog: QDialog | None = None
        self._request = self._detail_request = 0
        self._selected = self._select_next = None
        self._quiet = False

        self.list = EmployerList()
        self.search_box, self.stage_filter = self.list.search_box, self.list.stage_filter
        self.open_needs, self.model, self.table = self.list.open_needs, self.list.model, self.list.table
        self.toolbar = QToolBar("Employer actions")
        self.toolbar.setAccessibleName("Employer actions")
        for key, text, shortcut in ACTIONS:
            setattr(self, f"{key}_action", self._action(text, shortcut))
        self.toolbar.addAction(self.new_employer_action)
        self.detail = EmployerDetailView(self.record_contact_action, self.add_need_action)
        self.profile = self.detail.profile
        self.profile.set_read_only(not self.may_change)
        self._layout()
        self._connect()
        self._enable_actions()

    def _action(self, text: str, shortcut: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        self.addAction(action)
        return action

    def _layout(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("employerSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([720, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        order = self.list.focus_order() + self.detail.focus_order()
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)

    def _connect(self) -> None:
        self._search_timer = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search_box.textEdited.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self._go_to_table)
        self.stage_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.open_needs.toggled.connect(lambda _on: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.detail.open_person.connect(self.open_person)
        self.profile.save_requested.connect(self._save_profile)
        self.profile.dirty_changed.connect(lambda _d: self._enable_actions())
        self.detail.contacts.selectionModel().currentRowChanged.connect(lambda *_: self._enable_actions())
        self.detail.needs.selectionModel().currentRowChanged.connect(lambda *_: self._enable_actions())
        self.new_employer_action.triggered.connect(self.new_employer)
        self.record_contact_action.triggered.connect(self.record_contact)
        self.add_need_action.triggered.connect(self.add_need)
        self.save_action.triggered.connect(self.save)
        self.detail.remove_contact_action.triggered.connect(self.remove_contact)
        self.detail.edit_contact_action.triggered.connect(self.edit_contact)
        self.detail.contacts.activated.connect(lambda _index: self.edit_contact())
        self.detail.mark_met_action.triggered.connect(self.mark_need_met)

    # --- the list -------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._search_timer.stop()
        self._request += 1
        number, actor, filters = self._request, self.actor, self.list.filters()
        self.ops.run(lambda uow: employers.pipeline(uow, actor, **filters),
                     on_done=lambda rows: self._show_rows(number, rows), write=False)

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
            found = 0
        if found is None and wanted is not None and not self.profile.has_unsaved_changes():
            self.detail.show_nothing("The employer you had open is not in the list now (archived, or outside the "
                                     "filters). Choose another on the left.")
        elif found is not None:
            self._select_row(found)
            self.load_detail(self.model.row_at(found).id)
        self._enable_actions()
        self.rows_loaded.emit(len(rows))

    def _select_row(self, number: int) -> None:
        self._quiet = True
        try:
            self.table.setCurrentIndex(self.model.index(number, Column.NAME))
        finally:
            self._quiet = False
        self.table.scrollTo(self.model.index(number, Column.NAME))

    def _go_to_table(self) -> None:
        if self.model.rowCount():
            if not self.table.currentIndex().isValid():
                self.table.setCurrentIndex(self.model.index(0, Column.NAME))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if self._quiet or row is None or row.id == self._selected:
            return
        if self.profile.has_unsaved_changes():
            answer = self.ask(self, self.profile.row.name if self.profile.row else "This employer")
            if answer != Answer.Discard:  # Cancel, or Save: stay until the save is through
                if answer == Answer.Save and self.profile.save():
                    self._select_next = row.id
                back = self.model.row_of(self._selected)
                if back is not None:
                    self._select_row(back)
                return
            self.profile.discard()
        self.load_detail(row.id)

    # --- the detail -----------------------------------------------------------------------------
    def load_detail(self, organization_id) -> None:
        self._selected = organization_id
        self._detail_request += 1
        number, actor = self._detail_request, self.actor
        self.ops.run(lambda uow: employers.employer_detail(uow, actor, organization_id),
                     on_done=lambda detail: self._show_detail(number, detail),
                     on_error=lambda exc: number == self._detail_request and self.detail.show_nothing(exc.message),
                     write=False)

    def _show_detail(self, number: int, detail) -> None:
        if number != self._detail_request:
            return
        self.detail.show_detail(detail)
        self._enable_actions()
        self.detail_loaded.emit(detail.profile.organization_id)

    def current_employer(self):
        return self.detail.detail.profile if self.detail.detail is not None else None

    def _enable_actions(self) -> None:
        shown, allowed = self.current_employer() is not None, self.may_change
        self.new_employer_action.setEnabled(allowed)
        self.record_contact_action.setEnabled(allowed and shown)
        self.add_need_action.setEnabled(allowed and shown)
        self.save_action.setEnabled(allowed and self.profile.has_unsaved_changes())
        contact, need = self.detail.current_contact(), self.detail.current_need()
        mine = allowed and contact is not None and contact.by_user_id == self.actor.user_id
        self.detail.remove_contact_action.setEnabled(mine)
        self.detail.edit_contact_action.setEnabled(mine)
        self.detail.mark_met_action.setEnabled(allowed and need is not None and not need.met)

    # --- changes --------------------------------------------------------------------------------
    def _save_profile(self, row, changes: dict) -> None:
        self.edits.save_profile(row, changes, on_done=lambda result: self.profile.saved(result[0]),
                                on_error=lambda exc: self._profile_refused(exc, row))

    def _profile_refused(self, exc, row) -> None:
        self._select_next = None
        if not isinstance(exc, Conflict):
            self.profile.refused(exc)
            return
        typed, actor = self.profile.edits(), self.actor

        def reloaded(fresh) -> None:
            theirs = self.profile.rebase(fresh, typed)
            error_dialog.show_plain(self, f"Someone else changed {row.name}'s profile while you were editing it "
                                          f"({', '.join(theirs) or 'no field shown here'}). Your input is kept "
                                          "in the form: check it and save again.", title="Not saved")

        self.ops.run(lambda uow: employers.get_employer(uow, actor, row.organization_id), on_done=reloaded,
                     write=False)

    def new_employer(self) -> None:
        def added(result) -> None:
            self.list.clear_filters()
            self._select_next = result[0].organization_id
            self.refresh()

        self._open_dialog(NewEmployerDialog(self), lambda values, done, failed:
                          self.edits.add_employer(values, done, failed), added)

    def record_contact(self) -> None:
        self._contact_dialog(None)

    def edit_contact(self) -> None:
        row = self.detail.current_contact()
        if row is not None and row.by_user_id == self.actor.user_id:
            self._contact_dialog(row)

    def _contact_dialog(self, row) -> None:
        employer, detail = self.current_employer(), self.detail.detail
        if employer is None or not self.may_change:
            return
        actor, key = self.actor, employer.organization_id

        def find(text, answer) -> None:
            self.ops.run(lambda uow: [(r.id, f"{r.name} ({r.ref})")
                                      for r in people.caseload(uow, actor, search=text, limit=MATCHES)],
                         on_done=answer, write=False)

        def describe(person_ids, answer) -> None:
            self.ops.run(lambda uow: employers.discussed_people(uow, actor, key, person_ids), on_done=answer,
                         write=False)

        dialog = ContactDialog(employer.name, detail.today, detail.staff, find, describe, self, row=row)
        def perform(values, done, failed) -> None:
            if row is None:
                self.edits.record_contact(key, employer.name, values, done, failed)
            else:
                self.edits.update_contact(dialog.row, values, done, failed)

        self._open_dialog(dialog, perform,
                          lambda _result: self.detail.tabs.setCurrentWidget(self.detail.contacts_page))

    def remove_contact(self) -> None:
        row = self.detail.current_contact()
        if row is not None and row.by_user_id == self.actor.user_id:
            self.edits.remove_contact(row)

    def add_need(self) -> None:
        employer, detail = self.current_employer(), self.detail.detail
        if employer is None or not self.may_change:
            return
        key = employer.organization_id
        self._open_dialog(NeedDialog(employer.name, detail.today, self),
                          lambda values, done, failed: self.edits.add_need(key, values, done, failed),
                          lambda _result: self.detail.tabs.setCurrentWidget(self.detail.needs_page))

    def mark_need_met(self) -> None:
        row, detail = self.detail.current_need(), self.detail.detail
        if row is not None and not row.met and detail is not None:
            self.edits.mark_need_met(row, detail.today)

    def _open_dialog(self, dialog, perform, after=None) -> None:
        """Window-modal and not blocking: the dialog stays open until the service says yes, and a
        refusal is shown in it with the user's input kept."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done(result) -> None:
            dialog.finish(result)
            if after is not None:
                after(result)

        def submitted(values: dict) -> None:
            if values:
                perform(values, done, dialog.refuse)
            else:
                dialog.finish()  # a change that changed nothing: nothing to save

        dialog.submitted.connect(submitted)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None) if self.dialog is dialog else None)
        self.dialog = dialog
        dialog.open()

    # --- the window's calls ---------------------------------------------------------------------
    def apply_changes(self, changes) -> None:
        """Another job changed what this screen shows: ask again (the open detail follows the list)."""
        if changes.employers or changes.organizations or changes.staff or changes.jobs or changes.people:
            self._search_timer.start()

    def has_unsaved_changes(self) -> bool:
        return self.profile.has_unsaved_changes()

    def save(self) -> bool:
        return self.profile.save()

    def discard(self) -> None:
        self.profile.discard()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()


__all__ = ["EmployerPipeline"]
