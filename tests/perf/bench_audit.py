"""Benchmark: the audit log's first page (as the Audit log section asks for it: 200 rows and the count)
against the whole log, for an administrator and for a supervisor who sees half the people, as ratios.

Run: uv run python tests/perf/bench_audit.py [ENTRIES]   (default 100,000; on SQLite, or on PostgreSQL
with CASETEAM_TEST_PG_URL set and --pg; numbers vary by machine, compare the ratios)."""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select  # noqa: E402

from builders import bulk_add_people, local_actor, pg_url_for  # noqa: E402
from caseteam.domain.audit import AuditEntry, AuditHead  # noqa: E402
from caseteam.domain.organizations import OrganizationKind  # noqa: E402
from caseteam.domain.people import Person  # noqa: E402
from caseteam.domain.users import Role  # noqa: E402
from caseteam.services import audit_view, organizations  # noqa: E402
from caseteam.services.actors import Actor  # noqa: E402
from caseteam.services.audit_view import AuditQuery  # noqa: E402
from caseteam.storage.store import open_store  # noqa: E402


def timed(work) -> float:
    best = None
    for _ in range(3):
        start = time.perf_counter()
        work()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def fill(store, actor, entries: int):
    with store.unit_of_work() as uow:
        ours, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        theirs, _ = organizations.create_organization(uow, actor, name="Eastside VR", kind=OrganizationKind.VR_OFFICE)
        lupe, _ = organizations.add_staff(uow, actor, ours.id, given_name="Lupe", family_name="Hernández")
        dana, _ = organizations.add_staff(uow, actor, theirs.id, given_name="Dana", family_name="Whitfield")
    bulk_add_people(store, actor, ours, lupe, 0, 500)
    bulk_add_people(store, actor, theirs, dana, 500, 1000)
    with store.unit_of_work() as uow:
        people = [str(i) for i in uow.session.scalars(select(Person.id))]
        head = uow.session.get(AuditHead, 1)
        start, at = head.seq, datetime.now(timezone.utc) - timedelta(days=365)
        batch = []
        for n in range(entries):  # hash fields are filler: this measures reading, not the chain
            person = people[n % len(people)]
            batch.append(dict(seq=start + n + 1, at=at + timedelta(seconds=300 * n), actor_id=str(actor.user_id),
                              actor_name=actor.display_name, entity="people", entity_id=person, action="updated",
                              changes='{"city": ["", "Xenia"]}', reason="", prev_hash="-", hash="-",
                              person_id=person))
            if len(batch) == 10_000:
                uow.session.execute(insert(AuditEntry), batch)
                batch = []
        if batch:
            uow.session.execute(insert(AuditEntry), batch)
        head.seq = start + entries
    return Actor(uuid.uuid4(), "supervisor", "Sam Supervisor", Role.SUPERVISOR, lupe.id, ours.id)


def main(entries: int, postgresql: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if postgresql:
            from sqlalchemy import create_engine, text

            admin = create_engine(os.environ["CASETEAM_TEST_PG_URL"], isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text("DROP DATABASE IF EXISTS caseteam_bench_audit"))
                conn.execute(text("CREATE DATABASE caseteam_bench_audit"))
            store = open_store(pg_url_for("caseteam_bench_audit"))
        else:
            store = open_store(Path(folder) / "bench.sqlite")
        actor = local_actor(store)
        supervisor = fill(store, actor, entries)
        for who, account in (("administrator", actor), ("supervisor", supervisor)):
            with store.unit_of_work(write=False) as uow:
                first = timed(lambda: audit_view.fetch_page(uow, account, AuditQuery(), limit=200))
                person = timed(lambda: audit_view.fetch_page(
                    uow, account, AuditQuery(person_search="person0007"), limit=200))
                everything = timed(lambda: audit_view.audit_entries(uow, account, AuditQuery(), limit=5000))
                total = audit_view.audit_count(uow, account, AuditQuery())
            print(f"{who:13} sees {total:7,} entries: first page + count {first * 1000:6.0f} ms, "
                  f"one person's {person * 1000:6.0f} ms, 5,000 rows {everything * 1000:6.0f} ms "
                  f"(first page / 5,000 rows = {first / everything:.2f})")
        for fmt in ("csv", "xlsx", "json"):
            with store.unit_of_work() as uow:
                start = time.perf_counter()
                size = len(audit_view.export_audit(uow, actor, AuditQuery(), fmt))
            print(f"export of every entry as {fmt:4}: {time.perf_counter() - start:5.1f} s, {size / 1e6:5.1f} MB")
        store.close()
        if postgresql:
            with admin.connect() as conn:
                conn.execute(text("DROP DATABASE caseteam_bench_audit WITH (FORCE)"))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(args[0]) if args else 100_000, "--pg" in sys.argv)
