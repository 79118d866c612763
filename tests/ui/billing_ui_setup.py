"""Money to collect for one demo person, written at "another desk" before (or while) the window is open:
a funder of our own (so lines of the demo's own funders are told apart) with a milestone service and an
hourly service and their rates; an authorization for the milestone; a milestone reached last month (by
hand, or from the person's job: placement) and an hour of service last month that no authorization covers,
so an invoice has a line and a held-back entry."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from caseteam.domain.billing import MilestoneEvent
from caseteam.domain.funding import (Authorization, AuthorizationStatus, BillingUnit, FeeRate, Funder, FunderKind,
                                     FunderService)
from caseteam.domain.organizations import Organization
from caseteam.services import invoices, milestones, service_entries
from sqlalchemy import select

FUNDER = "Northfield Rehabilitation Services"
MILESTONE_FEE = Decimal("2400.00")
HOURLY = Decimal("52.00")


def last_month_day(today: date, day: int = 6) -> date:
    """A day of the month just ended: the month the invoice dialog offers first."""
    first = date(today.year - 1, 12, 1) if today.month == 1 else date(today.year, today.month - 1, 1)
    return first.replace(day=day)


def month_of(day: date) -> tuple[date, date]:
    nxt = date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)
    return day.replace(day=1), nxt - timedelta(days=1)


def fund(desk, person_id, *, event: MilestoneEvent = MilestoneEvent.DISCOVERY_COMPLETE, unauthorized_hour=True):
    """The funder and services for `person_id`; a milestone reached last month unless `event` comes from
    employment (then refresh_all_due reaches it from the job). A dict of what was made."""

    def write(uow, actor):
        today = uow.today()
        org_id = uow.session.scalars(select(Organization.id).order_by(Organization.name)).first()
        funder = uow.add(Funder(ref=uow.references.next("funder"), organization_id=org_id, name=FUNDER,
                                kind=FunderKind.VR, rules="", report_layout="", blended_pool=False))
        uow.flush()
        made = {"funder_id": funder.id, "today": today}
        for key, code, name, unit, rate in (("milestone_service", "NM1", event.label, BillingUnit.MILESTONE,
                                             MILESTONE_FEE),
                                            ("hourly_service", "NJC", "Job coaching", BillingUnit.HOUR, HOURLY)):
            service = uow.add(FunderService(funder_id=funder.id, code=code, name=name, unit=unit,
                                            required_credential="", needs_first_payer_proof=False,
                                            evidence_required="",
                                            milestone_event=event if unit is BillingUnit.MILESTONE else
                                            MilestoneEvent.MANUAL))
            uow.flush()
            uow.add(FeeRate(funder_service_id=service.id, rate=rate, effective_from=today - timedelta(days=2000)))
            made[key] = service.id
        auth = uow.add(Authorization(
            ref=uow.references.next("authorization"), person_id=person_id, funder_id=funder.id,
            funder_service_id=made["milestone_service"], number="NRS-2231", units=Decimal("1"),
            amount=MILESTONE_FEE, rate=None, starts_on=today - timedelta(days=1500),
            ends_on=today + timedelta(days=200), status=AuthorizationStatus.ACTIVE, note=""))
        uow.flush()
        made["authorization_id"] = auth.id
        reached = last_month_day(today)
        if not event.from_employment:
            row, _ = milestones.record_milestone(uow, actor, person_id, funder_service_id=made["milestone_service"],
                                                 achieved_on=reached, evidence="Discovery summary delivered")
            made["milestone_id"], made["milestone_ref"] = row.id, row.ref
        if unauthorized_hour:
            entry, _ = service_entries.record_service(
                uow, actor, person_id, funder_service_id=made["hourly_service"], served_on=reached,
                starts_at=time(9, 0), ends_at=time(10, 0), provider_organization_id=org_id)
            made["entry_ref"] = entry.ref
        return made

    return desk(write)


def returned_invoice(desk, person_id, made, reason="The person's signature is missing"):
    """Draft, submit and return last month's invoice through the services; its id and ref."""

    def write(uow, actor):
        first, last = month_of(last_month_day(made["today"]))
        row, _ = invoices.draft_invoice(uow, actor, person_id, made["funder_id"], period_from=first, period_to=last)
        row, _ = invoices.submit_invoice(uow, actor, row.id, submitted_on=last + timedelta(days=1))
        row, _ = invoices.record_returned(uow, actor, row.id, returned_on=made["today"], reason=reason)
        return row.id, row.ref

    return desk(write)
