"""The Partnership section's second tab: the resource map. For the chosen scope (a partnership, or every
partner) the chart and a table give, per life domain, the people with open needs and the partners serving
it; gaps are marked in words and hatching. Choosing a domain (click, or Enter on the chart or the table)
lists the people in it; a gap's people are those no partner in scope serves. Enter on a person opens
their record. The map exports as CSV, the resource manual as PDF or CSV."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from caseteam.services import access, partnership_documents, partnerships, resource_map

from ..widgets.domain_chart import DomainChart, line_words
from ..widgets.editor_parts import chain_tab_order
from .partnership_plans import ask_save_path, named_combo, refill, save_whole

EVERY_PARTNER = "all"  # the scope choice with no partnership: every partner, every person the account sees


def named_table(name: str, description: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setAccessibleDescription(description)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def cell(text: str, data=None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, data)
    return item


class ResourceMapTab(QWidget):
    open_person = Signal(object)  # person id
    people_listed = Signal(object)  # (LifeDomain, [PersonNeed]) now in the people table

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("resourceMap")
        self.ops, self.actor, self.history = ops, actor, history
        self.domains_dialog = None
        self.dialog = None  # the manual's filter dialog while open (tests find it here)
        self.map = None
        self.domain = None  # the domain whose people are listed
        self.ask_save_path = lambda name, fmt: ask_save_path(self, "Export", name, fmt)

        self.scope_box, scope_label = named_combo("&Scope:", "Whose partners and people the map compares")
        self.summary = QLabel("")
        self.summary.setObjectName("mapSummary")
        self.summary.setAccessibleName("Resource map gaps")
        self.summary.setWordWrap(True)
        self.chart = DomainChart()
        chart_label = QLabel("Life domains &chart (Enter lists the people):")
        chart_label.setBuddy(self.chart)
        self.table = named_table("Life domains", "Per domain: people with open needs, partners serving, and whether "
                                                 "it is a gap; Enter lists the people",
                                 ["Life domain", "People with open needs", "Partners serving", "Gap", "Partners"])
        table_label = QLabel("&Domains:")
        table_label.setBuddy(self.table)
        self.people = named_table("People in the chosen domain", "Enter or a double-click opens the person's record",
                                  ["Reference", "Name", "Need"])
        self.people_label = QLabel("&People: choose a domain")
        self.people_label.setBuddy(self.people)
        self.map_button = QPushButton("E&xport map CSV…")
        self.manual_pdf_button = QPushButton("Resource &manual PDF…")
        self.manual_pdf_button.setAccessibleDescription("Every partner's programs, eligibility, funding, domains "
                                                        "and contacts, as a PDF")
        self.manual_csv_button = QPushButton("Manual &as CSV…")
        self.tag_button = QPushButton("Program &life domains…")
        self.tag_button.setAccessibleDescription("Tag which life domains each partner program serves")
        if access.reach(actor, access.Action.MANAGE_PARTNERS) is not access.Reach.ALLOWED:
            self.tag_button.hide()  # hide only: showing it before it has a parent would open it as a window
        self.status_label = QLabel("")
        self.status_label.setAccessibleName("Export status")

        top = QHBoxLayout()
        top.addWidget(scope_label)
        top.addWidget(self.scope_box, 1)
        top.addStretch(1)
        buttons = QHBoxLayout()
        for widget in (self.map_button, self.manual_pdf_button, self.manual_csv_button, self.tag_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(chart_label)
        layout.addWidget(self.chart)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.people_label)
        layout.addWidget(self.people, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        chain_tab_order(self.scope_box, self.chart, self.table, self.people, self.map_button, self.manual_pdf_button,
                        self.manual_csv_button, self.tag_button)
        self.setFocusProxy(self.scope_box)

        self.scope_box.currentIndexChanged.connect(lambda _i: self.load())
        self.chart.domain_chosen.connect(self.list_people)
        self.table.activated.connect(lambda index: self.list_people(self.table.item(index.row(), 0).data(
            Qt.ItemDataRole.UserRole)))
        self.table.cellClicked.connect(lambda row, _col: self.list_people(self.table.item(row, 0).data(
            Qt.ItemDataRole.UserRole)))
        self.people.activated.connect(lambda index: self.open_person.emit(
            self.people.item(index.row(), 0).data(Qt.ItemDataRole.UserRole)))
        self.map_button.clicked.connect(self.export_map)
        self.manual_pdf_button.clicked.connect(lambda: self.choose_manual("pdf"))
        self.manual_csv_button.clicked.connect(lambda: self.choose_manual("csv"))
        self.tag_button.clicked.connect(self.tag_programs)

    # --- reading ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        actor = self.actor
        self.ops.run(lambda uow: partnerships.list_partnerships(uow, actor), on_done=self._put_scopes, write=False)

    def _put_scopes(self, rows) -> None:
        refill(self.scope_box, [*((row.name, row.id) for row in rows),
                                ("All partners and everyone I may see", EVERY_PARTNER)])
        self.load()

    def _scope(self) -> dict:
        key = self.scope_box.currentData()
        return {} if key in (None, EVERY_PARTNER) else {"partnership_id": key}

    def load(self) -> None:
        actor, scope = self.actor, self._scope()
        self.ops.run(lambda uow: resource_map.resource_map(uow, actor, **scope), on_done=self._put_map, write=False)

    def _put_map(self, found) -> None:
        self.map = found
        self.chart.set_lines(found.lines)
        gaps = [found.line(d).label for d in found.gaps]
        self.summary.setText(f"{found.scope}: " + (f"gaps in {', '.join(gaps)} (needs no partner in scope serves)"
                                                   if gaps else "no gaps: every need has a serving partner"))
        self.table.setRowCount(len(found.lines))
        for row, line in enumerate(found.lines):
            self.table.setItem(row, 0, cell(line.label, line.domain))
            self.table.setItem(row, 1, cell(str(len(line.people))))
            self.table.setItem(row, 2, cell(str(len(line.partners))))
            self.table.setItem(row, 3, cell("GAP" if line.gap else ""))
            self.table.setItem(row, 4, cell("; ".join(p.name for p in line.partners)))
            self.table.item(row, 0).setToolTip(line_words(line))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        if self.domain is not None:
            self.list_people(self.domain)

    def list_people(self, domain) -> None:
        """The domain's people: for a gap, exactly people_in_gap; otherwise those with open needs in it."""
        if self.map is None or domain is None:
            return
        self.domain = domain
        line = self.map.line(domain)
        people = list(line.people)
        what = "in the gap" if line.gap else "with open needs"
        self.people_label.setText(f"&People {what}: {line.label} ({len(people)})")
        self.people.setRowCount(len(people))
        for row, person in enumerate(people):
            self.people.setItem(row, 0, cell(person.ref, person.person_id))
            self.people.setItem(row, 1, cell(person.name))
            self.people.setItem(row, 2, cell(person.description))
        self.people.resizeColumnsToContents()
        index = [ln.domain for ln in self.map.lines].index(domain)
        self.table.selectRow(index)
        self.chart.set_current(index)
        self.people_listed.emit((domain, people))

    # --- exports ------------------------------------------------------------------------------------
    def _write(self, data: bytes, path, what: str) -> None:
        if save_whole(self, data, path, "Export"):
            self.status_label.setText(f"Saved {what} to {path}.")

    def export_map(self) -> None:
        path = self.ask_save_path("Resource map.csv", "csv")
        if not path:
            return
        actor, scope = self.actor, self._scope()
        self.ops.run(lambda uow: resource_map.export_map_csv(uow, actor, **scope),
                     on_done=lambda data: self._write(data, path, "the resource map"))

    def choose_manual(self, fmt: str) -> None:
        """Ask which partners first (kind, service words, life domain), then where to save."""
        from .manual_filter_dialog import ManualFilterDialog

        dialog = ManualFilterDialog(fmt, self)
        dialog.submitted.connect(lambda values: (dialog.finish(), self.export_manual(fmt, dialog.manual_filter(values))))
        self.dialog = dialog
        dialog.open()

    def export_manual(self, fmt: str, flt=None) -> None:
        path = self.ask_save_path(f"Resource manual.{fmt}", fmt)
        if not path:
            return
        actor = self.actor
        make = partnership_documents.manual_pdf if fmt == "pdf" else partnership_documents.manual_csv_bytes
        args = () if flt is None else (flt,)
        self.ops.run(lambda uow: make(uow, actor, *args),
                     on_done=lambda data: self._write(data, path, "the resource manual"),
                     progress_text="Writing the resource manual…")

    def tag_programs(self) -> None:
        from .program_domains_dialog import ProgramDomainsDialog

        if self.domains_dialog is None:
            self.domains_dialog = ProgramDomainsDialog(self.ops, self.actor, self.history, self)
        else:
            self.domains_dialog.load()
        self.domains_dialog.open()

    def apply_changes(self, changes) -> None:
        if changes.partnerships or changes.organizations or changes.people or changes.teams:
            self.load()
