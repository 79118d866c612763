"""The partner directory's "Agreements" tab: agreements where the chosen organization is a party (MOUs,
WIOA MOUs, purchase-of-service agreements; individual agreements the reader may open). New agreement… starts
one with the organization as a party; Edit draft… changes a draft; Open in Agreements (or Enter) shows the chosen
one in the Agreements section."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from caseteam.services import access, agreements

from .. import pyside_fixes  # noqa: F401  (this module emits signals)
from ..widgets.agreement_list import AgreementList, embed
from .agreement_create import open_new_agreement
from .agreement_editor import open_agreement_editor


class PartnerAgreementsPage(QWidget):
    agreement_chosen = Signal(object)  # an agreement's id, for the Agreements section

    def __init__(self, ops, actor, history, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("partnerAgreementsPage")
        self.ops, self.actor, self.history = ops, actor, history
        self.organization, self.dialog = None, None
        embed(self, AgreementList("Agreements:", "New agreement…", "Draft an agreement with this organization as a "
                                  "party", keys=False),
              access.reach(actor, access.Action.MANAGE_PARTNERS) is not access.Reach.NONE)

    def show_organization(self, organization) -> None:
        """The directory chose an organization (an OrganizationRow)."""
        self.organization = organization
        self.reload()

    def reload(self, select=None) -> None:
        org, actor = self.organization, self.actor
        if org is None:
            return
        self.ops.run(lambda uow: (agreements.list_agreements(uow, actor, party_organization_id=org.id), uow.today()),
                     on_done=lambda result: self._show(org, result, select), write=False,
                     on_error=lambda exc: self.list.summary.setText(f"⚠ {exc.message}"))

    def _show(self, org, result, select) -> None:
        if self.organization is not None and org.id == self.organization.id:  # not an answer for a left one
            self.list.show_rows(*result, f"{org.name} is not a party to any agreement yet.", select)

    def new_agreement(self) -> None:
        if self.organization is not None:
            self.dialog = open_new_agreement(self, self.ops, self.actor, self.history,
                                             organization_id=self.organization.id,
                                             on_created=lambda row: self.reload(select=row.id))

    def edit(self, row) -> None:
        self.dialog = open_agreement_editor(self, self.ops, self.actor, self.history, row,
                                            on_saved=lambda saved: self.reload(select=saved.id))
