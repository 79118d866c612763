"""The demo's meetings, written through the meeting services on the demo clock: Bridgeway's monthly partner
meeting (a series on the 2nd Wednesday, the past ones held with minutes, decisions and action items, the
next one planned with the open items carried onto its agenda), the workforce board's quarterly disability
advisory council, a transition workgroup led by an outside facilitator, and team meetings for a few people
(held three weeks ago, the next one planned).

The choices of wording come from their own random stream, so adding meetings changes no other demo data.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from caseteam.domain.meetings import Attendance, MeetingKind, Recurrence
from caseteam.domain.people import Stage
from caseteam.errors import ConsentRequired, ValidationError
from caseteam.services import meeting_agenda, meetings, tasks

ZONE = "America/Chicago"
TEAM_MEETINGS = 3
ACTIVE = (Stage.DISCOVERY, Stage.PROFILE, Stage.CE_PLANNING, Stage.JOB_DEVELOPMENT, Stage.EMPLOYED)
PARTNER_REPS = ("manager", "vr_wendell", "ips_phil", "ajc_tiffany", "wipa_dana", "sc_ashley")
COUNCIL_REPS = ("wdb_patricia", "ajc_tiffany", "vr_wendell", "il_terri", "cap_daniel", "manager")
WORKGROUP_REPS = ("tc_emily", "vr_gregory", "khadija", "ajc_mark")
PARTNER_TOPICS = (("Referrals this month", "Referral flow from VR and the AJC"),
                  ("Benefits planning wait list", "WIPA capacity"),
                  ("Employer events", "Joint employer breakfast"),
                  ("Transportation gaps", "Rides to second-shift jobs"))
PARTNER_ACTIONS = (("ajc", "ajc_tiffany", "Share the AJC workshop calendar with all partners"),
                   ("cil", "wipa_dana", "Send the benefits-planning referral form to the partners"),
                   ("crp", "manager", "Draft the agenda for the joint employer breakfast"),
                   ("vr", "vr_wendell", "Report VR's new customized-employment authorizations"),
                   ("mh", "ips_phil", "Invite the transit authority to the next meeting"))
TEAM_MINUTES = ("{given} talked about the work {they} enjoyed during Discovery and wants to try {goal}.",
                "{given} led the meeting with the one-page profile; the team agreed on two employers to approach.",
                "The team reviewed the plan with {given}; transportation to interviews is the open question.")


def schedule_meetings(cases, p, timeline, rng: random.Random) -> None:
    start = max(p.setup_day + timedelta(days=7), p.today - timedelta(days=120))
    _partner_series(p, timeline, rng, _weekday_on_or_after(_next_month(start).replace(day=8), 2))
    _gathering(p, timeline, rng, _weekday_on_or_after(_next_month(max(start, p.today - timedelta(days=100))), 1),
               COUNCIL)
    _gathering(p, timeline, rng, p.today - timedelta(days=18), WORKGROUP)
    chosen = [c for c in cases if c.stage in ACTIVE and c.referred_on <= p.today - timedelta(days=60)]
    for case in chosen[:TEAM_MEETINGS]:
        _team(p, timeline, rng, case)


def _on(p, day: date) -> date:
    """Never before the partners are entered (a small demo starts close to today)."""
    return max(day, p.setup_day + timedelta(days=1))


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def _invite(p, meeting_id, keys) -> None:
    for key in keys:
        meeting_agenda.add_attendee(p.uow, p.supervisor, meeting_id, staff_id=p.staff_id(key))


def _hold(p, row, rng: random.Random, minutes: str, decision: str, actions) -> object:
    """Attendance, minutes, a decision, the action items (tasks), then held."""
    for a in row.attendees:
        mark = Attendance.PRESENT if rng.random() < 0.85 else rng.choice((Attendance.ABSENT, Attendance.EXCUSED))
        meeting_agenda.set_attendance(p.uow, p.supervisor, a.id, mark)
    meetings.record_minutes(p.uow, p.supervisor, row.id, minutes)
    meeting_agenda.add_decision(p.uow, p.supervisor, row.id, decision)
    for org, staff, text, due in actions:
        try:
            meeting_agenda.add_action_item(p.uow, p.supervisor, row.id, text, organization_id=p.org_id(org),
                                           staff_id=p.staff_id(staff) if staff else None, due=due)
        except (ConsentRequired, ValidationError):  # no release for that partner (or they left): skipped
            continue
    return meetings.mark_held(p.uow, p.supervisor, row.id)[0]


def _finish_first_task(p, row) -> None:
    """Someone did the first action item before the next meeting, so only the others carry over."""
    done = next((a for a in row.action_items if a.task_id is not None), None)
    if done is not None:
        tasks.complete_task(p.uow, p.supervisor, done.task_id)


# --- the partner meeting series ----------------------------------------------------------------------------

def _partner_series(p, timeline, rng: random.Random, first: date) -> None:
    state: dict = {}

    def open_series() -> None:
        row, _ = meetings.schedule_meeting(
            p.uow, p.supervisor, kind=MeetingKind.PARTNER, title="Eastport employment partners meeting",
            host_organization_id=p.org_id("crp"), starts_local=_at(first, 9, 30), zone=ZONE, duration_minutes=90,
            place="Bridgeway Employment Services, 1125 W 3rd St, community room",
            call_link="https://meet.example.org/eastport-partners", recurrence=Recurrence.MONTHLY_WEEKDAY,
            agenda=("Standing: partner updates", "Referrals this month"))
        _invite(p, row.id, PARTNER_REPS)
        state["row"] = row

    def hold(n: int) -> None:
        row = meetings.get_meeting(p.uow, p.supervisor, state["row"].id)
        topic, decision_topic = PARTNER_TOPICS[n % len(PARTNER_TOPICS)]
        picks = rng.sample(PARTNER_ACTIONS, 2)
        actions = [(org, staff, text, row.starts_local.date() + timedelta(days=21)) for org, staff, text in picks]
        state["row"] = _hold(p, row, rng, f"Partners reviewed {topic.lower()}. {decision_topic} was discussed at "
                                          "length; each partner reported its numbers for the month.",
                             f"Partners agreed to a shared plan for {decision_topic.lower()}.", actions)

    def next_one() -> None:
        _finish_first_task(p, state["row"])
        state["row"] = meetings.next_meeting(p.uow, p.supervisor, state["row"].id)[0]

    timeline.at(_on(p, first - timedelta(days=14)), open_series)
    day, n = first, 0
    while day < p.today:  # the series' own dates: the 2nd Wednesday of each month
        timeline.at(day, lambda n=n: hold(n))
        timeline.at(min(p.today, day + timedelta(days=7)), next_one)
        n += 1
        day = _weekday_on_or_after(_next_month(day).replace(day=8), 2)


# --- the disability advisory council and the workgroup -------------------------------------------------------

@dataclass(frozen=True)
class Gathering:
    """A partnership meeting scheduled ahead, held on its day with its minutes, and its next one made."""

    values: dict            # schedule_meeting's arguments (not the start time)
    hour: tuple[int, int]
    reps: tuple[str, ...]
    notice_days: int        # scheduled this many days ahead
    minutes: str
    decision: str
    actions: tuple[tuple[str, str, str], ...]  # (organization, staff, text)
    due_days: int
    next_after_days: int    # the next one is made this many days after
    next_in_days: int | None = None  # a one-off's next date, days after; None: the series' next date


COUNCIL = Gathering(
    dict(kind=MeetingKind.DISABILITY_ADVISORY_COUNCIL, title="Disability advisory council", host="wdb",
         duration_minutes=120, place="Tri-County Workforce Development Board, 1800 Kimberly Rd, 2nd Floor",
         recurrence=Recurrence.MONTHLY_WEEKDAY, interval=3,
         purpose="Advise the workforce board on the accessibility of the American Job Center and its services.",
         agenda=("Standing: accessibility review of the AJC", "Customized employment in the WIOA plan")),
    (13, 0), COUNCIL_REPS, 21, "The council walked through the AJC's resource room with two members who use "
    "screen readers; two of six kiosks read aloud correctly.",
    "Recommend that the board fund screen-reader updates for every kiosk.",
    (("ajc", "ajc_tiffany", "Get quotes for kiosk screen-reader updates"),
     ("wdb", "wdb_patricia", "Put customized employment on the board's next agenda")), 45, 10)

WORKGROUP = Gathering(
    dict(kind=MeetingKind.PARTNER_WORKGROUP, title="School-to-work transition workgroup", host="school",
         place="Millbrook High School, library", facilitator="Dr. Helen Park, Lakes Region University",
         purpose="Map the steps from the 18-21 transition program to a job with VR and Bridgeway.",
         agenda=("Where students fall through the cracks", "Pre-ETS and Discovery together")),
    (15, 30), WORKGROUP_REPS, 10, "The facilitator led a process map of a student's last year; the hand-off "
    "from school to VR takes four months on average.", "Start VR referrals in the fall of the student's last year.",
    (("school", "tc_emily", "List the students leaving in June with their VR status"),
     ("vr", "vr_gregory", "Hold VR intake days at the school each October")), 30, 3, 42)


def _gathering(p, timeline, rng: random.Random, day: date, g: Gathering) -> None:
    if day <= p.setup_day + timedelta(days=1):
        return
    state: dict = {}

    def schedule() -> None:
        values = dict(g.values)
        host = values.pop("host")
        row, _ = meetings.schedule_meeting(p.uow, p.supervisor, host_organization_id=p.org_id(host),
                                           starts_local=_at(day, *g.hour), zone=ZONE, **values)
        _invite(p, row.id, g.reps)
        state["row"] = row

    def hold() -> None:
        row = meetings.get_meeting(p.uow, p.supervisor, state["row"].id)
        due = day + timedelta(days=g.due_days)
        state["row"] = _hold(p, row, rng, g.minutes, g.decision, [(*a, due) for a in g.actions])

    def next_one() -> None:
        when = None if g.next_in_days is None else _at(day + timedelta(days=g.next_in_days), *g.hour)
        meetings.next_meeting(p.uow, p.supervisor, state["row"].id, starts_local=when)

    timeline.at(_on(p, day - timedelta(days=g.notice_days)), schedule)
    timeline.at(day, hold)
    timeline.at(min(p.today, day + timedelta(days=g.next_after_days)), next_one)


# --- team meetings -------------------------------------------------------------------------------------------

def _team(p, timeline, rng: random.Random, case) -> None:
    day = p.today - timedelta(days=21 - case.number % 5)
    if day <= p.setup_day + timedelta(days=1):
        return
    state: dict = {}

    def schedule() -> None:
        if case.person_id is None:
            return
        row, _ = meetings.schedule_meeting(
            p.uow, p.supervisor, kind=MeetingKind.TEAM, title=f"Team meeting: {case.preferred or case.given}",
            host_organization_id=p.org_id("crp"), person_id=case.person_id, starts_local=_at(day, 10),
            zone=ZONE, place="Bridgeway Employment Services, meeting room 2",
            agenda=("Progress on the plan", "Job leads", "Supports at work"))
        meeting_agenda.add_attendee(p.uow, p.supervisor, row.id, staff_id=p.staff_id(case.lead))
        for key in (case.counselor,) if case.counselor else ():
            try:
                meeting_agenda.add_attendee(p.uow, p.supervisor, row.id, staff_id=p.staff_id(key))
            except (ConsentRequired, ValidationError):
                pass
        for name, relationship, *_ in case.supports[:1]:
            meeting_agenda.add_attendee(p.uow, p.supervisor, row.id, name=name, role=relationship)
        state["row"] = meetings.get_meeting(p.uow, p.supervisor, row.id)

    def hold() -> None:
        if "row" not in state:
            return
        given = case.preferred or case.given
        text = rng.choice(TEAM_MINUTES).format(given=given, they="they", goal="work with animals or outdoors")
        actions = [("crp", case.lead, f"Contact two employers from the job leads with {given}",
                    day + timedelta(days=14)),
                   ("crp", case.lead, "Check bus routes to the employers on the list", day + timedelta(days=7))]
        if case.counselor:
            actions.append(("vr", case.counselor, "Confirm the job coaching authorization", day + timedelta(days=10)))
        state["row"] = _hold(p, state["row"], rng, text, "The team will approach employers in the order "
                             f"{given} chose.", actions)

    def next_one() -> None:
        if "row" not in state:
            return
        _finish_first_task(p, state["row"])
        meetings.next_meeting(p.uow, p.supervisor, state["row"].id, starts_local=_at(day + timedelta(days=35), 10))

    timeline.at(_on(p, day - timedelta(days=7)), schedule)
    timeline.at(day, hold)
    timeline.at(min(p.today, day + timedelta(days=8)), next_one)
