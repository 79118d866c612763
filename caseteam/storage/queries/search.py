"""Global search: people, organizations, staff and tasks whose name or reference contains the text."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.people import Person
from caseteam.domain.tasks import Task
from caseteam.domain.text import fold

from . import like_pattern


def search_everything(session: Session, text: str, limit: int, *, people_visible=None,
                      tasks_visible=None) -> dict[str, list]:
    """Four small SELECTs, each capped at `limit`. People match accent-blind through search_text;
    the others match case-blind (names of agencies and staff rarely differ by accent alone)."""
    folded = fold(text)
    plain = like_pattern(text.strip().lower())
    people = session.execute(
        select(Person.id, Person.ref, Person.given_name, Person.preferred_name, Person.family_name, Person.stage)
        .where(Person.archived_at.is_(None), Person.search_text.like(like_pattern(folded), escape="\\"),
               *([people_visible] if people_visible is not None else []))
        .order_by(Person.family_name, Person.given_name).limit(limit)).all()
    organizations = session.execute(
        select(Organization.id, Organization.ref, Organization.name, Organization.kind)
        .where(Organization.archived_at.is_(None),
               or_(func.lower(Organization.name).like(plain, escape="\\"),
                   func.lower(Organization.ref).like(plain, escape="\\")))
        .order_by(Organization.name).limit(limit)).all()
    staff = session.execute(
        select(StaffMember.id, StaffMember.ref, StaffMember.given_name, StaffMember.family_name, StaffMember.title,
               Organization.id, Organization.name)
        .join(Organization, Organization.id == StaffMember.organization_id)
        .where(StaffMember.archived_at.is_(None),
               or_(func.lower(StaffMember.given_name + " " + StaffMember.family_name).like(plain, escape="\\"),
                   func.lower(StaffMember.ref).like(plain, escape="\\")))
        .order_by(StaffMember.family_name, StaffMember.given_name).limit(limit)).all()
    tasks = session.execute(
        select(Task.id, Task.ref, Task.title, Task.status, Task.due, Organization.name)
        .join(Organization, Organization.id == Task.organization_id)
        .where(Task.archived_at.is_(None),
               or_(func.lower(Task.title).like(plain, escape="\\"), func.lower(Task.ref).like(plain, escape="\\")),
               *([or_(Task.person_id.is_(None), tasks_visible)] if tasks_visible is not None else []))
        .order_by(Task.due.is_(None), Task.due, Task.ref).limit(limit)).all()
    return {"people": people, "organizations": organizations, "staff": staff, "tasks": tasks}
