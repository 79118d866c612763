"""The migrations build exactly the tables the entities describe, on both engines: a model change
without its migration fails here, not on a user's machine."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from caseteam.domain import Base
from caseteam.storage.search_index import include_in_schema_comparison


def test_migrated_store_has_every_table_column_and_index_of_the_models(store):
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(
            connection, opts={"include_object": include_in_schema_comparison}), Base.metadata)
    assert differences == []
