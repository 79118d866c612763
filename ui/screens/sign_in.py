"""The pages before any work: sign in, or (on a store with no accounts) create the administrator; and
the dialog that chooses a new password (required after a reset, or from File → Change my password)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from caseteam.errors import CaseteamError, ValidationError
from caseteam.services import passwords

from ..widgets.field_row import NOTICE_STYLE, PROBLEM_STYLE, FormDialog, FormFields

CARD_WIDTH = 460
CAPS_LOCK_NOTE = "Caps Lock seems to be on."
DEMO_NOTE = ("This is a demo store with invented people. Its accounts (admin, supervisor, jobdev, partner, "
             "auditor) all use the password caseteam-demo.")


def password_box() -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setInputMethodHints(Qt.InputMethodHint.ImhHiddenText | Qt.InputMethodHint.ImhNoPredictiveText)
    return box


def strength_problem(password: str, user_inputs: tuple[str, ...]) -> str:
    """The services' own strength rule, asked as the user types: "" when the password is acceptable."""
    try:
        passwords.check_strength(password, user_inputs=tuple(u for u in user_inputs if u))
    except ValidationError as exc:
        return exc.message
    return ""


class CapsLockWatch(QObject):
    """Qt cannot read the Caps Lock state, but a letter's case against Shift tells it while typing."""

    changed = Signal(bool)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if len(text) == 1 and text.isalpha() and text.lower() != text.upper():
                shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.changed.emit(text.isupper() != shift)
        return False


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setAccessibleName(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)
    return label


def fit(label: QLabel, width: int) -> None:
    """A wrapped label gets the height its text needs at the card's width (else lines are clipped)."""
    label.setMinimumHeight(label.heightForWidth(width) if label.text() else 0)


def _note(text: str = "", style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    return label


class _CardPage(QWidget):
    """A narrow column in the middle of the window: heading, intro, a form and one button."""

    def __init__(self, heading: str, intro: str, button: str) -> None:
        super().__init__()
        self.heading = _heading(heading)
        self.intro = _note(intro)
        fit(self.intro, CARD_WIDTH)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields = FormFields(self.form)
        self.message = _note("", PROBLEM_STYLE)
        self.message.setAccessibleName("Why you are not signed in")
        self.message.hide()
        self.button = QPushButton(button)
        self.button.setAccessibleName(button.replace("&", ""))
        self.button.setDefault(True)
        self.button.setAutoDefault(True)
        self.button.clicked.connect(self.submit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.button)
        buttons.addStretch(1)
        card = QWidget()
        card.setFixedWidth(CARD_WIDTH)
        column = QVBoxLayout(card)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addSpacing(6)
        column.addWidget(self.intro)
        column.addSpacing(12)
        column.addLayout(self.form)
        column.addWidget(self.message)
        column.addSpacing(8)
        column.addLayout(buttons)
        self.column = column
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def submit(self) -> None:  # subclasses send their signal
        raise NotImplementedError

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        for field in self.fields.fields.values():
            field.setReadOnly(busy)

    def refuse(self, message: str, field: str | None = None) -> None:
        """A refusal under the field it names, else under the form; the user's input stays."""
        self.set_busy(False)
        if field is not None and self.fields.show_problem(field, message):
            return
        self.message.setText(f"⚠ {message}")
        self.message.show()

    def refuse_error(self, exc: CaseteamError) -> None:
        self.refuse(exc.message, exc.field if isinstance(exc, ValidationError) else None)

    def _clear(self) -> None:
        self.fields.clear_problems()
        self.message.hide()
        self.message.setText("")


class SignInPage(_CardPage):
    """User name and password; Enter in either field signs in."""

    submitted = Signal(str, str)  # user name, password

    def __init__(self, location: str = "", *, demo: bool = False) -> None:
        super().__init__("Sign in to caseteam", "", "&Sign in")
        self.setObjectName("signInPage")
        self.username = self.fields.add("username", "&User name", QLineEdit())
        self.password = self.fields.add("password", "&Password", password_box())
        self.caps_lock = _note(CAPS_LOCK_NOTE, NOTICE_STYLE)
        self.caps_lock.setAccessibleName("Caps Lock")
        self.caps_lock.hide()
        self.column.insertWidget(self.column.indexOf(self.message), self.caps_lock)
        self._caps = CapsLockWatch(self)
        self._caps.changed.connect(self.caps_lock.setVisible)
        self.password.installEventFilter(self._caps)
        self.username.returnPressed.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.set_store(location, demo=demo)

    def set_store(self, location: str, *, demo: bool) -> None:
        text = f"The store: {location}" if location else ""
        self.intro.setText(f"{text}\n\n{DEMO_NOTE}" if demo else text)
        self.intro.setVisible(bool(self.intro.text()))
        fit(self.intro, CARD_WIDTH)

    def submit(self) -> None:
        if not self.button.isEnabled():  # Enter again while the first attempt is being checked
            return
        self._clear()
        if not self.username.text().strip():
            self.refuse("Type your user name.", "username")
            return
        if not self.password.text():
            self.refuse("Type your password.", "password")
            return
        self.set_busy(True)
        self.submitted.emit(self.username.text().strip(), self.password.text())

    def refuse(self, message: str, field: str | None = None) -> None:
        field = field or "password"  # the service's refusals are about the pair; the password is retyped
        super().refuse(message, field)
        if field == "password":
            self.password.selectAll()

    def start_over(self) -> None:
        """Back to an empty password (after signing out); the user name stays as a convenience."""
        self._clear()
        self.set_busy(False)
        self.password.clear()
        self.caps_lock.hide()
        self.focus_first()

    def focus_first(self) -> None:
        target = self.password if self.username.text() else self.username
        target.setFocus(Qt.FocusReason.OtherFocusReason)


class FirstAdministratorPage(_CardPage):
    """A store with no accounts: whoever starts it first creates the administrator account."""

    submitted = Signal(dict)  # username, display_name, password

    def __init__(self, location: str = "") -> None:
        super().__init__("Create the administrator account",
                         "This store has no user accounts yet. The administrator creates the accounts of "
                         "everyone else and can reset their passwords. Choose a password of at least "
                         f"{passwords.MIN_LENGTH} characters that is hard to guess: a few unrelated words work "
                         "well." + (f"\n\nThe store: {location}" if location else ""),
                         "&Create the administrator account")
        self.setObjectName("firstAdministratorPage")
        self.username = self.fields.add("username", "&User name", QLineEdit())
        self.display_name = self.fields.add("display_name", "Full &name", QLineEdit())  # Alt+F is File
        self.password = self.fields.add("password", "&Password", password_box())
        self.repeat = self.fields.add("repeat", "&Repeat the password", password_box())
        self.strength = StrengthNote(self.password, lambda: (self.username.text(), *self.display_name.text().split()))
        self.column.insertWidget(self.column.indexOf(self.message), self.strength)
        for box in (self.username, self.display_name, self.password, self.repeat):
            box.returnPressed.connect(self.submit)

    def submit(self) -> None:
        if not self.button.isEnabled():
            return
        self._clear()
        values = self.fields.values()
        values["password"] = self.password.text()  # never stripped: spaces are part of a password
        if not values["username"]:
            self.refuse("Choose a user name, for example your first name.", "username")
        elif not values["display_name"]:
            self.refuse("Type your full name: it appears in the audit log.", "display_name")
        elif self.strength.problem():
            self.refuse(self.strength.problem(), "password")
        elif self.repeat.text() != self.password.text():
            self.refuse("The two passwords are not the same.", "repeat")
        else:
            self.set_busy(True)
            self.submitted.emit({key: values[key] for key in ("username", "display_name", "password")})

    def focus_first(self) -> None:
        self.username.setFocus(Qt.FocusReason.OtherFocusReason)


class StrengthNote(QLabel):
    """Next to a new password, as it is typed: what the strength rule says, or that it is good."""

    def __init__(self, box: QLineEdit, user_inputs) -> None:
        super().__init__("")
        self.setObjectName("passwordStrength")
        self.setAccessibleName("Password strength")
        self.setWordWrap(True)
        self.box, self.user_inputs = box, user_inputs
        self._problem = strength_problem("", ())
        box.textChanged.connect(self._update)
        self.hide()
        if box.text():  # a suggested password is judged like a typed one
            self._update(box.text())

    def problem(self) -> str:
        return self._problem

    def _update(self, text: str) -> None:
        self._problem = strength_problem(text, tuple(self.user_inputs()))
        if not text:
            self.hide()
            return
        good = not self._problem
        self.setText("✓ A strong password." if good else f"⚠ {self._problem}")
        self.setStyleSheet(NOTICE_STYLE if good else PROBLEM_STYLE)
        self.box.setAccessibleDescription(self.text())
        self.show()


class ChangePasswordDialog(FormDialog):
    """A new password, typed twice, with the strength rule shown as it is typed. With `current` given
    (just after signing in with a temporary password) the current password is not asked again."""

    def __init__(self, parent=None, *, username: str = "", display_name: str = "", current: str | None = None,
                 required: bool = False) -> None:
        intro = ("Your administrator set a temporary password. Choose your own before you go on."
                 if required else "Choose a new password for your account.")
        super().__init__("Choose a new password" if required else "Change my password",
                         "&Change password", parent, intro=intro)
        self.setObjectName("changePasswordDialog")
        self.known_current = current
        if current is None:
            self.current = self.fields.add("current_password", "C&urrent password", password_box())
        self.new = self.fields.add("password", "&New password", password_box())
        self.repeat = self.fields.add("repeat", "&Repeat the new password", password_box())
        self.strength = StrengthNote(self.new, lambda: (username, *display_name.split()))
        self.layout().insertWidget(self.layout().indexOf(self.message), self.strength)

    def answer(self) -> dict:
        current = self.known_current if self.known_current is not None else self.current.text()
        return {"current": current, "new": self.new.text(), "repeat": self.repeat.text()}

    def check(self, values: dict) -> bool:
        if self.strength.problem():
            return not self.fields.show_problem("password", self.strength.problem())
        if values["new"] != values["repeat"]:
            return not self.fields.show_problem("repeat", "The two passwords are not the same.")
        return True
