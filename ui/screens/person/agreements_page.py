"""The Funding part's "Agreements" page: the person's agreements (their individual service agreement and its
versions). New individual agreement… starts one with the person, their home organization and lead job
developer filled in; Edit draft… changes a draft; Open in Agreements (or Enter) shows the chosen one in the
Agreements section, where it is previewed, printed, finalized, signed and amended.

It sits in the Funding part because an individual agreement is the person's services, who provides each and
which funder pays: the same records as the authorizations and the cost-share plan beside it."""

from __future__ import annotations

from PySide6.QtCore import Signal

from caseteam.domain.agreements import AgreementKind
from caseteam.services import access, agreements

from ...widgets.agreement_list import AgreementList, embed
from ..agreement_create import open_new_agreement
from ..agreement_editor import open_agreement_editor
from .tab import PersonTab


class AgreementsPage(PersonTab):
    agreement_chosen = Signal(object)  # an agreement's id, for the Agreements section

    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("personAgreementsPage")
        self.dialog = None  # the new-agreement dialog or the editor open now
        embed(self, AgreementList("Agreements &with this person:", "&New individual agreement…",
                                  "Draft this person's individual service agreement with their team"),
              access.reach(actor, access.Action.EDIT_PERSON) is not access.Reach.NONE)

    def refresh(self, select=None) -> None:
        actor, person_id = self.actor, self.person_id
        self.run(lambda uow: (agreements.list_agreements(uow, actor, person_id=person_id), uow.today()),
                 on_done=lambda result: self.list.show_rows(
                     *result, "No agreement with this person yet. New individual agreement… drafts one.", select),
                 on_error=lambda exc: self.list.summary.setText(f"⚠ {exc.message}"))

    def apply_changes(self, changes) -> None:
        if changes.agreements:
            self.refresh()

    def new_agreement(self) -> None:
        self.dialog = open_new_agreement(self, self.ops, self.actor, self.history, kind=AgreementKind.INDIVIDUAL,
                                         person_id=self.person_id,
                                         on_created=self.guarded(lambda row: self.refresh(select=row.id)))

    def edit(self, row) -> None:
        self.dialog = open_agreement_editor(self, self.ops, self.actor, self.history, row,
                                            on_saved=self.guarded(lambda saved: self.refresh(select=saved.id)))
