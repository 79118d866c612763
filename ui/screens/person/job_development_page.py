"""The Job development page of the Work part: the person's negotiations with employers (the flags on each
offer counted in the list), the chosen one's terms with the CIE checklist and its flags in words, the
employer's disclosure decision, and other agencies' plans (VR's IPE, the waiver's service plan).

Starting a negotiation, saving terms, moving a status, recording a disclosure decision and adding or
closing a plan are undo steps; an amendment is kept as the agency wrote it (not undone)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from caseteam.services import agency_plans, disclosure_decisions, job_development
from caseteam.settings import load_settings

from ...models.job_development_models import AgencyPlanModel, NegotiationColumn, NegotiationModel, PlanColumn
from ...widgets.editor_parts import button_row, chain_tab_order, record_table
from ...widgets.field_row import set_field_value
from .job_development_dialogs import (AgencyPlanDialog, AmendPlanDialog, ClosePlanDialog, DisclosureDialog,
                                      NewNegotiationDialog, StatusDialog)
from .negotiation_terms import MONEY_FIELDS, TermsEditor
from .table_page import TablePage


def benefit_year(today: date):
    """This year's minimum wage, SGA and trial-work figures from the settings (None when not set)."""
    return load_settings().benefit_year(today.year)


class JobDevelopmentPage(TablePage):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("jobDevelopmentPage")
        self.view = None
        self.dialog = None
        self._saving = self._refreshing = False
        self.summary = QLabel("Loading job development…")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Job development summary")
        self.list_label = QLabel("Ne&gotiations:")
        self.model = NegotiationModel(self)
        self.table = record_table(self.model, "Negotiations", "One line per employer negotiation; the Flags column "
                                                              "counts what the offer fails or still needs checked")
        self.table.setObjectName("negotiationTable")
        self.table.horizontalHeader().setSectionResizeMode(NegotiationColumn.FLAGS, QHeaderView.ResizeMode.Stretch)
        self.list_label.setBuddy(self.table)
        self.new_button = QPushButton("&New negotiation…")
        self.new_button.setAccessibleDescription("Start a negotiation with an employer")
        self.status_button = QPushButton("&Move to status…")
        self.status_button.setAccessibleDescription("Move the chosen negotiation on, e.g. to Offer or Declined")
        self.disclosure_button = QPushButton("Record &disclosure decision…")
        self.disclosure_button.setAccessibleDescription("The person's decision about disclosing their disability "
                                                        "to the chosen negotiation's employer")
        self.editor = TermsEditor()
        self.plans_label = QLabel("Other agencies' plans, entered &by hand (VR's IPE, the waiver's service plan):")
        self.plans_model = AgencyPlanModel(self)
        self.plans = record_table(self.plans_model, "Other agencies' plans", "Entered by hand from the agency's "
                                                                             "plan; open plans first")
        self.plans.setObjectName("agencyPlanTable")
        self.plans.horizontalHeader().setSectionResizeMode(PlanColumn.GOAL, QHeaderView.ResizeMode.Stretch)
        self.plans_label.setBuddy(self.plans)
        self.add_plan_button = QPushButton("&Add plan…")
        self.add_plan_button.setAccessibleDescription("Enter another agency's plan: a VR IPE or a waiver service plan")
        self.amend_button = QPushButton("Amend &plan…")
        self.amend_button.setAccessibleDescription("Record an amendment to the chosen plan")
        self.close_plan_button = QPushButton("&Close plan…")
        self.close_plan_button.setAccessibleDescription("Mark the chosen plan closed by its agency")

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.list_label)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(button_row(self.new_button, self.status_button, self.disclosure_button))
        plans = QWidget()
        plans_layout = QVBoxLayout(plans)
        plans_layout.setContentsMargins(0, 0, 0, 0)
        plans_layout.addWidget(self.plans_label)
        plans_layout.addWidget(self.plans, 1)
        plans_layout.addLayout(button_row(self.add_plan_button, self.amend_button, self.close_plan_button))
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(plans)
        for index, share in enumerate((2, 5, 2)):  # the terms and flags get the most room
            self.splitter.setStretchFactor(index, share)
        self.splitter.setSizes([200, 500, 200])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        chain_tab_order(self.table, self.new_button, self.status_button, self.disclosure_button,
                        *self.editor.tab_chain(), self.plans, self.add_plan_button, self.amend_button,
                        self.close_plan_button)
        self.setFocusProxy(self.table)

        self.new_button.clicked.connect(self.new_negotiation)
        self.status_button.clicked.connect(self.move_status)
        self.disclosure_button.clicked.connect(self.record_disclosure)
        self.add_plan_button.clicked.connect(self.add_plan)
        self.amend_button.clicked.connect(self.amend_plan)
        self.close_plan_button.clicked.connect(self.close_plan)
        self.editor.bar.save_button.clicked.connect(self.save)
        self.editor.bar.revert_button.clicked.connect(self.discard)
        self.editor.edited.connect(self._edited)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._chosen())
        self.plans.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    # --- data -------------------------------------------------------------------------------------------
    def refresh(self, select=None) -> None:
        actor, person_id = self.actor, self.person_id
        year = benefit_year(date.today())
        self.run(lambda uow: job_development.job_development_view(uow, actor, person_id, benefit_year=year),
                 on_done=lambda view: self._show(view, select), on_error=self._refused)

    def apply_changes(self, changes) -> None:
        if changes.jobs or changes.organizations or changes.profiles or changes.consent:
            self.refresh()

    def _refused(self, exc) -> None:
        self.summary.setText(f"⚠ {exc.message}")

    def _show(self, view, select=None) -> None:
        current = select or (self.current().id if self.current() else None)
        self.view = view
        self.model.set_negotiations(view.negotiations, view.flags)
        self.plans_model.set_rows(view.plans)
        for column in (NegotiationColumn.REF, NegotiationColumn.EMPLOYER, NegotiationColumn.STATUS):
            self.table.resizeColumnToContents(column)
        open_count = sum(1 for n in view.negotiations if n.status.open)
        ipe = view.active_ipe
        self.summary.setText(
            (f"{open_count} open negotiation{'s' if open_count != 1 else ''} of {len(view.negotiations)}. "
             if view.negotiations else f"No negotiation with an employer yet for {view.person_name}. ")
            + (f"VR's IPE goal: {ipe.employment_goal}." if ipe else "No VR IPE is recorded as in force."))
        row = self.model.row_of(current) if current is not None else None
        if row is None and view.negotiations:
            row = 0
        self._refreshing = True  # a new current line from a reload is not the user moving away
        try:
            if row is not None:
                self.table.setCurrentIndex(self.model.index(row, NegotiationColumn.REF))
            self._chosen()
        finally:
            self._refreshing = False

    def current_plan(self):
        index = self.plans.currentIndex()
        return self.plans_model.row_at(index.row()) if index.isValid() else None

    def _chosen(self) -> None:
        row, refreshing = self.current(), self._refreshing
        keep = refreshing and self.has_unsaved_changes() and self.editor.row is not None and row is not None \
            and row.id == self.editor.row.id
        if not keep and self.has_unsaved_changes() and not refreshing:
            self.save()  # moving to another negotiation saves the one being edited (never dropped)
        flags = self.model.shown_flags(row) if row is not None else ()
        disclosure = self.view.disclosures.get(row.organization_id) if row is not None and self.view else None
        self.editor.show_row(row, flags, disclosure, keep_input=keep)
        if not keep and not self._saving:
            self.set_dirty(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row, plan = self.current(), self.current_plan()
        self.status_button.setEnabled(row is not None and row.status.value != "hired")
        self.disclosure_button.setEnabled(bool(self.view and self.view.employers))
        self.new_button.setEnabled(self.view is not None)
        self.add_plan_button.setEnabled(self.view is not None)
        self.amend_button.setEnabled(plan is not None and plan.is_open)
        self.close_plan_button.setEnabled(plan is not None and plan.is_open)
        self.editor.bar.enable(can_save=self.has_unsaved_changes(), can_revert=self.has_unsaved_changes())

    def _edited(self) -> None:
        self.set_dirty(bool(self.editor.changed_values()))
        self._update_buttons()

    # --- the terms: kept until saved ------------------------------------------------------------------
    def save(self) -> bool:
        row, values = self.editor.row, self.editor.changed_values()
        if row is None or not values:
            self.set_dirty(False)
            return False
        actor, before = self.actor, self.editor.saved_values(values)
        self._saving = True
        self.editor.bar.message.setText("Saving…")

        def done(result) -> None:
            self._saving = False
            self.set_dirty(False)
            self.editor.bar.message.setText(f"Terms of {row.ref} saved.")
            self.save_finished.emit(True)
            self.refresh(select=result[0].id if self.current() is None or self.current().id == row.id else None)

        def refused(exc) -> None:
            self._saving = False
            if self.editor.row is None or self.editor.row.id != row.id:
                self._back_to(row, values)  # the user had moved on: bring their input back to fix it
            self.editor.bar.message.setText(f"⚠ Not saved: {exc.message}")
            self.editor.fields.show_problem(getattr(exc, "field", ""), exc.message)
            self.save_finished.emit(False)

        self.perform(f"Change the terms of {row.ref}",
                     lambda uow: job_development.update_negotiation(uow, actor, row.id, version=row.version, **values),
                     lambda uow, last: job_development.update_negotiation(uow, actor, row.id, version=last[0].version,
                                                                          **before),
                     redo=lambda uow, last: job_development.update_negotiation(uow, actor, row.id,
                                                                               version=last[0].version, **values),
                     on_done=done, on_error=refused)
        return True

    def _back_to(self, row, values: dict) -> None:
        line = self.model.row_of(row.id)
        if line is None:
            return
        self._refreshing = True
        try:
            self.table.setCurrentIndex(self.model.index(line, NegotiationColumn.REF))
            self._chosen()
        finally:
            self._refreshing = False
        self.editor.show_row(row, self.model.shown_flags(row), self.view.disclosures.get(row.organization_id))
        for key, value in values.items():
            set_field_value(self.editor.fields.fields[key], "" if value is None and key in MONEY_FIELDS else value)
        self.set_dirty(True)
        self._update_buttons()

    def discard(self) -> None:
        if self.editor.row is not None:
            self.editor.fill(self.editor.row)
        self.set_dirty(False)
        self._update_buttons()

    # --- dialogs ------------------------------------------------------------------------------------------
    def _done(self, dialog, select=None):
        def finish(result) -> None:
            dialog.finish()
            self.refresh(select=select or result[0].id)
        return finish

    def new_negotiation(self) -> None:
        if self.view is None:
            return
        if not self.view.employers:
            self.summary.setText("⚠ No employer is in the partner directory yet: add one (kind Employer) first.")
            return
        self._open(NewNegotiationDialog(self.view.person_name, self.view.employers, self.view.themes, self),
                   self._submit_new)

    def _submit_new(self, values: dict) -> None:
        dialog, actor, person_id = self.dialog, self.actor, self.person_id
        values = {k: v for k, v in values.items() if k != "job_title" or v}
        self.perform("Start negotiation",
                     lambda uow: job_development.start_negotiation(uow, actor, person_id, **values),
                     lambda uow, last: job_development.set_negotiation_archived(uow, actor, last[0].id, True,
                                                                                version=last[0].version),
                     redo=lambda uow, last: job_development.set_negotiation_archived(uow, actor, last[0].id, False,
                                                                                     version=last[0].version),
                     on_done=self._done(dialog), on_error=dialog.refuse)

    def move_status(self) -> None:
        row = self.current()
        if row is None or self.view is None:
            return
        self._open(StatusDialog(row, self.view.today, self), lambda values: self._submit_status(row, values))

    def _submit_status(self, row, values: dict) -> None:
        dialog, actor, previous = self.dialog, self.actor, row.status
        status = values.pop("status")
        self.perform(f"Move {row.ref} to {status.label}",
                     lambda uow: job_development.set_status(uow, actor, row.id, status, version=row.version, **values),
                     lambda uow, last: job_development.set_status(uow, actor, row.id, previous,
                                                                  version=last[0].version, note="Undone"),
                     redo=lambda uow, last: job_development.set_status(uow, actor, row.id, status,
                                                                       version=last[0].version, note=values["note"],
                                                                       declined_reason=values["declined_reason"]),
                     on_done=self._done(dialog, row.id), on_error=dialog.refuse)

    def record_disclosure(self) -> None:
        if self.view is None or not self.view.employers:
            return
        row = self.current()
        self._open(DisclosureDialog(self.view.person_name, self.view.employers, self.view.disclosures,
                                    self.view.today, self, organization_id=row.organization_id if row else None),
                   self._submit_disclosure)

    def _submit_disclosure(self, values: dict) -> None:
        dialog, actor, person_id = self.dialog, self.actor, self.person_id
        previous = dialog.previous()
        record = disclosure_decisions.record_disclosure_decision

        def undo(uow, last):
            if previous is None:
                return disclosure_decisions.withdraw_disclosure_decision(uow, actor, last[0].id,
                                                                         version=last[0].version)
            return record(uow, actor, person_id, organization_id=previous.organization_id, level=previous.level,
                          what_may_be_said=previous.what_may_be_said, decided_on=previous.decided_on,
                          version=last[0].version)

        self.perform("Record disclosure decision",
                     lambda uow: record(uow, actor, person_id, version=previous.version if previous else None,
                                        **values),
                     undo, redo=lambda uow, last: record(uow, actor, person_id, **values),
                     on_done=self._done(dialog, self.current().id if self.current() else None),
                     on_error=dialog.refuse)

    def add_plan(self) -> None:
        if self.view is not None:
            self._open(AgencyPlanDialog(self.view.person_name, self.view.organizations, self.view.today, self),
                       self._submit_plan)

    def _submit_plan(self, values: dict) -> None:
        dialog, actor, person_id = self.dialog, self.actor, self.person_id
        self.perform("Add agency plan", lambda uow: agency_plans.add_agency_plan(uow, actor, person_id, **values),
                     lambda uow, last: agency_plans.set_agency_plan_archived(uow, actor, last[0].id, True,
                                                                             version=last[0].version),
                     redo=lambda uow, last: agency_plans.set_agency_plan_archived(uow, actor, last[0].id, False,
                                                                                  version=last[0].version),
                     on_done=self._plan_done(dialog), on_error=dialog.refuse)

    def _plan_done(self, dialog):
        def finish(_result) -> None:
            dialog.finish()
            self.refresh()
        return finish

    def amend_plan(self) -> None:
        plan = self.current_plan()
        if plan is not None and self.view is not None:
            self._open(AmendPlanDialog(plan, self.view.today, self), lambda values: self._submit_amend(plan, values))

    def _submit_amend(self, plan, values: dict) -> None:
        dialog, actor = self.dialog, self.actor
        self.run(lambda uow: agency_plans.amend_agency_plan(uow, actor, plan.id, version=plan.version, **values),
                 on_done=self._plan_done(dialog), on_error=dialog.refuse, write=True)

    def close_plan(self) -> None:
        plan = self.current_plan()
        if plan is not None and self.view is not None:
            self._open(ClosePlanDialog(plan, self.view.today, self), lambda values: self._submit_close(plan, values))

    def _submit_close(self, plan, values: dict) -> None:
        dialog, actor = self.dialog, self.actor
        self.perform(f"Close {plan.ref}",
                     lambda uow: agency_plans.close_agency_plan(uow, actor, plan.id, version=plan.version, **values),
                     lambda uow, last: agency_plans.close_agency_plan(uow, actor, plan.id, version=last[0].version,
                                                                      closed_on=None),
                     redo=lambda uow, last: agency_plans.close_agency_plan(uow, actor, plan.id,
                                                                           version=last[0].version, **values),
                     on_done=self._plan_done(dialog), on_error=dialog.refuse)
