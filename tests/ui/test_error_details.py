"""An unexpected error, end to end: a database job fails in a way nobody planned for, the error is logged,
and the real "Something went wrong" box offers "Copy details", which puts the stack on the clipboard,
without the person's name the failure carried, and keeps the box open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from ui.diagnostics import log_file, setup_logging
from ui.operations import Operations

NAME = "Nguyễn Thị Ánh"
WAIT = 20_000


def test_copy_details_puts_the_stack_without_personal_data_on_the_clipboard(qtbot, monkeypatch, empty_path):
    setup_logging()
    shown = []

    def exec_(box: QMessageBox) -> int:
        """The box on screen, answered with the mouse and keys as a person would."""
        box.open()
        box.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=WAIT)
        copy = next(b for b in box.findChildren(QPushButton) if b.text() == "Copy details")
        shown.append((box.windowTitle(), box.text(), copy.accessibleName()))
        qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
        shown.append((copy.text(), box.isVisible(), QGuiApplication.clipboard().text()))
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Close)  # a stray Enter closes
        qtbot.keyClick(box, Qt.Key.Key_Escape)
        assert not box.isVisible()
        return box.result()

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    QGuiApplication.clipboard().setText("something the user copied before")
    ops = Operations()
    try:
        with qtbot.waitSignal(ops.idle, timeout=WAIT):
            ops.open_store(empty_path)

        message = f"no row for {NAME}"  # a message that quotes someone's name

        def job(uow):
            raise LookupError(message)

        with qtbot.waitSignal(ops.idle, timeout=WAIT):
            ops.run(job, on_error=lambda exc: shown.append(("on_error", exc)))
    finally:
        ops.shutdown()

    (title, text, copy_name), (copied_button, still_open, clipboard) = shown
    assert title == "Something went wrong" and copy_name == "Copy details to the clipboard"
    assert "could not finish what you asked" in text and str(log_file()) in text
    assert copied_button == "Copied" and still_open, "copying keeps the box open"
    assert "Traceback (most recent call last)" in clipboard and "builtins.LookupError" in clipboard
    assert "in job" in clipboard and "test_error_details.py" in clipboard
    assert "Nguyễn" not in clipboard
    assert "no row for" not in clipboard  # the message is left out: only types, files and lines of code
    logged = log_file().read_text(encoding="utf-8")
    assert "builtins.LookupError" in logged and "Nguyễn" not in logged
