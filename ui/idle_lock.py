"""Idle lock: after `idle_lock_minutes` without a key press or mouse input anywhere in the program, a
warning counts down with "Stay signed in"; then a lock screen covers the window. While locked no
personal data is on screen or in the accessibility tree: the window's contents are taken out of it
(kept whole, unsaved input and all), other open dialogs are emptied, the title and status bar say
nothing about anyone. The password (checked and counted on the worker like a sign-in) puts everything
back exactly where it was: same tab, same field with the focus, same typed text.
"""

from __future__ import annotations

import logging
import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QWidget

from caseteam.errors import CaseteamError
from caseteam.services import users

from .screens.lock_screen import LOCKED_TITLE, LockScreen, LockWarning

log = logging.getLogger(__name__)

DEFAULT_MINUTES = 10
WARNING_SECONDS = 60
# What counts as someone at the keyboard; paints, timers and focus changes do not.
INPUT_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
                          QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
                          QEvent.Type.TabletPress})


def idle_minutes() -> int:
    """The per-machine setting; a missing or unreadable settings module gives the default."""
    try:
        from caseteam.settings import load_settings

        return int(load_settings().idle_lock_minutes)
    except Exception:  # settings must never stop the lock from working
        log.warning("idle lock: settings not readable, locking after %s minutes", DEFAULT_MINUTES)
        return DEFAULT_MINUTES


class IdleWatcher(QObject):
    """An application-wide event filter: any key or mouse input moves the moment `idle` is due.

    The filter only notes the time. It calls nothing in Qt: with PySide6 6.12 on Python 3.11 every
    call of a method returning nothing (QTimer.start among them) takes a reference away from None,
    and a filter that restarted a timer on each mouse move would run None's count down to a crash.
    The timer instead fires at the earliest moment the user could be idle and looks again."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_ms = timeout_ms
        self.last_input = time.monotonic()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one may fire 5% (30 s) early
        self.timer.timeout.connect(self._look)
        self.running = False

    def start(self) -> None:
        """From now: input, or `timeout_ms` without any."""
        if not self.running:
            QApplication.instance().installEventFilter(self)
            self.running = True
        self.last_input = time.monotonic()
        self.timer.start(self.timeout_ms)

    def stop(self) -> None:
        if self.running:
            QApplication.instance().removeEventFilter(self)
            self.running = False
        self.timer.stop()

    def remaining_ms(self) -> int:
        return max(0, int(self.timeout_ms - (time.monotonic() - self.last_input) * 1000))

    def eventFilter(self, _watched, event) -> bool:
        if event.type() in INPUT_EVENTS:
            self.last_input = time.monotonic()
        return False

    def _look(self) -> None:
        if not self.running:
            return
        left = self.remaining_ms()
        if left > 0:
            self.timer.start(left)
        else:
            self.idle.emit()


class IdleLock(QObject):
    """The lock for one main window. `idle_ms`, `warning_seconds` and `tick_ms` are for tests."""

    locked = Signal()
    unlocked = Signal()
    sign_out_requested = Signal()

    def __init__(self, window, *, idle_ms: int | None = None, warning_seconds: int = WARNING_SECONDS,
                 tick_ms: int = 1000) -> None:
        super().__init__(window)
        self.window = window
        self.watcher = IdleWatcher(idle_ms if idle_ms is not None else idle_minutes() * 60_000, self)
        self.watcher.idle.connect(self.warn)
        self.warning_seconds, self.tick_ms = warning_seconds, tick_ms
        self.warning: LockWarning | None = None
        self.screen: LockScreen | None = None
        self._saved: dict | None = None
        self._focus_before_warning: QWidget | None = None

    @property
    def is_locked(self) -> bool:
        return self._saved is not None

    def set_timeout(self, idle_ms: int, *, warning_seconds: int | None = None, tick_ms: int | None = None) -> None:
        self.watcher.timeout_ms = idle_ms
        if warning_seconds is not None:
            self.warning_seconds = warning_seconds
        if tick_ms is not None:
            self.tick_ms = tick_ms
        if self.watcher.running:
            self.watcher.start()

    def start(self) -> None:
        if not self.is_locked:
            self.watcher.start()

    def stop(self) -> None:
        self.watcher.stop()
        self._close_warning()

    # --- warning ---------------------------------------------------------------------------------
    def warn(self) -> None:
        self.watcher.stop()
        if self.is_locked or self.window.actor is None or not self.window.isVisible():
            return  # nothing to guard: locked already, nobody signed in, or the window is closing
        if self.warning_seconds <= 0:
            self.lock()
            return
        self._close_warning()
        self._focus_before_warning = QApplication.focusWidget()  # the warning takes the focus for a while
        self.warning = LockWarning(self.window, self.warning_seconds, self.tick_ms)
        self.warning.stay.connect(self._stayed)
        self.warning.expired.connect(self.lock)
        self.warning.start()

    def _stayed(self) -> None:
        self._close_warning()
        focus, self._focus_before_warning = self._focus_before_warning, None
        if focus is not None and shiboken6.isValid(focus):
            focus.activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.watcher.start()

    def _close_warning(self) -> None:
        if self.warning is not None:
            warning, self.warning = self.warning, None
            warning.timer.stop()
            warning.hide()
            warning.deleteLater()

    # --- locking ---------------------------------------------------------------------------------
    def lock(self) -> None:
        """Take every trace of anyone off the screen, keeping each widget whole for the unlock."""
        if self.is_locked or self.window.actor is None:
            return
        self.watcher.stop()
        warned = self.warning is not None
        focus = self._focus_before_warning if warned else QApplication.focusWidget()
        self._focus_before_warning = None
        self._close_warning()
        window = self.window
        while QApplication.activePopupWidget() is not None:  # an open menu or list pop-up
            QApplication.activePopupWidget().close()
        QToolTip.hideText()
        saved = {"focus": focus, "title": window.windowTitle(),
                 "status": not window.statusBar().isHidden(), "blanked": []}
        for top in QApplication.topLevelWidgets():
            if top is window or not top.isVisible() or top.windowType() in (Qt.WindowType.ToolTip,
                                                                            Qt.WindowType.Popup):
                continue
            children = [c for c in top.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                        if not c.isHidden() and not c.isWindow()]
            for child in children:
                child.hide()
            saved["blanked"].append((top, top.windowTitle(), children))
            top.setWindowTitle(LOCKED_TITLE)
        saved["actions"] = [a for a in window.findChildren(QAction) if a.isEnabled()]
        for action in saved["actions"]:
            action.setEnabled(False)
        window.menuBar().setEnabled(False)
        window.statusBar().hide()
        saved["content"] = window.takeCentralWidget()  # out of the window and its accessibility tree
        cover = QLabel("caseteam is locked.")
        cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        cover.setAccessibleName("caseteam is locked")
        window.setCentralWidget(cover)
        window.setWindowTitle(LOCKED_TITLE)
        self._saved = saved
        actor = window.actor
        self.screen = LockScreen(window, f"{actor.display_name} ({actor.username})", self._unsaved_count())
        self.screen.unlock_requested.connect(self._check_password)
        self.screen.sign_out_requested.connect(self.sign_out_requested)
        self.screen.setGeometry(window.geometry())
        self.screen.show()
        self.screen.raise_()
        self.screen.activateWindow()
        self.screen.password.setFocus(Qt.FocusReason.OtherFocusReason)
        log.info("window locked after no input")
        self.locked.emit()

    def _unsaved_count(self) -> int:
        sections = getattr(self.window, "sections", None)
        tabs = (list(sections.people.values()) + list(sections.fixed)) if sections is not None else []
        return sum(1 for tab in tabs if getattr(tab, "has_unsaved_changes", lambda: False)())

    def _check_password(self, password: str) -> None:
        actor = self.window.actor

        def refused(exc: CaseteamError) -> None:
            if self.screen is not None:
                self.screen.refuse(exc.message)

        self.window.ops.run(lambda uow: users.confirm_password(uow, actor, password),
                            on_done=self._answered, on_error=refused)

    def _answered(self, result) -> None:
        if self.screen is None:
            return
        if result.actor is None:
            self.screen.refuse(result.message)
            return
        self.restore()
        self.watcher.start()
        log.info("window unlocked")
        self.unlocked.emit()

    def restore(self) -> None:
        """Everything back as it was (also before signing out from the lock screen)."""
        saved, self._saved = self._saved, None
        if saved is None:
            return
        window = self.window
        if self.screen is not None:
            screen, self.screen = self.screen, None
            screen.hide()
            screen.deleteLater()
        cover = window.takeCentralWidget()
        if cover is not None:
            cover.deleteLater()
        window.setCentralWidget(saved["content"])
        saved["content"].show()
        window.setWindowTitle(saved["title"])
        window.menuBar().setEnabled(True)
        window.statusBar().setVisible(saved["status"])
        for action in saved["actions"]:
            if shiboken6.isValid(action):
                action.setEnabled(True)
        for top, title, children in saved["blanked"]:
            if not shiboken6.isValid(top):
                continue
            top.setWindowTitle(title)
            for child in children:
                if shiboken6.isValid(child):
                    child.show()
        window.activateWindow()
        focus = saved["focus"]
        if focus is not None and shiboken6.isValid(focus):
            focus.activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
