"""The Funding part's Invoices page on a demo person with money to collect: draft
last month's invoice (its milestone line, and the hour no authorization covers held back with why), undo
and redo the draft, submit it, save its PDF and read it back, record it returned (the reason is required),
correct it as revision 2 (both revisions listed), submit and record it paid, save the XLSX; and the
accessibility walk of the page and its dialogs."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from reportlab import rl_config

from caseteam.domain.billing import InvoiceStatus
from ui.screens.person.invoice_dialogs import PaidDialog, SentBackDialog, SubmitDialog, FunderMonthDialog
from ui.screens.person.invoices_page import InvoicesPage
from ui.undo import UndoHistory

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from billing_ui_setup import FUNDER, MILESTONE_FEE, fund
from workspace_fixtures import TIMEOUT, desk, ops, person  # noqa: F401

ALT, CTRL, SHIFT = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier, \
    Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def _invariant(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


def shown(qtbot, ops, widget):
    ops.data_changed.connect(widget.apply_changes)  # as the main window does for every open screen
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    widget.refresh()
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=TIMEOUT)
    return widget


@pytest.fixture
def funded(desk, person):  # noqa: F811
    return fund(desk, person.id)


@pytest.fixture
def page(qtbot, ops, person, funded):  # noqa: F811
    return shown(qtbot, ops, InvoicesPage(ops, ops.actor, UndoHistory(ops), person.id))


def press(qtbot, page, key, modifiers=ALT, kind=None):
    """A key on the page; with `kind`, the dialog it opens once it has the keys."""
    page.window().activateWindow()  # the offscreen platform may leave no window active after a dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    page.table.setFocus()
    qtbot.keyClick(page.table, key, modifiers)
    if kind is None:
        return None
    qtbot.waitUntil(lambda: isinstance(page.dialog, kind) and page.dialog.isVisible(), timeout=TIMEOUT)
    page.dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.dialog, timeout=TIMEOUT)
    return page.dialog


def answer(qtbot, page, dialog) -> None:
    """OK on the dialog; it closes once the service said yes, and the page shows the answer."""
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible() and page.ops.pending == 0, timeout=TIMEOUT)


def ours(page):
    return [page.model.row_at(i) for i in range(page.model.rowCount())
            if page.model.row_at(i).funder_name == FUNDER]


def draft(qtbot, page):
    dialog = press(qtbot, page, Qt.Key.Key_D, kind=FunderMonthDialog)
    dialog.funder_box.setCurrentIndex(dialog.funder_box.findText(FUNDER))
    answer(qtbot, page, dialog)
    return page.current()


def saved_file(qtbot, page, monkeypatch, path, keys):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(path), ""))
    with qtbot.waitSignal(page.exported, timeout=TIMEOUT):
        press(qtbot, page, Qt.Key.Key_S if keys == "pdf" else Qt.Key.Key_X, CTRL | SHIFT)
    return path.read_bytes()


def test_draft_submit_return_correct_and_pay(qtbot, page, funded, monkeypatch, tmp_path):
    row = draft(qtbot, page)
    assert row.status is InvoiceStatus.DRAFT and row.total == MILESTONE_FEE
    assert [page.line_model.text(r, page.line_model.Column.REFERENCE) for r in row.lines] == [funded["milestone_ref"]]
    held = page.held_model.row_at(0)
    assert page.held_model.rowCount() == 1 and held.ref == funded["entry_ref"]
    assert "No authorization covers Job coaching" in page.held_model.text(held, page.held_model.Column.WHY)
    assert "Draft" in page.details.toPlainText() and "held back" in page.details.toPlainText()
    assert not page.paid_button.isEnabled() and page.submit_button.isEnabled()

    with qtbot.waitSignal(page.ops.data_changed, timeout=TIMEOUT):  # undo discards the draft, redo drafts again
        page.history.stack.undo()
    qtbot.waitUntil(lambda: ours(page) == [] and page.ops.pending == 0, timeout=TIMEOUT)
    with qtbot.waitSignal(page.ops.data_changed, timeout=TIMEOUT):
        page.history.stack.redo()
    qtbot.waitUntil(lambda: len(ours(page)) == 1 and page.ops.pending == 0, timeout=TIMEOUT)
    page.table.setCurrentIndex(page.model.index(page.model.row_of(ours(page)[0].id), 0))

    answer(qtbot, page, press(qtbot, page, Qt.Key.Key_S, kind=SubmitDialog))
    first = page.current()
    assert first.status is InvoiceStatus.SUBMITTED and first.submitted_on is not None
    assert page.model.text(first, page.model.Column.AGE).endswith(("day", "days"))
    pdf = saved_file(qtbot, page, monkeypatch, tmp_path / "first.pdf", "pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert first.ref in text and "2,400.00" in text

    returned = press(qtbot, page, Qt.Key.Key_T, kind=SentBackDialog)
    returned.ok_button.click()  # no reason: refused here, before any service is asked
    assert returned.isVisible() and "reason is required" in returned.fields.errors["reason"].text()
    qtbot.keyClicks(returned.reason_box, "Signature missing on page 2")
    answer(qtbot, page, returned)
    assert page.current().status is InvoiceStatus.RETURNED and page.correct_button.isEnabled()

    press(qtbot, page, Qt.Key.Key_C)  # Correct: the next revision, a draft, chosen
    qtbot.waitUntil(lambda: page.current() is not None and page.current().revision == 2, timeout=TIMEOUT)
    both = ours(page)
    assert sorted((r.revision, r.status) for r in both) == [(1, InvoiceStatus.RETURNED), (2, InvoiceStatus.DRAFT)]
    assert "Corrects revision 1" in page.details.toPlainText() and "Signature missing" in page.details.toPlainText()
    answer(qtbot, page, press(qtbot, page, Qt.Key.Key_S, kind=SubmitDialog))
    paid = press(qtbot, page, Qt.Key.Key_P, kind=PaidDialog)
    answer(qtbot, page, paid)
    second = page.current()
    assert second.status is InvoiceStatus.PAID and second.paid_amount == MILESTONE_FEE
    assert "Paid $2,400.00" in page.model.text(second, page.model.Column.STATUS)
    assert not page.paid_button.isEnabled() and not page.correct_button.isEnabled()
    sheet = load_workbook(io.BytesIO(saved_file(qtbot, page, monkeypatch, tmp_path / "second.xlsx", "xlsx"))).active
    numbers = [c.value for r in sheet.iter_rows() for c in r if isinstance(c.value, (int, float))]
    assert 2400 in numbers


def test_the_pages_and_dialogs_pass_the_accessibility_walk(qtbot, page):
    problems = unnamed_controls(page) + clashing_mnemonics(page) + actions_without_keyboard_route(page)
    for key, kind in ((Qt.Key.Key_D, FunderMonthDialog),):
        dialog = press(qtbot, page, key, kind=kind)
        problems += unnamed_controls(dialog) + clashing_mnemonics(dialog)
        dialog.reject()
    for dialog in (SubmitDialog("Invoice IV-0001", date.today(), page),
                   PaidDialog("Invoice IV-0001", "$10.00", date.today(), page),
                   SentBackDialog("Invoice IV-0001", date.today(), page, denied=True)):
        dialog.show()
        problems += unnamed_controls(dialog) + clashing_mnemonics(dialog)
        dialog.reject()
    assert problems == [], "\n".join(problems)
