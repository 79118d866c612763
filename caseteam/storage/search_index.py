"""Keeping the search index in step with edits, inside the same transaction, on both engines.

Every flush that adds or changes a person, plan revision, organization, staff member or task upserts
that record's row in `search_entries` (see caseteam.domain.search). SQLite's triggers then update the
FTS5 table; PostgreSQL recomputes its generated tsvector column. Text is folded and split into words in
Python, so both engines index exactly the same words."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, delete, event, inspect, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.people import Person
from caseteam.domain.plans import PlanRevision
from caseteam.domain.search import SearchEntry, SearchKind
from caseteam.domain.tasks import Task
from caseteam.domain.text import fold

_WORD = re.compile(r"[^\W_]+")
FTS_TABLE = "search_fts"
PG_DOCUMENT = "document"


def words(*parts: str | None) -> str:
    """'Nguyễn Thị', 'PR-0012' -> 'nguyen thi pr 0012': the indexed form and the query's form."""
    return " ".join(_WORD.findall(fold(" ".join(p for p in parts if p))))


def person_names(p) -> str:
    return words(p.ref, p.given_name, p.preferred_name, p.family_name)


def plan_detail(revision, goal_descriptions: Iterable[str] = ()) -> str:
    return words(revision.vision, revision.summary, revision.important_to, revision.gifts_and_strengths,
                 revision.employers_to_approach, *goal_descriptions)


def organization_entry(o) -> dict:
    return {"names": words(o.name, o.ref), "detail": words(o.city, o.email)}


def staff_entry(s) -> dict:
    return {"names": words(s.given_name, s.family_name, s.ref), "detail": words(s.title, s.email)}


def task_entry(t) -> dict:
    return {"names": words(t.title, t.ref), "detail": words(t.details)}


def _entries(objects: Iterable) -> tuple[list[dict], list[dict]]:
    """(upserts, plan updates) for the objects a flush wrote."""
    upserts, plans = [], []
    for obj in objects:
        if isinstance(obj, Person):
            upserts.append({"entity_id": obj.id, "kind": SearchKind.PERSON, "names": person_names(obj), "detail": None})
        elif isinstance(obj, Organization):
            upserts.append({"entity_id": obj.id, "kind": SearchKind.ORGANIZATION, **organization_entry(obj)})
        elif isinstance(obj, StaffMember):
            upserts.append({"entity_id": obj.id, "kind": SearchKind.STAFF, **staff_entry(obj)})
        elif isinstance(obj, Task):
            upserts.append({"entity_id": obj.id, "kind": SearchKind.TASK, **task_entry(obj)})
        elif isinstance(obj, PlanRevision):
            plans.append({"person_id": obj.person_id, "number": obj.number,
                          "detail": plan_detail(obj, [g.description for g in obj.__dict__.get("goals") or ()])})
    return upserts, plans


def upsert_entries(connection: Connection, rows: list[dict]) -> None:
    """Insert or refresh rows; a row whose detail is None keeps the detail it has (a person's plan text)."""
    if not rows:
        return
    insert = (postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert)(SearchEntry)
    keep, replace = [r for r in rows if r["detail"] is None], [r for r in rows if r["detail"] is not None]
    if keep:
        stmt = insert.values([{**r, "detail": ""} for r in keep])
        connection.execute(stmt.on_conflict_do_update(index_elements=["entity_id"], set_={"names": stmt.excluded.names}))
    if replace:
        stmt = insert.values(replace)
        connection.execute(stmt.on_conflict_do_update(
            index_elements=["entity_id"], set_={"names": stmt.excluded.names, "detail": stmt.excluded.detail}))


# The columns each kind's entry is made of: a flush that changed none of them (a task's status, say) leaves
# the entry alone, so everyday writes pay nothing for the index.
INDEXED = {Person: ("ref", "given_name", "preferred_name", "family_name"),
           Organization: ("name", "ref", "city", "email"),
           StaffMember: ("given_name", "family_name", "ref", "title", "email"),
           Task: ("title", "ref", "details")}


def _text_changed(obj) -> bool:
    columns = INDEXED.get(type(obj))
    if columns is None:
        return isinstance(obj, PlanRevision)
    state = inspect(obj)  # attribute history is still there in after_flush
    return any(state.attrs[name].history.has_changes() for name in columns)


def _after_flush(session: Session, _context) -> None:
    upserts, plans = _entries([*session.new, *(obj for obj in session.dirty if _text_changed(obj))])
    connection = session.connection()
    upsert_entries(connection, upserts)
    # Only the newest revision speaks for the person (a flush may save several during an import).
    newest: dict = {}
    for plan in plans:
        if plan["person_id"] not in newest or plan["number"] > newest[plan["person_id"]]["number"]:
            newest[plan["person_id"]] = plan
    for plan in newest.values():
        connection.execute(update(SearchEntry).where(SearchEntry.entity_id == plan["person_id"])
                           .values(detail=plan["detail"]))
    gone = [obj.id for obj in session.deleted if isinstance(obj, (Person, Organization, StaffMember, Task))]
    if gone:
        connection.execute(delete(SearchEntry).where(SearchEntry.entity_id.in_(gone)))


def watch(session: Session) -> None:
    """Keep `session`'s writes in the index (called for every writing unit of work)."""
    event.listen(session, "after_flush", _after_flush)


# --- engine-specific structure ------------------------------------------------------------------------
# The FTS5 table, its triggers and PostgreSQL's tsvector column are made by migration 0010.


def include_in_schema_comparison(obj, name, type_, reflected, compare_to) -> bool:
    """The FTS5 table (and its shadow tables) and PostgreSQL's tsvector column are built by hand, not by
    the models: leave them out when comparing the migrated schema with the models."""
    if type_ == "table" and name and name.startswith(FTS_TABLE):
        return False
    if type_ == "column" and name == PG_DOCUMENT and getattr(obj, "table", None) is not None \
            and obj.table.name == "search_entries":
        return False
    if type_ == "index" and name == f"ix_search_entries_{PG_DOCUMENT}":
        return False
    return True


def rebuild(connection: Connection, batch: int = 5000) -> int:
    """Rewrite the whole index from the records (after a bulk load that bypassed the ORM). Returns rows."""
    connection.execute(delete(SearchEntry))
    total = 0
    sources = (
        (select(Person.id, Person.ref, Person.given_name, Person.preferred_name, Person.family_name),
         lambda r: {"entity_id": r.id, "kind": SearchKind.PERSON, "names": person_names(r), "detail": ""}),
        (select(Organization.id, Organization.name, Organization.ref, Organization.city, Organization.email),
         lambda r: {"entity_id": r.id, "kind": SearchKind.ORGANIZATION, **organization_entry(r)}),
        (select(StaffMember.id, StaffMember.given_name, StaffMember.family_name, StaffMember.ref,
                StaffMember.title, StaffMember.email),
         lambda r: {"entity_id": r.id, "kind": SearchKind.STAFF, **staff_entry(r)}),
        (select(Task.id, Task.title, Task.ref, Task.details),
         lambda r: {"entity_id": r.id, "kind": SearchKind.TASK, **task_entry(r)}),
    )
    for stmt, build in sources:
        result = connection.execute(stmt).yield_per(batch)
        for chunk in result.partitions(batch):
            connection.execute(SearchEntry.__table__.insert(), [_stored(build(r)) for r in chunk])
            total += len(chunk)
    _rebuild_plan_text(connection, batch)
    return total


def _stored(row: dict) -> dict:
    return {**row, "kind": row["kind"].value} if isinstance(row["kind"], SearchKind) else row


def _rebuild_plan_text(connection: Connection, batch: int) -> None:
    from caseteam.domain.plans import Goal

    newest: dict = {}
    for person_id, revision_id, number in connection.execute(
            select(PlanRevision.person_id, PlanRevision.id, PlanRevision.number)):
        if person_id not in newest or number > newest[person_id][1]:
            newest[person_id] = (revision_id, number)
    ids = [rid for rid, _ in newest.values()]
    entries = SearchEntry.__table__
    set_detail = entries.update().where(entries.c.entity_id == bindparam("pid")).values(detail=bindparam("d"))
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        goals: dict = {}
        for revision_id, description in connection.execute(
                select(Goal.revision_id, Goal.description).where(Goal.revision_id.in_(chunk))):
            goals.setdefault(revision_id, []).append(description)
        revisions = connection.execute(select(PlanRevision).where(PlanRevision.id.in_(chunk))).all()
        if revisions:
            connection.execute(set_detail, [{"pid": r.person_id, "d": plan_detail(r, goals.get(r.id, ()))}
                                            for r in revisions])
