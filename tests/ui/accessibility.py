"""The accessibility walk: every focusable control has a name a screen reader can say, and every
action can be reached from the keyboard. Used by test_accessibility.py on every screen and dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QLabel, QMainWindow, QMenu, QMenuBar, QScrollBar,
                               QTabBar, QWidget)


def _buddied(root: QWidget) -> set[int]:
    return {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}


def spoken_name(widget: QWidget, buddied: set[int]) -> str:
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return widget.text()
    if id(widget) in buddied:
        return "(named by its label)"
    if isinstance(widget, QLabel) and widget.text().strip():
        return widget.text()
    return ""


def _is_plumbing(widget: QWidget) -> bool:
    """Parts Qt builds inside other controls (scroll bars, viewports, tab bars' scroll buttons)."""
    if isinstance(widget, (QScrollBar, QTabBar, QMenu)):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and widget is parent.viewport():
            return True
        if isinstance(parent, QTabBar):
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_")


def unnamed_controls(root: QWidget) -> list[str]:
    buddied = _buddied(root)
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(root.window()):
            continue
        if _is_plumbing(widget):
            continue
        if not spoken_name(widget, buddied):
            problems.append(f"{type(widget).__name__} {widget.objectName() or ''} in {type(root).__name__}")
    return problems


def actions_without_keyboard_route(window: QWidget) -> list[str]:
    """Menu-bar actions are reached through the menus (Alt); any other action needs a shortcut."""
    in_menus: set[int] = set()
    if isinstance(window, QMainWindow):
        stack = [a.menu() for a in window.menuBar().actions() if a.menu()]
        while stack:
            menu = stack.pop()
            for action in menu.actions():
                in_menus.add(id(action))
                if action.menu():
                    stack.append(action.menu())
    problems = []
    for widget in [window, *window.findChildren(QWidget)]:
        if isinstance(widget, QMenu):
            continue
        for action in widget.actions():
            if not isinstance(action, QAction) or action.isSeparator() or id(action) in in_menus:
                continue
            if action.objectName().startswith("_q_"):
                continue  # Qt's own (a line edit's clear button)
            if action.menu() is not None or isinstance(widget, QMenuBar):
                continue  # a menu itself: opened with its mnemonic or its button
            if action.shortcut().isEmpty() and not action.shortcuts():
                problems.append(f"action {action.text()!r} ({action.objectName()}) on {type(widget).__name__}")
    return problems


def clashing_mnemonics(window: QWidget) -> list[str]:
    """Alt+letter must lead to one place: menus, labels and buttons on screen may not share a letter."""
    import re

    texts = [a.text() for a in window.menuBar().actions()] if isinstance(window, QMainWindow) else []
    for widget in window.findChildren(QWidget):
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.isVisibleTo(window):
            texts.append(widget.text())
    seen: dict[str, str] = {}
    clashes = []
    for text in texts:
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match:
            letter = match.group(1).lower()
            if letter in seen:
                clashes.append(f"Alt+{letter}: {seen[letter]!r} and {text!r}")
            seen[letter] = text
    return clashes
