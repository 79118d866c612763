"""Where a task goes: an organization, then (optionally) one of THAT organization's staff. Both lists
take typing (part of a name, case and accents ignored); a staff member of another organization is
refused next to the field, naming both organizations, as the services do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QCompleter

from caseteam.domain.text import fold
from caseteam.services.task_board import Choices

from .field_row import FormDialog, FormFields, find_data

ANYONE = "Anyone at the organization"


def matching(items, text: str) -> list:
    """Keys whose name is `text` (ignoring case and accents), else the keys whose name contains it."""
    typed = fold(text)
    exact = [key for key, name in items if fold(name) == typed]
    return exact or [key for key, name in items if typed and typed in fold(name)]


class SearchableCombo(QComboBox):
    """A list you can type into: the suggestions contain what is typed, and leaving the box picks the
    one item the text names (so "hernandez" finds "Hernández")."""

    def __init__(self, none_text: str | None = None, parent=None) -> None:
        super().__init__(parent)
        self.none_text = none_text
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(24)
        completer = self.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.lineEdit().returnPressed.connect(self._settle)
        # Leaving the box (Tab, a click elsewhere) settles the text on the one item it names. Neither the
        # line edit's editingFinished nor a focus-out event comes while the suggestions are open.
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, old, new) -> None:
        if old in (self, self.lineEdit()) and new not in (self, self.lineEdit()):
            self._settle()

    def set_items(self, items, chosen=None) -> None:
        blocked = self.blockSignals(True)
        self.clear()
        if self.none_text is not None:
            self.addItem(self.none_text, None)
        for key, name in items:
            self.addItem(name, key)
        self.setCurrentIndex(max(0, find_data(self, chosen)))
        self.blockSignals(blocked)

    def items(self) -> list[tuple]:
        return [(self.itemData(i), self.itemText(i)) for i in range(self.count())]

    def resolve(self) -> int:
        """The index of the item the typed text names; -1 when it names none or several."""
        text = self.currentText()
        if self.currentIndex() >= 0 and text == self.itemText(self.currentIndex()):
            return self.currentIndex()
        if not text.strip():
            return 0 if self.none_text is not None else -1
        found = matching([(i, name) for i, (_key, name) in enumerate(self.items())], text)
        return found[0] if len(found) == 1 else -1

    def _settle(self) -> None:
        index = self.resolve()
        if index >= 0:
            self.setCurrentIndex(index)
            self.setEditText(self.itemText(index))


class AssignmentRows:
    """The Organization and Staff member rows of a form; values() answers with ids or notes problems."""

    def __init__(self, fields: FormFields, choices: Choices) -> None:
        self.fields, self.choices = fields, choices
        self.organization = fields.add("organization", "&Organization", SearchableCombo(),
                                       description="Type part of the name to narrow the list")
        self.staff = fields.add("staff", "&Staff member", SearchableCombo(ANYONE),
                                description="Only this organization's staff are offered; type part of a name")
        self.organization.set_items(choices.organizations)
        self.organization.currentIndexChanged.connect(lambda _i: self._fill_staff())
        self._fill_staff()
        self.problems: dict[str, str] = {}

    def choose(self, organization_id, staff_id=None) -> None:
        self.organization.setCurrentIndex(max(0, find_data(self.organization, organization_id)))
        self._fill_staff(staff_id)

    def _fill_staff(self, chosen=None) -> None:
        self.staff.set_items(self.choices.staff_of(self.organization.currentData()), chosen)

    def values(self) -> dict:
        """{"organization_id", "staff_id"}; what cannot be resolved goes to self.problems by field."""
        self.problems = {}
        index = self.organization.resolve()
        if index < 0:
            typed = self.organization.currentText().strip()
            self.problems["organization"] = (f'No organization is called "{typed}". Choose one from the list.'
                                             if typed else "Choose the organization the task goes to.")
            return {"organization_id": None, "staff_id": None}
        org_id, org_name = self.organization.itemData(index), self.organization.itemText(index)
        return {"organization_id": org_id, "staff_id": self._staff_of(org_id, org_name)}

    def _staff_of(self, org_id, org_name: str):
        typed = self.staff.currentText().strip()
        if not typed or fold(typed) == fold(ANYONE):
            return None
        own = self.choices.staff_of(org_id)
        found = matching(own, typed)
        if len(found) > 1 and self.staff.currentData() in found:  # two of the same name: the one picked
            return self.staff.currentData()
        if len(found) == 1:
            return found[0]
        elsewhere = matching([(sid, name) for sid, oid, name in self.choices.staff if oid != org_id], typed)
        if not found and len(elsewhere) == 1:
            other = next(oid for sid, oid, _n in self.choices.staff if sid == elsewhere[0])
            name = self.choices.staff_names.get(elsewhere[0], typed)
            self.problems["staff"] = (f"{name} works for {self.choices.organization_name(other)}, not {org_name}. "
                                      f"Choose {self.choices.organization_name(other)} first, or someone at "
                                      f"{org_name}.")
        elif found:
            self.problems["staff"] = f'Several people at {org_name} match "{typed}". Choose one from the list.'
        else:
            self.problems["staff"] = (f'No one at {org_name} is called "{typed}". Choose from the list, or '
                                      f'"{ANYONE}".')
        return None

    def show_problems(self) -> bool:
        """True when there were none."""
        for key, message in self.problems.items():
            self.fields.show_problem(key, message)
        return not self.problems


def _task_list(rows) -> str:
    refs = [r.ref for r in rows]
    shown = ", ".join(refs[:5]) + (f" and {len(refs) - 5} more" if len(refs) > 5 else "")
    return f"{len(refs)} task{'s' if len(refs) != 1 else ''} ({shown})"


class ReassignDialog(FormDialog):
    """Reassign the chosen tasks; OK sends submitted({"organization_id", "staff_id"})."""

    def __init__(self, choices: Choices, rows, parent=None) -> None:
        intro = f"Reassign {_task_list(rows)}."
        now = {(r.organization_name, r.staff_name) for r in rows}
        if len(now) == 1:
            org, staff = next(iter(now))
            intro += f" They are now with {org}" + (f", {staff}" if staff else "") + "."
        super().__init__("Reassign tasks", "Reassign", parent, intro=intro)
        self.setObjectName("reassignDialog")
        self.setMinimumWidth(480)
        self.assignment = AssignmentRows(self.fields, choices)
        self.assignment.choose(rows[0].organization_id, rows[0].staff_id)
        self.assignment.organization.setFocus()

    def answer(self) -> dict:
        return self.assignment.values()

    def check(self, values: dict) -> bool:
        return self.assignment.show_problems()


__all__ = ["AssignmentRows", "ReassignDialog", "SearchableCombo", "matching", "ANYONE"]
