"""The shape the Agreements and Meetings sections share: a toolbar, a row of filters, then a splitter with the
list (its label, the table, how many are shown) on the left and the chosen record on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLayout, QSplitter, QTableView, QToolBar, QVBoxLayout, QWidget


def lay_out_list_and_detail(owner: QWidget, *, toolbar: QToolBar, filters: QLayout, table_label: QLabel,
                            table: QTableView, count_label: QLabel, detail: QWidget, name: str,
                            sizes: tuple[int, int]) -> QSplitter:
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    left_layout.addWidget(table_label)
    left_layout.addWidget(table, 1)
    left_layout.addWidget(count_label)
    splitter = QSplitter()
    splitter.setObjectName(name)  # the window keeps where the user put the divider under this name
    splitter.addWidget(left)
    splitter.addWidget(detail)
    splitter.setSizes(list(sizes))
    layout = QVBoxLayout(owner)
    layout.addWidget(toolbar)
    layout.addLayout(filters)
    layout.addWidget(splitter, 1)
    return splitter


def context_menu_actions(table: QTableView, actions) -> None:
    """The same actions on the list's context menu (Shift+F10 or the menu key)."""
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    for action in actions:
        table.addAction(action)
