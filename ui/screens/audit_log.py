"""The Audit log section: who did what to which record and when, filtered in SQL, fetched a page at a time
as the table scrolls, with the selected entry's changes spelled out and Export… to CSV, XLSX or JSON.

Reading the log writes nothing; an export is itself an entry (the services do both). A person's
workspace shows the same page narrowed to that person (person_id=...).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit,
                               QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from caseteam.errors import CaseteamError
from caseteam.services import audit_export, audit_view
from caseteam.services.audit_view import AuditQuery, AuditRow

from ..models.audit_model import ROW_ROLE, AuditModel, Column, person_text, when_text
from ..widgets import error_dialog
from .audit_filters import AuditFilters

FILE_TYPES = {"csv": "CSV, for spreadsheets (*.csv)", "xlsx": "Excel workbook (*.xlsx)", "json": "JSON (*.json)"}


def choose_export_file(parent: QWidget, suggested: str) -> tuple[Path, str] | None:
    """Ask where to save and in which format; None when cancelled. Tests replace this."""
    path, chosen = QFileDialog.getSaveFileName(parent, "Export the audit log", suggested,
                                               ";;".join(FILE_TYPES.values()))
    if not path:
        return None
    fmt = audit_export.format_of(Path(path))
    if fmt is None:  # no or another extension: the type picked in the dialog decides, and names the file
        fmt = next((f for f, text in FILE_TYPES.items() if text == chosen), "csv")
        path = f"{path}.{fmt}"
    return Path(path), fmt


def details_text(row: AuditRow) -> str:
    lines = [f"Entry {row.seq}, {when_text(row)} (your time; {row.at:%Y-%m-%d %H:%M:%S} UTC)",
             f"By: {row.actor_name}",
             f"Action: {row.action.replace('_', ' ').capitalize()}",
             f"Record: {row.record_text}"]
    if row.person_id is not None:
        lines.append(f"About: {person_text(row) or row.person_id}")
    if row.reason:
        lines.append(f"Reason: {row.reason}")
    changes = row.change_lines()
    lines += ["", "Changes:", *changes] if changes else ["", "No fields changed."]
    return "\n".join(lines)


class AuditLogPage(QWidget):
    rows_loaded = Signal(int)   # an answer is on screen, with this many rows
    exported = Signal(str)      # the file an export was written to

    PAGE = 200
    SEARCH_DELAY_MS = 250

    def __init__(self, ops, actor, parent=None, *, person_id=None) -> None:
        super().__init__(parent)
        self.setObjectName("auditLog" if person_id is None else "personHistory")
        self.ops, self.actor, self.person_id = ops, actor, person_id
        self._request = 0
        self._stale = True       # ask the store when next shown (every write adds entries)
        self._choices_stale = True
        self._query: AuditQuery | None = None

        self.filters = AuditFilters(person_id=person_id)
        self.clear_button = QPushButton("C&lear filters")
        self.clear_button.setAccessibleName("Clear every filter")
        self.export_button = QPushButton("E&xport…")
        self.export_button.setAccessibleName("Export the entries shown to a CSV, Excel or JSON file")
        self.count_label = QLabel("")
        self.count_label.setAccessibleName("Number of audit entries shown")
        self.status_label = QLabel("")
        self.status_label.setAccessibleName("Export result")
        self.status_label.setWordWrap(True)

        self.model = AuditModel(self)
        self.model.fetch_more_rows = self._fetch_more
        self.table = self._make_table()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Details of the selected audit entry")
        self.details.setPlaceholderText("Select an entry to see what changed.")
        self.details.setTabChangesFocus(True)
        details_label = QLabel("Det&ails:")
        details_label.setBuddy(self.details)
        details_box = QWidget()
        details_layout = QVBoxLayout(details_box)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(details_label)
        details_layout.addWidget(self.details, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(details_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(self.splitter, 1)
        order = self.filters.focus_order() + [self.clear_button, self.export_button, self.table, self.details]
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)
        self.setFocusProxy(order[0])

        self._search_timer = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.filters.text_edited.connect(self._search_timer.start)
        self.filters.changed.connect(self.refresh)
        self.clear_button.clicked.connect(self.filters.clear)
        self.export_button.clicked.connect(self.export)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(lambda: self.details.clear())

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setAccessibleName("Audit log entries, newest first")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        table.setSortingEnabled(False)  # always newest first, as the store pages it
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in ((Column.WHEN, 150), (Column.USER, 160), (Column.ACTION, 110), (Column.RECORD, 240),
                              (Column.PERSON, 170)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return table

    # --- asking the store -----------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def apply_changes(self, changes) -> None:
        """Any write adds audit entries: ask again now if on screen, else when next shown."""
        if changes:
            self._stale = self._choices_stale = True
            if self.isVisible():
                self.refresh()

    def refresh(self) -> None:
        self._search_timer.stop()
        self._stale = False
        self._request += 1
        number, actor, page, person_id = self._request, self.actor, self.PAGE, self.person_id
        query, with_choices = self.filters.query(), self._choices_stale
        self._choices_stale = False

        def ask(uow):
            result = audit_view.fetch_page(uow, actor, query, limit=page)
            return result, audit_view.audit_choices(uow, actor, person_id) if with_choices else None

        filtered = self.filters.is_filtered()
        self.ops.run(ask, on_done=lambda answer: self._show(number, query, filtered, *answer),
                     on_error=lambda exc: self._refused(number, exc), write=False)

    def _show(self, number: int, query: AuditQuery, filtered: bool, page, choices) -> None:
        if number != self._request:
            return  # the filters moved on; a newer answer is coming
        self._query = query
        if choices is not None:
            self.filters.set_choices(choices)
        reading = self.current_row()
        self.model.set_rows(page.rows, date.today(), page.total)
        again = self.model.row_of(reading.seq) if reading is not None else None
        if again is not None:  # a refresh after someone's change keeps the entry being read
            self.table.setCurrentIndex(self.model.index(again, Column.WHEN))
        self.count_label.setText(self._count_text(page.total, filtered))
        self.rows_loaded.emit(len(page.rows))

    def _refused(self, number: int, exc: CaseteamError) -> None:
        if number == self._request:
            self.model.set_rows([], total=0)
            self.count_label.setText(exc.message)

    def _fetch_more(self, offset: int) -> None:
        number, query, actor, page = self._request, self._query, self.actor, self.PAGE
        if query is None:
            return
        self.ops.run(lambda uow: audit_view.fetch_page(uow, actor, query, offset=offset, limit=page, with_total=False),
                     on_done=lambda more: number == self._request and self.model.append_rows(more.rows, more.offset),
                     write=False)

    @staticmethod
    def _count_text(total: int, filtered: bool) -> str:
        if total == 0:
            return "No entry matches." if filtered else "The audit log is empty."
        noun = "entry" if total == 1 else "entries"
        return f"{total:,} {noun} {'match' if total != 1 else 'matches'}" if filtered else f"{total:,} {noun}"

    # --- the selected entry ---------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.data(ROW_ROLE) if current.isValid() else None
        if row is None:
            self.details.clear()
        else:
            self.details.setPlainText(details_text(row))

    def current_row(self) -> AuditRow | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    # --- export ---------------------------------------------------------------------------------
    def export(self) -> None:
        chosen = choose_export_file(self, f"audit-log-{date.today().isoformat()}.csv")
        if chosen is None:
            return
        path, fmt = chosen
        actor, query = self.actor, self.filters.query()

        def export(uow):
            return audit_view.audit_count(uow, actor, query), audit_view.export_audit(uow, actor, query, fmt)

        self.status_label.setText("Exporting…")
        self.ops.run(export, on_done=lambda answer: self._write(path, *answer),
                     on_error=lambda exc: self._export_failed(exc), write=True,
                     progress_text="Exporting the audit log…")

    def _write(self, path: Path, count: int, data: bytes) -> None:
        # After the export's own entry is committed: a file that exists is never missing from the log.
        try:
            audit_export.write_file(path, data)
        except CaseteamError as exc:
            self._export_failed(exc)
            return
        self.status_label.setText(f"Wrote {count:,} {'entry' if count == 1 else 'entries'} to {path}.")
        self.exported.emit(str(path))
        self._stale = self._choices_stale = True
        self.refresh()  # the export is an entry too

    def _export_failed(self, exc: CaseteamError) -> None:
        self.status_label.setText("Nothing was exported.")
        error_dialog.show_plain(self, exc.message, title="Export the audit log")
