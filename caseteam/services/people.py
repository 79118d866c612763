"""People (job seekers): create, edit, move through stages, archive and restore, caseload."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from caseteam.domain.people import Person, RepresentativeAuthority, Stage, StageChange
from caseteam.domain.text import fold
from caseteam.errors import NotFound, ValidationError
from caseteam.storage.queries import people as people_queries

from . import access
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import apply_fields, audit_safe, check_version, required_text, the_one_match

EDITABLE_FIELDS = (
    "given_name", "family_name", "preferred_name", "date_of_birth", "phone", "email", "street", "city",
    "region", "postal_code", "preferred_language", "interpreter", "communication_needs", "accommodations",
    "representative_name", "representative_relationship", "representative_authority",
    "representative_contact", "referral_source_id", "referral_note", "referral_date", "lead_staff_id",
    "home_organization_id",
)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
STAGES_NEEDING_REASON = {Stage.ON_HOLD, Stage.CLOSED_SUCCESSFUL, Stage.CLOSED_UNSUCCESSFUL}


@dataclass(frozen=True)
class PersonRow:
    id: uuid.UUID
    ref: str
    given_name: str
    family_name: str
    preferred_name: str
    display_name: str
    date_of_birth: date | None
    phone: str
    email: str
    street: str
    city: str
    region: str
    postal_code: str
    preferred_language: str
    interpreter: str
    communication_needs: str
    accommodations: str
    representative_name: str
    representative_relationship: str
    representative_authority: RepresentativeAuthority
    representative_contact: str
    referral_source_id: uuid.UUID | None
    referral_source_name: str
    referral_note: str
    referral_date: date | None
    stage: Stage
    stage_entered_on: date
    lead_staff_id: uuid.UUID | None
    lead_staff_name: str
    home_organization_id: uuid.UUID | None
    home_organization_name: str
    version: int
    archived: bool

    @classmethod
    def of(cls, p: Person) -> PersonRow:
        return cls(
            p.id, p.ref, p.given_name, p.family_name, p.preferred_name, p.display_name, p.date_of_birth,
            p.phone, p.email, p.street, p.city, p.region, p.postal_code, p.preferred_language, p.interpreter,
            p.communication_needs, p.accommodations, p.representative_name, p.representative_relationship,
            p.representative_authority, p.representative_contact, p.referral_source_id,
            p.referral_source.name if p.referral_source else "", p.referral_note, p.referral_date, p.stage,
            p.stage_entered_on, p.lead_staff_id, p.lead_staff.name if p.lead_staff else "",
            p.home_organization_id, p.home_organization.name if p.home_organization else "", p.version,
            p.archived_at is not None)


@dataclass(frozen=True)
class CaseloadRow:
    id: uuid.UUID
    ref: str
    name: str
    full_name: str
    stage: Stage
    stage_entered_on: date
    lead: str
    home_organization: str
    open_tasks: int
    next_due: date | None
    plan_revised: datetime | None
    plan_number: int | None
    plan_review_due: date | None = None


@dataclass(frozen=True)
class StageChangeRow:
    stage: Stage
    previous_stage: Stage | None
    entered_on: date
    reason: str


def _search_text(p: Person) -> str:
    return fold(" ".join(filter(None, [p.ref, p.given_name, p.preferred_name, p.family_name])))


def _validate(uow, values: dict) -> None:
    if "given_name" in values:
        values["given_name"] = required_text("given_name", "Given name", values["given_name"], max_length=100)
    if "family_name" in values:
        values["family_name"] = required_text("family_name", "Family name", values["family_name"], max_length=100)
    dob = values.get("date_of_birth")
    if dob is not None:
        today = uow.today()
        if dob > today:
            raise ValidationError("date_of_birth", "Date of birth cannot be in the future.")
        if dob.year < today.year - 120:
            raise ValidationError("date_of_birth", "Date of birth is more than 120 years ago; check the year.")
    email = (values.get("email") or "").strip()
    if email and not EMAIL.match(email):
        raise ValidationError("email", f'"{email}" is not an email address (it needs a name, @ and a domain).')
    if "representative_authority" in values:
        values["representative_authority"] = RepresentativeAuthority(values["representative_authority"])
        if values["representative_authority"] is not RepresentativeAuthority.NONE and not (
                values.get("representative_name") or "").strip():
            raise ValidationError("representative_name",
                                  "Name the representative whose authority is recorded.")
    if values.get("lead_staff_id") is not None:
        uow.staff.get(values["lead_staff_id"])
    for key in ("home_organization_id", "referral_source_id"):
        if values.get(key) is not None:
            uow.organizations.get(values[key])


def create_person(uow, actor: Actor, *, given_name: str, family_name: str, stage: Stage = Stage.REFERRAL,
                  stage_entered_on: date | None = None, **values) -> tuple[PersonRow, Changes]:
    access.require(uow, actor, Action.CREATE_PERSON)
    values.update(given_name=given_name, family_name=family_name)
    _validate(uow, values)
    entered = stage_entered_on or uow.today()
    person = Person(ref=uow.references.next("person"), stage=Stage(stage), stage_entered_on=entered)
    apply_fields(person, values, EDITABLE_FIELDS)
    person.search_text = _search_text(person)
    uow.add(person)
    uow.add(StageChange(person_id=person.id, stage=person.stage, previous_stage=None, entered_on=entered,
                        reason=values.get("referral_note", "") or "Referred", changed_by_id=actor.user_id,
                        changed_at=uow.now()))
    uow.flush()
    uow.audit.record(actor, person, "created", changes=audit_safe(
        {k: [None, getattr(person, k)] for k in ("ref", "given_name", "family_name", "stage")}))
    return PersonRow.of(person), Changes(people=True)


def update_person(uow, actor: Actor, person_id: uuid.UUID, *, version: int | None,
                  **values) -> tuple[PersonRow, Changes]:
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    person = uow.people.get(person_id)
    check_version(person, version, f"{person.display_name}'s record")
    merged = {**{k: getattr(person, k) for k in ("representative_name", "representative_authority")}, **values}
    _validate(uow, merged)
    values = {k: merged[k] for k in values}
    changed = apply_fields(person, values, EDITABLE_FIELDS)
    if not changed:
        return PersonRow.of(person), Changes()
    person.search_text = _search_text(person)
    person.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, person, "updated", changes=audit_safe(changed))
    return PersonRow.of(person), Changes(people=True)


def change_stage(uow, actor: Actor, person_id: uuid.UUID, stage: Stage, *, entered_on: date | None = None,
                 reason: str = "", version: int | None = None) -> tuple[PersonRow, Changes]:
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    person = uow.people.get(person_id)
    check_version(person, version, f"{person.display_name}'s record")
    stage = Stage(stage)
    entered_on = entered_on or uow.today()
    if stage == person.stage:
        raise ValidationError("stage", f"{person.display_name} is already in {stage.label}.")
    if stage in STAGES_NEEDING_REASON and not reason.strip():
        raise ValidationError("reason", f"Say why {person.display_name} is moving to {stage.label}.")
    if entered_on < person.stage_entered_on:
        raise ValidationError("entered_on", f"{person.display_name} entered {person.stage.label} on "
                                            f"{person.stage_entered_on:%b %d, %Y}; the new stage cannot start earlier.")
    previous = person.stage
    uow.add(StageChange(person_id=person.id, stage=stage, previous_stage=previous, entered_on=entered_on,
                        reason=reason.strip(), changed_by_id=actor.user_id, changed_at=uow.now()))
    person.stage, person.stage_entered_on, person.updated_at = stage, entered_on, uow.now()
    uow.flush()
    uow.audit.record(actor, person, "stage changed", reason=reason.strip(),
                     changes=audit_safe({"stage": [previous, stage], "stage_entered_on": [None, entered_on]}))
    return PersonRow.of(person), Changes(people=True)


def archive_person(uow, actor: Actor, person_id: uuid.UUID, *, reason: str = "") -> tuple[PersonRow, Changes]:
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    person = uow.people.get(person_id)
    person.archived_at = uow.now()
    uow.flush()
    uow.audit.record(actor, person, "archived", reason=reason)
    return PersonRow.of(person), Changes(people=True)


def restore_person(uow, actor: Actor, person_id: uuid.UUID) -> tuple[PersonRow, Changes]:
    person = uow.people.get(person_id, include_archived=True)
    access.require(uow, actor, Action.EDIT_PERSON, person.id)
    if person.archived_at is None:
        raise ValidationError("person", f"{person.display_name} is not archived.")
    person.archived_at = None
    uow.flush()
    uow.audit.record(actor, person, "restored")
    return PersonRow.of(person), Changes(people=True)


def get_person(uow, actor: Actor, person_id: uuid.UUID | str) -> PersonRow:
    person = uow.people.get(person_id)
    access.require(uow, actor, Action.VIEW_PERSON, person.id)
    from . import need_to_know  # consent builds on people; imported at call time

    return need_to_know.redact_contact(PersonRow.of(person), need_to_know.visible(uow, actor, person.id))


def caseload(uow, actor: Actor, *, search: str | None = None, stage: Stage | None = None,
             limit: int | None = None, offset: int = 0) -> list[CaseloadRow]:
    rows = []
    for (pid, ref, given, family, preferred, stg, entered, lead_given, lead_family, home, open_tasks,
         next_due, revised, plan_number) in people_queries.caseload(uow.session, search=search, stage=stage,
                                                                   visible=access.people_filter(uow, actor),
                                                                   limit=limit, offset=offset):
        rows.append(CaseloadRow(pid, ref, f"{preferred or given} {family}", f"{given} {family}", stg, entered,
                                f"{lead_given or ''} {lead_family or ''}".strip(), home or "", int(open_tasks),
                                next_due, revised, plan_number))
    return rows


def caseload_count(uow, actor: Actor, *, search: str | None = None, stage: Stage | None = None) -> int:
    return people_queries.caseload_count(uow.session, search=search, stage=stage,
                                         visible=access.people_filter(uow, actor))


def stage_history(uow, actor: Actor, person_id: uuid.UUID) -> list[StageChangeRow]:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    person = uow.people.get(person_id)
    return [StageChangeRow(c.stage, c.previous_stage, c.entered_on, c.reason) for c in person.stage_history]


def resolve_person(uow, text: str, actor: Actor | None = None) -> Person:
    """A reference number, UUID or name from the command line; several matches is an error. With an
    actor, only people that account may see count (a refusal must not reveal who else exists)."""
    visible = access.people_filter(uow, actor) if actor is not None else None
    try:
        person = uow.people.get(text)
        if actor is None or access.allowed(uow, actor, Action.VIEW_PERSON, person.id):
            return person
    except NotFound:
        pass
    return the_one_match(people_queries.people_matching(uow.session, text, visible=visible), text, "person", "people",
                         lambda p: f"{p.ref}  {p.display_name}")


@dataclass(frozen=True)
class PersonForEdit:
    """What the profile editor needs in one answer: the record and the choices for its lists."""
    person: PersonRow
    organizations: tuple[tuple[uuid.UUID, str], ...]       # (id, name), live organizations by name
    staff: tuple[tuple[uuid.UUID, str], ...]               # (id, "Name, Organization"), active staff
    today: date


def get_person_for_edit(uow, actor: Actor, person_id: uuid.UUID, *,
                        record_opening: bool = False) -> PersonForEdit:
    """The person and the organization and staff lists; `record_opening` audits that the record was
    opened (done once when a workspace opens, not on every refresh)."""
    from caseteam.storage.queries.task_board import assignment_choices

    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    person = uow.people.get(person_id)
    orgs, staff = assignment_choices(uow.session)
    names = dict(orgs)
    if record_opening and uow.write:
        uow.audit.record(actor, person, "opened")
    return PersonForEdit(PersonRow.of(person), tuple((i, n) for i, n in orgs),
                         tuple((i, f"{g} {f}, {names.get(o, '')}".rstrip(", ")) for i, o, g, f, _t in staff),
                         uow.today())


def revert_stage_change(uow, actor: Actor, person_id: uuid.UUID, *, version: int | None,
                        reason: str = "Stage change undone") -> tuple[PersonRow, Changes]:
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    """Undo the latest stage change: the person goes back to the stage (and its start date) they were
    in before. The history keeps both entries plus this one, so nothing that happened is lost."""
    person = uow.people.get(person_id)
    check_version(person, version, f"{person.display_name}'s record")
    history = list(person.stage_history)
    current = max(history, key=lambda c: c.changed_at, default=None)
    if current is None or current.previous_stage is None or current.stage != person.stage:
        raise ValidationError("stage", f"{person.display_name}'s stage has no earlier change to undo.")
    earlier = [c for c in history if c is not current and c.stage == current.previous_stage
               and c.changed_at <= current.changed_at]
    back_to = max(earlier, key=lambda c: c.changed_at).entered_on if earlier else person.stage_entered_on
    undone = person.stage
    uow.add(StageChange(person_id=person.id, stage=current.previous_stage, previous_stage=undone,
                        entered_on=back_to, reason=reason, changed_by_id=actor.user_id, changed_at=uow.now()))
    person.stage, person.stage_entered_on, person.updated_at = current.previous_stage, back_to, uow.now()
    uow.flush()
    uow.audit.record(actor, person, "stage change undone", reason=reason,
                     changes=audit_safe({"stage": [undone, person.stage], "stage_entered_on": [None, back_to]}))
    return PersonRow.of(person), Changes(people=True)
