"""The demo's job development and what follows it: other agencies' plans (VR's IPE, the waiver plan),
negotiations with employers in every status, the person's disclosure decision per employer, the
employer contacts behind them, the hire, job coaching that fades, pay stubs, stabilization and
extended supports, one job lost and a second placement, one follow-along pause.

Each case draws from its own random stream (by case number), so this leaves the rest of the demo as
drawn. The lead job developer does the work, as in case_notes.py.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from caseteam.domain.employers import EmployerContactKind
from caseteam.domain.employment import SeparationReason, SupportKind
from caseteam.domain.jobs import AgencyPlanKind, DisclosureLevel, GoalMatch, NegotiationStatus as S
from caseteam.domain.people import Stage
from caseteam.domain.teams import TeamRole
from caseteam.services import (
    agency_plans, disclosure_decisions, earnings, employer_contacts, employment, employment_supports,
    job_development,
)

from . import themes as th
from . import employer_book
from .employer_book import JOB_TITLES

# Steps a negotiation takes, the days between them, and the employer contact each step is.
LADDER = ((S.IDEA, 0, None), (S.INFORMATIONAL_INTERVIEW, 8, EmployerContactKind.INFORMATIONAL_INTERVIEW),
          (S.PROPOSAL_MADE, 12, EmployerContactKind.PROPOSAL), (S.NEGOTIATING, 9, EmployerContactKind.MEETING),
          (S.OFFER, 7, EmployerContactKind.PHONE))
DISCLOSURE_WORDS = {
    DisclosureLevel.PARTLY: "That {first} learns best from a written task list and a short demonstration; "
                            "nothing about the diagnosis.",
    DisclosureLevel.FULLY: "{first} is comfortable with the employer knowing about the disability and the "
                           "supports that help; the job coach may explain them.",
}


def schedule_job_search(case, p, timeline) -> None:
    """Everything from the IPE to follow-along for one case, dated within its stages."""
    start = case.entered(Stage.JOB_DEVELOPMENT)
    if start is None:
        return
    rng = random.Random(f"caseteam-demo-jobs:{case.number}")
    hired_on = case.entered(Stage.EMPLOYED)
    if case.counselor:
        timeline.at(start, lambda: _ipe(case, p, start))
    if any(role is TeamRole.SUPPORT_COORDINATOR for _, role, _ in case.partners):
        timeline.at(start, lambda: _waiver_plan(case, p, start))
    # Other employers tried along the way; the main one (case.employer) is where the person is hired.
    others = [k for t in case.themes for k in th.employer_keys(t) if k != case.employer]
    others = list(dict.fromkeys(others))
    rng.shuffle(others)
    end = case.left(Stage.JOB_DEVELOPMENT) or p.today
    if hired_on is not None:
        # Counted back from the hire, so the offer comes a week or two before the first day.
        _negotiate(case, p, timeline, rng, case.employer, max(start + timedelta(days=3), hired_on - timedelta(days=50)),
                   hired_on - timedelta(days=1), final=S.OFFER, starts=hired_on)
        if others:
            _negotiate(case, p, timeline, rng, others[0], start + timedelta(days=1), hired_on - timedelta(days=5),
                       final=S.DECLINED)
        _schedule_employment(case, p, timeline, rng, hired_on)
    elif not case.stage.closed and case.stage is not Stage.ON_HOLD:
        # Still looking: the main negotiation as far as the days so far allow, another at its first step.
        _negotiate(case, p, timeline, rng, case.employer, start + timedelta(days=2), end,
                   final=rng.choice((S.PROPOSAL_MADE, S.NEGOTIATING, S.NEGOTIATING, S.OFFER)))
        if others and (end - start).days > 20:
            _negotiate(case, p, timeline, rng, others[0], start + timedelta(days=15), end,
                       final=rng.choice((S.IDEA, S.INFORMATIONAL_INTERVIEW, S.DECLINED)))


def _lead(p, case):
    return p.actors[case.lead]


def _ipe(case, p, day: date) -> None:
    theme = case.themes[0]
    title, soc = JOB_TITLES[case.employer]
    agency_plans.add_agency_plan(
        p.uow, _lead(p, case), case.person_id, kind=AgencyPlanKind.VR_IPE, organization_id=p.org_id("vr"),
        plan_number=f"IPE-{day.year}-{case.number:04d}", employment_goal=f"{title} ({theme.name}), part-time, "
        "competitive integrated employment", soc_code=soc, starts_on=day - timedelta(days=5),
        services="Customized job development; job coaching; benefits "
        "counseling; bus training")
    p.counts["agency_plans"] += 1


def _waiver_plan(case, p, day: date) -> None:
    agency_plans.add_agency_plan(
        p.uow, _lead(p, case), case.person_id, kind=AgencyPlanKind.WAIVER_SERVICE_PLAN,
        organization_id=p.org_id("dd"), plan_number=f"SP-{day.year}-{case.number:04d}",
        employment_goal=f"{case.first} works in the community in a paid job of {case.first}'s choosing; "
                        "supported employment after VR closes.",
        starts_on=day - timedelta(days=40), ends_on=day + timedelta(days=325),
        services="Supported employment (individual), extended supports; non-medical transportation")
    p.counts["agency_plans"] += 1


def _negotiate(case, p, timeline, rng: random.Random, employer: str, first_day: date, last_day: date, *,
               final: S, starts: date | None = None) -> None:
    """The steps of LADDER that fit between the two days, ending at `final` (or earlier if time runs out)."""
    steps, day = [], first_day
    for status, gap, contact in LADDER:
        day = day + timedelta(days=gap + rng.randint(0, 3))
        if day > last_day or day > p.today:
            break
        steps.append((status, day, contact))
        if status is final:
            break
    if final is S.DECLINED and len(steps) > 1:
        steps.append((S.DECLINED, steps[-1][1] + timedelta(days=4), None))
    if not steps or steps[-1][1] > p.today:
        steps = [s for s in steps if s[1] <= p.today]
    if not steps:
        return
    title, soc = JOB_TITLES[employer]
    level = rng.choice((DisclosureLevel.PARTLY, DisclosureLevel.PARTLY, DisclosureLevel.FULLY,
                        DisclosureLevel.NOT_AT_ALL))
    wage = Decimal(case.wage) if employer == case.employer else Decimal(rng.choice(("14.50", "15.00", "16.00")))
    hours = case.hours if employer == case.employer else rng.choice((12, 15, 20))
    state = {}

    def begin(day=steps[0][1]):
        duties = th.duties_at(case.themes, employer) if any(
            employer in th.employer_keys(t) for t in case.themes) else "tasks carved from the busiest shift"
        row, _ = job_development.start_negotiation(
            p.uow, _lead(p, case), case.person_id, organization_id=p.org_id(employer), on=day,
            unmet_needs=employer_book.need_of(employer), proposal=f"Carve out {duties} into a {hours}-hour "
            f"position for {case.first}.")
        state["id"] = row.id
        disclosure_decisions.record_disclosure_decision(
            p.uow, _lead(p, case), case.person_id, organization_id=p.org_id(employer), level=level,
            what_may_be_said=DISCLOSURE_WORDS.get(level, "").format(first=case.first), decided_on=day)
        p.counts["negotiations"] += 1
    timeline.at(steps[0][1], begin)
    for status, day, contact in steps[1:]:
        def move(status=status, day=day, contact=contact):
            actor = _lead(p, case)
            if status in (S.NEGOTIATING, S.OFFER):
                job_development.update_negotiation(
                    p.uow, actor, state["id"], job_title=title, soc_code=soc, duties=th.duties_at(
                        case.themes, employer) if employer == case.employer else "",
                    hours_per_week=hours, hourly_wage=wage, schedule="Weekday mornings",
                    # Now and then the employer offers less than coworkers earn: the checklist flags it.
                    customary_wage=wage + (Decimal("1.25") if case.number % 4 == 0 else 0),
                    supports="Job coach on site, fading over the first six weeks",
                    start_date=starts or day + timedelta(days=7), benefits_like_coworkers=True, integrated_setting=True,
                    advancement=True, ipe_match=GoalMatch.MATCHES if case.counselor else GoalMatch.NOT_CHECKED)
            job_development.set_status(p.uow, actor, state["id"], status, on=day, declined_reason=(
                "The employer could not offer hours that fit the bus schedule." if status is S.DECLINED else None))
            if contact is not None:
                employer_contacts.record_contact(
                    p.uow, actor, p.org_id(employer), contacted_on=day, kind=contact,
                    contact_staff_id=p.staff_id(f"emp_{employer}"), summary=f"{status.label} with "
                    f"{p.org_name(employer)} about {case.first}: {title.lower()}.", people=(case.person_id,))
                p.counts["employer_contacts"] += 1
        timeline.at(day, move)
    state["final"], state["employer"] = steps[-1][0], employer
    p.negotiation_ids.setdefault(case.number, []).append(state)


def _schedule_employment(case, p, timeline, rng: random.Random, day: date) -> None:
    """The hire and everything after it, scheduled now; the job's id is known once the hire has run."""
    state: dict = {}
    second = case.number == p.second_placement
    timeline.at(day, lambda: _hire(case, p, day, state, second))
    if second:  # the first job, at another employer, is lost; the second placement is the main one
        lost, again = day + timedelta(days=21), day + timedelta(days=37)
        _coaching_fades(case, p, timeline, state, day, until=lost)
        _pay_stubs(case, p, timeline, state, day, rng, until=lost)
        timeline.at(lost, lambda: employment.separate(
            p.uow, _lead(p, case), state["job"], separated_on=lost, reason=SeparationReason.LAID_OFF,
            note="Seasonal staff cut after the holidays; the supervisor would hire back in spring."))
        again_state: dict = {}
        timeline.at(again, lambda: _second_placement(case, p, again, again_state))
        _coaching_fades(case, p, timeline, again_state, again)
        _pay_stubs(case, p, timeline, again_state, again, rng)
        return
    closed = case.entered(Stage.CLOSED_UNSUCCESSFUL)
    last = closed - timedelta(days=1) if closed is not None else None
    _coaching_fades(case, p, timeline, state, day, until=last)
    _pay_stubs(case, p, timeline, state, day, rng, until=last)
    stable = case.entered(Stage.EXTENDED_SUPPORTS) or (
        day + timedelta(days=75) if case.reached(Stage.CLOSED_SUCCESSFUL) else None)
    if stable is not None and stable <= p.today:
        timeline.at(stable, lambda: _stabilize(case, p, state["job"], stable))
    if last is not None:
        timeline.at(last, lambda: employment.separate(
            p.uow, _lead(p, case), state["job"], separated_on=last, reason=SeparationReason.QUIT,
            note=f"{case.first} decided the early start was too hard to keep up."))
    if case.number == p.paused_case:
        pause, back = day + timedelta(days=20), day + timedelta(days=34)
        if back <= p.today:
            timeline.at(pause, lambda: employment_supports.pause_follow_along(
                p.uow, _lead(p, case), state["job"], starts_on=pause,
                reason="Hospital stay and two weeks of medical leave"))
            timeline.at(back, lambda: employment_supports.resume_follow_along(
                p.uow, _lead(p, case), state["job"], ends_on=back))


def _main_negotiation(case, p) -> dict | None:
    return next((s for s in p.negotiation_ids.get(case.number, []) if s["employer"] == case.employer), None)


def _hire(case, p, day: date, state: dict, second: bool) -> None:
    main = _main_negotiation(case, p)
    employer = case.employer
    if second:
        employer = next(k for k in ("hotel", "warehouse", "grocery", "print") if k != case.employer)
    title, _ = JOB_TITLES[employer]
    job, _ = employment.record_hire(
        p.uow, _lead(p, case), case.person_id, negotiation_id=main["id"] if main and not second else None,
        organization_id=p.org_id(employer), job_title=title, hours_per_week=case.hours,
        hourly_wage=Decimal(case.wage), start_date=day, benefits="Paid time off after 90 days; employee discount",
        supports=[{"kind": SupportKind.JOB_COACH, "description": "Job coach on site", "hours_per_week": 10},
                  {"kind": SupportKind.NATURAL_SUPPORT, "description": "A coworker shows each new task"}])
    state["job"], state["wage"] = job.id, job.hourly_wage
    p.counts["jobs"] += 1


def _second_placement(case, p, day: date, state: dict) -> None:
    main = _main_negotiation(case, p)
    title, _ = JOB_TITLES[case.employer]
    job, _ = employment.record_hire(
        p.uow, _lead(p, case), case.person_id, negotiation_id=main["id"] if main else None,
        organization_id=p.org_id(case.employer), job_title=title, hours_per_week=case.hours,
        hourly_wage=Decimal(case.wage) + Decimal("0.50"), start_date=day,
        supports=[{"kind": SupportKind.JOB_COACH, "description": "Job coach on site", "hours_per_week": 8}])
    state["job"], state["wage"] = job.id, job.hourly_wage
    p.counts["jobs"] += 1


def _coaching_fades(case, p, timeline, state: dict, hired: date, *, until: date | None = None) -> None:
    for weeks, hours in ((3, 5), (6, 2)):
        day = hired + timedelta(weeks=weeks)
        if day <= min(p.today, until or p.today):
            timeline.at(day, lambda day=day, hours=hours: employment_supports.add_support(
                p.uow, _lead(p, case), state["job"], kind=SupportKind.JOB_COACH, starts_on=day,
                description="Job coach, fading", hours_per_week=hours))


def _pay_stubs(case, p, timeline, state: dict, hired: date, rng: random.Random, *,
               until: date | None = None) -> None:
    """Every other Friday from the second week; the last one covers the last days worked."""
    payday = hired + timedelta(days=14 + (4 - hired.weekday()) % 7)
    last = min(p.today, until + timedelta(days=13)) if until else p.today
    while payday <= last:
        hours = Decimal(case.hours * 2) - Decimal(rng.choice((0, 0, 1, 2)))
        timeline.at(payday, lambda payday=payday, hours=hours: _stub(case, p, state, payday, hours))
        payday += timedelta(days=14)


def _stub(case, p, state: dict, payday: date, hours: Decimal) -> None:
    # The wage is the one the hire recorded (the demo never changes it), so the job isn't read again per stub.
    earnings.add_pay_stub(p.uow, _lead(p, case), state["job"], paid_on=payday, hours=hours,
                          gross=(hours * state["wage"]).quantize(Decimal("0.01")),
                          period_start=payday - timedelta(days=19), period_end=payday - timedelta(days=6))
    p.counts["pay_stubs"] += 1


def _stabilize(case, p, job_id, day: date) -> None:
    actor = _lead(p, case)
    employment.stabilize(p.uow, actor, job_id, on=day)
    employment_supports.add_extended_support(
        p.uow, actor, job_id, starts_on=day, provider_organization_id=p.org_id("crp"),
        funder_organization_id=p.org_id("dd") if case.reached(Stage.EXTENDED_SUPPORTS) else None,
        funder_note="" if case.reached(Stage.EXTENDED_SUPPORTS) else "Bridgeway's own follow-along",
        description="Monthly check-in with the supervisor; coaching when tasks change", hours_per_month=4)
