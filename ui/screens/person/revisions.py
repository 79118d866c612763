"""The saved revisions of a person's plan or vocational profile, and any two of them side by side.

Select one revision to compare it with the one before; select two to compare them with each other.
Comparing needs no database work: the rows are loaded once, and the diff is a pure function.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QSplitter, QTableView,
                               QVBoxLayout, QWidget)

from caseteam.services import discovery, plans

from ...models.revision_model import Column, RevisionTableModel, saved_text
from ...widgets.text_diff import SideBySideDiff
from .plan_signature import SignaturePanel
from .tab import PersonTab

KINDS = {
    # kind: (what the rows are called, load revisions, compare two rows, the Changes flag that concerns it)
    "plan": ("plan", plans.plan_revisions, plans.diff_plans, "plans"),
    "profile": ("vocational profile", discovery.profile_revisions, discovery.diff_profiles, "profiles"),
}


class RevisionHistory(PersonTab):
    loaded = Signal(int)        # how many revisions are listed
    compared = Signal(int, int)  # the two revision numbers now side by side (older, newer)

    def __init__(self, ops, actor, history, person_id, kind: str = "plan", parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {sorted(KINDS)}, not {kind!r}")
        self.setObjectName(f"{kind}Revisions")
        self.kind = kind
        self.noun, self._load_rows, self._diff, self._flag = KINDS[kind]
        self.shown: tuple[int, int] | None = None
        self.model = RevisionTableModel(self)
        self.table = self._make_table()
        heading = QLabel(f"Saved revisions of the {self.noun} (newest first). Select one to compare it with the "
                         "one before, or two to compare them:")
        heading.setWordWrap(True)
        heading.setBuddy(self.table)
        self.compare_button = QPushButton("&Compare the two selected")
        self.compare_button.setAccessibleDescription("Show the two selected revisions side by side")
        self.previous_button = QPushButton("Compare with &previous")
        self.previous_button.setAccessibleDescription("Show the current revision beside the one saved before it")
        self.compare_button.clicked.connect(self.compare_selected)
        self.previous_button.clicked.connect(self.compare_with_previous)
        self.diff = SideBySideDiff(f"revisions of the {self.noun}")
        # The plan's revisions carry the person's signature; the line follows the newest selected one.
        self.signature = SignaturePanel(self) if kind == "plan" else None
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(heading)
        top_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.previous_button)
        buttons.addStretch(1)
        top_layout.addLayout(buttons)
        if self.signature is not None:
            top_layout.addWidget(self.signature)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.diff)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([230, 470])  # about six revisions listed before the list scrolls
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.setTabOrder(self.table, self.compare_button)
        self.setTabOrder(self.compare_button, self.previous_button)
        self.setTabOrder(self.previous_button, self.diff.view)
        if self.signature is not None:
            self.setTabOrder(self.previous_button, self.signature.button)
            self.setTabOrder(self.signature.button, self.diff.view)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("revisionTable")
        table.setAccessibleName(f"Revisions of the {self.noun}")
        table.setAccessibleDescription("Select one revision, or two with Ctrl or Shift, to compare them")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.SUMMARY, header.ResizeMode.Stretch)
        for column in (Column.NUMBER, Column.SAVED, Column.AUTHOR, Column.AGREED):
            header.setSectionResizeMode(column, header.ResizeMode.ResizeToContents)
        table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        return table

    # --- loading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        actor, person_id, load = self.actor, self.person_id, self._load_rows

        def job(uow):
            rows = load(uow, actor, person_id)
            return rows, plans.author_names(uow, actor, {r.author_id for r in rows})

        self.run(job, on_done=lambda result: self._show(*result),
                 on_error=lambda exc: self.diff.show_message(exc.message))

    load = refresh

    def apply_changes(self, changes) -> None:
        if getattr(changes, self._flag, False):
            self.refresh()

    def _show(self, rows, authors) -> None:
        keep = self.selected_numbers() or ([max(r.number for r in rows)] if rows else [])
        self.shown = None
        self.model.load(rows, authors)
        if not rows:
            self.diff.show_message(f"No revision of the {self.noun} is saved yet.")
        self.select(*keep)
        self.loaded.emit(len(rows))

    # --- choosing what to compare -----------------------------------------------------------------
    def selected_numbers(self) -> list[int]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return sorted(self.model.row_at(r).number for r in rows if r < self.model.rowCount())

    def select(self, *numbers: int) -> None:
        """Select these revisions (as a click and Ctrl+click would); the comparison follows."""
        selection = self.table.selectionModel()
        flags = selection.SelectionFlag
        selection.clearSelection()
        for number in numbers:
            row = self.model.row_of(number)
            if row >= 0:
                selection.select(self.model.index(row, 0), flags.Select | flags.Rows)
                selection.setCurrentIndex(self.model.index(row, 0), flags.NoUpdate)

    def _selection_changed(self) -> None:
        numbers = self.selected_numbers()
        if self.signature is not None:
            newest = max((r.number for r in self.model.rows), default=0)
            shown = max(numbers) if numbers else newest
            self.signature.show_revision(self.model.by_number(shown), latest=shown == newest)
        if len(numbers) == 2:
            self.compare(*numbers)
        elif len(numbers) == 1:
            self._compare_before(numbers[0])
        elif numbers:
            self.diff.show_message(f"{len(numbers)} revisions are selected: select two to compare them.")

    def compare_selected(self) -> None:
        numbers = self.selected_numbers()
        if len(numbers) != 2:
            self.diff.show_message("Select exactly two revisions (hold Ctrl or Shift), then compare.")
            return
        self.compare(*numbers)

    def compare_with_previous(self) -> None:
        current = self.table.currentIndex()
        if not current.isValid():
            self.diff.show_message("Select a revision first.")
            return
        self._compare_before(self.model.row_at(current.row()).number)

    def _compare_before(self, number: int) -> None:
        earlier = [r.number for r in self.model.rows if r.number < number]
        if not earlier:
            self.shown = None
            self.diff.show_message(f"Revision {number} is the first revision of the {self.noun}; there is no "
                                   "earlier one to compare it with.")
            return
        self.compare(max(earlier), number)

    def compare(self, first: int, second: int) -> None:
        older, newer = self.model.by_number(min(first, second)), self.model.by_number(max(first, second))
        if older is None or newer is None:
            return
        self.shown = (older.number, newer.number)
        self.diff.show_differences(self._diff(older, newer), self._title(older), self._title(newer))
        self.compared.emit(older.number, newer.number)

    def _title(self, row) -> str:
        return f"Revision {row.number} ({saved_text(row)}, {self.model.author(row)})"
