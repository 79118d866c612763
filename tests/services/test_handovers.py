"""Staff handover on both engines: a departing job developer's open tasks, team seats, lead assignments,
pending referrals and upcoming meetings are listed, handed to two colleagues in one audited step that
closes her record, leave nothing open on her (every kind queried), and undo restores exactly what was
there before; refusals name the item; only supervisors and administrators may; deactivating someone who
still holds work is refused; the quality dashboard warns about an inactive person left holding work."""

from __future__ import annotations

import io
from datetime import datetime, time, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.handovers import HandoverKind as HK
from caseteam.domain.meetings import MeetingAttendee, MeetingKind
from caseteam.domain.organizations import OrganizationKind, StaffMember
from caseteam.domain.people import Person
from caseteam.domain.referrals import Referral, ReferralStatus
from caseteam.domain.tasks import Task
from caseteam.domain.teams import TeamMember, TeamRole
from caseteam.errors import Conflict, PermissionDenied, ValidationError
from caseteam.services import handovers, meeting_agenda, meetings, organizations, people, tasks, teams
from caseteam.services import quality_dashboard as qd
from caseteam.services.handovers import item_key

from builders import casework_desk, record_exchange


def write(store, fn, *args, **kwargs):
    with store.unit_of_work() as uow:
        return fn(uow, *args, **kwargs)


def _referral(uow, actor, person, from_org, from_staff, to_org, to_staff, status, today):
    r = uow.add(Referral(ref=uow.references.next("referral"), person_id=person, from_organization_id=from_org,
                         from_staff_id=from_staff, to_organization_id=to_org, to_staff_id=to_staff,
                         service="Benefits planning", reason="Wants to know how work affects SSI",
                         shared_categories="contact,benefits", sent_on=today - timedelta(days=5), status=status,
                         status_on=today - timedelta(days=5), created_by_id=actor.user_id))
    uow.flush()
    return r.id


@pytest.fixture
def desk(store, actor):
    """Lupe (Bridgeway job developer) leads Ana and Ben and holds a task for each, an agency task, seats on
    both teams, a referral she sent and one she received, and a team meeting tomorrow; Marco and Sam are
    her Bridgeway colleagues, Karen and Kai work at State VR."""
    d = casework_desk(store, actor)
    crp, lupe, ana = d["crp"], d["lupe"], d["ana"]
    with store.unit_of_work() as uow:
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        karen, _ = organizations.add_staff(uow, actor, vr.id, given_name="Karen", family_name="Mitchell")
        kai, _ = organizations.add_staff(uow, actor, vr.id, given_name="Kai", family_name="Nakamura")
        marco, _ = organizations.add_staff(uow, actor, crp.id, given_name="Marco", family_name="Silva")
        sam, _ = organizations.add_staff(uow, actor, crp.id, given_name="Sam", family_name="Young")
        ben, _ = people.create_person(uow, actor, given_name="Ben", family_name="Cho", home_organization_id=crp.id,
                                      lead_staff_id=lupe.id)
    for person in (ana, ben):
        record_exchange(store, actor, person.id, vr.id)
    today = d["today"]
    with store.unit_of_work() as uow:
        t_ana, _ = tasks.create_task(uow, actor, title="Call Ana's employer", organization_id=crp.id,
                                     staff_id=lupe.id, person_id=ana.id, due=today + timedelta(days=3))
        t_ben, _ = tasks.create_task(uow, actor, title="Résumé with Ben", organization_id=crp.id, staff_id=lupe.id,
                                     person_id=ben.id)
        t_agency, _ = tasks.create_task(uow, actor, title="Update the job board", organization_id=crp.id,
                                        staff_id=lupe.id)
        done, _ = tasks.create_task(uow, actor, title="Old call", organization_id=crp.id, staff_id=lupe.id,
                                    person_id=ana.id)
        tasks.complete_task(uow, actor, done.id)
        seat_ana, _ = teams.add_team_member(uow, actor, ana.id, role=TeamRole.JOB_DEVELOPER, staff_id=lupe.id,
                                            start_date=today - timedelta(days=40))
        seat_ben, _ = teams.add_team_member(uow, actor, ben.id, role=TeamRole.JOB_COACH, staff_id=lupe.id,
                                            start_date=today - timedelta(days=20))
        teams.add_team_member(uow, actor, ana.id, role=TeamRole.VR_COUNSELOR, staff_id=karen.id,
                              start_date=today - timedelta(days=40))
        sent = _referral(uow, actor, ana.id, crp.id, lupe.id, vr.id, karen.id, ReferralStatus.SENT, today)
        received = _referral(uow, actor, ben.id, vr.id, kai.id, crp.id, lupe.id, ReferralStatus.ACCEPTED, today)
        _referral(uow, actor, ben.id, crp.id, lupe.id, vr.id, kai.id, ReferralStatus.COMPLETED, today)
        soon, _ = meetings.schedule_meeting(uow, actor, kind=MeetingKind.TEAM, title="Ana's team meeting",
                                            host_organization_id=crp.id, person_id=ana.id,
                                            starts_local=datetime.combine(today + timedelta(days=1), time(10)))
        meeting_agenda.add_attendee(uow, actor, soon.id, staff_id=lupe.id, role="Job developer")
        past, _ = meetings.schedule_meeting(uow, actor, kind=MeetingKind.TEAM, title="Last month's meeting",
                                            host_organization_id=crp.id, person_id=ana.id,
                                            starts_local=datetime.combine(today - timedelta(days=30), time(10)))
        meeting_agenda.add_attendee(uow, actor, past.id, staff_id=lupe.id, role="Job developer")
    d.update(vr=vr, karen=karen, kai=kai, marco=marco, sam=sam, ben=ben, t_ana=t_ana, t_ben=t_ben,
             t_agency=t_agency, seat_ana=seat_ana, seat_ben=seat_ben, sent=sent, received=received, soon=soon)
    return d


def held_by(store, staff_id) -> dict:
    """Everything open on the staff member, queried per kind straight from the tables."""
    with store.unit_of_work(write=False) as uow:
        s = uow.session
        return {
            "tasks": sorted(t.title for t in s.scalars(select(Task).where(
                Task.staff_id == staff_id, Task.status.in_(("open", "in_progress", "waiting"))))),
            "seats": len(s.scalars(select(TeamMember.id).where(TeamMember.staff_id == staff_id,
                                                                TeamMember.end_date.is_(None),
                                                                TeamMember.archived_at.is_(None))).all()),
            "leads": sorted(p.given_name for p in s.scalars(select(Person).where(Person.lead_staff_id == staff_id))),
            "referrals": sorted(r.ref for r in s.scalars(select(Referral).where(
                (Referral.from_staff_id == staff_id) | (Referral.to_staff_id == staff_id),
                Referral.status.not_in(("declined", "completed", "withdrawn"))))),
            "meetings": len(s.scalars(select(MeetingAttendee.id).where(MeetingAttendee.staff_id == staff_id)).all()),
        }


def snapshot(store) -> dict:
    """Who holds what, and each row's version, across every table a handover touches."""
    with store.unit_of_work(write=False) as uow:
        s = uow.session
        return {
            "tasks": {t.id: (t.staff_id, t.organization_id, t.status, t.version) for t in s.scalars(select(Task))},
            "seats": {m.id: (m.staff_id, m.role, m.start_date, m.end_date, m.archived_at is None)
                      for m in s.scalars(select(TeamMember))},
            "leads": {p.id: (p.lead_staff_id, p.version) for p in s.scalars(select(Person))},
            "referrals": {r.id: (r.from_staff_id, r.to_staff_id, r.status, r.version)
                          for r in s.scalars(select(Referral))},
            "attendees": {a.id: (a.staff_id, a.name, a.organization_id) for a in s.scalars(select(MeetingAttendee))},
            "staff": {m.id: m.active for m in s.scalars(select(StaffMember))},
        }


def test_open_work_lists_every_kind_with_a_suggested_colleague(store, desk):
    work = write(store, handovers.open_work, desk["supervisor"], desk["lupe"].id)
    assert work.staff_name == "Lupe Hernández" and work.active
    assert [i.kind for i in work.items] == [HK.TASK] * 3 + [HK.TEAM_MEMBERSHIP] * 2 + [HK.LEAD] * 2 + \
        [HK.REFERRAL] * 2 + [HK.MEETING]
    labels = [i.label for i in work.items]
    assert labels[0].startswith("Task TK-") and "Call Ana's employer, due " in labels[0]
    assert "Job developer on Ana Lima's team (since " in labels[3]
    assert "Lead job developer for Ben Cho (PE-" in labels[5] or "Lead job developer for Ben Cho (PE-" in labels[6]
    sent = next(i for i in work.items if i.record_id == desk["sent"])
    received = next(i for i in work.items if i.record_id == desk["received"])
    assert sent.label.endswith("Benefits planning): sent to State VR, sent") and sent.organization_name == "Bridgeway"
    assert received.label.endswith("received from State VR, accepted") and received.person_name == "Ben Cho"
    meeting = work.of_kind(HK.MEETING)[0]
    assert "Ana's team meeting" in meeting.label and meeting.person_name == "Ana Lima"
    assert "Last month" not in " ".join(labels) and "Old call" not in " ".join(labels)  # past and done left out
    # The suggestion is an active Bridgeway colleague (the one holding fewest open tasks), never Lupe herself.
    assert {i.suggested_name for i in work.items} <= {"Denise Okafor", "Marco Silva", "Sam Young"}
    assert all(i.suggested_id not in (None, desk["lupe"].id) for i in work.items)
    assert work.colleagues[0].organization_name == "Bridgeway"
    assert desk["lupe"].id not in {c.id for c in work.colleagues}
    assert [c.name for c in work.colleagues_for(sent)] == ["Denise Okafor", "Marco Silva", "Sam Young"]
    assert work.counts_words == ("3 open tasks, 2 team memberships, 2 lead job developer assignments, "
                                 "2 pending referrals, 1 upcoming meeting")


def test_hand_over_to_two_colleagues_then_undo_restores_exactly(store, desk):
    sup, lupe, marco, sam = desk["supervisor"], desk["lupe"], desk["marco"], desk["sam"]
    before = snapshot(store)
    work = write(store, handovers.open_work, sup, lupe.id)
    to_sam = {item_key(HK.TASK, desk["t_ben"].id), item_key(HK.TEAM_MEMBERSHIP, desk["seat_ben"].id),
              item_key(HK.LEAD, desk["ben"].id), item_key(HK.REFERRAL, desk["received"])}
    row, changes = write(store, handovers.hand_over, sup, lupe.id, to_all=marco.id,
                         assignments={key: sam.id for key in to_sam}, reason="Lupe moves to the Westside office")
    assert changes.handovers and changes.tasks and changes.teams and changes.people and changes.referrals \
        and changes.meetings and changes.staff
    assert len(row.items) == len(work.items) == 10 and row.deactivated and not row.undone
    assert row.summary == "10 items to Marco Silva and Sam Young; staff record made inactive"
    assert {i.to_name for i in row.items if item_key(i.kind, i.record_id) in to_sam} == {"Sam Young"}
    assert {i.to_name for i in row.items if item_key(i.kind, i.record_id) not in to_sam} == {"Marco Silva"}

    assert held_by(store, lupe.id) == {"tasks": [], "seats": 0, "leads": [], "referrals": [], "meetings": 1}
    # The one attendee row left is last month's meeting, which was held: nothing upcoming stays on her.
    assert write(store, handovers.open_work, sup, lupe.id).items == ()
    assert held_by(store, sam.id)["tasks"] == ["Résumé with Ben"] and held_by(store, sam.id)["leads"] == ["Ben"]
    assert held_by(store, marco.id)["tasks"] == ["Call Ana's employer", "Update the job board"]
    assert held_by(store, marco.id)["meetings"] == 1 and held_by(store, marco.id)["seats"] == 1
    after = snapshot(store)
    assert after["staff"][lupe.id] is False
    old_seat, new_seats = after["seats"][desk["seat_ana"].id], [
        v for k, v in after["seats"].items() if k not in before["seats"]]
    assert old_seat[3] == desk["today"] and sorted((s[0], s[1]) for s in new_seats) == sorted(
        [(marco.id, TeamRole.JOB_DEVELOPER), (sam.id, TeamRole.JOB_COACH)])
    with store.unit_of_work(write=False) as uow:
        actions = [a for a, in uow.session.execute(select(AuditEntry.action).where(
            AuditEntry.reason == "Lupe moves to the Westside office"))]
    assert actions.count("handed over") == 6  # 3 tasks, 2 referrals and the handover itself
    assert {"ended", "added", "lead job developer handed over", "attendee handed over",
            "made inactive at handover"} <= set(actions)

    listed = write(store, handovers.list_handovers, sup, staff_id=lupe.id)
    assert [h.id for h in listed] == [row.id] and listed[0].by == "Denise Okafor"
    undone, _ = write(store, handovers.undo_handover, sup, row.id)
    assert undone.undone and undone.undone_by == "Denise Okafor"
    restored = snapshot(store)
    for table in ("seats", "attendees", "staff"):
        assert {k: v for k, v in restored[table].items() if k in before[table]} == before[table], table
    taken_back = [v for k, v in restored["seats"].items() if k not in before["seats"]]
    assert len(taken_back) == 2 and not any(v[4] for v in taken_back)  # the colleagues' seats: archived, kept
    for table in ("tasks", "leads", "referrals"):
        for key, values in before[table].items():
            moved = restored[table][key][-1] != values[-1]
            # Same holder; a moved row's version went on by two (the handover, then its undo).
            assert restored[table][key][:-1] == values[:-1], (table, key)
            assert restored[table][key][-1] == values[-1] + (2 if moved else 0)
    assert write(store, handovers.get_handover, sup, row.id).undone
    with pytest.raises(ValidationError, match="already undone"):
        write(store, handovers.undo_handover, sup, row.id)


def test_undo_is_refused_naming_the_item_someone_changed(store, desk):
    sup, lupe, marco = desk["supervisor"], desk["lupe"], desk["marco"]
    row, _ = write(store, handovers.hand_over, sup, lupe.id, to_all=marco.id)
    write(store, tasks.assign_task, sup, desk["t_agency"].id, organization_id=desk["crp"].id,
          staff_id=desk["sam"].id)
    before = snapshot(store)
    with pytest.raises(Conflict, match=r"Task TK-\d+: Update the job board changed after the handover"):
        write(store, handovers.undo_handover, sup, row.id)
    assert snapshot(store) == before  # nothing was given back


def test_refusals_name_the_item(store, desk):
    sup, lupe = desk["supervisor"], desk["lupe"]
    task_key = item_key(HK.TASK, desk["t_ana"].id)
    with pytest.raises(ValidationError, match=r"Task TK-\d+: Call Ana's employer.* is for Bridgeway, and Karen "
                                              r"Mitchell works for State VR: choose a colleague at Bridgeway"):
        write(store, handovers.hand_over, sup, lupe.id, assignments={task_key: desk["karen"].id})
    with pytest.raises(ValidationError, match="choose a colleague other than Lupe Hernández"):
        write(store, handovers.hand_over, sup, lupe.id, assignments={task_key: lupe.id})
    write(store, organizations.update_staff, sup, desk["sam"].id, version=None, active=False)
    with pytest.raises(ValidationError, match="Sam Young is no longer active at Bridgeway") as err:
        write(store, handovers.hand_over, sup, lupe.id, to_all=desk["sam"].id)
    assert err.value.field == "to_staff"
    write(store, meeting_agenda.add_attendee, sup, desk["soon"].id, staff_id=desk["marco"].id)
    with pytest.raises(ValidationError, match=r"Meeting MT-\d+: Ana's team meeting, .*: Marco Silva is already "
                                              "invited; choose another colleague or leave this meeting out"):
        write(store, handovers.hand_over, sup, lupe.id, to_all=desk["marco"].id)
    with pytest.raises(Conflict, match="no longer holds"):
        write(store, handovers.hand_over, sup, lupe.id,
              assignments={item_key(HK.TASK, desk["ana"].id): desk["marco"].id})  # not one of her items
    with pytest.raises(ValidationError, match="Choose a colleague for at least one"):
        write(store, handovers.hand_over, sup, lupe.id, deactivate=False)
    assert held_by(store, lupe.id)["tasks"] == ["Call Ana's employer", "Résumé with Ben", "Update the job board"]


def test_only_supervisors_and_administrators_hand_over(store, desk):
    with pytest.raises(PermissionDenied, match=r"Your role \(Job developer\) may not hand over"):
        write(store, handovers.open_work, desk["jobdev"], desk["lupe"].id)
    with pytest.raises(PermissionDenied):
        write(store, handovers.hand_over, desk["jobdev"], desk["lupe"].id, to_all=desk["marco"].id)
    row, _ = write(store, handovers.hand_over, desk["actor"], desk["lupe"].id, to_all=desk["marco"].id)  # admin
    with pytest.raises(PermissionDenied):
        write(store, handovers.undo_handover, desk["jobdev"], row.id)
    with pytest.raises(PermissionDenied):
        write(store, handovers.list_handovers, desk["jobdev"])


def test_deactivating_someone_with_open_work_is_refused_until_it_is_handed_over(store, desk):
    sup, lupe = desk["supervisor"], desk["lupe"]
    with pytest.raises(ValidationError) as err:
        write(store, organizations.update_staff, sup, lupe.id, version=None, active=False)
    assert err.value.field == "active"
    assert err.value.message == ("Lupe Hernández holds 10 open items (3 open tasks, 2 team memberships, 2 lead job "
                                 "developer assignments, 2 pending referrals, 1 upcoming meeting); hand them over "
                                 "first (Partners ▸ Staff ▸ Hand over…).")
    write(store, handovers.hand_over, sup, lupe.id, to_all=desk["marco"].id, deactivate=False)
    row, _ = write(store, organizations.update_staff, sup, lupe.id, version=None, active=False)
    assert not row.active


def test_changing_role_keeps_the_record_active_and_items_left_out_stay(store, desk):
    sup, lupe = desk["supervisor"], desk["lupe"]
    keep = item_key(HK.LEAD, desk["ana"].id)
    row, _ = write(store, handovers.hand_over, sup, lupe.id, to_all=desk["marco"].id, assignments={keep: None},
                   deactivate=False)
    assert not row.deactivated and len(row.items) == 9
    assert held_by(store, lupe.id)["leads"] == ["Ana"]
    with store.unit_of_work(write=False) as uow:
        assert uow.staff.get(lupe.id).active


def test_the_dashboard_warns_about_an_inactive_person_still_holding_work(store, desk):
    sup, lupe = desk["supervisor"], desk["lupe"]
    board = write(store, qd.dashboard, sup)
    assert board.count(qd.QualityKind.INACTIVE_STAFF_WITH_WORK).count == 0
    # Handing over only the tasks and closing her record leaves the rest on an inactive person: warned.
    only_tasks = {item_key(HK.TASK, desk[k].id): desk["marco"].id for k in ("t_ana", "t_ben", "t_agency")}
    write(store, handovers.hand_over, sup, lupe.id, assignments=only_tasks, deactivate=True)
    board = write(store, qd.dashboard, sup)
    warning = board.count(qd.QualityKind.INACTIVE_STAFF_WITH_WORK)
    assert [(line.record_kind, line.record_id, line.group) for line in warning.lines] == [
        ("staff", lupe.id, "Bridgeway")]
    assert warning.lines[0].words == ("Lupe Hernández (inactive) still holds 2 team memberships, 2 lead job "
                                      "developer assignments, 2 pending referrals, 1 upcoming meeting")
    assert warning.label == "Inactive staff still holding work"
    pdf = write(store, qd.summary_pdf, sup)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Inactive staff still holding work (1)" in text and "still holds 2 team memberships" in text
    assert "⚠ 1 inactive staff member still holds open work (see Inactive staff with work): hand it over" in text
