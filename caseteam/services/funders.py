"""Funders, the services they pay for, their fee schedules by date, a person's cost-share plan, and how
much of an authorization the service entries have used. Money is Decimal throughout, never a float.

Setting funders up is store-wide (Action.MANAGE_PARTNERS). Authorizations live in services/authorizations.py
and the configuration pack in services/funder_pack.py; their entry points are re-exported here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from caseteam.domain.funding import (BillingUnit, CostShareEntry, FeeRate, Funder, FunderKind, FunderService,
                                     UnitRounding)
from caseteam.domain.organizations import Organization, Program
from caseteam.domain.text import fold
from caseteam.errors import NotFound, ValidationError
from caseteam.storage.queries import funding as queries

from . import access
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import apply_fields, audit_safe, check_version, required_text

CENT = Decimal("0.01")
MAX_MONEY = Decimal("99999999.99")  # Numeric(10, 2)
FUNDER_FIELDS = ("name", "kind", "program_id", "unit_rounding", "rules", "report_layout", "blended_pool")
SERVICE_FIELDS = ("code", "name", "unit", "required_credential", "needs_first_payer_proof", "evidence_required")
CHANGED = Changes(funding=True)


def money(field: str, label: str, value) -> Decimal:
    """A positive dollar amount with at most cents, from Decimal, int or text ("42.50"); floats are refused
    because they cannot hold cents exactly."""
    if isinstance(value, (float, bool)) or value is None:
        raise ValidationError(field, f"{label} must be a dollar amount such as 42.50.")
    try:
        amount = Decimal(str(value).strip().replace(",", "").lstrip("$"))
    except InvalidOperation:
        raise ValidationError(field, f'{label} "{value}" is not a dollar amount (write it like 42.50).') from None
    if not amount.is_finite() or amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise ValidationError(field, f"{label} {value} has more than two decimals: give dollars and cents.")
    if amount <= 0:
        raise ValidationError(field, f"{label} must be more than $0.00.")
    if amount > MAX_MONEY:
        raise ValidationError(field, f"{label} {value} is too large.")
    return amount.quantize(CENT)


@dataclass(frozen=True)
class RateRow:
    id: uuid.UUID
    funder_service_id: uuid.UUID
    rate: Decimal
    effective_from: date
    effective_to: date | None

    @classmethod
    def of(cls, r: FeeRate) -> RateRow:
        return cls(r.id, r.funder_service_id, r.rate, r.effective_from, r.effective_to)


@dataclass(frozen=True)
class FunderServiceRow:
    id: uuid.UUID
    funder_id: uuid.UUID
    code: str
    name: str
    unit: BillingUnit
    required_credential: str
    needs_first_payer_proof: bool
    evidence_required: str
    rates: tuple[RateRow, ...]
    version: int
    archived: bool

    @classmethod
    def of(cls, uow, s: FunderService) -> FunderServiceRow:
        return cls(s.id, s.funder_id, s.code, s.name, s.unit, s.required_credential, s.needs_first_payer_proof,
                   s.evidence_required, tuple(RateRow.of(r) for r in queries.rates_of(uow.session, s.id)),
                   s.version, s.archived_at is not None)


@dataclass(frozen=True)
class FunderRow:
    id: uuid.UUID
    ref: str
    organization_id: uuid.UUID
    program_id: uuid.UUID | None
    name: str
    kind: FunderKind
    unit_rounding: UnitRounding
    rules: str
    report_layout: str
    blended_pool: bool
    services: tuple[FunderServiceRow, ...]
    version: int
    archived: bool

    @classmethod
    def of(cls, uow, f: Funder) -> FunderRow:
        return cls(f.id, f.ref, f.organization_id, f.program_id, f.name, f.kind, f.unit_rounding, f.rules,
                   f.report_layout, f.blended_pool,
                   tuple(FunderServiceRow.of(uow, s) for s in queries.services_of(uow.session, f.id)),
                   f.version, f.archived_at is not None)


def _funder_values(uow, organization_id: uuid.UUID, values: dict) -> dict:
    if "name" in values:
        values["name"] = required_text("name", "Funder name", values["name"])
    if "kind" in values:
        values["kind"] = FunderKind(values["kind"])
    if "unit_rounding" in values:
        values["unit_rounding"] = UnitRounding(values["unit_rounding"])
    if "report_layout" in values:
        values["report_layout"] = (values["report_layout"] or "").strip()[:40]
    if "rules" in values:
        values["rules"] = (values["rules"] or "").strip()
    if "blended_pool" in values:
        values["blended_pool"] = bool(values["blended_pool"])
    if values.get("program_id") is not None:
        program = uow.session.get(Program, values["program_id"])
        if program is None or program.organization_id != organization_id:
            raise ValidationError("program_id", "That program is not one of the funder's organization's programs.")
    return values


def create_funder(uow, actor: Actor, *, organization_id: uuid.UUID, name: str, kind: FunderKind,
                  program_id: uuid.UUID | None = None, unit_rounding: UnitRounding = UnitRounding.EIGHT_MINUTE,
                  rules: str = "", report_layout: str = "", blended_pool: bool = False) -> tuple[FunderRow, Changes]:
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    if uow.session.get(Organization, organization_id) is None:
        raise ValidationError("organization_id", "That organization is not in the partner directory.")
    values = _funder_values(uow, organization_id, dict(name=name, kind=kind, program_id=program_id,
                                                       unit_rounding=unit_rounding, rules=rules,
                                                       report_layout=report_layout, blended_pool=blended_pool))
    funder = uow.add(Funder(ref=uow.references.next("funder"), organization_id=organization_id, **values))
    uow.flush()
    uow.audit.record(actor, funder, "created", changes=audit_safe({k: [None, v] for k, v in values.items()}))
    return FunderRow.of(uow, funder), CHANGED


def update_funder(uow, actor: Actor, funder_id: uuid.UUID, *, version: int | None = None,
                  **values) -> tuple[FunderRow, Changes]:
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    funder = queries.funder(uow.session, funder_id)
    check_version(funder, version, f"funder {funder.name}")
    changed = apply_fields(funder, _funder_values(uow, funder.organization_id, dict(values)), FUNDER_FIELDS)
    if changed:
        funder.updated_at = uow.now()
        uow.flush()
        uow.audit.record(actor, funder, "updated", changes=audit_safe(changed))
    return FunderRow.of(uow, funder), CHANGED if changed else Changes()


def list_funders(uow, actor: Actor, *, organization_id: uuid.UUID | None = None) -> list[FunderRow]:
    return [FunderRow.of(uow, f) for f in queries.funders(uow.session, organization_id=organization_id)]


def get_funder(uow, actor: Actor, funder_id: uuid.UUID) -> FunderRow:
    return FunderRow.of(uow, queries.funder(uow.session, funder_id))


def _service_values(uow, funder_id: uuid.UUID, values: dict, service_id: uuid.UUID | None = None) -> dict:
    if "code" in values:
        values["code"] = required_text("code", "Service code", values["code"], max_length=40)
        same = queries.service_coded(uow.session, funder_id, values["code"])
        if same is not None and same.id != service_id:
            raise ValidationError("code", f"This funder already has a service coded {values['code']} "
                                          f"({same.name}); each code is used once per funder.")
    if "name" in values:
        values["name"] = required_text("name", "Service name", values["name"])
    if "unit" in values:
        values["unit"] = BillingUnit(values["unit"])
    for text in ("required_credential", "evidence_required"):
        if text in values:
            values[text] = (values[text] or "").strip()
    if len(values.get("required_credential", "")) > 100:
        raise ValidationError("required_credential", "The required credential is at most 100 characters.")
    if "needs_first_payer_proof" in values:
        values["needs_first_payer_proof"] = bool(values["needs_first_payer_proof"])
    return values


def add_funder_service(uow, actor: Actor, funder_id: uuid.UUID, *, code: str, name: str, unit: BillingUnit,
                       required_credential: str = "", needs_first_payer_proof: bool = False,
                       evidence_required: str = "") -> tuple[FunderServiceRow, Changes]:
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    funder = queries.funder(uow.session, funder_id)
    values = _service_values(uow, funder.id, dict(code=code, name=name, unit=unit,
                                                  required_credential=required_credential,
                                                  needs_first_payer_proof=needs_first_payer_proof,
                                                  evidence_required=evidence_required))
    service = uow.add(FunderService(funder_id=funder.id, **values))
    uow.flush()
    uow.audit.record(actor, service, "service added", changes=audit_safe(
        {"funder": [None, funder.ref]} | {k: [None, v] for k, v in values.items()}))
    return FunderServiceRow.of(uow, service), CHANGED


def update_funder_service(uow, actor: Actor, service_id: uuid.UUID, *, version: int | None = None,
                          **values) -> tuple[FunderServiceRow, Changes]:
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    service = queries.funder_service(uow.session, service_id)
    check_version(service, version, f"service {service.code}")
    changed = apply_fields(service, _service_values(uow, service.funder_id, dict(values), service.id),
                           SERVICE_FIELDS)
    if changed:
        service.updated_at = uow.now()
        uow.flush()
        uow.audit.record(actor, service, "service updated", changes=audit_safe(changed))
    return FunderServiceRow.of(uow, service), CHANGED if changed else Changes()


def archive_funder_service(uow, actor: Actor, service_id: uuid.UUID, *,
                           version: int | None = None) -> tuple[FunderServiceRow, Changes]:
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    service = queries.funder_service(uow.session, service_id)
    check_version(service, version, f"service {service.code}")
    service.archived_at = service.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, service, "service archived")
    return FunderServiceRow.of(uow, service), CHANGED


# Fee schedule ------------------------------------------------------------------------------------------

def rate_in(rates, day: date) -> Decimal | None:
    """The rate whose dates cover `day` among fee-rate rows (anything with rate/effective_from/effective_to)."""
    covering = [r for r in rates if r.effective_from <= day and (r.effective_to is None or day <= r.effective_to)]
    return max(covering, key=lambda r: r.effective_from).rate if covering else None


def rate_on(uow, funder_service_id: uuid.UUID, day: date) -> Decimal | None:
    """What the funder pays per unit of this service on `day`, or None when no rate covers it."""
    return rate_in(queries.rates_of(uow.session, funder_service_id), day)


def set_rate(uow, actor: Actor, funder_service_id: uuid.UUID, *, rate, effective_from: date) -> tuple[RateRow, Changes]:
    """A new rate from a date; the rate open until then now ends the day before."""
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    service = queries.funder_service(uow.session, funder_service_id)
    amount = money("rate", "The rate", rate)
    if not isinstance(effective_from, date):
        raise ValidationError("effective_from", "Give the date the rate applies from.")
    earlier = queries.rates_of(uow.session, service.id)
    if any(r.effective_from >= effective_from for r in earlier):
        latest = max(r.effective_from for r in earlier)
        raise ValidationError("effective_from", f"Service {service.code} already has a rate from "
                                                f"{latest:%B %-d, %Y}; a new rate starts after it.")
    for previous in earlier:
        if previous.effective_to is None or previous.effective_to >= effective_from:
            uow.audit.record(actor, previous, "rate closed", changes=audit_safe(
                {"effective_to": [previous.effective_to, effective_from - timedelta(days=1)]}))
            previous.effective_to = effective_from - timedelta(days=1)
    row = uow.add(FeeRate(funder_service_id=service.id, rate=amount, effective_from=effective_from))
    uow.flush()
    uow.audit.record(actor, row, "rate set", changes=audit_safe(
        {"service": [None, service.code], "rate": [None, amount], "effective_from": [None, effective_from]}))
    return RateRow.of(row), CHANGED


# How much of an authorization is used ------------------------------------------------------------------

@dataclass(frozen=True)
class AuthorizationUsage:
    units_used: Decimal
    amount_used: Decimal
    units_left: Decimal | None  # None when the authorization gives no units (an amount only)
    amount_left: Decimal | None
    percent_used: Decimal  # the larger of units and amount used, as a percentage to one decimal


def count_usage(authorization_id: uuid.UUID, units: Decimal | None, amount: Decimal | None,
                entries) -> AuthorizationUsage:
    """Sum the entries drawn on the authorization that no other entry corrects: a corrected entry counts
    only through its correction (which counts when it is drawn on the same authorization)."""
    entries = list(entries)
    corrected = {e.corrects_id for e in entries if e.corrects_id is not None}
    counted = [e for e in entries if e.authorization_id == authorization_id and e.id not in corrected]
    units_used = sum((Decimal(e.units) for e in counted), Decimal("0.00"))
    amount_used = sum((Decimal(e.amount) for e in counted), Decimal("0.00"))
    shares = [used / given for used, given in ((units_used, units), (amount_used, amount)) if given]
    percent = (max(shares) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if shares else Decimal("0.0")
    return AuthorizationUsage(units_used, amount_used, None if units is None else units - units_used,
                              None if amount is None else amount - amount_used, percent)


def usage(uow, authorization_id: uuid.UUID) -> AuthorizationUsage:
    found = queries.authorization(uow.session, authorization_id)
    drawn = queries.entries_on(uow.session, found.id)
    correctors = queries.correctors_of(uow.session, [e.id for e in drawn])
    seen, everything = set(), []
    while drawn or correctors:  # follow chains of corrections of corrections
        for e in drawn + correctors:
            if e.id not in seen:
                seen.add(e.id)
                everything.append(e)
        drawn, correctors = [], [c for c in queries.correctors_of(uow.session, [e.id for e in correctors])
                                 if c.id not in seen]
    return count_usage(found.id, found.units, found.amount, everything)


# Cost-share plan ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CostShareRow:
    id: uuid.UUID
    person_id: uuid.UUID
    funder_service_id: uuid.UUID
    funder_id: uuid.UUID
    funder_name: str
    blended_pool: bool
    service_name: str
    sequence: int
    starts_on: date
    ends_on: date | None
    note: str

    @classmethod
    def of(cls, uow, e: CostShareEntry) -> CostShareRow:
        service = queries.funder_service(uow.session, e.funder_service_id)
        funder = queries.funder(uow.session, service.funder_id)
        return cls(e.id, e.person_id, e.funder_service_id, funder.id, funder.name, funder.blended_pool,
                   e.service_name, e.sequence, e.starts_on, e.ends_on, e.note)


def _overlap_start(a, b) -> date | None:
    start = max(a[3], b[3])
    end = min(d for d in (a[4], b[4], date.max) if d is not None)
    return start if start <= end else None


def set_cost_share(uow, actor: Actor, person_id: uuid.UUID, entries) -> tuple[list[CostShareRow], Changes]:
    """Replace the person's plan. entries: (funder_service_id, service_name, sequence, starts_on, ends_on, note)."""
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    checked = []
    for n, (service_id, service_name, sequence, starts_on, ends_on, note) in enumerate(entries, start=1):
        try:
            service = queries.funder_service(uow.session, service_id)
        except NotFound:
            raise ValidationError("funder_service_id", f"Line {n} of the cost-share plan names a service that "
                                                       "is not in the fee schedule.") from None
        name = " ".join(required_text("service_name", f"The service on line {n}", service_name).split())
        if ends_on is not None and ends_on < starts_on:
            raise ValidationError("ends_on", f"On line {n} ({name}) the end date is before the start date.")
        funder = queries.funder(uow.session, service.funder_id)
        checked.append((service, name, int(sequence), starts_on, ends_on, (note or "").strip(), funder))
    for i, a in enumerate(checked):
        for b in checked[i + 1:]:
            if fold(a[1]) != fold(b[1]):
                continue
            start = _overlap_start(a, b)
            if start is None:
                continue
            if a[6].id == b[6].id:
                raise ValidationError("starts_on", f"{a[1]} is listed twice for {a[6].name} from {start:%B %-d, %Y}.")
            raise ValidationError("funder_service_id", f"A unit of service is never split between funders: {a[1]} "
                                                       f"is paid by {a[6].name} and {b[6].name} from "
                                                       f"{start:%B %-d, %Y}.")
    uow.people.get(person_id)
    before = queries.cost_share_of(uow.session, person_id)
    for old in before:
        old.archived_at = old.updated_at = uow.now()
    made = [uow.add(CostShareEntry(person_id=person_id, funder_service_id=s.id, service_name=name, sequence=seq,
                                   starts_on=start, ends_on=end, note=note))
            for s, name, seq, start, end, note, _ in checked]
    uow.flush()
    words = [f"{name}: {f.name} {start}..{end or ''}" for _, name, _, start, end, _, f in checked]
    uow.audit.record(actor, ("cost_share_entries", person_id), "cost-share plan set", person_id=person_id,
                     changes={"entries": [len(before), words]})
    return [CostShareRow.of(uow, e) for e in made], CHANGED


def cost_share(uow, actor: Actor, person_id: uuid.UUID) -> list[CostShareRow]:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    return [CostShareRow.of(uow, e) for e in queries.cost_share_of(uow.session, person_id)]


def payer_on(uow, person_id: uuid.UUID, service_name: str, day: date) -> CostShareRow | None:
    """Which funder's service pays this service for the person on `day` (the plan's entry covering it)."""
    wanted = fold(" ".join((service_name or "").split()))
    covering = [e for e in queries.cost_share_of(uow.session, person_id)
                if fold(e.service_name) == wanted and e.starts_on <= day and (e.ends_on is None or day <= e.ends_on)]
    covering.sort(key=lambda e: (e.sequence, e.starts_on))
    return CostShareRow.of(uow, covering[0]) if covering else None


_ELSEWHERE = {name: "authorizations" for name in (
    "request_authorization", "record_received", "amend_authorization", "cancel_authorization", "expire_due",
    "list_authorizations", "get_authorization")} | {"export_pack": "funder_pack", "import_pack": "funder_pack"}


def __getattr__(name: str):
    # Looked up on use: those modules import this one (for money and rate_on), so not at import time.
    if name in _ELSEWHERE:
        import importlib

        return getattr(importlib.import_module(f"{__package__}.{_ELSEWHERE[name]}"), name)
    raise AttributeError(name)
