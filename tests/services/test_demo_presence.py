"""The demo partnership's presence at the One-Stop: partners of each kind (co-located, scheduled, referral
only), the week's who-is-in-the-building with VR on Tuesday and Thursday mornings and Riverbend on Wednesday
afternoons, and the resource manual's line for VR."""

from __future__ import annotations

from collections import Counter
from datetime import date

from caseteam.domain.presence import Engagement
from caseteam.services import organizations, presence
from caseteam.services.resource_manual import manual_entries

from builders import reader

VR = "State VR – Eastside District Office"


def test_the_demo_has_partners_of_each_presence_kind_and_a_full_week(demo_store):
    with demo_store.unit_of_work(write=False) as uow:
        listed = organizations.list_organizations(uow, reader())
        week = presence.who_is_in_building(uow, reader(), week_of=date(2026, 11, 4))  # weekly times: any week reads the same
        manual = {e.name: e for e in manual_entries(uow, reader())}
    kinds = Counter(r.engagement for r in listed)
    assert kinds[Engagement.CO_LOCATED] == 2 and kinds[Engagement.SCHEDULED] == 5
    assert kinds[Engagement.REFERRAL_ONLY] == len(listed) - 7
    legal = next(r for r in listed if r.name == "Lakes Region Legal Aid")
    assert legal.engagement is Engagement.REFERRAL_ONLY
    assert [d.name for d in week.days] == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

    def at(day: str) -> dict[str, tuple[str, str, str]]:
        found = next(d for d in week.days if d.name == day)
        return {e.organization_name: (e.hours, e.room, e.staff_name) for e in found.entries}

    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        assert at(day)["Eastport American Job Center"] == ("8:00–16:30", "Front desk and resource room",
                                                           "Mark Ebert")
        assert at(day)["Tri-County Workforce Development Board"][0] == presence.BASED_HERE
    assert at("Tuesday")[VR] == at("Thursday")[VR] == ("9:00–12:00", "Room 104", "Luis Ortega")
    assert VR not in at("Wednesday")
    assert at("Wednesday")["Riverbend Behavioral Health"] == ("13:00–16:00", "Room 106", "Samira Haddad")
    assert "Lakes Region Legal Aid" not in {name for d in week.days for name in at(d.name)}
    assert manual[VR].schedule == ("At Eastport American Job Center Tuesdays 9:00–12:00, Room 104",
                                   "At Eastport American Job Center Thursdays 9:00–12:00, Room 104")
    assert manual["Lakes Region Legal Aid"].engagement == "Referral only"
