"""View ▸ Outcomes report…: placements, wages and hours, retention at 90 days and time from referral to job
over a period, in words and as a table of placements; Export CSV… and Export XLSX… write the same report
(each export is audited before the file is written)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout)

from caseteam.errors import CaseteamError
from caseteam.services import audit_export, outcomes, outcomes_export

from ..models.outcomes_model import Column, PlacementModel
from ..widgets.editor_parts import record_table
from ..widgets.field_row import date_box, field_value


def choose_export_path(parent, fmt: str, suggested: str) -> str:
    """Where to write the export; tests replace this function."""
    filters = {"csv": "CSV files (*.csv)", "xlsx": "Excel workbooks (*.xlsx)"}
    path, _ = QFileDialog.getSaveFileName(parent, f"Export the outcomes as {fmt.upper()}", suggested, filters[fmt])
    if path and not path.lower().endswith(f".{fmt}"):
        path += f".{fmt}"
    return path


class OutcomesDialog(QDialog):
    shown = Signal(object)     # the OutcomesReport now on screen
    exported = Signal(str)     # the file just written

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_, self.report = window, None
        self.setWindowTitle("Outcomes")
        self.setAccessibleName("Outcomes report")
        today = date.today()
        self.since = self._date_box("First day of the period", date(today.year, 1, 1))
        self.until = self._date_box("Last day of the period", today)
        since_label, until_label = QLabel("&From:"), QLabel("&To:")
        since_label.setBuddy(self.since)
        until_label.setBuddy(self.until)
        dates = QHBoxLayout()
        for widget in (since_label, self.since, until_label, self.until):
            dates.addWidget(widget)
        dates.addStretch(1)
        self.figures = QLabel("Choose the period.")
        self.figures.setObjectName("outcomesFigures")
        self.figures.setAccessibleName("Outcomes figures")
        self.figures.setWordWrap(True)
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.figures.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.model = PlacementModel(self)
        self.table = record_table(self.model, "Placements in the period",
                                  "One line per job started in the period, earliest first")
        self.table.setObjectName("outcomesTable")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel("")
        self.status.setObjectName("outcomesStatus")
        self.status.setAccessibleName("Export status")
        self.status.setWordWrap(True)
        self.csv_button = QPushButton("Export &CSV…")
        self.csv_button.setAccessibleDescription("Write the figures and the placements to a CSV file")
        self.xlsx_button = QPushButton("Export &XLSX…")
        self.xlsx_button.setAccessibleDescription("Write a workbook with a Summary sheet and a Placements sheet")
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.csv_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.xlsx_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(dates)
        layout.addWidget(self.figures)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        for first, second in zip((self.since, self.until, self.figures, self.table),
                                 (self.until, self.figures, self.table, self.csv_button)):
            self.setTabOrder(first, second)
        self.since.dateChanged.connect(lambda _d: self.load())
        self.until.dateChanged.connect(lambda _d: self.load())
        self._enable_exports(False)
        self.resize(980, 560)

    @staticmethod
    def _date_box(name: str, day: date) -> QDateEdit:
        box = date_box(day)
        box.setAccessibleName(name)
        return box

    def period(self) -> tuple[date, date]:
        return field_value(self.since), field_value(self.until)

    def _enable_exports(self, on: bool) -> None:
        self.csv_button.setEnabled(on)
        self.xlsx_button.setEnabled(on)

    # --- the report ------------------------------------------------------------------------------------
    def load(self) -> None:
        since, until = self.period()
        actor = self.window_.actor
        if since > until:
            self.report = None
            self.model.set_rows([])
            self._enable_exports(False)
            self.figures.setText(f"The period starts on {since.isoformat()}, after its last day "
                                 f"{until.isoformat()}: choose a From date on or before the To date.")
            return
        self.figures.setText("Counting…")
        self.window_.ops.run(lambda uow: outcomes.outcomes(uow, actor, since=since, until=until),
                             on_done=lambda report: self._show(report, (since, until)),
                             on_error=lambda exc: self.figures.setText(f"⚠ {exc.message}"))

    def _show(self, report, asked: tuple[date, date]) -> None:
        if asked != self.period():
            return  # the dates changed while counting: a newer answer is on its way
        self.report = report
        lines = [f"{label}: {value}" for label, value in report.figures()[1:]]
        if report.as_of < report.until:
            lines.append(f"Retention is judged on {report.as_of.isoformat()} (today); later 90th days show as "
                         "not yet.")
        self.figures.setText("\n".join(lines))
        self.model.set_rows(report.placements)
        if report.placements:
            self.table.setCurrentIndex(self.model.index(0, Column.PERSON))
            self.table.resizeColumnsToContents()
        self._enable_exports(True)
        self.shown.emit(report)

    # --- exporting ---------------------------------------------------------------------------------------
    def export(self, fmt: str) -> None:
        if self.report is None:
            return
        since, until = self.report.since, self.report.until
        path = choose_export_path(self, fmt, f"outcomes {since.isoformat()} to {until.isoformat()}.{fmt}")
        if not path:
            return
        actor = self.window_.actor

        def make(uow):
            report = outcomes.outcomes(uow, actor, since=since, until=until)
            data = outcomes_export.render(report, fmt)
            outcomes.record_export(uow, actor, report, fmt)  # committed before the file exists
            return data, report.placement_count

        self.status.setText(f"Exporting to {Path(path).name}…")
        self.window_.ops.run(make, on_done=lambda result: self._write(Path(path), fmt, *result),
                             on_error=lambda exc: self.status.setText(f"⚠ {exc.message}"), write=True)

    def _write(self, path: Path, fmt: str, data: bytes, count: int) -> None:
        try:
            audit_export.write_file(path, data)
        except CaseteamError as exc:
            self.status.setText(f"⚠ {exc.message}")
            return
        self.status.setText(f"Wrote {count} placement{'s' if count != 1 else ''} and the figures to {path} "
                            f"({fmt.upper()}).")
        self.exported.emit(str(path))


def install(window, menu) -> QAction:
    """The View menu entry (Alt+V, O). The menu bar has no letter left for a Reports menu, and the Ctrl+Shift
    letters left are taken by screens' own keys."""
    action = QAction("&Outcomes report…", window)
    action.setStatusTip("Placements, wages, hours, retention at 90 days and time from referral to job over a "
                        "period; export to CSV or XLSX")

    def show():
        if window.actor is None:
            return
        window.outcomes_dialog = OutcomesDialog(window)
        window.outcomes_dialog.open()
        window.outcomes_dialog.load()

    action.triggered.connect(show)
    menu.addAction(action)
    return action
