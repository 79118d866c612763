"""Releases of information and the disclosure log, as SQL. Each function issues a fixed number of statements."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from caseteam.domain.attachments import Attachment
from caseteam.domain.consent import Disclosure, Release, ReleaseParty
from caseteam.domain.organizations import Organization
from caseteam.domain.people import Person
from caseteam.domain.users import User

from .access import Scope, person_visible


def _with_parts(stmt):
    return stmt.options(selectinload(Release.parties).selectinload(ReleaseParty.organization),
                        selectinload(Release.categories))


def releases_for(session: Session, person_id: uuid.UUID) -> list[Release]:
    """The person's releases, newest signature first (the one most likely to cover an action)."""
    return list(session.scalars(_with_parts(
        select(Release).where(Release.person_id == person_id, Release.archived_at.is_(None))
        .order_by(Release.signed_on.desc(), Release.ref.desc()))))


def release(session: Session, release_id: uuid.UUID) -> Release | None:
    return session.scalars(_with_parts(select(Release).where(Release.id == release_id))).one_or_none()


def expiring(session: Session, scope: Scope, today: date, until: date) -> list[Release]:
    """Releases in effect today whose expiry date falls on or before `until`, for the people `scope` reaches."""
    stmt = (select(Release).join(Person, Person.id == Release.person_id)
            .where(person_visible(scope, Person.id), Person.archived_at.is_(None), Release.archived_at.is_(None),
                   Release.revoked_on.is_(None), Release.effective_from <= today,
                   Release.expires_on.is_not(None), Release.expires_on >= today, Release.expires_on <= until)
            .order_by(Release.expires_on, Release.ref))
    return list(session.scalars(_with_parts(stmt)))


def later_releases(session: Session, person_ids, signed_after: date) -> list[Release]:
    """Releases of these people signed on or after a day, still unrevoked: the renewals of expiring ones."""
    if not person_ids:
        return []
    return list(session.scalars(_with_parts(
        select(Release).where(Release.person_id.in_(list(person_ids)), Release.archived_at.is_(None),
                              Release.revoked_on.is_(None), Release.signed_on >= signed_after))))


def disclosure_counts(session: Session, release_ids) -> dict[uuid.UUID, int]:
    if not release_ids:
        return {}
    rows = session.execute(select(Disclosure.release_id, func.count()).where(
        Disclosure.release_id.in_(list(release_ids))).group_by(Disclosure.release_id))
    return {rid: n for rid, n in rows}


def signed_copies(session: Session, attachment_ids) -> dict[uuid.UUID, Attachment]:
    """Attachment rows without their bytes (the data column is deferred)."""
    ids = [a for a in attachment_ids if a is not None]
    if not ids:
        return {}
    return {a.id: a for a in session.scalars(select(Attachment).where(Attachment.id.in_(ids)))}


def disclosures_for(session: Session, person_id: uuid.UUID) -> list[tuple[Disclosure, str, str | None]]:
    """(disclosure, who made it, release reference) rows, newest first."""
    return list(session.execute(
        select(Disclosure, User.display_name, Release.ref)
        .join(User, User.id == Disclosure.actor_id)
        .outerjoin(Release, Release.id == Disclosure.release_id)
        .where(Disclosure.person_id == person_id)
        .order_by(Disclosure.at.desc())))


def people_named(session: Session, person_ids) -> dict[uuid.UUID, Person]:
    ids = list(person_ids)
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(ids)))}


def organizations_named(session: Session, names_or_ids) -> dict[uuid.UUID, str]:
    ids = [i for i in names_or_ids if i is not None]
    if not ids:
        return {}
    return {oid: name for oid, name in session.execute(select(Organization.id, Organization.name)
                                                     .where(Organization.id.in_(ids)))}


def partner_choices(session: Session, search: str = "", limit: int = 200) -> list[tuple[uuid.UUID, str]]:
    """Active organizations for the party picker, by name."""
    stmt = select(Organization.id, Organization.name).where(Organization.archived_at.is_(None))
    if search.strip():
        stmt = stmt.where(or_(func.lower(Organization.name).contains(search.strip().lower())))
    return [(oid, name) for oid, name in session.execute(stmt.order_by(Organization.name).limit(limit))]
