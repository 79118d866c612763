"""View ▸ Outcomes report…: the figures in words and the placements for a period, a reversed period explained,
and Export CSV… / Export XLSX… writing what the service computes."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import QDate

from accessibility import clashing_mnemonics, unnamed_controls
from caseteam.domain.organizations import OrganizationKind
from caseteam.services import organizations, people, users
from job_rows import add_job, service_report
from ui.widgets import report_parts

SINCE, UNTIL = date(2026, 1, 1), date(2026, 6, 30)
WAIT = 20_000


@pytest.fixture
def hired_path(demo_store):
    admin = users.sign_in(demo_store, "admin", "caseteam-demo")
    with demo_store.unit_of_work() as uow:
        employer, _ = organizations.create_organization(uow, admin, name="Ñandú Garden Centre",
                                                        kind=OrganizationKind.EMPLOYER)
        for n, person in enumerate(people.caseload(uow, admin)[:2]):
            add_job(uow, person.id, employer.id, start=date(2026, 2 + n, 3), wage="16.25", hours="18",
                    title="Plant care")
    demo_store.close()
    return demo_store.path


def _service_report(path):
    return service_report(path, SINCE, UNTIL)


def _set_period(qtbot, dialog, since: date, until: date):
    with qtbot.waitSignal(dialog.shown, timeout=WAIT):
        dialog.until.setDate(QDate(until.year, until.month, until.day))
        dialog.since.setDate(QDate(since.year, since.month, since.day))


def test_figures_placements_and_exports(qtbot, open_window, hired_path, monkeypatch, tmp_path):
    expected = _service_report(hired_path)
    window = open_window(hired_path)
    assert window.outcomes_action in window.view_menu.actions()
    window.outcomes_action.trigger()
    dialog = window.outcomes_dialog
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.report is not None, timeout=WAIT)
    assert unnamed_controls(dialog) == [] and clashing_mnemonics(dialog) == []

    _set_period(qtbot, dialog, SINCE, UNTIL)
    text = dialog.figures.text()
    assert f"Placements (jobs started): {expected.placement_count}\n" in text
    assert f"Average hourly wage: ${expected.average_hourly_wage:,.2f}" in text
    assert "Still employed at 90 days:" in text and "Referral to job, median:" in text
    assert dialog.model.rowCount() == expected.placement_count
    shown = [dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())]
    assert shown.count("Ñandú Garden Centre") == 2

    written = iter([tmp_path / "outcomes.csv", tmp_path / "outcomes.xlsx"])
    monkeypatch.setattr(report_parts, "choose_export_path", lambda _p, _fmt, _name: str(next(written)))
    with qtbot.waitSignal(dialog.exported, timeout=WAIT):
        dialog.csv_button.click()
    lines = list(csv.reader(io.StringIO((tmp_path / "outcomes.csv").read_bytes().decode("utf-8-sig"))))
    figures = {line[0]: line[2] for line in lines[1:lines.index([])]}
    assert figures["placements"] == str(expected.placement_count)
    assert figures["retention_percent"] == ("" if expected.retention_percent is None
                                            else str(expected.retention_percent))
    assert "Wrote" in dialog.status.text() and "outcomes.csv" in dialog.status.text()
    with qtbot.waitSignal(dialog.exported, timeout=WAIT):
        dialog.xlsx_button.click()
    book = openpyxl.load_workbook(tmp_path / "outcomes.xlsx")
    assert book.sheetnames == ["Summary", "Placements"]
    assert book["Placements"].max_row == expected.placement_count + 1

    # A reversed period says so, and nothing can be exported from it.
    dialog.since.setDate(QDate(2026, 7, 1))
    assert "after its last day" in dialog.figures.text()
    assert dialog.model.rowCount() == 0 and not dialog.csv_button.isEnabled()
