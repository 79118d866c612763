"""The Agreements section's small dialogs: record a signature (who and when), terminate (date and reason),
amend (why), and whom a printed or exported copy is for. Each is a FormDialog: the section runs the service
on OK and the dialog stays open with the refusal shown beside the field it names."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox

from caseteam.services.agreement_rows import AgreementRow

from ..dates import local_date
from ..widgets.field_row import FormDialog, date_box, plain_text_box


def unsigned(row: AgreementRow) -> list[tuple]:
    """(signatory id, "Name, title — party") for everyone who has not signed yet, in the agreement's order."""
    return [(s.id, ", ".join(x for x in (s.name, s.title) if x) + f" — {p.name}")
            for p in row.parties for s in p.signatories if s.signed_on is None]


class SignatureDialog(FormDialog):
    def __init__(self, row: AgreementRow, today: date, parent=None) -> None:
        super().__init__(f"Record a signature on {row.ref}", "&Record", parent,
                         intro=f"Choose who signed {row.title} ({row.ref}) and the date on the signature line. "
                               "When everyone has signed, the agreement is signed.")
        self.signatory = QComboBox()
        for key, text in unsigned(row):
            self.signatory.addItem(text, key)
        self.fields.add("signatory_id", "&Signatory", self.signatory,
                        description="Someone whose signature is not recorded yet")
        self.signed_on = self.fields.add("signed_on", "Signed &on", date_box(today),
                                         description="The date written by the signature; not in the future")
        self.signed_on.setMaximumDate(QDate(today.year, today.month, today.day))

    def check(self, values: dict) -> bool:
        if values["signatory_id"] is None:
            self.fields.show_problem("signatory_id", "Everyone on this agreement has signed already.")
            return False
        return True


class TerminateDialog(FormDialog):
    def __init__(self, row: AgreementRow, today: date, parent=None) -> None:
        start = f" It started on {local_date(row.effective_from)}." if row.effective_from else ""
        super().__init__(f"Terminate {row.ref}", "&Terminate", parent,
                         intro=f"End {row.title} ({row.ref}) before its term is over.{start} The agreement and "
                               "its PDF are kept; its status becomes Terminated.")
        self.fields.add("ended_on", "&Ends on", date_box(today), description="The last day the agreement applies")
        self.fields.add("reason", "&Reason", plain_text_box(), description="Why the agreement ends (required)")

    def check(self, values: dict) -> bool:
        if not values["reason"]:
            self.fields.show_problem("reason", "Say why the agreement ends.")
            return False
        return True


class AmendDialog(FormDialog):
    def __init__(self, row: AgreementRow, parent=None) -> None:
        super().__init__(f"Amend {row.ref}", "&Draft amendment", parent,
                         intro=f"Start version {row.revision + 1} of {row.title} as a draft copy of this one "
                               f"(signatures cleared). Version {row.revision} stays exactly as it is, and is "
                               "superseded when the new version is finalized.")
        self.fields.add("reason", "&Reason", plain_text_box(), description="What changes and why (required); "
                                                                           "printed on the new version")

    def check(self, values: dict) -> bool:
        if not values["reason"]:
            self.fields.show_problem("reason", "Say what the amendment changes.")
            return False
        return True


class RecipientDialog(FormDialog):
    """Whom the copy is for; a copy of a person's agreement for a partner needs a release and is logged."""

    def __init__(self, row: AgreementRow, choices: list[tuple], doing: str, parent=None) -> None:
        super().__init__(f"Copy of {row.ref}", "&Print…" if doing == "print" else "E&xport…", parent,
                         intro=f"Whom is this copy of {row.title} ({row.ref}) for? It is recorded in the audit "
                               "log; a copy of a person's agreement for a partner also needs an active release "
                               "and is recorded as a disclosure.")
        self.recipient = QComboBox()
        for key, text in choices:
            self.recipient.addItem(text, key)
        self.fields.add("organization_id", "&Copy for", self.recipient,
                        description="The person, the file, or one of the agreement's parties")

    def answer(self) -> dict:
        return {"organization_id": self.recipient.currentData(), "name": self.recipient.currentText()}


__all__ = ["AmendDialog", "RecipientDialog", "SignatureDialog", "TerminateDialog", "unsigned"]
