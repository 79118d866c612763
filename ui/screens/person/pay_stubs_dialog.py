"""Pay stubs: the person's stubs for a year with Add and Remove (each an undo step), the monthly summary
with the trial-work / SGA words for that year, and the summary on paper or as a PDF the person can send to
Social Security (Print…, Save as PDF…, large print). The thresholds come from the settings' yearly table."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QVBoxLayout)

from caseteam.services import earnings
from caseteam.services.changes import NOTHING
from caseteam.settings import load_settings

from ... import printing
from ...models.employment_models import MonthColumn, MonthModel, PayStubModel, StubColumn
from ...widgets.date_field import DateField
from ...widgets.editor_parts import button_row, chain_tab_order, record_table
from ...widgets.field_row import FormDialog, date_box


class PayStubDialog(FormDialog):
    def __init__(self, jobs, today: date, parent=None) -> None:
        super().__init__("Add pay stub", "Add pay stub", parent,
                         intro="Copy the figures from the stub: the date paid, the hours and the gross pay (before "
                               "taxes and deductions).")
        job = QComboBox()
        for row in jobs:
            job.addItem(f"{row.ref}: {row.job_title} at {row.employer_name}", row.id)
        self.fields.add("job_id", "&Job", job)
        self.fields.add("paid_on", "&Paid on", date_box(today))
        self.fields.add("hours", "&Hours", QLineEdit())
        self.fields.add("gross", "&Gross pay", QLineEdit(), description="In dollars, e.g. 612.40")
        for key, label in (("period_start", "Pay period &starts"), ("period_end", "Pay period &ends")):
            field = DateField(label.replace("&", ""))
            field.set_value(today)
            field.set_value(None)
            self.fields.add(key, label, field)


def benefit_year_for(year: int):
    return load_settings().benefit_year(year)


class PayStubsDialog(QDialog):
    def __init__(self, page, parent=None) -> None:
        super().__init__(parent or page)
        self.page = page
        self.form: PayStubDialog | None = None
        self.setWindowTitle(f"Pay stubs – {page.person_name}")
        self.resize(820, 620)
        today = page.today or date.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.year.setAccessibleName("Year")
        year_label = QLabel("&Year:")
        year_label.setBuddy(self.year)
        self.stub_model, self.month_model = PayStubModel(self), MonthModel(self)
        self.stubs = record_table(self.stub_model, "Pay stubs", "The year's pay stubs, by the date paid")
        self.stubs.horizontalHeader().setSectionResizeMode(StubColumn.JOB, QHeaderView.ResizeMode.Stretch)
        stubs_label = QLabel("Pay s&tubs:")
        stubs_label.setBuddy(self.stubs)
        self.add_button = QPushButton("&Add pay stub…")
        self.add_button.setAccessibleDescription("Enter a pay stub's date, hours and gross pay")
        self.remove_button = QPushButton("&Remove pay stub")
        self.remove_button.setAccessibleDescription("Remove the chosen pay stub, entered by mistake (Undo adds it back)")
        self.thresholds = QLabel("")
        self.thresholds.setWordWrap(True)
        self.thresholds.setAccessibleName("Thresholds for the year")
        self.months = record_table(self.month_model, "Monthly earnings",
                                   "Gross pay, hours and stubs by the month paid, compared in words with the "
                                   "trial-work and SGA amounts")
        self.months.horizontalHeader().setSectionResizeMode(MonthColumn.WORDS, QHeaderView.ResizeMode.Stretch)
        months_label = QLabel("&Monthly summary:")
        months_label.setBuddy(self.months)
        self.large_print = QCheckBox("Lar&ge print")
        self.large_print.setAccessibleDescription("Print or save the summary in bigger type")
        self.print_button = QPushButton("&Print summary…")
        self.print_button.setAccessibleDescription("Print the monthly earnings summary for the person to send to "
                                                   "Social Security")
        self.save_button = QPushButton("&Save summary as PDF…")
        self.save_button.setAccessibleDescription("Save the monthly earnings summary as a PDF file")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        layout.addLayout(top)
        layout.addWidget(stubs_label)
        layout.addWidget(self.stubs, 1)
        layout.addLayout(button_row(self.add_button, self.remove_button))
        layout.addWidget(months_label)
        layout.addWidget(self.thresholds)
        layout.addWidget(self.months, 1)
        layout.addLayout(button_row(self.large_print, self.print_button, self.save_button))
        layout.addWidget(close)
        chain_tab_order(self.year, self.stubs, self.add_button, self.remove_button, self.months, self.large_print,
                        self.print_button, self.save_button)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.add_button.clicked.connect(self.add_stub)
        self.remove_button.clicked.connect(self.remove_stub)
        self.print_button.clicked.connect(lambda: self._make(lambda data, _name: printing.print_pdf(self, data)))
        self.save_button.clicked.connect(lambda: self._make(lambda data, name: printing.save_pdf(self, data, name)))
        self.stubs.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    # --- data -------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        actor, person_id, year = self.page.actor, self.page.person_id, self.year.value()
        figures = benefit_year_for(year)

        def load(uow):
            return (earnings.list_pay_stubs(uow, actor, person_id, year=year),
                    earnings.monthly_earnings(uow, actor, person_id, year, benefit_year=figures))

        self.page.run(load, on_done=lambda result: self._show(*result, figures),
                      on_error=lambda exc: self.thresholds.setText(f"⚠ {exc.message}"))

    def _show(self, stubs, months, figures) -> None:
        self.stub_model.set_rows(stubs)
        self.month_model.set_rows(months)
        if figures is None:
            self.thresholds.setText(f"No trial-work or SGA amounts are entered for {self.year.value()} in the settings.")
        else:
            self.thresholds.setText(f"{self.year.value()}: a trial work month is gross pay over ${figures.trial_work:,.2f}; "
                                    f"above SGA is over ${figures.sga:,.2f} a month (settings, {figures.year} figures).")
        total = sum((m.gross for m in months), start=0)
        self.months.setAccessibleDescription(f"{len(stubs)} pay stubs in {self.year.value()}, ${total:,.2f} in all")
        if stubs:
            self.stubs.setCurrentIndex(self.stub_model.index(len(stubs) - 1, 0))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.stubs.currentIndex().isValid())
        self.add_button.setEnabled(bool(self.page.jobs))

    # --- stubs ------------------------------------------------------------------------------------------
    def add_stub(self) -> None:
        self.form = PayStubDialog(self.page.jobs, self.page.today or date.today(), self)
        self.form.submitted.connect(self._submit_add)
        self.form.open()

    def _submit_add(self, values: dict) -> None:
        form, actor = self.form, self.page.actor
        job_id = values.pop("job_id")
        self.page.perform("Add pay stub",
                          lambda uow: earnings.add_pay_stub(uow, actor, job_id, **values),
                          lambda uow, last: earnings.remove_pay_stub(uow, actor, last[0].id),
                          on_done=lambda _r: (form.finish(), self.refresh()), on_error=form.refuse)

    def remove_stub(self) -> None:
        index = self.stubs.currentIndex()
        stub = self.stub_model.row_at(index.row()) if index.isValid() else None
        if stub is None:
            return
        actor = self.page.actor
        again = dict(paid_on=stub.paid_on, hours=stub.hours, gross=stub.gross, period_start=stub.period_start,
                     period_end=stub.period_end)
        self.page.perform(f"Remove pay stub of {stub.paid_on.isoformat()}",
                          lambda uow: earnings.remove_pay_stub(uow, actor, stub.id),
                          lambda uow, last: earnings.add_pay_stub(uow, actor, stub.job_id, **again),
                          redo=lambda uow, last: earnings.remove_pay_stub(uow, actor, last[0].id),
                          on_done=lambda _r: self.refresh())

    # --- the summary on paper -----------------------------------------------------------------------------
    def _make(self, hand_over) -> None:
        actor, person_id, year = self.page.actor, self.page.person_id, self.year.value()
        large, figures = self.large_print.isChecked(), benefit_year_for(year)

        def make(uow):
            data = earnings.earnings_report_pdf(uow, actor, person_id, year, benefit_year=figures, large_print=large)
            ref = uow.people.get(person_id, include_archived=True).ref
            return (data, f"{ref} earnings {year}" + (" (large print)" if large else "") + ".pdf"), NOTHING

        self.page.run(make, on_done=lambda result: hand_over(*result[0]), write=True,
                      progress_text="Preparing the earnings summary…")

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        # Enter in the tables must not close the window (no default button here).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)
