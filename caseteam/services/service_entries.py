"""Service entries: service really delivered, always saved, with the words that say whether it may be
invoiced (authorization, credential, first-payer proof, cost-share plan); a supervisor's override;
corrections (an invoiced entry is never edited); first-payer proofs and staff credentials."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from caseteam.domain.funding import (AuthorizationStatus, BillingUnit, FirstPayerProof, ServiceEntry,
                                     StaffCredential)
from caseteam.domain.notes import NoteStatus
from caseteam.domain.organizations import Organization, StaffMember
from caseteam.errors import Locked, NotFound, ValidationError
from caseteam.storage.queries import notes as note_queries
from caseteam.storage.queries import service_entries as queries

from . import access, attachments, service_rules
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version, required_text
from .units import units_for

CHANGED = Changes(funding=True)
ENTRY_FIELDS = ("funder_service_id", "served_on", "starts_at", "ends_at", "zone", "units",
                "provider_organization_id", "staff_id", "case_note_id", "authorization_id")


@dataclass(frozen=True)
class ServiceEntryRow:
    id: uuid.UUID
    ref: str
    person_id: uuid.UUID
    funder_service_id: uuid.UUID
    service_code: str
    service_name: str
    unit: BillingUnit
    funder_id: uuid.UUID
    funder_name: str
    served_on: date
    starts_at: time | None
    ends_at: time | None
    zone: str
    units: Decimal
    rate: Decimal
    amount: Decimal
    provider_organization_id: uuid.UUID
    staff_id: uuid.UUID | None
    case_note_id: uuid.UUID | None
    authorization_id: uuid.UUID | None
    unauthorized_reason: str
    flags: tuple[str, ...]
    override_by_id: uuid.UUID | None
    override_reason: str
    override_at: datetime | None
    invoiced_at: datetime | None
    corrects_id: uuid.UUID | None
    corrected: bool  # a later entry corrects this one
    version: int
    warnings: tuple[str, ...] = ()  # said when the entry is saved (80% used...), not stored

    @property
    def invoiceable(self) -> bool:
        return invoiceable(self)


def invoiceable(row: ServiceEntryRow) -> bool:
    """May go on an invoice: inside its authorization (or overridden), no flags, not invoiced, not corrected."""
    return ((not row.unauthorized_reason or row.override_by_id is not None) and not row.flags
            and row.invoiced_at is None and not row.corrected)


def _row(uow, entry: ServiceEntry, warnings=(), corrected: bool | None = None) -> ServiceEntryRow:
    service = queries.funder_service(uow.session, entry.funder_service_id)
    funder = queries.funder(uow.session, service.funder_id)
    if corrected is None:
        corrected = queries.is_replaced(uow.session, entry.id)
    return ServiceEntryRow(
        entry.id, entry.ref, entry.person_id, service.id, service.code, service.name, service.unit, funder.id,
        funder.name, entry.served_on, entry.starts_at, entry.ends_at, entry.zone, entry.units, entry.rate,
        entry.amount, entry.provider_organization_id, entry.staff_id, entry.case_note_id, entry.authorization_id,
        entry.unauthorized_reason, tuple(line for line in entry.flags.splitlines() if line), entry.override_by_id,
        entry.override_reason, entry.override_at, entry.invoiced_at, entry.corrects_id, corrected, entry.version,
        tuple(warnings))


def _evaluate(uow, person_id: uuid.UUID, values: dict, leaving_out=()) -> tuple[dict, service_rules.Decision]:
    """Check and complete the values (times from the note, units, rate, authorization, flags)."""
    service = queries.funder_service(uow.session, values["funder_service_id"])
    funder = queries.funder(uow.session, service.funder_id)
    served_on = values["served_on"]
    if not isinstance(served_on, date):
        raise ValidationError("served_on", "Give the date the service was delivered.")
    if served_on > uow.today():
        raise ValidationError("served_on", "A service entry records service delivered; its date cannot be in "
                                           "the future.")
    if uow.session.get(Organization, values["provider_organization_id"]) is None:
        raise ValidationError("provider_organization_id", "Choose the organization that provided the service.")
    if values.get("staff_id") is not None and uow.session.get(StaffMember, values["staff_id"]) is None:
        raise ValidationError("staff_id", "That staff member was not found.")
    if values.get("case_note_id") is not None:
        note = note_queries.note(uow.session, values["case_note_id"])
        if note.person_id != person_id:
            raise ValidationError("case_note_id", f"Note {note.ref} is someone else's; an entry comes only from "
                                                  "the person's own notes.")
        if note.status is not NoteStatus.SIGNED:
            raise ValidationError("case_note_id", f"Note {note.ref} is a draft; its author signs it before "
                                                  "service is billed from it.")
        if values.get("starts_at") is None and values.get("ends_at") is None:
            values["starts_at"], values["ends_at"] = note.starts_at, note.ends_at
            values["zone"] = values.get("zone") or note.zone
    values["units"] = units_for(service.unit, values.get("starts_at"), values.get("ends_at"), funder.unit_rounding,
                                values.get("units"))
    values["zone"] = (values.get("zone") or "").strip()[:60]
    decision = service_rules.decide(uow, person_id, service, served_on, values["units"],
                                    values.get("authorization_id"), leaving_out)
    values["flags"] = "\n".join(service_rules.flags(
        uow, person_id=person_id, service=service, served_on=served_on, units=values["units"],
        rate=decision.rate, staff_id=values.get("staff_id")))
    return values, decision


def _stored(uow, actor: Actor, person_id: uuid.UUID, values: dict, decision, *, corrects_id=None) -> ServiceEntry:
    entry = ServiceEntry(
        ref=uow.references.next("service_entry"), person_id=person_id, funder_service_id=values["funder_service_id"],
        served_on=values["served_on"], starts_at=values.get("starts_at"), ends_at=values.get("ends_at"),
        zone=values["zone"], units=values["units"], rate=decision.rate, amount=decision.amount,
        provider_organization_id=values["provider_organization_id"], staff_id=values.get("staff_id"),
        case_note_id=values.get("case_note_id"),
        authorization_id=decision.authorization.id if decision.authorization else None,
        unauthorized_reason=decision.unauthorized_reason, flags=values["flags"], override_reason="",
        corrects_id=corrects_id, recorded_by_id=actor.user_id)
    uow.add(entry)
    uow.flush()
    uow.audit.record(actor, entry, "recorded" if corrects_id is None else "correction recorded", changes=audit_safe({
        "units": [None, entry.units], "rate": [None, entry.rate], "amount": [None, entry.amount],
        "served_on": [None, entry.served_on], "unauthorized_reason": [None, entry.unauthorized_reason],
        "flags": [None, entry.flags]}))
    _exhaust(uow, actor, decision)
    return entry


def _exhaust(uow, actor: Actor, decision) -> None:
    auth = decision.authorization
    if decision.exhausts and auth is not None and auth.status is AuthorizationStatus.ACTIVE:
        auth.status, auth.updated_at = AuthorizationStatus.EXHAUSTED, uow.now()
        uow.flush()
        uow.audit.record(actor, auth, "exhausted", changes=audit_safe(
            {"status": [AuthorizationStatus.ACTIVE, AuthorizationStatus.EXHAUSTED]}))


def record_service(uow, actor: Actor, person_id: uuid.UUID, *, funder_service_id: uuid.UUID, served_on: date,
                   starts_at: time | None = None, ends_at: time | None = None, zone: str = "", units=None,
                   provider_organization_id: uuid.UUID, staff_id: uuid.UUID | None = None,
                   case_note_id: uuid.UUID | None = None,
                   authorization_id: uuid.UUID | None = None) -> tuple[ServiceEntryRow, Changes]:
    """Save the service delivered; the row says why it may not be invoiced, and warns near the limit."""
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    person_id = uow.people.get(person_id).id
    values, decision = _evaluate(uow, person_id, dict(
        funder_service_id=funder_service_id, served_on=served_on, starts_at=starts_at, ends_at=ends_at, zone=zone,
        units=units, provider_organization_id=provider_organization_id, staff_id=staff_id,
        case_note_id=case_note_id, authorization_id=authorization_id))
    entry = _stored(uow, actor, person_id, values, decision)
    return _row(uow, entry, decision.warnings, corrected=False), CHANGED


def _plain(value):
    """Times as "09:30" for the audit log (it stores dates, money and text as they are)."""
    return value.isoformat(timespec="minutes") if isinstance(value, time) else value


def _entry_values(entry: ServiceEntry) -> dict:
    return {name: getattr(entry, name) for name in ENTRY_FIELDS}


def _open_entry(uow, actor: Actor, entry_id: uuid.UUID) -> ServiceEntry:
    entry = queries.entry(uow.session, entry_id)
    access.require(uow, actor, Action.EDIT_PERSON, entry.person_id)
    return entry


def _check_changes(changes: dict) -> None:
    unknown = sorted(set(changes) - set(ENTRY_FIELDS))
    if unknown:
        raise ValidationError(unknown[0], f"{unknown[0]} is not part of a service entry.")


def update_entry(uow, actor: Actor, entry_id: uuid.UUID, *, version: int | None = None,
                 **changes) -> tuple[ServiceEntryRow, Changes]:
    """Fix an entry not yet invoiced; the rules are checked again as if it were recorded now."""
    entry = _open_entry(uow, actor, entry_id)
    if entry.invoiced_at is not None:
        raise Locked(f"Service entry {entry.ref} is on an invoice and cannot change. Record a correcting entry "
                     "instead.")
    if queries.is_replaced(uow.session, entry.id):
        raise Locked(f"Service entry {entry.ref} has been corrected; change the correcting entry instead.")
    check_version(entry, version, f"service entry {entry.ref}")
    _check_changes(changes)
    values = {**_entry_values(entry), **changes}
    if "units" not in changes and ("starts_at" in changes or "ends_at" in changes or "funder_service_id" in changes):
        values["units"] = None if values.get("starts_at") else entry.units
    if "authorization_id" not in changes:
        values["authorization_id"] = None  # found again for the new date or service
    values, decision = _evaluate(uow, entry.person_id, values, leaving_out=(entry.id,))
    before = {k: getattr(entry, k) for k in (*ENTRY_FIELDS, "rate", "amount", "unauthorized_reason", "flags")}
    for name in ENTRY_FIELDS:
        setattr(entry, name, values.get(name))
    entry.zone, entry.rate, entry.amount = values["zone"], decision.rate, decision.amount
    entry.authorization_id = decision.authorization.id if decision.authorization else None
    entry.unauthorized_reason, entry.flags, entry.updated_at = decision.unauthorized_reason, values["flags"], uow.now()
    if entry.unauthorized_reason != before["unauthorized_reason"]:
        entry.override_by_id, entry.override_at, entry.override_reason = None, None, ""
    uow.flush()
    changed = {k: [_plain(v), _plain(getattr(entry, k))] for k, v in before.items() if getattr(entry, k) != v}
    uow.audit.record(actor, entry, "changed", changes=audit_safe(changed))
    _exhaust(uow, actor, decision)
    return _row(uow, entry, decision.warnings, corrected=False), CHANGED


def correct_entry(uow, actor: Actor, entry_id: uuid.UUID, **changes) -> tuple[ServiceEntryRow, Changes]:
    """A new entry that replaces this one (how an invoiced entry is corrected: it is never edited)."""
    original = _open_entry(uow, actor, entry_id)
    if queries.is_replaced(uow.session, original.id):
        raise ValidationError("entry", f"Service entry {original.ref} is already corrected; correct the "
                                       "correcting entry instead.")
    _check_changes(changes)
    values = {**_entry_values(original), **changes}
    if "units" not in changes and ("starts_at" in changes or "ends_at" in changes):
        values["units"] = None
    if "authorization_id" not in changes:
        values["authorization_id"] = None
    values, decision = _evaluate(uow, original.person_id, values, leaving_out=(original.id,))
    entry = _stored(uow, actor, original.person_id, values, decision, corrects_id=original.id)
    uow.audit.record(actor, original, "corrected", changes=audit_safe({"corrected_by": [None, entry.ref]}))
    return _row(uow, entry, decision.warnings, corrected=False), CHANGED


def override(uow, actor: Actor, entry_id: uuid.UUID, reason: str) -> tuple[ServiceEntryRow, Changes]:
    """A supervisor lets an entry outside its authorization be invoiced, saying why."""
    entry = queries.entry(uow.session, entry_id)
    access.require(uow, actor, Action.OVERRIDE_FUNDING, entry.person_id)
    reason = required_text("reason", "The reason for the override", reason, max_length=2000)
    if not entry.unauthorized_reason:
        raise ValidationError("entry", f"Service entry {entry.ref} is within its authorization; there is nothing "
                                       "to override.")
    if entry.invoiced_at is not None:
        raise Locked(f"Service entry {entry.ref} is on an invoice and cannot change.")
    if entry.override_by_id is not None:
        raise ValidationError("entry", f"Service entry {entry.ref} is already overridden.")
    service = queries.funder_service(uow.session, entry.funder_service_id)
    # Billed past the authorization, it counts against the one that covers the day (if any).
    auth = queries.covering_authorization(uow.session, entry.person_id, service.id, entry.served_on)
    entry.override_by_id, entry.override_at, entry.override_reason = actor.user_id, uow.now(), reason
    if auth is not None and entry.authorization_id is None:
        entry.authorization_id = auth.id
    entry.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, entry, "funding overridden", reason=reason, changes=audit_safe({
        "override_by": [None, actor.display_name], "unauthorized_reason": [None, entry.unauthorized_reason]}))
    return _row(uow, entry), CHANGED


def _recheck(uow, actor: Actor, entries, why: str) -> int:
    """Work out the flags of entries again (after a proof or credential arrives); returns how many changed."""
    changed = 0
    for entry in entries:
        if entry.invoiced_at is not None:
            continue
        service = queries.funder_service(uow.session, entry.funder_service_id)
        now = "\n".join(service_rules.flags(uow, person_id=entry.person_id, service=service,
                                            served_on=entry.served_on, units=entry.units, rate=entry.rate,
                                            staff_id=entry.staff_id))
        if now != entry.flags:
            before, entry.flags, entry.updated_at = entry.flags, now, uow.now()
            uow.flush()
            uow.audit.record(actor, entry, "flags checked again", reason=why,
                             changes=audit_safe({"flags": [before, now]}))
            changed += 1
    return changed


def add_proof(uow, actor: Actor, person_id: uuid.UUID, funder_service_id: uuid.UUID, *, dated: date,
              issued_by: str, scan: bytes | None = None, filename: str = "",
              media_type: str = "application/pdf") -> tuple[int, Changes]:
    """File a dated denial or letter that VR or the school cannot provide the service first; the person's
    flagged entries for the service are checked again. Returns how many entries changed."""
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    person_id = uow.people.get(person_id).id
    service = queries.funder_service(uow.session, funder_service_id)
    issued_by = required_text("issued_by", "Who issued the proof", issued_by)
    if not isinstance(dated, date) or dated > uow.today():
        raise ValidationError("dated", "Give the date on the proof (not in the future).")
    proof = uow.add(FirstPayerProof(person_id=person_id, funder_service_id=service.id, dated=dated,
                                    issued_by=issued_by, recorded_by_id=actor.user_id))
    uow.flush()
    if scan is not None:
        name = attachments.checked_scan(scan, filename or "first-payer proof.pdf", field="scan",
                                        name_label="The proof's file name", again="scan the letter again")
        proof.attachment_id = attachments.store_file(uow, actor, "first_payer_proofs", proof.id, data=scan,
                                                     filename=name, media_type=media_type).id
    uow.flush()
    uow.audit.record(actor, proof, "first-payer proof added", person_id=person_id, changes=audit_safe(
        {"service": [None, service.code], "dated": [None, dated], "issued_by": [None, issued_by]}))
    changed = _recheck(uow, actor, queries.flagged_entries(uow.session, person_id, service.id),
                       f"First-payer proof from {issued_by} added")
    return changed, CHANGED


def add_credential(uow, actor: Actor, staff_id: uuid.UUID, *, name: str, valid_from: date | None = None,
                   valid_to: date | None = None) -> tuple[int, Changes]:
    """A credential a staff member holds; their flagged entries are checked again (returns how many changed)."""
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    staff = uow.session.get(StaffMember, staff_id)
    if staff is None:
        raise NotFound("That staff member was not found.")
    name = required_text("name", "The credential", name, max_length=100)
    if valid_from and valid_to and valid_to < valid_from:
        raise ValidationError("valid_to", "The credential's end date is before its start date.")
    credential = uow.add(StaffCredential(staff_id=staff.id, name=name, valid_from=valid_from, valid_to=valid_to))
    uow.flush()
    uow.audit.record(actor, credential, "credential added", changes=audit_safe(
        {"staff": [None, staff.ref], "name": [None, name], "valid_from": [None, valid_from],
         "valid_to": [None, valid_to]}))
    changed = _recheck(uow, actor, queries.flagged_entries_of_staff(uow.session, staff.id),
                       f"Credential {name} added")
    return changed, Changes(funding=True, staff=True)


@dataclass(frozen=True)
class FunderTotal:
    funder_name: str
    funder_id: uuid.UUID
    units: Decimal
    amount: Decimal
    invoiceable_amount: Decimal


@dataclass(frozen=True)
class EntryList:
    entries: tuple[ServiceEntryRow, ...]
    totals: tuple[FunderTotal, ...]  # entries a correction replaced are left out


def list_entries(uow, actor: Actor, person_id: uuid.UUID, since: date | None = None,
                 until: date | None = None) -> EntryList:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    found = queries.entries_of(uow.session, person_id, since, until)
    replaced = queries.replaced_ids(uow.session, [e.id for e in found])
    rows = tuple(_row(uow, e, corrected=e.id in replaced) for e in found)
    sums: dict[tuple[str, uuid.UUID], list[Decimal]] = {}  # by funder (two may share a name)
    for row in rows:
        if row.corrected:
            continue
        line = sums.setdefault((row.funder_name, row.funder_id), [Decimal("0.00")] * 3)
        line[0] += row.units
        line[1] += row.amount
        line[2] += row.amount if row.invoiceable else 0
    return EntryList(rows, tuple(FunderTotal(name, funder_id, *v) for (name, funder_id), v in sorted(sums.items())))


def last_served_on(uow, actor: Actor, person_id: uuid.UUID) -> date | None:
    """The day of the person's latest service up to today (where a month picker starts), or None."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    return queries.last_served_on(uow.session, person_id, uow.today())


def get_entry(uow, actor: Actor, entry_id: uuid.UUID) -> ServiceEntryRow:
    entry = queries.entry(uow.session, entry_id)
    access.require(uow, actor, Action.VIEW_PERSON, entry.person_id)
    return _row(uow, entry)
