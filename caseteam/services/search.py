"""Find anything by name or reference number (the window's Ctrl+K). Lists and search are not audited."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass

from caseteam.storage.queries.search import search_everything

from . import access


class HitKind(enum.Enum):
    PERSON = "person"
    ORGANIZATION = "organization"
    STAFF = "staff"
    TASK = "task"


@dataclass(frozen=True)
class SearchHit:
    kind: HitKind
    id: uuid.UUID
    ref: str
    title: str
    detail: str
    organization_id: uuid.UUID | None = None  # staff: where they work (the directory opens there)


def search(uow, actor, text: str, *, limit: int = 8) -> list[SearchHit]:
    """Up to `limit` hits of each kind, people first; nothing for fewer than two letters."""
    if len(text.strip()) < 2:
        return []
    found = search_everything(uow.session, text, limit, people_visible=access.people_filter(uow, actor),
                              tasks_visible=access.tasks_filter(uow, actor))
    hits = [SearchHit(HitKind.PERSON, pid, ref, f"{preferred or given} {family}", f"Person · {stage.label}")
            for pid, ref, given, preferred, family, stage in found["people"]]
    hits += [SearchHit(HitKind.ORGANIZATION, oid, ref, name, f"Organization · {kind.label}")
             for oid, ref, name, kind in found["organizations"]]
    hits += [SearchHit(HitKind.STAFF, sid, ref, f"{given} {family}", f"Staff · {title + ', ' if title else ''}{org}",
                       org_id) for sid, ref, given, family, title, org_id, org in found["staff"]]
    hits += [SearchHit(HitKind.TASK, tid, ref, title,
                       f"Task · {status.label} · {org}" + (f" · due {due.isoformat()}" if due else ""))
             for tid, ref, title, status, due, org in found["tasks"]]
    return hits
