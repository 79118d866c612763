"""The Profile tab: every field of the person's record, problems shown next to the field, no lost input.

Save (Ctrl+S) is one undo step whose inverse saves the previous values back. A stale save keeps what
the user typed, reloads the saved record underneath it and marks the fields someone else changed.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from caseteam.domain.people import RepresentativeAuthority
from caseteam.errors import Conflict, ValidationError
from caseteam.services import people

from ...widgets.date_field import DateField
from ...widgets.editor_parts import SaveBar, fields_scroll
from ...widgets.field_row import (FormFields, edited_signal, field_value, find_data, plain_text_box,
                                 set_field_value)
from .tab import PersonTab

ORGANIZATION_CHOICES = ("referral_source_id", "home_organization_id")
# Groups of (field, label with mnemonic); letters F, E, V, H belong to the window's menus.
GROUPS = (
    ("Name", (("given_name", "&Given name"), ("family_name", "Famil&y name"),
              ("preferred_name", "&Preferred name"), ("date_of_birth", "Date of &birth"))),
    ("Contact", (("phone", "Ph&one"), ("email", "Emai&l"), ("street", "Street"), ("city", "C&ity"),
                 ("region", "State"), ("postal_code", "ZIP code"))),
    ("Representative", (("representative_name", "&Representative's name"),
                        ("representative_relationship", "Relationship"),
                        ("representative_authority", "A&uthority"),
                        ("representative_contact", "Representative's contact"))),
    ("Language and access", (("preferred_language", "Preferred l&anguage"), ("interpreter", "I&nterpreter"),
                             ("communication_needs", "Co&mmunication needs"),
                             ("accommodations", "Accommo&dations"))),
    ("Referral and team", (("referral_source_id", "Referral sour&ce"), ("referral_date", "Referral date"),
                           ("referral_note", "Referral note"), ("lead_staff_id", "Lead &job developer"),
                           ("home_organization_id", "Home organi&zation"))),
)
DESCRIPTIONS = {
    "preferred_name": "The name the person likes to be called; shown everywhere instead of the given name",
    "date_of_birth": "Tick Not recorded when the date is not known",
    "interpreter": "Language or kind of interpreter needed, for example ASL",
    "representative_authority": "The legal authority the representative holds, if any",
    "lead_staff_id": "The job developer who leads this person's team",
    "home_organization_id": "The provider organization that holds this person's case",
}
NAME_OF = {"referral_source_id": "referral_source_name", "home_organization_id": "home_organization_name",
           "lead_staff_id": "lead_staff_name"}
LONG_TEXT = {"communication_needs", "accommodations", "referral_note"}
DATES = {"date_of_birth", "referral_date"}
LEFT_COLUMN = 3  # the first three groups go on the left, the rest on the right


class ProfileTab(PersonTab):
    person_loaded = Signal(object)  # a fresh PersonRow from the store (the header shows it)
    saved = Signal(object)          # the PersonRow after a save

    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("profileTab")
        self.row: people.PersonRow | None = None
        self.today = date.today()  # replaced by the store's today with each load
        self._choices: tuple = ((), ())  # the organization and staff lists the combos hold
        self.form = FormFields()
        self.fields, self.errors = self.form.fields, self.form.errors
        inner = QWidget()
        columns = QHBoxLayout(inner)
        # Two columns stacked independently (not a grid), so a short group leaves no gap beside a tall one.
        left, right = QVBoxLayout(), QVBoxLayout()
        for number, (title, rows) in enumerate(GROUPS):
            box = QGroupBox(title)
            layout = QFormLayout(box)
            layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for key, text in rows:
                self.form.add(key, text, self._make_field(key, text), description=DESCRIPTIONS.get(key, ""),
                              form=layout)
            (left if number < LEFT_COLUMN else right).addWidget(box)
        for column in (left, right):
            column.addStretch(1)
            columns.addLayout(column, 1)
        self.bar = SaveBar("Profile", "Save (Ctrl+S)", "Save the profile's changes",
                           "Put back the values last saved, dropping your edits")
        self.message, self.revert_button, self.save_button = self.bar.message, self.bar.revert_button, \
            self.bar.save_button
        self.message.setText("Opening…")
        self.revert_button.clicked.connect(self.discard)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(fields_scroll(inner, "Profile fields"), 1)
        layout.addWidget(self.bar)
        for key, widget in self.fields.items():
            edited_signal(widget).connect(lambda *_a: self._edited())
        self.setFocusProxy(self.fields["given_name"])  # Alt+1 lands on the first field
        self._update_buttons()

    def _make_field(self, key: str, text: str) -> QWidget:
        if key in DATES:
            return DateField(text.replace("&", ""))
        if key in LONG_TEXT:
            return plain_text_box(3)
        if key == "representative_authority":
            combo = QComboBox()
            for authority in RepresentativeAuthority:
                combo.addItem(authority.label or "None", authority)
            return combo
        if key in ORGANIZATION_CHOICES or key == "lead_staff_id":
            combo = QComboBox()
            combo.setEditable(True)  # type to find in long lists
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            return combo
        return QLineEdit()

    # --- loading ---------------------------------------------------------------------------------------
    def load(self, *, opening: bool = False) -> None:
        """Fill the form from the store; `opening` audits that the record was opened (once per workspace)."""
        actor, person_id = self.actor, self.person_id
        self.run(lambda uow: people.get_person_for_edit(uow, actor, person_id, record_opening=opening),
                 on_done=self._fill, on_error=lambda exc: self.message.setText(exc.message), write=opening)

    def refresh(self) -> None:
        """Reload; with unsaved edits, only adopt the new version when no field the user sees moved."""
        actor, person_id = self.actor, self.person_id
        self.run(lambda uow: people.get_person_for_edit(uow, actor, person_id), on_done=self._refreshed)

    def apply_changes(self, changes) -> None:
        if changes.people or changes.organizations or changes.staff:
            self.refresh()

    def _refreshed(self, loaded) -> None:
        if loaded.person == self.row and (loaded.organizations, loaded.staff) == self._choices:
            return  # e.g. the echo of our own save: nothing new, and its "Saved" message stays
        if not self.has_unsaved_changes():
            self._fill(loaded)
        elif self.row is not None and not self._changed_by_others(self.row, loaded.person):
            # e.g. the stage changed: the fields in the form did not, so the edits still apply as typed
            self.row = loaded.person
            self.person_loaded.emit(loaded.person)
        else:
            self.person_loaded.emit(loaded.person)  # saving will show the conflict and keep the input

    def _fill(self, loaded, keep: dict | None = None) -> None:
        self.row, self.today = loaded.person, loaded.today
        self._choices = (loaded.organizations, loaded.staff)
        choices = {key: (("Not recorded", None),) + tuple((n, i) for i, n in loaded.organizations)
                   for key in ORGANIZATION_CHOICES}
        choices["lead_staff_id"] = (("No lead yet", None),) + tuple((n, i) for i, n in loaded.staff)
        for key, items in choices.items():
            stored, name = getattr(self.row, key), getattr(self.row, NAME_OF[key])
            if stored is not None and all(data != stored for _text, data in items):
                # A lead who left, an archived organization: still shown by name, and kept unless changed.
                items += ((f"{name} (no longer active)", stored),)
            combo = self.fields[key]
            blocked = combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            combo.blockSignals(blocked)
        for key, widget in self.fields.items():
            set_field_value(widget, (keep or {}).get(key, getattr(self.row, key)))
        if not keep:
            self.form.clear_problems()
            self.message.setText("")
        self.set_dirty(bool(self.edits()))
        self._update_buttons()
        self.person_loaded.emit(self.row)

    # --- edits ---------------------------------------------------------------------------------------------
    def _stored(self, key: str):
        value = getattr(self.row, key)
        return (value or "") if isinstance(field_value(self.fields[key]), str) else value

    def edits(self) -> dict:
        """The fields whose value differs from the record the form was loaded from."""
        if self.row is None:
            return {}
        return {key: field_value(w) for key, w in self.fields.items() if field_value(w) != self._stored(key)}

    def _edited(self) -> None:
        self.set_dirty(bool(self.edits()))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.bar.enable(can_save=self.row is not None, can_revert=self.has_unsaved_changes())

    def discard(self) -> None:
        if self.row is not None:
            for key, widget in self.fields.items():
                set_field_value(widget, getattr(self.row, key))
        self.form.clear_problems()
        self.message.setText("")
        self.set_dirty(False)
        self._update_buttons()

    # --- saving ---------------------------------------------------------------------------------------------
    def save(self) -> bool:
        changes = self.edits()
        if self.row is None or not changes:
            return False
        self.form.clear_problems()
        self.message.setText("Saving…")
        before = {key: getattr(self.row, key) for key in changes}
        actor, person_id, version, name = self.actor, self.person_id, self.row.version, self.row.display_name

        def do(uow):
            return people.update_person(uow, actor, person_id, version=version, **changes)

        self.perform(f"Save {name}'s profile", do,
                     lambda uow, last: people.update_person(uow, actor, person_id, version=last[0].version, **before),
                     redo=lambda uow, last: people.update_person(uow, actor, person_id, version=last[0].version,
                                                                 **changes),
                     on_done=lambda result: self._saved(result[0]),
                     on_error=lambda exc: self._refused(exc, changes))
        return True

    def _saved(self, row: people.PersonRow) -> None:
        self.row = row
        self.set_dirty(bool(self.edits()))  # anything typed while the save ran stays unsaved
        self._update_buttons()
        self.message.setText(f"Saved {row.display_name}'s profile. Edit ▸ Undo puts the previous values back.")
        self.saved.emit(row)
        self.person_loaded.emit(row)
        self.save_finished.emit(True)

    def _refused(self, exc, typed: dict) -> None:
        self.save_finished.emit(False)
        if isinstance(exc, ValidationError) and self.form.show_problem(exc.field, exc.message):
            self.message.setText(f"Not saved: {exc.message} The field is marked.")
        elif isinstance(exc, Conflict):
            old, actor, person_id = self.row, self.actor, self.person_id
            self.run(lambda uow: people.get_person_for_edit(uow, actor, person_id),
                     on_done=lambda loaded: self._show_conflict(old, loaded, typed))
        else:
            self.message.setText(f"Not saved: {exc.message}")

    def _changed_by_others(self, old: people.PersonRow, fresh: people.PersonRow) -> list[str]:
        return [key for key in self.fields if getattr(fresh, key) != getattr(old, key)]

    def _show_conflict(self, old: people.PersonRow, loaded, typed: dict) -> None:
        theirs = self._changed_by_others(old, loaded.person)
        self._fill(loaded, keep=typed)
        for key in theirs:
            now = self._shown(key, getattr(loaded.person, key))
            if key in typed:
                self.form.show_notice(key, f'Someone else saved "{now}" here; your entry is kept.')
            else:
                self.form.show_notice(key, f'Someone else changed this from "{self._shown(key, getattr(old, key))}" '
                                           f'to "{now}".')
        names = ", ".join(self.form.labels[key] for key in theirs) or "no field shown here"
        self.message.setText(f"Not saved: someone else changed this record while you were editing ({names}). "
                             "Your input is kept; check it against theirs and save again.")

    def _shown(self, key: str, value) -> str:
        """A stored value as the form shows it (the name in a list, not an id)."""
        widget = self.fields[key]
        if isinstance(widget, QComboBox):
            index = find_data(widget, value)
            return widget.itemText(index) if index >= 0 else ""
        if value is None:
            return "not recorded"
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
