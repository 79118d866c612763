"""The partner directory: a searchable list of partner organizations on the left, the chosen one's
overview, programs, staff, open tasks and people served on the right. Every add, save, archive and
restore is one undo step; a stale save keeps what the user typed."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

from caseteam.errors import Conflict
from caseteam.services import access, organizations
from caseteam.services.search import HitKind

from ..models.partner_models import OrganizationTableModel
from ..widgets.organization_form import NewOrganizationDialog
from ..widgets.program_form import ProgramDialog
from ..widgets.staff_form import StaffDialog
from .agreement_setup import open_setup_dialog
from .clause_templates_dialog import ClauseTemplatesDialog
from .directory_parts import screen_action
from .directory_section import ListDetailSection
from .funders_tab import FundingPage
from .letterhead_dialog import LetterheadDialog
from .partner_agreements import PartnerAgreementsPage
from .partner_presence import PresencePage
from .partner_referrals import PartnerReferralsPage
from .partners_detail import OrganizationDetailView, current_row
from .partners_edits import DirectoryEdits
from .partners_list import OrganizationList
from .staff_handover import StaffHandover

Column = OrganizationTableModel.Column
# Shortcuts belong to this screen (WidgetWithChildrenShortcut), so other sections may reuse them.
ACTIONS = (("new_organization", "New organization…", "Ctrl+Shift+N"),
           ("archive_organization", "Archive organization", "Ctrl+Shift+A"),
           ("restore_organization", "Restore organization", "Ctrl+Shift+R"),
           ("new_program", "New program…", "Ctrl+Shift+P"),
           ("new_staff", "New staff member…", "Ctrl+Shift+M"),
           ("letterhead", "Agreement letterhead…", "Ctrl+Alt+L"),
           ("clauses", "Agreement clauses…", "Ctrl+Alt+C"),
           ("save", "Save organization", "Ctrl+S"))


class PartnerDirectory(ListDetailSection):
    GONE_TEXT = ("The organization you had open is not in the list now (archived, or outside the search). "
                 "Choose another on the left.")
    UNNAMED = "This organization"

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(ops, actor, history, parent)
        self.setObjectName("partnerDirectory")
        self.edits = DirectoryEdits(history, actor)

        self.list = OrganizationList()
        self.search_box, self.kind_filter = self.list.search_box, self.list.kind_filter
        self.show_archived, self.count_label = self.list.show_archived, self.list.count_label
        self.model, self.table = self.list.model, self.list.table
        self.toolbar = QToolBar("Partner actions")
        self.toolbar.setAccessibleName("Partner actions")
        for key, text, shortcut in ACTIONS:
            setattr(self, f"{key}_action", self._action(text, shortcut))
        self.funding = FundingPage(ops, actor, history, self._open_dialog)
        self.presence = PresencePage(ops, actor, history, self._open_dialog)  # engagement and weekly times
        self.agreements = PartnerAgreementsPage(ops, actor, history)
        self.referrals = PartnerReferralsPage(ops, actor, history)  # Inbox | Outbox of the chosen organization
        self.detail = OrganizationDetailView(self.new_program_action, self.new_staff_action, presence=self.presence,
                                             funding=self.funding,
                                             agreements=self.agreements, referrals=self.referrals)
        self.overview = self.form = self.detail.overview
        self._layout("partnerSplitter", [540, 820])
        self._connect()
        self.handover = StaffHandover(self)  # the Staff tab's Hand over and deactivate… and Handovers…
        self._enable_actions()

    def _action(self, text: str, shortcut: str) -> QAction:
        return screen_action(self, text, shortcut, None if text.startswith("Save") else self.toolbar)

    def _connect(self) -> None:
        super()._connect()
        self.new_organization_action.triggered.connect(self.new_organization)
        self.archive_organization_action.triggered.connect(lambda: self.set_organization_archived(True))
        self.restore_organization_action.triggered.connect(lambda: self.set_organization_archived(False))
        self.new_program_action.triggered.connect(lambda: self.edit_program(None))
        self.new_staff_action.triggered.connect(lambda: self.edit_staff(None))
        self.letterhead_action.triggered.connect(lambda: self.open_agreement_setup(LetterheadDialog))
        self.clauses_action.triggered.connect(lambda: self.open_agreement_setup(ClauseTemplatesDialog))
        self.save_action.triggered.connect(self.save)
        self.detail.programs.edit_requested.connect(self.edit_program)
        self.detail.programs.archive_requested.connect(self.set_program_archived)
        self.detail.staff.edit_requested.connect(self.edit_staff)
        self.detail.staff.archive_requested.connect(self.set_staff_archived)
        self.referrals.open_person.connect(self.open_person)

    # --- the list and the detail ----------------------------------------------------------------
    def _rows_job(self, actor, filters: dict):
        return lambda uow: organizations.list_organizations(uow, actor, **filters)

    def _detail_job(self, actor, organization_id):
        return lambda uow: (organizations.get_organization_detail(uow, actor, organization_id), uow.today())

    def _put_detail(self, result):
        detail, today = result
        self.detail.show_detail(detail, today, self.show_archived.isChecked())
        return detail.organization.id

    def current_organization(self):
        return self.detail.detail.organization if self.detail.detail is not None else None

    def _enable_actions(self) -> None:
        org = self.current_organization()
        live = org is not None and not org.archived
        self.archive_organization_action.setEnabled(live)
        self.restore_organization_action.setEnabled(org is not None and org.archived)
        self.new_program_action.setEnabled(live)
        self.new_staff_action.setEnabled(live)
        may_manage = access.reach(self.actor, access.Action.MANAGE_PARTNERS) is access.Reach.ALLOWED
        self.letterhead_action.setEnabled(live and may_manage)
        self.clauses_action.setEnabled(live and may_manage)
        self.save_action.setEnabled(self.overview.has_unsaved_changes())

    # --- changes --------------------------------------------------------------------------------
    def _save_form(self, row, changes: dict) -> None:
        actor = self.actor
        self.edits.update_organization(row, changes, on_done=lambda result: self.overview.saved(result[0]),
                                       on_error=lambda exc: self._save_refused(
                                           exc, f"Someone else changed {row.name}",
                                           lambda uow: organizations.get_organization_detail(uow, actor, row.id),
                                           lambda detail: detail.organization))

    def new_organization(self) -> None:
        self._open_dialog(NewOrganizationDialog(self),
                          lambda values, done, failed: self.edits.add_organization(values, done, failed),
                          lambda result: self._added(result[0].id))

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

    def open_agreement_setup(self, dialog_class) -> None:
        """The chosen organization's agreement letterhead or clause wording, in a dialog."""
        org = self.current_organization()
        if org is not None and not org.archived and self.letterhead_action.isEnabled():
            open_setup_dialog(self, dialog_class(self.ops, self.actor, org.id, org.name, self))

    def _edit_record(self, dialog_class, row, add, update, rows_of) -> None:
        org = self.current_organization()
        if org is None or org.archived:
            return
        dialog = dialog_class(org.name, row, self)
        if row is None:
            self._open_dialog(dialog, lambda values, done, failed: add(org.id, values, done, failed))
        else:
            self._open_dialog(dialog, lambda changes, done, failed: update(dialog.row, changes, done, failed),
                              failed=self._stale_record(dialog, rows_of))

    def _stale_record(self, dialog, rows_of):
        """A refused edit in the dialog; for a stale copy the record as saved now, the user's input on top."""
        actor = self.actor

        def failed(exc) -> None:
            if not isinstance(exc, Conflict):
                dialog.refuse(exc)
                return
            organization_id, key = dialog.row.organization_id, dialog.row.id
            self.ops.run(lambda uow: organizations.get_organization_detail(uow, actor, organization_id),
                         on_done=lambda detail: dialog.rebase(next(r for r in rows_of(detail) if r.id == key)),
                         on_error=dialog.refuse, write=False)
        return failed

    # --- the window's calls ---------------------------------------------------------------------
    def apply_changes(self, changes) -> None:
        """Another job changed data this screen shows: ask again (the open detail follows the list)."""
        if changes.organizations or changes.staff or changes.tasks or changes.teams or changes.people:
            self._search_timer.start()
        elif changes.funding:
            self.funding.reload()  # only the Funding tab shows funders
        if changes.agreements:
            self.agreements.reload()
        self.referrals.apply_changes(changes)

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

    def current_row(self):
        return current_row(self.table)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("partners/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("partners/splitter")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.splitter.restoreState(state)


__all__ = ["PartnerDirectory"]
