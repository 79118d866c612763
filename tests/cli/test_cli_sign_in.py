"""The command line signs in like the window and sees what the account may see, no more."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


from command_line import caseteam

ROOT = Path(__file__).resolve().parents[2]


def as_user(monkeypatch, user: str, password: str = "caseteam-demo") -> None:
    monkeypatch.setenv("CASETEAM_USER", user)
    monkeypatch.setenv("CASETEAM_PASSWORD", password)


def people_seen(capsys, db) -> set[str]:
    code, out, err = caseteam(capsys, "--db", db, "people", "list", "--json")
    assert code == 0, err
    return {row["ref"] for row in json.loads(out)}


def test_each_role_sees_its_own_caseload(capsys, monkeypatch, demo_db):
    as_user(monkeypatch, "admin")
    everyone = people_seen(capsys, demo_db)
    as_user(monkeypatch, "auditor")
    assert people_seen(capsys, demo_db) == everyone and len(everyone) == 60
    as_user(monkeypatch, "supervisor")
    supervisor = people_seen(capsys, demo_db)
    as_user(monkeypatch, "partner")
    partner = people_seen(capsys, demo_db)
    as_user(monkeypatch, "jobdev")
    jobdev = people_seen(capsys, demo_db)
    # The mental-health case manager serves a few teams; the CRP's supervisor sees the CRP's people.
    assert 0 < len(partner) < len(supervisor) <= len(everyone)
    assert partner != supervisor and jobdev <= supervisor | jobdev and jobdev


def test_tasks_of_people_an_account_cannot_see_stay_hidden(capsys, monkeypatch, demo_db):
    as_user(monkeypatch, "partner")
    visible = people_seen(capsys, demo_db)
    code, out, _ = caseteam(capsys, "--db", demo_db, "tasks", "list", "--json")
    assert code == 0
    assert {t["person_ref"] for t in json.loads(out) if t["person_ref"]} <= visible
    as_user(monkeypatch, "admin")
    hidden = sorted(people_seen(capsys, demo_db) - visible)[0]
    as_user(monkeypatch, "partner")
    code, _, err = caseteam(capsys, "--db", demo_db, "tasks", "list", "--person", hidden)
    assert code == 1 and "No person matches" in err  # not even a hint that the record exists


def test_a_wrong_password_is_refused_in_one_plain_line(capsys, monkeypatch, demo_db):
    as_user(monkeypatch, "jobdev", "not-the-password")
    code, out, err = caseteam(capsys, "--db", demo_db, "people", "list")
    assert code == 1 and out == ""
    assert err.strip() == "caseteam: The user name or password is not right."


def test_three_wrong_passwords_lock_the_account_for_a_while(capsys, monkeypatch, demo_db):
    as_user(monkeypatch, "jobdev", "guess-one")
    for _ in range(3):
        caseteam(capsys, "--db", demo_db, "info")
    as_user(monkeypatch, "jobdev")  # the right password, too soon
    code, _, err = caseteam(capsys, "--db", demo_db, "info")
    assert code == 1 and "locked for" in err


def test_without_credentials_and_no_terminal_the_command_says_how_to_sign_in(demo_db):
    env = {k: v for k, v in os.environ.items() if k not in ("CASETEAM_USER", "CASETEAM_PASSWORD")}
    result = subprocess.run([sys.executable, "-m", "ui.launcher", "--db", demo_db, "people", "list"], cwd=ROOT,
                            capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)
    assert result.returncode == 1
    assert "CASETEAM_USER and CASETEAM_PASSWORD" in result.stderr and "PE-" not in result.stdout
    # check needs no account: it reads no one's record, only the pages and the hash chain.
    result = subprocess.run([sys.executable, "-m", "ui.launcher", "--db", demo_db, "check"], cwd=ROOT,
                            capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)
    assert result.returncode == 0 and result.stdout.startswith("ok")


def test_a_store_without_accounts_refuses_people_commands(capsys, monkeypatch, sqlite_store):
    path = str(sqlite_store.path)
    sqlite_store.close()
    code, _, err = caseteam(capsys, "--db", path, "people", "list")
    assert code == 1 and "create the administrator account" in err


def test_only_administrators_and_supervisors_back_up_and_only_administrators_restore(capsys, monkeypatch,
                                                                                     demo_db, tmp_path):
    copy = tmp_path / "copy.sqlite"
    for user, code in (("jobdev", 1), ("auditor", 1), ("supervisor", 0)):
        as_user(monkeypatch, user)
        got, _, err = caseteam(capsys, "--db", demo_db, "backup", "--out", str(tmp_path / f"{user}.sqlite"))
        assert got == code, (user, err)
    as_user(monkeypatch, "admin")
    assert caseteam(capsys, "--db", demo_db, "backup", "--out", str(copy))[0] == 0
    as_user(monkeypatch, "supervisor")
    code, _, err = caseteam(capsys, "--db", demo_db, "restore", str(copy), "--yes")
    assert code == 1 and "may not restore the store from a backup" in err
    as_user(monkeypatch, "admin")
    assert caseteam(capsys, "--db", demo_db, "restore", str(copy), "--yes")[0] == 0
