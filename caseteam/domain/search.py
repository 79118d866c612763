"""The search index: one row per searchable record, its text folded in Python (case and accents gone)
so SQLite's FTS5 and PostgreSQL's full-text search see the same words and answer the same way.

The engine-specific half lives beside it in storage/search_index.py: on SQLite an FTS5 table kept in
step by triggers, on PostgreSQL a generated tsvector column with a GIN index."""

from __future__ import annotations

import enum
import uuid

from sqlalchemy import Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, EnumText


class SearchKind(enum.Enum):
    PERSON = "person"
    ORGANIZATION = "organization"
    STAFF = "staff"
    TASK = "task"


class SearchEntry(Base):
    __tablename__ = "search_entries"

    # An integer key: FTS5's external-content table addresses rows by rowid.
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    kind: Mapped[SearchKind] = mapped_column(EnumText(SearchKind), index=True)
    names: Mapped[str] = mapped_column(Text, default="")   # ranked first: names and reference numbers
    detail: Mapped[str] = mapped_column(Text, default="")  # plan text, task details, titles
