"""The funding report as SQL: service entries summed by person and funder, what is drawn on authorizations,
milestones and the invoices that carried them, and supervisors' overrides, for the people a reader may see
(the access rule's condition on people is passed in as `visible`).

Money and units are summed as whole cents (hundredths) cast to integers: SQLite keeps NUMERIC values as
floating point, and an integer sum is exact on both engines. A service entry another (live) entry corrects
is left out everywhere: it counts only through its correction.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session

from caseteam.domain.billing import Invoice, InvoiceLine, InvoiceStatus, Milestone, MilestoneStatus
from caseteam.domain.funding import Authorization, AuthorizationStatus, Funder, FunderService, ServiceEntry
from caseteam.domain.organizations import Organization
from caseteam.domain.people import Person
from caseteam.domain.users import User

from .service_entries import _replaced  # the entries a live correction replaces (one definition)

# Milestones that claim money: reached and not refused (a returned one is corrected and sent again).
CLAIMED = (MilestoneStatus.ACHIEVED, MilestoneStatus.INVOICED, MilestoneStatus.PAID, MilestoneStatus.RETURNED)
# Authorizations that were in force at some time (a request or a cancelled one authorizes nothing).
IN_FORCE = (AuthorizationStatus.ACTIVE, AuthorizationStatus.EXHAUSTED, AuthorizationStatus.EXPIRED)
PERSON = (Person.id, Person.ref, Person.given_name, Person.family_name, Person.preferred_name)
FUNDER = (Funder.id, Funder.name, Funder.blended_pool)


def hundredths(column):
    """The value times 100 as an exact integer (cents for money, hundredths for units)."""
    return cast(func.round(column * 100), BigInteger)


def _total(column, when=None):
    value = hundredths(column) if when is None else case((when, hundredths(column)), else_=0)
    return func.coalesce(func.sum(value), 0)


def _people(stmt, visible):
    stmt = stmt.where(Person.archived_at.is_(None))
    return stmt if visible is None else stmt.where(visible)


def _counted_entries():
    return and_(ServiceEntry.archived_at.is_(None), ServiceEntry.id.not_in(_replaced()))


def billable():
    """May be billed: inside its authorization or let through by an override, and with no flags."""
    return and_(or_(ServiceEntry.unauthorized_reason == "", ServiceEntry.override_by_id.is_not(None)),
                ServiceEntry.flags == "")


def cost(session: Session, since: date, until: date, visible=None):
    """(person id, ref, given, family, preferred, funder id, name, blended pool, entries, units, amount,
    billable amount, overridden amount) per person and funder for entries served in the period; units and
    money in hundredths."""
    stmt = (select(*PERSON, *FUNDER, func.count(ServiceEntry.id), _total(ServiceEntry.units),
                   _total(ServiceEntry.amount), _total(ServiceEntry.amount, billable()),
                   _total(ServiceEntry.amount, ServiceEntry.override_by_id.is_not(None)))
            .select_from(ServiceEntry)
            .join(FunderService, FunderService.id == ServiceEntry.funder_service_id)
            .join(Funder, Funder.id == FunderService.funder_id)
            .join(Person, Person.id == ServiceEntry.person_id)
            .where(_counted_entries(), ServiceEntry.served_on >= since, ServiceEntry.served_on <= until)
            .group_by(*PERSON, *FUNDER))
    return session.execute(_people(stmt, visible)).all()


def milestone_cost(session: Session, since: date, until: date, visible=None):
    """(person columns, funder columns, milestones, amount in cents) per person and funder for milestones
    reached in the period and not denied."""
    stmt = (select(*PERSON, *FUNDER, func.count(Milestone.id), _total(Milestone.amount))
            .select_from(Milestone)
            .join(FunderService, FunderService.id == Milestone.funder_service_id)
            .join(Funder, Funder.id == FunderService.funder_id)
            .join(Person, Person.id == Milestone.person_id)
            .where(Milestone.archived_at.is_(None), Milestone.status.in_(CLAIMED),
                   Milestone.achieved_on >= since, Milestone.achieved_on <= until)
            .group_by(*PERSON, *FUNDER))
    return session.execute(_people(stmt, visible)).all()


def authorizations(session: Session, since: date, until: date, visible=None):
    """(authorization id, funder id, name, blended pool, service id, code, name, unit, units, amount) for
    authorizations in force at some time and whose dates meet the period."""
    stmt = (select(Authorization.id, *FUNDER, FunderService.id, FunderService.code, FunderService.name,
                   FunderService.unit, Authorization.units, Authorization.amount)
            .join(FunderService, FunderService.id == Authorization.funder_service_id)
            .join(Funder, Funder.id == Authorization.funder_id)
            .join(Person, Person.id == Authorization.person_id)
            .where(Authorization.archived_at.is_(None), Authorization.status.in_(IN_FORCE),
                   or_(Authorization.starts_on.is_(None), Authorization.starts_on <= until),
                   or_(Authorization.ends_on.is_(None), Authorization.ends_on >= since))
            .order_by(Funder.name, FunderService.code, Authorization.ref))
    return session.execute(_people(stmt, visible)).all()


def drawn_by_provider(session: Session, authorization_ids, since: date, until: date):
    """(authorization id, provider id, provider name, units to date, amount to date, units in the period,
    amount in the period) for the entries drawn on the authorizations up to the period's last day."""
    ids = list(authorization_ids)
    if not ids:
        return []
    inside = ServiceEntry.served_on >= since
    stmt = (select(ServiceEntry.authorization_id, Organization.id, Organization.name,
                   _total(ServiceEntry.units), _total(ServiceEntry.amount),
                   _total(ServiceEntry.units, inside), _total(ServiceEntry.amount, inside))
            .join(Organization, Organization.id == ServiceEntry.provider_organization_id)
            .where(_counted_entries(), ServiceEntry.authorization_id.in_(ids), ServiceEntry.served_on <= until)
            .group_by(ServiceEntry.authorization_id, Organization.id, Organization.name))
    return session.execute(stmt).all()


def milestones_drawn(session: Session, authorization_ids, since: date, until: date):
    """(authorization id, milestones to date, cents to date, milestones in the period, cents in the period)
    for claimed milestones that draw on the authorizations, reached by the period's last day."""
    ids = list(authorization_ids)
    if not ids:
        return []
    inside = Milestone.achieved_on >= since
    stmt = (select(Milestone.authorization_id, func.count(Milestone.id), _total(Milestone.amount),
                   func.coalesce(func.sum(case((inside, 1), else_=0)), 0), _total(Milestone.amount, inside))
            .where(Milestone.archived_at.is_(None), Milestone.status.in_(CLAIMED),
                   Milestone.authorization_id.in_(ids), Milestone.achieved_on <= until)
            .group_by(Milestone.authorization_id))
    return session.execute(stmt).all()


def milestone_invoicing(session: Session, since: date, until: date):
    """(milestone id, invoice ref, revision, status, submitted on, paid on, returned on, reason, line cents)
    for invoice lines carrying a milestone whose invoice was submitted, paid, returned or denied in the period."""
    def within(column):
        return and_(column >= since, column <= until)
    stmt = (select(InvoiceLine.milestone_id, Invoice.ref, Invoice.revision, Invoice.status, Invoice.submitted_on,
                   Invoice.paid_on, Invoice.returned_on, Invoice.reason, hundredths(InvoiceLine.amount))
            .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
            .where(InvoiceLine.milestone_id.is_not(None), Invoice.archived_at.is_(None),
                   Invoice.status != InvoiceStatus.DRAFT,
                   or_(within(Invoice.submitted_on), within(Invoice.paid_on), within(Invoice.returned_on)))
            .order_by(Invoice.revision, Invoice.submitted_on))
    return session.execute(stmt).all()


def milestones(session: Session, since: date, until: date, also_ids, visible=None):
    """(Milestone, person columns, funder columns, service code, service name) for milestones reached in
    the period (and not merely due) or among `also_ids`, by date reached."""
    ids = list(also_ids)
    reached = and_(Milestone.status != MilestoneStatus.DUE, Milestone.achieved_on >= since,
                   Milestone.achieved_on <= until)
    stmt = (select(Milestone, *PERSON, *FUNDER, FunderService.code, FunderService.name)
            .join(FunderService, FunderService.id == Milestone.funder_service_id)
            .join(Funder, Funder.id == FunderService.funder_id)
            .join(Person, Person.id == Milestone.person_id)
            .where(Milestone.archived_at.is_(None), or_(reached, Milestone.id.in_(ids)) if ids else reached)
            .order_by(Milestone.achieved_on, Person.family_name, Person.given_name, Milestone.ref))
    return session.execute(_people(stmt, visible)).all()


def overrides(session: Session, since: date, until: date, visible=None):
    """(ServiceEntry, person columns, funder columns, service code, supervisor's name) for overridden
    entries served in the period, by date served."""
    stmt = (select(ServiceEntry, *PERSON, *FUNDER, FunderService.code, User.display_name)
            .join(FunderService, FunderService.id == ServiceEntry.funder_service_id)
            .join(Funder, Funder.id == FunderService.funder_id)
            .join(Person, Person.id == ServiceEntry.person_id)
            .join(User, User.id == ServiceEntry.override_by_id)
            .where(_counted_entries(), ServiceEntry.served_on >= since, ServiceEntry.served_on <= until)
            .order_by(ServiceEntry.served_on, ServiceEntry.ref))
    return session.execute(_people(stmt, visible)).all()
