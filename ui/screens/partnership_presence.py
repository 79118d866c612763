"""The Partnership section's "Who is in the building" tab, for One-Stop staff: one week, Monday to Friday
(Saturday when a partner is in then), a line per partner per day with the hours, room and staff; co-located
partners on every day. Previous week (Alt+Left), Next week (Alt+Right) and This week (Alt+Home) move the
week, "Week of" jumps to any date's week; Print… (Ctrl+P) and Save PDF… (Ctrl+Shift+S) make the paper copy."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from caseteam.documents.dates import long_date
from caseteam.services import presence

from .. import printing
from ..models.presence_models import BuildingWeekModel, building_lines
from ..widgets.document_actions import shortcut_button, tab_action
from ..widgets.editor_parts import chain_tab_order, record_table
from .partnership_plans import named_combo, refill

EVERY_ONE_STOP = "all"
Column = BuildingWeekModel.Column


class BuildingTab(QWidget):
    loaded = Signal(object)  # the BuildingWeek now on screen

    def __init__(self, ops, actor, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("whoIsInTheBuilding")
        self.ops, self.actor = ops, actor
        self.week = None
        self.today = date.today()  # replaced by the store's day on the first answer
        self.monday = presence.week_start(self.today)
        self._request = 0

        self.site_box, site_label = named_combo("&One-Stop:", "Which One-Stop's week to show")
        self.week_of = QDateEdit()
        self.week_of.setCalendarPopup(True)
        self.week_of.setDisplayFormat("yyyy-MM-dd")
        self.week_of.setAccessibleName("Week of")
        self.week_of.setAccessibleDescription("Any day of the week to show; the week runs from its Monday")
        week_label = QLabel("Wee&k of:")
        week_label.setBuddy(self.week_of)
        self.previous_button = shortcut_button("&Previous week", "Alt+Left", "Show the week before")
        self.this_button = shortcut_button("&This week", "Alt+Home", "Show the current week")
        self.next_button = shortcut_button("&Next week", "Alt+Right", "Show the week after")
        self.heading = QLabel("")
        self.heading.setObjectName("buildingWeekHeading")
        self.heading.setAccessibleName("The week shown")
        self.heading.setWordWrap(True)
        self.model = BuildingWeekModel(self)
        self.table = record_table(self.model, "Who is in the building",
                                  "One line per partner per day: day, hours, partner, room and staff")
        self.table.horizontalHeader().setSectionResizeMode(Column.PARTNER, QHeaderView.ResizeMode.Stretch)
        table_label = QLabel("&Who is in the building:")
        table_label.setBuddy(self.table)
        self.print_button = shortcut_button("P&rint week…", "Ctrl+P", "Print this week's who is in the building")
        self.save_button = shortcut_button("Save P&DF…", "Ctrl+Shift+S", "Save this week as a PDF")

        # Two rows, so the section still fits a window 700 pixels wide.
        top = QHBoxLayout()
        for widget in (site_label, self.site_box, week_label, self.week_of):
            top.addWidget(widget)
        top.addStretch(1)
        moves = QHBoxLayout()
        for widget in (self.previous_button, self.this_button, self.next_button):
            moves.addWidget(widget)
        moves.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(moves)
        layout.addWidget(self.heading)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        chain_tab_order(self.site_box, self.week_of, self.previous_button, self.this_button, self.next_button,
                        self.table, self.print_button, self.save_button)
        self.setFocusProxy(self.week_of)

        for text, keys, slot in (("Previous week", "Alt+Left", lambda: self.move(-7)),
                                 ("Next week", "Alt+Right", lambda: self.move(7)),
                                 ("This week", "Alt+Home", self.this_week),
                                 ("Print this week", "Ctrl+P", self.print_week),
                                 ("Save this week as PDF", "Ctrl+Shift+S", self.save_week)):
            tab_action(self, text, keys, slot)
        self.previous_button.clicked.connect(lambda: self.move(-7))
        self.next_button.clicked.connect(lambda: self.move(7))
        self.this_button.clicked.connect(self.this_week)
        self.print_button.clicked.connect(self.print_week)
        self.save_button.clicked.connect(self.save_week)
        self.week_of.dateChanged.connect(lambda d: self.show_week(date(d.year(), d.month(), d.day())))
        self.site_box.currentIndexChanged.connect(lambda _i: self.load())

    # --- reading ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The One-Stops to choose from and today's date, then the week."""
        actor = self.actor
        self.ops.run(lambda uow: (presence.sites(uow, actor), uow.today()), on_done=self._put_sites, write=False)

    def _put_sites(self, result) -> None:
        sites, today = result
        first = self.week is None
        self.today = today
        refill(self.site_box, [("Every One-Stop", EVERY_ONE_STOP), *((name, key) for key, name in sites)])
        if first:
            self.show_week(today)
        else:
            self.load()

    def _site(self):
        key = self.site_box.currentData()
        return None if key in (None, EVERY_ONE_STOP) else key

    def show_week(self, day: date) -> None:
        """The week `day` is in."""
        self.monday = presence.week_start(day)
        blocked = self.week_of.blockSignals(True)
        self.week_of.setDate(QDate(day.year, day.month, day.day))
        self.week_of.blockSignals(blocked)
        self.load()

    def move(self, days: int) -> None:
        self.show_week(self.monday + timedelta(days=days))

    def this_week(self) -> None:
        self.show_week(self.today)

    def load(self) -> None:
        self._request += 1
        number, actor, monday, site = self._request, self.actor, self.monday, self._site()
        self.ops.run(lambda uow: presence.who_is_in_building(uow, actor, week_of=monday, site_organization_id=site),
                     on_done=lambda week: self._put_week(number, week), write=False)

    def _put_week(self, number: int, week) -> None:
        if number != self._request:
            return  # a newer week was asked for
        self.week = week
        self.model.set_rows(building_lines(week.days))
        place = week.site_name or "Every One-Stop"
        now = " (this week)" if week.week_of == presence.week_start(self.today) else ""
        partners = len({e.organization_id for d in week.days for e in d.entries})
        self.heading.setText(f"{place}: week of {long_date(week.week_of)} to {long_date(week.last_day)}{now}. "
                             f"{partners} partner{'s' if partners != 1 else ''} in the building this week.")
        for column in (Column.DAY, Column.HOURS, Column.ROOM):
            self.table.resizeColumnToContents(column)
        self.loaded.emit(week)

    def apply_changes(self, changes) -> None:
        if changes.presence or changes.organizations or changes.staff:
            self.refresh()

    # --- paper --------------------------------------------------------------------------------------
    def _pdf(self, then) -> None:
        actor, monday, site = self.actor, self.monday, self._site()
        self.ops.run(lambda uow: presence.week_pdf(uow, actor, week_of=monday, site_organization_id=site),
                     on_done=then, progress_text="Preparing the week…")

    def print_week(self) -> None:
        self._pdf(lambda data: printing.print_pdf(self, data))

    def save_week(self) -> None:
        name = f"Who is in the building {self.monday.isoformat()}.pdf"
        self._pdf(lambda data: printing.save_pdf(self, data, name))


__all__ = ["BuildingTab"]
