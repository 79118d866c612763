"""The right side of the Agreements section: the chosen agreement in words (title, reference, version,
status, dates, each party with its signatories and when they signed, why it was amended or ended, whether
a signed copy is filed) and every version of its number, oldest first; choosing a version shows it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from caseteam.services.agreement_rows import AgreementRow

from .. import pyside_fixes  # noqa: F401  (this module emits signals)
from ..dates import local_date
from ..models.agreements import AgreementTableModel, ends_text
from ..widgets.editor_parts import record_table
from .directory_parts import current_row

Column = AgreementTableModel.Column
NOTHING_CHOSEN = "Choose an agreement on the left to see its parties, signatures and versions."


def _day(value) -> str:
    return local_date(value) if value is not None else "not set"


def agreement_html(row: AgreementRow, today, versions: list[AgreementRow]) -> str:
    lines = [f"<p><b>{escape(row.kind.label)}</b> {escape(row.number)}, version {row.revision}: "
             f"<b>{escape(row.status.label)}</b></p>",
             f"<p>Effective {escape(_day(row.effective_from))} to {escape(_day(row.effective_to))}"
             + (f"; review by {escape(local_date(row.review_on))}" if row.review_on else "")
             + (f". {escape(ends_text(row, today))}" if ends_text(row, today) else "") + ".</p>"]
    if row.contract_number:
        lines.append(f"<p>Contract number {escape(row.contract_number)}</p>")
    if row.amendment_reason:
        lines.append(f"<p><b>Amended because:</b> {escape(row.amendment_reason)}</p>")
    if row.ended_on is not None or row.end_reason:
        lines.append(f"<p><b>Ended on {escape(_day(row.ended_on))}</b>"
                     + (f": {escape(row.end_reason)}" if row.end_reason else "") + "</p>")
    newer = [v for v in versions if v.previous_id == row.id]
    if newer:
        lines.append(f"<p>Amended by {escape(newer[0].ref)} ({escape(newer[0].status.label.lower())}).</p>")
    lines.append("<p><b>Parties and signatures</b></p><ul>")
    for party in row.parties:
        signers = "".join(
            f"<li>{escape(s.name)}" + (f", {escape(s.title)}" if s.title else "")
            + (f" ({escape(s.representative_authority)})" if s.representative_authority else "")
            + (f": signed {escape(local_date(s.signed_on))}" if s.signed_on else ": not signed yet") + "</li>"
            for s in party.signatories)
        lines.append(f"<li>{escape(party.name)}" + (f" — {escape(party.role)}" if party.role else "")
                     + (f"<ul>{signers}</ul>" if signers else " (no signatory)") + "</li>")
    lines.append("</ul>")
    lines.append("<p>Signed copy: " + ("filed in the store." if row.signed_copy_attachment_id else "none filed yet.")
                 + "</p>")
    if row.document_sha256:
        lines.append(f"<p>Locked PDF fingerprint (SHA-256): {escape(row.document_sha256[:16])}…</p>")
    return "".join(lines)


class AgreementDetailView(QWidget):
    version_chosen = Signal(object)  # the AgreementRow of the version picked in the history

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.row: AgreementRow | None = None
        self.versions: list[AgreementRow] = []
        self.today = None
        self.title = QLabel(NOTHING_CHOSEN)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # titles hold "&" ("Smith & Sons")
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Chosen agreement")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.body = QTextBrowser()
        self.body.setAccessibleName("Agreement details")
        self.body.setAccessibleDescription("Status, dates, parties and who has signed, reasons, the signed copy")
        self.body.setOpenLinks(False)
        self.model = AgreementTableModel(self)
        self.history = record_table(self.model, "Versions", "Every version of this agreement, oldest first; "
                                                            "choose one to see it")
        for hidden in (Column.KIND, Column.TITLE, Column.PARTIES):
            self.history.setColumnHidden(hidden, True)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setMaximumHeight(self.history.verticalHeader().defaultSectionSize() * 5 + 30)
        history_label = QLabel("Versio&ns:")
        history_label.setBuddy(self.history)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        layout.addWidget(history_label)
        layout.addWidget(self.history)
        self.history.selectionModel().currentRowChanged.connect(self._version_picked)

    def show_agreement(self, row: AgreementRow | None, versions: list[AgreementRow], today) -> None:
        """Show `row`; `versions` are all of its number, oldest first."""
        self.row, self.versions, self.today = row, versions, today
        if row is None:
            self.title.setText(NOTHING_CHOSEN)
            self.body.clear()
            self.model.set_rows([], today)
            return
        self.title.setText(f"{row.title} ({row.ref})")
        self.body.setHtml(agreement_html(row, today, versions))
        blocked = self.history.selectionModel().blockSignals(True)
        try:
            self.model.set_rows(versions, today)
            line = self.model.row_of(row.id)
            if line is not None:
                self.history.setCurrentIndex(self.model.index(line, Column.REF))
        finally:
            self.history.selectionModel().blockSignals(blocked)
        self.history.resizeColumnsToContents()

    def _version_picked(self, current, _previous) -> None:
        chosen = current_row(self.history) if current.isValid() else None
        if chosen is not None and (self.row is None or chosen.id != self.row.id):
            self.version_chosen.emit(chosen)


__all__ = ["AgreementDetailView", "agreement_html"]
