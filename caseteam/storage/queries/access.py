"""Who may see whom, as SQL: the same rule filters lists (caseload, tasks, search) and single records."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, exists, false, or_, select, true
from sqlalchemy.orm import Session, aliased

from caseteam.domain.organizations import StaffMember
from caseteam.domain.people import Person
from caseteam.domain.teams import Team, TeamMember


@dataclass(frozen=True)
class Scope:
    """Which people an account reaches. `everyone` wins; otherwise any of the links counts."""

    everyone: bool = False
    organization_id: uuid.UUID | None = None  # home organization, lead's or a team member's organization
    staff_id: uuid.UUID | None = None         # lead, or an active member of the person's team
    on: date | None = None                     # memberships ended before this day no longer count


def _active_member(on: date | None):
    clauses = [TeamMember.archived_at.is_(None)]
    if on is not None:
        clauses.append(or_(TeamMember.end_date.is_(None), TeamMember.end_date >= on))
    return and_(*clauses)


def person_visible(scope: Scope, person_id_column=Person.id) -> ColumnElement[bool]:
    """A WHERE clause true for the people `scope` reaches (person_id_column may be Task.person_id)."""
    if scope.everyone:
        return true()
    # Our own alias, so the subqueries never correlate with a Person the outer query joined.
    person = aliased(Person)
    links = []
    if scope.staff_id is not None:
        links.append(exists(select(person.id).where(person.id == person_id_column,
                                                    person.lead_staff_id == scope.staff_id)))
        links.append(exists(select(TeamMember.id).join(Team, Team.id == TeamMember.team_id)
                            .where(Team.person_id == person_id_column, TeamMember.staff_id == scope.staff_id,
                                   _active_member(scope.on))))
    if scope.organization_id is not None:
        org = scope.organization_id
        links.append(exists(select(person.id).where(person.id == person_id_column,
                                                    person.home_organization_id == org)))
        links.append(exists(select(TeamMember.id).join(Team, Team.id == TeamMember.team_id)
                            .join(StaffMember, StaffMember.id == TeamMember.staff_id)
                            .where(Team.person_id == person_id_column, StaffMember.organization_id == org,
                                   _active_member(scope.on))))
    return or_(*links) if links else false()


@dataclass(frozen=True)
class Relation:
    """How one account stands to one person: what the permission rules are decided on."""

    home_organization_id: uuid.UUID | None
    is_lead: bool
    on_team: bool            # the account's staff member is an active member of the team
    organization_on_team: bool


def relation(session: Session, person_id: uuid.UUID, *, staff_id: uuid.UUID | None,
             organization_id: uuid.UUID | None, on: date) -> Relation | None:
    """One SELECT; None when there is no such person."""
    on_team = (exists(select(TeamMember.id).join(Team, Team.id == TeamMember.team_id)
                      .where(Team.person_id == Person.id, TeamMember.staff_id == staff_id, _active_member(on)))
               if staff_id is not None else false())
    org_on_team = (exists(select(TeamMember.id).join(Team, Team.id == TeamMember.team_id)
                          .join(StaffMember, StaffMember.id == TeamMember.staff_id)
                          .where(Team.person_id == Person.id, StaffMember.organization_id == organization_id,
                                 _active_member(on)))
                   if organization_id is not None else false())
    row = session.execute(select(Person.home_organization_id, Person.lead_staff_id, on_team, org_on_team)
                          .where(Person.id == person_id)).one_or_none()
    if row is None:
        return None
    home, lead, member, org_member = row
    return Relation(home, staff_id is not None and lead == staff_id, bool(member), bool(org_member))
