"""The caseload page: search and stage filter over the people, a table, and the person summary.

Every search runs in SQL on the worker; answers to out-of-date requests are dropped by number.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from caseteam.domain.people import Stage
from caseteam.errors import CaseteamError
from caseteam.services import people, records
from caseteam.services.actors import Actor

from ..models.caseload_model import ROW_ROLE, SORT_ROLE, CaseloadModel, Column
from ..operations import Operations
from .person_summary import PersonSummaryView

SEARCH_PLACEHOLDER = "Search people by name or reference"


class CaseloadPage(QWidget):
    rows_loaded = Signal(int)  # a caseload answer is on screen, with this many rows
    summary_loaded = Signal(object)  # the person id whose summary is now shown

    SEARCH_DELAY_MS = 200  # typing pauses shorter than this are one search
    OPEN_DELAY_MS = 250  # moving through rows with the arrow keys opens only where the user stops
    LIMIT = 1000  # lines in the table; past this, ask the user to narrow the search
    MAX_COLUMN_WIDTH = 170  # pixels, when columns are first fitted to their contents

    def __init__(self, ops: Operations, actor: Actor, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("caseloadPage")
        self.ops = ops
        self.actor = actor
        self._request = 0
        self._summary_request = 0
        self._summary_target = None
        self._sized_columns = False
        self._quiet_selection = False

        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(f"{SEARCH_PLACEHOLDER} (Ctrl+F)")
        self.search_box.setAccessibleName(SEARCH_PLACEHOLDER)
        self.search_box.setClearButtonEnabled(True)
        search_label = QLabel("&Search:")
        search_label.setBuddy(self.search_box)

        self.stage_filter = QComboBox()
        self.stage_filter.setObjectName("stageFilter")
        self.stage_filter.setAccessibleName("Show people in stage")
        self.stage_filter.addItem("All stages", None)
        for stage in Stage:
            self.stage_filter.addItem(stage.label, stage)
        self.stage_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        stage_label = QLabel("S&tage:")
        stage_label.setBuddy(self.stage_filter)

        self.count_label = QLabel("")
        self.count_label.setObjectName("caseloadCount")
        self.count_label.setAccessibleName("Number of people shown")

        self.model = CaseloadModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = self._make_table()
        self.summary = PersonSummaryView()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("caseloadSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.summary)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([980, 420])  # a ratio: Qt scales it to the window

        filters = QHBoxLayout()
        filters.addWidget(search_label)
        filters.addWidget(self.search_box, 3)
        filters.addSpacing(12)
        filters.addWidget(stage_label)
        filters.addWidget(self.stage_filter)
        filters.addSpacing(12)
        filters.addWidget(self.count_label, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        self.setTabOrder(self.search_box, self.stage_filter)
        self.setTabOrder(self.stage_filter, self.table)
        self.setTabOrder(self.table, self.summary)

        self._search_timer = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._open_timer = QTimer(self, singleShot=True, interval=self.OPEN_DELAY_MS)
        self._open_timer.timeout.connect(self._open_current)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self._go_to_table)
        self.stage_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("caseloadTable")
        table.setAccessibleName("Caseload")
        table.setAccessibleDescription("People in the caseload. Press Enter to open a person's summary.")
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table for the summary; arrows move inside
        table.setSortingEnabled(True)
        table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setHighlightSections(False)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # --- queries --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask for the caseload as the search box and stage filter now read."""
        self._search_timer.stop()
        self._request += 1
        number = self._request
        search = self.search_box.text().strip() or None
        stage = self.stage_filter.currentData()
        actor, limit = self.actor, self.LIMIT

        def query(uow):
            rows = people.caseload(uow, actor, search=search, stage=stage, limit=limit)
            total = len(rows) if len(rows) < limit else people.caseload_count(uow, actor, search=search, stage=stage)
            return rows, total, uow.today()

        filtered = search is not None or stage is not None
        self.ops.run(query, on_done=lambda result: self._show_rows(number, filtered, *result), write=False)

    def _show_rows(self, number: int, filtered: bool, rows, total: int, today: date) -> None:
        if number != self._request:
            return  # the user typed on; a newer answer is coming
        current = self.current_person_id()
        self.model.set_rows(rows, today)
        if not self._sized_columns and rows:
            self._size_columns()
        self.count_label.setText(self._count_text(len(rows), total, filtered))
        if current is not None:
            self.select_person(current, open_it=False)
        self.rows_loaded.emit(len(rows))

    def _size_columns(self) -> None:
        """Fit columns to their contents once; long names elide rather than push "Next due" away."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in Column:
            if column != Column.NEXT_DUE and header.sectionSize(column) > self.MAX_COLUMN_WIDTH:
                header.resizeSection(column, self.MAX_COLUMN_WIDTH)
        self._sized_columns = True

    @staticmethod
    def _count_text(shown: int, total: int, filtered: bool) -> str:
        if shown < total:
            return f"Showing the first {shown:,} of {total:,} people; narrow the search to see the rest."
        if total == 0:
            return "No one matches." if filtered else "No people yet."
        if total == 1:
            return "1 person matches" if filtered else "1 person"
        return f"{total:,} people match" if filtered else f"{total:,} people"

    # --- selection and the summary --------------------------------------------------------------
    def current_person_id(self):
        index = self.table.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        return row.id if row is not None else None

    def select_person(self, person_id, *, open_it: bool = True) -> bool:
        source_row = self.model.row_of(person_id)
        if source_row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, Column.NAME))
        self._quiet_selection = not open_it
        try:
            self.table.setCurrentIndex(index)
        finally:
            self._quiet_selection = False
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._quiet_selection:
            self._open_timer.start()

    def _go_to_table(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, Column.NAME))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_index(index)

    def _open_index(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.open_person(row.id)

    def open_person(self, person_id, *, reload: bool = False) -> None:
        """Load and show one person's summary (opening a record is audited, so write=True)."""
        self._open_timer.stop()
        if person_id == self._summary_target and not reload:
            return
        self._summary_target = person_id
        self._summary_request += 1
        number = self._summary_request
        actor = self.actor

        def load(uow):
            return records.person_summary(uow, actor, person_id), uow.today()

        self.ops.run(load, on_done=lambda result: self._show_summary(number, *result),
                     on_error=lambda exc: self._summary_failed(number, exc), write=True,
                     progress_text="Opening the record…")

    def _show_summary(self, number: int, summary, today: date) -> None:
        if number != self._summary_request:
            return
        self.summary.show_summary(summary, today)
        self.summary_loaded.emit(summary.person.id)

    def _summary_failed(self, number: int, exc: CaseteamError) -> None:
        if number != self._summary_request:
            return
        self._summary_target = None
        self.summary.show_message(exc.message)

    # --- focus and layout -----------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("caseload/splitter", self.splitter.saveState())
        settings.setValue("caseload/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value("caseload/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header = settings.value("caseload/header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self._sized_columns = self.table.horizontalHeader().restoreState(header)
