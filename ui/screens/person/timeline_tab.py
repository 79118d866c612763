"""The Timeline tab: everything that happened in the person's case, newest first, in one list that
can be narrowed to one kind and a date range. Enter (or "Go to record") on an entry opens the tab
that holds it: a case note in Notes, a plan revision in Plan history, a task in Tasks, a release in
Consent."""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTabWidget, QVBoxLayout)

from caseteam.services import timeline
from caseteam.services.timeline import TimelineEntry, TimelineKind

from ...models.timeline_model import Column, TimelineModel, kind_text
from ...widgets.editor_parts import chain_tab_order, record_table
from .tab import PersonTab

PAGE = 500  # entries loaded at once; a case with more says so and the date range narrows it

# kind -> the title of the workspace tab that holds that kind of record
TAB_OF = {TimelineKind.NOTE: "Notes", TimelineKind.PLAN: "Plan history", TimelineKind.PROFILE: "Profile history", TimelineKind.TASK: "Tasks",
          TimelineKind.RELEASE: "Consent", TimelineKind.DISCLOSURE: "Consent", TimelineKind.TEAM: "Team",
          TimelineKind.DISCOVERY: "Discovery", TimelineKind.SIGNATURE: "Plan history",
          TimelineKind.NEGOTIATION: "Work", TimelineKind.JOB: "Work", TimelineKind.VENTURE: "Work",
          TimelineKind.INCIDENT: "Work"}


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class TimelineTab(PersonTab):
    rows_loaded = Signal(int)  # a load finished with this many entries

    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("timelineTab")
        self._stale = False
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of entry")
        self.kind.addItem("All kinds", None)
        for kind in TimelineKind:
            self.kind.addItem(kind_text(kind), kind)
        kind_label = QLabel("&Kind:")
        kind_label.setBuddy(self.kind)
        today = date.today()
        self.use_since, self.since = self._date_filter("Fro&m", "Timeline from date", today - timedelta(days=365))
        self.use_until, self.until = self._date_filter("U&ntil", "Timeline until date", today)
        filters = QHBoxLayout()
        for widget in (kind_label, self.kind, self.use_since, self.since, self.use_until, self.until):
            filters.addWidget(widget)
        filters.addStretch(1)

        self.status = QLabel("Loading the timeline…")
        self.status.setObjectName("timelineStatus")
        self.status.setAccessibleName("Timeline status")
        self.model = TimelineModel(self)
        self.table = record_table(self.model, "Timeline",
                                  "Newest first. Press Enter on an entry to open it in its own tab.")
        self.table.setObjectName("timelineTable")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _i: self.open_current())
        self.open_button = QPushButton("&Go to record")
        self.open_button.setAccessibleDescription("Open the chosen entry in the tab that holds it (Enter)")
        self.open_button.clicked.connect(self.open_current)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        chain_tab_order(self.kind, self.use_since, self.since, self.use_until, self.until, self.table,
                        self.open_button)
        self.setFocusProxy(self.table)
        self.kind.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_button())
        self._update_button()

    def _date_filter(self, text: str, name: str, day: date) -> tuple[QCheckBox, QDateEdit]:
        """A tick box that turns a bound on and the date it bounds by (off: no bound)."""
        check = QCheckBox(text)
        check.setAccessibleDescription(f"Show only entries {text.replace('&', '').lower()} the date beside it")
        box = QDateEdit(_qdate(day))
        box.setCalendarPopup(True)
        box.setDisplayFormat("yyyy-MM-dd")
        box.setAccessibleName(name)
        box.setEnabled(False)
        check.toggled.connect(lambda on: (box.setEnabled(on), self.refresh()))
        box.dateChanged.connect(lambda _d: self.refresh() if check.isChecked() else None)
        return check, box

    # --- data ------------------------------------------------------------------------------------------------
    def filters(self) -> dict:
        return dict(kinds=None if self.kind.currentData() is None else [self.kind.currentData()],
                    since=_day(self.since.date()) if self.use_since.isChecked() else None,
                    until=_day(self.until.date()) if self.use_until.isChecked() else None)

    def refresh(self) -> None:
        self._stale = False
        actor, person_id, chosen = self.actor, self.person_id, self.filters()
        if chosen["since"] and chosen["until"] and chosen["since"] > chosen["until"]:
            self.status.setText("The start date is after the end date: no entries can match.")
            self.model.set_rows([])
            self.rows_loaded.emit(0)
            return

        def load(uow):
            return timeline.timeline(uow, actor, person_id, limit=PAGE, **chosen)

        self.run(load, on_done=self._show, on_error=lambda exc: self.status.setText(exc.message))

    def apply_changes(self, changes) -> None:
        """Almost any change to the case adds an entry; a hidden tab reloads only when shown again."""
        if not changes:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _show(self, rows: list[TimelineEntry]) -> None:
        current = self.current_entry()
        self.model.set_rows(rows)
        count = len(rows)
        text = f"{count} {'entry' if count == 1 else 'entries'}" if count else "No entries match these filters."
        if count >= PAGE:
            text = f"The newest {PAGE} entries; choose a date range to see older ones."
        self.status.setText(text)
        self.status.setAccessibleDescription(text)
        if rows:
            for column in (Column.WHEN, Column.KIND, Column.WHO):
                self.table.resizeColumnToContents(column)
            # Discovery names everyone who took part: the cell is cut (its tooltip has it all), Details gets the room.
            self.table.setColumnWidth(Column.WHO, min(self.table.columnWidth(Column.WHO), 200))
            self.table.horizontalHeader().setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(Column.TITLE, 320)
            row = self.model.row_of(self.model.record_key(current)) if current is not None else None
            self.table.setCurrentIndex(self.model.index(row or 0, Column.WHEN))
        self._update_button()
        self.rows_loaded.emit(count)

    def current_entry(self) -> TimelineEntry | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_button(self) -> None:
        entry = self.current_entry()
        self.open_button.setEnabled(entry is not None and entry.kind in TAB_OF)

    # --- opening an entry where it lives -------------------------------------------------------------------
    def _tabs(self) -> QTabWidget | None:
        widget = self.parentWidget()
        while widget is not None and not isinstance(widget, QTabWidget):
            widget = widget.parentWidget()
        return widget

    def open_current(self) -> None:
        entry, tabs = self.current_entry(), self._tabs()
        if entry is None or entry.kind not in TAB_OF or tabs is None:
            return
        title = TAB_OF[entry.kind]
        index = next((i for i in range(tabs.count()) if tabs.tabText(i).replace("&", "") == title), None)
        if index is None:
            return
        tabs.setCurrentIndex(index)
        target = tabs.widget(index)
        number = re.fullmatch(r"Revision (\d+)", entry.reference)
        if number and hasattr(target, "select"):
            target.select(int(number.group(1)))
        elif entry.kind is TimelineKind.TASK and hasattr(target, "select_ids"):
            target.select_ids([entry.record_id], entry.record_id)
        elif entry.kind in (TimelineKind.RELEASE, TimelineKind.NOTE) and hasattr(target, "refresh"):
            target.refresh(select=entry.record_id)
        getattr(target, "table", target).setFocus(Qt.FocusReason.OtherFocusReason)
