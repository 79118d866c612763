"""Shared fixtures: a private data folder per test, real SQLite and PostgreSQL stores from templates."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from caseteam.services import passwords  # noqa: E402

passwords.use_fast_parameters()  # test-only Argon2 cost; stored hashes carry their own parameters

PG_URL = os.environ.get("CASETEAM_TEST_PG_URL", "")
IN_CI = os.environ.get("CI", "").lower() == "true"
_db_numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def caseteam_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "caseteam-home"
    monkeypatch.setenv("CASETEAM_HOME", str(home))
    monkeypatch.delenv("CASETEAM_DB_URL", raising=False)
    return home


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated, empty store made once; each test gets a copy (faster than migrating each time)."""
    from caseteam.storage.store import open_store

    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    open_store(path).close()
    return path


@pytest.fixture
def sqlite_store(sqlite_template, tmp_path):
    from caseteam.storage.store import open_store

    path = tmp_path / "store" / "caseteam.sqlite"
    path.parent.mkdir()
    shutil.copyfile(sqlite_template, path)
    store = open_store(path)
    yield store
    store.close()


def _pg_admin_engine():
    from sqlalchemy import create_engine

    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_template():
    """A migrated PostgreSQL template database; CI must have a server, a laptop may skip."""
    if not PG_URL:
        if IN_CI:
            pytest.fail("CI=true but CASETEAM_TEST_PG_URL is not set: the PostgreSQL tests must run in CI.")
        pytest.skip("PostgreSQL tests need CASETEAM_TEST_PG_URL (see README, 'Running the tests').")
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    from caseteam.storage.store import open_store

    name = f"caseteam_tmpl_{os.getpid()}"
    try:
        admin = _pg_admin_engine()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        pytest.fail(f"PostgreSQL at CASETEAM_TEST_PG_URL is unreachable: {exc.orig}")
    open_store(pg_url_for(name)).close()
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_store(pg_template):
    from sqlalchemy import text

    from caseteam.storage.store import open_store

    name = f"caseteam_t{os.getpid()}_{next(_db_numbers)}"
    admin = _pg_admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    store = open_store(pg_url_for(name))
    yield store
    store.close()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request):
    """Every storage and service test runs on both engines."""
    return request.getfixturevalue({"sqlite": "sqlite_store", "postgresql": "pg_store"}[request.param])


from builders import local_actor, pg_url_for  # noqa: E402


@pytest.fixture
def actor(store):
    return local_actor(store)


DEMO_SEED = 7
DEMO_TODAY = __import__("datetime").date(2026, 11, 2)


@pytest.fixture(scope="session")
def demo_template(sqlite_template, tmp_path_factory) -> Path:
    """The demo partnership (60 people) built once per run, on a fixed date and seed."""
    from caseteam.demo import load_demo
    from caseteam.storage.store import open_store

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    shutil.copyfile(sqlite_template, path)
    store = open_store(path)
    load_demo(store, people=60, seed=DEMO_SEED, today=DEMO_TODAY)
    store.close()
    return path


@pytest.fixture
def demo_store(demo_template, tmp_path):
    from caseteam.storage.store import open_store

    path = tmp_path / "demo-store" / "caseteam.sqlite"
    path.parent.mkdir()
    shutil.copyfile(demo_template, path)
    store = open_store(path)
    yield store
    store.close()
