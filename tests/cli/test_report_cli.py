"""`caseteam report funding`: run as a user types it (a real process), each format holds what the service
computes and the export is audited; date and option mistakes are named, with exit code 2."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from command_line import caseteam, exports_logged
from funding_rows import demo_with_march, service_funding_report

ROOT = Path(__file__).resolve().parents[2]
PERIOD = ("--from", "2026-03-01", "--to", "2026-03-31")


def run(db, *args):
    """The command in its own process, signed in through CASETEAM_USER / CASETEAM_PASSWORD."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    return subprocess.run([sys.executable, "-m", "ui.launcher", "--db", db, "report", "funding", *args], cwd=ROOT,
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)


@pytest.fixture
def march_db(demo_db):
    demo_with_march(demo_db)
    return demo_db


def test_each_format_holds_the_service_figures_and_the_export_is_audited(march_db, tmp_path):
    expected = service_funding_report(march_db)
    at_row = next(n for n, r in enumerate(expected.cost) if r.funder_name == "Riverside VR")
    first = expected.cost[at_row]
    for fmt in ("csv", "xlsx", "json"):
        out = tmp_path / f"funding.{fmt}"
        done = run(march_db, *PERIOD, "--format", fmt, "--out", str(out))
        assert done.returncode == 0, done.stderr
        people = f"{expected.people} {'person' if expected.people == 1 else 'people'}"
        assert f"({people}) to {out} ({fmt})" in done.stdout
        if fmt == "csv":
            lines = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
            at = lines.index(["Cost by funder per person"])
            ours = lines[at + 2 + at_row]
            assert ours[1:3] == [first.person_name, first.funder_name] and ours[5] == "660.00"
            assert ours[5:9] == [str(first.amount), str(first.invoiceable), str(first.held_back),
                                 str(first.overridden)]
        elif fmt == "xlsx":
            book = openpyxl.load_workbook(out)
            row = list(book["Cost by person"].iter_rows(min_row=2, values_only=True))[at_row]
            assert row[1:3] == (first.person_name, first.funder_name) and Decimal(str(row[11])) == first.total
            pooled = [Decimal(str(r[5])) for r in book["Blended pool cost"].iter_rows(min_row=2, values_only=True)]
            assert pooled == [r.amount for r in expected.blended_cost]
        else:
            data = json.loads(out.read_text("utf-8"))
            assert [r["total"] for r in data["cost"]] == [str(r.total) for r in expected.cost]
            assert [o["reason"] for o in data["overrides"]] == [o.reason for o in expected.overrides]
    assert exports_logged(march_db, "funding_report")[:3] == ["json", "xlsx", "csv"]


def test_a_bad_date_names_the_option_and_exits_2(march_db):
    done = run(march_db, "--from", "2026-02-30", "--to", "2026-03-31", "--format", "csv", "--out", "x.csv")
    assert done.returncode == 2 and "argument --from: '2026-02-30' is not a date" in done.stderr
    assert "Traceback" not in done.stderr


def test_without_out_the_figures_are_printed(capsys, march_db):
    expected = service_funding_report(march_db)
    code, out, err = caseteam(capsys, "--db", march_db, "report", "funding", *PERIOD)
    assert code == 0, err
    said = [line.split("  ")[0] for line in out.splitlines()]
    assert said == [label for label, _ in expected.figures()]
    assert f"{dict(expected.figures())['Services']}\n" in out and "Supervisor overrides" in out
    assert "Blended pools (reported apart)" in out


@pytest.mark.parametrize("args, words", [
    (("--from", "2026-03-01", "--to", "March"), "argument --to: 'March' is not a date"),
    (("--from", "2026-04-01", "--to", "2026-03-31"), "--from 2026-04-01 is after --to 2026-03-31"),
    ((*PERIOD, "--out", "report.txt"), "say --format csv, xlsx or json"),
    ((*PERIOD, "--format", "xlsx"), "--format needs --out FILE"),
    (("--to", "2026-03-31"), "the following arguments are required: --from"),
])
def test_option_mistakes_are_named(capsys, march_db, args, words):
    try:
        code, _out, err = caseteam(capsys, "--db", march_db, "report", "funding", *args)
    except SystemExit as done:  # argparse's own refusals of a value
        code, err = done.code, capsys.readouterr().err
    assert code == 2 and words in err
