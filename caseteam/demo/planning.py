"""The customized plan for employment: the first revision at the CE planning meeting, then revisions
that change something real (a new goal, a step done, a goal achieved), each built from the one before
so goal and step keys carry over and comparison can follow them."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from caseteam.domain.people import Stage
from caseteam.domain.plans import GoalStatus, StepOwner
from caseteam.domain.teams import TeamRole
from caseteam.domain.tasks import Priority
from caseteam.services import plan_signatures, plans
from caseteam.services.plans import GoalDraft, PlanDraft, StepDraft

from . import catalog
from . import job_seekers as js
from . import themes as th
from .task_lists import counselor_on, partner, schedule_task

# A step as written at scheduling time: (description, owner, staff key, days from the revision to due).
# owner is "person", "support" (staff key holds the support's name) or an organization key.


def _within(case, stage: Stage, offset: int, today: date) -> date:
    start = case.entered(stage)
    end = case.left(stage) or today + timedelta(days=1)
    return start + timedelta(days=min(offset, max(0, (end - start).days - 1)))


def schedule_plan(case, p, timeline, rng: random.Random) -> None:
    if case.entered(Stage.CE_PLANNING) is None:
        return
    today = p.today
    meeting = _within(case, Stage.CE_PLANNING, rng.randint(5, 14), today)
    later = []  # (day, kind)
    if case.reached(Stage.JOB_DEVELOPMENT) and rng.random() < 0.75:
        later.append((_within(case, Stage.JOB_DEVELOPMENT, rng.randint(10, 40), today), "job search"))
    employed = case.entered(Stage.EMPLOYED)
    if employed:
        later.append((_within(case, Stage.EMPLOYED, rng.randint(3, 10), today), "hired"))
        end = case.left(Stage.EMPLOYED) or today + timedelta(days=1)
        if (end - employed).days > 92:
            later.append((employed + timedelta(days=90 + rng.randint(0, min(5, (end - employed).days - 92))),
                          "90 days"))
    variant = rng.choice(("state id", "try-out", "hours"))
    first_hours = rng.choice([h for h in (8, 20, 25) if h != case.hours]) if variant == "hours" else case.hours
    goals = _first_goals(case, p, rng, first_hours)
    texts = _plan_texts(case, p, rng)
    agreed = meeting if rng.random() < 0.9 else None
    names = [case.first] + [s[0] for s in case.supports[:1]] + [p.staff_name(case.lead)]

    def first():
        draft = PlanDraft(**texts, review_due=meeting + timedelta(days=90),
                          goals=tuple(_goal(case, p, g, meeting) for g in goals))
        case.plan, _ = plans.save_plan_revision(
            p.uow, p.actors[case.lead], case.person_id, draft, agreed_on=agreed,
            summary=f"First plan, written at the CE planning meeting with {', '.join(names)}.")
        _sign(case, p, agreed)
    timeline.at(meeting, first)
    next_change = later[0][0] if later else None
    org_steps = [(gi, si, s) for gi, g in enumerate(goals) for si, s in enumerate(g[4])
                 if s[1] not in ("person", "support")]
    for gi, si, step in rng.sample(org_steps, min(len(org_steps), rng.choice((0, 1, 1, 2)))):
        staff = counselor_on(case, p, meeting) if step[2] == "counselor" else step[2]
        schedule_task(p, timeline, rng, case=case, title=step[0], org=step[1], staff=staff, created=meeting,
                      due=meeting + timedelta(days=step[3]), priority=Priority.NORMAL, phase_end=next_change,
                      details="From the customized plan for employment.", step=(gi, si))
    goal_count = len(goals)
    for number, (day, kind) in enumerate(later):
        agreed_then = day if rng.random() < 0.75 else None
        if kind == "job search":
            goal_count += variant == "state id"
            _schedule_revision(case, p, timeline, day, agreed_then, lambda d, day=day: _job_search(
                case, p, d, day, variant), _job_search_summary(case, p, variant))
        elif kind == "hired":
            retention_goal = goal_count
            goal_count += 1
            _schedule_revision(case, p, timeline, day, agreed_then, lambda d, day=day: _hired(case, p, d, day),
                               f"Updated after hire at {p.org_name(case.employer)}: goal 1 achieved; added "
                               "goal: keep my job past 90 days")
            following = later[number + 1][0] if number + 1 < len(later) else None
            schedule_task(p, timeline, rng, case=case, title=_FADING, org="crp",
                          staff=partner(case, TeamRole.JOB_COACH), created=day, due=day + timedelta(days=42),
                          priority=Priority.NORMAL, phase_end=following,
                          details="From the customized plan for employment.", step=(retention_goal, 0))
        else:
            _schedule_revision(case, p, timeline, day, day, lambda d, day=day: _ninety_days(case, p, d, day),
                               "Updated after 90-day review: kept the job; coaching down to 2 hours a week")


_FADING = "Fade job coaching from daily to twice a week by week 6"
BENEFITS = "Know how a paycheck changes my SSI and Medicaid"
TRAVEL = "Get to work on my own by bus"
WAIVER = "Put a paid job in my waiver plan"
STATE_ID = "Get a state ID before my first day"


def _schedule_revision(case, p, timeline, day: date, agreed: date | None, change, summary: str) -> None:
    def save():
        previous = case.plan
        draft = _hand_over_steps(case, p, change(previous.draft), day)
        case.plan, _ = plans.save_plan_revision(p.uow, p.actors[case.lead], case.person_id, draft,
                                                summary=summary, based_on=previous.number, agreed_on=agreed)
        _sign(case, p, agreed)
    timeline.at(day, save)


def _sign(case, p, agreed: date | None) -> None:
    """An agreed revision is signed at the meeting: by the guardian where there is one."""
    if agreed is None:
        return
    how = plan_signatures.BY_REPRESENTATIVE if case.guardian else plan_signatures.IN_PERSON
    plan_signatures.record_plan_signature(p.uow, p.actors[case.lead], case.person_id, case.plan.number,
                                          signed_on=agreed, how=how)
    p.counts["plan_signatures"] += 1


def _first_goals(case, p, rng: random.Random, hours: int) -> list[tuple]:
    theme = case.themes[0]
    employers = [key for t in case.themes for key in th.employer_keys(t)]
    first, second = employers[0], next(e for e in employers if e != employers[0])
    support = case.supports[0][0] if case.supports else None
    goals = [(f"Get a job {theme.job} that fits my conditions",
              f"Hired for at least {hours} hours a week at or above $15.00 an hour, working alongside coworkers "
              "without disabilities", 150, GoalStatus.IN_PROGRESS,
              [(f"Informational interviews at {p.org_name(first)} and {p.org_name(second)}", "crp", case.lead, 30),
               ("Choose photos from the try-outs for my visual résumé", "person", None, 14),
               ("Authorize job development", "vr", "counselor", 21)])]
    planner = partner(case, TeamRole.BENEFITS_PLANNER)
    travel = (TRAVEL, "Rides route 7 to the work site and back without a coach 10 times "
              "in a row", 180, GoalStatus.NOT_STARTED,
              [(f"Bus travel training: route 7 to {p.org_name(case.employer)}", "crp",
                partner(case, TeamRole.JOB_COACH) or catalog.JOB_COACHES[case.number % 2], 45),
               ("Apply for a reduced-fare bus pass", "person", None, 21)])
    if planner:
        # WIPA names the planner after its own intake, so some plans give only the project.
        steps = [("Benefits summary and analysis (BS&A) before offer", "cil", planner if rng.random() < 0.7 else None,
                  30),
                 ("Bring my latest SSA letter and Medicaid card to the benefits meeting", "person", None, 20)]
        if support:
            steps.append((f"Come to the benefits meeting with {case.first}", "support", support, 30))
        goals.append((BENEFITS, "Has a written benefits summary (BS&A) "
                      "and reports pay stubs to SSA by the 10th of each month", 90, GoalStatus.IN_PROGRESS, steps))
    else:
        goals.append(travel)
    coordinator = partner(case, TeamRole.SUPPORT_COORDINATOR)
    if coordinator:
        goals.append((WAIVER, "Employment goal and extended supports written into the "
                      "waiver service plan", 60, GoalStatus.NOT_STARTED,
                      [("Update the waiver service plan with the employment goal", "dd", coordinator, 30)]))
    elif planner and rng.random() < 0.4:
        goals.append(travel)
    return goals


def _plan_texts(case, p, rng: random.Random) -> dict:
    themes = case.themes
    does = rng.sample(js.SUPPORT_DOES, len(case.supports))
    supports = "\n".join(f"{name} ({relationship.lower()}): {what}"
                         for (name, relationship, *_), what in zip(case.supports, does)) or \
        "None named yet; ask again at review."
    paid = ["VR: Discovery, job development and job coaching (authorized)"]
    if partner(case, TeamRole.BENEFITS_PLANNER):
        paid.append("WIPA at Access Alliance: benefits planning")
    if partner(case, TeamRole.SUPPORT_COORDINATOR):
        paid.append("HCBS ID waiver: extended supports after stabilization")
    if partner(case, TeamRole.CASE_MANAGER):
        paid.append("Riverbend: case management and psychiatric care")
    employers = [f"{p.org_name(key)}: {duties}" for t in themes[:2] for key, duties in t.employers[:2]]
    return dict(
        vision=f"{themes[0].vision} {rng.choice(js.VISION_ENDINGS)}",
        important_to="; ".join(rng.sample(th.IMPORTANT_TO, 2) + [themes[0].interests.split(",")[0]]),
        important_for="; ".join(rng.sample(th.IMPORTANT_FOR, 2)),
        gifts_and_strengths=". ".join(t.strengths for t in themes) + ".",
        supports_natural=supports, supports_paid="\n".join(paid),
        supports_technology="; ".join(rng.sample(th.TECHNOLOGY, 2)),
        supports_community="; ".join(rng.sample(th.COMMUNITY, 2)),
        employers_to_approach="\n".join(dict.fromkeys(employers)))


def _goal(case, p, spec: tuple, day: date) -> GoalDraft:
    description, criterion, target, status, steps = spec
    return GoalDraft(description, criterion, day + timedelta(days=target), status,
                     tuple(_step(case, p, s, day) for s in steps))


def _step(case, p, spec: tuple, day: date) -> StepDraft:
    description, owner, staff, due = spec
    due_on = day + timedelta(days=due)
    if owner == "person":
        return StepDraft(description, StepOwner.PERSON, owner_name=case.first, due=due_on)
    if owner == "support":
        return StepDraft(description, StepOwner.NATURAL_SUPPORT, owner_name=staff, due=due_on)
    if staff == "counselor":
        staff = counselor_on(case, p, day)
    return StepDraft(description, StepOwner.ORGANIZATION, owner_organization_id=p.org_id(owner),
                     owner_staff_id=p.staff_id(staff) if staff else None, due=due_on)


def _hand_over_steps(case, p, draft: PlanDraft, day: date) -> PlanDraft:
    """Steps owned by the VR counselor who left now name her replacement."""
    departed = p.staff.get(catalog.DEPARTING_COUNSELOR)
    if departed is None or day < p.counselor_leaves_on:
        return draft
    successor = p.staff_id(catalog.REPLACEMENT_COUNSELOR.key)
    goals = tuple(replace(g, steps=tuple(
        replace(s, owner_staff_id=successor, owner_name="") if s.owner_staff_id == departed.id else s
        for s in g.steps)) for g in draft.goals)
    return replace(draft, goals=goals)


def _set_goal(draft: PlanDraft, index: int, *, status: GoalStatus | None = None, done: tuple[int, ...] | str = (),
              **changes) -> PlanDraft:
    goal = draft.goals[index]
    steps = changes.pop("steps", goal.steps)
    steps = tuple(replace(s, done=True) if done == "all" or i in done else s for i, s in enumerate(steps))
    goal = replace(goal, steps=steps, status=status or goal.status, **changes)
    return replace(draft, goals=draft.goals[:index] + (goal,) + draft.goals[index + 1:])


def _job_search_summary(case, p, variant: str) -> str:
    if variant == "state id":
        return "Added goal: get a state ID before first day"
    if variant == "try-out":
        return f"Added step: two-morning try-out at {p.org_name(case.employer)} after the informational interviews"
    return f"Changed goal 1 to {case.hours} hours a week after the benefits summary"


def _job_search(case, p, draft: PlanDraft, day: date, variant: str) -> PlanDraft:
    draft = _set_goal(draft, 0, done=(0, 2))
    if variant == "state id":
        owner = ("support", case.supports[0][0]) if case.supports else ("person", None)
        goal = _goal(case, p, (STATE_ID, "State ID card in hand", 30,
                               GoalStatus.IN_PROGRESS,
                               [("Find the birth certificate and Social Security card", *owner, 7),
                                ("Go to the driver's license station on Kimberly Rd", "person", None, 14)]), day)
        return replace(draft, goals=draft.goals + (goal,))
    if variant == "try-out":
        step = _step(case, p, (f"Two-morning try-out at {p.org_name(case.employer)}", "crp", case.lead, 14), day)
        return _set_goal(draft, 0, steps=draft.goals[0].steps + (step,))
    criterion = (f"Hired for at least {case.hours} hours a week at or above $15.00 an hour, working alongside "
                 "coworkers without disabilities")
    return _set_goal(draft, 0, criterion=criterion)


def _update(draft: PlanDraft, description: str, **changes) -> PlanDraft:
    """_set_goal on the goal with this description, if the plan has it."""
    index = next((i for i, g in enumerate(draft.goals) if g.description == description), None)
    return draft if index is None else _set_goal(draft, index, **changes)


def _hired(case, p, draft: PlanDraft, day: date) -> PlanDraft:
    draft = _set_goal(draft, 0, status=GoalStatus.ACHIEVED, done="all")
    draft = _update(draft, BENEFITS, status=GoalStatus.ACHIEVED, done="all")
    draft = _update(draft, STATE_ID, status=GoalStatus.ACHIEVED, done="all")
    draft = _update(draft, TRAVEL, status=GoalStatus.IN_PROGRESS, done=(1,))
    draft = _update(draft, WAIVER, status=GoalStatus.IN_PROGRESS)
    steps = [(_FADING, "crp", partner(case, TeamRole.JOB_COACH), 42),
             ("Tell my supervisor when my task list runs out", "person", None, 14)]
    coordinator = partner(case, TeamRole.SUPPORT_COORDINATOR)
    if coordinator:
        steps.append(("Request extended supports funding (waiver)", "dd", coordinator, 60))
    goal = _goal(case, p, (f"Keep my job at {p.org_name(case.employer)} past 90 days",
                           f"Still working 90 days after {day:%B} {day.day}; job coaching faded to 2 hours a week "
                           "or less",
                           95, GoalStatus.IN_PROGRESS, steps), day)
    return replace(draft, goals=draft.goals + (goal,))


def _ninety_days(case, p, draft: PlanDraft, day: date) -> PlanDraft:
    keeps = case.stage in (Stage.EXTENDED_SUPPORTS, Stage.CLOSED_SUCCESSFUL)
    draft = _set_goal(draft, len(draft.goals) - 1, status=GoalStatus.ACHIEVED if keeps else GoalStatus.IN_PROGRESS,
                      done="all" if keeps else (1,))
    draft = _update(draft, TRAVEL, status=GoalStatus.ACHIEVED, done="all")
    if keeps:
        draft = _update(draft, WAIVER, status=GoalStatus.ACHIEVED, done="all")
    goal = _goal(case, p, ("Ask for more hours at my six-month review", "Asked my supervisor; answer written down",
                           90, GoalStatus.NOT_STARTED,
                           [("Practice asking for more hours with my job coach", "person", None, 60)]), day)
    return replace(draft, goals=draft.goals + (goal,), review_due=day + timedelta(days=90))
