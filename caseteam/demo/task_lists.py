"""Tasks as staff write them, per stage, and what became of each: done, cancelled, still open, overdue."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from caseteam.domain.people import Stage
from caseteam.domain.tasks import Priority
from caseteam.domain.teams import TeamRole
from caseteam.services import tasks

from . import catalog
from .job_seekers import CANCEL_REASONS
from .themes import duties_at, employer_keys

P = Priority


@dataclass(frozen=True)
class Chore:
    title: str
    who: str  # lead, intake, counselor, billing, coach, planner, sc, cm, ajc_bsr, vr_bsr
    priority: Priority = P.NORMAL
    due: int | None = 14  # days after it is written; None: no due date


# (how many to write: fewest, most; the stage's chores)
STAGE_CHORES: dict[Stage, tuple[tuple[int, int], tuple[Chore, ...]]] = {
    Stage.REFERRAL: ((1, 2), (
        Chore("Schedule intake meeting with {first}", "intake", P.NORMAL, 7),
        Chore("Get signed release of information for {source}", "intake", P.HIGH, 10),
        Chore("Ask VR for {first}'s eligibility letter", "intake", P.NORMAL, 14))),
    Stage.WAITING_AUTHORIZATION: ((1, 2), (
        Chore("Request Discovery authorization from VR", "lead", P.HIGH, 3),
        Chore("Issue Discovery authorization (PO) to Bridgeway", "counselor", P.HIGH, 14),
        Chore("Call VR about the Discovery authorization", "lead", P.NORMAL, 21))),
    Stage.DISCOVERY: ((1, 2), (
        Chore("Home interview with {first} and {support}", "lead", P.NORMAL, 7),
        Chore("Set up a work try-out at {employer}", "lead", P.NORMAL, 14),
        Chore("Fax signed release to mental-health center", "lead", P.HIGH, 5),
        Chore("Renew state ID", "lead", P.NORMAL, 30),
        Chore("Informational interview at {employer2}", "lead", P.NORMAL, 21),
        Chore("Send Discovery progress note to VR", "lead", P.LOW, 30))),
    Stage.PROFILE: ((1, 1), (
        Chore("Write the vocational profile and send it to VR", "lead", P.HIGH, 14),
        Chore("Invoice the Discovery milestone to VR", "billing", P.NORMAL, 10),
        Chore("Photos for the visual résumé (ask {first} first)", "lead", P.LOW, None))),
    Stage.CE_PLANNING: ((1, 1), (
        Chore("Schedule CE planning meeting", "lead", P.HIGH, 10),
        Chore("Book {interpreter} interpreter for the CE planning meeting", "lead", P.HIGH, 7),
        Chore("Invoice the CE planning milestone", "billing", P.NORMAL, 14),
        Chore("Amend IPE employment goal to match the CE plan", "counselor", P.NORMAL, 30))),
    Stage.JOB_DEVELOPMENT: ((1, 2), (
        Chore("Request job-development authorization from VR", "lead", P.HIGH, 5),
        Chore("Issue job-development authorization", "counselor", P.HIGH, 14),
        Chore("Proposal to {employer}: {duties}", "lead", P.NORMAL, 21),
        Chore("Benefits summary and analysis (BS&A) before offer", "planner", P.HIGH, 30),
        Chore("Share {employer} contact from the Business Advisory Council", "ajc_bsr", P.LOW, 30),
        Chore("Employer lead for {first}: {employer2}", "vr_bsr", P.LOW, None),
        Chore("Monthly progress report to VR", "lead", P.NORMAL, 30),
        Chore("Job-development authorization ends this month: ask VR for an extension", "lead", P.URGENT, 7))),
    Stage.EMPLOYED: ((1, 2), (
        Chore("Get first pay stub", "lead", P.NORMAL, 21),
        Chore("Bus travel training: route 7 to {employer}", "coach", P.NORMAL, 14),
        Chore("Report start date and wages to SSA", "planner", P.HIGH, 10),
        Chore("Send job placement invoice to VR", "billing", P.NORMAL, 14),
        Chore("Send 30-day retention invoice", "billing", P.NORMAL, 40),
        Chore("Fading plan check-in with {contact}", "coach", P.NORMAL, 28),
        Chore("Request extended supports funding (waiver)", "sc", P.URGENT, 45),
        Chore("Replace lost bus pass before the Monday shift", "coach", P.URGENT, 3))),
    Stage.EXTENDED_SUPPORTS: ((1, 1), (
        Chore("Monthly follow-along visit at {employer}", "coach", P.NORMAL, 30),
        Chore("Update waiver service plan: extended supports hours", "sc", P.NORMAL, 30),
        Chore("Send 90-day retention invoice", "billing", P.NORMAL, 14))),
    Stage.CLOSED_SUCCESSFUL: ((1, 1), (
        Chore("Close case as rehabilitated and send the closure letter", "counselor", P.NORMAL, 14),
        Chore("Send 90-day retention invoice", "billing", P.NORMAL, 14))),
    Stage.CLOSED_UNSUCCESSFUL: ((1, 1), (
        Chore("Send closure letter and return the unused authorization to VR", "lead", P.NORMAL, 14),)),
    Stage.ON_HOLD: ((1, 1), (
        Chore("Check in with {first} about restarting", "lead", P.NORMAL, 30),
        Chore("Tell VR about the pause and ask to keep the authorization open", "lead", P.HIGH, 7))),
}
RESUMED = Chore("Team check-in after the pause: is {first} ready to restart?", "lead", P.NORMAL, 7)


def partner(case, role: TeamRole) -> str | None:
    return next((key for key, r, _ in case.partners if r is role), None)


def counselor_on(case, p, day: date) -> str:
    if case.counselor == catalog.DEPARTING_COUNSELOR and day >= p.counselor_leaves_on:
        return catalog.REPLACEMENT_COUNSELOR.key
    return case.counselor


def assignee(case, p, who: str, day: date) -> tuple[str, str | None] | None:
    """(organization key, staff key or None) for a role, or None when the person has no such partner."""
    if who == "lead":
        return "crp", case.lead
    if who == "intake":
        return "crp", catalog.SUPERVISOR
    if who == "counselor":
        return "vr", counselor_on(case, p, day)
    if who == "billing":
        return "crp", "billing"
    if who == "coach":
        return "crp", partner(case, TeamRole.JOB_COACH) or catalog.JOB_COACHES[case.number % 2]
    if who == "planner":
        return "cil", partner(case, TeamRole.BENEFITS_PLANNER) or catalog.BENEFITS_PLANNERS[case.number % 2]
    if who == "sc":
        key = partner(case, TeamRole.SUPPORT_COORDINATOR)
        return ("dd", key) if key else None
    if who == "ajc_bsr":
        return "ajc", "ajc_sergio"
    if who == "vr_bsr":
        return "vr", "vr_rachel"
    raise ValueError(who)


def words(case, p) -> dict[str, str]:
    employer = p.org_name(case.employer)
    second = next(k for t in case.themes[1:] for k in employer_keys(t) if k != case.employer)
    contact = p.staff_name(catalog.EMPLOYER_CONTACT[case.employer])
    return {"first": case.first, "name": case.name, "employer": employer, "employer2": p.org_name(second),
            "duties": duties_at(case.themes, case.employer),
            "support": case.supports[0][0] if case.supports else "family",
            "interpreter": case.interpreter, "source": p.org_name(case.source),
            "contact": contact}


def schedule_stage_tasks(case, p, timeline, rng: random.Random, index: int) -> None:
    """Tasks written while the person was in path[index]; `index` > 0 after a pause is a restart."""
    stage, start = case.path[index]
    end = case.path[index + 1][1] if index + 1 < len(case.path) else None
    repeated = any(s is stage for s, _ in case.path[:index])
    if repeated:
        chosen = [RESUMED]
    else:
        (fewest, most), chores = STAGE_CHORES[stage]
        usable = [c for c in chores if _usable(case, c)]
        count = rng.randint(fewest, most)
        if end is not None and rng.random() < 0.4:
            count -= 1  # older stages were not always tracked as tasks
        chosen = rng.sample(usable, max(0, min(len(usable), count)))
    if end is None and stage.closed and start + timedelta(days=30) <= p.today:
        end = start + timedelta(days=30)  # a closed case's last chores were finished within a month
    last_day = (end - timedelta(days=1)) if end else p.today
    for chore in chosen:
        created = start + timedelta(days=rng.randint(0, max(0, min(10, (last_day - start).days))))
        where = assignee(case, p, chore.who, created)
        if where is None:
            continue
        due = None if chore.due is None else created + timedelta(days=chore.due + rng.randint(0, 3))
        schedule_task(p, timeline, rng, case=case, title=chore.title.format(**words(case, p)), org=where[0],
                      staff=where[1], created=created, due=due, priority=chore.priority, phase_end=end)


def _usable(case, chore: Chore) -> bool:
    if "{interpreter}" in chore.title and not case.interpreter:
        return False
    if "mental-health" in chore.title and not partner(case, TeamRole.CASE_MANAGER):
        return False
    if "{support}" in chore.title and not case.supports:
        return False
    return chore.who != "sc" or partner(case, TeamRole.SUPPORT_COORDINATOR) is not None


def schedule_task(p, timeline, rng: random.Random, *, case, title: str, org: str, staff: str | None,
                  created: date, due: date | None, priority: Priority, phase_end: date | None, details: str = "",
                  step: tuple[int, int] | None = None) -> None:
    """Write the task on `created`; then, on their days, what became of it."""
    slot: dict = {"staff": staff, "org": org, "active": True}  # org: the release of information names it
    if case is not None:
        case.tasks.append(slot)

    def create():
        step_key = None
        if step is not None:
            step_key = case.plan.goals[step[0]].steps[step[1]].step_key
        row, _ = tasks.create_task(p.uow, _actor(p, case, created), title=title, organization_id=p.org_id(org),
                                   staff_id=p.staff_id(staff) if staff else None,
                                   person_id=case.person_id if case else None, due=due, priority=priority,
                                   details=details, action_step_key=step_key)
        slot["id"] = row.id

    timeline.at(created, create)
    fate, day = _fate(rng, created, due, phase_end, p.today)
    if fate == "done" and rng.random() < 0.1:
        timeline.at(_between(rng, created, day), lambda: tasks.start_task(p.uow, _actor(p, case, day), slot["id"]))
    if fate in ("in_progress", "waiting"):
        timeline.at(day, lambda: tasks.start_task(p.uow, _actor(p, case, day), slot["id"],
                                                  waiting=fate == "waiting"))
    elif fate == "done":
        def complete():
            tasks.complete_task(p.uow, _actor(p, case, day), slot["id"])
            slot["active"] = False
            p.counts["tasks_done"] += 1
        timeline.at(day, complete)
    elif fate == "cancelled":
        reason = rng.choice(CANCEL_REASONS)

        def cancel():
            tasks.cancel_task(p.uow, _actor(p, case, day), slot["id"], reason=reason)
            slot["active"] = False
        timeline.at(day, cancel)


def _actor(p, case, day: date):
    """The lead's account once the lead is assigned; the program manager before (intake) and for the partnership."""
    if case is not None and len(case.path) > 1 and day >= case.path[1][1]:
        # The same day's events may not have run yet: the lead acts only once recorded as the lead
        # (the permission rules let a job developer change only the people they lead or serve).
        if case.person_id is not None and p.uow.people.get(case.person_id).lead_staff_id == p.staff_id(case.lead):
            return p.actors[case.lead]
    return p.supervisor


def _between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _fate(rng: random.Random, created: date, due: date | None, phase_end: date | None,
          today: date) -> tuple[str, date | None]:
    """Finished stages leave mostly done tasks; the current one leaves open, in-progress and overdue ones."""
    if phase_end is not None and phase_end <= today:
        last = phase_end
        r = rng.random()
        if r < 0.05:
            return "cancelled", _between(rng, created, last)
        if r < 0.10 and (today - last).days <= 45:
            # A few chores of a stage that ended lately are still loose ends; older ones were tidied up.
            return rng.choice(("open", "waiting")), created if r < 0.075 else _between(rng, created, last)
        aim = created + timedelta(days=rng.randint(1, max(1, ((due - created).days if due else 10) + 4)))
        return "done", min(max(aim, created), last)
    if due is not None and due < today and rng.random() < 0.45:
        return "done", _between(rng, created, min(today, due + timedelta(days=7)))
    r = rng.random()
    if r < 0.55:
        return "open", None
    return ("in_progress" if r < 0.85 else "waiting"), _between(rng, created, today)


def schedule_partnership_tasks(p, timeline, rng: random.Random) -> None:
    """Tasks for the partnership as a whole (no person): meetings, MOU, invoices, the resource manual."""
    for org, staff, title, details, priority in catalog.PARTNERSHIP_TASKS:
        created = max(p.setup_day, p.today - timedelta(days=rng.randint(3, 60)))
        due = created + timedelta(days=rng.randint(7, 30)) if rng.random() < 0.85 else None
        schedule_task(p, timeline, rng, case=None, title=title, org=org, staff=staff, created=created, due=due,
                      priority=Priority(priority), phase_end=None, details=details)
