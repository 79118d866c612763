"""The audit viewer's questions: who did what to which record, filtered and paged in SQL, and export.

Reading the log is not itself audited (it would log every scroll); exporting it is, with the filter used.
Supervisors see the entries about the people they may see plus the entries about no one person.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from caseteam.domain.text import fold
from caseteam.errors import NotFound, ValidationError
from caseteam.storage.queries import audit as queries
from caseteam.storage.queries.audit import AuditFilter

from . import access
from .access import Action
from .actors import Actor
from .editing import the_one_match

MAX_PAGE = 5000

ENTITY_NOUNS = {
    "people": "Person", "tasks": "Task", "organizations": "Organization", "programs": "Program",
    "staff": "Staff member", "teams": "Team", "team_members": "Team member", "plan_revisions": "Plan revision",
    "profile_revisions": "Vocational profile", "discovery_activities": "Discovery activity",
    "stage_changes": "Stage change", "users": "User account", "sign_in": "Sign-in",
    "releases": "Release of information", "disclosures": "Disclosure", "attachments": "Attachment",
    "audit_log": "Audit log",
}


def entity_noun(entity: str) -> str:
    return ENTITY_NOUNS.get(entity, entity.replace("_", " ").capitalize())


def entity_named(text: str) -> str:
    """A command-line entity: the stored name ("people") or what a user calls it ("person", "Task")."""
    wanted = fold(text).replace(" ", "_").replace("-", "_")
    for entity, noun in ENTITY_NOUNS.items():
        if wanted in (entity, fold(noun).replace(" ", "_"), entity.rstrip("s")):
            return entity
    return wanted


@dataclass(frozen=True)
class AuditQuery:
    person_id: uuid.UUID | None = None
    person_search: str | None = None   # part of a name or a reference number of the person concerned
    user_id: uuid.UUID | str | None = None   # the account that acted (its id as the log records it)
    entity: str | None = None          # stored entity name, e.g. "people", "tasks"
    action: str | None = None          # e.g. "updated", "opened"
    since: date | None = None          # local calendar dates, both included
    until: date | None = None


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime                        # UTC
    actor_id: str
    actor_name: str
    entity: str
    entity_id: str
    entity_ref: str                     # reference number (or user name) where the record is known
    entity_label: str                   # its name or title
    action: str
    changes: dict[str, Any] = field(hash=False)
    reason: str
    person_id: uuid.UUID | None
    person_ref: str
    person_name: str

    @property
    def entity_noun(self) -> str:
        return entity_noun(self.entity)

    @property
    def record_text(self) -> str:
        """What the entry is about, as a person reads it: "Task TK-0012 Call Dana"."""
        named = " ".join(filter(None, [self.entity_ref, self.entity_label]))
        return f"{self.entity_noun} {named}".strip()

    def change_lines(self) -> list[str]:
        return change_lines(self.changes)


def _value_text(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def change_lines(changes: dict[str, Any]) -> list[str]:
    """Readable lines: "City: (empty) → Xenia" for a [before, after] pair, "Format: csv" otherwise."""
    lines = []
    for name, value in changes.items():
        label = name.replace("_", " ").capitalize()
        if isinstance(value, list) and len(value) == 2:
            before, after = value
            lines.append(f"{label}: {_value_text(before)} → {_value_text(after)}")
        else:
            lines.append(f"{label}: {_value_text(value)}")
    return lines


def _instant(day: date, zone: tzinfo | None) -> datetime:
    """Local midnight starting `day`, as the instant the store compares with."""
    if zone is None:
        return datetime.combine(day, time()).astimezone()  # this computer's zone, DST included
    return datetime.combine(day, time(), tzinfo=zone)


def _filter(uow, query: AuditQuery, zone: tzinfo | None) -> tuple[AuditFilter, str | None]:
    if query.since and query.until and query.since > query.until:
        raise ValidationError("until", f"The end date ({query.until.isoformat()}) is before the start date "
                                       f"({query.since.isoformat()}).")
    return AuditFilter(
        person_id=query.person_id, actor_id=query.user_id, entity=query.entity or None,
        action=query.action or None,
        since=_instant(query.since, zone) if query.since else None,
        until=_instant(query.until + timedelta(days=1), zone) if query.until else None,
    ), (fold(query.person_search) if query.person_search and fold(query.person_search) else None)


def _scope(uow, actor: Actor):
    access.require(uow, actor, Action.VIEW_AUDIT)
    return access.scope(uow, actor, Action.VIEW_PERSON)


def _uuid(text: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(text) if text else None
    except ValueError:
        return None


def _rows(uow, entries) -> list[AuditRow]:
    """Rows for one page; the names behind the ids come from one more query for the whole page."""
    keys = []
    wanted: dict[str, set[uuid.UUID]] = {}
    for e in entries:
        person = _uuid(e.person_id) or (_uuid(e.entity_id) if e.entity == "people" else None)
        ident = _uuid(e.entity_id)
        keys.append((person, ident))
        if person is not None:
            wanted.setdefault("people", set()).add(person)
        if ident is not None:
            wanted.setdefault(e.entity, set()).add(ident)
    names = queries.labels(uow.session, wanted)
    rows = []
    for e, (person, ident) in zip(entries, keys):
        ref, label = names.get((e.entity, ident), ("", ""))
        person_ref, person_name = names.get(("people", person), ("", ""))
        try:
            changes = json.loads(e.changes or "{}")
        except ValueError:  # a damaged entry still shows; `check` reports it
            changes = {"changes": e.changes}
        rows.append(AuditRow(e.seq, e.at, e.actor_id, e.actor_name, e.entity, e.entity_id, ref, label, e.action,
                             changes if isinstance(changes, dict) else {"changes": changes}, e.reason or "",
                             person, person_ref, person_name))
    return rows


def audit_entries(uow, actor: Actor, query: AuditQuery, *, limit: int = 200, offset: int = 0,
                  zone: tzinfo | None = None) -> list[AuditRow]:
    """One page of entries, newest first. `zone` reads the query's dates (default: this computer's)."""
    scope = _scope(uow, actor)
    limit = max(1, min(limit, MAX_PAGE))
    flt, search = _filter(uow, query, zone)
    return _rows(uow, queries.audit_page(uow.session, flt, scope, limit=limit, offset=max(0, offset),
                                         person_search=search))


def audit_count(uow, actor: Actor, query: AuditQuery, *, zone: tzinfo | None = None) -> int:
    scope = _scope(uow, actor)
    flt, search = _filter(uow, query, zone)
    return queries.audit_total(uow.session, flt, scope, person_search=search)


@dataclass(frozen=True)
class AuditPage:
    rows: tuple[AuditRow, ...]
    offset: int
    total: int


def fetch_page(uow, actor: Actor, query: AuditQuery, *, offset: int = 0, limit: int = 200,
               with_total: bool = True, zone: tzinfo | None = None) -> AuditPage:
    rows = tuple(audit_entries(uow, actor, query, limit=limit, offset=offset, zone=zone))
    return AuditPage(rows, offset, audit_count(uow, actor, query, zone=zone) if with_total else -1)


@dataclass(frozen=True)
class AuditChoices:
    users: tuple[tuple[str, str], ...]      # (actor id, name) of everyone who acted
    entities: tuple[tuple[str, str], ...]   # (stored name, noun)
    actions: tuple[str, ...]


def audit_choices(uow, actor: Actor, person_id: uuid.UUID | None = None) -> AuditChoices:
    """The filter lists: the whole log's, or (person_id) those of one person's history."""
    _scope(uow, actor)
    if person_id is not None:
        access.require(uow, actor, Action.VIEW_PERSON, person_id)
    users, entities, actions = queries.choices(uow.session, person_id)
    return AuditChoices(tuple((i, n) for i, n in users),
                        tuple(sorted(((e, entity_noun(e)) for e in entities), key=lambda p: p[1])), tuple(actions))


def resolve_user(uow, text: str) -> tuple[uuid.UUID | str, str]:
    """Who acted, from the command line: an account's user name, or part of a name the log records."""
    accounts = queries.users_matching(uow.session, text)
    exact = [(i, name) for i, username, name in accounts if username == text.strip().lower()]
    if exact:
        return exact[0]
    found = {str(i): name for i, _u, name in accounts}
    found.update({i: name for i, name in queries.actors_matching(uow.session, text)})
    match = the_one_match(sorted(found.items(), key=lambda p: p[1]), text, "user", "users", lambda p: p[1])
    return _uuid(match[0]) or match[0], match[1]


def export_filter(uow, query: AuditQuery) -> dict[str, Any]:
    """The filter as the "exported" entry records it (the data itself is not copied into the log)."""
    used: dict[str, Any] = {}
    if query.person_id is not None:
        try:
            used["person"] = uow.people.get(query.person_id).ref
        except NotFound:
            used["person"] = str(query.person_id)
    for name in ("person_search", "entity", "action"):
        if getattr(query, name):
            used[name] = getattr(query, name)
    if query.user_id is not None:
        used["user"] = str(query.user_id)
    for name in ("since", "until"):
        if getattr(query, name):
            used[name] = getattr(query, name).isoformat()
    return used


def export_audit(uow, actor: Actor, query: AuditQuery, fmt: str, *, zone: tzinfo | None = None) -> bytes:
    """Every matching entry as CSV, XLSX or JSON bytes; the export itself is audited (needs a writing unit)."""
    from . import audit_export

    if fmt not in audit_export.FORMATS:
        raise ValidationError("format", f'"{fmt}" is not an export format; choose csv, xlsx or json.')
    if not uow.write:
        raise ValueError("export_audit records the export, so it needs a writing unit of work")
    rows: list[AuditRow] = []
    while True:
        page = audit_entries(uow, actor, query, limit=2000, offset=len(rows), zone=zone)
        rows.extend(page)
        if len(page) < 2000:
            break
    data = audit_export.render(rows, fmt)
    used = export_filter(uow, query)
    uow.audit.record(actor, ("audit_log", "export"), "exported", person_id=query.person_id,
                     changes={"format": fmt, "entries": len(rows), "filter": used})
    return data
