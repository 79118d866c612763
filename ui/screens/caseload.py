"""The caseload page: filters over the people, a table fetched page by page, and the person summary.

Every search, filter and sort runs in SQL on the worker; answers to out-of-date requests are dropped
by number, and the table asks for the next page only when the user scrolls near its end.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMenu, QSplitter, QTableView,
                               QToolButton, QVBoxLayout, QWidget)

from caseteam.errors import CaseteamError
from caseteam.services import caseload, records
from caseteam.services.actors import Actor
from caseteam.services.caseload import CaseloadQuery, CaseloadSort

from ..models.paged import header_sort
from ..models.caseload_model import HEADERS, ROW_ROLE, CaseloadModel, Column
from ..operations import Operations
from .caseload_filters import SEARCH_PLACEHOLDER, CaseloadFilters
from ..widgets.editor_parts import fit_rows_to_text
from .person_summary import PersonSummaryView

SORT_BY_COLUMN = {
    Column.NAME: CaseloadSort.NAME, Column.STAGE: CaseloadSort.STAGE, Column.LEAD: CaseloadSort.LEAD,
    Column.HOME_ORGANIZATION: CaseloadSort.HOME_ORGANIZATION, Column.OPEN_TASKS: CaseloadSort.OPEN_TASKS,
    Column.NEXT_DUE: CaseloadSort.NEXT_DUE, Column.PLAN_REVISED: CaseloadSort.PLAN_REVISED,
}

__all__ = ["CaseloadPage", "SEARCH_PLACEHOLDER"]


class CaseloadPage(QWidget):
    rows_loaded = Signal(int)  # a caseload answer is on screen, with this many rows
    summary_loaded = Signal(object)  # the person id whose summary is now shown
    person_activated = Signal(object)  # Enter or double-click: open the person's workspace

    SEARCH_DELAY_MS = 200  # typing pauses shorter than this are one search
    OPEN_DELAY_MS = 250  # moving through rows with the arrow keys opens only where the user stops
    PAGE = 200  # rows fetched at a time; more arrive as the user scrolls
    LIMIT = PAGE  # what the first answer shows at most
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
        self._choices_stale = True  # the lead and organization lists: read with the first page and after changes

        self.filters = CaseloadFilters()
        self.search_box = self.filters.search_box
        self.stage_filter = self.filters.stage_filter
        self.columns_button = QToolButton()
        self.columns_button.setText("Col&umns")
        self.columns_button.setAccessibleName("Choose the columns to show")
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

        self.count_label = QLabel("")
        self.count_label.setObjectName("caseloadCount")
        self.count_label.setAccessibleName("Number of people shown")

        self.model = CaseloadModel(self)
        self.model.fetch_more_rows = self._fetch_more
        self._query: CaseloadQuery | None = None
        self.table = self._make_table()
        self.columns_button.setMenu(self._columns_menu())
        self.summary = PersonSummaryView()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("caseloadSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.summary)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([980, 420])  # a ratio: Qt scales it to the window

        top = QHBoxLayout()
        top.addWidget(self.filters, 1)
        top.addWidget(self.columns_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.count_label)
        layout.addWidget(self.splitter, 1)

        order = self.filters.focus_order() + [self.columns_button, self.table, self.summary]
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)

        self._search_timer = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self._open_timer = QTimer(self, singleShot=True, interval=self.OPEN_DELAY_MS)
        self._open_timer.timeout.connect(self._open_current)
        self.filters.text_edited.connect(self._search_timer.start)
        self.search_box.returnPressed.connect(self._go_to_table)
        self.filters.changed.connect(self.refresh)
        self.table.horizontalHeader().sortIndicatorChanged.connect(lambda _c, _o: self.refresh())
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("caseloadTable")
        table.setAccessibleName("Caseload")
        table.setAccessibleDescription("People in the caseload. Press Enter to open a person's summary.")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table for the summary; arrows move inside
        # Sorting happens in SQL (the table holds only the pages fetched so far), so the header only
        # shows the indicator and tells us which column the user chose.
        table.setSortingEnabled(False)
        header = table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(Column.NAME, Qt.SortOrder.AscendingOrder)
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self.columns_button.menu().exec(header.mapToGlobal(pos)))
        table.verticalHeader().setVisible(False)
        fit_rows_to_text(table)
        table.horizontalHeader().setHighlightSections(False)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # --- queries --------------------------------------------------------------------------------
    def _columns_menu(self) -> QMenu:
        """Show or hide columns (the name always stays); drag headers to reorder. Both are remembered."""
        menu = QMenu(self)
        header = self.table.horizontalHeader()
        for column in Column:
            action = QAction(HEADERS[column], menu, checkable=True, checked=not header.isSectionHidden(column))
            action.setEnabled(column != Column.NAME)
            action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
            menu.addAction(action)
        menu.aboutToShow.connect(lambda: [a.setChecked(not header.isSectionHidden(c))
                                          for c, a in zip(Column, menu.actions())])
        return menu

    def _sort(self) -> tuple[CaseloadSort, bool]:
        return header_sort(self.table, SORT_BY_COLUMN, Column.NAME)

    def refresh(self) -> None:
        """Ask for the first page of the caseload as the filters and sort now read."""
        self._search_timer.stop()
        self._request += 1
        number = self._request
        values = self.filters.snapshot()
        sort, descending = self._sort()
        actor, page = self.actor, self.PAGE
        # A keystroke reads the page alone; the filter lists change only when people, staff or partners do.
        with_choices, self._choices_stale = self._choices_stale, False

        def query(uow):
            built = values.query(actor, uow.today(), CaseloadQuery(sort=sort, descending=descending))
            choices = caseload.filter_choices(uow, actor) if with_choices else None
            return built, caseload.fetch_page(uow, actor, built, limit=page), choices

        filtered = self.filters.is_filtered()
        self.ops.run(query, on_done=lambda result: self._show_rows(number, filtered, *result), write=False)

    def _show_rows(self, number: int, filtered: bool, query: CaseloadQuery, page, choices) -> None:
        if choices is not None:  # whatever the request: the newer one may not carry the lists
            self.filters.set_choices(choices)
        if number != self._request:
            return  # the user typed on; a newer answer is coming
        current = self.current_person_id()
        self._query = query
        self.model.set_rows(page.rows, page.today, page.total)
        if not self._sized_columns and page.rows:
            self._size_columns()
        self.count_label.setText(self._count_text(page.total, filtered))
        if current is not None:
            self.select_person(current, open_it=False)
        self.rows_loaded.emit(len(page.rows))

    def _fetch_more(self, offset: int) -> None:
        """The table scrolled near the end of what it holds: fetch the next page of the same query."""
        number, query, actor, page = self._request, self._query, self.actor, self.PAGE
        if query is None:
            return

        def more(uow):
            return caseload.fetch_page(uow, actor, query, offset=offset, limit=page, with_total=False)

        self.ops.run(more, on_done=lambda result: number == self._request and self.model.append_rows(
            result.rows, result.offset), write=False)

    def _size_columns(self) -> None:
        """Fit columns to their contents once; long names elide rather than push "Next due" away."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in Column:
            if column != Column.NEXT_DUE and header.sectionSize(column) > self.MAX_COLUMN_WIDTH:
                header.resizeSection(column, self.MAX_COLUMN_WIDTH)
        self._sized_columns = True

    @staticmethod
    def _count_text(total: int, filtered: bool) -> str:
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
        index = self.model.index(source_row, Column.NAME)
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
        if self.model.rowCount() == 0:
            return
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, Column.NAME))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_index(index)

    def _open_index(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self.open_person(row.id)
            if self.sender() is self.table:  # activated (Enter, double-click), not just moved onto
                self.person_activated.emit(row.id)

    def open_person(self, person_id, *, reload: bool = False) -> None:
        """Load and show one person's summary. Opening a record is audited (a writing unit); a reload of
        the summary already shown, after someone's change, is not another opening (read-only)."""
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
                     on_error=lambda exc: self._summary_failed(number, exc), write=not reload,
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

    def show_person(self, person_id) -> None:
        """Global search picked a person: select their line if loaded, and show the summary either way."""
        if not self.select_person(person_id, open_it=False):
            self.table.clearSelection()
        self.open_person(person_id)

    def apply_changes(self, changes) -> None:
        """Another screen changed data this page shows: ask again (the summary too, if one is open)."""
        if changes.people or changes.tasks or changes.plans or changes.teams or changes.staff \
                or changes.organizations or changes.profiles or changes.discovery:
            if changes.people or changes.staff or changes.organizations:
                self._choices_stale = True
            self._search_timer.start()
            if self._summary_target is not None:
                self.open_person(self._summary_target, reload=True)

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
