"""The customized plan for employment: save revision N+1, read revisions, compare two of them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from caseteam.domain.consent import InformationCategory
from caseteam.domain.plans import ActionStep, Goal, GoalStatus, PlanRevision, StepOwner
from caseteam.domain.tasks import TaskStatus
from caseteam.errors import NotFound, ValidationError
from caseteam.storage.queries import people as people_queries
from caseteam.storage.queries import plans as plan_queries

from . import access, need_to_know
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import required_text
from .revisions import next_revision_number
from .tasks import TaskRow, create_task

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
    # The person's signature (services/plan_signatures.py); a signed revision is locked.
    signed_on: date | None = None
    signed_how: str = ""
    signed_by_name: str = ""
    has_signed_scan: bool = False

    @property
    def locked(self) -> bool:
        return self.signed_on is not None

    @property
    def signature_text(self) -> str:
        """'Signed by X on D (how)', or '' before the person signs."""
        if self.signed_on is None:
            return ""
        how = f" ({self.signed_how})" if self.signed_how else ""
        return f"Signed by {self.signed_by_name} on {self.signed_on.isoformat()}{how}"

    @classmethod
    def of(cls, r: PlanRevision) -> PlanRevisionRow:
        goals = tuple(GoalRow(g.goal_key, g.description, g.criterion, g.target_date, g.status, tuple(
            StepRow(s.step_key, s.description, s.owner_kind, s.owner_organization_id, s.owner_staff_id,
                    s.owner_name, s.due, s.done) for s in g.steps)) for g in r.goals)
        draft = PlanDraft(**{k: getattr(r, k) for k in PLAN_TEXT_FIELDS}, review_due=r.review_due, goals=tuple(
            GoalDraft(g.description, g.criterion, g.target_date, g.status, tuple(
                StepDraft(s.description, s.owner_kind, s.owner_organization_id, s.owner_staff_id, s.owner_name,
                          s.due, s.done, s.step_key) for s in g.steps), g.goal_key) for g in goals))
        return cls(r.id, r.person_id, r.number, draft, goals, r.summary, r.author_id, r.saved_at, r.agreed_on,
                   r.signed_on, r.signed_how or "", r.signed_by_name or "", r.signature_attachment_id is not None)


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
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
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
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.PLAN)
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


# --- action steps and the tasks made from them -----------------------------------------------------

@dataclass(frozen=True)
class StepTaskRow:
    """The task that carries out one action step (the step's key links them both ways)."""

    step_key: uuid.UUID
    task_id: uuid.UUID
    ref: str
    status: TaskStatus
    version: int

    @property
    def done(self) -> bool:
        return self.status is TaskStatus.DONE


@dataclass(frozen=True)
class TodoRow:
    """An open step the person or a natural support carries out: the person's to-do list."""

    step_key: uuid.UUID
    goal: str
    description: str
    owner_kind: StepOwner
    owner_name: str
    due: date | None


def _weight(status: TaskStatus) -> int:
    """Which of several tasks for one step speaks for it: an active one, else a done one."""
    return 2 if status.active else 1 if status is TaskStatus.DONE else 0


def step_status(uow, actor: Actor, person_id: uuid.UUID) -> dict[uuid.UUID, StepTaskRow]:
    """step_key -> the task for that step. A step is done when it says so or its task is done."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.PLAN)
    uow.people.get(person_id)
    found: dict[uuid.UUID, StepTaskRow] = {}
    for task in plan_queries.step_tasks(uow.session, person_id):  # oldest first: a newer task wins a tie
        current = found.get(task.action_step_key)
        if current is None or _weight(task.status) >= _weight(current.status):
            found[task.action_step_key] = StepTaskRow(task.action_step_key, task.id, task.ref, task.status,
                                                      task.version)
    return found


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def create_task_from_step(uow, actor: Actor, person_id: uuid.UUID, step_key: uuid.UUID, *,
                          due: date | None = None, title: str | None = None) -> tuple[TaskRow, Changes]:
    """A task for the partner organization (and staff member) that owns the step in the latest
    revision. Undo archives the task (tasks.set_task_archived)."""
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    person = uow.people.get(person_id)
    revision = plan_queries.latest_plan(uow.session, person.id)
    found = [(g, s) for g in (revision.goals if revision else []) for s in g.steps if s.step_key == step_key]
    if not found:
        raise NotFound(f"This action step is not in the latest saved revision of {person.display_name}'s plan. "
                       "Save the plan first, then create the task.")
    goal, step = found[0]
    quoted = f'"{_short(step.description)}"'
    if step.owner_kind is not StepOwner.ORGANIZATION:
        who = "the person" if step.owner_kind is StepOwner.PERSON else (step.owner_name or "a natural support")
        raise ValidationError("step", f"The step {quoted} is carried out by {who}, so it stays in the plan and on "
                                      f"{person.display_name}'s to-do list. Only a step owned by a partner "
                                      "organization becomes a task.")
    existing = plan_queries.tasks_for_step(uow.session, step.step_key)
    done = [t for t in existing if t.status is TaskStatus.DONE]
    if step.done or done:
        raise ValidationError("step", f"The step {quoted} is already done" +
                              (f" (task {done[0].ref})." if done else "."))
    active = [t for t in existing if t.status.active]
    if active:
        raise ValidationError("step", f"Task {active[0].ref} already carries out the step {quoted}.")
    return create_task(uow, actor, title=(title or "").strip() or _short(step.description, 300),
                       organization_id=step.owner_organization_id, staff_id=step.owner_staff_id,
                       person_id=person.id, due=due if due is not None else step.due,
                       details=f"From {person.display_name}'s plan (revision {revision.number}), goal "
                               f"{goal.position}: {goal.description}",
                       action_step_key=step.step_key)


def person_todo(uow, actor: Actor, person_id: uuid.UUID) -> list[TodoRow]:
    """Open steps of open goals in the latest revision that the person or a natural support owns,
    soonest due first (no date last)."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.PLAN)
    uow.people.get(person_id)
    revision = plan_queries.latest_plan(uow.session, person_id)
    closed = (GoalStatus.ACHIEVED, GoalStatus.DROPPED)
    rows = [(s.due is None, s.due or date.min, g.position, s.position,
             TodoRow(s.step_key, g.description, s.description, s.owner_kind, s.owner_name, s.due))
            for g in (revision.goals if revision else []) if g.status not in closed
            for s in g.steps if s.owner_kind is not StepOwner.ORGANIZATION and not s.done]
    return [row for *_order, row in sorted(rows, key=lambda r: r[:4])]


def author_names(uow, actor: Actor, user_ids) -> dict[uuid.UUID, str]:
    """Who saved which revision, by user id, for history lists."""
    return plan_queries.user_names(uow.session, user_ids)


def natural_supports(uow, actor: Actor, person_id: uuid.UUID) -> list[str]:
    """Names of the natural supports on the person's team today: the owners a step may name."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    team = people_queries.team_for(uow.session, uow.people.get(person_id).id)
    today = uow.today()
    return sorted({m.support_name for m in (team.members if team else []) if m.staff_id is None
                   and m.archived_at is None and (m.end_date is None or m.end_date >= today)})


def latest_plan(uow, actor: Actor, person_id: uuid.UUID) -> PlanRevisionRow | None:
    """The revision the editor starts from (None before the first plan is saved)."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.PLAN)
    revision = plan_queries.latest_plan(uow.session, uow.people.get(person_id).id)
    return PlanRevisionRow.of(revision) if revision else None
