"""Life domains on both sides of the resource map: the domains a partner's program serves, and the
support needs a person's plan records, each in one domain, open until met."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from caseteam.domain.partnerships import LifeDomain, ProgramDomain, SupportNeed
from caseteam.errors import ValidationError
from caseteam.storage.queries import partnerships as queries

from . import access
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import check_version
from .partnerships import record, set_archived, touch

NEED_CHANGES = Changes(partnerships=True, plans=True)


def domain_of(value) -> LifeDomain:
    try:
        return LifeDomain(value)
    except ValueError:
        names = ", ".join(d.value for d in LifeDomain)
        raise ValidationError("domain", f'"{value}" is not a life domain; use one of: {names}.') from None


def _sorted(domains) -> tuple[LifeDomain, ...]:
    order = list(LifeDomain)
    return tuple(sorted(set(domains), key=order.index))


# --- programs ----------------------------------------------------------------------------------------

def program_domains(uow, actor: Actor, program_ids: list[uuid.UUID] | None = None) -> dict[uuid.UUID,
                                                                                         tuple[LifeDomain, ...]]:
    found: dict[uuid.UUID, list[LifeDomain]] = {}
    for row in queries.program_domains(uow.session, program_ids):
        found.setdefault(row.program_id, []).append(row.domain)
    return {program_id: _sorted(domains) for program_id, domains in found.items()}


def set_program_domains(uow, actor: Actor, program_id: uuid.UUID,
                        domains) -> tuple[tuple[LifeDomain, ...], Changes]:
    """Replace the set of domains the program serves; returns the set before, for undo."""
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    program = uow.programs.get(program_id)
    wanted = set(domain_of(d) for d in domains)
    rows = queries.program_domains(uow.session, [program.id])
    before = {r.domain for r in rows}
    if wanted == before:
        return _sorted(before), Changes()
    for row in rows:
        if row.domain not in wanted:
            uow.session.delete(row)  # a tag, not a record a user made: the audit entry keeps the history
    for domain in wanted - before:
        uow.add(ProgramDomain(program_id=program.id, domain=domain))
    uow.flush()
    uow.audit.record(actor, program, "life domains changed",
                     changes={"domains": [[d.value for d in _sorted(before)], [d.value for d in _sorted(wanted)]]})
    return _sorted(before), Changes(partnerships=True, organizations=True)


# --- people's support needs --------------------------------------------------------------------------

@dataclass(frozen=True)
class SupportNeedRow:
    id: uuid.UUID
    person_id: uuid.UUID
    domain: LifeDomain
    description: str
    noted_on: date
    met_on: date | None
    version: int
    archived: bool = False

    @property
    def open(self) -> bool:
        return self.met_on is None and not self.archived

    @classmethod
    def of(cls, n: SupportNeed) -> SupportNeedRow:
        return cls(n.id, n.person_id, n.domain, n.description, n.noted_on, n.met_on, n.version,
                   n.archived_at is not None)


def support_needs(uow, actor: Actor, person_id: uuid.UUID) -> list[SupportNeedRow]:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    return [SupportNeedRow.of(n) for n in queries.support_needs_of(uow.session, person_id)]


def add_support_need(uow, actor: Actor, person_id: uuid.UUID, *, domain, description: str = "",
                     noted_on: date | None = None) -> tuple[SupportNeedRow, Changes]:
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    person = uow.people.get(person_id)
    need = uow.add(SupportNeed(person_id=person.id, domain=domain_of(domain),
                               description=(description or "").strip()[:2000], noted_on=noted_on or uow.today()))
    uow.flush()
    uow.audit.record(actor, need, "created", changes={"domain": [None, need.domain.value]}, person_id=person.id)
    return SupportNeedRow.of(need), NEED_CHANGES


def update_support_need(uow, actor: Actor, need_id: uuid.UUID, *, version: int | None, domain=None,
                        description: str | None = None) -> tuple[SupportNeedRow, Changes]:
    need = record(uow, SupportNeed, need_id, "support need")
    access.require(uow, actor, Action.EDIT_PERSON, need.person_id)
    check_version(need, version, "the support need")
    changed = {}
    if domain is not None and domain_of(domain) is not need.domain:
        changed["domain"], need.domain = [need.domain, domain_of(domain)], domain_of(domain)
    if description is not None and description.strip() != need.description:
        # The words stay out of the audit log: they are about the person's life.
        changed["description"], need.description = ["…", "…"], description.strip()[:2000]
    if changed:
        touch(uow, actor, need, "updated", changed)
    return SupportNeedRow.of(need), NEED_CHANGES if changed else Changes()


def set_need_met(uow, actor: Actor, need_id: uuid.UUID, met_on: date | None, *,
                 version: int | None = None) -> tuple[SupportNeedRow, Changes]:
    """Close a need on the day it was met (None reopens it); a met need leaves the resource map."""
    need = record(uow, SupportNeed, need_id, "support need")
    access.require(uow, actor, Action.EDIT_PERSON, need.person_id)
    check_version(need, version, "the support need")
    if met_on is not None and met_on < need.noted_on:
        raise ValidationError("met_on", "A need cannot be met before the day it was noted.")
    before, need.met_on = need.met_on, met_on
    touch(uow, actor, need, "met" if met_on else "reopened", {"met_on": [before, met_on]})
    return SupportNeedRow.of(need), NEED_CHANGES


def set_need_archived(uow, actor: Actor, need_id: uuid.UUID, archived: bool) -> tuple[SupportNeedRow, Changes]:
    need = record(uow, SupportNeed, need_id, "support need", include_archived=True)
    access.require(uow, actor, Action.EDIT_PERSON, need.person_id)
    set_archived(uow, actor, need, archived, "The support need")
    return SupportNeedRow.of(need), NEED_CHANGES


@dataclass(frozen=True)
class ProgramDomainsRow:
    program_id: uuid.UUID
    organization_name: str
    program_name: str
    domains: tuple[LifeDomain, ...]


def programs_with_domains(uow, actor: Actor) -> list[ProgramDomainsRow]:
    """Every live partner program (employers left out) with the domains it serves, by organization."""
    orgs = queries.manual(uow.session)
    programs = [(o, p) for o in orgs for p in o.programs if p.archived_at is None]
    tags = program_domains(uow, actor, [p.id for _o, p in programs])
    return [ProgramDomainsRow(p.id, o.name, p.name, tags.get(p.id, ())) for o, p in programs]
