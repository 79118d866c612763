"""`caseteam self-test` as IT runs it after installing: a separate process, one line per step, exit 0."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from caseteam import self_test
from ui import app

STEP_NAMES = [step.name for step in self_test.CORE_STEPS] + ["main window"]


def _command() -> list[str]:
    script = Path(sys.executable).with_name("caseteam")  # the entry point `uv run caseteam` starts
    return [str(script)] if script.exists() else [sys.executable, "-m", "ui.launcher"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_self_test_from_source_passes_every_step_and_leaves_the_users_files_alone(tmp_path):
    home = tmp_path / "users-home"  # stands for the user's real data folder
    home.mkdir()
    (home / "settings.json").write_text('{"backup_folder": "/nowhere"}\n', encoding="utf-8")
    (home / "caseteam.sqlite").write_bytes(b"the user's store, not to be opened\n")
    before = _snapshot(home)
    scratch_parent = tmp_path / "tmp"
    scratch_parent.mkdir()
    env = {**os.environ, "CASETEAM_HOME": str(home), "TMPDIR": str(scratch_parent),
           "CASETEAM_DB_URL": "postgresql+psycopg://nobody@127.0.0.1:1/office"}
    env.pop("QT_QPA_PLATFORM", None)  # the command makes the window offscreen itself
    result = subprocess.run([*_command(), "self-test"], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(": ")[0] for line in lines[:len(STEP_NAMES)]] == STEP_NAMES
    assert all(re.fullmatch(r"[^:]+: ok( \(.+\))?", line) for line in lines[:len(STEP_NAMES)]), lines
    assert lines[len(STEP_NAMES)] == "self-test passed"
    assert "QtPdf opened the PDF" in result.stdout
    assert "Traceback" not in result.stderr
    assert _snapshot(home) == before
    assert list(scratch_parent.iterdir()) == []  # the scratch folder went away with the run


def test_the_window_step_names_a_store_it_could_not_open(qtbot, tmp_path):
    stranger = tmp_path / "notes.sqlite"
    stranger.write_text("shopping list\n")
    with pytest.raises(RuntimeError, match="is not a caseteam store"):
        app.window_step(stranger)


def test_the_window_step_fails_when_qtpdf_cannot_open_the_pdf(qtbot, demo_path, tmp_path):
    broken = tmp_path / "self-test.pdf"
    broken.write_bytes(b"%PDF-1.4 cut short")
    with pytest.raises(RuntimeError, match="QtPdf could not open the PDF"):
        app.window_step(demo_path, broken)
