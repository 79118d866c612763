"""Alembic environment: always run on a connection the store hands over (never from an ini URL)."""

from __future__ import annotations

from alembic import context

from caseteam.domain import Base
from caseteam.domain.base import EnumText, UTCDateTime
from caseteam.storage.search_index import include_in_schema_comparison


def render_item(type_, obj, autogen_context):
    # Migrations are frozen history: write plain SQLAlchemy types, never our Python classes.
    if type_ == "type" and isinstance(obj, EnumText):
        return "sa.String(length=40)"
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    render_item=render_item,
    compare_type=True,
    include_object=include_in_schema_comparison,
)
with context.begin_transaction():
    context.run_migrations()
