"""A person's customized-support team: add partner staff or natural supports, end memberships."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from caseteam.domain.consent import InformationCategory
from caseteam.domain.teams import Team, TeamMember, TeamRole
from caseteam.errors import ValidationError
from caseteam.storage.queries import people as people_queries

from . import access, consent, need_to_know
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import check_version, required_text
from .organizations import StaffRow


@dataclass(frozen=True)
class TeamMemberRow:
    id: uuid.UUID
    name: str
    role: TeamRole
    staff_id: uuid.UUID | None
    organization_id: uuid.UUID | None
    organization_name: str
    title: str
    relationship: str
    contact: str
    start_date: date
    end_date: date | None
    version: int

    @property
    def natural_support(self) -> bool:
        return self.staff_id is None

    def active_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    @classmethod
    def of(cls, m: TeamMember) -> TeamMemberRow:
        staff = m.staff
        return cls(m.id, m.name, m.role, m.staff_id, staff.organization_id if staff else None,
                   staff.organization.name if staff else "", staff.title if staff else "",
                   m.relationship_to_person, m.contact or (staff.email if staff else ""), m.start_date,
                   m.end_date, m.version)


def _team(uow, actor: Actor, person_id: uuid.UUID, start: date) -> Team:
    team = people_queries.team_for(uow.session, person_id)
    if team is None:
        team = uow.add(Team(person_id=person_id, formed_on=start))
        uow.flush()
        uow.audit.record(actor, team, "created", changes={"person_id": [None, str(person_id)]})
    return team


def add_team_member(uow, actor: Actor, person_id: uuid.UUID, *, role: TeamRole, start_date: date | None = None,
                    staff_id: uuid.UUID | None = None, support_name: str = "", relationship: str = "",
                    contact: str = "") -> tuple[TeamMemberRow, Changes]:
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    return _add_member(uow, actor, person_id, role=role, start_date=start_date, staff_id=staff_id,
                       support_name=support_name, relationship=relationship, contact=contact)


def add_referred_staff(uow, actor: Actor, person_id: uuid.UUID, *, staff_id: uuid.UUID, role: TeamRole,
                       start_date: date | None = None) -> tuple[TeamMemberRow, Changes]:
    """Accepting a referral puts the receiving staff member on the person's team. The acceptance, checked by
    caseteam.services.referral_flow, is the permission: the receiving staff cannot yet change a record whose
    team they are not on. The consent check still applies."""
    return _add_member(uow, actor, person_id, role=role, start_date=start_date, staff_id=staff_id)


def _add_member(uow, actor: Actor, person_id: uuid.UUID, *, role: TeamRole, start_date: date | None,
                staff_id: uuid.UUID | None, support_name: str = "", relationship: str = "",
                contact: str = "") -> tuple[TeamMemberRow, Changes]:
    person = uow.people.get(person_id)
    start = start_date or uow.today()
    if staff_id is None:
        support_name = required_text("support_name", "The natural support's name", support_name)
    else:
        staff = uow.staff.get(staff_id)
        if not staff.active:
            raise ValidationError("staff", f"{staff.name} is no longer active at {staff.organization.name}.")
        team = people_queries.team_for(uow.session, person.id)
        if team and any(m.staff_id == staff_id and m.end_date is None and m.archived_at is None
                        for m in team.members):
            raise ValidationError("staff", f"{staff.name} is already on {person.display_name}'s team.")
        consent.require_for_organization(uow, actor, person.id, staff.organization_id)
    team = _team(uow, actor, person.id, start)
    member = uow.add(TeamMember(team=team, staff_id=staff_id, support_name=support_name.strip(),
                                relationship_to_person=relationship.strip(), contact=contact.strip(),
                                role=TeamRole(role), start_date=start))
    uow.flush()
    uow.session.refresh(member)
    uow.audit.record(actor, member, "added", changes={"person": [None, person.ref], "member": [None, member.name],
                                                      "role": [None, member.role.value]})
    return TeamMemberRow.of(member), Changes(teams=True)


def end_team_member(uow, actor: Actor, member_id: uuid.UUID, *, end_date: date | None = None,
                    version: int | None = None) -> tuple[TeamMemberRow, Changes]:
    member = uow.team_members.get(member_id)
    access.require(uow, actor, Action.EDIT_PERSON, _person_of(uow, member))
    check_version(member, version, f"{member.name}'s team membership")
    end = end_date or uow.today()
    if end < member.start_date:
        raise ValidationError("end_date", f"{member.name} joined on {member.start_date:%b %d, %Y}; the "
                                          "membership cannot end before it began.")
    if member.end_date is not None:
        raise ValidationError("end_date", f"{member.name}'s membership already ended on {member.end_date:%b %d, %Y}.")
    member.end_date = end
    uow.flush()
    uow.audit.record(actor, member, "ended", changes={"end_date": [None, end.isoformat()]})
    return TeamMemberRow.of(member), Changes(teams=True)


@dataclass(frozen=True)
class TeamLine:
    """One membership as the Team tab lists it: current and ended members alike."""
    member: TeamMemberRow
    open_tasks: int  # the person's open tasks this member (or, for nobody named, their organization) holds
    ended: bool      # the membership ended on or before today


@dataclass(frozen=True)
class TeamView:
    lines: tuple[TeamLine, ...]
    today: date


def team_view(uow, actor: Actor, person_id: uuid.UUID) -> TeamView:
    """The person's team with its history, current members first, and each member's open tasks for
    this person: a staff member's own tasks plus their organization's tasks with nobody named yet."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.PLAN)
    person = uow.people.get(person_id)
    today = uow.today()
    counts = people_queries.open_task_counts(uow.session, person.id)
    lines = []
    for m in people_queries.team_members(uow.session, person.id):
        row = TeamMemberRow.of(m)
        tasks = sum(n for org, staff, n in counts
                    if row.staff_id is not None and (staff == row.staff_id
                                                     or (staff is None and org == row.organization_id)))
        lines.append(TeamLine(row, tasks, row.end_date is not None and row.end_date <= today))
    lines.sort(key=lambda line: (line.ended, line.member.end_date is not None, line.member.start_date))
    return TeamView(tuple(lines), today)


def list_staff(uow, actor: Actor, search: str = "", *, limit: int = 50) -> list[StaffRow]:
    """Active partner staff whose name, title or organization contains every word typed."""
    return [StaffRow.of(s) for s in people_queries.staff_search(uow.session, search, limit=limit)]


def set_team_member_archived(uow, actor: Actor, member_id: uuid.UUID, archived: bool, *,
                             version: int | None = None) -> tuple[TeamMemberRow, Changes]:
    """Take back a membership added by mistake (archived, kept for the audit), or restore it."""
    member = uow.team_members.get(member_id, include_archived=True)
    access.require(uow, actor, Action.EDIT_PERSON, _person_of(uow, member))
    check_version(member, version, f"{member.name}'s team membership")
    if (member.archived_at is not None) == archived:
        state = "already taken off" if archived else "not taken off"
        raise ValidationError("member", f"{member.name}'s membership is {state} the team.")
    member.archived_at = uow.now() if archived else None
    member.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, member, "archived" if archived else "restored")
    return TeamMemberRow.of(member), Changes(teams=True)


def reopen_team_member(uow, actor: Actor, member_id: uuid.UUID, *,
                       version: int | None = None) -> tuple[TeamMemberRow, Changes]:
    """Undo the end of a membership: the member is current again."""
    member = uow.team_members.get(member_id)
    access.require(uow, actor, Action.EDIT_PERSON, _person_of(uow, member))
    check_version(member, version, f"{member.name}'s team membership")
    if member.end_date is None:
        raise ValidationError("end_date", f"{member.name}'s membership has not ended.")
    if member.staff_id is not None:
        others = [m for m in people_queries.team_members(uow.session, _person_of(uow, member))
                  if m.id != member.id and m.staff_id == member.staff_id and m.end_date is None]
        if others:
            raise ValidationError("staff", f"{member.name} is already on the team again.")
        consent.require_for_organization(uow, actor, _person_of(uow, member), member.staff.organization_id)
    before = member.end_date
    member.end_date = None
    member.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, member, "reopened", changes={"end_date": [before.isoformat(), None]})
    return TeamMemberRow.of(member), Changes(teams=True)


def _person_of(uow, member: TeamMember) -> uuid.UUID:
    return uow.teams.get(member.team_id).person_id
