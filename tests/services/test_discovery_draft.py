"""Draft the vocational profile from the Discovery log: verbatim, cited, nothing saved, nothing lost."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from caseteam.domain.consent import InformationCategory, PartyRole
from caseteam.domain.discovery import DiscoverySetting
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.teams import TeamRole
from caseteam.domain.users import Role
from caseteam.errors import ConsentRequired, PermissionDenied
from caseteam.services import consent, discovery, organizations, people, teams, users
from caseteam.services.discovery import ProfileDraft
from caseteam.services.discovery_draft import NOT_SORTED, draft_profile_from_discovery, section_for, sentences

DAY = date.today() - timedelta(days=10)


@pytest.fixture
def ana(store, actor):
    with store.unit_of_work() as uow:
        row, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lopez")
    return row


def log(store, actor, person, learned, *, held_on=DAY, setting=DiscoverySetting.COMMUNITY):
    with store.unit_of_work() as uow:
        row, _ = discovery.log_activity(uow, actor, person.id, held_on=held_on, setting=setting, minutes=60,
                                        learned=learned)
    return row


def draft(store, actor, person, **kw):
    with store.unit_of_work(write=False) as uow:
        return draft_profile_from_discovery(uow, actor, person.id, **kw)


def test_each_added_line_is_verbatim_and_cites_its_date_and_setting(store, actor, ana):
    shelter = log(store, actor, ana, "Stayed calm with the nervous dogs for two hours. Loves the beagles.")
    kennel = log(store, actor, ana, "The barking was too much noise after an hour.\nManager would consider a "
                                    "part-time role.", held_on=DAY + timedelta(days=3),
                 setting=DiscoverySetting.WORK_TRY_OUT)
    result = draft(store, actor, ana)
    assert len(result.added) == 4 and result.activities_used == 2
    for line in result.added:
        source = shelter if line.activity_id == shelter.id else kennel
        assert line.text in source.learned
        assert line.line.endswith(f"(Discovery, {source.held_on.isoformat()}, "
                                  f"{'community observation' if source is shelter else 'work try-out'})")
        assert line.line in getattr(result.draft, line.section)
    text = result.draft
    assert text.strengths == (f"Stayed calm with the nervous dogs for two hours. (Discovery, {DAY.isoformat()}, "
                              "community observation)")
    assert text.interests.startswith("Loves the beagles. (Discovery")
    assert text.ideal_conditions.startswith("The barking was too much noise after an hour. (Discovery")
    assert text.contributions.startswith("Manager would consider a part-time role. (Discovery")
    assert (text.theme_1, text.theme_2, text.theme_3, text.support_needs) == ("", "", "", "")
    assert "Added 4 lines from 2 Discovery activities" in result.message and "Review" in result.message
    with store.unit_of_work(write=False) as uow:  # a draft, not a revision
        assert discovery.latest_profile(uow, actor, ana.id) is None


def test_existing_profile_text_is_kept_and_nothing_is_added_twice(store, actor, ana):
    log(store, actor, ana, "Likes sorting screws. Wore a blue coat.")
    with store.unit_of_work() as uow:
        discovery.save_profile_revision(uow, actor, ana.id, ProfileDraft(interests="Engines and tractors.",
                                                                          theme_1="engines"), summary="First")
    result = draft(store, actor, ana)
    assert result.based_on == 1
    assert result.draft.theme_1 == "engines"
    assert result.draft.interests.startswith("Engines and tractors.\n\nLikes sorting screws. (Discovery")
    # No keyword: under a clear heading at the end of the first section, still verbatim and cited.
    assert result.draft.strengths == (f"{NOT_SORTED}\nWore a blue coat. (Discovery, {DAY.isoformat()}, "
                                      "community observation)")
    with store.unit_of_work() as uow:
        discovery.save_profile_revision(uow, actor, ana.id, result.draft, summary="Drafted", based_on=1)
    again = draft(store, actor, ana)
    assert again.added == () and again.draft == result.draft
    assert "already in the profile" in again.message

    later = log(store, actor, ana, "Careful with tools. Wore red boots.", held_on=DAY + timedelta(days=1))
    third = draft(store, actor, ana)
    assert [line.activity_id for line in third.added] == [later.id, later.id]
    head, _, unsorted = third.draft.strengths.partition(NOT_SORTED)
    assert head.startswith("Careful with tools. (Discovery") and "Wore red boots." in unsorted
    assert "Wore a blue coat." in unsorted  # the earlier unsorted line stays where it was


def test_the_editors_unsaved_text_is_the_base_when_given(store, actor, ana):
    log(store, actor, ana, "Loves the bakery.")
    result = draft(store, actor, ana, base=ProfileDraft(interests="Typed just now."))
    assert result.draft.interests.startswith("Typed just now.\n\nLoves the bakery. (Discovery")


def test_no_activity_adds_nothing_and_says_so(store, actor, ana):
    result = draft(store, actor, ana)
    assert result.added == () and result.draft == ProfileDraft()
    assert result.message == "No Discovery activities are logged yet, so nothing was added to the profile."


def test_archived_activities_are_ignored(store, actor, ana):
    gone = log(store, actor, ana, "Loves loud concerts.")
    kept = log(store, actor, ana, "Likes quiet libraries.")
    with store.unit_of_work() as uow:
        discovery.set_activity_archived(uow, actor, gone.id, True)
    result = draft(store, actor, ana)
    assert [line.activity_id for line in result.added] == [kept.id]
    assert "concerts" not in "\n".join(vars(result.draft).values())


def test_sentences_and_routing_are_plain_rules():
    assert sentences("Starts at 7 a.m. on Mondays. Asked for more!\n  Quiet room ") == [
        "Starts at 7 a.m. on Mondays.", "Asked for more!", "Quiet room"]
    assert section_for("Needs a checklist") == "support_needs"
    assert section_for("Calm and careful in the noise") == "strengths"  # 2 hits beat 1
    assert section_for("Calm in the noise") == "strengths"  # a tie goes to the earlier section
    assert section_for("Wore a blue coat") is None


def test_partners_without_a_vocational_release_are_refused(store, actor, ana):
    with store.unit_of_work() as uow:
        home, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        other, _ = organizations.create_organization(uow, actor, name="Northside CRP", kind=OrganizationKind.CRP)
        mh, _ = organizations.create_organization(uow, actor, name="Riverbend Mental Health",
                                                  kind=OrganizationKind.MENTAL_HEALTH)
        jd, _ = organizations.add_staff(uow, actor, other.id, given_name="Olga", family_name="Tester")
        case_manager, _ = organizations.add_staff(uow, actor, mh.id, given_name="Kevin", family_name="Tester")
        person = people.get_person(uow, actor, ana.id)
        people.update_person(uow, actor, ana.id, version=person.version, home_organization_id=home.id)
        consent.record_release(uow, actor, ana.id, parties=[(home.id, "", PartyRole.BOTH),
                                                            (other.id, "", PartyRole.BOTH),
                                                            (mh.id, "", PartyRole.BOTH)],
                               two_way=True, categories={InformationCategory.PLAN, InformationCategory.CONTACT},
                               purpose="Coordinate the plan",
                               signed_on=uow.today() - timedelta(days=2),
                               expires_on=uow.today() + timedelta(days=200), signer_name="Ana Lopez")
        for role, staff in ((TeamRole.JOB_DEVELOPER, jd), (TeamRole.CASE_MANAGER, case_manager)):
            teams.add_team_member(uow, actor, ana.id, role=role, staff_id=staff.id)
        other_jd = users.ensure_user(uow, username="olga", display_name="Olga", role=Role.JOB_DEVELOPER,
                                     staff_id=jd.id)
        partner = users.ensure_user(uow, username="kevin", display_name="Kevin", role=Role.PARTNER_STAFF,
                                    staff_id=case_manager.id)
    log(store, actor, ana, "Loves the beagles.")
    with pytest.raises(ConsentRequired) as refused:  # may edit (on the team) but Discovery is not released
        draft(store, other_jd, ana)
    assert "vocational profile" in str(refused.value).lower()
    with pytest.raises(PermissionDenied):  # partner staff read, they do not draft
        draft(store, partner, ana)
