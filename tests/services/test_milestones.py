"""Milestones on both engines: employment ones due from the job's dates (moved by a pause, stopped by a
separation, counted from the funder's basis), achieved with the fee-schedule amount and the covering
authorization, refresh that never duplicates nor touches invoiced ones, and milestones recorded by hand
with the evidence the funder requires."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from caseteam.documents.dates import long_date
from caseteam.domain.billing import Milestone, MilestoneEvent, MilestoneStatus
from caseteam.domain.employment import SeparationReason
from caseteam.domain.funding import CostShareEntry
from caseteam.domain.users import Role
from caseteam.errors import PermissionDenied, ValidationError
from caseteam.services import authorizations, employment, employment_supports, milestones, people, users
from billing_desk import authorize, billing_desk, funder, hire, invoice

E = MilestoneEvent


@pytest.fixture
def desk(store, actor):
    return billing_desk(store, actor)


def run(desk, fn, *args, actor=None, **kwargs):
    with desk["store"].unit_of_work() as uow:
        return fn(uow, actor or desk["actor"], *args, **kwargs)


def listed(desk, actor=None) -> dict:
    with desk["store"].unit_of_work(write=False) as uow:
        return {m.event: m for m in milestones.list_milestones(uow, actor or desk["jobdev"], desk["ana"].id)}


def test_employment_milestones_fall_due_from_the_hire_date_with_the_schedule_rate_and_authorization(desk):
    auth_id, _ = authorize(desk, desk["vr_services"][E.RETENTION_30])
    job = hire(desk, days_ago=45)
    start = job.start_date
    made, changes = run(desk, milestones.refresh_due, desk["ana"].id, actor=desk["jobdev"])
    assert changes.funding and len(made) == 4 and all(m.ref.startswith("MS-") for m in made)
    found = listed(desk)
    placement, thirty, sixty, ninety = (found[e] for e in (E.PLACEMENT, E.RETENTION_30, E.RETENTION_60,
                                                           E.RETENTION_90))
    assert placement.status is MilestoneStatus.ACHIEVED and placement.achieved_on == start
    assert placement.evidence == f"Hired at Crumb & Co. Bakery on {long_date(start)} as Baker's assistant " \
                                 f"(job {job.ref})"
    assert placement.amount == Decimal("1500.00") and placement.job_id == job.id
    assert thirty.achieved_on == start + timedelta(days=30) and thirty.amount == Decimal("750.00")
    assert thirty.authorization_id == auth_id and thirty.funder_name == "State VR"
    assert thirty.evidence == (f"30 days in the job at Crumb & Co. Bakery counted on "
                               f"{long_date(start + timedelta(days=30))}, from the hire date")
    assert thirty.status_words == f"Achieved on {long_date(start + timedelta(days=30))} – not invoiced yet"
    assert sixty.status is MilestoneStatus.DUE and sixty.achieved_on is None
    assert sixty.status_words == f"Due on {long_date(start + timedelta(days=60))}"
    assert ninety.due_on == start + timedelta(days=90) and ninety.amount == Decimal("1000.00")


def test_a_pause_moves_the_later_due_dates_and_an_open_pause_leaves_no_date(desk):
    authorize(desk, desk["vr_services"][E.PLACEMENT])
    job = hire(desk, days_ago=45)
    start = job.start_date
    run(desk, milestones.refresh_due, desk["ana"].id)
    assert listed(desk)[E.RETENTION_60].due_on == start + timedelta(days=60)
    run(desk, employment_supports.pause_follow_along, job.id, starts_on=start + timedelta(days=35),
        reason="Hospital stay")
    moved, _ = run(desk, milestones.refresh_due, desk["ana"].id)
    assert {m.event for m in moved} == {E.RETENTION_60, E.RETENTION_90}
    found = listed(desk)
    assert found[E.RETENTION_30].achieved_on == start + timedelta(days=30)  # before the pause: unmoved
    assert found[E.RETENTION_60].due_on is None
    assert found[E.RETENTION_60].status_words == ("Due – no date yet (follow-along paused since "
                                                  f"{long_date(start + timedelta(days=35))})")
    run(desk, employment_supports.resume_follow_along, job.id, ends_on=start + timedelta(days=44))
    run(desk, milestones.refresh_due, desk["ana"].id)
    found = listed(desk)
    assert found[E.RETENTION_60].due_on == start + timedelta(days=70)  # ten paused days not counted
    assert found[E.RETENTION_90].due_on == start + timedelta(days=100)
    assert found[E.RETENTION_60].status is MilestoneStatus.DUE and found[E.RETENTION_60].reason == ""
    reached, _ = run(desk, milestones.refresh_due, desk["ana"].id, today=start + timedelta(days=70))
    assert [m.evidence for m in reached] == [
        f"60 days in the job at Crumb & Co. Bakery counted on {long_date(start + timedelta(days=70))}, "
        "from the hire date (paused days not counted)"]


def test_a_separation_before_sixty_days_stops_the_sixty_and_ninety_day_milestones(desk):
    authorize(desk, desk["vr_services"][E.PLACEMENT])
    job = hire(desk, days_ago=100)
    start = job.start_date
    early, _ = run(desk, milestones.refresh_due, desk["ana"].id, today=start + timedelta(days=40))
    assert {m.event: m.status for m in early} == {E.PLACEMENT: MilestoneStatus.ACHIEVED,
                                                 E.RETENTION_30: MilestoneStatus.ACHIEVED,
                                                 E.RETENTION_60: MilestoneStatus.DUE,
                                                 E.RETENTION_90: MilestoneStatus.DUE}
    run(desk, employment.separate, job.id, separated_on=start + timedelta(days=50), reason=SeparationReason.QUIT)
    stopped, changes = run(desk, milestones.refresh_due, desk["ana"].id)
    assert changes.funding and {m.event for m in stopped} == {E.RETENTION_60, E.RETENTION_90}
    assert set(listed(desk)) == {E.PLACEMENT, E.RETENTION_30}
    again, changes = run(desk, milestones.refresh_due, desk["ana"].id)
    assert again == [] and not changes
    with desk["store"].unit_of_work() as uow:  # undoing the separation brings them back, reached this time
        employment.undo_separation(uow, desk["actor"], job.id)
        back, _ = milestones.refresh_due(uow, desk["actor"], desk["ana"].id)
    assert {m.event: m.status for m in back} == {E.RETENTION_60: MilestoneStatus.ACHIEVED,
                                                E.RETENTION_90: MilestoneStatus.ACHIEVED}


def test_refresh_is_idempotent_and_never_touches_an_invoiced_milestone(desk):
    authorize(desk, desk["vr_services"][E.PLACEMENT])
    job = hire(desk, days_ago=45)
    run(desk, milestones.refresh_due, desk["ana"].id)
    second, changes = run(desk, milestones.refresh_due, desk["ana"].id)
    assert second == [] and not changes
    thirty = listed(desk)[E.RETENTION_30]
    _, ref = invoice(desk, desk["vr"], lines=[(thirty.id, None, "750.00")], submitted_days_ago=3)
    with desk["store"].unit_of_work() as uow:
        uow.session.get(Milestone, thirty.id).status = MilestoneStatus.INVOICED
    # A pause recorded late would move the 30-day date, but that milestone is already billed.
    run(desk, employment_supports.pause_follow_along, job.id, starts_on=job.start_date + timedelta(days=10))
    run(desk, employment_supports.resume_follow_along, job.id, ends_on=job.start_date + timedelta(days=19))
    run(desk, milestones.refresh_due, desk["ana"].id)
    found = listed(desk)
    assert found[E.RETENTION_30].achieved_on == job.start_date + timedelta(days=30)
    assert found[E.RETENTION_30].status_words == f"Invoiced on {ref}" and found[E.RETENTION_30].invoice_ref == ref
    assert found[E.RETENTION_60].due_on == job.start_date + timedelta(days=70)
    with desk["store"].unit_of_work(write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Milestone)) == 4


def test_only_funders_that_pay_for_the_person_and_their_basis_count(desk):
    job = hire(desk, days_ago=45)
    made, changes = run(desk, milestones.refresh_due, desk["ana"].id)
    assert made == [] and not changes  # VR has no authorization or cost-share entry for Ana yet
    waiver, services = funder(desk, "County waiver", basis="stabilization", events=(E.RETENTION_30,))
    with desk["store"].unit_of_work() as uow:  # a cost-share entry makes the waiver a payer
        uow.add(CostShareEntry(person_id=desk["ana"].id, funder_service_id=services[E.RETENTION_30],
                               service_name="Retention", sequence=1, starts_on=desk["today"] - timedelta(days=60),
                               note=""))
    made, _ = run(desk, milestones.refresh_due, desk["ana"].id)
    assert len(made) == 1 and made[0].funder_name == "County waiver" and made[0].due_on is None
    assert made[0].status_words == ("Due – no date yet (counted from stabilization (move to extended services), "
                                    "which is not recorded yet)")
    with pytest.raises(ValidationError, match="cannot be in the future") as refused:
        run(desk, milestones.achieve, made[0].id, achieved_on=desk["today"] + timedelta(days=1), evidence="x")
    assert refused.value.field == "achieved_on"
    run(desk, employment.stabilize, job.id, on=job.start_date + timedelta(days=5))
    moved, _ = run(desk, milestones.refresh_due, desk["ana"].id)
    assert moved[0].status is MilestoneStatus.ACHIEVED and moved[0].achieved_on == job.start_date + timedelta(days=35)
    assert "from stabilization" in moved[0].evidence


def test_a_milestone_by_hand_needs_the_evidence_the_funder_asks_for(desk):
    _, services = funder(desk, "State VR Discovery", events=(E.DISCOVERY_COMPLETE,),
                         evidence_required="The Discovery profile signed by the person")
    discovery = services[E.DISCOVERY_COMPLETE]
    day = desk["today"] - timedelta(days=3)
    with pytest.raises(ValidationError) as refused:
        run(desk, milestones.record_milestone, desk["ana"].id, funder_service_id=discovery, achieved_on=day,
            evidence="  ", actor=desk["jobdev"])
    assert refused.value.field == "evidence"
    assert "needs evidence: The Discovery profile signed by the person" in refused.value.message
    row, changes = run(desk, milestones.record_milestone, desk["ana"].id, funder_service_id=discovery,
                       achieved_on=day, evidence="Profile signed at the meeting", actor=desk["jobdev"],
                       attachment=("profile.pdf", b"%PDF-1.4 signed"))
    assert changes.funding and row.status is MilestoneStatus.ACHIEVED and row.amount == Decimal("2500.00")
    assert row.evidence_attachment_id is not None and row.event is E.DISCOVERY_COMPLETE
    assert row.status_words == f"Achieved on {long_date(day)} – not invoiced yet"
    with pytest.raises(ValidationError, match="already recorded"):
        run(desk, milestones.record_milestone, desk["ana"].id, funder_service_id=discovery, achieved_on=day,
            evidence="Again")
    with pytest.raises(ValidationError, match="due from the job's dates") as by_hand:
        run(desk, milestones.record_milestone, desk["ana"].id, funder_service_id=desk["vr_services"][E.PLACEMENT],
            achieved_on=day, evidence="Hired")
    assert by_hand.value.field == "funder_service_id"


def test_returned_words_and_who_may_refresh(desk):
    authorize(desk, desk["vr_services"][E.PLACEMENT])
    hire(desk, days_ago=10)
    with desk["store"].unit_of_work() as uow:
        partner = users.ensure_user(uow, username="pat", display_name="Pat Partner", role=Role.PARTNER_STAFF,
                                    staff_id=desk["lupe"].id)
        ben, _ = people.create_person(uow, desk["actor"], given_name="Ben", family_name="Ode",
                                      home_organization_id=desk["crp"].id)
    authorize(desk, desk["vr_services"][E.PLACEMENT], person=ben)
    hire(desk, days_ago=10, person=ben)
    with pytest.raises(PermissionDenied):
        run(desk, milestones.refresh_due, desk["ana"].id, actor=partner)
    made, _ = run(desk, milestones.refresh_all_due, actor=desk["jobdev"])  # Lupe leads Ana, not Ben
    assert {m.person_id for m in made} == {desk["ana"].id}
    placement = listed(desk)[E.PLACEMENT]
    with desk["store"].unit_of_work() as uow:
        m = uow.session.get(Milestone, placement.id)
        m.status, m.reason = MilestoneStatus.RETURNED, "missing signature"
    with desk["store"].unit_of_work(write=False) as uow:
        row = milestones.get_milestone(uow, partner, placement.id)
    assert row.status_words == "Returned: missing signature"


def test_a_funder_that_stops_paying_drops_the_milestones_not_reached_and_keeps_the_earned_ones(desk):
    auth_id, _ = authorize(desk, desk["vr_services"][E.PLACEMENT])
    hire(desk, days_ago=45)
    run(desk, milestones.refresh_due, desk["ana"].id)
    with desk["store"].unit_of_work() as uow:
        authorizations.cancel_authorization(uow, desk["actor"], auth_id, reason="VR closed the case")
        dropped, _ = milestones.refresh_due(uow, desk["actor"], desk["ana"].id)
    assert {m.event for m in dropped} == {E.RETENTION_60, E.RETENTION_90}
    assert {e: m.status for e, m in listed(desk).items()} == {E.PLACEMENT: MilestoneStatus.ACHIEVED,
                                                             E.RETENTION_30: MilestoneStatus.ACHIEVED}
    again, changes = run(desk, milestones.refresh_due, desk["ana"].id)
    assert again == [] and not changes
