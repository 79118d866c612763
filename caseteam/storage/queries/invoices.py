"""Invoice look-ups: invoices and their lines, what a funder could bill for a person in a period (service
entries and achieved milestones), and which entries and milestones already sit on a live invoice; the
monthly progress reports that go with them."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ColumnElement, or_, select, union
from sqlalchemy.orm import Session

from caseteam.domain.billing import Invoice, InvoiceLine, InvoiceStatus, Milestone, ProgressReport
from caseteam.domain.funding import Authorization, AuthorizationStatus, Funder, FunderService, ServiceEntry
from caseteam.errors import NotFound

# Draft, submitted and paid invoices hold their units; a returned or denied one (or a discarded draft) does not.
LIVE = (InvoiceStatus.DRAFT, InvoiceStatus.SUBMITTED, InvoiceStatus.PAID)
SENT_BACK = (InvoiceStatus.RETURNED, InvoiceStatus.DENIED)


def invoice(session: Session, invoice_id: uuid.UUID) -> Invoice:
    found = session.get(Invoice, invoice_id)
    if found is None or found.archived_at is not None:
        raise NotFound("That invoice was not found (a discarded draft is gone).")
    return found


def invoices(session: Session, *, person_id: uuid.UUID | None = None, funder_id: uuid.UUID | None = None,
             statuses=None, visible: ColumnElement[bool] | None = None) -> list[Invoice]:
    stmt = select(Invoice).where(Invoice.archived_at.is_(None))
    if person_id is not None:
        stmt = stmt.where(Invoice.person_id == person_id)
    if funder_id is not None:
        stmt = stmt.where(Invoice.funder_id == funder_id)
    if statuses:
        stmt = stmt.where(Invoice.status.in_(list(statuses)))
    if visible is not None:
        stmt = stmt.where(visible)
    return list(session.scalars(stmt.order_by(Invoice.period_from.desc(), Invoice.ref.desc())))


def lines_of(session: Session, invoice_ids) -> dict[uuid.UUID, list[InvoiceLine]]:
    """Each invoice's lines in order, in one query for a list of invoices."""
    ids = list(invoice_ids)
    found: dict[uuid.UUID, list[InvoiceLine]] = {i: [] for i in ids}
    if ids:
        for line in session.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id.in_(ids))
                                    .order_by(InvoiceLine.invoice_id, InvoiceLine.position)):
            found[line.invoice_id].append(line)
    return found


def correction_of(session: Session, invoice_id: uuid.UUID) -> Invoice | None:
    """The later revision that corrects this invoice, if one was made (and not discarded)."""
    return session.scalars(select(Invoice).where(Invoice.previous_id == invoice_id, Invoice.archived_at.is_(None))
                           .order_by(Invoice.revision.desc())).first()


def on_live_invoices(session: Session, *, entry_ids=(), milestone_ids=(), leaving_out: uuid.UUID | None = None,
                     statuses=LIVE) -> dict[uuid.UUID, Invoice]:
    """Entry or milestone id -> the live invoice it is a line of (`leaving_out`: the draft being rebuilt);
    with other `statuses`, the latest such invoice (a returned or denied one)."""
    entry_ids, milestone_ids = list(entry_ids), list(milestone_ids)
    if not entry_ids and not milestone_ids:
        return {}
    stmt = (select(InvoiceLine.service_entry_id, InvoiceLine.milestone_id, Invoice)
            .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
            .where(Invoice.archived_at.is_(None), Invoice.status.in_(list(statuses)),
                   InvoiceLine.service_entry_id.in_(entry_ids) | InvoiceLine.milestone_id.in_(milestone_ids))
            .order_by(Invoice.revision, Invoice.created_at))
    if leaving_out is not None:
        stmt = stmt.where(Invoice.id != leaving_out)
    found: dict[uuid.UUID, Invoice] = {}
    for entry_id, milestone_id, inv in session.execute(stmt):
        found[entry_id or milestone_id] = inv
    return found


def funder_entries(session: Session, person_id: uuid.UUID, funder_id: uuid.UUID, period_from: date,
                   period_to: date) -> list[ServiceEntry]:
    """The person's entries of the funder's services served in the period (corrected ones too)."""
    return list(session.scalars(
        select(ServiceEntry).join(FunderService, FunderService.id == ServiceEntry.funder_service_id)
        .where(ServiceEntry.person_id == person_id, FunderService.funder_id == funder_id,
               ServiceEntry.archived_at.is_(None), ServiceEntry.served_on >= period_from,
               ServiceEntry.served_on <= period_to)
        .order_by(ServiceEntry.served_on, ServiceEntry.starts_at, ServiceEntry.ref)))


def entries_by_id(session: Session, ids) -> dict[uuid.UUID, ServiceEntry]:
    ids = list(ids)
    if not ids:
        return {}
    return {e.id: e for e in session.scalars(select(ServiceEntry).where(ServiceEntry.id.in_(ids)))}


def funder_milestones(session: Session, person_id: uuid.UUID, funder_id: uuid.UUID, *, until: date,
                      statuses) -> list[Milestone]:
    """The person's milestones for the funder's services reached by `until`, in the given statuses."""
    return list(session.scalars(
        select(Milestone).join(FunderService, FunderService.id == Milestone.funder_service_id)
        .where(Milestone.person_id == person_id, FunderService.funder_id == funder_id,
               Milestone.archived_at.is_(None), Milestone.status.in_(list(statuses)),
               Milestone.achieved_on.is_not(None), Milestone.achieved_on <= until)
        .order_by(Milestone.achieved_on, Milestone.ref)))


def milestones_by_id(session: Session, ids) -> dict[uuid.UUID, Milestone]:
    ids = list(ids)
    if not ids:
        return {}
    return {m.id: m for m in session.scalars(select(Milestone).where(Milestone.id.in_(ids)))}


def services_by_id(session: Session, ids) -> dict[uuid.UUID, FunderService]:
    ids = list(set(ids))
    if not ids:
        return {}
    return {s.id: s for s in session.scalars(select(FunderService).where(FunderService.id.in_(ids)))}


def billable_funders(session: Session, person_id: uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """Funders the person has service entries or milestones with, by name."""
    with_entries = (select(FunderService.funder_id)
                    .join(ServiceEntry, ServiceEntry.funder_service_id == FunderService.id)
                    .where(ServiceEntry.person_id == person_id, ServiceEntry.archived_at.is_(None)))
    with_milestones = (select(FunderService.funder_id).join(Milestone, Milestone.funder_service_id == FunderService.id)
                       .where(Milestone.person_id == person_id, Milestone.archived_at.is_(None)))
    ids = union(with_entries, with_milestones).subquery()
    return [(f.id, f.name) for f in session.scalars(
        select(Funder).where(Funder.id.in_(select(ids.c[0]))).order_by(Funder.name, Funder.ref))]



def milestones_of_funder(session: Session, person_id: uuid.UUID, funder_id: uuid.UUID) -> list[Milestone]:
    """Every milestone the person has (or is due) with the funder, earliest first."""
    return list(session.scalars(
        select(Milestone).join(FunderService, FunderService.id == Milestone.funder_service_id)
        .where(Milestone.person_id == person_id, FunderService.funder_id == funder_id,
               Milestone.archived_at.is_(None))
        .order_by(Milestone.achieved_on, Milestone.due_on, Milestone.ref)))


def authorizations_over(session: Session, person_id: uuid.UUID, funder_id: uuid.UUID, period_from: date,
                        period_to: date) -> list[Authorization]:
    """The funder's authorizations for the person that were received and overlap the period."""
    return list(session.scalars(select(Authorization).where(
        Authorization.person_id == person_id, Authorization.funder_id == funder_id,
        Authorization.archived_at.is_(None),
        Authorization.status.not_in((AuthorizationStatus.REQUESTED, AuthorizationStatus.CANCELLED)),
        or_(Authorization.starts_on.is_(None), Authorization.starts_on <= period_to),
        or_(Authorization.ends_on.is_(None), Authorization.ends_on >= period_from)).order_by(Authorization.ref)))


def invoice_for_period(session: Session, person_id: uuid.UUID, funder_id: uuid.UUID, period_from: date,
                       period_to: date) -> Invoice | None:
    """The latest revision of the funder's invoice for exactly this period, if one was drafted."""
    return session.scalars(select(Invoice).where(
        Invoice.person_id == person_id, Invoice.funder_id == funder_id, Invoice.archived_at.is_(None),
        Invoice.period_from == period_from, Invoice.period_to == period_to)
        .order_by(Invoice.revision.desc(), Invoice.created_at.desc())).first()


def progress_report(session: Session, report_id: uuid.UUID) -> ProgressReport:
    found = session.get(ProgressReport, report_id)
    if found is None or found.archived_at is not None:
        raise NotFound("That progress report was not found.")
    return found


def progress_reports_of(session: Session, person_id: uuid.UUID) -> list[ProgressReport]:
    return list(session.scalars(select(ProgressReport).where(
        ProgressReport.person_id == person_id, ProgressReport.archived_at.is_(None))
        .order_by(ProgressReport.period_from.desc(), ProgressReport.ref.desc())))
