"""Benchmark: the caseload's first page against loading every person, in one process, as a ratio.

Run: uv run python tests/perf/bench_caseload.py [PEOPLE]   (default 5,000; numbers vary by machine,
the ratio is what to compare between runs)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from builders import bulk_add_people, local_actor  # noqa: E402
from caseteam.domain.organizations import OrganizationKind  # noqa: E402
from caseteam.services import caseload, organizations  # noqa: E402
from caseteam.services.caseload import CaseloadQuery, CaseloadSort  # noqa: E402
from caseteam.storage.store import open_store  # noqa: E402


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(people: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite")
        actor = local_actor(store)
        with store.unit_of_work() as uow:
            org, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
            staff, _ = organizations.add_staff(uow, actor, org.id, given_name="Lupe", family_name="Hernández")
        bulk_add_people(store, actor, org, staff, 0, people)

        def page(query, limit):
            with store.unit_of_work(write=False) as uow:
                caseload.fetch_page(uow, actor, query, limit=limit)

        for name, query in (("by name", CaseloadQuery()), ("by next due", CaseloadQuery(sort=CaseloadSort.NEXT_DUE)),
                            ("search 'person0'", CaseloadQuery(search="person0"))):
            first = best_of(5, lambda: page(query, 200))
            everyone = best_of(3, lambda: page(query, None))
            print(f"{name:18} first page {first * 1000:7.1f} ms   all {people:,} {everyone * 1000:8.1f} ms   "
                  f"ratio {everyone / first:5.1f}x")
        store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
