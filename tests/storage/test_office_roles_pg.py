"""The server roles the README's "For IT" section sets up, tried for real: an owner role that upgrades the
schema, and a desk login (member of caseteam_users) that does the everyday work and may not change the
schema or rewrite the audit log. The SQL below is the README's, with names made unique per run (roles
belong to the whole server, not to one database).
"""

from __future__ import annotations

import uuid

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError

from caseteam.errors import StoreError
from caseteam.services import people, records, tasks, users
from caseteam.storage import migrate
from caseteam.storage.store import open_store
from builders import pg_admin_url
from command_line import caseteam
from writer_child import prepare_store

SERVER_SETUP = """
CREATE ROLE {owner} LOGIN;
CREATE ROLE {users} NOLOGIN;
CREATE ROLE {desk} LOGIN IN ROLE {users};
CREATE DATABASE {db} OWNER {owner};
REVOKE ALL ON DATABASE {db} FROM PUBLIC;
GRANT CONNECT ON DATABASE {db} TO {users};
"""
DATABASE_SETUP = """
ALTER SCHEMA public OWNER TO {owner};
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO {users};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {users};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO {users};
"""
AFTER_FIRST_UPGRADE = "REVOKE UPDATE, DELETE ON audit_entries FROM {users};"


def run_sql(url: str, script: str, **names: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            for statement in script.format(**names).split(";"):
                if statement.strip():
                    conn.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture
def office():
    """The README's roles and database on the test server; every name unique to this run."""
    admin_url = pg_admin_url("the server-role tests")
    tag = uuid.uuid4().hex[:10]
    names = dict(owner=f"ct_owner_{tag}", users=f"ct_users_{tag}", desk=f"ct_desk_{tag}", db=f"ct_office_{tag}")
    base = make_url(admin_url)
    run_sql(admin_url, SERVER_SETUP, **names)
    try:
        run_sql(base.set(database=names["db"]).render_as_string(hide_password=False), DATABASE_SETUP, **names)
        yield {role: base.set(username=names[role], password=None, database=names["db"]).render_as_string(
            hide_password=False) for role in ("owner", "desk")} | {"names": names}
    finally:
        run_sql(admin_url, 'DROP DATABASE IF EXISTS {db} WITH (FORCE); DROP ROLE IF EXISTS {desk}; '
                           'DROP ROLE IF EXISTS {users}; DROP ROLE IF EXISTS {owner}', **names)


def revision_of(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return migrate.current_revision(conn)
    finally:
        engine.dispose()


def test_the_desk_login_works_but_only_the_owner_upgrades_and_the_audit_log_is_append_only(office, capsys):
    desk_url, owner_url = office["desk"], office["owner"]

    with pytest.raises(StoreError, match="holds no caseteam tables yet") as refused:
        open_store(desk_url)
    assert "may not change the schema" in str(refused.value) and "caseteam upgrade" in str(refused.value)
    assert revision_of(owner_url) is None  # nothing half made

    # The owner started an older caseteam once: the store is one schema behind this one.
    previous = migrate.known_revisions()[-2]
    engine = create_engine(owner_url)
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), previous)
    engine.dispose()
    with pytest.raises(StoreError, match=f"is at schema {migrate.schema_number(previous)} and this caseteam "
                                         f"needs schema {migrate.schema_number(migrate.head_revision())}"):
        open_store(desk_url)
    assert revision_of(owner_url) == previous

    code, out, err = caseteam(capsys, "--db", owner_url, "upgrade")
    assert (code, err) == (0, "") and "(upgraded now)" in out
    assert caseteam(capsys, "--db", owner_url, "upgrade")[1].endswith("(already up to date)\n")
    run_sql(owner_url, AFTER_FIRST_UPGRADE, **office["names"])

    store = open_store(desk_url)
    try:
        assert not store.upgraded
        org_id = prepare_store(store)
        with store.unit_of_work() as uow:
            actor = users.local_actor(uow)
            person, _ = people.create_person(uow, actor, given_name="Rosa", family_name="Desk",
                                             home_organization_id=org_id)
        with store.unit_of_work() as uow:
            person, _ = people.update_person(uow, actor, person.id, version=person.version, family_name="Desk-Lee")
            task, _ = tasks.create_task(uow, actor, title="Visit", organization_id=org_id, person_id=person.id)
            tasks.complete_task(uow, actor, task.id, version=task.version)
        with store.unit_of_work(write=False) as uow:
            report = records.check_store(uow)
            assert report.ok and report.chain.entries >= 5
            with pytest.raises(ProgrammingError, match="permission denied"):
                uow.session.execute(text("UPDATE audit_entries SET reason = 'edited' WHERE seq = 1"))
    finally:
        store.close()


def test_a_permission_the_desk_login_lacks_is_a_plain_refusal(office, capsys):
    assert caseteam(capsys, "--db", office["owner"], "upgrade")[0] == 0
    run_sql(office["owner"], "REVOKE INSERT ON people FROM {users}", **office["names"])
    store = open_store(office["desk"])
    try:
        org_id = prepare_store(store)
        with store.unit_of_work() as uow:
            actor = users.local_actor(uow)
        with pytest.raises(StoreError, match="did not let this computer's server login") as refused:
            with store.unit_of_work() as uow:
                people.create_person(uow, actor, given_name="Rosa", family_name="Refused")
        assert "INSERT" not in str(refused.value) and "Rosa" not in str(refused.value)
    finally:
        store.close()
