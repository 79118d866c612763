"""The resource map: for each life domain, the partners in scope whose programs serve it and the people
whose open support needs are in it. A gap is a domain with needs and no serving partner in scope.

Scope is a partnership (its member organizations; the people their staff serve or who are homed there),
one person's team (their home organization and their current team's organizations; that person's needs),
or, with neither, every partner and every person the actor may see."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from caseteam.domain.partnerships import LifeDomain, Partnership
from caseteam.storage.queries import partnerships as queries

from . import access
from .access import Action
from .actors import Actor
from .partnerships import member_organization_ids, record
from .table_export import Table, to_csv


@dataclass(frozen=True)
class ServingPartner:
    organization_id: uuid.UUID
    name: str
    programs: tuple[str, ...]


@dataclass(frozen=True)
class PersonNeed:
    person_id: uuid.UUID
    ref: str
    name: str
    need_id: uuid.UUID
    description: str


@dataclass(frozen=True)
class DomainLine:
    domain: LifeDomain
    partners: tuple[ServingPartner, ...]
    people: tuple[PersonNeed, ...]

    @property
    def gap(self) -> bool:
        return bool(self.people) and not self.partners

    @property
    def label(self) -> str:
        return self.domain.label


@dataclass(frozen=True)
class ResourceMap:
    scope: str                   # "Eastside Employment First Partnership", "Ana García's team", "All partners"
    lines: tuple[DomainLine, ...]  # every domain, in LifeDomain order

    @property
    def gaps(self) -> tuple[LifeDomain, ...]:
        return tuple(line.domain for line in self.lines if line.gap)

    def line(self, domain: LifeDomain) -> DomainLine:
        return next(line for line in self.lines if line.domain is LifeDomain(domain))


def _scope(uow, actor: Actor, partnership_id, person_id) -> tuple[str, list | None, dict]:
    """(words, organization ids or None for all, open_needs filters)."""
    visible = access.people_filter(uow, actor)
    if partnership_id is not None:
        partnership = record(uow, Partnership, partnership_id, "partnership", include_archived=True)
        orgs = member_organization_ids(uow, partnership.id)
        return partnership.name, orgs, dict(visible=visible, served_by=orgs, on=uow.today())
    if person_id is not None:
        access.require(uow, actor, Action.VIEW_PERSON, person_id)
        person = uow.people.get(person_id)
        orgs = queries.team_organizations(uow.session, person.id, on=uow.today())
        return f"{person.display_name}'s team", orgs, dict(person_ids=[person.id])
    return "All partners", None, dict(visible=visible)


def resource_map(uow, actor: Actor, *, partnership_id: uuid.UUID | None = None,
                 person_id: uuid.UUID | None = None) -> ResourceMap:
    words, orgs, needs_filter = _scope(uow, actor, partnership_id, person_id)
    serving: dict[LifeDomain, dict[uuid.UUID, tuple[str, list[str]]]] = {d: {} for d in LifeDomain}
    for domain, org_id, org_name, program in queries.serving_programs(uow.session, orgs):
        serving[domain].setdefault(org_id, (org_name, []))[1].append(program)
    people: dict[LifeDomain, list[PersonNeed]] = {d: [] for d in LifeDomain}
    for need, person in queries.open_needs(uow.session, **needs_filter):
        people[need.domain].append(PersonNeed(person.id, person.ref, person.display_name, need.id, need.description))
    lines = tuple(DomainLine(d, tuple(ServingPartner(org_id, name, tuple(programs))
                                      for org_id, (name, programs) in serving[d].items()),
                             tuple(people[d])) for d in LifeDomain)
    return ResourceMap(words, lines)


def people_in_gap(uow, actor: Actor, domain: LifeDomain, *, partnership_id: uuid.UUID | None = None,
                  person_id: uuid.UUID | None = None) -> list[PersonNeed]:
    """The people (only those the actor may see) whose open needs in `domain` no partner in scope serves;
    empty when the domain is served."""
    line = resource_map(uow, actor, partnership_id=partnership_id, person_id=person_id).line(domain)
    return list(line.people) if line.gap else []


def map_tables(resource: ResourceMap, *, with_people: bool) -> list[tuple[str | None, Table]]:
    summary = Table("Resource map", ("Life domain", "Partners serving", "People with open needs", "Gap",
                                     "Partners and programs"),
                    [[line.label, len(line.partners), len(line.people), line.gap,
                      "; ".join(f"{p.name} ({', '.join(p.programs)})" for p in line.partners)]
                     for line in resource.lines])
    blocks: list[tuple[str | None, Table]] = [(f"Resource map: {resource.scope}", summary)]
    if with_people:
        rows = [[line.label, person.ref, person.name, person.description, line.gap]
                for line in resource.lines for person in line.people]
        blocks.append(("People with open support needs",
                       Table("People", ("Life domain", "Reference", "Name", "Need", "In a gap"), rows)))
    return blocks


def export_map_csv(uow, actor: Actor, *, partnership_id: uuid.UUID | None = None,
                   person_id: uuid.UUID | None = None) -> bytes:
    """The map as CSV bytes; people's names go in only for an account that may export their records, and
    the export is audited (a write unit of work)."""
    resource = resource_map(uow, actor, partnership_id=partnership_id, person_id=person_id)
    with_people = access.reach(actor, Action.EXPORT_PERSON) is not access.Reach.NONE
    if with_people and person_id is not None:
        with_people = access.allowed(uow, actor, Action.EXPORT_PERSON, person_id)
    data = to_csv(map_tables(resource, with_people=with_people))
    entity = ("partnerships", partnership_id) if partnership_id else ("resource_map", person_id or "all partners")
    uow.audit.record(actor, entity, "exported", changes={"format": "csv", "scope": resource.scope,
                                                         "people": with_people}, person_id=person_id)
    return data
