"""A strategic plan's recommended actions. Each one is a task about no one person, owned by an organization
and due on a date, linked both ways (the action keeps task_id; the task's details name the plan). Changing
the action changes its task; completing the task completes the action (strategic_plans.followed_status)."""

from __future__ import annotations

import uuid
from datetime import date

from caseteam.domain.partnerships import ActionStatus, StrategicAction, StrategicGoal, StrategicPlan, Strategy
from caseteam.domain.tasks import TaskStatus
from caseteam.errors import ValidationError

from . import access, tasks
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import check_version, required_text
from .partnerships import record, set_archived, touch
from .strategic_plans import followed_status

TASK_TITLE_LENGTH = 300
DROPPED_REASON = "The action was dropped from the strategic plan."
ACTION_CHANGES = Changes(partnerships=True, tasks=True)


def _plan_of(uow, strategy: Strategy) -> tuple[StrategicPlan, StrategicGoal]:
    goal = record(uow, StrategicGoal, strategy.goal_id, "goal", include_archived=True)
    return record(uow, StrategicPlan, goal.plan_id, "strategic plan", include_archived=True), goal


def _task_title(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TASK_TITLE_LENGTH else text[:TASK_TITLE_LENGTH - 1] + "…"


def add_action(uow, actor: Actor, strategy_id: uuid.UUID, *, text: str, owner_organization_id: uuid.UUID,
               due: date | None = None, staff_id: uuid.UUID | None = None) -> tuple[uuid.UUID, Changes]:
    """The action and its task, in one step: the owner organization (and, if named, its staff member)
    finds it on the task board."""
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    strategy = record(uow, Strategy, strategy_id, "strategy")
    plan, goal = _plan_of(uow, strategy)
    text = required_text("text", "Action", text, max_length=2000)
    owner = uow.organizations.get(owner_organization_id)
    task, _ = tasks.create_task(uow, actor, title=_task_title(text), organization_id=owner.id, staff_id=staff_id,
                                due=due, details=f"Strategic plan {plan.ref} ({plan.title}), goal {goal.position}: "
                                                 f"{goal.title}")
    action = uow.add(StrategicAction(strategy_id=strategy.id, position=len(strategy.actions) + 1, text=text,
                                     owner_organization_id=owner.id, due=due, status=ActionStatus.NOT_STARTED,
                                     task_id=task.id))
    uow.flush()
    uow.audit.record(actor, action, "created", changes={"text": [None, text], "owner": [None, owner.name],
                                                        "due": [None, due.isoformat() if due else None],
                                                        "task": [None, task.ref]})
    return action.id, ACTION_CHANGES


def update_action(uow, actor: Actor, action_id: uuid.UUID, *, version: int | None, text: str | None = None,
                  owner_organization_id: uuid.UUID | None = None, due: date | None | str = "keep",
                  staff_id: uuid.UUID | None = None) -> tuple[uuid.UUID, Changes]:
    """New words, owner or due date; the task follows (a new owner gets the task reassigned)."""
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    action = record(uow, StrategicAction, action_id, "action")
    check_version(action, version, "the action")
    changed: dict[str, list] = {}
    task = uow.tasks.find(action.task_id)
    if text is not None:
        text = required_text("text", "Action", text, max_length=2000)
        if text != action.text:
            changed["text"], action.text = [action.text, text], text
            if task is not None:
                task.title, task.updated_at = _task_title(text), uow.now()
    if owner_organization_id is not None and owner_organization_id != action.owner_organization_id:
        owner = uow.organizations.get(owner_organization_id)
        changed["owner"] = [action.owner_organization_id, owner.id]
        action.owner_organization_id = owner.id
        if task is not None:
            tasks.assign_task(uow, actor, task.id, organization_id=owner.id, staff_id=staff_id)
    if due != "keep" and due != action.due:
        changed["due"], action.due = [action.due, due], due
        if task is not None:
            tasks.set_task_due(uow, actor, task.id, due)
    if changed:
        touch(uow, actor, action, "updated", changed)
    return action.id, ACTION_CHANGES if changed else Changes()


def set_action_status(uow, actor: Actor, action_id: uuid.UUID, status: ActionStatus, *,
                      version: int | None = None) -> tuple[uuid.UUID, Changes]:
    """Mark an action done, started, not started or dropped; its task moves the same way."""
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    action = record(uow, StrategicAction, action_id, "action")
    check_version(action, version, "the action")
    status = ActionStatus(status)
    task = uow.tasks.find(action.task_id)
    before = followed_status(action, task)
    if status is before:
        raise ValidationError("status", f"The action is already {status.label.lower()}.")
    if task is not None and task.archived_at is None:
        _move_task(uow, actor, task, status)
    action.status = status
    touch(uow, actor, action, "status changed", {"status": [before, status]})
    return action.id, ACTION_CHANGES


def _move_task(uow, actor: Actor, task, status: ActionStatus) -> None:
    if not task.status.active and status in (ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS):
        tasks.reopen_task(uow, actor, task.id)
    if status is ActionStatus.DONE and task.status is TaskStatus.CANCELLED:
        tasks.reopen_task(uow, actor, task.id)
    if status is ActionStatus.DONE and task.status is not TaskStatus.DONE:
        tasks.complete_task(uow, actor, task.id)
    elif status is ActionStatus.IN_PROGRESS and task.status is TaskStatus.OPEN:
        tasks.start_task(uow, actor, task.id)
    elif status is ActionStatus.DROPPED and task.status is not TaskStatus.CANCELLED:
        tasks.cancel_task(uow, actor, task.id, reason=DROPPED_REASON)


def set_action_archived(uow, actor: Actor, action_id: uuid.UUID, archived: bool) -> tuple[uuid.UUID, Changes]:
    """Take an action out of the plan (its task is archived with it) or put it back."""
    access.require(uow, actor, Action.MANAGE_PARTNERS)
    action = record(uow, StrategicAction, action_id, "action", include_archived=True)
    set_archived(uow, actor, action, archived, "The action")
    task = uow.tasks.find(action.task_id)
    if task is not None and (task.archived_at is not None) != archived:
        tasks.set_task_archived(uow, actor, task.id, archived)
    return action.id, ACTION_CHANGES
