"""Partner organizations, their programs and their staff."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from caseteam.domain.organizations import Organization, OrganizationKind, Program, StaffMember
from caseteam.domain.people import Stage
from caseteam.domain.presence import Engagement
from caseteam.domain.tasks import ACTIVE_TASK_STATUSES
from caseteam.domain.teams import TeamRole
from caseteam.domain.text import fold
from caseteam.errors import ValidationError
from caseteam.storage.queries import organizations as directory_queries
from caseteam.storage.queries import presence as presence_queries
from caseteam.storage.queries import tasks as task_queries
from caseteam.storage.queries.tasks import TaskFilter

from . import access
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import apply_fields, audit_safe, check_version, required_text, the_one_match
from .tasks import TaskRow, list_tasks

ORGANIZATION_FIELDS = ("name", "kind", "street", "city", "region", "postal_code", "phone", "email", "website",
                       "notes", "engagement")
PROGRAM_FIELDS = ("name", "funding_stream", "services", "eligibility", "mandated_partner", "retention_basis")
RETENTION_BASES = ("", "hire_date", "stabilization")  # caseteam.domain.employment.RetentionBasis, or none
RETENTION_WORDS = {"": "Not a funder of retention milestones", "hire_date": "The hire date",
                   "stabilization": "Stabilization (move to extended services)"}
STAFF_FIELDS = ("given_name", "family_name", "title", "credentials", "email", "phone", "active")


@dataclass(frozen=True)
class OrganizationRow:
    id: uuid.UUID
    ref: str
    name: str
    kind: OrganizationKind
    city: str
    phone: str
    email: str
    version: int
    archived: bool
    street: str = ""
    region: str = ""
    postal_code: str = ""
    website: str = ""
    notes: str = ""
    engagement: Engagement = Engagement.REFERRAL_ONLY  # how it engages at the One-Stop (services/presence.py)

    @classmethod
    def of(cls, o: Organization) -> OrganizationRow:
        return cls(o.id, o.ref, o.name, o.kind, o.city, o.phone, o.email, o.version, o.archived_at is not None,
                   o.street, o.region, o.postal_code, o.website, o.notes,
                   Engagement(o.engagement or Engagement.REFERRAL_ONLY))


@dataclass(frozen=True)
class ProgramRow:
    id: uuid.UUID
    organization_id: uuid.UUID
    name: str
    funding_stream: str
    services: str
    eligibility: str
    mandated_partner: bool
    version: int
    archived: bool = False
    retention_basis: str = ""  # one of RETENTION_BASES: where a funder counts 30/60/90-day retention from

    @property
    def retention_words(self) -> str:
        return RETENTION_WORDS.get(self.retention_basis, self.retention_basis)

    @classmethod
    def of(cls, p: Program) -> ProgramRow:
        return cls(p.id, p.organization_id, p.name, p.funding_stream, p.services, p.eligibility,
                   p.mandated_partner, p.version, p.archived_at is not None, p.retention_basis or "")


@dataclass(frozen=True)
class StaffRow:
    id: uuid.UUID
    ref: str
    organization_id: uuid.UUID
    organization_name: str
    name: str
    title: str
    credentials: str
    email: str
    phone: str
    active: bool
    version: int
    archived: bool = False
    given_name: str = ""
    family_name: str = ""

    @classmethod
    def of(cls, s: StaffMember) -> StaffRow:
        return cls(s.id, s.ref, s.organization_id, s.organization.name, s.name, s.title, s.credentials, s.email,
                   s.phone, s.active, s.version, s.archived_at is not None, s.given_name, s.family_name)


def _save_fields(uow, actor: Actor, entity, values: dict, allowed) -> dict:
    """Set the fields that differ; a real change gets a new version, a change instant and an audit entry."""
    changed = apply_fields(entity, values, allowed)
    if changed:
        entity.updated_at = uow.now()
        uow.flush()
        uow.audit.record(actor, entity, "updated", changes=audit_safe(changed))
    return changed


def engagement_of(value) -> Engagement:
    """An Engagement from itself or its stored word, refused in words naming the field."""
    try:
        return Engagement(value)
    except ValueError:
        choices = ", ".join(f"{e.label.lower()} ({e.value})" for e in Engagement)
        raise ValidationError("engagement", f'"{value}" is not a way of engaging at the One-Stop: choose '
                                            f"{choices}.") from None


def _check_engagement(uow, org: Organization, engagement: Engagement) -> None:
    """A partner that takes referrals only has no weekly times in the building."""
    if engagement is not Engagement.REFERRAL_ONLY or org.id is None:
        return
    slots = presence_queries.active_slot_count(uow.session, org.id)
    if slots:
        raise ValidationError("engagement", f"{org.name} still has {slots} weekly time{'s' if slots != 1 else ''} "
                                            "in the building. Remove them on the Presence tab before making it "
                                            "referral only.")


def create_organization(uow, actor: Actor, *, name: str, kind: OrganizationKind,
                        **values) -> tuple[OrganizationRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    org = Organization(ref=uow.references.next("organization"),
                       name=required_text("name", "Organization name", name), kind=OrganizationKind(kind),
                       engagement=engagement_of(values.pop("engagement", None) or Engagement.REFERRAL_ONLY))
    apply_fields(org, values, ORGANIZATION_FIELDS)
    uow.add(org)
    uow.flush()
    present = org.engagement is not Engagement.REFERRAL_ONLY
    uow.audit.record(actor, org, "created", changes={"name": [None, org.name], "kind": [None, org.kind.value]}
                     | ({"engagement": [None, org.engagement.value]} if present else {}))
    return OrganizationRow.of(org), Changes(organizations=True, presence=present)


def update_organization(uow, actor: Actor, organization_id: uuid.UUID, *, version: int | None,
                        **values) -> tuple[OrganizationRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    org = uow.organizations.get(organization_id)
    check_version(org, version, org.name)
    if "name" in values:
        values["name"] = required_text("name", "Organization name", values["name"])
    if "kind" in values:
        values["kind"] = OrganizationKind(values["kind"])
    if "engagement" in values:
        values["engagement"] = engagement_of(values["engagement"])
        _check_engagement(uow, org, values["engagement"])
    changed = _save_fields(uow, actor, org, values, ORGANIZATION_FIELDS)
    return OrganizationRow.of(org), Changes(organizations=bool(changed), presence="engagement" in changed)


def set_organization_archived(uow, actor: Actor, organization_id: uuid.UUID, archived: bool, *,
                              version: int | None = None) -> tuple[OrganizationRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    org = uow.organizations.get(organization_id, include_archived=True)
    check_version(org, version, org.name)
    org.archived_at = uow.now() if archived else None
    uow.flush()
    uow.audit.record(actor, org, "archived" if archived else "restored")
    return OrganizationRow.of(org), Changes(organizations=True)


def _check_retention_basis(values: dict) -> None:
    basis = values.get("retention_basis", "")
    if values.get("retention_basis") is None and "retention_basis" in values:
        values["retention_basis"] = basis = ""  # a cleared choice: not a funder of retention milestones
    if basis not in RETENTION_BASES:
        raise ValidationError("retention_basis", f'"Counts 30/60/90-day retention from" cannot be "{basis}": '
                                                 "choose the hire date (hire_date), stabilization "
                                                 "(stabilization), or none for a program that does not fund "
                                                 "retention milestones.")


def add_program(uow, actor: Actor, organization_id: uuid.UUID, *, name: str, **values) -> tuple[ProgramRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    org = uow.organizations.get(organization_id)
    program = Program(organization_id=org.id, name=required_text("name", "Program name", name))
    _check_retention_basis(values)
    apply_fields(program, values, PROGRAM_FIELDS)
    uow.add(program)
    uow.flush()
    uow.audit.record(actor, program, "created", changes={"name": [None, program.name],
                                                         "organization": [None, org.name]})
    return ProgramRow.of(program), Changes(organizations=True)


def add_staff(uow, actor: Actor, organization_id: uuid.UUID, *, given_name: str, family_name: str,
              **values) -> tuple[StaffRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    org = uow.organizations.get(organization_id)
    staff = StaffMember(ref=uow.references.next("staff"), organization_id=org.id, organization=org,
                        given_name=required_text("given_name", "Given name", given_name, max_length=100),
                        family_name=required_text("family_name", "Family name", family_name, max_length=100))
    apply_fields(staff, values, STAFF_FIELDS)
    uow.add(staff)
    uow.flush()
    uow.audit.record(actor, staff, "created", changes={"name": [None, staff.name],
                                                       "organization": [None, org.name]})
    return StaffRow.of(staff), Changes(staff=True)


def update_staff(uow, actor: Actor, staff_id: uuid.UUID, *, version: int | None, **values) -> tuple[StaffRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    staff = uow.staff.get(staff_id)
    check_version(staff, version, f"{staff.name}'s record")
    if staff.active and "active" in values and not values["active"]:
        _refuse_deactivation_with_open_work(uow, staff)
    changed = _save_fields(uow, actor, staff, values, STAFF_FIELDS)
    return StaffRow.of(staff), Changes(staff=bool(changed))


def _refuse_deactivation_with_open_work(uow, staff) -> None:
    """Deactivating never strands work silently: what they still hold goes through a handover first."""
    from .handover_rows import counts_words
    from .handovers import open_item_counts

    held = open_item_counts(uow, staff.id)
    total = sum(held.values())
    if total:
        raise ValidationError("active", f"{staff.name} holds {total} open item{'s' if total != 1 else ''} "
                                        f"({counts_words(held)}); hand them over first (Partners ▸ Staff ▸ "
                                        "Hand over…).")


def resolve_organization(uow, text: str) -> Organization:
    return the_one_match(task_queries.organizations_matching(uow.session, text), text, "organization",
                         "organizations", lambda o: f"{o.ref}  {o.name}")


def resolve_staff(uow, text: str) -> StaffMember:
    return the_one_match(task_queries.staff_matching(uow.session, text), text, "staff member", "staff members",
                         lambda s: f"{s.ref}  {s.name} ({s.organization.name})")


# --- the partner directory -------------------------------------------------------------------------

@dataclass(frozen=True)
class OrganizationListRow:
    """One line of the directory: the organization and what hangs off it."""
    id: uuid.UUID
    ref: str
    name: str
    kind: OrganizationKind
    city: str
    phone: str
    email: str
    archived: bool
    version: int
    staff: int
    programs: int
    open_tasks: int
    people_served: int
    engagement: Engagement = Engagement.REFERRAL_ONLY


@dataclass(frozen=True)
class ServedPersonRow:
    """A current seat the organization's staff hold on a person's team."""
    person_id: uuid.UUID
    ref: str
    name: str
    stage: Stage
    staff_id: uuid.UUID
    member_name: str
    role: TeamRole


DETAIL_TASKS = 100  # a large provider holds thousands of open tasks; the detail shows the first ones


@dataclass(frozen=True)
class OrganizationDetail:
    organization: OrganizationRow
    programs: tuple[ProgramRow, ...]  # archived ones too, marked
    staff: tuple[StaffRow, ...]  # active, inactive and archived, marked
    open_tasks: tuple[TaskRow, ...]  # the DETAIL_TASKS due soonest: the Tasks board lists them all
    people: tuple[ServedPersonRow, ...]
    open_task_count: int = 0


def list_organizations(uow, actor: Actor, *, search: str | None = None, kind: OrganizationKind | None = None,
                       include_archived: bool = False) -> list[OrganizationListRow]:
    """One statement, whatever the number of organizations. The search matches name, reference or city
    ignoring case and accents; it is applied here because SQLite's lower() only folds ASCII, and a
    region has tens of partners, not thousands."""
    key = fold(search or "")
    rows = []
    for org, staff, programs, open_tasks, served in directory_queries.directory(
            uow.session, on=uow.today(), kind=OrganizationKind(kind) if kind else None,
            include_archived=include_archived):
        if key and not any(key in fold(text) for text in (org.name, org.ref, org.city)):
            continue
        rows.append(OrganizationListRow(org.id, org.ref, org.name, org.kind, org.city, org.phone, org.email,
                                        org.archived_at is not None, org.version, staff, programs, open_tasks,
                                        served, Engagement(org.engagement or Engagement.REFERRAL_ONLY)))
    return rows


def get_organization_detail(uow, actor: Actor, organization_id: uuid.UUID) -> OrganizationDetail:
    """Everything the directory shows for one organization (archived ones too, so they can be restored)."""
    org = uow.organizations.get(organization_id, include_archived=True)
    today = uow.today()
    programs = tuple(ProgramRow.of(p) for p in directory_queries.programs_of(uow.session, org.id))
    staff = tuple(StaffRow.of(s) for s in directory_queries.staff_of(uow.session, org.id))
    flt = TaskFilter(organization_ids=(org.id,), statuses=ACTIVE_TASK_STATUSES)
    tasks = tuple(list_tasks(uow, actor, flt, limit=DETAIL_TASKS))
    task_count = len(tasks) if len(tasks) < DETAIL_TASKS else task_queries.task_count(
        uow.session, flt, visible=access.tasks_filter(uow, actor))
    people = tuple(ServedPersonRow(pid, ref, f"{preferred or given} {family}", stage, sid, f"{s_given} {s_family}",
                                   role)
                   for pid, ref, given, preferred, family, stage, sid, s_given, s_family, role
                   in directory_queries.people_served(uow.session, org.id, on=today,
                                                      visible=access.people_filter(uow, actor)))
    return OrganizationDetail(OrganizationRow.of(org), programs, staff, tasks, people, task_count)


def update_program(uow, actor: Actor, program_id: uuid.UUID, *, version: int | None,
                   **values) -> tuple[ProgramRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    program = uow.programs.get(program_id)
    check_version(program, version, f"the program {program.name}")
    if "name" in values:
        values["name"] = required_text("name", "Program name", values["name"])
    if "mandated_partner" in values:
        values["mandated_partner"] = bool(values["mandated_partner"])
    _check_retention_basis(values)
    changed = _save_fields(uow, actor, program, values, PROGRAM_FIELDS)
    return ProgramRow.of(program), Changes(organizations=bool(changed))


def _set_archived(uow, actor: Actor, entity, archived: bool, version: int | None, name: str) -> None:
    check_version(entity, version, name)
    if entity.archived == archived:
        raise ValidationError("archived", f"{name} is already archived." if archived else f"{name} is not archived.")
    entity.archived_at = uow.now() if archived else None
    entity.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, entity, "archived" if archived else "restored")


def set_program_archived(uow, actor: Actor, program_id: uuid.UUID, archived: bool, *,
                         version: int | None = None) -> tuple[ProgramRow, Changes]:
    """Archive (True) or restore (False) a program; it stays in the store and in the audit log."""
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    program = uow.programs.get(program_id, include_archived=True)
    _set_archived(uow, actor, program, archived, version, f"The program {program.name}")
    return ProgramRow.of(program), Changes(organizations=True)


def set_staff_archived(uow, actor: Actor, staff_id: uuid.UUID, archived: bool, *,
                       version: int | None = None) -> tuple[StaffRow, Changes]:
    """Archive (True) or restore (False) a staff member. Archived staff cannot be given tasks or team
    seats (the repositories refuse them); their past work stays where it is."""
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    staff = uow.staff.get(staff_id, include_archived=True)
    _set_archived(uow, actor, staff, archived, version, staff.name)
    return StaffRow.of(staff), Changes(staff=True)
