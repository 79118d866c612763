"""View ▸ Outcomes report…: placements, wages and hours, retention at 90 days and time from referral to job
over a period, in words and as a table of placements; Export CSV… and Export XLSX… write the same report
(each export is audited before the file is written)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QVBoxLayout

from caseteam.services import outcomes, outcomes_export

from ..models.outcomes_model import Column, PlacementModel
from ..widgets.editor_parts import record_table
from ..widgets.report_parts import PeriodReportDialog


class OutcomesDialog(PeriodReportDialog):
    stem = "outcomes"

    def __init__(self, window) -> None:
        today = date.today()
        super().__init__(window, title="Outcomes", name="Outcomes report", figures_name="Outcomes figures",
                         since=date(today.year, 1, 1), until=today)
        self.figures.setObjectName("outcomesFigures")
        self.model = PlacementModel(self)
        self.table = record_table(self.model, "Placements in the period",
                                  "One line per job started in the period, earliest first")
        self.table.setObjectName("outcomesTable")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.status.setObjectName("outcomesStatus")
        self.csv_button.setAccessibleDescription("Write the figures and the placements to a CSV file")
        self.xlsx_button.setAccessibleDescription("Write a workbook with a Summary sheet and a Placements sheet")
        layout = QVBoxLayout(self)
        layout.addLayout(self.period_row)
        layout.addWidget(self.figures)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.chain_tab_order(self.since, self.until, self.figures, self.table, self.csv_button)
        self.resize(980, 560)

    def compute(self, uow, actor, since: date, until: date):
        return outcomes.outcomes(uow, actor, since=since, until=until)

    def render(self, report, fmt: str) -> bytes:
        return outcomes_export.render(report, fmt)

    def record_export(self, uow, actor, report, fmt: str) -> None:
        outcomes.record_export(uow, actor, report, fmt)

    def period_of(self, report) -> tuple[date, date]:
        return report.since, report.until

    def clear_report(self) -> None:
        self.model.set_rows([])

    def written_words(self, report) -> str:
        count = report.placement_count
        return f"{count} placement{'s' if count != 1 else ''} and the figures"

    def show_report(self, report) -> None:
        lines = [f"{label}: {value}" for label, value in report.figures()[1:]]
        if report.as_of < report.until:
            lines.append(f"Retention is judged on {report.as_of.isoformat()} (today); later 90th days show as "
                         "not yet.")
        self.figures.setText("\n".join(lines))
        self.model.set_rows(report.placements)
        if report.placements:
            self.table.setCurrentIndex(self.model.index(0, Column.PERSON))
            self.table.resizeColumnsToContents()
