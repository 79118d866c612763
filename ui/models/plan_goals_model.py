"""The plan's goals (top level) and their action steps (children), as the plan editor edits them.

Items are mutable while the user edits; `draft_goals()` turns them into the frozen drafts the plan
service saves. A step's index carries its goal's serial number (not its row), so moving a goal keeps
every persistent index of its steps pointing at the right step.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from caseteam.domain.plans import GoalStatus, StepOwner
from caseteam.services.plans import GoalDraft, GoalRow, StepDraft, StepRow, StepTaskRow

from ..dates import local_date
from .columns import ColumnHeaders, Index
_serials = itertools.count(1)


class Column(IntEnum):
    ITEM = 0
    OWNER = 1
    DUE = 2
    STATUS = 3


HEADERS = {Column.ITEM: "Goal or action step", Column.OWNER: "Owner", Column.DUE: "Date",
           Column.STATUS: "Status"}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1   # the EditGoal or EditStep behind a line
# The line with its number ("Goal 2 (new): …"). Numbers follow positions, which change as lines are added,
# moved or removed, so they stay out of DisplayRole (Qt's model rules); the tree's delegate asks at paint time.
NUMBERED_ROLE = Qt.ItemDataRole.UserRole + 2
OWNER_LABELS = {StepOwner.PERSON: "The person", StepOwner.NATURAL_SUPPORT: "A natural support",
                StepOwner.ORGANIZATION: "A partner organization"}


@dataclass(eq=False)
class EditStep:
    description: str = ""
    owner_kind: StepOwner = StepOwner.PERSON
    organization_id: uuid.UUID | None = None
    staff_id: uuid.UUID | None = None
    owner_name: str = ""  # a natural support's name; for an organization, how the saved revision named it
    due: date | None = None
    done: bool = False
    step_key: uuid.UUID | None = None
    task: StepTaskRow | None = None
    error: str = ""
    error_field: str = ""  # "description" or "owner": where the message is shown

    @classmethod
    def of(cls, row: StepRow, task: StepTaskRow | None) -> EditStep:
        # A step whose task is done is done: the next revision carries that.
        return cls(row.description, row.owner_kind, row.owner_organization_id, row.owner_staff_id, row.owner_name,
                   row.due, row.done or bool(task and task.done), row.step_key, task)

    def draft(self) -> StepDraft:
        organization = self.owner_kind is StepOwner.ORGANIZATION
        return StepDraft(self.description.strip(), self.owner_kind,
                         self.organization_id if organization else None, self.staff_id if organization else None,
                         # The service names an organization owner from the records, as they read today.
                         "" if organization else self.owner_name.strip(), self.due, self.done, self.step_key)


@dataclass(eq=False)
class EditGoal:
    description: str = ""
    criterion: str = ""
    target_date: date | None = None
    status: GoalStatus = GoalStatus.NOT_STARTED
    steps: list[EditStep] = field(default_factory=list)
    goal_key: uuid.UUID | None = None
    error: str = ""
    error_field: str = ""
    serial: int = field(default_factory=lambda: next(_serials))

    @classmethod
    def of(cls, row: GoalRow, tasks: dict[uuid.UUID, StepTaskRow]) -> EditGoal:
        return cls(row.description, row.criterion, row.target_date, row.status,
                   [EditStep.of(s, tasks.get(s.step_key)) for s in row.steps], row.goal_key)

    def draft(self) -> GoalDraft:
        return GoalDraft(self.description.strip(), self.criterion.strip(), self.target_date, self.status,
                         tuple(s.draft() for s in self.steps), self.goal_key)


def step_status_text(step: EditStep) -> str:
    """Words, not colour: done, the linked task and its state, or a problem to fix."""
    parts = []
    if step.error:
        parts.append("⚠ Needs a fix")
    if step.done:
        parts.append("✓ Done")
    if step.task is not None:
        parts.append(f"Task {step.task.ref}: {step.task.status.label.lower()}")
    elif step.owner_kind is StepOwner.ORGANIZATION and not step.done:
        parts.append("No task yet")
    return " · ".join(parts) or "Open"


class PlanGoalsModel(ColumnHeaders, QAbstractItemModel):
    Column = Column
    HEADERS = HEADERS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.goals: list[EditGoal] = []
        self.names: dict[uuid.UUID, str] = {}  # organization and staff ids -> names, for the Owner column
        self.saved_keys: set[uuid.UUID] = set()  # goal and step keys in the revision loaded: others are new

    # --- filling --------------------------------------------------------------------------------
    def load(self, goals: list[EditGoal]) -> None:
        self.beginResetModel()
        self.goals = goals
        self.endResetModel()

    def draft_goals(self) -> tuple[GoalDraft, ...]:
        return tuple(g.draft() for g in self.goals)

    # --- structure ------------------------------------------------------------------------------
    def _goal_row(self, serial: int) -> int:
        return next(r for r, g in enumerate(self.goals) if g.serial == serial)

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, self.goals[parent.row()].serial)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(self._goal_row(index.internalId()), 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.goals)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.goals[parent.row()].steps)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(Column)

    def item(self, index: Index) -> EditGoal | EditStep | None:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self.goals[index.row()]
        return self.goals[self._goal_row(index.internalId())].steps[index.row()]

    def index_of(self, item: EditGoal | EditStep, column: int = 0) -> QModelIndex:
        for g_row, goal in enumerate(self.goals):
            if goal is item:
                return self.index(g_row, column)
            for s_row, step in enumerate(goal.steps):
                if step is item:
                    return self.index(s_row, column, self.index(g_row, 0))
        return QModelIndex()

    def goal_of(self, step: EditStep) -> EditGoal:
        return next(g for g in self.goals if any(s is step for s in g.steps))

    def position(self, item: EditGoal | EditStep) -> str:
        """"goal 2" or "goal 2, step 1": how messages and screen readers name an item."""
        index = self.index_of(item)
        if isinstance(item, EditGoal):
            return f"goal {index.row() + 1}"
        return f"goal {index.parent().row() + 1}, step {index.row() + 1}"

    # --- reading --------------------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def owner_text(self, step: EditStep) -> str:
        if step.owner_kind is StepOwner.PERSON:
            return "The person"
        if step.owner_kind is StepOwner.NATURAL_SUPPORT:
            return step.owner_name.strip() or "A natural support (no name yet)"
        if step.organization_id is None:
            return "No organization chosen"
        org = self.names.get(step.organization_id, "")
        staff = self.names.get(step.staff_id, "") if step.staff_id else ""
        if not org:  # archived since: keep the name the revision was saved with
            return step.owner_name or "An organization no longer listed"
        return f"{staff.split(',')[0]}, {org}" if staff else org

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index)
        if item is None:
            return None
        column = Column(index.column())
        if role == ROW_ROLE:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, index, column, numbered=False)
        if role in (NUMBERED_ROLE, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(item, index, column, numbered=True)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.error or None
        return None

    def _text(self, item, index: Index, column: Column, *, numbered: bool) -> str:
        number = f" {index.row() + 1}" if numbered else ""
        if isinstance(item, EditGoal):
            if column is Column.ITEM:
                new = "" if item.goal_key in self.saved_keys else " (new)"
                return f"Goal{number}{new}: {item.description.strip() or '(no description yet)'}"
            if column is Column.OWNER:
                return f"{len(item.steps)} step{'s' if len(item.steps) != 1 else ''}"
            if column is Column.DUE:
                return local_date(item.target_date)
            return ("⚠ Needs a fix · " if item.error else "") + item.status.label
        if column is Column.ITEM:
            new = "" if item.step_key in self.saved_keys else " (new)"
            return f"Step{number}{new}: {item.description.strip() or '(no description yet)'}"
        if column is Column.OWNER:
            return self.owner_text(item)
        if column is Column.DUE:
            return local_date(item.due)
        return step_status_text(item)

    # --- editing --------------------------------------------------------------------------------
    def item_changed(self, item: EditGoal | EditStep) -> None:
        first = self.index_of(item, Column.ITEM)
        if first.isValid():
            self.dataChanged.emit(first, first.siblingAtColumn(Column.STATUS))
        if isinstance(item, EditStep):
            parent = self.index_of(self.goal_of(item), Column.OWNER)
            self.dataChanged.emit(parent, parent)

    def add_goal(self, after: int | None = None) -> QModelIndex:
        row = len(self.goals) if after is None else after + 1
        self.beginInsertRows(QModelIndex(), row, row)
        self.goals.insert(row, EditGoal())
        self.endInsertRows()
        self._renumbered(QModelIndex(), row + 1)
        return self.index(row, 0)

    def add_step(self, goal_row: int, after: int | None = None) -> QModelIndex:
        goal = self.goals[goal_row]
        parent = self.index(goal_row, 0)
        row = len(goal.steps) if after is None else after + 1
        self.beginInsertRows(parent, row, row)
        goal.steps.insert(row, EditStep())
        self.endInsertRows()
        self._renumbered(parent, row + 1)
        self.item_changed(goal)
        return self.index(row, 0, parent)

    def remove(self, index: Index) -> None:
        item = self.item(index)
        if item is None:
            return
        parent, row = index.parent(), index.row()
        self.beginRemoveRows(parent, row, row)
        if isinstance(item, EditGoal):
            del self.goals[row]
        else:
            del self.goals[parent.row()].steps[row]
        self.endRemoveRows()
        self._renumbered(parent, row)
        if parent.isValid():
            self.item_changed(self.goals[parent.row()])

    def move(self, index: Index, delta: int) -> QModelIndex:
        """Up (-1) or down (+1) among its siblings; returns the item's new index (same if it cannot)."""
        item = self.item(index)
        parent = QModelIndex(index.parent())
        siblings = self.goals if isinstance(item, EditGoal) else self.goals[parent.row()].steps
        row, target = index.row(), index.row() + delta
        if item is None or not 0 <= target < len(siblings):
            return QModelIndex(index)
        # Qt counts the destination before the move: one further when moving down.
        self.beginMoveRows(parent, row, row, parent, target + 1 if delta > 0 else target)
        siblings.insert(target, siblings.pop(row))
        self.endMoveRows()
        self._renumbered(parent, min(row, target))
        return self.index_of(item)

    def _renumbered(self, parent: Index, first: int) -> None:
        """Lines from `first` on have new numbers (NUMBERED_ROLE): say so, for views and screen readers."""
        last = self.rowCount(parent) - 1
        if first <= last:
            self.dataChanged.emit(self.index(first, Column.ITEM, parent), self.index(last, Column.ITEM, parent),
                                  [NUMBERED_ROLE, Qt.ItemDataRole.AccessibleTextRole])
