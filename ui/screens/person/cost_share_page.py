"""The Funding part's "Cost-share plan" page: which funder pays which service for which period, in which
sequence (braiding). A unit of service is never split between funders, so the plan is saved whole
(funders.set_cost_share) and refused, with the line named, when two funders would pay one service on a
day. Edit plan… opens the lines in a dialog; saving is one undo step (the previous plan saved back)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget, QPushButton, QSpinBox,
                               QVBoxLayout)

from caseteam.services import funders

from ...models.funding_models import CostShareColumn, CostShareModel
from ...widgets.date_field import DateField
from ...widgets.editor_parts import button_row, chain_tab_order, record_table
from ...widgets.field_row import date_box, set_field_value
from .authorization_dialogs import FundingDialog
from .job_development_dialogs import choice_box
from .service_entries_section import service_choices
from .funding_page import FundingPage


@dataclass(frozen=True)
class PlanLine:
    funder_service_id: object
    service_name: str
    sequence: int
    starts_on: date
    ends_on: date | None
    note: str

    def entry(self) -> tuple:
        return (self.funder_service_id, self.service_name, self.sequence, self.starts_on, self.ends_on, self.note)


def lines_of(rows) -> list[PlanLine]:
    return [PlanLine(r.funder_service_id, r.service_name, r.sequence, r.starts_on, r.ends_on, r.note) for r in rows]


class CostShareDialog(FundingDialog):
    """The plan's lines in a list; the chosen line's fields below it. OK saves every line."""

    def __init__(self, person_name: str, lines: list[PlanLine], services, today: date, parent=None) -> None:
        super().__init__("Edit the cost-share plan", "&Save plan", parent,
                         intro=f"Who pays each of {person_name}'s services, from when to when. Where two funders "
                               "pay the same service one after the other, the sequence says who comes first; the "
                               "same service is never paid by two funders on one day.")
        self.lines, self.services, self.today = list(lines), services, today
        self.line_list = QListWidget()
        self.line_list.setAccessibleName("Lines of the plan")
        list_label = QLabel("&Lines:")
        list_label.setBuddy(self.line_list)
        self.add_button = QPushButton("&Add line")
        self.remove_button = QPushButton("&Remove line")
        self.remove_button.setAccessibleDescription("Take the chosen line out of the plan")
        self.form.insertRow(0, list_label, self.line_list)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.form.insertRow(1, "", buttons)
        self.name_box = self.fields.add("service_name", "Ser&vice", QLineEdit(),
                                        description="The service as the plan names it, for example: Job coaching")
        self.payer_box = self.fields.add("funder_service_id", "&Paid by", choice_box(services),
                                         description="The funder and its fee-schedule service that pays it")
        self.sequence_box = self.fields.add("sequence", "Se&quence", QSpinBox(),
                                            description="1 pays first; a later number pays after it")
        self.sequence_box.setRange(1, 99)
        self.from_box = self.fields.add("starts_on", "&From", date_box(today))
        self.to_box = self.fields.add("ends_on", "&To", DateField("To"),
                                      description="The last day this funder pays; not recorded: open-ended")
        self.note_box = self.fields.add("note", "N&ote", QLineEdit())
        self.extra = ()
        self.line_list.currentRowChanged.connect(self._load_line)
        for signal in (self.name_box.textChanged, self.payer_box.currentIndexChanged, self.sequence_box.valueChanged,
                       self.from_box.dateChanged, self.to_box.edited, self.note_box.textChanged):
            signal.connect(lambda *_a: self._store_line())
        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_line)
        for line in self.lines:
            self.line_list.addItem(self._words(line))
        self.line_list.setCurrentRow(0 if self.lines else -1)
        self._enable()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if not getattr(self, "_ordered", False):
            self._ordered = True
            chain_tab_order(self.line_list, self.add_button, self.remove_button, *self.fields.fields.values(),
                            *self.buttons.buttons())
        super().showEvent(event)
        self.line_list.setFocus()

    def _words(self, line: PlanLine) -> str:
        payer = next((words for key, words in self.services if key == line.funder_service_id), "no funder chosen")
        end = line.ends_on.isoformat() if line.ends_on else "open"
        return f"{line.service_name or '(no service named)'}: {payer}, {line.starts_on.isoformat()} to {end}, " \
               f"sequence {line.sequence}"

    def _enable(self) -> None:
        has_line = self.line_list.currentRow() >= 0
        for widget in self.fields.fields.values():
            widget.setEnabled(has_line)
        self.remove_button.setEnabled(has_line)

    def _load_line(self, row: int) -> None:
        self._enable()
        if not 0 <= row < len(self.lines):
            return
        line = self.lines[row]
        self._loading = True
        for key, value in (("service_name", line.service_name), ("funder_service_id", line.funder_service_id),
                           ("starts_on", line.starts_on), ("ends_on", line.ends_on), ("note", line.note)):
            set_field_value(self.fields.fields[key], value)
        self.sequence_box.blockSignals(True)
        self.sequence_box.setValue(line.sequence)
        self.sequence_box.blockSignals(False)
        self._loading = False

    def _store_line(self) -> None:
        row = self.line_list.currentRow()
        if getattr(self, "_loading", False) or not 0 <= row < len(self.lines):
            return
        d = self.from_box.date()
        self.lines[row] = PlanLine(self.payer_box.currentData(), self.name_box.text().strip(), self.sequence_box.value(),
                                   date(d.year(), d.month(), d.day()), self.to_box.value(), self.note_box.text().strip())
        self.line_list.item(row).setText(self._words(self.lines[row]))

    def add_line(self) -> None:
        first = self.services[0][0] if self.services else None
        self.lines.append(PlanLine(first, "", 1, self.today, None, ""))
        self.line_list.addItem(self._words(self.lines[-1]))
        self.line_list.setCurrentRow(len(self.lines) - 1)
        self.name_box.setFocus()

    def remove_line(self) -> None:
        row = self.line_list.currentRow()
        if 0 <= row < len(self.lines):
            del self.lines[row]
            self.line_list.takeItem(row)
            self._enable()

    def answer(self) -> dict:
        return {"entries": [line.entry() for line in self.lines]}


class CostSharePage(FundingPage):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("costSharePage")
        self.person_name, self.rows, self.dialog = "the person", [], None
        self.summary = QLabel("Loading the cost-share plan…")
        self.summary.setAccessibleName("Cost-share plan summary")
        self.summary.setWordWrap(True)
        self.model = CostShareModel(self)
        self.table = record_table(self.model, "Cost-share plan", "Service, the funder that pays it, the sequence "
                                                                 "between funders and the period")
        self.table.setObjectName("costShareTable")
        self.table.horizontalHeader().setSectionResizeMode(CostShareColumn.NOTE, QHeaderView.ResizeMode.Stretch)
        label = QLabel("&Plan:")
        label.setBuddy(self.table)
        self.edit_button = QPushButton("Edit p&lan…")
        self.edit_button.setAccessibleDescription("Change which funder pays which service, and when")
        self.edit_button.clicked.connect(self.edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addLayout(button_row(self.edit_button))
        chain_tab_order(self.table, self.edit_button)
        self.setFocusProxy(self.table)

    def refresh(self, select=None) -> None:
        actor, person_id = self.actor, self.person_id

        def load(uow):
            return funders.cost_share(uow, actor, person_id), uow.people.get(person_id).display_name

        self.run(load, on_done=lambda result: self._show(*result), on_error=self.problem)

    def apply_changes(self, changes) -> None:
        if changes.funding or changes.people:
            self.refresh()

    def _show(self, rows, name: str) -> None:
        self.rows, self.person_name = rows, name
        self.model.set_rows(rows)
        if rows:
            payers = sorted({r.funder_name for r in rows})
            self.summary.setText(f"{len(rows)} line{'s' if len(rows) != 1 else ''}; paid by {', '.join(payers)}. "
                                 "Each service is paid by one funder on any day.")
            self.table.resizeColumnsToContents()
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.summary.setText(f"No cost-share plan for {name} yet: entries are paid by the funder of the service "
                                 "chosen. Edit plan… sets who pays what, and when.")

    def edit(self) -> None:
        actor, person_id = self.actor, self.person_id
        before = [line.entry() for line in lines_of(self.rows)]

        def opened(choices):
            dialog = CostShareDialog(self.person_name, lines_of(self.rows), choices.services, choices.today, self)

            def done(_result):
                dialog.finish()
                self.refresh()
            self._open(dialog, lambda v: self.perform(
                "Change cost-share plan", lambda uow: funders.set_cost_share(uow, actor, person_id, v["entries"]),
                lambda uow, _last: funders.set_cost_share(uow, actor, person_id, before),
                on_done=done, on_error=dialog.refuse))
        self.run(lambda uow: service_choices(uow, actor, person_id), on_done=opened, on_error=self.problem)
