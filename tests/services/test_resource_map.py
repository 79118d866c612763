"""The resource map on a hand-built partnership: exactly the expected gaps in each scope (partnership,
one person's team, all partners), only the people the actor may see, met and archived needs left out,
and the CSV export. Both engines."""

from __future__ import annotations

import csv
import io
import uuid

import pytest

from caseteam.domain.partnerships import LifeDomain as D
from caseteam.domain.users import Role
from caseteam.services import life_domains, resource_map
from caseteam.services.actors import Actor

from partnership_rows import build_partnership, run


@pytest.fixture
def built(store, actor):
    return build_partnership(store, actor)


def mapped(store, actor, **scope):
    return run(store, lambda uow: resource_map.resource_map(uow, actor, **scope))


def test_gap_analysis_on_the_partnership_finds_exactly_the_expected_gaps(store, actor, built):
    found = mapped(store, actor, partnership_id=built["partnership"].id)
    assert found.scope == "Eastside Employment First"
    assert found.gaps == (D.BENEFITS, D.TRANSPORTATION, D.HOUSING)
    employment = found.line(D.EMPLOYMENT)
    assert [p.name for p in employment.partners] == ["Bridgeway Employment", "State VR – Eastside"]
    assert [p.name for p in employment.people] == ["Ana García"] and not employment.gap
    assert [p.name for p in found.line(D.TRANSPORTATION).people] == ["Ana García"]  # Cara is not served here
    assert found.line(D.LEGAL).people == () and not found.line(D.LEGAL).gap  # Ben's legal need was met
    assert found.line(D.COMMUNITY).partners and not found.line(D.COMMUNITY).gap  # served, nobody needs it


def test_a_partner_outside_the_partnership_closes_the_gap_only_when_in_scope(store, actor, built):
    everywhere = mapped(store, actor)
    assert everywhere.gaps == (D.TRANSPORTATION, D.HOUSING)  # the WIPA office serves benefits
    assert [p.name for p in everywhere.line(D.TRANSPORTATION).people] == ["Ana García", "Cara Nguyễn"]
    ana = mapped(store, actor, person_id=built["ana"].id)
    assert ana.scope == "Ana García's team" and ana.gaps == (D.BENEFITS, D.TRANSPORTATION)


def test_people_in_a_gap_are_only_those_the_actor_may_see(store, actor, built):
    ps = built["partnership"].id
    everyone = run(store, lambda uow: resource_map.people_in_gap(uow, actor, D.HOUSING, partnership_id=ps))
    assert [p.name for p in everyone] == ["Ben Adams"]
    lupe = Actor(uuid.uuid4(), "lupe", "Lupe Hernández", Role.PARTNER_STAFF, built["lupe"].id, built["crp"].id)
    assert [p.name for p in run(store, lambda uow: resource_map.people_in_gap(uow, lupe, D.HOUSING,
                                                                               partnership_id=ps))] == ["Ben Adams"]
    assert run(store, lambda uow: resource_map.people_in_gap(uow, lupe, D.TRANSPORTATION, partnership_id=ps)) == []
    assert run(store, lambda uow: resource_map.people_in_gap(uow, actor, D.EMPLOYMENT, partnership_id=ps)) == []


def test_meeting_a_need_or_tagging_a_program_closes_the_gap(store, actor, built):
    need = built["needs"][("Ben", D.HOUSING)]
    run(store, lambda uow: life_domains.set_need_met(uow, actor, need.id, uow.today()))
    run(store, lambda uow: life_domains.set_program_domains(uow, actor, built["vr_program"].id,
                                                            [D.EMPLOYMENT, D.EDUCATION, D.TRANSPORTATION]))
    assert mapped(store, actor, partnership_id=built["partnership"].id).gaps == (D.BENEFITS,)


def test_the_csv_lists_every_domain_with_its_gap_and_the_people(store, actor, built):
    data = run(store, lambda uow: resource_map.export_map_csv(uow, actor, partnership_id=built["partnership"].id))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Resource map: Eastside Employment First"]
    summary = {r[0]: r for r in rows[2:11]}
    assert summary["Transportation"][1:4] == ["0", "1", "yes"]
    assert summary["Employment"][1:4] == ["2", "1", "no"]
    people = [r for r in rows[12:] if r and r[0] in {"Housing", "Transportation"}]
    assert ["Housing", built["ben"].ref, "Ben Adams", "Ben: Housing", "yes"] in people
