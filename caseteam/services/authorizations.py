"""A person's authorizations: requested (with a date to chase the funder), received (ACTIVE, with the
letter), amended (before and after kept), cancelled, expired. Units and amounts are Decimal."""

from __future__ import annotations

import mimetypes
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from caseteam.domain.funding import Authorization, AuthorizationAmendment, AuthorizationStatus
from caseteam.errors import ValidationError
from caseteam.storage.queries import funding as queries

from . import access, attachments, funders
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version, required_text

FOLLOW_UP_DAYS = 14
CHANGED = Changes(funding=True)


@dataclass(frozen=True)
class AmendmentRow:
    id: uuid.UUID
    amended_on: date
    units_before: Decimal | None
    units_after: Decimal | None
    amount_before: Decimal | None
    amount_after: Decimal | None
    ends_before: date | None
    ends_after: date | None
    reason: str


@dataclass(frozen=True)
class AuthorizationRow:
    id: uuid.UUID
    ref: str
    person_id: uuid.UUID
    funder_id: uuid.UUID
    funder_name: str
    funder_service_id: uuid.UUID
    service_code: str
    number: str
    units: Decimal | None
    amount: Decimal | None
    rate: Decimal | None
    starts_on: date | None
    ends_on: date | None
    status: AuthorizationStatus
    status_words: str
    requested_on: date | None
    follow_up_on: date | None
    letter_attachment_id: uuid.UUID | None
    note: str
    amendments: tuple[AmendmentRow, ...]
    version: int


def status_words(status: AuthorizationStatus, *, follow_up_on: date | None, ends_on: date | None,
                 today: date) -> str:
    """The status as a reader needs it today: a request nobody chased, an authorization past its end."""
    if status is AuthorizationStatus.REQUESTED and follow_up_on is not None and today > follow_up_on:
        return f"Requested, overdue to chase (follow-up was due {follow_up_on:%B %-d, %Y})"
    if status is AuthorizationStatus.ACTIVE and ends_on is not None and today > ends_on:
        return f"Expired (ended {ends_on:%B %-d, %Y})"
    return status.label


def _row(uow, a: Authorization, amended: list | None = None) -> AuthorizationRow:
    """`amended` is the authorization's amendments when a list has fetched them for all its rows."""
    if amended is None:
        amended = queries.amendments_of(uow.session, a.id)
    funder = queries.funder(uow.session, a.funder_id)
    service = queries.funder_service(uow.session, a.funder_service_id)
    amendments = tuple(AmendmentRow(m.id, m.amended_on, m.units_before, m.units_after, m.amount_before,
                                    m.amount_after, m.ends_before, m.ends_after, m.reason)
                       for m in amended)
    return AuthorizationRow(a.id, a.ref, a.person_id, funder.id, funder.name, service.id, service.code, a.number,
                            a.units, a.amount, a.rate, a.starts_on, a.ends_on, a.status,
                            status_words(a.status, follow_up_on=a.follow_up_on, ends_on=a.ends_on, today=uow.today()),
                            a.requested_on, a.follow_up_on, a.letter_attachment_id, a.note, amendments, a.version)


def _quantity(field: str, label: str, value) -> Decimal | None:
    if value is None or value == "":
        return None
    return funders.money(field, label, value)


def _check_terms(units: Decimal | None, amount: Decimal | None, starts_on: date | None, ends_on: date | None) -> None:
    if units is None and amount is None:
        raise ValidationError("units", "Give the units authorized, the amount, or both.")
    if starts_on is None:
        raise ValidationError("starts_on", "Give the date the authorization starts.")
    if ends_on is None:
        raise ValidationError("ends_on", "Give the date the authorization ends.")
    if ends_on <= starts_on:
        raise ValidationError("ends_on", "The authorization must end after it starts.")


def request_authorization(uow, actor: Actor, person_id: uuid.UUID, funder_id: uuid.UUID,
                          funder_service_id: uuid.UUID, *, starts_on: date, ends_on: date, units=None, amount=None,
                          rate=None, number: str = "", requested_on: date | None = None,
                          follow_up_on: date | None = None, note: str = "") -> tuple[AuthorizationRow, Changes]:
    """Record that the team asked the funder; it is chased from follow_up_on (two weeks by default)."""
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    funder = queries.funder(uow.session, funder_id)
    service = queries.funder_service(uow.session, funder_service_id)
    if service.funder_id != funder.id:
        raise ValidationError("funder_service_id", f"Service {service.code} ({service.name}) is not one "
                                                   f"{funder.name} pays for.")
    units, amount = _quantity("units", "The units", units), _quantity("amount", "The amount", amount)
    _check_terms(units, amount, starts_on, ends_on)
    rate = funders.money("rate", "The rate", rate) if rate is not None else funders.rate_on(uow, service.id, starts_on)
    requested_on = requested_on or uow.today()
    follow_up_on = follow_up_on or requested_on + timedelta(days=FOLLOW_UP_DAYS)
    if follow_up_on < requested_on:
        raise ValidationError("follow_up_on", "The follow-up date cannot be before the request.")
    found = uow.add(Authorization(ref=uow.references.next("authorization"), person_id=uow.people.get(person_id).id,
                                  funder_id=funder.id, funder_service_id=service.id, number=(number or "").strip(),
                                  units=units, amount=amount, rate=rate, starts_on=starts_on, ends_on=ends_on,
                                  status=AuthorizationStatus.REQUESTED, requested_on=requested_on,
                                  follow_up_on=follow_up_on, note=(note or "").strip()))
    uow.flush()
    uow.audit.record(actor, found, "requested", changes=audit_safe({
        "funder": [None, funder.name], "service": [None, service.code], "units": [None, units],
        "amount": [None, amount], "starts_on": [None, starts_on], "ends_on": [None, ends_on]}))
    return _row(uow, found), CHANGED


def _editable(uow, actor: Actor, authorization_id: uuid.UUID, version: int | None) -> Authorization:
    found = queries.authorization(uow.session, authorization_id)
    access.require(uow, actor, Action.EDIT_PERSON, found.person_id)
    check_version(found, version, f"authorization {found.ref}")
    return found


def record_received(uow, actor: Actor, authorization_id: uuid.UUID, *, number: str, units=None, amount=None,
                    starts_on: date | None = None, ends_on: date | None = None, letter: bytes | None = None,
                    letter_filename: str = "", version: int | None = None) -> tuple[AuthorizationRow, Changes]:
    """The funder's letter came: its number and terms (what was asked for unless given) make it ACTIVE."""
    found = _editable(uow, actor, authorization_id, version)
    if found.status is not AuthorizationStatus.REQUESTED:
        raise ValidationError("status", f"Authorization {found.ref} is {found.status.label.lower()}, not "
                                        "waiting for the funder.")
    number = required_text("number", "The funder's authorization number", number, max_length=60)
    units = _quantity("units", "The units", units) if units is not None else found.units
    amount = _quantity("amount", "The amount", amount) if amount is not None else found.amount
    starts_on, ends_on = starts_on or found.starts_on, ends_on or found.ends_on
    _check_terms(units, amount, starts_on, ends_on)
    if letter is not None:
        filename = attachments.checked_scan(letter, letter_filename, field="letter", name_label="The letter's file name",
                                            again="scan the authorization letter again")
        media = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        found.letter_attachment_id = attachments.store_file(uow, actor, "authorizations", found.id, data=letter,
                                                            filename=filename, media_type=media).id
    before = {"status": found.status, "number": found.number, "units": found.units, "amount": found.amount,
              "starts_on": found.starts_on, "ends_on": found.ends_on}
    found.status, found.number, found.units, found.amount = AuthorizationStatus.ACTIVE, number, units, amount
    found.starts_on, found.ends_on, found.updated_at = starts_on, ends_on, uow.now()
    uow.flush()
    uow.audit.record(actor, found, "received", changes=audit_safe(
        {k: [v, getattr(found, k)] for k, v in before.items() if getattr(found, k) != v}))
    return _row(uow, found), CHANGED


def amend_authorization(uow, actor: Actor, authorization_id: uuid.UUID, *, amended_on: date, reason: str,
                        units=None, amount=None, ends_on: date | None = None,
                        version: int | None = None) -> tuple[AuthorizationRow, Changes]:
    """The funder changed the units, amount or end date: kept as an amendment with before and after."""
    found = _editable(uow, actor, authorization_id, version)
    if found.status in (AuthorizationStatus.REQUESTED, AuthorizationStatus.CANCELLED):
        raise ValidationError("status", f"Authorization {found.ref} is {found.status.label.lower()}; only a "
                                        "received authorization is amended.")
    reason = required_text("reason", "The reason for the amendment", reason, max_length=2000)
    new_units = _quantity("units", "The units", units) if units is not None else found.units
    new_amount = _quantity("amount", "The amount", amount) if amount is not None else found.amount
    new_ends = ends_on or found.ends_on
    _check_terms(new_units, new_amount, found.starts_on, new_ends)
    if (new_units, new_amount, new_ends) == (found.units, found.amount, found.ends_on):
        raise ValidationError("units", "The amendment changes nothing: give new units, amount or end date.")
    uow.add(AuthorizationAmendment(authorization_id=found.id, amended_on=amended_on, units_before=found.units,
                                   units_after=new_units, amount_before=found.amount, amount_after=new_amount,
                                   ends_before=found.ends_on, ends_after=new_ends, reason=reason,
                                   recorded_by_id=actor.user_id))
    changed = {k: [getattr(found, k), v] for k, v in (("units", new_units), ("amount", new_amount),
                                                       ("ends_on", new_ends)) if getattr(found, k) != v}
    found.units, found.amount, found.ends_on, found.updated_at = new_units, new_amount, new_ends, uow.now()
    if found.status is AuthorizationStatus.EXPIRED and new_ends >= uow.today():
        found.status = AuthorizationStatus.ACTIVE  # an extension brings it back
        changed["status"] = [AuthorizationStatus.EXPIRED, AuthorizationStatus.ACTIVE]
    elif found.status is AuthorizationStatus.EXHAUSTED and _has_room(uow, found):
        found.status = AuthorizationStatus.ACTIVE  # more units or money: it may be drawn on again
        changed["status"] = [AuthorizationStatus.EXHAUSTED, AuthorizationStatus.ACTIVE]
    uow.flush()
    uow.audit.record(actor, found, "amended", reason=reason, changes=audit_safe(changed))
    return _row(uow, found), CHANGED


def _has_room(uow, found: Authorization) -> bool:
    uow.flush()
    used = funders.usage(uow, found.id)
    return all(left is None or left > 0 for left in (used.units_left, used.amount_left)) and (
        used.units_left is not None or used.amount_left is not None)


def cancel_authorization(uow, actor: Actor, authorization_id: uuid.UUID, *, reason: str,
                         version: int | None = None) -> tuple[AuthorizationRow, Changes]:
    found = _editable(uow, actor, authorization_id, version)
    if found.status is AuthorizationStatus.CANCELLED:
        raise ValidationError("status", f"Authorization {found.ref} is already cancelled.")
    reason = required_text("reason", "The reason for cancelling", reason, max_length=2000)
    before = found.status
    found.status, found.updated_at = AuthorizationStatus.CANCELLED, uow.now()
    found.note = f"{found.note}\nCancelled: {reason}".strip()
    uow.flush()
    uow.audit.record(actor, found, "cancelled", reason=reason,
                     changes=audit_safe({"status": [before, found.status]}))
    return _row(uow, found), CHANGED


def expire_due(uow, actor: Actor, today: date | None = None) -> tuple[list[AuthorizationRow], Changes]:
    """Move every active authorization whose end date has passed to EXPIRED (audited one by one)."""
    today = today or uow.today()
    moved = []
    for found in queries.active_ended_before(uow.session, today):
        found.status, found.updated_at = AuthorizationStatus.EXPIRED, uow.now()
        uow.flush()
        uow.audit.record(actor, found, "expired", changes=audit_safe(
            {"status": [AuthorizationStatus.ACTIVE, AuthorizationStatus.EXPIRED]}))
        moved.append(_row(uow, found))
    return moved, CHANGED if moved else Changes()


def list_authorizations(uow, actor: Actor, person_id: uuid.UUID) -> list[AuthorizationRow]:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    found = queries.authorizations_of(uow.session, person_id)
    amended = queries.amendments_by_authorization(uow.session, [a.id for a in found])
    return [_row(uow, a, amended.get(a.id, [])) for a in found]


def get_authorization(uow, actor: Actor, authorization_id: uuid.UUID) -> AuthorizationRow:
    found = queries.authorization(uow.session, authorization_id)
    access.require(uow, actor, Action.VIEW_PERSON, found.person_id)
    return _row(uow, found)
