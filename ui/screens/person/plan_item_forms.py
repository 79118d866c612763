"""The detail forms under the goals tree: one for a goal, one for an action step. Each writes every
edit straight into the item it shows and says so (`edited`), so the tree and the dirty state follow."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from caseteam.domain.plans import GoalStatus, StepOwner
from caseteam.services.task_board import Choices

from ...models.plan_goals_model import OWNER_LABELS, EditGoal, EditStep
from ...widgets.date_field import DateField
from ...widgets.field_row import FormFields, find_data, plain_text_box


class _ItemForm(QWidget):
    edited = Signal(object)  # the EditGoal or EditStep just changed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        outer.addStretch(1)  # fields stay together at the top however tall the pane is
        self.fields = FormFields(self.form)
        self.item = None
        self._filling = False

    def _add(self, key: str, text: str, widget: QWidget, name: str, description: str = ""):
        self.fields.add(key, text, widget, description=description)
        widget.setAccessibleName(name)  # "Goal description", not just "Description"
        return widget

    def _changed(self) -> None:
        if self._filling or self.item is None:
            return
        self._write(self.item)
        self.edited.emit(self.item)

    def _write(self, item) -> None:
        raise NotImplementedError

    def show_errors(self) -> None:
        self.fields.clear_problems()
        if self.item is not None and self.item.error:
            self.fields.show_problem(self.item.error_field, self.item.error, focus=False)

    def error_widget(self) -> QWidget | None:
        return self.fields.fields.get(self.item.error_field) if self.item is not None else None


class GoalForm(_ItemForm):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.description = self._add("description", "&Description", plain_text_box(2), "Goal description")
        self.criterion = self._add("criterion", "Measura&ble criterion", QLineEdit(), "Measurable criterion",
                                   "How everyone will know the goal is reached, e.g. two try-outs of three hours")
        self.target = self._add("target_date", "T&arget date", DateField("Goal target date"), "Goal target date")
        self.status = QComboBox()
        for status in GoalStatus:
            self.status.addItem(status.label, status)
        self._add("status", "S&tatus", self.status, "Goal status")
        self.description.textChanged.connect(self._changed)
        self.criterion.textChanged.connect(self._changed)
        self.target.edited.connect(self._changed)
        self.status.currentIndexChanged.connect(self._changed)

    def show_item(self, goal: EditGoal) -> None:
        self._filling = True
        self.item = goal
        self.description.setPlainText(goal.description)
        self.criterion.setText(goal.criterion)
        self.target.set_value(goal.target_date)
        self.status.setCurrentIndex(self.status.findData(goal.status))
        self._filling = False
        self.show_errors()

    def _write(self, goal: EditGoal) -> None:
        goal.description = self.description.toPlainText()
        goal.criterion = self.criterion.text()
        goal.target_date = self.target.value()
        goal.status = self.status.currentData()


class StepForm(_ItemForm):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.choices = Choices((), ())
        self.description = self._add("description", "&Description", plain_text_box(2), "Step description")
        self.owner_kind = QComboBox()
        for kind, label in OWNER_LABELS.items():
            self.owner_kind.addItem(label, kind)
        self._add("owner", "Carried out &by", self.owner_kind, "Who carries out the step")
        self.support = QComboBox()
        self.support.setEditable(True)  # a name from the team, or any other name
        self.support.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._add("support", "Support's n&ame", self.support, "Natural support's name")
        self.support.lineEdit().setAccessibleName("Natural support's name")
        self.organization = QComboBox()  # type the first letters to jump to an organization
        self._add("organization", "P&artner organization", self.organization, "Partner organization")
        self.staff = self._add("staff", "S&taff member", QComboBox(), "Staff member of that organization")
        self.due = self._add("due", "D&ue", DateField("Step due date"), "Step due date")
        self.done = QCheckBox("Done")
        self.done.setAccessibleName("Step done")
        self.task_label = QLabel("")
        self.task_label.setAccessibleName("Task for this step")
        self.task_label.setWordWrap(True)
        self.task_button = QPushButton("Create task from action step (Ctrl+Shift+T)")
        self.task_button.setAccessibleDescription("Makes a task for the partner organization that owns the step")
        self.form.addRow("", self.done)
        self.form.addRow("Task:", self.task_label)
        self.form.addRow("", self.task_button)
        self.description.textChanged.connect(self._changed)
        self.owner_kind.currentIndexChanged.connect(self._owner_kind_changed)
        self.support.currentTextChanged.connect(self._changed)
        self.organization.currentIndexChanged.connect(self._organization_changed)
        self.staff.currentIndexChanged.connect(self._changed)
        self.due.edited.connect(self._changed)
        self.done.toggled.connect(self._changed)

    def set_choices(self, choices: Choices, supports: list[str]) -> None:
        self._filling = True
        self.choices = choices
        self.support.clear()
        self.support.addItems(supports)
        self.organization.clear()
        self.organization.addItem("Choose an organization", None)
        for key, name in choices.organizations:
            self.organization.addItem(name, key)
        self._filling = False

    def _fill_staff(self, organization_id, staff_id=None, fallback: str = "") -> None:
        self.staff.clear()
        self.staff.addItem("Anyone at the organization", None)
        for key, name in self.choices.staff_of(organization_id):
            self.staff.addItem(name, key)
        index = find_data(self.staff, staff_id)
        if index < 0 and staff_id is not None:  # no longer active: keep showing who the plan names
            self.staff.addItem(fallback or "A staff member no longer listed", staff_id)
            index = self.staff.count() - 1
        self.staff.setCurrentIndex(max(0, index))

    def show_item(self, step: EditStep) -> None:
        self._filling = True
        self.item = step
        self.description.setPlainText(step.description)
        self.owner_kind.setCurrentIndex(self.owner_kind.findData(step.owner_kind))
        self.support.setCurrentText(step.owner_name if step.owner_kind is StepOwner.NATURAL_SUPPORT else "")
        index = find_data(self.organization, step.organization_id)
        if index < 0 and step.organization_id is not None:
            self.organization.addItem(step.owner_name or "An organization no longer listed", step.organization_id)
            index = self.organization.count() - 1
        self.organization.setCurrentIndex(max(0, index))
        self._fill_staff(step.organization_id, step.staff_id, step.owner_name)
        self.due.set_value(step.due)
        self.done.setChecked(step.done)
        self._filling = False
        self.show_task()
        self._show_owner_rows()
        self.show_errors()

    def show_task(self) -> None:
        step = self.item
        task_done = bool(step and step.task and step.task.done)
        # A step whose task is done stays done: unticking it would contradict the task.
        self.done.setEnabled(not task_done)
        self.done.setText(f"Done (task {step.task.ref} is done)" if task_done else "Done")
        if step is None:
            return
        if step.task is not None:
            self.task_label.setText(f"{step.task.ref}: {step.task.status.label.lower()}")
        elif step.owner_kind is StepOwner.ORGANIZATION:
            self.task_label.setText("No task yet")
        else:
            self.task_label.setText("None: the person or a natural support carries out this step "
                                    "(it is on the person's to-do list once saved)")
        self.task_button.setEnabled(step.owner_kind is StepOwner.ORGANIZATION and not step.done
                                    and (step.task is None or not step.task.status.active))

    def _show_owner_rows(self) -> None:
        kind = self.owner_kind.currentData()
        # Each field sits in a box with its problem line: the box is the form row's field.
        self.form.setRowVisible(self.support.parentWidget(), kind is StepOwner.NATURAL_SUPPORT)
        self.form.setRowVisible(self.organization.parentWidget(), kind is StepOwner.ORGANIZATION)
        self.form.setRowVisible(self.staff.parentWidget(), kind is StepOwner.ORGANIZATION)

    def _owner_kind_changed(self) -> None:
        self._show_owner_rows()
        self._changed()
        self.show_task()

    def _organization_changed(self) -> None:
        if not self._filling:
            self._filling = True
            self._fill_staff(self.organization.currentData())
            self._filling = False
        self._changed()

    def _write(self, step: EditStep) -> None:
        step.description = self.description.toPlainText()
        step.owner_kind = self.owner_kind.currentData()
        if step.owner_kind is StepOwner.NATURAL_SUPPORT:
            step.owner_name = self.support.currentText()
        step.organization_id = self.organization.currentData()
        step.staff_id = self.staff.currentData()
        step.due = self.due.value()
        step.done = self.done.isChecked()

    def error_widget(self) -> QWidget | None:
        """A problem with the owner is shown under "Carried out by"; the cursor goes to the field to fix."""
        if self.item is not None and self.item.error_field == "owner":
            kind = self.owner_kind.currentData()
            return {StepOwner.NATURAL_SUPPORT: self.support,
                    StepOwner.ORGANIZATION: self.organization}.get(kind, self.owner_kind)
        return super().error_widget()
