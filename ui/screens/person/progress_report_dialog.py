"""Progress report… : a month's report to one funder, in the funder's layout (VR narrative, waiver unit log).
Choose the funder and month, read what the report will carry from the month (case notes, services,
milestones, employment), write the narrative, Save, then Save PDF… / Save XLSX… and Mark sent. A saved
report keeps its funder and month; closing with an unsaved narrative asks first."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QPushButton,
                               QVBoxLayout)

from caseteam.services import progress_reports

from ...dates import local_date
from ...models.billing_models import period_text
from ...widgets.field_row import PROBLEM_STYLE, date_box, field_value, find_data
from . import billing_files
from .invoice_dialogs import funder_box, last_month, month_bounds, month_box
from .invoices_page import confirm


def facts_text(view) -> str:
    """What the month gives the report, in words (the narrative is the job developer's own)."""
    services = len(view.services)
    lines = [f"Layout: {'15-minute unit log' if view.layout == 'waiver_unit_log' else 'narrative progress report'}.",
             f"{len(view.notes)} case note{'s' if len(view.notes) != 1 else ''}, {services} service "
             f"entr{'ies' if services != 1 else 'y'} ({view.total_units.normalize():f} units), "
             f"{len(view.milestones)} milestone{'s' if len(view.milestones) != 1 else ''}."]
    if view.employment_goal:
        lines.append(f"Employment goal: {view.employment_goal}")
    if view.employment:
        lines.append(f"Employment: {view.employment}")
    lines += [f"Milestone: {m.name}, {m.status}" + (f" on {local_date(m.on)}" if m.on else "") for m in view.milestones]
    return "\n".join(lines)


class ProgressReportDialog(QDialog):
    saved = Signal(object)  # the ProgressReportRow after Save or Mark sent
    exported = Signal(str)  # the file a PDF or XLSX was written to

    def __init__(self, page, funders, today: date, report=None) -> None:
        super().__init__(page)
        self.page, self.report, self.today = page, report, today
        self.setWindowTitle("Progress report")
        self.setAccessibleName("Progress report")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.funder_box = funder_box(funders)
        self.funder_box.setAccessibleName("Funder")
        self.month_box = month_box(today, last_month(today))
        self.month_box.setAccessibleName("Month")
        self.facts = QPlainTextEdit()
        self.facts.setReadOnly(True)
        self.facts.setTabChangesFocus(True)
        self.facts.setAccessibleName("What the month gives the report")
        self.facts.setFixedHeight(self.facts.fontMetrics().lineSpacing() * 5 + 12)
        self.narrative = QPlainTextEdit()
        self.narrative.setTabChangesFocus(True)
        self.narrative.setAccessibleName("Narrative")
        self.narrative.setAccessibleDescription("Your summary of the month: progress, barriers, next steps")
        self.sent_on = date_box(today)
        self.sent_on.setAccessibleName("Sent on")
        form = QFormLayout()
        for text, widget in (("F&under", self.funder_box), ("&Month", self.month_box),
                             ("From the month's &records", self.facts), ("&Narrative", self.narrative),
                             ("Sent &on", self.sent_on)):
            label = QLabel(text + ":")
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.status = QLabel("")
        self.status.setAccessibleName("Progress report status")
        self.status.setWordWrap(True)
        self.save_button = QPushButton("&Save")
        self.save_button.setAccessibleDescription("Keep the report with this narrative")
        self.pdf_button = QPushButton("Save &PDF…")
        self.pdf_button.setAccessibleDescription("Save the saved report as a PDF file")
        self.xlsx_button = QPushButton("Save &XLSX…")
        self.xlsx_button.setAccessibleDescription("Save the saved report as an Excel workbook")
        self.sent_button = QPushButton("Mark sen&t")
        self.sent_button.setAccessibleDescription("Record that the report went to the funder on the Sent on date; "
                                                  "its PDF is kept")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.save_button, self.pdf_button, self.xlsx_button, self.sent_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(720, 560)

        self._dirty = False
        self.buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        self.pdf_button.clicked.connect(lambda: self.save_file("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.save_file("xlsx"))
        self.sent_button.clicked.connect(self.mark_sent)
        self.narrative.textChanged.connect(lambda: self._set_dirty(True))
        self.funder_box.currentIndexChanged.connect(lambda _i: self.load_facts())
        self.month_box.currentIndexChanged.connect(lambda _i: self.load_facts())
        if report is not None:
            self._show_report(report)
        self._enable()
        self.load_facts()

    # --- state ---------------------------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        if self.report is not None:
            return self.report.period_from, self.report.period_to
        return month_bounds(self.month_box.currentData())

    def funder_id(self):
        return self.report.funder_id if self.report is not None else self.funder_box.currentData()

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self._enable()

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def _enable(self) -> None:
        saved = self.report is not None
        sent = saved and self.report.sent_on is not None  # a sent report is locked
        self.funder_box.setEnabled(not saved)
        self.month_box.setEnabled(not saved)
        self.narrative.setReadOnly(sent)
        self.sent_on.setEnabled(not sent)
        self.save_button.setEnabled(self.funder_id() is not None and not sent and (self._dirty or not saved))
        for button in (self.pdf_button, self.xlsx_button):
            button.setEnabled(saved and not self._dirty)
        self.sent_button.setEnabled(saved and not sent and not self._dirty)

    def _show_report(self, row) -> None:
        self.report = row
        blocked = self.narrative.blockSignals(True)
        if self.narrative.toPlainText() != row.narrative:
            self.narrative.setPlainText(row.narrative)
        self.narrative.blockSignals(blocked)
        for box, value in ((self.funder_box, row.funder_id), (self.month_box, row.period_from)):
            box.blockSignals(True)
            box.setCurrentIndex(max(0, find_data(box, value)))
            box.blockSignals(False)
        sent = f"sent on {local_date(row.sent_on)}" if row.sent_on else "not sent yet"
        self.status.setText(f"Report {row.ref} to {row.funder_name} for {period_text(row.period_from, row.period_to)}"
                            f": saved, {sent}.")
        self.status.setStyleSheet("")
        self._set_dirty(False)

    def _refused(self, exc) -> None:
        self.status.setText(f"⚠ {exc.message}")
        self.status.setStyleSheet(PROBLEM_STYLE)
        self._enable()

    # --- work --------------------------------------------------------------------------------------------
    def load_facts(self) -> None:
        funder_id = self.funder_id()
        if funder_id is None:
            self.facts.setPlainText("No funder pays for this person's services yet.")
            return
        actor, person_id, (first, last) = self.page.actor, self.page.person_id, self.period()
        self.page.run(lambda uow: progress_reports.progress_report_view(uow, actor, person_id, funder_id,
                                                                        period_from=first, period_to=last),
                      on_done=lambda view: self.facts.setPlainText(facts_text(view)), on_error=self._refused)

    def save(self) -> None:
        funder_id = self.funder_id()
        if funder_id is None:
            return
        actor, person_id, (first, last) = self.page.actor, self.page.person_id, self.period()
        narrative, report = field_value(self.narrative), self.report
        self.save_button.setEnabled(False)
        self.page.run(lambda uow: progress_reports.save_progress_report(
            uow, actor, person_id, funder_id, period_from=first, period_to=last, narrative=narrative,
            report_id=report.id if report else None, version=report.version if report else None),
            on_done=self._done, on_error=self._refused, write=True)

    def mark_sent(self) -> None:
        report, actor, sent_on = self.report, self.page.actor, field_value(self.sent_on)
        if report is not None:
            self.page.run(lambda uow: progress_reports.mark_sent(uow, actor, report.id, sent_on=sent_on,
                                                                 version=report.version),
                          on_done=self._done, on_error=self._refused, write=True)

    def _done(self, result) -> None:
        self._show_report(result[0])
        self.saved.emit(result[0])

    def save_file(self, fmt: str) -> None:
        report, actor = self.report, self.page.actor
        if report is None:
            return
        make = progress_reports.progress_report_pdf if fmt == "pdf" else progress_reports.progress_report_xlsx
        name = billing_files.file_name(report.ref, "progress report", fmt)

        def written(data) -> None:
            path = billing_files.save_bytes(self, data, name, fmt)
            if path is not None:
                self.exported.emit(str(path))
        self.page.run(lambda uow: make(uow, actor, report.id), on_done=written, on_error=self._refused, write=True,
                      progress_text=f"Preparing progress report {report.ref}…")

    def reject(self) -> None:
        if self._dirty and not confirm(self, "Unsaved narrative", "The narrative has changes that are not saved. "
                                                                  "Close and discard them?"):
            return
        super().reject()
