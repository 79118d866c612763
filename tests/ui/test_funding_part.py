"""The person's Funding part on a real SQLite store, driven as a job developer and a supervisor would:
record a service and watch the authorization's bar and words move (80% warns and turns amber), an
unauthorized service saved and held back, a supervisor's override, the authorization letters (request,
received with its scan, amend, cancel), the cost-share plan edited (and refused when two funders would
pay one service, and undone), employment milestones due from the hire, and the accessibility walk."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.domain.billing import MilestoneEvent, MilestoneStatus
from caseteam.domain.funding import (Authorization, AuthorizationStatus, BillingUnit, FeeRate, Funder, FunderKind,
                                     FunderService, UnitRounding)
from caseteam.services import service_entries
from ui.operations import Operations
from ui.screens.person import authorization_dialogs
from ui.screens.person.authorization_dialogs import AmendDialog, CancelDialog, ReceivedDialog, RequestDialog
from ui.screens.person.cost_share_page import CostShareDialog
from ui.screens.person.funding_part import FundingPart
from ui.screens.person.milestones_page import ConfirmDialog, RecordMilestoneDialog
from ui.screens.person.service_dialogs import OverrideDialog, ProofDialog, ServiceChoices, ServiceDialog
from ui.undo import UndoHistory
from ui.widgets.field_row import find_data

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from billing_desk import authorize, billing_desk, hire
from builders import local_actor
from workspace_fixtures import CTRL, SHIFT, open_work

WAIT = 20_000
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def funded(sqlite_store):
    """Ana at Bridgeway; a waiver paying supported employment by the 15-minute unit ($8.50) with a plan
    year of 500 units of which 390 are used today; State VR's milestones and its job coaching by the hour
    ($48), which no authorization covers."""
    desk = billing_desk(sqlite_store, local_actor(sqlite_store))  # SQLite only: the services run on both
    with sqlite_store.unit_of_work() as uow:
        waiver = uow.add(Funder(ref=uow.references.next("funder"), organization_id=desk["crp"].id,
                                name="Medicaid waiver", kind=FunderKind.MEDICAID_WAIVER,
                                unit_rounding=UnitRounding.EIGHT_MINUTE, rules="", report_layout="",
                                blended_pool=False))
        uow.flush()
        services = {}
        for funder_id, code, name, unit, rate in ((waiver.id, "SE-Q", "Supported employment",
                                                   BillingUnit.QUARTER_HOUR, "8.50"),
                                                  (desk["vr"], "JC", "Job coaching", BillingUnit.HOUR, "48.00")):
            service = uow.add(FunderService(funder_id=funder_id, code=code, name=name, unit=unit,
                                            required_credential="", needs_first_payer_proof=False,
                                            evidence_required=""))
            uow.flush()
            uow.add(FeeRate(funder_service_id=service.id, rate=Decimal(rate),
                            effective_from=desk["today"] - timedelta(days=365)))
            services[code] = service.id
        auth = uow.add(Authorization(
            ref=uow.references.next("authorization"), person_id=desk["ana"].id, funder_id=waiver.id,
            funder_service_id=services["SE-Q"], number="W-2026-118", units=Decimal("500"), amount=None, rate=None,
            starts_on=desk["today"] - timedelta(days=60), ends_on=desk["today"] + timedelta(days=300),
            status=AuthorizationStatus.ACTIVE, note=""))
        uow.flush()
        desk.update(waiver=waiver.id, waiver_service=services["SE-Q"], coaching=services["JC"], auth=auth.id,
                    auth_ref=auth.ref)
    with sqlite_store.unit_of_work() as uow:
        service_entries.record_service(uow, desk["jobdev"], desk["ana"].id, funder_service_id=services["SE-Q"],
                                       served_on=desk["today"], units="390", provider_organization_id=desk["crp"].id)
    return desk


@pytest.fixture
def open_part(qtbot, funded, dialogs):
    """open_part(actor) -> the Funding part on Ana, on its own worker (as the window opens it), loaded."""
    made = []
    path = funded["store"].path
    funded["store"].close()

    def open_(actor) -> FundingPart:
        ops = Operations(None)
        opened = []
        ops.open_store(str(path), on_done=opened.append)
        qtbot.waitUntil(lambda: bool(opened), timeout=WAIT)
        ops.actor = actor
        history = UndoHistory(ops)
        part = FundingPart(ops, actor, history, funded["ana"].id)
        part.history = history
        ops.data_changed.connect(part.apply_changes)
        made.append(ops)
        qtbot.addWidget(part)
        part.resize(1366, 800)
        part.show()
        part.refresh()
        qtbot.waitUntil(lambda: ops.pending == 0 and part.authorizations.model.rowCount() > 0, timeout=WAIT)
        return part

    yield open_
    for ops in made:
        ops.shutdown()
    assert dialogs.unexpected() == [], "an unexpected error reached the user"


def idle(qtbot, part) -> None:
    qtbot.waitUntil(lambda: part.authorizations.ops.pending == 0, timeout=WAIT)


def dialog_of(qtbot, page, kind):
    qtbot.waitUntil(lambda: isinstance(page.dialog, kind) and page.dialog.isVisible(), timeout=WAIT)
    return page.dialog


def record_service(qtbot, part, service_id, start: str, stop: str) -> ServiceDialog:
    """Record service…, the service chosen, start and stop typed, Save; the dialog (maybe still open)."""
    entries = part.authorizations.entries
    qtbot.mouseClick(entries.record_button, LEFT)
    dialog = dialog_of(qtbot, entries, ServiceDialog)
    dialog.service_box.setCurrentIndex(find_data(dialog.service_box, service_id))
    qtbot.keyClicks(dialog.start_box, start)
    qtbot.keyClicks(dialog.stop_box, stop)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    return dialog


def test_recording_a_service_moves_the_bar_and_warns_at_eighty_percent(qtbot, open_part, funded):
    part = open_part(funded["jobdev"])
    page = part.authorizations
    assert page.bar.text == "390 of 500 units used, 110 left (78%)" and page.bar.level == "normal"
    assert page.bar.accessibleName() == page.bar.text == page.bar.toolTip()
    assert page.model.text(page.current(), page.model.Column.USED) == page.bar.text

    dialog = record_service(qtbot, part, funded["waiver_service"], "09:00", "12:15")  # 13 units
    qtbot.waitUntil(lambda: dialog.done_row is not None, timeout=WAIT)
    assert f"{funded['auth_ref']} is 80% used (403 of 500 units)" in dialog.message.text()
    assert dialog.ok_button.text() == "&Close"
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: page.bar.used == Decimal("403.00"), timeout=WAIT)
    assert page.bar.text == "403 of 500 units used, 97 left (80%), nearly used up"
    assert page.bar.level == "warning" and page.bar.accessibleName() == page.bar.text
    assert page.model.text(page.current(), page.model.Column.USED) == page.bar.text
    entries = page.entries
    idle(qtbot, part)
    new = entries.current()
    assert new.units == Decimal("13.00") and entries.model.text(new, entries.model.Column.STATE) == "Ready to invoice"
    assert "Medicaid waiver 403 units, $3,425.50 ($3,425.50 may be invoiced)" in entries.totals.text()

    # A typing slip is refused next to the field, the input kept.
    qtbot.mouseClick(entries.record_button, LEFT)
    dialog = dialog_of(qtbot, entries, ServiceDialog)
    qtbot.keyClicks(dialog.start_box, "nine")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    problem = dialog.fields.errors["starts_at"]
    assert problem.isVisibleTo(dialog) and '"nine" is not a time' in problem.text()
    assert dialog.start_box.text() == "nine"
    dialog.reject()


def test_unauthorized_service_is_saved_held_back_and_a_supervisor_overrides_it(qtbot, open_part, funded):
    part = open_part(funded["jobdev"])
    entries = part.authorizations.entries
    assert not entries.override_button.isVisibleTo(part)  # a job developer cannot override
    dialog = record_service(qtbot, part, funded["coaching"], "13:00", "14:00")
    qtbot.waitUntil(lambda: dialog.done_row is not None, timeout=WAIT)
    assert "held back from invoices: No authorization covers Job coaching on" in dialog.message.text()
    ref = dialog.done_row.ref
    qtbot.mouseClick(dialog.ok_button, LEFT)
    idle(qtbot, part)
    held = entries.current()
    assert held.ref == ref
    words = entries.model.text(held, entries.model.Column.STATE)
    assert words.startswith("⚠ Unauthorized, held back from invoices: No authorization covers Job coaching")
    assert "⚠ 1 held back" in entries.totals.text() and "State VR 1 unit, $48.00 ($0.00 may be invoiced)" \
        in entries.totals.text()
    assert entries.notice.text().startswith(f"⚠ Saved {ref}, held back")

    boss = open_part(funded["supervisor"])
    boss_entries = boss.authorizations.entries
    qtbot.waitUntil(lambda: boss_entries.model.row_of(held.id) is not None, timeout=WAIT)
    boss_entries.table.setCurrentIndex(boss_entries.model.index(boss_entries.model.row_of(held.id), 0))
    assert boss_entries.override_button.isVisibleTo(boss) and boss_entries.override_button.isEnabled()
    qtbot.mouseClick(boss_entries.override_button, LEFT)
    override = dialog_of(qtbot, boss_entries, OverrideDialog)
    qtbot.mouseClick(override.ok_button, LEFT)  # no reason: refused under the field
    qtbot.waitUntil(lambda: override.fields.errors["reason"].isVisibleTo(override), timeout=WAIT)
    assert "reason" in override.fields.errors["reason"].text().lower()
    qtbot.keyClicks(override.fields.fields["reason"], "VR counselor approved by phone")
    qtbot.mouseClick(override.ok_button, LEFT)
    qtbot.waitUntil(lambda: not override.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: boss_entries.current() is not None and boss_entries.current().override_by_id is not None,
                    timeout=WAIT)
    assert boss_entries.model.text(boss_entries.current(), boss_entries.model.Column.STATE) == \
        "Overridden by a supervisor: VR counselor approved by phone"
    assert not boss_entries.override_button.isEnabled()


def test_authorization_letters_request_received_with_scan_amend_cancel(qtbot, open_part, funded, tmp_path,
                                                                        monkeypatch):
    part = open_part(funded["jobdev"])
    page = part.authorizations
    qtbot.mouseClick(page.request_button, LEFT)
    dialog = dialog_of(qtbot, page, RequestDialog)
    dialog.service_box.setCurrentIndex(find_data(dialog.service_box, funded["coaching"]))
    qtbot.keyClicks(dialog.units_box, "40")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    idle(qtbot, part)
    asked = page.current()
    assert asked.auth.status is AuthorizationStatus.REQUESTED and asked.auth.service_code == "JC"
    assert page.model.text(asked, page.model.Column.STATUS) == "Requested"
    assert page.received_button.isEnabled() and not page.amend_button.isEnabled()

    letter = tmp_path / "vr letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n% the funder's letter\n%%EOF\n")
    monkeypatch.setattr(authorization_dialogs, "choose_scan", lambda _parent, _title: str(letter))
    qtbot.mouseClick(page.received_button, LEFT)
    dialog = dialog_of(qtbot, page, ReceivedDialog)
    qtbot.mouseClick(dialog.ok_button, LEFT)  # no number yet
    qtbot.waitUntil(lambda: dialog.fields.errors["number"].isVisibleTo(dialog), timeout=WAIT)
    qtbot.keyClicks(dialog.number_box, "VR-5521")
    qtbot.mouseClick(dialog.scan_button, LEFT)
    assert dialog.scan_name.text().startswith("vr letter.pdf")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.current().auth.status is AuthorizationStatus.ACTIVE, timeout=WAIT)
    assert page.current().auth.number == "VR-5521" and "letter on file" in page.detail.toPlainText()
    assert page.bar.text == "0 of 40 units used, 40 left (0%)"

    qtbot.mouseClick(page.amend_button, LEFT)
    dialog = dialog_of(qtbot, page, AmendDialog)
    dialog.units_box.clear()
    qtbot.keyClicks(dialog.units_box, "60")
    qtbot.keyClicks(dialog.fields.fields["reason"], "Counselor added hours for the new schedule")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.current().auth.units == Decimal("60.00"), timeout=WAIT)
    assert f"{funded['today'].isoformat()}: units 40 → 60. Counselor added hours for the new schedule" \
        in page.detail.toPlainText()
    assert page.model.text(page.current(), page.model.Column.STATUS) == "Active · 1 amendment"
    assert page.bar.text == "0 of 60 units used, 60 left (0%)"

    qtbot.mouseClick(page.cancel_button, LEFT)
    dialog = dialog_of(qtbot, page, CancelDialog)
    qtbot.keyClicks(dialog.fields.fields["reason"], "Case closed by VR")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.current().auth.status is AuthorizationStatus.CANCELLED, timeout=WAIT)
    assert not page.cancel_button.isEnabled() and not page.amend_button.isEnabled()


def test_cost_share_plan_edited_refused_when_split_and_undone(qtbot, open_part, funded):
    part = open_part(funded["jobdev"])
    part.show_page(1)
    page = part.cost_share
    idle(qtbot, part)
    assert page.model.rowCount() == 0 and "No cost-share plan" in page.summary.text()
    qtbot.mouseClick(page.edit_button, LEFT)
    dialog = dialog_of(qtbot, page, CostShareDialog)
    for payer in (funded["waiver_service"], funded["coaching"]):  # the second overlaps the first
        qtbot.mouseClick(dialog.add_button, LEFT)
        qtbot.keyClicks(dialog.name_box, "Supported employment")
        dialog.payer_box.setCurrentIndex(find_data(dialog.payer_box, payer))
    assert dialog.line_list.count() == 2 and "State VR" in dialog.line_list.item(1).text()
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: dialog.fields.errors["funder_service_id"].isVisibleTo(dialog), timeout=WAIT)
    assert "never split between funders" in dialog.fields.errors["funder_service_id"].text()
    dialog.to_box.set_value(None)
    dialog.line_list.setCurrentRow(0)
    dialog.to_box.unknown.setChecked(False)
    dialog.to_box.picker.setDate(dialog.from_box.date().addDays(90))  # the waiver pays 90 days, then VR
    dialog.line_list.setCurrentRow(1)
    dialog.from_box.setDate(dialog.from_box.date().addDays(91))
    dialog.sequence_box.setValue(2)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT)
    column = page.model.Column
    assert [page.model.text(page.model.row_at(r), column.FUNDER) for r in range(2)] == ["Medicaid waiver", "State VR"]
    assert page.model.text(page.model.row_at(0), column.TO) != "open"
    assert page.model.text(page.model.row_at(1), column.SEQUENCE) == "2"
    with qtbot.waitSignal(page.ops.data_changed, timeout=WAIT):
        part.history.stack.undo()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT)


def test_milestones_page_shows_the_thirty_day_milestone_due_from_the_hire(qtbot, funded, open_part):
    authorize(funded, funded["vr_services"][MilestoneEvent.PLACEMENT])  # VR pays for Ana
    job = hire(funded, days_ago=10)
    part = open_part(funded["jobdev"])
    part.show_page(2)
    page = part.milestones
    qtbot.waitUntil(lambda: page.model.rowCount() >= 2, timeout=WAIT)
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    thirty = next(r for r in rows if r.event is MilestoneEvent.RETENTION_30)
    placement = next(r for r in rows if r.event is MilestoneEvent.PLACEMENT)
    assert thirty.status is MilestoneStatus.DUE and thirty.due_on == job.start_date + timedelta(days=30)
    assert page.model.text(thirty, page.model.Column.STATUS).startswith("Due on ")
    assert placement.status is MilestoneStatus.ACHIEVED
    assert page.model.text(placement, page.model.Column.AMOUNT) == "$1,500.00"
    assert "1 achieved and not invoiced yet" in page.summary.text()
    page.table.setCurrentIndex(page.model.index(rows.index(placement), 0))
    assert not page.confirm_button.isEnabled()
    page.table.setCurrentIndex(page.model.index(rows.index(thirty), 0))
    assert page.confirm_button.isEnabled()


def test_accessibility_of_the_part_and_its_dialogs(qtbot, open_part, funded):
    part = open_part(funded["jobdev"])
    problems = []
    for number in range(part.pages.count()):
        part.show_page(number)
        idle(qtbot, part)
        QApplication.processEvents()
        problems += unnamed_controls(part) + clashing_mnemonics(part)
    assert actions_without_keyboard_route(part) == []
    page = part.authorizations
    part.show_page(0)
    idle(qtbot, part)
    line = page.current()
    entry = page.entries.current()
    services = ((funded["waiver_service"], "Medicaid waiver — SE-Q"),)
    choices = ServiceChoices(services=services, providers=((funded["crp"].id, "Bridgeway"),))
    due = SimpleNamespace(ref="MS-0001", service_name="30 days in the job", funder_name="State VR",
                          status_words="Due on December 31, 2026", evidence_required="", due_on=funded["today"])
    made = [RequestDialog("Ana", services, funded["today"], part), ReceivedDialog(line.auth, part),
            AmendDialog(line.auth, funded["today"], part), CancelDialog(line.auth, part),
            ServiceDialog("Ana", choices, part), ServiceDialog("Ana", choices, part, entry=entry),
            ProofDialog("Ana", services, funded["today"], part), OverrideDialog(entry, part),
            CostShareDialog("Ana", [], services, funded["today"], part),
            RecordMilestoneDialog("Ana", services, funded["today"], part), ConfirmDialog(due, funded["today"], part)]
    for dialog in made:
        dialog.show()
        QApplication.processEvents()
        problems += unnamed_controls(dialog) + clashing_mnemonics(dialog)
        dialog.reject()
    assert problems == [], "\n".join(problems)


def test_ctrl_shift_f_shows_the_funding_part_in_the_window(qtbot, open_window, demo_path):
    """In the main window, Ctrl+Shift+F in a person's workspace (here from the Work part) shows Funding, right
    after Work; its first page loads only then; the Funding tab names its key; Ctrl+Shift+J goes back."""
    window = open_window(demo_path)
    ws = open_work(qtbot, window, window.caseload.model.row_at(0).id)
    assert ws.funding.authorizations.summary.text() == "Loading authorizations…"  # not loaded before it is shown
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, CTRL | SHIFT)
    qtbot.waitUntil(lambda: ws.tabs.currentWidget() is ws.funding)
    assert ws.tabs.tabToolTip(ws.tabs.indexOf(ws.funding)) == "Ctrl+Shift+F"
    assert ws.tabs.indexOf(ws.funding) == ws.tabs.indexOf(ws.jobs) + 1
    qtbot.waitUntil(lambda: ws.funding.authorizations.summary.text() != "Loading authorizations…", timeout=WAIT)
    assert ws.funding.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_J, CTRL | SHIFT)
    qtbot.waitUntil(lambda: ws.tabs.currentWidget() is ws.jobs)


def colleague(funded):
    """The store opened at another desk (the part's own worker has it open too): a desk dict on it."""
    from caseteam.storage.store import open_store

    return dict(funded, store=open_store(funded["store"].path))


def test_correcting_an_invoiced_entry_and_exhausting_the_authorization(qtbot, open_part, funded):
    from datetime import datetime, timezone

    from caseteam.domain.funding import ServiceEntry

    other = colleague(funded)
    with other["store"].unit_of_work() as uow:  # invoices.py marks entries invoiced; here written directly
        entry = uow.session.query(ServiceEntry).one()
        entry.invoiced_at = datetime.now(timezone.utc)
        invoiced_id = entry.id
    other["store"].close()
    part = open_part(funded["jobdev"])
    entries, page = part.authorizations.entries, part.authorizations
    qtbot.waitUntil(lambda: entries.current() is not None, timeout=WAIT)
    assert entries.model.text(entries.current(), entries.model.Column.STATE) == "Invoiced"
    qtbot.mouseClick(entries.correct_button, LEFT)
    dialog = dialog_of(qtbot, entries, ServiceDialog)
    assert "is on an invoice, so it is never edited" in dialog.intro.text()
    assert dialog.units_box.text() == "390"
    dialog.units_box.clear()
    qtbot.keyClicks(dialog.units_box, "500")  # the whole plan year: used up
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: dialog.done_row is not None, timeout=WAIT)
    assert "is now used up (500 of 500 units); it is exhausted" in dialog.message.text()
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: page.bar.used == Decimal("500.00"), timeout=WAIT)
    assert page.bar.level == "exhausted" and page.bar.text.endswith("(100%), used up")
    assert page.current().auth.status is AuthorizationStatus.EXHAUSTED
    idle(qtbot, part)
    column = entries.model.Column.STATE
    old = entries.model.row_at(entries.model.row_of(invoiced_id))
    assert entries.model.text(old, column) == "Corrected by a later entry (not counted)"
    assert entries.model.text(entries.current(), column) == "Ready to invoice · a correcting entry"
    entries.table.setCurrentIndex(entries.model.index(entries.model.row_of(invoiced_id), 0))
    assert not entries.correct_button.isEnabled()  # corrected once: correct the correcting entry instead


def test_first_payer_proof_clears_the_flag(qtbot, open_part, funded, monkeypatch, tmp_path):
    other = colleague(funded)
    with other["store"].unit_of_work() as uow:
        service = uow.session.get(FunderService, funded["waiver_service"])
        service.needs_first_payer_proof = True
    other["store"].close()
    part = open_part(funded["jobdev"])
    entries = part.authorizations.entries
    dialog = record_service(qtbot, part, funded["waiver_service"], "10:00", "10:30")
    qtbot.waitUntil(lambda: dialog.done_row is not None, timeout=WAIT)
    assert "held back from invoices until this is fixed: Waiver pays this only with proof" in dialog.message.text()
    qtbot.mouseClick(dialog.ok_button, LEFT)
    idle(qtbot, part)
    assert entries.model.text(entries.current(), entries.model.Column.STATE).startswith("⚠ Flagged, held back")

    scan = tmp_path / "vr denial.pdf"
    scan.write_bytes(b"%PDF-1.4\n% VR cannot provide supported employment\n%%EOF\n")
    monkeypatch.setattr(authorization_dialogs, "choose_scan", lambda _parent, _title: str(scan))
    qtbot.mouseClick(entries.proof_button, LEFT)
    proof = dialog_of(qtbot, entries, ProofDialog)
    qtbot.keyClicks(proof.fields.fields["issued_by"], "State VR")
    qtbot.mouseClick(proof.scan_button, LEFT)
    qtbot.mouseClick(proof.ok_button, LEFT)
    qtbot.waitUntil(lambda: not proof.isVisible(), timeout=WAIT)
    idle(qtbot, part)
    assert entries.notice.text() == "Proof added; 1 flagged entry checked again and cleared."
    qtbot.waitUntil(lambda: all(entries.model.text(entries.model.row_at(r), entries.model.Column.STATE)
                                == "Ready to invoice" for r in range(entries.model.rowCount())), timeout=WAIT)


def test_record_a_milestone_by_hand_and_confirm_a_due_one(qtbot, open_part, funded):
    from billing_desk import funder

    other = colleague(funded)
    _, by_hand = funder(other, "Discovery fund", events=(MilestoneEvent.DISCOVERY_COMPLETE,),
                        evidence_required="The Discovery summary, signed")
    _, counted = funder(other, "Stable VR", basis="stabilization", events=(MilestoneEvent.RETENTION_30,))
    authorize(other, counted[MilestoneEvent.RETENTION_30])
    hire(other, days_ago=50)
    other["store"].close()
    part = open_part(funded["jobdev"])
    part.show_page(2)
    page = part.milestones
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT)
    due = page.model.row_at(0)
    assert due.status is MilestoneStatus.DUE and due.due_on is None  # counted from a stabilization not recorded
    assert page.model.text(due, page.model.Column.DUE) == "no date yet"
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.mouseClick(page.confirm_button, LEFT)
    dialog = dialog_of(qtbot, page, ConfirmDialog)
    qtbot.keyClicks(dialog.fields.fields["evidence"], "Employer confirmed 30 days on the phone")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.current() is not None and page.current().status is MilestoneStatus.ACHIEVED,
                    timeout=WAIT)
    assert page.model.text(page.current(), page.model.Column.EVIDENCE) == "Employer confirmed 30 days on the phone"

    qtbot.mouseClick(page.record_button, LEFT)
    dialog = dialog_of(qtbot, page, RecordMilestoneDialog)
    box = dialog.fields.fields["funder_service_id"]
    box.setCurrentIndex(find_data(box, by_hand[MilestoneEvent.DISCOVERY_COMPLETE]))
    qtbot.mouseClick(dialog.ok_button, LEFT)  # the funder asks for evidence
    qtbot.waitUntil(lambda: dialog.fields.errors["evidence"].isVisibleTo(dialog)
                    or dialog.message.isVisibleTo(dialog), timeout=WAIT)
    qtbot.keyClicks(dialog.fields.fields["evidence"], "Discovery summary signed by Ana on Nov 20")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT)
    made = page.current()
    assert made.funder_name == "Discovery fund" and made.status is MilestoneStatus.ACHIEVED
    assert page.model.text(made, page.model.Column.AMOUNT) == "$2,500.00"


def test_an_entry_asked_for_by_id_brings_its_month(qtbot, open_part, funded):
    """As a money-board line opens an entry: the list moves to the entry's month and chooses it."""
    other = colleague(funded)
    with other["store"].unit_of_work() as uow:
        old, _ = service_entries.record_service(
            uow, funded["jobdev"], funded["ana"].id, funder_service_id=funded["coaching"],
            served_on=funded["today"] - timedelta(days=40), units="2", provider_organization_id=funded["crp"].id)
    other["store"].close()
    part = open_part(funded["jobdev"])
    entries = part.authorizations.entries
    idle(qtbot, part)
    assert entries.model.row_of(old.id) is None  # another month
    entries.refresh(select=old.id)
    qtbot.waitUntil(lambda: entries.current() is not None and entries.current().id == old.id, timeout=WAIT)
    assert entries.month()[0] == old.served_on.replace(day=1)
    assert entries.totals.text().startswith(f"{old.served_on:%B %Y}: State VR 2 units, $96.00")


def _luminance(color) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.red()) + 0.7152 * channel(color.green()) + 0.0722 * channel(color.blue())


@pytest.mark.parametrize("base", ["#ffffff", "#1e1e1e"])
def test_the_bar_fill_stands_out_from_its_track_on_light_and_dark_palettes(qtbot, base):
    from PySide6.QtGui import QColor, QPalette

    from ui.widgets.usage_bar import UsageBar

    bar = UsageBar()
    qtbot.addWidget(bar)
    palette = bar.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor(base))
    palette.setColor(QPalette.ColorRole.Text, QColor("#000000" if base == "#ffffff" else "#f0f0f0"))
    bar.setPalette(palette)
    bar.resize(480, 28)
    for used, level in (("312", "normal"), ("420", "warning"), ("500", "exhausted")):
        bar.set_usage(Decimal(used), Decimal("500"))
        assert bar.level == level
        image = bar.grab().toImage()
        y = image.height() // 2
        fill, track = image.pixelColor(8, y), image.pixelColor(150, y)  # the bar is 160 px: filled part, empty end
        lighter, darker = sorted((_luminance(fill), _luminance(track)), reverse=True)
        if level != "exhausted":
            assert (lighter + 0.05) / (darker + 0.05) >= 3, (level, base, fill.name(), track.name())
        else:
            assert _luminance(image.pixelColor(150, y)) == pytest.approx(_luminance(fill))  # full to the end
    assert bar.text == "500 of 500 units used, 0 left (100%), used up" == bar.accessibleName()
