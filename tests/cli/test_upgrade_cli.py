"""`caseteam upgrade`: what IT runs once as the database owner after installing a new caseteam."""

from __future__ import annotations

from caseteam.storage import migrate
from command_line import caseteam


def test_upgrade_says_the_store_is_already_current_and_changes_nothing(capsys, store):
    target = str(store.path) if store.kind == "sqlite" else store.engine.url.render_as_string(hide_password=False)
    code, out, err = caseteam(capsys, "--db", target, "upgrade")
    assert (code, err) == (0, "")
    schema = migrate.schema_number(migrate.head_revision())
    assert out == f"ok: the store {store.description.location} is at schema {schema} (already up to date)\n"


def test_upgrade_never_creates_a_missing_store_file(capsys, tmp_path):
    missing = tmp_path / "typo.sqlite"
    code, _, err = caseteam(capsys, "--db", str(missing), "upgrade")
    assert code == 1 and "There is no caseteam store" in err
    assert not missing.exists()
