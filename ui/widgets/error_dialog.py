"""The two ways a failure reaches the user: a plain message, or "something went wrong" + log path.

Tests replace these functions (monkeypatch) so no modal dialog ever blocks a test run.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def show_plain(parent: QWidget | None, message: str, *, title: str = "caseteam", offer=None) -> None:
    """A caseteam error: its message is already plain language and safe to show. `offer` is
    (button text, action), e.g. "Record a release…" after a ConsentRequired."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setAccessibleName(title)
    box.setAccessibleDescription(message)
    extra = box.addButton(offer[0], QMessageBox.ButtonRole.ActionRole) if offer else None
    box.exec()
    if extra is not None and box.clickedButton() is extra:
        offer[1]()


def unexpected_message(log_path: str) -> str:
    return ("Something went wrong, and caseteam could not finish what you asked. Nothing else was "
            f"changed. The details were written to the log file at {log_path}. If it happens again, "
            "send that file (or the copied details) to whoever supports caseteam at your office.")


def show_unexpected(parent: QWidget | None, log_path: str, details: str) -> None:
    """An exception nobody planned for: plain words on screen, the traceback one click away."""
    message = unexpected_message(log_path)
    box = QMessageBox(QMessageBox.Icon.Critical, "Something went wrong", message,
                      QMessageBox.StandardButton.Close, parent)
    box.setAccessibleName("Something went wrong")
    box.setAccessibleDescription(message)
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    copy.setAccessibleName("Copy details to the clipboard")
    # An ActionRole button would close the box; disconnecting keeps it open after copying.
    copy.clicked.disconnect()
    copy.clicked.connect(lambda: (QGuiApplication.clipboard().setText(details), copy.setText("Copied")))
    box.setDefaultButton(QMessageBox.StandardButton.Close)
    box.exec()
