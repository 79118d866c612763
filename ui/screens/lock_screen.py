"""The idle lock's two windows: the warning that counts down with "Stay signed in", and the lock screen
over the whole window (password, Unlock, Sign out instead). Neither shows anything about anyone but the
signed-in user's own name. ui/idle_lock.py decides when they appear."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..widgets.field_row import NOTICE_STYLE, PROBLEM_STYLE
from .sign_in import CAPS_LOCK_NOTE, CapsLockWatch, password_box

LOCKED_TITLE = "caseteam — locked"


def _big(label: QLabel, factor: float = 1.5) -> QLabel:
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(True)
    label.setFont(font)
    return label


class LockWarning(QDialog):
    """"caseteam will lock in 60 seconds" counting down live; Stay signed in (or Esc) keeps working."""

    expired = Signal()
    stay = Signal()

    def __init__(self, parent: QWidget, seconds: int, tick_ms: int = 1000) -> None:
        super().__init__(parent)
        self.setObjectName("idleWarning")
        self.setWindowTitle("caseteam will lock soon")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)  # above any dialog already open
        self.left = seconds
        self.countdown = QLabel()
        self.countdown.setAccessibleName("Time until caseteam locks")
        self.countdown.setWordWrap(True)
        self.stay_button = QPushButton("&Stay signed in")
        self.stay_button.setDefault(True)
        self.stay_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(_big(QLabel("You have not used caseteam for a while."), 1.2))
        layout.addWidget(self.countdown)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.stay_button)
        layout.addLayout(row)
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self._tick)
        self.rejected.connect(self._stayed)
        self._show_left()

    def start(self) -> None:
        self.timer.start()
        self.show()
        self.raise_()
        self.activateWindow()
        self.stay_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_left(self) -> None:
        unit = "second" if self.left == 1 else "seconds"
        self.countdown.setText(f"caseteam will lock in {self.left} {unit} to keep the information of the people "
                               "you serve private. Press Stay signed in to go on working.")

    def _tick(self) -> None:
        self.left -= 1
        if self.left > 0:
            self._show_left()
            return
        self.timer.stop()
        self.rejected.disconnect(self._stayed)
        self.hide()
        self.expired.emit()

    def _stayed(self) -> None:
        self.timer.stop()
        self.stay.emit()


class LockScreen(QDialog):
    """Over the whole window: who is signed in, the password, Unlock, or Sign out instead."""

    unlock_requested = Signal(str)
    sign_out_requested = Signal()

    def __init__(self, parent: QWidget, who: str, unsaved: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setWindowTitle(LOCKED_TITLE)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.unsaved = unsaved
        heading = _big(QLabel("caseteam is locked"), 1.8)
        heading.setAccessibleName("caseteam is locked")
        intro = QLabel(f"Signed in as {who}. Type your password to go back to where you were; nothing you "
                       "typed is lost.")
        intro.setWordWrap(True)
        intro.setMinimumHeight(intro.heightForWidth(420))  # all of it at the card's width
        self.password = password_box()
        self.password.setAccessibleName("Password")
        label = QLabel("&Password:")
        label.setBuddy(self.password)
        self.caps_lock = QLabel(CAPS_LOCK_NOTE)
        self.caps_lock.setStyleSheet(NOTICE_STYLE)
        self.caps_lock.hide()
        self._caps = CapsLockWatch(self)
        self._caps.changed.connect(self.caps_lock.setVisible)
        self.password.installEventFilter(self._caps)
        self.message = QLabel("")
        self.message.setAccessibleName("Why it did not unlock")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(PROBLEM_STYLE)
        self.message.hide()
        self.unlock_button = QPushButton("&Unlock")
        self.unlock_button.setDefault(True)
        self.sign_out_button = QPushButton("Sign &out instead")
        self.unlock_button.clicked.connect(self._unlock)
        self.password.returnPressed.connect(self._unlock)
        self.sign_out_button.clicked.connect(self._sign_out)

        card = QWidget()
        card.setFixedWidth(440)
        column = QVBoxLayout(card)
        column.addWidget(heading)
        column.addWidget(intro)
        column.addSpacing(12)
        column.addWidget(label)
        column.addWidget(self.password)
        column.addWidget(self.caps_lock)
        column.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.setTabOrder(self.password, self.unlock_button)
        self.setTabOrder(self.unlock_button, self.sign_out_button)

    def reject(self) -> None:
        """Esc and the close button do not unlock."""

    def closeEvent(self, event) -> None:
        event.ignore()

    def _unlock(self) -> None:
        if not self.password.text():
            self.refuse("Type your password.")
            return
        self.message.hide()
        self.unlock_button.setEnabled(False)
        self.unlock_requested.emit(self.password.text())

    def refuse(self, message: str) -> None:
        self.unlock_button.setEnabled(True)
        self.message.setText(f"⚠ {message}")
        self.message.show()
        self.password.selectAll()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _sign_out(self) -> None:
        """With unsaved edits, the first press says so (without naming anyone) and the second confirms."""
        if self.unsaved and self.sign_out_button.text() != "&Discard changes and sign out":
            screens = "screen has" if self.unsaved == 1 else f"screens have"
            self.refuse(f"{self.unsaved} {screens} changes that are not saved. Signing out discards them; "
                        "unlock to save them instead.")
            self.sign_out_button.setText("&Discard changes and sign out")
            return
        self.sign_out_requested.emit()
