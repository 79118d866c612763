"""The Employers section's dialogs: a new employer, a contact with an employer (with the job seekers
discussed and each one's disclosure decision for that employer), and an unmet need. Like every
FormDialog they never save by themselves: the screen runs the service and answers finish() or refuse()."""

from __future__ import annotations

from datetime import date
from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem

from caseteam.domain.employers import EmployerContactKind, EmployerStage

from .date_field import DateField
from .field_row import date_box
from .record_form import RecordDialog, choice, email_problem, line, required, show_problems, text_box

PERSON_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_CHOICES = [(kind.label, kind) for kind in EmployerContactKind]
STAGE_CHOICES = [(stage.label, stage) for stage in EmployerStage]


ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class FinderKeys(QObject):
    """Enter in the name box or the matches adds a job seeker instead of pressing the dialog's default
    button (both widgets let Enter through to the dialog); Down goes from the box to the matches."""

    def __init__(self, dialog: ContactDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog

    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        d = self.dialog
        if watched is d.search and event.key() in ENTER and (d.search.text().strip() or d.matches.count()):
            d._first_match()
            return True
        if watched is d.search and event.key() == Qt.Key.Key_Down and d.matches.count():
            d.matches.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        if watched is d.matches and event.key() in ENTER:
            d._add(d.matches.currentItem())
            return True
        return False


class NewEmployerDialog(RecordDialog):
    def __init__(self, parent=None) -> None:
        super().__init__("New employer", "Add employer", None, parent,
                         intro="An employer joins the partner directory (kind Employer) and the pipeline. Its "
                               "staff are added in the Partners section.")
        line(self.fields, "name", "&Name")
        for key, text in (("street", "S&treet"), ("city", "&City"), ("phone", "&Phone"), ("email", "E-&mail")):
            line(self.fields, key, text)
        line(self.fields, "industry", "&Industry")
        line(self.fields, "bus_lines", "&Bus lines")
        choice(self.fields, "stage", "Pipeline st&age", STAGE_CHOICES)
        self.resize(520, self.sizeHint().height())
        self.fill({"stage": EmployerStage.PROSPECT})

    def problems(self, values: dict) -> dict[str, str]:
        return required(values, {"name": "The employer's name"}, "name") | email_problem(values)


class NeedDialog(RecordDialog):
    def __init__(self, employer: str, today: date, parent=None) -> None:
        super().__init__("Unmet need", "Add need", None, parent,
                         intro=f"Something {employer} needs done that no one does now: the opening for a carved "
                               "or created job.")
        text_box(self.fields, "description", "&What the employer needs", lines=3)
        self.fields.add("found_on", "&Found on", date_box(today))
        self.fill({})  # the description has the focus when the dialog opens

    def problems(self, values: dict) -> dict[str, str]:
        return required(values, {"description": "What the employer needs"}, "description")


class ContactDialog(RecordDialog):
    """Record a contact. `find(text, answer)` asks for job seekers matching the text (answer gets
    (person_id, label) pairs); `describe(person_ids, answer)` asks how each reads in the log (answer gets
    DiscussedPerson rows), so the chosen list shows what each person agreed may be said."""

    def __init__(self, employer: str, today: date, staff, find: Callable, describe: Callable, parent=None, *,
                 row=None) -> None:
        super().__init__("Change a contact" if row else "Record a contact",
                         "Save contact" if row else "Record contact", row, parent,
                         intro=f"A contact with {employer}: an informational interview, a tour, a proposal, a call.")
        self._find, self._describe = find, describe
        self.fields.add("contacted_on", "&Date", date_box(today))
        choice(self.fields, "kind", "&Kind", KIND_CHOICES)
        choice(self.fields, "contact_staff_id", "&Who at the employer",
               [("Someone not in the directory (type the name)", None)]
               + [(f"{s.name}{', ' + s.title if s.title else ''}", s.id) for s in staff],
               description="The employer's staff from the partner directory")
        line(self.fields, "contact_name", "&Name, if not listed")
        text_box(self.fields, "summary", "&Summary", lines=4, description="What was discussed, what was seen")
        text_box(self.fields, "next_step", "Ne&xt step", lines=2)
        self.fields.add("next_on", "Next step &on", DateField("Next step on"))
        self.fields.fields["next_on"].set_value(None)
        self.search = QLineEdit()
        self.search.setAccessibleName("Find a job seeker")
        self.search.setPlaceholderText("Type a name or reference, then Down to the matches")
        self.matches = QListWidget()
        self.matches.setAccessibleName("Matching job seekers")
        self.matches.setAccessibleDescription("Enter adds the job seeker to those discussed")
        self.matches.setMaximumHeight(90)
        self.chosen = QListWidget()
        self.chosen.setAccessibleName("Job seekers discussed")
        self.chosen.setAccessibleDescription("Each with what they decided may be said to this employer. Delete "
                                             "removes one.")
        self.chosen.setMaximumHeight(110)
        self.chosen.setWordWrap(True)
        # Not FormFields rows: these lists are not values a service takes as they stand.
        for text, widget in (("Find a &job seeker:", self.search), ("", self.matches),
                             ("Job seekers disc&ussed:", self.chosen)):
            label = QLabel(text)
            label.setBuddy(widget)
            self.form.addRow(label, widget)
        remove = QAction("Remove job seeker", self.chosen)
        remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self._remove_current)
        self.chosen.addAction(remove)
        self.search.textEdited.connect(self._search)
        self.keys = FinderKeys(self)
        self.search.installEventFilter(self.keys)
        self.matches.installEventFilter(self.keys)
        self.matches.itemDoubleClicked.connect(self._add)
        self.resize(620, self.sizeHint().height())
        self.fill({"kind": EmployerContactKind.PHONE})
        if row is not None:
            self.fill(self._stored())
            self._show_chosen([p for p in row.people if p.shown])
            if len(row.person_ids) < len(row.people):
                # Someone here is no longer visible to the author: the list is kept as it is.
                for widget in (self.search, self.matches, self.chosen):
                    widget.setEnabled(False)
                self.chosen.setToolTip("A job seeker no longer on your caseload was discussed; the list stays as "
                                       "recorded.")
        self.fields.fields["contacted_on"].setFocus(Qt.FocusReason.OtherFocusReason)

    def _stored(self) -> dict:
        """The contact's saved values as the fields hold them (a directory contact leaves the name empty)."""
        row = self.row
        return {"contacted_on": row.contacted_on, "kind": row.kind, "contact_staff_id": row.contact_staff_id,
                "contact_name": "" if row.contact_staff_id else row.contact_name, "summary": row.summary,
                "next_step": row.next_step, "next_on": row.next_on}

    # --- job seekers ----------------------------------------------------------------------------------
    def _search(self, text: str) -> None:
        if len(text.strip()) < 2:
            self.matches.clear()
            return
        self._find(text.strip(), lambda found, asked=text: self._show_matches(asked, found))

    def _show_matches(self, asked: str, found) -> None:
        if asked != self.search.text():
            return  # the user typed on
        self.matches.clear()
        for person_id, label in found:
            item = QListWidgetItem(label)
            item.setData(PERSON_ROLE, person_id)
            self.matches.addItem(item)
        if self.matches.count():
            self.matches.setCurrentRow(0)

    def _first_match(self) -> None:
        if self.matches.count():
            self._add(self.matches.currentItem() or self.matches.item(0))

    def person_ids(self) -> list:
        return [self.chosen.item(i).data(PERSON_ROLE) for i in range(self.chosen.count())]

    def _add(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        ids = self.person_ids()
        if item.data(PERSON_ROLE) not in ids:
            self._describe(ids + [item.data(PERSON_ROLE)], self._show_chosen)
        self.search.clear()
        self.matches.clear()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_chosen(self, people) -> None:
        self.chosen.clear()
        for person in people:
            item = QListWidgetItem(f"{person.name} — disclosure: {person.disclosure}")
            item.setData(PERSON_ROLE, person.person_id)
            self.chosen.addItem(item)

    def _remove_current(self) -> None:
        row = self.chosen.currentRow()
        if row >= 0:
            self.chosen.takeItem(row)

    # --- the answer -------------------------------------------------------------------------------------
    def all_values(self) -> dict:
        return self.fields.values() | {"people": tuple(self.person_ids())}

    def answer(self) -> dict:
        """New: every value. A change: only what differs from the saved contact (people as their ids)."""
        values = self.all_values()
        if self.row is None:
            return values
        stored = self._stored() | {"people": self.row.person_ids}
        if not self.chosen.isEnabled():
            values.pop("people")
        return {key: value for key, value in values.items() if value != stored[key]}

    def check(self, values: dict) -> bool:
        problems = required(self.all_values(), {"summary": "A summary of what was discussed"}, "summary")
        show_problems(self.fields, problems)
        return not problems


__all__ = ["ContactDialog", "NeedDialog", "NewEmployerDialog", "PERSON_ROLE"]
