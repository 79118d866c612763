"""The draft editor's numbered sections: a list of titles (add, remove, move up and down) and, for the chosen
one, its title and its body in a plain-text box."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLineEdit, QListWidget, QPlainTextEdit, QVBoxLayout,
                               QWidget)

from .agreement_parties import button, titled


class SectionsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.sections: list[list[str]] = []  # [key, title, body], in print order
        self.list = QListWidget()
        self.list.setObjectName("sectionList")
        self.list.setAccessibleName("Sections")
        self.list.setAccessibleDescription("The agreement's numbered sections in print order; choose one to edit it")
        self.title_box = QLineEdit()
        self.title_box.setAccessibleName("Section title")
        self.body_box = QPlainTextEdit()
        self.body_box.setObjectName("sectionBody")
        self.body_box.setAccessibleName("Section text")
        self.body_box.setTabChangesFocus(True)
        self.add_button = button("Add section", "A new empty section after the chosen one")
        self.remove_button = button("Remove section", "Take the chosen section out")
        self.up_button = button("Move up", "The chosen section comes one place earlier")
        self.down_button = button("Move down", "The chosen section comes one place later")
        left = QVBoxLayout()
        left.addWidget(titled("Sections:", self.list))
        left.addWidget(self.list, 1)
        for pair in ((self.add_button, self.remove_button), (self.up_button, self.down_button)):
            line = QHBoxLayout()
            for widget in pair:
                line.addWidget(widget)
            left.addLayout(line)
        right = QFormLayout()
        right.addRow(titled("Title:", self.title_box), self.title_box)
        right.addRow(titled("Text:", self.body_box), self.body_box)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 2)
        self.list.currentRowChanged.connect(lambda _n: self._show())
        self.title_box.textEdited.connect(self._title_edited)
        self.body_box.textChanged.connect(self._body_edited)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self._enable()

    def focus_order(self) -> list[QWidget]:
        return [self.list, self.add_button, self.remove_button, self.up_button, self.down_button, self.title_box,
                self.body_box]

    def set_sections(self, sections) -> None:
        self.sections = [[s.section_key, s.title, s.body] for s in sections]
        self._refill(0 if self.sections else -1)

    def value(self) -> list[tuple[str, str, str]]:
        return [(key, title.strip(), body.strip()) for key, title, body in self.sections]

    def _refill(self, chosen: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for n, (_key, title, _body) in enumerate(self.sections, start=1):
            self.list.addItem(f"{n}. {title}")
        self.list.blockSignals(False)
        self.list.setCurrentRow(chosen)
        self._show()

    def _show(self) -> None:
        n = self.list.currentRow()
        chosen = self.sections[n] if 0 <= n < len(self.sections) else None
        self.title_box.setText(chosen[1] if chosen else "")
        self.body_box.blockSignals(True)
        self.body_box.setPlainText(chosen[2] if chosen else "")
        self.body_box.blockSignals(False)
        self._enable()

    def _enable(self) -> None:
        n, count = self.list.currentRow(), len(self.sections)
        for widget in (self.title_box, self.body_box, self.remove_button):
            widget.setEnabled(0 <= n < count)
        self.up_button.setEnabled(n > 0)
        self.down_button.setEnabled(0 <= n < count - 1)

    def _title_edited(self, text: str) -> None:
        n = self.list.currentRow()
        if 0 <= n < len(self.sections):
            self.sections[n][1] = text
            self.list.item(n).setText(f"{n + 1}. {text}")
            self.changed.emit()

    def _body_edited(self) -> None:
        n = self.list.currentRow()
        if 0 <= n < len(self.sections):
            self.sections[n][2] = self.body_box.toPlainText()
            self.changed.emit()

    def add(self) -> None:
        n = self.list.currentRow() + 1
        keys = {s[0] for s in self.sections}
        key = next(f"section{k}" for k in range(1, len(self.sections) + 2) if f"section{k}" not in keys)
        self.sections.insert(n, [key, "New section", ""])
        self._refill(n)
        self.title_box.setFocus(Qt.FocusReason.OtherFocusReason)
        self.title_box.selectAll()
        self.changed.emit()

    def remove(self) -> None:
        n = self.list.currentRow()
        if 0 <= n < len(self.sections):
            del self.sections[n]
            self._refill(min(n, len(self.sections) - 1))
            self.changed.emit()

    def move(self, step: int) -> None:
        n = self.list.currentRow()
        to = n + step
        if 0 <= n < len(self.sections) and 0 <= to < len(self.sections):
            self.sections[n], self.sections[to] = self.sections[to], self.sections[n]
            self._refill(to)
            self.changed.emit()

    def choose(self, title: str) -> bool:
        """Make the section with this title the chosen one; False when there is none."""
        for n, section in enumerate(self.sections):
            if section[1] == title:
                self.list.setCurrentRow(n)
                return True
        return False
