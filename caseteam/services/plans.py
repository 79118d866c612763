"""The customized plan for employment: save revision N+1, read revisions, compare two of them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from caseteam.domain.plans import ActionStep, Goal, GoalStatus, PlanRevision, StepOwner
from caseteam.errors import NotFound, ValidationError
from caseteam.storage.queries import people as people_queries

from .actors import Actor
from .changes import Changes
from .editing import required_text
from .revisions import next_revision_number

PLAN_TEXT_FIELDS = {
    "vision": "Vision",
    "important_to": "Important to the person",
    "important_for": "Important for the person",
    "gifts_and_strengths": "Gifts and strengths",
    "supports_natural": "Natural supports",
    "supports_paid": "Paid supports",
    "supports_technology": "Technology",
    "supports_community": "Community supports",
    "employers_to_approach": "Employers and kinds of work to approach",
}


@dataclass(frozen=True)
class StepDraft:
    description: str
    owner_kind: StepOwner
    owner_organization_id: uuid.UUID | None = None
    owner_staff_id: uuid.UUID | None = None
    owner_name: str = ""
    due: date | None = None
    done: bool = False
    step_key: uuid.UUID | None = None


@dataclass(frozen=True)
class GoalDraft:
    description: str
    criterion: str = ""
    target_date: date | None = None
    status: GoalStatus = GoalStatus.NOT_STARTED
    steps: tuple[StepDraft, ...] = ()
    goal_key: uuid.UUID | None = None


@dataclass(frozen=True)
class PlanDraft:
    vision: str = ""
    important_to: str = ""
    important_for: str = ""
    gifts_and_strengths: str = ""
    supports_natural: str = ""
    supports_paid: str = ""
    supports_technology: str = ""
    supports_community: str = ""
    employers_to_approach: str = ""
    review_due: date | None = None
    goals: tuple[GoalDraft, ...] = ()


@dataclass(frozen=True)
class StepRow:
    step_key: uuid.UUID
    description: str
    owner_kind: StepOwner
    owner_organization_id: uuid.UUID | None
    owner_staff_id: uuid.UUID | None
    owner_name: str
    due: date | None
    done: bool


@dataclass(frozen=True)
class GoalRow:
    goal_key: uuid.UUID
    description: str
    criterion: str
    target_date: date | None
    status: GoalStatus
    steps: tuple[StepRow, ...]


@dataclass(frozen=True)
class PlanRevisionRow:
    id: uuid.UUID
    person_id: uuid.UUID
    number: int
    draft: PlanDraft
    goals: tuple[GoalRow, ...]
    summary: str
    author_id: uuid.UUID
    saved_at: datetime
    agreed_on: date | None

    @classmethod
    def of(cls, r: PlanRevision) -> PlanRevisionRow:
        goals = tuple(GoalRow(g.goal_key, g.description, g.criterion, g.target_date, g.status, tuple(
            StepRow(s.step_key, s.description, s.owner_kind, s.owner_organization_id, s.owner_staff_id,
                    s.owner_name, s.due, s.done) for s in g.steps)) for g in r.goals)
        draft = PlanDraft(**{k: getattr(r, k) for k in PLAN_TEXT_FIELDS}, review_due=r.review_due, goals=tuple(
            GoalDraft(g.description, g.criterion, g.target_date, g.status, tuple(
                StepDraft(s.description, s.owner_kind, s.owner_organization_id, s.owner_staff_id, s.owner_name,
                          s.due, s.done, s.step_key) for s in g.steps), g.goal_key) for g in goals))
        return cls(r.id, r.person_id, r.number, draft, goals, r.summary, r.author_id, r.saved_at, r.agreed_on)


@dataclass(frozen=True)
class Difference:
    """One field that differs between two revisions. `kind` is added, removed or changed."""

    section: str
    label: str
    before: str
    after: str
    kind: str = field(default="changed")


def _check_step(uow, goal_no: int, step_no: int, step: StepDraft) -> str:
    """Validate one step; return the owner's name as it reads today (kept with the revision)."""
    where = f"goal {goal_no}, step {step_no}"
    required_text(f"goals[{goal_no}].steps[{step_no}].description", f"The action step ({where})",
                  step.description, max_length=2000)
    if step.owner_kind is StepOwner.ORGANIZATION:
        if step.owner_organization_id is None:
            raise ValidationError(f"goals[{goal_no}].steps[{step_no}].owner",
                                  f"Choose the partner organization that owns {where}.")
        org = uow.organizations.get(step.owner_organization_id)
        if step.owner_staff_id is not None:
            staff = uow.staff.get(step.owner_staff_id)
            if staff.organization_id != org.id:
                raise ValidationError(f"goals[{goal_no}].steps[{step_no}].owner",
                                      f"{staff.name} works for {staff.organization.name}, not {org.name} ({where}).")
            return step.owner_name.strip() or f"{staff.name}, {org.name}"
        return step.owner_name.strip() or org.name
    elif step.owner_organization_id or step.owner_staff_id:
        raise ValidationError(f"goals[{goal_no}].steps[{step_no}].owner",
                              f"A step owned by the person or a natural support has no partner organization ({where}).")
    return step.owner_name.strip() or ("the person" if step.owner_kind is StepOwner.PERSON else "")


def save_plan_revision(uow, actor: Actor, person_id: uuid.UUID, draft: PlanDraft, *, summary: str,
                       based_on: int | None = None,
                       agreed_on: date | None = None) -> tuple[PlanRevisionRow, Changes]:
    person = uow.people.get(person_id)
    number = next_revision_number(uow, PlanRevision, person, based_on, "plan")
    summary = required_text("summary", "A change summary", summary, max_length=2000)
    if agreed_on is not None and agreed_on > uow.today():
        raise ValidationError("agreed_on", "The date the person agreed cannot be in the future.")
    revision = PlanRevision(person_id=person.id, number=number, summary=summary, author_id=actor.user_id,
                            saved_at=uow.now(), agreed_on=agreed_on, review_due=draft.review_due,
                            **{k: (getattr(draft, k) or "").strip() for k in PLAN_TEXT_FIELDS})
    uow.add(revision)
    for g_no, g in enumerate(draft.goals, start=1):
        required_text(f"goals[{g_no}].description", f"Goal {g_no}", g.description, max_length=2000)
        goal = Goal(id=uow.new_id(), goal_key=g.goal_key or uow.new_id(), position=g_no,
                    description=g.description.strip(), criterion=g.criterion.strip(), target_date=g.target_date,
                    status=GoalStatus(g.status), created_at=uow.now())
        for s_no, s in enumerate(g.steps, start=1):
            owner_name = _check_step(uow, g_no, s_no, s)
            goal.steps.append(ActionStep(id=uow.new_id(), step_key=s.step_key or uow.new_id(), position=s_no,
                                         description=s.description.strip(), owner_kind=s.owner_kind,
                                         owner_organization_id=s.owner_organization_id,
                                         owner_staff_id=s.owner_staff_id, owner_name=owner_name,
                                         due=s.due, done=s.done, created_at=uow.now()))
        revision.goals.append(goal)
    uow.flush()
    uow.audit.record(actor, revision, "saved", changes={"person": [None, person.ref], "number": [None, number],
                                                        "summary": [None, summary]})
    return PlanRevisionRow.of(revision), Changes(plans=True)


def plan_revisions(uow, actor: Actor, person_id: uuid.UUID) -> list[PlanRevisionRow]:
    uow.people.get(person_id)
    return [PlanRevisionRow.of(r) for r in people_queries.plan_revisions(uow.session, person_id)]


def compare_revisions(uow, actor: Actor, person_id: uuid.UUID, first: int, second: int) -> list[Difference]:
    by_number = {r.number: r for r in plan_revisions(uow, actor, person_id)}
    for n in (first, second):
        if n not in by_number:
            raise NotFound(f"The plan has no revision {n}.")
    return diff_plans(by_number[first], by_number[second])


def diff_plans(a: PlanRevisionRow, b: PlanRevisionRow) -> list[Difference]:
    """Field by field; goals and steps are matched by their stable keys, not by position."""
    out: list[Difference] = []
    for key, label in PLAN_TEXT_FIELDS.items():
        _diff_text(out, "Plan", label, getattr(a.draft, key), getattr(b.draft, key))
    old_goals = {g.goal_key: g for g in a.goals}
    new_goals = {g.goal_key: g for g in b.goals}
    for g in b.goals:
        section = f"Goal: {g.description}"
        if g.goal_key not in old_goals:
            out.append(Difference(section, "Goal", "", _goal_text(g), "added"))
            continue
        old = old_goals[g.goal_key]
        _diff_text(out, section, "Goal", old.description, g.description)
        _diff_text(out, section, "Measurable criterion", old.criterion, g.criterion)
        _diff_text(out, section, "Target date", _d(old.target_date), _d(g.target_date))
        _diff_text(out, section, "Status", old.status.label, g.status.label)
        old_steps = {s.step_key: s for s in old.steps}
        new_keys = {s.step_key for s in g.steps}
        for s in g.steps:
            if s.step_key not in old_steps:
                out.append(Difference(section, "Action step", "", _step_text(s), "added"))
            else:
                _diff_text(out, section, "Action step", _step_text(old_steps[s.step_key]), _step_text(s))
        for s in old.steps:
            if s.step_key not in new_keys:
                out.append(Difference(section, "Action step", _step_text(s), "", "removed"))
    for g in a.goals:
        if g.goal_key not in new_goals:
            out.append(Difference(f"Goal: {g.description}", "Goal", _goal_text(g), "", "removed"))
    return out


def _diff_text(out: list[Difference], section: str, label: str, before: str, after: str) -> None:
    before, after = before or "", after or ""
    if before == after:
        return
    kind = "added" if not before else "removed" if not after else "changed"
    out.append(Difference(section, label, before, after, kind))


def _d(day: date | None) -> str:
    return day.isoformat() if day else ""


def _goal_text(g: GoalRow) -> str:
    parts = [g.description]
    if g.criterion:
        parts.append(f"Criterion: {g.criterion}")
    if g.target_date:
        parts.append(f"Target: {g.target_date.isoformat()}")
    return "\n".join(parts + [_step_text(s) for s in g.steps])


def _step_text(s: StepRow) -> str:
    due = f" (due {s.due.isoformat()})" if s.due else ""
    done = " [done]" if s.done else ""
    owner = f" - {s.owner_name}" if s.owner_name else ""
    return f"{s.description}{owner}{due}{done}"
