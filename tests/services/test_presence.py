"""Partner presence on both engines: an organization's engagement (create, update, the presence service), its
weekly times in the building with their checks naming the field (times, day, room, staff of another partner,
a referral-only partner, a site that is not a One-Stop), a stale edit, removal and restore with the audit log,
and the week's "who is in the building" with a scheduled and a co-located partner, a Saturday and a site."""

from __future__ import annotations

import json
from datetime import date, time

import pytest
from sqlalchemy import select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.presence import Engagement
from caseteam.domain.users import Role
from caseteam.errors import Conflict, PermissionDenied, ValidationError
from caseteam.services import organizations, presence
from caseteam.services.actors import Actor

MONDAY = date(2026, 11, 2)


@pytest.fixture
def partners(store, actor):
    with store.unit_of_work() as uow:
        ajc, _ = organizations.create_organization(uow, actor, name="Eastport American Job Center",
                                                   kind=OrganizationKind.AMERICAN_JOB_CENTER,
                                                   engagement=Engagement.CO_LOCATED)
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        legal, _ = organizations.create_organization(uow, actor, name="Lakes Legal Aid",
                                                     kind=OrganizationKind.LEGAL_AID)
        karen, _ = organizations.add_staff(uow, actor, vr.id, given_name="Karen", family_name="Mitchell")
        mark, _ = organizations.add_staff(uow, actor, ajc.id, given_name="Mark", family_name="Ebert")
    return dict(store=store, actor=actor, ajc=ajc, vr=vr, legal=legal, karen=karen, mark=mark)


def write(p, fn, *args, **kwargs):
    with p["store"].unit_of_work() as uow:
        return fn(uow, p["actor"], *args, **kwargs)


def read(p, fn, *args, **kwargs):
    with p["store"].unit_of_work(write=False) as uow:
        return fn(uow, p["actor"], *args, **kwargs)


def refused(p, fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as err:
        write(p, fn, *args, **kwargs)
    return err.value


def audit_actions(p, entity_id) -> list[tuple[str, dict]]:
    with p["store"].unit_of_work(write=False) as uow:
        return [(e.action, json.loads(e.changes) if e.changes else None) for e in uow.session.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == str(entity_id)).order_by(AuditEntry.seq))]


def scheduled_vr(p):
    row, changes = write(p, presence.set_engagement, p["vr"].id, Engagement.SCHEDULED)
    assert row.engagement is Engagement.SCHEDULED and changes.presence and changes.organizations
    return row


def test_engagement_is_kept_listed_and_audited(partners):
    p = partners
    assert p["ajc"].engagement is Engagement.CO_LOCATED and p["legal"].engagement is Engagement.REFERRAL_ONLY
    listed = {r.name: r.engagement for r in read(p, organizations.list_organizations)}
    assert listed["Eastport American Job Center"] is Engagement.CO_LOCATED
    assert listed["State VR"] is Engagement.REFERRAL_ONLY
    row, changes = write(p, organizations.update_organization, p["vr"].id, version=p["vr"].version,
                         engagement="scheduled")
    assert row.engagement is Engagement.SCHEDULED and changes.presence
    assert read(p, organizations.get_organization_detail, p["vr"].id).organization.engagement is Engagement.SCHEDULED
    assert audit_actions(p, p["vr"].id)[-1] == ("updated", {"engagement": ["referral_only", "scheduled"]})
    err = refused(p, presence.set_engagement, p["vr"].id, "sometimes")
    assert err.field == "engagement" and '"sometimes" is not a way of engaging' in err.message
    with pytest.raises(Conflict):
        write(p, presence.set_engagement, p["vr"].id, Engagement.CO_LOCATED, version=p["vr"].version)


def test_slot_checks_name_the_field(partners):
    p = partners
    vr = p["vr"].id
    err = refused(p, presence.add_slot, vr, weekday=1, starts=time(9), ends=time(12))
    assert err.field == "engagement" and "State VR takes referrals only" in err.message
    scheduled_vr(p)
    cases = [
        (dict(weekday=1, starts=time(12), ends=time(9)), "ends", "The end time (9:00) must be after the start "
                                                                "time (12:00)."),
        (dict(weekday=1, starts=time(9), ends=time(9)), "ends", "must be after the start time"),
        (dict(weekday=7, starts=time(9), ends=time(12)), "weekday", "Monday to Sunday (0 to 6), not 7"),
        (dict(weekday=1, starts="nine-ish", ends=time(12)), "starts", '"nine-ish" is not a time of day'),
        (dict(weekday=1, starts=time(9), ends=""), "ends", "The end time is required"),
        (dict(weekday=1, starts=time(9), ends=time(12), room="R" * 101), "room",
         "The room is at most 100 characters (this one has 101)."),
        (dict(weekday=1, starts=time(9), ends=time(12), staff_id=p["mark"].id), "staff_id",
         "Mark Ebert works for Eastport American Job Center, not State VR"),
        (dict(weekday=1, starts=time(9), ends=time(12), site_organization_id=p["legal"].id), "site_organization_id",
         "Lakes Legal Aid is not a One-Stop"),
    ]
    for values, field, words in cases:
        err = refused(p, presence.add_slot, vr, **values)
        assert (err.field, words in err.message) == (field, True), (values, err.message)
    assert read(p, presence.list_slots, vr) == []


def test_slots_are_added_changed_removed_and_restored_with_the_audit_log(partners):
    p = partners
    scheduled_vr(p)
    tuesday, changes = write(p, presence.add_slot, p["vr"].id, weekday=1, starts="9:00", ends="12:00",
                             room="Room 104", staff_id=p["karen"].id, site_organization_id=p["ajc"].id)
    assert changes.presence and changes.organizations
    assert (tuesday.day_name, tuesday.hours, tuesday.staff_name, tuesday.site_name) == (
        "Tuesday", "9:00–12:00", "Karen Mitchell", "Eastport American Job Center")
    assert tuesday.words == "At Eastport American Job Center Tuesdays 9:00–12:00, Room 104"
    thursday, _ = write(p, presence.add_slot, p["vr"].id, weekday=3, starts="1:00 pm", ends=time(16, 30))
    assert thursday.words == "At the One-Stop Thursdays 13:00–16:30"
    assert [s.day_name for s in read(p, presence.list_slots, p["vr"].id)] == ["Tuesday", "Thursday"]

    moved, _ = write(p, presence.update_slot, tuesday.id, version=tuesday.version, starts=time(8, 30), room="Room 110")
    assert (moved.hours, moved.room, moved.version) == ("8:30–12:00", "Room 110", tuesday.version + 1)
    err = refused(p, presence.update_slot, tuesday.id, version=moved.version, ends=time(8))
    assert err.field == "ends" and "(8:00) must be after the start time (8:30)" in err.message
    with pytest.raises(Conflict):
        write(p, presence.update_slot, tuesday.id, version=tuesday.version, room="Room 101")

    # A partner with weekly times cannot become referral only; once they are removed it can.
    err = refused(p, presence.set_engagement, p["vr"].id, Engagement.REFERRAL_ONLY)
    assert err.field == "engagement" and "State VR still has 2 weekly times in the building" in err.message
    for slot in (moved, thursday):
        gone, _ = write(p, presence.set_slot_archived, slot.id, True)
        assert gone.archived
    assert read(p, presence.list_slots, p["vr"].id) == []
    assert len(read(p, presence.list_slots, p["vr"].id, include_archived=True)) == 2
    err = refused(p, presence.set_slot_archived, thursday.id, True)
    assert err.field == "archived" and "already removed" in err.message
    write(p, presence.set_engagement, p["vr"].id, Engagement.REFERRAL_ONLY)
    err = refused(p, presence.set_slot_archived, thursday.id, False)  # undo of the removal, now refused
    assert err.field == "engagement" and "takes referrals only" in err.message
    write(p, presence.set_engagement, p["vr"].id, Engagement.SCHEDULED)
    back, _ = write(p, presence.set_slot_archived, thursday.id, False)
    assert not back.archived and [s.id for s in read(p, presence.list_slots, p["vr"].id)] == [thursday.id]
    assert [a for a, _c in audit_actions(p, tuesday.id)] == ["presence time added", "presence time changed",
                                                             "presence time removed"]
    assert audit_actions(p, tuesday.id)[1][1] == {"starts": ["09:00", "08:30"], "room": ["Room 104", "Room 110"]}
    assert [a for a, _c in audit_actions(p, thursday.id)] == ["presence time added", "presence time removed",
                                                              "presence time restored"]


def test_who_is_in_the_building_lists_scheduled_partners_and_co_located_ones_every_day(partners):
    p = partners
    scheduled_vr(p)
    write(p, presence.add_slot, p["vr"].id, weekday=1, starts=time(9), ends=time(12), room="Room 104",
          staff_id=p["karen"].id, site_organization_id=p["ajc"].id)
    write(p, presence.add_slot, p["vr"].id, weekday=3, starts=time(13), ends=time(16), room="Room 104")
    write(p, presence.add_slot, p["ajc"].id, weekday=0, starts=time(8), ends=time(16, 30), room="Resource room",
          staff_id=p["mark"].id)
    week = read(p, presence.who_is_in_building, week_of=date(2026, 11, 5))  # a Thursday: the week from Monday
    assert week.week_of == MONDAY and [d.name for d in week.days] == ["Monday", "Tuesday", "Wednesday", "Thursday",
                                                                      "Friday"]
    lines = {d.name: [(e.organization_name, e.hours, e.room, e.staff_name) for e in d.entries] for d in week.days}
    assert lines["Monday"] == [("Eastport American Job Center", "8:00–16:30", "Resource room", "Mark Ebert")]
    assert lines["Tuesday"] == [("Eastport American Job Center", presence.BASED_HERE, "Resource room", ""),
                                ("State VR", "9:00–12:00", "Room 104", "Karen Mitchell")]
    assert lines["Wednesday"] == lines["Friday"] == [("Eastport American Job Center", presence.BASED_HERE,
                                                      "Resource room", "")]
    assert lines["Thursday"][1] == ("State VR", "13:00–16:00", "Room 104", "")
    assert all(e.co_located for d in week.days for e in d.entries if e.organization_name.startswith("Eastport"))
    assert not any(e.organization_name == "Lakes Legal Aid" for d in week.days for e in d.entries)

    # A Saturday time adds Saturday; a site shows only times there (or at no named One-Stop).
    with p["store"].unit_of_work() as uow:
        other, _ = organizations.create_organization(uow, p["actor"], name="Millbrook Job Center",
                                                     kind=OrganizationKind.AMERICAN_JOB_CENTER)
    write(p, presence.add_slot, p["vr"].id, weekday=5, starts=time(10), ends=time(12), site_organization_id=other.id)
    week = read(p, presence.who_is_in_building, week_of=MONDAY)
    assert week.days[-1].name == "Saturday" and week.last_day == date(2026, 11, 7)
    at_ajc = read(p, presence.who_is_in_building, week_of=MONDAY, site_organization_id=p["ajc"].id)
    assert at_ajc.site_name == "Eastport American Job Center" and len(at_ajc.days) == 5
    assert [e.hours for e in at_ajc.day(date(2026, 11, 5)).entries if e.organization_name == "State VR"] == [
        "13:00–16:00"]
    at_other = read(p, presence.who_is_in_building, week_of=MONDAY, site_organization_id=other.id)
    assert [e.organization_name for e in at_other.day(date(2026, 11, 7)).entries] == ["State VR"]
    assert not any(e.co_located for d in at_other.days for e in d.entries)  # the AJC's own times are at the AJC itself

    # Archived partners and removed times leave the building.
    write(p, organizations.set_organization_archived, p["ajc"].id, True)
    week = read(p, presence.who_is_in_building, week_of=MONDAY)
    assert [e.organization_name for e in week.days[0].entries] == []


def test_everyone_reads_presence_but_only_directory_roles_change_it(partners):
    p = partners
    scheduled_vr(p)
    partner = Actor(user_id=None, username="karen", display_name="Karen Mitchell", role=Role.PARTNER_STAFF,
                    staff_id=p["karen"].id, organization_id=p["vr"].id)
    with p["store"].unit_of_work() as uow:
        with pytest.raises(PermissionDenied):
            presence.add_slot(uow, partner, p["vr"].id, weekday=1, starts=time(9), ends=time(12))
    with p["store"].unit_of_work() as uow:
        with pytest.raises(PermissionDenied):
            presence.set_engagement(uow, partner, p["vr"].id, Engagement.CO_LOCATED)
    with p["store"].unit_of_work(write=False) as uow:
        assert presence.list_slots(uow, partner, p["vr"].id) == []
        assert len(presence.who_is_in_building(uow, partner, week_of=MONDAY).days) == 5
        assert presence.sites(uow, partner) == [(p["ajc"].id, "Eastport American Job Center")]
