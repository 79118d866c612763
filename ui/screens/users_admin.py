"""File → Users… (administrators): every account with its role, staff member and sign-in state; New
user, Edit, Disable/Enable (one undo step each) and Reset password (a temporary one the user replaces
at the next sign-in). The services refuse anyone else, whatever this screen shows."""

from __future__ import annotations

import secrets

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QTableView, QVBoxLayout)

from caseteam.domain.users import Role
from caseteam.errors import CaseteamError
from caseteam.services import teams, users

from ..models.users_model import UsersModel
from ..widgets.field_row import PROBLEM_STYLE, FormDialog, find_data
from ..widgets.reassign_dialog import SearchableCombo
from .sign_in import StrengthNote

NO_STAFF = "Not linked to a staff member"
NEEDS_STAFF = (Role.SUPERVISOR, Role.JOB_DEVELOPER, Role.PARTNER_STAFF)


def suggested_password() -> str:
    """Four random words' worth of letters and digits in groups: easy to read out, hard to guess."""
    return "-".join(secrets.token_hex(3) for _ in range(4))


class UserFormDialog(FormDialog):
    """New user (user name, temporary password) or Edit (name, role, staff member)."""

    def __init__(self, parent, staff: list[tuple], row: users.UserRow | None = None) -> None:
        new = row is None
        super().__init__("New user" if new else f"Edit the account {row.username}",
                         "&Create account" if new else "&Save", parent,
                         intro=("The new user signs in with the temporary password you choose here, then "
                                "picks their own." if new else ""))
        self.setObjectName("userFormDialog")
        self.row = row
        if new:
            self.username = self.fields.add("username", "&User name", QLineEdit())
        self.display_name = self.fields.add("display_name", "&Full name", QLineEdit())
        self.role = self.fields.add("role", "&Role", QComboBox())
        for role in Role:
            self.role.addItem(role.label, role)
        self.staff = self.fields.add("staff", "Staff &member", SearchableCombo(NO_STAFF),
                                     description="Supervisors, job developers and partner staff work for an "
                                                 "organization: type part of the staff member's name")
        self.staff.set_items(staff, row.staff_id if row else None)
        if new:
            self.password = self.fields.add("password", "&Temporary password", QLineEdit(suggested_password()))
            self.strength = StrengthNote(self.password, lambda: (self.username.text(),
                                                                 *self.display_name.text().split()))
            self.layout().insertWidget(self.layout().indexOf(self.message), self.strength)
        else:
            self.display_name.setText(row.display_name)
            self.role.setCurrentIndex(find_data(self.role, row.role))

    def answer(self) -> dict:
        self.staff._settle()
        index = self.staff.resolve()
        values = {"display_name": self.display_name.text().strip(), "role": self.role.currentData(),
                  "staff_id": self.staff.itemData(index) if index >= 0 else ..., }
        if self.row is None:
            values["username"] = self.username.text().strip()
            values["password"] = self.password.text()
        return values

    def check(self, values: dict) -> bool:
        if values["staff_id"] is ...:
            return not self.fields.show_problem("staff", "Pick a staff member from the list (or none).")
        if values["role"] in NEEDS_STAFF and values["staff_id"] is None:
            return not self.fields.show_problem(
                "staff", f"A {values['role'].label.lower()} account must be linked to a staff member, so "
                         "caseteam knows which organization and teams it works for.")
        if self.row is None and self.strength.problem():
            return not self.fields.show_problem("password", self.strength.problem())
        return True


class ResetPasswordDialog(FormDialog):
    def __init__(self, parent, row: users.UserRow) -> None:
        super().__init__(f"Reset the password of {row.username}", "&Reset password", parent,
                         intro=f"{row.display_name} signs in with this temporary password once, then must "
                               "choose a new one. Tell it to them in person or by phone.")
        self.setObjectName("resetPasswordDialog")
        self.password = self.fields.add("password", "&Temporary password", QLineEdit(suggested_password()))
        self.strength = StrengthNote(self.password, lambda: (row.username, *row.display_name.split()))
        self.layout().insertWidget(self.layout().indexOf(self.message), self.strength)

    def answer(self) -> dict:
        return {"password": self.password.text()}

    def check(self, values: dict) -> bool:
        return not (self.strength.problem() and self.fields.show_problem("password", self.strength.problem()))


class UsersDialog(QDialog):
    loaded = Signal(int)  # accounts listed

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.setWindowTitle("Users")
        self.ops, self.actor, self.history = ops, actor, history
        self.staff: list[tuple] = []
        self.form: FormDialog | None = None
        self._wanted = None
        self.model = UsersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("User accounts")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _i: self.edit_user())
        title = QLabel("&Accounts:")
        title.setBuddy(self.table)
        self.message = QLabel("")
        self.message.setAccessibleName("Why it was not done")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(PROBLEM_STYLE)
        self.message.hide()
        self.new_button = QPushButton("&New user…")
        self.edit_button = QPushButton("&Edit…")
        self.active_button = QPushButton("&Disable")
        self.reset_button = QPushButton("Reset &password…")
        self.close_button = QPushButton("Close")
        self.new_button.clicked.connect(self.new_user)
        self.edit_button.clicked.connect(self.edit_user)
        self.active_button.clicked.connect(self.toggle_active)
        self.reset_button.clicked.connect(self.reset_password)
        self.close_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.active_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        # The window's Edit → Undo does not reach a separate window: the same stack, from here.
        for keys, step in ((QKeySequence.StandardKey.Undo, history.stack.undo),
                           (QKeySequence.StandardKey.Redo, history.stack.redo)):
            action = QAction(self)
            action.setShortcut(keys)
            action.triggered.connect(step)
            self.addAction(action)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        ops.data_changed.connect(self._changed)
        self.resize(1080, 440)
        self._update_buttons()

    def start(self) -> None:
        self.refresh()
        self.ops.run(lambda uow: [(s.id, f"{s.name} — {s.organization_name}")
                                  for s in teams.list_staff(uow, self.actor, "", limit=2000)],
                     on_done=lambda staff: setattr(self, "staff", staff), write=False)
        self.show()
        self.raise_()
        self.activateWindow()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self, select=None) -> None:
        """`select`: the account to show selected (a new one), even if another refresh answers later."""
        if select is not None:
            self._wanted = select
        self.ops.run(lambda uow: users.list_users(uow, self.actor), write=False,
                     on_done=self._show, on_error=self._refuse)

    def _show(self, rows) -> None:
        current = self._wanted or (self.selected().id if self.selected() else None)
        self._wanted = None
        self.model.set_rows(rows)
        index = self.model.index_of(current) if current is not None else self.model.index(0, 0)
        if index.isValid():
            self.table.setCurrentIndex(index)
        self._update_buttons()
        self.loaded.emit(len(rows))

    def _changed(self, changes) -> None:
        if getattr(changes, "users", False) and self.isVisible():
            self.refresh()

    def selected(self) -> users.UserRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        row = self.selected()
        for button in (self.edit_button, self.active_button, self.reset_button):
            button.setEnabled(row is not None)
        self.active_button.setText("&Enable" if row is not None and not row.active else "&Disable")

    def _refuse(self, exc: CaseteamError) -> None:
        self.message.setText(f"⚠ {exc.message}")
        self.message.show()

    # --- the changes ------------------------------------------------------------------------------
    def new_user(self) -> None:
        actor = self.actor
        dialog = self._open_form(UserFormDialog(self, self.staff))

        def create(values: dict) -> None:
            self.ops.run(lambda uow: users.create_user(uow, actor, **values),
                         on_done=lambda result: (dialog.finish(), self.refresh(result[0].id)),
                         on_error=dialog.refuse)

        dialog.submitted.connect(create)

    def edit_user(self) -> None:
        row, actor = self.selected(), self.actor
        if row is None:
            return
        dialog = self._open_form(UserFormDialog(self, self.staff, row))

        def save(values: dict) -> None:
            self.ops.run(lambda uow: users.update_user(uow, actor, row.id, version=row.version, **values),
                         on_done=lambda _result: dialog.finish(),
                         on_error=dialog.refuse)

        dialog.submitted.connect(save)

    def toggle_active(self) -> None:
        row, actor = self.selected(), self.actor
        if row is None:
            return
        active = not row.active
        self.message.hide()

        def setter(state: bool):
            return lambda uow, last: users.set_user_active(uow, actor, last[0].id, state, version=last[0].version)

        self.history.perform(f"{'Enable' if active else 'Disable'} the account {row.username}",
                             lambda uow: users.set_user_active(uow, actor, row.id, active, version=row.version),
                             undo=setter(not active), redo=setter(active), on_error=self._refuse)

    def reset_password(self) -> None:
        row, actor = self.selected(), self.actor
        if row is None:
            return
        dialog = self._open_form(ResetPasswordDialog(self, row))

        def reset(values: dict) -> None:
            self.ops.run(lambda uow: users.reset_password(uow, actor, row.id, values["password"]),
                         on_done=lambda _result: dialog.finish(), on_error=dialog.refuse)

        dialog.submitted.connect(reset)

    def _open_form(self, dialog: FormDialog) -> FormDialog:
        self.message.hide()
        self.form = dialog
        dialog.open()
        return dialog
