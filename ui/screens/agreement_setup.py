"""What the partner directory's two agreement set-up dialogs (letterhead, clause wording) share: they
load the organization's record on the worker, keep track of unsaved edits, ask Save / Discard / Cancel
before closing over them, save through ops.run with the Save button held until the answer, and show a
refusal in the dialog with everything typed kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from caseteam.errors import CaseteamError

from ..sections import ask_about_unsaved
from ..widgets.field_row import NOTICE_STYLE, PROBLEM_STYLE

Answer = QMessageBox.StandardButton


class AgreementSetupDialog(QDialog):
    """The subclass puts its widgets in self.body, and says how to load (`_load_job`, `_show_loaded`)
    and how to save (`_save_job`, `_saved`); it calls mark_dirty() on every edit."""

    def __init__(self, ops, actor, organization_id, organization_name: str, title: str, parent=None) -> None:
        super().__init__(parent)
        self.ops, self.actor = ops, actor
        self.organization_id, self.organization_name = organization_id, organization_name
        self.ask = ask_about_unsaved  # tests replace it
        self.loaded = False
        self._dirty = False
        self._after_save = None  # what to do once the save asked for on the way out is through
        self.setWindowTitle(f"{title} — {organization_name}")
        self.setAccessibleName(f"{title} for {organization_name}")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        self.body = QVBoxLayout()
        layout.addLayout(self.body, 1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Save status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save")
        self.save_button.setAccessibleDescription(f"Save for {organization_name}; agreements drafted from now on "
                                                  "use it")
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setText("Close")
        self.save_button.clicked.connect(lambda: self.save())  # not save(checked)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.save_button.setEnabled(False)

    # --- what each dialog says ----------------------------------------------------------------------
    def _load_job(self):
        """The job (uow -> result) that reads what the dialog edits."""
        raise NotImplementedError

    def _show_loaded(self, result) -> None:
        raise NotImplementedError

    def _save_job(self):
        """The job (uow -> (row, Changes)) that saves what is typed; None when a check here refused it."""
        raise NotImplementedError

    def _saved(self, result) -> None:
        """The store said yes: show what it keeps now."""

    def _show_refusal(self, exc: CaseteamError) -> bool:
        """Put a refusal next to the field it names; False: it goes in the status line."""
        return False

    # --- loading --------------------------------------------------------------------------------
    def load(self) -> None:
        self.ops.run(self._load_job(), on_done=self._loaded, on_error=self.refuse, write=False)

    def _loaded(self, result) -> None:
        self._show_loaded(result)
        self.loaded = True
        self.set_dirty(False)

    # --- edits and saving -------------------------------------------------------------------------
    def mark_dirty(self, *_args) -> None:
        self.set_dirty(True)

    def set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.save_button.setEnabled(dirty and self.loaded)
        self.setWindowTitle(self.windowTitle().removeprefix("* ") if not dirty
                            else "* " + self.windowTitle().removeprefix("* "))

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def save(self, then=None) -> bool:
        """Ask the store to keep what is typed, and `then()` once it has; False when nothing was sent
        (nothing to save, or a check here refused it and says why)."""
        self._after_save = None
        if not self._dirty or not self.loaded:
            return False
        self.status.hide()
        job = self._save_job()
        if job is None:
            return False
        self._after_save = then
        self.save_button.setEnabled(False)  # one save at a time; the answer enables it again
        self.ops.run(job, on_done=self._save_done, on_error=self.refuse)
        return True

    def _save_done(self, result) -> None:
        self._saved(result)
        self.set_dirty(False)
        self.say(f"Saved for {self.organization_name}.")
        then, self._after_save = self._after_save, None
        if then is not None:
            then()

    def refuse(self, exc: CaseteamError) -> None:
        self._after_save = None
        self.save_button.setEnabled(self._dirty and self.loaded)
        if not self._show_refusal(exc):
            self.say(f"⚠ Not saved: {exc.message}", problem=True)

    def say(self, text: str, *, problem: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(PROBLEM_STYLE if problem else NOTICE_STYLE)
        self.status.show()

    # --- closing ------------------------------------------------------------------------------------
    def leave_edits(self, then) -> None:
        """Before the edits on screen go (closing, another kind): Save / Discard / Cancel; `then()` runs
        after a save that went through or a discard, never after Cancel."""
        if not self._dirty:
            then()
            return
        answer = self.ask(self, self.windowTitle().removeprefix("* "))
        if answer == Answer.Save:
            self.save(then)
        elif answer == Answer.Discard:
            self.set_dirty(False)
            then()

    def reject(self) -> None:
        """Close, Esc and the window's close box all come here: unsaved edits are asked about first."""
        self.leave_edits(super().reject)


def open_setup_dialog(section: QWidget, dialog: AgreementSetupDialog) -> None:
    """Window-modal, not blocking; the section holds it as `section.dialog` while it is open."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _r: setattr(section, "dialog", None) if section.dialog is dialog else None)
    section.dialog = dialog
    dialog.open()
    dialog.load()
