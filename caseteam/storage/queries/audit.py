"""Reading the audit log: filtered pages (newest first) in SQL, and the names behind a page's ids.

`audit_entries.person_id` and `entity_id` are text (a UUID with dashes), while people's ids are the
engine's UUID type (PostgreSQL `uuid`, SQLite 32 hex digits), so comparisons go through `as_uuid`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, Uuid, and_, case, cast, func, literal, or_, select, type_coerce, union_all
from sqlalchemy.orm import Session

from caseteam.domain.audit import AuditEntry
from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.people import Person
from caseteam.domain.tasks import Task
from caseteam.domain.users import User

from . import like_pattern
from .access import Scope, person_visible

# Entities that always belong to one person: before schema 0002 their entries carry no person, so an
# account that sees only some people does not see them (we cannot tell whose they were in SQL).
PERSON_ONLY_ENTITIES = ("people", "teams", "team_members", "plan_revisions", "plan_goals", "plan_action_steps",
                        "profile_revisions", "discovery_activities", "stage_changes", "releases", "disclosures")


@dataclass(frozen=True)
class AuditFilter:
    """What the SQL narrows to; instants are UTC, `until` is exclusive."""

    person_id: uuid.UUID | None = None
    actor_id: uuid.UUID | None = None
    entity: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def as_uuid(session: Session, text_column) -> ColumnElement:
    """A text UUID column as the engine stores UUID keys, so it compares with people.id."""
    if session.get_bind().dialect.name == "postgresql":
        return cast(text_column, Uuid)
    return type_coerce(func.replace(text_column, "-", ""), Uuid)


def person_key(session: Session) -> ColumnElement:
    """Whose record an entry concerns: its person, or for an older entry about a person, that person."""
    text_key = func.coalesce(AuditEntry.person_id,
                             case((AuditEntry.entity == "people", AuditEntry.entity_id), else_=None))
    return as_uuid(session, text_key)


def about_person(person_id: uuid.UUID) -> ColumnElement:
    """Entries about one person (by the indexed person and entity columns)."""
    pid = str(person_id)
    return or_(AuditEntry.person_id == pid,
               and_(AuditEntry.person_id.is_(None), AuditEntry.entity == "people", AuditEntry.entity_id == pid))


def _filtered(session: Session, stmt: Select, f: AuditFilter, scope: Scope, person_search: str | None) -> Select:
    if f.person_id is not None:
        stmt = stmt.where(about_person(f.person_id))
    if person_search:
        matching = select(Person.id).where(Person.search_text.like(like_pattern(person_search), escape="\\"))
        stmt = stmt.where(person_key(session).in_(matching))
    if f.actor_id is not None:
        stmt = stmt.where(AuditEntry.actor_id == str(f.actor_id))
    if f.entity:
        stmt = stmt.where(AuditEntry.entity == f.entity)
    if f.action:
        stmt = stmt.where(AuditEntry.action == f.action)
    if f.since is not None:
        stmt = stmt.where(AuditEntry.at >= f.since)
    if f.until is not None:
        stmt = stmt.where(AuditEntry.at < f.until)
    if not scope.everyone:
        # The people in reach, found once (not a correlated check per entry: that took seconds on 100,000).
        nobody = and_(AuditEntry.person_id.is_(None), AuditEntry.entity.not_in(PERSON_ONLY_ENTITIES))
        stmt = stmt.where(or_(nobody, person_key(session).in_(select(Person.id).where(person_visible(scope)))))
    return stmt


def audit_page(session: Session, f: AuditFilter, scope: Scope, *, limit: int | None, offset: int = 0,
               person_search: str | None = None) -> list:
    """Entries newest first; one SELECT however many match. `person_search` is folded text."""
    stmt = _filtered(session, select(AuditEntry), f, scope, person_search).order_by(AuditEntry.seq.desc())
    if limit is not None:
        stmt = stmt.limit(limit).offset(offset)
    return list(session.scalars(stmt))


def audit_total(session: Session, f: AuditFilter, scope: Scope, *, person_search: str | None = None) -> int:
    return session.scalar(_filtered(session, select(func.count(AuditEntry.seq)), f, scope, person_search))


def labels(session: Session, wanted: dict[str, set[uuid.UUID]]) -> dict[tuple[str, uuid.UUID], tuple[str, str]]:
    """(entity, id) -> (reference, name) for the records a page names, in ONE query (a UNION ALL)."""
    parts = []

    def part(entity: str, id_col, ref, name):
        ids = wanted.get(entity)
        if ids:
            stmt = select(literal(entity).label("entity"), id_col.label("id"), ref.label("ref"), name.label("name"))
            parts.append(stmt.where(id_col.in_(sorted(ids))))

    first = func.coalesce(func.nullif(Person.preferred_name, ""), Person.given_name)
    part("people", Person.id, Person.ref, first + literal(" ") + Person.family_name)
    part("tasks", Task.id, Task.ref, Task.title)
    part("organizations", Organization.id, Organization.ref, Organization.name)
    part("staff", StaffMember.id, StaffMember.ref, StaffMember.given_name + literal(" ") + StaffMember.family_name)
    part("users", User.id, User.username, User.display_name)
    if not parts:
        return {}
    stmt = parts[0] if len(parts) == 1 else union_all(*parts)
    return {(entity, ident): (ref or "", name or "") for entity, ident, ref, name in session.execute(stmt)}


def choices(session: Session, person_id: uuid.UUID | None = None) -> tuple[list, list, list]:
    """The users, entities and actions the log holds (for the filter lists); with person_id, those of the
    entries about that person only (a workspace's history: an index lookup, not a scan of the whole log)."""
    def of(stmt: Select) -> Select:
        return stmt if person_id is None else stmt.where(about_person(person_id))

    users = session.execute(of(select(AuditEntry.actor_id, func.max(AuditEntry.actor_name)))
                            .group_by(AuditEntry.actor_id)).all()
    entities = session.scalars(of(select(AuditEntry.entity).distinct()).order_by(AuditEntry.entity)).all()
    actions = session.scalars(of(select(AuditEntry.action).distinct()).order_by(AuditEntry.action)).all()
    return sorted(users, key=lambda r: (r[1] or "").casefold()), list(entities), list(actions)


def users_matching(session: Session, text: str) -> list:
    """(id, user name, display name) of accounts whose user name or display name contains `text`."""
    wanted = like_pattern(text.strip().lower())
    return session.execute(select(User.id, User.username, User.display_name)
                           .where(or_(func.lower(User.username).like(wanted, escape="\\"),
                                      func.lower(User.display_name).like(wanted, escape="\\")))
                           .order_by(User.username)).all()


def actors_matching(session: Session, text: str) -> list:
    """(actor id, name) of everyone in the log whose recorded name contains `text`."""
    wanted = like_pattern(text.strip().lower())
    return session.execute(select(AuditEntry.actor_id, func.max(AuditEntry.actor_name))
                           .where(func.lower(AuditEntry.actor_name).like(wanted, escape="\\"))
                           .group_by(AuditEntry.actor_id)).all()
