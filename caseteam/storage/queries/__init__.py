"""Every SELECT the services need lives in this package (ARCHITECTURE.md: storage owns select())."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def lock_write_order(session: Session) -> None:
    """PostgreSQL: writers take the audit head first, so they serialise as SQLite's BEGIN IMMEDIATE
    makes them, and the audit chain and reference counters can never deadlock or fork."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT id FROM audit_head WHERE id = 1 FOR UPDATE"))


def like_pattern(folded: str) -> str:
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
