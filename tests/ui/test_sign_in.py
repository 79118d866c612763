"""Signing in at start, by keys: wrong passwords, the lockout, the first administrator on an empty store,
different roles seeing different caseloads, DEMO in the title, a required new password, signing out."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from caseteam.services import users
from caseteam.storage.store import open_store

from signing import ADMIN_PASSWORD, DEMO_PASSWORD

WAIT = 20_000
DEMO_TIMEOUT_MS = 120_000


def sign_in_page(open_window, path):
    window = open_window(path, user=None)
    page = window.session.sign_in_page
    assert window.pages.currentWidget() is page and page.username.hasFocus()
    return window, page


def type_and_enter(qtbot, page, username: str, password: str) -> None:
    page.username.clear()
    page.password.clear()
    qtbot.keyClicks(page.username, username)
    qtbot.keyClick(page.username, Qt.Key.Key_Tab)
    qtbot.keyClicks(page.password, password)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)


def refusal(qtbot, window, page) -> str:
    qtbot.waitUntil(lambda: window.ops.pending == 0 and page.button.isEnabled(), timeout=WAIT)
    problem = page.fields.errors["password"]
    assert problem.isVisibleTo(window)
    return problem.text()


def caseload_names(window) -> set[str]:
    model = window.caseload.model
    return {model.row_at(i).full_name for i in range(model.rowCount())}


def test_a_wrong_password_says_so_under_the_field_and_keeps_the_user_name(qtbot, open_window, demo_path):
    window, page = sign_in_page(open_window, demo_path)
    type_and_enter(qtbot, page, "admin", "not-the-password")
    assert refusal(qtbot, window, page) == "⚠ The user name or password is not right."
    assert window.pages.currentWidget() is page and window.actor is None and window.caseload is None
    assert page.username.text() == "admin" and page.password.hasFocus()
    type_and_enter(qtbot, page, "nobody-here", DEMO_PASSWORD)  # an unknown name reads the same
    assert refusal(qtbot, window, page) == "⚠ The user name or password is not right."


def test_three_wrong_passwords_lock_the_account_and_name_the_wait(qtbot, open_window, demo_path):
    window, page = sign_in_page(open_window, demo_path)
    for _ in range(2):
        type_and_enter(qtbot, page, "jobdev", "wrong-guess")
        assert "locked" not in refusal(qtbot, window, page)
    type_and_enter(qtbot, page, "jobdev", "wrong-guess")
    assert "After 3 tries the account is locked for 30 seconds." in refusal(qtbot, window, page)
    type_and_enter(qtbot, page, "jobdev", DEMO_PASSWORD)  # even the right password waits
    message = refusal(qtbot, window, page)
    assert "this account is locked for" in message and "seconds" in message
    assert window.actor is None
    # The failures were written (a write job): a new window on the same file still finds the lock.
    store = open_store(demo_path)
    try:
        with store.unit_of_work() as uow:
            assert users.attempt_sign_in(uow, "jobdev", DEMO_PASSWORD).actor is None
    finally:
        store.close()


def test_signing_in_shows_the_caseload_and_who_is_signed_in(qtbot, open_window, demo_path):
    window, page = sign_in_page(open_window, demo_path)
    assert "caseteam-demo" in page.intro.text()  # a demo store says how to sign in
    with qtbot.waitSignal(window.session_ready, timeout=WAIT):
        type_and_enter(qtbot, page, "admin", DEMO_PASSWORD)
    assert window.pages.currentWidget() is window.sections and window.sections.currentWidget() is window.caseload
    assert window.caseload.model.rowCount() == 60
    assert window.session.user_label.text() == "Signed in: Demo Administrator (administrator)"
    assert page.password.text() == ""  # not kept in a hidden page


def test_caps_lock_is_noted_while_typing_the_password(qtbot, open_window, demo_path):
    _window, page = sign_in_page(open_window, demo_path)
    qtbot.keyClicks(page.password, "ABC")  # capitals without Shift: Caps Lock is on
    assert page.caps_lock.isVisibleTo(page)
    qtbot.keyClicks(page.password, "d")
    assert not page.caps_lock.isVisibleTo(page)


def test_the_first_start_creates_the_administrator_refusing_a_weak_password(qtbot, open_window, empty_path):
    window = open_window(empty_path, user=None)
    page = window.session.first_admin_page
    assert window.pages.currentWidget() is page and window.session.sign_in_page is None
    qtbot.keyClicks(page.username, "rosa")
    qtbot.keyClicks(page.display_name, "Rosa Delgado")
    qtbot.keyClicks(page.password, "password12")
    assert page.strength.isVisibleTo(page) and page.strength.text().startswith("⚠ Choose a harder password.")
    qtbot.keyClicks(page.repeat, "password12")
    qtbot.keyClick(page.repeat, Qt.Key.Key_Return)
    assert page.fields.errors["password"].isVisibleTo(page)  # refused next to the field, nothing sent
    qtbot.waitUntil(lambda: window.ops.pending == 0)  # the background page check
    assert window.actor is None and window.pages.currentWidget() is page
    page.password.clear()
    page.repeat.clear()
    qtbot.keyClicks(page.password, ADMIN_PASSWORD)
    assert page.strength.text() == "✓ A strong password."
    qtbot.keyClicks(page.repeat, ADMIN_PASSWORD)
    with qtbot.waitSignal(window.session_ready, timeout=WAIT):
        qtbot.keyClick(page.repeat, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.welcome  # an empty store: load the demo or start empty
    assert window.actor.username == "rosa" and window.session.users_action.isVisible()
    store = open_store(empty_path)
    try:
        with store.unit_of_work() as uow:
            assert users.attempt_sign_in(uow, "rosa", ADMIN_PASSWORD).actor is not None
    finally:
        store.close()


def test_loading_the_demo_keeps_the_administrator_signed_in_and_says_demo(qtbot, open_window, empty_path):
    window = open_window(empty_path)  # the first administrator is "admin", as in the demo
    assert "DEMO" not in window.windowTitle()
    me = window.actor
    qtbot.mouseClick(window.welcome.load_demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.caseload is not None and window.caseload.model.rowCount() == 60,
                    timeout=DEMO_TIMEOUT_MS)
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)
    assert window.actor == me
    assert window.windowTitle() == f"caseteam — DEMO — {empty_path}"
    store = open_store(empty_path)
    try:
        with store.unit_of_work() as uow:
            assert users.attempt_sign_in(uow, "admin", ADMIN_PASSWORD).actor is not None  # still theirs
            assert users.attempt_sign_in(uow, "partner", DEMO_PASSWORD).actor is not None
    finally:
        store.close()


def test_a_demo_store_says_demo_in_the_title(open_window, demo_path):
    window = open_window(demo_path, user=None)
    assert window.windowTitle() == f"caseteam — DEMO — {demo_path}"


def test_a_supervisor_and_a_partner_see_different_caseloads(qtbot, open_window, demo_path):
    supervisor = open_window(demo_path, user="supervisor")
    seen_by_supervisor = caseload_names(supervisor)
    assert supervisor.session.user_label.text().endswith("(supervisor)")
    supervisor.close()
    partner = open_window(demo_path, user="partner")
    seen_by_partner = caseload_names(partner)
    assert seen_by_supervisor and seen_by_partner
    assert seen_by_supervisor != seen_by_partner
    assert len(seen_by_partner) < 60  # partner staff see only the people whose team they serve on


def test_a_non_administrator_gets_no_users_entry(qtbot, open_window, demo_path):
    window = open_window(demo_path, user="jobdev")
    assert not window.session.users_action.isVisible() and not window.session.users_action.isEnabled()
    window.session.show_users()  # even asked directly, nothing opens
    assert window.session.users_dialog is None
    assert window.session.change_password_action.isEnabled() and window.session.sign_out_action.isEnabled()


def test_a_reset_password_must_be_replaced_at_sign_in(qtbot, open_window, demo_path):
    store = open_store(demo_path)
    try:
        with store.unit_of_work() as uow:
            admin = users.attempt_sign_in(uow, "admin", DEMO_PASSWORD).actor
            jobdev = next(u for u in users.list_users(uow, admin) if u.username == "jobdev")
            users.reset_password(uow, admin, jobdev.id, "temporary-amber-falcon-31")
    finally:
        store.close()
    window, page = sign_in_page(open_window, demo_path)
    type_and_enter(qtbot, page, "jobdev", "temporary-amber-falcon-31")
    qtbot.waitUntil(lambda: window.session.password_dialog is not None
                    and window.session.password_dialog.isVisible(), timeout=WAIT)
    dialog = window.session.password_dialog
    assert window.actor is None  # no work before a new password
    qtbot.keyClicks(dialog.new, "my-own-copper-kettle-88")
    qtbot.keyClicks(dialog.repeat, "my-own-copper-kettle-88")
    with qtbot.waitSignal(window.session_ready, timeout=WAIT):
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert window.actor.username == "jobdev" and window.caseload.model.rowCount() > 0


def test_sign_out_asks_about_unsaved_edits_then_the_next_user_gets_their_own_caseload(qtbot, open_window,
                                                                                      demo_path):
    window = open_window(demo_path)
    person = window.caseload.model.row_at(0)
    window.open_person(person.id)
    workspace = window.sections.people[person.id]
    qtbot.waitUntil(lambda: workspace.profile.row is not None, timeout=WAIT)
    field = workspace.profile.fields["phone"]
    field.setFocus()
    qtbot.keyClicks(field, "9")
    assert workspace.has_unsaved_changes()
    asked = []
    window.sections.ask = lambda _parent, what: asked.append(what) or QMessageBox.StandardButton.Cancel
    window.session.sign_out_action.trigger()
    assert asked and window.actor is not None and workspace.has_unsaved_changes()  # Cancel keeps working
    window.sections.ask = lambda _parent, _what: QMessageBox.StandardButton.Discard
    window.find_anything()
    search = window.search_dialog
    assert search.isVisible()
    with qtbot.waitSignal(window.session.signed_out, timeout=WAIT):
        window.session.sign_out_action.trigger()
    assert window.search_dialog is None and not search.isVisible()  # nothing of the last user stays open
    page = window.session.sign_in_page
    assert window.pages.currentWidget() is page and window.actor is None and window.caseload is None
    assert window.sections.count() == 0 and window.session.user_label.isHidden()
    assert not any(a.text() in ("&Caseload", "&Tasks") for a in window.view_menu.actions())
    with qtbot.waitSignal(window.session_ready, timeout=WAIT):
        type_and_enter(qtbot, page, "partner", DEMO_PASSWORD)
    assert window.actor.username == "partner" and window.caseload.actor.username == "partner"
    assert window.caseload.model.rowCount() < 60
    assert sum(1 for a in window.view_menu.actions() if a.text() == "&Caseload") == 1


def test_change_my_password_checks_the_current_one_first(qtbot, open_window, demo_path):
    window = open_window(demo_path, user="supervisor")
    window.session.change_password_action.trigger()
    dialog = window.session.password_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.activateWindow()
    qtbot.keyClicks(dialog.current, "not-it")
    qtbot.keyClicks(dialog.new, "supervisor-blue-ledger-77")
    qtbot.keyClicks(dialog.repeat, "supervisor-blue-ledger-77")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.fields.errors["current_password"].isVisibleTo(dialog), timeout=WAIT)
    assert dialog.fields.errors["current_password"].text() == "⚠ The current password is not right."
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, DEMO_PASSWORD)
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    assert window.statusBar().currentMessage() == "Your password is changed."
    store = open_store(demo_path)
    try:
        with store.unit_of_work() as uow:
            assert users.attempt_sign_in(uow, "supervisor", DEMO_PASSWORD).actor is None
            assert users.attempt_sign_in(uow, "supervisor", "supervisor-blue-ledger-77").actor is not None
    finally:
        store.close()
