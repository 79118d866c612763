"""Backups from the window: at most daily while open (checked hourly), on close, File → Back up now,
File → Restore from backup…, and the offer to restore the newest good backup when a store is refused.

Copies run as "store" jobs on the database worker (ui/operations.py), so the window never freezes; a
failed automatic backup is a status-bar line and a log line, never a dialog or a crash.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from caseteam.errors import CaseteamError, StoreError
from caseteam.services.changes import Changes
from caseteam.settings import Settings, load_settings
from caseteam.storage import backup as backups
from caseteam.storage.store import open_store

from .diagnostics import describe_exception
from .widgets import error_dialog

log = logging.getLogger(__name__)

EVERYTHING = Changes(**{name: True for name in Changes.__dataclass_fields__})


def _backup_job(store_path: Path, settings: Settings, reason: str):
    """The copy and the rotation, on the worker. Anything unplanned becomes a plain StoreError so an
    automatic backup can never bring up "Something went wrong"."""

    def job(_store):
        try:
            made = backups.backup_now(store_path, settings.backup_folder, reason)
            backups.rotate(settings.backup_folder, settings.keep_daily, settings.keep_weekly, stem=store_path.stem)
            return made
        except CaseteamError:
            raise
        except Exception as exc:
            log.error("backup failed unexpectedly\n%s", describe_exception(exc))
            raise StoreError("No backup was made because of an unexpected error; the details are in the "
                             "log file. The store itself was not changed.") from None

    return job


def _when(path: Path) -> str:
    found = backups.parse_backup_name(path)
    if found is None:
        return ""
    return found.taken_at.astimezone().strftime(" (made %Y-%m-%d %H:%M)")


class WindowBackups(QObject):
    backed_up = Signal(object)  # the Path of a new backup
    backup_failed = Signal(str)  # the plain message
    restored = Signal(object)  # a RestoreResult; with sign-in, the restored store's accounts apply

    CHECK_EVERY_MS = 60 * 60 * 1000
    FIRST_CHECK_MS = 60 * 1000  # after start-up work, so the first page is not kept waiting

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.ops = window.ops
        self.store_path: Path | None = None
        self.store_kind: str | None = None
        self.running = False
        self.automatic = True  # daily and on-close copies; off for scratch stores (self-test)
        self.timer = QTimer(self)
        self.timer.setInterval(self.CHECK_EVERY_MS)
        self.timer.timeout.connect(self.back_up_if_due)
        self.first_check = QTimer(self, singleShot=True, interval=self.FIRST_CHECK_MS)
        self.first_check.timeout.connect(self.back_up_if_due)
        # Tests replace these three instead of clicking through modal dialogs.
        self.choose_file = self._choose_file
        self.confirm = self._confirm
        self.tell = lambda message: error_dialog.show_plain(self.window, message, title="Backups")

        self.backup_action = QAction("&Back up now", window)
        self.backup_action.setStatusTip("Make a checked copy of the store in the backup folder")
        self.backup_action.setEnabled(False)
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction("&Restore from backup…", window)
        self.restore_action.setStatusTip("Replace the store with a backup; the store as it is now is kept first")
        self.restore_action.setEnabled(False)
        self.restore_action.triggered.connect(self.restore_from_backup)

    def add_to_menu(self, menu) -> None:
        menu.addAction(self.backup_action)
        menu.addAction(self.restore_action)

    @property
    def settings(self) -> Settings:
        return load_settings()  # read each time: a changed file applies without a restart

    # --- the schedule ------------------------------------------------------------------------------
    def store_opened(self, description) -> None:
        self.store_kind = description.kind
        self.store_path = Path(description.location) if description.kind == "sqlite" else None
        self.backup_action.setEnabled(True)
        self.restore_action.setEnabled(True)
        if self.store_path is not None and self.automatic:
            self.first_check.start()
            self.timer.start()

    def back_up_if_due(self) -> None:
        if self.store_path is None or self.running or self.ops.closed:
            return
        settings = self.settings
        if backups.due_for_daily(settings.backup_folder, stem=self.store_path.stem):
            self._start("daily", settings, asked=False)

    def _refused(self, action) -> bool:
        """Store-wide permission (ARCHITECTURE: enforced in services; told here before any dialog)."""
        from caseteam.errors import PermissionDenied
        from caseteam.services import access

        try:
            if self.window.actor is None:
                raise PermissionDenied("Sign in first.")
            access.require_store_wide(self.window.actor, action)
        except PermissionDenied as exc:
            self.tell(exc.message)
            return True
        return False

    def back_up_now(self) -> None:
        from caseteam.services.access import Action

        if self._refused(Action.BACKUP):
            return
        if self.store_kind == "postgresql":
            self.tell(backups.postgresql_refusal(self.window.description.location, "backs up").message)
            return
        if self.store_path is not None and not self.running:
            self._start("manual", self.settings, asked=True)

    def _start(self, reason: str, settings: Settings, *, asked: bool) -> None:
        self.running = True
        self.ops.run_on_store(_backup_job(self.store_path, settings, reason),
                              on_done=self._done, on_error=lambda exc: self._failed(exc, asked),
                              progress_text="Backing up the store…",
                              on_finally=lambda: setattr(self, "running", False))

    def _done(self, made: Path) -> None:
        self.window.statusBar().showMessage(f"Backed up to {made}", 10_000)
        self.backed_up.emit(made)

    def _failed(self, exc: CaseteamError, asked: bool) -> None:
        log.warning("backup not made (%s)", type(exc).__name__)
        self.window.statusBar().showMessage(exc.message)
        self.backup_failed.emit(exc.message)
        if asked:
            self.tell(exc.message)

    def before_close(self) -> None:
        """The on-close backup is queued before the worker stops; its outcome can only be logged."""
        self.timer.stop()
        self.first_check.stop()
        if self.store_path is None or self.ops.closed or not self.automatic:
            return
        job = _backup_job(self.store_path, self.settings, "on-close")

        def quietly(store):
            try:
                job(store)
            except CaseteamError as exc:
                log.warning("backup on close not made (%s)", type(exc).__name__)

        self.ops.run_on_store(quietly)

    # --- restoring -----------------------------------------------------------------------------------
    def restore_from_backup(self) -> None:
        from caseteam.services.access import Action

        if self._refused(Action.RESTORE):
            return
        if self.store_kind == "postgresql":
            self.tell(backups.postgresql_refusal(self.window.description.location, "restores").message)
            return
        if self.store_path is None or not self.window.sections.may_close_all():
            return
        chosen = self.choose_file()
        if not chosen:
            return
        chosen = Path(chosen)
        self.ops.run_on_store(lambda _store: (backups.check_restorable(chosen), self._people_in(chosen)),
                              on_done=lambda result: self._confirm_then_restore(chosen, result[1]),
                              on_error=lambda exc: self.tell(exc.message), progress_text="Checking the backup…")

    def _confirm_then_restore(self, chosen: Path, people: int) -> None:
        text = (f"Replace the store with the backup {chosen.name}{_when(chosen)}? It holds {people:,} "
                f"{'person' if people == 1 else 'people'}.\n\nThe store as it is now is backed up first, "
                "so this can be undone by restoring that copy.")
        if not self.confirm(text):
            return
        folder, store_path = self.settings.backup_folder, self.store_path

        def job(store):
            store.engine.dispose()  # the store must be closed; the engine reconnects to the new file
            result = backups.restore(store_path, chosen, folder)
            open_store(store_path).close()  # an older backup is upgraded now, with its own safety copy
            store.engine.dispose()
            return result

        self.ops.run_on_store(job, on_done=self._restored, on_error=lambda exc: self.tell(exc.message),
                              progress_text="Restoring the store…")

    def _restored(self, result) -> None:
        kept = f" The store as it was is kept as {result.saved_current.name}." if result.saved_current else ""
        message = f"Restored from {result.restored_from.name}.{kept}"
        session = getattr(self.window, "session", None)
        if session is not None and self.window.actor is not None:
            # The restored file has its own accounts and permissions: whoever continues signs in to it,
            # and the screens are built again for them (nothing of the old store stays on screen).
            session.sign_out()
        else:
            sections = self.window.sections
            for person_id in list(sections.people):
                sections.close_tab(sections.indexOf(sections.people[person_id]))
            self.ops.data_changed.emit(EVERYTHING)
            self.window.refresh_overview()
        self.window.statusBar().showMessage(message, 15_000)
        self.restored.emit(result)

    @staticmethod
    def _people_in(path: Path) -> int:
        from caseteam.storage.store import connect_read_only

        conn = connect_read_only(path, unchanging=True)
        try:
            return conn.execute("SELECT count(*) FROM people").fetchone()[0]
        finally:
            conn.close()

    def _choose_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self.window, "Restore from backup", str(self.settings.backup_folder),
                                              "caseteam stores (*.sqlite);;All files (*)")
        return path

    def _confirm(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Restore from backup", text, parent=self.window)
        restore = box.addButton("&Restore", QMessageBox.ButtonRole.AcceptRole)
        restore.setAccessibleName("Restore the backup")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # a stray Enter changes nothing
        box.setAccessibleName("Restore from backup")
        box.setAccessibleDescription(text)
        box.exec()
        return box.clickedButton() is restore


class StoreRecovery:
    """When the store is refused at start: the refusal, plus "Restore newest backup…" when a good
    backup exists. The worker holds no store then, so the restore runs here, under a wait cursor."""

    def __init__(self, window) -> None:
        self.window = window
        self.restored_once = False
        self.ask = self._ask  # tests replace it: (message, backup path) -> True to restore

    def offer(self, message: str) -> bool:
        """True when a backup was restored and the window is opening it; False: the caller closes."""
        description = self.window.description
        if self.restored_once or description.kind != "sqlite" or not message:
            return False
        store_path = Path(description.location)
        if not backups.restore_would_help(store_path):  # read-only, newer or unsafe: not a backup's job
            return False
        settings = load_settings()
        good = backups.newest_good_backup(settings.backup_folder, store_path.stem)
        if good is None or not self.ask(message, good):
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = backups.restore(store_path, good, settings.backup_folder)
        except CaseteamError as exc:
            QGuiApplication.restoreOverrideCursor()
            error_dialog.show_plain(self.window, exc.message, title="caseteam could not restore the backup")
            return False
        QGuiApplication.restoreOverrideCursor()
        self.restored_once = True
        aside = f" The file that could not be opened is kept as {result.moved_aside.name}." if result.moved_aside else ""
        log.info("restored the newest good backup after a refused start")
        self.window.open_again()
        self.window.statusBar().showMessage(f"Restored from {good.name}.{aside}", 30_000)
        return True

    def _ask(self, message: str, good: Path) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "caseteam cannot open the store", message,
                          QMessageBox.StandardButton.Close, self.window)
        box.setInformativeText(f"The newest good backup is {good.name}{_when(good)}. Restoring it keeps the "
                               "file that could not be opened, renamed, beside it.")
        restore = box.addButton("&Restore newest backup…", QMessageBox.ButtonRole.AcceptRole)
        restore.setAccessibleName("Restore the newest good backup")
        box.setDefaultButton(QMessageBox.StandardButton.Close)
        box.setAccessibleName("caseteam cannot open the store")
        box.setAccessibleDescription(message)
        box.exec()
        return box.clickedButton() is restore
