"""The Partnership section's first tab: a partnership's members and their representatives (a member with a
single representative is flagged in words), and its strategic plan as a tree of goals (with progress),
strategies and recommended actions (owner, due, status, task). Actions are marked done or in progress
(their tasks follow; Ctrl+Z puts the status back), the plan is saved as a PDF for signatures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from caseteam.domain.partnerships import ActionStatus
from caseteam.services import access, partnership_documents, partnerships, strategic_actions, strategic_plans

from ..dates import local_date
from ..printing import write_whole
from ..widgets import error_dialog
from ..widgets.editor_parts import chain_tab_order
from ..widgets.field_row import find_data
from .partnership_edits import PlanEdits

ACTION_ROLE = Qt.ItemDataRole.UserRole + 1  # the ActionRow behind a line of the plan tree
PART_ROLE = Qt.ItemDataRole.UserRole + 2  # the GoalRow or StrategyRow behind a line; the MemberRow in members


FILTERS = {"pdf": "PDF documents (*.pdf)", "csv": "CSV files (*.csv)"}


def ask_save_path(parent: QWidget, title: str, suggested: str, fmt: str) -> Path | None:
    """Where to write a file, starting in Documents; the ending added when left off. None when cancelled."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / suggested), FILTERS[fmt])
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == f".{fmt}" else path.with_name(f"{path.name}.{fmt}")


def refill(box: QComboBox, items) -> None:
    """Replace a choice's (caption, key) items, keeping the chosen key when it is still there, without
    announcing each step (the caller loads what the final choice shows)."""
    chosen = box.currentData()
    box.blockSignals(True)
    box.clear()
    for caption, key in items:
        box.addItem(caption, key)
    index = find_data(box, chosen)  # by value: findData compares the wrapped UUIDs by identity
    box.setCurrentIndex(index if index >= 0 else 0)
    box.blockSignals(False)


def save_whole(parent: QWidget, data: bytes, path: Path, title: str) -> bool:
    """Write the file whole; a failure is told in words. True when written."""
    try:
        write_whole(path, data)
    except OSError as exc:
        error_dialog.show_plain(parent, f"The file could not be saved to {path}: {exc.strerror or exc}. Choose "
                                        "another folder, or free some space, and try again.", title=title)
        return False
    return True


def named_combo(text: str, description: str) -> tuple[QComboBox, QLabel]:
    box = QComboBox()
    box.setAccessibleName(text.replace("&", "").rstrip(":"))
    box.setAccessibleDescription(description)
    # Filled after the page is first shown: a width from the contents then would be the empty box's.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(18)
    label = QLabel(text)
    label.setBuddy(box)
    return box, label


def named_tree(name: str, description: str, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setAccessibleName(name)
    tree.setAccessibleDescription(description)
    tree.setHeaderLabels(headers)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    return tree


class PlansTab(QWidget):
    plan_shown = Signal(object)  # the PlanDetail on screen (None when the partnership has no plan)

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("partnershipPlans")
        self.ops, self.actor, self.history = ops, actor, history
        self.detail = None  # PartnershipDetail
        self.plan = None  # PlanDetail
        # Where the plan PDF goes: asked with a file dialog; tests replace it.
        self.ask_save_path = lambda name: ask_save_path(self, "Save the plan as PDF", name, "pdf")

        self.partnership_box, partnership_label = named_combo("Partner&ship:", "The partnership to show")
        self.plan_box, plan_label = named_combo("Strategic p&lan:", "The partnership's strategic plan to show")
        self.members = named_tree("Members and representatives",
                                  "Each member organization with its representatives; a member with only one is "
                                  "flagged", ["Member or representative", "Role", "Contact"])
        members_label = QLabel("&Members:")
        members_label.setBuddy(self.members)
        self.flags = QLabel("")
        self.flags.setObjectName("singleRepresentativeFlags")
        self.flags.setAccessibleName("Members with a single representative")
        self.flags.setWordWrap(True)
        self.foundations = QLabel("")
        self.foundations.setObjectName("planFoundations")
        self.foundations.setAccessibleName("Vision and guiding principles")
        self.foundations.setWordWrap(True)
        self.foundations.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = named_tree("Goals, strategies and actions",
                               "Each goal with its progress, its strategies and their recommended actions",
                               ["Goal, strategy or action", "Owner", "Due", "Status", "Task"])
        tree_label = QLabel("&Goals, strategies and actions:")
        tree_label.setBuddy(self.tree)
        self.done_button = QPushButton("Mark action &done")
        self.done_button.setAccessibleDescription("Mark the chosen action done; its task is completed too")
        self.started_button = QPushButton("Mark &in progress")
        self.started_button.setAccessibleDescription("Mark the chosen action in progress; its task is started")
        self.pdf_button = QPushButton("Save plan &PDF…")
        self.pdf_button.setAccessibleDescription("The plan with a signature line for every representative")
        self.status_label = QLabel("")
        self.status_label.setAccessibleName("Plan status")
        self.edits = PlanEdits(self)
        may_change = access.reach(actor, access.Action.MANAGE_PARTNERS) is access.Reach.ALLOWED
        self.add_buttons = {}
        for key, text, description in (
                ("new_partnership", "Ne&w partnership…", "Start a partnership of partner organizations"),
                ("add_member", "Add mem&ber…", "Add a partner organization to this partnership"),
                ("add_representative", "Add represen&tative…", "Add a representative for the chosen member"),
                ("new_plan", "&New plan…", "Start a strategic plan for this partnership"),
                ("add_goal", "Add g&oal…", "Add a goal to the plan"),
                ("add_strategy", "Add st&rategy…", "Add a strategy to the chosen goal"),
                ("add_action", "Add &action…", "Add a recommended action to the chosen strategy; it becomes a task")):
            button = QPushButton(text)
            button.setAccessibleDescription(description)
            if not may_change:  # hide only: showing a widget before it has a parent opens it as a window
                button.hide()
            button.clicked.connect(getattr(self.edits, key))
            self.add_buttons[key] = button

        top = QHBoxLayout()
        for widget in (partnership_label, self.partnership_box, plan_label, self.plan_box):
            top.addWidget(widget)
        top.addStretch(1)
        buttons = QHBoxLayout()
        for widget in (self.done_button, self.started_button, self.pdf_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        # Two short rows, so the section still fits a 700-pixel-wide window.
        partners_row, plan_row = QHBoxLayout(), QHBoxLayout()
        for key, button in self.add_buttons.items():
            (partners_row if key in ("new_partnership", "add_member", "add_representative") else plan_row).addWidget(
                button)
        partners_row.addStretch(1)
        plan_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(members_label)
        layout.addWidget(self.members, 1)
        layout.addWidget(self.flags)
        layout.addWidget(self.foundations)
        layout.addWidget(tree_label)
        layout.addWidget(self.tree, 2)
        layout.addLayout(buttons)
        layout.addLayout(partners_row)
        layout.addLayout(plan_row)
        layout.addWidget(self.status_label)
        chain_tab_order(self.partnership_box, self.plan_box, self.members, self.tree, self.done_button,
                        self.started_button, self.pdf_button, *self.add_buttons.values())
        self.setFocusProxy(self.partnership_box)

        self.partnership_box.currentIndexChanged.connect(lambda _i: self.load_partnership())
        self.plan_box.currentIndexChanged.connect(lambda _i: self.load_plan())
        self.tree.currentItemChanged.connect(lambda *_a: self._enable())
        self.members.currentItemChanged.connect(lambda *_a: self._enable())
        self.done_button.clicked.connect(lambda: self.set_status(ActionStatus.DONE))
        self.started_button.clicked.connect(lambda: self.set_status(ActionStatus.IN_PROGRESS))
        self.pdf_button.clicked.connect(self.save_pdf)
        self._enable()

    # --- reading ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        actor = self.actor
        self.ops.run(lambda uow: partnerships.list_partnerships(uow, actor), on_done=self._put_partnerships,
                     write=False)

    def _put_partnerships(self, rows) -> None:
        refill(self.partnership_box, [(f"{row.name} ({row.level.label.lower()}, {row.ref})", row.id) for row in rows])
        self.load_partnership()

    def load_partnership(self) -> None:
        key, actor = self.partnership_box.currentData(), self.actor
        if key is None:
            self._put_detail(None)
            return
        self.ops.run(lambda uow: partnerships.get_partnership(uow, actor, key), on_done=self._put_detail, write=False)

    def _put_detail(self, detail) -> None:
        self.detail = detail
        self.members.clear()
        for member in detail.members if detail else ():
            top = QTreeWidgetItem([member.organization_name, member.kind.label,
                                   "Only one representative" if member.single_representative else ""])
            top.setData(0, PART_ROLE, member)
            for rep in member.representatives:
                contact = " · ".join(x for x in (rep.phone, rep.email) if x)
                QTreeWidgetItem(top, [rep.name + ("" if rep.active else " (no longer active)"), rep.role, contact])
            self.members.addTopLevelItem(top)
        self.members.expandAll()
        self.members.resizeColumnToContents(0)
        flagged = [m.organization_name for m in detail.single_representative_members] if detail else []
        self.flags.setText(("Only one representative: " + "; ".join(flagged) +
                            ". A second one keeps the partnership going through staff changes.") if flagged else "")
        refill(self.plan_box, [(f"{plan.title} ({plan.ref}, {plan.status.label.lower()})", plan.id)
                               for plan in (detail.plans if detail else ())])
        self.load_plan()

    def load_plan(self) -> None:
        key, actor = self.plan_box.currentData(), self.actor
        if key is None:
            self._put_plan(None)
            return
        self.ops.run(lambda uow: strategic_plans.get_plan(uow, actor, key), on_done=self._put_plan, write=False)

    def _put_plan(self, plan) -> None:
        self.plan = plan
        chosen = self.current_action()
        self.tree.clear()
        if plan is None:
            self.foundations.setText("This partnership has no strategic plan yet.")
        else:
            p = plan.plan
            principles = "; ".join(line.strip(" -•") for line in p.guiding_principles.splitlines() if line.strip())
            self.foundations.setText(f"Vision: {p.vision or 'not written yet'}\nGuiding principles: "
                                     f"{principles or 'not written yet'}")
        today = date.today()
        again = None
        for n, goal in enumerate(plan.goals if plan else (), start=1):
            top = QTreeWidgetItem([f"Goal {n}. {goal.title}", "", "", goal.progress_words, ""])
            top.setData(0, PART_ROLE, goal)
            for k, strategy in enumerate(goal.strategies, start=1):
                middle = QTreeWidgetItem(top, [f"Strategy {n}.{k}: {strategy.text}", "", "", "", ""])
                middle.setData(0, PART_ROLE, strategy)
                for action in strategy.actions:
                    status = action.status.label + (" (overdue)" if action.overdue_on(today) else "")
                    leaf = QTreeWidgetItem(middle, [action.text, action.owner_name,
                                                    local_date(action.due) if action.due else "", status,
                                                    action.task_ref])
                    leaf.setData(0, ACTION_ROLE, action)
                    if chosen is not None and action.id == chosen.id:
                        again = leaf
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        if again is not None:
            self.tree.setCurrentItem(again)
        self.status_label.setText(self._plan_words(plan))
        self._enable()
        self.plan_shown.emit(plan)

    @staticmethod
    def _plan_words(plan) -> str:
        if plan is None:
            return ""
        done, total = plan.counted
        return (f"{plan.plan.ref} · {plan.plan.status.label} · {strategic_plans.progress_words(done, total)} "
                "across all goals")

    # --- acting -------------------------------------------------------------------------------------
    def current_action(self):
        item = self.tree.currentItem()
        return item.data(0, ACTION_ROLE) if item is not None else None

    def _chosen_part(self, tree, kind):
        """The `kind` row of the chosen line or of the line it sits under."""
        item = tree.currentItem()
        while item is not None:
            part = item.data(0, PART_ROLE)
            if isinstance(part, kind):
                return part
            item = item.parent()
        return None

    def current_member(self):
        return self._chosen_part(self.members, partnerships.MemberRow)

    def current_goal(self):
        return self._chosen_part(self.tree, strategic_plans.GoalRow)

    def current_strategy(self):
        return self._chosen_part(self.tree, strategic_plans.StrategyRow)

    def _enable(self) -> None:
        buttons = self.add_buttons
        buttons["add_member"].setEnabled(self.detail is not None)
        buttons["add_representative"].setEnabled(self.current_member() is not None)
        buttons["new_plan"].setEnabled(self.detail is not None)
        buttons["add_goal"].setEnabled(self.plan is not None)
        buttons["add_strategy"].setEnabled(self.current_goal() is not None)
        buttons["add_action"].setEnabled(self.current_strategy() is not None)
        action = self.current_action()
        self.done_button.setEnabled(action is not None and action.status is not ActionStatus.DONE)
        self.started_button.setEnabled(action is not None and action.status is not ActionStatus.IN_PROGRESS)
        self.pdf_button.setEnabled(self.plan is not None)

    def set_status(self, status: ActionStatus) -> None:
        action, actor = self.current_action(), self.actor
        if action is None:
            return
        before = action.status
        self.history.perform(
            f"Mark “{action.text[:40]}” {status.label.lower()}",
            lambda uow: strategic_actions.set_action_status(uow, actor, action.id, status, version=action.version),
            lambda uow, _last: strategic_actions.set_action_status(uow, actor, action.id, before),
            redo=lambda uow, _last: strategic_actions.set_action_status(uow, actor, action.id, status),
            on_done=lambda _r: self.load_plan())

    def save_pdf(self) -> None:
        if self.plan is None:
            return
        plan, actor = self.plan.plan, self.actor
        path = self.ask_save_path(f"{plan.ref} {plan.title}.pdf")
        if not path:
            return

        def written(data: bytes) -> None:
            if save_whole(self, data, path, "Save the plan as PDF"):
                self.status_label.setText(f"Saved {plan.ref} to {path}.")

        self.ops.run(lambda uow: partnership_documents.plan_pdf(uow, actor, plan.id), on_done=written)

    def apply_changes(self, changes) -> None:
        if changes.partnerships or changes.tasks or changes.organizations or changes.staff:
            self.load_partnership()
