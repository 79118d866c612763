"""Consent to share: each sharing action against no, active, expired, revoked, not-yet-effective and
wrong-category releases; one-way and two-way; the home organization; the rules of a valid release."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, timedelta

import pytest

from caseteam.domain.consent import EducationConsentBy, InformationCategory as C, PartyRole
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import RepresentativeAuthority
from caseteam.domain.plans import StepOwner
from caseteam.domain.teams import TeamRole
from caseteam.domain.users import Role
from caseteam.errors import ConsentRequired, Locked, ValidationError
from caseteam.services import consent, organizations, people, plans, task_board, tasks, teams
from caseteam.services.actors import Actor
from caseteam.services.consent import ReleaseStatus
from caseteam.services.plans import GoalDraft, PlanDraft, StepDraft

T = date.today()


@pytest.fixture
def world(store, actor):
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        mh, _ = organizations.create_organization(uow, actor, name="Riverbend Behavioral Health",
                                                  kind=OrganizationKind.MENTAL_HEALTH)
        kim, _ = organizations.add_staff(uow, actor, crp.id, given_name="Kim", family_name="Park")
        dana, _ = organizations.add_staff(uow, actor, vr.id, given_name="Dana", family_name="Whitfield")
        kevin, _ = organizations.add_staff(uow, actor, mh.id, given_name="Kevin", family_name="O'Brien")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lopez", home_organization_id=crp.id)
    return dict(crp=crp, vr=vr, mh=mh, kim=kim, dana=dana, kevin=kevin, ana=ana)


def record(store, actor, w, **kw):
    values = dict(parties=[(w["crp"].id, "", PartyRole.BOTH), (w["vr"].id, "", PartyRole.BOTH)], two_way=True,
                  categories=[C.CONTACT, C.PLAN, C.EMPLOYMENT], purpose="Coordinate job development",
                  signed_on=T - timedelta(days=30), expires_on=T + timedelta(days=300), signer_name="Ana Lopez")
    values.update(kw)
    with store.unit_of_work() as uow:
        return consent.record_release(uow, actor, w["ana"].id, **values)[0]


# --- every enforced action against every kind of release ----------------------------------------------

def _add_member(uow, actor, w):
    return teams.add_team_member(uow, actor, w["ana"].id, role=TeamRole.VR_COUNSELOR, staff_id=w["dana"].id)


def _create_task(uow, actor, w):
    return tasks.create_task(uow, actor, title="Send the IPE", organization_id=w["vr"].id, person_id=w["ana"].id)


def _home_task(uow, actor, w):
    row, _ = tasks.create_task(uow, actor, title="Call Ana", organization_id=w["crp"].id, person_id=w["ana"].id)
    return row


def _assign_task(uow, actor, w):
    return tasks.assign_task(uow, actor, _home_task(uow, actor, w).id, organization_id=w["vr"].id)


def _bulk_reassign(uow, actor, w):
    return task_board.bulk_reassign(uow, actor, [_home_task(uow, actor, w).id], organization_id=w["vr"].id)


def _from_step(uow, actor, w):
    draft = PlanDraft(vision="Work", goals=(GoalDraft("Get a job", steps=(
        StepDraft("Authorize job development", StepOwner.ORGANIZATION, owner_organization_id=w["vr"].id),)),))
    revision, _ = plans.save_plan_revision(uow, actor, w["ana"].id, draft, summary="First")
    return plans.create_task_from_step(uow, actor, w["ana"].id, revision.goals[0].steps[0].step_key)


def _disclose(uow, actor, w):
    return consent.record_disclosure(uow, actor, w["ana"].id, recipient_organization_id=w["vr"].id,
                                     categories=[C.PLAN], description="Plan revision 1 (PDF)", channel="pdf")


ACTIONS = {"add team member": _add_member, "create task": _create_task, "assign task": _assign_task,
           "bulk reassign": _bulk_reassign, "task from plan step": _from_step, "record disclosure": _disclose}

STATES = {
    "no release": (None, "no release names State VR"),
    "active": ({}, None),
    "expired": (dict(signed_on=T - timedelta(days=400), expires_on=T - timedelta(days=35)),
                f"expired on {(T - timedelta(days=35)).isoformat()}"),
    "revoked": ({}, f"revoked on {(T - timedelta(days=1)).isoformat()}"),
    "not yet in effect": (dict(signed_on=T - timedelta(days=2), effective_from=T + timedelta(days=10)),
                          f"takes effect only on {(T + timedelta(days=10)).isoformat()}"),
    "wrong category": (dict(categories=[C.EMPLOYMENT, C.BENEFITS]), "does not include"),
}


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_sharing_action_needs_an_active_covering_release(store, actor, world, action, state):
    overrides, missing = STATES[state]
    if overrides is not None:
        release = record(store, actor, world, **overrides)
        if state == "revoked":
            with store.unit_of_work() as uow:
                consent.revoke_release(uow, actor, release.id, revoked_on=T - timedelta(days=1),
                                       method="Letter from Ana")
    if missing is None:
        with store.unit_of_work() as uow:
            ACTIONS[action](uow, actor, world)
        with store.unit_of_work(write=False) as uow:
            shared = tasks.list_tasks(uow, actor)
            team = teams.team_view(uow, actor, world["ana"].id)
            logged = consent.disclosures(uow, actor, world["ana"].id)
        assert (any(t.organization_id == world["vr"].id for t in shared)
                or any(line.member.organization_id == world["vr"].id for line in team.lines)
                or [d.release_ref for d in logged] == [release.ref])
        return
    with pytest.raises(ConsentRequired) as info:
        with store.unit_of_work() as uow:
            ACTIONS[action](uow, actor, world)
    message = str(info.value)
    assert "State VR" in message and missing in message and "Consent tab" in message
    assert info.value.organization_id == world["vr"].id and C.PLAN in info.value.categories
    with store.unit_of_work(write=False) as uow:  # nothing of the refused action was kept
        assert not any(t.organization_id == world["vr"].id for t in tasks.list_tasks(uow, actor))
        assert teams.team_view(uow, actor, world["ana"].id).lines == ()
        assert consent.disclosures(uow, actor, world["ana"].id) == []


def test_reopening_a_membership_needs_the_release_again(store, actor, world):
    release = record(store, actor, world)
    with store.unit_of_work() as uow:
        member, _ = _add_member(uow, actor, world)
        teams.end_team_member(uow, actor, member.id)
        consent.revoke_release(uow, actor, release.id, revoked_on=T, method="Phone call, confirmed in writing")
    with pytest.raises(ConsentRequired, match="revoked on"):
        with store.unit_of_work() as uow:
            teams.reopen_team_member(uow, actor, member.id)


def test_the_home_organization_needs_no_release(store, actor, world):
    with store.unit_of_work() as uow:
        teams.add_team_member(uow, actor, world["ana"].id, role=TeamRole.JOB_DEVELOPER, staff_id=world["kim"].id)
        row, _ = tasks.create_task(uow, actor, title="Call", organization_id=world["crp"].id,
                                   person_id=world["ana"].id)
        assert consent.require_release(uow, actor, world["ana"].id, recipient_organization_id=world["crp"].id,
                                       categories=[C.MENTAL_HEALTH]) is None
    assert row.organization_name == "Bridgeway"


def test_one_way_covers_only_its_direction(store, actor, world):
    w = world
    record(store, actor, w, two_way=False, parties=[(w["vr"].id, "", PartyRole.DISCLOSES),
                                                     (w["crp"].id, "", PartyRole.RECEIVES)])
    with pytest.raises(ConsentRequired, match="does not let Bridgeway disclose"):
        with store.unit_of_work() as uow:
            _add_member(uow, actor, w)
    record(store, actor, w, two_way=False, parties=[(w["crp"].id, "", PartyRole.DISCLOSES),
                                                     (w["vr"].id, "", PartyRole.RECEIVES)])
    with store.unit_of_work() as uow:
        member, _ = _add_member(uow, actor, w)
    assert member.organization_name == "State VR"


def test_two_way_covers_every_pair_among_its_parties_and_no_one_else(store, actor, world):
    w = world
    record(store, actor, w, parties=[(w["crp"].id, "", PartyRole.BOTH), (w["vr"].id, "", PartyRole.BOTH),
                                     (w["mh"].id, "", PartyRole.BOTH)])
    with store.unit_of_work() as uow:
        assert consent.require_release(uow, actor, w["ana"].id, recipient_organization_id=w["vr"].id,
                                       disclosing_organization_id=w["mh"].id, categories=[C.PLAN]) is not None
        teams.add_team_member(uow, actor, w["ana"].id, role=TeamRole.CASE_MANAGER, staff_id=w["kevin"].id)
    with store.unit_of_work() as uow:
        other, _ = organizations.create_organization(uow, actor, name="Eastport AJC",
                                                     kind=OrganizationKind.AMERICAN_JOB_CENTER)
    with pytest.raises(ConsentRequired, match="no release names Eastport AJC"):
        with store.unit_of_work() as uow:
            tasks.create_task(uow, actor, title="Resume", organization_id=other.id, person_id=w["ana"].id)


def test_a_named_party_without_a_record_is_matched_by_name(store, actor, world):
    w = world
    record(store, actor, w, two_way=False, categories=[C.MEDICAL],
           parties=[(w["crp"].id, "", PartyRole.DISCLOSES), (None, "Dr. Amal Haddad", PartyRole.RECEIVES)])
    with store.unit_of_work() as uow:
        row, _ = consent.record_disclosure(uow, actor, w["ana"].id, recipient_name="dr. amal haddad",
                                           categories=[C.MEDICAL], description="Accommodation letter", channel="print")
    assert row.release_ref.startswith("RL-") and row.recipient_name == "dr. amal haddad"


# --- what a valid release is ---------------------------------------------------------------------

@pytest.mark.parametrize("overrides, field", [
    (dict(categories=[]), "categories"),
    (dict(parties=[]), "parties"),
    (dict(two_way=True, parties=[(None, "Dr. Haddad", PartyRole.BOTH)]), "parties"),
    (dict(two_way=False, parties=[(None, "A", PartyRole.DISCLOSES), (None, "B", PartyRole.DISCLOSES)]), "parties"),
    (dict(purpose="  "), "purpose"),
    (dict(expires_on=None, expiry_event=""), "expires_on"),
    (dict(expires_on=T - timedelta(days=40)), "expires_on"),
    (dict(signed_on=T + timedelta(days=3)), "signed_on"),  # still ahead if the run crosses midnight
    (dict(effective_from=T - timedelta(days=60)), "effective_from"),
    (dict(signer_name=""), "signer_name"),
    (dict(signer_is_representative=True, signer_name="Rosa Lopez"), "signer_authority"),
    (dict(categories=[C.PLAN, C.EDUCATION]), "education_consent_by"),
])
def test_an_invalid_release_names_the_field(store, actor, world, overrides, field):
    with pytest.raises(ValidationError) as info:
        record(store, actor, world, **overrides)
    assert info.value.field == field and info.value.message
    with store.unit_of_work(write=False) as uow:
        assert consent.list_releases(uow, actor, world["ana"].id) == []


def test_special_categories_carry_their_notices_and_signer(store, actor, world):
    row = record(store, actor, world, categories=[C.SUBSTANCE_USE, C.EDUCATION, C.PLAN],
                 education_consent_by=EducationConsentBy.PARENT, signer_name="Rosa Lopez",
                 signer_is_representative=True, signer_authority=RepresentativeAuthority.PARENT_OF_MINOR,
                 expires_on=None, expiry_event="When Ana turns 18")
    assert row.categories == (C.PLAN, C.SUBSTANCE_USE, C.EDUCATION)
    assert any("42 CFR part 2 prohibits" in n for n in row.notices) and any("FERPA" in n for n in row.notices)
    assert row.signer_text == "Rosa Lopez, parent of minor, for Ana Lopez"
    assert row.status_text == "Active until When Ana turns 18" and row.expiry_text == "When Ana turns 18"
    plain = record(store, actor, world)
    assert not any("42 CFR" in n for n in plain.notices)
    with store.unit_of_work() as uow:
        disclosed, _ = consent.record_disclosure(uow, actor, world["ana"].id, recipient_organization_id=world["vr"].id,
                                                 categories=[C.SUBSTANCE_USE], description="Treatment summary",
                                                 channel="print")
    assert disclosed.needs_substance_use_notice and disclosed.release_ref == row.ref


# --- statuses, corrections, revocation, signed copies -------------------------------------------

def test_status_words_for_each_state(store, actor, world):
    active = record(store, actor, world)
    expired = record(store, actor, world, signed_on=T - timedelta(days=400), expires_on=T - timedelta(days=35))
    soon = record(store, actor, world, signed_on=T, effective_from=T + timedelta(days=3))
    assert active.status is ReleaseStatus.ACTIVE
    assert active.status_text == f"Active until {(T + timedelta(days=300)).isoformat()}"
    assert expired.status_text == f"Expired on {(T - timedelta(days=35)).isoformat()}"
    assert soon.status_text == f"Takes effect on {(T + timedelta(days=3)).isoformat()}"
    with store.unit_of_work() as uow:
        revoked, _ = consent.revoke_release(uow, actor, active.id, revoked_on=T, method="Letter")
    assert revoked.status_text == f"Revoked on {T.isoformat()}" and revoked.revocation_method == "Letter"
    with pytest.raises(ValidationError, match="already revoked"):
        with store.unit_of_work() as uow:
            consent.revoke_release(uow, actor, active.id, revoked_on=T, method="Letter")
    with store.unit_of_work() as uow:
        back, _ = consent.withdraw_revocation(uow, actor, active.id)
    assert back.status is ReleaseStatus.ACTIVE


def test_corrections_only_until_the_signed_copy_is_filed(store, actor, world):
    row = record(store, actor, world, purpose="Coordinat job development")
    with store.unit_of_work() as uow:
        fixed, _ = consent.update_release(uow, actor, row.id, version=row.version,
                                          purpose="Coordinate job development")
    assert fixed.purpose == "Coordinate job development" and fixed.ref == row.ref
    scan = b"%PDF-1.4 signed scan"
    with store.unit_of_work() as uow:
        copy, _ = consent.attach_signed_copy(uow, actor, row.id, data=scan, filename="roi-ana.pdf",
                                             media_type="application/pdf")
    assert copy.sha256 == hashlib.sha256(scan).hexdigest() and copy.size == len(scan)
    with store.unit_of_work(write=False) as uow:
        again, data = consent.signed_copy(uow, actor, row.id)
        listed = consent.list_releases(uow, actor, world["ana"].id)
    assert data == scan and listed[0].signed_copy_filename == "roi-ana.pdf" and not listed[0].editable
    with pytest.raises(Locked, match="Record a new release"):
        with store.unit_of_work() as uow:
            consent.update_release(uow, actor, row.id, purpose="Anything")


def test_expiring_list_leaves_out_renewed_revoked_and_distant_ones(store, actor, world):
    soon = record(store, actor, world, expires_on=T + timedelta(days=10))
    record(store, actor, world, expires_on=T + timedelta(days=60))
    renewed = record(store, actor, world, signed_on=T - timedelta(days=300), expires_on=T + timedelta(days=5))
    record(store, actor, world, signed_on=T - timedelta(days=1), expires_on=T + timedelta(days=364))
    gone = record(store, actor, world, expires_on=T + timedelta(days=3))
    with store.unit_of_work() as uow:
        consent.revoke_release(uow, actor, gone.id, revoked_on=T, method="Letter")
    with store.unit_of_work(write=False) as uow:
        refs = [r.ref for r in consent.expiring_releases(uow, actor, within_days=30)]
    # The renewal signed yesterday outlasts both; `soon` was signed before it, so it counts as renewed too.
    assert renewed.ref not in refs and gone.ref not in refs and soon.ref not in refs
    with store.unit_of_work() as uow:
        p2, _ = people.create_person(uow, actor, given_name="Bo", family_name="Young",
                                     home_organization_id=world["crp"].id)
        consent.record_release(uow, actor, p2.id, parties=[(world["crp"].id, "", PartyRole.BOTH),
                                                          (world["vr"].id, "", PartyRole.BOTH)],
                               two_way=True, categories=[C.PLAN], purpose="Coordinate", signed_on=T - timedelta(days=9),
                               expires_on=T + timedelta(days=20), signer_name="Bo Young")
    with store.unit_of_work(write=False) as uow:
        rows = consent.expiring_releases(uow, actor)
    assert [(r.person_name, r.expires_on) for r in rows] == [("Bo Young", T + timedelta(days=20))]


def test_partner_staff_see_only_the_categories_released_to_their_organization(store, actor, world):
    w = world
    record(store, actor, w, categories=[C.PLAN, C.EMPLOYMENT])
    vr_staff = Actor(uuid.uuid4(), "dana", "Dana Whitfield", Role.PARTNER_STAFF, w["dana"].id, w["vr"].id)
    mh_staff = Actor(uuid.uuid4(), "kevin", "Kevin O'Brien", Role.PARTNER_STAFF, w["kevin"].id, w["mh"].id)
    home_staff = Actor(uuid.uuid4(), "kim", "Kim Park", Role.JOB_DEVELOPER, w["kim"].id, w["crp"].id)
    with store.unit_of_work(write=False) as uow:
        assert consent.visible_categories(uow, vr_staff, w["ana"].id) == {C.PLAN, C.EMPLOYMENT}
        assert consent.visible_categories(uow, mh_staff, w["ana"].id) == frozenset()
        assert consent.visible_categories(uow, home_staff, w["ana"].id) is None
        assert consent.visible_categories(uow, actor, w["ana"].id) is None  # the administrator
        assert consent.covered_categories(uow, w["ana"].id, w["vr"].id, T + timedelta(days=400)) == frozenset()


def test_disclosure_log_says_who_what_to_whom_and_under_which_release(store, actor, world):
    release = record(store, actor, world)
    with store.unit_of_work() as uow:
        _disclose(uow, actor, world)
    with store.unit_of_work(write=False) as uow:
        [row] = consent.disclosures(uow, actor, world["ana"].id)
        [listed] = consent.list_releases(uow, actor, world["ana"].id)
    assert (row.recipient_name, row.categories, row.description, row.channel, row.release_ref, row.made_by) == (
        "State VR", (C.PLAN,), "Plan revision 1 (PDF)", "pdf", release.ref, actor.display_name)
    assert listed.disclosures == 1 and not listed.editable


def test_another_agency_on_the_team_does_not_see_what_was_disclosed_to_others(store, actor, world):
    w = world
    record(store, actor, w, parties=[(w["crp"].id, "", PartyRole.BOTH), (w["vr"].id, "", PartyRole.BOTH),
                                     (w["mh"].id, "", PartyRole.BOTH)])
    with store.unit_of_work() as uow:
        _disclose(uow, actor, w)  # a copy to State VR
        teams.add_team_member(uow, actor, w["ana"].id, role=TeamRole.VR_COUNSELOR, staff_id=w["dana"].id)
        teams.add_team_member(uow, actor, w["ana"].id, role=TeamRole.CASE_MANAGER, staff_id=w["kevin"].id)
    vr_staff = Actor(uuid.uuid4(), "dana", "Dana Whitfield", Role.PARTNER_STAFF, w["dana"].id, w["vr"].id)
    mh_staff = Actor(uuid.uuid4(), "kevin", "Kevin O'Brien", Role.PARTNER_STAFF, w["kevin"].id, w["mh"].id)
    with store.unit_of_work(write=False) as uow:
        assert [r.recipient_name for r in consent.disclosures(uow, vr_staff, w["ana"].id)] == ["State VR"]
        assert consent.disclosures(uow, mh_staff, w["ana"].id) == []
        assert len(consent.disclosures(uow, actor, w["ana"].id)) == 1


def test_a_job_developer_cannot_add_a_mental_health_partner_without_consent(demo_store):
    """The issue's done-when, on the demo store: Lupe signs in and tries to put Riverbend on a team."""
    from caseteam.services import users

    lupe = users.sign_in(demo_store, "jobdev", "caseteam-demo")
    with demo_store.unit_of_work(write=False) as uow:
        riverbend = next(o for o in organizations.list_organizations(uow, lupe) if o.name.startswith("Riverbend"))
        cm = next(s for s in organizations.get_organization_detail(uow, lupe, riverbend.id).staff if s.active)
        theirs = [r for r in people.caseload(uow, lupe) if uow.people.get(r.id).lead_staff_id == lupe.staff_id]
        person = next(r for r in theirs
                      if C.PLAN not in consent.covered_categories(uow, r.id, riverbend.id))
    with pytest.raises(ConsentRequired) as info:
        with demo_store.unit_of_work() as uow:
            teams.add_team_member(uow, lupe, person.id, role=TeamRole.CASE_MANAGER, staff_id=cm.id)
    assert "Riverbend Behavioral Health" in str(info.value) and "Consent tab" in str(info.value)
    with demo_store.unit_of_work(write=False) as uow:
        team = teams.team_view(uow, lupe, person.id)
    assert cm.id not in {line.member.staff_id for line in team.lines}
