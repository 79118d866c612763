"""The Work part's Self-employment page: the person's venture (idea, themes, the business plan's sections,
benefits and PASS notes) edited in place and saved with Save plan; feasibility steps; start-up costs with
totals by funder; Launch… (a job for follow-along, the Employed stage) and Close venture….
Every change is one undo step except the launch, which the dialog says how to take back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)

from caseteam.domain.ventures import VentureStatus
from caseteam.services import access, organizations, ventures

from ...models.work_models import CostModel, StepModel, money
from ...widgets.editor_parts import SaveBar, button_row, chain_tab_order, fields_scroll, record_table
from ...widgets.field_row import FormFields, edited_signal, find_data, plain_text_box, set_field_value
from .tab import PersonTab
from .work_dialogs import CloseVentureDialog, CostDialog, LaunchDialog, StartVentureDialog, StepDialog

NOTES = (("benefits_notes", "Benefits planning notes"), ("pass_notes", "PASS plan notes"))


class VenturePage(PersonTab):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("venturePage")
        self.person_name, self.today, self.rows, self.funders, self.dialog = "the person", None, [], [], None
        self.summary = QLabel("Loading self-employment…")
        self.summary.setAccessibleName("Self-employment summary")
        self.summary.setWordWrap(True)
        self.choice = QComboBox()
        self.choice.setAccessibleName("Venture")
        choice_label = QLabel("Ventu&re:")
        choice_label.setBuddy(self.choice)
        self.start_button = QPushButton("&Start venture…")
        self.start_button.setAccessibleDescription("Start a business idea for the person")
        self.launch_button = QPushButton("&Launch…")
        self.launch_button.setAccessibleDescription("Record that the business opened: adds a job for follow-along")
        self.close_button = QPushButton("&Close venture…")
        self.close_button.setAccessibleDescription("Record that the business closed or the idea was dropped")
        top = QHBoxLayout()
        for widget in (choice_label, self.choice, self.start_button, self.launch_button, self.close_button):
            top.addWidget(widget)
        top.addStretch(1)

        inner = QWidget()
        form = QFormLayout(inner)
        self.form = FormFields(form)
        self.form.add("business_name", "Business &name", QLineEdit())
        self.form.add("idea", "Idea", plain_text_box(2))
        self.form.add("themes", "Vocational themes", plain_text_box(2),
                      description="From the vocational profile when the venture started")
        self.status_box = QComboBox()
        for status in ventures.SETTABLE_STATUSES:
            self.status_box.addItem(status.label, status)
        self.form.add("status", "Status", self.status_box, description="Exploring, feasibility or planning; "
                                                                        "Launch… and Close venture… set the rest")
        for key, label in (*ventures.PLAN_SECTIONS, *NOTES):
            self.form.add(key, label, plain_text_box(3))
        for widget in self.form.fields.values():
            edited_signal(widget).connect(lambda *_a: self._edited())
        self.bar = SaveBar("Business plan", "Save &plan", "Save the venture's details and business plan",
                           "Put back the saved details")
        self.bar.save_button.clicked.connect(self.save)
        self.bar.revert_button.clicked.connect(self.discard)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(fields_scroll(inner, "Venture details and business plan"), 1)
        left_layout.addWidget(self.bar)

        self.steps = StepModel(self)
        self.step_table = record_table(self.steps, "Feasibility steps", "In order; the last column says done or not")
        steps_label = QLabel("Fe&asibility steps:")
        steps_label.setBuddy(self.step_table)
        self.add_step_button = QPushButton("A&dd step…")
        self.done_button = QPushButton("Mar&k done")
        self.done_button.setAccessibleDescription("Mark the chosen step done today, or not done again")
        self.up_button, self.down_button = QPushButton("Move &up"), QPushButton("Move do&wn")
        self.remove_step_button = QPushButton("Remove step")
        self.costs = CostModel(self)
        self.cost_table = record_table(self.costs, "Start-up costs", "Each item, its amount and who pays")
        costs_label = QLabel("Start-up &budget (costs):")
        costs_label.setBuddy(self.cost_table)
        self.totals = QLabel("")
        self.totals.setAccessibleName("Start-up cost totals by funder")
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_cost_button = QPushButton("Add cost ite&m…")
        self.change_cost_button = QPushButton("Chan&ge cost…")
        self.remove_cost_button = QPushButton("Remove cost")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(steps_label)
        right_layout.addWidget(self.step_table, 1)
        right_layout.addLayout(button_row(self.add_step_button, self.done_button, self.up_button, self.down_button,
                                          self.remove_step_button))
        right_layout.addWidget(costs_label)
        right_layout.addWidget(self.cost_table, 1)
        right_layout.addWidget(self.totals)
        right_layout.addLayout(button_row(self.add_cost_button, self.change_cost_button, self.remove_cost_button))
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        fields = list(self.form.fields.values())
        chain_tab_order(self.choice, self.start_button, self.launch_button, self.close_button, *fields,
                        self.bar.revert_button, self.bar.save_button, self.step_table, self.add_step_button,
                        self.done_button, self.up_button, self.down_button, self.remove_step_button, self.cost_table,
                        self.add_cost_button, self.change_cost_button, self.remove_cost_button)
        self.choice.currentIndexChanged.connect(lambda _i: self._fill())
        self.start_button.clicked.connect(self.start_venture)
        self.launch_button.clicked.connect(self.launch)
        self.close_button.clicked.connect(self.close_venture)
        self.add_step_button.clicked.connect(self.add_step)
        self.done_button.clicked.connect(self.toggle_done)
        self.up_button.clicked.connect(lambda: self.move_step(-1))
        self.down_button.clicked.connect(lambda: self.move_step(1))
        self.remove_step_button.clicked.connect(self.remove_step)
        self.add_cost_button.clicked.connect(lambda: self.edit_cost(None))
        self.change_cost_button.clicked.connect(lambda: self.edit_cost(self.current(self.cost_table, self.costs)))
        self.remove_cost_button.clicked.connect(self.remove_cost)
        for table in (self.step_table, self.cost_table):
            table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.setFocusProxy(self.choice)
        # Readers (partner staff, auditors) see the venture; the buttons that change it are left out.
        self.may_write = access.reach(actor, access.Action.EDIT_PERSON) is not access.Reach.NONE
        if not self.may_write:
            for widget in (self.start_button, self.launch_button, self.close_button, self.bar, self.add_step_button,
                           self.done_button, self.up_button, self.down_button, self.remove_step_button,
                           self.add_cost_button, self.change_cost_button, self.remove_cost_button):
                widget.hide()
        self._update_buttons()

    # --- data ------------------------------------------------------------------------------------------
    def refresh(self, select=None) -> None:
        actor, person_id = self.actor, self.person_id

        def load(uow):
            return (ventures.list_ventures(uow, actor, person_id), uow.people.get(person_id).display_name, uow.today(),
                    [(o.id, o.name) for o in organizations.list_organizations(uow, actor)])

        self.run(load, on_done=lambda result: self._show(*result, select=select),
                 on_error=lambda exc: self.summary.setText(exc.message))

    def apply_changes(self, changes) -> None:
        if changes.ventures or changes.organizations:
            self.refresh()

    def _show(self, rows, name, today, funders, select=None) -> None:
        keep = select or (self.venture().id if self.venture() else None)
        self.rows, self.person_name, self.today, self.funders = rows, name, today, funders
        blocked = self.choice.blockSignals(True)
        self.choice.clear()
        for row in rows:
            self.choice.addItem(f"{row.title} · {row.status.label}", row.id)
        self.choice.setCurrentIndex(max(0, find_data(self.choice, keep)) if rows else -1)
        self.choice.blockSignals(blocked)
        if not self.has_unsaved_changes():
            self._fill()
        else:
            self._show_lists()

    def venture(self):
        venture_id = self.choice.currentData()
        return next((r for r in self.rows if r.id == venture_id), None)

    def _fill(self) -> None:
        """Show the chosen venture's saved details (unsaved edits are dropped only by Revert)."""
        row = self.venture()
        if row is not None and find_data(self.status_box, row.status) < 0:
            self.status_box.addItem(row.status.label, row.status)  # launched or closed: shown, not chosen
        for key, widget in self.form.fields.items():
            value = getattr(row, key) if row else ("" if key != "status" else VentureStatus.EXPLORING)
            set_field_value(widget, value)
        self.form.clear_problems()
        self.set_dirty(False)
        self._show_lists()

    def _show_lists(self) -> None:
        row = self.venture()
        self.steps.set_rows(row.steps if row else [])
        self.costs.set_rows(row.costs if row else [])
        if row is None:
            self.summary.setText(f"No self-employment venture is recorded for {self.person_name}. Start venture… "
                                 "records a business idea.")
            self.totals.setText("")
        else:
            launched = f", opened {row.launch_date.isoformat()}, followed along as job {row.job_ref}" \
                if row.launch_date else ""
            self.summary.setText(f"{row.title}: {row.status.label.lower()}{launched}.")
            by_funder = " · ".join(f"{t.funder} {money(t.amount)}" for t in row.totals)
            self.totals.setText(f"By funder: {by_funder} · Total {money(row.total)}" if row.costs
                                else "No start-up costs yet.")
        for table in (self.step_table, self.cost_table):
            if table.model().rowCount():
                table.resizeColumnsToContents()
        self._update_buttons()

    def _edited(self) -> None:
        self.set_dirty(self.venture() is not None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.venture()
        open_ = row is not None and row.status not in (VentureStatus.LAUNCHED, VentureStatus.CLOSED)
        step, cost = self.current(self.step_table, self.steps), self.current(self.cost_table, self.costs)
        for widget in self.form.fields.values():
            widget.setEnabled(row is not None and self.may_write)
        self.status_box.setEnabled(open_)
        self.launch_button.setEnabled(open_)
        self.close_button.setEnabled(row is not None and row.status is not VentureStatus.CLOSED)
        self.add_step_button.setEnabled(row is not None)
        self.add_cost_button.setEnabled(row is not None)
        for button in (self.done_button, self.up_button, self.down_button, self.remove_step_button):
            button.setEnabled(step is not None)
        self.done_button.setText("Mar&k not done" if step is not None and step.done_on else "Mar&k done")
        self.change_cost_button.setEnabled(cost is not None)
        self.remove_cost_button.setEnabled(cost is not None)
        self.bar.enable(can_save=self.has_unsaved_changes(), can_revert=self.has_unsaved_changes())
        # Another venture is shown only once these edits are saved or reverted: they are never dropped unasked.
        self.choice.setEnabled(not self.has_unsaved_changes())

    @staticmethod
    def current(table, model):
        index = table.currentIndex()
        return model.row_at(index.row()) if index.isValid() else None

    # --- the venture -------------------------------------------------------------------------------------
    def _open(self, dialog, submit) -> None:
        self.dialog = dialog
        dialog.submitted.connect(submit)
        dialog.finished.connect(lambda _r: self.choice.setFocus(Qt.FocusReason.OtherFocusReason))
        dialog.open()

    def _step(self, text, do, undo, dialog=None, redo=None) -> None:
        """One undo step whose answer is the venture's row; the page shows it and keeps it chosen."""
        self.perform(text, do, undo, redo=redo, on_done=lambda result: self._done(dialog, result[0]),
                     on_error=dialog.refuse if dialog is not None else None)

    def _done(self, dialog, row) -> None:
        if dialog is not None:
            dialog.finish()
        self.refresh(select=row.id)

    def start_venture(self) -> None:
        actor, person_id = self.actor, self.person_id

        def submit(values):
            self._step("Start self-employment venture",
                       lambda uow: ventures.start_venture(uow, actor, person_id, **values),
                       lambda uow, last: ventures.set_venture_archived(uow, actor, last[0].id, True,
                                                                       version=last[0].version), self.dialog,
                       redo=lambda uow, last: ventures.set_venture_archived(uow, actor, last[0].id, False,
                                                                            version=last[0].version))
        self._open(StartVentureDialog(self.person_name, self), submit)

    def save(self) -> bool:
        row = self.venture()
        if row is None or not self.has_unsaved_changes():
            return False
        actor, values = self.actor, self.form.values()
        before = {key: getattr(row, key) for key in values}
        if row.status not in ventures.SETTABLE_STATUSES:
            values.pop("status"), before.pop("status")
        self.perform("Save business plan",
                     lambda uow: ventures.update_venture(uow, actor, row.id, version=row.version, **values),
                     lambda uow, last: ventures.update_venture(uow, actor, row.id, version=last[0].version, **before),
                     redo=lambda uow, last: ventures.update_venture(uow, actor, row.id, version=last[0].version,
                                                                    **values),
                     on_done=self._saved, on_error=self._refused)
        return True

    def _saved(self, result) -> None:
        self.set_dirty(False)
        self.bar.message.setText("Saved.")
        self.save_finished.emit(True)
        self.refresh(select=result[0].id)

    def _refused(self, exc) -> None:
        if not self.form.show_problem(getattr(exc, "field", ""), exc.message):
            self.bar.message.setText(f"⚠ {exc.message}")
        self.save_finished.emit(False)

    def discard(self) -> None:
        self._fill()
        self.bar.message.setText("")

    def launch(self) -> None:
        row, actor = self.venture(), self.actor
        if row is None:
            return

        def submit(values):
            dialog = self.dialog
            self.run(lambda uow: ventures.launch(uow, actor, row.id, version=row.version, **values),
                     on_done=lambda result: self._done(dialog, result[0]), on_error=dialog.refuse, write=True)
        self._open(LaunchDialog(row.business_name, self.today, self), submit)

    def close_venture(self) -> None:
        row, actor = self.venture(), self.actor
        if row is None:
            return

        def submit(values):
            # Undoable only before launch: a closed business's job stays ended, as in the record.
            self.run(lambda uow: ventures.close_venture(uow, actor, row.id, version=row.version, **values),
                     on_done=lambda result: self._done(self.dialog, result[0]), on_error=self.dialog.refuse,
                     write=True)
        self._open(CloseVentureDialog(row.business_name, self.today, self), submit)

    # --- steps and costs --------------------------------------------------------------------------------------
    def add_step(self) -> None:
        row, actor = self.venture(), self.actor

        def submit(values):
            self._step("Add feasibility step", lambda uow: ventures.add_step(uow, actor, row.id, **values),
                       lambda uow, last: ventures.remove_step(uow, actor, last[0].steps[-1].id), self.dialog)
        if row is not None:
            self._open(StepDialog(row.business_name, self), submit)

    def toggle_done(self) -> None:
        step, actor = self.current(self.step_table, self.steps), self.actor
        if step is None:
            return
        done_on = None if step.done_on else self.today
        self._step("Mark step not done" if step.done_on else "Mark step done",
                   lambda uow: ventures.set_step_done(uow, actor, step.id, done_on=done_on),
                   lambda uow, last: ventures.set_step_done(uow, actor, step.id, done_on=step.done_on))

    def move_step(self, offset: int) -> None:
        step, actor = self.current(self.step_table, self.steps), self.actor
        if step is not None:
            self._step("Move step", lambda uow: ventures.move_step(uow, actor, step.id, offset),
                       lambda uow, last: ventures.move_step(uow, actor, step.id, -offset))

    def remove_step(self) -> None:
        step, actor = self.current(self.step_table, self.steps), self.actor
        if step is not None:
            self._step("Remove step", lambda uow: ventures.remove_step(uow, actor, step.id),
                       lambda uow, last: ventures.add_step(uow, actor, step.venture_id, description=step.description,
                                                           due=step.due, position=step.position))

    def edit_cost(self, cost) -> None:
        row, actor = self.venture(), self.actor
        if row is None:
            return

        def submit(values):
            if cost is None:
                self._step("Add start-up cost", lambda uow: ventures.add_cost(uow, actor, row.id, **values),
                           lambda uow, last: ventures.remove_cost(uow, actor, last[0].costs[-1].id), self.dialog)
                return
            back = dict(item=cost.item, amount=cost.amount, funder_organization_id=cost.funder_organization_id,
                        funder_name=cost.funder_name)
            self._step("Change start-up cost", lambda uow: ventures.update_cost(uow, actor, cost.id, **values),
                       lambda uow, last: ventures.update_cost(uow, actor, cost.id, **back), self.dialog)
        self._open(CostDialog(row.business_name, self.funders, self, row=cost), submit)

    def remove_cost(self) -> None:
        cost, actor = self.current(self.cost_table, self.costs), self.actor
        if cost is not None:
            self._step("Remove start-up cost", lambda uow: ventures.remove_cost(uow, actor, cost.id),
                       lambda uow, last: ventures.add_cost(uow, actor, cost.venture_id, item=cost.item,
                                                           amount=cost.amount, position=cost.position,
                                                           funder_organization_id=cost.funder_organization_id,
                                                           funder_name=cost.funder_name))
