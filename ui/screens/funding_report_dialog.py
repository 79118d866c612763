"""View ▸ Funding report…: for a period, the summary in words, a bar chart of cost by funder, and tabs with
cost by funder per person, utilization of authorizations by funder and provider, milestones in the period,
blended pools (apart from the other funders) and supervisors' overrides; Export CSV… and Export XLSX…
write the same report (each export is audited before the file is written)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from caseteam.services import funding_report, funding_report_export

from ..models.funding_report_models import CostModel, MilestoneModel, OverrideModel, UtilizationModel
from ..widgets.bar_chart import BarChart
from ..widgets.editor_parts import record_table
from ..widgets.report_parts import PeriodReportDialog


def _page(*parts) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    for part in parts:
        layout.addWidget(part, 0 if isinstance(part, QLabel) else 1)
    return page


class FundingReportDialog(PeriodReportDialog):
    stem = "funding"

    def __init__(self, window) -> None:
        today = date.today()
        super().__init__(window, title="Funding report", name="Funding report", figures_name="Funding figures",
                         since=today.replace(day=1), until=today)
        self.chart = BarChart("Cost by funder")
        self.cost, self.use = CostModel(self), UtilizationModel(self)
        self.pooled_cost, self.pooled_use = CostModel(self), UtilizationModel(self)
        self.milestones, self.overrides = MilestoneModel(self), OverrideModel(self)
        self.cost_table = record_table(self.cost, "Cost by funder per person",
                                       "Services, what may be invoiced, held back and overridden, and milestones "
                                       "reached, per person and funder")
        self.use_table = record_table(self.use, "Utilization by funder and provider",
                                      "Authorized against used in the period and to date, per funder, service "
                                      "and provider")
        self.milestone_table = record_table(self.milestones, "Milestones in the period",
                                            "Milestones reached, invoiced, paid, returned or denied in the period")
        self.pooled_cost_table = record_table(self.pooled_cost, "Blended pools: cost per person",
                                              "Blended-pool funders, reported apart from the others")
        self.pooled_use_table = record_table(self.pooled_use, "Blended pools: utilization",
                                             "Blended-pool authorizations against what is used")
        self.override_table = record_table(self.overrides, "Supervisor overrides",
                                           "Entries outside their authorization let through, with the reason")
        self.tables = (self.cost_table, self.use_table, self.milestone_table, self.pooled_cost_table,
                       self.pooled_use_table, self.override_table)
        for table in self.tables:
            table.horizontalHeader().setStretchLastSection(True)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Report sections")
        self.tabs.addTab(_page(self.cost_table), "Cost by person")
        self.tabs.addTab(_page(self.use_table), "Utilization")
        self.tabs.addTab(_page(self.milestone_table), "Milestones")
        self.tabs.addTab(_page(QLabel("Cost per person"), self.pooled_cost_table, QLabel("Utilization"),
                               self.pooled_use_table), "Blended pools")
        self.tabs.addTab(_page(self.override_table), "Overrides")
        self.csv_button.setAccessibleDescription("Write every section to one CSV file, each under its title")
        self.xlsx_button.setAccessibleDescription("Write a workbook with one sheet per section")
        layout = QVBoxLayout(self)
        layout.addLayout(self.period_row)
        layout.addWidget(self.figures)
        layout.addWidget(self.chart)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.chain_tab_order(self.since, self.until, self.figures, self.chart, self.tabs, self.cost_table,
                             self.csv_button)
        self.resize(1040, 680)

    def compute(self, uow, actor, since: date, until: date):
        return funding_report.funding_report(uow, actor, period_from=since, period_to=until)

    def render(self, report, fmt: str) -> bytes:
        return funding_report_export.render(report, fmt)

    def record_export(self, uow, actor, report, fmt: str) -> None:
        funding_report.record_export(uow, actor, report, fmt)

    def period_of(self, report) -> tuple[date, date]:
        return report.period_from, report.period_to

    def written_words(self, report) -> str:
        n = report.people
        return f"the funding report for {n} {'person' if n == 1 else 'people'}"

    def _models(self, report=None):
        pairs = ((self.cost, "cost"), (self.use, "utilization"), (self.milestones, "milestones"),
                 (self.pooled_cost, "blended_cost"), (self.pooled_use, "blended_utilization"),
                 (self.overrides, "overrides"))
        return [(model, getattr(report, key) if report is not None else ()) for model, key in pairs]

    def clear_report(self) -> None:
        for model, rows in self._models():
            model.set_rows(rows)
        self.chart.set_bars([])

    def show_report(self, report) -> None:
        self.figures.setText("\n".join(f"{label}: {value}" for label, value in report.figures()[1:]))
        self.chart.set_bars([(t.funder_name, t.total) for t in report.funder_totals()]
                            + [(f"{t.funder_name} (blended pool)", t.total)
                               for t in report.funder_totals(blended=True)])
        for model, rows in self._models(report):
            model.set_rows(rows)
        for table in self.tables:
            if table.model().rowCount():
                table.setCurrentIndex(table.model().index(0, 0))
                table.resizeColumnsToContents()
