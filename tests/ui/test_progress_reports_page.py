"""The Funding part's Progress reports page on a demo person with a month of work for a funder: write the
month's report (what the month's records give it shown first), save it, save its PDF and read the narrative
back, mark it sent (then it is locked), and the accessibility walk of the page and its dialog."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from reportlab import rl_config

from ui.screens.person import progress_report_dialog
from ui.screens.person.progress_reports_page import ProgressReportsPage
from ui.undo import UndoHistory

from accessibility import clashing_mnemonics, unnamed_controls
from billing_ui_setup import FUNDER, fund
from test_invoices_page import shown
from workspace_fixtures import TIMEOUT, desk, ops, person  # noqa: F401


ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture(autouse=True)
def _invariant(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


def test_a_progress_report_is_written_saved_exported_and_sent(qtbot, ops, desk, person, monkeypatch,  # noqa: F811
                                                              tmp_path):
    fund(desk, person.id)
    page = shown(qtbot, ops, ProgressReportsPage(ops, ops.actor, UndoHistory(ops), person.id))
    assert page.model.rowCount() == 0
    problems = unnamed_controls(page) + clashing_mnemonics(page)
    with qtbot.waitSignal(page.dialog_opened, timeout=TIMEOUT) as opened:
        page.table.setFocus()
        qtbot.keyClick(page.table, Qt.Key.Key_R, ALT)
    dialog = opened.args[0]
    dialog.funder_box.setCurrentIndex(dialog.funder_box.findText(FUNDER))
    qtbot.waitUntil(lambda: "milestone" in dialog.facts.toPlainText() and ops.pending == 0, timeout=TIMEOUT)
    assert not dialog.pdf_button.isEnabled()  # nothing saved yet
    qtbot.keyClicks(dialog.narrative, "Finished Discovery and chose bakery work.")
    asked = []
    monkeypatch.setattr(progress_report_dialog, "confirm", lambda *a: asked.append(a[1]) or False)
    qtbot.keyClick(dialog.narrative, Qt.Key.Key_Escape)  # unsaved: asks, and "No" keeps the dialog and the text
    assert asked == ["Unsaved narrative"] and dialog.isVisible() and "bakery" in dialog.narrative.toPlainText()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.pdf_button.isEnabled(), timeout=TIMEOUT)
    assert dialog.report.ref in dialog.status.text() and "not sent yet" in dialog.status.text()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(tmp_path / "report"), ""))
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT) as written:
        dialog.pdf_button.click()
    assert written.args[0].endswith("report.pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(str(tmp_path / "report.pdf")).pages)
    assert "Finished Discovery and chose bakery work." in text
    dialog.sent_button.click()
    qtbot.waitUntil(lambda: dialog.report.sent_on is not None and ops.pending == 0, timeout=TIMEOUT)
    assert "sent on" in dialog.status.text()
    assert dialog.narrative.isReadOnly() and not dialog.save_button.isEnabled()  # sent: locked
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=TIMEOUT)
    assert page.model.text(page.model.row_at(0), page.model.Column.SENT).startswith("sent ")
    problems += unnamed_controls(dialog) + clashing_mnemonics(dialog)
    dialog.reject()
    assert problems == [], "\n".join(problems)
