"""Partner organizations, their programs and their staff."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from caseteam.domain.organizations import Organization, OrganizationKind, Program, StaffMember
from caseteam.storage.queries import tasks as task_queries

from .actors import Actor
from .changes import Changes
from .editing import apply_fields, audit_safe, check_version, required_text, the_one_match

ORGANIZATION_FIELDS = ("name", "kind", "street", "city", "region", "postal_code", "phone", "email", "website",
                       "notes")
PROGRAM_FIELDS = ("name", "funding_stream", "services", "eligibility", "mandated_partner")
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

    @classmethod
    def of(cls, o: Organization) -> OrganizationRow:
        return cls(o.id, o.ref, o.name, o.kind, o.city, o.phone, o.email, o.version, o.archived_at is not None)


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

    @classmethod
    def of(cls, p: Program) -> ProgramRow:
        return cls(p.id, p.organization_id, p.name, p.funding_stream, p.services, p.eligibility,
                   p.mandated_partner, p.version)


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

    @classmethod
    def of(cls, s: StaffMember) -> StaffRow:
        return cls(s.id, s.ref, s.organization_id, s.organization.name, s.name, s.title, s.credentials, s.email,
                   s.phone, s.active, s.version)


def create_organization(uow, actor: Actor, *, name: str, kind: OrganizationKind,
                        **values) -> tuple[OrganizationRow, Changes]:
    org = Organization(ref=uow.references.next("organization"),
                       name=required_text("name", "Organization name", name), kind=OrganizationKind(kind))
    apply_fields(org, values, ORGANIZATION_FIELDS)
    uow.add(org)
    uow.flush()
    uow.audit.record(actor, org, "created", changes={"name": [None, org.name], "kind": [None, org.kind.value]})
    return OrganizationRow.of(org), Changes(organizations=True)


def update_organization(uow, actor: Actor, organization_id: uuid.UUID, *, version: int | None,
                        **values) -> tuple[OrganizationRow, Changes]:
    org = uow.organizations.get(organization_id)
    check_version(org, version, org.name)
    if "name" in values:
        values["name"] = required_text("name", "Organization name", values["name"])
    if "kind" in values:
        values["kind"] = OrganizationKind(values["kind"])
    changed = apply_fields(org, values, ORGANIZATION_FIELDS)
    if changed:
        org.updated_at = uow.now()
        uow.flush()
        uow.audit.record(actor, org, "updated", changes=audit_safe(changed))
    return OrganizationRow.of(org), Changes(organizations=bool(changed))


def set_organization_archived(uow, actor: Actor, organization_id: uuid.UUID, archived: bool,
                              ) -> tuple[OrganizationRow, Changes]:
    org = uow.organizations.get(organization_id, include_archived=True)
    org.archived_at = uow.now() if archived else None
    uow.flush()
    uow.audit.record(actor, org, "archived" if archived else "restored")
    return OrganizationRow.of(org), Changes(organizations=True)


def add_program(uow, actor: Actor, organization_id: uuid.UUID, *, name: str, **values) -> tuple[ProgramRow, Changes]:
    org = uow.organizations.get(organization_id)
    program = Program(organization_id=org.id, name=required_text("name", "Program name", name))
    apply_fields(program, values, PROGRAM_FIELDS)
    uow.add(program)
    uow.flush()
    uow.audit.record(actor, program, "created", changes={"name": [None, program.name],
                                                         "organization": [None, org.name]})
    return ProgramRow.of(program), Changes(organizations=True)


def add_staff(uow, actor: Actor, organization_id: uuid.UUID, *, given_name: str, family_name: str,
              **values) -> tuple[StaffRow, Changes]:
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
    staff = uow.staff.get(staff_id)
    check_version(staff, version, f"{staff.name}'s record")
    changed = apply_fields(staff, values, STAFF_FIELDS)
    if changed:
        staff.updated_at = uow.now()
        uow.flush()
        uow.audit.record(actor, staff, "updated", changes=audit_safe(changed))
    return StaffRow.of(staff), Changes(staff=bool(changed))


def resolve_organization(uow, text: str) -> Organization:
    return the_one_match(task_queries.organizations_matching(uow.session, text), text, "organization",
                         "organizations", lambda o: f"{o.ref}  {o.name}")


def resolve_staff(uow, text: str) -> StaffMember:
    return the_one_match(task_queries.staff_matching(uow.session, text), text, "staff member", "staff members",
                         lambda s: f"{s.ref}  {s.name} ({s.organization.name})")
