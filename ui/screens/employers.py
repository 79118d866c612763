"""The Employers section: the agency-wide job-development pipeline. The employers on the left (search,
stage, "Unmet needs only"); on the right the chosen one's profile, contact log, unmet needs and the
negotiations people have there. Recording a contact, saving the profile, adding an employer or a need
are each one undo step; a stale profile save keeps what the user typed."""

from __future__ import annotations

from PySide6.QtWidgets import QToolBar

from caseteam.services import access, employers, people

from ..widgets.employer_dialogs import ContactDialog, NeedDialog, NewEmployerDialog
from .directory_section import ListDetailSection
from .employers_detail import EmployerDetailView
from .employers_edits import EmployerEdits
from .employers_list import EmployerList
MATCHES = 12  # job seekers offered while typing a name in the contact dialog
# Shortcuts belong to this screen (WidgetWithChildrenShortcut) and differ from the other sections' keys.
ACTIONS = (("new_employer", "New employer…", "Ctrl+Shift+B"),
           ("record_contact", "Record contact…", "Ctrl+Shift+K"),
           ("add_need", "Add unmet need…", "Ctrl+Shift+U"),
           ("save", "Save profile", "Ctrl+S"))


class EmployerPipeline(ListDetailSection):
    GONE_TEXT = ("The employer you had open is not in the list now (archived, or outside the filters). Choose "
                 "another on the left.")
    UNNAMED = "This employer"

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(ops, actor, history, parent)
        self.setObjectName("employerPipeline")
        self.edits = EmployerEdits(history, actor)
        self.may_change = access.allowed(None, actor, access.Action.MANAGE_PARTNERS)

        self.list = EmployerList()
        self.search_box, self.stage_filter = self.list.search_box, self.list.stage_filter
        self.open_needs, self.model, self.table = self.list.open_needs, self.list.model, self.list.table
        self.toolbar = QToolBar("Employer actions")
        self.toolbar.setAccessibleName("Employer actions")
        for key, text, shortcut in ACTIONS:
            setattr(self, f"{key}_action", self._action(text, shortcut))
        self.toolbar.addAction(self.new_employer_action)
        self.detail = EmployerDetailView(self.record_contact_action, self.add_need_action)
        self.profile = self.form = self.detail.profile
        self.profile.set_read_only(not self.may_change)
        self._layout("employerSplitter", [720, 640])
        self._connect()
        self._enable_actions()

    def _connect(self) -> None:
        super()._connect()
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

    # --- the list and the detail ----------------------------------------------------------------
    def _rows_job(self, actor, filters: dict):
        return lambda uow: employers.pipeline(uow, actor, **filters)

    def _detail_job(self, actor, organization_id):
        return lambda uow: employers.employer_detail(uow, actor, organization_id)

    def _put_detail(self, detail):
        self.detail.show_detail(detail)
        return detail.profile.organization_id

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
    def _save_form(self, row, changes: dict) -> None:
        actor = self.actor
        self.edits.save_profile(row, changes, on_done=lambda result: self.profile.saved(result[0]),
                                on_error=lambda exc: self._save_refused(
                                    exc, f"Someone else changed {row.name}'s profile",
                                    lambda uow: employers.get_employer(uow, actor, row.organization_id),
                                    lambda fresh: fresh))

    def new_employer(self) -> None:
        self._open_dialog(NewEmployerDialog(self), lambda values, done, failed:
                          self.edits.add_employer(values, done, failed),
                          lambda result: self._added(result[0].organization_id))

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

    # --- the window's calls ---------------------------------------------------------------------
    def apply_changes(self, changes) -> None:
        """Another job changed what this screen shows: ask again (the open detail follows the list)."""
        if changes.employers or changes.organizations or changes.staff or changes.jobs or changes.people:
            self._search_timer.start()


__all__ = ["EmployerPipeline"]
