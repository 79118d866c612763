"""Invoices on both engines: drafted from invoiceable entries and achieved milestones (the rest held back
with its words), submitted with the PDF kept, paid, returned and corrected as a second revision (both kept),
denied; a unit is never billed twice; totals are exact over many lines; refusals name the field."""

from __future__ import annotations

import io
import random
import re
from datetime import time, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from caseteam.domain.attachments import Attachment
from caseteam.domain.billing import InvoiceStatus, Milestone, MilestoneStatus
from caseteam.domain.funding import BillingUnit, FeeRate, FunderService, ServiceEntry
from caseteam.errors import Conflict, Locked, PermissionDenied, ValidationError
from caseteam.services import invoices, service_entries
from caseteam.services.service_rules import FIRST_PAYER
from builders import casework_desk, reader
from test_service_entries import authorize, funder_with, record


@pytest.fixture
def desk(store, actor):
    return casework_desk(store, actor)


def run(desk, fn, *args, **kwargs):
    with desk["store"].unit_of_work() as uow:
        row, changes = fn(uow, desk["jobdev"], *args, **kwargs)
    assert changes.funding
    return row


def read(desk, fn, *args, **kwargs):
    with desk["store"].unit_of_work(write=False) as uow:
        return fn(uow, desk["jobdev"], *args, **kwargs)


def milestone(desk, service_id, amount, *, days_ago=3, evidence="Hired at Crumb & Co. on the day",
              status=MilestoneStatus.ACHIEVED):
    """An achieved milestone written directly (the milestones service is tested on its own)."""
    with desk["store"].unit_of_work() as uow:
        made = uow.add(Milestone(ref=uow.references.next("milestone"), person_id=desk["ana"].id,
                                 funder_service_id=service_id, achieved_on=desk["today"] - timedelta(days=days_ago),
                                 amount=Decimal(amount), evidence=evidence, status=status, reason="",
                                 recorded_by_id=desk["actor"].user_id))
        uow.flush()
        return made.id, made.ref


def sibling_service(desk, service_id, code, name, unit, rate, *, needs_first_payer_proof=False):
    """Another service of the same funder, with its rate from a year ago."""
    with desk["store"].unit_of_work() as uow:
        funder_id = uow.session.get(FunderService, service_id).funder_id
        made = uow.add(FunderService(funder_id=funder_id, code=code, name=name, unit=unit, required_credential="",
                                     needs_first_payer_proof=needs_first_payer_proof, evidence_required=""))
        uow.flush()
        uow.add(FeeRate(funder_service_id=made.id, rate=Decimal(rate),
                        effective_from=desk["today"] - timedelta(days=365)))
        return funder_id, made.id


def vr(desk):
    """State VR paying job coaching by the hour (authorized for 40 hours) and a placement milestone."""
    coaching = funder_with(desk, "State VR", "JC", BillingUnit.HOUR, "48.00", name="Job coaching")
    authorize(desk, coaching, units="40")
    funder_id, placement = sibling_service(desk, coaching, "M-PL", "Job placement", BillingUnit.MILESTONE, "1500.00")
    return funder_id, coaching, placement


def period(desk):
    return dict(period_from=desk["today"] - timedelta(days=40), period_to=desk["today"])


def milestone_status(desk, milestone_id):
    with desk["store"].unit_of_work(write=False) as uow:
        found = uow.session.get(Milestone, milestone_id)
        return found.status, found.reason


def test_draft_submit_paid_and_a_paid_invoice_never_changes(desk):
    funder_id, coaching, placement = vr(desk)
    a = record(desk, coaching, days_ago=9, starts_at=time(9, 0), ends_at=time(10, 30))
    b = record(desk, coaching, days_ago=5, starts_at=time(13, 0), ends_at=time(15, 15))
    ms_id, ms_ref = milestone(desk, placement, "1500.00", days_ago=7)
    draft = run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    assert draft.ref.startswith("IV-") and draft.revision == 1 and draft.status_words == "Draft"
    assert [(line.reference, line.units, line.amount) for line in draft.lines] == [
        (a.ref, Decimal("1.50"), Decimal("72.00")), (ms_ref, Decimal("1.00"), Decimal("1500.00")),
        (b.ref, Decimal("2.25"), Decimal("108.00"))]
    assert draft.total == Decimal("1680.00") and draft.held_back == () and draft.person_name == "Ana Lima"
    assert draft.provider_organization_id == desk["crp"].id and draft.age_days is None
    assert read(desk, invoices.billable_funders, desk["ana"].id) == [(funder_id, "State VR")]

    sent = run(desk, invoices.submit_invoice, draft.id, submitted_on=desk["today"] - timedelta(days=2),
               version=draft.version)
    assert (sent.status, sent.status_words, sent.age_days) == (InvoiceStatus.SUBMITTED, "Submitted", 2)
    assert milestone_status(desk, ms_id) == (MilestoneStatus.INVOICED, "")
    assert read(desk, service_entries.get_entry, a.id).invoiced_at is not None
    with desk["store"].unit_of_work(write=False) as uow:
        kept = uow.session.get(Attachment, sent.document_attachment_id)
        assert kept.media_type == "application/pdf" and kept.data.startswith(b"%PDF")
    with pytest.raises(ValidationError) as refused:  # only a draft is submitted
        run(desk, invoices.submit_invoice, sent.id)
    assert refused.value.field == "status"

    with pytest.raises(ValidationError) as refused:
        run(desk, invoices.record_paid, sent.id, paid_on=desk["today"] - timedelta(days=3))
    assert refused.value.field == "paid_on"  # before it was sent
    with pytest.raises(ValidationError) as refused:
        run(desk, invoices.record_paid, sent.id, paid_on=desk["today"], paid_amount=1680.0)
    assert refused.value.field == "paid_amount"  # a float cannot hold cents exactly
    paid = run(desk, invoices.record_paid, sent.id, paid_on=desk["today"])
    assert paid.status is InvoiceStatus.PAID and paid.paid_amount == Decimal("1680.00") and paid.age_days is None
    assert paid.status_words.startswith("Paid $1,680.00 on ")
    assert milestone_status(desk, ms_id)[0] is MilestoneStatus.PAID
    for change in (lambda: run(desk, invoices.record_returned, paid.id, returned_on=desk["today"], reason="x"),
                   lambda: run(desk, invoices.rebuild_draft, paid.id),
                   lambda: run(desk, invoices.correct_invoice, paid.id)):
        with pytest.raises(Locked):
            change()
    assert read(desk, invoices.get_invoice, paid.id).lines == sent.lines


def test_unauthorized_and_flagged_entries_are_held_back_with_their_words_until_cleared(desk):
    funder_id, coaching, _ = vr(desk)
    unpaid = funder_with(desk, "State VR 2", "X", BillingUnit.HOUR, "10.00")  # another funder: never on this one
    record(desk, unpaid, units="1")
    _, proof_needed = sibling_service(desk, coaching, "SE", "Supported employment", BillingUnit.HOUR, "40.00",
                                      needs_first_payer_proof=True)
    authorize(desk, proof_needed, units="10")
    flagged = record(desk, proof_needed, days_ago=6, units="2")
    plain = record(desk, coaching, days_ago=4, units="1")
    _, extra_id = sibling_service(desk, coaching, "BEN", "Benefits counseling", BillingUnit.HOUR, "60.00")
    outside = record(desk, extra_id, days_ago=3, units="1.5")  # no authorization covers it
    draft = run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    assert [line.reference for line in draft.lines] == [plain.ref] and draft.total == Decimal("48.00")
    assert [(h.ref, h.service_code, h.amount, h.why) for h in draft.held_back] == [
        (flagged.ref, "SE", Decimal("80.00"), FIRST_PAYER),
        (outside.ref, "BEN", Decimal("90.00"), outside.unauthorized_reason)]
    assert outside.unauthorized_reason.startswith("No authorization covers Benefits counseling")

    with desk["store"].unit_of_work() as uow:
        service_entries.override(uow, desk["supervisor"], outside.id, "VR counselor approved by phone")
    rebuilt = run(desk, invoices.rebuild_draft, draft.id, version=draft.version)
    assert [line.reference for line in rebuilt.lines] == [plain.ref, outside.ref]
    assert rebuilt.total == Decimal("138.00") and [h.ref for h in rebuilt.held_back] == [flagged.ref]
    with pytest.raises(Conflict):  # the copy from before the rebuild is stale
        run(desk, invoices.submit_invoice, draft.id, version=draft.version)
    with desk["store"].unit_of_work() as uow:
        service_entries.add_proof(uow, desk["jobdev"], desk["ana"].id, proof_needed, dated=desk["today"],
                                  issued_by="State VR", scan=b"%PDF-1.4 denial", filename="denial.pdf")
    sent = run(desk, invoices.submit_invoice, run(desk, invoices.rebuild_draft, rebuilt.id).id)
    assert [line.reference for line in sent.lines] == [flagged.ref, plain.ref, outside.ref]
    assert sent.total == Decimal("218.00") and sent.held_back == ()


def test_nothing_to_bill_names_the_funder_and_period_and_what_is_held_back(desk):
    funder_id, coaching, _ = vr(desk)
    with pytest.raises(ValidationError) as refused:
        run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    assert refused.value.field == "period_from" and "State VR" in str(refused.value)
    assert f"{desk['today'] - timedelta(days=40):%b} " in str(refused.value) and "Ana Lima" in str(refused.value)
    far = record(desk, coaching, days_ago=2, units="45")  # more than the 40 hours authorized
    with pytest.raises(ValidationError) as refused:
        run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    assert far.ref in str(refused.value) and far.unauthorized_reason in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, period_from=desk["today"],
            period_to=desk["today"] - timedelta(days=1))
    assert refused.value.field == "period_to"


def test_a_unit_is_never_billed_twice(desk):
    funder_id, coaching, placement = vr(desk)
    first = record(desk, coaching, days_ago=8, units="3")
    ms_id, _ = milestone(desk, placement, "1500.00")
    one = run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    with pytest.raises(ValidationError):  # all of it is on the draft already
        run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    run(desk, invoices.discard_draft, one.id, version=one.version)
    two = run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    assert two.total == Decimal("1644.00") and len(two.lines) == 2
    run(desk, invoices.submit_invoice, two.id)
    with pytest.raises(ValidationError):
        run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    later = record(desk, coaching, days_ago=1, units="1")
    three = run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    assert [line.reference for line in three.lines] == [later.ref]
    # A correcting entry of a billed entry waits for that invoice's correction instead of being billed beside it.
    with desk["store"].unit_of_work() as uow:
        fix, _ = service_entries.correct_entry(uow, desk["jobdev"], first.id, units="2")
    rebuilt = run(desk, invoices.rebuild_draft, three.id)
    assert [line.reference for line in rebuilt.lines] == [later.ref]
    assert [(h.ref, h.why) for h in rebuilt.held_back] == [
        (fix.ref, f"It corrects an entry billed on invoice {two.ref} (submitted); it is billed when that invoice "
                  "is returned and corrected")]
    listed = read(desk, invoices.list_invoices, person_id=desk["ana"].id)
    assert sorted(r.ref for r in listed) == sorted([two.ref, three.ref])  # the discarded draft is gone
    billed = [line.service_entry_id or line.milestone_id for r in listed for line in r.lines]
    assert len(billed) == len(set(billed)) and milestone_status(desk, ms_id)[0] is MilestoneStatus.INVOICED


def test_a_draft_whose_entry_changed_must_be_rebuilt_before_it_is_sent(desk):
    funder_id, coaching, _ = vr(desk)
    entry = record(desk, coaching, days_ago=3, units="2")
    draft = run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    with desk["store"].unit_of_work() as uow:
        service_entries.update_entry(uow, desk["jobdev"], entry.id, units="3")
    with pytest.raises(ValidationError) as refused:
        run(desk, invoices.submit_invoice, draft.id)
    assert refused.value.field == "lines" and entry.ref in str(refused.value) and "rebuild" in str(refused.value)
    sent = run(desk, invoices.submit_invoice, run(desk, invoices.rebuild_draft, draft.id).id)
    assert sent.total == Decimal("144.00")


def test_returned_then_corrected_and_resubmitted_keeps_both_revisions(desk):
    funder_id, coaching, placement = vr(desk)
    wrong = record(desk, coaching, days_ago=9, units="3")
    right = record(desk, coaching, days_ago=6, units="1")
    ms_id, ms_ref = milestone(desk, placement, "1500.00")
    first = run(desk, invoices.submit_invoice,
                run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk)).id)
    with pytest.raises(ValidationError) as refused:
        run(desk, invoices.record_returned, first.id, returned_on=desk["today"], reason="  ")
    assert refused.value.field == "reason"
    with pytest.raises(ValidationError) as refused:
        run(desk, invoices.correct_invoice, first.id)  # not returned yet
    assert refused.value.field == "status"
    returned = run(desk, invoices.record_returned, first.id, returned_on=desk["today"],
                   reason="Missing signature on the placement evidence", version=first.version)
    assert returned.status_words == "Returned: Missing signature on the placement evidence"
    assert milestone_status(desk, ms_id) == (MilestoneStatus.RETURNED, "Missing signature on the placement evidence")
    with pytest.raises(ValidationError) as refused:  # a fresh draft does not bill them beside the returned one
        run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    assert f"on returned invoice {first.ref} (Missing signature" in str(refused.value)
    with desk["store"].unit_of_work() as uow:
        fixed, _ = service_entries.correct_entry(uow, desk["jobdev"], wrong.id, units="2")

    second = run(desk, invoices.correct_invoice, first.id)
    assert (second.revision, second.previous_id, second.status) == (2, first.id, InvoiceStatus.DRAFT)
    assert second.ref == f"{first.ref}-R2" and second.status_words == "Draft (revision 2)"
    assert [line.reference for line in second.lines] == [fixed.ref, right.ref, ms_ref]
    assert second.total == Decimal("1644.00")  # 2 + 1 hours at $48 and the placement
    with pytest.raises(ValidationError) as refused:
        run(desk, invoices.correct_invoice, first.id)
    assert refused.value.field == "invoice" and second.ref in str(refused.value)
    view = read(desk, invoices.invoice_view, second.id)
    assert (view.reference, view.revision) == (first.ref, 2)
    assert view.previous_reference.endswith("Missing signature on the placement evidence")

    resent = run(desk, invoices.submit_invoice, second.id)
    assert resent.status_words == "Resubmitted (revision 2)"
    assert milestone_status(desk, ms_id) == (MilestoneStatus.INVOICED, "")
    old = read(desk, invoices.get_invoice, first.id)
    assert old.status is InvoiceStatus.RETURNED and old.total == Decimal("1692.00")
    assert [line.reference for line in old.lines] == [wrong.ref, right.ref, ms_ref]
    assert old.status_words.endswith("corrected as revision 2") and old.corrected_by_id == second.id
    assert old.document_attachment_id != resent.document_attachment_id  # each revision's PDF as sent
    listed = read(desk, invoices.list_invoices, funder_id=funder_id)
    assert {(r.ref, r.revision) for r in listed} == {(first.ref, 1), (second.ref, 2)}
    paid = run(desk, invoices.record_paid, second.id, paid_on=desk["today"], paid_amount="1600.00")
    assert paid.paid_amount == Decimal("1600.00") and milestone_status(desk, ms_id)[0] is MilestoneStatus.PAID


def test_a_denied_invoice_keeps_its_units_off_later_invoices(desk):
    funder_id, coaching, placement = vr(desk)
    record(desk, coaching, days_ago=4, units="2")
    ms_id, _ = milestone(desk, placement, "1500.00")
    sent = run(desk, invoices.submit_invoice,
               run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk)).id)
    with pytest.raises(ValidationError) as refused:
        run(desk, invoices.record_denied, sent.id, returned_on=desk["today"] - timedelta(days=30), reason="Late")
    assert refused.value.field == "returned_on"
    denied = run(desk, invoices.record_denied, sent.id, returned_on=desk["today"], reason="Not an eligible service")
    assert denied.status is InvoiceStatus.DENIED and denied.status_words == "Denied: Not an eligible service"
    assert milestone_status(desk, ms_id) == (MilestoneStatus.DENIED, "Not an eligible service")
    with pytest.raises(ValidationError):
        run(desk, invoices.correct_invoice, sent.id)
    with pytest.raises(ValidationError) as refused:
        run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    assert f"Invoice {sent.ref} was denied (Not an eligible service); it is not billed again" in str(refused.value)


def test_totals_are_exact_over_many_lines(desk):
    rng = random.Random(11)
    items = funder_with(desk, "Workforce board", "TRN", BillingUnit.ITEM, "37.19", name="Training supplies")
    authorize(desk, items, amount="999999.00")
    with desk["store"].unit_of_work() as uow:
        for _ in range(150):
            service_entries.record_service(uow, desk["jobdev"], desk["ana"].id, funder_service_id=items,
                                           served_on=desk["today"] - timedelta(days=rng.randint(0, 30)),
                                           units=Decimal(rng.randint(1, 999)) / 100,
                                           provider_organization_id=desk["crp"].id)
        stored = list(uow.session.scalars(select(ServiceEntry)))
        funder_id = service_entries.get_entry(uow, desk["jobdev"], stored[0].id).funder_id
    cents = sum(int(e.amount * 100) for e in stored)
    draft = run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    assert len(draft.lines) == 150 and draft.total == Decimal(cents) / 100
    assert sum(line.amount for line in draft.lines) == draft.total
    assert all(isinstance(line.amount, Decimal) for line in draft.lines)
    assert [line.position for line in draft.lines] == list(range(1, 151))
    assert read(desk, invoices.get_invoice, draft.id).total == Decimal(cents) / 100


def test_who_may_draft_and_see_invoices(desk):
    funder_id, coaching, _ = vr(desk)
    record(desk, coaching, days_ago=2, units="1")
    with pytest.raises(PermissionDenied):
        with desk["store"].unit_of_work() as uow:
            invoices.draft_invoice(uow, reader(), desk["ana"].id, funder_id, **period(desk))
    draft = run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    with desk["store"].unit_of_work(write=False) as uow:
        assert [r.id for r in invoices.list_invoices(uow, reader())] == [draft.id]
        assert [r.id for r in invoices.list_invoices(uow, desk["supervisor"], statuses=[InvoiceStatus.PAID])] == []


def pdf_text(data: bytes) -> str:
    return " ".join(re.sub(r"\s+", " ", page.extract_text() or "") for page in PdfReader(io.BytesIO(data)).pages)


def test_the_pdf_as_sent_reads_back_the_invoice_figures(desk, monkeypatch):
    from reportlab import rl_config

    monkeypatch.setattr(rl_config, "invariant", 1)
    funder_id, coaching, placement = vr(desk)
    for n in range(12):
        record(desk, coaching, days_ago=30 - 2 * n, starts_at=time(9, 0), ends_at=time(10 + n // 4, 15 * (n % 4)))
    milestone(desk, placement, "1500.00", evidence="Hired at Crumb & Co. Bakery")
    sent = run(desk, invoices.submit_invoice,
               run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk)).id)
    with desk["store"].unit_of_work() as uow:  # printing is audited, so it runs in a writing unit
        text = pdf_text(invoices.invoice_pdf(uow, desk["jobdev"], sent.id))
    assert f"Invoice {sent.ref}" in text and "Ana Lima" in text and "State VR" in text
    assert f"${sent.total:,.2f}" in text and sent.total == sum(line.amount for line in sent.lines)
    for line in sent.lines:
        assert line.reference in text and f"${line.amount:,.2f}" in text
    assert "Hired at Crumb & Co. Bakery" in text


def test_the_xlsx_cells_equal_the_invoice_figures(desk):
    from openpyxl import load_workbook

    funder_id, coaching, placement = vr(desk)
    for n in range(5):
        record(desk, coaching, days_ago=20 - n, starts_at=time(9, 0), ends_at=time(10, 7 * n),
               staff_id=desk["lupe"].id)
    milestone(desk, placement, "1500.00")
    draft = run(desk, invoices.draft_invoice, desk["ana"].id, funder_id, **period(desk))
    with desk["store"].unit_of_work() as uow:
        book = load_workbook(io.BytesIO(invoices.invoice_xlsx(uow, desk["jobdev"], draft.id)))
    rows = list(book["Lines"].iter_rows(min_row=2, values_only=True))
    lines, total = rows[:-1], rows[-1]
    assert [(r[7], Decimal(str(r[3])), Decimal(str(r[6]))) for r in lines] == [
        (line.reference, line.units, line.amount) for line in draft.lines]
    assert [r[0].date() for r in lines] == [line.served_on for line in draft.lines]
    assert Decimal(str(total[6])) == draft.total and book["Lines"].cell(2, 7).number_format == '"$"#,##0.00'
    assert {r[8] for r in lines if r[7].startswith("SV-")} == {"Lupe Hernández"}
