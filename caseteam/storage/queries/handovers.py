"""A staff member's open work, one statement per kind (open tasks, current team seats, people they lead,
pending referrals on either side, planned meetings they are invited to), their colleagues, past handovers,
and inactive staff who still hold any of it (for the quality dashboard's warning)."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from caseteam.domain.handovers import Handover, HandoverKind
from caseteam.domain.meetings import Meeting, MeetingAttendee, MeetingStatus
from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.people import Person
from caseteam.domain.referrals import CLOSED_STATUSES, Referral
from caseteam.domain.tasks import ACTIVE_TASK_STATUSES, Task
from caseteam.domain.teams import Team, TeamMember
from caseteam.domain.users import User
from caseteam.errors import NotFound


def _staff_ids(staff_ids) -> list[uuid.UUID]:
    return [staff_ids] if isinstance(staff_ids, uuid.UUID) else list(staff_ids)


def _tasks(staff_ids):
    return (select(Task).where(Task.staff_id.in_(staff_ids), Task.status.in_(ACTIVE_TASK_STATUSES),
                               Task.archived_at.is_(None)))


def _memberships(staff_ids):
    return (select(TeamMember, Team.person_id).join(Team, Team.id == TeamMember.team_id)
            .join(Person, Person.id == Team.person_id)
            .where(TeamMember.staff_id.in_(staff_ids), TeamMember.end_date.is_(None),
                   TeamMember.archived_at.is_(None), Person.archived_at.is_(None)))


def _leads(staff_ids):
    return select(Person).where(Person.lead_staff_id.in_(staff_ids), Person.archived_at.is_(None))


def _referrals(staff_ids):
    return (select(Referral).where(or_(Referral.from_staff_id.in_(staff_ids), Referral.to_staff_id.in_(staff_ids)),
                                   Referral.status.not_in(CLOSED_STATUSES), Referral.archived_at.is_(None)))


def _meeting_rows(staff_ids, since_local: datetime):
    """Planned meetings starting from `since_local` (a day early: each meeting keeps its own zone, so the
    caller decides which are still ahead) with the staff members' attendee rows."""
    return (select(MeetingAttendee, Meeting).join(Meeting, Meeting.id == MeetingAttendee.meeting_id)
            .where(MeetingAttendee.staff_id.in_(staff_ids), Meeting.status == MeetingStatus.PLANNED,
                   Meeting.archived_at.is_(None), Meeting.starts_local >= since_local))


def open_tasks(session: Session, staff_id: uuid.UUID) -> list[Task]:
    return list(session.scalars(_tasks([staff_id]).order_by(Task.due.is_(None), Task.due, Task.ref)))


def current_memberships(session: Session, staff_id: uuid.UUID) -> list[tuple[TeamMember, uuid.UUID]]:
    return list(session.execute(_memberships([staff_id]).order_by(TeamMember.start_date)).all())


def people_led(session: Session, staff_id: uuid.UUID) -> list[Person]:
    return list(session.scalars(_leads([staff_id]).order_by(Person.family_name, Person.given_name)))


def pending_referrals(session: Session, staff_id: uuid.UUID) -> list[Referral]:
    return list(session.scalars(_referrals([staff_id]).order_by(Referral.sent_on, Referral.ref)))


def planned_meetings(session: Session, staff_id: uuid.UUID,
                     since_local: datetime) -> list[tuple[MeetingAttendee, Meeting]]:
    return list(session.execute(_meeting_rows([staff_id], since_local).order_by(Meeting.starts_local)).all())


def _by_id(session: Session, key, value, ids) -> dict:
    """{key: value} for the ids given, in one statement (none asked: none read)."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(key, value).where(key.in_(wanted))).all())


def people_named(session: Session, person_ids) -> dict[uuid.UUID, Person]:
    return _by_id(session, Person.id, Person, person_ids)


def organizations_named(session: Session, organization_ids) -> dict[uuid.UUID, str]:
    return _by_id(session, Organization.id, Organization.name, organization_ids)


def staff_named(session: Session, staff_ids) -> dict[uuid.UUID, StaffMember]:
    return _by_id(session, StaffMember.id, StaffMember, staff_ids)


def user_names(session: Session, user_ids) -> dict[uuid.UUID, str]:
    return _by_id(session, User.id, User.display_name, user_ids)


def active_staff(session: Session) -> list[tuple[StaffMember, str, int]]:
    """Every active, unarchived staff member with their organization's name and open-task count."""
    counts = (select(Task.staff_id, func.count().label("n")).where(Task.status.in_(ACTIVE_TASK_STATUSES),
                                                                  Task.archived_at.is_(None))
              .group_by(Task.staff_id).subquery())
    stmt = (select(StaffMember, Organization.name, func.coalesce(counts.c.n, 0))
            .join(Organization, Organization.id == StaffMember.organization_id)
            .outerjoin(counts, counts.c.staff_id == StaffMember.id)
            .where(StaffMember.active.is_(True), StaffMember.archived_at.is_(None), Organization.archived_at.is_(None))
            .order_by(Organization.name, StaffMember.family_name, StaffMember.given_name))
    return list(session.execute(stmt).all())


def open_counts(session: Session, staff_ids, since_local: datetime, ahead) -> dict[uuid.UUID, Counter]:
    """{staff id: Counter(kind: n)} of the open work each holds; meetings from `since_local` for which
    `ahead(meeting)` is true (each meeting keeps its own zone)."""
    ids = _staff_ids(staff_ids)
    found: dict[uuid.UUID, Counter] = {i: Counter() for i in ids}
    if not ids:
        return found
    for task in session.scalars(_tasks(ids)):
        found[task.staff_id][HandoverKind.TASK] += 1
    for member, _person in session.execute(_memberships(ids)):
        found[member.staff_id][HandoverKind.TEAM_MEMBERSHIP] += 1
    for person in session.scalars(_leads(ids)):
        found[person.lead_staff_id][HandoverKind.LEAD] += 1
    for referral in session.scalars(_referrals(ids)):
        for side in {referral.from_staff_id, referral.to_staff_id}:
            if side in found:
                found[side][HandoverKind.REFERRAL] += 1
    for attendee, meeting in session.execute(_meeting_rows(ids, since_local)):
        if ahead(meeting):
            found[attendee.staff_id][HandoverKind.MEETING] += 1
    return found


def inactive_staff(session: Session, organization_id: uuid.UUID | None) -> list[tuple[StaffMember, str]]:
    """Staff marked inactive (archived ones too: their work is no less stranded), with their organization."""
    stmt = (select(StaffMember, Organization.name).join(Organization, Organization.id == StaffMember.organization_id)
            .where(StaffMember.active.is_(False)).order_by(StaffMember.family_name, StaffMember.given_name))
    if organization_id is not None:
        stmt = stmt.where(StaffMember.organization_id == organization_id)
    return list(session.execute(stmt).all())


def handover(session: Session, handover_id: uuid.UUID) -> Handover:
    found = session.scalars(select(Handover).where(Handover.id == handover_id)
                            .options(selectinload(Handover.items))).first()
    if found is None:
        raise NotFound("That handover was not found.")
    return found


def handovers(session: Session, *, staff_id: uuid.UUID | None = None,
              organization_id: uuid.UUID | None = None) -> list[Handover]:
    stmt = select(Handover).options(selectinload(Handover.items)).order_by(Handover.at.desc())
    if staff_id is not None:
        stmt = stmt.where(Handover.staff_id == staff_id)
    if organization_id is not None:
        stmt = stmt.join(StaffMember, StaffMember.id == Handover.staff_id).where(
            StaffMember.organization_id == organization_id)
    return list(session.scalars(stmt))


def current_seat(session: Session, person_id: uuid.UUID, staff_id: uuid.UUID) -> TeamMember | None:
    """The staff member's current seat on the person's team, if they hold one."""
    return session.scalars(select(TeamMember).join(Team, Team.id == TeamMember.team_id)
                           .where(Team.person_id == person_id, TeamMember.staff_id == staff_id,
                                  TeamMember.end_date.is_(None), TeamMember.archived_at.is_(None))).first()


def invited_staff(session: Session, meeting_id: uuid.UUID, but: uuid.UUID) -> tuple[uuid.UUID, ...]:
    """The staff already invited to the meeting, other than `but`."""
    return tuple(session.scalars(select(MeetingAttendee.staff_id).where(
        MeetingAttendee.meeting_id == meeting_id, MeetingAttendee.staff_id.is_not(None),
        MeetingAttendee.staff_id != but)))


def attends(session: Session, meeting_id: uuid.UUID, staff_id: uuid.UUID) -> bool:
    return session.scalars(select(MeetingAttendee.id).where(MeetingAttendee.meeting_id == meeting_id,
                                                            MeetingAttendee.staff_id == staff_id)).first() is not None

