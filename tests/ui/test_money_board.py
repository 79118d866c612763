"""The Money section (Ctrl+5) on the demo partnership with money of our own left on the table: showing it
brings employment milestones up to date (a placement reached from the person's job appears), the totals
and the Kind and Funder filters narrow the lines, and a line opens the record to fix in the person's
Funding part. Fixing it (draft and submit the invoice; correct and resubmit a returned one) takes the line
off the board. The accessibility walk of the section."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.domain.billing import InvoiceStatus, MilestoneEvent
from caseteam.domain.people import Stage
from caseteam.services import money_board, people
from ui.screens.person.invoice_dialogs import FunderMonthDialog, SubmitDialog
from ui.screens.person.invoices_page import InvoicesPage
from ui.widgets.field_row import find_data

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from billing_ui_setup import FUNDER, MILESTONE_FEE, fund, returned_invoice
from workspace_fixtures import WAIT, desk, focused  # noqa: F401

Kind = money_board.BoardKind
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def first_in(desk, stage):  # noqa: F811
    return desk(lambda uow, actor: people.caseload(uow, actor, stage=stage)[0], write=False)


def show_money(qtbot, window):
    """Ctrl+5, as a person would; the board once it has answered."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    board = window.money
    if board.board is None:  # first shown: milestones brought up to date, then the board read
        with qtbot.waitSignal(board.board_loaded, timeout=WAIT):
            qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    else:  # read again already, when the change was made
        qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    assert window.sections.currentWidget() is board
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)
    return board


def our_lines(board, kind=None):
    return [line for line in board.board.lines if line.funder_name == FUNDER and (kind is None or line.kind is kind)]


def only_our_funder(qtbot, board):
    board.funder_filter.setCurrentIndex(board.funder_filter.findText(FUNDER))
    assert {board.model.row_at(i).funder_name for i in range(board.model.rowCount())} == {FUNDER}


def open_line(qtbot, window, board, line, *, double_click=False):
    """Choose the line and press Enter (or double-click it): the person's Funding part, on the page with
    the record."""
    index = board.model.index(board.model.row_of(line.record_id), 0)
    board.table.setCurrentIndex(index)
    board.table.setFocus()
    if double_click:
        board.table.scrollTo(index)
        qtbot.mouseClick(board.table.viewport(), Qt.MouseButton.LeftButton, pos=board.table.visualRect(index).center())
        qtbot.mouseDClick(board.table.viewport(), Qt.MouseButton.LeftButton,
                          pos=board.table.visualRect(index).center())
    else:
        qtbot.keyClick(board.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: line.person_id in window.sections.people, timeout=WAIT)
    ws = window.sections.people[line.person_id]
    qtbot.waitUntil(lambda: ws.tabs.currentWidget() is ws.funding and window.ops.pending == 0, timeout=WAIT)
    return ws


def invoices_page(qtbot, window, ws):
    """Ctrl+Tab through the Funding part to the Invoices page, loaded."""
    for _ in range(ws.funding.pages.count()):
        if isinstance(ws.funding.pages.currentWidget(), InvoicesPage):
            break
        ws.funding.pages.currentWidget().setFocus()
        qtbot.keyClick(focused(), Qt.Key.Key_Tab, CTRL)
    page = ws.funding.pages.currentWidget()
    assert isinstance(page, InvoicesPage)
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)
    return page


def press(qtbot, window, page, key, kind=None):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.table.setFocus()
    qtbot.keyClick(page.table, key, ALT)
    if kind is not None:
        qtbot.waitUntil(lambda: isinstance(page.dialog, kind) and page.dialog.isVisible(), timeout=WAIT)
        return page.dialog
    return None


def answer(qtbot, window, dialog) -> None:
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.ops.pending == 0, timeout=WAIT)


@pytest.fixture
def employed(desk):  # noqa: F811
    """An employed demo person whose funder pays a placement milestone: due from the job, not yet on record."""
    person = first_in(desk, Stage.EMPLOYED)
    return person, fund(desk, person.id, event=MilestoneEvent.PLACEMENT, unauthorized_hour=False)


def test_a_placement_reached_from_the_job_is_invoiced_from_the_board(qtbot, open_window, demo_path, employed):
    person, made = employed
    window = open_window(demo_path)
    board = show_money(qtbot, window)
    [line] = our_lines(board, Kind.MILESTONE_NOT_INVOICED)  # worked out when the section was first shown
    assert line.person_id == person.id and line.amount == MILESTONE_FEE and line.record_kind == "milestone"
    counts = {kind: count for kind, count, _amount in board.board.totals}
    assert board.totals_model.rowCount() == len(Kind) and counts[Kind.MILESTONE_NOT_INVOICED] >= 1
    assert board.summary.text().startswith("As of ") and "to fix" in board.summary.text()
    board.totals.setCurrentIndex(board.totals_model.index(board.totals_model.row_of(Kind.MILESTONE_NOT_INVOICED), 0))
    board.totals.setFocus()
    qtbot.keyClick(board.totals, Qt.Key.Key_Return)  # Enter on a kind's total shows only its lines
    assert board.kind_filter.currentData() is Kind.MILESTONE_NOT_INVOICED and board.table.hasFocus()
    assert {board.model.row_at(i).kind for i in range(board.model.rowCount())} == {Kind.MILESTONE_NOT_INVOICED}
    only_our_funder(qtbot, board)
    board.kind_filter.setCurrentIndex(find_data(board.kind_filter, Kind.AUTHORIZATION_EXPIRING))
    assert board.model.rowCount() == 0 and "0 of" in board.shown_label.text()
    board.kind_filter.setCurrentIndex(0)
    assert board.model.rowCount() == 1

    ws = open_line(qtbot, window, board, line)
    milestones = ws.funding.pages.currentWidget()
    assert milestones is ws.funding.milestones and milestones.current().id == line.record_id
    page = invoices_page(qtbot, window, ws)
    dialog = press(qtbot, window, page, Qt.Key.Key_D, FunderMonthDialog)
    dialog.funder_box.setCurrentIndex(dialog.funder_box.findText(FUNDER))
    answer(qtbot, window, dialog)
    assert page.current().status is InvoiceStatus.DRAFT and line.record_ref in {
        l.reference for l in page.current().lines}
    answer(qtbot, window, press(qtbot, window, page, Qt.Key.Key_S, SubmitDialog))
    assert page.current().status is InvoiceStatus.SUBMITTED

    board = show_money(qtbot, window)
    assert our_lines(board, Kind.MILESTONE_NOT_INVOICED) == []  # fixed: off the board


def test_a_returned_invoice_is_corrected_and_resubmitted_from_the_board(qtbot, open_window, demo_path, desk):  # noqa: F811
    person = first_in(desk, Stage.DISCOVERY)
    made = fund(desk, person.id, unauthorized_hour=False)
    invoice_id, ref = returned_invoice(desk, person.id, made)
    window = open_window(demo_path)
    board = show_money(qtbot, window)
    [line] = our_lines(board, Kind.INVOICE_RETURNED)
    assert line.record_id == invoice_id and line.record_ref.startswith(ref.split("-R")[0])

    ws = open_line(qtbot, window, board, line, double_click=True)
    page = ws.funding.pages.currentWidget()
    assert isinstance(page, InvoicesPage) and page.current().id == invoice_id  # the record to fix, chosen
    assert "signature is missing" in page.details.toPlainText()
    press(qtbot, window, page, Qt.Key.Key_C)  # Correct
    qtbot.waitUntil(lambda: page.current() is not None and page.current().revision == 2, timeout=WAIT)
    answer(qtbot, window, press(qtbot, window, page, Qt.Key.Key_S, SubmitDialog))
    assert page.current().status is InvoiceStatus.SUBMITTED and page.model.rowCount() >= 2  # both revisions

    board = show_money(qtbot, window)
    assert [l for l in our_lines(board) if l.kind is Kind.INVOICE_RETURNED] == []


def test_the_section_passes_the_accessibility_walk(qtbot, open_window, demo_path):
    window = open_window(demo_path)
    board = show_money(qtbot, window)
    problems = unnamed_controls(window) + clashing_mnemonics(window) + actions_without_keyboard_route(window)
    assert problems == [], "\n".join(problems)
    assert "Money" in {a.text().replace("&", "") for a in window.view_menu.actions()}
    with qtbot.waitSignal(board.board_loaded, timeout=WAIT):  # F5 asks again
        board.table.setFocus()
        qtbot.keyClick(board.table, Qt.Key.Key_F5)
