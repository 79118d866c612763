"""Self-employment: themes from the profile, steps, start-up costs by funder, launch into a job and the
Employed stage, close; on both engines."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from caseteam.domain.employment import Job, SeparationReason
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import Stage
from caseteam.domain.ventures import VentureStatus
from caseteam.errors import ValidationError
from caseteam.services import discovery, organizations, people, ventures
from caseteam.services.discovery import ProfileDraft


@pytest.fixture
def desk(store, actor):
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lima", home_organization_id=crp.id,
                                      stage=Stage.JOB_DEVELOPMENT, stage_entered_on=date.today() - timedelta(days=60))
        discovery.save_profile_revision(uow, actor, ana.id, ProfileDraft(theme_1="Baking", theme_2="Animals"),
                                        summary="First profile")
    return dict(store=store, actor=actor, ana=ana, vr=vr)


def run(desk, fn, *args, **kwargs):
    with desk["store"].unit_of_work() as uow:
        return fn(uow, desk["actor"], *args, **kwargs)


def test_a_venture_starts_from_the_profile_themes(desk):
    row, changes = run(desk, ventures.start_venture, desk["ana"].id, business_name="Ana's Dog Biscuits",
                       idea="Baked dog treats sold at the farmers' market")
    assert changes.ventures and row.ref.startswith("SE-") and row.status is VentureStatus.EXPLORING
    assert row.themes == "Baking\nAnimals"
    row, _ = run(desk, ventures.update_venture, row.id, version=row.version, plan_market="Dog owners downtown",
                 pass_notes="PASS plan for the oven, reviewed by the benefits planner", status=VentureStatus.PLANNING)
    assert row.plan_market == "Dog owners downtown" and row.status is VentureStatus.PLANNING
    with pytest.raises(ValidationError) as refused:
        run(desk, ventures.update_venture, row.id, status=VentureStatus.LAUNCHED)
    assert refused.value.field == "status"
    with pytest.raises(ValidationError) as refused:
        run(desk, ventures.start_venture, desk["ana"].id, business_name="  ")
    assert refused.value.field == "business_name"


def test_steps_are_added_done_moved_and_removed(desk):
    row, _ = run(desk, ventures.start_venture, desk["ana"].id, business_name="Biscuits", themes="")
    for text in ("Ask the market about a stall", "Get a food handler card", "Price the ingredients"):
        row, _ = run(desk, ventures.add_step, row.id, description=text)
    first, second, third = row.steps
    row, _ = run(desk, ventures.set_step_done, second.id, done_on=date.today())
    assert row.steps[1].done_on == date.today()
    with pytest.raises(ValidationError) as refused:
        run(desk, ventures.set_step_done, first.id, done_on=date.today() + timedelta(days=1))
    assert refused.value.field == "done_on"
    row, _ = run(desk, ventures.move_step, third.id, -2)
    assert [s.description for s in row.steps] == ["Price the ingredients", "Ask the market about a stall",
                                                  "Get a food handler card"]
    assert [s.position for s in row.steps] == [1, 2, 3]
    row, _ = run(desk, ventures.remove_step, first.id)
    assert [s.description for s in row.steps] == ["Price the ingredients", "Get a food handler card"]
    row, _ = run(desk, ventures.add_step, row.id, description=first.description, position=2)  # undo puts it back
    assert row.steps[1].description == "Ask the market about a stall"


def test_start_up_costs_total_by_funder_in_cents(desk):
    row, _ = run(desk, ventures.start_venture, desk["ana"].id, business_name="Biscuits", themes="")
    for item, amount, org, name in (("Convection oven", "1,249.99", desk["vr"].id, ""),
                                    ("Market stall fee", "35.10", None, "own savings"),
                                    ("Baking trays", "$64.45", desk["vr"].id, ""),
                                    ("Business licence", "50", None, "PASS plan"),
                                    ("Canopy tent", "120.20", None, "PASS plan"),
                                    ("Labels", "19.99", None, "")):
        row, _ = run(desk, ventures.add_cost, row.id, item=item, amount=amount, funder_organization_id=org,
                     funder_name=name)
    totals = {t.funder: t.amount for t in row.totals}
    assert totals == {"State VR": Decimal("1314.44"), "own savings": Decimal("35.10"),
                      "PASS plan": Decimal("170.20"), "Funder not decided": Decimal("19.99")}
    assert row.total == Decimal("1539.73") and all(isinstance(t.amount, Decimal) for t in row.totals)
    labels = next(c for c in row.costs if c.item == "Labels")
    row, _ = run(desk, ventures.update_cost, labels.id, item="Labels", amount="20.01", funder_name="own savings")
    assert {t.funder: t.amount for t in row.totals}["own savings"] == Decimal("55.11")
    row, _ = run(desk, ventures.remove_cost, row.costs[0].id)
    assert "State VR" in {t.funder for t in row.totals} and row.total == Decimal("289.76")
    for bad in ("abc", "-5", "0", "1.234"):
        with pytest.raises(ValidationError) as refused:
            run(desk, ventures.add_cost, row.id, item="Flour", amount=bad)
        assert refused.value.field == "amount"


def test_launch_makes_a_job_and_moves_the_person_to_employed(desk):
    row, _ = run(desk, ventures.start_venture, desk["ana"].id, business_name="Ana's Dog Biscuits", themes="")
    with pytest.raises(ValidationError) as refused:
        run(desk, ventures.launch, row.id, launch_date=date.today() + timedelta(days=3), hours_per_week=10,
            hourly_earnings="14.50")
    assert refused.value.field == "launch_date"
    opened = date.today() - timedelta(days=2)
    row, changes = run(desk, ventures.launch, row.id, launch_date=opened, hours_per_week="12.5",
                       hourly_earnings="14.50")
    assert changes.ventures and changes.jobs and changes.people
    assert row.status is VentureStatus.LAUNCHED and row.launch_date == opened and row.job_ref.startswith("JB-")
    with desk["store"].unit_of_work(write=False) as uow:
        job = uow.session.get(Job, row.job_id)
        assert (job.venture_id, job.organization_id, job.job_title) == (row.id, None, "Owner, Ana's Dog Biscuits")
        assert job.hours_per_week == Decimal("12.50") and job.hourly_wage == Decimal("14.50")
        assert job.start_date == opened
        person = uow.people.get(desk["ana"].id)
        assert person.stage is Stage.EMPLOYED and person.stage_entered_on == opened
    with pytest.raises(ValidationError):
        run(desk, ventures.launch, row.id, launch_date=opened, hours_per_week=10, hourly_earnings=10)
    row, changes = run(desk, ventures.close_venture, row.id, closed_on=date.today(), reason="Moved away")
    assert row.status is VentureStatus.CLOSED and changes.jobs
    with desk["store"].unit_of_work(write=False) as uow:
        job = uow.session.get(Job, row.job_id)
        assert job.separated_on == date.today() and job.separation_reason is SeparationReason.BUSINESS_CLOSED
