"""The right side of the partner directory: one organization's overview (edited in place), programs,
staff, open tasks and the people its staff serve, each on its own tab."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QToolBar, QVBoxLayout, QWidget

from caseteam.services.organizations import OrganizationDetail

from .. import pyside_fixes  # noqa: F401  (this module emits signals)
from ..models.partner_models import (ROW_ROLE, OpenTaskModel, ProgramTableModel, RowTableModel, ServedPeopleModel,
                                     StaffTableModel)
from ..widgets.organization_form import OrganizationOverview
from .directory_parts import (current_row, detail_layout, make_table, record_tabs, refill_table, screen_action,
                              set_tab_counts, show_placeholder, show_record)


class RecordPage(QWidget):
    """A table of programs or staff with Edit, Archive and Restore for the chosen line. The shortcuts
    belong to this page, so the Programs and Staff tabs can share keys without clashing."""

    edit_requested = Signal(object)  # the row
    archive_requested = Signal(object, bool)  # the row, True to archive / False to restore

    def __init__(self, model: RowTableModel, noun: str, plural: str, new_action: QAction, parent=None) -> None:
        super().__init__(parent)
        self.model, self.noun = model, noun
        self.table = make_table(model, plural.capitalize(), f"The organization's {plural}. Enter or F2 edits the "
                                f"chosen {noun}; Delete archives it.")
        self.toolbar = QToolBar(f"{noun.capitalize()} actions")
        self.toolbar.setAccessibleName(f"{noun.capitalize()} actions")
        self.toolbar.addAction(new_action)
        self.edit_action = self._action(f"Edit {noun}…", "F2", lambda row: self.edit_requested.emit(row))
        self.archive_action = self._action(f"Archive {noun}", "Delete",
                                           lambda row: self.archive_requested.emit(row, True))
        self.restore_action = self._action(f"Restore {noun}", "Ctrl+Shift+Delete",
                                           lambda row: self.archive_requested.emit(row, False))
        self.table.activated.connect(lambda index: self._edit_index(index))
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.model.modelReset.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.table, 1)
        self._enable()

    def _action(self, text: str, shortcut: str, use) -> QAction:
        action = screen_action(self, text, shortcut, self.toolbar)
        action.triggered.connect(lambda _checked=False: (row := current_row(self.table)) is not None and use(row))
        return action

    def _edit_index(self, index) -> None:
        row = index.data(ROW_ROLE)
        if row is not None and not row.archived:
            self.edit_requested.emit(row)

    def _enable(self) -> None:
        row = current_row(self.table)
        self.edit_action.setEnabled(row is not None and not row.archived)
        self.archive_action.setEnabled(row is not None and not row.archived)
        self.restore_action.setEnabled(row is not None and row.archived)

    def show_rows(self, rows) -> None:
        refill_table(self.table, self.model, rows, 180)


class OrganizationDetailView(QWidget):
    open_person = Signal(object)  # a person's id: Enter or double-click on People served

    def __init__(self, new_program: QAction, new_staff: QAction, parent=None, *,
                 presence: QWidget | None = None, funding: QWidget | None = None,
                 agreements: QWidget | None = None, referrals: QWidget | None = None) -> None:
        """funding: the Funding tab's page (funders_tab.FundingPage), shown last when given; agreements: the
        Agreements tab's page (partner_agreements.PartnerAgreementsPage), after it."""
        super().__init__(parent)
        self.detail: OrganizationDetail | None = None
        self.funding, self.agreements = funding, agreements
        self.presence = presence  # the Presence tab (partner_presence.PresencePage), after People served
        self.referrals = referrals  # the Referrals tab (partner_referrals.PartnerReferralsPage), after Agreements
        self.header = QLabel("")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setAccessibleName("Chosen organization")
        self.overview = OrganizationOverview()
        self.programs = RecordPage(ProgramTableModel(self), "program", "programs", new_program)
        self.staff = RecordPage(StaffTableModel(self), "staff member", "staff", new_staff)
        self.task_model = OpenTaskModel(self)
        self.tasks = make_table(self.task_model, "Open tasks", "Tasks assigned to this organization that are "
                                "not done or cancelled, earliest due first")
        self.tasks_note = QLabel("")
        self.tasks_note.setWordWrap(True)
        self.tasks_note.setAccessibleName("How many open tasks are shown")
        tasks_page = QWidget()
        tasks_layout = QVBoxLayout(tasks_page)
        tasks_layout.addWidget(self.tasks, 1)
        tasks_layout.addWidget(self.tasks_note)
        self.people_model = ServedPeopleModel(self)
        self.people = make_table(self.people_model, "People served", "People whose customized-support teams this "
                                 "organization's staff sit on. Enter or double-click opens the person's workspace.")
        self.people.activated.connect(self._open_person)
        people_page = QWidget()
        hint = QLabel("People whose teams this organization's staff sit on today. Press Enter or double-click to "
                      "open a person's workspace.")
        hint.setWordWrap(True)
        people_layout = QVBoxLayout(people_page)
        people_layout.addWidget(hint)
        people_layout.addWidget(self.people, 1)
        self.tabs = record_tabs("Parts of the organization's record",
                                ((self.overview, "Overview"), (self.programs, "Programs"), (self.staff, "Staff"),
                                 (tasks_page, "Open tasks"), (people_page, "People served"))
                                + (((presence, "Presence"),) if presence is not None else ())
                                + (((funding, "Funding"),) if funding is not None else ())
                                + (((agreements, "Agreements"),) if agreements is not None else ())
                                + (((referrals, "Referrals"),) if referrals is not None else ()))
        self.placeholder = detail_layout(self, self.header, self.tabs, "Choose an organization on the left to see "
                                         "its programs, staff, open tasks and the people it serves.")
        self.show_nothing()

    def focus_order(self) -> list[QWidget]:
        return [self.tabs] + self.overview.focus_order()

    def show_nothing(self, text: str | None = None) -> None:
        show_placeholder(self, text)
        self.overview.clear()

    def show_detail(self, detail: OrganizationDetail, today: date, show_archived: bool) -> None:
        self.detail = detail
        org = detail.organization
        where = ", ".join(part for part in (org.street, org.city, org.region) if part)
        archived = " <b>· Archived</b> (restore it with Ctrl+Shift+R)" if org.archived else ""
        self.header.setText(f"<h2>{escape(org.name)}</h2>{escape(org.kind.label)} · {escape(org.ref)}"
                            f"{' · ' + escape(where) if where else ''}{archived}")
        self.overview.show_organization(org)
        self.programs.show_rows([p for p in detail.programs if show_archived or not p.archived])
        self.staff.show_rows([s for s in detail.staff if show_archived or not s.archived])
        self.task_model.set_tasks(detail.open_tasks, today)
        self.people_model.set_rows(detail.people)
        for table in (self.tasks, self.people):
            table.resizeColumnsToContents()
        shown, total = len(detail.open_tasks), max(detail.open_task_count, len(detail.open_tasks))
        self.tasks_note.setText("" if shown >= total else
                                f"Showing the {shown:,} due soonest of {total:,}. The Tasks board (Ctrl+2), "
                                "filtered to this organization, lists them all.")
        self.tasks_note.setVisible(shown < total)
        counts = (None, self.programs.model.rowCount(), self.staff.model.rowCount(), total,
                  len({p.person_id for p in detail.people}))
        set_tab_counts(self.tabs, counts)
        if self.funding is not None:
            self.funding.show_organization(org, detail.programs)
        if self.agreements is not None:
            self.agreements.show_organization(org)
        if self.referrals is not None:
            self.referrals.show_organization(org, detail.staff)
        if self.presence is not None:  # after the older tabs, so their reads are answered first as before
            self.presence.show_organization(org, detail.staff)
        show_record(self)

    def _open_person(self, index) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.open_person.emit(row.person_id)
