"""The Work part's Self-employment, Portfolio and Incidents pages on the demo partnership, from the
keyboard: start a venture, add a step and a cost and see the totals by funder, launch it; add portfolio
items, record an agreement, refuse a file that is not a photo, save the PDF and read it back; report an
incident and record its notification; and the accessibility walk of the three pages and their dialogs."""

from __future__ import annotations

import io
from datetime import date, datetime, timezone

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from reportlab import rl_config

from ui.screens.person import portfolio_page
from ui.screens.person.incidents_page import IncidentsPage
from ui.screens.person.portfolio_page import PartnerDialog, PortfolioPage
from ui.screens.person.venture_page import VenturePage
from ui.screens.person.work_dialogs import (AgreementDialog, CloseVentureDialog, CostDialog, LaunchDialog,
                                            NotificationDialog, StepDialog)

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from workspace_fixtures import focused, show_page
from workspace_fixtures import open_work as open_person_work

WAIT = 15_000
CTRL, ALT, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier, \
    Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def _invariant(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


@pytest.fixture
def work(qtbot, open_window, demo_path):
    """The admin's window on a demo person, the Work part shown with Ctrl+Shift+J."""
    return open_work(qtbot, open_window(demo_path))


def open_work(qtbot, window):
    """The first person in the caseload, their Work part shown."""
    window.activateWindow()
    model = window.caseload.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=WAIT)
    return window, open_person_work(qtbot, window, model.row_at(0).id)


def alt(qtbot, key) -> None:
    if focused() is None:  # under load the offscreen platform may leave no window active after a dialog
        window = QApplication.topLevelWidgets()[0].window()
        for top in QApplication.topLevelWidgets():
            if top.isVisible() and top.objectName() == "mainWindow":
                window = top
        window.activateWindow()
        qtbot.waitUntil(lambda: focused() is not None)
    qtbot.keyClick(focused(), key, ALT)


def dialog_of(qtbot, page):
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: focused() is not None and page.dialog.isAncestorOf(focused()), timeout=WAIT)
    return page.dialog


def closed(qtbot, window, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and focused() is not None)


def test_start_a_venture_add_a_step_and_costs_and_launch_it(qtbot, work):
    window, ws = work
    page = show_page(qtbot, window, ws, VenturePage)
    alt(qtbot, Qt.Key.Key_S)
    dialog = dialog_of(qtbot, page)
    qtbot.keyClicks(focused(), "Rivera Lawn Care")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    closed(qtbot, window, dialog)
    assert "Rivera Lawn Care" in page.choice.currentText() and "exploring" in page.summary.text()

    alt(qtbot, Qt.Key.Key_D)
    dialog = dialog_of(qtbot, page)
    qtbot.keyClicks(focused(), "Price a used mower")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    closed(qtbot, window, dialog)
    assert page.steps.rowCount() == 1 and page.steps.text(page.steps.row_at(0), page.steps.Column.DONE) == "not done"
    page.step_table.setFocus()
    qtbot.keyClick(page.step_table, Qt.Key.Key_Home, CTRL)
    alt(qtbot, Qt.Key.Key_K)  # Mark done
    qtbot.waitUntil(lambda: page.steps.row_at(0) is not None and page.steps.row_at(0).done_on is not None,
                    timeout=WAIT)
    assert page.steps.text(page.steps.row_at(0), page.steps.Column.DONE).startswith("done ")

    alt(qtbot, Qt.Key.Key_N)  # Business name, edited in place
    qtbot.keyClick(focused(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(focused(), "Rivera Yard Care")
    assert page.has_unsaved_changes() and not page.choice.isEnabled()  # no other venture over unsaved edits
    alt(qtbot, Qt.Key.Key_P)  # Save plan
    qtbot.waitUntil(lambda: "Rivera Yard Care" in page.choice.currentText(), timeout=WAIT)
    assert not page.has_unsaved_changes()
    page.step_table.setFocus()  # (in the name box Ctrl+Z would be the box's own undo of typing)
    qtbot.keyClick(page.step_table, Qt.Key.Key_Z, CTRL)  # Undo puts the saved name back
    qtbot.waitUntil(lambda: "Rivera Lawn Care" in page.choice.currentText(), timeout=WAIT)
    assert page.venture().steps[0].done_on is not None  # only the save was undone

    for item, amount, funder in (("Used mower", "250", "PASS plan"), ("Trimmer", "89.99", "PASS plan"),
                                 ("Flyers", "20.5", "own savings")):
        alt(qtbot, Qt.Key.Key_M)
        dialog = dialog_of(qtbot, page)
        qtbot.keyClicks(focused(), item)
        qtbot.keyClick(focused(), Qt.Key.Key_M, ALT)
        qtbot.keyClicks(focused(), amount)
        qtbot.keyClick(focused(), Qt.Key.Key_O, ALT)
        qtbot.keyClicks(focused(), funder)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        closed(qtbot, window, dialog)
    assert page.costs.rowCount() == 3
    assert page.totals.text() == "By funder: PASS plan $339.99 · own savings $20.50 · Total $360.49"

    alt(qtbot, Qt.Key.Key_L)
    dialog = dialog_of(qtbot, page)
    alt(qtbot, Qt.Key.Key_H)
    qtbot.keyClicks(focused(), "12")
    alt(qtbot, Qt.Key.Key_E)
    qtbot.keyClicks(focused(), "16.50")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    closed(qtbot, window, dialog)
    assert "launched" in page.summary.text() and "followed along as job JB-" in page.summary.text()
    assert not page.launch_button.isEnabled()
    assert page.status_box.currentText() == "Launched" and not page.status_box.isEnabled()


def png_file(tmp_path):
    path = tmp_path / "mowed_lawn.png"
    Image.new("RGB", (40, 30), (30, 160, 60)).save(path, format="PNG")
    return path


def test_portfolio_items_agreement_refusal_and_the_saved_pdf(qtbot, work, monkeypatch, tmp_path):
    window, ws = work
    page = show_page(qtbot, window, ws, PortfolioPage)
    before = page.model.rowCount()  # the demo may have given the person a portfolio already
    for title, words in (("Gardens I keep", "The church garden, every Saturday."),
                         ("Private item", "Not for employers.")):
        alt(qtbot, Qt.Key.Key_X)  # Add text…
        dialog = dialog_of(qtbot, page)
        qtbot.keyClicks(focused(), title)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        qtbot.keyClicks(focused(), words)
        alt(qtbot, Qt.Key.Key_A)  # Add item
        closed(qtbot, window, dialog)
    assert page.model.rowCount() == before + 2
    assert page.current().title == "Private item"  # the new item is chosen, at the end
    assert page.model.text(page.current(), page.model.Column.AGREEMENT) == "Not agreed yet: not printed"

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Up)
    assert page.current().title == "Gardens I keep"
    alt(qtbot, Qt.Key.Key_A)  # Record agreement…
    dialog = dialog_of(qtbot, page)
    alt(qtbot, Qt.Key.Key_H)
    qtbot.keyClicks(focused(), "Said yes in our meeting")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    closed(qtbot, window, dialog)
    gardens = page.current()
    assert gardens.title == "Gardens I keep" and gardens.agreement_text.startswith("Agreed ")
    assert page.model.text(gardens, page.model.Column.AGREEMENT).endswith("(Said yes in our meeting)")

    not_a_photo = tmp_path / "resume.png"
    not_a_photo.write_bytes(b"%PDF-1.7 this is a document")
    monkeypatch.setattr(portfolio_page, "choose_photo", lambda _parent: str(not_a_photo))
    alt(qtbot, Qt.Key.Key_T)  # Add photo…
    dialog = dialog_of(qtbot, page)
    alt(qtbot, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=WAIT)
    assert "resume.png is not a PNG or JPEG photo" in dialog.message.text()
    dialog.reject()
    monkeypatch.setattr(portfolio_page, "choose_photo", lambda _parent: str(png_file(tmp_path)))
    alt(qtbot, Qt.Key.Key_T)
    dialog = dialog_of(qtbot, page)
    assert dialog.title_box.text() == "mowed lawn"
    alt(qtbot, Qt.Key.Key_A)
    closed(qtbot, window, dialog)
    assert page.current().photo_name == "mowed_lawn.png" and page.current().photo_type == "image/png"

    saved = tmp_path / "portfolio.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(saved), "PDF files (*.pdf)"))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_S, CTRL | SHIFT)
    qtbot.waitUntil(saved.exists, timeout=WAIT)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(saved.read_bytes())).pages)
    assert "Gardens I keep" in text and "The church garden, every Saturday." in text
    assert "Private item" not in text and "mowed" not in text  # neither agreed


def test_report_an_incident_and_record_the_notification(qtbot, work):
    window, ws = work
    page = show_page(qtbot, window, ws, IncidentsPage)
    alt(qtbot, Qt.Key.Key_I)
    dialog = dialog_of(qtbot, page)
    alt(qtbot, Qt.Key.Key_W)
    qtbot.keyClicks(focused(), "Slipped on a wet floor at the bakery; ice pack applied.")
    alt(qtbot, Qt.Key.Key_R)
    closed(qtbot, window, dialog)
    row = page.model.row_at(0)
    assert row.description.startswith("Slipped") and row.closed_at is None
    notice = page.model.text(row, page.model.Column.NOTICE)
    assert notice.startswith("Notice due in") or notice == "Notice due within the hour"
    assert "Notice deadline:" in page.details.toPlainText() and "nobody yet" in page.details.toPlainText()

    page.table.setFocus()
    alt(qtbot, Qt.Key.Key_N)
    dialog = dialog_of(qtbot, page)
    alt(qtbot, Qt.Key.Key_N)
    qtbot.keyClicks(focused(), "Dana Whitfield, support coordinator")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    closed(qtbot, window, dialog)
    row = page.model.row_at(0)
    assert page.model.text(row, page.model.Column.NOTICE) == "Notified in time"
    assert "Dana Whitfield, support coordinator" in page.details.toPlainText()
    alt(qtbot, Qt.Key.Key_C)  # Close report
    qtbot.waitUntil(lambda: page.model.row_at(0).closed_at is not None, timeout=WAIT)
    assert page.model.text(page.model.row_at(0), page.model.Column.STATE).startswith("closed ")


def test_the_accessibility_walk_of_the_three_pages_and_their_dialogs(qtbot, work):
    window, ws = work
    problems = []
    for kind in (VenturePage, PortfolioPage, IncidentsPage):
        page = show_page(qtbot, window, ws, kind)
        QApplication.processEvents()
        problems += unnamed_controls(ws) + clashing_mnemonics(window)
        problems += actions_without_keyboard_route(page)
    venture = ws.jobs.page("Self-employment")
    portfolio = ws.jobs.page("Portfolio")
    incidents = ws.jobs.page("Incidents")
    for open_dialog, page in ((venture.start_venture, venture), (portfolio.add_item, portfolio),
                              (incidents.report_incident, incidents)):
        open_dialog()
        dialog = dialog_of(qtbot, page)
        problems += unnamed_controls(dialog) + clashing_mnemonics(dialog)
        dialog.reject()
        page.dialog = None
    now, today = datetime.now(timezone.utc), date.today()
    others = [StepDialog("Biscuits", window), CostDialog("Biscuits", [(None, "State VR")], window),
              LaunchDialog("Biscuits", today, window), CloseVentureDialog("Biscuits", today, window),
              AgreementDialog("Cakes", "Ana", today, window), PartnerDialog([(None, "State VR")], window),
              NotificationDialog("CI-0001", "Due soon.", [(None, "Lakes County DD")], now, window)]
    for dialog in others:
        dialog.show()
        problems += unnamed_controls(dialog) + clashing_mnemonics(dialog)
        dialog.reject()
    assert problems == [], "\n".join(problems)


def test_a_reader_sees_the_pages_without_the_buttons_that_change_them(qtbot, open_window, demo_path):
    window, ws = open_work(qtbot, open_window(demo_path, user="auditor"))
    venture = show_page(qtbot, window, ws, VenturePage)
    assert not venture.start_button.isVisible() and not venture.bar.isVisible()
    portfolio = show_page(qtbot, window, ws, PortfolioPage)
    assert not portfolio.add_text_button.isVisible() and portfolio.print_button.isVisible()
    incidents = show_page(qtbot, window, ws, IncidentsPage)
    assert not incidents.report_button.isVisible() and incidents.table.isVisible()


def test_a_work_page_loads_when_first_shown_not_when_the_person_is_opened(qtbot, work):
    window, ws = work
    incidents = ws.jobs.page("Incidents")
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)  # the shown page (Job development) loaded
    assert incidents.summary.text() == "Loading incident reports…"
    shown = show_page(qtbot, window, ws, IncidentsPage)
    assert shown is incidents
    qtbot.waitUntil(lambda: "incident" in incidents.summary.text() and "Loading" not in incidents.summary.text(),
                    timeout=WAIT)
