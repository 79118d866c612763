"""The demo's job development and employment: what a job developer opening the demo store would find."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from sqlalchemy import select

from caseteam.domain.employment import Job
from caseteam.domain.jobs import JobNegotiation, NegotiationStatus
from caseteam.domain.people import Person, Stage
from caseteam.domain.plans import PlanRevision
from caseteam.domain.ventures import Venture
from caseteam.services import employers, employment, incidents, job_development, portfolio
from caseteam.services.users import sign_in
from builders import local_actor

EMPLOYED = (Stage.EMPLOYED, Stage.EXTENDED_SUPPORTS, Stage.CLOSED_SUCCESSFUL)


def _jobdev(store):
    return sign_in(store, "jobdev", "caseteam-demo")


def test_negotiations_reach_every_status(demo_store):
    with demo_store.unit_of_work(write=False) as uow:
        statuses = Counter(uow.session.scalars(select(JobNegotiation.status)))
    assert set(statuses) == set(NegotiationStatus)
    assert statuses[NegotiationStatus.HIRED] >= 10


def test_ten_and_more_people_work_at_believable_wages_and_hours(demo_store):
    with demo_store.unit_of_work(write=False) as uow:
        jobs = list(uow.session.scalars(select(Job)))
        working = {p.id for p in uow.session.scalars(select(Person).where(Person.stage.in_(EMPLOYED)))}
    current = [j for j in jobs if j.separated_on is None]
    assert len({j.person_id for j in current}) >= 10
    assert {j.person_id for j in current} <= working | {j.person_id for j in current if j.venture_id}
    assert all(Decimal("7.25") < j.hourly_wage < Decimal("25") for j in jobs)
    assert all(Decimal("8") <= j.hours_per_week <= Decimal("32") for j in jobs)


def test_one_job_lost_and_a_second_placement_with_its_follow_along(demo_store):
    with demo_store.unit_of_work(write=False) as uow:
        jobs = list(uow.session.scalars(select(Job)))
        by_person = Counter(j.person_id for j in jobs)
        twice = [pid for pid, n in by_person.items() if n == 2]
        assert len(twice) == 1
        first, second = sorted((j for j in jobs if j.person_id == twice[0]), key=lambda j: j.start_date)
        assert first.separated_on is not None and second.separated_on is None
        assert uow.people.get(twice[0]).stage is Stage.EMPLOYED
    with demo_store.unit_of_work(write=False) as uow:
        view = employment.follow_along(uow, local_actor(demo_store), second.id)
    days = [m.days for track in view.tracks for m in track.milestones]
    assert {30, 60, 90} <= set(days)
    hire_track = next(t for t in view.tracks if t.starts_on == second.start_date)
    assert [m.due for m in hire_track.milestones][0] > second.start_date


def test_pipeline_venture_incidents_portfolio_and_signed_plans(demo_store):
    reader = _jobdev(demo_store)
    with demo_store.unit_of_work(write=False) as uow:
        pipeline = employers.pipeline(uow, reader)
        assert len(pipeline) >= 10 and sum(r.contacts for r in pipeline) > 20
        assert all(r.industry and r.bus_lines for r in pipeline)
        ventures = list(uow.session.scalars(select(Venture)))
        assert len(ventures) == 1 and ventures[0].costs and ventures[0].steps
        signed = list(uow.session.scalars(select(PlanRevision).where(PlanRevision.signed_on.is_not(None))))
        assert len(signed) >= 10 and all(r.signed_by_name for r in signed)
        # The job developer sees everyone in the demo, so every row below is one they would open.
        everyone = list(uow.session.scalars(select(Person.id)))
        assert all(_sees(uow, reader, pid) for pid in everyone)
        person_ids = set(uow.session.scalars(select(JobNegotiation.person_id)))
        flagged = sum(
            bool(job_development.check_offer(row, benefit_year=None, ipe=None))
            for person_id in person_ids for row in job_development.list_negotiations(uow, reader, person_id))
        assert flagged > 0  # an offer below coworkers' wage, or unchecked items, shows flags
        shown = sum(len(incidents.list_incidents(uow, reader, pid)) for pid in everyone)
        assert shown == _incident_count(uow) > 0  # every demo incident is on someone's incidents tab
        assert any(item.agreed_on for pid in everyone for item in portfolio.list_items(uow, reader, pid))


def _sees(uow, actor, person_id) -> bool:
    from caseteam.services import access

    return access.allowed(uow, actor, access.Action.VIEW_PERSON, person_id)


def _incident_count(uow) -> int:
    from caseteam.domain.incidents import CriticalIncident

    return len(list(uow.session.scalars(select(CriticalIncident.id))))
