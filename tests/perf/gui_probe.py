"""The GUI measures of `python -m tests.perf` (issue 11, measures 1, 4 and 7), each against its baseline in the
same run, in fresh child processes (tests/perf/gui_child.py):

1. cold start to the first caseload page painted (sign-in with its Argon2 password check included, as a user
   waits for it; also reported without it) vs a bare QApplication painting an empty QMainWindow;
4. open a person workspace with its plan, team and tasks vs the same reads as raw sqlite3 SELECTs;
7. peak RSS of the caseteam child once its start-up work is done vs the bare child's.

Children run offscreen (or on an X display with `display=`), each with its own CASETEAM_HOME, XDG folders and
no automatic backups, so nothing of the user's is read or written. Standalone:

    uv run python -m tests.perf.gui_probe STORE [--runs N] [--scale N] [--display :99]
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .results import BENCH_PASSWORD, BENCH_USERNAME, Measure, Target

CHILD = Path(__file__).with_name("gui_child.py")
ROOT = Path(__file__).resolve().parents[2]
CHILD_TIMEOUT_S = 180  # one start on a loaded 2-core machine takes ~15 s; a hang must still end
WORKSPACE_TIMEOUT_S = 30  # more per workspace opened

COLD_START = "cold start to first caseload page painted"
RESIDENT = "  resident RSS once started (Argon2's 64 MiB freed)"
WITHOUT_ARGON2 = "cold start without the password check"
ARGON2 = "  of which the password check (argon2)"
WORKSPACE = "open a person workspace with its plan, team and tasks"

# Start-up phases, each the time from the previous stamp the child logged (see gui_child.Start).
PHASES = (("interpreter start", "started"), ("imports (caseteam, SQLAlchemy, PySide6)", "imported"),
          ("Qt init (QApplication, fonts)", "qt_ready"), ("window built and shown", "window_shown"),
          ("store opened (worker)", "store_opened"), ("sign-in (argon2 inside)", "signed_in"),
          ("sections built after sign-in", "sections_built"), ("first page query, queued", "rows_shown"),
          ("paint", "painted"))

_last_breakdown: dict[str, float] = {}


class ChildFailed(RuntimeError):
    pass


def child_env(workdir: Path, display: str | None, sample: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CASETEAM_", "QT_QPA_")) and k != "PYTHONDONTWRITEBYTECODE"}
    home = workdir / f"home-{sample}"
    home.mkdir()
    env.update(CASETEAM_HOME=str(home), XDG_CONFIG_HOME=str(workdir / "config"),
               XDG_CACHE_HOME=str(workdir / "cache"), XDG_DATA_HOME=str(workdir / "data"),
               CASETEAM_PERF_PASSWORD=BENCH_PASSWORD, PYTHONUNBUFFERED="1",
               # An installed program starts from compiled bytecode: the warm-up child writes it here, so no
               # sample compiles sources (as it would where PYTHONDONTWRITEBYTECODE is set) or writes into the tree.
               PYTHONPYCACHEPREFIX=str(workdir / "pycache"))
    if display:
        env.update(QT_QPA_PLATFORM="xcb", DISPLAY=display)
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run_child(args: list[str], env: dict[str, str], timeout_s: float, on_report=None) -> tuple[float, list[dict], int]:
    """Spawn gui_child.py with args; (monotonic time just before the spawn, its PROBE reports, peak RSS in KB
    from wait4). A child that fails, says nothing or outlives timeout_s raises ChildFailed with its stderr."""
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as errors:
        began = time.monotonic()
        process = subprocess.Popen([sys.executable, str(CHILD), *args], stdout=subprocess.PIPE, stderr=errors,
                                   env=env, cwd=ROOT, text=True)
        killed = threading.Event()
        watchdog = threading.Timer(timeout_s, lambda: (killed.set(), process.kill()))
        watchdog.start()
        reports = []
        try:
            for line in process.stdout:
                if line.startswith("PROBE "):
                    reports.append(json.loads(line[6:]))
                    if on_report is not None:
                        on_report(reports[-1])
            _, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
        finally:
            watchdog.cancel()
            process.stdout.close()
        errors.seek(0)
        stderr = errors.read()[-4000:]
    what = f"the GUI benchmark child `{' '.join(args[:1])}`"
    if killed.is_set():
        raise ChildFailed(f"{what} did not finish within {timeout_s:.0f} s; its stderr:\n{stderr}")
    if process.returncode != 0:
        raise ChildFailed(f"{what} exited with {process.returncode}; its stderr:\n{stderr}")
    if not any(r.get("event") == "painted" for r in reports):
        raise ChildFailed(f"{what} never reported a paint; its stderr:\n{stderr}")
    # The child's own VmHWM first: wait4's ru_maxrss keeps the high-water mark the forked child inherited from
    # this process before exec, so after generating a store both children would report the parent's size.
    peak = next((r["peak_kb"] for r in reversed(reports) if r.get("event") == "rss"), usage.ru_maxrss)
    return began, reports, peak


def event(reports: list[dict], name: str) -> dict:
    return next(r for r in reports if r.get("event") == name)


def start_phases(began: float, painted: dict) -> dict[str, float]:
    """Milliseconds per start-up phase of one caseteam child (argon2 and the page query on their own)."""
    stamps, phases, previous = painted["stamps"], {}, began
    for label, key in PHASES:
        if stamps.get(key) is not None:
            phases[label] = (stamps[key] - previous) * 1000
            previous = stamps[key]
    phases["  argon2 password check (in sign-in)"] = sum(painted["argon2_s"]) * 1000
    phases["  first page query on the worker"] = sum(painted["page_query_s"][:1]) * 1000
    phases["  people count before the first page (worker)"] = sum(painted.get("overview_s", ())) * 1000
    phases["peak RSS at the first paint (MB)"] = painted.get("peak_kb_at_paint", 0) / 1024
    return phases


def last_breakdown() -> dict[str, float]:
    """Median milliseconds per start-up phase over the cold starts of the last gui_measures call."""
    return dict(_last_breakdown)


def gui_measures(store_path: Path, scale: int, runs: int, progress=None, *, display: str | None = None) -> list[Measure]:
    """The cold-start, workspace and RSS measures on the store at store_path (which holds the bench account).
    progress.update(1) is called once per cold-start pair and once per workspace sample (2 * runs in all)."""
    store, runs = str(Path(store_path).resolve()), max(1, runs)
    start_ms, bare_ms, argon2_ms, rss_mb, bare_rss_mb, phases = [], [], [], [], [], []
    resident_mb, bare_resident_mb = [], []
    with tempfile.TemporaryDirectory(prefix="caseteam-perf-gui-") as folder:
        workdir, counter = Path(folder), iter(range(10**6))

        def bare() -> tuple[float, int]:
            began, reports, peak_kb = run_child(["bare"], child_env(workdir, display, next(counter)), CHILD_TIMEOUT_S)
            bare_resident_mb.append(event(reports, "rss").get("resident_kb", 0) / 1024)
            return event(reports, "painted")["t"] - began, peak_kb

        def caseteam() -> tuple[float, int, float, dict]:
            began, reports, peak_kb = run_child(["caseteam", store, BENCH_USERNAME],
                                                child_env(workdir, display, next(counter)), CHILD_TIMEOUT_S)
            resident_mb.append(event(reports, "rss").get("resident_kb", 0) / 1024)
            painted = event(reports, "painted")
            return painted["t"] - began, peak_kb, sum(painted["argon2_s"]), start_phases(began, painted)

        bare(), caseteam()  # warm-up, not counted: the first spawn reads libraries and fonts from disk
        resident_mb.clear()
        bare_resident_mb.clear()
        for sample in range(runs):
            first, second = (bare, caseteam) if sample % 2 else (caseteam, bare)
            results = {first: first(), second: second()}
            (b_s, b_kb), (c_s, c_kb, a_s, c_phases) = results[bare], results[caseteam]
            bare_ms.append(b_s * 1000)
            start_ms.append(c_s * 1000)
            argon2_ms.append(a_s * 1000)
            rss_mb.append(c_kb / 1024)
            bare_rss_mb.append(b_kb / 1024)
            phases.append(c_phases)
            if progress is not None:
                progress.update(1)

        ui_ms, sql_ms = [], []

        def workspace_sample(report: dict) -> None:
            if report.get("event") == "workspace" and not report["warmup"]:
                ui_ms.append(report["ui_ms"])
                sql_ms.append(report["sql_ms"])
                if progress is not None:
                    progress.update(1)

        run_child(["workspace", store, BENCH_USERNAME, str(runs)], child_env(workdir, display, next(counter)),
                  CHILD_TIMEOUT_S + WORKSPACE_TIMEOUT_S * (runs + 1), workspace_sample)

    _last_breakdown.clear()
    _last_breakdown.update({label: statistics.median(p[label] for p in phases) for label in phases[0]})
    without = tuple(s - a for s, a in zip(start_ms, argon2_ms))
    return [
        Measure(COLD_START, scale, tuple(start_ms), tuple(bare_ms),
                Target(max_ratio=2, text="within 2x of bare Qt (argon2 sign-in included)")),
        Measure(WITHOUT_ARGON2, scale, without, tuple(bare_ms), Target(text="report only")),
        Measure(ARGON2, scale, tuple(argon2_ms), (), Target(text="report only")),
        Measure(WORKSPACE, scale, tuple(ui_ms), tuple(sql_ms), Target(text="report only")),
        Measure(f"peak RSS after opening the scale-{scale} store", scale, tuple(rss_mb), tuple(bare_rss_mb),
                Target(max_extra=150, text="within 150 MB of bare Qt"), unit="MB"),
        Measure(RESIDENT, scale, tuple(resident_mb), tuple(bare_resident_mb),
                Target(text="report only: the peak less the password check's transient"), unit="MB"),
    ]


def main(argv: list[str] | None = None) -> int:
    import argparse

    from .results import table

    parser = argparse.ArgumentParser(prog="python -m tests.perf.gui_probe", description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path, help="a caseteam SQLite store holding the bench account")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--display", help="an X display (e.g. Xvfb's) to start on instead of offscreen")
    args = parser.parse_args(argv)
    measures = gui_measures(args.store, args.scale, args.runs, display=args.display)
    print(table(measures))
    print("\ncold start, median per phase:")
    for label, value in last_breakdown().items():
        print(f"  {label.replace(' (MB)', ''):50} {value:9.1f} {'MB' if '(MB)' in label else 'ms'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
