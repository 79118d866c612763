"""Running a child Python as an ordinary account, so file permissions apply (root ignores them).

As root the child runs as `nobody` through runuser. The venv's interpreter may sit in a folder
nobody can enter (a pyenv build under /root), so the child uses an interpreter nobody can run, of
the same minor version, with this venv's packages and the project on PYTHONPATH.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
USER = "nobody"


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


@functools.lru_cache(maxsize=1)
def _interpreter() -> str | None:
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (sys.executable, f"/usr/bin/python{version}", f"/usr/local/bin/python{version}"):
        if not Path(candidate).exists():
            continue
        probe = subprocess.run(["runuser", "-u", USER, "--", candidate, "-c",
                                f"import sys; assert sys.version_info[:2] == {sys.version_info[:2]!r}"],
                               capture_output=True, timeout=60)
        if probe.returncode == 0:
            return candidate
    return None


def run_python(code: str, *, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `code` as an account that file permissions apply to; returns the finished process."""
    paths = [str(ROOT), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    full_env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "QT_QPA_PLATFORM": "offscreen",
                "PYTHONPATH": os.pathsep.join(dict.fromkeys(paths)), "PYTHONDONTWRITEBYTECODE": "1", **env}
    if not is_root():
        return subprocess.run([sys.executable, "-c", code], env=full_env, capture_output=True, text=True,
                              timeout=timeout)
    if shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot test file permissions")
    python = _interpreter()
    if python is None:
        pytest.skip(f"no Python {sys.version_info.major}.{sys.version_info.minor} that {USER} may run")
    return subprocess.run(["runuser", "-u", USER, "--", python, "-c", code], env=full_env, capture_output=True,
                          text=True, timeout=timeout)


def give_away(path: Path) -> None:
    """Hand a file or folder to the child's account (as root); otherwise it is ours already."""
    if is_root():
        shutil.chown(path, user=USER)


@pytest.fixture
def shared_dir():
    """A folder the other account can reach (pytest's own tmp folders are private to root)."""
    path = Path(tempfile.mkdtemp(prefix="caseteam-perm-"))
    path.chmod(0o755)
    yield path
    for sub in path.rglob("*"):
        if sub.is_dir():
            sub.chmod(0o755)
    shutil.rmtree(path, ignore_errors=True)
