"""The task board: pages of every agency's tasks, and bulk changes that are each one undoable step.

Each bulk change returns what it changed from, so its inverse can put exactly that back; the inverse
checks that nobody changed those tasks since (version), and refuses with Conflict if they did.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from caseteam.domain.tasks import TaskStatus
from caseteam.errors import ValidationError
from caseteam.storage.queries.task_board import (BoardQuery, DueWindow, TaskSort, assignment_choices,
                                                 board_counts, board_group_counts, board_page)

from . import access, consent
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version, required_text
from .tasks import TaskRow, _check_assignment, _row, check_task_permission

__all__ = ["BoardQuery", "DueWindow", "TaskSort", "BoardPage", "GroupCount", "TaskState", "BulkResult",
           "fetch_board", "bulk_reassign", "bulk_set_due", "bulk_set_status", "restore_states", "Choices", "choices"]

Versions = Mapping[uuid.UUID, int]  # task id -> the version the user saw; a moved-on task is a Conflict


@dataclass(frozen=True)
class GroupCount:
    """One group of a grouped board (an organization, or a staff member; None: nobody yet)."""
    key: uuid.UUID | None
    total: int
    overdue: int


@dataclass(frozen=True)
class BoardPage:
    rows: tuple[TaskRow, ...]
    offset: int
    total: int
    overdue: int
    today: date
    groups: Mapping[uuid.UUID | None, GroupCount] = field(default_factory=dict)  # when the query groups


@dataclass(frozen=True)
class TaskState:
    """What one task looked like: enough to put it back."""
    task_id: uuid.UUID
    organization_id: uuid.UUID
    staff_id: uuid.UUID | None
    due: date | None
    status: TaskStatus
    version: int


@dataclass(frozen=True)
class BulkResult:
    rows: tuple[TaskRow, ...]
    before: tuple[TaskState, ...]   # as they were: what undo restores
    after: tuple[TaskState, ...]    # as they are now: what undo expects to find


def fetch_board(uow, actor: Actor, query: BoardQuery, *, offset: int = 0, limit: int = 200,
                with_counts: bool = True) -> BoardPage:
    today = uow.today()
    visible = access.tasks_filter(uow, actor)
    rows = []
    for (task_id, ref, title, details, person_id, org_id, staff_id, due, priority, status, completed_at, step_key,
         version, org_name, s_given, s_family, p_ref, p_given, p_family, p_pref) in board_page(
            uow.session, query, today, limit=limit, offset=offset, visible=visible):
        rows.append(TaskRow(task_id, ref, title, details, person_id, p_ref or "",
                            f"{p_pref or p_given} {p_family}" if p_ref else "", org_id, org_name,
                            staff_id, f"{s_given} {s_family}" if s_given else "", due, priority,
                            status, completed_at, step_key, version))
    total, overdue = board_counts(uow.session, query, today, visible=visible) if with_counts else (-1, -1)
    groups = {}
    if with_counts and query.group_by is not None:
        groups = {key: GroupCount(key, int(n), int(late))
                  for key, n, late in board_group_counts(uow.session, query, today, visible=visible)}
    return BoardPage(tuple(rows), offset, total, overdue, today, groups)


def _state(task) -> TaskState:
    return TaskState(task.id, task.organization_id, task.staff_id, task.due, task.status, task.version)


def _tasks(uow, actor, task_ids, versions: Versions | None, action: Action) -> list:
    if not task_ids:
        raise ValidationError("tasks", "Select at least one task first.")
    tasks = [uow.tasks.get(task_id) for task_id in dict.fromkeys(task_ids)]
    for task in tasks:
        check_task_permission(uow, actor, task, action)
        check_version(task, (versions or {}).get(task.id), f"task {task.ref}")
    return tasks


def _finish(uow, actor, tasks, before, action: str, reason: str = "") -> tuple[BulkResult, Changes]:
    rows = []
    for task, old in zip(tasks, before):
        row = _row(uow, task)
        changed = {k: [getattr(old, k), getattr(task, k)] for k in ("organization_id", "staff_id", "due", "status")
                   if getattr(old, k) != getattr(task, k)}
        if changed:
            uow.audit.record(actor, task, action, reason=reason, changes=audit_safe(changed))
        rows.append(row)
    after = tuple(_state(t) for t in tasks)
    return BulkResult(tuple(rows), tuple(before), after), Changes(tasks=True)


def bulk_reassign(uow, actor: Actor, task_ids, *, organization_id: uuid.UUID, staff_id: uuid.UUID | None = None,
                  versions: Versions | None = None) -> tuple[BulkResult, Changes]:
    _check_assignment(uow, organization_id, staff_id)
    tasks = _tasks(uow, actor, task_ids, versions, Action.EDIT_PERSON)
    for person_id in dict.fromkeys(t.person_id for t in tasks if t.organization_id != organization_id):
        consent.require_for_organization(uow, actor, person_id, organization_id)
    before = [_state(t) for t in tasks]
    for task in tasks:
        if (task.organization_id, task.staff_id) != (organization_id, staff_id):
            task.organization_id, task.staff_id, task.updated_at = organization_id, staff_id, uow.now()
    return _finish(uow, actor, tasks, before, "reassigned")


def bulk_set_due(uow, actor: Actor, task_ids, due: date | None, *,
                 versions: Versions | None = None) -> tuple[BulkResult, Changes]:
    tasks = _tasks(uow, actor, task_ids, versions, Action.EDIT_PERSON)
    before = [_state(t) for t in tasks]
    for task in tasks:
        if task.due != due:
            task.due, task.updated_at = due, uow.now()
    return _finish(uow, actor, tasks, before, "due date changed")


def bulk_set_status(uow, actor: Actor, task_ids, status: TaskStatus, *, reason: str = "",
                    versions: Versions | None = None) -> tuple[BulkResult, Changes]:
    """Mark done, start, wait, reopen or cancel many tasks; a cancellation needs a reason."""
    status = TaskStatus(status)
    if status is TaskStatus.CANCELLED:
        reason = required_text("reason", "A reason for cancelling", reason, max_length=2000)
    tasks = _tasks(uow, actor, task_ids, versions,
                   Action.EDIT_PERSON if status is TaskStatus.CANCELLED else Action.WORK_TASKS)
    if status is TaskStatus.DONE:
        cancelled = [t.ref for t in tasks if t.status is TaskStatus.CANCELLED]
        if cancelled:
            raise ValidationError("status", f"Task {', '.join(cancelled)} was cancelled; reopen it before "
                                            "marking it done.")
    before = [_state(t) for t in tasks]
    for task in tasks:
        if task.status is not status:
            task.status, task.updated_at = status, uow.now()
            task.completed_at = uow.now() if status is TaskStatus.DONE else None
    verb = {TaskStatus.DONE: "completed", TaskStatus.OPEN: "reopened", TaskStatus.CANCELLED: "cancelled"}
    return _finish(uow, actor, tasks, before, verb.get(status, "status changed"), reason)


def restore_states(uow, actor: Actor, result: BulkResult) -> tuple[BulkResult, Changes]:
    """Undo a bulk change: each task it changed goes back to `result.before`, if it still is as
    `result.after` (else Conflict naming the task). Tasks the change left alone are left alone."""
    pairs = [(old, now) for old, now in zip(result.before, result.after) if old != now]
    tasks = [uow.tasks.get(now.task_id, include_archived=True) for _old, now in pairs]
    for task, (old, now) in zip(tasks, pairs):
        only_status = (old.organization_id, old.staff_id, old.due) == (now.organization_id, now.staff_id, now.due)
        check_task_permission(uow, actor, task, Action.WORK_TASKS if only_status else Action.EDIT_PERSON)
        check_version(task, now.version, f"task {task.ref}")
    before = [_state(t) for t in tasks]
    for task, (old, _now) in zip(tasks, pairs):
        task.organization_id, task.staff_id, task.due = old.organization_id, old.staff_id, old.due
        if task.status is not old.status:
            task.status = old.status
            task.completed_at = uow.now() if old.status is TaskStatus.DONE else None
        task.updated_at = uow.now()
    return _finish(uow, actor, tasks, before, "change undone")


@dataclass(frozen=True)
class Choices:
    organizations: tuple[tuple[uuid.UUID, str], ...]
    staff: tuple[tuple[uuid.UUID, uuid.UUID, str], ...]   # (staff id, organization id, "Name, title")
    staff_names: Mapping[uuid.UUID, str] = field(default_factory=dict)  # staff id -> "Given Family"

    def staff_of(self, organization_id: uuid.UUID | None) -> list[tuple[uuid.UUID, str]]:
        return [(sid, name) for sid, oid, name in self.staff if oid == organization_id]

    def organization_name(self, organization_id: uuid.UUID | None) -> str:
        return next((name for key, name in self.organizations if key == organization_id), "")


def choices(uow, actor: Actor) -> Choices:
    orgs, staff = assignment_choices(uow.session)
    return Choices(tuple((i, n) for i, n in orgs),
                   tuple((i, o, f"{g} {f}" + (f", {t}" if t else "")) for i, o, g, f, t in staff),
                   {i: f"{g} {f}" for i, _o, g, f, _t in staff})
