"""Partnerships: a named set of partner organizations at a level (local, state, federal), each member
speaking through one or more representatives. A member with a single representative is flagged: the
partnerships that lasted kept several per partner through staff turnover."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.partnerships import (Partnership, PartnershipLevel, PartnershipMember,
                                          PartnershipRepresentative)
from caseteam.errors import NotFound, ValidationError
from caseteam.storage.queries import partnerships as queries
from caseteam.storage.repositories import Repository

from . import access
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import apply_fields, audit_safe, check_version, required_text, the_one_match

PARTNERSHIP_FIELDS = ("name", "level", "description")
CHANGED = Changes(partnerships=True)


def record(uow, model, key, noun: str, *, include_archived: bool = False):
    """One partnership-side row by id (or reference), with the usual plain 'not found'."""
    return Repository(uow.session, model, noun).get(key, include_archived=include_archived)


def touch(uow, actor: Actor, entity, action: str, changes: dict | None = None) -> None:
    entity.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, entity, action, changes=audit_safe(changes) if changes else None)


def set_archived(uow, actor: Actor, entity, archived: bool, noun: str) -> None:
    if (entity.archived_at is not None) == archived:
        raise ValidationError("archived", f"{noun} is already archived." if archived else f"{noun} is not archived.")
    entity.archived_at = uow.now() if archived else None
    touch(uow, actor, entity, "archived" if archived else "restored")


@dataclass(frozen=True)
class RepresentativeRow:
    id: uuid.UUID
    staff_id: uuid.UUID
    name: str
    title: str
    role: str
    email: str
    phone: str
    active: bool  # the staff member is still active and not archived


@dataclass(frozen=True)
class MemberRow:
    id: uuid.UUID
    organization_id: uuid.UUID
    organization_name: str
    kind: OrganizationKind
    representatives: tuple[RepresentativeRow, ...]
    version: int

    @property
    def active_representatives(self) -> tuple[RepresentativeRow, ...]:
        return tuple(r for r in self.representatives if r.active)

    @property
    def single_representative(self) -> bool:
        return len(self.active_representatives) == 1


@dataclass(frozen=True)
class PartnershipRow:
    id: uuid.UUID
    ref: str
    name: str
    level: PartnershipLevel
    description: str
    version: int
    archived: bool

    @classmethod
    def of(cls, p: Partnership) -> PartnershipRow:
        return cls(p.id, p.ref, p.name, p.level, p.description, p.version, p.archived_at is not None)


@dataclass(frozen=True)
class PartnershipDetail:
    partnership: PartnershipRow
    members: tuple[MemberRow, ...]
    plans: tuple  # StrategicPlanRow summaries (caseteam.services.strategic_plans.PlanSummary)

    @property
    def single_representative_members(self) -> tuple[MemberRow, ...]:
        return tuple(m for m in self.members if m.single_representative)


def _level(level) -> PartnershipLevel:
    try:
        return PartnershipLevel(level)
    except ValueError:
        raise ValidationError("level", f'A partnership\'s level is local, state or federal, not "{level}".') from None


def create_partnership(uow, actor: Actor, *, name: str, level: PartnershipLevel | str = PartnershipLevel.LOCAL,
                       description: str = "") -> tuple[PartnershipRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    p = uow.add(Partnership(ref=uow.references.next("partnership"),
                            name=required_text("name", "Partnership name", name), level=_level(level),
                            description=(description or "").strip()))
    uow.flush()
    uow.audit.record(actor, p, "created", changes={"name": [None, p.name], "level": [None, p.level.value]})
    return PartnershipRow.of(p), CHANGED


def update_partnership(uow, actor: Actor, partnership_id: uuid.UUID, *, version: int | None,
                       **values) -> tuple[PartnershipRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    p = record(uow, Partnership, partnership_id, "partnership")
    check_version(p, version, f"the partnership {p.name}")
    if "name" in values:
        values["name"] = required_text("name", "Partnership name", values["name"])
    if "level" in values:
        values["level"] = _level(values["level"])
    changed = apply_fields(p, values, PARTNERSHIP_FIELDS)
    if changed:
        touch(uow, actor, p, "updated", changed)
    return PartnershipRow.of(p), Changes(partnerships=bool(changed))


def set_partnership_archived(uow, actor: Actor, partnership_id: uuid.UUID, archived: bool, *,
                             version: int | None = None) -> tuple[PartnershipRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    p = record(uow, Partnership, partnership_id, "partnership", include_archived=True)
    check_version(p, version, f"the partnership {p.name}")
    set_archived(uow, actor, p, archived, f"The partnership {p.name}")
    return PartnershipRow.of(p), CHANGED


def add_member(uow, actor: Actor, partnership_id: uuid.UUID, organization_id: uuid.UUID, *,
               joined_on=None) -> tuple[MemberRow, Changes]:
    """Add an organization; one that left before is restored with its representatives' history."""
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    p = record(uow, Partnership, partnership_id, "partnership")
    org = uow.organizations.get(organization_id)
    if org.kind is OrganizationKind.EMPLOYER:
        raise ValidationError("organization", f"{org.name} is an employer; a partnership's members are partner "
                                              "agencies.")
    member = queries.member_of(uow.session, p.id, org.id)
    if member is not None and member.archived_at is None:
        raise ValidationError("organization", f"{org.name} is already a member of {p.name}.")
    position = len(queries.members(uow.session, p.id)) + 1
    if member is None:
        member = uow.add(PartnershipMember(partnership_id=p.id, organization_id=org.id, position=position,
                                           joined_on=joined_on or uow.today()))
        uow.flush()
        uow.audit.record(actor, member, "created", changes={"partnership": [None, p.name],
                                                            "organization": [None, org.name]})
    else:
        member.position, member.joined_on = position, joined_on or uow.today()
        set_archived(uow, actor, member, False, f"{org.name}'s membership")
    return member_row(uow, member), CHANGED


def set_member_archived(uow, actor: Actor, member_id: uuid.UUID, archived: bool) -> tuple[MemberRow, Changes]:
    """A member leaves (True) or comes back (False); the undo of adding one."""
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    member = record(uow, PartnershipMember, member_id, "partnership member", include_archived=True)
    set_archived(uow, actor, member, archived, "This membership")
    return member_row(uow, member), CHANGED


def add_representative(uow, actor: Actor, member_id: uuid.UUID, staff_id: uuid.UUID, *,
                       role: str = "") -> tuple[RepresentativeRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    member = record(uow, PartnershipMember, member_id, "partnership member")
    staff = uow.staff.get(staff_id)
    if staff.organization_id != member.organization_id:
        org = uow.organizations.get(member.organization_id)
        raise ValidationError("staff", f"{staff.name} works for {staff.organization.name}, so cannot represent "
                                       f"{org.name}.")
    if not staff.active:
        raise ValidationError("staff", f"{staff.name} is no longer active, so cannot represent the organization.")
    current = queries.representatives(uow.session, [member.id])
    if any(rep.staff_id == staff.id for rep, _s in current):
        raise ValidationError("staff", f"{staff.name} already represents {staff.organization.name} here.")
    rep = uow.add(PartnershipRepresentative(member_id=member.id, staff_id=staff.id, position=len(current) + 1,
                                            role=(role or "").strip()[:100]))
    uow.flush()
    uow.audit.record(actor, rep, "created", changes={"representative": [None, staff.name],
                                                     "role": [None, rep.role]})
    return _representative_row(rep, staff), CHANGED


def set_representative_archived(uow, actor: Actor, representative_id: uuid.UUID,
                                archived: bool) -> tuple[RepresentativeRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    rep = record(uow, PartnershipRepresentative, representative_id, "representative", include_archived=True)
    staff = uow.staff.get(rep.staff_id, include_archived=True)
    set_archived(uow, actor, rep, archived, f"{staff.name} as a representative")
    return _representative_row(rep, staff), CHANGED


def _representative_row(rep: PartnershipRepresentative, staff) -> RepresentativeRow:
    return RepresentativeRow(rep.id, staff.id, staff.name, staff.title, rep.role, staff.email, staff.phone,
                             staff.active and staff.archived_at is None)


def _members(uow, partnership_id: uuid.UUID) -> tuple[MemberRow, ...]:
    pairs = queries.members(uow.session, partnership_id)
    reps: dict[uuid.UUID, list[RepresentativeRow]] = {}
    for rep, staff in queries.representatives(uow.session, [m.id for m, _o in pairs]):
        reps.setdefault(rep.member_id, []).append(_representative_row(rep, staff))
    return tuple(MemberRow(m.id, org.id, org.name, org.kind, tuple(reps.get(m.id, ())), m.version)
                 for m, org in pairs)


def member_row(uow, member: PartnershipMember) -> MemberRow:
    org = uow.organizations.get(member.organization_id, include_archived=True)
    reps = tuple(_representative_row(rep, staff) for rep, staff in queries.representatives(uow.session, [member.id]))
    return MemberRow(member.id, org.id, org.name, org.kind, reps, member.version)


def list_partnerships(uow, actor: Actor, *, include_archived: bool = False) -> list[PartnershipRow]:
    """Partnerships are about agencies, not people: every account may read them."""
    return [PartnershipRow.of(p) for p in queries.partnerships(uow.session, include_archived=include_archived)]


def get_partnership(uow, actor: Actor, partnership_id: uuid.UUID) -> PartnershipDetail:
    from .strategic_plans import plan_summaries

    p = record(uow, Partnership, partnership_id, "partnership", include_archived=True)
    return PartnershipDetail(PartnershipRow.of(p), _members(uow, p.id), tuple(plan_summaries(uow, p.id)))


def single_representative_partners(uow, actor: Actor, partnership_id: uuid.UUID) -> list[MemberRow]:
    """Members with exactly one active representative: one resignation from dropping out."""
    return [m for m in _members(uow, partnership_id) if m.single_representative]


def member_organization_ids(uow, partnership_id: uuid.UUID) -> list[uuid.UUID]:
    return [org.id for _m, org in queries.members(uow.session, partnership_id)]


def resolve_partnership(uow, text: str) -> Partnership:
    """A reference (PS-0001), UUID or a unique part of the name, for the command line."""
    try:
        return record(uow, Partnership, text, "partnership")
    except NotFound:  # not a reference: try the names
        key = text.strip().lower()
        matches = [p for p in queries.partnerships(uow.session) if key in p.name.lower()]
        return the_one_match(matches, text, "partnership", "partnerships", lambda p: f"{p.ref}  {p.name}")

