"""The benchmark generator at a tiny scale: counts, an intact audit chain, the bench account, accent-blind search."""

from __future__ import annotations

from sqlalchemy import func, select

from caseteam.domain.people import Person
from caseteam.domain.search import SearchKind
from caseteam.domain.tasks import Task
from caseteam.services import records, users
from caseteam.storage.queries.search_index import matching
from tests.perf.generate import counts, generate
from tests.perf.results import BENCH_PASSWORD, BENCH_USERNAME


def test_tiny_generated_store_is_sound_and_searchable(store):
    report = generate(store, 0.01)
    expected = counts(0.01)
    assert expected["people"] == 50 and expected["tasks"] == 1000
    with store.unit_of_work(write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Person)) == 50
        assert uow.session.scalar(select(func.count()).select_from(Task)) == 1000
        check = records.check_store(uow)
        assert check.ok, (check.problems, check.chain)
        assert check.chain.entries > 1000
        accented = uow.session.scalars(select(Person).where(Person.family_name.in_(("Nguyễn", "Muñoz")))).first()
        assert accented is not None
        plain = "nguyen" if accented.family_name == "Nguyễn" else "munoz"
        found = {row.entity_id for row in uow.session.execute(matching(uow.session, SearchKind.PERSON, plain))}
        assert accented.id in found
    assert users.sign_in(store, BENCH_USERNAME, BENCH_PASSWORD).username == BENCH_USERNAME
    assert report.rows > 5000
