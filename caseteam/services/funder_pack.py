"""A configuration pack: funders, the services they pay for and their dated rates as one JSON file, so one
agency's fee-schedule setup can be loaded into another store. Import is all or nothing: the whole pack is
checked before anything is written."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from caseteam.domain.billing import MilestoneEvent
from caseteam.domain.funding import BillingUnit, FeeRate, Funder, FunderKind, FunderService, UnitRounding
from caseteam.domain.organizations import Organization, Program
from caseteam.errors import ValidationError
from caseteam.storage.queries import funding as queries

from . import access, funders
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe

FORMAT = "caseteam-funders/1"
KIND_WORDS = {str: "text", bool: "true or false", list: "a list"}


@dataclass(frozen=True)
class ImportSummary:
    funders_created: int
    funders_updated: int
    services_created: int
    services_updated: int
    rates_added: int

    @property
    def words(self) -> str:
        return (f"{self.funders_created} funders added, {self.funders_updated} updated; {self.services_created} "
                f"services added, {self.services_updated} updated; {self.rates_added} rates added.")


def export_pack(uow, actor: Actor, funder_ids) -> bytes:
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    out = []
    for funder_id in funder_ids:
        f = queries.funder(uow.session, funder_id)
        org = uow.session.get(Organization, f.organization_id)
        program = uow.session.get(Program, f.program_id) if f.program_id else None
        out.append({
            "name": f.name, "organization": org.name, "program": program.name if program else "",
            "kind": f.kind.value, "unit_rounding": f.unit_rounding.value, "rules": f.rules,
            "report_layout": f.report_layout, "blended_pool": f.blended_pool,
            "services": [{"code": s.code, "name": s.name, "unit": s.unit.value,
                          "required_credential": s.required_credential,
                          "needs_first_payer_proof": s.needs_first_payer_proof,
                          "evidence_required": s.evidence_required,
                          "milestone_event": s.milestone_event.value,
                          "rates": [{"rate": str(r.rate), "effective_from": r.effective_from.isoformat(),
                                     "effective_to": r.effective_to.isoformat() if r.effective_to else None}
                                    for r in queries.rates_of(uow.session, s.id)]}
                         for s in queries.services_of(uow.session, f.id)]})
    out.sort(key=lambda d: (d["organization"], d["name"]))
    return json.dumps({"format": FORMAT, "funders": out}, indent=2, ensure_ascii=False).encode("utf-8")


def _field(record: dict, key: str, where: str, kind=str, required=True):
    if key not in record:
        if required:
            raise ValidationError(key, f'The pack is missing "{key}" for {where}.')
        return kind()
    value = record[key]
    if not isinstance(value, kind):
        raise ValidationError(key, f'In the pack, "{key}" for {where} should be {KIND_WORDS[kind]}.')
    return value


def _enum(enum_cls, value: str, key: str, where: str):
    try:
        return enum_cls(value)
    except ValueError:
        raise ValidationError(key, f'In the pack, "{key}" for {where} is "{value}", which is not one of '
                                   f'{", ".join(e.value for e in enum_cls)}.') from None


def _day(value, key: str, where: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError(key, f'In the pack, "{key}" for {where} is not a date (YYYY-MM-DD).') from None


def _parse(data: bytes) -> list[dict]:
    """The pack's funders, fully checked, as plain values ready to write."""
    try:
        pack = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValidationError("file", "This file is not a funder configuration pack (it is not JSON).") from None
    if not isinstance(pack, dict) or pack.get("format") != FORMAT:
        found = pack.get("format") if isinstance(pack, dict) else None
        raise ValidationError("format", f'This file is not a funder configuration pack in format {FORMAT} '
                                        f'(its format is "{found}").')
    items = pack.get("funders")
    if not isinstance(items, list):
        raise ValidationError("funders", 'The pack is missing its list of "funders".')
    parsed = []
    for n, f in enumerate(items, start=1):
        if not isinstance(f, dict):
            raise ValidationError("funders", f"Funder {n} in the pack is not a record.")
        where = f"funder {n}"
        name = _field(f, "name", where).strip()
        if not name:
            raise ValidationError("name", f"Funder {n} in the pack has no name.")
        where = f'funder "{name}"'
        item = {"name": name, "organization": _field(f, "organization", where).strip(),
                "program": _field(f, "program", where, required=False).strip(),
                "kind": _enum(FunderKind, _field(f, "kind", where), "kind", where),
                "unit_rounding": _enum(UnitRounding, _field(f, "unit_rounding", where), "unit_rounding", where),
                "rules": _field(f, "rules", where, required=False),
                "report_layout": _field(f, "report_layout", where, required=False),
                "blended_pool": _field(f, "blended_pool", where, bool, required=False), "services": []}
        codes = set()
        for s in _field(f, "services", where, list):
            if not isinstance(s, dict):
                raise ValidationError("services", f"A service of {where} in the pack is not a record.")
            code = _field(s, "code", f"a service of {where}").strip()
            swhere = f'service {code} of {where}'
            if not code or code in codes:
                raise ValidationError("code", f"The pack gives {where} an empty or repeated service code ({code}).")
            codes.add(code)
            rates = []
            for r in _field(s, "rates", swhere, list, required=False):
                if not isinstance(r, dict):
                    raise ValidationError("rates", f"A rate of {swhere} in the pack is not a record.")
                try:
                    amount = funders.money("rate", f"The rate of {swhere}", r.get("rate"))
                except ValidationError as bad:
                    raise ValidationError("rate", f"Bad rate in the pack: {bad.message}") from None
                start = _day(r.get("effective_from"), "effective_from", swhere)
                end = _day(r["effective_to"], "effective_to", swhere) if r.get("effective_to") else None
                if end is not None and end < start:
                    raise ValidationError("effective_to", f"A rate of {swhere} ends before it starts.")
                rates.append((amount, start, end))
            item["services"].append({
                "code": code, "name": _field(s, "name", swhere).strip() or code,
                "unit": _enum(BillingUnit, _field(s, "unit", swhere), "unit", swhere),
                "required_credential": _field(s, "required_credential", swhere, required=False),
                "needs_first_payer_proof": _field(s, "needs_first_payer_proof", swhere, bool, required=False),
                "evidence_required": _field(s, "evidence_required", swhere, required=False), "rates": rates})
            if "milestone_event" in s:  # optional: packs written before milestones had it leave it as it is
                item["services"][-1]["milestone_event"] = _enum(
                    MilestoneEvent, _field(s, "milestone_event", swhere), "milestone_event", swhere)
        parsed.append(item)
    return parsed


def _resolve(uow, item: dict) -> tuple[uuid.UUID, uuid.UUID | None]:
    org = uow.session.scalars(select(Organization).where(Organization.name == item["organization"],
                                                         Organization.archived_at.is_(None))).first()
    if org is None:
        raise ValidationError("organization", f'Funder "{item["name"]}" belongs to {item["organization"]}, which '
                                              "is not in this store's partner directory: add it first.")
    if not item["program"]:
        return org.id, None
    program = uow.session.scalars(select(Program).where(Program.organization_id == org.id,
                                                        Program.name == item["program"])).first()
    if program is None:
        raise ValidationError("program", f'Funder "{item["name"]}" runs under the program {item["program"]}, '
                                         f"which {org.name} does not have in this store.")
    return org.id, program.id


def import_pack(uow, actor: Actor, data: bytes) -> tuple[ImportSummary, Changes]:
    """Create or update funders (by organization and name) and services (by code); add the rates not yet
    held. Refused whole, with the reason, when any part of the pack is wrong."""
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    parsed = _parse(data)
    targets = [(item, *_resolve(uow, item)) for item in parsed]  # every organization checked before writing
    counts = dict(funders_created=0, funders_updated=0, services_created=0, services_updated=0, rates_added=0)
    for item, org_id, program_id in targets:
        values = {k: item[k] for k in ("kind", "unit_rounding", "rules", "report_layout", "blended_pool")}
        values["program_id"] = program_id
        funder = queries.funder_named(uow.session, org_id, item["name"])
        if funder is None:
            funder = uow.add(Funder(ref=uow.references.next("funder"), organization_id=org_id, name=item["name"],
                                    **values))
            counts["funders_created"] += 1
            uow.flush()
            uow.audit.record(actor, funder, "imported", changes={"name": [None, funder.name]})
        else:
            changed = {k: [getattr(funder, k), v] for k, v in values.items() if getattr(funder, k) != v}
            if changed:
                for k, (_, v) in changed.items():
                    setattr(funder, k, v)
                funder.updated_at = uow.now()
                counts["funders_updated"] += 1
                uow.flush()
                uow.audit.record(actor, funder, "updated from pack", changes=audit_safe(changed))
        for s in item["services"]:
            svalues = {k: s[k] for k in ("name", "unit", "required_credential", "needs_first_payer_proof",
                                         "evidence_required", "milestone_event") if k in s}
            service = queries.service_coded(uow.session, funder.id, s["code"])
            if service is None:
                service = uow.add(FunderService(funder_id=funder.id, code=s["code"], **svalues))
                counts["services_created"] += 1
                uow.flush()
                uow.audit.record(actor, service, "imported", changes={"code": [None, service.code]})
            else:
                changed = {k: [getattr(service, k), v] for k, v in svalues.items() if getattr(service, k) != v}
                if changed:
                    for k, (_, v) in changed.items():
                        setattr(service, k, v)
                    service.updated_at = uow.now()
                    counts["services_updated"] += 1
                    uow.flush()
                    uow.audit.record(actor, service, "updated from pack", changes=audit_safe(changed))
            held = {r.effective_from: r for r in queries.rates_of(uow.session, service.id)}
            for amount, start, end in s["rates"]:
                if start in held:
                    if (held[start].rate, held[start].effective_to) != (amount, end):
                        raise ValidationError("rate", f"Service {s['code']} of {funder.name} already has a rate "
                                                      f"from {start} that differs from the pack's; nothing was "
                                                      "imported.")
                    continue
                rate = uow.add(FeeRate(funder_service_id=service.id, rate=amount, effective_from=start,
                                       effective_to=end))
                counts["rates_added"] += 1
                uow.flush()
                uow.audit.record(actor, rate, "imported", changes=audit_safe(
                    {"rate": [None, amount], "effective_from": [None, start]}))
    return ImportSummary(**counts), Changes(funding=True)
