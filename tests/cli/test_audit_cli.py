"""`caseteam audit list|export` on the demo store, and `caseteam check` naming the first tampered entry."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import datetime

import pytest

from ui.launcher import main
from command_line import caseteam


def listed(capsys, db, *args) -> list[dict]:
    code, out, err = caseteam(capsys, "--db", db, "audit", "list", "--json", *args)
    assert code == 0, err
    return json.loads(out)


def a_person(capsys, db) -> dict:
    code, out, _ = caseteam(capsys, "--db", db, "people", "list", "--search", "munoz", "--json")
    return json.loads(out)[0]


def test_audit_list_filters_and_pages(capsys, demo_db):
    person = a_person(capsys, demo_db)
    about = listed(capsys, demo_db, "--person", person["ref"], "--limit", "500")
    assert about and {e["person_ref"] for e in about} == {person["ref"]}
    assert [e["seq"] for e in about] == sorted((e["seq"] for e in about), reverse=True)
    assert {"created", "stage changed"} <= {e["action"] for e in about}

    by_khadija = listed(capsys, demo_db, "--user", "khadija", "--limit", "500")
    assert by_khadija and {e["actor_name"] for e in by_khadija} == {"Khadija Farah"}
    code, _, err = caseteam(capsys, "--db", demo_db, "audit", "list", "--user", "denise")
    assert code == 1 and '"denise" matches 2 users' in err  # the demo's staff member and her account
    tasks = listed(capsys, demo_db, "--entity", "task", "--action", "created", "--limit", "3")
    assert len(tasks) == 3 and {(e["entity"], e["action"]) for e in tasks} == {("tasks", "created")}
    assert all(e["entity_ref"].startswith("TK-") for e in tasks)

    days = listed(capsys, demo_db, "--since", "2026-10-01", "--until", "2026-10-31", "--limit", "500")
    assert days and all("2026-09-30" < e["at"][:10] < "2026-11-02" for e in days)

    code, out, _ = caseteam(capsys, "--db", demo_db, "audit", "list", "--person", person["ref"], "--limit", "2")
    lines = out.strip().splitlines()
    assert code == 0 and lines[0].split()[:4] == ["SEQ", "WHEN", "USER", "ACTION"]
    assert len(lines) == 4 and lines[-1] == f"2 of {len(about)} entries, newest first"
    assert person["ref"] in lines[1]


def test_who_may_read_the_log(capsys, demo_db, monkeypatch):
    monkeypatch.setenv("CASETEAM_USER", "auditor")
    assert listed(capsys, demo_db, "--limit", "5")
    monkeypatch.setenv("CASETEAM_USER", "jobdev")
    code, out, err = caseteam(capsys, "--db", demo_db, "audit", "list")
    assert code == 1 and out == ""
    assert err.strip() == "caseteam: Your role (Job developer) may not read and export the audit log."


def test_usage_errors(capsys, demo_db):
    for args in (["audit", "list", "--since", "March"], ["audit", "export", "--format", "pdf", "--out", "x"],
                 ["audit", "export", "--format", "csv"]):
        with pytest.raises(SystemExit) as done:
            main(["--db", demo_db, *args])
        assert done.value.code == 2
    capsys.readouterr()
    code, _, err = caseteam(capsys, "--db", demo_db, "audit", "list", "--since", "2026-10-05", "--until", "2026-10-01")
    assert code == 1 and "before the start date" in err


def test_export_each_format_and_the_export_is_logged(capsys, demo_db, tmp_path):
    from openpyxl import load_workbook

    person = a_person(capsys, demo_db)
    expected = listed(capsys, demo_db, "--person", person["ref"], "--limit", "1000")
    for fmt in ("csv", "xlsx", "json"):
        out_file = tmp_path / f"audit.{fmt}"
        code, out, err = caseteam(capsys, "--db", demo_db, "audit", "export", "--format", fmt, "--out",
                                  str(out_file), "--person", person["ref"], "--entity", "person")
        assert code == 0, err
        assert out.startswith("Wrote ") and str(out_file) in out
    wanted = [e["seq"] for e in expected if e["entity"] == "people"]
    rows = list(csv.DictReader(io.StringIO((tmp_path / "audit.csv").read_text("utf-8-sig"))))
    assert [int(r["seq"]) for r in rows] == wanted and {r["person_ref"] for r in rows} == {person["ref"]}
    sheet = load_workbook(tmp_path / "audit.xlsx").active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == wanted
    assert isinstance(sheet["B2"].value, datetime)
    data = json.loads((tmp_path / "audit.json").read_text("utf-8"))
    assert [e["seq"] for e in data] == wanted and data[0]["person"] == person["name"]

    exported = listed(capsys, demo_db, "--action", "exported")
    assert [e["changes"]["format"] for e in exported] == ["json", "xlsx", "csv"]
    assert exported[0]["changes"]["filter"] == {"person": person["ref"], "entity": "people"}
    code, out, _ = caseteam(capsys, "--db", demo_db, "check")
    assert code == 0 and "intact" in out


def test_an_export_to_a_folder_is_refused_plainly(capsys, demo_db, tmp_path):
    code, _, err = caseteam(capsys, "--db", demo_db, "audit", "export", "--format", "csv", "--out", str(tmp_path))
    assert code == 1 and "is a folder" in err and len(err.strip().splitlines()) == 1
    code, _, err = caseteam(capsys, "--db", demo_db, "audit", "export", "--format", "csv", "--out",
                            str(tmp_path / "no-such-folder" / "a.csv"))
    assert code == 1 and err.startswith("caseteam: Nothing was written") and "No such file" in err


# --- tampering, found by `caseteam check` -------------------------------------------------------------

def _tamper(db: str, *statements: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


def _check(capsys, db) -> tuple[int, str]:
    code, out, err = caseteam(capsys, "--db", db, "check")
    return code, err


def test_check_names_an_entry_whose_changes_were_edited(capsys, demo_db):
    assert caseteam(capsys, "--db", demo_db, "check")[0] == 0
    _tamper(demo_db, """UPDATE audit_entries SET changes = '{"city": ["", "Elsewhere"]}' WHERE seq = 120""")
    code, err = _check(capsys, demo_db)
    assert code == 1
    assert "audit log broken at entry 120:" in err and "changed after it was written" in err


def test_check_names_a_deleted_entry(capsys, demo_db):
    _tamper(demo_db, "DELETE FROM audit_entries WHERE seq = 77")
    code, err = _check(capsys, demo_db)
    assert code == 1 and "audit log broken at entry 77: audit entry 77 is missing" in err


def test_check_names_the_first_of_two_entries_put_in_the_other_order(capsys, demo_db):
    # Swap entries 200 and 201: each keeps its own hash, but the chain no longer links in order.
    _tamper(demo_db, "UPDATE audit_entries SET seq = -1 WHERE seq = 200",
            "UPDATE audit_entries SET seq = 200 WHERE seq = 201",
            "UPDATE audit_entries SET seq = 201 WHERE seq = -1")
    code, err = _check(capsys, demo_db)
    assert code == 1 and "audit log broken at entry 200:" in err
