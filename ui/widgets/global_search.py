"""Ctrl+K: find a person, organization, staff member or task by name or reference, from anywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from caseteam.services import search
from caseteam.services.search import SearchHit

HIT_ROLE = Qt.ItemDataRole.UserRole + 1


class GlobalSearchDialog(QDialog):
    chosen = Signal(object)  # the SearchHit the user picked
    results_shown = Signal(int)

    DELAY_MS = 150

    def __init__(self, ops, actor, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Find anything")
        self.setObjectName("globalSearch")
        self.ops, self.actor = ops, actor
        self._request = 0
        self.box = QLineEdit()
        self.box.setPlaceholderText("Name or reference of a person, organization, staff member or task")
        self.box.setAccessibleName("Find anything")
        self.box.setClearButtonEnabled(True)
        label = QLabel("&Find:")
        label.setBuddy(self.box)
        self.results = QListWidget()
        self.results.setAccessibleName("Search results")
        self.results.setAccessibleDescription("Press Enter to open the highlighted result")
        self.status = QLabel("Type at least two letters.")
        self.status.setAccessibleName("Search status")
        layout = QVBoxLayout(self)
        for widget in (label, self.box, self.results, self.status):
            layout.addWidget(widget)
        self.resize(560, 420)
        self._timer = QTimer(self, singleShot=True, interval=self.DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.box.textChanged.connect(lambda _t: self._timer.start())
        self.box.returnPressed.connect(self._choose_current)
        self.results.itemActivated.connect(self._choose)

    def keyPressEvent(self, event) -> None:
        # Up and Down move through the results while the cursor stays in the search box.
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return
        super().keyPressEvent(event)

    def start(self) -> None:
        self.box.selectAll()
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.show()
        self.raise_()
        self.activateWindow()

    def _search(self) -> None:
        self._request += 1
        number, text, actor = self._request, self.box.text(), self.actor
        self.ops.run(lambda uow: search.search(uow, actor, text), write=False,
                     on_done=lambda hits: self._show(number, hits))

    def _show(self, number: int, hits: list[SearchHit]) -> None:
        if number != self._request:
            return
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.title}  —  {hit.detail}  ({hit.ref})")
            item.setData(HIT_ROLE, hit)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
        typed = len(self.box.text().strip()) >= 2
        self.status.setText(f"{len(hits)} found" if typed and hits else "Nothing found." if typed
                            else "Type at least two letters.")
        self.results_shown.emit(len(hits))

    def _choose_current(self) -> None:
        item = self.results.currentItem()
        if item is not None:
            self._choose(item)

    def _choose(self, item: QListWidgetItem) -> None:
        self.hide()
        self.chosen.emit(item.data(HIT_ROLE))
