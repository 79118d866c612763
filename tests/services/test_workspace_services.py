"""Services behind the person workspace: loading for edit, undoing a stage change, the team with its
history and open tasks, staff search, the team's undo inverses, correcting and archiving Discovery
activities, and the Discovery tab's totals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.discovery import DiscoverySetting
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import Stage
from caseteam.domain.teams import TeamRole
from caseteam.errors import Conflict, NotFound, ValidationError
from caseteam.services import discovery, organizations, people, tasks, teams
from caseteam.services.discovery import ProfileDraft

from builders import record_exchange

TODAY = date.today()


@pytest.fixture
def partnership(store, actor):
    with store.unit_of_work() as uow:
        vr, _ = organizations.create_organization(uow, actor, name="Clark County VR", kind=OrganizationKind.VR_OFFICE)
        crp, _ = organizations.create_organization(uow, actor, name="Northside Employment Services",
                                                   kind=OrganizationKind.CRP)
        dana, _ = organizations.add_staff(uow, actor, vr.id, given_name="Dana", family_name="Whitfield",
                                          title="VR Counselor")
        kim, _ = organizations.add_staff(uow, actor, crp.id, given_name="Kim", family_name="Núñez",
                                         title="Job developer")
        gone, _ = organizations.add_staff(uow, actor, crp.id, given_name="Lee", family_name="Gone")
        organizations.update_staff(uow, actor, gone.id, version=None, active=False)
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lopez",
                                      stage_entered_on=TODAY - timedelta(days=30))
        record_exchange(uow, actor, ana.id, vr.id, crp.id)
    return {"vr": vr, "crp": crp, "dana": dana, "kim": kim, "gone": gone, "ana": ana}


def audit_actions(store, entity_id) -> list[str]:
    with store.unit_of_work(write=False) as uow:
        return list(uow.session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == str(entity_id))
                                        .order_by(AuditEntry.seq)))


# --- people -----------------------------------------------------------------------------------------

def test_person_for_edit_brings_the_lists_and_audits_only_the_opening(store, actor, partnership):
    ana = partnership["ana"]
    with store.unit_of_work() as uow:
        loaded = people.get_person_for_edit(uow, actor, ana.id)
    assert loaded.person == ana
    assert [name for _id, name in loaded.organizations] == ["Clark County VR", "Northside Employment Services"]
    assert (partnership["kim"].id, "Kim Núñez, Northside Employment Services") in loaded.staff
    assert partnership["gone"].id not in dict(loaded.staff)  # no longer active: not offered as lead
    assert audit_actions(store, ana.id) == ["created"]
    with store.unit_of_work() as uow:
        people.get_person_for_edit(uow, actor, ana.id, record_opening=True)
    assert audit_actions(store, ana.id) == ["created", "opened"]


def test_revert_stage_change_goes_back_to_the_stage_and_its_date_keeping_history(store, actor, partnership):
    ana = partnership["ana"]
    with store.unit_of_work() as uow:
        moved, _ = people.change_stage(uow, actor, ana.id, Stage.ON_HOLD, reason="Surgery")
    with store.unit_of_work() as uow:
        back, changes = people.revert_stage_change(uow, actor, ana.id, version=moved.version)
    assert changes.people
    assert (back.stage, back.stage_entered_on) == (Stage.REFERRAL, ana.stage_entered_on)
    with store.unit_of_work() as uow:
        history = people.stage_history(uow, actor, ana.id)
    assert [c.stage for c in history].count(Stage.ON_HOLD) == 1 and len(history) == 3
    with pytest.raises(Conflict), store.unit_of_work() as uow:  # a stale undo never overwrites
        people.revert_stage_change(uow, actor, ana.id, version=moved.version)
    with store.unit_of_work() as uow:  # redo is the forward change again
        again, _ = people.change_stage(uow, actor, ana.id, Stage.ON_HOLD, reason="Surgery", version=back.version)
    assert again.stage is Stage.ON_HOLD


def test_a_person_who_never_changed_stage_has_nothing_to_revert(store, actor, partnership):
    with pytest.raises(ValidationError) as info, store.unit_of_work() as uow:
        people.revert_stage_change(uow, actor, partnership["ana"].id, version=None)
    assert info.value.field == "stage"


# --- the team -----------------------------------------------------------------------------------------

def test_team_view_keeps_ended_members_and_counts_open_tasks(store, actor, partnership):
    p = partnership
    start = TODAY - timedelta(days=20)
    with store.unit_of_work() as uow:
        dana, _ = teams.add_team_member(uow, actor, p["ana"].id, role=TeamRole.VR_COUNSELOR, staff_id=p["dana"].id,
                                        start_date=start)
        kim, _ = teams.add_team_member(uow, actor, p["ana"].id, role=TeamRole.JOB_DEVELOPER, staff_id=p["kim"].id,
                                       start_date=start)
        aunt, _ = teams.add_team_member(uow, actor, p["ana"].id, role=TeamRole.FAMILY, support_name="Rosa Lopez",
                                        relationship="Aunt", start_date=start)
        for title, org, staff in (("Authorize Discovery", p["vr"], p["dana"]), ("Unnamed VR task", p["vr"], None),
                                  ("Job development", p["crp"], p["kim"]), ("Done already", p["crp"], p["kim"])):
            task, _ = tasks.create_task(uow, actor, title=title, organization_id=org.id,
                                        staff_id=staff.id if staff else None, person_id=p["ana"].id)
        tasks.complete_task(uow, actor, task.id)
        teams.end_team_member(uow, actor, kim.id, end_date=TODAY - timedelta(days=1))
    with store.unit_of_work(write=False) as uow:
        view = teams.team_view(uow, actor, p["ana"].id)
    assert view.today == TODAY
    lines = {line.member.name: line for line in view.lines}
    assert [line.member.name for line in view.lines][-1] == "Kim Núñez"  # ended members come last
    assert (lines["Dana Whitfield"].open_tasks, lines["Dana Whitfield"].ended) == (2, False)
    assert (lines["Kim Núñez"].open_tasks, lines["Kim Núñez"].ended) == (1, True)
    assert (lines["Rosa Lopez"].open_tasks, lines["Rosa Lopez"].member.relationship) == (0, "Aunt")


def test_list_staff_searches_names_titles_and_organizations_ignoring_accents(store, actor, partnership):
    with store.unit_of_work(write=False) as uow:
        assert [s.name for s in teams.list_staff(uow, actor, "nunez")] == ["Kim Núñez"]
        assert [s.name for s in teams.list_staff(uow, actor, "northside")] == ["Kim Núñez"]  # Lee is inactive
        assert [s.name for s in teams.list_staff(uow, actor, "clark counselor")] == ["Dana Whitfield"]
        assert [s.name for s in teams.list_staff(uow, actor, "")] == ["Kim Núñez", "Dana Whitfield"]
        assert teams.list_staff(uow, actor, "nobody here") == []
        assert len(teams.list_staff(uow, actor, "", limit=1)) == 1


def test_archiving_a_member_is_the_inverse_of_adding_one(store, actor, partnership):
    p = partnership
    with store.unit_of_work() as uow:
        added, _ = teams.add_team_member(uow, actor, p["ana"].id, role=TeamRole.FRIEND, support_name="Jo")
    with store.unit_of_work() as uow:
        archived, changes = teams.set_team_member_archived(uow, actor, added.id, True, version=added.version)
    assert changes.teams
    with store.unit_of_work(write=False) as uow:
        assert teams.team_view(uow, actor, p["ana"].id).lines == ()
    with pytest.raises(ValidationError), store.unit_of_work() as uow:
        teams.set_team_member_archived(uow, actor, added.id, True)
    with store.unit_of_work() as uow:
        restored, _ = teams.set_team_member_archived(uow, actor, added.id, False, version=archived.version)
    with store.unit_of_work(write=False) as uow:
        assert [line.member.id for line in teams.team_view(uow, actor, p["ana"].id).lines] == [restored.id]
    assert audit_actions(store, added.id) == ["added", "archived", "restored"]


def test_reopening_an_ended_membership(store, actor, partnership):
    p = partnership
    with store.unit_of_work() as uow:
        added, _ = teams.add_team_member(uow, actor, p["ana"].id, role=TeamRole.VR_COUNSELOR, staff_id=p["dana"].id,
                                         start_date=TODAY - timedelta(days=5))
        ended, _ = teams.end_team_member(uow, actor, added.id, end_date=TODAY)
    with pytest.raises(Conflict), store.unit_of_work() as uow:
        teams.reopen_team_member(uow, actor, added.id, version=added.version)
    with store.unit_of_work() as uow:
        reopened, changes = teams.reopen_team_member(uow, actor, added.id, version=ended.version)
    assert (reopened.end_date, changes.teams) == (None, True)
    with pytest.raises(ValidationError) as info, store.unit_of_work() as uow:
        teams.reopen_team_member(uow, actor, added.id)
    assert info.value.field == "end_date"


def test_a_staff_member_back_on_the_team_cannot_be_reopened_twice(store, actor, partnership):
    p = partnership
    with store.unit_of_work() as uow:
        first, _ = teams.add_team_member(uow, actor, p["ana"].id, role=TeamRole.VR_COUNSELOR, staff_id=p["dana"].id,
                                         start_date=TODAY - timedelta(days=5))
        teams.end_team_member(uow, actor, first.id, end_date=TODAY - timedelta(days=1))
        teams.add_team_member(uow, actor, p["ana"].id, role=TeamRole.VR_COUNSELOR, staff_id=p["dana"].id)
    with pytest.raises(ValidationError) as info, store.unit_of_work() as uow:
        teams.reopen_team_member(uow, actor, first.id)
    assert info.value.field == "staff"


# --- Discovery ------------------------------------------------------------------------------------------

def log(store, actor, person, **kw):
    values = dict(held_on=TODAY - timedelta(days=15), setting=DiscoverySetting.HOME, minutes=90,
                  learned="Likes sorting and order")
    values.update(kw)
    with store.unit_of_work() as uow:
        return discovery.log_activity(uow, actor, person.id, **values)[0]


def test_update_activity_corrects_it_with_the_same_rules(store, actor, partnership):
    first = log(store, actor, partnership["ana"])
    assert first.version == 1 and not first.archived
    with store.unit_of_work() as uow:
        fixed, changes = discovery.update_activity(uow, actor, first.id, version=first.version, minutes=120,
                                                   setting=DiscoverySetting.WORK_TRY_OUT, learned=" Keeps pace ")
    assert (fixed.minutes, fixed.setting, fixed.learned, changes.discovery) == (
        120, DiscoverySetting.WORK_TRY_OUT, "Keeps pace", True)
    with pytest.raises(Conflict), store.unit_of_work() as uow:
        discovery.update_activity(uow, actor, first.id, version=first.version, minutes=60)
    for values, field in (({"minutes": 0}, "minutes"), ({"held_on": TODAY + timedelta(days=1)}, "held_on"),
                          ({"learned": " "}, "learned")):
        with pytest.raises(ValidationError) as info, store.unit_of_work() as uow:
            discovery.update_activity(uow, actor, first.id, version=fixed.version, **values)
        assert info.value.field == field
    with store.unit_of_work() as uow:
        same, changes = discovery.update_activity(uow, actor, first.id, version=fixed.version, minutes=120)
    assert (same.version, bool(changes)) == (fixed.version, False)


def test_archive_and_restore_an_activity_and_the_totals_follow(store, actor, partnership):
    ana = partnership["ana"]
    first = log(store, actor, ana)
    log(store, actor, ana, held_on=TODAY - timedelta(days=2), minutes=45)
    with store.unit_of_work(write=False) as uow:
        view = discovery.discovery_view(uow, actor, ana.id)
    assert (len(view.activities), view.total_minutes, view.weeks_since_first) == (2, 135, 2)
    with store.unit_of_work() as uow:
        archived, _ = discovery.set_activity_archived(uow, actor, first.id, True, version=first.version)
    with store.unit_of_work(write=False) as uow:
        view = discovery.discovery_view(uow, actor, ana.id)
    assert (len(view.activities), view.total_minutes, view.weeks_since_first) == (1, 45, 0)
    with pytest.raises(NotFound), store.unit_of_work() as uow:  # archived: out of reach of edits
        discovery.update_activity(uow, actor, first.id, version=None, minutes=30)
    with store.unit_of_work() as uow:
        restored, _ = discovery.set_activity_archived(uow, actor, first.id, False, version=archived.version)
    assert not restored.archived
    assert audit_actions(store, first.id) == ["logged", "archived", "restored"]


def test_discovery_view_brings_the_latest_profile_and_its_author(store, actor, partnership):
    ana = partnership["ana"]
    with store.unit_of_work(write=False) as uow:
        empty = discovery.discovery_view(uow, actor, ana.id)
    assert (empty.activities, empty.profile, empty.weeks_since_first, empty.total_minutes) == ((), None, None, 0)
    with store.unit_of_work() as uow:
        discovery.save_profile_revision(uow, actor, ana.id, ProfileDraft(strengths="Patient"), summary="First",
                                        based_on=0)
        discovery.save_profile_revision(uow, actor, ana.id, ProfileDraft(strengths="Patient, exact"),
                                        summary="Second", based_on=1, agreed_on=TODAY)
    with store.unit_of_work(write=False) as uow:
        view = discovery.discovery_view(uow, actor, ana.id)
    assert (view.profile.number, view.profile.content.strengths, view.profile.agreed_on) == (2, "Patient, exact", TODAY)
    assert view.profile_author == actor.display_name
