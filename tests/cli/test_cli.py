"""The command line as a user types it: exit codes, plain one-line errors, JSON that scripts can read."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ui.launcher import main
from command_line import caseteam

ROOT = Path(__file__).resolve().parents[2]


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == "caseteam 0.1.0"
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "people" in capsys.readouterr().out


def test_demo_then_info_counts_the_partnership(capsys, tmp_path):
    db = str(tmp_path / "fresh.sqlite")
    code, out, _ = caseteam(capsys, "--db", db, "demo", "--today", "2026-11-02", "--seed", "7")
    assert code == 0 and "60 people" in out
    code, out, _ = caseteam(capsys, "--db", db, "info", "--json")
    info = json.loads(out)
    assert info["schema_version"] == 10 and info["demo"] is True
    assert info["database"] == {"kind": "sqlite", "location": db}
    assert info["people"] == 60
    assert info["organizations"] >= 20 and info["staff"] >= 25
    assert info["teams"] >= 40 and info["team_members"] >= 3 * 40
    assert info["plans"] >= 10 and info["plan_revisions"] >= info["plans"]
    assert info["tasks"] >= 300 and info["tasks_overdue"] > 0
    assert info["audit_entries"] > info["tasks"]


def test_demo_refuses_a_store_that_holds_people(capsys, demo_db):
    code, _, err = caseteam(capsys, "--db", demo_db, "demo")
    assert code == 1
    assert err.startswith("caseteam: ") and "already holds people" in err
    assert len(err.strip().splitlines()) == 1


def test_usage_errors_exit_2(capsys, tmp_path):
    with pytest.raises(SystemExit) as done:
        main(["--db", str(tmp_path / "x.sqlite"), "demo", "--today", "yesterday"])
    assert done.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_people_list_searches_without_accents_and_filters_by_stage(capsys, demo_db):
    code, out, _ = caseteam(capsys, "--db", demo_db, "people", "list", "--search", "munoz", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["full_name"] for r in rows] == ["José Muñoz García"]
    assert rows[0]["ref"].startswith("PE-")
    code, out, _ = caseteam(capsys, "--db", demo_db, "people", "list", "--stage", "discovery", "--json")
    rows = json.loads(out)
    assert rows and {r["stage"] for r in rows} == {"discovery"}
    code, out, _ = caseteam(capsys, "--db", demo_db, "people", "list")
    assert out.strip().endswith("60 people")


def test_tasks_list_filters_and_reports_ambiguous_names(capsys, demo_db):
    code, out, _ = caseteam(capsys, "--db", demo_db, "tasks", "list", "--overdue", "--json")
    overdue = json.loads(out)
    assert code == 0 and overdue and all(t["overdue"] for t in overdue)
    org = overdue[0]["organization_name"]
    code, out, _ = caseteam(capsys, "--db", demo_db, "tasks", "list", "--organization", org, "--json")
    assert {t["organization_name"] for t in json.loads(out)} == {org}
    person_ref = next(t["person_ref"] for t in overdue if t["person_ref"])
    code, out, _ = caseteam(capsys, "--db", demo_db, "tasks", "list", "--person", person_ref, "--json")
    assert {t["person_ref"] for t in json.loads(out)} == {person_ref}
    # "a" is in nearly every organization's name: an error listing the matches, not a guess.
    code, _, err = caseteam(capsys, "--db", demo_db, "tasks", "list", "--organization", "a")
    assert code == 1 and "matches" in err and "OR-" in err


def test_check_passes_then_finds_tampering(capsys, demo_db):
    code, out, _ = caseteam(capsys, "--db", demo_db, "check")
    assert code == 0 and out.startswith("ok")
    conn = sqlite3.connect(demo_db)
    conn.execute("UPDATE audit_entries SET actor_name = 'someone else' WHERE seq = 40")
    conn.commit()
    conn.close()
    code, _, err = caseteam(capsys, "--db", demo_db, "check")
    assert code == 1 and "entry 40" in err


def test_errors_are_one_plain_line_without_a_traceback_on_a_machine_with_no_display(tmp_path):
    not_a_store = tmp_path / "notes.sqlite"
    not_a_store.write_text("this is a text file")
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run([sys.executable, "-m", "ui.launcher", "--db", str(not_a_store), "info"], cwd=ROOT,
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"caseteam: {not_a_store} is not a caseteam store (it is not a database file). It was left as it is."]


def test_the_same_commands_work_on_postgresql(capsys, pg_store):
    url = pg_store.engine.url.render_as_string(hide_password=False)
    pg_store.close()
    code, out, _ = caseteam(capsys, "--db", url, "demo", "--people", "6", "--seed", "3")
    assert code == 0
    code, out, _ = caseteam(capsys, "--db", url, "info", "--json")
    info = json.loads(out)
    assert info["database"]["kind"] == "postgresql" and info["people"] == 6
    assert "@" not in info["database"]["location"]
    code, out, _ = caseteam(capsys, "--db", url, "check")
    assert code == 0, out
