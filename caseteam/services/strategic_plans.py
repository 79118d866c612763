"""A partnership's joint strategic plan: vision, guiding principles, goals, strategies and recommended
actions. Each action is worked as a task (caseteam.services.strategic_actions); its status follows the
task, so completing the task on the task board moves the plan forward. Progress per goal counts done
actions over all actions, dropped ones left out."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from caseteam.domain.partnerships import (ActionStatus, Partnership, PlanStatus, StrategicAction, StrategicGoal,
                                          StrategicPlan, Strategy)
from caseteam.domain.tasks import Task, TaskStatus
from caseteam.errors import ValidationError
from caseteam.storage.queries import partnerships as queries

from . import access
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import apply_fields, check_version, required_text
from .partnerships import CHANGED, PartnershipRow, record, set_archived, touch

PLAN_FIELDS = ("title", "vision", "guiding_principles", "period_from", "period_to")
GOAL_FIELDS = ("title", "description")


def followed_status(action: StrategicAction, task: Task | None) -> ActionStatus:
    """The action's status as its task has it: done with the task, dropped when the task was cancelled,
    in progress once work started; an action without a task keeps its own."""
    if task is None or task.archived_at is not None:
        return action.status
    if task.status is TaskStatus.DONE:
        return ActionStatus.DONE
    if task.status is TaskStatus.CANCELLED:
        return ActionStatus.DROPPED
    if action.status in (ActionStatus.DONE, ActionStatus.DROPPED):  # the task was reopened
        return ActionStatus.IN_PROGRESS if task.status is not TaskStatus.OPEN else ActionStatus.NOT_STARTED
    if task.status in (TaskStatus.IN_PROGRESS, TaskStatus.WAITING):
        return ActionStatus.IN_PROGRESS
    return action.status


def progress_words(done: int, total: int) -> str:
    if total == 0:
        return "No actions yet"
    return f"{done} of {total} action{'s' if total != 1 else ''} done ({round(100 * done / total)}%)"


@dataclass(frozen=True)
class ActionRow:
    id: uuid.UUID
    position: int
    text: str
    owner_organization_id: uuid.UUID
    owner_name: str
    due: date | None
    status: ActionStatus
    task_id: uuid.UUID | None
    task_ref: str
    task_status: TaskStatus | None
    version: int

    def overdue_on(self, today: date) -> bool:
        return self.due is not None and self.due < today and self.status in (ActionStatus.NOT_STARTED,
                                                                               ActionStatus.IN_PROGRESS)


@dataclass(frozen=True)
class StrategyRow:
    id: uuid.UUID
    position: int
    text: str
    actions: tuple[ActionRow, ...]
    version: int


@dataclass(frozen=True)
class GoalRow:
    id: uuid.UUID
    position: int
    title: str
    description: str
    strategies: tuple[StrategyRow, ...]
    version: int

    @property
    def actions(self) -> tuple[ActionRow, ...]:
        return tuple(a for s in self.strategies for a in s.actions)

    @property
    def counted(self) -> tuple[int, int]:
        """(done, all) with dropped actions left out of both."""
        kept = [a for a in self.actions if a.status is not ActionStatus.DROPPED]
        return sum(a.status is ActionStatus.DONE for a in kept), len(kept)

    @property
    def progress(self) -> float:
        done, total = self.counted
        return done / total if total else 0.0

    @property
    def progress_words(self) -> str:
        return progress_words(*self.counted)


@dataclass(frozen=True)
class PlanRow:
    id: uuid.UUID
    ref: str
    partnership_id: uuid.UUID
    title: str
    vision: str
    guiding_principles: str
    period_from: date | None
    period_to: date | None
    status: PlanStatus
    adopted_on: date | None
    version: int
    archived: bool

    @classmethod
    def of(cls, p: StrategicPlan) -> PlanRow:
        return cls(p.id, p.ref, p.partnership_id, p.title, p.vision, p.guiding_principles, p.period_from,
                   p.period_to, p.status, p.adopted_on, p.version, p.archived_at is not None)


@dataclass(frozen=True)
class PlanSummary:
    """One line of a partnership's plans."""
    id: uuid.UUID
    ref: str
    title: str
    status: PlanStatus
    done: int
    total: int

    @property
    def progress_words(self) -> str:
        return progress_words(self.done, self.total)


@dataclass(frozen=True)
class PlanDetail:
    plan: PlanRow
    partnership: PartnershipRow
    goals: tuple[GoalRow, ...]

    @property
    def counted(self) -> tuple[int, int]:
        pairs = [g.counted for g in self.goals]
        return sum(d for d, _t in pairs), sum(t for _d, t in pairs)


def _live(items):
    return [i for i in items if i.archived_at is None]


def _tree(uow, plan: StrategicPlan) -> tuple[GoalRow, ...]:
    actions = [a for g in _live(plan.goals) for s in _live(g.strategies) for a in _live(s.actions)]
    tasks = queries.tasks_by_id(uow.session, [a.task_id for a in actions if a.task_id])
    names = queries.organization_names(uow.session, {a.owner_organization_id for a in actions})

    def action_row(a: StrategicAction) -> ActionRow:
        task = tasks.get(a.task_id)
        return ActionRow(a.id, a.position, a.text, a.owner_organization_id, names.get(a.owner_organization_id, ""),
                         a.due, followed_status(a, task), a.task_id, task.ref if task else "",
                         task.status if task else None, a.version)

    return tuple(GoalRow(g.id, g.position, g.title, g.description,
                         tuple(StrategyRow(s.id, s.position, s.text, tuple(action_row(a) for a in _live(s.actions)),
                                           s.version) for s in _live(g.strategies)), g.version)
                 for g in _live(plan.goals))


def get_plan(uow, actor: Actor, plan_id: uuid.UUID | str) -> PlanDetail:
    """Plans are partner business, not people's: every account may read them."""
    plan = record(uow, StrategicPlan, plan_id, "strategic plan", include_archived=True)
    plan = queries.plan_tree(uow.session, plan.id)
    partnership = record(uow, Partnership, plan.partnership_id, "partnership", include_archived=True)
    return PlanDetail(PlanRow.of(plan), PartnershipRow.of(partnership), _tree(uow, plan))


def plan_summaries(uow, partnership_id: uuid.UUID) -> list[PlanSummary]:
    out = []
    for plan in queries.plans_of(uow.session, partnership_id):
        goals = _tree(uow, queries.plan_tree(uow.session, plan.id))
        pairs = [g.counted for g in goals]
        out.append(PlanSummary(plan.id, plan.ref, plan.title, plan.status, sum(d for d, _ in pairs),
                               sum(t for _, t in pairs)))
    return out


def sync_action_statuses(uow, actor: Actor, plan_id: uuid.UUID) -> Changes:
    """Store the statuses the tasks give the actions (the task board completes tasks, not actions)."""
    moved = False
    for action, task in queries.actions_with_tasks(uow.session, plan_id):
        status = followed_status(action, task)
        if status is not action.status:
            before, action.status = action.status, status
            touch(uow, actor, action, "status followed its task", {"status": [before, status]})
            moved = True
    return Changes(partnerships=moved)


def _check_period(values: dict) -> None:
    first, last = values.get("period_from"), values.get("period_to")
    if first and last and last < first:
        raise ValidationError("period_to", "The plan's period ends before it starts: check the two dates.")


def create_plan(uow, actor: Actor, partnership_id: uuid.UUID, *, title: str, vision: str = "",
                guiding_principles: str = "", period_from: date | None = None,
                period_to: date | None = None) -> tuple[PlanRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    partnership = record(uow, Partnership, partnership_id, "partnership")
    values = dict(vision=vision, guiding_principles=guiding_principles, period_from=period_from, period_to=period_to)
    _check_period(values)
    plan = StrategicPlan(ref=uow.references.next("strategic_plan"), partnership_id=partnership.id,
                         title=required_text("title", "Plan title", title), status=PlanStatus.DRAFT)
    apply_fields(plan, values, PLAN_FIELDS)
    uow.add(plan)
    uow.flush()
    uow.audit.record(actor, plan, "created", changes={"title": [None, plan.title],
                                                      "partnership": [None, partnership.name]})
    return PlanRow.of(plan), CHANGED


def update_plan(uow, actor: Actor, plan_id: uuid.UUID, *, version: int | None, **values) -> tuple[PlanRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    plan = record(uow, StrategicPlan, plan_id, "strategic plan")
    check_version(plan, version, f"the plan {plan.title}")
    if "title" in values:
        values["title"] = required_text("title", "Plan title", values["title"])
    _check_period({"period_from": values.get("period_from", plan.period_from),
                   "period_to": values.get("period_to", plan.period_to)})
    changed = apply_fields(plan, values, PLAN_FIELDS)
    if changed:
        touch(uow, actor, plan, "updated", changed)
    return PlanRow.of(plan), Changes(partnerships=bool(changed))


def set_plan_status(uow, actor: Actor, plan_id: uuid.UUID, status: PlanStatus, *, version: int | None = None,
                    adopted_on: date | None = None) -> tuple[PlanRow, Changes]:
    """Draft → adopted (the partners agreed it, on `adopted_on`) → closed; back to draft to rework it."""
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    plan = record(uow, StrategicPlan, plan_id, "strategic plan")
    check_version(plan, version, f"the plan {plan.title}")
    status = PlanStatus(status)
    if status is plan.status:
        raise ValidationError("status", f"The plan {plan.title} is already {status.label.lower()}.")
    before = {"status": plan.status, "adopted_on": plan.adopted_on}
    plan.status = status
    if status is PlanStatus.ADOPTED:
        plan.adopted_on = adopted_on or uow.today()
    elif status is PlanStatus.DRAFT:
        plan.adopted_on = None
    touch(uow, actor, plan, "status changed", {"status": [before["status"], status],
                                               "adopted_on": [before["adopted_on"], plan.adopted_on]})
    return PlanRow.of(plan), CHANGED


def set_plan_archived(uow, actor: Actor, plan_id: uuid.UUID, archived: bool) -> tuple[PlanRow, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    plan = record(uow, StrategicPlan, plan_id, "strategic plan", include_archived=True)
    set_archived(uow, actor, plan, archived, f"The plan {plan.title}")
    return PlanRow.of(plan), CHANGED


# --- goals and strategies ----------------------------------------------------------------------------

def add_goal(uow, actor: Actor, plan_id: uuid.UUID, *, title: str, description: str = "") -> tuple[uuid.UUID, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    plan = record(uow, StrategicPlan, plan_id, "strategic plan")
    goal = uow.add(StrategicGoal(plan_id=plan.id, position=len(plan.goals) + 1,
                                 title=required_text("title", "Goal", title, max_length=300),
                                 description=(description or "").strip()))
    uow.flush()
    uow.audit.record(actor, goal, "created", changes={"title": [None, goal.title], "plan": [None, plan.ref]})
    return goal.id, CHANGED


def update_goal(uow, actor: Actor, goal_id: uuid.UUID, *, version: int | None, **values) -> tuple[uuid.UUID, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    goal = record(uow, StrategicGoal, goal_id, "goal")
    check_version(goal, version, f"the goal {goal.title}")
    if "title" in values:
        values["title"] = required_text("title", "Goal", values["title"], max_length=300)
    changed = apply_fields(goal, values, GOAL_FIELDS)
    if changed:
        touch(uow, actor, goal, "updated", changed)
    return goal.id, Changes(partnerships=bool(changed))


def set_goal_archived(uow, actor: Actor, goal_id: uuid.UUID, archived: bool) -> tuple[uuid.UUID, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    goal = record(uow, StrategicGoal, goal_id, "goal", include_archived=True)
    set_archived(uow, actor, goal, archived, f"The goal {goal.title}")
    return goal.id, CHANGED


def add_strategy(uow, actor: Actor, goal_id: uuid.UUID, *, text: str) -> tuple[uuid.UUID, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    goal = record(uow, StrategicGoal, goal_id, "goal")
    strategy = uow.add(Strategy(goal_id=goal.id, position=len(goal.strategies) + 1,
                                text=required_text("text", "Strategy", text, max_length=2000)))
    uow.flush()
    uow.audit.record(actor, strategy, "created", changes={"text": [None, strategy.text]})
    return strategy.id, CHANGED


def update_strategy(uow, actor: Actor, strategy_id: uuid.UUID, *, version: int | None,
                    text: str) -> tuple[uuid.UUID, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    strategy = record(uow, Strategy, strategy_id, "strategy")
    check_version(strategy, version, "the strategy")
    changed = apply_fields(strategy, {"text": required_text("text", "Strategy", text, max_length=2000)}, ("text",))
    if changed:
        touch(uow, actor, strategy, "updated", changed)
    return strategy.id, Changes(partnerships=bool(changed))


def set_strategy_archived(uow, actor: Actor, strategy_id: uuid.UUID, archived: bool) -> tuple[uuid.UUID, Changes]:
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    strategy = record(uow, Strategy, strategy_id, "strategy", include_archived=True)
    set_archived(uow, actor, strategy, archived, "The strategy")
    return strategy.id, CHANGED
