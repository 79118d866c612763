"""The demo partnership's referrals as of the demo's day: every status, some overdue for both sides, Riverbend's
inbox for the demo partner account (Kevin O'Brien) and the job developer's outbox, an acceptance that put Kevin
on the person's team with a first task, and a release behind each one."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timezone

from caseteam.domain.referrals import ReferralStatus as S
from caseteam.services import referrals, teams, users

DEMO_TODAY = date(2026, 11, 2)  # the demo_store fixture's date (tests/conftest.py)
RIVERBEND = "Riverbend Behavioral Health"
ONE_STOP = "Eastport American Job Center"


def on_demo_day():
    return datetime.combine(DEMO_TODAY, time(14), tzinfo=timezone.utc)


def test_the_demo_has_referrals_in_every_status_some_overdue(demo_store):
    admin = users.sign_in(demo_store, "admin", "caseteam-demo")
    with demo_store.unit_of_work(write=False, clock=on_demo_day) as uow:
        rows = referrals.list_referrals(uow, admin)
        counts = referrals.referral_counts(uow, admin)
        detail = referrals.get_referral(uow, admin, next(r.id for r in rows if r.status is S.IN_PROGRESS))
    assert set(Counter(r.status for r in rows)) == set(S)
    assert all(r.release_ref for r in rows)
    assert {r.from_organization_name for r in rows} == {"Bridgeway Employment Services", ONE_STOP}
    overdue = [r for r in rows if r.overdue]
    assert len(overdue) == 2 and {r.status for r in overdue} == {S.SENT, S.RECEIVED}
    assert counts.overdue == 2 and counts.open == sum(1 for r in rows if not r.closed)
    assert counts.median_days_to_answer is not None
    assert [e.status for e in detail.events] == [S.SENT, S.RECEIVED, S.ACCEPTED, S.IN_PROGRESS]
    assert {e.actor_name for e in detail.events[1:]} == {"Kevin O'Brien (demo partner staff)"}
    assert {r.to_organization_name for r in rows} >= {RIVERBEND, "Eastport American Job Center"}


def test_riverbends_inbox_and_the_job_developers_outbox(demo_store):
    partner = users.sign_in(demo_store, "partner", "caseteam-demo")
    jobdev = users.sign_in(demo_store, "jobdev", "caseteam-demo")
    with demo_store.unit_of_work(write=False, clock=on_demo_day) as uow:
        inbox = referrals.list_referrals(uow, partner, organization_id=partner.organization_id, direction="inbox")
        overdue_in = referrals.list_referrals(uow, partner, organization_id=partner.organization_id,
                                              direction="inbox", overdue_only=True)
        outbox = referrals.list_referrals(uow, jobdev, organization_id=jobdev.organization_id, direction="outbox")
        accepted = next(r for r in inbox if r.status is S.ACCEPTED)
        team = teams.team_view(uow, partner, accepted.person_id)
        waiting = next(r for r in inbox if r.status is S.SENT and not r.overdue)
        may = referrals.get_referral(uow, partner, waiting.id).may_act
    assert len(inbox) == 8 and {r.to_organization_name for r in inbox} == {RIVERBEND}
    assert len(overdue_in) == 2
    assert outbox and any(r.overdue for r in outbox)
    assert accepted.to_staff_name == "Kevin O'Brien" and accepted.first_task_ref
    assert any(line.member.id == accepted.team_member_id and line.member.name == "Kevin O'Brien"
               for line in team.lines)
    assert {"receive", "accept", "decline"} <= may and "withdraw" not in may


def test_the_one_stop_refers_a_person_to_riverbend_who_accepts_and_both_sides_see_it(demo_store):
    """Issue 10's done-when: the One-Stop's job developer refers, the mental-health provider accepts."""
    onestop = users.sign_in(demo_store, "onestop", "caseteam-demo")
    partner = users.sign_in(demo_store, "partner", "caseteam-demo")
    with demo_store.unit_of_work(write=False, clock=on_demo_day) as uow:
        sent = referrals.list_referrals(uow, onestop, organization_id=onestop.organization_id, direction="outbox")
        waiting = next(r for r in referrals.list_referrals(uow, partner, organization_id=partner.organization_id,
                                                          direction="inbox") if r.from_organization_name == ONE_STOP)
    assert [(r.ref, r.status, r.from_staff_name) for r in sent] == [(waiting.ref, S.SENT, "Tiffany Moore")]
    with demo_store.unit_of_work(clock=on_demo_day) as uow:
        referrals.accept_referral(uow, partner, waiting.id, version=waiting.version, first_task_title="Intake call")
    with demo_store.unit_of_work(write=False, clock=on_demo_day) as uow:
        theirs = referrals.get_referral(uow, onestop, waiting.id)
        ours = referrals.get_referral(uow, partner, waiting.id)
    assert theirs.referral.status is ours.referral.status is S.ACCEPTED and theirs.referral.first_task_ref
    assert [e.status for e in theirs.events] == [S.SENT, S.ACCEPTED]
