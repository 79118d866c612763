"""New agreement…: the kind, a title suggested from the kind and the parties, the organization whose letterhead
it carries, the parties and who signs for each, the funder (a purchase-of-service agreement lists its services
as the lines), the dates and the contract number. The draft is written with agreements.create_draft and checked
with agreements.validate in the same unit of work, so a refusal (end before start, a party nobody signs for)
leaves nothing behind and is shown next to the field it names, the input kept.

Started from a person's workspace (an individual agreement: the person prefilled as a party who signs, their
home organization and lead job developer beside them) or from the partner directory (the organization
prefilled). Creating a draft is not an undo step: agreements are never deleted, and a draft nobody wants is
simply never finalized."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from caseteam.domain.agreements import AgreementKind
from caseteam.errors import CaseteamError, ValidationError
from caseteam.services import agreements

from ..widgets.date_field import DateField
from ..widgets.editor_parts import chain_tab_order
from ..widgets.field_row import FormDialog, date_box, find_data
from .agreement_parties import PartiesEditor, PartyChoices, Signer, load_choices

PARTY_FIELDS = ("parties", "signatories")
ROLES = {AgreementKind.MOU: "Partner", AgreementKind.WIOA_MOU: "Required partner",
         AgreementKind.PURCHASE_OF_SERVICE: "Provider", AgreementKind.INDIVIDUAL: "Partner"}


def suggested_title(kind: AgreementKind, names: list[str], person_name: str = "") -> str:
    if kind is AgreementKind.INDIVIDUAL and person_name:
        return f"{kind.label}: {person_name}"
    if not names:
        return kind.label
    return f"{kind.label}: " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])


def optional_date(name: str, value=None) -> DateField:
    field = DateField(name)
    field.set_value(value)
    return field


class NewAgreementDialog(FormDialog):
    def __init__(self, parent=None) -> None:
        super().__init__("New agreement", "&Create draft", parent,
                         intro="A draft from the clause templates of the preparing organization (or the built-in "
                               "wording), to edit before a supervisor finalizes it. Every party needs someone who "
                               "signs for it.")
        self.setObjectName("newAgreementDialog")
        self.choices, self.person_id, self._typed_title = PartyChoices(), None, False
        self.kind_box = self.fields.add("kind", "&Kind", QComboBox(), description="What sort of agreement")
        self.title_box = self.fields.add("title", "T&itle", QLineEdit(),
                                         description="Suggested from the kind and the parties; type your own")
        self.prepared_box = self.fields.add("prepared_by_id", "&Prepared by", QComboBox(),
                                            description="Whose letterhead and clause templates the agreement uses")
        self.funder_box = self.fields.add("funder_id", "F&under", QComboBox(),
                                          description="The funder whose fee schedule becomes the service lines")
        self.from_box = self.fields.add("effective_from", "Effective &from", date_box())
        self.to_box = self.fields.add("effective_to", "Effective t&o", optional_date("Effective to"),
                                      description="The last day it is in force (Not recorded: open-ended)")
        self.review_box = self.fields.add("review_on", "&Review on", optional_date("Review on"),
                                          description="When the parties look at it again")
        self.contract_box = self.fields.add("contract_number", "Contract &number", QLineEdit(),
                                            description="The funder's contract number, if it has one")
        self.parties = PartiesEditor()
        self.layout().insertWidget(self.layout().indexOf(self.message), self.parties, 1)
        self.resize(880, 760)
        self.title_box.textEdited.connect(lambda _t: setattr(self, "_typed_title", True))
        self.kind_box.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.funder_box.currentIndexChanged.connect(lambda _i: self._funder_changed())
        self.parties.changed.connect(self._suggest_title)

    # --- filling ------------------------------------------------------------------------------------
    def fill(self, choices: PartyChoices, *, kind=None, person_id=None, organization_id=None,
             own_organization_id=None) -> None:
        """The choices loaded on the worker, and what the place it was started from already knows."""
        self.choices, self.person_id = choices, person_id
        person = choices.person
        kinds = [AgreementKind.INDIVIDUAL] if person is not None else [
            k for k in AgreementKind if k is not AgreementKind.INDIVIDUAL]
        for widget in (self.kind_box, self.prepared_box, self.funder_box):
            widget.blockSignals(True)
        for k in kinds:
            self.kind_box.addItem(k.label, k)
        self.kind_box.setCurrentIndex(max(0, find_data(self.kind_box, kind)))
        for key, name in choices.organizations:
            self.prepared_box.addItem(name, key)
        self.funder_box.addItem("No funder", None)
        for key, _org, name, _services in choices.funders:
            self.funder_box.addItem(name, key)
        for widget in (self.kind_box, self.prepared_box, self.funder_box):
            widget.blockSignals(False)
        today = choices.today
        self.from_box.setDate(QDate(today.year, today.month, today.day))
        self.to_box.set_value(today + timedelta(days=364))
        self.parties.set_choices(choices)
        preparer = self._prefill_parties(person, organization_id, own_organization_id)
        self.prepared_box.setCurrentIndex(max(0, find_data(self.prepared_box, preparer)))
        self._kind_changed()

    def _prefill_parties(self, person, organization_id, own_organization_id):
        """The parties the starting place implies; returns the preparing organization's id."""
        if person is not None:
            self.parties.add_person(person)
            home = person.home_organization_id
            lead = next((s for s in self.choices.staff if s[0] == person.lead_staff_id), None)
            if home is not None:
                self.parties.add_organization(home, "Provider", [Signer(lead[2], lead[3] or "Job developer", lead[0])]
                                              if lead else [])
            self.parties.parties_table.setCurrentCell(0, 0)
            return home or own_organization_id
        kind = self.kind()
        if own_organization_id is not None and own_organization_id != organization_id:
            self.parties.add_organization(own_organization_id, "Provider")
        if organization_id is not None:
            self.parties.add_organization(organization_id, ROLES[kind])
        return own_organization_id or organization_id

    def kind(self) -> AgreementKind:
        return self.kind_box.currentData() or AgreementKind.MOU

    def _kind_changed(self) -> None:
        posa = self.kind() is AgreementKind.PURCHASE_OF_SERVICE
        for key in ("funder_id", "contract_number"):
            self.form.setRowVisible(self.fields.fields[key].parentWidget(), posa)
        self._funder_changed()
        self._suggest_title()

    def _funder_changed(self) -> None:
        key = self.funder_box.currentData()
        funder = next((f for f in self.choices.funders if f[0] == key), None)
        self.fields.errors["funder_id"].hide()
        if funder is None or self.kind() is not AgreementKind.PURCHASE_OF_SERVICE:
            return
        services = "; ".join(funder[3]) or "none yet (add them in the partner directory's Funding tab)"
        self.fields.show_notice("funder_id", f"Its services become the lines: {services}.")
        if not any(p.key == funder[1] for p in self.parties.parties):
            self.parties.add_organization(funder[1], "Funder")

    def _suggest_title(self) -> None:
        if not self._typed_title:
            person = self.choices.person
            self.title_box.setText(suggested_title(self.kind(), self.parties.names(),
                                                   person.display_name if person else ""))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        chain_tab_order(*self.fields.fields.values(), *self.parties.focus_order(), *self.buttons.buttons())
        self.kind_box.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- out ------------------------------------------------------------------------------------------
    def answer(self) -> dict:
        values = self.fields.values()
        values["kind"] = self.kind()
        if values["kind"] is not AgreementKind.PURCHASE_OF_SERVICE:
            values["funder_id"], values["contract_number"] = None, ""
        values["parties"] = self.parties.value()
        values["person_id"] = self.person_id
        return values

    def _submit(self) -> None:
        self.parties.clear_problem()
        super()._submit()

    def refuse(self, exc: CaseteamError) -> None:
        if isinstance(exc, ValidationError) and exc.field in PARTY_FIELDS:
            self.ok_button.setEnabled(True)
            self.parties.show_problem(exc.message)
            return
        super().refuse(exc)


def create_and_check(actor, values: dict):
    """The job: a draft that would be wrong on paper is refused, and nothing is kept."""
    def job(uow):
        row, changes = agreements.create_draft(uow, actor, **values)
        agreements.validate(uow, actor, row.id)
        return agreements.get_agreement(uow, actor, row.id), changes
    return job


def open_new_agreement(parent, ops, actor, history, *, kind=None, person_id=None, organization_id=None,
                       on_created=None) -> NewAgreementDialog:
    """The dialog, opened once its choices are loaded (not blocking); on_created gets the new AgreementRow.
    `history` is taken for the callers' symmetry with the editor: creating a draft has no inverse."""
    dialog = NewAgreementDialog(parent)

    def loaded(choices: PartyChoices) -> None:
        dialog.fill(choices, kind=kind, person_id=person_id, organization_id=organization_id,
                    own_organization_id=actor.organization_id)
        dialog.open()

    def created(result) -> None:
        dialog.finish()
        if on_created is not None:
            on_created(result[0])

    dialog.submitted.connect(lambda values: ops.run(create_and_check(actor, values), on_done=created,
                                                    on_error=dialog.refuse))
    ops.run(lambda uow: load_choices(uow, actor, person_id), on_done=loaded, write=False)
    return dialog
