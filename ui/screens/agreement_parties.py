"""The parties of an agreement and who signs for each, as the new-agreement dialog and the draft editor show
them: organizations from the partner directory (or the person, for an individual agreement), each with its
role, what it contributes, and its signatories picked from its staff (name and title filled in) or typed.
What the services take comes out of parties_value() in create_draft's shape."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from caseteam.services import funders, organizations, people, teams

from ..widgets.field_row import PROBLEM_STYLE, find_data

SIGNER_ROLE = Qt.ItemDataRole.UserRole + 1  # (staff_id, is_person, signed_on) behind a signatory's name


@dataclass
class Signer:
    name: str
    title: str = ""
    staff_id: uuid.UUID | None = None
    is_person: bool = False
    authority: str = ""
    signed_on: date | None = None


@dataclass
class Party:
    key: uuid.UUID  # an organization's id, or the person's
    name: str
    role: str = ""
    contributions: str = ""
    signers: list[Signer] = field(default_factory=list)
    person: bool = False


@dataclass(frozen=True)
class PartyChoices:
    """What the dialogs offer, loaded on the worker: (id, name) organizations, staff as (id, organization id,
    name, title), funders as (id, organization id, name, service words) and the person, if any."""
    organizations: tuple = ()
    staff: tuple = ()
    funders: tuple = ()
    person: object = None
    today: date = field(default_factory=date.today)

    def organization_name(self, key) -> str:
        return next((name for k, name in self.organizations if k == key), "")

    def staff_of(self, organization_id) -> list[tuple]:
        return [s for s in self.staff if s[1] == organization_id]


def load_choices(uow, actor, person_id=None) -> PartyChoices:
    orgs = tuple((o.id, o.name) for o in organizations.list_organizations(uow, actor))
    staff = tuple((s.id, s.organization_id, s.name, s.title) for s in teams.list_staff(uow, actor, limit=100_000))
    paying = tuple((f.id, f.organization_id, f.name,
                    tuple(f"{s.code} {s.name} ({s.unit.label})" for s in f.services if not s.archived))
                   for f in funders.list_funders(uow, actor) if not f.archived)
    person = people.get_person(uow, actor, person_id) if person_id is not None else None
    return PartyChoices(orgs, staff, paying, person, uow.today())


def person_party(person) -> Party:
    """The person as a party of their own agreement, signing it themselves."""
    return Party(person.id, person.display_name, "Job seeker",
                 signers=[Signer(person.display_name, "", None, True)], person=True)


def representative(person) -> Signer:
    return Signer(person.representative_name, "", None, True, person.representative_authority.label)


def party_of(row) -> Party:
    """A party as the store holds it (agreement_rows.PartyRow)."""
    return Party(row.organization_id or row.person_id, row.name, row.role, row.contributions,
                 [Signer(s.name, s.title, s.staff_id, s.is_person, s.representative_authority, s.signed_on)
                  for s in row.signatories], person=row.person_id is not None)


def parties_value(parties: list[Party]) -> list[tuple]:
    """create_draft's parties: (id, role, [(name, title, staff id, is person, authority, signed on)],
    contributions); a signatory line left wholly blank is dropped."""
    return [(p.key, p.role.strip(), [(s.name, s.title, s.staff_id, s.is_person, s.authority, s.signed_on)
                                     for s in p.signers if (s.name or s.title or s.authority).strip()],
             p.contributions.strip()) for p in parties]


def button(text: str, description: str) -> QPushButton:
    made = QPushButton(text)
    made.setAccessibleDescription(description)
    return made


def titled(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class PartiesEditor(QWidget):
    changed = Signal()  # a party was added, removed or renamed: the title suggestion follows

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.choices = PartyChoices()
        self.parties: list[Party] = []
        self.parties_table = QTableWidget(0, 3)
        self.parties_table.setObjectName("partiesTable")
        self.parties_table.setHorizontalHeaderLabels(["Party", "Role", "Signatories"])
        self.parties_table.setAccessibleName("Parties")
        self.parties_table.setAccessibleDescription("Each organization (or the person) the agreement binds; choose "
                                                    "one to change its role and signatories below")
        for table in (self.parties_table,):
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setTabKeyNavigation(False)
        self.parties_table.horizontalHeader().setStretchLastSection(True)
        self.parties_table.verticalHeader().setVisible(False)
        self.organization_box = QComboBox()
        self.organization_box.setAccessibleName("Organization to add")
        self.add_party_button = button("Add part&y", "Add the organization chosen beside as a party")
        self.remove_party_button = button("Remove party", "Take the chosen party off the agreement")
        self.role_box = QLineEdit()
        self.role_box.setAccessibleName("Role of the chosen party")
        self.role_box.setPlaceholderText("Provider, Funder, Required partner…")
        self.contributions_box = QLineEdit()
        self.contributions_box.setAccessibleName("What the chosen party provides")
        self.contributions_box.setAccessibleDescription("Services it provides or resources it contributes")
        self.signers_table = QTableWidget(0, 3)
        self.signers_table.setObjectName("signatoriesTable")
        self.signers_table.setHorizontalHeaderLabels(["Name", "Title", "Authority (a representative)"])
        self.signers_table.setAccessibleName("Signatories of the chosen party")
        self.signers_table.setAccessibleDescription("Who signs for the chosen party; F2 edits a name or title")
        self.signers_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.signers_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.signers_table.setTabKeyNavigation(False)
        self.signers_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.signers_table.verticalHeader().setVisible(False)
        self.staff_box = QComboBox()
        self.staff_box.setAccessibleName("Staff member to add as a signatory")
        self.add_staff_button = button("Add from staff", "The chosen staff member signs, with their title")
        self.add_typed_button = button("Add typed signatory", "A new line whose name and title you type")
        self.add_representative_button = button("Add representative",
                                                "The person's representative signs too, with their authority")
        self.remove_signer_button = button("Remove signatory", "Take the chosen signatory off")
        self.problem = QLabel("")
        self.problem.setObjectName("problem_parties")
        self.problem.setAccessibleName("Problem with the parties")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.hide()
        self._layout()
        self._connect()
        self._enable()

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(titled("Parties:", self.parties_table))
        layout.addWidget(self.parties_table, 1)
        line = QHBoxLayout()
        line.addWidget(titled("Organization:", self.organization_box))
        line.addWidget(self.organization_box, 1)
        line.addWidget(self.add_party_button)
        line.addWidget(self.remove_party_button)
        layout.addLayout(line)
        form = QFormLayout()
        form.addRow(titled("Role:", self.role_box), self.role_box)
        form.addRow(titled("Provides:", self.contributions_box), self.contributions_box)
        layout.addLayout(form)
        layout.addWidget(titled("Signatories:", self.signers_table))
        layout.addWidget(self.signers_table, 1)
        line = QHBoxLayout()
        line.addWidget(self.staff_box, 1)
        for widget in (self.add_staff_button, self.add_typed_button, self.add_representative_button,
                       self.remove_signer_button):
            line.addWidget(widget)
        layout.addLayout(line)
        layout.addWidget(self.problem)

    def focus_order(self) -> list[QWidget]:
        return [self.parties_table, self.organization_box, self.add_party_button, self.remove_party_button,
                self.role_box, self.contributions_box, self.signers_table, self.staff_box, self.add_staff_button,
                self.add_typed_button, self.add_representative_button, self.remove_signer_button]

    def _connect(self) -> None:
        self.parties_table.currentCellChanged.connect(lambda *_a: self._show_party())
        self.add_party_button.clicked.connect(lambda: self.add_organization(self.organization_box.currentData()))
        self.remove_party_button.clicked.connect(self.remove_party)
        self.role_box.textEdited.connect(lambda text: self._set("role", text))
        self.contributions_box.textEdited.connect(lambda text: self._set("contributions", text))
        self.signers_table.itemChanged.connect(lambda _item: self._take_signers())
        self.add_staff_button.clicked.connect(self.add_chosen_staff)
        self.add_typed_button.clicked.connect(self.add_typed)
        self.add_representative_button.clicked.connect(self.add_representative)
        self.remove_signer_button.clicked.connect(self.remove_signer)

    # --- filling ------------------------------------------------------------------------------------
    def set_choices(self, choices: PartyChoices) -> None:
        self.choices = choices
        self.organization_box.clear()
        for key, name in choices.organizations:
            self.organization_box.addItem(name, key)
        self._enable()

    def set_parties(self, parties: list[Party]) -> None:
        self.parties = parties
        self._refill(0 if parties else -1)

    def _refill(self, chosen: int) -> None:
        self.parties_table.blockSignals(True)
        self.parties_table.setRowCount(len(self.parties))
        for n, party in enumerate(self.parties):
            signers = ", ".join(s.name for s in party.signers) or "⚠ nobody signs yet"
            for column, text in enumerate((party.name, party.role, signers)):
                self.parties_table.setItem(n, column, QTableWidgetItem(text))
        self.parties_table.blockSignals(False)
        if 0 <= chosen < len(self.parties):
            self.parties_table.setCurrentCell(chosen, 0)
        self._show_party()
        self.changed.emit()

    def current(self) -> Party | None:
        n = self.parties_table.currentRow()
        return self.parties[n] if 0 <= n < len(self.parties) else None

    def _show_party(self) -> None:
        party = self.current()
        self.role_box.setText(party.role if party else "")
        self.contributions_box.setText(party.contributions if party else "")
        self.signers_table.blockSignals(True)
        signers = party.signers if party else []
        self.signers_table.setRowCount(len(signers))
        for n, signer in enumerate(signers):
            for column, text in enumerate((signer.name, signer.title, signer.authority)):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(SIGNER_ROLE, (signer.staff_id, signer.is_person, signer.signed_on))
                self.signers_table.setItem(n, column, item)
        self.signers_table.blockSignals(False)
        self.staff_box.clear()
        if party is not None and not party.person:
            for key, _org, name, title in self.choices.staff_of(party.key):
                self.staff_box.addItem(f"{name}, {title}" if title else name, key)
        self._enable()

    def _enable(self) -> None:
        party = self.current()
        self.add_party_button.setEnabled(self.organization_box.count() > 0)
        self.remove_party_button.setEnabled(party is not None and not party.person)
        for widget in (self.role_box, self.contributions_box, self.signers_table, self.add_typed_button):
            widget.setEnabled(party is not None)
        self.add_staff_button.setEnabled(self.staff_box.count() > 0)
        self.staff_box.setEnabled(self.staff_box.count() > 0)
        person = self.choices.person
        self.add_representative_button.setVisible(person is not None)
        self.add_representative_button.setEnabled(party is not None and party.person and person is not None
                                                  and bool(person.representative_name))
        self.remove_signer_button.setEnabled(party is not None and bool(party.signers))

    # --- changing -------------------------------------------------------------------------------------
    def _set(self, name: str, text: str) -> None:
        party = self.current()
        if party is not None:
            setattr(party, name, text)
            self.parties_table.item(self.parties_table.currentRow(), 1).setText(party.role)
            self.changed.emit()

    def _take_signers(self) -> None:
        party = self.current()
        if party is None:
            return
        signers = []
        for n in range(self.signers_table.rowCount()):
            texts = [(self.signers_table.item(n, c).text() if self.signers_table.item(n, c) else "").strip()
                     for c in range(3)]
            staff_id, is_person, signed_on = self.signers_table.item(n, 0).data(SIGNER_ROLE) or (None, party.person,
                                                                                                 None)
            signers.append(Signer(texts[0], texts[1], staff_id, is_person, texts[2], signed_on))
        party.signers = signers
        self._update_line()

    def _update_line(self) -> None:
        party, n = self.current(), self.parties_table.currentRow()
        if party is not None:
            self.parties_table.item(n, 2).setText(", ".join(s.name for s in party.signers) or "⚠ nobody signs yet")
        self._enable()
        self.changed.emit()

    def add_organization(self, key, role: str = "", signers: list[Signer] | None = None) -> Party | None:
        """Add an organization as a party (or choose it, when it is one already)."""
        if key is None:
            return None
        for n, party in enumerate(self.parties):
            if party.key == key:
                self.parties_table.setCurrentCell(n, 0)
                return party
        party = Party(key, self.choices.organization_name(key), role, signers=list(signers or []))
        self.parties.append(party)
        self._refill(len(self.parties) - 1)
        return party

    def add_person(self, person) -> None:
        self.parties.insert(0, person_party(person))
        self._refill(0)

    def remove_party(self) -> None:
        party, n = self.current(), self.parties_table.currentRow()
        if party is not None and not party.person:
            del self.parties[n]
            self._refill(min(n, len(self.parties) - 1))

    def _add_signer(self, signer: Signer) -> None:
        party = self.current()
        if party is None:
            return
        party.signers.append(signer)
        self._show_party()
        self._update_line()
        self.signers_table.setCurrentCell(len(party.signers) - 1, 0)

    def add_chosen_staff(self) -> None:
        key = self.staff_box.currentData()
        found = next((s for s in self.choices.staff if s[0] == key), None)
        if found is not None:
            self._add_signer(Signer(found[2], found[3], found[0], False))

    def add_typed(self) -> None:
        party = self.current()
        if party is None:
            return
        self._add_signer(Signer("", "", None, party.person))
        self.signers_table.setFocus()
        self.signers_table.editItem(self.signers_table.item(len(party.signers) - 1, 0))

    def add_representative(self) -> None:
        if self.choices.person is not None:
            self._add_signer(representative(self.choices.person))

    def remove_signer(self) -> None:
        party, n = self.current(), self.signers_table.currentRow()
        if party is not None and 0 <= n < len(party.signers):
            del party.signers[n]
            self._show_party()
            self._update_line()

    def choose_staff(self, staff_id) -> None:
        self.staff_box.setCurrentIndex(max(0, find_data(self.staff_box, staff_id)))

    # --- out ----------------------------------------------------------------------------------------------
    def value(self) -> list[tuple]:
        return parties_value(self.parties)

    def names(self) -> list[str]:
        return [p.name for p in self.parties]

    def show_problem(self, message: str) -> None:
        self.problem.setText(f"⚠ {message}")
        self.problem.show()
        self.parties_table.setAccessibleDescription(message)
        self.parties_table.setFocus(Qt.FocusReason.OtherFocusReason)
        for n, party in enumerate(self.parties):  # choose the party the message names
            if party.name and party.name in message:
                self.parties_table.setCurrentCell(n, 0)
                break

    def clear_problem(self) -> None:
        self.problem.hide()
        self.problem.setText("")
