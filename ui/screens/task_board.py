"""The task board (Tasks section): every partner agency's tasks, filtered by organization, staff member,
person, status, priority and due window, grouped by organization or staff, sorted in SQL; multi-select
for bulk reassign, due date, status and cancel, each one undo step. The table, its filters and actions
are the TaskTable widget, which a person's workspace embeds with that person's tasks."""

from __future__ import annotations

from caseteam.services.search import HitKind

from ..widgets.task_table import TaskTable


class TaskBoard(TaskTable):
    def __init__(self, ops, actor, history, parent=None, *, person_id=None) -> None:
        """person_id (kept for the workspace's earlier call): one person's tasks, as TaskTable shows them."""
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("taskBoard" if person_id is None else "personTasks")

    def show_hit(self, hit) -> bool:
        """Global search picked an organization, staff member or task: show it here."""
        if hit.kind is HitKind.TASK:
            self.filters.show_only(search=hit.ref)
        elif hit.kind is HitKind.ORGANIZATION:
            self.filters.show_only(organization_id=hit.id)
        elif hit.kind is HitKind.STAFF:
            self.filters.show_only(organization_id=hit.organization_id, staff_id=hit.id)
        else:
            return False
        self.refresh()
        return True


__all__ = ["TaskBoard"]
