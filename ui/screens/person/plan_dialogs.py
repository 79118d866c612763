"""The plan editor's two questions: what changed in this revision, and the task a step becomes."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from ...widgets.date_field import DateField
from ...widgets.field_row import FormFields, plain_text_box
from ...widgets.task_dialogs import _buttons


class SaveRevisionDialog(QDialog):
    """A change summary (required) and, if the person has agreed, the date they did."""

    def __init__(self, person_name: str, number: int, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.setWindowTitle("Save plan revision")
        self.setMinimumWidth(520)
        intro = QLabel(f"Save {person_name}'s plan as revision {number}. Earlier revisions stay as they were.")
        intro.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(intro)
        self.fields = FormFields(form)
        self.summary = self.fields.add("summary", "&What changed", plain_text_box(4),
                                       description="Required: what changed in this revision, in plain words")
        self.summary.setPlaceholderText("For example: added a goal for the bus route; VR pays for job coaching")
        self.agreed = self.fields.add("agreed_on", "Person &agreed on", DateField("Person agreed on"))
        self.agreed.set_value(today)  # the picker starts at today once "Not recorded" is unticked
        self.agreed.set_value(None)
        form.addRow(_buttons(self, "Save revision"))

    def fill(self, summary: str, agreed_on: date | None = None) -> None:
        self.summary.setPlainText(summary)
        self.agreed.set_value(agreed_on)

    def accept(self) -> None:
        """Checked here, next to the field, so the dialog stays open for a fix."""
        self.fields.clear_problems()
        agreed = self.agreed.value()
        if not self.summary.toPlainText().strip():
            self.fields.show_problem("summary", "Write what changed in this revision; the history shows it.")
        elif agreed is not None and agreed > self.today:
            self.fields.show_problem("agreed_on", "The date the person agreed cannot be in the future.")
        else:
            super().accept()

    def answer(self) -> tuple[str, date | None]:
        return self.summary.toPlainText().strip(), self.agreed.value()


class StepTaskDialog(QDialog):
    """The task a partner's action step becomes: who it goes to, its title and due date."""

    def __init__(self, owner: str, title: str, due: date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Create task from action step")
        self.setMinimumWidth(520)
        self.intro = QLabel(f"The task goes to {owner}, who owns this step in the saved plan. It stays linked to "
                            "the step: when the task is done, the step shows as done.")
        self.intro.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.intro)
        fields = FormFields(form)
        self.title = fields.add("title", "Task &title", QLineEdit(title[:300]))
        self.due = fields.add("due", "&Due", DateField("Task due date"))
        self.due.set_value(due)
        form.addRow(_buttons(self, "Create task"))

    def answer(self) -> tuple[str, date | None]:
        return self.title.text().strip(), self.due.value()
