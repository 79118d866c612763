"""Signing in for tests that drive a screen on its own Operations (no main window): the same service
and worker job as the sign-in page, as a demo account (every demo account's password is the same)."""

from __future__ import annotations

from caseteam.demo.accounts import DEMO_PASSWORD
from caseteam.services import users

ADMIN_PASSWORD = "quiet-harbor-lantern-57"  # the first administrator of an empty test store
__all__ = ["ADMIN_PASSWORD", "DEMO_PASSWORD", "sign_in", "sign_in_by_keys"]


def sign_in(qtbot, ops, username: str = "admin", password: str = DEMO_PASSWORD, timeout: int = 30_000):
    """The Actor for `username`, signed in on the worker (a write job: the attempt is counted)."""
    answers = []
    ops.run(lambda uow: users.attempt_sign_in(uow, username, password), on_done=answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=timeout)
    assert answers[0].actor is not None, answers[0].message
    return answers[0].actor


def sign_in_by_keys(qtbot, window, user: str, password: str | None) -> None:
    """Type into the page the window shows after opening, as a person would, and press Enter: the
    sign-in page (demo stores: the demo password), or the first administrator's page (empty stores)."""
    from PySide6.QtCore import Qt

    session = window.session
    page = window.pages.currentWidget()
    if page is session.sign_in_page:
        qtbot.keyClicks(page.username, user)
        qtbot.keyClicks(page.password, password or DEMO_PASSWORD)
        qtbot.keyClick(page.password, Qt.Key.Key_Return)
    elif page is session.first_admin_page:
        password = password or ADMIN_PASSWORD
        for box, text in ((page.username, user), (page.display_name, f"Test {user.capitalize()}"),
                          (page.password, password), (page.repeat, password)):
            qtbot.keyClicks(box, text)
        qtbot.keyClick(page.repeat, Qt.Key.Key_Return)
    else:
        raise AssertionError(f"no sign-in page on screen but {type(page).__name__}")
