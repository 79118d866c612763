"""The window also comes up on a real X server (Xvfb), not only offscreen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = "import sys; from ui.app import self_test; sys.exit(self_test(sys.argv[1]))"


@pytest.fixture
def xvfb_display():
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI must install xvfb: the window is tested on a real X server there.")
        pytest.skip("Xvfb is not installed")
    read_end, write_end = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_end), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.fail("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def test_window_shows_the_caseload_on_a_real_x_server(xvfb_display, demo_template, tmp_path):
    store = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_template, store)
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb", "CASETEAM_HOME": str(tmp_path)}
    # With QT_QPA_PLATFORM=xcb Qt aborts when it cannot reach the X server, so exit 0 means a real window.
    result = subprocess.run([sys.executable, "-c", PROBE, str(store)], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
