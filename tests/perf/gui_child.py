"""The child processes behind tests/perf/gui_probe.py: each is a fresh Python, as a user's start is.

    gui_child.py bare                      QApplication + an empty QMainWindow, until its first paint
    gui_child.py caseteam STORE USER       caseteam's window on STORE, signed in as USER (password in
                                           CASETEAM_PERF_PASSWORD), until the caseload's first page is painted
    gui_child.py workspace STORE USER N    as caseteam, then N+1 person workspaces opened (the first one warms
                                           imports), each alternated with the same reads as raw sqlite3 SELECTs

Every report is one line `PROBE {json}` on stdout; times are time.monotonic() seconds, which on Linux is
CLOCK_MONOTONIC and so comparable with the parent's clock. Nothing is imported before the first stamp
but the standard library, so the stamps split interpreter start, imports, Qt and caseteam."""

from __future__ import annotations

import time

STARTED = time.monotonic()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

TIMEOUT_MS = 120_000


def report(**fields) -> None:
    print("PROBE " + json.dumps(fields), flush=True)


def _status_kb(field: str) -> int | None:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1])
    return None


def peak_rss_kb() -> int:
    """VmHWM: the resident set's high-water mark so far (what ru_maxrss would say at exit)."""
    peak = _status_kb("VmHWM:")
    if peak is not None:
        return peak
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def resident_kb() -> int:
    """VmRSS: resident now (the peak includes transients such as Argon2's 64 MiB while a password is checked)."""
    return _status_kb("VmRSS:") or 0


def default_size(window) -> tuple[int, int]:
    """The size MainWindow gives itself on a first start, so the bare window paints as many pixels."""
    screen = window.screen()
    if screen is None:
        return 1280, 760
    available = screen.availableGeometry()
    return min(1440, int(available.width() * 0.94)), min(900, int(available.height() * 0.9))


def paint_watch(widget, on_paint):
    """An event filter calling on_paint() at each paint event the widget gets (kept alive by the caller)."""
    from PySide6.QtCore import QEvent, QObject

    class Watch(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint:
                on_paint()
            return False

    watch = Watch()
    widget.installEventFilter(watch)
    return watch


class Waiter:
    """A nested event loop that returns once check() holds, re-checking whenever poke() is called (from
    signals and paint events), with a deadline: the child never hangs the parent."""

    def __init__(self) -> None:
        from PySide6.QtCore import QEventLoop

        self.loop = QEventLoop()
        self.check = None

    def poke(self, *_args) -> None:
        if self.check is not None and self.check():
            self.loop.quit()

    def wait(self, check, what: str, timeout_ms: int = TIMEOUT_MS) -> None:
        from PySide6.QtCore import QTimer

        if check():
            return
        self.check = check
        expired = []
        timer = QTimer(singleShot=True, interval=timeout_ms)
        timer.timeout.connect(lambda: (expired.append(True), self.loop.quit()))
        timer.start()
        self.loop.exec()
        timer.stop()
        self.check = None
        if expired and not check():
            fail(f"timed out after {timeout_ms / 1000:.0f} s waiting for {what}")


def fail(message: str) -> None:
    print(f"gui_child: {message}", file=sys.stderr, flush=True)
    os._exit(3)


# --- the baseline ---------------------------------------------------------------------------------------
def bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    report(event="imported", t=time.monotonic())
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(*default_size(window))
    painted = []
    waiter = Waiter()
    watch = paint_watch(window, lambda: (painted or painted.append(time.monotonic()), waiter.poke()))
    window.show()
    waiter.wait(lambda: bool(painted), "the first paint of an empty QMainWindow")
    report(event="painted", t=painted[0], started=STARTED)
    report(event="rss", peak_kb=peak_rss_kb(), resident_kb=resident_kb())
    window.removeEventFilter(watch)
    window.close()
    app.processEvents()
    return 0


# --- caseteam's window ----------------------------------------------------------------------------------
class Start:
    """caseteam started as `caseteam` starts it (ui/app.py run), with stamps at each step and the password
    check (Argon2) timed where it runs, on the database worker."""

    def __init__(self, store: str, username: str, password: str) -> None:
        self.store, self.username, self.password = store, username, password
        self.stamps: dict[str, float] = {"started": STARTED}
        self.argon2: list[float] = []
        self.page_queries: list[float] = []
        self.overview: list[float] = []  # the people count and demo flag the first page waits for
        self.problems: list[str] = []
        self.painted_at: float | None = None
        self.peak_kb_at_paint = 0
        self.rows_at: float | None = None
        self.waiter = None
        self.watch = None

    def stamp(self, name: str) -> None:
        self.stamps.setdefault(name, time.monotonic())

    def _timed(self, module, name: str, into: list[float]) -> None:
        original = getattr(module, name)

        def timed(*args, **kwargs):
            began = time.monotonic()
            try:
                return original(*args, **kwargs)
            finally:
                into.append(time.monotonic() - began)

        setattr(module, name, timed)

    def run(self):
        from caseteam import cli  # noqa: F401  (the launcher parses its arguments with it first)
        from ui.app import _application
        from ui.backups import StoreRecovery  # noqa: F401  (run() imports these before the window)
        from ui.diagnostics import setup_logging
        from ui.main_window import MainWindow
        from ui.single_instance import SingleInstance
        from ui.widgets import error_dialog

        self.stamp("imported")
        from caseteam.services import caseload, passwords, people, records

        self._timed(passwords, "verify_password", self.argon2)
        self._timed(caseload, "fetch_page", self.page_queries)
        self._timed(people, "caseload_count", self.overview)
        self._timed(records, "overview", self.overview)
        # A dialog would wait for a click that never comes: it becomes the child's failure instead.
        error_dialog.show_plain = lambda _parent, message, **_kw: self._problem(message)
        error_dialog.show_unexpected = lambda _parent, log_path, details: self._problem(
            f"unexpected error (log {log_path}):\n{details}")

        app = _application()
        self.stamp("qt_ready")
        instance = SingleInstance(self.store)
        if not instance.claim():
            fail(f"another caseteam has {self.store} open")
        setup_logging()
        self.waiter = waiter = Waiter()
        window = MainWindow(self.store, persist_layout=False)
        window.backups.automatic = False  # a benchmark store: no copies of it in a backup folder
        window.ready.connect(self._sign_in_when_asked)
        window.open_failed.connect(lambda message: self._problem(message or "the store was not opened"))
        window.overview_loaded.connect(self._watch_caseload)
        window.ops.idle.connect(waiter.poke)
        window.session_ready.connect(waiter.poke)
        self.window, self.app, self.instance = window, app, instance
        self.stamp("window_made")
        window.show()
        self.stamp("window_shown")
        waiter.wait(lambda: self.painted_at is not None or bool(self.problems), "the caseload's first page")
        if self.problems:
            fail("; ".join(self.problems))
        return window

    def _problem(self, message: str) -> None:
        self.problems.append(message)
        if self.waiter is not None:
            self.waiter.loop.quit()

    def _sign_in_when_asked(self) -> None:
        from PySide6.QtCore import Qt

        window = self.window
        self.stamp("store_opened")
        page = window.pages.currentWidget()
        if page is not window.session.sign_in_page:
            self._problem(f"the store showed {type(page).__name__}, not the sign-in page (no accounts?)")
            return

        def answered() -> None:
            if window.actor is None:
                dialog = window.session.password_dialog
                self._problem("the account must choose a new password first (clear must_change_password)"
                              if dialog is not None else f"signing in failed: {page.message.text()}")

        window.ops.idle.connect(answered, Qt.ConnectionType.SingleShotConnection)
        window.session.signed_in.connect(lambda _actor: self.stamp("signed_in"))
        page.username.setText(self.username)
        page.password.setText(self.password)
        self.stamp("sign_in_submitted")
        page.submit()

    def _watch_caseload(self, _count: int) -> None:
        caseload = self.window.caseload
        if caseload is None or self.watch is not None:
            return
        self.stamp("sections_built")

        def rows(count: int) -> None:
            if count and self.rows_at is None:
                self.rows_at = time.monotonic()

        def painted() -> None:
            if self.rows_at is not None and self.painted_at is None and caseload.model.rowCount():
                self.painted_at = time.monotonic()
                self.peak_kb_at_paint = peak_rss_kb()
                self.waiter.poke()

        caseload.rows_loaded.connect(rows)
        self.watch = paint_watch(caseload.table.viewport(), painted)

    def settle(self) -> None:
        """Everything the start queued (other sections, the quick check) is done: the RSS a user lives with."""
        window = self.window
        # The other sections are built after the first paint (ui/section_loading.py); session_ready follows them.
        self.waiter.wait(lambda: window._session_ready_sent and window.ops.pending == 0, "the start-up jobs to finish")
        self.app.processEvents()

    def close(self) -> None:
        self.window.close()
        self.instance.release()


def start_report(start: Start) -> None:
    window = start.window
    report(event="painted", t=start.painted_at, started=STARTED, rows=window.caseload.model.rowCount(),
           stamps={**start.stamps, "rows_shown": start.rows_at, "painted": start.painted_at},
           argon2_s=start.argon2, page_query_s=start.page_queries, overview_s=start.overview,
           peak_kb_at_paint=start.peak_kb_at_paint)


def caseteam(store: str, username: str) -> int:
    start = Start(store, username, os.environ.get("CASETEAM_PERF_PASSWORD", ""))
    start.run()
    start_report(start)
    start.settle()
    report(event="rss", peak_kb=peak_rss_kb(), resident_kb=resident_kb())
    start.close()
    return 0


def workspace(store: str, username: str, runs: int) -> int:
    from workspace_reads import open_workspaces

    start = Start(store, username, os.environ.get("CASETEAM_PERF_PASSWORD", ""))
    start.run()
    start_report(start)
    start.settle()
    for sample in open_workspaces(start.window, store, runs, start.waiter, paint_watch):
        report(event="workspace", **sample)
    report(event="rss", peak_kb=peak_rss_kb())
    start.close()
    return 0


def main(argv: list[str]) -> int:
    mode = argv[0] if argv else ""
    if mode == "bare":
        return bare()
    if mode == "caseteam" and len(argv) == 3:
        return caseteam(argv[1], argv[2])
    if mode == "workspace" and len(argv) == 4:
        return workspace(argv[1], argv[2], int(argv[3]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    profile_to = os.environ.get("CASETEAM_PERF_PROFILE")  # a cProfile of the GUI thread, for `pstats`
    if profile_to:
        import cProfile

        profiler = cProfile.Profile()
        code = profiler.runcall(main, sys.argv[1:])
        profiler.dump_stats(profile_to)
    else:
        code = main(sys.argv[1:])
    sys.stdout.flush()
    os._exit(code)  # no interpreter teardown in the timings of the next sample
