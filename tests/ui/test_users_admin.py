"""File → Users… on the demo store, by keys: a new job developer who then signs in (choosing their own
password), Disable with undo, a reset password, and the refusals next to the field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.services import users
from caseteam.storage.store import open_store
from ui.screens.users_admin import UsersModel

from signing import DEMO_PASSWORD

WAIT = 20_000
COL = UsersModel.Column


def open_users(qtbot, window):
    """Alt+F opens the File menu; U is the Users… entry."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_U)
    qtbot.waitUntil(lambda: window.session.users_dialog is not None and window.session.users_dialog.isVisible())
    dialog = window.session.users_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0 and dialog.staff != [] and window.ops.pending == 0,
                    timeout=WAIT)
    return dialog


def line_of(dialog, username: str) -> int:
    return next(i for i in range(dialog.model.rowCount()) if dialog.model.row_at(i).username == username)


def cell(dialog, username: str, column) -> str:
    return dialog.model.index(line_of(dialog, username), column).data()


def select(qtbot, dialog, username: str) -> None:
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(line_of(dialog, username), 0))
    assert dialog.selected().username == username


def form_of(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.form is not None and dialog.form.isVisible())
    dialog.form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog.form)
    return dialog.form


def test_the_list_shows_every_demo_account_with_its_role_and_staff_member(qtbot, open_window, demo_path):
    dialog = open_users(qtbot, open_window(demo_path))
    names = {dialog.model.row_at(i).username for i in range(dialog.model.rowCount())}
    assert {"admin", "supervisor", "jobdev", "partner", "auditor"} <= names
    assert cell(dialog, "partner", COL.ROLE) == "Partner staff"
    assert "Kevin O'Brien" in cell(dialog, "partner", COL.STAFF)
    assert cell(dialog, "admin", COL.ACTIVE) == "Yes"
    assert cell(dialog, "admin", COL.LAST_SIGN_IN) != "Never"  # just signed in
    assert cell(dialog, "auditor", COL.LAST_SIGN_IN) == "Never"


def test_a_new_user_is_created_then_signs_in_and_chooses_a_password(qtbot, open_window, demo_path):
    window = open_window(demo_path)
    dialog = open_users(qtbot, window)
    qtbot.keyClick(dialog.new_button, Qt.Key.Key_Space)
    form = form_of(qtbot, dialog)
    qtbot.keyClicks(form.username, "mrivera")
    qtbot.keyClicks(form.display_name, "Marisol Rivera")
    form.role.setFocus()
    qtbot.keyClicks(form.role, "Job")  # type-ahead in the list of roles
    assert form.role.currentText() == "Job developer"
    temporary = form.password.text()
    assert temporary and form.strength.text() == "✓ A strong password."
    qtbot.keyClick(form.ok_button, Qt.Key.Key_Space)  # no staff member yet: refused next to the field
    assert form.fields.errors["staff"].isVisibleTo(form) and "linked to a staff member" in \
        form.fields.errors["staff"].text()
    form.staff.lineEdit().setFocus()
    qtbot.keyClick(form.staff.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.staff.lineEdit(), "lupe hern")
    qtbot.keyClick(form.staff.lineEdit(), Qt.Key.Key_Tab)
    assert form.staff.currentText().startswith("Lupe Hernández")
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        qtbot.keyClick(form.ok_button, Qt.Key.Key_Space)
    assert not form.isVisible()
    assert cell(dialog, "mrivera", COL.ROLE) == "Job developer"
    assert dialog.selected().username == "mrivera"

    dialog.close()
    with qtbot.waitSignal(window.session.signed_out, timeout=WAIT):
        window.session.sign_out_action.trigger()
    page = window.session.sign_in_page
    assert page.username.text() == "admin" and window.focusWidget() is page.password  # the name stays
    page.username.clear()
    qtbot.keyClicks(page.username, "mrivera")
    qtbot.keyClicks(page.password, temporary)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.password_dialog is not None
                    and window.session.password_dialog.isVisible(), timeout=WAIT)
    change = window.session.password_dialog
    qtbot.keyClicks(change.new, "rivera-owns-this-lamp-4")
    qtbot.keyClicks(change.repeat, "rivera-owns-this-lamp-4")
    with qtbot.waitSignal(window.session_ready, timeout=WAIT):
        qtbot.keyClick(change.repeat, Qt.Key.Key_Return)
    assert window.actor.username == "mrivera" and window.actor.role.value == "job_developer"
    assert window.caseload.model.rowCount() > 0  # Lupe's organization's people


def test_disable_is_one_undo_step_and_a_disabled_user_cannot_sign_in(qtbot, open_window, demo_path):
    window = open_window(demo_path)
    dialog = open_users(qtbot, window)
    select(qtbot, dialog, "auditor")
    assert dialog.active_button.text() == "&Disable"
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        qtbot.keyClick(dialog.active_button, Qt.Key.Key_Space)
    assert cell(dialog, "auditor", COL.ACTIVE) == "No (disabled)" and dialog.active_button.text() == "&Enable"
    store = open_store(demo_path)
    try:
        with store.unit_of_work() as uow:
            assert "disabled" in users.attempt_sign_in(uow, "auditor", DEMO_PASSWORD).message
    finally:
        store.close()
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert cell(dialog, "auditor", COL.ACTIVE) == "Yes"
    assert window.undo_stack.redoText() == "Disable the account auditor"


def test_disabling_yourself_is_refused_in_plain_words(qtbot, open_window, demo_path):
    dialog = open_users(qtbot, open_window(demo_path))
    select(qtbot, dialog, "admin")
    qtbot.keyClick(dialog.active_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.message.isVisibleTo(dialog), timeout=WAIT)
    assert "cannot disable the account you are signed in with" in dialog.message.text()


def test_reset_password_gives_a_temporary_one(qtbot, open_window, demo_path):
    window = open_window(demo_path)
    dialog = open_users(qtbot, window)
    select(qtbot, dialog, "partner")
    qtbot.keyClick(dialog.reset_button, Qt.Key.Key_Space)
    form = form_of(qtbot, dialog)
    form.password.selectAll()
    qtbot.keyClicks(form.password, "short")
    qtbot.keyClick(form.ok_button, Qt.Key.Key_Space)
    assert "at least 10 characters" in form.fields.errors["password"].text()
    form.password.selectAll()
    qtbot.keyClicks(form.password, "partner-temp-violet-92")
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT):
        qtbot.keyClick(form.ok_button, Qt.Key.Key_Space)
    store = open_store(demo_path)
    try:
        with store.unit_of_work() as uow:
            assert users.attempt_sign_in(uow, "partner", DEMO_PASSWORD).actor is None
            answer = users.attempt_sign_in(uow, "partner", "partner-temp-violet-92")
            assert answer.actor is not None and answer.must_change_password
    finally:
        store.close()
