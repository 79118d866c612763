"""Tasks across partner agencies: create, assign, complete, reopen, cancel, archive, list."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from caseteam.domain.tasks import Priority, Task, TaskStatus
from caseteam.domain.users import Role
from caseteam.errors import PermissionDenied, ValidationError
from caseteam.storage.queries import tasks as task_queries
from caseteam.storage.queries.tasks import TaskFilter

from . import access, consent
from .access import Action, Reach
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version, required_text


@dataclass(frozen=True)
class TaskRow:
    id: uuid.UUID
    ref: str
    title: str
    details: str
    person_id: uuid.UUID | None
    person_ref: str
    person_name: str
    organization_id: uuid.UUID
    organization_name: str
    staff_id: uuid.UUID | None
    staff_name: str
    due: date | None
    priority: Priority
    status: TaskStatus
    completed_at: datetime | None
    action_step_key: uuid.UUID | None
    version: int

    def overdue_on(self, today: date) -> bool:
        return self.status.active and self.due is not None and self.due < today

    @classmethod
    def of(cls, t: Task, person=None) -> TaskRow:
        return cls(t.id, t.ref, t.title, t.details, t.person_id, person.ref if person else "",
                   person.display_name if person else "", t.organization_id, t.organization.name, t.staff_id,
                   t.staff.name if t.staff else "", t.due, t.priority, t.status, t.completed_at,
                   t.action_step_key, t.version)


def _row(uow, task: Task) -> TaskRow:
    uow.flush()
    uow.session.refresh(task)
    return TaskRow.of(task, uow.people.find(task.person_id))


def check_task_permission(uow, actor: Actor, task: Task, action: Action) -> None:
    """EDIT_PERSON to plan, assign or cancel; WORK_TASKS to start, finish or reopen. A task about no one
    person is agency work: anyone who may change the partner directory may plan it."""
    if task.person_id is not None:
        access.require(uow, actor, action, task.person_id)
    elif action is Action.EDIT_PERSON:
        access.require(uow, actor, Action.MANAGE_PARTNERS)
    elif access.reach(actor, Action.WORK_TASKS) is Reach.NONE:
        access.require(uow, actor, Action.WORK_TASKS)
    if actor.role is Role.PARTNER_STAFF and action is Action.WORK_TASKS and \
            task.organization_id != actor.organization_id:
        raise PermissionDenied(f"Task {task.ref} is assigned to another organization; you may update only "
                               "your organization's tasks.")


def _check_assignment(uow, organization_id: uuid.UUID, staff_id: uuid.UUID | None):
    org = uow.organizations.get(organization_id)
    if staff_id is not None:
        staff = uow.staff.get(staff_id)
        if staff.organization_id != org.id:
            raise ValidationError("staff", f"{staff.name} works for {staff.organization.name}, not {org.name}.")
        if not staff.active:
            raise ValidationError("staff", f"{staff.name} is no longer active at {org.name}.")
    return org


def create_task(uow, actor: Actor, *, title: str, organization_id: uuid.UUID, staff_id: uuid.UUID | None = None,
                person_id: uuid.UUID | None = None, due: date | None = None, priority: Priority = Priority.NORMAL,
                details: str = "", action_step_key: uuid.UUID | None = None) -> tuple[TaskRow, Changes]:
    if person_id is not None:
        access.require(uow, actor, Action.EDIT_PERSON, person_id)
    else:
        access.require(uow, actor, Action.MANAGE_PARTNERS)
    return _create(uow, actor, title=title, organization_id=organization_id, staff_id=staff_id, person_id=person_id,
                   due=due, priority=priority, details=details, action_step_key=action_step_key)


def create_referral_task(uow, actor: Actor, *, title: str, person_id: uuid.UUID, organization_id: uuid.UUID,
                         staff_id: uuid.UUID | None, due: date | None = None) -> tuple[TaskRow, Changes]:
    """The first task an accepted referral makes for the receiving staff member. The acceptance, checked by
    caseteam.services.referral_flow, is the permission; the consent check still applies."""
    return _create(uow, actor, title=title, organization_id=organization_id, staff_id=staff_id, person_id=person_id,
                   due=due)


def _create(uow, actor: Actor, *, title: str, organization_id: uuid.UUID, staff_id: uuid.UUID | None,
            person_id: uuid.UUID | None, due: date | None, priority: Priority = Priority.NORMAL, details: str = "",
            action_step_key: uuid.UUID | None = None) -> tuple[TaskRow, Changes]:
    title = required_text("title", "Task title", title, max_length=300)
    _check_assignment(uow, organization_id, staff_id)
    if person_id is not None:
        uow.people.get(person_id)
        consent.require_for_organization(uow, actor, person_id, organization_id)
    task = uow.add(Task(ref=uow.references.next("task"), title=title, details=details.strip(), person_id=person_id,
                        organization_id=organization_id, staff_id=staff_id, due=due, priority=Priority(priority),
                        status=TaskStatus.OPEN, created_by_id=actor.user_id, action_step_key=action_step_key))
    row = _row(uow, task)
    uow.audit.record(actor, task, "created", changes=audit_safe({
        "title": [None, title], "organization": [None, row.organization_name], "staff": [None, row.staff_name],
        "due": [None, due]}))
    return row, Changes(tasks=True)


def assign_task(uow, actor: Actor, task_id: uuid.UUID, *, organization_id: uuid.UUID,
                staff_id: uuid.UUID | None = None, version: int | None = None) -> tuple[TaskRow, Changes]:
    task = uow.tasks.get(task_id)
    check_task_permission(uow, actor, task, Action.EDIT_PERSON)
    check_version(task, version, f"task {task.ref}")
    _check_assignment(uow, organization_id, staff_id)
    if organization_id != task.organization_id:  # a new staff member of the same organization shares nothing new
        consent.require_for_organization(uow, actor, task.person_id, organization_id)
    before = {"organization_id": task.organization_id, "staff_id": task.staff_id}
    task.organization_id, task.staff_id, task.updated_at = organization_id, staff_id, uow.now()
    row = _row(uow, task)
    uow.audit.record(actor, task, "reassigned", changes=audit_safe({
        "organization_id": [before["organization_id"], organization_id],
        "staff_id": [before["staff_id"], staff_id]}))
    return row, Changes(tasks=True)


def _set_status(uow, actor: Actor, task_id: uuid.UUID, status: TaskStatus, action: str, *,
                version: int | None, reason: str = "") -> tuple[TaskRow, Changes]:
    task = uow.tasks.get(task_id)
    check_task_permission(uow, actor, task,
                          Action.EDIT_PERSON if status is TaskStatus.CANCELLED else Action.WORK_TASKS)
    check_version(task, version, f"task {task.ref}")
    before = task.status
    if before == status:
        raise ValidationError("status", f"Task {task.ref} is already {status.label.lower()}.")
    task.status = status
    task.completed_at = uow.now() if status is TaskStatus.DONE else None
    task.updated_at = uow.now()
    row = _row(uow, task)
    uow.audit.record(actor, task, action, reason=reason, changes=audit_safe({"status": [before, status]}))
    return row, Changes(tasks=True)


def complete_task(uow, actor: Actor, task_id: uuid.UUID, *, version: int | None = None) -> tuple[TaskRow, Changes]:
    task = uow.tasks.get(task_id)
    if task.status is TaskStatus.CANCELLED:
        raise ValidationError("status", f"Task {task.ref} was cancelled; reopen it before marking it done.")
    return _set_status(uow, actor, task_id, TaskStatus.DONE, "completed", version=version)


def start_task(uow, actor: Actor, task_id: uuid.UUID, *, waiting: bool = False,
               version: int | None = None) -> tuple[TaskRow, Changes]:
    status = TaskStatus.WAITING if waiting else TaskStatus.IN_PROGRESS
    return _set_status(uow, actor, task_id, status, "status changed", version=version)


def reopen_task(uow, actor: Actor, task_id: uuid.UUID, *, version: int | None = None) -> tuple[TaskRow, Changes]:
    task = uow.tasks.get(task_id)
    if task.status.active:
        raise ValidationError("status", f"Task {task.ref} is still open.")
    return _set_status(uow, actor, task_id, TaskStatus.OPEN, "reopened", version=version)


def cancel_task(uow, actor: Actor, task_id: uuid.UUID, *, reason: str,
                version: int | None = None) -> tuple[TaskRow, Changes]:
    reason = required_text("reason", "A reason for cancelling", reason, max_length=2000)
    return _set_status(uow, actor, task_id, TaskStatus.CANCELLED, "cancelled", version=version, reason=reason)


def set_task_due(uow, actor: Actor, task_id: uuid.UUID, due: date | None, *,
                 version: int | None = None) -> tuple[TaskRow, Changes]:
    task = uow.tasks.get(task_id)
    check_task_permission(uow, actor, task, Action.EDIT_PERSON)
    check_version(task, version, f"task {task.ref}")
    before, task.due, task.updated_at = task.due, due, uow.now()
    row = _row(uow, task)
    uow.audit.record(actor, task, "due date changed", changes=audit_safe({"due": [before, due]}))
    return row, Changes(tasks=True)


def set_task_archived(uow, actor: Actor, task_id: uuid.UUID, archived: bool) -> tuple[TaskRow, Changes]:
    task = uow.tasks.get(task_id, include_archived=True)
    check_task_permission(uow, actor, task, Action.EDIT_PERSON)
    task.archived_at = uow.now() if archived else None
    row = _row(uow, task)
    uow.audit.record(actor, task, "archived" if archived else "restored")
    return row, Changes(tasks=True)


def list_tasks(uow, actor: Actor, flt: TaskFilter = TaskFilter(), *, limit: int | None = None,
               offset: int = 0) -> list[TaskRow]:
    rows = []
    for task, org_name, s_given, s_family, p_ref, p_given, p_family, p_pref in task_queries.tasks(
            uow.session, flt, limit=limit, offset=offset, visible=access.tasks_filter(uow, actor)):
        person_name = f"{p_pref or p_given} {p_family}" if p_ref else ""
        rows.append(TaskRow(task.id, task.ref, task.title, task.details, task.person_id, p_ref or "", person_name,
                            task.organization_id, org_name, task.staff_id,
                            f"{s_given} {s_family}" if s_given else "", task.due, task.priority, task.status,
                            task.completed_at, task.action_step_key, task.version))
    return rows


def person_name(uow, actor: Actor, person_id: uuid.UUID) -> str:
    """The name over a person's task list (an archived person's tasks stay readable)."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    return uow.people.get(person_id, include_archived=True).display_name


def due_window(today: date, window: str) -> dict:
    """Named windows the lists offer: overdue, today, week (next 7 days)."""
    if window == "overdue":
        return {"overdue_on": today}
    if window == "today":
        return {"due_from": today, "due_to": today}
    if window == "week":
        return {"due_from": today, "due_to": today + timedelta(days=7)}
    raise ValidationError("due", f"Unknown due window {window!r}: use overdue, today or week.")
