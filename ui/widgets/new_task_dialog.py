"""New task… (Ctrl+N on the task table): title, details, organization and one of its staff, the person
it is about, due date and priority. Problems show under the field; the dialog stays open until the
store has the task."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Callable

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit

from caseteam.domain.tasks import Priority
from caseteam.services.task_board import Choices

from .field_row import FormDialog, plain_text_box
from .reassign_dialog import AssignmentRows, matching
from .task_dialogs import due_field

# find_people(text, on_done): on_done gets [(person id, "Name (PE-0012)"), ...] from the store.
FindPeople = Callable[[str, Callable[[list], None]], None]


class PersonPicker(QLineEdit):
    """Part of a name or a reference; matches arrive from the store as you type (after a short pause)."""

    SEARCH_DELAY_MS = 200

    def __init__(self, find_people: FindPeople, parent=None) -> None:
        super().__init__(parent)
        self.find_people = find_people
        self.found: list[tuple] = []  # (id, label) of the latest answer
        self.setPlaceholderText("Type part of a name or a reference; leave empty for a team task")
        self.setClearButtonEnabled(True)
        self._labels = QStringListModel(self)
        completer = QCompleter(self._labels, self)
        # The store already chose the matches (accents and references too): show them all.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCompleter(completer)
        self._timer = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._search)
        self.textEdited.connect(lambda _t: self._timer.start())

    def _search(self) -> None:
        text = self.text().strip()
        if len(text) >= 2:
            self.find_people(text, lambda found, asked=text: self._show(asked, found))

    def _show(self, asked: str, found: list) -> None:
        if asked != self.text().strip():
            return  # the user typed on; a newer search follows
        self.found = list(found)
        self._labels.setStringList([label for _key, label in self.found])
        if self.hasFocus() and self.found:
            self.completer().complete()

    def person_id(self):
        """The chosen person's id; None for an empty box; ... when the text names no single match."""
        text = self.text().strip()
        if not text:
            return None
        keys = matching(self.found, text)
        return keys[0] if len(keys) == 1 else ...


class NewTaskDialog(FormDialog):
    """OK sends submitted({title, details, organization_id, staff_id, person_id, due, priority})."""

    def __init__(self, choices: Choices, parent=None, *, find_people: FindPeople | None = None,
                 person: tuple | None = None, organization_id=None, staff_id=None) -> None:
        """`person` (id, name) fixes the person (their workspace); else find_people searches the store."""
        super().__init__("New task", "Create task", parent,
                         intro="A task for a partner organization (and optionally one of its staff).")
        self.setObjectName("newTaskDialog")
        self.setMinimumWidth(560)
        self.fixed_person = person
        self.title = self.fields.add("title", "&Title", QLineEdit(), description="What needs doing, in a few words")
        self.details = self.fields.add("details", "D&etails", plain_text_box(3))
        self.assignment = AssignmentRows(self.fields, choices)
        self.assignment.choose(organization_id or (choices.organizations[0][0] if choices.organizations else None),
                               staff_id)
        if person is not None:
            self.person = self.fields.add("person", "&Person", QLineEdit(person[1]),
                                          description="The task is about this person")
            self.person.setReadOnly(True)
        else:
            self.person = self.fields.add("person", "&Person", PersonPicker(find_people or (lambda _t, _d: None)),
                                          description="Optional: the job seeker the task is about")
        self.due = self.fields.add("due", "&Due", due_field("Due date", date.today() + timedelta(days=7)))
        self.priority = self.fields.add("priority", "P&riority", QComboBox())
        for level in Priority:
            self.priority.addItem(level.label, level)
        self.priority.setCurrentIndex(list(Priority).index(Priority.NORMAL))
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)

    def answer(self) -> dict:
        values = {"title": self.title.text().strip(), "details": self.details.toPlainText().strip(),
                  **self.assignment.values(), "due": self.due.value(), "priority": self.priority.currentData()}
        values["person_id"] = self.fixed_person[0] if self.fixed_person else self.person.person_id()
        return values

    def check(self, values: dict) -> bool:
        fine = self.assignment.show_problems()
        if values["person_id"] is ...:
            self.fields.show_problem("person", "Choose a person from the list that opens as you type, or leave "
                                               "this empty for a task that is not about one person.")
            return False
        return fine


__all__ = ["NewTaskDialog", "PersonPicker"]
