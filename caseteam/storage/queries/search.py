"""Global search: people, organizations, staff and tasks from the full-text index, best match first."""

from __future__ import annotations

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.people import Person
from caseteam.domain.search import SearchKind
from caseteam.domain.tasks import Task

from .search_index import ranked


def _best(session: Session, stmt: Select, kind: SearchKind, text: str, entity, names, limit: int) -> list:
    """`stmt` joined to the index's matches of `kind`, ordered by rank then name, capped at `limit`."""
    found = ranked(session, kind, text)
    if found is None:
        return []
    stmt = (stmt.join(found, found.c.entity_id == entity.id).where(entity.archived_at.is_(None))
            .order_by(found.c.rank, *names, entity.ref).limit(limit))
    return session.execute(stmt).all()


def search_everything(session: Session, text: str, limit: int, *, people_visible=None,
                      tasks_visible=None) -> dict[str, list]:
    """Four small SELECTs, each capped at `limit`. Every word of `text` is a prefix of a word in the
    record's names, reference or (people) plan text or (tasks) details; case and accents are ignored."""
    people = _best(session, select(Person.id, Person.ref, Person.given_name, Person.preferred_name,
                                   Person.family_name, Person.stage)
                   .where(*([people_visible] if people_visible is not None else [])),
                   SearchKind.PERSON, text, Person, (Person.family_name, Person.given_name), limit)
    organizations = _best(session, select(Organization.id, Organization.ref, Organization.name, Organization.kind),
                          SearchKind.ORGANIZATION, text, Organization, (Organization.name,), limit)
    staff = _best(session, select(StaffMember.id, StaffMember.ref, StaffMember.given_name, StaffMember.family_name,
                                  StaffMember.title, Organization.id, Organization.name)
                  .join(Organization, Organization.id == StaffMember.organization_id),
                  SearchKind.STAFF, text, StaffMember, (StaffMember.family_name, StaffMember.given_name), limit)
    tasks = _best(session, select(Task.id, Task.ref, Task.title, Task.status, Task.due, Organization.name)
                  .join(Organization, Organization.id == Task.organization_id)
                  .where(*([or_(Task.person_id.is_(None), tasks_visible)] if tasks_visible is not None else [])),
                  SearchKind.TASK, text, Task, (Task.title,), limit)
    return {"people": people, "organizations": organizations, "staff": staff, "tasks": tasks}
