"""The partner directory: a searchable list of partner organizations on the left, the chosen one's
overview, programs, staff, open tasks and people served on the right. Every add, save, archive and
restore is one undo step; a stale save keeps what the user typed."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QSplitter, QToolBar, QVBoxLayout, QWidget

from caseteam.errors import Conflict
from caseteam.services import organizations
from caseteam.services.search import HitKind

from .. import pyside_fixes  # noqa: F401  (this module emits signals)
from ..models.partner_models import OrganizationTableModel
from ..sections import ask_about_unsaved
from ..widgets import error_dialog
from ..widgets.organization_form import NewOrganizationDialog
from ..widgets.program_form import ProgramDialog
from ..widgets.staff_form import StaffDialog
from .partners_detail import OrganizationDetailView, current_row
from .partners_edits import DirectoryEdits
from .partners_list import OrganizationList

Column = OrganizationTableModel.Column
Answer = QMessageBox.StandardButton
# Shortcuts belong to this screen (WidgetWithChildrenShortcut), so other sections may reuse them.
ACTIONS = (("new_organization", "New organization…", "Ctrl+Shift+N"),
           ("archive_organization", "Archive organization", "Ctrl+Shift+A"),
           ("restore_organization", "Restore organization", "Ctrl+Shift+R"),
           ("new_program", "New program…", "Ctrl+Shift+P"),
           ("new_staff", "New staff member…", "Ctrl+Shift+M"),
           ("save", "Save organization", "Ctrl+S"))


class PartnerDirectory(QWidget):
    open_person = Signal(object)  # a person's id (UUID): the window opens their workspace
    rows_loaded = Signal(int)  # the organization list is on screen with this many lines
    detail_loaded = Signal(object)  # the organization id whose detail is now shown

    SEARCH_DELAY_MS = 200

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("partnerDirectory")
        self.ops, self.actor, self.history = ops, actor, history
        self.edits = DirectoryEdits(history, actor)
        self.ask = ask_about_unsaved  # Save / Discard / Cancel before leaving unsaved edits; tests replace it
        self.dialog: QDialog | None = None  # the add/edit dialog open now, if any
        self._request = self._detail_request = 0
        self._selected = None  # the organization id shown on the right
        self._select_next = None  # select this one when it appears in the list
        self._quiet = False

        self.list = OrganizationList()
        self.search_box, self.kind_filter = self.list.search_box, self.list.kind_filter
        self.show_archived, self.count_label = self.list.show_archived, self.list.count_label
        self.model, self.table = self.list.model, self.list.table
        self.toolbar = QToolBar("Partner actions")
        self.toolbar.setAccessibleName("Partner actions")
        for key, text, shortcut in ACTIONS:
            setattr(self, f"{key}_action", self._action(text, shortcut))
        self.detail = OrganizationDetailView(self.new_program_action, self.new_staff_action)
        self.overview = self.detail.overview
        self._layout()
        self._connect()
        self._enable_actions()

    def _action(self, text: str, shortcut: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        self.addAction(action)
        if not text.startswith("Save"):
            self.toolbar.addAction(action)
        return action

    def _layout(self) -> None:
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("partnerSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([540, 820])
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
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_archived.toggled.connect(lambda _on: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.detail.open_person.connect(self.open_person)
        self.overview.save_requested.connect(self._save_overview)
        self.overview.dirty_changed.connect(lambda _d: self._enable_actions())
        self.new_organization_action.triggered.connect(self.new_organization)
        self.archive_organization_action.triggered.connect(lambda: self.set_organization_archived(True))
        self.restore_organization_action.triggered.connect(lambda: self.set_organization_archived(False))
        self.new_program_action.triggered.connect(lambda: self.edit_program(None))
        self.new_staff_action.triggered.connect(lambda: self.edit_staff(None))
        self.save_action.triggered.connect(self.save)
        self.detail.programs.edit_requested.connect(self.edit_program)
        self.detail.programs.archive_requested.connect(self.set_program_archived)
        self.detail.staff.edit_requested.connect(self.edit_staff)
        self.detail.staff.archive_requested.connect(self.set_staff_archived)

    # --- the list -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask for the organizations as the filters now read; the chosen one's detail follows."""
        self._search_timer.stop()
        self._request += 1
        number, actor = self._request, self.actor
        filters = self.list.filters()
        self.ops.run(lambda uow: organizations.list_organizations(uow, actor, **filters),
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
            found = 0  # the first organization, so the right side is never empty for nothing
        if found is None and wanted is not None and not self.overview.has_unsaved_changes():
            # Kept as the choice: if it comes back (undo, "Show archived"), it is shown again.
            self.detail.show_nothing("The organization you had open is not in the list now (archived, or "
                                     "outside the search). Choose another on the left.")
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

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if self._quiet or row is None or row.id == self._selected:
            return
        if self.overview.has_unsaved_changes():
            answer = self.ask(self, self.overview.row.name if self.overview.row else "This organization")
            if answer != Answer.Discard:  # Cancel, or Save: stay until the save is through
                if answer == Answer.Save and self.overview.save():
                    self._select_next = row.id  # the refresh after the save moves there
                back = self.model.row_of(self._selected)
                if back is not None:
                    self._select_row(back)
                return
            self.overview.discard()
        self.load_detail(row.id)

    # --- the detail -----------------------------------------------------------------------------
    def load_detail(self, organization_id) -> None:
        self._selected = organization_id
        self._detail_request += 1
        number, actor = self._detail_request, self.actor
        self.ops.run(lambda uow: (organizations.get_organization_detail(uow, actor, organization_id), uow.today()),
                     on_done=lambda result: self._show_detail(number, *result),
                     on_error=lambda exc: number == self._detail_request and self.detail.show_nothing(exc.message),
                     write=False)

    def _show_detail(self, number: int, detail, today) -> None:
        if number != self._detail_request:
            return
        self.detail.show_detail(detail, today, self.show_archived.isChecked())
        self._enable_actions()
        self.detail_loaded.emit(detail.organization.id)

    def current_organization(self):
        return self.detail.detail.organization if self.detail.detail is not None else None

    def _enable_actions(self) -> None:
        org = self.current_organization()
        live = org is not None and not org.archived
        self.archive_organization_action.setEnabled(live)
        self.restore_organization_action.setEnabled(org is not None and org.archived)
        self.new_program_action.setEnabled(live)
        self.new_staff_action.setEnabled(live)
        self.save_action.setEnabled(self.overview.has_unsaved_changes())

    # --- changes --------------------------------------------------------------------------------
    def _save_overview(self, row, changes: dict) -> None:
        self.edits.update_organization(row, changes, on_done=lambda result: self.overview.saved(result[0]),
                                       on_error=lambda exc: self._overview_refused(exc, row))

    def _overview_refused(self, exc, row) -> None:
        self._select_next = None  # the user stays with the organization that was not saved
        if not isinstance(exc, Conflict):
            self.overview.refused(exc)
            return
        typed, actor = self.overview.edits(), self.actor  # only what the user changed, not the old rest

        def reloaded(detail) -> None:
            theirs = self.overview.rebase(detail.organization, typed)
            error_dialog.show_plain(self, f"Someone else changed {row.name} while you were editing it "
                                          f"({', '.join(theirs) or 'no field shown here'}). Your input is kept "
                                          "in the form: check it and save again.", title="Not saved")

        self.ops.run(lambda uow: organizations.get_organization_detail(uow, actor, row.id), on_done=reloaded,
                     write=False)

    def new_organization(self) -> None:
        def added(result) -> None:
            self.list.clear_filters()
            self._select_next = result[0].id
            self.refresh()

        self._open_dialog(NewOrganizationDialog(self),
                          lambda values, done, failed: self.edits.add_organization(values, done, failed), added)

    def set_organization_archived(self, archived: bool) -> None:
        org = self.current_organization()
        if org is not None and org.archived != archived:
            self.edits.set_organization_archived(org, archived)

    def edit_program(self, row) -> None:
        """Add a program (row None) or edit one, in a dialog."""
        self._edit_record(ProgramDialog, row, self.edits.add_program, self.edits.update_program,
                          lambda detail: detail.programs)

    def set_program_archived(self, row, archived: bool) -> None:
        self.edits.set_program_archived(row, archived)

    def edit_staff(self, row) -> None:
        """Add a staff member (row None) or edit one, in a dialog."""
        self._edit_record(StaffDialog, row, self.edits.add_staff, self.edits.update_staff, lambda detail: detail.staff)

    def set_staff_archived(self, row, archived: bool) -> None:
        self.edits.set_staff_archived(row, archived)

    def _edit_record(self, dialog_class, row, add, update, rows_of) -> None:
        org = self.current_organization()
        if org is None or org.archived:
            return
        dialog = dialog_class(org.name, row, self)
        if row is None:
            self._open_dialog(dialog, lambda values, done, failed: add(org.id, values, done, failed))
        else:
            self._open_dialog(dialog, lambda changes, done, failed: update(dialog.row, changes, done, failed),
                              fresh=rows_of)

    def _open_dialog(self, dialog, perform, after=None, fresh=None) -> None:
        """Window-modal and not blocking: the dialog stays open until the service says yes, and a
        refusal is shown in it with the user's input kept."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        actor = self.actor

        def done(result) -> None:
            dialog.finish(result)
            if after is not None:
                after(result)

        def failed(exc) -> None:
            if not isinstance(exc, Conflict) or fresh is None:
                dialog.refuse(exc)
                return
            organization_id, key = dialog.row.organization_id, dialog.row.id
            self.ops.run(lambda uow: organizations.get_organization_detail(uow, actor, organization_id),
                         on_done=lambda detail: dialog.rebase(next(r for r in fresh(detail) if r.id == key)),
                         on_error=dialog.refuse, write=False)

        def submitted(values: dict) -> None:
            if values:
                perform(values, done, failed)
            else:
                dialog.finish()  # an edit that changed nothing: nothing to save

        dialog.submitted.connect(submitted)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None) if self.dialog is dialog else None)
        self.dialog = dialog
        dialog.open()

    # --- the window's calls ---------------------------------------------------------------------
    def apply_changes(self, changes) -> None:
        """Another job changed data this screen shows: ask again (the open detail follows the list)."""
        if changes.organizations or changes.staff or changes.tasks or changes.teams or changes.people:
            self._search_timer.start()

    def has_unsaved_changes(self) -> bool:
        return self.overview.has_unsaved_changes()

    def save(self) -> bool:
        return self.overview.save()

    def discard(self) -> None:
        self.overview.discard()

    def select_organization(self, organization_id) -> None:
        """Show one organization, widening the filters when they hide it."""
        found = self.model.row_of(organization_id)
        if found is not None:
            self.table.setCurrentIndex(self.model.index(found, Column.NAME))
            return
        self._select_next = organization_id
        self.list.clear_filters()
        self.refresh()

    def show_hit(self, hit) -> bool:
        """Global search picked an organization or a staff member: show the organization here."""
        if hit.kind is HitKind.ORGANIZATION:
            self.select_organization(hit.id)
        elif hit.kind is HitKind.STAFF and hit.organization_id is not None:
            self.select_organization(hit.organization_id)
            self.detail.tabs.setCurrentWidget(self.detail.staff)
        else:
            return False
        return True

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def current_row(self):
        return current_row(self.table)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("partners/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("partners/splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)


__all__ = ["PartnerDirectory"]
