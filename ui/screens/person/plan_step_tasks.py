"""Create task from action step, and keep each step's task state current in the plan editor.

A task is made from the step as saved in the latest revision (the service reads the owner there),
so a new or edited step is saved first. Undo archives the task; redo restores it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from caseteam.domain.plans import StepOwner
from caseteam.services import plans, tasks
from caseteam.services.plans import StepTaskRow
from caseteam.services.tasks import TaskRow

from ...models.plan_goals_model import EditStep
from ...widgets import error_dialog
from .plan_dialogs import StepTaskDialog


def ask_save_first(parent: QWidget) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, "Save the plan first",
                      "A task is made from a step saved in the plan, and this step is new or has unsaved edits.",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setInformativeText("Save the plan as a new revision now? You will be asked what changed; then the task "
                           "is made.")
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes


class StepTasks:
    def __init__(self, editor) -> None:
        self.editor = editor
        self.tasks: dict = {}
        self.pending: EditStep | None = None  # a step to make a task from once the plan is saved
        self.ask_save_first = ask_save_first  # tests replace it

    def create_task_for(self, step: EditStep) -> None:
        ed = self.editor
        if step.task is not None and step.task.status.active:
            error_dialog.show_plain(ed, f"Task {step.task.ref} already carries out this step.",
                                    title="The step has a task")
            return
        if step.owner_kind is not StepOwner.ORGANIZATION:
            who = "the person" if step.owner_kind is StepOwner.PERSON else (step.owner_name or "a natural support")
            error_dialog.show_plain(ed, f"This step is carried out by {who}, so it stays in the plan and on the "
                                        "person's to-do list. Only a step owned by a partner organization "
                                        "becomes a task.", title="No task for this step")
            return
        saved = ed.saved_step_draft(step.step_key)
        if saved is not None and saved == step.draft():
            self._ask_and_create(step)  # the service reads the owner in the saved revision
            return
        if not self.ask_save_first(ed):
            return
        self.pending = step
        if not ed.save():
            self.pending = None

    def forget_pending(self) -> None:
        self.pending = None

    def after_load(self) -> None:
        """Called each time the editor has loaded: keep task states, and finish a task asked for
        before the plan was saved."""
        ed = self.editor
        self.tasks = dict(ed.data.tasks)
        step, self.pending = self.pending, None
        if step is None or step.step_key not in ed.goals.model.saved_keys:
            return
        fresh = next((s for g in ed.goals.model.goals for s in g.steps if s.step_key == step.step_key), None)
        if fresh is not None:
            ed.goals.select(fresh)
            self._ask_and_create(fresh)

    def _ask_and_create(self, step: EditStep) -> None:
        ed = self.editor
        dialog = StepTaskDialog(ed.goals.model.owner_text(step), step.description, step.due, ed)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        title, due = dialog.answer()
        actor, person_id, key = ed.actor, ed.person_id, step.step_key
        ed.perform(
            "Create task from action step",
            lambda uow: plans.create_task_from_step(uow, actor, person_id, key, due=due, title=title),
            lambda uow, result: tasks.set_task_archived(uow, actor, result[0].id, True),
            redo=lambda uow, last: tasks.set_task_archived(uow, actor, last[0].id, False),
            on_done=lambda result: self._created(result[0]))

    def _created(self, row: TaskRow) -> None:
        ed = self.editor
        self.tasks[row.action_step_key] = StepTaskRow(row.action_step_key, row.id, row.ref, row.status, row.version)
        ed.goals.update_tasks(self.tasks)
        who = f"{row.staff_name}, {row.organization_name}" if row.staff_name else row.organization_name
        ed.message.setText(f"Task {row.ref} created for {who}. Undo (Ctrl+Z) archives it.")
        ed.task_created.emit(row)

    def refresh_tasks(self) -> None:
        ed = self.editor
        actor, person_id = ed.actor, ed.person_id
        ed.run(lambda uow: plans.step_status(uow, actor, person_id), on_done=self._tasks_loaded)

    def _tasks_loaded(self, found: dict) -> None:
        self.tasks = found
        self.editor.goals.update_tasks(found)
        self.editor._check_dirty()
