"""The "money on the table" board's look-ups: one query per kind of line, each with the person and the
funder joined in, limited to the people a scope reaches."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from caseteam.domain.billing import Invoice, InvoiceLine, InvoiceStatus, Milestone, MilestoneStatus
from caseteam.domain.funding import Authorization, AuthorizationStatus, Funder, FunderService, ServiceEntry
from caseteam.domain.people import Person

from .access import Scope, person_visible
from .invoices import LIVE  # the invoices that hold their lines


def _within(stmt, scope: Scope, person_id_column):
    return stmt if scope.everyone else stmt.where(person_visible(scope, person_id_column))


def _not_corrected(invoice=Invoice):
    later = aliased(Invoice)
    return ~exists(select(later.id).where(later.previous_id == invoice.id, later.archived_at.is_(None)))


def milestones_not_invoiced(session: Session, scope: Scope):
    """(Milestone, FunderService, Funder, Person) achieved or returned and on no live invoice; one still on a
    returned invoice nobody has corrected is left to that invoice's line (its money is counted there)."""
    on_invoice = (select(InvoiceLine.id).join(Invoice, Invoice.id == InvoiceLine.invoice_id)
                  .where(InvoiceLine.milestone_id == Milestone.id, Invoice.archived_at.is_(None),
                         or_(Invoice.status.in_(LIVE),
                             and_(Invoice.status == InvoiceStatus.RETURNED, _not_corrected()))))
    stmt = (select(Milestone, FunderService, Funder, Person)
            .join(FunderService, FunderService.id == Milestone.funder_service_id)
            .join(Funder, Funder.id == FunderService.funder_id)
            .join(Person, Person.id == Milestone.person_id)
            .where(Milestone.archived_at.is_(None), Person.archived_at.is_(None),
                   Milestone.status.in_((MilestoneStatus.ACHIEVED, MilestoneStatus.RETURNED)),
                   ~exists(on_invoice)))
    return [tuple(r) for r in session.execute(_within(stmt, scope, Milestone.person_id))]


def _invoices(session: Session, scope: Scope, *conditions):
    stmt = (select(Invoice, Funder, Person).join(Funder, Funder.id == Invoice.funder_id)
            .join(Person, Person.id == Invoice.person_id)
            .where(Invoice.archived_at.is_(None), Person.archived_at.is_(None), *conditions))
    return [tuple(r) for r in session.execute(_within(stmt, scope, Invoice.person_id))]


def invoices_returned(session: Session, scope: Scope):
    """(Invoice, Funder, Person) returned and not yet corrected by a later revision."""
    return _invoices(session, scope, Invoice.status == InvoiceStatus.RETURNED, _not_corrected())


def invoices_unpaid(session: Session, scope: Scope, *, submitted_before: date):
    """(Invoice, Funder, Person) submitted before the day and still unpaid."""
    return _invoices(session, scope, Invoice.status == InvoiceStatus.SUBMITTED,
                     Invoice.submitted_on < submitted_before)


def unauthorized_entries(session: Session, scope: Scope):
    """(ServiceEntry, FunderService, Funder, Person) outside any authorization, with no override, not corrected."""
    later = aliased(ServiceEntry)
    stmt = (select(ServiceEntry, FunderService, Funder, Person)
            .join(FunderService, FunderService.id == ServiceEntry.funder_service_id)
            .join(Funder, Funder.id == FunderService.funder_id)
            .join(Person, Person.id == ServiceEntry.person_id)
            .where(ServiceEntry.archived_at.is_(None), Person.archived_at.is_(None),
                   ServiceEntry.unauthorized_reason != "", ServiceEntry.override_by_id.is_(None),
                   ServiceEntry.invoiced_at.is_(None),
                   ~exists(select(later.id).where(later.corrects_id == ServiceEntry.id, later.archived_at.is_(None)))))
    return [tuple(r) for r in session.execute(_within(stmt, scope, ServiceEntry.person_id))]


def _authorizations(session: Session, scope: Scope, *conditions, drawn: bool = False):
    columns = [Authorization, FunderService, Funder, Person]
    stmt = select(*columns)
    if drawn:  # units and amount drawn by entries no correction replaced, in the same query
        later = aliased(ServiceEntry)
        used = (select(ServiceEntry.authorization_id, func.sum(ServiceEntry.units).label("units"),
                       func.sum(ServiceEntry.amount).label("amount"))
                .where(ServiceEntry.archived_at.is_(None), ServiceEntry.authorization_id.is_not(None),
                       ~exists(select(later.id).where(later.corrects_id == ServiceEntry.id,
                                                      later.archived_at.is_(None))))
                .group_by(ServiceEntry.authorization_id).subquery())
        stmt = (select(*columns, func.coalesce(used.c.units, 0), func.coalesce(used.c.amount, 0))
                .outerjoin(used, used.c.authorization_id == Authorization.id))
    stmt = (stmt.join(FunderService, FunderService.id == Authorization.funder_service_id)
            .join(Funder, Funder.id == Authorization.funder_id)
            .join(Person, Person.id == Authorization.person_id)
            .where(Authorization.archived_at.is_(None), Person.archived_at.is_(None), *conditions))
    return [tuple(r) for r in session.execute(_within(stmt, scope, Authorization.person_id))]


def authorizations_not_received(session: Session, scope: Scope, *, today: date, chase_after_days: int):
    """(Authorization, FunderService, Funder, Person) requested, past the follow-up date or asked for long ago."""
    return _authorizations(session, scope, Authorization.status == AuthorizationStatus.REQUESTED,
                           or_(Authorization.follow_up_on < today,
                               Authorization.requested_on < today - timedelta(days=chase_after_days)))


def authorizations_ending(session: Session, scope: Scope, *, today: date, within_days: int):
    """(Authorization, FunderService, Funder, Person, units drawn, amount drawn) active and ending soon."""
    return _authorizations(session, scope, Authorization.status == AuthorizationStatus.ACTIVE,
                           Authorization.ends_on >= today, Authorization.ends_on <= today + timedelta(days=within_days),
                           drawn=True)
