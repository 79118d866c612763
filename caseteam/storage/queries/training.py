"""The training log's look-ups: courses, sessions with their attendance, and credentials with the staff
member and organization joined in, limited to the staff an account's organization covers when it asks."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from caseteam.domain.funding import Funder
from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.training import Course, Credential, TrainingAttendance, TrainingSession
from caseteam.errors import NotFound


def course(session: Session, course_id: uuid.UUID, *, include_archived: bool = False) -> Course:
    found = session.get(Course, course_id)
    if found is None or (found.archived_at is not None and not include_archived):
        raise NotFound("That course was not found (it may have been archived).")
    return found


def courses(session: Session) -> list[Course]:
    return list(session.scalars(select(Course).where(Course.archived_at.is_(None)).order_by(Course.name)))


def training_session(session: Session, session_id: uuid.UUID, *, include_archived: bool = False) -> TrainingSession:
    found = session.get(TrainingSession, session_id)
    if found is None or (found.archived_at is not None and not include_archived):
        raise NotFound("That training session was not found (it may have been archived).")
    return found


def sessions(session: Session, *, since: date | None = None) -> list[TrainingSession]:
    """Live sessions, newest first, with their attendance loaded in one more statement."""
    stmt = (select(TrainingSession).where(TrainingSession.archived_at.is_(None))
            .options(selectinload(TrainingSession.attendance))
            .order_by(TrainingSession.held_on.desc(), TrainingSession.title))
    if since is not None:
        stmt = stmt.where(TrainingSession.held_on >= since)
    return list(session.scalars(stmt))


def attendance(session: Session, session_id: uuid.UUID, staff_id: uuid.UUID) -> TrainingAttendance | None:
    return session.scalars(select(TrainingAttendance).where(TrainingAttendance.session_id == session_id,
                                                            TrainingAttendance.staff_id == staff_id)).first()


def staff_named(session: Session, staff_ids) -> dict[uuid.UUID, tuple[StaffMember, str]]:
    """{staff id: (StaffMember, organization name)} in one statement."""
    ids = set(staff_ids)
    if not ids:
        return {}
    rows = session.execute(select(StaffMember, Organization.name)
                           .join(Organization, Organization.id == StaffMember.organization_id)
                           .where(StaffMember.id.in_(ids)))
    return {s.id: (s, name) for s, name in rows}


def names_of(session: Session, model, ids) -> dict[uuid.UUID, str]:
    """{id: name} of organizations, courses or funders."""
    ids = set(ids) - {None}
    if not ids:
        return {}
    return dict(session.execute(select(model.id, model.name).where(model.id.in_(ids))).all())


def credential(session: Session, credential_id: uuid.UUID, *, include_archived: bool = False) -> Credential:
    found = session.get(Credential, credential_id)
    if found is None or (found.archived_at is not None and not include_archived):
        raise NotFound("That credential was not found (it may have been archived).")
    return found


def credentials_from_session(session: Session, session_id: uuid.UUID, staff_id: uuid.UUID | None = None, *,
                             archived: bool = False) -> list[Credential]:
    """The credentials a session earned: live ones, or with `archived` the ones archived with it."""
    live = Credential.archived_at.is_not(None) if archived else Credential.archived_at.is_(None)
    stmt = select(Credential).where(Credential.session_id == session_id, live)
    if staff_id is not None:
        stmt = stmt.where(Credential.staff_id == staff_id)
    return list(session.scalars(stmt))


def _renewed(cred=Credential):
    """A later live credential of the same name for the same staff member that runs longer (or never ends)."""
    later = aliased(Credential)
    return exists(select(later.id).where(
        later.staff_id == cred.staff_id, later.name == cred.name, later.id != cred.id, later.archived_at.is_(None),
        or_(later.expires_on.is_(None), later.expires_on > cred.expires_on)))


def credentials(session: Session, *, organization_id: uuid.UUID | None = None, staff_id: uuid.UUID | None = None,
                expiring_from: date | None = None, expiring_to: date | None = None,
                expired_before: date | None = None, credential_id: uuid.UUID | None = None,
                include_archived: bool = False) -> list[tuple[Credential, StaffMember, str, str | None]]:
    """(Credential, StaffMember, organization name, funder name) live, soonest expiry first. With an expiry
    window or `expired_before`, only those not yet renewed by a later credential of the same name."""
    stmt = (select(Credential, StaffMember, Organization.name, Funder.name)
            .join(StaffMember, StaffMember.id == Credential.staff_id)
            .join(Organization, Organization.id == StaffMember.organization_id)
            .outerjoin(Funder, Funder.id == Credential.required_by_funder_id))
    if not include_archived:
        stmt = stmt.where(Credential.archived_at.is_(None))
    if credential_id is not None:
        stmt = stmt.where(Credential.id == credential_id)
    if organization_id is not None:
        stmt = stmt.where(StaffMember.organization_id == organization_id)
    if staff_id is not None:
        stmt = stmt.where(Credential.staff_id == staff_id)
    if expiring_from is not None or expiring_to is not None or expired_before is not None:
        stmt = stmt.where(Credential.expires_on.is_not(None), ~_renewed())
    if expiring_from is not None:
        stmt = stmt.where(Credential.expires_on >= expiring_from)
    if expiring_to is not None:
        stmt = stmt.where(Credential.expires_on <= expiring_to)
    if expired_before is not None:
        stmt = stmt.where(Credential.expires_on < expired_before)
    stmt = stmt.order_by(Credential.expires_on.is_(None), Credential.expires_on, StaffMember.family_name,
                         StaffMember.given_name, Credential.name)
    return [tuple(r) for r in session.execute(stmt)]


def required_names(session: Session, funder_id: uuid.UUID) -> set[str]:
    """The credential names recorded as required by the funder."""
    return set(session.scalars(select(Credential.name).where(Credential.required_by_funder_id == funder_id,
                                                             Credential.archived_at.is_(None)).distinct()))


def current_names(session: Session, staff_id: uuid.UUID, on: date) -> set[str]:
    """Names of the staff member's credentials in force on the day."""
    return set(session.scalars(select(Credential.name).where(
        Credential.staff_id == staff_id, Credential.archived_at.is_(None),
        or_(Credential.issued_on.is_(None), Credential.issued_on <= on),
        or_(Credential.expires_on.is_(None), Credential.expires_on >= on))))


def funder_exists(session: Session, funder_id: uuid.UUID) -> bool:
    return session.scalar(select(exists(select(Funder.id).where(and_(Funder.id == funder_id,
                                                                      Funder.archived_at.is_(None)))))) is True


def choices(session: Session) -> tuple[list, list, list]:
    """(staff id, name, organization name) of active staff; (id, name) of live organizations and funders."""
    staff = session.execute(select(StaffMember.id, StaffMember.given_name, StaffMember.family_name, Organization.name)
                            .join(Organization, Organization.id == StaffMember.organization_id)
                            .where(StaffMember.archived_at.is_(None), StaffMember.active.is_(True))
                            .order_by(StaffMember.family_name, StaffMember.given_name)).all()
    orgs = session.execute(select(Organization.id, Organization.name).where(Organization.archived_at.is_(None))
                           .order_by(Organization.name)).all()
    funders = session.execute(select(Funder.id, Funder.name).where(Funder.archived_at.is_(None))
                              .order_by(Funder.name)).all()
    return ([(i, f"{g} {f}".strip(), org) for i, g, f, org in staff], [tuple(r) for r in orgs],
            [tuple(r) for r in funders])
