"""The rules a service entry is checked against, each giving words stored on the entry: which
authorization covers it and whether it fits, the rate, and the flags (credential, first-payer proof,
cost-share plan). Service really delivered is always saved; these decide only whether it may be invoiced."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_DOWN, Decimal

from caseteam.domain.funding import Authorization, AuthorizationStatus, FunderService
from caseteam.domain.organizations import StaffMember
from caseteam.errors import ValidationError
from caseteam.storage.queries import service_entries as queries

from .units import amount as times_rate

WARN_AT = Decimal(80)  # percent used at which each new entry warns
FIRST_PAYER = "Waiver pays this only with proof that VR or the school cannot provide it first"


def day(d: date) -> str:
    return f"{d:%b} {d.day}, {d.year}"


def count(d: Decimal) -> str:
    """41 for whole numbers, 2.50 otherwise (what "41 of 50 units" reads as)."""
    return str(int(d)) if d == d.to_integral_value() else f"{d:.2f}"


@dataclass
class Decision:
    rate: Decimal
    amount: Decimal
    authorization: Authorization | None  # linked: the entry draws on it
    unauthorized_reason: str = ""
    warnings: list[str] = field(default_factory=list)
    exhausts: bool = False


def candidate(uow, person_id: uuid.UUID, service: FunderService, served_on: date,
              authorization_id: uuid.UUID | None) -> Authorization | None:
    if authorization_id is None:
        return queries.covering_authorization(uow.session, person_id, service.id, served_on)
    found = queries.authorization(uow.session, authorization_id)
    if found.person_id != person_id:
        raise ValidationError("authorization_id", f"Authorization {found.ref} is someone else's; an entry draws "
                                                  "only on the person's own authorizations.")
    return found


def decide(uow, person_id: uuid.UUID, service: FunderService, served_on: date, units: Decimal,
           authorization_id: uuid.UUID | None, leaving_out=()) -> Decision:
    """Rate, amount and whether the authorization takes the entry (with the words when it does not)."""
    auth = candidate(uow, person_id, service, served_on, authorization_id)
    rate = None
    if auth is not None and auth.rate is not None and auth.funder_service_id == service.id:
        rate = auth.rate  # a negotiated rate on the authorization wins over the fee schedule
    if rate is None:
        from . import funders  # the fee schedule's owner (imported here: funders imports much)

        rate = funders.rate_on(uow, service.id, served_on)
    rate = Decimal(rate if rate is not None else 0).quantize(Decimal("0.01"))
    money = times_rate(units, rate)
    decision = Decision(rate, money, None)
    if auth is None:
        decision.unauthorized_reason = f"No authorization covers {service.name} on {day(served_on)}"
        return decision
    why = _outside(uow, auth, service, served_on, units, money, leaving_out, decision)
    if why:
        decision.unauthorized_reason = why
    else:
        decision.authorization = auth
    return decision


def _outside(uow, auth: Authorization, service: FunderService, served_on: date, units: Decimal, money: Decimal,
             leaving_out, decision: Decision) -> str:
    if auth.funder_service_id != service.id:
        other = queries.funder_service(uow.session, auth.funder_service_id)
        return f"{auth.ref} is for {other.name}, not {service.name}"
    if auth.status is AuthorizationStatus.EXPIRED or (auth.ends_on is not None and served_on > auth.ends_on):
        if auth.ends_on is not None:
            return f"{auth.ref} ended on {day(auth.ends_on)}; this entry is on {day(served_on)}"
        return f"{auth.ref} has expired"
    if auth.starts_on is not None and served_on < auth.starts_on:
        return f"{auth.ref} starts on {day(auth.starts_on)}; this entry is on {day(served_on)}"
    if auth.status in (AuthorizationStatus.REQUESTED, AuthorizationStatus.CANCELLED):
        return f"{auth.ref} is {auth.status.label.lower()}, not active"
    used_units, used_money = queries.drawn(uow.session, auth.id, leaving_out=leaving_out)
    if auth.units is not None and units > auth.units - used_units:
        return f"{auth.ref} has {auth.units - used_units:.2f} units left; this entry asks {units:.2f}"
    if auth.amount is not None and money > auth.amount - used_money:
        return f"{auth.ref} has ${auth.amount - used_money:,.2f} left; this entry asks ${money:,.2f}"
    # Inside: warn from 80% used, and say when this entry uses it up.
    shares = []
    if auth.units:
        shares.append(((used_units + units) / auth.units, f"{count(used_units + units)} of {count(auth.units)} units"))
    if auth.amount:
        shares.append(((used_money + money) / auth.amount, f"${used_money + money:,.2f} of ${auth.amount:,.2f}"))
    if shares:
        share, words = max(shares, key=lambda s: s[0])
        percent = (share * 100).quantize(Decimal(1), ROUND_DOWN)
        if share >= 1:
            decision.exhausts = True
            decision.warnings.append(f"{auth.ref} is now used up ({words}); it is exhausted")
        elif percent >= WARN_AT:
            decision.warnings.append(f"{auth.ref} is {percent}% used ({words})")
    return ""


def flags(uow, *, person_id: uuid.UUID, service: FunderService, served_on: date, units: Decimal, rate: Decimal,
          staff_id: uuid.UUID | None) -> list[str]:
    """What stops an entry being invoiced apart from its authorization, one line each."""
    lines = []
    if units == 0:
        lines.append("The times give no unit to bill (too short for the funder's rounding rule)")
    if rate == 0:
        lines.append(f"No fee on the schedule for {service.name} on {day(served_on)}")
    if service.required_credential:
        staff = uow.session.get(StaffMember, staff_id) if staff_id is not None else None
        if staff is None:
            lines.append(f"Needs {service.required_credential}: no staff member is named on the entry")
        elif not queries.holds_credential(uow.session, staff.id, service.required_credential, served_on):
            lines.append(f"Needs {service.required_credential}: {staff.given_name} {staff.family_name} holds "
                         f"none on {day(served_on)}")
    if service.needs_first_payer_proof and not queries.has_first_payer_proof(uow.session, person_id, service.id):
        lines.append(FIRST_PAYER)
    lines.extend(_cost_share(uow, person_id, service, served_on))
    return lines


def _cost_share(uow, person_id: uuid.UUID, service: FunderService, served_on: date) -> list[str]:
    """A unit is never billed to two funders: the plan names who pays the service on each day. The
    service's name in the plan is taken from the plan's rows for this funder service, else its own name."""
    rows = queries.cost_share_rows(uow.session, person_id)
    if not rows:
        return []
    names = {r.service_name for r in rows if r.funder_service_id == service.id}
    if not names:
        names = {r.service_name for r in rows if r.service_name.casefold() == service.name.casefold()}
    lines = []
    for name in sorted(names):
        covering = sorted((r for r in rows if r.service_name == name and r.starts_on <= served_on
                           and (r.ends_on is None or served_on <= r.ends_on)), key=lambda r: r.sequence)
        if any(r.funder_service_id == service.id for r in covering):
            continue  # this funder is in the plan for the day (sequence says who pays first)
        if covering:
            payer = queries.funder(uow.session, queries.funder_service(uow.session,
                                                                       covering[0].funder_service_id).funder_id)
            lines.append(f"The cost-share plan has {payer.name} paying {name} on {day(served_on)}")
        else:
            lines.append(f"The cost-share plan has no funder paying {name} on {day(served_on)}")
    return lines
