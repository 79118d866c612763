"""Discovery: the activity log and numbered vocational-profile revisions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from caseteam.domain.discovery import DiscoverySetting
from caseteam.errors import Conflict, NotFound, ValidationError
from caseteam.services import discovery, people, records
from caseteam.services.discovery import ProfileDraft


@pytest.fixture
def ana(store, actor):
    with store.unit_of_work() as uow:
        row, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lopez")
    return row


def log(store, actor, person, **kw):
    values = dict(held_on=date.today() - timedelta(days=1), setting=DiscoverySetting.HOME, minutes=90,
                  learned="Likes sorting and order")
    values.update(kw)
    with store.unit_of_work() as uow:
        row, _ = discovery.log_activity(uow, actor, person.id, **values)
    return row


@pytest.mark.parametrize(("values", "field"), [
    ({"held_on": date.today() + timedelta(days=1)}, "held_on"),
    ({"minutes": 0}, "minutes"),
    ({"minutes": -30}, "minutes"),
    ({"minutes": 12 * 60 + 1}, "minutes"),
    ({"learned": "   "}, "learned"),
])
def test_log_activity_validation(store, actor, ana, values, field):
    with pytest.raises(ValidationError) as info:
        log(store, actor, ana, **values)
    assert info.value.field == field
    with store.unit_of_work() as uow:
        assert records.person_summary(uow, actor, ana.id).activities == ()


def test_logged_activities_appear_in_date_order(store, actor, ana):
    today = date.today()
    later = log(store, actor, ana, held_on=today, setting=DiscoverySetting.WORK_TRY_OUT, minutes=12 * 60,
                participants=" Ana, job developer ", learned=" Works steadily for two hours ")
    earlier = log(store, actor, ana, held_on=today - timedelta(days=7), minutes=45)
    assert (later.minutes, later.hours, later.participants, later.learned) == (
        720, 12.0, "Ana, job developer", "Works steadily for two hours")
    with store.unit_of_work() as uow:
        activities = records.person_summary(uow, actor, ana.id).activities
    assert [a.id for a in activities] == [earlier.id, later.id]
    assert activities[0].hours == 0.75 and activities[1].setting is DiscoverySetting.WORK_TRY_OUT


def test_log_activity_for_archived_person_refused(store, actor, ana):
    with store.unit_of_work() as uow:
        people.archive_person(uow, actor, ana.id)
    with pytest.raises(NotFound):
        log(store, actor, ana)


def test_profile_revisions_are_numbered_and_kept(store, actor, ana):
    saved = []
    for n, theme in enumerate(["Animals", "Order and sorting", "Being outdoors"], start=1):
        with store.unit_of_work() as uow:
            row, changes = discovery.save_profile_revision(
                uow, actor, ana.id, ProfileDraft(strengths="Patient", theme_1=theme, theme_2=" Helping "),
                summary=f"Version {n}", based_on=n - 1 if n > 1 else None)
        saved.append(row)
        assert changes.profiles
    assert [r.number for r in saved] == [1, 2, 3]
    assert saved[2].themes == ["Being outdoors", "Helping"]
    with store.unit_of_work() as uow:
        latest = discovery.latest_profile(uow, actor, ana.id)
    assert (latest.number, latest.content.theme_1, latest.summary) == (3, "Being outdoors", "Version 3")


def test_profile_saved_from_an_old_revision_is_a_conflict(store, actor, ana):
    for n in (1, 2):
        with store.unit_of_work() as uow:
            discovery.save_profile_revision(uow, actor, ana.id, ProfileDraft(theme_1=f"Theme {n}"),
                                            summary=f"Version {n}")
    with pytest.raises(Conflict) as info:
        with store.unit_of_work() as uow:
            discovery.save_profile_revision(uow, actor, ana.id, ProfileDraft(theme_1="My stale edit"),
                                            summary="Edited from revision 1", based_on=1)
    assert "Revision 2" in info.value.message and "revision 1" in info.value.message
    with pytest.raises(ValidationError) as info:
        with store.unit_of_work() as uow:
            discovery.save_profile_revision(uow, actor, ana.id, ProfileDraft(), summary=" ", based_on=2)
    assert info.value.field == "summary"
    with store.unit_of_work() as uow:
        latest = discovery.latest_profile(uow, actor, ana.id)
    assert (latest.number, latest.content.theme_1) == (2, "Theme 2")
