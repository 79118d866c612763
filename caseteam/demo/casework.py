"""One person's case, scheduled on the timeline: referral, team, stage changes, Discovery, profile,
then (in planning.py) the plan, and (in task_lists.py) the tasks of each stage."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from caseteam.domain.people import RepresentativeAuthority, Stage
from caseteam.domain.teams import TeamRole
from caseteam.services import discovery, people, teams
from caseteam.services.discovery import ProfileDraft

from . import case_notes, catalog, consent, job_search, planning, task_lists
from . import job_seekers as js
from . import themes as th
from .population import Case

MINUTES = (60, 90, 120, 120, 150, 180, 240)


def schedule_case(case: Case, p, timeline, rng: random.Random) -> None:
    _choose_team(case, p, rng)
    young = case.source == "school" or (case.referred_on - case.date_of_birth).days < 22 * 365
    past = case.text(rng.choice(js.PAST_WORK_YOUNG if young else js.PAST_WORK))
    note = f"{js.REFERRAL_NOTES[case.source]} {past}"
    timeline.at(case.referred_on, lambda: _create_person(case, p, note))
    consent.schedule_releases(case, p, timeline)  # signed at intake, before any partner hears of the person
    task_lists.schedule_stage_tasks(case, p, timeline, rng, 0)
    found = _draw_discovery(case, p, rng)
    for index in range(1, len(case.path)):
        _schedule_stage(case, p, timeline, rng, index, found)
        task_lists.schedule_stage_tasks(case, p, timeline, rng, index)
    for day, action in found["events"]:
        timeline.at(day, action)
    _schedule_profile(case, p, timeline, rng, found)
    planning.schedule_plan(case, p, timeline, rng)
    job_search.schedule_job_search(case, p, timeline)
    case_notes.schedule_notes(case, p, timeline)  # last: on a shared day, after the stage change it writes up


def _lead(p, case: Case):
    return p.actors[case.lead]


def _create_person(case: Case, p, note: str) -> None:
    guardian = {}
    if case.guardian:
        name, relationship, contact = case.guardian
        guardian = dict(representative_name=name, representative_relationship=relationship,
                        representative_authority=RepresentativeAuthority.GUARDIAN, representative_contact=contact)
    row, _ = people.create_person(
        p.uow, p.supervisor, given_name=case.given, family_name=case.family, preferred_name=case.preferred,
        stage_entered_on=case.referred_on, date_of_birth=case.date_of_birth, phone=case.phone, email=case.email,
        street=case.street, city=case.city, region=case.region, postal_code=case.postal_code,
        preferred_language=case.language, interpreter=case.interpreter, communication_needs=case.communication,
        accommodations=case.accommodations, referral_source_id=p.org_id(case.source), referral_note=note,
        referral_date=case.referred_on, home_organization_id=p.org_id("crp"), **guardian)
    case.person_id = row.id


def _choose_team(case: Case, p, rng: random.Random) -> None:
    case.lead = (catalog.LANGUAGE_LEADS.get(case.interpreter) or catalog.LANGUAGE_LEADS.get(case.language)
                 or rng.choice(catalog.JOB_DEVELOPERS))
    formed = case.path[1][1] if len(case.path) > 1 else None
    first_day = formed or case.referred_on
    if case.source == "school":
        case.counselor = catalog.TRANSITION_COUNSELOR
    elif first_day < p.counselor_leaves_on:
        case.counselor = rng.choices(catalog.VR_COUNSELORS, weights=(1, 3, 3))[0]
    else:
        case.counselor = rng.choice(("vr_luis", "vr_jasmine", catalog.REPLACEMENT_COUNSELOR.key))
    case.employer = rng.choice(th.employer_keys(case.themes[0]))
    case.hours, case.wage = rng.choice((10, 12, 15, 16, 20, 24)), rng.choice(("15.00", "15.25", "15.50", "16.00",
                                                                                "16.75", "17.25"))
    partners = []
    if case.source == "school":
        partners.append((rng.choice(catalog.TRANSITION_COORDINATORS), TeamRole.TRANSITION_COORDINATOR, formed))
    if case.source == "mh":
        partners.append((rng.choice(catalog.CASE_MANAGERS), TeamRole.CASE_MANAGER, formed))
    if case.source == "ajc":
        partners.append(("ajc_tiffany", TeamRole.WORKFORCE_STAFF, formed))
    if case.source == "dd" or case.guardian or rng.random() < 0.12:
        partners.append((rng.choice(catalog.SUPPORT_COORDINATORS), TeamRole.SUPPORT_COORDINATOR, formed))
    elif case.reached(Stage.EXTENDED_SUPPORTS):  # waiver-funded extended supports need a support coordinator
        partners.append((rng.choice(catalog.SUPPORT_COORDINATORS), TeamRole.SUPPORT_COORDINATOR,
                         case.entered(Stage.EXTENDED_SUPPORTS)))
    planner = rng.choice(catalog.BENEFITS_PLANNERS) if rng.random() < 0.55 else None
    employed = case.entered(Stage.EMPLOYED)
    if employed:
        partners.append((rng.choice(catalog.JOB_COACHES), TeamRole.JOB_COACH, employed))
        partners.append((catalog.EMPLOYER_CONTACT[case.employer], TeamRole.EMPLOYER_CONTACT, employed))
    discovery_day = case.entered(Stage.DISCOVERY) or formed
    case.supports = [(*s, discovery_day) for s in _draw_supports(case, rng)]
    if formed is not None and 2 + sum(1 for _, _, day in partners if day == formed) < 3:
        if case.supports:
            case.supports[0] = (*case.supports[0][:4], formed)
        else:
            planner = planner or catalog.BENEFITS_PLANNERS[case.number % 2]
            partners.append((planner, TeamRole.BENEFITS_PLANNER, formed))
            planner = None
    if planner:
        partners.append((planner, TeamRole.BENEFITS_PLANNER, case.entered(Stage.JOB_DEVELOPMENT)))
    case.partners = partners


def _draw_supports(case: Case, rng: random.Random) -> list[tuple]:
    out = []
    if case.guardian:
        name, relationship, contact = case.guardian
        out.append((name, relationship, TeamRole.FAMILY, contact.split(";")[0]))
    count = rng.choice((0, 1, 1, 1, 2, 2)) if not out else rng.choice((0, 1))
    family = case.family.split(" ")[0] if case.culture == "latino" else case.family.replace(" Jr.", "")
    for relationship, role, kin, sex in rng.sample(js.NATURAL_SUPPORTS, count):
        if any(r == relationship for _, r, _, _ in out):
            continue
        women, men = js.SUPPORT_GIVEN[case.culture]
        name = (f"{rng.choice(women if sex == 'f' else men)} {family}" if kin
                else rng.choice(js.OUTSIDE_NAMES[relationship]))
        out.append((name, relationship, role, f"({catalog.AREA_CODE}) 555-01{rng.randint(0, 99):02d}"))
    return out


def _stage_reason(case: Case, p, rng: random.Random, index: int, found: dict) -> str:
    stage, _ = case.path[index]
    previous = case.path[index - 1][0]
    if any(s is stage for s, _ in case.path[:index]):
        return f"Back from the pause; {stage.label.lower()} picks up where it stopped."
    employer = p.org_name(case.employer)
    duties = th.duties_at(case.themes, case.employer)
    return {
        Stage.WAITING_AUTHORIZATION: "Discovery authorization requested from VR.",
        Stage.DISCOVERY: ("Discovery authorization received (PO e-mailed by VR)."
                          if previous is Stage.WAITING_AUTHORIZATION else
                          "Authorization came with the referral; Discovery starts now."),
        Stage.PROFILE: f"Discovery complete: {found['count']} activities, {found['minutes'] / 60:g} hours.",
        Stage.CE_PLANNING: "Vocational profile delivered to VR with the Discovery invoice.",
        Stage.JOB_DEVELOPMENT: "CE plan agreed; job-development authorization requested.",
        Stage.EMPLOYED: f"Hired at {employer}: {duties}; {case.hours} hours a week at ${case.wage} an hour.",
        Stage.EXTENDED_SUPPORTS: "Stable at work; VR closed its part and waiver-funded extended supports began.",
        Stage.CLOSED_SUCCESSFUL: f"VR closed the case as rehabilitated after 90 days of competitive integrated "
                                 f"employment at {employer}.",
        Stage.CLOSED_UNSUCCESSFUL: case.text(rng.choice(js.CLOSED_UNSUCCESSFUL_REASONS)),
        Stage.ON_HOLD: rng.choice(js.ON_HOLD_REASONS),
    }[stage]


def _schedule_stage(case: Case, p, timeline, rng: random.Random, index: int, found: dict) -> None:
    stage, day = case.path[index]
    reason = _stage_reason(case, p, rng, index, found)
    if index == 1:
        def assign_lead():
            people.update_person(p.uow, p.supervisor, case.person_id, version=None,
                                 lead_staff_id=p.staff_id(case.lead))
        timeline.at(day, assign_lead)
    timeline.at(day, lambda: people.change_stage(p.uow, _lead(p, case), case.person_id, stage, entered_on=day,
                                                 reason=reason))
    if index == 1:
        _join(case, p, timeline, "lead", case.lead, TeamRole.JOB_DEVELOPER, day)
        _join(case, p, timeline, "counselor", case.counselor, TeamRole.VR_COUNSELOR, day)
    for key, role, joins in case.partners:
        if joins == day and not any(s is stage for s, _ in case.path[:index]):
            _join(case, p, timeline, key, key, role, day)
    for name, relationship, role, contact, joins in case.supports:
        if joins == day and not any(s is stage for s, _ in case.path[:index]):
            def add_support(name=name, relationship=relationship, role=role, contact=contact):
                teams.add_team_member(p.uow, _lead(p, case), case.person_id, role=role, start_date=day,
                                      support_name=name, relationship=relationship, contact=contact)
            timeline.at(day, add_support)


def _join(case: Case, p, timeline, slot: str, staff_key: str, role: TeamRole, day: date) -> None:
    def add():
        row, _ = teams.add_team_member(p.uow, _lead(p, case), case.person_id, role=role, start_date=day,
                                       staff_id=p.staff_id(staff_key))
        case.members[slot] = row.id
    timeline.at(day, add)


def _draw_discovery(case: Case, p, rng: random.Random) -> dict:
    """Discovery activities: dates inside the Discovery stage(s), observations from the person's themes."""
    days: list[date] = []
    for i, (stage, start) in enumerate(case.path):
        if stage is Stage.DISCOVERY:
            end = case.path[i + 1][1] if i + 1 < len(case.path) else p.today + timedelta(days=1)
            days += [start + timedelta(days=k) for k in range((end - start).days)]
    found = {"count": 0, "minutes": 0, "events": []}
    if not days:
        return found
    count = min(len(days), rng.randint(3, 8))
    dates = sorted(rng.sample(days, count))
    names = {r for _, r, _, _, _ in case.supports}
    has_cm = any(r is TeamRole.CASE_MANAGER for _, r, _ in case.partners)
    pool = [o for t in case.themes for o in t.observations] + [
        o for o in th.GENERAL_OBSERVATIONS
        if ("mental-health" not in o[1] or has_cm) and ("the mother" not in o[1] or "Mother" in names)]
    picks = rng.sample(pool, count)
    picks.sort(key=lambda o: 0 if o[1].startswith("First home interview") else 1)
    lead = p.staff_name(case.lead)
    for day, (setting, description, learned) in zip(dates, picks):
        minutes = rng.choice(MINUTES)
        who = [case.first]
        if case.supports and setting.value in ("home", "interview"):
            who.append(f"{case.supports[0][0]} ({case.supports[0][1].lower()})")
        who.append(f"{lead} (Bridgeway)")
        if case.interpreter:
            who.append(f"{case.interpreter} interpreter")
        found["count"] += 1
        found["minutes"] += minutes

        def log(day=day, setting=setting, description=description, learned=learned, minutes=minutes,
                who=", ".join(who)):
            discovery.log_activity(p.uow, _lead(p, case), case.person_id, held_on=day, setting=setting,
                                   minutes=minutes, participants=who, description=case.text(description),
                                   learned=case.text(learned))
            p.counts["discovery_activities"] += 1
        found["events"].append((day, log))
    return found


def _schedule_profile(case: Case, p, timeline, rng: random.Random, found: dict) -> None:
    start = case.entered(Stage.PROFILE)
    if start is None:
        return
    end = case.left(Stage.PROFILE) or p.today + timedelta(days=1)
    first_day = start + timedelta(days=min(rng.randint(2, 7), max(0, (end - start).days - 1)))
    themes = case.themes
    draft = ProfileDraft(
        strengths=". ".join(t.strengths for t in themes) + ".",
        interests="; ".join(t.interests for t in themes) + ".",
        theme_1=themes[0].name, theme_2=themes[1].name, theme_3=themes[2].name,
        ideal_conditions=", ".join((rng.choice(th.TIMES), rng.choice(th.HOURS), rng.choice(th.TRAVEL),
                                    rng.choice(th.SETTING))),
        support_needs=" ".join(rng.sample(th.SUPPORT_NEEDS, 2)),
        contributions=". ".join(t.contributions for t in themes[:2]) + ".")
    agreed = first_day if rng.random() < 0.8 else None
    summary = (f"Written from {found['count']} Discovery activities ({found['minutes'] / 60:g} hours) and read "
               f"through with {case.first}.")

    def first():
        case.profile, _ = discovery.save_profile_revision(p.uow, _lead(p, case), case.person_id, draft,
                                                          summary=summary, agreed_on=agreed)
        p.counts["profile_revisions"] += 1
    timeline.at(first_day, first)
    planning_start = case.entered(Stage.CE_PLANNING)
    if planning_start is None or rng.random() > 0.45:
        return
    planning_end = case.left(Stage.CE_PLANNING) or p.today + timedelta(days=1)
    room = max(0, (planning_end - planning_start).days - 1)
    second_day = planning_start + timedelta(days=min(rng.randint(1, 5), room))
    extra = rng.choice([s for s in th.SETTING if s not in draft.ideal_conditions])
    revised = replace(draft, ideal_conditions=f"{draft.ideal_conditions}, {extra}")
    employer = p.org_name(case.employer)
    agreed_again = second_day if rng.random() < 0.7 else None

    def second():
        case.profile, _ = discovery.save_profile_revision(
            p.uow, _lead(p, case), case.person_id, revised, based_on=case.profile.number,
            summary=f"Added to ideal conditions after the {employer} try-out: {extra}.", agreed_on=agreed_again)
        p.counts["profile_revisions"] += 1
    timeline.at(second_day, second)
