"""Handovers…: the organization's past handovers, newest first (when, whose work, by whom, what moved,
the reason, done or undone) and the chosen one's items below; Undo handover (Ctrl+Shift+U) gives every
item back and reopens the staff record, as one undo step of its own."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QVBoxLayout

from caseteam.services.handover_rows import NOUNS

from ..dates import local_instant_date
from ..models.work_models import TextRows
from ..widgets.document_actions import shortcut_button, tab_action
from ..widgets.editor_parts import chain_tab_order, record_table


class HandoverColumn(IntEnum):
    WHEN = 0
    STAFF = 1
    BY = 2
    WHAT = 3
    REASON = 4


class HandoverModel(TextRows):
    Column = HandoverColumn
    HEADERS = {HandoverColumn.WHEN: "When", HandoverColumn.STAFF: "Whose work", HandoverColumn.BY: "By",
               HandoverColumn.WHAT: "What moved", HandoverColumn.REASON: "Reason"}

    def text(self, row, column) -> str:
        if column == HandoverColumn.WHEN:
            return local_instant_date(row.at)
        if column == HandoverColumn.STAFF:
            return row.staff_name
        if column == HandoverColumn.BY:
            return row.by
        if column == HandoverColumn.WHAT:
            return row.summary
        return row.reason


class ItemColumn(IntEnum):
    KIND = 0
    ITEM = 1
    PERSON = 2
    TO = 3


class HandoverItemModel(TextRows):
    Column = ItemColumn
    HEADERS = {ItemColumn.KIND: "Kind", ItemColumn.ITEM: "Item", ItemColumn.PERSON: "Person",
               ItemColumn.TO: "Went to"}

    def text(self, row, column) -> str:
        if column == ItemColumn.KIND:
            return NOUNS[row.kind][0].capitalize()
        if column == ItemColumn.ITEM:
            return row.label
        if column == ItemColumn.PERSON:
            return row.person_name
        return row.to_name


class HandoverHistoryDialog(QDialog):
    undo_requested = Signal(object)  # the HandoverRow chosen

    def __init__(self, organization_name: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverHistory")
        self.setWindowTitle(f"Handovers at {organization_name}")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.model = HandoverModel(self)
        self.table = record_table(self.model, "Handovers", "Newest first; the chosen handover's items are listed "
                                  "below")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        label = QLabel("&Handovers:")
        label.setBuddy(self.table)
        self.items_model = HandoverItemModel(self)
        self.items = record_table(self.items_model, "Items of the chosen handover", "What moved and to whom")
        self.items.horizontalHeader().setStretchLastSection(True)
        items_label = QLabel("I&tems:")
        items_label.setBuddy(self.items)
        self.status = QLabel("Reading the handovers…")
        self.status.setObjectName("handoverStatus")
        self.status.setAccessibleName("About the chosen handover")
        self.status.setWordWrap(True)
        self.undo_button = shortcut_button("&Undo handover", "Ctrl+Shift+U",
                                           "Give every item back and reopen the staff record")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.undo_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        for widget in (label, self.table, self.status, items_label, self.items, buttons):
            layout.addWidget(widget, 1 if widget in (self.table, self.items) else 0)
        chain_tab_order(self.table, self.items, self.undo_button)
        self.undo_button.clicked.connect(self._undo)
        tab_action(self, "Undo the chosen handover", "Ctrl+Shift+U", self._undo)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_chosen())
        self.resize(1000, 560)

    def show_rows(self, rows) -> None:
        chosen = self.chosen()
        self.model.set_rows(rows)
        number = next((n for n, r in enumerate(rows) if chosen is not None and r.id == chosen.id), 0)
        if rows:
            self.table.setCurrentIndex(self.model.index(number, 0))
        for column in (HandoverColumn.WHEN, HandoverColumn.STAFF, HandoverColumn.BY, HandoverColumn.WHAT):
            self.table.resizeColumnToContents(column)
        self._show_chosen()

    def chosen(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _show_chosen(self) -> None:
        row = self.chosen()
        self.items_model.set_rows(list(row.items) if row else [])
        header = self.items.horizontalHeader()
        for column in (ItemColumn.KIND, ItemColumn.PERSON, ItemColumn.TO):
            self.items.resizeColumnToContents(column)
        header.setSectionResizeMode(ItemColumn.ITEM, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        if row is None:
            self.status.setText("No handovers at this organization yet.")
        elif row.undone:
            self.status.setText(f"Undone on {local_instant_date(row.undone_at)} by {row.undone_by}.")
        else:
            self.status.setText(f"{row.staff_name}'s work: {row.summary}. Undo handover (Ctrl+Shift+U) gives it "
                                "all back.")
        self.undo_button.setEnabled(row is not None and not row.undone)

    def _undo(self) -> None:
        row = self.chosen()
        if row is not None and not row.undone:
            self.undo_button.setEnabled(False)
            self.undo_requested.emit(row)

    def refuse(self, exc) -> None:
        self.status.setText(f"⚠ {exc.message}")
        self.undo_button.setEnabled(True)


__all__ = ["HandoverHistoryDialog", "HandoverItemModel", "HandoverModel"]
