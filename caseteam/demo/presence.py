"""The demo's partner presence at the Eastport American Job Center, written through the presence services on
the demo clock a week after the partners are entered: partners of each kind.

- Co-located: the American Job Center itself (the Wagner-Peyser desk and resource room, every weekday) and the
  Tri-County Workforce Development Board upstairs (no set hours: listed every day as based here).
- Scheduled: VR's itinerant counselor Tuesday and Thursday mornings, Riverbend's IPS specialist Wednesday
  afternoons, the WIPA benefits planner Monday mornings (about monthly in practice, kept as a weekly time with a
  note), Bridgeway's job developer Thursday afternoons, Northside's YouthBuild Friday mid-day.
- Referral only: everyone else (Legal Aid, the county waiver office, the school district, ...).

No random value is drawn.
"""

from __future__ import annotations

from datetime import time, timedelta

from caseteam.domain.presence import Engagement
from caseteam.services import presence

CO_LOCATED = ("ajc", "wdb")
# org, weekday (0 = Monday), starts, ends, room, staff key or None, note
SLOTS = (
    *(("ajc", day, time(8), time(16, 30), "Front desk and resource room", "ajc_mark",
       "Wagner-Peyser Employment Service") for day in range(5)),
    ("vr", 1, time(9), time(12), "Room 104", "vr_luis", "Itinerant VR counselor: walk-ins and intake appointments"),
    ("vr", 3, time(9), time(12), "Room 104", "vr_luis", "Itinerant VR counselor: walk-ins and intake appointments"),
    ("mh", 2, time(13), time(16), "Room 106", "ips_samira", "IPS employment specialist"),
    ("cil", 0, time(9), time(12), "Room 104", "wipa_dana",
     "Usually the first Monday of the month: call ahead to book a benefits check-up"),
    ("crp", 3, time(13), time(16), "Resource room", "khadija", "Customized employment questions and VR referrals"),
    ("now", 4, time(10), time(14), "Room 106", "now_keiko", "YouthBuild intake and employment help"),
)
SCHEDULED = tuple(sorted({org for org, *_ in SLOTS} - set(CO_LOCATED)))


def schedule_presence(p, timeline) -> None:
    timeline.at(min(p.setup_day + timedelta(days=7), p.today), lambda: set_up_presence(p))


def set_up_presence(p) -> None:
    uow, actor = p.uow, p.supervisor
    for key in CO_LOCATED:
        presence.set_engagement(uow, actor, p.org_id(key), Engagement.CO_LOCATED)
    for key in SCHEDULED:
        presence.set_engagement(uow, actor, p.org_id(key), Engagement.SCHEDULED)
    site = p.org_id("ajc")
    for org, weekday, starts, ends, room, staff, note in SLOTS:
        presence.add_slot(uow, actor, p.org_id(org), weekday=weekday, starts=starts, ends=ends, room=room,
                          staff_id=p.staff_id(staff) if staff else None, site_organization_id=site, note=note)
    p.counts["presence_slots"] += len(SLOTS)
