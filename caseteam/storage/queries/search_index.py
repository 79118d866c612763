"""Full-text matches from the search index: SQLite FTS5 or PostgreSQL tsvector, the same words on both.

Every query word is a prefix ("nguy" finds "Nguyễn"), all words must match, and the rank puts a match in a
name or reference number before one in plan text or task details."""

from __future__ import annotations

import re

from sqlalchemy import Select, Subquery, bindparam, case, false, func, literal_column, select, table
from sqlalchemy.orm import Session

from caseteam.domain.organizations import Organization, StaffMember
from caseteam.domain.people import Person
from caseteam.domain.references import format_reference
from caseteam.domain.search import SearchEntry, SearchKind
from caseteam.domain.tasks import Task
from caseteam.storage.search_index import FTS_TABLE, PG_DOCUMENT, words

_fts = table(FTS_TABLE, literal_column("rowid"))
# "pe-3" or "tk12" is how people say PE-0003 or TK-0012; a leading zero ("PE-00") stays a prefix.
_SHORT_REF = re.compile(r"\s*(pe|or|st|tk)-?([1-9][0-9]{0,3})\s*", re.IGNORECASE)
MODELS = {SearchKind.PERSON: Person, SearchKind.ORGANIZATION: Organization, SearchKind.STAFF: StaffMember,
          SearchKind.TASK: Task}


def query_words(text: str) -> list[str]:
    short = _SHORT_REF.fullmatch(text)
    if short:
        text = format_reference(short[1].upper(), int(short[2]))
    return words(text).split()


def matching(session: Session, kind: SearchKind, text: str, *, names_only: bool = False) -> Select | None:
    """SELECT entity_id, rank for records of `kind` matching every word of `text` (lower rank = better);
    None when `text` has no words to look for. `names_only` leaves plan text and task details out."""
    terms = query_words(text)
    if not terms:
        return None
    if session.get_bind().dialect.name == "postgresql":
        weight = "A" if names_only else ""  # the names are weighted A in the tsvector
        query = func.to_tsquery("simple", bindparam(
            "tsquery", unique=True, value=" & ".join(f"{t}:*{weight}" for t in terms)))
        document = literal_column(f"search_entries.{PG_DOCUMENT}")
        return (select(SearchEntry.entity_id, (-func.ts_rank(document, query)).label("rank"))
                .where(SearchEntry.kind == kind, document.op("@@")(query)))
    # Column filters keep a word in a name from matching the kind column ("person") and vice versa.
    columns = "names" if names_only else "{names detail}"
    expression = f"kind:{kind.value} AND {columns}:(" + " AND ".join(f'"{t}"*' for t in terms) + ")"
    return (select(SearchEntry.entity_id, func.bm25(literal_column(FTS_TABLE), 0.0, 10.0, 1.0).label("rank"))
            .select_from(_fts.join(SearchEntry.__table__, SearchEntry.id == literal_column(f"{FTS_TABLE}.rowid")))
            .where(literal_column(FTS_TABLE).op("MATCH")(bindparam("fts", unique=True, value=expression))))


def matching_ids(session: Session, kind: SearchKind, text: str, *, names_only: bool = False) -> Select | None:
    """The ids alone, for `Model.id IN (...)`: the caller's own filters and sort order still apply."""
    found = matching(session, kind, text, names_only=names_only)
    return None if found is None else found.with_only_columns(SearchEntry.entity_id)


def id_filter(session: Session, kind: SearchKind, column, text: str | None, *, names_only: bool = False):
    """A WHERE clause keeping rows whose `column` is a match for `text`: None (no filter) for a blank box,
    nothing at all for text with no letters or digits in it ("%" is not a wildcard)."""
    if not text or not text.strip():
        return None
    found = matching_ids(session, kind, text, names_only=names_only)
    return false() if found is None else column.in_(found)


def ranked(session: Session, kind: SearchKind, text: str) -> Subquery | None:
    """(entity_id, rank) as a subquery to join to the records of `kind` and order by rank."""
    found = matching(session, kind, text)
    return None if found is None else found.subquery(f"{kind.value}_matches")


def unindexed_counts(session: Session) -> dict[SearchKind, tuple[int, int]]:
    """(live records, live records with no index row) per kind, one statement each (caseteam check)."""
    counts = {}
    for kind, model in MODELS.items():
        stmt = (select(func.count(model.id), func.coalesce(func.sum(case((SearchEntry.id.is_(None), 1), else_=0)), 0))
                .outerjoin(SearchEntry, SearchEntry.entity_id == model.id).where(model.archived_at.is_(None)))
        live, missing = session.execute(stmt).one()
        counts[kind] = (int(live), int(missing))
    return counts
