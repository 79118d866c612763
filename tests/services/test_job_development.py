"""Job development: negotiations and their status history, the CIE checklist and the flags on an offer,
disclosure decisions per employer, and the IPE / waiver-plan mirrors with their amendments."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from caseteam.domain.consent import InformationCategory as C
from caseteam.domain.consent import PartyRole
from caseteam.domain.jobs import AgencyPlanKind, DisclosureLevel, GoalMatch, NegotiationStatus as S
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.users import Role
from caseteam.errors import ConsentRequired, ValidationError
from caseteam.services import (agency_plans, consent, disclosure_decisions, discovery, job_development,
                               organizations, people, teams)
from caseteam.services.actors import Actor
from caseteam.services.offer_check import FlagKind, check_offer, monthly_earnings
from caseteam.settings import BenefitYear
from caseteam.domain.audit import AuditEntry

T = date.today()
YEAR = BenefitYear(2026, Decimal("1690"), Decimal("2830"), Decimal("1210"), Decimal("7.25"))


@pytest.fixture
def world(store, actor):
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        cafe, _ = organizations.create_organization(uow, actor, name="Corner Café", kind=OrganizationKind.EMPLOYER)
        dana, _ = organizations.add_staff(uow, actor, vr.id, given_name="Dana", family_name="Whitfield")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lopez", home_organization_id=crp.id)
        discovery.save_profile_revision(uow, actor, ana.id, discovery.ProfileDraft(
            theme_1="Food and hospitality", theme_2="Order and tidiness"), summary="First profile")
    return dict(crp=crp, vr=vr, cafe=cafe, dana=dana, ana=ana)


def start(store, actor, w, **terms):
    with store.unit_of_work() as uow:
        return job_development.start_negotiation(uow, actor, w["ana"].id, organization_id=w["cafe"].id,
                                                 **terms)[0]


def test_a_negotiation_keeps_its_status_history_and_takes_the_themes_from_the_profile(store, actor, world):
    row = start(store, actor, world, unmet_needs="Dishes pile up at lunch", on=T - timedelta(days=10))
    assert row.themes == "Food and hospitality\nOrder and tidiness" and row.ref.startswith("JN-")
    with store.unit_of_work() as uow:
        row, changes = job_development.set_status(uow, actor, row.id, S.PROPOSAL_MADE, version=row.version,
                                                  on=T - timedelta(days=2), note="Proposal left with Maria")
        row, _ = job_development.set_status(uow, actor, row.id, S.OFFER, version=row.version)
    assert changes.jobs
    with store.unit_of_work() as uow, pytest.raises(ValidationError) as earlier:
        job_development.set_status(uow, actor, row.id, S.NEGOTIATING, version=row.version, on=T - timedelta(days=1))
    assert earlier.value.field == "on"
    assert [(h.previous_status, h.status) for h in row.history] == [
        (None, S.IDEA), (S.IDEA, S.PROPOSAL_MADE), (S.PROPOSAL_MADE, S.OFFER)]
    assert row.history[1].note == "Proposal left with Maria" and row.status_on == T
    with store.unit_of_work(write=False) as uow:
        assert [n.status for n in job_development.list_negotiations(uow, actor, world["ana"].id)] == [S.OFFER]


def test_declined_needs_a_reason_and_hired_is_refused_here(store, actor, world):
    row = start(store, actor, world)
    with store.unit_of_work() as uow:
        with pytest.raises(ValidationError) as declined:
            job_development.set_status(uow, actor, row.id, S.DECLINED, version=row.version)
        with pytest.raises(ValidationError) as hired:
            job_development.set_status(uow, actor, row.id, S.HIRED, version=row.version)
        with pytest.raises(ValidationError):
            job_development.start_negotiation(uow, actor, world["ana"].id, organization_id=world["cafe"].id,
                                              status=S.HIRED)
    assert declined.value.field == "declined_reason"
    assert hired.value.field == "status" and '"Record hire"' in hired.value.message
    with store.unit_of_work() as uow:
        row, _ = job_development.set_status(uow, actor, row.id, S.DECLINED, version=row.version,
                                            declined_reason="The person did not want weekend shifts")
    assert row.status is S.DECLINED and row.declined_reason == "The person did not want weekend shifts"


def test_a_negotiation_is_only_with_an_employer_and_terms_are_checked_by_field(store, actor, world):
    with store.unit_of_work() as uow:
        with pytest.raises(ValidationError) as not_employer:
            job_development.start_negotiation(uow, actor, world["ana"].id, organization_id=world["vr"].id)
    assert not_employer.value.field == "organization_id" and "State VR is not an employer" in not_employer.value.message
    row = start(store, actor, world)
    for field, value, words in (("hourly_wage", "-3", "positive dollar amount"), ("hourly_wage", "7.255", "cents"),
                                ("hourly_wage", "seven", "not a dollar amount"), ("hours_per_week", "90", "at most 80"),
                                ("hours_per_week", "0", "more than 0"), ("soc_code", "352021", "SOC")):
        with store.unit_of_work() as uow, pytest.raises(ValidationError) as refused:
            job_development.update_negotiation(uow, actor, row.id, version=row.version, **{field: value})
        assert refused.value.field == field and words in refused.value.message
    with store.unit_of_work() as uow:
        row, _ = job_development.update_negotiation(uow, actor, row.id, version=row.version, hourly_wage="$15",
                                                    hours_per_week="20", job_title="Dish room lead")
    assert (row.hourly_wage, row.hours_per_week, row.job_title) == (Decimal("15.00"), Decimal("20.00"),
                                                                    "Dish room lead")


def _offer(store, actor, w, **terms):
    row = start(store, actor, w)
    with store.unit_of_work() as uow:
        row, _ = job_development.update_negotiation(uow, actor, row.id, version=row.version, **terms)
        row, _ = job_development.set_status(uow, actor, row.id, S.OFFER, version=row.version)
    return row


def codes(flags):
    return {f.code for f in flags}


def test_the_checklist_flags_a_sub_minimum_wage_and_not_fifteen_dollars(store, actor, world):
    low = _offer(store, actor, world, hourly_wage="6.50", hours_per_week="10")
    fair = _offer(store, actor, world, hourly_wage="15.00", hours_per_week="10")
    with store.unit_of_work(write=False) as uow:
        low_flags = job_development.offer_flags(uow, actor, low.id, benefit_year=YEAR)
        fair_flags = job_development.offer_flags(uow, actor, fair.id, benefit_year=YEAR)
    [sub] = [f for f in low_flags if f.code == "sub_minimum_wage"]
    assert sub.kind is FlagKind.PROBLEM and sub.message == "Sub-minimum wage: $6.50 is below the minimum wage $7.25."
    assert "sub_minimum_wage" not in codes(fair_flags)
    # Unanswered items are milder "to check" flags, not failures.
    assert {f.kind for f in fair_flags} == {FlagKind.TO_CHECK}


def test_customary_wage_and_checklist_answers(store, actor, world):
    row = _offer(store, actor, world, hourly_wage="12.00", customary_wage="14.50", benefits_like_coworkers=False,
                 integrated_setting=True, advancement=None)
    flags = check_offer(row, benefit_year=YEAR, ipe=None)
    [below] = [f for f in flags if f.code == "below_customary_wage"]
    assert "$12.00 is below the customary wage $14.50" in below.message
    assert "benefits_differ" in codes(flags) and "not_integrated" not in codes(flags)
    assert [f.kind for f in flags if f.field == "advancement"] == [FlagKind.TO_CHECK]


def test_an_offer_that_does_not_match_the_ipe_goal_is_flagged(store, actor, world):
    with store.unit_of_work() as uow:
        ipe, _ = agency_plans.add_agency_plan(uow, actor, world["ana"].id, kind=AgencyPlanKind.VR_IPE,
                                              organization_id=world["vr"].id, employment_goal="Office clerk",
                                              soc_code="43-9061", starts_on=T - timedelta(days=60),
                                              ends_on=T + timedelta(days=300))
    row = _offer(store, actor, world, hourly_wage="15.00", soc_code="35-9021")
    with store.unit_of_work(write=False) as uow:
        flags = job_development.offer_flags(uow, actor, row.id, benefit_year=YEAR)
    [mismatch] = [f for f in flags if f.code == "ipe_mismatch"]
    assert "does not match VR's IPE goal 'Office clerk'; VR will not pay the placement milestone" in mismatch.message
    same = _offer(store, actor, world, hourly_wage="15.00", soc_code="43-9061")
    assert [f.code for f in check_offer(same, benefit_year=YEAR, ipe=ipe) if f.field == "ipe_match"] == \
        ["ipe_unchecked"]
    with store.unit_of_work() as uow:
        same, _ = job_development.update_negotiation(uow, actor, same.id, version=same.version,
                                                     ipe_match=GoalMatch.DOES_NOT_MATCH)
    assert "ipe_mismatch" in codes(check_offer(same, benefit_year=YEAR, ipe=ipe))
    assert not [f for f in check_offer(same, benefit_year=YEAR, ipe=None) if f.code.startswith("ipe")]


def test_benefits_flag_against_the_trial_work_level_and_sga(store, actor, world):
    assert monthly_earnings(Decimal("20"), Decimal("15.00")) == Decimal("1300.00")
    twp = _offer(store, actor, world, hourly_wage="15.00", hours_per_week="20")   # $1,300 a month
    sga = _offer(store, actor, world, hourly_wage="15.00", hours_per_week="30")   # $1,950 a month
    small = _offer(store, actor, world, hourly_wage="15.00", hours_per_week="10")  # $650 a month
    [t] = [f for f in check_offer(twp, benefit_year=YEAR, ipe=None) if f.kind is FlagKind.ADVICE]
    assert t.message.startswith("Expected $1,300.00 a month is above the trial-work level $1,210.00: refer to a "
                                "benefits planner")
    [s] = [f for f in check_offer(sga, benefit_year=YEAR, ipe=None) if f.kind is FlagKind.ADVICE]
    assert "above SGA $1,690.00" in s.message
    assert not [f for f in check_offer(small, benefit_year=YEAR, ipe=None) if f.kind is FlagKind.ADVICE]


def test_disclosure_decision_partly_needs_what_may_be_said_and_keeps_history(store, actor, world):
    w = world
    with store.unit_of_work() as uow:
        with pytest.raises(ValidationError) as refused:
            disclosure_decisions.record_disclosure_decision(uow, actor, w["ana"].id, organization_id=w["cafe"].id,
                                                            level=DisclosureLevel.PARTLY)
        with pytest.raises(ValidationError):
            disclosure_decisions.record_disclosure_decision(uow, actor, w["ana"].id, organization_id=w["vr"].id,
                                                            level=DisclosureLevel.NOT_AT_ALL)
    assert refused.value.field == "what_may_be_said"
    with store.unit_of_work() as uow:
        first, _ = disclosure_decisions.record_disclosure_decision(
            uow, actor, w["ana"].id, organization_id=w["cafe"].id, level=DisclosureLevel.NOT_AT_ALL)
        second, _ = disclosure_decisions.record_disclosure_decision(
            uow, actor, w["ana"].id, organization_id=w["cafe"].id, level=DisclosureLevel.PARTLY,
            what_may_be_said="She learns best from a demonstration", version=first.version)
    assert first.id == second.id
    with store.unit_of_work(write=False) as uow:
        shown = disclosure_decisions.disclosure_for(uow, actor, w["ana"].id, w["cafe"].id)
        listed = disclosure_decisions.list_disclosure_decisions(uow, actor, w["ana"].id)
        entries = list(uow.session.scalars(select(AuditEntry).where(AuditEntry.entity == "disclosure_decisions")
                                           .order_by(AuditEntry.seq)))
    assert shown.level is DisclosureLevel.PARTLY and "demonstration" in shown.words and len(listed) == 1
    # The earlier decision is kept in the audit log: recorded "not at all", then changed to "partly".
    assert [e.action for e in entries] == ["recorded", "changed"] and "not_at_all" in entries[1].changes


def test_a_partner_without_an_employment_release_is_refused(store, actor, world):
    w = world
    start(store, actor, w)
    with store.unit_of_work() as uow:
        consent.record_release(uow, actor, w["ana"].id, parties=[(w["crp"].id, "", PartyRole.BOTH),
                                                                 (w["vr"].id, "", PartyRole.BOTH)],
                               two_way=True, categories=[C.CONTACT, C.PLAN], purpose="Coordinate the plan",
                               signed_on=T - timedelta(days=10), expires_on=T + timedelta(days=300),
                               signer_name="Ana Lopez")
        from caseteam.domain.teams import TeamRole
        teams.add_team_member(uow, actor, w["ana"].id, role=TeamRole.VR_COUNSELOR, staff_id=w["dana"].id)
    vr_staff = Actor(uuid.uuid4(), "dana", "Dana Whitfield", Role.PARTNER_STAFF, w["dana"].id, w["vr"].id)
    with store.unit_of_work(write=False) as uow:
        for read in (job_development.list_negotiations, agency_plans.list_agency_plans,
                     disclosure_decisions.list_disclosure_decisions):
            with pytest.raises(ConsentRequired) as refused:
                read(uow, vr_staff, w["ana"].id)
            assert "employment" in refused.value.message.lower()
        assert job_development.list_negotiations(uow, actor, w["ana"].id)
    # With employment released but not the vocational profile: the page shows, the profile's themes do not.
    with store.unit_of_work() as uow:
        consent.record_release(uow, actor, w["ana"].id, parties=[(w["crp"].id, "", PartyRole.BOTH),
                                                                 (w["vr"].id, "", PartyRole.BOTH)],
                               two_way=True, categories=[C.EMPLOYMENT], purpose="Coordinate job development",
                               signed_on=T - timedelta(days=1), expires_on=T + timedelta(days=300),
                               signer_name="Ana Lopez")
    with store.unit_of_work(write=False) as uow:
        view = job_development.job_development_view(uow, vr_staff, w["ana"].id, benefit_year=YEAR)
        assert len(view.negotiations) == 1 and view.themes == ""
        assert job_development.job_development_view(uow, actor, w["ana"].id, benefit_year=YEAR).themes


def test_amendments_keep_history_and_update_the_plan(store, actor, world):
    w = world
    with store.unit_of_work() as uow:
        plan, _ = agency_plans.add_agency_plan(uow, actor, w["ana"].id, kind=AgencyPlanKind.VR_IPE,
                                               organization_id=w["vr"].id, plan_number="IPE-88",
                                               employment_goal="Office clerk", starts_on=T - timedelta(days=90),
                                               ends_on=T + timedelta(days=200), services="Job development")
        with pytest.raises(ValidationError) as second:
            agency_plans.add_agency_plan(uow, actor, w["ana"].id, kind=AgencyPlanKind.VR_IPE,
                                         employment_goal="Cook")
        plan, _ = agency_plans.amend_agency_plan(uow, actor, plan.id, version=plan.version,
                                                 amended_on=T - timedelta(days=5),
                                                 summary="Goal changed after Discovery",
                                                 employment_goal="Food service worker",
                                                 services="Job development; job coaching")
        agency_plans.add_agency_plan(uow, actor, w["ana"].id, kind=AgencyPlanKind.WAIVER_SERVICE_PLAN,
                                     employment_goal="Works in the community 15 hours a week")
    assert "already has an open IPE" in second.value.message
    assert (plan.employment_goal, plan.services, plan.ends_on) == ("Food service worker",
                                                                  "Job development; job coaching",
                                                                  T + timedelta(days=200))
    [amendment] = plan.amendments
    assert amendment.summary == "Goal changed after Discovery" and amendment.recorded_by_name
    with store.unit_of_work(write=False) as uow:
        listed = agency_plans.list_agency_plans(uow, actor, w["ana"].id)
        active = agency_plans.active_ipe(uow, actor, w["ana"].id)
    assert {p.kind for p in listed} == {AgencyPlanKind.VR_IPE, AgencyPlanKind.WAIVER_SERVICE_PLAN}
    assert active.id == plan.id and active.employment_goal == "Food service worker"
    with store.unit_of_work() as uow:
        agency_plans.close_agency_plan(uow, actor, plan.id, version=active.version, closed_on=T)
    with store.unit_of_work(write=False) as uow:
        assert agency_plans.active_ipe(uow, actor, w["ana"].id) is None


def test_the_thresholds_are_strict_and_flags_show_on_offers(store, actor, world):
    """At exactly the minimum wage no sub-minimum flag; a month exactly at the trial-work level is not
    above it. Flags are shown on offers, and while negotiating once terms are in."""
    from caseteam.services.offer_check import shows_flags

    row = _offer(store, actor, world, hourly_wage="7.25", hours_per_week="10")
    assert "sub_minimum_wage" not in codes(check_offer(row, benefit_year=YEAR, ipe=None))
    # 20 hours at $13.96 is $1,209.87 a month: just under the trial-work level of $1,210.
    near = dataclasses.replace(row, hours_per_week=Decimal("20"), hourly_wage=Decimal("13.96"))
    assert monthly_earnings(near.hours_per_week, near.hourly_wage) == Decimal("1209.87")
    assert not [f for f in check_offer(near, benefit_year=YEAR, ipe=None) if f.kind is FlagKind.ADVICE]
    no_year = check_offer(row, benefit_year=None, ipe=None)
    assert "no_minimum_wage" in codes(no_year) and not [f for f in no_year if f.kind is FlagKind.ADVICE]
    assert shows_flags(row)
    assert not shows_flags(dataclasses.replace(row, status=S.PROPOSAL_MADE))
    assert shows_flags(dataclasses.replace(row, status=S.NEGOTIATING))
    assert not shows_flags(dataclasses.replace(row, status=S.NEGOTIATING, hourly_wage=None, hours_per_week=None,
                                               job_title=""))


def test_a_stale_copy_is_refused_and_an_archived_negotiation_leaves_the_list(store, actor, world):
    from caseteam.errors import Conflict

    row = start(store, actor, world)
    with store.unit_of_work() as uow:
        job_development.update_negotiation(uow, actor, row.id, version=row.version, job_title="Barista")
    with store.unit_of_work() as uow, pytest.raises(Conflict):
        job_development.update_negotiation(uow, actor, row.id, version=row.version, job_title="Cook")
    with store.unit_of_work() as uow:
        current = job_development.get_negotiation(uow, actor, row.id)
        job_development.set_negotiation_archived(uow, actor, row.id, True, version=current.version)
    with store.unit_of_work(write=False) as uow:
        assert job_development.list_negotiations(uow, actor, world["ana"].id) == []


def test_listed_plans_and_disclosures_name_each_ones_own_organization(store, actor, world):
    w = world
    with store.unit_of_work() as uow:
        ipe, _ = agency_plans.add_agency_plan(uow, actor, w["ana"].id, kind=AgencyPlanKind.VR_IPE,
                                              organization_id=w["vr"].id, employment_goal="Office clerk",
                                              starts_on=T - timedelta(days=90))
        ipe, _ = agency_plans.amend_agency_plan(uow, actor, ipe.id, version=ipe.version, amended_on=T,
                                                summary="Hours added")
        agency_plans.add_agency_plan(uow, actor, w["ana"].id, kind=AgencyPlanKind.WAIVER_SERVICE_PLAN,
                                     organization_id=w["crp"].id, employment_goal="Works 15 hours a week")
        bakery, _ = organizations.create_organization(uow, actor, name="Crumb Bakery", kind=OrganizationKind.EMPLOYER)
        for org in (w["cafe"], bakery):
            disclosure_decisions.record_disclosure_decision(uow, actor, w["ana"].id, organization_id=org.id,
                                                            level=DisclosureLevel.NOT_AT_ALL)
    with store.unit_of_work(write=False) as uow:
        plans = agency_plans.list_agency_plans(uow, actor, w["ana"].id)
        decisions = disclosure_decisions.list_disclosure_decisions(uow, actor, w["ana"].id)
    assert {p.kind: p.organization_name for p in plans} == {AgencyPlanKind.VR_IPE: "State VR",
                                                            AgencyPlanKind.WAIVER_SERVICE_PLAN: "Bridgeway"}
    assert [a.recorded_by_name for p in plans for a in p.amendments] == [ipe.amendments[0].recorded_by_name]
    assert ipe.amendments[0].recorded_by_name
    assert sorted(d.employer_name for d in decisions) == ["Corner Café", "Crumb Bakery"]
    assert all(d.recorded_by_name for d in decisions)
