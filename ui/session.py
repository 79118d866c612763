"""Who is working in the window: the sign-in (or first-administrator) page after the store opens, the
File menu's Users…, Change my password…, Lock now and Sign out, the status-bar line naming the user,
and the idle lock. Signing out closes every screen (unsaved edits asked about first) so the next user
starts from their own caseload."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel

from caseteam.domain.users import Role
from caseteam.services import users

from .idle_lock import IdleLock
from .screens.sign_in import ChangePasswordDialog, FirstAdministratorPage, SignInPage
from .window_state import window_settings

log = logging.getLogger(__name__)


class WindowSession(QObject):
    signed_in = Signal(object)  # the Actor
    signed_out = Signal()

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.ops = window.ops
        self.sign_in_page: SignInPage | None = None
        self.first_admin_page: FirstAdministratorPage | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self.users_dialog = None
        self.is_demo = False
        self.user_label = QLabel("")
        self.user_label.setAccessibleName("Signed in")
        self.user_label.setContentsMargins(8, 0, 8, 0)
        self.user_label.hide()
        window.statusBar().addPermanentWidget(self.user_label)
        self.idle = IdleLock(window)
        self.idle.sign_out_requested.connect(self._sign_out_from_lock)

    def add_to_menu(self, menu) -> None:
        w = self.window
        self.users_action = QAction("&Users…", w)
        self.users_action.setStatusTip("Create user accounts, disable them and reset passwords (administrators)")
        self.users_action.triggered.connect(self.show_users)
        self.change_password_action = QAction("Change my &password…", w)
        self.change_password_action.triggered.connect(self.change_password)
        self.lock_action = QAction("&Lock now", w)
        self.lock_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.lock_action.setStatusTip("Cover the window until you type your password again")
        self.lock_action.triggered.connect(self.idle.lock)
        self.sign_out_action = QAction("Sign &out", w)
        self.sign_out_action.setStatusTip("Close every screen and go back to the sign-in page")
        self.sign_out_action.triggered.connect(self.sign_out)
        for action in (self.users_action, self.change_password_action, self.lock_action, self.sign_out_action):
            menu.addAction(action)
        menu.addSeparator()
        self._show_actor(None)

    # --- before anyone is signed in ---------------------------------------------------------------
    def store_opened(self, opened) -> None:
        self.is_demo = opened.is_demo
        if self.window.actor is not None:  # opened again (a restored backup): same user, fresh views
            self.window.refresh_overview()
            return
        self.show_start(opened.has_accounts)

    def show_start(self, has_accounts: bool = True) -> None:
        """The sign-in page, or the first administrator's page on a store with no accounts."""
        w = self.window
        location = w.description.location
        if has_accounts:
            if self.sign_in_page is None:
                self.sign_in_page = SignInPage(location, demo=self.is_demo)
                self.sign_in_page.submitted.connect(self._sign_in)
                w.pages.addWidget(self.sign_in_page)
            self.sign_in_page.set_store(location, demo=self.is_demo)
            page = self.sign_in_page
        else:
            if self.first_admin_page is None:
                self.first_admin_page = FirstAdministratorPage(location)
                self.first_admin_page.submitted.connect(self._create_administrator)
                w.pages.addWidget(self.first_admin_page)
            page = self.first_admin_page
        w.pages.setCurrentWidget(page)
        page.focus_first()
        w._send_ready()

    def _sign_in(self, username: str, password: str) -> None:
        page = self.sign_in_page
        self.ops.run(lambda uow: users.attempt_sign_in(uow, username, password),
                     on_done=lambda result: self._answered(result, password), on_error=page.refuse_error,
                     progress_text="Signing in…")

    def _answered(self, result, password: str) -> None:
        page = self.sign_in_page
        if result.actor is None:
            page.refuse(result.message)
            return
        if result.must_change_password:
            self._require_new_password(result.actor, password)
            return
        self.start(result.actor)

    def _require_new_password(self, actor, current: str) -> None:
        dialog = ChangePasswordDialog(self.window, username=actor.username, display_name=actor.display_name,
                                      current=current, required=True)
        self.password_dialog = dialog

        def submitted(values: dict) -> None:
            self.ops.run(lambda uow: users.change_own_password(uow, actor, current=values["current"],
                                                                new=values["new"]),
                         on_done=lambda _c: (dialog.finish(), self.start(actor)), on_error=dialog.refuse)

        dialog.submitted.connect(submitted)
        dialog.rejected.connect(self.sign_in_page.start_over)  # no new password, no work
        dialog.open()

    def _create_administrator(self, values: dict) -> None:
        page = self.first_admin_page
        self.ops.run(lambda uow: users.create_first_administrator(uow, **values),
                     on_done=self.start, on_error=page.refuse_error, progress_text="Creating the account…")

    # --- signed in ---------------------------------------------------------------------------------
    def start(self, actor) -> None:
        w = self.window
        w.actor = actor
        for page in (self.sign_in_page, self.first_admin_page):
            if page is not None:
                page.start_over() if isinstance(page, SignInPage) else page.set_busy(False)
        if self.first_admin_page is not None:  # done for good: no password left in a hidden page
            w.pages.removeWidget(self.first_admin_page)
            self.first_admin_page.deleteLater()
            self.first_admin_page = None
        self._show_actor(actor)
        w.message_page.setText("Loading your caseload…")
        w.pages.setCurrentWidget(w.message_page)
        log.info("signed in (%s)", actor.role.value)
        self.idle.start()
        w.refresh_overview()
        self.signed_in.emit(actor)

    def _show_actor(self, actor) -> None:
        admin = actor is not None and actor.role is Role.ADMINISTRATOR
        self.users_action.setVisible(admin)
        self.users_action.setEnabled(admin)
        for action in (self.change_password_action, self.lock_action, self.sign_out_action):
            action.setEnabled(actor is not None)
        self.user_label.setVisible(actor is not None)
        if actor is not None:
            self.user_label.setText(f"Signed in: {actor.display_name} ({actor.role.label.lower()})")

    # --- Users and passwords --------------------------------------------------------------------------
    def show_users(self) -> None:
        w = self.window
        if w.actor is None or w.actor.role is not Role.ADMINISTRATOR:
            return
        from .screens.users_admin import UsersDialog

        if self.users_dialog is None:
            self.users_dialog = UsersDialog(w.ops, w.actor, w.history, w)
        self.users_dialog.start()

    def change_password(self) -> None:
        actor = self.window.actor
        if actor is None:
            return
        dialog = ChangePasswordDialog(self.window, username=actor.username, display_name=actor.display_name)
        self.password_dialog = dialog

        def submitted(values: dict) -> None:
            self.ops.run(lambda uow: users.change_own_password(uow, actor, current=values["current"],
                                                                new=values["new"]),
                         on_done=lambda _c: (dialog.finish(), self.window.statusBar().showMessage(
                             "Your password is changed.", 8000)),
                         on_error=dialog.refuse)

        dialog.submitted.connect(submitted)
        dialog.open()

    # --- signing out ------------------------------------------------------------------------------------
    def sign_out(self) -> bool:
        """Back to the sign-in page; False when the user kept an unsaved edit open (Cancel)."""
        w = self.window
        if w.actor is None:
            return True
        if not w.sections.may_close_all():
            return False
        self._end_session()
        return True

    def _sign_out_from_lock(self) -> None:
        """Chosen on the lock screen after it said how many screens have unsaved changes."""
        w = self.window
        self.idle.restore()
        for tab in list(w.sections.people.values()) + list(w.sections.fixed):
            if getattr(tab, "has_unsaved_changes", lambda: False)():
                tab.discard()
        self._end_session()

    def _end_session(self) -> None:
        w = self.window
        self.idle.stop()
        w.section_loader.halt()  # no more sections for a session that is ending
        log.info("signed out")
        w.pages.setCurrentWidget(w.message_page)
        w.message_page.setText("Signing out…")
        if self.users_dialog is not None:
            self.users_dialog.close()
            self.users_dialog.deleteLater()
            self.users_dialog = None
        # Screens still waiting for an answer would get it after they are gone: finish the queue first.
        if w.ops.pending:
            w.ops.idle.connect(self._tear_down, Qt.ConnectionType.SingleShotConnection)
        else:
            self._tear_down()

    def _tear_down(self) -> None:
        w = self.window
        if w.persist_layout:
            settings = window_settings()
            for screen in (w.caseload, w.partners):
                if screen is not None:
                    screen.save_state(settings)
        sections = w.sections
        for tab in list(sections.people.values()) + list(sections.fixed):
            sections.removeTab(sections.indexOf(tab))
            tab.deleteLater()
        sections.people.clear()
        sections.fixed.clear()
        for action in w.section_actions:
            w.view_menu.removeAction(action)
            action.deleteLater()
        w.section_actions.clear()
        if w.search_dialog is not None:
            w.search_dialog.close()
            w.search_dialog.deleteLater()
            w.search_dialog = None
        for dialog in w.findChildren(QDialog):  # whatever else is open (expiring releases, forms)
            dialog.close()
        w.section_loader.stop()  # and forgets every section but the caseload
        w.caseload = None
        w.undo_stack.clear()
        w.actor = None
        w._session_ready_sent = False
        w.find_action.setEnabled(False)
        w.find_anything_action.setEnabled(False)
        w.load_demo_action.setEnabled(False)  # offered again after the next sign-in, if still empty
        w.statusBar().clearMessage()
        self._show_actor(None)
        self.show_start(True)
        self.signed_out.emit()
