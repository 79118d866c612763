"""`caseteam outcomes`: the report over a period, printed or written to CSV, XLSX or JSON as the service
computes it; mistakes in the options are named before anyone is asked to sign in."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from caseteam.domain.organizations import OrganizationKind
from caseteam.services import organizations, outcomes_export, people, users
from caseteam.storage.store import open_store
from command_line import caseteam, exports_logged
from job_rows import add_job, service_report

SINCE, UNTIL = date(2026, 1, 1), date(2026, 6, 30)


@pytest.fixture
def hired_db(demo_db):
    """The demo with three jobs started in the first half of 2026 (one left after a month)."""
    store = open_store(demo_db)
    try:
        admin = users.sign_in(store, "admin", "caseteam-demo")
        with store.unit_of_work() as uow:
            employer, _ = organizations.create_organization(uow, admin, name="Müller Hardware",
                                                            kind=OrganizationKind.EMPLOYER)
            first = people.caseload(uow, admin)[:3]
            for n, person in enumerate(first):
                add_job(uow, person.id, employer.id, start=date(2026, 2 + n, 1), wage=f"{15 + n}.50", hours="20",
                        title="Stock clerk", separated_on=date(2026, 3, 1) if n == 0 else None)
    finally:
        store.close()
    return demo_db


def _service_report(db):
    return service_report(db, SINCE, UNTIL)


def test_each_format_holds_the_service_figures_and_the_export_is_audited(capsys, hired_db, tmp_path):
    report = _service_report(hired_db)
    assert report.placement_count >= 3
    expected = {k: v for k, _label, v in outcomes_export.summary(report)}
    for fmt in ("csv", "xlsx", "json"):
        out = tmp_path / f"outcomes.{fmt}"
        code, said, err = caseteam(capsys, "--db", hired_db, "outcomes", "--from", "2026-01-01", "--to",
                                   "2026-06-30", "--format", fmt, "--out", str(out))
        assert code == 0, err
        assert f"({report.placement_count} placements) to {out} ({fmt})" in said
        if fmt == "csv":
            lines = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
            got = {line[0]: line[2] for line in lines[1:lines.index([])]}
            assert got["placements"] == str(report.placement_count)
            assert got["average_hourly_wage"] == str(expected["average_hourly_wage"])
            assert len(lines) - lines.index([]) - 2 == report.placement_count
        elif fmt == "xlsx":
            book = openpyxl.load_workbook(out)
            got = {row[0]: row[2] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
            assert got["placements"] == report.placement_count
            assert Decimal(str(got["average_hourly_wage"])).quantize(Decimal("0.01")) == expected["average_hourly_wage"]
            names = [row[1] for row in book["Placements"].iter_rows(min_row=2, values_only=True)]
            assert names == [p.person_name for p in report.placements]
        else:
            data = json.loads(out.read_text("utf-8"))
            assert data["summary"]["separations"] == report.separations
            assert [p["job_ref"] for p in data["placements"]] == [p.job_ref for p in report.placements]
    assert exports_logged(hired_db, "outcomes_report")[:3] == ["json", "xlsx", "csv"]


def test_without_out_the_figures_are_printed(capsys, hired_db):
    report = _service_report(hired_db)
    code, out, err = caseteam(capsys, "--db", hired_db, "outcomes", "--from", "2026-01-01", "--to", "2026-06-30")
    assert code == 0, err
    assert f"Placements (jobs started)  {report.placement_count}\n" in out
    assert "Still employed at 90 days" in out and "Average hourly wage" in out


@pytest.mark.parametrize("args, words", [
    (("--from", "2026-13-01", "--to", "2026-06-30"), "argument --from: '2026-13-01' is not a date"),
    (("--from", "2026-01-01", "--to", "June"), "argument --to: 'June' is not a date"),
    (("--from", "2026-07-01", "--to", "2026-06-30"), "--from 2026-07-01 is after --to 2026-06-30"),
    (("--from", "2026-01-01", "--to", "2026-06-30", "--out", "report.txt"), "say --format csv, xlsx or json"),
    (("--from", "2026-01-01", "--to", "2026-06-30", "--format", "csv"), "--format needs --out FILE"),
])
def test_option_mistakes_are_named(capsys, hired_db, args, words):
    try:
        code, _out, err = caseteam(capsys, "--db", hired_db, "outcomes", *args)
    except SystemExit as done:  # argparse's own refusals of a value
        code, err = done.code, capsys.readouterr().err
    assert code == 2 and words in err


def test_a_folder_or_a_missing_folder_writes_nothing(capsys, hired_db, tmp_path):
    code, _out, err = caseteam(capsys, "--db", hired_db, "outcomes", "--from", "2026-01-01", "--to", "2026-06-30",
                               "--format", "csv", "--out", str(tmp_path))
    assert code == 2 and "is a folder" in err
    missing = tmp_path / "no-such-folder" / "outcomes.csv"
    code, _out, err = caseteam(capsys, "--db", hired_db, "outcomes", "--from", "2026-01-01", "--to", "2026-06-30",
                               "--out", str(missing))
    assert code == 1 and "Nothing was written" in err and not missing.parent.exists()

