"""Invoices per funder and person: drafted from the period's invoiceable entries and achieved milestones
(the rest held back with why), submitted (the PDF kept as sent), paid, or returned/denied with the funder's
reason; a returned invoice is corrected as a new revision and both revisions are kept. Money is Decimal."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from caseteam.domain.billing import Invoice, InvoiceLine, InvoiceStatus, MilestoneStatus
from caseteam.domain.organizations import Organization
from caseteam.errors import Locked, ValidationError
from caseteam.storage.queries import access as access_queries
from caseteam.storage.queries import funding as funding_queries
from caseteam.storage.queries import invoices as queries

from . import access, attachments, funders
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version, required_text
from .invoice_lines import HeldBackRow, InvoiceLineRow, check_period, gather, nothing_to_bill  # rows of InvoiceRow
from .invoice_view import as_sent, base_ref, build_view, exported
from .service_rules import day

CHANGED = Changes(funding=True)


@dataclass(frozen=True)
class InvoiceRow:
    id: uuid.UUID
    ref: str
    revision: int
    previous_id: uuid.UUID | None
    funder_id: uuid.UUID
    funder_name: str
    person_id: uuid.UUID
    person_name: str
    person_ref: str
    provider_organization_id: uuid.UUID
    period_from: date
    period_to: date
    status: InvoiceStatus
    status_words: str
    total: Decimal
    submitted_on: date | None
    paid_on: date | None
    paid_amount: Decimal | None
    returned_on: date | None
    reason: str
    age_days: int | None
    lines: tuple[InvoiceLineRow, ...]
    held_back: tuple[HeldBackRow, ...]  # worked out for drafts (what stays off this invoice and why)
    document_attachment_id: uuid.UUID | None
    version: int
    provider_name: str = ""
    corrected_by_id: uuid.UUID | None = None  # the later revision, once a returned invoice is corrected


def status_words(inv: Invoice, corrected_by: Invoice | None = None) -> str:
    if inv.status is InvoiceStatus.DRAFT:
        return "Draft" if inv.revision == 1 else f"Draft (revision {inv.revision})"
    if inv.status is InvoiceStatus.SUBMITTED:
        return "Submitted" if inv.revision == 1 else f"Resubmitted (revision {inv.revision})"
    if inv.status is InvoiceStatus.PAID:
        return f"Paid ${inv.paid_amount:,.2f} on {day(inv.paid_on)}"
    words = f"{inv.status.label}: {inv.reason}"
    if corrected_by is not None:
        words += f"; corrected as revision {corrected_by.revision}"
    return words


def _rows(uow, found: list[Invoice]) -> list[InvoiceRow]:
    """Rows for a list of invoices; lines, entries and milestones fetched once for all of them."""
    session = uow.session
    lines = queries.lines_of(session, [i.id for i in found])
    every = [line for group in lines.values() for line in group]
    entries = queries.entries_by_id(session, [line.service_entry_id for line in every if line.service_entry_id])
    milestones = queries.milestones_by_id(session, [line.milestone_id for line in every if line.milestone_id])
    rows = []
    for inv in found:
        funder = funding_queries.funder(session, inv.funder_id)
        person = uow.people.get(inv.person_id, include_archived=True)
        provider = session.get(Organization, inv.provider_organization_id)
        line_rows = tuple(InvoiceLineRow(
            line.id, line.position, line.service_entry_id, line.milestone_id, line.served_on, line.code,
            line.description, line.units, line.rate, line.amount, line.evidence,
            entries[line.service_entry_id].ref if line.service_entry_id else milestones[line.milestone_id].ref)
            for line in lines[inv.id])
        held = ()
        if inv.status is InvoiceStatus.DRAFT:
            held = _gathered(uow, inv).held_back
        corrected_by = (queries.correction_of(session, inv.id)
                        if inv.status in (InvoiceStatus.RETURNED, InvoiceStatus.DENIED) else None)
        age = (uow.today() - inv.submitted_on).days if inv.status is InvoiceStatus.SUBMITTED else None
        rows.append(InvoiceRow(
            inv.id, inv.ref, inv.revision, inv.previous_id, funder.id, funder.name, person.id, person.display_name,
            person.ref, inv.provider_organization_id, inv.period_from, inv.period_to, inv.status,
            status_words(inv, corrected_by), inv.total, inv.submitted_on, inv.paid_on, inv.paid_amount,
            inv.returned_on, inv.reason, age, line_rows, held, inv.document_attachment_id, inv.version,
            provider.name if provider is not None else "", corrected_by.id if corrected_by else None))
    return rows


def _row(uow, inv: Invoice) -> InvoiceRow:
    return _rows(uow, [inv])[0]


def _reopened(uow, inv: Invoice) -> tuple[set, set]:
    """A correction may bill again what its returned predecessor billed."""
    if inv.previous_id is None:
        return set(), set()
    previous = uow.session.get(Invoice, inv.previous_id)
    if previous is None or previous.status is not InvoiceStatus.RETURNED:
        return set(), set()
    lines = queries.lines_of(uow.session, [previous.id])[previous.id]
    return ({line.service_entry_id for line in lines if line.service_entry_id},
            {line.milestone_id for line in lines if line.milestone_id})


def _gathered(uow, inv: Invoice):
    person = uow.people.get(inv.person_id, include_archived=True)
    funder = funding_queries.funder(uow.session, inv.funder_id)
    entries, milestones = _reopened(uow, inv)
    return gather(uow, person, funder, inv.period_from, inv.period_to, leaving_out=inv.id,
                  provider_organization_id=inv.provider_organization_id, reopened_entries=entries,
                  reopened_milestones=milestones)


def _write_lines(uow, inv: Invoice, gathered) -> None:
    for position, line in enumerate(gathered.lines, start=1):
        uow.add(InvoiceLine(invoice_id=inv.id, position=position, service_entry_id=line.service_entry_id,
                            milestone_id=line.milestone_id, served_on=line.served_on, code=line.code[:40],
                            description=line.description[:300], units=line.units, rate=line.rate,
                            amount=line.amount, evidence=line.evidence))
    inv.total = gathered.total
    uow.flush()


def draft_invoice(uow, actor: Actor, person_id: uuid.UUID, funder_id: uuid.UUID, *, period_from: date,
                  period_to: date) -> tuple[InvoiceRow, Changes]:
    """A draft of what the funder can be billed for the period; what is not billable is listed with why."""
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    person = uow.people.get(person_id)
    funder = funding_queries.funder(uow.session, funder_id)
    check_period(period_from, period_to)
    gathered = gather(uow, person, funder, period_from, period_to)
    if not gathered.lines:
        raise nothing_to_bill(funder, person, period_from, period_to, gathered)
    provider_id = gathered.provider_organization_id or actor.organization_id or funder.organization_id
    inv = uow.add(Invoice(ref=uow.references.next("invoice"), funder_id=funder.id, person_id=person.id,
                          provider_organization_id=provider_id, period_from=period_from, period_to=period_to,
                          revision=1, status=InvoiceStatus.DRAFT, total=gathered.total, reason="", note="",
                          created_by_id=actor.user_id))
    uow.flush()
    _write_lines(uow, inv, gathered)
    uow.audit.record(actor, inv, "drafted", changes=audit_safe({
        "funder": [None, funder.name], "period": [None, f"{period_from} to {period_to}"],
        "lines": [None, len(gathered.lines)], "total": [None, inv.total]}))
    return _row(uow, inv), CHANGED


def _open(uow, actor: Actor, invoice_id: uuid.UUID, version: int | None, *, allowed: tuple) -> Invoice:
    inv = queries.invoice(uow.session, invoice_id)
    access.require(uow, actor, Action.EDIT_PERSON, inv.person_id)
    if inv.status is InvoiceStatus.PAID:
        raise Locked(f"Invoice {inv.ref} is paid; a paid invoice never changes.")
    if inv.status not in allowed:
        names = " or ".join(s.label.lower() for s in allowed)
        raise ValidationError("status", f"Invoice {inv.ref} is {inv.status.label.lower()}; only a {names} "
                                        "invoice can do this.")
    check_version(inv, version, f"invoice {inv.ref}")
    return inv


def _drop_lines(uow, inv: Invoice) -> None:
    for line in queries.lines_of(uow.session, [inv.id])[inv.id]:
        uow.session.delete(line)
    uow.flush()


def rebuild_draft(uow, actor: Actor, invoice_id: uuid.UUID, *,
                  version: int | None = None) -> tuple[InvoiceRow, Changes]:
    """Gather the draft's lines again (after an override, a correction or a new entry)."""
    inv = _open(uow, actor, invoice_id, version, allowed=(InvoiceStatus.DRAFT,))
    gathered = _gathered(uow, inv)
    if not gathered.lines:
        person = uow.people.get(inv.person_id)
        raise nothing_to_bill(funding_queries.funder(uow.session, inv.funder_id), person, inv.period_from,
                               inv.period_to, gathered)
    before = inv.total
    _drop_lines(uow, inv)
    _write_lines(uow, inv, gathered)
    inv.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, inv, "rebuilt", changes=audit_safe({"total": [before, inv.total]}))
    return _row(uow, inv), CHANGED


def discard_draft(uow, actor: Actor, invoice_id: uuid.UUID, *,
                  version: int | None = None) -> tuple[InvoiceRow, Changes]:
    """Set a draft aside; its units are free to go on another invoice."""
    inv = _open(uow, actor, invoice_id, version, allowed=(InvoiceStatus.DRAFT,))
    row = _row(uow, inv)
    inv.archived_at = inv.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, inv, "draft discarded")
    return row, CHANGED


def _milestones_of(uow, inv: Invoice):
    lines = queries.lines_of(uow.session, [inv.id])[inv.id]
    return list(queries.milestones_by_id(uow.session, [line.milestone_id for line in lines
                                                       if line.milestone_id]).values())


def _set_milestones(uow, actor: Actor, inv: Invoice, status: MilestoneStatus, reason: str = "") -> None:
    for milestone in _milestones_of(uow, inv):
        before = milestone.status
        milestone.status, milestone.reason, milestone.updated_at = status, reason, uow.now()
        uow.flush()
        uow.audit.record(actor, milestone, status.value, reason=reason, changes=audit_safe(
            {"status": [before, status], "invoice": [None, inv.ref]}))


def submit_invoice(uow, actor: Actor, invoice_id: uuid.UUID, *, submitted_on: date | None = None,
                   version: int | None = None) -> tuple[InvoiceRow, Changes]:
    """Send a draft: its entries become invoiced, its milestones INVOICED, and the PDF is kept as sent."""
    inv = _open(uow, actor, invoice_id, version, allowed=(InvoiceStatus.DRAFT,))
    submitted_on = submitted_on or uow.today()
    if submitted_on < inv.period_from:
        raise ValidationError("submitted_on", f"Invoice {inv.ref} covers {day(inv.period_from)} to "
                                              f"{day(inv.period_to)}; it cannot be sent before the period starts.")
    now_billable = {line.key for line in _gathered(uow, inv).lines}
    lines = queries.lines_of(uow.session, [inv.id])[inv.id]
    entries = queries.entries_by_id(uow.session, [line.service_entry_id for line in lines if line.service_entry_id])
    for line in lines:
        if (line.service_entry_id, line.milestone_id, line.units, line.amount) not in now_billable:
            what = entries[line.service_entry_id].ref if line.service_entry_id else "a milestone"
            raise ValidationError("lines", f"Line {line.position} ({what}) changed or can no longer be billed since "
                                           f"the draft was made; rebuild the draft of invoice {inv.ref} first.")
    for entry in entries.values():
        entry.invoiced_at, entry.updated_at = uow.now(), uow.now()
    inv.status, inv.submitted_on, inv.updated_at = InvoiceStatus.SUBMITTED, submitted_on, uow.now()
    uow.flush()
    _set_milestones(uow, actor, inv, MilestoneStatus.INVOICED)
    data = _render_pdf(build_view(uow, inv))
    copy = attachments.store_file(uow, actor, "invoices", inv.id, data=data, filename=f"{inv.ref}.pdf",
                                  media_type="application/pdf")
    inv.document_attachment_id = copy.id
    uow.flush()
    uow.audit.record(actor, inv, "submitted", changes=audit_safe({
        "status": [InvoiceStatus.DRAFT, inv.status], "submitted_on": [None, submitted_on], "total": [None, inv.total]}))
    return _row(uow, inv), CHANGED


def _check_after_submitted(inv: Invoice, field: str, on, what: str) -> None:
    if not isinstance(on, date):
        raise ValidationError(field, f"Give the date the invoice was {what}.")
    if inv.submitted_on and on < inv.submitted_on:
        raise ValidationError(field, f"Invoice {inv.ref} was submitted on {day(inv.submitted_on)}; it cannot be "
                                     f"{what} on {day(on)}, before that.")


def record_paid(uow, actor: Actor, invoice_id: uuid.UUID, *, paid_on: date, paid_amount=None,
                version: int | None = None) -> tuple[InvoiceRow, Changes]:
    """The funder paid (the full total unless an amount is given); its milestones become PAID."""
    inv = _open(uow, actor, invoice_id, version, allowed=(InvoiceStatus.SUBMITTED,))
    _check_after_submitted(inv, "paid_on", paid_on, "paid")
    amount = inv.total if paid_amount is None else funders.money("paid_amount", "The amount paid", paid_amount)
    inv.status, inv.paid_on, inv.paid_amount, inv.updated_at = InvoiceStatus.PAID, paid_on, amount, uow.now()
    uow.flush()
    _set_milestones(uow, actor, inv, MilestoneStatus.PAID)
    uow.audit.record(actor, inv, "paid", changes=audit_safe({
        "status": [InvoiceStatus.SUBMITTED, inv.status], "paid_on": [None, paid_on], "paid_amount": [None, amount]}))
    return _row(uow, inv), CHANGED


def _sent_back(uow, actor: Actor, invoice_id: uuid.UUID, status: InvoiceStatus, *, returned_on: date, reason: str,
               version: int | None) -> tuple[InvoiceRow, Changes]:
    inv = _open(uow, actor, invoice_id, version, allowed=(InvoiceStatus.SUBMITTED,))
    reason = required_text("reason", f"The reason the funder {status.label.lower()} the invoice", reason,
                           max_length=2000)
    _check_after_submitted(inv, "returned_on", returned_on, status.label.lower())
    inv.status, inv.returned_on, inv.reason, inv.updated_at = status, returned_on, reason, uow.now()
    uow.flush()
    _set_milestones(uow, actor, inv, MilestoneStatus(status.value), reason)
    uow.audit.record(actor, inv, status.value, reason=reason, changes=audit_safe({
        "status": [InvoiceStatus.SUBMITTED, status], "returned_on": [None, returned_on]}))
    return _row(uow, inv), CHANGED


def record_returned(uow, actor: Actor, invoice_id: uuid.UUID, *, returned_on: date, reason: str,
                    version: int | None = None) -> tuple[InvoiceRow, Changes]:
    """The funder sent it back to be fixed (for example a missing signature); correct_invoice makes the fix."""
    return _sent_back(uow, actor, invoice_id, InvoiceStatus.RETURNED, returned_on=returned_on, reason=reason,
                      version=version)


def record_denied(uow, actor: Actor, invoice_id: uuid.UUID, *, returned_on: date, reason: str,
                  version: int | None = None) -> tuple[InvoiceRow, Changes]:
    """The funder will not pay it; its units are not billed again."""
    return _sent_back(uow, actor, invoice_id, InvoiceStatus.DENIED, returned_on=returned_on, reason=reason,
                      version=version)


def correct_invoice(uow, actor: Actor, invoice_id: uuid.UUID) -> tuple[InvoiceRow, Changes]:
    """A returned invoice's next revision, as a draft: its lines gathered again (a corrected entry gives way
    to its correcting entry). The returned revision is kept as it was."""
    returned = _open(uow, actor, invoice_id, None, allowed=(InvoiceStatus.RETURNED,))
    later = queries.correction_of(uow.session, returned.id)
    if later is not None:
        raise ValidationError("invoice", f"Invoice {returned.ref} is already corrected as {later.ref} "
                                         f"(revision {later.revision}).")
    inv = Invoice(ref=f"{base_ref(returned.ref)}-R{returned.revision + 1}", funder_id=returned.funder_id,
                  person_id=returned.person_id, provider_organization_id=returned.provider_organization_id,
                  period_from=returned.period_from, period_to=returned.period_to, revision=returned.revision + 1,
                  previous_id=returned.id, status=InvoiceStatus.DRAFT, total=Decimal("0.00"), reason="", note="",
                  created_by_id=actor.user_id)
    gathered = _gathered(uow, inv)
    if not gathered.lines:
        raise nothing_to_bill(funding_queries.funder(uow.session, inv.funder_id), uow.people.get(inv.person_id),
                               inv.period_from, inv.period_to, gathered)
    uow.add(inv)
    uow.flush()
    _write_lines(uow, inv, gathered)
    uow.audit.record(actor, inv, "correction drafted", changes=audit_safe({
        "corrects": [None, returned.ref], "revision": [None, inv.revision], "total": [None, inv.total]}))
    return _row(uow, inv), CHANGED


def list_invoices(uow, actor: Actor, *, person_id: uuid.UUID | None = None, funder_id: uuid.UUID | None = None,
                  statuses=None) -> list[InvoiceRow]:
    """Invoices (every revision) of the people the actor may see, newest period first."""
    visible = None
    if person_id is not None:
        access.require(uow, actor, Action.VIEW_PERSON, person_id)
    else:
        scope = access.scope(uow, actor, Action.VIEW_PERSON)
        visible = None if scope.everyone else access_queries.person_visible(scope, Invoice.person_id)
    return _rows(uow, queries.invoices(uow.session, person_id=person_id, funder_id=funder_id, statuses=statuses,
                                       visible=visible))


def get_invoice(uow, actor: Actor, invoice_id: uuid.UUID) -> InvoiceRow:
    inv = queries.invoice(uow.session, invoice_id)
    access.require(uow, actor, Action.VIEW_PERSON, inv.person_id)
    return _row(uow, inv)


def billable_funders(uow, actor: Actor, person_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """The funders the person has service entries or milestones with (what an invoice can be drafted for)."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    return queries.billable_funders(uow.session, person_id)


def _render_pdf(view) -> bytes:
    from caseteam.documents.invoice_document import render_invoice  # ReportLab loads only when printing

    return render_invoice(view)


def invoice_view(uow, actor: Actor, invoice_id: uuid.UUID):
    """What the invoice prints (documents.billing_views.InvoiceView)."""
    inv = queries.invoice(uow.session, invoice_id)
    access.require(uow, actor, Action.VIEW_PERSON, inv.person_id)
    return build_view(uow, inv)


def invoice_pdf(uow, actor: Actor, invoice_id: uuid.UUID) -> bytes:
    """The PDF as sent for a submitted invoice (kept at submission), else drawn now."""
    inv = queries.invoice(uow.session, invoice_id)
    exported(uow, actor, inv, f"Invoice {inv.ref}", "PDF")
    return as_sent(uow, inv) or _render_pdf(build_view(uow, inv))


def invoice_xlsx(uow, actor: Actor, invoice_id: uuid.UUID) -> bytes:
    from caseteam.documents.billing_xlsx import invoice_xlsx as render

    inv = queries.invoice(uow.session, invoice_id)
    exported(uow, actor, inv, f"Invoice {inv.ref}", "XLSX")
    return render(build_view(uow, inv))
