"""Dialogs of the Consent tab: record a release of information (parties picked from the partner
directory or typed, categories ticked one by one, dates, signer and authority) and revoke one."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QWidget)

from caseteam.domain.consent import EducationConsentBy, InformationCategory, PartyRole
from caseteam.domain.people import RepresentativeAuthority
from caseteam.errors import ValidationError
from caseteam.services.consent_rows import ROLE_WORDS, ReleaseRow

from ...widgets.date_field import DateField
from ...widgets.field_row import FormDialog, date_box, find_data, plain_text_box

PARTY_DATA = 0x0100  # Qt.UserRole: (organization_id or None, name, PartyRole) on each party line
EDUCATION_WORDS = {EducationConsentBy.NOT_APPLICABLE: "Not asked (no school records)",
                   EducationConsentBy.PARENT: "The parent",
                   EducationConsentBy.ELIGIBLE_STUDENT: "The student (18 or older)"}
REVOKE_METHODS = ("In writing (letter or signed form)", "By phone, confirmed in writing",
                  "In person, confirmed in writing", "By e-mail")


class NewReleaseDialog(FormDialog):
    """Everything the printed form carries. `prefill` (organization id, categories) comes from a refusal:
    the organization is added as a party and the categories ticked."""

    def __init__(self, person_name: str, today: date, organizations: list[tuple], parent=None, *,
                 home: tuple | None = None, prefill=None, signer: str = "") -> None:
        super().__init__("New release of information", "Record release", parent,
                         intro=f"Record a release {person_name} (or their representative) signed. Name who may "
                               "share, what, why and until when; a release never covers \"all records\".")
        self.organizations = dict(organizations)
        self.two_way = QCheckBox("Two-way exchange among all listed parties")
        self.two_way.setChecked(True)
        self.fields.add("two_way_box", "&Kind", self.two_way,
                        description="Teams usually sign one exchange among all their agencies; untick for a "
                                    "one-way release naming who discloses and who receives")
        self.two_way.setAccessibleName("Two-way exchange among all listed parties")

        picker = QWidget()
        row = QHBoxLayout(picker)
        row.setContentsMargins(0, 0, 0, 0)
        self.party_box = QComboBox()
        self.party_box.setEditable(True)
        self.party_box.setAccessibleName("Party to add")
        self.party_box.lineEdit().setAccessibleName("Party to add")
        self.party_box.setAccessibleDescription("Choose a partner organization or type the name of someone "
                                                "without a record (a physician, a family member)")
        for org_id, name in organizations:
            self.party_box.addItem(name, org_id)
        self.party_box.setCurrentIndex(-1)
        self.role_box = QComboBox()
        self.role_box.setAccessibleName("Party's role")
        for role in PartyRole:
            self.role_box.addItem(ROLE_WORDS[role], role)
        self.add_party_button = QPushButton("&Add party")
        self.add_party_button.setAccessibleDescription("Add the chosen or typed party to the release")
        row.addWidget(self.party_box, 1)
        row.addWidget(self.role_box)
        row.addWidget(self.add_party_button)
        picker.setFocusProxy(self.party_box)
        self.fields.add("party_picker", "&Party", picker)

        listing = QWidget()
        column = QHBoxLayout(listing)
        column.setContentsMargins(0, 0, 0, 0)
        self.party_list = QListWidget()
        self.party_list.setMaximumHeight(110)
        self.remove_party_button = QPushButton("Re&move party")
        self.remove_party_button.setAccessibleDescription("Take the chosen party off the release")
        column.addWidget(self.party_list, 1)
        column.addWidget(self.remove_party_button)
        listing.setFocusProxy(self.party_list)
        self.fields.add("parties", "Parties &listed", listing, description="The parties the release names")
        self.party_list.setAccessibleName("Parties listed")

        group = QGroupBox("Information that may be shared")
        grid = QGridLayout(group)
        self.category_boxes: dict[InformationCategory, QCheckBox] = {}
        for n, category in enumerate(InformationCategory):
            box = QCheckBox(category.label)
            box.setAccessibleName(category.label)
            self.category_boxes[category] = box
            grid.addWidget(box, n // 2, n % 2)
        self.fields.add("categories", "&Information", group,
                        description="Tick each category; substance use treatment records must be ticked on "
                                    "their own to be shared")
        group.setAccessibleName("Information that may be shared")

        self.fields.add("purpose", "P&urpose", plain_text_box(2), description="Why the parties share, in the "
                                                                             "person's words")
        self.fields.add("signed_on", "&Signed on", date_box(today))
        self.fields.add("effective_from", "In effect &from", date_box(today))
        expires = DateField("Expires on")
        expires.set_value(date(today.year + 1, today.month, min(today.day, 28)))
        expires.unknown.setText("No date: ends with the event below")
        self.fields.add("expires_on", "E&xpires on", expires)
        self.fields.add("expiry_event", "Or ends &when", QLineEdit(),
                        description="An event that ends the release, e.g. when my case with the agency closes")
        signer_box = self.fields.add("signer_name", "Signed &by", QLineEdit())
        signer_box.setText(signer)
        self.representative = QCheckBox("A representative signed for the person")
        self.fields.add("representative_box", "&Representative", self.representative)
        self.representative.setAccessibleName("A representative signed for the person")
        authority = QComboBox()
        for value in RepresentativeAuthority:
            authority.addItem(value.label or "— none —", value)
        self.fields.add("signer_authority", "Au&thority", authority,
                        description="Under what authority the representative signs")
        education = QComboBox()
        for value, words in EDUCATION_WORDS.items():
            education.addItem(words, value)
        self.fields.add("education_consent_by", "School records &consent by", education,
                        description="School education records need the parent's or the eligible student's "
                                    "consent")

        self.add_party_button.clicked.connect(self.add_chosen_party)
        self.remove_party_button.clicked.connect(self.remove_chosen_party)
        self.two_way.toggled.connect(self._kind_changed)
        self.representative.toggled.connect(authority.setEnabled)
        authority.setEnabled(False)
        self._kind_changed(True)
        if home is not None:
            self.add_party(home[0], home[1], PartyRole.DISCLOSES)
        if prefill is not None:
            org_id, categories = prefill
            if org_id is not None and org_id in self.organizations:
                self.add_party(org_id, self.organizations[org_id], PartyRole.RECEIVES)
            for category in categories:
                self.category_boxes[InformationCategory(category)].setChecked(True)

    def fill(self, release: ReleaseRow) -> None:
        """Correcting a release: every field as stored."""
        from ...widgets.field_row import set_field_value

        self.setWindowTitle(f"Correct release {release.ref}")
        self.ok_button.setText("Save correction")
        self.party_list.clear()
        self.two_way.setChecked(release.two_way)
        for party in release.parties:
            self.add_party(party.organization_id, party.name, party.role)
        for category, box in self.category_boxes.items():
            box.setChecked(category in release.categories)
        for key in ("purpose", "signed_on", "effective_from", "expires_on", "expiry_event", "signer_name",
                    "signer_authority", "education_consent_by"):
            set_field_value(self.fields.fields[key], getattr(release, key))
        self.representative.setChecked(release.signer_is_representative)

    # --- parties --------------------------------------------------------------------------------------
    def _kind_changed(self, two_way: bool) -> None:
        self.role_box.setEnabled(not two_way)
        for i in range(self.party_list.count()):
            item = self.party_list.item(i)
            org_id, name, role = item.data(PARTY_DATA)
            item.setText(name if two_way else f"{name} – {ROLE_WORDS[role]}")

    def add_party(self, org_id, name: str, role: PartyRole) -> None:
        if any(self.party_list.item(i).data(PARTY_DATA)[:2] == (org_id, name) for i in range(self.party_list.count())):
            return
        item = QListWidgetItem()
        item.setData(PARTY_DATA, (org_id, name, role))
        self.party_list.addItem(item)
        self._kind_changed(self.two_way.isChecked())

    def add_chosen_party(self) -> None:
        text = self.party_box.currentText().strip()
        if not text:
            self.fields.show_problem("party_picker", "Choose an organization or type a name first.")
            return
        index = self.party_box.findText(text)
        org_id = self.party_box.itemData(index) if index >= 0 else None
        self.add_party(org_id, text, self.role_box.currentData())
        self.party_box.setCurrentIndex(-1)
        self.party_box.setEditText("")

    def remove_chosen_party(self) -> None:
        row = self.party_list.currentRow()
        if row >= 0:
            self.party_list.takeItem(row)

    def parties(self) -> list[tuple]:
        return [self.party_list.item(i).data(PARTY_DATA) for i in range(self.party_list.count())]

    # --- the answer ------------------------------------------------------------------------------------
    def answer(self) -> dict:
        v = {key: self.fields.value(key) for key in ("purpose", "signed_on", "effective_from", "expires_on",
                                                      "expiry_event", "signer_name", "signer_authority",
                                                      "education_consent_by")}
        return dict(parties=self.parties(), two_way=self.two_way.isChecked(),
                    categories=[c for c, box in self.category_boxes.items() if box.isChecked()],
                    purpose=v["purpose"], signed_on=v["signed_on"], effective_from=v["effective_from"],
                    expires_on=v["expires_on"], expiry_event=v["expiry_event"], signer_name=v["signer_name"],
                    signer_is_representative=self.representative.isChecked(),
                    signer_authority=v["signer_authority"], education_consent_by=v["education_consent_by"])


class RevokeDialog(FormDialog):
    def __init__(self, release: ReleaseRow, today: date, parent=None) -> None:
        super().__init__("Revoke release", "Record revocation", parent,
                         intro=f"{release.person_name} revoked release {release.ref}. From that day nothing more "
                               "may be shared under it; what was shared before stays shared.")
        self.fields.add("revoked_on", "Revoked &on", date_box(today))
        method = QComboBox()
        method.setEditable(True)
        for text in REVOKE_METHODS:
            method.addItem(text, text)
        self.fields.add("method", "&How", method, description="How the person revoked it")
        self.fields.add("note", "&Note", plain_text_box(2))

    def answer(self) -> dict:
        v = self.fields.values()
        return {"revoked_on": v["revoked_on"], "method": self.fields.fields["method"].currentText().strip(),
                "note": v["note"]}

    def check(self, values: dict) -> bool:
        if not values["method"]:
            self.refuse(ValidationError("method", "Say how the person revoked it."))
            return False
        return True


__all__ = ["NewReleaseDialog", "RevokeDialog", "find_data"]
