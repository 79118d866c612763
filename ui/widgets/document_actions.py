"""Print / Save buttons and their shortcuts, shared by the tabs that print a person's documents."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QWidget


def shortcut_button(text: str, keys: str, description: str, *, name: str = "") -> QPushButton:
    """A button whose description and tooltip say its shortcut, in the platform's own words."""
    button = QPushButton(text)
    shortcut = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    if name:
        button.setAccessibleName(name)
    button.setAccessibleDescription(f"{description} ({shortcut})")
    button.setToolTip(shortcut)
    return button


def tab_action(tab: QWidget, text: str, keys: str, slot: Callable[[], None]) -> QAction:
    """A shortcut that works only inside `tab`: other tabs use the same keys for their own documents."""
    action = QAction(text, tab)
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    tab.addAction(action)
    return action
