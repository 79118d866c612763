"""What the View menu's reports over a period share (outcomes, funding): the From/To boxes that ask for the
report again when they change, the figures in words, Export CSV… / Export XLSX… buttons, and the export
itself: the service makes the bytes and records the export in the audit log, then the file is written
whole or not at all (audit_export.write_file)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QPushButton

from caseteam.errors import CaseteamError
from caseteam.services import audit_export

from .field_row import date_box, field_value


def choose_export_path(parent, fmt: str, suggested: str) -> str:
    """Where to write the export; tests replace this function."""
    filters = {"csv": "CSV files (*.csv)", "xlsx": "Excel workbooks (*.xlsx)"}
    path, _ = QFileDialog.getSaveFileName(parent, f"Export as {fmt.upper()}", suggested, filters[fmt])
    if path and not path.lower().endswith(f".{fmt}"):
        path += f".{fmt}"
    return path


def install_report(window, menu, dialog_class, *, text: str, tip: str, attribute: str) -> QAction:
    """A View menu entry that opens a new `dialog_class(window)` (a class, or a function that makes the
    dialog) as `window.<attribute>` and loads it (only once someone is signed in)."""
    action = QAction(text, window)
    action.setStatusTip(tip)

    def show():
        if window.actor is None:
            return
        dialog = dialog_class(window)
        setattr(window, attribute, dialog)
        dialog.open()
        dialog.load()

    action.triggered.connect(show)
    menu.addAction(action)
    return action


def figures_label(name: str) -> QLabel:
    """The figures in words: selectable, and reachable with Tab so a screen reader reads them."""
    label = QLabel("Choose the period.")
    label.setAccessibleName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                  | Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return label


class PeriodReportDialog(QDialog):
    """A report over a period. A subclass lays out `period_row`, `figures`, its own tables, `status` and
    `buttons`, and says how to compute, show, render and audit its report."""

    shown = Signal(object)     # the report now on screen
    exported = Signal(str)     # the file just written
    stem = "report"            # the suggested file name's first word

    def __init__(self, window, *, title: str, name: str, figures_name: str, since: date, until: date) -> None:
        super().__init__(window)
        self.window_, self.report = window, None
        self.setWindowTitle(title)
        self.setAccessibleName(name)
        self.since = self._date_box("First day of the period", since)
        self.until = self._date_box("Last day of the period", until)
        since_label, until_label = QLabel("&From:"), QLabel("&To:")
        since_label.setBuddy(self.since)
        until_label.setBuddy(self.until)
        self.period_row = QHBoxLayout()
        for widget in (since_label, self.since, until_label, self.until):
            self.period_row.addWidget(widget)
        self.period_row.addStretch(1)
        self.figures = figures_label(figures_name)
        self.status = QLabel("")
        self.status.setAccessibleName("Export status")
        self.status.setWordWrap(True)
        self.csv_button = QPushButton("Export &CSV…")
        self.xlsx_button = QPushButton("Export &XLSX…")
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.csv_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.xlsx_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.since.dateChanged.connect(lambda _d: self.load())
        self.until.dateChanged.connect(lambda _d: self.load())
        self._enable_exports(False)

    @staticmethod
    def _date_box(name: str, day: date) -> QDateEdit:
        box = date_box(day)
        box.setAccessibleName(name)
        return box

    def chain_tab_order(self, *widgets) -> None:
        for first, second in zip(widgets, widgets[1:]):
            self.setTabOrder(first, second)

    def period(self) -> tuple[date, date]:
        return field_value(self.since), field_value(self.until)

    def _enable_exports(self, on: bool) -> None:
        self.csv_button.setEnabled(on)
        self.xlsx_button.setEnabled(on)

    # --- what a report says (subclasses) -----------------------------------------------------------------
    def compute(self, uow, actor, since: date, until: date):
        raise NotImplementedError

    def render(self, report, fmt: str) -> bytes:
        raise NotImplementedError

    def record_export(self, uow, actor, report, fmt: str) -> None:
        raise NotImplementedError

    def period_of(self, report) -> tuple[date, date]:
        raise NotImplementedError

    def show_report(self, report) -> None:
        """Fill the figures and tables."""
        raise NotImplementedError

    def clear_report(self) -> None:
        """Empty the tables (the period is reversed)."""

    def written_words(self, report) -> str:
        return "the report"

    # --- the report ------------------------------------------------------------------------------------
    def load(self) -> None:
        since, until = self.period()
        actor = self.window_.actor
        if since > until:
            self.report = None
            self.clear_report()
            self._enable_exports(False)
            self.figures.setText(f"The period starts on {since.isoformat()}, after its last day "
                                 f"{until.isoformat()}: choose a From date on or before the To date.")
            return
        self.figures.setText("Counting…")
        self.window_.ops.run(lambda uow: self.compute(uow, actor, since, until),
                             on_done=lambda report: self._show(report, (since, until)),
                             on_error=lambda exc: self.figures.setText(f"⚠ {exc.message}"))

    def _show(self, report, asked: tuple[date, date]) -> None:
        if asked != self.period():
            return  # the dates changed while counting: a newer answer is on its way
        self.report = report
        self.show_report(report)
        self._enable_exports(True)
        self.shown.emit(report)

    # --- exporting ---------------------------------------------------------------------------------------
    def export(self, fmt: str) -> None:
        if self.report is None:
            return
        since, until = self.period_of(self.report)
        path = choose_export_path(self, fmt, f"{self.stem} {since.isoformat()} to {until.isoformat()}.{fmt}")
        if not path:
            return
        actor = self.window_.actor

        def make(uow):
            report = self.compute(uow, actor, since, until)
            data = self.render(report, fmt)
            self.record_export(uow, actor, report, fmt)  # committed before the file exists
            return data, self.written_words(report)

        self.status.setText(f"Exporting to {Path(path).name}…")
        self.window_.ops.run(make, on_done=lambda result: self._write(Path(path), fmt, *result),
                             on_error=lambda exc: self.status.setText(f"⚠ {exc.message}"), write=True)

    def _write(self, path: Path, fmt: str, data: bytes, words: str) -> None:
        try:
            audit_export.write_file(path, data)
        except CaseteamError as exc:
            self.status.setText(f"⚠ {exc.message}")
            return
        self.status.setText(f"Wrote {words} to {path} ({fmt.upper()}).")
        self.exported.emit(str(path))
