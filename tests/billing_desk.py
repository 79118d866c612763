"""A funded caseload for the milestone and money-board tests: the casework desk (Bridgeway, Lupe leading
Ana, supervisor Denise) plus an employer, a VR funder whose program counts retention from a chosen basis,
its milestone services with rates, and helpers for jobs, authorizations and invoices written directly
(their own services are tested elsewhere)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from caseteam.domain.billing import Invoice, InvoiceLine, InvoiceStatus, MilestoneEvent
from caseteam.domain.funding import (Authorization, AuthorizationStatus, BillingUnit, FeeRate, Funder, FunderKind,
                                     FunderService)
from caseteam.domain.organizations import OrganizationKind, Program
from caseteam.services import employment, organizations

from builders import casework_desk

RATES = {MilestoneEvent.PLACEMENT: "1500.00", MilestoneEvent.RETENTION_30: "750.00",
         MilestoneEvent.RETENTION_60: "750.00", MilestoneEvent.RETENTION_90: "1000.00"}


def billing_desk(store, actor) -> dict:
    desk = casework_desk(store, actor)
    with store.unit_of_work() as uow:
        bakery, _ = organizations.create_organization(uow, actor, name="Crumb & Co. Bakery",
                                                      kind=OrganizationKind.EMPLOYER)
        vr_org, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
    desk.update(bakery=bakery, vr_org=vr_org)
    desk["vr"], desk["vr_services"] = funder(desk, "State VR", basis="hire_date")
    return desk


def funder(desk, name, *, basis="", events=tuple(RATES), kind=FunderKind.VR, evidence_required="",
           rate_from=-400):
    """A funder (on a program counting retention from `basis`, when given) with one milestone service per
    event, each with its rate from `rate_from` days ago. Returns (funder id, {event: service id})."""
    with desk["store"].unit_of_work() as uow:
        program_id = None
        if basis:
            program = uow.add(Program(organization_id=desk["vr_org"].id, name=f"{name} program",
                                      retention_basis=basis))
            uow.flush()
            program_id = program.id
        found = uow.add(Funder(ref=uow.references.next("funder"), organization_id=desk["vr_org"].id,
                               program_id=program_id, name=name, kind=kind, rules="", report_layout="",
                               blended_pool=False))
        uow.flush()
        services = {}
        for n, event in enumerate(events, start=1):
            service = uow.add(FunderService(funder_id=found.id, code=f"M{n}", name=event.label,
                                            unit=BillingUnit.MILESTONE, required_credential="",
                                            needs_first_payer_proof=False, evidence_required=evidence_required,
                                            milestone_event=event))
            uow.flush()
            uow.add(FeeRate(funder_service_id=service.id, rate=Decimal(RATES.get(event, "2500.00")),
                            effective_from=desk["today"] + timedelta(days=rate_from)))
            services[event] = service.id
        return found.id, services


def service(desk, funder_id, code, rate, *, unit=BillingUnit.HOUR, name=None):
    """One more (non-milestone) service of a funder with its rate from a year ago."""
    with desk["store"].unit_of_work() as uow:
        found = uow.add(FunderService(funder_id=funder_id, code=code, name=name or code, unit=unit,
                                      required_credential="", needs_first_payer_proof=False, evidence_required=""))
        uow.flush()
        uow.add(FeeRate(funder_service_id=found.id, rate=Decimal(rate),
                        effective_from=desk["today"] - timedelta(days=365)))
        return found.id


def authorize(desk, service_id, *, person=None, starts=-300, ends=300, status=AuthorizationStatus.ACTIVE,
              requested_days_ago=None, follow_up=None, amount="5000.00", units="1"):
    with desk["store"].unit_of_work() as uow:
        service = uow.session.get(FunderService, service_id)
        today = desk["today"]
        auth = uow.add(Authorization(
            ref=uow.references.next("authorization"), person_id=(person or desk["ana"]).id,
            funder_id=service.funder_id, funder_service_id=service_id, number="VR-7781",
            units=None if units is None else Decimal(units),
            amount=None if amount is None else Decimal(amount), rate=None, starts_on=today + timedelta(days=starts),
            ends_on=today + timedelta(days=ends), status=status,
            requested_on=None if requested_days_ago is None else today - timedelta(days=requested_days_ago),
            follow_up_on=None if follow_up is None else today + timedelta(days=follow_up), note=""))
        uow.flush()
        return auth.id, auth.ref


def hire(desk, *, days_ago, person=None, title="Baker's assistant"):
    with desk["store"].unit_of_work() as uow:
        job, _ = employment.record_hire(uow, desk["actor"], (person or desk["ana"]).id,
                                        organization_id=desk["bakery"].id, job_title=title, hours_per_week="20",
                                        hourly_wage="15.50", start_date=desk["today"] - timedelta(days=days_ago))
    return job


def invoice(desk, funder_id, *, status=InvoiceStatus.SUBMITTED, submitted_days_ago=None, lines=(), person=None,
            revision=1, previous_id=None, reason="", total=None):
    """An invoice written directly; `lines` are (milestone_id or None, service_entry_id or None, amount)."""
    with desk["store"].unit_of_work() as uow:
        today = desk["today"]
        amounts = [Decimal(a) for _, _, a in lines]
        found = uow.add(Invoice(
            ref=uow.references.next("invoice"), funder_id=funder_id, person_id=(person or desk["ana"]).id,
            provider_organization_id=desk["crp"].id, period_from=today - timedelta(days=120),
            period_to=today - timedelta(days=90), revision=revision, previous_id=previous_id, status=status,
            total=Decimal(total) if total is not None else sum(amounts, Decimal("0.00")),
            submitted_on=None if submitted_days_ago is None else today - timedelta(days=submitted_days_ago),
            returned_on=today - timedelta(days=5) if status is InvoiceStatus.RETURNED else None,
            reason=reason, note="", created_by_id=desk["actor"].user_id))
        uow.flush()
        for n, (milestone_id, entry_id, amount) in enumerate(lines, start=1):
            uow.add(InvoiceLine(invoice_id=found.id, position=n, milestone_id=milestone_id,
                                service_entry_id=entry_id, served_on=today - timedelta(days=100), code=f"L{n}",
                                description="Line", units=Decimal("1"), rate=Decimal(amount),
                                amount=Decimal(amount), evidence=""))
        uow.flush()
        return found.id, found.ref
