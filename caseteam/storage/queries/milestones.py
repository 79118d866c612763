"""Look-ups for milestones: one milestone, a person's milestones with their service and funder, the
funders that pay for a person and their employment milestone services, the retention basis of each
funder's program, and the invoice each milestone went on."""

from __future__ import annotations

import uuid

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from caseteam.domain.billing import Invoice, InvoiceLine, Milestone, MilestoneEvent
from caseteam.domain.employment import Job
from caseteam.domain.funding import (Authorization, AuthorizationStatus, BillingUnit, CostShareEntry, Funder,
                                     FunderService)
from caseteam.domain.organizations import Program
from caseteam.errors import NotFound

from .access import Scope, person_visible

EMPLOYMENT_EVENTS = tuple(e for e in MilestoneEvent if e.from_employment)


def milestone(session: Session, milestone_id: uuid.UUID) -> Milestone:
    found = session.get(Milestone, milestone_id)
    if found is None or found.archived_at is not None:
        raise NotFound("That milestone was not found.")
    return found


def milestones_of(session: Session, person_id: uuid.UUID, *,
                  include_archived: bool = False) -> list[tuple[Milestone, FunderService, Funder]]:
    """The person's milestones with their service and funder, in date order (one query)."""
    stmt = (select(Milestone, FunderService, Funder)
            .join(FunderService, FunderService.id == Milestone.funder_service_id)
            .join(Funder, Funder.id == FunderService.funder_id)
            .where(Milestone.person_id == person_id))
    if not include_archived:
        stmt = stmt.where(Milestone.archived_at.is_(None))
    rows = [tuple(r) for r in session.execute(stmt)]
    return sorted(rows, key=lambda r: (r[0].achieved_on or r[0].due_on or r[0].created_at.date(),
                                       r[2].name, r[1].code, r[0].ref))


def with_service(session: Session, milestone_id: uuid.UUID, *,
                 include_archived: bool = False) -> tuple[Milestone, FunderService, Funder]:
    found = session.get(Milestone, milestone_id) if include_archived else milestone(session, milestone_id)
    service = session.get(FunderService, found.funder_service_id)
    return found, service, funder_of(session, service)


def funder_of(session: Session, service: FunderService) -> Funder:
    return session.get(Funder, service.funder_id)


def invoice_refs(session: Session, milestone_ids) -> dict[uuid.UUID, str]:
    """The latest invoice (highest revision, then newest) each milestone is a line on."""
    ids = list(milestone_ids)
    if not ids:
        return {}
    found: dict[uuid.UUID, str] = {}
    rows = session.execute(select(InvoiceLine.milestone_id, Invoice.ref)
                           .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
                           .where(InvoiceLine.milestone_id.in_(ids), Invoice.archived_at.is_(None))
                           .order_by(Invoice.revision, Invoice.created_at, Invoice.ref))
    for milestone_id, ref in rows:
        found[milestone_id] = ref  # later rows win
    return found


def paying_funders(session: Session, person_id: uuid.UUID) -> list[Funder]:
    """Funders that pay for the person: one of their authorizations (not cancelled) or a cost-share entry
    for one of their services."""
    by_authorization = select(Authorization.funder_id.label("funder_id")).where(
        Authorization.person_id == person_id, Authorization.archived_at.is_(None),
        Authorization.status != AuthorizationStatus.CANCELLED)
    by_plan = (select(FunderService.funder_id.label("funder_id"))
               .join(CostShareEntry, CostShareEntry.funder_service_id == FunderService.id)
               .where(CostShareEntry.person_id == person_id, CostShareEntry.archived_at.is_(None)))
    ids = union(by_authorization, by_plan).subquery()
    return list(session.scalars(select(Funder).where(Funder.id.in_(select(ids.c.funder_id)),
                                                     Funder.archived_at.is_(None)).order_by(Funder.name, Funder.ref)))


def employment_services(session: Session, funder_ids) -> list[FunderService]:
    """Milestone services of these funders achieved by a job's dates (placement, 30/60/90 days)."""
    ids = list(funder_ids)
    if not ids:
        return []
    return list(session.scalars(select(FunderService).where(
        FunderService.funder_id.in_(ids), FunderService.archived_at.is_(None),
        FunderService.unit == BillingUnit.MILESTONE, FunderService.milestone_event.in_(EMPLOYMENT_EVENTS))
        .order_by(FunderService.code)))


def retention_bases(session: Session, funder_ids) -> dict[uuid.UUID, str]:
    """Program.retention_basis as stored, for each funder that has a program."""
    ids = list(funder_ids)
    if not ids:
        return {}
    rows = session.execute(select(Funder.id, Program.retention_basis)
                           .join(Program, Program.id == Funder.program_id).where(Funder.id.in_(ids)))
    return {funder_id: basis or "" for funder_id, basis in rows}


def job_milestones(session: Session, person_id: uuid.UUID) -> dict[tuple[uuid.UUID, uuid.UUID], Milestone]:
    """The person's milestones tied to a job, archived ones too, keyed by (service, job): what a refresh
    finds before making anything, so it never makes a second one."""
    rows = session.scalars(select(Milestone).where(Milestone.person_id == person_id, Milestone.job_id.is_not(None))
                           .order_by(Milestone.created_at))
    found: dict[tuple[uuid.UUID, uuid.UUID], Milestone] = {}
    for m in rows:
        found.setdefault((m.funder_service_id, m.job_id), m)
    return found


def same_day_milestone(session: Session, person_id: uuid.UUID, service_id: uuid.UUID, day) -> Milestone | None:
    return session.scalars(select(Milestone).where(
        Milestone.person_id == person_id, Milestone.funder_service_id == service_id, Milestone.achieved_on == day,
        Milestone.archived_at.is_(None))).first()


def people_with_jobs(session: Session, scope: Scope) -> list[uuid.UUID]:
    """People within `scope` who have a job on record."""
    stmt = select(Job.person_id).where(Job.archived_at.is_(None)).distinct()
    if not scope.everyone:
        stmt = stmt.where(person_visible(scope, Job.person_id))
    return sorted(session.scalars(stmt), key=str)
