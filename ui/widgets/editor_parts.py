"""Pieces an editing tab is built from: a scrolling area of fields that Tab moves through, the bar
with the save status and Revert / Save buttons, and a read-only table of records."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QObject, Qt, Slot
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QScrollArea,
                               QTableView, QWidget)

SIZED_FROM_ROWS = 200  # column widths and row height are measured on this many rows, not on thousands


def fields_scroll(inner: QWidget, name: str) -> QScrollArea:
    """Fields that may not fit: only they scroll. The area itself takes no focus; Tab goes from field
    to field and the area follows."""
    scroll = QScrollArea()
    scroll.setWidget(inner)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setAccessibleName(name)
    return scroll


class SaveBar(QWidget):
    """What happened to the last save, then Revert and Save (the caller connects their clicked)."""

    def __init__(self, what: str, save_text: str, save_description: str, revert_description: str,
                 parent=None) -> None:
        super().__init__(parent)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(f"{what} save status")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.revert_button = QPushButton("Rever&t")
        self.revert_button.setAccessibleDescription(revert_description)
        self.save_button = QPushButton(save_text)
        self.save_button.setAccessibleDescription(save_description)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.revert_button)
        layout.addWidget(self.save_button)

    def enable(self, *, can_save: bool, can_revert: bool) -> None:
        self.save_button.setEnabled(can_save)
        self.revert_button.setEnabled(can_revert)


def record_table(model: QAbstractItemModel, name: str, description: str) -> QTableView:
    """One record per line, chosen whole; Tab leaves the table (arrows move inside), no header numbers."""
    table = QTableView()
    table.setAccessibleName(name)
    table.setAccessibleDescription(description)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    return table


class _RowHeights(QObject):
    """A child of the table, so its connections to the model end with the table (models may outlive it)."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.layoutChanged):
            signal.connect(self.fit)

    @Slot()
    def fit(self) -> None:
        rows = min(self.table.model().rowCount(), 20)
        if rows:
            sizes = [self.table.sizeHintForRow(row) for row in range(rows)]
            self.table.verticalHeader().setDefaultSectionSize(max(sizes))


def fit_rows_to_text(table: QTableView) -> None:
    """Rows as tall as their text needs (a large font, stacked diacritics as in "Nguyễn"), measured on the first
    rows after each reset: the header's ResizeToContents asks the model for every cell of every row, which is
    seconds for a few thousand records. Cells hold one line (no word wrap), so every row needs the same."""
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.horizontalHeader().setResizeContentsPrecision(SIZED_FROM_ROWS)
    _RowHeights(table)


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """Buttons for the records above them, left-aligned."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def chain_tab_order(*widgets: QWidget) -> None:
    """Tab visits the widgets in this order (call once they are all in the window). A DateField goes in as
    its two parts: setTabOrder on the compound closed the chain into a loop (Tab from the field before it
    went back to the first field of the form)."""
    from .date_field import DateField

    stops = [part for w in widgets for part in ((w.picker, w.unknown) if isinstance(w, DateField) else (w,))]
    for first, second in zip(stops, stops[1:]):
        QWidget.setTabOrder(first, second)
