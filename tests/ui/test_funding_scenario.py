"""Issue 7's "Done when", lived in the real main window on the demo partnership: a job developer records a
month of services for the demo person whom VR pays and then the waiver, reads what is left of the waiver's
authorization after each, records a VR hour past VR's authorization and sees it held back from the VR
invoice with why, writes the VR progress report and saves its PDF, submits the VR invoice and saves its PDF,
records it paid and the month's waiver invoice returned with a reason; then a supervisor finds the returned
invoice on the Money board and exports the funding report for the month as XLSX.

What the window shows is checked as a person reads it; what was stored is read back through the services,
the PDFs with pypdf and the workbook with openpyxl."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from decimal import Decimal

from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from reportlab import rl_config

from caseteam.domain.billing import InvoiceStatus
from caseteam.domain.funding import Funder, FunderKind
from caseteam.services import funders, invoices, money_board, people, service_entries
from ui.screens.person.invoice_dialogs import FunderMonthDialog, PaidDialog, SentBackDialog, SubmitDialog
from ui.screens.person.invoices_page import InvoicesPage
from ui.screens.person.progress_reports_page import ProgressReportsPage
from ui.screens.person.service_dialogs import ServiceDialog
from ui.widgets import report_parts
from ui.widgets.field_row import find_data

from test_job_scenario import ask, back_to, click_row, type_date
from workspace_fixtures import focused

WAIT = 20_000
CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)
LEFT = Qt.MouseButton.LeftButton
# Waiver days after the switch (Tuesdays and Thursdays, clear of the demo's Monday/Wednesday/Friday visits):
# start, stop and the 15-minute units the eight-minute rule makes of them.
WAIVER_VISITS = ((1, "09:00", "10:00", 4), (3, "09:00", "10:10", 5), (8, "08:30", "09:37", 4),
                 (10, "10:00", "11:38", 7))
NARRATIVE = "Kept the morning routine with less prompting; VR's job coaching ends as the waiver begins."
RETURNED = "Waiver billing: the service plan page with the signature is missing."


def braided_person(uow, actor):
    """The demo person whose cost-share plan pays job coaching by VR until a day and by the waiver from the
    next; that day (the switch) and the two funders' ids."""
    for row in sorted(people.caseload(uow, actor), key=lambda r: r.ref):
        coaching = sorted((c for c in funders.cost_share(uow, actor, row.id)
                           if c.service_name == "Job coaching and supports"), key=lambda c: c.starts_on)
        kinds = [uow.session.get(Funder, c.funder_id).kind for c in coaching]
        if kinds == [FunderKind.VR, FunderKind.MEDICAID_WAIVER] and coaching[0].ends_on is not None:
            return row, coaching[1].starts_on, coaching[0].funder_id, coaching[1].funder_id
    raise AssertionError("the demo has no person paid by VR and then the waiver")


def dialog_of(qtbot, page, kind):
    qtbot.waitUntil(lambda: isinstance(page.dialog, kind) and page.dialog.isVisible(), timeout=WAIT)
    page.dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.dialog, timeout=WAIT)
    return page.dialog


def press(qtbot, window, page, key, kind, modifiers=ALT):
    """A key on a page's table (the window active again first); the dialog it opens."""
    back_to(qtbot, window)
    page.table.setFocus()
    qtbot.keyClick(page.table, key, modifiers)
    return dialog_of(qtbot, page, kind)


def choose(qtbot, box, data) -> None:
    """A combo box's item reached with the arrow keys, as from the keyboard."""
    box.setFocus()
    wanted = find_data(box, data)
    assert wanted >= 0, data
    while box.currentIndex() != wanted:
        qtbot.keyClick(box, Qt.Key.Key_Down if box.currentIndex() < wanted else Qt.Key.Key_Up)


def record(qtbot, window, entries, service_id, staff_id, day: date, start: str, stop: str) -> ServiceDialog:
    """Record service… (Ctrl+Shift+V): service, date, times and who delivered it typed; Save service."""
    back_to(qtbot, window)
    entries.table.setFocus()
    qtbot.keyClick(entries.table, Qt.Key.Key_V, CTRL | SHIFT)
    dialog = dialog_of(qtbot, entries, ServiceDialog)
    choose(qtbot, dialog.service_box, service_id)
    qtbot.keyClick(dialog, Qt.Key.Key_D, ALT)
    assert focused() is dialog.date_box
    type_date(qtbot, dialog.date_box, day)
    assert dialog.date_box.date().toPython() == day
    qtbot.keyClick(dialog, Qt.Key.Key_T, ALT)
    qtbot.keyClicks(focused(), start)
    qtbot.keyClick(dialog, Qt.Key.Key_O, ALT)
    qtbot.keyClicks(focused(), stop)
    choose(qtbot, dialog.staff_box, staff_id)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    return dialog


def pdf_text(data: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def test_a_month_of_braided_funding_from_services_to_the_funder_report(qtbot, open_window, demo_path, monkeypatch,
                                                                       tmp_path, dialogs):
    monkeypatch.setattr(rl_config, "invariant", 1)
    window = open_window(demo_path, user="jobdev")
    back_to(qtbot, window)
    person, switch, vr_id, waiver_id = ask(qtbot, window, braided_person)
    month = (switch.replace(day=1), (switch.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1))

    def entries_of_month(uow, actor):
        return service_entries.list_entries(uow, actor, person.id, *month).entries

    before = ask(qtbot, window, entries_of_month)
    vr_coaching = next(e for e in before if e.funder_id == vr_id)
    waiver_coaching = next(e for e in before if e.funder_id == waiver_id and not e.flags)
    certified = waiver_coaching.staff_id  # who delivers the waiver's service with the credential it needs

    # --- 1. the workspace, Ctrl+Shift+F: the waiver's authorization and what is left of it ----------------
    window.open_person(person.id)
    qtbot.waitUntil(lambda: person.id in window.sections.people, timeout=WAIT)
    ws = window.sections.people[person.id]
    qtbot.waitUntil(lambda: ws.person is not None and window.ops.pending == 0, timeout=WAIT)
    back_to(qtbot, window)
    qtbot.keyClick(focused(), Qt.Key.Key_F, CTRL | SHIFT)
    qtbot.waitUntil(lambda: ws.tabs.currentWidget() is ws.funding, timeout=WAIT)
    page = ws.funding.authorizations
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and window.ops.pending == 0, timeout=WAIT)
    lines = [page.model.row_at(i) for i in range(page.model.rowCount())]
    waiver_auth = next(line.auth for line in lines if line.auth.funder_id == waiver_id)
    vr_auth = next(line.auth for line in lines if line.auth.funder_id == vr_id
                   and line.auth.funder_service_id == vr_coaching.funder_service_id)
    click_row(qtbot, page.table, page.model.row_of(waiver_auth.id))
    qtbot.waitUntil(lambda: page.current() is not None and page.current().auth.id == waiver_auth.id, timeout=WAIT)
    entries = page.entries

    # --- 2. the month's waiver visits, each counted in 15-minute units; the words say what is left --------
    used = page.current().usage.units_used
    for offset, start, stop, units in WAIVER_VISITS:
        day = switch + timedelta(days=offset)
        dialog = record(qtbot, window, entries, waiver_coaching.funder_service_id, certified, day, start, stop)
        qtbot.waitUntil(lambda: not dialog.isVisible() and window.ops.pending == 0, timeout=WAIT)
        used += units
        left = waiver_auth.units - used
        qtbot.waitUntil(lambda: page.bar.used == used, timeout=WAIT)
        assert f"{used:,.0f} of {waiver_auth.units:,.0f} units used, {left:,.0f} left" in page.bar.text
        assert page.bar.accessibleName() == page.bar.text
        assert entries.notice.text().startswith("Saved ") and f": {units} units, $" in entries.notice.text()
    mine = [e for e in ask(qtbot, window, entries_of_month) if e.id not in {b.id for b in before}]
    assert sorted((e.served_on, e.units) for e in mine) == [
        (switch + timedelta(days=o), Decimal(u)) for o, _s, _e, u in WAIVER_VISITS]
    assert all(e.funder_id == waiver_id and not e.unauthorized_reason and not e.flags for e in mine)

    # --- 3. a VR hour before the switch, past VR's authorization: saved, held back, and said so -----------
    vr_day = switch - timedelta(days=5)
    dialog = record(qtbot, window, entries, vr_coaching.funder_service_id, certified, vr_day, "10:00", "11:00")
    qtbot.waitUntil(lambda: dialog.done_row is not None, timeout=WAIT)
    past = dialog.done_row
    assert past.unauthorized_reason and past.funder_id == vr_id
    assert f"⚠ Saved {past.ref}, held back from invoices: {past.unauthorized_reason}" in dialog.message.text()
    assert vr_auth.ref in past.unauthorized_reason or "authorization" in past.unauthorized_reason.lower()
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.ops.pending == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: entries.model.row_of(past.id) is not None, timeout=WAIT)
    words = entries.model.text(entries.model.row_at(entries.model.row_of(past.id)), entries.model.Column.STATE)
    assert words.startswith("⚠ Unauthorized, held back from invoices:")
    assert "held back" in entries.totals.text()

    # --- 4. Invoices: the month's VR invoice drafted; the VR hour held back with why -----------------------
    for _ in range(ws.funding.pages.count()):
        if isinstance(ws.funding.pages.currentWidget(), InvoicesPage):
            break
        back_to(qtbot, window)
        ws.funding.pages.currentWidget().setFocus()
        qtbot.keyClick(focused(), Qt.Key.Key_Tab, CTRL)
    bills = ws.funding.pages.currentWidget()
    assert isinstance(bills, InvoicesPage)
    qtbot.waitUntil(lambda: bills.model.rowCount() > 0 and window.ops.pending == 0, timeout=WAIT)
    dialog = press(qtbot, window, bills, Qt.Key.Key_D, FunderMonthDialog)
    choose(qtbot, dialog.funder_box, vr_id)
    choose(qtbot, dialog.month_box, month[0])
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.ops.pending == 0, timeout=WAIT)
    vr_invoice = bills.current()
    assert (vr_invoice.funder_id, vr_invoice.status, vr_invoice.period_from) == (vr_id, InvoiceStatus.DRAFT, month[0])
    held = [bills.held_model.row_at(i) for i in range(bills.held_model.rowCount())]
    assert [h.ref for h in held] == [past.ref]
    assert bills.held_model.text(held[0], bills.held_model.Column.WHY) == held[0].why and held[0].why
    assert "1 entry of the month held back" in bills.details.toPlainText()
    billed = [e for e in ask(qtbot, window, entries_of_month) if e.funder_id == vr_id and e.id != past.id]
    assert sorted(line.service_entry_id for line in vr_invoice.lines) == sorted(e.id for e in billed)
    assert vr_invoice.total == sum((e.amount for e in billed), Decimal(0))

    # --- 5. Progress reports: the VR month written, saved, its PDF saved and read back ---------------------
    reports = ws.funding.page("Progress reports")
    assert isinstance(reports, ProgressReportsPage)
    back_to(qtbot, window)
    bills.table.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab, CTRL)
    assert ws.funding.pages.currentWidget() is reports
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)
    with qtbot.waitSignal(reports.dialog_opened, timeout=WAIT) as opened:
        reports.table.setFocus()
        qtbot.keyClick(reports.table, Qt.Key.Key_R, ALT)
    report = opened.args[0]
    report.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is report, timeout=WAIT)
    choose(qtbot, report.funder_box, vr_id)
    choose(qtbot, report.month_box, month[0])
    qtbot.waitUntil(lambda: window.ops.pending == 0 and report.facts.toPlainText() != "", timeout=WAIT)
    qtbot.keyClick(report, Qt.Key.Key_N, ALT)
    assert focused() is report.narrative
    qtbot.keyClicks(report.narrative, NARRATIVE)
    qtbot.keyClick(report, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(lambda: report.report is not None and report.pdf_button.isEnabled(), timeout=WAIT)
    assert report.report.ref in report.status.text()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(tmp_path / "progress"), ""))
    with qtbot.waitSignal(report.exported, timeout=WAIT):
        qtbot.keyClick(report, Qt.Key.Key_P, ALT)
    text = pdf_text((tmp_path / "progress.pdf").read_bytes())
    vr_month = [e for e in ask(qtbot, window, entries_of_month) if e.funder_id == vr_id]
    vr_units = sum((e.units for e in vr_month), Decimal(0))
    assert NARRATIVE in text and f"{person.name} ({person.ref})" in text and vr_auth.number in text
    assert f"Services delivered Service Dates Entries Units {vr_coaching.service_name}" in text
    assert f" {len(vr_month)} {vr_units.normalize():f} Total {len(vr_month)} {vr_units.normalize():f} " in text
    assert "Notes of the month" in text and "worked through the task list" in text  # the month's signed notes
    report.reject()
    qtbot.waitUntil(lambda: not report.isVisible(), timeout=WAIT)

    # --- 6. the VR invoice submitted, its PDF read back, recorded paid --------------------------------------
    back_to(qtbot, window)
    reports.table.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab, CTRL | SHIFT)
    assert ws.funding.pages.currentWidget() is bills
    click_row(qtbot, bills.table, bills.model.row_of(vr_invoice.id))
    dialog = press(qtbot, window, bills, Qt.Key.Key_S, SubmitDialog)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.ops.pending == 0, timeout=WAIT)
    assert bills.current().status is InvoiceStatus.SUBMITTED
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(tmp_path / "invoice.pdf"), ""))
    with qtbot.waitSignal(bills.exported, timeout=WAIT):
        back_to(qtbot, window)
        bills.table.setFocus()
        qtbot.keyClick(bills.table, Qt.Key.Key_S, CTRL | SHIFT)
    text = pdf_text((tmp_path / "invoice.pdf").read_bytes())
    assert f"Invoice {vr_invoice.ref} Revision 1 · Submitted" in text and past.ref not in text
    assert all(f"${e.amount:,.2f} {e.ref}" in text for e in billed)
    assert f"Total, {len(billed)} lines ${vr_invoice.total:,.2f} Amount due: ${vr_invoice.total:,.2f}" in text
    dialog = press(qtbot, window, bills, Qt.Key.Key_P, PaidDialog)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.ops.pending == 0, timeout=WAIT)
    assert bills.current().status is InvoiceStatus.PAID and "Paid $" in bills.details.toPlainText()

    # --- 7. the month's waiver invoice (drafted by the demo) submitted, then returned with a reason ---------
    waiver_invoice = next(bills.model.row_at(i) for i in range(bills.model.rowCount())
                          if bills.model.row_at(i).funder_id == waiver_id
                          and bills.model.row_at(i).status is InvoiceStatus.DRAFT)
    click_row(qtbot, bills.table, bills.model.row_of(waiver_invoice.id))
    dialog = press(qtbot, window, bills, Qt.Key.Key_S, SubmitDialog)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.ops.pending == 0, timeout=WAIT)
    dialog = press(qtbot, window, bills, Qt.Key.Key_T, SentBackDialog)
    qtbot.keyClick(dialog, Qt.Key.Key_N, ALT)
    qtbot.keyClicks(focused(), RETURNED)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.ops.pending == 0, timeout=WAIT)
    assert bills.current().status is InvoiceStatus.RETURNED and RETURNED in bills.details.toPlainText()
    stored = {i.id: i for i in ask(qtbot, window, lambda uow, a: invoices.list_invoices(uow, a, person_id=person.id))}
    assert stored[vr_invoice.id].status is InvoiceStatus.PAID
    assert (stored[waiver_invoice.id].status, stored[waiver_invoice.id].reason) == (InvoiceStatus.RETURNED, RETURNED)
    month_entries = ask(qtbot, window, entries_of_month)
    window.close()

    # --- 8. the supervisor: Ctrl+5 Money shows the returned invoice -----------------------------------------
    boss = open_window(demo_path, user="supervisor")
    back_to(qtbot, boss)
    board = boss.money
    with qtbot.waitSignal(board.board_loaded, timeout=WAIT):
        qtbot.keyClick(boss, Qt.Key.Key_5, CTRL)
    assert boss.sections.currentWidget() is board
    qtbot.waitUntil(lambda: boss.ops.pending == 0, timeout=WAIT)
    returned = [line for line in board.board.lines if line.kind is money_board.BoardKind.INVOICE_RETURNED
                and line.record_id == waiver_invoice.id]
    assert len(returned) == 1 and RETURNED in returned[0].words
    row = board.model.row_of(board.model.record_key(returned[0]))
    assert row is not None
    shown = [board.model.index(row, c).data() for c in range(board.model.columnCount())]
    assert waiver_invoice.ref in " ".join(str(s) for s in shown)

    # --- 9. View ▸ Funding report… for the month, Export XLSX…, the person's cost by funder -----------------
    back_to(qtbot, boss)
    qtbot.keyClick(focused(), Qt.Key.Key_V, ALT)
    qtbot.waitUntil(lambda: boss.view_menu.isVisible(), timeout=WAIT)
    qtbot.keyClick(boss.view_menu, Qt.Key.Key_U)
    qtbot.waitUntil(lambda: boss.funding_report_dialog is not None and boss.funding_report_dialog.isVisible(),
                    timeout=WAIT)
    dialog = boss.funding_report_dialog
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    for letter, box, day in ((Qt.Key.Key_F, dialog.since, month[0]), (Qt.Key.Key_T, dialog.until, month[1])):
        qtbot.keyClick(focused(), letter, ALT)
        if box.date().toPython() != day:
            with qtbot.waitSignal(dialog.shown, timeout=WAIT):
                type_date(qtbot, box, day)
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.period() == month and boss.ops.pending == 0,
                    timeout=WAIT)
    written = tmp_path / "funding.xlsx"
    monkeypatch.setattr(report_parts, "choose_export_path", lambda _p, _fmt, _name: str(written))
    with qtbot.waitSignal(dialog.exported, timeout=WAIT):
        qtbot.keyClick(focused(), Qt.Key.Key_X, ALT)
    sheet = load_workbook(written)["Cost by person"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    ours = {r["Funder"]: r for r in rows if r["Person ref"] == person.ref}
    assert len(ours) == 2
    for funder_id in (vr_id, waiver_id):
        theirs = [e for e in month_entries if e.funder_id == funder_id and not e.corrected]
        line = ours[theirs[0].funder_name]
        amount = sum((e.amount for e in theirs), Decimal(0))
        held_back = sum((e.amount for e in theirs if e.unauthorized_reason or e.flags), Decimal(0))
        assert (line["Entries"], Decimal(str(line["Units"])), Decimal(str(line["Services"]))) == (
            len(theirs), sum((e.units for e in theirs), Decimal(0)), amount)
        assert Decimal(str(line["Held back"])) == held_back and Decimal(str(line["Total"])) == amount
    assert Decimal(str(ours[vr_coaching.funder_name]["Held back"])) == past.amount
    dialog.reject()
    assert dialogs == []
