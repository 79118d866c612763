"""`caseteam meetings list [--upcoming] [--json]` and `caseteam meetings ics REF --out FILE.ics`, as a user
types them, on a copy of the demo store with two meetings added next week."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from command_line import caseteam
from icalendar import Calendar

from caseteam.domain.meetings import MeetingKind, Recurrence
from caseteam.services import meetings, users
from caseteam.storage.store import open_store


@pytest.fixture
def planned(demo_db):
    """A team meeting for one demo person and a monthly partner meeting, both a week from now."""
    store = open_store(demo_db)
    try:
        admin = users.sign_in(store, "admin", "caseteam-demo")
        with store.unit_of_work() as uow:
            person = [m for m in meetings.list_meetings(uow, admin, kind=MeetingKind.TEAM)][0]
            start = (datetime.now() + timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
            team, _ = meetings.schedule_meeting(
                uow, admin, kind=MeetingKind.TEAM, title=f"{person.person_name}'s team meeting",
                host_organization_id=person.host_organization_id, person_id=person.person_id,
                starts_local=start, zone="America/Chicago", place="Bridgeway, room 2")
            partner, _ = meetings.schedule_meeting(
                uow, admin, kind=MeetingKind.PARTNER, title="Partners, next week",
                host_organization_id=person.host_organization_id, starts_local=start + timedelta(hours=3),
                zone="America/Chicago", recurrence=Recurrence.MONTHLY_WEEKDAY)
    finally:
        store.close()
    return dict(db=demo_db, team=team, partner=partner)


def test_list_shows_the_demo_meetings_and_upcoming_only_the_planned_future_ones(capsys, planned):
    code, out, err = caseteam(capsys, "--db", planned["db"], "meetings", "list", "--json")
    assert code == 0, err
    rows = json.loads(out)
    kinds = {r["kind"] for r in rows}
    assert {"team", "partner", "disability_advisory_council", "partner_workgroup"} <= kinds
    held = [r for r in rows if r["status"] == "held"]
    assert held and all(r["decisions"] >= 1 for r in held)
    assert any(a["task_ref"] for r in held for a in r["action_items"])
    code, out, err = caseteam(capsys, "--db", planned["db"], "meetings", "list", "--upcoming", "--json")
    assert code == 0, err
    assert [r["ref"] for r in json.loads(out)] == [planned["team"].ref, planned["partner"].ref]
    code, out, err = caseteam(capsys, "--db", planned["db"], "meetings", "list", "--upcoming")
    assert code == 0 and "2 meetings" in out and "Partners, next week" in out


def test_ics_writes_an_invitation_without_the_job_seekers_name(capsys, planned, tmp_path):
    team, out_file = planned["team"], tmp_path / "team.ics"
    code, out, err = caseteam(capsys, "--db", planned["db"], "meetings", "ics", team.ref, "--out", str(out_file))
    assert code == 0, err
    assert "no job-seeker details" in out
    data = out_file.read_bytes()
    [event] = Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Team meeting" and event["DTSTART"].params["TZID"] == "America/Chicago"
    given, family = team.person_name.split()[0], team.person_name.split()[-1]
    assert given.encode() not in data and family.encode() not in data
    code, out, err = caseteam(capsys, "--db", planned["db"], "meetings", "ics", team.ref, "--out", str(out_file),
                              "--include-person")
    assert code == 0, err
    assert team.person_name in str(Calendar.from_ical(out_file.read_bytes()).walk("VEVENT")[0]["SUMMARY"])


def test_ics_refusals(capsys, planned, tmp_path):
    code, _, err = caseteam(capsys, "--db", planned["db"], "meetings", "ics", "MT-9999", "--out",
                            str(tmp_path / "x.ics"))
    assert code == 1 and "No meeting MT-9999" in err and not (tmp_path / "x.ics").exists()
    code, _, err = caseteam(capsys, "--db", planned["db"], "meetings", "ics", planned["team"].ref, "--series",
                            "--out", str(tmp_path / "x.ics"))
    assert code == 2 and "does not repeat" in err
    code, _, err = caseteam(capsys, "--db", planned["db"], "meetings", "ics", planned["partner"].ref, "--out",
                            str(tmp_path))
    assert code == 2 and "is a folder" in err
    code, _, _ = caseteam(capsys, "--db", planned["db"], "meetings", "ics", planned["partner"].ref, "--series",
                          "--out", str(tmp_path / "series.ics"))
    assert code == 0
    [event] = Calendar.from_ical((tmp_path / "series.ics").read_bytes()).walk("VEVENT")
    assert event["RRULE"]["FREQ"] == ["MONTHLY"]
