"""The Money section: the "money on the table" board. At the top, one line per kind (milestones achieved
but not invoiced, invoices returned or aging past 30 / 60 days, services without an authorization,
authorizations requested and not received or expiring within 30 days) with its count and total; below,
every line, narrowed by kind and funder. Enter or a double-click opens the record to fix in the person's
Funding part.

Employment milestones fall due from the job dates, so the section asks the services to bring them up to
date (a write) when it is first shown and on Refresh (F5); later changes only read the board again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from caseteam.services import milestones, money_board
from caseteam.services.changes import NOTHING

from ..dates import local_date
from ..models.billing_models import BoardColumn, BoardModel, TotalColumn, TotalsModel, amount_text
from ..operations import changes_in
from ..widgets.editor_parts import chain_tab_order, record_table
from ..widgets.field_row import find_data

ALL = None  # the "every kind" / "every funder" choice of a filter


def filter_box(text: str, description: str, every: str) -> tuple[QComboBox, QLabel]:
    """A filter's choices, starting with `every` (no filter), and its label."""
    box = QComboBox()
    box.setAccessibleName(text.replace("&", ""))
    box.setAccessibleDescription(description)
    box.addItem(every, ALL)
    label = QLabel(f"{text}:")
    label.setBuddy(box)
    return box, label


class MoneyBoard(QWidget):
    record_chosen = Signal(object)  # the BoardLine whose record should open
    board_loaded = Signal(object)  # the MoneyBoard now on screen

    def __init__(self, ops, actor, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("moneyBoard")
        self.ops, self.actor = ops, actor
        self.board = None
        self._brought_up_to_date = False  # milestones refreshed once, when the section is first shown
        self._own_changes = False  # our own refresh's Changes come back through data_changed: no reload

        self.summary = QLabel("Loading the money board…")
        self.summary.setObjectName("moneySummary")
        self.summary.setAccessibleName("Money board summary")
        self.summary.setWordWrap(True)
        self.totals_model = TotalsModel(self)
        self.totals = record_table(self.totals_model, "Money on the table by kind",
                                   "One line per kind with how many lines and how much; Enter shows only that kind")
        self.totals.horizontalHeader().setSectionResizeMode(TotalColumn.KIND, QHeaderView.ResizeMode.Stretch)
        self.totals.setMaximumHeight(self.totals.verticalHeader().defaultSectionSize() * 8 + 8)
        totals_label = QLabel("&Totals:")
        totals_label.setBuddy(self.totals)

        self.kind_filter, kind_label = filter_box("&Kind", "Show only one kind of line", "Every kind")
        for kind in money_board.BoardKind:
            self.kind_filter.addItem(kind.label, kind)
        self.funder_filter, funder_label = filter_box("F&under", "Show only one funder's lines", "Every funder")
        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setAccessibleDescription("Bring milestones up to date and read the board again (F5)")
        self.refresh_button.setToolTip("F5")
        filters = QHBoxLayout()
        for widget in (kind_label, self.kind_filter, funder_label, self.funder_filter):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.refresh_button)

        self.model = BoardModel(self)
        self.table = record_table(self.model, "Money on the table",
                                  "Oldest first within each kind; Enter or a double-click opens the record to fix")
        self.table.horizontalHeader().setSectionResizeMode(BoardColumn.WHAT, QHeaderView.ResizeMode.Stretch)
        lines_label = QLabel("&Lines:")
        lines_label.setBuddy(self.table)
        self.shown_label = QLabel("")
        self.shown_label.setAccessibleName("Lines shown")

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(totals_label)
        layout.addWidget(self.totals)
        layout.addLayout(filters)
        layout.addWidget(lines_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.shown_label)
        chain_tab_order(self.totals, self.kind_filter, self.funder_filter, self.refresh_button, self.table)
        self.setFocusProxy(self.table)

        self.refresh_action = QAction("Refresh the money board", self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(self.bring_up_to_date)
        self.addAction(self.refresh_action)
        self.refresh_button.clicked.connect(self.bring_up_to_date)
        self.kind_filter.currentIndexChanged.connect(lambda _i: self._show_lines())
        self.funder_filter.currentIndexChanged.connect(lambda _i: self._show_lines())
        self.totals.activated.connect(self._filter_to_kind)
        self.table.activated.connect(lambda index: self._open(index.row()))

    # --- data -----------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if not self._brought_up_to_date:
            self._brought_up_to_date = True
            self.bring_up_to_date()

    def bring_up_to_date(self) -> None:
        """Milestones due from job dates are worked out (a write), then the board is read."""
        actor = self.actor

        def job(uow):
            changes = changes_in(milestones.refresh_all_due(uow, actor)) or NOTHING
            return money_board.money_board(uow, actor), changes

        self.ops.run(job, on_done=self._refreshed, on_error=self._refused, write=True,
                     progress_text="Bringing the money board up to date…")

    def refresh(self) -> None:
        actor = self.actor
        self.ops.run(lambda uow: money_board.money_board(uow, actor), on_done=self._show, on_error=self._refused,
                     write=False)

    def apply_changes(self, changes) -> None:
        if self._own_changes:
            self._own_changes = False
            return
        if changes.funding and self._brought_up_to_date:
            self.refresh()

    def _refreshed(self, result) -> None:
        board, changes = result
        self._own_changes = bool(changes)  # data_changed follows this answer at once
        self._show(board)

    def _refused(self, exc) -> None:
        self.summary.setText(exc.message)

    def _show(self, board) -> None:
        keep = self.current()
        self.board = board
        self.totals_model.set_rows(board.totals)
        count = sum(c for _k, c, _a in board.totals)
        total = sum((a for _k, _c, a in board.totals if a is not None), start=0)
        as_of = f"As of {local_date(board.as_of)}"
        self.summary.setText(f"{as_of}: {count} line{'s' if count != 1 else ''} to fix, {amount_text(total)} in all."
                             if count else f"{as_of}: nothing is left on the table.")
        chosen_funder = self.funder_filter.currentData()
        funders = sorted({line.funder_name for line in board.lines if line.funder_name})
        blocked = self.funder_filter.blockSignals(True)
        self.funder_filter.clear()
        self.funder_filter.addItem("Every funder", ALL)
        for name in funders:
            self.funder_filter.addItem(name, name)
        index = self.funder_filter.findText(chosen_funder) if chosen_funder else 0
        self.funder_filter.setCurrentIndex(max(0, index))
        self.funder_filter.blockSignals(blocked)
        self._show_lines(keep)
        self.totals.resizeColumnsToContents()
        self.board_loaded.emit(board)

    def shown_lines(self) -> list:
        if self.board is None:
            return []
        kind, funder = self.kind_filter.currentData(), self.funder_filter.currentData()
        return [line for line in self.board.lines
                if (kind is ALL or line.kind is kind) and (funder is ALL or line.funder_name == funder)]

    def _show_lines(self, keep=None) -> None:
        keep = keep or self.current()
        lines = self.shown_lines()
        self.model.set_rows(lines)
        every = len(self.board.lines) if self.board is not None else 0
        self.shown_label.setText(f"{len(lines)} of {every} lines shown." if len(lines) != every
                                 else f"{every} line{'s' if every != 1 else ''} shown.")
        row = next((i for i, line in enumerate(lines) if keep is not None and line.record_id == keep.record_id
                    and line.kind is keep.kind), 0 if lines else None)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, BoardColumn.KIND))
        for column in (BoardColumn.KIND, BoardColumn.PERSON, BoardColumn.RECORD, BoardColumn.AMOUNT,
                       BoardColumn.SINCE):
            self.table.resizeColumnToContents(column)

    def current(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    # --- choosing ---------------------------------------------------------------------------------------
    def _filter_to_kind(self, index) -> None:
        row = self.totals_model.row_at(index.row())
        if row is not None:
            self.kind_filter.setCurrentIndex(max(0, find_data(self.kind_filter, row[0])))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open(self, row: int) -> None:
        line = self.model.row_at(row)
        if line is not None:
            self.record_chosen.emit(line)


__all__ = ["MoneyBoard"]
