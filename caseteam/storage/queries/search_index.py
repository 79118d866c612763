"""Full-text matches from the search index: SQLite FTS5 or PostgreSQL tsvector, the same words on both.

Every query word is a prefix ("nguy" finds "Nguyễn"), all words must match, and the rank puts a match in a
name or reference number before one in plan text or task details."""

from __future__ import annotations

from sqlalchemy import Select, bindparam, func, literal_column, select, table
from sqlalchemy.orm import Session

from caseteam.domain.search import SearchEntry, SearchKind
from caseteam.storage.search_index import FTS_TABLE, PG_DOCUMENT, words

_fts = table(FTS_TABLE, literal_column("rowid"))


def query_words(text: str) -> list[str]:
    return words(text).split()


def matching(session: Session, kind: SearchKind, text: str) -> Select | None:
    """SELECT entity_id, rank for records of `kind` matching every word of `text` (lower rank = better);
    None when `text` has no words to look for."""
    terms = query_words(text)
    if not terms:
        return None
    if session.get_bind().dialect.name == "postgresql":
        query = func.to_tsquery("simple", bindparam("tsquery", unique=True, value=" & ".join(f"{t}:*" for t in terms)))
        document = literal_column(f"search_entries.{PG_DOCUMENT}")
        return (select(SearchEntry.entity_id, (-func.ts_rank(document, query)).label("rank"))
                .where(SearchEntry.kind == kind, document.op("@@")(query)))
    # Column filters keep a word in a name from matching the kind column ("person") and vice versa.
    expression = f"kind:{kind.value} AND {{names detail}}:(" + " AND ".join(f'"{t}"*' for t in terms) + ")"
    return (select(SearchEntry.entity_id, func.bm25(literal_column(FTS_TABLE), 0.0, 10.0, 1.0).label("rank"))
            .select_from(_fts.join(SearchEntry.__table__, SearchEntry.id == literal_column(f"{FTS_TABLE}.rowid")))
            .where(literal_column(FTS_TABLE).op("MATCH")(bindparam("fts", unique=True, value=expression))))
