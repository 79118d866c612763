"""Closed-loop referrals: send a person from one organization (and staff member) to another for a stated service,
sharing named categories of information under a release; the inbox and outbox; the dashboard's counts.

Sending is refused with ConsentRequired when no active release lets the person's home organization share those
categories with the receiving organization (never sent with a warning), and is recorded in the disclosure log.
An account sees a referral when it may see the person, or when the referral is to or from its own organization:
the receiving staff need their inbox before the person is on their team. The loop itself (received, accepted,
declined, started, completed, withdrawn, undo) is in caseteam.services.referral_flow."""

from __future__ import annotations

import statistics
import uuid
from datetime import date, timedelta

from caseteam.domain.referrals import Referral, ReferralStatus, Urgency
from caseteam.domain.users import Role
from caseteam.errors import PermissionDenied, ValidationError
from caseteam.storage.queries import referrals as queries
from caseteam.storage.queries.referrals import ANSWERS, ReferralFilter

from . import access, consent
from .access import Action
from .actors import Actor
from .changes import Changes
from .consent_rows import ordered
from .editing import apply_fields, audit_safe, check_version, required_text
from .referral_flow import (CHANGED, accept_referral, add_event, allowed_moves, complete_referral, decline_referral,
                            load, mark_received, on_side, refuse_auditor, refuse_off_side, revert_referral, row, rows,
                            start_referral, visible_clause, withdraw_referral)
from .referral_rows import (ReferralChoices, ReferralCounts, ReferralDetail, ReferralEventRow, ReferralRow,
                            is_overdue)

__all__ = ["ReferralRow", "ReferralEventRow", "ReferralDetail", "ReferralChoices", "ReferralCounts",
           "referral_choices", "send_referral", "mark_received", "accept_referral", "decline_referral",
           "start_referral", "complete_referral", "withdraw_referral", "revert_referral", "update_referral",
           "get_referral", "referral_by_ref", "list_referrals", "referral_counts", "referral_overview"]

EDITABLE = ("reason", "respond_by", "urgency", "to_staff_id", "service", "program_id")
RECEIVING_SIDE_MAY_EDIT = frozenset({"to_staff_id"})   # who at the receiving organization takes it
MAX_DAYS_AHEAD = 366


# --- choices -----------------------------------------------------------------------------------------

def referral_choices(uow, actor: Actor, person_id: uuid.UUID) -> ReferralChoices:
    """What the Send dialog offers for this person: organizations, their active staff and programs, and what an
    active release lets the person's home organization share with each today."""
    person = uow.people.get(person_id)
    access.require(uow, actor, Action.VIEW_PERSON, person.id)
    orgs = tuple(queries.organizations(uow.session))
    staff: dict[uuid.UUID, list] = {}
    for s in queries.active_staff(uow.session):
        staff.setdefault(s.organization_id, []).append((s.id, s.name))
    programs: dict[uuid.UUID, list] = {}
    for p in queries.programs(uow.session):
        programs.setdefault(p.organization_id, []).append((p.id, p.name, p.services))
    covered = {org_id: ordered(consent.covered_categories(uow, person.id, org_id)) for org_id, _ in orgs}
    return ReferralChoices(orgs, {k: tuple(v) for k, v in staff.items()}, {k: tuple(v) for k, v in programs.items()},
                           covered, actor.organization_id or person.home_organization_id, actor.staff_id)


# --- sending and editing ------------------------------------------------------------------------------

def _staff_of(uow, staff_id, organization_id: uuid.UUID, field: str, *, must_be_active: bool = True):
    if staff_id is None:
        return None
    staff = uow.staff.get(staff_id)
    if staff.organization_id != organization_id:
        raise ValidationError(field, f"{staff.name} works for {staff.organization.name}, not for "
                                     f"{uow.organizations.get(organization_id).name}.")
    if must_be_active and not staff.active:
        raise ValidationError(field, f"{staff.name} is no longer active at {staff.organization.name}.")
    return staff.id


def _program_of(uow, program_id, organization_id: uuid.UUID):
    if program_id is None:
        return None
    program = uow.programs.get(program_id)
    if program.organization_id != organization_id:
        raise ValidationError("program_id", f"The program {program.name} is not one of "
                                            f"{uow.organizations.get(organization_id).name}'s.")
    return program.id


def _respond_by(uow, respond_by: date | None, sent_on: date) -> date | None:
    if respond_by is None:
        return None
    if not isinstance(respond_by, date):
        raise ValidationError("respond_by", "Give the day an answer is due as a date.")
    if respond_by < sent_on:
        raise ValidationError("respond_by", f"The day an answer is due ({respond_by.isoformat()}) is before the day "
                                            f"the referral was sent ({sent_on.isoformat()}).")
    if respond_by > sent_on + timedelta(days=MAX_DAYS_AHEAD):
        raise ValidationError("respond_by", "The day an answer is due is more than a year after sending; check it.")
    return respond_by


def _text_fields(values: dict) -> dict:
    if "service" in values:
        values["service"] = required_text("service", "The service or need asked for", values["service"])
    if "reason" in values:
        values["reason"] = required_text("reason", "The reason for the referral", values["reason"],
                                         max_length=4000)
    if "urgency" in values:
        try:
            values["urgency"] = Urgency(values["urgency"] or Urgency.ROUTINE)
        except ValueError:
            raise ValidationError("urgency", f'"{values["urgency"]}" is not an urgency.') from None
    return values


def send_referral(uow, actor: Actor, *, person_id: uuid.UUID, to_organization_id: uuid.UUID, service: str,
                  reason: str, shared_categories, from_organization_id: uuid.UUID | None = None,
                  from_staff_id: uuid.UUID | None = None, to_staff_id: uuid.UUID | None = None,
                  program_id: uuid.UUID | None = None, urgency: Urgency = Urgency.ROUTINE,
                  respond_by: date | None = None, on: date | None = None) -> tuple[ReferralRow, Changes]:
    refuse_auditor(actor)
    person = uow.people.get(person_id)
    access.require(uow, actor, Action.EXPORT_PERSON, person.id)
    from_org = uow.organizations.get(from_organization_id or actor.organization_id or person.home_organization_id)
    to_org = uow.organizations.get(to_organization_id)
    if from_org.id == to_org.id:
        raise ValidationError("to_organization_id", f"A referral goes to another organization, not back to "
                                                    f"{from_org.name}.")
    if actor.role not in (Role.ADMINISTRATOR, Role.SUPERVISOR) and actor.organization_id != from_org.id:
        raise PermissionDenied(f"You may send referrals only from your own organization, not from {from_org.name}.")
    values = _text_fields(dict(service=service, reason=reason, urgency=urgency))
    cats = ordered(shared_categories or ())
    if not cats:
        raise ValidationError("shared_categories", "Tick at least one category of information the referral shares "
                                                   f"with {to_org.name} (at least identity and contact details).")
    sent_on = on or uow.today()
    if sent_on > uow.today():
        raise ValidationError("on", "A referral is recorded on or after the day it is sent, not in advance.")
    from_staff = _staff_of(uow, from_staff_id if from_staff_id is not None else
                           (actor.staff_id if from_org.id == actor.organization_id else None),
                           from_org.id, "from_staff_id")
    to_staff = _staff_of(uow, to_staff_id, to_org.id, "to_staff_id")
    program = _program_of(uow, program_id, to_org.id)
    due = _respond_by(uow, respond_by, sent_on)
    release = consent.require_release(uow, actor, person.id, recipient_organization_id=to_org.id, categories=cats,
                                      on=sent_on)
    r = uow.add(Referral(ref=uow.references.next("referral"), person_id=person.id, from_organization_id=from_org.id,
                         from_staff_id=from_staff, to_organization_id=to_org.id, to_staff_id=to_staff,
                         program_id=program, shared_categories=",".join(c.value for c in cats),
                         release_id=release.id if release else None, sent_on=sent_on, respond_by=due,
                         status=ReferralStatus.SENT, status_on=sent_on, decline_reason="", outcome="",
                         created_by_id=actor.user_id, **values))
    uow.flush()
    add_event(uow, actor, r, ReferralStatus.SENT, sent_on)
    uow.flush()
    uow.audit.record(actor, r, "sent", changes=audit_safe({
        "to": [None, to_org.name], "from": [None, from_org.name], "service": [None, values["service"]],
        "urgency": [None, values["urgency"]], "shared": [None, ",".join(c.value for c in cats)],
        "release": [None, release.ref if release else None], "respond_by": [None, due]}))
    _, disclosed = consent.record_disclosure(
        uow, actor, person.id, recipient_organization_id=to_org.id, categories=cats, channel="referral",
        description=f"Referral {r.ref}: {values['service']}"[:400])
    return row(uow, r), CHANGED | disclosed


def update_referral(uow, actor: Actor, referral_id, *, version: int | None = None,
                    **fields) -> tuple[ReferralRow, Changes]:
    """Change what an open referral asks (reason, respond-by day, urgency, service, program) or who at the
    receiving organization takes it. The receiving side may change only who takes it."""
    r = load(uow, actor, referral_id)
    check_version(r, version, f"referral {r.ref}")
    refuse_auditor(actor)
    if r.status.closed:
        raise ValidationError("status", f"Referral {r.ref} is {r.status.label.lower()}; a closed referral no "
                                        "longer changes.")
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValidationError(sorted(unknown)[0], f"{sorted(unknown)[0]} cannot be changed on a referral.")
    if not (set(fields) <= RECEIVING_SIDE_MAY_EDIT and on_side(actor, r, "to")):
        refuse_off_side(uow, actor, r, "from", "edit")
    values = _text_fields(dict(fields))
    if "to_staff_id" in values:
        values["to_staff_id"] = _staff_of(uow, values["to_staff_id"], r.to_organization_id, "to_staff_id")
    if "program_id" in values:
        values["program_id"] = _program_of(uow, values["program_id"], r.to_organization_id)
    if "respond_by" in values:
        values["respond_by"] = _respond_by(uow, values["respond_by"], r.sent_on)
    changed = apply_fields(r, values, EDITABLE)
    if changed:
        r.updated_at = uow.now()
        uow.flush()
        uow.audit.record(actor, r, "changed", changes=audit_safe(changed))
    return row(uow, r), CHANGED


# --- reading --------------------------------------------------------------------------------------------

def get_referral(uow, actor: Actor, referral_id) -> ReferralDetail:
    r = load(uow, actor, referral_id)
    events = tuple(ReferralEventRow.of(e, who, staff)
                   for e, who, staff in queries.events_with_names(uow.session, r.id))
    return ReferralDetail(row(uow, r), events, allowed_moves(uow, actor, r))


def referral_by_ref(uow, actor: Actor, ref: str) -> ReferralRow:
    return row(uow, load(uow, actor, ref))


def list_referrals(uow, actor: Actor, *, person_id: uuid.UUID | None = None,
                   organization_id: uuid.UUID | None = None, direction: str = "both",
                   staff_id: uuid.UUID | None = None, statuses=None, open_only: bool = False,
                   overdue_only: bool = False, service_text: str = "") -> tuple[ReferralRow, ...]:
    """Newest first. Inbox: to the organization (and staff member, if given); outbox: from it."""
    if direction not in ("inbox", "outbox", "both"):
        raise ValidationError("direction", f'"{direction}" is not inbox, outbox or both.')
    if person_id is not None:
        access.require(uow, actor, Action.VIEW_PERSON, person_id)
    flt = ReferralFilter(person_id=person_id, organization_id=organization_id, direction=direction,
                         staff_id=staff_id, statuses=tuple(ReferralStatus(s) for s in statuses or ()),
                         open_only=open_only, overdue_on=uow.today() if overdue_only else None,
                         service_text=service_text)
    return tuple(rows(uow, queries.referrals(uow.session, flt, visible=visible_clause(uow, actor))))


def referral_counts(uow, actor: Actor, *, organization_id: uuid.UUID | None = None) -> ReferralCounts:
    """Open, overdue, by status, the last 30 days' flow, and how many days an answer (acceptance or decline)
    took, as a median, over the referrals the actor sees (to or from the organization, when given)."""
    return referral_overview(uow, actor, organization_id=organization_id)[0]


def referral_overview(uow, actor: Actor, *, organization_id: uuid.UUID | None = None
                      ) -> tuple[ReferralCounts, tuple[ReferralRow, ...]]:
    """The counts and the overdue referrals' rows, in a fixed number of statements (the quality dashboard)."""
    today = uow.today()
    since = today - timedelta(days=30)
    found = queries.with_events(uow.session, visible_clause(uow, actor), organization_id)
    by_status = {s: 0 for s in ReferralStatus}
    answer_days, sent, completed, declined = [], 0, 0, 0
    for r in found:
        by_status[r.status] += 1
        sent += r.sent_on >= since
        completed += r.status is ReferralStatus.COMPLETED and r.status_on >= since
        declined += r.status is ReferralStatus.DECLINED and r.status_on >= since
        answered = [e.on for e in r.events if e.status in ANSWERS]
        if answered:
            answer_days.append((min(answered) - r.sent_on).days)
    late = sorted((r for r in found if is_overdue(r.status, r.respond_by, today)),
                  key=lambda r: (r.respond_by, r.ref))
    counts = ReferralCounts(open=sum(1 for r in found if not r.status.closed), overdue=len(late),
                            by_status=by_status, sent_last_30_days=sent, completed_last_30_days=completed,
                            declined_last_30_days=declined,
                            median_days_to_answer=float(statistics.median(answer_days)) if answer_days else None)
    return counts, tuple(rows(uow, late)) if late else ()
