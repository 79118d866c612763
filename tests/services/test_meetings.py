"""Meetings: scheduling, attendees, minutes, decisions, action items that become tasks and stay linked, the
next meeting carrying the open ones, permissions, lists and the audit trail."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from caseteam.domain.meetings import Attendance, MeetingKind, MeetingStatus, Recurrence
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.tasks import TaskStatus
from caseteam.errors import ConsentRequired, PermissionDenied, ValidationError
from caseteam.services import audit_view, meeting_agenda, meetings, organizations, people, tasks
from caseteam.storage.queries.tasks import TaskFilter

from builders import record_exchange

NOW = datetime(2026, 11, 2, 15, 0, tzinfo=timezone.utc)
ZONE = "America/New_York"


@pytest.fixture
def team(store, actor):
    """A CRP and a VR office, a job developer at each, and Ana, whose release covers both."""
    with store.unit_of_work(clock=lambda: NOW) as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="County VR", kind=OrganizationKind.VR_OFFICE)
        other, _ = organizations.create_organization(uow, actor, name="Elsewhere Inc", kind=OrganizationKind.CRP)
        lupe, _ = organizations.add_staff(uow, actor, crp.id, given_name="Lupe", family_name="Hernández")
        dana, _ = organizations.add_staff(uow, actor, vr.id, given_name="Dana", family_name="Whitfield")
        eli, _ = organizations.add_staff(uow, actor, other.id, given_name="Eli", family_name="Stone")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lima", home_organization_id=crp.id,
                                      lead_staff_id=lupe.id)
        record_exchange(uow, actor, ana.id, vr.id)
    return dict(store=store, actor=actor, crp=crp, vr=vr, other=other, lupe=lupe, dana=dana, eli=eli, ana=ana)


def run(t, fn, *args, who=None, **kwargs):
    with t["store"].unit_of_work(clock=lambda: NOW) as uow:
        result = fn(uow, who or t["actor"], *args, **kwargs)
    return result[0] if isinstance(result, tuple) else result


def team_meeting(t, **kw):
    values = dict(kind=MeetingKind.TEAM, title="Ana's team meeting", host_organization_id=t["crp"].id,
                  person_id=t["ana"].id, starts_local=datetime(2026, 11, 10, 10, 0), zone=ZONE,
                  place="Bridgeway, room 2", agenda=("Job leads", "Transportation"))
    values.update(kw)
    return run(t, meetings.schedule_meeting, **values)


def test_a_team_meeting_with_two_action_items_makes_two_linked_tasks(team):
    t = team
    m = team_meeting(t)
    assert m.ref == "MT-0001" and m.status is MeetingStatus.PLANNED
    assert [a.name for a in m.attendees] == ["Ana Lima"] and m.attendees[0].is_person
    assert [a.title for a in m.agenda] == ["Job leads", "Transportation"]
    m = run(t, meeting_agenda.add_attendee, m.id, staff_id=t["dana"].id, role="VR counselor")
    m = run(t, meeting_agenda.add_attendee, m.id, name="Rosa Lima", role="Mother")
    m = run(t, meeting_agenda.set_attendance, m.attendees[1].id, Attendance.PRESENT)
    m = run(t, meetings.record_minutes, m.id, "Ana wants warehouse work.", version=m.version)
    m = run(t, meeting_agenda.add_decision, m.id, "Ask VR for a job coach authorization.")
    due = NOW.date() + timedelta(days=14)
    m = run(t, meeting_agenda.add_action_item, m.id, "Request job coach authorization",
            organization_id=t["vr"].id, staff_id=t["dana"].id, due=due)
    m = run(t, meeting_agenda.add_action_item, m.id, "Visit two warehouses", organization_id=t["crp"].id,
            staff_id=t["lupe"].id)
    m = run(t, meetings.mark_held, m.id, version=m.version)
    assert m.status is MeetingStatus.HELD and m.held_at is not None
    assert [(a.name, a.attendance) for a in m.attendees] == [
        ("Ana Lima", Attendance.INVITED), ("Dana Whitfield", Attendance.PRESENT), ("Rosa Lima", Attendance.INVITED)]
    assert m.attendees[1].organization_name == "County VR"
    assert m.minutes == "Ana wants warehouse work." and [d.text for d in m.decisions] == [
        "Ask VR for a job coach authorization."]
    first, second = m.action_items
    assert (first.organization_name, first.staff_name, first.due, first.task_ref) == (
        "County VR", "Dana Whitfield", due, "TK-0001")
    assert second.task_ref == "TK-0002" and second.open
    board = run(t, tasks.list_tasks, TaskFilter(person_ids=(t["ana"].id,)))
    by_ref = {r.ref: r for r in board}
    assert by_ref["TK-0001"].title == "Request job coach authorization"
    assert by_ref["TK-0001"].organization_name == "County VR" and by_ref["TK-0001"].due == due
    assert "MT-0001" in by_ref["TK-0002"].details
    # The link holds: finishing the task shows on the meeting.
    run(t, tasks.complete_task, first.task_id)
    again = run(t, meetings.get_meeting, m.id)
    assert again.action_items[0].task_status is TaskStatus.DONE and not again.action_items[0].open


def test_the_next_meeting_starts_with_the_open_action_items(team):
    t = team
    m = team_meeting(t, recurrence=Recurrence.MONTHLY_WEEKDAY, interval=1,
                     agenda=("Standing: benefits check", "Job leads"))
    assert m.repeats == "Monthly on the 2nd Tuesday"
    m = run(t, meeting_agenda.add_action_item, m.id, "Done soon", organization_id=t["crp"].id)
    m = run(t, meeting_agenda.add_action_item, m.id, "Still open", organization_id=t["vr"].id)
    run(t, tasks.complete_task, m.action_items[0].task_id)
    run(t, meetings.mark_held, m.id)
    nxt = run(t, meetings.next_meeting, m.id)
    assert nxt.starts_local == datetime(2026, 12, 8, 10, 0) and nxt.previous_id == m.id
    assert nxt.series_id == m.series_id and nxt.status is MeetingStatus.PLANNED
    assert [a.title for a in nxt.agenda] == ["Follow up: Still open", "Standing: benefits check"]
    assert nxt.agenda[0].carried_from_id == m.action_items[1].id
    assert [a.name for a in nxt.attendees] == ["Ana Lima"] and nxt.attendees[0].attendance is Attendance.INVITED
    assert run(t, meetings.get_meeting, m.id).action_items[1].carried
    with pytest.raises(ValidationError) as info:
        run(t, meetings.next_meeting, m.id)
    assert info.value.field == "next"


def test_validation_names_the_field(team):
    t = team
    cases = [(dict(title="  "), "title"), (dict(zone="Mars/Olympus"), "zone"), (dict(person_id=None), "person_id"),
             (dict(duration_minutes=0), "duration_minutes"),
             (dict(recurrence=Recurrence.WEEKLY, interval=0), "interval"),
             (dict(recurrence=Recurrence.WEEKLY, until=datetime(2026, 1, 1).date()), "until")]
    for change, field in cases:
        with pytest.raises(ValidationError) as info:
            team_meeting(t, **change)
        assert info.value.field == field, change
    assert "Mars/Olympus" in str(_error(t, zone="Mars/Olympus"))
    m = team_meeting(t)
    with pytest.raises(ValidationError) as info:
        run(t, meetings.next_meeting, m.id)
    assert info.value.field == "starts_local"  # a one-off needs the date given


def _error(t, **kw):
    try:
        team_meeting(t, **kw)
    except ValidationError as exc:
        return exc
    raise AssertionError("no error")


def test_consent_and_access_rules_of_the_person_apply(team):
    t = team
    m = team_meeting(t)
    with pytest.raises(ConsentRequired):  # Elsewhere Inc is on no release of Ana's
        run(t, meeting_agenda.add_attendee, m.id, staff_id=t["eli"].id)
    with pytest.raises(ConsentRequired):
        run(t, meeting_agenda.add_action_item, m.id, "Call", organization_id=t["other"].id)
    from caseteam.domain.users import Role
    from caseteam.services import users
    with t["store"].unit_of_work() as uow:
        outsider = users.ensure_user(uow, username="eli", display_name="Eli Stone", role=Role.JOB_DEVELOPER,
                                     staff_id=t["eli"].id)
    with pytest.raises(PermissionDenied):
        run(t, meetings.get_meeting, m.id, who=outsider)
    with pytest.raises(PermissionDenied):
        run(t, meetings.record_minutes, m.id, "x", who=outsider)
    # The outsider's list leaves Ana's meeting out but shows a partnership meeting.
    run(t, meetings.schedule_meeting, kind=MeetingKind.PARTNER, title="Partner meeting",
        host_organization_id=t["crp"].id, starts_local=datetime(2026, 11, 20, 9, 0), zone=ZONE)
    assert [r.title for r in run(t, meetings.list_meetings, who=outsider)] == ["Partner meeting"]
    assert len(run(t, meetings.list_meetings)) == 2


def test_lists_filter_upcoming_past_and_kind(team):
    t = team
    team_meeting(t, starts_local=datetime(2026, 10, 6, 10, 0))
    team_meeting(t, starts_local=datetime(2026, 11, 24, 10, 0))
    run(t, meetings.schedule_meeting, kind=MeetingKind.DISABILITY_ADVISORY_COUNCIL, title="DAC",
        host_organization_id=t["vr"].id, starts_local=datetime(2026, 12, 1, 14, 0), zone=ZONE,
        recurrence=Recurrence.MONTHLY_WEEKDAY, interval=3)
    up = run(t, meetings.list_meetings, upcoming=True)
    assert [r.ref for r in up] == ["MT-0002", "MT-0003"]  # soonest first
    assert [r.ref for r in run(t, meetings.list_meetings, upcoming=False)] == ["MT-0001"]
    dac = run(t, meetings.list_meetings, kind=MeetingKind.DISABILITY_ADVISORY_COUNCIL)
    assert [r.repeats for r in dac] == ["Every 3 months on the 1st Tuesday"]
    assert [r.ref for r in run(t, meetings.list_meetings, organization_id=t["vr"].id)] == ["MT-0003"]
    dates = run(t, meetings.series_dates, dac[0].id, datetime(2026, 12, 1).date(), datetime(2027, 7, 1).date())
    assert [d.date().isoformat() for d in dates] == ["2026-12-01", "2027-03-02", "2027-06-01"]


def test_every_write_is_audited_and_cancel_needs_a_reason(team):
    t = team
    m = team_meeting(t)
    with pytest.raises(ValidationError) as info:
        run(t, meetings.cancel_meeting, m.id, reason=" ")
    assert info.value.field == "reason"
    m = run(t, meeting_agenda.add_agenda_item, m.id, "Benefits")
    m = run(t, meetings.cancel_meeting, m.id, reason="Snow day")
    assert m.status is MeetingStatus.CANCELLED
    with pytest.raises(ValidationError):
        run(t, meeting_agenda.add_decision, m.id, "Too late")
    m = run(t, meetings.reopen_meeting, m.id)
    assert m.status is MeetingStatus.PLANNED
    entries = run(t, audit_view.audit_entries, audit_view.AuditQuery(entity="meetings"), limit=50)
    actions = {e.action for e in entries}
    assert {"scheduled", "agenda item added", "cancelled", "reopened"} <= actions


def test_removing_an_action_item_cancels_its_task(team):
    t = team
    m = team_meeting(t)
    m = run(t, meeting_agenda.add_action_item, m.id, "Call employer", organization_id=t["crp"].id)
    task_id = m.action_items[0].task_id
    m = run(t, meeting_agenda.remove_action_item, m.action_items[0].id)
    assert m.action_items == ()
    [task] = [r for r in run(t, tasks.list_tasks, TaskFilter(person_ids=(t["ana"].id,))) if r.id == task_id]
    assert task.status is TaskStatus.CANCELLED


def _events(data: bytes):
    from icalendar import Calendar

    cal = Calendar.from_ical(data)
    return cal, [c for c in cal.walk("VEVENT")]


def test_the_invitation_parses_carries_the_zone_and_no_job_seeker_name(team):
    from caseteam.services import meeting_invites

    t = team
    m = team_meeting(t, title="Ana Lima's team meeting", place="Ana's home, 12 Elm St",
                     call_link="https://meet.example/x",
                     purpose="Talk about Ana's job goal", recurrence=Recurrence.WEEKLY, interval=2)
    data = run(t, meeting_invites.invitation, m.id)
    cal, [event] = _events(data)
    assert str(event["SUMMARY"]) == "Team meeting"
    assert event["DTSTART"].params["TZID"] == ZONE
    assert event.decoded("DTSTART").replace(tzinfo=None) == datetime(2026, 11, 10, 10, 0)
    assert str(event.decoded("DTSTART").tzinfo) == ZONE
    assert str(event["UID"]) == f"{m.id}@caseteam" and "RRULE" not in event
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == [ZONE]
    for word in ("Ana", "Lima", "Elm"):
        assert word not in data.decode(), word
    assert "https://meet.example/x" in str(event["DESCRIPTION"])
    # The same meeting again keeps its UID; the series form repeats every 2 weeks.
    assert _events(run(t, meeting_invites.invitation, m.id))[1][0]["UID"] == event["UID"]
    [whole] = _events(run(t, meeting_invites.invitation, m.id, series=True))[1]
    assert whole["RRULE"]["FREQ"] == ["WEEKLY"] and whole["RRULE"]["INTERVAL"] == [2]
    assert str(whole["UID"]) == f"{m.series_id}@caseteam"
    # Only when asked does the person's name go in.
    [named] = _events(run(t, meeting_invites.invitation, m.id, include_person=True))[1]
    assert str(named["SUMMARY"]) == "Team meeting: Ana Lima" and "Elm St" in str(named["LOCATION"])
    # Her own street, even without her name, stays out of the place.
    with t["store"].unit_of_work() as uow:
        people.update_person(uow, t["actor"], t["ana"].id, version=None, street="12 Elm St")
    other = team_meeting(t, place="12 Elm St")
    assert b"Elm" not in run(t, meeting_invites.invitation, other.id)


def test_a_partner_meeting_invitation_uses_its_title_and_place(team):
    from caseteam.services import meeting_invites

    t = team
    m = run(t, meetings.schedule_meeting, kind=MeetingKind.PARTNER_WORKGROUP, title="Transition workgroup",
            host_organization_id=t["vr"].id, starts_local=datetime(2027, 3, 9, 13, 30), zone="America/Chicago",
            place="Library, room B", facilitator="Pat Doe", agenda=("Referral flow",))
    [event] = _events(run(t, meeting_invites.invitation, m.id))[1]
    assert (str(event["SUMMARY"]), str(event["LOCATION"])) == ("Transition workgroup", "Library, room B")
    assert "Pat Doe" in str(event["DESCRIPTION"]) and "Referral flow" in str(event["DESCRIPTION"])
    assert event["DTSTART"].params["TZID"] == "America/Chicago"



def test_upcoming_compares_each_meeting_in_its_own_zone(team):
    t = team
    # NOW is 15:00 UTC: 10:00 in New York, 16:00 in Berlin, 05:00 in Honolulu.
    soon_ny = team_meeting(t, starts_local=datetime(2026, 11, 2, 10, 30), zone="America/New_York")
    gone_berlin = team_meeting(t, starts_local=datetime(2026, 11, 2, 13, 0), zone="Europe/Berlin")
    later_hi = team_meeting(t, starts_local=datetime(2026, 11, 2, 6, 0), zone="Pacific/Honolulu")
    up = [r.ref for r in run(t, meetings.list_meetings, upcoming=True, now=NOW)]
    past = [r.ref for r in run(t, meetings.list_meetings, upcoming=False, now=NOW)]
    assert up == [soon_ny.ref, later_hi.ref]  # 15:30 and 16:00 UTC
    assert past == [gone_berlin.ref]           # 12:00 UTC, three hours ago
