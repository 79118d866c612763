"""Critical-incident look-ups: one report, a person's reports, the kinds of organization on their team."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from caseteam.domain.incidents import CriticalIncident
from caseteam.domain.organizations import Organization, OrganizationKind, StaffMember
from caseteam.domain.people import Person
from caseteam.domain.teams import Team, TeamMember
from caseteam.errors import NotFound


def incident(session: Session, incident_id: uuid.UUID, *, include_archived: bool = False) -> CriticalIncident:
    found = session.get(CriticalIncident, incident_id) if isinstance(incident_id, uuid.UUID) else None
    if found is None or (found.archived_at is not None and not include_archived):
        raise NotFound("That critical-incident report was not found (it may have been withdrawn).")
    return found


def incidents_of(session: Session, person_id: uuid.UUID) -> list[CriticalIncident]:
    """Newest first (by when it happened)."""
    return list(session.scalars(
        select(CriticalIncident).options(selectinload(CriticalIncident.notifications))
        .where(CriticalIncident.person_id == person_id, CriticalIncident.archived_at.is_(None))
        .order_by(CriticalIncident.occurred_at.desc(), CriticalIncident.created_at.desc())))


def team_organization_kinds(session: Session, person_id: uuid.UUID, on: date) -> set[OrganizationKind]:
    """Kinds of the organizations serving the person on `on`: the home organization and the employers of
    the staff on the team that day."""
    members = (select(Organization.kind)
               .join(StaffMember, StaffMember.organization_id == Organization.id)
               .join(TeamMember, TeamMember.staff_id == StaffMember.id)
               .join(Team, Team.id == TeamMember.team_id)
               .where(Team.person_id == person_id, TeamMember.archived_at.is_(None), TeamMember.start_date <= on,
                      or_(TeamMember.end_date.is_(None), TeamMember.end_date >= on)))
    home = (select(Organization.kind).join(Person, Person.home_organization_id == Organization.id)
            .where(Person.id == person_id))
    return set(session.scalars(members)) | set(session.scalars(home))
