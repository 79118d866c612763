"""The Funding part's Progress reports page: the person's monthly reports to each funder (funder, month,
sent or not). Progress report… writes a new one; Enter or Open report… reopens the chosen one to edit the
narrative, save the PDF or XLSX and mark it sent (ProgressReportDialog)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QVBoxLayout

from caseteam.services import access, invoices, progress_reports

from ...models.billing_models import ProgressReportModel, ReportColumn
from ...widgets.editor_parts import button_row, chain_tab_order, record_table
from .progress_report_dialog import ProgressReportDialog
from .table_page import TablePage


class ProgressReportsPage(TablePage):
    dialog_opened = Signal(object)  # the ProgressReportDialog just shown

    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("progressReportsPage")
        self.funders = []
        self.summary = QLabel("Loading progress reports…")
        self.summary.setAccessibleName("Progress reports summary")
        self.summary.setWordWrap(True)
        self.model = ProgressReportModel(self)
        self.table = record_table(self.model, "Progress reports", "Newest month first; Enter opens the chosen report")
        self.table.horizontalHeader().setSectionResizeMode(ReportColumn.FUNDER, QHeaderView.ResizeMode.Stretch)
        label = QLabel("Progress re&ports:")
        label.setBuddy(self.table)
        self.new_button = QPushButton("Progress &report…")
        self.new_button.setAccessibleDescription("Write a month's progress report to one funder")
        self.open_button = QPushButton("&Open report…")
        self.open_button.setAccessibleDescription("Edit, save as a file or mark sent the chosen report")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addLayout(button_row(self.new_button, self.open_button))
        chain_tab_order(self.table, self.new_button, self.open_button)
        self.new_button.clicked.connect(lambda: self.open_report(None))
        self.open_button.clicked.connect(lambda: self.open_report(self.current()))
        self.table.activated.connect(lambda _i: self.open_report(self.current()))
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.setFocusProxy(self.table)
        if access.reach(actor, access.Action.EDIT_PERSON) is access.Reach.NONE:
            self.new_button.hide()
        self._update_buttons()

    def refresh(self, select=None) -> None:
        actor, person_id = self.actor, self.person_id
        self.run(lambda uow: (progress_reports.list_progress_reports(uow, actor, person_id),
                              invoices.billable_funders(uow, actor, person_id)),
                 on_done=lambda result: self._show(*result, select=select),
                 on_error=lambda exc: self.summary.setText(exc.message))

    def apply_changes(self, changes) -> None:
        if changes.funding or changes.notes:
            self.refresh()

    def _show(self, rows, funders, select=None) -> None:
        keep = select or (self.current().id if self.current() else None)
        self.funders = list(funders)
        self.model.set_rows(rows)
        waiting = sum(1 for r in rows if r.sent_on is None)
        self.summary.setText(f"{len(rows)} progress report{'s' if len(rows) != 1 else ''}; {waiting} not sent yet."
                             if rows else "No progress report has been written yet.")
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and rows:
            row = 0
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, ReportColumn.REF))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.current() is not None)

    def open_report(self, report) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return
        self.dialog = ProgressReportDialog(self, self.funders, date.today(), report)
        self.dialog.saved.connect(lambda row: self.refresh(select=row.id))
        self.dialog.finished.connect(lambda _r: self.table.setFocus())
        self.dialog.open()
        self.dialog_opened.emit(self.dialog)
