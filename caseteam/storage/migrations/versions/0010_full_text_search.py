"""Full-text search: one index row per person, organization, staff member and task, with text folded
(case and accents removed) in Python; SQLite indexes it with FTS5 (kept in step by triggers), PostgreSQL
with a generated tsvector column and a GIN index. The existing records are indexed here. Also an index for
the Tasks board's organization + status + due question.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 19:05:00
"""
import re
import unicodedata
import uuid

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

# Frozen copies of the folding rules of this release: a migration must not change with later code.
_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss",
                        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "’": "'", "‘": "'"})
_WORD = re.compile(r"[^\W_]+")


def _words(*parts):
    decomposed = unicodedata.normalize("NFKD", " ".join(p for p in parts if p))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_EXTRA).casefold()
    return " ".join(_WORD.findall(folded))


SQLITE_DDL = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(kind, names, detail, content='search_entries', "
    "content_rowid='id', prefix='2 3', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN "
    "INSERT INTO search_fts(rowid, kind, names, detail) VALUES (new.id, new.kind, new.names, new.detail); END",
    "CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, kind, names, detail) "
    "VALUES ('delete', old.id, old.kind, old.names, old.detail); END",
    "CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, kind, names, detail) "
    "VALUES ('delete', old.id, old.kind, old.names, old.detail); "
    "INSERT INTO search_fts(rowid, kind, names, detail) VALUES (new.id, new.kind, new.names, new.detail); END",
)
POSTGRESQL_DDL = (
    "ALTER TABLE search_entries ADD COLUMN document tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('simple', names), 'A') || setweight(to_tsvector('simple', detail), 'B')) STORED",
    "CREATE INDEX ix_search_entries_document ON search_entries USING gin (document)",
)


def upgrade() -> None:
    entries = op.create_table('search_entries',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('entity_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('names', sa.Text(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_entries')),
    sa.UniqueConstraint('entity_id', name=op.f('uq_search_entries_entity_id'))
    )
    with op.batch_alter_table('search_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_entries_kind'), ['kind'], unique=False)
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.create_index('ix_tasks_board', ['organization_id', 'status', 'due'], unique=False)
    bind = op.get_bind()
    for statement in (POSTGRESQL_DDL if bind.dialect.name == "postgresql" else SQLITE_DDL):
        op.execute(statement)
    _index_existing(bind, entries)


def _index_existing(bind, entries) -> None:
    plans = {}
    for person_id, revision_id, number, *text in bind.execute(sa.text(
            "SELECT person_id, id, number, vision, summary, important_to, gifts_and_strengths, "
            "employers_to_approach FROM plan_revisions")):
        if person_id not in plans or number > plans[person_id][1]:
            plans[person_id] = (revision_id, number, text)
    goals = {}
    for revision_id, description in bind.execute(sa.text(
            "SELECT revision_id, description FROM plan_goals ORDER BY position")):
        goals.setdefault(revision_id, []).append(description)
    rows = []
    for pid, ref, given, preferred, family in bind.execute(sa.text(
            "SELECT id, ref, given_name, preferred_name, family_name FROM people")):
        revision_id, _, text = plans.get(pid, (None, 0, ()))
        rows.append({"entity_id": pid, "kind": "person", "names": _words(ref, given, preferred, family),
                     "detail": _words(*text, *goals.get(revision_id, ()))})
    for oid, name, ref, city, email in bind.execute(sa.text(
            "SELECT id, name, ref, city, email FROM organizations")):
        rows.append({"entity_id": oid, "kind": "organization", "names": _words(name, ref),
                     "detail": _words(city, email)})
    for sid, given, family, ref, title, email in bind.execute(sa.text(
            "SELECT id, given_name, family_name, ref, title, email FROM staff")):
        rows.append({"entity_id": sid, "kind": "staff", "names": _words(given, family, ref),
                     "detail": _words(title, email)})
    for tid, title, ref, details in bind.execute(sa.text("SELECT id, title, ref, details FROM tasks")):
        rows.append({"entity_id": tid, "kind": "task", "names": _words(title, ref), "detail": _words(details)})
    # Raw SELECTs hand back ids as stored (SQLite: 32 hex digits); the table's Uuid type wants UUIDs.
    for row in rows:
        if not isinstance(row["entity_id"], uuid.UUID):
            row["entity_id"] = uuid.UUID(row["entity_id"])
    for start in range(0, len(rows), 5000):
        bind.execute(entries.insert(), rows[start:start + 5000])


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("search_entries_ai", "search_entries_ad", "search_entries_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    with op.batch_alter_table('tasks', schema=None) as batch_op:
        batch_op.drop_index('ix_tasks_board')
    with op.batch_alter_table('search_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_entries_kind'))
    op.drop_table('search_entries')
