"""Tampering with the audit log behind caseteam's back, on SQLite and PostgreSQL: the store check names the
first bad entry, and entries before it still verify. (`caseteam check` output: tests/cli/test_audit_cli.py.)"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from caseteam.services import people, records

TAMPERING = {
    "changes edited": ["UPDATE audit_entries SET changes = '{\"city\": [\"\", \"Elsewhere\"]}' WHERE seq = 5"],
    "entry deleted": ["DELETE FROM audit_entries WHERE seq = 5"],
    "two entries reordered": ["UPDATE audit_entries SET seq = -1 WHERE seq = 5",
                              "UPDATE audit_entries SET seq = 5 WHERE seq = 6",
                              "UPDATE audit_entries SET seq = 6 WHERE seq = -1"],
    "actor renamed": ["UPDATE audit_entries SET actor_name = 'Someone else' WHERE seq = 5"],
    "person moved": ["UPDATE audit_entries SET person_id = NULL WHERE seq = 5"],
}
PROBLEM = {"changes edited": "changed after it was written", "entry deleted": "is missing",
           "two entries reordered": "does not follow", "actor renamed": "changed after it was written",
           "person moved": "changed after it was written"}


@pytest.mark.parametrize("how", list(TAMPERING))
def test_check_names_the_first_tampered_entry(store, actor, how):
    with store.unit_of_work() as uow:
        for n in range(8):
            row, _ = people.create_person(uow, actor, given_name="Sam", family_name=f"Reed{n}")
            people.update_person(uow, actor, row.id, version=None, city="Xenia")
    with store.unit_of_work(write=False) as uow:
        assert records.check_store(uow).ok
    with store.unit_of_work() as uow:
        for statement in TAMPERING[how]:
            uow.session.execute(text(statement))
    with store.unit_of_work(write=False) as uow:
        report = records.check_store(uow)
    assert not report.ok and report.problems == ()
    assert report.chain.first_bad_seq == 5
    assert PROBLEM[how] in report.chain.problem and "5" in report.chain.problem
