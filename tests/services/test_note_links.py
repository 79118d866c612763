"""What a case note can be about (services/note_links.py) on both engines: the latest plan's goals, the
Discovery activities, the employers with the person's disclosure decisions, the person's jobs; a partner
reader without the employment release gets the rest and no jobs; a signed note's links in words."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from caseteam.domain.consent import InformationCategory as C
from caseteam.domain.consent import PartyRole
from caseteam.domain.discovery import DiscoverySetting
from caseteam.domain.jobs import DisclosureLevel
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.teams import TeamRole
from caseteam.domain.users import Role
from caseteam.errors import ValidationError
from caseteam.services import (consent, disclosure_decisions, discovery, employment, note_links, notes, organizations,
                               people, plans, teams)
from caseteam.services.actors import Actor


@pytest.fixture
def desk(store, actor):
    with store.unit_of_work() as uow:
        today = uow.today()
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        market, _ = organizations.create_organization(uow, actor, name="Prairie Fresh Market", city="Eastport",
                                                      kind=OrganizationKind.EMPLOYER)
        library, _ = organizations.create_organization(uow, actor, name="Eastside Library",
                                                       kind=OrganizationKind.EMPLOYER)
        counselor, _ = organizations.add_staff(uow, actor, vr.id, given_name="Rosa", family_name="Díaz")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lima", home_organization_id=crp.id)
        plans.save_plan_revision(uow, actor, ana.id, plans.PlanDraft(goals=(
            plans.GoalDraft("Learn the bus route to the east side"),
            plans.GoalDraft("Get a job at a grocery store stocking produce in the mornings"))), summary="First")
        visit, _ = discovery.log_activity(uow, actor, ana.id, held_on=today - timedelta(days=20),
                                          setting=DiscoverySetting.WORK_TRY_OUT, minutes=120,
                                          description="Two mornings stocking produce", learned="Likes order")
        disclosure_decisions.record_disclosure_decision(uow, actor, ana.id, organization_id=market.id,
                                                        level=DisclosureLevel.PARTLY,
                                                        what_may_be_said="That she uses a written task list.")
        job, _ = employment.record_hire(uow, actor, ana.id, organization_id=library.id, job_title="Shelver",
                                        hours_per_week="12", hourly_wage="16", start_date=today - timedelta(days=5))
        consent.record_release(uow, actor, ana.id, parties=[(crp.id, "", PartyRole.BOTH), (vr.id, "", PartyRole.BOTH)],
                               two_way=True, categories=[C.CONTACT, C.PLAN, C.VOCATIONAL], purpose="Plan only",
                               signed_on=today, expires_on=today + timedelta(days=300), signer_name="Ana Lima")
        teams.add_team_member(uow, actor, ana.id, role=TeamRole.VR_COUNSELOR, staff_id=counselor.id,
                              start_date=today)
    partner = Actor(uuid.uuid4(), "rosa", "Rosa Díaz", Role.PARTNER_STAFF, counselor.id, vr.id)
    return dict(store=store, actor=actor, ana=ana, market=market, library=library, visit=visit, job=job,
                partner=partner)


def test_the_choices_for_a_note_in_one_call(desk):
    with desk["store"].unit_of_work(write=False) as uow:
        choices = note_links.link_choices(uow, desk["actor"], desk["ana"].id)
    assert [g.label for g in choices.goals] == [
        "Goal 1 — Learn the bus route to the east side",
        "Goal 2 — Get a job at a grocery store stocking produce in the…"]
    assert [a.id for a in choices.activities] == [desk["visit"].id]
    assert choices.activities[0].label.endswith("— Work try out: Two mornings stocking produce")
    assert [e.label for e in choices.employers] == ["Eastside Library", "Prairie Fresh Market (Eastport)"]
    assert [j.label.split(" (from")[0] for j in choices.jobs] == ["Shelver at Eastside Library"]
    assert choices.disclosure(desk["market"].id).startswith("Disclosure to Prairie Fresh Market: partly")
    assert choices.disclosure(desk["library"].id) == "No disclosure decision recorded for this employer"
    assert choices.not_shared == ()


def test_a_partner_without_the_employment_release_gets_the_rest(desk):
    with desk["store"].unit_of_work(write=False) as uow:
        choices = note_links.link_choices(uow, desk["partner"], desk["ana"].id)
    assert len(choices.goals) == 2 and len(choices.activities) == 1 and len(choices.employers) == 2
    assert choices.jobs == () and choices.disclosures == ()
    assert choices.not_shared == (C.EMPLOYMENT.label,)
    assert "not shared with your organization" in choices.disclosure(desk["market"].id)


def test_a_signed_note_keeps_its_links_and_says_them_in_words(desk):
    store, actor, ana = desk["store"], desk["actor"], desk["ana"]
    with store.unit_of_work() as uow:
        choices = note_links.link_choices(uow, actor, ana.id)
        goal = choices.goals[1]
        row, _ = notes.save_draft(uow, actor, ana.id, body="Called the produce manager.", goal_key=goal.id,
                                  employer_id=desk["market"].id, job_id=desk["job"].id,
                                  discovery_activity_id=desk["visit"].id, service="  Job   development ")
        row, _ = notes.sign_note(uow, actor, row.id, version=row.version)
    with store.unit_of_work(write=False) as uow:
        stored = notes.get_note(uow, actor, row.id)
    assert (stored.goal_key, stored.employer_id, stored.job_id, stored.discovery_activity_id, stored.service) == \
        (goal.id, desk["market"].id, desk["job"].id, desk["visit"].id, "Job development")
    about = choices.about(stored)
    assert about.startswith("About: goal 2 — Get a job at a grocery store stocking…; Discovery activity ")
    assert about.endswith("(work try out); employer Prairie Fresh Market; job Shelver at Eastside Library; "
                          "service Job development")
    assert choices.about(notes.NoteRow(**{**stored.__dict__, "goal_key": uuid.uuid4(), "employer_id": None,
                                          "job_id": None, "discovery_activity_id": None, "service": ""})) == \
        "About: a goal no longer in the latest plan"


def test_a_note_links_only_an_employer_and_a_short_service(desk):
    store, actor, ana = desk["store"], desk["actor"], desk["ana"]
    with store.unit_of_work() as uow:
        vr = organizations.resolve_organization(uow, "State VR")
    with pytest.raises(ValidationError) as refused:
        with store.unit_of_work() as uow:
            notes.save_draft(uow, actor, ana.id, body="x", employer_id=vr.id)
    assert refused.value.field == "employer_id" and "not an employer" in refused.value.message
    with pytest.raises(ValidationError) as refused:
        with store.unit_of_work() as uow:
            notes.save_draft(uow, actor, ana.id, body="x", service="s" * 201)
    assert refused.value.field == "service"


def test_a_note_links_only_the_persons_own_discovery_activity(desk):
    store, actor = desk["store"], desk["actor"]
    with store.unit_of_work() as uow:
        ben, _ = people.create_person(uow, actor, given_name="Ben", family_name="Ode")
    with pytest.raises(ValidationError) as refused:
        with store.unit_of_work() as uow:
            notes.save_draft(uow, actor, ben.id, body="x", discovery_activity_id=desk["visit"].id)
    assert refused.value.field == "discovery_activity_id" and "someone else's" in refused.value.message
