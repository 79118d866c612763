"""A table of tasks with its filter bar, action bar and status line: every agency's tasks on the board,
or one person's tasks in their workspace (person_id). Filtered, grouped and sorted in SQL, fetched a page
at a time; the changes (reassign, due date, status, new task) live in task_table_actions.

Screens never start threads: every question goes through ops.run, and answers to out-of-date requests
are dropped by number.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QLabel, QStyledItemDelegate, QTableView, QToolBar,
                               QVBoxLayout, QWidget)

from caseteam.services import task_board, tasks
from caseteam.services.task_board import BoardQuery, TaskSort

from .. import operations  # noqa: F401  (pyside_fixes guards every signal before ours emit)
from ..models.paged import header_sort
from ..models.task_model import STATUS_CHOICES, Column, TaskTableModel
from .task_filters import TaskFilters
from .task_table_actions import TaskActions

SORT_BY_COLUMN = {Column.REF: TaskSort.REF, Column.TITLE: TaskSort.TITLE, Column.PERSON: TaskSort.PERSON,
                  Column.ORGANIZATION: TaskSort.ORGANIZATION, Column.STAFF: TaskSort.STAFF, Column.DUE: TaskSort.DUE,
                  Column.PRIORITY: TaskSort.PRIORITY, Column.STATUS: TaskSort.STATUS}
GROUPED_COLUMN = {TaskSort.ORGANIZATION: Column.ORGANIZATION, TaskSort.STAFF: Column.STAFF}


class StatusDelegate(QStyledItemDelegate):
    """Change a task's status in place with a list (F2 or double-click on the Status cell)."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.setAccessibleName("Task status")
        for status in STATUS_CHOICES:
            combo.addItem(status.label, status)
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(int(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentIndex(), Qt.ItemDataRole.EditRole)


class TaskTable(QWidget):
    rows_loaded = Signal(int)          # an answer is on screen, with this many task lines
    person_activated = Signal(object)  # a person id: Enter, double-click or Ctrl+O on a task (not in a person's tab)

    PAGE = 200
    REFRESH_DELAY_MS = 200  # typing pauses and bursts of changes shorter than this are one query
    MAX_COLUMN_WIDTH = 190

    def __init__(self, ops, actor, history, person_id=None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("personTasks" if person_id is not None else "taskTable")
        self.ops, self.actor, self.history, self.person_id = ops, actor, history, person_id
        self._request = 0
        self._sized = False
        self._query: BoardQuery | None = None
        self._after_load: list[Callable[[], None]] = []
        self.overdue = 0
        self._note = ""          # what the last action did (or why it could not), until the selection moves
        self._restoring = False  # selecting again after a reload is not the user moving
        self.choices: task_board.Choices | None = None  # read with the first page and after partner changes
        self._choices_stale = True
        self.person_name = ""

        self.filters = TaskFilters(person_id=person_id)
        self.model = TaskTableModel(self)
        self.model.fetch_more_rows = self._fetch_more
        self.table = self._make_table()
        if person_id is not None:
            self.table.setColumnHidden(Column.PERSON, True)
        self.summary = QLabel("")
        self.summary.setObjectName("taskSummary")
        self.summary.setAccessibleName("Tasks shown, overdue and selected")
        self.toolbar = QToolBar("Task actions")
        self.toolbar.setAccessibleName("Task actions")
        self.task_actions = TaskActions(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filters)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        order = self.filters.focus_order() + [self.table]
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)

        self._timer = QTimer(self, singleShot=True, interval=self.REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.filters.text_edited.connect(self._timer.start)
        self.filters.changed.connect(self.refresh)
        self.table.horizontalHeader().sortIndicatorChanged.connect(lambda _c, _o: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_moved())
        self.table.activated.connect(self._activated)
        self.model.status_requested.connect(lambda row, status: self.task_actions.set_status(status, [row]))
        self.model.modelReset.connect(lambda: self._span_groups(0, self.model.rowCount() - 1, clear=True))
        self.model.rowsInserted.connect(lambda _p, first, last: self._span_groups(first, last))

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("taskTableView")
        table.setAccessibleName("Tasks")
        table.setAccessibleDescription("Select one or more tasks (Shift or Ctrl with a click or arrow), then "
                                       "reassign, change the due date or the status; the context menu lists all")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked)
        table.setItemDelegateForColumn(Column.STATUS, StatusDelegate(table))
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(Column.DUE, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.TITLE, header.ResizeMode.Stretch)  # the title gets the spare room
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        return table

    # --- asking for rows -------------------------------------------------------------------------
    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Ask for the first page of what the filters and the header's sort say; `then` runs once it is shown."""
        self._timer.stop()
        if then is not None:
            self._after_load.append(then)
        self._request += 1
        number, page, actor, person_id = self._request, self.PAGE, self.actor, self.person_id
        sort, descending = header_sort(self.table, SORT_BY_COLUMN, Column.DUE)
        query = self.filters.query(sort, descending)
        # A keystroke or filter reads the page alone: the organization and staff lists change only when they do.
        with_choices, self._choices_stale = self._choices_stale or self.choices is None, False

        def load(uow):
            name = tasks.person_name(uow, actor, person_id) if person_id is not None else ""
            choices = task_board.choices(uow, actor) if with_choices else None
            return query, task_board.fetch_board(uow, actor, query, limit=page), choices, name

        self.ops.run(load, on_done=lambda result: self._show(number, *result), write=False)

    def _show(self, number: int, query: BoardQuery, page, choices, person_name: str) -> None:
        if choices is not None:  # whatever the request: the newer one may not carry the lists
            self.choices = choices
            self.filters.set_choices(choices)
        if number != self._request:
            return
        keep = [r.id for r in self.selected_rows()]
        current = self.model.row_at(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None
        self._query, self.person_name, self.overdue = query, person_name, page.overdue
        self.model.set_rows(page.rows, page.today, page.total, group_by=GROUPED_COLUMN.get(query.group_by),
                            groups=page.groups)
        self.select_ids(keep, current.id if current else None)
        if not self._sized and page.rows:
            self._size_columns()
        self.show_summary()
        self.rows_loaded.emit(len(page.rows))
        waiting, self._after_load = self._after_load, []
        for then in waiting:
            then()

    def _fetch_more(self, offset: int) -> None:
        number, query, actor, page = self._request, self._query, self.actor, self.PAGE
        if query is not None:
            self.ops.run(lambda uow: task_board.fetch_board(uow, actor, query, offset=offset, limit=page,
                                                            with_counts=False),
                         on_done=lambda r: number == self._request and self.model.append_rows(r.rows, r.offset),
                         write=False)

    def _size_columns(self) -> None:
        """Fit columns to what they hold once, within limits, so long names elide instead of crowding."""
        header = self.table.horizontalHeader()
        for column in Column:
            if column != Column.TITLE:
                self.table.resizeColumnToContents(column)
                header.resizeSection(column, min(header.sectionSize(column), self.MAX_COLUMN_WIDTH))
        self._sized = True

    def _span_groups(self, first: int, last: int, *, clear: bool = False) -> None:
        """A group's header line reads across the whole table."""
        if clear:
            self.table.clearSpans()
        for row in range(first, last + 1):
            if self.model.is_group(row):
                self.table.setSpan(row, 0, 1, len(Column))

    # --- selection and status line ----------------------------------------------------------------
    def selected_rows(self) -> list:
        numbers = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [row for row in (self.model.row_at(n) for n in numbers) if row is not None]

    def select_ids(self, ids, current_id=None) -> None:
        """Select these tasks where they are now (after a reload), and keep the cursor on its task."""
        selection = QItemSelection()
        for task_id in ids:
            row = self.model.row_of(task_id)
            if row is not None:
                selection.select(self.model.index(row, 0), self.model.index(row, len(Column) - 1))
        flags = QItemSelectionModel.SelectionFlag
        self._restoring = True
        try:
            if current_id is not None and self.model.row_of(current_id) is not None:
                self.table.selectionModel().setCurrentIndex(self.model.index(self.model.row_of(current_id), 0),
                                                            flags.NoUpdate)
            self.table.selectionModel().select(selection, flags.ClearAndSelect | flags.Rows)
        finally:
            self._restoring = False

    def _selection_moved(self) -> None:
        if not self._restoring:
            self._note = ""
        self.show_summary()

    def show_summary(self, note: str | None = None) -> None:
        """"120 tasks, 14 overdue; 3 selected", and what the last action did (`note`)."""
        if note is not None:
            self._note = note
        total, chosen, loaded = self.model.total, len(self.selected_rows()), self.model.task_count
        text = f"{total:,} task{'s' if total != 1 else ''}, {self.overdue:,} overdue"
        if loaded < total:
            text += f" ({loaded:,} loaded; scroll for more)"
        text += f"; {chosen:,} selected" if chosen else ""
        self.summary.setText(f"{text}. {self._note}" if self._note else text)

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None and row.person_id is not None and self.person_id is None:
            self.person_activated.emit(row.person_id)

    # --- the window's calls -------------------------------------------------------------------------
    def apply_changes(self, changes) -> None:
        """Refresh (once, shortly) when tasks or the names they show changed."""
        if changes.tasks or changes.people or changes.organizations or changes.staff:
            if changes.organizations or changes.staff:
                self._choices_stale = True
            self._timer.start()


__all__ = ["TaskTable", "SORT_BY_COLUMN"]
