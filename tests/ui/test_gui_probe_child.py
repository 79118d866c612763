"""The benchmark's caseteam child (tests/perf/gui_child.py) really starts the window, signs in with the bench
account and sees the caseload painted: so `python -m tests.perf` measures a start that reached the work.
No timing is asserted here; the benchmark reports times as ratios."""

from __future__ import annotations

from pathlib import Path

from caseteam.domain.users import Role, User
from caseteam.services import users
from perf import gui_probe
from perf.results import BENCH_PASSWORD, BENCH_USERNAME


def add_bench_account(store) -> None:
    """The account the generated benchmark stores carry: an administrator who need not change the password."""
    with store.unit_of_work() as uow:
        row, _ = users.create_user(uow, users.local_actor(uow), username=BENCH_USERNAME, display_name="Benchmark",
                                   role=Role.ADMINISTRATOR, password=BENCH_PASSWORD)
        uow.session.get(User, row.id).must_change_password = False


def test_caseteam_child_paints_the_caseload_and_reports_its_peak_memory(demo_store, tmp_path):
    add_bench_account(demo_store)
    demo_store.close()
    env = gui_probe.child_env(tmp_path, None, 0)
    _began, reports, peak_kb = gui_probe.run_child(["caseteam", str(demo_store.path), BENCH_USERNAME], env, 120)
    painted = gui_probe.event(reports, "painted")
    assert painted["rows"] > 0
    assert painted["stamps"]["signed_in"] < painted["stamps"]["rows_shown"] < painted["t"]
    assert len(painted["argon2_s"]) == 1  # the password really was checked
    assert gui_probe.event(reports, "rss")["peak_kb"] > 0 and peak_kb > 0
    assert not list(Path(env["CASETEAM_HOME"]).glob("backups/*"))  # no copy of the store was made

