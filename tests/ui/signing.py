"""Signing in for tests that drive a screen on its own Operations (no main window): the same service
and worker job as the sign-in page, as a demo account (every demo account's password is the same)."""

from __future__ import annotations

from caseteam.demo.accounts import DEMO_PASSWORD
from caseteam.services import users

ADMIN_PASSWORD = "quiet-harbor-lantern-57"  # the first administrator of an empty test store
__all__ = ["ADMIN_PASSWORD", "DEMO_PASSWORD", "sign_in"]


def sign_in(qtbot, ops, username: str = "admin", password: str = DEMO_PASSWORD, timeout: int = 30_000):
    """The Actor for `username`, signed in on the worker (a write job: the attempt is counted)."""
    answers = []
    ops.run(lambda uow: users.attempt_sign_in(uow, username, password), on_done=answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=timeout)
    assert answers[0].actor is not None, answers[0].message
    return answers[0].actor
