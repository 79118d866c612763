"""The task board: every partner agency's tasks, filtered, grouped and sorted in SQL, with bulk
reassign, due-date and status changes that are each one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QLabel, QStyledItemDelegate, QTableView, QToolBar, QVBoxLayout, QWidget)

from caseteam.domain.tasks import TaskStatus
from caseteam.services import task_board
from caseteam.services.search import HitKind
from caseteam.services.task_board import BoardQuery, TaskSort

from ..models.paged import header_sort
from ..models.task_model import STATUS_CHOICES, Column, TaskTableModel
from ..widgets.task_dialogs import CancelDialog, DueDateDialog, ReassignDialog
from .task_board_filters import TaskFilters

SORT_BY_COLUMN = {Column.GROUP: TaskSort.DUE, Column.REF: TaskSort.REF, Column.TITLE: TaskSort.TITLE,
                  Column.PERSON: TaskSort.PERSON, Column.ORGANIZATION: TaskSort.ORGANIZATION,
                  Column.STAFF: TaskSort.STAFF, Column.DUE: TaskSort.DUE, Column.PRIORITY: TaskSort.PRIORITY,
                  Column.STATUS: TaskSort.STATUS}
# Toolbar texts carry no Alt-letters (the filters use them); every action has a shortcut instead.
STATUS_ACTIONS = (("Mark done", "Ctrl+Return", TaskStatus.DONE), ("Mark in progress", "Ctrl+I", TaskStatus.IN_PROGRESS),
                  ("Mark waiting", "Ctrl+Shift+I", TaskStatus.WAITING), ("Reopen", "Ctrl+Shift+O", TaskStatus.OPEN))


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


class TaskBoard(QWidget):
    rows_loaded = Signal(int)
    PAGE = 200

    def __init__(self, ops, actor, history, parent=None, *, person_id=None) -> None:
        """Every agency's tasks; with person_id, one person's tasks (their workspace's Tasks tab)."""
        super().__init__(parent)
        self.setObjectName("taskBoard" if person_id is None else "personTasks")
        self.ops, self.actor, self.history = ops, actor, history
        self._request = 0
        self._sized = False
        self._query: BoardQuery | None = None
        self.choices: task_board.Choices | None = None
        self.filters = TaskFilters(person_id=person_id)
        self.model = TaskTableModel(self)
        self.model.fetch_more_rows = self._fetch_more
        self.model.status_requested.connect(lambda row, status: self.set_status(status, [row]))
        self.table = self._make_table()
        if person_id is not None:
            self.table.setColumnHidden(Column.PERSON, True)
        self.summary = QLabel("")
        self.summary.setAccessibleName("Tasks shown, overdue and selected")
        self.toolbar = QToolBar("Task actions")
        self.toolbar.setAccessibleName("Task actions")
        self._make_actions()
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        order = self.filters.focus_order() + [self.table]
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.refresh)
        self.filters.text_edited.connect(self._timer.start)
        self.filters.changed.connect(self.refresh)
        self.table.horizontalHeader().sortIndicatorChanged.connect(lambda _c, _o: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_summary())

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("taskTable")
        table.setAccessibleName("Tasks")
        table.setAccessibleDescription("Select one or more tasks, then reassign, change the due date or the status")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked)
        table.setItemDelegateForColumn(Column.STATUS, StatusDelegate(table))
        table.setTabKeyNavigation(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(Column.DUE, Qt.SortOrder.AscendingOrder)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.TITLE, header.ResizeMode.Stretch)  # the title gets the spare room
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.setColumnHidden(Column.GROUP, True)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        return table

    def _action(self, text: str, shortcut: str, slot) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.table.addAction(action)
        self.toolbar.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.reassign_action = self._action("Reassign…", "Ctrl+R", self.ask_reassign)
        self.due_action = self._action("Change due date…", "Ctrl+D", self.ask_due)
        self.status_actions = {status: self._action(text, key, lambda s=status: self.set_status(s))
                               for text, key, status in STATUS_ACTIONS}
        self.cancel_action = self._action("Cancel task…", "Ctrl+Shift+Delete", self.ask_cancel)

    # --- asking for rows -------------------------------------------------------------------------
    def _sort(self) -> tuple[TaskSort, bool]:
        return header_sort(self.table, SORT_BY_COLUMN, Column.DUE)

    def refresh(self) -> None:
        self._timer.stop()
        self._request += 1
        number, page, actor = self._request, self.PAGE, self.actor
        sort, descending = self._sort()
        query = self.filters.query(sort, descending)

        def load(uow):
            return query, task_board.fetch_board(uow, actor, query, limit=page), task_board.choices(uow, actor)

        self.ops.run(load, on_done=lambda result: self._show(number, *result), write=False)

    def _show(self, number: int, query: BoardQuery, page, choices) -> None:
        if number != self._request:
            return
        self._query, self.choices = query, choices
        self.filters.set_choices(choices)
        grouped = {TaskSort.ORGANIZATION: Column.ORGANIZATION, TaskSort.STAFF: Column.STAFF}.get(query.group_by)
        self.model.group_by = grouped
        self.table.setColumnHidden(Column.GROUP, grouped is None)
        self.model.set_rows(page.rows, page.today, page.total)
        if not self._sized and page.rows:
            self._size_columns()
        self._overdue = page.overdue
        self._show_summary()
        self.rows_loaded.emit(len(page.rows))

    def _size_columns(self) -> None:
        """Fit columns to what they hold once, within limits, so long names elide instead of crowding."""
        header = self.table.horizontalHeader()
        for column in Column:
            if column != Column.TITLE:
                self.table.resizeColumnToContents(column)
                header.resizeSection(column, min(header.sectionSize(column), 190))
        self._sized = True

    def _fetch_more(self, offset: int) -> None:
        number, query, actor, page = self._request, self._query, self.actor, self.PAGE
        if query is not None:
            self.ops.run(lambda uow: task_board.fetch_board(uow, actor, query, offset=offset, limit=page,
                                                            with_counts=False),
                         on_done=lambda r: number == self._request and self.model.append_rows(r.rows, r.offset),
                         write=False)

    def _show_summary(self) -> None:
        total, chosen = self.model.total, len(self.selected_rows())
        text = f"{total:,} task{'s' if total != 1 else ''}, {getattr(self, '_overdue', 0):,} overdue"
        self.summary.setText(text + (f"; {chosen} selected" if chosen else ""))

    def selected_rows(self) -> list:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(r) for r in rows]

    # --- changes (each one undo step) --------------------------------------------------------------
    def _perform(self, text: str, do) -> None:
        actor = self.actor
        self.history.perform(text, do, lambda uow, result: task_board.restore_states(uow, actor, result[0]))

    def _chosen(self, rows=None) -> list:
        rows = rows if rows is not None else self.selected_rows()
        if not rows:
            self.summary.setText("Select one or more tasks first (click, Shift+click, Ctrl+click, or Ctrl+A).")
        return rows

    def ask_reassign(self) -> None:
        rows = self._chosen()
        if not rows or self.choices is None:
            return
        dialog = ReassignDialog(self.choices, len(rows), self)
        dialog.choose(rows[0].organization_id, rows[0].staff_id)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reassign(rows, *dialog.answer())

    def reassign(self, rows, organization_id, staff_id=None) -> None:
        ids, actor = [r.id for r in rows], self.actor
        self._perform(f"Reassign {len(ids)} task{'s' if len(ids) != 1 else ''}",
                      lambda uow: task_board.bulk_reassign(uow, actor, ids, organization_id=organization_id,
                                                           staff_id=staff_id))

    def ask_due(self) -> None:
        rows = self._chosen()
        if rows:
            dialog = DueDateDialog(len(rows), rows[0].due, self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.set_due(rows, dialog.answer())

    def set_due(self, rows, due) -> None:
        ids, actor = [r.id for r in rows], self.actor
        self._perform("Change due date", lambda uow: task_board.bulk_set_due(uow, actor, ids, due))

    def set_status(self, status: TaskStatus, rows=None, reason: str = "") -> None:
        rows = self._chosen(rows)
        if rows:
            ids, actor = [r.id for r in rows], self.actor
            self._perform(f"Mark {len(ids)} task{'s' if len(ids) != 1 else ''} {status.label.lower()}",
                          lambda uow: task_board.bulk_set_status(uow, actor, ids, status, reason=reason))

    def ask_cancel(self) -> None:
        rows = self._chosen()
        if rows:
            dialog = CancelDialog(len(rows), self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.set_status(TaskStatus.CANCELLED, rows, dialog.answer())

    # --- the window's calls -------------------------------------------------------------------------
    def apply_changes(self, changes) -> None:
        if changes.tasks or changes.people or changes.organizations or changes.staff:
            self._timer.start()

    def show_hit(self, hit) -> bool:
        """Global search picked an organization, staff member or task: show it here."""
        if hit.kind is HitKind.TASK:
            self.filters.show_only(search=hit.ref)
        elif hit.kind is HitKind.ORGANIZATION:
            self.filters.show_only(organization_id=hit.id)
        elif hit.kind is HitKind.STAFF:
            self.filters.show_only(organization_id=hit.organization_id, staff_id=hit.id)
        else:
            return False
        self.refresh()
        return True


__all__ = ["TaskBoard"]
