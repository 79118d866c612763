"""View ▸ Funding report…: the figures in words, a bar chart of cost by funder whose spoken name carries the
figures, the sections as tables (blended pools apart), Export XLSX… writing what the service computes, and
every control named on every tab."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication

from accessibility import clashing_mnemonics, unnamed_controls
from funding_rows import MARCH, demo_with_march, service_funding_report
from ui.widgets import report_parts

WAIT = 20_000


@pytest.fixture
def march_path(demo_store):
    path = demo_store.path
    demo_store.close()
    demo_with_march(path)
    return path


def test_open_see_the_figures_and_export_xlsx(qtbot, open_window, march_path, monkeypatch, tmp_path):
    expected = service_funding_report(march_path)
    window = open_window(march_path)
    assert window.funding_report_action in window.view_menu.actions()
    window.funding_report_action.trigger()
    dialog = window.funding_report_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.report is not None, timeout=WAIT)
    with qtbot.waitSignal(dialog.shown, timeout=WAIT):
        dialog.until.setDate(QDate(MARCH[1].year, MARCH[1].month, MARCH[1].day))
        dialog.since.setDate(QDate(MARCH[0].year, MARCH[0].month, MARCH[0].day))
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.period_from == MARCH[0], timeout=WAIT)

    # The figures and bars are the service's (the demo brings funding of its own; ours is Riverside VR's).
    text = dialog.figures.text()
    for label, value in expected.figures()[1:]:
        assert f"{label}: {value}" in text
    bars = [(t.funder_name, t.total) for t in expected.funder_totals()] + [
        (f"{t.funder_name} (blended pool)", t.total) for t in expected.funder_totals(blended=True)]
    assert dialog.chart.accessibleName() == "Cost by funder: " + "; ".join(f"{n} ${v:,.2f}" for n, v in bars)
    assert "Riverside VR $3,660.00" in dialog.chart.accessibleName()
    assert "Tri-County pooled fund (blended pool) $107.76" in dialog.chart.accessibleName()
    assert dialog.chart.grab().width() > 0  # painted with QPainter, no QtCharts
    lines = [[dialog.cost.index(r, c).data() for c in range(dialog.cost.columnCount())]
             for r in range(dialog.cost.rowCount())]
    assert len(lines) == len(expected.cost)
    person = next(r for r in expected.cost if r.funder_name == "Riverside VR")
    ours = [line for line in lines if line[:2] == [f"{person.person_name} ({person.person_ref})", "Riverside VR"]]
    assert len(ours) == 1 and ours[0][3] == "$660.00" and ours[0][5] == "$275.00" and ours[0][-1] == "$3,660.00"
    pooled = [dialog.pooled_cost.index(r, 1).data() for r in range(dialog.pooled_cost.rowCount())]
    assert "Tri-County pooled fund" in pooled and "Tri-County pooled fund" not in [line[1] for line in lines]
    reasons = [dialog.overrides.index(r, 5).data() for r in range(dialog.overrides.rowCount())]
    assert "Counselor approved the extra hours by phone" in reasons
    assert dialog.milestones.rowCount() == len(expected.milestones)

    for number in range(dialog.tabs.count()):  # every section's controls are named, no Alt letter twice
        dialog.tabs.setCurrentIndex(number)
        QApplication.processEvents()
        assert unnamed_controls(dialog) == [] and clashing_mnemonics(dialog) == []

    written = tmp_path / "funding.xlsx"
    monkeypatch.setattr(report_parts, "choose_export_path", lambda _p, _fmt, _name: str(written))
    with qtbot.waitSignal(dialog.exported, timeout=WAIT):
        dialog.xlsx_button.click()
    assert "Wrote the funding report for" in dialog.status.text() and "funding.xlsx" in dialog.status.text()
    book = openpyxl.load_workbook(written)
    rows = list(book["Cost by person"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[2], Decimal(str(r[11]))) for r in rows] == [(r.person_name, r.funder_name, r.total)
                                                               for r in expected.cost]
    assert book["Cost by person"].freeze_panes == "A2"
    assert Decimal("107.76") in [Decimal(str(r[5])) for r in book["Blended pool cost"].iter_rows(min_row=2,
                                                                                             values_only=True)]

    dialog.since.setDate(QDate(2026, 4, 1))  # a reversed period says so and exports nothing
    assert "after its last day" in dialog.figures.text()
    assert dialog.cost.rowCount() == 0 and not dialog.xlsx_button.isEnabled()
    assert dialog.chart.accessibleName() == "Cost by funder: nothing in the period"
