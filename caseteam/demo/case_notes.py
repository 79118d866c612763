"""The demo's case notes: the contacts a job developer writes up at each stage of a case.

Each case draws from its own random stream (by case number), so adding notes leaves every other
demo record exactly as it was. Notes are written and signed by the lead once the lead is recorded
(the program manager before that); a few recent ones stay drafts, a few are corrected by an
addendum, and the program manager co-signs some billable ones.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from caseteam.domain.notes import ContactKind
from caseteam.domain.people import Stage
from caseteam.services import notes
from caseteam.storage.queries import employment as employment_queries

# stage -> (days after the stage began, kind, billable, what happened); {first} {employer} filled in.
STAGE_CONTACTS = {
    Stage.REFERRAL: [
        (1, ContactKind.MEETING, False, "Intake meeting with {first}: went through the referral, the release "
                                        "of information and what {first} hopes work will bring."),
    ],
    Stage.WAITING_AUTHORIZATION: [
        (7, ContactKind.PHONE, False, "Called the VR counselor about the authorization for Discovery and told "
                                      "{first} it is on its way."),
    ],
    Stage.ON_HOLD: [
        (3, ContactKind.PHONE, False, "Checked in with {first} while the case is on hold; {first} will call "
                                      "when ready to start again."),
    ],
    Stage.DISCOVERY: [
        (2, ContactKind.MEETING, True, "Met {first} at home to plan the Discovery weeks: who knows {first} "
                                       "well, which places to visit, and what a good day looks like."),
        (9, ContactKind.SITE_VISIT, True, "Community observation with {first}: ran errands downtown and "
                                          "noted what held {first}'s attention and where help was needed."),
    ],
    Stage.PROFILE: [
        (5, ContactKind.MEETING, True, "Went through the draft vocational profile with {first}; {first} "
                                       "corrected two of the conditions for success in their own words."),
    ],
    Stage.CE_PLANNING: [
        (4, ContactKind.TEAM_MEETING, True, "Customized planning meeting with {first}, the family and the VR "
                                            "counselor; agreed the employment goal and who does what next."),
    ],
    Stage.JOB_DEVELOPMENT: [
        (6, ContactKind.EMPLOYER_CONTACT, False, "Informational interview at {employer}: heard where the work "
                                                 "piles up; {first} agreed we may mention the need for "
                                                 "written task lists, nothing more."),
        (15, ContactKind.PHONE, False, "Called {first} about the proposal to {employer}; {first} wants to "
                                       "try two mornings before deciding."),
    ],
    Stage.EMPLOYED: [
        (1, ContactKind.JOB_COACHING, True, "First day at {employer}: learned the opening routine with a "
                                            "picture checklist; coach stood back for the last hour."),
        (8, ContactKind.JOB_COACHING, True, "Second week: {first} did the routine from the checklist alone; "
                                            "supervisor asked to add stocking the back room."),
        (29, ContactKind.SITE_VISIT, True, "30-day check-in with {first} and the supervisor: on time every "
                                           "shift, coworkers help with the register at rush hour."),
    ],
}
STARTS = (time(9, 0), time(10, 30), time(13, 0), time(14, 30))
MINUTES = (30, 45, 60, 90)


def schedule_notes(case, p, timeline) -> None:
    rng = random.Random(f"caseteam-demo-notes:{case.number}")
    for index, (stage, start) in enumerate(case.path):
        end = case.path[index + 1][1] if index + 1 < len(case.path) else p.today + timedelta(days=1)
        for days, kind, billable, text in STAGE_CONTACTS.get(stage, ()):
            day = start + timedelta(days=days)
            if day >= end or day > p.today:
                continue
            starts = rng.choice(STARTS)
            minutes = rng.choice(MINUTES)
            ends = (time((starts.hour * 60 + starts.minute + minutes) // 60, (starts.minute + minutes) % 60))
            body = text.format(first=case.first, employer=p.org_name(case.employer) if case.employer else
                               "a local employer")
            fate = rng.random()
            timeline.at(day, lambda day=day, kind=kind, billable=billable, body=body, starts=starts, ends=ends,
                        fate=fate: _write(case, p, day, kind, billable, body, starts, ends, fate))


def _write(case, p, day: date, kind, billable: bool, body: str, starts: time, ends: time, fate: float) -> None:
    person = p.uow.people.get(case.person_id)
    # The lead writes the notes; before a lead is recorded, the program manager who took the referral.
    lead = p.actors[case.lead] if person.lead_staff_id == p.staff_id(case.lead) else p.supervisor
    # A coaching visit or site visit while the person works is a follow-along contact about that job.
    jobs = employment_queries.open_jobs(p.uow.session, case.person_id) if kind in (
        ContactKind.JOB_COACHING, ContactKind.SITE_VISIT) else []
    row, _ = notes.save_draft(p.uow, lead, case.person_id, kind=kind, held_on=day, starts_at=starts, ends_at=ends,
                              billable=billable, body=body, place="Bridgeway" if kind is ContactKind.MEETING else "",
                              job_id=jobs[-1].id if jobs else None)
    p.counts["case_notes"] += 1
    if fate < 0.25 and day > p.today - timedelta(days=21):
        return  # a recent note still being written
    signed, _ = notes.sign_note(p.uow, lead, row.id)
    if fate > 0.93:
        notes.add_addendum(p.uow, lead, signed.id, body="Correction: the meeting ran 15 minutes longer; "
                                                        "the family arrived late.")
    elif billable and fate > 0.6 and lead is not p.supervisor:
        notes.cosign_note(p.uow, p.supervisor, signed.id)
