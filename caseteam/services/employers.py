"""The agency-wide employer pipeline (issue 6, customized job development): every employer with its
stage and what is going on there, each employer's profile, the contacts any job developer made, the
unmet needs found and the negotiations people have there. Not tied to one person.

Reading is open to every signed-in role, as the partner directory is; changing it takes the directory
permission (MANAGE_PARTNERS). Job seekers named in it are shown only to readers who may see them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from caseteam.domain.consent import InformationCategory
from caseteam.domain.employers import EmployerNeed, EmployerProfile, EmployerStage
from caseteam.domain.jobs import NegotiationStatus
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.text import fold
from caseteam.errors import ValidationError
from caseteam.storage.queries import employers as queries
from caseteam.storage.queries import organizations as directory_queries

from . import access, need_to_know
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version, required_text
from .employer_contacts import (HIDDEN_PERSON, NO_DECISION, NOT_SHARED, ContactRow, DiscussedPerson,  # noqa: F401
                                discussed, disclosure_text, list_contacts, record_contact, remove_contact,
                                require_employer, restore_contact, update_contact)
from .organizations import StaffRow, create_organization

PROFILE_LIMITS = {"industry": 200, "size": 60, "location": 200, "bus_lines": 200, "accessibility": 20000,
                  "notes": 20000}
PROFILE_FIELDS = (*PROFILE_LIMITS, "stage")
PROFILE_LABELS = {"industry": "Industry", "size": "Size", "location": "Worksite location", "bus_lines": "Bus lines",
                  "accessibility": "Accessibility", "notes": "Notes"}
ORGANIZATION_FIELDS = ("street", "city", "region", "postal_code", "phone", "email", "website")


@dataclass(frozen=True)
class EmployerRow:
    """One line of the pipeline."""
    organization_id: uuid.UUID
    ref: str
    name: str
    city: str
    industry: str
    stage: EmployerStage
    bus_lines: str
    last_contact_on: date | None
    contacts: int
    open_needs: int
    open_negotiations: int

    @property
    def id(self) -> uuid.UUID:
        return self.organization_id


@dataclass(frozen=True)
class EmployerProfileRow:
    organization_id: uuid.UUID
    ref: str
    name: str
    city: str
    street: str
    phone: str
    email: str
    industry: str
    size: str
    location: str
    bus_lines: str
    accessibility: str
    stage: EmployerStage
    stage_changed_on: date | None
    notes: str
    version: int  # 0 while the employer has no profile row yet (a save with 0 then refuses if one appeared)

    @property
    def id(self) -> uuid.UUID:
        return self.organization_id


@dataclass(frozen=True)
class NeedRow:
    id: uuid.UUID
    organization_id: uuid.UUID
    description: str
    found_on: date
    contact_id: uuid.UUID | None
    met_on: date | None
    version: int
    archived: bool = False

    @property
    def met(self) -> bool:
        return self.met_on is not None


@dataclass(frozen=True)
class NegotiationAtEmployer:
    id: uuid.UUID
    ref: str
    person_id: uuid.UUID | None  # None when the reader may not see the person
    person_name: str
    status: NegotiationStatus | None  # None when the person's job development is not shared with the reader
    status_on: date | None

    @property
    def status_text(self) -> str:
        return self.status.label if self.status is not None else NOT_SHARED


@dataclass(frozen=True)
class EmployerDetail:
    profile: EmployerProfileRow
    contacts: tuple[ContactRow, ...]
    needs: tuple[NeedRow, ...]
    negotiations: tuple[NegotiationAtEmployer, ...]
    staff: tuple[StaffRow, ...] = ()  # the employer's current staff: who a contact was with
    today: date | None = None  # the store's today, for the dates a dialog starts from


def _profile_row(org, profile: EmployerProfile | None) -> EmployerProfileRow:
    p = profile
    return EmployerProfileRow(org.id, org.ref, org.name, org.city, org.street, org.phone, org.email,
                              p.industry if p else "", p.size if p else "", p.location if p else "",
                              p.bus_lines if p else "", p.accessibility if p else "",
                              p.stage if p else EmployerStage.PROSPECT, p.stage_changed_on if p else None,
                              p.notes if p else "", p.version if p else 0)


def _need_row(need: EmployerNeed) -> NeedRow:
    return NeedRow(need.id, need.organization_id, need.description, need.found_on, need.contact_id, need.met_on,
                   need.version, need.archived_at is not None)


# --- reading ---------------------------------------------------------------------------------------

def pipeline(uow, actor: Actor, *, search: str = "", stage: EmployerStage | None = None, industry: str = "",
             with_open_needs: bool = False) -> list[EmployerRow]:
    """Every live employer, one statement. Search (name, reference, city, industry) and the industry
    filter ignore case and accents, in Python for the reason list_organizations gives."""
    key, trade = fold(search or ""), fold(industry or "")
    rows = []
    for org, profile, contacts, last, needs, negotiations in queries.pipeline(
            uow.session, stage=EmployerStage(stage) if stage else None, with_open_needs=with_open_needs):
        sector = profile.industry if profile else ""
        if key and not any(key in fold(text) for text in (org.name, org.ref, org.city, sector)):
            continue
        if trade and trade not in fold(sector):
            continue
        rows.append(EmployerRow(org.id, org.ref, org.name, org.city, sector,
                                profile.stage if profile else EmployerStage.PROSPECT,
                                profile.bus_lines if profile else "", last, contacts, needs, negotiations))
    return rows


def get_employer(uow, actor: Actor, organization_id: uuid.UUID) -> EmployerProfileRow:
    org = require_employer(uow, organization_id)
    return _profile_row(org, queries.profile_of(uow.session, org.id))


def list_needs(uow, actor: Actor, organization_id: uuid.UUID) -> list[NeedRow]:
    org = require_employer(uow, organization_id)
    return [_need_row(n) for n in queries.needs_of(uow.session, org.id)]


def list_negotiations(uow, actor: Actor, organization_id: uuid.UUID) -> list[NegotiationAtEmployer]:
    """The negotiations people have at this employer; people the reader may not see are not named."""
    org = require_employer(uow, organization_id)
    rows = []
    for negotiation, person in queries.negotiations_at(uow.session, org.id):
        if not access.allowed(uow, actor, Action.VIEW_PERSON, person.id):
            rows.append(NegotiationAtEmployer(negotiation.id, negotiation.ref, None, HIDDEN_PERSON, None, None))
            continue
        categories = need_to_know.visible(uow, actor, person.id)
        shared = categories is None or InformationCategory.EMPLOYMENT in categories
        rows.append(NegotiationAtEmployer(negotiation.id, negotiation.ref, person.id, person.display_name,
                                          negotiation.status if shared else None,
                                          negotiation.status_on if shared else None))
    return rows


def employer_detail(uow, actor: Actor, organization_id: uuid.UUID) -> EmployerDetail:
    """Everything the Employers section shows for one employer, in one call."""
    staff = tuple(StaffRow.of(s) for s in directory_queries.staff_of(uow.session, organization_id)
                  if s.archived_at is None and s.active)
    return EmployerDetail(get_employer(uow, actor, organization_id),
                          tuple(list_contacts(uow, actor, organization_id)),
                          tuple(list_needs(uow, actor, organization_id)),
                          tuple(list_negotiations(uow, actor, organization_id)), staff, uow.today())


def discussed_people(uow, actor: Actor, organization_id: uuid.UUID, person_ids) -> list[DiscussedPerson]:
    """The job seekers a contact is about to name, as the contact log will show them (with each one's
    disclosure decision for this employer), so the job developer sees what may be said before writing."""
    require_employer(uow, organization_id)
    shown = discussed(uow, actor, organization_id, person_ids)
    return [shown[pid] for pid in dict.fromkeys(person_ids)]


# --- the profile -----------------------------------------------------------------------------------

def _clean_profile(fields: dict) -> dict:
    unknown = sorted(set(fields) - set(PROFILE_FIELDS) - {"stage_changed_on"})
    if unknown:
        raise ValidationError(unknown[0], f"{unknown[0]} is not part of an employer's profile.")
    values = {}
    for name, value in fields.items():
        if name in PROFILE_LIMITS:
            value = (value or "").strip()
            if len(value) > PROFILE_LIMITS[name]:
                raise ValidationError(name, f"{PROFILE_LABELS[name]} is too long ({len(value)} characters; at most "
                                            f"{PROFILE_LIMITS[name]}).")
        elif name == "stage":
            try:
                value = EmployerStage(value)
            except ValueError:
                raise ValidationError("stage", "Choose the employer's stage in the pipeline (prospect, contacted, "
                                               "engaged, hiring partner, not now).") from None
        values[name] = value
    return values


def save_profile(uow, actor: Actor, organization_id: uuid.UUID, version: int | None = None,
                 **fields) -> tuple[EmployerProfileRow, Changes]:
    """Save the fields given; the profile row is made on the first save. A stage change is dated today
    unless `stage_changed_on` is given (undo puts the earlier date back)."""
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    org = require_employer(uow, organization_id)
    values = _clean_profile(fields)
    profile = queries.profile_of(uow.session, org.id)
    if profile is not None:
        check_version(profile, version, f"{org.name}'s employer profile")
    action = "updated"
    if profile is None:
        profile = EmployerProfile(organization_id=org.id, industry="", size="", location="", bus_lines="",
                                  accessibility="", stage=EmployerStage.PROSPECT, notes="")
        uow.add(profile)
        action = "created"
    dated = values.pop("stage_changed_on", None)
    changed = {}
    for name, value in values.items():
        if getattr(profile, name) != value:
            changed[name] = [getattr(profile, name), value]
            setattr(profile, name, value)
    if "stage" in changed:
        before = profile.stage_changed_on
        profile.stage_changed_on = dated if "stage_changed_on" in fields else uow.today()
        changed["stage_changed_on"] = [before, profile.stage_changed_on]
    if changed or action == "created":
        profile.updated_at = uow.now()
        uow.flush()
        uow.audit.record(actor, profile, action, changes=audit_safe({"employer": [None, org.name]} | changed))
    return _profile_row(org, profile), Changes(employers=bool(changed) or action == "created")


def add_employer(uow, actor: Actor, *, name: str, **fields) -> tuple[EmployerProfileRow, Changes]:
    """A new employer in the directory (an organization of kind employer) and its profile, together."""
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    org_values = {k: v for k, v in fields.items() if k in ORGANIZATION_FIELDS}
    profile_values = {k: v for k, v in fields.items() if k not in ORGANIZATION_FIELDS}
    _clean_profile(profile_values)  # refuse before anything is written
    org, changes = create_organization(uow, actor, name=name, kind=OrganizationKind.EMPLOYER, **org_values)
    row, more = save_profile(uow, actor, org.id, **profile_values)
    return row, changes | more | Changes(employers=True)


# --- unmet needs -----------------------------------------------------------------------------------

def _not_future(uow, field: str, label: str, day) -> date:
    if not isinstance(day, date):
        raise ValidationError(field, f"Give the date {label}.")
    if day > uow.today():
        raise ValidationError(field, f"The date {label} cannot be in the future.")
    return day


def add_need(uow, actor: Actor, organization_id: uuid.UUID, *, description: str, found_on: date,
             contact_id: uuid.UUID | None = None) -> tuple[NeedRow, Changes]:
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    org = require_employer(uow, organization_id)
    description = required_text("description", "What the employer needs", description, max_length=4000)
    found_on = _not_future(uow, "found_on", "the need was found", found_on)
    if contact_id is not None and queries.contact(uow.session, contact_id).organization_id != org.id:
        raise ValidationError("contact_id", "That contact was with another employer.")
    need = EmployerNeed(organization_id=org.id, description=description, found_on=found_on, contact_id=contact_id)
    uow.add(need)
    uow.flush()
    uow.audit.record(actor, need, "recorded", changes=audit_safe({"employer": [None, org.name],
                                                                 "found_on": [None, found_on]}))
    return _need_row(need), Changes(employers=True)


def mark_need_met(uow, actor: Actor, need_id: uuid.UUID, *, met_on: date | None,
                  version: int | None = None) -> tuple[NeedRow, Changes]:
    """Met on a date (a job carved or created for it), or None to put it back among the unmet."""
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    need = queries.need(uow.session, need_id)
    check_version(need, version, "this unmet need")
    if met_on is not None:
        met_on = _not_future(uow, "met_on", "the need was met", met_on)
        if met_on < need.found_on:
            raise ValidationError("met_on", "A need cannot be met before the date it was found "
                                            f"({need.found_on.isoformat()}).")
    before = need.met_on
    need.met_on, need.updated_at = met_on, uow.now()
    uow.flush()
    uow.audit.record(actor, need, "met" if met_on else "reopened", changes=audit_safe({"met_on": [before, met_on]}))
    return _need_row(need), Changes(employers=True)


def set_need_archived(uow, actor: Actor, need_id: uuid.UUID, archived: bool) -> tuple[NeedRow, Changes]:
    """Remove (True) or restore (False) a need recorded by mistake; the undo of adding one."""
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    need = queries.need(uow.session, need_id, include_archived=True)
    need.archived_at = uow.now() if archived else None
    need.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, need, "removed" if archived else "restored")
    return _need_row(need), Changes(employers=True)
