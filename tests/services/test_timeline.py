"""The person's timeline: every kind of event in one newest-first list, filtered by kind and date,
leaving out what a partner organization has no release for, at a fixed number of SQL statements."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from caseteam.domain.consent import InformationCategory as C, PartyRole
from caseteam.domain.discovery import DiscoverySetting
from caseteam.domain.notes import ContactKind
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import Stage
from caseteam.domain.teams import TeamRole
from caseteam.domain.users import Role
from caseteam.errors import PermissionDenied, ValidationError
from caseteam.services import consent, discovery, notes, organizations, people, plans, tasks, teams
from caseteam.services.actors import Actor
from caseteam.services.discovery import ProfileDraft
from caseteam.services.plans import GoalDraft, PlanDraft
from caseteam.services.timeline import TimelineKind as K, timeline

from test_statement_counts import counted  # noqa: E402

T = date.today()
WORK_KINDS = {K.NEGOTIATION, K.JOB, K.VENTURE, K.INCIDENT, K.SIGNATURE}


def _case(store, actor, *, extra_activities: int = 0, suffix: str = ""):
    """A person with one of everything; dated events in the past, timed ones (revisions, tasks,
    disclosures) today."""
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway" + suffix, kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="State VR" + suffix, kind=OrganizationKind.VR_OFFICE)
        mh, _ = organizations.create_organization(uow, actor, name="Riverbend" + suffix, kind=OrganizationKind.MENTAL_HEALTH)
        dana, _ = organizations.add_staff(uow, actor, vr.id, given_name="Dana", family_name="Whitfield")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lopez", home_organization_id=crp.id,
                                      stage_entered_on=T - timedelta(days=90))
    with store.unit_of_work() as uow:
        ana, _ = people.change_stage(uow, actor, ana.id, Stage.DISCOVERY, entered_on=T - timedelta(days=60),
                                     reason="Authorized by VR")
        vr_release, _ = consent.record_release(
            uow, actor, ana.id, parties=[(crp.id, "", PartyRole.BOTH), (vr.id, "", PartyRole.BOTH)], two_way=True,
            categories=[C.CONTACT, C.PLAN, C.VOCATIONAL], purpose="Coordinate", signed_on=T - timedelta(days=50),
            expires_on=T + timedelta(days=300), signer_name="Ana Lopez")
        old, _ = consent.record_release(
            uow, actor, ana.id, parties=[(crp.id, "", PartyRole.BOTH), (mh.id, "", PartyRole.BOTH)], two_way=True,
            categories=[C.CONTACT], purpose="Old exchange", signed_on=T - timedelta(days=80),
            expires_on=T - timedelta(days=10), signer_name="Ana Lopez")
        member, _ = teams.add_team_member(uow, actor, ana.id, role=TeamRole.VR_COUNSELOR, staff_id=dana.id,
                                          start_date=T - timedelta(days=40))
        friend, _ = teams.add_team_member(uow, actor, ana.id, role=TeamRole.FRIEND, support_name="Rosa",
                                          relationship="Neighbour", start_date=T - timedelta(days=35))
        teams.end_team_member(uow, actor, friend.id, end_date=T - timedelta(days=5))
        discovery.log_activity(uow, actor, ana.id, held_on=T - timedelta(days=30), setting=DiscoverySetting.COMMUNITY,
                               minutes=90, description="Visited the farmers' market",
                               learned="Loves talking with customers")
        for n in range(extra_activities):
            discovery.log_activity(uow, actor, ana.id, held_on=T - timedelta(days=20),
                                   setting=DiscoverySetting.HOME, minutes=30 + n, description=f"Visit {n}", learned="Likes tidy rooms")
    with store.unit_of_work() as uow:
        discovery.save_profile_revision(uow, actor, ana.id, ProfileDraft(strengths="Friendly"), summary="First profile")
        plans.save_plan_revision(uow, actor, ana.id, PlanDraft(vision="Work in a shop", goals=(GoalDraft("Retail"),)),
                                 summary="First plan")
        done, _ = tasks.create_task(uow, actor, title="Call the market", organization_id=crp.id, person_id=ana.id)
        tasks.complete_task(uow, actor, done.id)
        dropped, _ = tasks.create_task(uow, actor, title="Book a tour", organization_id=vr.id, person_id=ana.id)
        tasks.cancel_task(uow, actor, dropped.id, reason="Not needed")
        consent.record_disclosure(uow, actor, ana.id, recipient_organization_id=vr.id, categories=[C.PLAN],
                                  description="Plan revision 1 (PDF)", channel="pdf")
    with store.unit_of_work() as uow:
        note, _ = notes.save_draft(uow, actor, ana.id, kind=ContactKind.PHONE, held_on=T - timedelta(days=25),
                                   place="By phone", body="Ana asked about weekend shifts\nShe will visit Friday")
        notes.sign_note(uow, actor, note.id)
        notes.add_addendum(uow, actor, note.id, body="It was Saturday, not Friday")
        notes.save_draft(uow, actor, ana.id, held_on=T - timedelta(days=2), body="Unsigned draft")
    return dict(crp=crp, vr=vr, mh=mh, dana=dana, ana=ana, vr_release=vr_release, old=old, note=note)


def _read(store, actor, person_id, **kw):
    with store.unit_of_work(write=False) as uow:
        return timeline(uow, actor, person_id, **kw)


def test_every_kind_appears_newest_first(store, actor):
    w = _case(store, actor)
    rows = _read(store, actor, w["ana"].id)
    assert {r.kind for r in rows} == set(K) - WORK_KINDS  # those have their own case: test_timeline_work.py
    assert [r.sort_key() for r in rows] == sorted((r.sort_key() for r in rows), reverse=True)
    dated = [(r.day, r.title) for r in rows if r.day < T]
    assert dated == [
        (T - timedelta(days=5), "Rosa left the team"),
        (T - timedelta(days=10), f"Release {w['old'].ref} expired"),
        (T - timedelta(days=25), "Phone: Ana asked about weekend shifts"),
        (T - timedelta(days=30), "Community: Visited the farmers' market"),
        (T - timedelta(days=35), "Rosa joined the team"),
        (T - timedelta(days=40), "Dana Whitfield joined the team"),
        (T - timedelta(days=50), f"Release {w['vr_release'].ref} signed"),
        (T - timedelta(days=60), "Moved from Referral to Discovery"),
        (T - timedelta(days=80), f"Release {w['old'].ref} signed"),
        (T - timedelta(days=90), "Started at Referral"),
    ]
    today = [r.title for r in rows if r.day == T]  # saved in this order, so shown in the reverse
    assert today[0] == "Disclosed to State VR" and today[-2] == "Vocational profile revision 1 saved"
    assert today[-1] == f"Addendum to {w['note'].ref}: It was Saturday, not Friday"  # a date: after timed ones
    assert not any("Unsigned draft" in r.title for r in rows)  # drafts are not part of the case yet
    assert today.index("Task cancelled: Book a tour") < today.index("Task created: Book a tour") \
        < today.index("Task completed: Call the market") < today.index("Plan revision 1 saved")
    by_title = {r.title: r for r in rows}
    assert by_title["Moved from Referral to Discovery"].detail == "Authorized by VR"
    assert by_title["Community: Visited the farmers' market"].detail == "1.5 h · Learned: Loves talking with customers"
    plan = by_title["Plan revision 1 saved"]
    assert (plan.detail, plan.who, plan.reference) == ("First plan", actor.display_name, "Revision 1")
    assert by_title["Task created: Book a tour"].detail == "For State VR"
    assert by_title["Dana Whitfield joined the team"].detail == "VR counselor, State VR"


def test_filters_by_kind_and_by_date(store, actor):
    w = _case(store, actor)
    plan_only = _read(store, actor, w["ana"].id, kinds=[K.PLAN])
    assert [r.title for r in plan_only] == ["Plan revision 1 saved"]
    window = _read(store, actor, w["ana"].id, since=T - timedelta(days=40), until=T - timedelta(days=10))
    assert [r.title for r in window] == [f"Release {w['old'].ref} expired", "Phone: Ana asked about weekend shifts",
                                         "Community: Visited the farmers' market",
                                         "Rosa joined the team", "Dana Whitfield joined the team"]
    assert _read(store, actor, w["ana"].id, kinds=[K.TASK, K.STAGE], until=T - timedelta(days=1)) == [
        r for r in _read(store, actor, w["ana"].id, kinds=[K.STAGE])]
    page = _read(store, actor, w["ana"].id, limit=3, offset=2)
    assert page == _read(store, actor, w["ana"].id)[2:5]
    with pytest.raises(ValidationError, match="after its end"):
        _read(store, actor, w["ana"].id, since=T, until=T - timedelta(days=1))


def test_partner_without_a_plan_release_sees_no_plan_team_task_or_note_entries(store, actor):
    w = _case(store, actor)
    dana = Actor(uuid.uuid4(), "dana", "Dana Whitfield", Role.PARTNER_STAFF, w["dana"].id, w["vr"].id)
    shared = {r.kind for r in _read(store, dana, w["ana"].id)}
    assert {K.NOTE, K.PLAN, K.TASK, K.TEAM, K.PROFILE, K.DISCOVERY} <= shared
    releases = {r.reference for r in _read(store, dana, w["ana"].id, kinds=[K.RELEASE])}
    assert releases == {w["vr_release"].ref}  # the Riverbend exchange is not theirs to know about
    with store.unit_of_work() as uow:
        consent.revoke_release(uow, actor, w["vr_release"].id, revoked_on=T, method="Letter from Ana")
    rows = _read(store, dana, w["ana"].id)
    assert {r.kind for r in rows} == {K.STAGE, K.RELEASE, K.DISCLOSURE}
    assert f"Release {w['vr_release'].ref} revoked" in [r.title for r in rows]
    assert [r.title for r in rows if r.kind is K.DISCLOSURE] == ["Disclosed to State VR"]
    outsider = Actor(uuid.uuid4(), "kevin", "Kevin", Role.PARTNER_STAFF, None, w["mh"].id)
    with pytest.raises(PermissionDenied):
        _read(store, outsider, w["ana"].id)


def test_statement_count_does_not_grow_with_the_case(store, actor):
    small = _case(store, actor)
    with store.unit_of_work(write=False) as uow, counted(store) as few:
        short = timeline(uow, actor, small["ana"].id)
    big = _case(store, actor, extra_activities=40, suffix=" 2")
    with store.unit_of_work(write=False) as uow, counted(store) as many:
        long = timeline(uow, actor, big["ana"].id)
    assert len(long) == len(short) + 40
    selects = [s for s in many if s.lstrip().upper().startswith("SELECT")]
    assert len(many) == len(few) and len(selects) <= 18  # measured: 17 statements on SQLite, 16 on PostgreSQL
    dana = Actor(uuid.uuid4(), "dana", "Dana Whitfield", Role.PARTNER_STAFF, big["dana"].id, big["vr"].id)
    with store.unit_of_work(write=False) as uow, counted(store) as partner_sql:
        assert len(timeline(uow, dana, big["ana"].id)) > 40
    assert len(partner_sql) <= 23  # the consent check adds a few, once per call
