"""The Funding part's "Milestones" page: the person's milestones (status in words, due and achieved dates,
amount, evidence). Employment ones (placement, 30/60/90 days) become due from the job's dates: the page
asks milestones.refresh_due each time it loads, then lists. Record milestone… adds one reached by hand
(Discovery complete, a vocational profile delivered…) with its evidence; Confirm achieved… confirms a
due one. Achieved milestones are invoiced from the invoices' page, not here."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QHeaderView, QLabel, QLineEdit, QPushButton, QVBoxLayout

from caseteam.domain.billing import MilestoneStatus
from caseteam.domain.funding import BillingUnit
from caseteam.errors import CaseteamError
from caseteam.services import access, funders, milestones

from ...models.funding_models import MilestoneColumn, MilestoneModel
from ...widgets.editor_parts import button_row, chain_tab_order, record_table
from ...widgets.field_row import date_box, plain_text_box
from .authorization_dialogs import FundingDialog
from .job_development_dialogs import choice_box
from .funding_page import FundingPage


class RecordMilestoneDialog(FundingDialog):
    def __init__(self, person_name: str, services, today: date, parent=None) -> None:
        super().__init__("Record a milestone", "&Record milestone", parent,
                         intro=f"A milestone {person_name} reached that a funder pays for. Employment milestones "
                               "(placement, 30/60/90 days) come from the job's dates instead.")
        self.fields.add("funder_service_id", "&Milestone", choice_box(services),
                        description="The funder and its milestone")
        self.fields.add("achieved_on", "&Achieved on", date_box(today))
        self.fields.add("evidence", "&Evidence", plain_text_box(3),
                        description="What shows it was reached, as the funder asks (for example: profile sent to "
                                    "the VR counselor on …)")
        self.fields.add("amount", "Amo&unt", QLineEdit(), description="Blank: the fee schedule's rate on that day")
        self.scan_row("Choose evidence &scan…", "Evidence")
        self.optional, self.scan_key = ("amount",), "attachment"


class ConfirmDialog(FundingDialog):
    def __init__(self, row, today: date, parent=None) -> None:
        super().__init__(f"Confirm {row.ref} achieved", "&Confirm achieved", parent,
                         intro=f"{row.service_name} for {row.funder_name}: {row.status_words}."
                               + (f" The funder asks for: {row.evidence_required}." if row.evidence_required else ""))
        day = min(row.due_on or today, today)  # not before it is counted, not in the future
        self.fields.add("achieved_on", "&Achieved on", date_box(day))
        self.fields.add("evidence", "&Evidence", plain_text_box(3), description="What shows it was reached")
        self.scan_row("Choose evidence &scan…", "Evidence")
        self.scan_key = "attachment"


class MilestonesPage(FundingPage):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("milestonesPage")
        self.person_name, self.services, self.today, self.dialog = "the person", (), None, None
        self.summary = QLabel("Loading milestones…")
        self.summary.setAccessibleName("Milestones summary")
        self.summary.setWordWrap(True)
        self.model = MilestoneModel(self)
        self.table = record_table(self.model, "Milestones", "Each milestone with its status in words, the dates, "
                                                            "the amount and the evidence")
        self.table.setObjectName("milestoneTable")
        self.table.horizontalHeader().setSectionResizeMode(MilestoneColumn.EVIDENCE, QHeaderView.ResizeMode.Stretch)
        label = QLabel("&Milestones:")
        label.setBuddy(self.table)
        self.record_button = QPushButton("&Record milestone…")
        self.record_button.setAccessibleDescription("A milestone reached by hand, with its evidence")
        self.confirm_button = QPushButton("C&onfirm achieved…")
        self.confirm_button.setAccessibleDescription("The chosen due milestone was reached: the date and evidence")
        self.record_button.clicked.connect(self.record)
        self.confirm_button.clicked.connect(self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addLayout(button_row(self.record_button, self.confirm_button))
        chain_tab_order(self.table, self.record_button, self.confirm_button)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.setFocusProxy(self.table)
        self._update_buttons()

    def refresh(self, select=None) -> None:
        actor, person_id = self.actor, self.person_id

        def load(uow):
            changes = None
            if access.allowed(uow, actor, access.Action.EDIT_PERSON, person_id):
                try:  # due dates follow the jobs; someone who may not read employment still sees the list
                    changes = milestones.refresh_due(uow, actor, person_id)[1]
                except CaseteamError:
                    changes = None
            services = tuple((s.id, f"{f.name} — {s.code} {s.name}") for f in funders.list_funders(uow, actor)
                             for s in f.services if s.unit is BillingUnit.MILESTONE and not s.archived)
            found = (milestones.list_milestones(uow, actor, person_id), services,
                     uow.people.get(person_id).display_name, uow.today())
            return found + ((changes,) if changes else ())  # moved dates: the other pages hear of it

        self.run(load, write=True, on_done=lambda result: self._show(*result[:4], select=select),
                 on_error=self.problem)

    def apply_changes(self, changes) -> None:
        if changes.funding or changes.jobs or changes.people:
            self.refresh()

    def _show(self, rows, services, name: str, today, select=None) -> None:
        keep = self.kept(select)
        self.services, self.person_name, self.today = services, name, today
        self.model.set_rows(rows)
        due = sum(1 for r in rows if r.status is MilestoneStatus.DUE)
        waiting = sum(1 for r in rows if r.status is MilestoneStatus.ACHIEVED)
        if rows:
            self.summary.setText(f"{len(rows)} milestone{'s' if len(rows) != 1 else ''}: {due} due, {waiting} "
                                 "achieved and not invoiced yet.")
            for column in MilestoneColumn:
                if column is not MilestoneColumn.EVIDENCE:
                    self.table.resizeColumnToContents(column)
        else:
            self.summary.setText(f"No milestone for {name} yet. Employment milestones appear with a job and a "
                                 "funder that pays for them; Record milestone… adds others.")
        self.choose(keep, rows)
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.current()
        self.confirm_button.setEnabled(row is not None and row.status is MilestoneStatus.DUE)

    def record(self) -> None:
        actor, person_id = self.actor, self.person_id
        self.write(RecordMilestoneDialog(self.person_name, self.services, self.today or date.today(), self),
                    lambda uow, v: milestones.record_milestone(uow, actor, person_id, **v))

    def confirm(self) -> None:
        row, actor = self.current(), self.actor
        if row is None or row.status is not MilestoneStatus.DUE:
            return
        self.write(ConfirmDialog(row, self.today or date.today(), self),
                    lambda uow, v: milestones.achieve(uow, actor, row.id, version=row.version, **v))
