"""A list of agreements with what can be done from where it is shown (a person's workspace, an organization in
the partner directory): start a new one, edit the chosen draft, or open it in the Agreements section (Enter or
double-click) for preview, printing, signatures and amendments."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from caseteam.domain.agreements import AgreementStatus

from ..models.agreements import AgreementTableModel
from .editor_parts import button_row, chain_tab_order, record_table


def embed(page: QWidget, listing: AgreementList, may_change: bool) -> None:
    """Put the list on a page that has agreement_chosen, new_agreement and edit; without the right to change,
    only Open in Agreements is offered."""
    page.list, page.table, page.model = listing, listing.table, listing.model
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(listing)
    page.setFocusProxy(listing.table)
    listing.agreement_chosen.connect(page.agreement_chosen)
    listing.new_requested.connect(page.new_agreement)
    listing.edit_requested.connect(page.edit)
    if not may_change:
        listing.new_button.hide()
        listing.edit_button.hide()


class AgreementList(QWidget):
    agreement_chosen = Signal(object)  # an agreement's id: show it in the Agreements section
    new_requested = Signal()
    edit_requested = Signal(object)  # the chosen draft's AgreementRow

    def __init__(self, label: str, new_text: str, new_description: str, parent=None, *, keys: bool = True) -> None:
        """keys: the buttons have Alt-letters (a workspace page); off where the screen's own letters would clash."""
        super().__init__(parent)
        self.summary = QLabel("Loading agreements…")
        self.summary.setAccessibleName("Agreements summary")
        self.summary.setWordWrap(True)
        self.model = AgreementTableModel(self)
        self.table = record_table(self.model, "Agreements", "Each agreement with its kind, status, parties and dates; "
                                                            "Enter opens it in the Agreements section")
        self.table.setObjectName("agreementList")
        self.table.horizontalHeader().setSectionResizeMode(AgreementTableModel.Column.TITLE,
                                                           QHeaderView.ResizeMode.Stretch)
        title = QLabel(label)
        title.setBuddy(self.table)
        self.new_button = QPushButton(new_text)
        self.new_button.setAccessibleDescription(new_description)
        self.edit_button = QPushButton("Edit &draft…" if keys else "Edit draft…")
        self.edit_button.setAccessibleDescription("Change the chosen draft's text, parties and service lines")
        self.open_button = QPushButton("&Open in Agreements" if keys else "Open in Agreements")
        self.open_button.setAccessibleDescription("Show the chosen agreement in the Agreements section: preview, "
                                                  "print, signatures, amend")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addLayout(button_row(self.new_button, self.edit_button, self.open_button))
        chain_tab_order(self.table, self.new_button, self.edit_button, self.open_button)
        self.setFocusProxy(self.table)
        self.new_button.clicked.connect(self.new_requested)
        self.edit_button.clicked.connect(lambda: (row := self.current()) is not None and self.edit_requested.emit(row))
        self.open_button.clicked.connect(self._open)
        self.table.activated.connect(lambda _i: self._open())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._enable())
        self._enable()

    def current(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _open(self) -> None:
        row = self.current()
        if row is not None:
            self.agreement_chosen.emit(row.id)

    def _enable(self) -> None:
        row = self.current()
        self.open_button.setEnabled(row is not None)
        self.edit_button.setEnabled(row is not None and row.status is AgreementStatus.DRAFT)

    def show_rows(self, rows, today, empty_text: str, select=None) -> None:
        keep = select or (self.current().id if self.current() is not None else None)
        self.model.set_rows(rows, today)
        drafts = sum(1 for r in rows if r.status is AgreementStatus.DRAFT)
        self.summary.setText(f"{len(rows)} agreement{'s' if len(rows) != 1 else ''}, {drafts} of them draft"
                             f"{'s' if drafts != 1 else ''}." if rows else empty_text)
        found = self.model.row_of(keep) if keep is not None else None
        if found is None and rows:
            found = 0
        if found is not None:
            self.table.setCurrentIndex(self.model.index(found, 0))
        self.table.resizeColumnToContents(AgreementTableModel.Column.REF)
        self._enable()
