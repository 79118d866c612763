"""The person's Support needs tab: what their plan says they need, each in a life domain,
open until met. Open needs feed the Partnership section's resource map (a need no partner serves is a
gap). Add need, Mark met and Reopen are undo steps (add ↔ archive, met ↔ reopen)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from caseteam.domain.partnerships import LifeDomain
from caseteam.services import life_domains, resource_map

from ...dates import local_date
from ...widgets.editor_parts import chain_tab_order
from .tab import PersonTab

NEED_ROLE = Qt.ItemDataRole.UserRole + 1


class SupportNeedsPage(PersonTab):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("supportNeedsPage")
        self.rows: list = []
        self.summary = QLabel("Loading support needs…")
        self.summary.setAccessibleName("Support needs summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Life domain", "What is needed", "Noted", "Met"])
        self.table.setAccessibleName("Support needs")
        self.table.setAccessibleDescription("Open needs first; a met need shows the day it was met")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        table_label = QLabel("Support &needs:")
        table_label.setBuddy(self.table)
        self.domain_box = QComboBox()
        self.domain_box.setAccessibleName("Life domain of the new need")
        for domain in LifeDomain:
            self.domain_box.addItem(domain.label, domain)
        domain_label = QLabel("Life do&main:")
        domain_label.setBuddy(self.domain_box)
        self.description = QLineEdit()
        self.description.setAccessibleName("What is needed")
        self.description.setPlaceholderText("For example: a ride to early shifts")
        description_label = QLabel("&What is needed:")
        description_label.setBuddy(self.description)
        self.add_button = QPushButton("&Add need")
        self.met_button = QPushButton("Mark me&t today")
        self.met_button.setAccessibleDescription("The chosen need was met today; it leaves the resource map")
        self.reopen_button = QPushButton("&Reopen need")
        adding = QHBoxLayout()
        for widget in (domain_label, self.domain_box, description_label, self.description, self.add_button):
            adding.addWidget(widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self.met_button)
        buttons.addWidget(self.reopen_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(adding)
        chain_tab_order(self.table, self.met_button, self.reopen_button, self.domain_box, self.description,
                        self.add_button)
        self.add_button.clicked.connect(self.add_need)
        self.description.returnPressed.connect(self.add_need)
        self.met_button.clicked.connect(lambda: self.set_met(True))
        self.reopen_button.clicked.connect(lambda: self.set_met(False))
        self.table.currentCellChanged.connect(lambda *_a: self._enable())
        self._enable()

    # --- reading ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        actor, person = self.actor, self.person_id

        def job(uow):
            gaps = resource_map.resource_map(uow, actor, person_id=person).gaps
            return life_domains.support_needs(uow, actor, person), gaps

        self.run(job, on_done=lambda answer: self._show(*answer))

    def apply_changes(self, changes) -> None:
        if changes.partnerships:
            self.refresh()

    def _show(self, rows, gaps=()) -> None:
        chosen = self.current_need()
        self.rows = sorted(rows, key=lambda r: (not r.open, r.noted_on))
        self.table.setRowCount(len(self.rows))
        again = -1
        for n, row in enumerate(self.rows):
            cells = [row.domain.label, row.description, local_date(row.noted_on),
                     local_date(row.met_on) if row.met_on else "Open"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(NEED_ROLE, row)
                self.table.setItem(n, col, item)
            if chosen is not None and row.id == chosen.id:
                again = n
        self.table.resizeColumnsToContents()
        if again >= 0:
            self.table.selectRow(again)
        open_needs = [r for r in self.rows if r.open]
        words = f"{len(open_needs)} open need{'s' if len(open_needs) != 1 else ''}"
        words += f": {', '.join(sorted({r.domain.label for r in open_needs}))}." if open_needs else "."
        if gaps:  # the resource map for this person's team: the needs no organization on it serves
            words += f" No organization on their team serves {', '.join(d.label.lower() for d in gaps)}."
        self.summary.setText(words)
        self._enable()

    def current_need(self):
        item = self.table.item(self.table.currentRow(), 0) if self.table.currentRow() >= 0 else None
        return item.data(NEED_ROLE) if item is not None else None

    def _enable(self) -> None:
        need = self.current_need()
        self.met_button.setEnabled(need is not None and need.open)
        self.reopen_button.setEnabled(need is not None and need.met_on is not None)

    # --- changes ------------------------------------------------------------------------------------
    def add_need(self) -> None:
        actor, person = self.actor, self.person_id
        domain, words = self.domain_box.currentData(), self.description.text().strip()
        self.perform(f"Add {domain.label.lower()} need",
                     lambda uow: life_domains.add_support_need(uow, actor, person, domain=domain, description=words),
                     lambda uow, last: life_domains.set_need_archived(uow, actor, last[0].id, True),
                     redo=lambda uow, last: life_domains.set_need_archived(uow, actor, last[0].id, False),
                     on_done=lambda _r: self.description.clear())

    def set_met(self, met: bool) -> None:
        need, actor = self.current_need(), self.actor
        if need is None:
            return
        before = need.met_on
        self.perform("Mark need met" if met else "Reopen need",
                     lambda uow: life_domains.set_need_met(uow, actor, need.id, uow.today() if met else None,
                                                           version=need.version),
                     lambda uow, _last: life_domains.set_need_met(uow, actor, need.id, before),
                     redo=lambda uow, _last: life_domains.set_need_met(uow, actor, need.id,
                                                                       uow.today() if met else None))
