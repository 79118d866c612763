"""Each role against each protected service call: allowed or refused, decided in the services.

One small partnership: a CRP (Bridgeway) serving Ana, whose team holds her lead job developer and a
mental-health case manager; another CRP serving Ben. Every call runs in a unit of work that is rolled
back, so one case never prepares the next.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from caseteam.domain.consent import InformationCategory, PartyRole
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.teams import TeamRole
from caseteam.domain.users import Role
from caseteam.errors import PermissionDenied
from caseteam.services import access, consent, organizations, people, tasks, teams, users
from caseteam.services.access import Action


class Rollback(Exception):
    pass


@pytest.fixture
def partnership(store, actor):
    admin = actor
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, admin, name="Bridgeway", kind=OrganizationKind.CRP)
        other, _ = organizations.create_organization(uow, admin, name="Northside CRP", kind=OrganizationKind.CRP)
        mh, _ = organizations.create_organization(uow, admin, name="Riverbend Mental Health",
                                                  kind=OrganizationKind.MENTAL_HEALTH)
        vr, _ = organizations.create_organization(uow, admin, name="State VR", kind=OrganizationKind.VR_OFFICE)
        staff = {}
        for key, org, given in (("sup", crp, "Denise"), ("lead", crp, "Lupe"), ("colleague", crp, "Marcus"),
                                ("mh", mh, "Kevin"), ("vr", vr, "Karen"), ("other_sup", other, "Olga")):
            staff[key], _ = organizations.add_staff(uow, admin, org.id, given_name=given, family_name="Tester")
        ana, _ = people.create_person(uow, admin, given_name="Ana", family_name="Lima",
                                      home_organization_id=crp.id, lead_staff_id=staff["lead"].id)
        ben, _ = people.create_person(uow, admin, given_name="Ben", family_name="Okoro",
                                      home_organization_id=other.id)
        today = uow.today()
        consent.record_release(uow, admin, ana.id, parties=[(crp.id, "", PartyRole.BOTH), (mh.id, "", PartyRole.BOTH)],
                               two_way=True, categories={InformationCategory.PLAN, InformationCategory.CONTACT},
                               purpose="Coordinate employment and mental-health supports",
                               signed_on=today - timedelta(days=3), expires_on=today + timedelta(days=300),
                               signer_name="Ana Lima")
        teams.add_team_member(uow, admin, ana.id, role=TeamRole.JOB_DEVELOPER, staff_id=staff["lead"].id)
        teams.add_team_member(uow, admin, ana.id, role=TeamRole.CASE_MANAGER, staff_id=staff["mh"].id)
        mh_task, _ = tasks.create_task(uow, admin, title="Share the crisis plan", organization_id=mh.id,
                                       person_id=ana.id)
        accounts = {
            "administrator": admin,
            "supervisor": users.ensure_user(uow, username="sup", display_name="Denise", role=Role.SUPERVISOR,
                                            staff_id=staff["sup"].id),
            "lead job developer": users.ensure_user(uow, username="lead", display_name="Lupe",
                                                    role=Role.JOB_DEVELOPER, staff_id=staff["lead"].id),
            "other job developer": users.ensure_user(uow, username="colleague", display_name="Marcus",
                                                     role=Role.JOB_DEVELOPER, staff_id=staff["colleague"].id),
            "partner on the team": users.ensure_user(uow, username="mh", display_name="Kevin",
                                                     role=Role.PARTNER_STAFF, staff_id=staff["mh"].id),
            "partner off the team": users.ensure_user(uow, username="vr", display_name="Karen",
                                                      role=Role.PARTNER_STAFF, staff_id=staff["vr"].id),
            "other organization's supervisor": users.ensure_user(
                uow, username="osup", display_name="Olga", role=Role.SUPERVISOR, staff_id=staff["other_sup"].id),
            "auditor": users.ensure_user(uow, username="aud", display_name="Audrey", role=Role.AUDITOR),
        }
    return dict(store=store, ana=ana, ben=ben, crp=crp, mh=mh, task=mh_task, accounts=accounts)


def calls(p):
    """name -> what the service call does, given a unit of work and an actor."""
    ana, ben = p["ana"], p["ben"]
    return {
        "see Ana": lambda uow, a: people.get_person(uow, a, ana.id),
        "see Ben": lambda uow, a: people.get_person(uow, a, ben.id),
        "edit Ana": lambda uow, a: people.update_person(uow, a, ana.id, version=None, phone="555-0101"),
        "edit Ben": lambda uow, a: people.update_person(uow, a, ben.id, version=None, phone="555-0102"),
        "Ana's team": lambda uow, a: teams.team_view(uow, a, ana.id),
        "start Ana's MH task": lambda uow, a: tasks.start_task(uow, a, p["task"].id),
        "reassign Ana's task": lambda uow, a: tasks.assign_task(uow, a, p["task"].id, organization_id=p["crp"].id),
        "add a person": lambda uow, a: people.create_person(uow, a, given_name="New", family_name="Person"),
        "change the directory": lambda uow, a: organizations.create_organization(
            uow, a, name="New partner", kind=OrganizationKind.OTHER),
        "manage users": lambda uow, a: users.list_users(uow, a),
        "record Ana's consent": lambda uow, a: consent.record_release(
            uow, a, ana.id, parties=[(p["crp"].id, "", PartyRole.BOTH), (None, "Dr. Patel", PartyRole.BOTH)],
            two_way=True, categories={InformationCategory.MEDICAL}, purpose="Job accommodations",
            signed_on=date.today(), expires_on=date.today() + timedelta(days=90), signer_name="Ana Lima"),
    }


Y, N = "allowed", "refused"
EXPECTED = {
    #                    see A, see B, edit A, edit B, team, work, reassign, add, dir, users, consent
    "administrator":                   (Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y),
    "supervisor":                      (Y, N, Y, N, Y, Y, Y, Y, Y, N, Y),
    "lead job developer":              (Y, N, Y, N, Y, Y, Y, Y, Y, N, Y),
    "other job developer":             (Y, N, N, N, Y, N, N, Y, Y, N, N),
    "partner on the team":             (Y, N, N, N, Y, Y, N, N, N, N, N),
    "partner off the team":            (N, N, N, N, N, N, N, N, N, N, N),
    "other organization's supervisor": (N, Y, N, Y, N, N, N, Y, Y, N, N),
    "auditor":                         (Y, Y, N, N, Y, N, N, N, N, N, N),
}


def outcome(store, actor, call) -> str:
    try:
        with store.unit_of_work() as uow:
            call(uow, actor)
            raise Rollback
    except Rollback:
        return Y
    except PermissionDenied:
        return N


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_against_each_protected_call(partnership, role):
    actor = partnership["accounts"][role]
    table = calls(partnership)
    got = {name: outcome(partnership["store"], actor, call) for name, call in table.items()}
    assert got == dict(zip(table, EXPECTED[role]))


def test_only_supervisors_approve_override_and_finalize(partnership):
    store, accounts, ana = partnership["store"], partnership["accounts"], partnership["ana"]
    with store.unit_of_work(write=False) as uow:
        for role, actor in accounts.items():
            for action in (Action.APPROVE, Action.OVERRIDE_FUNDING, Action.FINALIZE_AGREEMENT):
                assert access.allowed(uow, actor, action, ana.id) is (role == "supervisor"), (role, action)


def test_a_refusal_says_why_in_plain_words(partnership):
    store, accounts, ana = partnership["store"], partnership["accounts"], partnership["ana"]
    with pytest.raises(PermissionDenied) as refused:
        with store.unit_of_work() as uow:
            people.update_person(uow, accounts["auditor"], ana.id, version=None, phone="1")
    assert str(refused.value) == "Your role (Auditor) may not change a person's record, team or plan."
    with pytest.raises(PermissionDenied) as refused:
        with store.unit_of_work() as uow:
            people.update_person(uow, accounts["other job developer"], ana.id, version=None, phone="1")
    assert "only for people you lead or whose team you are on" in str(refused.value)


def test_lists_show_only_the_people_an_account_may_see(partnership):
    store, accounts = partnership["store"], partnership["accounts"]
    seen = {}
    with store.unit_of_work(write=False) as uow:
        for role, actor in accounts.items():
            seen[role] = {r.full_name for r in people.caseload(uow, actor)}
            board = {t.person_name for t in tasks.list_tasks(uow, actor) if t.person_name}
            assert board <= seen[role], role
    assert seen["administrator"] == seen["auditor"] == {"Ana Lima", "Ben Okoro"}
    assert seen["supervisor"] == seen["partner on the team"] == seen["other job developer"] == {"Ana Lima"}
    assert seen["other organization's supervisor"] == {"Ben Okoro"}
    assert seen["partner off the team"] == set()


def test_an_ended_membership_no_longer_opens_the_record(partnership):
    store, accounts, ana = partnership["store"], partnership["accounts"], partnership["ana"]
    admin, partner = accounts["administrator"], accounts["partner on the team"]
    with store.unit_of_work() as uow:
        member = next(line.member for line in teams.team_view(uow, admin, ana.id).lines
                      if line.member.name.startswith("Kevin"))
        teams.end_team_member(uow, admin, member.id, end_date=uow.today())
    assert outcome(store, partner, lambda uow, a: people.get_person(uow, a, ana.id)) == Y  # still today
    with store.unit_of_work(clock=lambda: datetime.now(timezone.utc) + timedelta(days=2)) as uow:
        assert not access.allowed(uow, partner, Action.VIEW_PERSON, ana.id)
        assert [r.full_name for r in people.caseload(uow, partner)] == []


def test_partner_staff_read_only_the_categories_a_release_lets_them_receive(partnership):
    from caseteam.domain.discovery import DiscoverySetting
    from caseteam.errors import ConsentRequired
    from caseteam.services import discovery, records

    store, accounts, ana = partnership["store"], partnership["accounts"], partnership["ana"]
    admin, partner = accounts["administrator"], accounts["partner on the team"]
    with store.unit_of_work() as uow:
        people.update_person(uow, admin, ana.id, version=None, phone="555-0199")
        discovery.log_activity(uow, admin, ana.id, held_on=uow.today(), setting=DiscoverySetting.HOME,
                               minutes=90, learned="Loves sorting and quiet mornings")
    with store.unit_of_work(write=False) as uow:
        seen = records.person_summary(uow, partner, ana.id)
        full = records.person_summary(uow, admin, ana.id)
        with pytest.raises(ConsentRequired) as refused:
            discovery.discovery_view(uow, partner, ana.id)
    # The release covers plan and contact details for the mental-health center, not Discovery.
    assert full.activities and not seen.activities and seen.profile is None
    assert seen.person.phone == "555-0199" and seen.team
    assert seen.not_shared == ("Discovery and vocational profile",) and full.not_shared == ()
    assert "Discovery and vocational profile".lower() in str(refused.value).lower()
