"""A person's customized-support team: partner staff and natural supports."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.teams import TeamRole
from caseteam.errors import ValidationError
from caseteam.services import organizations, people, records, teams
from caseteam.services.teams import TeamMemberRow
from caseteam.storage.queries import people as people_queries

from builders import record_exchange


@pytest.fixture
def setting(store, actor):
    with store.unit_of_work() as uow:
        vr, _ = organizations.create_organization(uow, actor, name="Clark County VR", kind=OrganizationKind.VR_OFFICE)
        crp, _ = organizations.create_organization(uow, actor, name="Northside CRP", kind=OrganizationKind.CRP)
        dana, _ = organizations.add_staff(uow, actor, vr.id, given_name="Dana", family_name="Whitfield",
                                          title="VR Counselor", email="dana@vr.example.org")
        kim, _ = organizations.add_staff(uow, actor, crp.id, given_name="Kim", family_name="Park")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lopez")
        record_exchange(uow, actor, ana.id, vr.id, crp.id)
    return {"dana": dana, "kim": kim, "ana": ana, "vr": vr}


def test_add_staff_and_natural_support(store, actor, setting):
    s = setting
    start = date.today() - timedelta(days=10)
    with store.unit_of_work() as uow:
        counselor, changes = teams.add_team_member(uow, actor, s["ana"].id, role=TeamRole.VR_COUNSELOR,
                                                   staff_id=s["dana"].id, start_date=start)
        aunt, _ = teams.add_team_member(uow, actor, s["ana"].id, role=TeamRole.FAMILY, support_name=" Rosa Lopez ",
                                        relationship="Aunt", contact="555-0199", start_date=start)
    assert changes.teams
    assert (counselor.name, counselor.organization_id, counselor.organization_name, counselor.title,
            counselor.contact, counselor.natural_support) == (
        "Dana Whitfield", s["vr"].id, "Clark County VR", "VR Counselor", "dana@vr.example.org", False)
    assert (aunt.name, aunt.relationship, aunt.contact, aunt.organization_name, aunt.natural_support) == (
        "Rosa Lopez", "Aunt", "555-0199", "", True)
    with store.unit_of_work() as uow:
        summary = records.person_summary(uow, actor, s["ana"].id)
    assert sorted((m.name, m.role) for m in summary.team) == [
        ("Dana Whitfield", TeamRole.VR_COUNSELOR), ("Rosa Lopez", TeamRole.FAMILY)]


def test_natural_support_needs_a_name(store, actor, setting):
    with pytest.raises(ValidationError) as info:
        with store.unit_of_work() as uow:
            teams.add_team_member(uow, actor, setting["ana"].id, role=TeamRole.FRIEND, support_name="  ")
    assert info.value.field == "support_name"
    with store.unit_of_work() as uow:
        assert records.person_summary(uow, actor, setting["ana"].id).team == ()


def test_same_staff_member_twice_is_refused(store, actor, setting):
    s = setting
    with store.unit_of_work() as uow:
        teams.add_team_member(uow, actor, s["ana"].id, role=TeamRole.VR_COUNSELOR, staff_id=s["dana"].id)
    with pytest.raises(ValidationError) as info:
        with store.unit_of_work() as uow:
            teams.add_team_member(uow, actor, s["ana"].id, role=TeamRole.CASE_MANAGER, staff_id=s["dana"].id)
    assert info.value.field == "staff"
    assert "Dana Whitfield" in info.value.message and "Ana Lopez" in info.value.message


def test_same_staff_member_twice_is_refused_within_one_unit_of_work(store, actor, setting):
    """A batch (import, demo data, CLI) adds several members in one transaction; the rule still holds."""
    s = setting
    with pytest.raises(ValidationError) as info:
        with store.unit_of_work() as uow:
            teams.add_team_member(uow, actor, s["ana"].id, role=TeamRole.FAMILY, support_name="Rosa Lopez")
            # something in the same transaction holds the loaded team (and its member list)
            held = people_queries.team_for(uow.session, s["ana"].id)
            assert [m.name for m in held.members] == ["Rosa Lopez"]
            teams.add_team_member(uow, actor, s["ana"].id, role=TeamRole.JOB_DEVELOPER, staff_id=s["kim"].id)
            teams.add_team_member(uow, actor, s["ana"].id, role=TeamRole.JOB_COACH, staff_id=s["kim"].id)
    assert info.value.field == "staff" and "Kim Park" in info.value.message


def test_a_staff_member_who_left_may_rejoin(store, actor, setting):
    s = setting
    start = date.today() - timedelta(days=60)
    with store.unit_of_work() as uow:
        first, _ = teams.add_team_member(uow, actor, s["ana"].id, role=TeamRole.JOB_DEVELOPER, staff_id=s["kim"].id,
                                         start_date=start)
    with store.unit_of_work() as uow:
        ended, _ = teams.end_team_member(uow, actor, first.id, end_date=start + timedelta(days=20))
    assert ended.end_date == start + timedelta(days=20)
    with store.unit_of_work() as uow:
        again, _ = teams.add_team_member(uow, actor, s["ana"].id, role=TeamRole.JOB_COACH, staff_id=s["kim"].id)
    assert again.id != first.id and again.end_date is None


def test_end_membership_rules(store, actor, setting):
    s = setting
    start = date.today() - timedelta(days=5)
    with store.unit_of_work() as uow:
        member, _ = teams.add_team_member(uow, actor, s["ana"].id, role=TeamRole.VR_COUNSELOR, staff_id=s["dana"].id,
                                          start_date=start)
    with pytest.raises(ValidationError) as info:
        with store.unit_of_work() as uow:
            teams.end_team_member(uow, actor, member.id, end_date=start - timedelta(days=1))
    assert info.value.field == "end_date" and "Dana Whitfield" in info.value.message
    with store.unit_of_work() as uow:
        ended, _ = teams.end_team_member(uow, actor, member.id, end_date=start)
    assert ended.end_date == start
    with pytest.raises(ValidationError, match="already ended"):
        with store.unit_of_work() as uow:
            teams.end_team_member(uow, actor, member.id)


def test_active_on():
    row = TeamMemberRow(id=None, name="Rosa Lopez", role=TeamRole.FAMILY, staff_id=None, organization_id=None,
                        organization_name="", title="", relationship="Aunt", contact="", start_date=date(2026, 1, 10),
                        end_date=date(2026, 3, 31), version=1)
    assert not row.active_on(date(2026, 1, 9))
    assert row.active_on(date(2026, 1, 10))
    assert row.active_on(date(2026, 3, 31))
    assert not row.active_on(date(2026, 4, 1))
    open_ended = TeamMemberRow(**{**row.__dict__, "end_date": None})
    assert open_ended.active_on(date(2099, 1, 1)) and not open_ended.active_on(date(2026, 1, 9))
