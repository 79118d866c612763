"""The tabs in the middle of the window: fixed sections (Caseload, Tasks, Partners) first, then one
closable tab per open person workspace. Closing a tab with unsaved edits asks Save / Discard / Cancel."""

from __future__ import annotations

from typing import Callable

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMessageBox, QTabWidget, QWidget


def ask_about_unsaved(parent: QWidget, what: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel; Cancel is the default so a stray Enter never drops work."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes",
                      f"{what} has changes that are not saved yet.", parent=parent)
    box.setInformativeText("Save them, discard them, or cancel and keep editing?")
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return QMessageBox.StandardButton(box.exec())


class Sections(QTabWidget):
    person_tab_closed = Signal(object)  # person id

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("sections")
        self.setDocumentMode(True)
        self.setMovable(False)
        self.setTabsClosable(True)
        self.setUsesScrollButtons(True)
        self.setAccessibleName("Open screens and people")
        self.fixed: list[QWidget] = []
        self.people: dict[object, QWidget] = {}
        self.tabCloseRequested.connect(self.close_tab)
        self._visited: list[QWidget] = []  # most recent last: where closing the current tab goes back to
        self.currentChanged.connect(self._note_visit)
        # Asked before a tab with unsaved edits closes; tests replace it.
        self.ask: Callable[[QWidget, str], QMessageBox.StandardButton] = ask_about_unsaved

    def add_section(self, widget: QWidget, title: str) -> int:
        index = self.insertTab(len(self.fixed), widget, title)
        self.fixed.append(widget)
        # Sections stay open: hide their close buttons on either side of the title.
        for side in (self.tabBar().ButtonPosition.RightSide, self.tabBar().ButtonPosition.LeftSide):
            button = self.tabBar().tabButton(index, side)
            if button is not None:
                button.hide()
        return index

    def show_section(self, number: int) -> None:
        if 0 <= number < len(self.fixed):
            self.setCurrentWidget(self.fixed[number])
            self.fixed[number].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def open_person_tab(self, person_id, make: Callable[[], QWidget], title: str = "Opening…") -> QWidget:
        tab = self.people.get(person_id)
        if tab is None:
            tab = make()
            self.people[person_id] = tab
            self.addTab(tab, title)
            title_changed = getattr(tab, "title_changed", None)
            if title_changed is not None:
                title_changed.connect(lambda text, t=tab: self.setTabText(self.indexOf(t), text))
        self.setCurrentWidget(tab)
        return tab

    def close_tab(self, index: int) -> bool:
        """True when the tab closed; False when the user chose to keep editing."""
        tab = self.widget(index)
        if tab is None or tab in self.fixed:
            return False
        if not self._may_leave(tab):
            return False
        if tab is self.currentWidget():
            self._go_back_from(tab)
        self.removeTab(index)
        for person_id, open_tab in list(self.people.items()):
            if open_tab is tab:
                del self.people[person_id]
                self.person_tab_closed.emit(person_id)
        tab.deleteLater()
        return True

    def _note_visit(self, index: int) -> None:
        widget = self.widget(index)
        if widget is not None:
            self._visited = [w for w in self._visited if w is not widget and self._holds(w)] + [widget]

    def _go_back_from(self, tab: QWidget) -> None:
        """Before a current tab closes: back to the tab shown before it (the caseload, say), not to the one
        beside it, which Qt would show, and which as a section would read its data for nothing."""
        earlier = [w for w in self._visited if w is not tab and self._holds(w)]
        if earlier:
            self.setCurrentWidget(earlier[-1])
        elif self.fixed:
            self.setCurrentWidget(self.fixed[0])

    def _holds(self, widget: QWidget) -> bool:
        return shiboken6.isValid(widget) and self.indexOf(widget) >= 0

    def close_current(self) -> None:
        self.close_tab(self.currentIndex())

    def may_close_all(self) -> bool:
        """Before the window closes: every tab with unsaved edits is saved, discarded or keeps us open."""
        return all(self._may_leave(tab) for tab in list(self.people.values()) + self.fixed)

    def _may_leave(self, tab: QWidget) -> bool:
        unsaved = getattr(tab, "has_unsaved_changes", None)
        if unsaved is None or not unsaved():
            return True
        self.setCurrentWidget(tab)
        answer = self.ask(self, self.tabText(self.indexOf(tab)).rstrip(" *") or "This screen")
        if answer == QMessageBox.StandardButton.Save:
            return bool(tab.save())
        if answer == QMessageBox.StandardButton.Discard:
            tab.discard()
            return True
        return False
