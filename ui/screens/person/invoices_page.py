"""The Funding part's Invoices page: the person's invoices, every revision (a returned invoice and its
correction both stay), with funder, month, status in words, total and age; the chosen one's lines and the
entries of its month held back from it, each with why. Draft invoice…, Rebuild draft, Discard draft,
Submit…, Record paid…, Record returned…, Record denied…, Correct (a new revision), Save PDF… and
Save XLSX…. Drafting and correcting are undo steps (discarding the draft they made); what reached the
funder (submitted, paid, returned) is history and is not undone."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QMessageBox, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, \
    QWidget

from caseteam.domain.billing import InvoiceStatus
from caseteam.services import access, invoices

from ...dates import local_date
from ...models.billing_models import (HeldBackModel, HeldColumn, InvoiceColumn, InvoiceLineModel, InvoiceModel,
                                      LineColumn, age_text, period_text)
from ...models.employment_models import dollars
from ...widgets.document_actions import shortcut_button, tab_action
from ...widgets.editor_parts import button_row, chain_tab_order, record_table
from . import billing_files
from .invoice_dialogs import PaidDialog, SentBackDialog, SubmitDialog, draft_dialog
from .table_page import TablePage

PDF_KEYS, XLSX_KEYS = "Ctrl+Shift+S", "Ctrl+Shift+X"


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Yes / No, No the default; tests replace this function."""
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def invoice_words(row) -> str:
    return f"Invoice {row.ref} revision {row.revision} to {row.funder_name} for {period_text(row.period_from, row.period_to)}"


def details_text(row, rows) -> str:
    """The chosen invoice's story in plain lines, read in order by a screen reader."""
    lines = [f"{invoice_words(row)}: {row.status_words}. Total {dollars(row.total)} in {len(row.lines)} "
             f"line{'s' if len(row.lines) != 1 else ''}."]
    if row.submitted_on:
        lines.append(f"Submitted on {local_date(row.submitted_on)}"
                     + (f", {age_text(row.age_days)} ago." if row.age_days is not None else "."))
    if row.paid_on:
        paid = row.paid_amount if row.paid_amount is not None else row.total
        lines.append(f"Paid {dollars(paid)} on {local_date(row.paid_on)}.")
    if row.returned_on:
        lines.append(f"Sent back on {local_date(row.returned_on)}: {row.reason}")
    previous = next((r for r in rows if r.id == row.previous_id), None)
    if previous is not None:
        lines.append(f"Corrects revision {previous.revision} ({previous.status_words}"
                     + (f": {previous.reason}" if previous.reason else "") + ").")
    later = next((r for r in rows if r.id == row.corrected_by_id), None)
    if later is not None:
        lines.append(f"Corrected by revision {later.revision} ({later.status_words}).")
    if row.held_back:
        lines.append(f"{len(row.held_back)} entr{'ies' if len(row.held_back) != 1 else 'y'} of the month held back "
                     "(listed below with why).")
    return "\n".join(lines)


class InvoicesPage(TablePage):
    exported = Signal(str)  # the file a PDF or XLSX was written to

    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("invoicesPage")
        self.person_name, self.funders, self.rows = "the person", [], []
        self.summary = QLabel("Loading invoices…")
        self.summary.setAccessibleName("Invoices summary")
        self.summary.setWordWrap(True)
        self.model = InvoiceModel(self)
        self.table = record_table(self.model, "Invoices", "Every revision, newest first; the Status column says "
                                                          "draft, submitted, paid, returned or denied")
        self.table.horizontalHeader().setSectionResizeMode(InvoiceColumn.FUNDER, QHeaderView.ResizeMode.Stretch)
        label = QLabel("&Invoices:")
        label.setBuddy(self.table)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setTabChangesFocus(True)
        self.details.setAccessibleName("Invoice details")
        self.details.setMaximumHeight(self.details.fontMetrics().lineSpacing() * 6 + 12)
        self.line_model, self.held_model = InvoiceLineModel(self), HeldBackModel(self)
        self.lines = record_table(self.line_model, "Lines of the chosen invoice", "Date, code, units, rate, amount")
        self.lines.horizontalHeader().setSectionResizeMode(LineColumn.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self.held = record_table(self.held_model, "Entries held back from the chosen invoice",
                                 "Service entries of the month not billed, each with why")
        self.held.horizontalHeader().setSectionResizeMode(HeldColumn.WHY, QHeaderView.ResizeMode.Stretch)
        lines_label, held_label = QLabel("Li&nes:"), QLabel("Held bac&k:")
        lines_label.setBuddy(self.lines)
        held_label.setBuddy(self.held)
        self._make_buttons()

        lower = QWidget()
        column = QVBoxLayout(lower)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.details, lines_label, self.lines, held_label, self.held):
            column.addWidget(widget)
        upper = QWidget()
        top = QVBoxLayout(upper)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(label)
        top.addWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addLayout(button_row(*self.buttons[:4]))
        layout.addLayout(button_row(*self.buttons[4:]))
        chain_tab_order(self.table, self.details, self.lines, self.held, *self.buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.setFocusProxy(self.table)
        if access.reach(actor, access.Action.EDIT_PERSON) is access.Reach.NONE:
            for button in self.buttons[:8]:
                button.hide()
        self._update_buttons()

    def _make_buttons(self) -> None:
        def button(text: str, description: str, slot) -> QPushButton:
            made = QPushButton(text)
            made.setAccessibleDescription(description)
            made.clicked.connect(slot)
            return made

        self.draft_button = button("&Draft invoice…", "Gather a month's billable services and milestones for a "
                                                     "funder into a draft invoice", self.draft)
        self.rebuild_button = button("Reb&uild draft", "Gather the chosen draft's month again, after entries "
                                                        "were added or fixed", self.rebuild)
        self.discard_button = button("Disc&ard draft", "Throw away the chosen draft (its entries become "
                                                        "billable again)", self.discard_draft)
        self.submit_button = button("&Submit…", "Send the chosen draft to the funder; its PDF is kept", self.submit)
        self.paid_button = button("Record &paid…", "The funder paid the chosen invoice", self.record_paid)
        self.returned_button = button("Record re&turned…", "The funder sent the chosen invoice back with a reason",
                                      lambda: self.record_sent_back(denied=False))
        self.denied_button = button("Record denied…", "The funder refused to pay the chosen invoice",
                                    lambda: self.record_sent_back(denied=True))
        self.correct_button = button("&Correct", "Make a corrected draft (the next revision) of the chosen "
                                                 "returned invoice", self.correct)
        self.pdf_button = shortcut_button("Save PDF…", PDF_KEYS, "Save the chosen invoice as a PDF file",
                                          name="Save invoice as PDF")
        self.xlsx_button = shortcut_button("Save XLSX…", XLSX_KEYS, "Save the chosen invoice as an Excel workbook",
                                           name="Save invoice as XLSX")
        self.pdf_button.clicked.connect(lambda: self.save_file("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.save_file("xlsx"))
        self.file_actions = [tab_action(self, "Save invoice as PDF…", PDF_KEYS, lambda: self.save_file("pdf")),
                             tab_action(self, "Save invoice as XLSX…", XLSX_KEYS, lambda: self.save_file("xlsx"))]
        self.buttons = [self.draft_button, self.rebuild_button, self.discard_button, self.submit_button,
                        self.paid_button, self.returned_button, self.denied_button, self.correct_button,
                        self.pdf_button, self.xlsx_button]

    # --- data ------------------------------------------------------------------------------------------
    def refresh(self, select=None) -> None:
        actor, person_id = self.actor, self.person_id

        def load(uow):
            return (invoices.list_invoices(uow, actor, person_id=person_id),
                    invoices.billable_funders(uow, actor, person_id),
                    uow.people.get(person_id, include_archived=True).display_name)

        self.run(load, on_done=lambda result: self._show(*result, select=select),
                 on_error=lambda exc: self.summary.setText(exc.message))

    def apply_changes(self, changes) -> None:
        if changes.funding:
            self.refresh()

    def _show(self, rows, funders, name, select=None) -> None:
        keep = select or (self.current().id if self.current() else None)
        self.rows, self.funders, self.person_name = list(rows), list(funders), name
        self.model.set_rows(self.rows)
        open_ = [r for r in self.rows if r.status in (InvoiceStatus.DRAFT, InvoiceStatus.SUBMITTED,
                                                      InvoiceStatus.RETURNED) and not self._corrected(r)]
        self.summary.setText(f"{len(self.rows)} invoice{'s' if len(self.rows) != 1 else ''} (every revision); "
                             f"{len(open_)} not settled yet." if self.rows else
                             f"No invoice has been drafted for {name} yet.")
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and self.rows:
            row = 0
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, InvoiceColumn.REF))
        for column in (InvoiceColumn.REF, InvoiceColumn.REVISION, InvoiceColumn.PERIOD, InvoiceColumn.STATUS,
                       InvoiceColumn.TOTAL, InvoiceColumn.AGE):
            self.table.resizeColumnToContents(column)
        self._update_buttons()

    @staticmethod
    def _corrected(row) -> bool:
        return row.corrected_by_id is not None

    def _update_buttons(self) -> None:
        row = self.current()
        self.details.setPlainText(details_text(row, self.rows) if row else "")
        self.line_model.set_rows(row.lines if row else [])
        self.held_model.set_rows(row.held_back if row else [])
        for table, columns in ((self.lines, (LineColumn.SERVED, LineColumn.CODE, LineColumn.AMOUNT)),
                               (self.held, (HeldColumn.REF, HeldColumn.SERVED, HeldColumn.AMOUNT))):
            for column in columns:
                table.resizeColumnToContents(column)
        status = row.status if row else None
        draft, submitted = status is InvoiceStatus.DRAFT, status is InvoiceStatus.SUBMITTED
        self.draft_button.setEnabled(True)
        for button, on in ((self.rebuild_button, draft), (self.discard_button, draft), (self.submit_button, draft),
                           (self.paid_button, submitted), (self.returned_button, submitted),
                           (self.denied_button, submitted),
                           (self.correct_button, status is InvoiceStatus.RETURNED and not self._corrected(row)),
                           (self.pdf_button, row is not None), (self.xlsx_button, row is not None)):
            button.setEnabled(on)
        for action in self.file_actions:
            action.setEnabled(row is not None)

    # --- the lifecycle ------------------------------------------------------------------------------------
    def draft(self) -> None:
        actor, person_id = self.actor, self.person_id

        def submit(values):
            self._step("Draft invoice",
                       lambda uow: invoices.draft_invoice(uow, actor, person_id, values["funder_id"],
                                                          period_from=values["period_from"],
                                                          period_to=values["period_to"]),
                       lambda uow, last: invoices.discard_draft(uow, actor, last[0].id, version=last[0].version),
                       self.dialog)
        self._open(draft_dialog(self.person_name, self.funders, date.today(), self), submit)

    def correct(self) -> None:
        row, actor = self.current(), self.actor
        if row is None:
            return
        self._step(f"Correct invoice {row.ref}", lambda uow: invoices.correct_invoice(uow, actor, row.id),
                   lambda uow, last: invoices.discard_draft(uow, actor, last[0].id, version=last[0].version))

    def _write(self, op, dialog=None, select=None) -> None:
        """A step that is history once done (sent, paid, returned): not an undo step."""
        def done(result):
            if dialog is not None:
                dialog.finish()
            self.refresh(select=select or result[0].id)
        self.run(op, on_done=done, on_error=dialog.refuse if dialog is not None else None, write=True)

    def rebuild(self) -> None:
        row, actor = self.current(), self.actor
        if row is not None:
            self._write(lambda uow: invoices.rebuild_draft(uow, actor, row.id, version=row.version))

    def discard_draft(self) -> None:
        row, actor = self.current(), self.actor
        if row is None or not confirm(self, "Discard the draft", f"Throw away the draft {invoice_words(row)}? "
                                                                 "Its entries and milestones can be billed again."):
            return
        self.run(lambda uow: invoices.discard_draft(uow, actor, row.id, version=row.version),
                 on_done=lambda _r: self.refresh(), write=True)

    def submit(self) -> None:
        row, actor = self.current(), self.actor
        if row is None:
            return
        self._open(SubmitDialog(invoice_words(row), date.today(), self), lambda values: self._write(
            lambda uow: invoices.submit_invoice(uow, actor, row.id, version=row.version, **values), self.dialog))

    def record_paid(self) -> None:
        row, actor = self.current(), self.actor
        if row is None:
            return
        self._open(PaidDialog(invoice_words(row), dollars(row.total), date.today(), self), lambda values: self._write(
            lambda uow: invoices.record_paid(uow, actor, row.id, version=row.version, **values), self.dialog))

    def record_sent_back(self, *, denied: bool) -> None:
        row, actor = self.current(), self.actor
        if row is None:
            return
        service = invoices.record_denied if denied else invoices.record_returned
        self._open(SentBackDialog(invoice_words(row), date.today(), self, denied=denied), lambda values: self._write(
            lambda uow: service(uow, actor, row.id, version=row.version, **values), self.dialog))

    # --- files ----------------------------------------------------------------------------------------------
    def save_file(self, fmt: str) -> None:
        row, actor = self.current(), self.actor
        if row is None:
            return
        make = invoices.invoice_pdf if fmt == "pdf" else invoices.invoice_xlsx
        name = billing_files.file_name(row.ref, f"invoice revision {row.revision}", fmt)

        def written(data) -> None:
            path = billing_files.save_bytes(self, data, name, fmt)
            if path is not None:
                self.exported.emit(str(path))
        self.run(lambda uow: make(uow, actor, row.id), on_done=written, write=True,
                 progress_text=f"Preparing invoice {row.ref}…")
