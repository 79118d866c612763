"""Partnerships, their strategic plans, the life domains partners' programs serve and the support needs
people have: the reads behind the partnership screens, the resource manual and the resource map."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from caseteam.domain.organizations import Organization, OrganizationKind, Program, StaffMember
from caseteam.domain.partnerships import (Partnership, PartnershipMember, PartnershipRepresentative,
                                          ProgramDomain, StrategicAction, StrategicGoal, StrategicPlan,
                                          Strategy, SupportNeed)
from caseteam.domain.people import Person
from caseteam.domain.tasks import Task
from caseteam.domain.teams import Team, TeamMember


def partnerships(session: Session, *, include_archived: bool = False) -> list[Partnership]:
    stmt = select(Partnership).order_by(Partnership.name, Partnership.ref)
    if not include_archived:
        stmt = stmt.where(Partnership.archived_at.is_(None))
    return list(session.scalars(stmt))


def members(session: Session, partnership_id: uuid.UUID) -> list[tuple[PartnershipMember, Organization]]:
    """Live members in their order, each with its organization."""
    return list(session.execute(
        select(PartnershipMember, Organization).join(Organization, Organization.id == PartnershipMember.organization_id)
        .where(PartnershipMember.partnership_id == partnership_id, PartnershipMember.archived_at.is_(None))
        .order_by(PartnershipMember.position, Organization.name)))


def representatives(session: Session, member_ids: list[uuid.UUID]) -> list[tuple[PartnershipRepresentative,
                                                                              StaffMember]]:
    if not member_ids:
        return []
    return list(session.execute(
        select(PartnershipRepresentative, StaffMember)
        .join(StaffMember, StaffMember.id == PartnershipRepresentative.staff_id)
        .where(PartnershipRepresentative.member_id.in_(member_ids),
               PartnershipRepresentative.archived_at.is_(None))
        .order_by(PartnershipRepresentative.position)))


def member_of(session: Session, partnership_id: uuid.UUID, organization_id: uuid.UUID) -> PartnershipMember | None:
    """Archived ones too: adding an organization again restores its old membership."""
    return session.scalars(select(PartnershipMember).where(PartnershipMember.partnership_id == partnership_id,
                                                           PartnershipMember.organization_id == organization_id)
                           ).first()


def plans_of(session: Session, partnership_id: uuid.UUID) -> list[StrategicPlan]:
    return list(session.scalars(select(StrategicPlan).where(StrategicPlan.partnership_id == partnership_id,
                                                            StrategicPlan.archived_at.is_(None))
                                .order_by(StrategicPlan.created_at, StrategicPlan.ref)))


def plan_tree(session: Session, plan_id: uuid.UUID) -> StrategicPlan | None:
    """The plan with goals, strategies and actions loaded in four statements."""
    return session.scalars(select(StrategicPlan).where(StrategicPlan.id == plan_id).options(
        selectinload(StrategicPlan.goals).selectinload(StrategicGoal.strategies)
        .selectinload(Strategy.actions))).first()


def tasks_by_id(session: Session, task_ids: list[uuid.UUID]) -> dict[uuid.UUID, Task]:
    if not task_ids:
        return {}
    return {t.id: t for t in session.scalars(select(Task).where(Task.id.in_(task_ids)))}


def organization_names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not ids:
        return {}
    return dict(session.execute(select(Organization.id, Organization.name).where(Organization.id.in_(ids))).all())


def action_for_task(session: Session, task_id: uuid.UUID) -> StrategicAction | None:
    return session.scalars(select(StrategicAction).where(StrategicAction.task_id == task_id)).first()


def actions_with_tasks(session: Session, plan_id: uuid.UUID) -> list[tuple[StrategicAction, Task]]:
    return list(session.execute(
        select(StrategicAction, Task).join(Task, Task.id == StrategicAction.task_id)
        .join(Strategy, Strategy.id == StrategicAction.strategy_id)
        .join(StrategicGoal, StrategicGoal.id == Strategy.goal_id)
        .where(StrategicGoal.plan_id == plan_id)))


# --- life domains ------------------------------------------------------------------------------------

def program_domains(session: Session, program_ids: list[uuid.UUID] | None = None) -> list[ProgramDomain]:
    stmt = select(ProgramDomain)
    if program_ids is not None:
        if not program_ids:
            return []
        stmt = stmt.where(ProgramDomain.program_id.in_(program_ids))
    return list(session.scalars(stmt))


def serving_programs(session: Session, organization_ids: list[uuid.UUID] | None) -> list[tuple]:
    """(domain, organization id, organization name, program name) for live programs of live organizations;
    every organization when `organization_ids` is None."""
    stmt = (select(ProgramDomain.domain, Organization.id, Organization.name, Program.name)
            .join(Program, Program.id == ProgramDomain.program_id)
            .join(Organization, Organization.id == Program.organization_id)
            .where(Program.archived_at.is_(None), Organization.archived_at.is_(None)))
    if organization_ids is not None:
        stmt = stmt.where(Organization.id.in_(organization_ids))
    return list(session.execute(stmt.order_by(Organization.name, Program.name)))


def support_needs_of(session: Session, person_id: uuid.UUID, *, include_archived: bool = False) -> list[SupportNeed]:
    stmt = select(SupportNeed).where(SupportNeed.person_id == person_id)
    if not include_archived:
        stmt = stmt.where(SupportNeed.archived_at.is_(None))
    return list(session.scalars(stmt.order_by(SupportNeed.noted_on, SupportNeed.created_at)))


def open_needs(session: Session, *, visible=None, person_ids: list[uuid.UUID] | None = None,
               served_by: list[uuid.UUID] | None = None, on: date | None = None) -> list[tuple]:
    """(need, person) for open needs of live people the actor sees; narrowed to `person_ids`, or to people
    whose home organization is in `served_by` or whose current team holds its staff."""
    stmt = (select(SupportNeed, Person).join(Person, Person.id == SupportNeed.person_id)
            .where(SupportNeed.archived_at.is_(None), SupportNeed.met_on.is_(None), Person.archived_at.is_(None)))
    if visible is not None:
        stmt = stmt.where(visible)
    if person_ids is not None:
        stmt = stmt.where(Person.id.in_(person_ids))
    if served_by is not None:
        on_team = (select(Team.person_id).join(TeamMember, TeamMember.team_id == Team.id)
                   .join(StaffMember, StaffMember.id == TeamMember.staff_id)
                   .where(StaffMember.organization_id.in_(served_by), TeamMember.archived_at.is_(None),
                          or_(TeamMember.end_date.is_(None), TeamMember.end_date >= on)))
        stmt = stmt.where(or_(Person.home_organization_id.in_(served_by), Person.id.in_(on_team)))
    return list(session.execute(stmt.order_by(Person.family_name, Person.given_name, SupportNeed.noted_on)))


def team_organizations(session: Session, person_id: uuid.UUID, *, on: date) -> list[uuid.UUID]:
    """The person's home organization and the organizations of their current team's staff."""
    home = session.scalar(select(Person.home_organization_id).where(Person.id == person_id))
    rows = session.scalars(select(StaffMember.organization_id).join(TeamMember, TeamMember.staff_id == StaffMember.id)
                           .join(Team, Team.id == TeamMember.team_id)
                           .where(Team.person_id == person_id, TeamMember.archived_at.is_(None),
                                  TeamMember.start_date <= on,
                                  or_(TeamMember.end_date.is_(None), TeamMember.end_date >= on)))
    return list(dict.fromkeys([*([home] if home else []), *rows]))


# --- the resource manual -----------------------------------------------------------------------------

def manual(session: Session, *, kind: OrganizationKind | None = None) -> list[Organization]:
    """Live organizations (employers are not partners) with their programs and staff loaded."""
    stmt = (select(Organization)
            .where(Organization.archived_at.is_(None), Organization.kind != OrganizationKind.EMPLOYER)
            .options(selectinload(Organization.programs), selectinload(Organization.staff))
            .order_by(Organization.name, Organization.ref))
    if kind is not None:
        stmt = stmt.where(Organization.kind == kind)
    return list(session.scalars(stmt))
