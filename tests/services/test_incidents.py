"""Critical incidents: the notice deadline and its status in words, the refusals that name their field,
the warning for a person with no waiver organization on the team; on both engines."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from caseteam.domain.incidents import IncidentKind
from caseteam.domain.organizations import OrganizationKind
from caseteam.errors import ValidationError
from caseteam.services import incidents, organizations, people
from caseteam.services.incidents import NoticeStatus


@pytest.fixture
def desk(store, actor):
    with store.unit_of_work() as uow:
        dd, _ = organizations.create_organization(uow, actor, name="Lakes County DD", kind=OrganizationKind.DD_WAIVER)
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lima", home_organization_id=dd.id)
        ben, _ = people.create_person(uow, actor, given_name="Ben", family_name="Cole", home_organization_id=crp.id)
    return dict(store=store, actor=actor, ana=ana, ben=ben, dd=dd)


def run(desk, fn, *args, **kwargs):
    with desk["store"].unit_of_work() as uow:
        return fn(uow, desk["actor"], *args, **kwargs)


def report(desk, hours_ago: float, person="ana", **kw):
    at = datetime.now(timezone.utc) - timedelta(hours=hours_ago)
    values = dict(kind=IncidentKind.INJURY, occurred_at=at, discovered_at=at, place="Bakery back room",
                  description="Cut a finger on a box cutter; first aid given.", notice_hours=24)
    values.update(kw)
    return run(desk, incidents.report_incident, desk[person].id, **values)[0]


def test_the_deadline_counts_from_discovery_and_says_due_or_overdue(desk):
    happened = datetime.now(timezone.utc) - timedelta(hours=40)
    row = report(desk, 40, discovered_at=happened + timedelta(hours=30))  # learned of it 10 hours ago
    assert row.ref.startswith("CI-") and row.deadline == happened + timedelta(hours=54)
    assert row.notice_status is NoticeStatus.DUE and row.notice_text == "Notice due in 13 hours"
    late = report(desk, 30)
    assert late.notice_status is NoticeStatus.OVERDUE and late.notice_text == "Notice overdue by 6 hours"
    with desk["store"].unit_of_work(write=False) as uow:  # the agency's own setting changes the words
        listed = {r.id: r for r in incidents.list_incidents(uow, desk["actor"], desk["ana"].id, notice_hours=48)}
    assert listed[late.id].notice_text == "Notice due in 17 hours"


def test_a_notification_says_in_time_or_late_by_hours(desk):
    row = report(desk, 30)
    in_time, changes = run(desk, incidents.add_notification, row.id, organization_id=desk["dd"].id, how="Phone",
                           notified_at=row.discovered_at + timedelta(hours=23), notice_hours=24)
    assert changes.incidents and in_time.notice_status is NoticeStatus.IN_TIME
    assert in_time.notice_text == "Notified in time" and in_time.notifications[0].notified == "Lakes County DD"
    other = report(desk, 30)
    late, _ = run(desk, incidents.add_notification, other.id, notified="Dana Whitfield, support coordinator",
                  how="Email", notified_at=other.discovered_at + timedelta(hours=26, minutes=30), notice_hours=24)
    assert late.notice_status is NoticeStatus.LATE and late.notice_text == "Notified late by 3 hours"
    closed, _ = run(desk, incidents.close_incident, late.id, version=late.version)
    assert closed.closed_at is not None


def test_refusals_name_the_field(desk):
    with pytest.raises(ValidationError) as refused:
        report(desk, -2)
    assert refused.value.field == "occurred_at" and "future" in refused.value.message
    at = datetime.now(timezone.utc) - timedelta(hours=5)
    with pytest.raises(ValidationError) as refused:
        report(desk, 5, discovered_at=at - timedelta(hours=1))
    assert refused.value.field == "discovered_at"
    with pytest.raises(ValidationError) as refused:
        report(desk, 5, description="   ")
    assert refused.value.field == "description"
    row = report(desk, 5)
    with pytest.raises(ValidationError) as refused:
        run(desk, incidents.close_incident, row.id)
    assert refused.value.field == "notifications"
    with pytest.raises(ValidationError) as refused:
        run(desk, incidents.add_notification, row.id, notified="", notified_at=at)
    assert refused.value.field == "notified"


def test_a_person_with_no_waiver_organization_is_warned_not_refused(desk):
    served = report(desk, 3)
    assert served.waiver_note == ""
    row = report(desk, 3, person="ben")
    assert "No county DD / waiver organization is on Ben Cole's team" in row.waiver_note
    with desk["store"].unit_of_work(write=False) as uow:
        assert incidents.waiver_note(uow, desk["actor"], desk["ben"].id) == row.waiver_note


def test_the_list_carries_each_reports_reporter_notifications_and_the_persons_waiver_note(desk):
    first, second = report(desk, 30, person="ben"), report(desk, 20, person="ben")
    run(desk, incidents.add_notification, first.id, organization_id=desk["dd"].id, how="Phone",
        notified_at=first.discovered_at + timedelta(hours=2), notice_hours=24)
    with desk["store"].unit_of_work(write=False) as uow:
        listed = {r.id: r for r in incidents.list_incidents(uow, desk["actor"], desk["ben"].id)}
    assert set(listed) == {first.id, second.id}
    assert all(r.reported_by and "Ben Cole's team" in r.waiver_note for r in listed.values())
    assert [n.recorded_by for n in listed[first.id].notifications] == [listed[first.id].reported_by]
    assert listed[second.id].notifications == ()
