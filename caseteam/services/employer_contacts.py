"""Contacts with an employer by any job developer, with the job seekers discussed and, next to each of
them, what that person decided may be disclosed to this employer. Reached through services.employers."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from caseteam.domain.consent import InformationCategory
from caseteam.domain.employers import EmployerContact, EmployerContactKind, EmployerContactPerson
from caseteam.domain.jobs import DisclosureLevel
from caseteam.domain.organizations import Organization, OrganizationKind
from caseteam.errors import PermissionDenied, ValidationError
from caseteam.storage.queries import employers as queries
from caseteam.storage.queries.notes import user_names

from . import access, need_to_know
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version, required_text

HIDDEN_PERSON = "a job seeker (not on your caseload)"
NO_DECISION = "No decision recorded"
NOT_SHARED = "Not shared with your organization"
CONTACT_FIELDS = ("contacted_on", "kind", "contact_staff_id", "contact_name", "summary", "next_step", "next_on")


@dataclass(frozen=True)
class DiscussedPerson:
    """A job seeker discussed with the employer, as this reader may see them."""
    person_id: uuid.UUID | None  # None when the reader may not see the person
    name: str
    disclosure: str  # "Partly: may say she uses a job coach", "No decision recorded", ...
    level: DisclosureLevel | None = None
    what_may_be_said: str = ""

    @property
    def shown(self) -> bool:
        return self.person_id is not None


@dataclass(frozen=True)
class ContactRow:
    id: uuid.UUID
    ref: str
    organization_id: uuid.UUID
    contacted_on: date
    kind: EmployerContactKind
    by_user_id: uuid.UUID
    by_name: str
    contact_staff_id: uuid.UUID | None
    contact_name: str  # the staff record's name when there is one, else the name typed
    summary: str
    next_step: str
    next_on: date | None
    people: tuple[DiscussedPerson, ...]
    version: int
    archived: bool = False

    @property
    def person_ids(self) -> tuple[uuid.UUID, ...]:
        return tuple(p.person_id for p in self.people if p.person_id is not None)


def require_employer(uow, organization_id: uuid.UUID) -> Organization:
    org = uow.organizations.get(organization_id)
    if org.kind is not OrganizationKind.EMPLOYER:
        raise ValidationError("organization", f"{org.name} is not an employer in the directory (its kind is "
                                              f"{org.kind.label}); the pipeline holds employers only.")
    return org


def disclosure_text(decision) -> str:
    if decision is None:
        return NO_DECISION
    said = " ".join((decision.what_may_be_said or "").split())
    return f"{decision.level.label}: {said}" if said else decision.level.label


def discussed(uow, actor: Actor, organization_id: uuid.UUID, person_ids) -> dict[uuid.UUID, DiscussedPerson]:
    """Each person as this reader sees them: the name and this employer's disclosure decision, or the
    neutral words when the reader may not see the person or their job-development information."""
    ids = list(dict.fromkeys(person_ids))
    people = queries.people_by_id(uow.session, ids)
    decisions = queries.decisions_at(uow.session, organization_id, ids)
    shown: dict[uuid.UUID, DiscussedPerson] = {}
    for pid in ids:
        person = people.get(pid)
        if person is None or person.archived_at is not None or not access.allowed(uow, actor, Action.VIEW_PERSON, pid):
            shown[pid] = DiscussedPerson(None, HIDDEN_PERSON, "")
            continue
        categories = need_to_know.visible(uow, actor, pid)
        if categories is not None and InformationCategory.EMPLOYMENT not in categories:
            shown[pid] = DiscussedPerson(pid, person.display_name, NOT_SHARED)
            continue
        decision = decisions.get(pid)
        shown[pid] = DiscussedPerson(pid, person.display_name, disclosure_text(decision),
                                     decision.level if decision else None,
                                     decision.what_may_be_said if decision else "")
    return shown


def _rows(uow, actor: Actor, contacts: list[EmployerContact]) -> list[ContactRow]:
    if not contacts:
        return []
    organization_id = contacts[0].organization_id
    people = discussed(uow, actor, organization_id, [p.person_id for c in contacts for p in c.people])
    users = user_names(uow.session, {c.by_user_id for c in contacts})
    staff = queries.staff_names(uow.session, {c.contact_staff_id for c in contacts})
    return [ContactRow(c.id, c.ref, c.organization_id, c.contacted_on, c.kind, c.by_user_id,
                       users.get(c.by_user_id, ""), c.contact_staff_id,
                       staff.get(c.contact_staff_id, c.contact_name) if c.contact_staff_id else c.contact_name,
                       c.summary, c.next_step, c.next_on, tuple(people[p.person_id] for p in c.people), c.version,
                       c.archived_at is not None)
            for c in contacts]


def _clean(uow, actor: Actor, organization_id: uuid.UUID, values: dict) -> dict:
    """Check a whole contact (new, or an edit merged with what is stored); plain words name the field."""
    today = uow.today()
    contacted_on = values.get("contacted_on")
    if not isinstance(contacted_on, date):
        raise ValidationError("contacted_on", "Give the date of the contact.")
    if contacted_on > today:
        raise ValidationError("contacted_on", "The contact date cannot be in the future: record a contact once "
                                              "it has happened, and put a planned one under Next step.")
    try:
        values["kind"] = EmployerContactKind(values.get("kind"))
    except ValueError:
        raise ValidationError("kind", "Choose what kind of contact this was (tour, proposal, phone...).") from None
    values["summary"] = required_text("summary", "A summary of what was discussed", values.get("summary"),
                                      max_length=20000)
    values["next_step"] = (values.get("next_step") or "").strip()[:4000]
    next_on = values.get("next_on")
    if next_on is not None and next_on < contacted_on:
        raise ValidationError("next_on", "The next step's date cannot be before the contact itself.")
    values["contact_name"] = (values.get("contact_name") or "").strip()
    if len(values["contact_name"]) > 200:
        raise ValidationError("contact_name", "The name of the person at the employer is too long (at most 200 "
                                              "characters).")
    staff_id = values.get("contact_staff_id")
    if staff_id is not None:
        staff = uow.staff.find(staff_id)
        if staff is None or staff.archived_at is not None or staff.organization_id != organization_id:
            raise ValidationError("contact_staff_id", "The person at the employer must be one of this employer's "
                                                      "current staff in the directory, or typed as a name.")
    return values


def _check_people(uow, actor: Actor, person_ids) -> list[uuid.UUID]:
    """Each job seeker exists and the actor may see them and their job-development information."""
    ids = list(dict.fromkeys(person_ids or ()))
    for pid in ids:
        person = uow.people.find(pid)
        if person is None or person.archived_at is not None:
            raise ValidationError("people", "One of the job seekers chosen was not found (the record may have "
                                            "been archived). Choose them again.")
        access.require(uow, actor, Action.VIEW_PERSON, pid)
        need_to_know.require_category(uow, actor, pid, InformationCategory.EMPLOYMENT)
    return ids


def record_contact(uow, actor: Actor, organization_id: uuid.UUID, *, contacted_on: date, kind, summary: str,
                   contact_staff_id: uuid.UUID | None = None, contact_name: str = "", next_step: str = "",
                   next_on: date | None = None, people=()) -> tuple[ContactRow, Changes]:
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    org = require_employer(uow, organization_id)
    values = _clean(uow, actor, org.id, dict(contacted_on=contacted_on, kind=kind, summary=summary,
                                            contact_staff_id=contact_staff_id, contact_name=contact_name,
                                            next_step=next_step, next_on=next_on))
    ids = _check_people(uow, actor, people)
    entry = EmployerContact(ref=uow.references.next("employer_contact"), organization_id=org.id,
                            by_user_id=actor.user_id, **values)
    entry.people = [EmployerContactPerson(id=uow.new_id(), person_id=pid, created_at=uow.now()) for pid in ids]
    uow.add(entry)
    uow.flush()
    uow.audit.record(actor, entry, "recorded", changes=audit_safe({
        "employer": [None, org.name], "contacted_on": [None, entry.contacted_on], "kind": [None, entry.kind],
        "people": [None, ",".join(str(pid) for pid in ids)]}))
    return _rows(uow, actor, [entry])[0], Changes(employers=True)


def _own_contact(uow, actor: Actor, contact_id: uuid.UUID, version: int | None, *,
                 include_archived: bool = False) -> EmployerContact:
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    entry = queries.contact(uow.session, contact_id, include_archived=include_archived)
    if entry.by_user_id != actor.user_id:
        raise PermissionDenied(f"Contact {entry.ref} was recorded by another job developer; only its author "
                               "can change or remove it.")
    check_version(entry, version, f"contact {entry.ref}")
    return entry


def update_contact(uow, actor: Actor, contact_id: uuid.UUID, *, version: int | None = None, people=None,
                   **fields) -> tuple[ContactRow, Changes]:
    """The author corrects their contact; `people` None leaves the job seekers discussed as they are."""
    entry = _own_contact(uow, actor, contact_id, version)
    unknown = sorted(set(fields) - set(CONTACT_FIELDS))
    if unknown:
        raise ValidationError(unknown[0], f"{unknown[0]} is not part of an employer contact.")
    merged = {name: getattr(entry, name) for name in CONTACT_FIELDS} | fields
    values = _clean(uow, actor, entry.organization_id, merged)
    changed = {name: [getattr(entry, name), value] for name, value in values.items() if getattr(entry, name) != value}
    if people is not None:
        before = [p.person_id for p in entry.people]
        ids = _check_people(uow, actor, people)
        if ids != before:
            changed["people"] = [",".join(map(str, before)), ",".join(map(str, ids))]
            kept = {p.person_id: p for p in entry.people}
            entry.people = [kept.get(pid) or EmployerContactPerson(id=uow.new_id(), person_id=pid, created_at=uow.now())
                            for pid in ids]
    for name, value in values.items():
        setattr(entry, name, value)
    if changed:
        entry.updated_at = uow.now()
        uow.flush()
        uow.audit.record(actor, entry, "updated", changes=audit_safe(changed))
    return _rows(uow, actor, [entry])[0], Changes(employers=bool(changed))


def remove_contact(uow, actor: Actor, contact_id: uuid.UUID, *,
                   version: int | None = None) -> tuple[ContactRow, Changes]:
    """Archive (never delete): the contact leaves the log and can be restored."""
    entry = _own_contact(uow, actor, contact_id, version)
    entry.archived_at = entry.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, entry, "removed")
    return _rows(uow, actor, [entry])[0], Changes(employers=True)


def restore_contact(uow, actor: Actor, contact_id: uuid.UUID) -> tuple[ContactRow, Changes]:
    entry = _own_contact(uow, actor, contact_id, None, include_archived=True)
    if entry.archived_at is None:
        raise ValidationError("contact", f"Contact {entry.ref} is not removed.")
    entry.archived_at, entry.updated_at = None, uow.now()
    uow.flush()
    uow.audit.record(actor, entry, "restored")
    return _rows(uow, actor, [entry])[0], Changes(employers=True)


def list_contacts(uow, actor: Actor, organization_id: uuid.UUID) -> list[ContactRow]:
    """Every job developer's contacts with this employer, newest first."""
    org = require_employer(uow, organization_id)
    return _rows(uow, actor, queries.contacts_of(uow.session, org.id))
