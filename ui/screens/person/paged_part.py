"""A workspace part made of pages, each its own tab inside (Work: job development, employment...;
Funding: authorizations, cost-share plan, milestones...).

The workspace has more parts than Alt+1..9 can reach, so such a part has its own key (Ctrl+Shift+J for
Work, Ctrl+Shift+F for Funding) and Ctrl+Tab / Ctrl+Shift+Tab move between its pages. It passes on what
the workspace asks of a part (refresh, apply_changes and the unsaved-edit contract) to its pages, and
shares its version book. Each page is a database job, so a page loads when it is first shown, not when
the person is opened; later refreshes and changes reach only the pages already loaded (the others load
fresh when shown).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


class PagedPart(QWidget):
    dirty_changed = Signal(bool)

    def __init__(self, name: str, spoken: str, pages_word: str, parent=None) -> None:
        """`name` is the object name ("jobsPart"), `spoken` the pages' accessible name, `pages_word`
        what the page keys say ("work" gives "Next work page")."""
        super().__init__(parent)
        self.setObjectName(name)
        self.pages = QTabWidget()
        self.pages.setObjectName(name.removesuffix("Part") + "Pages")
        self.pages.setAccessibleName(spoken)
        self.pages.setAccessibleDescription("Ctrl+Tab shows the next page, Ctrl+Shift+Tab the previous one")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._versions: dict = {}
        self._wanted = False  # the workspace asked for data: shown pages load
        self._loaded: list[QWidget] = []
        self.pages.currentChanged.connect(lambda _i: self._load_shown())
        for text, keys, step in ((f"Next {pages_word} page", ["Ctrl+Tab"], 1),
                                 (f"Previous {pages_word} page", ["Ctrl+Shift+Tab"], -1)):
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _c=False, s=step: self.show_page(self.pages.currentIndex() + s))
            self.addAction(action)

    def reach_from(self, workspace, keys: str, text: str) -> QAction:
        """A key anywhere in the workspace that shows this part (for parts past Alt+1..9)."""
        action = QAction(text, workspace)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _c=False: workspace.show_tab(workspace.tabs.indexOf(self)))
        workspace.addAction(action)
        return action

    # The workspace hands every part one version book (see PersonTab.perform); pass it on.
    @property
    def versions(self) -> dict:
        return self._versions

    @versions.setter
    def versions(self, book: dict) -> None:
        self._versions = book
        for page in self._page_list():
            if hasattr(page, "versions"):
                page.versions = book

    def add_page(self, widget: QWidget, title: str) -> int:
        if hasattr(widget, "versions"):
            widget.versions = self._versions
        dirty = getattr(widget, "dirty_changed", None)
        if dirty is not None:
            dirty.connect(lambda *_a: self.dirty_changed.emit(self.has_unsaved_changes()))
        return self.pages.addTab(widget, title)

    def show_page(self, index: int) -> None:
        if self.pages.count():
            self.pages.setCurrentIndex(index % self.pages.count())
            self.pages.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def page(self, title: str) -> QWidget | None:
        for index in range(self.pages.count()):
            if self.pages.tabText(index).replace("&", "") == title:
                return self.pages.widget(index)
        return None

    def _page_list(self) -> list[QWidget]:
        return [self.pages.widget(i) for i in range(self.pages.count())]

    def _load_shown(self) -> None:
        page = self.pages.currentWidget()
        if self._wanted and self.isVisible() and page is not None and page not in self._loaded:
            self._loaded.append(page)
            if hasattr(page, "refresh"):
                page.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._load_shown()

    def setFocus(self, reason=Qt.FocusReason.OtherFocusReason) -> None:  # noqa: N802 (Qt's name)
        current = self.pages.currentWidget()
        (current or self.pages).setFocus(reason)

    # --- what the workspace asks of a part ----------------------------------------------------------
    def refresh(self) -> None:
        self._wanted = True
        for page in self._loaded:
            if hasattr(page, "refresh"):
                page.refresh()
        self._load_shown()

    def apply_changes(self, changes) -> None:
        for page in self._loaded:
            if hasattr(page, "apply_changes"):
                page.apply_changes(changes)

    def has_unsaved_changes(self) -> bool:
        return any(page.has_unsaved_changes() for page in self._page_list() if hasattr(page, "has_unsaved_changes"))

    def save(self) -> bool:
        from .workspace import save_parts  # the workspace imports this module's users, not this module

        return save_parts(self._page_list())

    def discard(self) -> None:
        for page in self._page_list():
            if hasattr(page, "discard") and hasattr(page, "has_unsaved_changes") and page.has_unsaved_changes():
                page.discard()
