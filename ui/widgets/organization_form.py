"""A partner organization's own fields: the in-place Overview editor (Save / Revert, messages next to
the field, input kept through a stale save) and the New organization dialog, built from one list."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.presence import Engagement
from caseteam.services.organizations import OrganizationRow

from .field_row import FormFields
from .form_parts import InPlaceForm
from .record_form import RecordDialog, choice, email_problem, line, required, text_box

KIND_CHOICES = [(kind.label, kind) for kind in OrganizationKind]
ENGAGEMENT_CHOICES = [(engagement.label, engagement) for engagement in Engagement]


def organization_fields(fields: FormFields) -> FormFields:
    """Mnemonics avoid the menus' F, E, V, H, the directory's own S, D and R, and Rever&t."""
    line(fields, "name", "&Name")
    choice(fields, "kind", "K&ind", KIND_CHOICES, description="What sort of partner this is")
    for key, text in (("street", "Street"), ("city", "&City"), ("region", "St&ate"), ("postal_code", "&ZIP code"),
                      ("phone", "&Phone"), ("email", "E-&mail"), ("website", "&Website")):
        line(fields, key, text)
    text_box(fields, "notes", "N&otes", lines=4, description="How to work with this partner: hours, how referrals "
                                                             "and releases reach them, who to ask")
    return fields


def check_organization(values: dict) -> dict[str, str]:
    return required(values, {"name": "The organization's name"}, "name") | email_problem(values)


class NewOrganizationDialog(RecordDialog):
    def __init__(self, parent=None) -> None:
        super().__init__("New organization", "Add organization", None, parent,
                         intro="A partner agency, program operator or employer. Programs and staff are added once "
                               "it is saved.")
        organization_fields(self.fields)
        # Afterwards on the Presence tab, with the partner's weekly times.
        choice(self.fields, "engagement", "How it en&gages", ENGAGEMENT_CHOICES,
               description="At the One-Stop: referral only, a scheduled presence on set days, or co-located")
        self.resize(560, self.sizeHint().height())
        self.fill({"kind": OrganizationKind.CRP, "engagement": Engagement.REFERRAL_ONLY})

    def problems(self, values: dict) -> dict[str, str]:
        return check_organization(values)


class OrganizationOverview(InPlaceForm):
    """Edit the selected organization in place. The screen runs the save (one undo step) and answers
    with `saved(row)`, `refused(exc)` or, for a stale copy, `rebase(fresh)`."""

    saved_row = Signal(object)  # the OrganizationRow as saved
    THIS, KEPT_ON_CLEAR = "this organization", "kind"

    def __init__(self, parent=None) -> None:
        super().__init__(organization_fields, ("Organization", "Save (Ctrl+S)", "Save the organization's changes",
                                               "Put back the values last saved, dropping your changes"),
                         "Organization details", parent)
        self._finish_layout()

    def show_organization(self, row: OrganizationRow) -> None:
        self.show_row(row)

    def _loaded(self, row: OrganizationRow) -> None:
        for widget in self.fields.fields.values():
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setReadOnly(row.archived)  # still focusable and read out by a screen reader
            else:
                widget.setEnabled(not row.archived)
        if row.archived:
            self.message.setText("This organization is archived. Restore it (Ctrl+Shift+R) to edit it.")

    def problems(self, values: dict) -> dict[str, str]:
        return check_organization(values)

    def saved(self, row: OrganizationRow) -> bool:
        if not super().saved(row):
            return False
        self.saved_row.emit(row)
        return True

    def _take_saved(self, row: OrganizationRow) -> None:
        self.row = row
        self._set_dirty(bool(self.edits()))
