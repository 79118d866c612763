"""Progress reports on both engines: the month's signed notes, the funder's service log with staff and
times, milestones, the job and the plan's goal; the layout by funder; saved, sent (the PDF kept and read
back) and then locked; the XLSX cells equal the service figures; refusals name the field."""

from __future__ import annotations

import io
import re
from datetime import time, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from caseteam.domain.attachments import Attachment
from caseteam.domain.funding import BillingUnit, Funder, FunderKind
from caseteam.domain.organizations import OrganizationKind
from caseteam.errors import Conflict, Locked, ValidationError
from caseteam.services import employment, invoices, notes, organizations, plans, progress_reports
from caseteam.services.plans import GoalDraft, PlanDraft
from test_invoices import milestone, period, read, run, vr
from test_service_entries import authorize, funder_with, record

GOAL = "Work 20 hours a week in a bakery, mornings"


@pytest.fixture
def month(store, actor):
    """Ana's last 40 days: a job, a plan goal, notes (signed, a draft, one too old) and VR service from them."""
    from builders import casework_desk

    desk = casework_desk(store, actor)
    funder_id, coaching, placement = vr(desk)
    today = desk["today"]
    with store.unit_of_work() as uow:
        bakery, _ = organizations.create_organization(uow, actor, name="Crumb & Co. Bakery",
                                                      kind=OrganizationKind.EMPLOYER)
        employment.record_hire(uow, actor, desk["ana"].id, organization_id=bakery.id, job_title="Baker's assistant",
                               hours_per_week="20", hourly_wage="15.50", start_date=today - timedelta(days=15))
        plans.save_plan_revision(uow, actor, desk["ana"].id, PlanDraft(vision="Baking", goals=(GoalDraft(GOAL),)),
                                 summary="First plan")
    written = {}
    for key, days_ago, body, sign in (("coaching", 10, "Coached Ana on the proofing schedule.", True),
                                      ("visit", 5, "Met the bakery owner about a second shift.", True),
                                      ("draft", 3, "Unsigned thoughts.", False),
                                      ("old", 60, "Before the period.", True)):
        with store.unit_of_work() as uow:
            note, _ = notes.save_draft(uow, desk["jobdev"], desk["ana"].id, body=body, billable=True,
                                       starts_at=time(9, 0), ends_at=time(10, 0),
                                       held_on=today - timedelta(days=days_ago))
            if sign:
                note, _ = notes.sign_note(uow, desk["jobdev"], note.id, version=note.version)
        written[key] = note
    entries = [record(desk, coaching, days_ago=10, case_note_id=written["coaching"].id, staff_id=desk["lupe"].id),
               record(desk, coaching, days_ago=5, starts_at=time(13, 0), ends_at=time(14, 30),
                      staff_id=desk["lupe"].id)]
    waiver = funder_with(desk, "County waiver", "SE-15", BillingUnit.QUARTER_HOUR, "9.13",
                         kind=FunderKind.MEDICAID_WAIVER)
    authorize(desk, waiver, units="100")
    record(desk, waiver, days_ago=4, starts_at=time(9, 0), ends_at=time(9, 30))  # the waiver's, not VR's
    milestone(desk, placement, "1500.00", days_ago=15)
    return dict(desk, funder_id=funder_id, notes=written, entries=entries, waiver=waiver)


def _view(month, **kwargs):
    return read(month, progress_reports.progress_report_view, month["ana"].id, month["funder_id"], **period(month),
                **kwargs)


def test_the_view_gathers_the_month_for_the_funder(month):
    view = _view(month, narrative="Ana started at the bakery.")
    assert view.layout == "vr_narrative" and view.funder.name == "State VR" and view.person_name == "Ana Lima"
    assert [n.text for n in view.notes] == ["Coached Ana on the proofing schedule.",
                                            "Met the bakery owner about a second shift."]
    assert {n.author for n in view.notes} == {"Lupe Hernández"}
    first, second = month["entries"]
    assert [(s.reference, s.units, s.starts_at, s.ends_at, s.staff_name) for s in view.services] == [
        (first.ref, Decimal("1.00"), time(9, 0), time(10, 0), "Lupe Hernández"),
        (second.ref, Decimal("1.50"), time(13, 0), time(14, 30), "Lupe Hernández")]
    assert view.services[0].note_excerpt == "Coached Ana on the proofing schedule."
    assert view.total_units == Decimal("2.50")
    assert [(m.name, m.status, m.amount) for m in view.milestones] == [("Job placement", "Achieved",
                                                                         Decimal("1500.00"))]
    assert view.employment_goal == GOAL and view.narrative == "Ana started at the bakery."
    assert view.employment.startswith("Baker's assistant at Crumb & Co. Bakery, hired on ")
    assert view.employment.endswith("20 hours a week at $15.50 an hour")
    waiver = read(month, progress_reports.progress_report_view, month["ana"].id, _funder_of(month, month["waiver"]),
                  **period(month))
    assert waiver.layout == "waiver_unit_log" and [s.units for s in waiver.services] == [Decimal("2.00")]
    assert waiver.notes == view.notes and waiver.milestones == ()


def _funder_of(month, service_id):
    from caseteam.domain.funding import FunderService

    with month["store"].unit_of_work(write=False) as uow:
        return uow.session.get(FunderService, service_id).funder_id


def test_the_funders_own_layout_wins(month):
    with month["store"].unit_of_work() as uow:
        uow.session.get(Funder, month["funder_id"]).report_layout = "waiver_unit_log"
    assert _view(month).layout == "waiver_unit_log"
    row = run(month, progress_reports.save_progress_report, month["ana"].id, month["funder_id"], **period(month),
              narrative="")  # a unit log may go without a summary
    assert row.layout == "waiver_unit_log" and row.ref.startswith("PR-")


def test_saved_then_sent_keeps_the_pdf_as_sent_and_locks_the_report(month, monkeypatch):
    from reportlab import rl_config

    monkeypatch.setattr(rl_config, "invariant", 1)
    with pytest.raises(ValidationError) as refused:
        run(month, progress_reports.save_progress_report, month["ana"].id, month["funder_id"], **period(month),
            narrative="  ")
    assert refused.value.field == "narrative"
    bill = run(month, invoices.draft_invoice, month["ana"].id, month["funder_id"], **period(month))
    saved = run(month, progress_reports.save_progress_report, month["ana"].id, month["funder_id"], **period(month),
                narrative="Ana started at the bakery and learned the opening routine.")
    assert saved.invoice_id == bill.id and saved.sent_on is None and saved.layout == "vr_narrative"
    changed = run(month, progress_reports.save_progress_report, month["ana"].id, month["funder_id"], **period(month),
                  narrative="Ana started at the bakery; she now opens alone twice a week.", report_id=saved.id,
                  version=saved.version)
    assert changed.ref == saved.ref and changed.version > saved.version
    with pytest.raises(Conflict):
        run(month, progress_reports.save_progress_report, month["ana"].id, month["funder_id"], **period(month),
            narrative="Stale copy", report_id=saved.id, version=saved.version)
    with pytest.raises(ValidationError) as refused:
        run(month, progress_reports.mark_sent, saved.id, sent_on=month["today"] - timedelta(days=90))
    assert refused.value.field == "sent_on"
    sent = run(month, progress_reports.mark_sent, saved.id, sent_on=month["today"], version=changed.version)
    assert sent.sent_on == month["today"] and sent.document_attachment_id is not None
    with month["store"].unit_of_work() as uow:
        kept = uow.session.get(Attachment, sent.document_attachment_id).data
        assert progress_reports.progress_report_pdf(uow, month["jobdev"], sent.id) == kept
    text = " ".join(re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(io.BytesIO(kept)).pages)
    assert "she now opens alone twice a week" in text and GOAL in text and "Crumb & Co. Bakery" in text
    assert "Job coaching" in text and "Total 2 2.5" in text  # the narrative sums the service log by service
    assert "Met the bakery owner about a second shift." in text and "Unsigned thoughts." not in text
    assert "Before the period." not in text
    for attempt in (lambda: run(month, progress_reports.mark_sent, sent.id, sent_on=month["today"]),
                    lambda: run(month, progress_reports.save_progress_report, month["ana"].id, month["funder_id"],
                                **period(month), narrative="Later", report_id=sent.id)):
        with pytest.raises(Locked):
            attempt()
    assert [r.id for r in read(month, progress_reports.list_progress_reports, month["ana"].id)] == [sent.id]


def test_the_xlsx_cells_equal_the_service_log(month):
    saved = run(month, progress_reports.save_progress_report, month["ana"].id, month["funder_id"], **period(month),
                narrative="A steady month.")
    with month["store"].unit_of_work() as uow:
        book = load_workbook(io.BytesIO(progress_reports.progress_report_xlsx(uow, month["jobdev"], saved.id)))
    view = _view(month)
    rows = list(book["Services"].iter_rows(min_row=2, values_only=True))
    lines, total = rows[:-1], rows[-1]
    assert [(r[0].date(), r[1], Decimal(str(r[4])), r[5], r[7]) for r in lines] == [
        (s.served_on, s.service, s.units, s.staff_name, s.reference) for s in view.services]
    assert Decimal(str(total[4])) == view.total_units == Decimal("2.50")
    notes_sheet = [r[3] for r in book["Notes"].iter_rows(min_row=2, values_only=True)]
    assert notes_sheet == [n.text for n in view.notes]
    summary = {r[0]: r[1] for r in book.worksheets[0].iter_rows(min_row=3, values_only=True) if r[0]}
    assert summary["Summary"] == "A steady month." and summary["Employment goal"] == GOAL


def test_a_waiver_unit_log_lists_every_entry_with_its_units(month, monkeypatch):
    from reportlab import rl_config

    monkeypatch.setattr(rl_config, "invariant", 1)
    waiver_id = _funder_of(month, month["waiver"])
    more = [record(month, month["waiver"], days_ago=d, starts_at=time(8, 0), ends_at=time(8, 53))
            for d in (9, 8, 7)]
    saved = run(month, progress_reports.save_progress_report, month["ana"].id, waiver_id, **period(month),
                narrative="")
    sent = run(month, progress_reports.mark_sent, saved.id, sent_on=month["today"])
    view = read(month, progress_reports.progress_report_view, month["ana"].id, waiver_id, **period(month))
    assert view.total_units == Decimal("14.00") and sent.layout == "waiver_unit_log"
    with month["store"].unit_of_work() as uow:
        data = progress_reports.progress_report_pdf(uow, month["jobdev"], sent.id)
    text = " ".join(re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages)
    for line in view.services:
        assert line.reference in text
    assert all(entry.units == Decimal("4.00") for entry in more)
    assert "Total for the period: 14 units (3.5 hours)" in text
