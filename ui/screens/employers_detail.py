"""The right side of the Employers section: one employer's profile (edited in place), its contact log
with the job seekers discussed and their disclosure decisions, its unmet needs, and the negotiations
people have there (Enter opens the person's workspace)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QToolBar, QVBoxLayout, QWidget

from caseteam.services.employers import ContactRow, EmployerDetail

from .. import pyside_fixes  # noqa: F401  (this module emits signals)
from ..dates import local_date
from ..models.employer_models import ContactTableModel, NeedTableModel, NegotiationTableModel
from ..widgets.employer_profile_form import EmployerProfileForm
from .directory_parts import (current_row, detail_layout, make_table, record_tabs, refill_table, screen_action,
                              set_tab_counts, show_placeholder, show_record)


def page_action(page: QWidget, toolbar: QToolBar, text: str, shortcut: str) -> QAction:
    """An action whose shortcut works while the focus is on this page (pages may share keys)."""
    return screen_action(page, text, shortcut, toolbar)


def contact_html(row: ContactRow) -> str:
    """The chosen contact in full: each job seeker on a line with what may be said to this employer."""
    lines = [f"<p><b>{escape(row.kind.label)}</b> on {escape(local_date(row.contacted_on))} ({escape(row.ref)}) by "
             f"{escape(row.by_name)}" + (f" with {escape(row.contact_name)}" if row.contact_name else "") + "</p>",
             f"<p>{escape(row.summary).replace(chr(10), '<br>')}</p>"]
    if row.next_step or row.next_on:
        when = f" (by {escape(local_date(row.next_on))})" if row.next_on else ""
        lines.append(f"<p><b>Next step</b>{when}: {escape(row.next_step)}</p>")
    if row.people:
        lines.append("<p><b>Job seekers discussed</b> and what each decided may be disclosed to this employer:</p><ul>")
        lines += [f"<li>{escape(p.name)}" + (f": {escape(p.disclosure)}" if p.disclosure else "") + "</li>"
                  for p in row.people]
        lines.append("</ul>")
    return "".join(lines)


class EmployerDetailView(QWidget):
    open_person = Signal(object)  # a person's id: Enter or double-click on a negotiation

    def __init__(self, record_contact: QAction, add_need: QAction, parent=None) -> None:
        super().__init__(parent)
        self.detail: EmployerDetail | None = None
        # Plain text: employer names hold "&" ("Smith & Sons"), which rich text would have to escape.
        self.title = QLabel("")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setAccessibleName("Chosen employer")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel("")
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        self.subtitle.setAccessibleName("Stage, reference, address and phone")
        self.header = QWidget()
        header = QVBoxLayout(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title)
        header.addWidget(self.subtitle)
        self.profile = EmployerProfileForm()

        self.contacts_page = QWidget()
        contacts_bar = QToolBar("Contact actions")
        contacts_bar.setAccessibleName("Contact actions")
        contacts_bar.addAction(record_contact)
        self.edit_contact_action = page_action(self.contacts_page, contacts_bar, "Change contact…", "F2")
        self.remove_contact_action = page_action(self.contacts_page, contacts_bar, "Remove contact", "Delete")
        self.contact_model = ContactTableModel(self)
        self.contacts = make_table(self.contact_model, "Contacts", "Every job developer's contacts with this "
                                   "employer, newest first, the chosen one in full below. Enter or F2 changes "
                                   "your own; Delete removes it.")
        self.contact_text = QTextBrowser()
        self.contact_text.setAccessibleName("Chosen contact")
        self.contact_text.setOpenLinks(False)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(self.contacts)
        split.addWidget(self.contact_text)
        split.setSizes([300, 160])
        column = QVBoxLayout(self.contacts_page)
        column.addWidget(contacts_bar)
        column.addWidget(split, 1)

        self.needs_page = QWidget()
        needs_bar = QToolBar("Unmet need actions")
        needs_bar.setAccessibleName("Unmet need actions")
        needs_bar.addAction(add_need)
        self.mark_met_action = page_action(self.needs_page, needs_bar, "Mark need met", "Ctrl+M")
        self.need_model = NeedTableModel(self)
        self.needs = make_table(self.need_model, "Unmet needs", "Needs found at this employer, unmet ones first. "
                                "Ctrl+M marks the chosen one met today.")
        column = QVBoxLayout(self.needs_page)
        column.addWidget(needs_bar)
        column.addWidget(self.needs, 1)

        negotiations_page = QWidget()
        hint = QLabel("Job development for one person at this employer. Press Enter or double-click to open the "
                      "person's workspace, where the negotiation is changed.")
        hint.setWordWrap(True)
        self.negotiation_model = NegotiationTableModel(self)
        self.negotiations = make_table(self.negotiation_model, "Negotiations", "People's negotiations at this "
                                       "employer. Enter or double-click opens the person's workspace.")
        self.negotiations.activated.connect(self._open_person)
        column = QVBoxLayout(negotiations_page)
        column.addWidget(hint)
        column.addWidget(self.negotiations, 1)

        self.tabs = record_tabs("Parts of the employer's record",
                                ((self.profile, "Profile"), (self.contacts_page, "Contacts"),
                                 (self.needs_page, "Unmet needs"), (negotiations_page, "Negotiations")))
        self.placeholder = detail_layout(self, self.header, self.tabs, "Choose an employer on the left to see its "
                                         "profile, contacts, unmet needs and negotiations, or add one with New "
                                         "employer… (Ctrl+Shift+B).")
        self.contacts.selectionModel().currentRowChanged.connect(lambda *_: self._show_contact())
        self.contact_model.modelReset.connect(self._show_contact)
        self.show_nothing()

    def focus_order(self) -> list[QWidget]:
        return [self.tabs] + self.profile.focus_order()

    def show_nothing(self, text: str | None = None) -> None:
        show_placeholder(self, text)
        self.profile.clear()

    def show_detail(self, detail: EmployerDetail) -> None:
        self.detail = detail
        p = detail.profile
        where = ", ".join(part for part in (p.street, p.city) if part)
        self.title.setText(p.name)
        self.subtitle.setText(" · ".join(part for part in (p.stage.label, p.ref, where, p.phone) if part))
        self.profile.show_profile(p)
        for table, model, rows in ((self.contacts, self.contact_model, detail.contacts),
                                   (self.needs, self.need_model, detail.needs),
                                   (self.negotiations, self.negotiation_model, detail.negotiations)):
            refill_table(table, model, rows, 260)
        unmet = sum(1 for n in detail.needs if not n.met)
        set_tab_counts(self.tabs, (None, len(detail.contacts), unmet, len(detail.negotiations)))
        show_record(self)

    def current_contact(self) -> ContactRow | None:
        return current_row(self.contacts)

    def current_need(self):
        return current_row(self.needs)

    def _show_contact(self) -> None:
        row = self.current_contact()
        self.contact_text.setHtml(contact_html(row) if row is not None else "")

    def _open_person(self, index) -> None:
        row = current_row(self.negotiations) if index.isValid() else None
        if row is not None and row.person_id is not None:
            self.open_person.emit(row.person_id)
