"""The customized plan for employment, edited as a whole and saved as a new numbered revision.

The editor starts from the latest revision (or an empty plan). "Save revision…" asks for a change
summary and sends the whole plan, based on the revision loaded: if someone saved another revision
meanwhile, the save is refused (Conflict), the user's edits stay, and the next save builds on theirs.
Undoing a save saves the previous content again as a further revision: history is never rewritten.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDialog, QFormLayout, QHBoxLayout, QLabel, QListWidget, QPlainTextEdit,
                               QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget)

from caseteam.errors import Conflict, ValidationError
from caseteam.services import people, plans, task_board
from caseteam.services.plans import PLAN_TEXT_FIELDS, PlanDraft, PlanRevisionRow, TodoRow

from ...dates import local_date
from ...models.plan_goals_model import EditGoal
from ...models.revision_model import saved_text
from ...widgets import error_dialog
from ...widgets.date_field import DateField
from ...widgets.field_row import plain_text_box
from .plan_dialogs import SaveRevisionDialog
from .plan_goals import GoalsEditor
from .plan_printing import plan_output
from .plan_signature import SignaturePanel
from .plan_step_tasks import StepTasks
from .tab import PersonTab

# Alt-letters avoid the menu bar's (File, Edit, View, Help) and the goal and step forms'.
SECTION_LABELS = {"vision": "Visi&on", "important_to": "&Important to the person",
                  "important_for": "Important fo&r the person", "gifts_and_strengths": "&Gifts and strengths",
                  "supports_natural": "&Natural supports", "supports_paid": "&Paid supports",
                  "supports_technology": "Techno&logy", "supports_community": "Co&mmunity supports",
                  "employers_to_approach": "Emplo&yers and kinds of work to approach"}
FIELD_PATTERN = re.compile(r"goals\[(\d+)\](?:\.steps\[(\d+)\])?\.(\w+)$")


@dataclass(frozen=True)
class LoadedPlan:
    person_name: str
    revision: PlanRevisionRow | None
    author: str
    tasks: dict
    choices: task_board.Choices
    supports: list[str]
    todo: list[TodoRow]
    today: date


def load_plan(uow, actor, person_id) -> LoadedPlan:
    """Everything the editor shows, in one unit of work on the worker."""
    person = people.get_person(uow, actor, person_id)
    revision = plans.latest_plan(uow, actor, person.id)
    author = plans.author_names(uow, actor, [revision.author_id]).get(revision.author_id, "") if revision else ""
    return LoadedPlan(person.display_name, revision, author, plans.step_status(uow, actor, person.id),
                      task_board.choices(uow, actor), plans.natural_supports(uow, actor, person.id),
                      plans.person_todo(uow, actor, person.id), uow.today())


class PlanEditor(PersonTab):
    """dirty_changed(bool) and save_finished(bool) come from PersonTab (the workspace listens)."""

    loaded = Signal(object)        # the PlanRevisionRow now being edited, or None before the first plan
    saved = Signal(object)         # the PlanRevisionRow just saved
    task_created = Signal(object)  # the TaskRow made from an action step

    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("planEditor")
        self.data: LoadedPlan | None = None
        self.revision: PlanRevisionRow | None = None
        self.based_on = 0
        self._baseline: PlanDraft | None = None
        self._filling = False
        self._typed_summary: tuple[str, date | None] | None = None  # kept when a save is refused
        self.header = QLabel("Opening the plan…")
        self.header.setObjectName("planHeader")
        self.header.setWordWrap(True)
        self.header.setAccessibleName("Plan revision")
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.fields: dict[str, QPlainTextEdit] = {}
        self.review_due = DateField("Plan review due date")
        self.todo = QListWidget()
        self.todo.setAccessibleName("The person's to-do list")
        self.todo.setAccessibleDescription("Open steps the person or a natural support carries out, from the "
                                           "saved plan")
        self.goals = GoalsEditor()
        self.steps = StepTasks(self)
        self.message = QLabel("")
        self.message.setObjectName("planMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Plan editor status")
        self.save_button = QPushButton("Save revision… (Ctrl+S)")
        self.save_button.setAccessibleDescription("Saves the whole plan as a new revision; asks what changed")
        self.discard_button = QPushButton("Discard changes")
        self.discard_button.setAccessibleDescription("Goes back to the plan as saved")
        self.output = plan_output(self)  # Large print, Print…, Save as PDF…: the saved revision, to sign
        self.signature = SignaturePanel(self)  # "Signed by … — locked", Record signature… (Ctrl+Shift+H)
        self._build()
        self.save_action = QAction("Save revision…", self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(lambda _checked=False: self.save())
        self.addAction(self.save_action)
        for action in self.goals.editor_actions():
            self.addAction(action)
        self.save_button.clicked.connect(lambda: self.save())
        self.discard_button.clicked.connect(self.discard)
        self.goals.edited.connect(self._check_dirty)
        self.goals.message.connect(self.message.setText)
        self.goals.create_task_requested.connect(self.steps.create_task_for)

    def _build(self) -> None:
        sections = QWidget()
        form = QFormLayout(sections)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: the text gets the width
        for key, text in SECTION_LABELS.items():
            edit = plain_text_box(3)
            edit.setAccessibleName(PLAN_TEXT_FIELDS[key])
            edit.textChanged.connect(self._check_dirty)
            label = QLabel(text + ":")
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.fields[key] = edit
        review_label = QLabel("Revie&w due:")
        review_label.setBuddy(self.review_due)
        form.addRow(review_label, self.review_due)
        self.review_due.edited.connect(self._check_dirty)
        todo_label = QLabel("The person's to-do list (saved plan):")
        todo_label.setBuddy(self.todo)
        self.todo.setMaximumHeight(self.todo.fontMetrics().height() * 6)
        form.addRow(todo_label)
        form.addRow(self.todo)
        scroll = QScrollArea()
        scroll.setWidget(sections)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Plan sections")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(scroll)
        splitter.addWidget(self.goals)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([450, 900])
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for widget in self.output.widgets():
            buttons.addWidget(widget)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.signature)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        order = [self.signature.button, *self.fields.values(), self.review_due, self.todo, self.goals.tree, *self.output.widgets(),
                 self.discard_button, self.save_button]
        for first, second in zip(order, order[1:]):
            self.setTabOrder(first, second)

    def showEvent(self, event) -> None:
        self._claim_save_shortcut()
        super().showEvent(event)

    def _claim_save_shortcut(self) -> None:
        """Inside a workspace, its own Ctrl+S (which saves the tab in front) answers: two actions on one
        key would make Qt ignore both. Standalone, the editor's own action answers."""
        keys = QKeySequence(QKeySequence.StandardKey.Save)
        holder, taken = self.parentWidget(), False
        while holder is not None and not taken:
            taken = any(keys in action.shortcuts() for action in holder.actions())
            holder = holder.parentWidget()
        if taken and self.save_action in self.actions():
            self.removeAction(self.save_action)
        elif not taken and self.save_action not in self.actions():
            self.addAction(self.save_action)

    # --- loading --------------------------------------------------------------------------------------
    def load(self) -> None:
        actor, person_id = self.actor, self.person_id
        self.run(lambda uow: load_plan(uow, actor, person_id), on_done=self._fill,
                 on_error=lambda exc: self.header.setText(exc.message))

    def refresh(self) -> None:
        """Reload what is saved; with unsaved edits only the tasks' states are brought up to date."""
        if self._dirty:
            self.steps.refresh_tasks()
        else:
            self.load()

    def apply_changes(self, changes) -> None:
        """Unsaved edits are never replaced: then only task states follow (a stale plan is caught on save)."""
        if self._dirty:
            if changes.tasks:
                self.steps.refresh_tasks()
        elif changes.plans or changes.tasks or changes.teams or changes.organizations or changes.staff:
            self.load()

    def _fill(self, data: LoadedPlan) -> None:
        current = self.goals.current_item()
        keep = getattr(current, "step_key", None) or getattr(current, "goal_key", None)
        self.data, self.revision = data, data.revision
        self.based_on = data.revision.number if data.revision else 0
        draft = data.revision.draft if data.revision else PlanDraft()
        self._filling = True
        for key, edit in self.fields.items():
            edit.setPlainText(getattr(draft, key))
        self.review_due.set_value(draft.review_due)
        names = dict(data.choices.organizations) | {sid: name for sid, _org, name in data.choices.staff}
        goals = [EditGoal.of(g, data.tasks) for g in (data.revision.goals if data.revision else ())]
        self.goals.model.saved_keys = {g.goal_key for g in goals} | {s.step_key for g in goals for s in g.steps}
        self.goals.load(goals, names, data.choices, data.supports)
        self._filling = False
        self._show_header()
        self._show_todo(data.todo)
        self.output.update(data.revision.number if data.revision else None)
        self.signature.show_revision(data.revision)
        self._baseline = self.current_draft()
        self.set_dirty(False)
        for item in (x for g in goals for x in (g, *g.steps)):
            if keep is not None and keep in (getattr(item, "step_key", None), getattr(item, "goal_key", None)):
                self.goals.select(item)
        self.loaded.emit(data.revision)
        self.steps.after_load()

    def _show_header(self, note: str = "") -> None:
        data, revision = self.data, self.revision
        if revision is None:
            text = f"{data.person_name} has no saved plan yet. Write the first revision here."
        else:
            agreed = f"; {data.person_name} agreed on {local_date(revision.agreed_on)}" if revision.agreed_on else ""
            author = data.author if revision is data.revision else "someone else"
            text = (f"{data.person_name}'s plan, revision {revision.number}: saved {saved_text(revision)} by "
                    f"{author}{agreed}.")
        self.header.setText(text + (f" {note}" if note else ""))

    def _show_todo(self, rows: list[TodoRow]) -> None:
        self.todo.clear()
        for row in rows:
            due = f", due {local_date(row.due)}" if row.due else ""
            self.todo.addItem(f"{row.description} ({row.owner_name}{due}) · goal: {row.goal}")
        if not rows:
            self.todo.addItem("Nothing open for the person or natural supports.")

    # --- the draft and its state ------------------------------------------------------------------------
    def current_draft(self) -> PlanDraft:
        return PlanDraft(**{k: e.toPlainText().strip() for k, e in self.fields.items()},
                         review_due=self.review_due.value(), goals=self.goals.model.draft_goals())

    def _check_dirty(self) -> None:
        if not self._filling and self._baseline is not None:
            self.set_dirty(self.current_draft() != self._baseline)

    def saved_step_draft(self, step_key: uuid.UUID | None):
        """The step as it reads in the loaded revision (None when new): to tell if it has edits."""
        drafts = {s.step_key: s for g in (self._baseline.goals if self._baseline else ()) for s in g.steps}
        return drafts.get(step_key) if step_key in self.goals.model.saved_keys else None

    def discard(self) -> None:
        self._typed_summary = None
        if self.data is not None:
            self._fill(self.data)
        self.message.setText("Changes discarded: the plan reads as saved.")

    # --- saving -----------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Ask for the change summary and send the plan; False when nothing was sent."""
        if self._baseline is None:
            return False
        self.goals.clear_errors()
        self.message.setText("")
        unnamed = self.goals.natural_support_without_name()
        if unnamed is not None:
            self._mark(unnamed, "owner", "Write the natural support's name, or choose who else carries out "
                                         f"{self.goals.model.position(unnamed)}.")
            return False
        dialog = SaveRevisionDialog(self.data.person_name, self.based_on + 1, self.data.today, self)
        if self._typed_summary:
            dialog.fill(*self._typed_summary)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        summary, agreed = self._typed_summary = dialog.answer()
        self._send(summary, agreed)
        return True

    def _send(self, summary: str, agreed: date | None) -> None:
        for goal in self.goals.model.goals:  # keys now, so redo and "create task" know the new steps
            goal.goal_key = goal.goal_key or uuid.uuid4()
            for step in goal.steps:
                step.step_key = step.step_key or uuid.uuid4()
        draft, based_on = self.current_draft(), self.based_on
        previous = self.revision.draft if self.revision else PlanDraft()
        actor, person_id = self.actor, self.person_id

        def do(uow):
            return plans.save_plan_revision(uow, actor, person_id, draft, summary=summary, based_on=based_on,
                                            agreed_on=agreed)

        def undo(uow, result):
            number = result[0].number
            what = f"the plan as in revision {based_on}" if based_on else "no goals or text"
            return plans.save_plan_revision(uow, actor, person_id, previous, based_on=number,
                                            summary=f"Undo of revision {number}: back to {what}.")

        def redo(uow, last):
            return plans.save_plan_revision(uow, actor, person_id, draft, summary=summary,
                                            based_on=last[0].number, agreed_on=agreed)

        self.message.setText("Saving…")
        self.perform(f"Save plan revision {based_on + 1}", do, undo, redo=redo,
                     on_done=lambda result: self._saved(result[0]), on_error=self._refused)

    def _saved(self, row: PlanRevisionRow) -> None:
        self._typed_summary = None
        self._baseline = self.current_draft()
        self.set_dirty(False)
        self.message.setText(f"Saved as revision {row.number}. Undo (Ctrl+Z) saves the previous plan again.")
        self.saved.emit(row)
        self.save_finished.emit(True)
        self.load()

    def _refused(self, exc) -> None:
        self.steps.forget_pending()
        self.save_finished.emit(False)
        if isinstance(exc, ValidationError):
            match = FIELD_PATTERN.match(exc.field or "")
            if match:
                g, s, name = match.groups()
                goal = self.goals.model.goals[int(g) - 1]
                item = goal.steps[int(s) - 1] if s else goal
                self._mark(item, "owner" if name == "owner" else "description", exc.message)
                return
            self.message.setText(f"Not saved: {exc.message}")
            return
        if isinstance(exc, Conflict):
            self._conflict(exc)
            return
        self.message.setText(f"Not saved: {exc.message}")
        error_dialog.show_plain(self, exc.message, title="Plan not saved")

    def _mark(self, item, field: str, text: str) -> None:
        item.error, item.error_field = text, field
        self.goals.model.item_changed(item)
        self.goals.show_error(item)
        self.message.setText(f"Not saved: fix {self.goals.model.position(item)} (marked ⚠), then save again.")

    def _conflict(self, exc: Conflict) -> None:
        """Keep every edit; fetch the revision saved meanwhile, say what it changed, build on it next."""
        actor, person_id, mine = self.actor, self.person_id, self.revision

        def fetched(latest: PlanRevisionRow | None) -> None:
            if latest is None:
                return
            theirs = plans.diff_plans(mine, latest) if mine else []
            parts = list(dict.fromkeys(d.label if d.section == "Plan" else d.section for d in theirs))
            changed = "; ".join(parts[:6]) + ("; …" if len(parts) > 6 else "") if parts else "nothing you can see"
            self.revision, self.based_on = latest, latest.number
            text = (f"Not saved: revision {latest.number} was saved by someone else while you edited "
                    f"(they changed: {changed}). Your edits are kept; compare in the plan history, then save "
                    "again to save them on top of theirs.")
            self.message.setText(text)
            self._show_header("Your unsaved edits are kept on top of it.")
            error_dialog.show_plain(self, text, title="Someone else saved the plan")

        self.message.setText(exc.message)
        self.run(lambda uow: plans.latest_plan(uow, actor, person_id), on_done=fetched)
