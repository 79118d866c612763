"""Every released schema has a store file in tests/fixtures/stores; today's caseteam opens each one
(migrating it when it is older) and finds its data intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from caseteam.domain.people import Person
from caseteam.domain.search import SearchKind
from caseteam.services import people, records
from caseteam.storage import migrate
from caseteam.storage.queries.search_index import matching
from caseteam.storage.store import open_store
from builders import local_actor

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stores"

# What each fixture held when it was made (`load_demo(people=8, seed=3, today=2026-11-01)`).
EXPECTED = {
    "schema-0001.sqlite": {
        "people": {"PE-0001": "D'Andre O'Neal Jr.", "PE-0003": "José Muñoz García", "PE-0008": "Thị Ánh Nguyễn"},
        "audit_entries": 328,
        "audit_head": "6f2ee5dcd6d05ce78a2c315d5e7251012976a31403d5245d945bd0b6980b87df",
    },
    # Schema 0002 adds sign-in accounts (the five demo users), releases, disclosures, attachments.
    "schema-0002.sqlite": {
        "people": {"PE-0001": "D'Andre O'Neal Jr.", "PE-0003": "José Muñoz García", "PE-0008": "Thị Ánh Nguyễn"},
        "audit_entries": 333,
        "audit_head": "cf46cfafa259947c91f91c7660daf89b45fd539ba3771bbb8846cdb433cb16fe",
    },
    # Schema 0003 adds case notes (one signed note for PE-0003) and the demo's releases of information.
    "schema-0003.sqlite": {
        "people": {"PE-0001": "D'Andre O'Neal Jr.", "PE-0003": "José Muñoz García", "PE-0008": "Thị Ánh Nguyễn"},
        "audit_entries": 346,
        "audit_head": "63077c9baa4ca7c31bc25f8efce4e00847fbfb745c04c70067614e524426f4da",
    },
    # Schema 0004 adds job development, employment, self-employment, incidents, portfolio, plan signatures
    # (made before the demo wrote any of them: its case notes are the demo's fuller set of that day).
    "schema-0004.sqlite": {
        "people": {"PE-0001": "D'Andre O'Neal Jr.", "PE-0003": "José Muñoz García", "PE-0008": "Thị Ánh Nguyễn"},
        "audit_entries": 443,
        "audit_head": "2fa649151b8f14745414ea777bf55ab9809068746df2cc212a93ba35fb410357",
    },
    # Schema 0005 adds funders, fee schedules, authorizations, cost-share plans and service entries (the
    # demo of that day holds job development and employment, not yet funding).
    "schema-0005.sqlite": {
        "people": {"PE-0001": "D'Andre O'Neal Jr.", "PE-0003": "José Muñoz García", "PE-0008": "Thị Ánh Nguyễn"},
        "audit_entries": 571,
        "audit_head": "e7872ce5b344eaed8b11dc02f95e82edb2fe876c84aa2e8145d88f9b1998a490",
    },
    # Schema 0006 adds milestones, invoices with their lines and revisions, and progress reports.
    "schema-0006.sqlite": {
        "people": {"PE-0001": "D'Andre O'Neal Jr.", "PE-0003": "José Muñoz García", "PE-0008": "Thị Ánh Nguyễn"},
        "audit_entries": 571,
        "audit_head": "88cb88d98ebef7372444abfaa563413369014dc3649bb040bad04f815ee79454",
    },
    # Schema 0007 adds service agreements (the demo of that day holds funding, not yet agreements).
    "schema-0007.sqlite": {
        "people": {"PE-0001": "D'Andre O'Neal Jr.", "PE-0003": "José Muñoz García", "PE-0008": "Thị Ánh Nguyễn"},
        "audit_entries": 650,
        "audit_head": "e17ce8cb8d9417d48cd240fab678c6cf5a103cdabae175863630bf9b75331966",
    },
    # Schema 0008 adds meetings, partnerships and strategic plans, life domains and the training log.
    "schema-0008.sqlite": {
        "people": {"PE-0001": "D'Andre O'Neal Jr.", "PE-0003": "José Muñoz García", "PE-0008": "Thị Ánh Nguyễn"},
        "audit_entries": 650,
        "audit_head": "e17ce8cb8d9417d48cd240fab678c6cf5a103cdabae175863630bf9b75331966",
    },
    # Schema 0009 adds referrals, the shared glossary, partner presence and staff handovers.
    "schema-0009.sqlite": {
        "people": {"PE-0001": "D'Andre O'Neal Jr.", "PE-0003": "José Muñoz García", "PE-0008": "Thị Ánh Nguyễn"},
        "audit_entries": 976,
        "audit_head": "a111c545c076c0885545452c0aa17e13d66bae1d65689e00ccbfe26b8d2beb5c",
    },
    # Schema 0010 adds the full-text search index (older stores are indexed as they upgrade).
    "schema-0010.sqlite": {
        "people": {"PE-0001": "D'Andre O'Neal Jr.", "PE-0003": "José Muñoz García", "PE-0008": "Thị Ánh Nguyễn"},
        "audit_entries": 1053,
        "audit_head": "ad86a7401f9d4cffb17876b6fc09c3a9caf2dbbc3ebbb9bc0caff27667cc562a",
    },
}


def test_every_fixture_store_is_described():
    assert sorted(p.name for p in FIXTURES.glob("*.sqlite")) == sorted(EXPECTED)
    assert f"schema-{migrate.head_revision()}.sqlite" in EXPECTED, \
        "a new schema revision needs its own fixture store (see README, 'For developers')"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_an_old_store_opens_with_its_data_intact(name, tmp_path):
    expected = EXPECTED[name]
    path = tmp_path / name
    shutil.copyfile(FIXTURES / name, path)
    store = open_store(path)
    try:
        assert store.schema_revision() == migrate.head_revision()
        with store.unit_of_work(write=False) as uow:
            report = records.check_store(uow)
        assert report.ok, report
        assert report.chain.entries == expected["audit_entries"]
        actor = local_actor(store)
        with store.unit_of_work(write=False) as uow:
            names = {r.ref: r.full_name for r in people.caseload(uow, actor)}
        for ref, full_name in expected["people"].items():
            assert names[ref] == full_name
        with store.unit_of_work(write=False) as uow:  # the upgrade indexed the old records for search
            found = uow.session.execute(matching(uow.session, SearchKind.PERSON, "nguyen thi")).all()
            refs = {uow.session.get(Person, entity_id).ref for entity_id, _ in found}
        assert refs == {"PE-0008"}
        with store.unit_of_work() as uow:
            people.create_person(uow, actor, given_name="New", family_name="Person")
        with store.unit_of_work(write=False) as uow:
            assert records.check_store(uow).ok
    finally:
        store.close()
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT hash FROM audit_entries WHERE seq = ?", (expected["audit_entries"],)).fetchall()
    finally:
        conn.close()
    assert rows == [(expected["audit_head"],)]
