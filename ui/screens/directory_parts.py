"""Pieces the list+detail sections (partner directory, employer pipeline) share: the left pane with
search, one choice filter, one check box, a count and the table; a screen's own actions; and the
detail side's placeholder, tab counts and tables refilled without losing the chosen line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView,
                               QTabWidget, QToolBar, QVBoxLayout, QWidget)

from caseteam.errors import Conflict

from ..models.partner_models import ROW_ROLE, RowTableModel
from ..widgets.editor_parts import fit_rows_to_text, record_table


def make_table(model: RowTableModel, name: str, description: str) -> QTableView:
    table = record_table(model, name, description)
    fit_rows_to_text(table)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setHighlightSections(False)
    return table


def current_row(table: QTableView):
    index = table.currentIndex()
    return index.data(ROW_ROLE) if index.isValid() else None


def refused_or_rebased(ops, dialog, read, rows_of):
    """The `failed` answer of an edit dialog: the reason shown in it, or for a stale copy the record as saved
    now (`read(uow)`, then `rows_of(answer)` holds it) under the user's input, saved against it next time."""
    def failed(exc) -> None:
        if not isinstance(exc, Conflict):
            dialog.refuse(exc)
            return
        wanted = dialog.row.id
        ops.run(read, on_done=lambda found: dialog.rebase(next(r for r in rows_of(found) if r.id == wanted)),
                on_error=dialog.refuse, write=False)
    return failed


def screen_action(owner: QWidget, text: str, shortcut: str, toolbar: QToolBar | None = None) -> QAction:
    """An action whose shortcut works while the focus is inside `owner` (screens and pages may share keys)."""
    action = QAction(text, owner)
    action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
    owner.addAction(action)
    if toolbar is not None:
        toolbar.addAction(action)
    return action


class FilterList(QWidget):
    """Search box and choice filter on a line, the check box and the count below, then the table."""

    def __init__(self, model_class, *, search: tuple[str, str], choice: tuple[str, str, str, object],
                 check: tuple[str, str], noun: str, table: tuple[str, str], parent=None) -> None:
        """search: accessible name, placeholder; choice: label, accessible name, "all" text, the enum;
        check: text, description; noun: what the count counts ("employer"); table: name, description."""
        super().__init__(parent)
        self.noun = noun
        self.search_box = QLineEdit()
        self.search_box.setAccessibleName(search[0])
        self.search_box.setPlaceholderText(search[1])
        self.search_box.setClearButtonEnabled(True)
        label_text, choice_name, all_text, values = choice
        self.choice = QComboBox()
        self.choice.setAccessibleName(choice_name)
        self.choice.addItem(all_text, None)
        for value in values:
            self.choice.addItem(value.label, value)
        self.check = QCheckBox(check[0])
        self.check.setAccessibleDescription(check[1])
        self.count_label = QLabel("")
        self.count_label.setAccessibleName(f"Number of {noun}s shown")
        self.model = model_class(self)
        self.table = make_table(self.model, *table)

        filters = QHBoxLayout()
        for text, widget in (("&Search:", self.search_box), (label_text, self.choice)):
            label = QLabel(text)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 2 if widget is self.search_box else 1)
        line = QHBoxLayout()
        line.addWidget(self.check)
        line.addStretch(1)
        line.addWidget(self.count_label)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(filters)
        column.addLayout(line)
        column.addWidget(self.table, 1)

    def focus_order(self) -> list[QWidget]:
        return [self.search_box, self.choice, self.check, self.table]

    def _reset_quietly(self, widget: QWidget, reset) -> None:
        widget.blockSignals(True)
        reset()
        widget.blockSignals(False)

    def show_rows(self, rows, widest: tuple) -> None:
        """The rows, the count, and each (column, most pixels) sized to its content up to that width."""
        self.model.set_rows(rows)
        self.count_label.setText(f"{len(rows)} {self.noun}{'s' if len(rows) != 1 else ''}")
        header = self.table.horizontalHeader()
        for column, most in widest:
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column), most))


# --- the detail side --------------------------------------------------------------------------------
def detail_layout(view: QWidget, header: QWidget, tabs: QTabWidget, placeholder_text: str) -> QLabel:
    """Header and tabs when a record is shown, a centred hint in their place when none is; returns the hint."""
    placeholder = QLabel(placeholder_text)
    placeholder.setWordWrap(True)
    placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout = QVBoxLayout(view)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(header)
    layout.addWidget(tabs, 1)
    layout.addWidget(placeholder, 1)
    return placeholder


def show_placeholder(view, text: str | None = None) -> None:
    """Nothing chosen: the hint (or `text`) instead of the header and tabs. `view` has detail, header,
    tabs and placeholder."""
    view.detail = None
    if text:
        view.placeholder.setText(text)
    view.header.hide()
    view.tabs.hide()
    view.placeholder.show()


def show_record(view) -> None:
    view.placeholder.hide()
    view.header.show()
    view.tabs.show()


def record_tabs(name: str, pages) -> QTabWidget:
    tabs = QTabWidget()
    tabs.setAccessibleName(name)
    tabs.setAccessibleDescription("Ctrl+Tab and Ctrl+Shift+Tab move between the parts")
    for page, title in pages:
        tabs.addTab(page, title)
    return tabs


def set_tab_counts(tabs: QTabWidget, counts) -> None:
    """Each tab's title with its count in brackets; None leaves a tab without one."""
    for number, count in enumerate(counts):
        if count is not None:
            title = tabs.tabText(number).split(" (")[0]
            tabs.setTabText(number, f"{title} ({count})")


def refill_table(table: QTableView, model, rows, widest: int) -> None:
    """New rows, the line chosen before chosen again (else the first), columns no wider than `widest`."""
    chosen = current_row(table)
    model.set_rows(rows)
    number = model.row_of(chosen.id) if chosen is not None else None
    if number is None and rows:
        number = 0
    if number is not None:
        table.setCurrentIndex(model.index(number, 0))
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(model.columnCount()):
        header.resizeSection(column, min(header.sectionSize(column), widest))
