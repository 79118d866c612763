"""The invoice as printed (documents.billing_views.InvoiceView), built from the stored invoice and the
entries and milestones its lines came from; what the invoice and the progress report share when printed
(the parties, the copy kept as sent, the audit of a print or export)."""

from __future__ import annotations

import re

from caseteam.documents.billing_views import InvoiceLineView, InvoiceView, PartyView
from caseteam.domain.attachments import Attachment
from caseteam.domain.billing import Invoice, InvoiceStatus
from caseteam.domain.funding import Authorization, BillingUnit
from caseteam.domain.organizations import Organization, Program, StaffMember
from caseteam.storage.queries import funding as funding_queries
from caseteam.storage.queries import invoices as queries

from . import access
from .access import Action
from .records import is_demo
from .service_rules import day


def base_ref(ref: str) -> str:
    """IV-0004 for every revision (revision 2 is stored as IV-0004-R2)."""
    return re.sub(r"-R\d+$", "", ref)


def address(org: Organization | None) -> str:
    if org is None:
        return ""
    town = " ".join(part for part in (f"{org.city}," if org.city else "", org.region, org.postal_code) if part)
    return ", ".join(part for part in (org.street, town.strip().rstrip(",")) if part)


def provider_party(uow, organization_id) -> PartyView:
    org = uow.session.get(Organization, organization_id)
    return PartyView(org.name if org else "", "", address(org), org.phone if org else "")


def funder_party(uow, funder) -> PartyView:
    org = uow.session.get(Organization, funder.organization_id)
    program = uow.session.get(Program, funder.program_id) if funder.program_id else None
    return PartyView(funder.name, program.name if program else funder.kind.label, address(org),
                     org.phone if org else "")


def exported(uow, actor, record, document: str, what: str) -> None:
    """May the actor print or export this person's document; the print or export is audited."""
    access.require(uow, actor, Action.EXPORT_PERSON, record.person_id)
    uow.audit.record(actor, record, "printed" if what == "PDF" else "exported",
                     changes={"document": f"{document} ({what})"})


def as_sent(uow, record) -> bytes | None:
    """The PDF kept when the invoice or report went to the funder (None before it was sent)."""
    if record.document_attachment_id is None:
        return None
    return uow.session.get(Attachment, record.document_attachment_id).data


def _staff_name(uow, staff_id) -> str:
    staff = uow.session.get(StaffMember, staff_id) if staff_id else None
    return staff.name if staff else ""


def _auth_number(uow, authorization_id) -> str:
    auth = uow.session.get(Authorization, authorization_id) if authorization_id else None
    return (auth.number or auth.ref) if auth else ""


def build_view(uow, inv: Invoice) -> InvoiceView:
    session = uow.session
    lines = queries.lines_of(session, [inv.id])[inv.id]
    entries = queries.entries_by_id(session, [line.service_entry_id for line in lines if line.service_entry_id])
    milestones = queries.milestones_by_id(session, [line.milestone_id for line in lines if line.milestone_id])
    services = queries.services_by_id(session, [e.funder_service_id for e in entries.values()] +
                                      [m.funder_service_id for m in milestones.values()])
    views, numbers = [], []
    for line in lines:
        source = entries.get(line.service_entry_id) or milestones.get(line.milestone_id)
        service = services[source.funder_service_id]
        number = _auth_number(uow, source.authorization_id)
        if number and number not in numbers:
            numbers.append(number)
        entry = entries.get(line.service_entry_id)
        views.append(InvoiceLineView(
            line.served_on, line.code, line.description, line.units,
            BillingUnit.MILESTONE.label if line.milestone_id else service.unit.label, line.rate, line.amount,
            reference=source.ref, staff_name=_staff_name(uow, entry.staff_id) if entry else "",
            starts_at=entry.starts_at if entry else None, ends_at=entry.ends_at if entry else None,
            authorization_number=number, evidence=line.evidence))
    person = uow.people.get(inv.person_id, include_archived=True)
    funder = funding_queries.funder(session, inv.funder_id)
    previous_words = ""
    if inv.previous_id is not None:
        previous = session.get(Invoice, inv.previous_id)
        previous_words = f"{previous.ref} revision {previous.revision}"
        if previous.status is InvoiceStatus.RETURNED and previous.returned_on:
            previous_words += f", returned on {day(previous.returned_on)}: {previous.reason}"
    reason = inv.reason if inv.status in (InvoiceStatus.RETURNED, InvoiceStatus.DENIED) else (
        previous.reason if inv.previous_id is not None else "")
    return InvoiceView(
        reference=base_ref(inv.ref), revision=inv.revision, status=inv.status.label,
        provider=provider_party(uow, inv.provider_organization_id), funder=funder_party(uow, funder),
        person_name=person.display_name, person_reference=person.ref, funder_person_id="",
        period_from=inv.period_from, period_to=inv.period_to, lines=tuple(views), total=inv.total,
        generated_on=uow.today(), submitted_on=inv.submitted_on, previous_reference=previous_words,
        returned_reason=reason, authorization_numbers=tuple(numbers), note=inv.note, demo=is_demo(uow))
