"""A month of funding written directly as rows (funders, authorizations, service entries, milestones and
the invoices that carried them), for tests of what reads them (the funding report, its CLI and dialog)
that should not depend on how the invoices and milestones services record them."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

from caseteam.domain.billing import Invoice, InvoiceLine, InvoiceStatus, Milestone, MilestoneEvent, MilestoneStatus
from caseteam.domain.funding import (Authorization, AuthorizationStatus, BillingUnit, Funder, FunderKind,
                                     FunderService, ServiceEntry)

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def funder(uow, organization_id, name, kind=FunderKind.VR, *, blended_pool=False, services=()):
    """A funder and its services [(code, name, unit)] -> (funder, {code: service})."""
    made = uow.add(Funder(ref=uow.references.next("funder"), organization_id=organization_id, name=name, kind=kind,
                          rules="", report_layout="", blended_pool=blended_pool))
    uow.flush()
    found = {}
    for code, service_name, unit in services:
        found[code] = uow.add(FunderService(funder_id=made.id, code=code, name=service_name, unit=unit,
                                            required_credential="", needs_first_payer_proof=False,
                                            evidence_required=""))
    uow.flush()
    return made, found


def authorization(uow, person_id, service, *, units=None, amount=None, starts=date(2026, 1, 1),
                  ends=date(2026, 6, 30), status=AuthorizationStatus.ACTIVE):
    made = uow.add(Authorization(
        ref=uow.references.next("authorization"), person_id=person_id, funder_id=service.funder_id,
        funder_service_id=service.id, number="", units=None if units is None else Decimal(units),
        amount=None if amount is None else Decimal(amount), starts_on=starts, ends_on=ends, status=status, note=""))
    uow.flush()
    return made


def entry(uow, actor, person_id, service, provider_id, served_on, units, amount, *, auth=None, unauthorized="",
          flags="", override_by=None, override_reason="", corrects=None):
    units, amount = Decimal(units), Decimal(amount)
    made = uow.add(ServiceEntry(
        ref=uow.references.next("service_entry"), person_id=person_id, funder_service_id=service.id,
        served_on=served_on, units=units, rate=(amount / units).quantize(Decimal("0.01")), amount=amount,
        provider_organization_id=provider_id, authorization_id=auth.id if auth else None,
        unauthorized_reason=unauthorized, flags=flags, override_by_id=override_by, override_reason=override_reason,
        override_at=datetime(2026, 3, 20, 15, 0, tzinfo=timezone.utc) if override_by else None,
        corrects_id=corrects.id if corrects else None, recorded_by_id=actor.user_id))
    uow.flush()
    return made


def milestone(uow, actor, person_id, service, achieved_on, amount, status, *, auth=None, reason=""):
    made = uow.add(Milestone(ref=uow.references.next("milestone"), person_id=person_id,
                             funder_service_id=service.id, authorization_id=auth.id if auth else None,
                             event=MilestoneEvent.MANUAL, achieved_on=achieved_on, amount=Decimal(amount),
                             evidence="Report delivered", status=status, reason=reason,
                             recorded_by_id=actor.user_id))
    uow.flush()
    return made


def invoice(uow, actor, person_id, funder_row, provider_id, milestones, status, *, submitted_on, paid_on=None,
            returned_on=None, reason=""):
    total = sum((m.amount for m in milestones), Decimal("0.00"))
    made = uow.add(Invoice(ref=uow.references.next("invoice"), funder_id=funder_row.id, person_id=person_id,
                           provider_organization_id=provider_id, period_from=MARCH[0], period_to=MARCH[1],
                           status=status, total=total, submitted_on=submitted_on, paid_on=paid_on,
                           paid_amount=total if paid_on else None, returned_on=returned_on, reason=reason,
                           created_by_id=actor.user_id))
    uow.flush()
    for n, m in enumerate(milestones, start=1):
        uow.add(InvoiceLine(invoice_id=made.id, position=n, milestone_id=m.id, served_on=m.achieved_on, code="M",
                            description="Milestone", units=Decimal("1"), rate=m.amount, amount=m.amount))
    uow.flush()
    return made


def march_scene(uow, actor, person_id, crp_id, other_provider_id, funder_org_id, supervisor_user_id):
    """One person's March: VR job coaching on a 40-hour authorization (drawn by two providers, one entry
    corrected, one outside any authorization, one overridden, one flagged, one in February), a VR Discovery
    milestone reached and paid, a placement milestone from February returned for a missing signature, and
    waiver supports from a blended pool. Returns the rows by name."""
    vr, vr_services = funder(uow, funder_org_id, "Riverside VR", services=(
        ("JC", "Job coaching", BillingUnit.HOUR), ("DISC", "Discovery complete", BillingUnit.MILESTONE),
        ("PLC", "Job placement", BillingUnit.MILESTONE)))
    pool, pool_services = funder(uow, funder_org_id, "Tri-County pooled fund", FunderKind.MEDICAID_WAIVER,
                                 blended_pool=True, services=(("T2019", "Supported employment",
                                                               BillingUnit.QUARTER_HOUR),))
    coach, disc, plc, t2019 = vr_services["JC"], vr_services["DISC"], vr_services["PLC"], pool_services["T2019"]
    hours = authorization(uow, person_id, coach, units="40")
    discovery = authorization(uow, person_id, disc, units="1", amount="3000.00")
    waiver = authorization(uow, person_id, t2019, units="500")
    march = lambda day: date(2026, 3, day)  # noqa: E731
    rows = dict(vr=vr, pool=pool, coach=coach, disc=disc, plc=plc, t2019=t2019, hours=hours, discovery=discovery,
                waiver=waiver)
    rows["february"] = entry(uow, actor, person_id, coach, crp_id, date(2026, 2, 20), "2.00", "110.00", auth=hours)
    rows["plain"] = entry(uow, actor, person_id, coach, crp_id, march(2), "2.00", "110.00", auth=hours)
    first = entry(uow, actor, person_id, coach, crp_id, march(3), "3.00", "165.00", auth=hours)
    rows["corrected"] = first
    rows["correction"] = entry(uow, actor, person_id, coach, crp_id, march(3), "2.50", "137.50", auth=hours,
                               corrects=first)
    rows["other_provider"] = entry(uow, actor, person_id, coach, other_provider_id, march(4), "1.00", "55.00",
                                   auth=hours)
    rows["unauthorized"] = entry(uow, actor, person_id, coach, crp_id, march(5), "4.00", "220.00",
                                 unauthorized="No authorization covers Job coaching on March 5, 2026")
    rows["overridden"] = entry(uow, actor, person_id, coach, crp_id, march(6), "1.50", "82.50", auth=hours,
                               unauthorized="VR-1 has 0.00 hours left", override_by=supervisor_user_id,
                               override_reason="Counselor approved the extra hours by phone")
    rows["flagged"] = entry(uow, actor, person_id, coach, crp_id, march(9), "1.00", "55.00", auth=hours,
                            flags="Staff member lacks the ACRE CE certificate")
    rows["pooled"] = entry(uow, actor, person_id, t2019, crp_id, march(10), "8.00", "107.76", auth=waiver)
    reached = milestone(uow, actor, person_id, disc, march(10), "3000.00", MilestoneStatus.PAID, auth=discovery)
    placed = milestone(uow, actor, person_id, plc, date(2026, 2, 20), "1500.00", MilestoneStatus.RETURNED,
                       reason="Missing signature")
    rows["reached"], rows["placed"] = reached, placed
    rows["paid_invoice"] = invoice(uow, actor, person_id, vr, crp_id, [reached], InvoiceStatus.PAID,
                                   submitted_on=march(12), paid_on=march(25))
    rows["returned_invoice"] = invoice(uow, actor, person_id, vr, crp_id, [placed], InvoiceStatus.RETURNED,
                                       submitted_on=march(5), returned_on=march(15), reason="Missing signature")
    return rows


def demo_with_march(path) -> str:
    """The demo store at `path` with march_scene for its first person (a Bridgeway-style provider and the
    VR office from the demo's directory); returns that person's name."""
    from sqlalchemy import select

    from caseteam.domain.organizations import Organization
    from caseteam.domain.people import Person
    from caseteam.domain.users import User
    from caseteam.services import people, users
    from caseteam.storage.store import open_store

    store = open_store(path)
    try:
        admin = users.sign_in(store, "admin", "caseteam-demo")
        with store.unit_of_work() as uow:
            first = uow.session.get(Person, people.caseload(uow, admin)[0].id)
            others = [o for o in uow.session.scalars(select(Organization.id).order_by(Organization.name))
                      if o != first.home_organization_id]
            supervisor = uow.session.scalar(select(User.id).where(User.username == "supervisor"))
            march_scene(uow, admin, first.id, first.home_organization_id, others[0], others[1], supervisor)
            return first.display_name
    finally:
        store.close()


def service_funding_report(path, period=MARCH):
    """The funding report read straight from the store at `path`, signed in as the demo administrator."""
    from caseteam.services import funding_report, users
    from caseteam.storage.store import open_store

    store = open_store(path)
    try:
        admin = users.sign_in(store, "admin", "caseteam-demo")
        with store.unit_of_work(write=False) as uow:
            return funding_report.funding_report(uow, admin, period_from=period[0], period_to=period[1])
    finally:
        store.close()
