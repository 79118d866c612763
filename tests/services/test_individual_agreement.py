"""The individual service agreement's own content on both engines: the plan's employment goal, the releases
of information on file for each partner (by scope and expiry, never a blanket consent), who provides and
who pays each service; and finding an agreement by its reference."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from test_agreements import END, START, desk, individual, mou, run  # noqa: F401  (desk is a fixture)

from caseteam.domain.consent import InformationCategory as C, PartyRole
from caseteam.domain.plans import GoalStatus
from caseteam.errors import NotFound
from caseteam.services import agreements, consent, plans
from caseteam.services.plans import GoalDraft, PlanDraft

T = date.today()


def _long(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def with_partners(desk, **overrides):
    parties = [(desk["ana"].id, "Job seeker", [("José Muñoz", "", None, True)]),
               (desk["crp"].id, "Provider", [("Lupe Hernández", "Job developer", desk["lupe"].id, False)]),
               (desk["mh"].id, "Partner", [("Kim Ødegård", "Clinician", None, False)]),
               (desk["vr_org"].id, "Funder", [("Dana Wu", "Counselor", None, False)])]
    return individual(desk, parties=parties, **overrides)


def release(desk, org, categories, **kw):
    values = dict(parties=[(desk["crp"].id, "", PartyRole.BOTH), (org.id, "", PartyRole.BOTH)], two_way=True,
                  categories=categories, purpose="Coordinate job development", signed_on=T - timedelta(days=20),
                  signer_name="José Muñoz")
    values.update(kw)
    return run(desk, consent.record_release, desk["ana"].id, **values)[0]


def section(row, key):
    return next(s for s in row.sections if s.section_key == key)


def test_the_goal_section_carries_the_plans_current_employment_goal(desk):
    assert "No employment goal is written in the plan yet." in section(individual(desk), "goal").body
    draft = PlanDraft(vision="A job near home", goals=(
        GoalDraft("Finish the forklift course", status=GoalStatus.ACHIEVED),
        GoalDraft("Work 20 hours a week as a library assistant", status=GoalStatus.IN_PROGRESS)))
    run(desk, plans.save_plan_revision, desk["ana"].id, draft, summary="First plan")
    goal = section(individual(desk), "goal")
    assert goal.title == "Employment goal"
    assert "Work 20 hours a week as a library assistant" in goal.body and "forklift" not in goal.body
    assert goal.body.startswith("José Muñoz's employment goal")


def test_each_partner_is_listed_with_the_releases_that_cover_it_or_told_it_receives_nothing(desk):
    scoped = release(desk, desk["mh"], [C.EMPLOYMENT, C.PLAN], expires_on=T + timedelta(days=200))
    event = release(desk, desk["mh"], [C.CONTACT], expiry_event="When job coaching ends")
    release(desk, desk["vr_org"], [C.PLAN], signed_on=T - timedelta(days=400), expires_on=T - timedelta(days=5))
    row = with_partners(desk)
    releases = section(row, "releases")
    assert releases.title == "Releases of information on file"
    assert row.sections[-1].section_key == "releases"
    mh_text = next(p for p in releases.body.split("\n\n") if p.startswith("Riverside Mental Health"))
    assert scoped.ref in mh_text and event.ref in mh_text
    assert "Person-centered plan, team and tasks; Job development and employment" in mh_text
    assert f"until {_long(T + timedelta(days=200))}" in mh_text
    assert "until when job coaching ends" in mh_text and "Identity and contact details" in mh_text
    vr_text = next(p for p in releases.body.split("\n\n") if p.startswith("State VR"))
    # The expired release does not count: VR gets nothing.
    assert vr_text == ("State VR: No release on file: this partner will not receive information about "
                       "José Muñoz.")
    assert "Bridgeway" not in releases.body  # the home organization holds the record and needs no release
    for body in (releases.body, section(row, "goal").body):
        assert not re.search(r"\ball\b", body, re.IGNORECASE)


def test_a_revoked_release_no_longer_counts(desk):
    r = release(desk, desk["mh"], [C.PLAN], expires_on=T + timedelta(days=90))
    run(desk, consent.revoke_release, r.id, revoked_on=T, method="In writing")
    text = section(with_partners(desk), "releases").body
    assert r.ref not in text and "Riverside Mental Health: No release on file" in text


def test_each_service_says_who_provides_it_and_who_pays(desk):
    row = individual(desk)
    assert [(l.service, l.provided_by, l.paid_by) for l in row.service_lines] == [
        ("Job coaching", "Bridgeway", "State VR")]


def test_an_agreement_is_found_by_its_reference_whatever_the_capitals(desk):
    row = mou(desk)
    found = run(desk, agreements.agreement_by_ref, f"  {row.ref.lower()} ")
    assert found.id == row.id and found.title == "Referral partnership"
    with pytest.raises(NotFound) as caught:
        run(desk, agreements.agreement_by_ref, "AG-0009")
    assert str(caught.value) == "No agreement has the reference AG-0009."


def test_a_later_version_is_found_by_its_own_reference(desk):
    row = mou(desk)
    run(desk, agreements.finalize, row.id, who="supervisor")
    v2, _ = run(desk, agreements.amend, row.id, "New contact person")
    assert run(desk, agreements.agreement_by_ref, v2.ref.upper()).revision == 2
    assert run(desk, agreements.agreement_by_ref, row.ref).revision == 1
    assert (START, END) == (v2.effective_from, v2.effective_to)
