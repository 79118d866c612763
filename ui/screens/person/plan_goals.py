"""Goals and action steps: a tree to arrange them (Insert, Delete, Ctrl+Up/Down) and a form under it
for the goal or step the cursor is on."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QSplitter, QStackedWidget, QStyledItemDelegate, QToolBar, \
    QTreeView, QVBoxLayout, QWidget

from caseteam.domain.plans import StepOwner
from caseteam.services.plans import StepTaskRow
from caseteam.services.task_board import Choices

from ...models.plan_goals_model import NUMBERED_ROLE, Column, EditGoal, EditStep, PlanGoalsModel
from .plan_item_forms import GoalForm, StepForm


class NumberedLines(QStyledItemDelegate):
    """Shows each goal and step with its number, read when painted, so it always follows the order."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.text = index.data(NUMBERED_ROLE) or option.text


class GoalsEditor(QWidget):
    edited = Signal()                      # any goal or step changed, was added, removed or moved
    create_task_requested = Signal(object)  # the EditStep the user wants a task for
    message = Signal(str)                  # something to tell the user in the editor's status line

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = PlanGoalsModel(self)
        self.tree = self._make_tree()
        heading = QLabel("Goals and action steps:")
        heading.setBuddy(self.tree)
        self.toolbar = QToolBar("Goal and step actions")
        self.toolbar.setAccessibleName("Goal and step actions")
        self._make_actions()
        self.goal_form, self.step_form = GoalForm(), StepForm()
        self.placeholder = QLabel("Select a goal or a step to edit it, or add a goal (Ctrl+Shift+G).")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details = QStackedWidget()
        for page in (self.placeholder, self.goal_form, self.step_form):
            self.details.addWidget(page)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(heading)
        top_layout.addWidget(self.toolbar)
        top_layout.addWidget(self.tree, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.details)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.goal_form.edited.connect(self._item_edited)
        self.step_form.edited.connect(self._item_edited)
        self.step_form.task_button.clicked.connect(self.task_action.trigger)
        self.tree.selectionModel().currentChanged.connect(lambda current, _previous: self._show(current))
        self.model.modelReset.connect(lambda: self._show(QModelIndex()))
        self._update_actions()

    def _make_tree(self) -> QTreeView:
        tree = QTreeView()
        tree.setObjectName("goalTree")
        tree.setAccessibleName("Goals and action steps")
        tree.setAccessibleDescription("Insert adds a step, Delete removes, Ctrl+Up and Ctrl+Down move the "
                                      "goal or step; its details are below the list")
        tree.setModel(self.model)
        tree.setItemDelegateForColumn(Column.ITEM, NumberedLines(tree))
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setAllColumnsShowFocus(True)
        tree.setWordWrap(False)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.ITEM, header.ResizeMode.Stretch)
        for column in (Column.DUE, Column.STATUS):
            header.setSectionResizeMode(column, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.OWNER, header.ResizeMode.Interactive)
        return tree

    def _action(self, text: str, keys: str, slot, *, tree_only: bool = False, toolbar: bool = True) -> QAction:
        """tree_only: keys that mean something else in a text box (Delete, Insert, Ctrl+Up) work in the tree."""
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys.split(", ")[-1]))
        action.setToolTip(f"{text} ({keys})")
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut if tree_only
                                  else Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        (self.tree if tree_only else self).addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.add_goal_action = self._action("Add goal", "Ctrl+Shift+G", self.add_goal)
        self.add_step_action = self._action("Add step", "Insert, Ctrl+Shift+A", self.add_step)
        self.insert_action = self._action("Add step here", "Insert", self.add_step, tree_only=True, toolbar=False)
        self.remove_action = self._action("Remove", "Delete", self.remove_current, tree_only=True)
        self.up_action = self._action("Move up", "Ctrl+Up", lambda: self.move_current(-1), tree_only=True)
        self.down_action = self._action("Move down", "Ctrl+Down", lambda: self.move_current(1), tree_only=True)
        self.task_action = self._action("Create task from action step", "Ctrl+Shift+T", self._request_task)

    def editor_actions(self) -> list[QAction]:
        """Actions that should also work from anywhere in the plan editor (not only in this pane)."""
        return [self.add_goal_action, self.add_step_action, self.task_action]

    # --- filling --------------------------------------------------------------------------------
    def load(self, goals: list[EditGoal], names: dict, choices: Choices, supports: list[str]) -> None:
        self.model.names = names
        self.step_form.set_choices(choices, supports)
        self.model.load(goals)
        self.tree.expandAll()
        # Long owner names would squeeze the goals themselves; the full name is in the form below.
        self.tree.header().resizeSection(Column.OWNER, min(self.tree.sizeHintForColumn(Column.OWNER), 220))
        if goals:
            self.select(goals[0])

    def update_tasks(self, tasks: dict) -> None:
        """New task statuses: a step whose task is done is shown (and next saved) as done."""
        for goal in self.model.goals:
            for step in goal.steps:
                task: StepTaskRow | None = tasks.get(step.step_key) if step.step_key else None
                if task != step.task or (task and task.done and not step.done):
                    step.task = task
                    step.done = step.done or bool(task and task.done)
                    self.model.item_changed(step)
        if self.step_form.item is not None and self.details.currentWidget() is self.step_form:
            self.step_form.show_item(self.step_form.item)

    # --- where the cursor is ----------------------------------------------------------------------
    def current_item(self) -> EditGoal | EditStep | None:
        return self.model.item(self.tree.currentIndex())

    def current_step(self) -> EditStep | None:
        item = self.current_item()
        return item if isinstance(item, EditStep) else None

    def select(self, item) -> None:
        index = self.model.index_of(item)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _show(self, index: QModelIndex) -> None:
        item = self.model.item(index)
        if isinstance(item, EditGoal):
            self.goal_form.show_item(item)
            self.details.setCurrentWidget(self.goal_form)
        elif isinstance(item, EditStep):
            self.step_form.show_item(item)
            self.details.setCurrentWidget(self.step_form)
        else:
            self.details.setCurrentWidget(self.placeholder)
        self._update_actions()

    def _update_actions(self) -> None:
        item = self.current_item()
        index = self.tree.currentIndex()
        siblings = self.model.rowCount(index.parent()) if item is not None else 0
        self.remove_action.setEnabled(item is not None)
        self.up_action.setEnabled(item is not None and index.row() > 0)
        self.down_action.setEnabled(item is not None and index.row() < siblings - 1)
        self.task_action.setEnabled(isinstance(item, EditStep) and (item.task is None or not item.task.status.active))

    def show_error(self, item) -> None:
        """Select the item with the problem, show the message next to its field and go there."""
        self.select(item)
        self._show(self.tree.currentIndex())
        form = self.goal_form if isinstance(item, EditGoal) else self.step_form
        form.show_errors()
        widget = form.error_widget()
        (widget or self.tree).setFocus()

    def clear_errors(self) -> None:
        for goal in self.model.goals:
            for item in (goal, *goal.steps):
                if item.error:
                    item.error = item.error_field = ""
                    self.model.item_changed(item)
        for form in (self.goal_form, self.step_form):
            if form.item is not None:
                form.show_errors()

    # --- changing -----------------------------------------------------------------------------------
    def _item_edited(self, item) -> None:
        self.model.item_changed(item)
        if isinstance(item, EditStep):
            self.step_form.show_task()
        self._update_actions()
        self.edited.emit()

    def _goal_row(self) -> int | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        return index.parent().row() if index.parent().isValid() else index.row()

    def add_goal(self) -> None:
        index = self.model.add_goal(self._goal_row())
        self.tree.setCurrentIndex(index)
        self.goal_form.description.setFocus()
        self.edited.emit()

    def add_step(self) -> None:
        goal_row = self._goal_row()
        if goal_row is None:
            if not self.model.goals:
                self.add_goal()
                self.message.emit("A step belongs to a goal: describe the goal first, then add its steps.")
                return
            goal_row = 0
        current = self.tree.currentIndex()
        after = current.row() if current.parent().isValid() else None
        index = self.model.add_step(goal_row, after)
        self.tree.expand(index.parent())
        self.tree.setCurrentIndex(index)
        self.step_form.description.setFocus()
        self.edited.emit()

    def remove_current(self) -> None:
        index = self.tree.currentIndex()
        item = self.model.item(index)
        if item is None:
            return
        what = self.model.position(item)
        tasks = [s.task for s in (item.steps if isinstance(item, EditGoal) else [item]) if s.task]
        self.model.remove(index)
        note = (f" Task {', '.join(t.ref for t in tasks)} stays on the task board." if tasks else "")
        self.message.emit(f"Removed {what} from this draft; Discard changes brings it back.{note}")
        self.tree.setFocus()
        self._update_actions()
        self.edited.emit()

    def move_current(self, delta: int) -> None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return
        moved = self.model.move(index, delta)
        if moved != index:
            self.tree.setCurrentIndex(moved)
            self.edited.emit()
        self._update_actions()

    def _request_task(self) -> None:
        step = self.current_step()
        if step is None:
            self.message.emit("Select an action step owned by a partner organization first.")
            return
        self.create_task_requested.emit(step)

    def natural_support_without_name(self) -> EditStep | None:
        return next((s for g in self.model.goals for s in g.steps
                     if s.owner_kind is StepOwner.NATURAL_SUPPORT and not s.owner_name.strip()), None)
