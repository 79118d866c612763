"""Starting the GUI: `run` for the `caseteam` command, `self_test` for `caseteam self-test`."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

log = logging.getLogger(__name__)

SELF_TEST_TIMEOUT_MS = 60_000


def _application():
    from PySide6.QtWidgets import QApplication

    import caseteam

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("caseteam")
    app.setApplicationName("caseteam")
    app.setApplicationDisplayName("caseteam")
    app.setApplicationVersion(caseteam.__version__)
    from .fonts import register_application_fonts

    register_application_fonts()
    return app


def _install_excepthook(window) -> None:
    """An exception escaping a Qt slot on the GUI thread: log the stack, tell the user plainly."""
    from .diagnostics import describe_exception

    def hook(kind, exc, tb):
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        window.ops.report_unexpected(describe_exception(exc.with_traceback(tb)), "the window")

    sys.excepthook = hook


def run(db_target: str | None, *, debug: bool = False) -> int:
    """Show the main window on the store at db_target (None: CASETEAM_DB_URL or the default file)."""
    from .backups import StoreRecovery
    from .diagnostics import setup_logging
    from .main_window import MainWindow
    from .single_instance import SingleInstance, already_open_message, bring_to_front
    from .widgets import error_dialog

    app = _application()
    instance = SingleInstance(db_target)
    if not instance.claim():  # another caseteam has this store open: send the user there
        instance.ask_first_to_show()
        error_dialog.show_plain(None, already_open_message(instance.location), title="caseteam is already open")
        return 0
    log_path = setup_logging(debug=debug)
    log.info("caseteam %s starting (Qt platform %s)", app.applicationVersion(), app.platformName())
    window = MainWindow(db_target)
    instance.show_requested.connect(lambda: bring_to_front(window))
    _install_excepthook(window)
    failed = []
    recovery = StoreRecovery(window)

    def refuse(message: str) -> None:
        if recovery.offer(message):  # a good backup was restored in its place and is opening
            return
        failed.append(True)
        log.warning("store could not be opened")
        if message:
            error_dialog.show_plain(window, message, title="caseteam cannot open the store")
        window.close()

    window.open_failed.connect(refuse)
    window.show()
    code = app.exec()
    window.close()  # also when the event loop ended some other way: the worker must stop
    sys.excepthook = sys.__excepthook__
    instance.release()
    log.info("caseteam closed (log at %s)", log_path.name)
    return 1 if failed else code


def self_test(store_path: str | os.PathLike) -> int:
    """Open the main window offscreen on store_path, wait for the caseload, close it. 0 = fine."""
    problems, _rows = _open_and_close(store_path)
    for problem in problems:
        print(f"window: {problem}", file=sys.stderr)
    return 1 if problems else 0


def window_step(store_path: str | os.PathLike, pdf_path: str | os.PathLike | None = None) -> str:
    """The last step of `caseteam self-test`: the window on the scratch store, and the step's PDF opened
    with QtPdf as printing does. Returns what was checked; raises RuntimeError naming what failed."""
    problems, rows = _open_and_close(store_path)
    if problems:
        raise RuntimeError("; ".join(problems))
    detail = f"opened offscreen, signed in, caseload showed {rows} {'person' if rows == 1 else 'people'}, closed"
    if pdf_path is not None:
        detail += f"; QtPdf opened the PDF ({_pdf_pages(pdf_path)} pages)"
    return detail


def _pdf_pages(pdf_path: str | os.PathLike) -> int:
    """Printing hands stored PDFs to QtPdf page by page: load this one and draw its first page."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    error = document.load(str(pdf_path))
    if error != QPdfDocument.Error.None_ or document.pageCount() < 1:
        raise RuntimeError(f"QtPdf could not open the PDF ({error.name}, {document.pageCount()} pages)")
    if document.render(0, QSize(200, 260)).isNull():
        raise RuntimeError("QtPdf opened the PDF but drew a blank first page")
    pages = document.pageCount()
    document.close()
    return pages


def _open_and_close(store_path: str | os.PathLike) -> tuple[list[str], int | None]:
    """The window on store_path until its caseload shows, then closed: (problems, rows shown)."""
    if _no_application():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a caller may ask for a real display
    from PySide6.QtCore import QEventLoop, QTimer

    from .diagnostics import setup_logging
    from .main_window import MainWindow
    from .widgets import error_dialog

    _application()
    setup_logging()
    problems: list[str] = []
    # No modal dialog may wait for a click that never comes: failures become the result instead.
    saved = error_dialog.show_plain, error_dialog.show_unexpected
    error_dialog.show_plain = lambda _parent, message, **_kw: problems.append(message)
    error_dialog.show_unexpected = lambda _parent, log_path, details: problems.append(
        f"unexpected error: {_last_line(details)} (log {log_path})")
    window = MainWindow(str(Path(store_path)), persist_layout=False)
    window.backups.automatic = False  # a scratch store: no copies of it in the user's backup folder
    loop = QEventLoop()
    window.ready.connect(lambda: _sign_in_as_demo_admin(window, problems, loop))
    window.session_ready.connect(loop.quit)
    window.open_failed.connect(lambda message: (problems.append(message or "store not opened"), loop.quit()))
    timer = QTimer(singleShot=True, interval=SELF_TEST_TIMEOUT_MS)
    timer.timeout.connect(lambda: (problems.append("the window did not finish loading in time"), loop.quit()))
    rows = None
    try:
        window.show()
        timer.start()
        loop.exec()
        timer.stop()
        if not problems and window.caseload is not None and window.people_count is not None:
            expected = min(window.people_count, window.caseload.LIMIT)
            rows = window.caseload.model.rowCount()
            if rows != expected:
                problems.append("the caseload did not show every person")
    finally:
        window.close()
        error_dialog.show_plain, error_dialog.show_unexpected = saved
    return problems, rows


def _last_line(details: str) -> str:
    lines = [line for line in (details or "").splitlines() if line.strip()]
    return lines[-1].strip() if lines else "no details"


def _sign_in_as_demo_admin(window, problems: list[str], loop) -> None:
    """The self-test store is a scratch demo store: sign in through the page as its administrator."""
    from caseteam.demo.accounts import DEMO_PASSWORD

    from PySide6.QtCore import Qt

    page = window.pages.currentWidget()
    if page is window.session.first_admin_page:  # a scratch store without accounts: make one
        import secrets

        password = f"self-test-{secrets.token_urlsafe(12)}"
        for box, text in ((page.username, "selftest"), (page.display_name, "caseteam self-test"),
                          (page.password, password), (page.repeat, password)):
            box.setText(text)
        page.submit()
        return
    if page is not window.session.sign_in_page:
        problems.append("the sign-in page did not appear")
        loop.quit()
        return

    def answered() -> None:
        if window.actor is None:
            problems.append(f"signing in as the demo administrator failed: {page.message.text()}")
            loop.quit()

    window.ops.idle.connect(answered, Qt.ConnectionType.SingleShotConnection)
    page.username.setText("admin")
    page.password.setText(DEMO_PASSWORD)
    page.submit()


def _no_application() -> bool:
    if "PySide6.QtWidgets" not in sys.modules:
        return True
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() is None
