"""Signing in from a terminal: CASETEAM_USER and CASETEAM_PASSWORD for scripts, else a prompt."""

from __future__ import annotations

import getpass
import os
import sys

from caseteam.errors import PermissionDenied

NO_ACCOUNTS = ("No one has an account on this store yet. Start caseteam (the window) once to create the "
               "administrator account, then sign in.")


def _ask(prompt: str, *, secret: bool) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise PermissionDenied("Sign in first: set CASETEAM_USER and CASETEAM_PASSWORD, or run the command in "
                               "a terminal to be asked for them.")
    try:
        return getpass.getpass(prompt) if secret else input(prompt)
    except EOFError:
        raise PermissionDenied("Sign-in was cancelled.") from None


def sign_in(store):
    """The signed-in account for this command, or PermissionDenied with a plain reason."""
    from caseteam.services import users

    with store.unit_of_work(write=False) as uow:
        if not users.has_accounts(uow):
            raise PermissionDenied(NO_ACCOUNTS)
    username = os.environ.get("CASETEAM_USER") or _ask("User name: ", secret=False)
    password = os.environ.get("CASETEAM_PASSWORD")
    if password is None:
        password = _ask(f"Password for {username}: ", secret=True)
    return users.sign_in(store, username, password)


def has_accounts(store) -> bool:
    from caseteam.services import users

    with store.unit_of_work(write=False) as uow:
        return users.has_accounts(uow)


def check_store_action(target, action, *, damaged_store_ok: bool = False) -> None:
    """Sign in and check a store-wide action (backup, restore) before the file itself is touched.

    Restoring over a store that cannot be opened (damaged, cut short) cannot ask anyone to sign in to
    it; whoever can reach the file may put a backup in its place, and the damaged file is kept aside."""
    from caseteam.errors import StoreError
    from caseteam.services import access
    from caseteam.storage.store import open_store

    try:
        store = open_store(target, create=False)
    except StoreError:
        if damaged_store_ok:
            return
        raise
    try:
        actor = sign_in(store)
        with store.unit_of_work(write=False) as uow:
            access.require(uow, actor, action)
    finally:
        store.close()
