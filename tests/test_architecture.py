"""The core stays Qt-free: importing caseteam and running the command line never loads PySide6 or ui."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import importlib, pkgutil, sys
import caseteam
for mod in pkgutil.walk_packages(caseteam.__path__, "caseteam."):
    if not mod.name.startswith("caseteam.storage.migrations"):  # Alembic loads those itself
        importlib.import_module(mod.name)
from ui.launcher import main
for command in (["demo", "--people", "2"], ["info", "--json"], ["people", "list"], ["check"]):
    code = main(["--db", sys.argv[1], *command])
    assert code == 0, (command, code)
loaded = sorted(m for m in sys.modules if m == "PySide6" or m.startswith(("PySide6.", "shiboken6", "ui.app", "ui.main_window")))
print("LOADED:" + ",".join(loaded))
"""


def test_core_and_cli_never_load_qt(tmp_path):
    result = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "probe.sqlite")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "CASETEAM_HOME": str(tmp_path), "PYTHONPATH": str(ROOT),
                                 "CASETEAM_USER": "admin", "CASETEAM_PASSWORD": "caseteam-demo"})
    assert result.returncode == 0, result.stderr
    assert "LOADED:\n" in result.stdout or result.stdout.strip().endswith("LOADED:"), result.stdout


def test_import_linter_contract_holds():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is part of the dev dependencies"
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken" in result.stdout


def test_no_module_in_the_core_names_qt():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "caseteam").rglob("*.py")
                 if any(line.lstrip().startswith(("import PySide6", "from PySide6", "import ui", "from ui"))
                        for line in p.read_text(encoding="utf-8").splitlines())]
    assert offenders == []
