"""The chosen release of information on paper or as a file, from the Consent tab: Print… (Ctrl+P),
Save as PDF… (Ctrl+Shift+S), the large-print copy, and For a partner… (Ctrl+Shift+P), a copy for one of
the release's parties that the service checks against the person's releases and logs as a disclosure.
The PDF is made on the worker; the print dialog and the file dialog run here, on the GUI thread."""

from __future__ import annotations

import re
from typing import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QWidget

from caseteam.errors import CaseteamError
from caseteam.services import release_document
from caseteam.services.changes import NOTHING, Changes
from caseteam.services.consent_rows import ReleaseRow

from ... import printing
from ...widgets.document_actions import shortcut_button, tab_action
from ...widgets.field_row import FormDialog

PRINT_KEYS, SAVE_KEYS, PARTNER_KEYS = "Ctrl+P", "Ctrl+Shift+S", "Ctrl+Shift+P"


def file_name(release: ReleaseRow, *, large_print: bool, recipient: str = "") -> str:
    """A name that says what the file is without putting the person's name on the disk."""
    name = f"{release.ref} release of information"
    if recipient:
        name += " for " + re.sub(r'[\\/:*?"<>|]+', "-", recipient).strip(" .-")
    return name + (" (large print)" if large_print else "") + ".pdf"


class PartnerCopyDialog(FormDialog):
    """Which of the release's parties receives this copy, and whether it is printed or saved."""

    def __init__(self, release: ReleaseRow, recipients: list[tuple], large_print: bool, parent=None) -> None:
        super().__init__(f"Copy of release {release.ref} for a partner", "&Print…", parent,
                         intro=f"Choose the organization that receives this copy of release {release.ref}. The "
                               "copy is recorded in the disclosure log, and it is refused unless an active "
                               "release lets that organization receive this information today.")
        self.how = "print"
        self.recipient = QComboBox()
        for org_id, name in recipients:
            self.recipient.addItem(name, org_id)
        self.fields.add("organization_id", "&Recipient", self.recipient,
                        description="The organization that receives the copy; only the release's parties are "
                                    "offered")
        self.large_print = QCheckBox("Large print copy")
        self.large_print.setChecked(large_print)
        self.fields.add("large_print", "&Large print", self.large_print,
                        description="Bigger type for a reader who needs it; the copy has more pages")
        self.large_print.setAccessibleName("Large print copy")
        self.ok_button.setAccessibleDescription("Print the copy for the chosen organization")
        self.save_button = self.buttons.addButton("&Save as PDF…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setAccessibleDescription("Save the copy for the chosen organization as a PDF file")
        self.save_button.clicked.connect(self.save)
        self.setTabOrder(self.large_print, self.ok_button)
        self.setTabOrder(self.ok_button, self.save_button)

    def save(self) -> None:
        self.how = "save"
        try:
            self._submit()
        finally:
            self.how = "print"  # Enter and the Print… button still print

    def answer(self) -> dict:
        return {"organization_id": self.recipient.currentData(), "large_print": self.large_print.isChecked(),
                "how": self.how}

    def check(self, values: dict) -> bool:
        if values["organization_id"] is None:
            self.fields.show_problem("organization_id", "Choose the organization that receives the copy.")
            return False
        self.save_button.setEnabled(False)  # one request at a time, as the Print… button
        return True

    def finish(self, _result=None) -> None:
        self.save_button.setEnabled(True)
        super().finish(_result)

    def refuse(self, exc: CaseteamError) -> None:
        self.save_button.setEnabled(True)
        super().refuse(exc)


class ReleaseOutput:
    """The Consent tab's document controls (in reading and tab order) and what they do."""

    def __init__(self, tab) -> None:
        self.tab = tab
        self.large_print = QCheckBox("&Large print")
        self.large_print.setAccessibleName("Large print")
        self.large_print.setAccessibleDescription("Print or save the accessible copy: bigger type, more pages")
        self.print_button = shortcut_button("&Print…", PRINT_KEYS, "Print the chosen release as the form for the "
                                                                "person to sign")
        self.save_button = shortcut_button("&Save as PDF…", SAVE_KEYS, "Save the chosen release's form for the "
                                                                    "person to sign as a PDF file")
        self.partner_button = shortcut_button("For a p&artner…", PARTNER_KEYS,
                                           "Print or save a copy for one of the release's parties; it is "
                                           "recorded in the disclosure log")
        self.actions = {
            self.print_button: tab_action(self.tab, "Print release…", PRINT_KEYS, self.print_release),
            self.save_button: tab_action(self.tab, "Save release as PDF…", SAVE_KEYS, self.save_release),
            self.partner_button: tab_action(self.tab, "Release copy for a partner…", PARTNER_KEYS, self.for_partner)}
        self.print_button.clicked.connect(self.print_release)
        self.save_button.clicked.connect(self.save_release)
        self.partner_button.clicked.connect(self.for_partner)

    def widgets(self) -> list[QWidget]:
        return [self.large_print, self.print_button, self.save_button, self.partner_button]

    def update(self, release: ReleaseRow | None) -> None:
        enabled = {self.print_button: release is not None, self.save_button: release is not None,
                   self.partner_button: release is not None and bool(self.recipients(release))}
        self.large_print.setEnabled(release is not None)
        for button, on in enabled.items():
            button.setEnabled(on)
            self.actions[button].setEnabled(on)

    def recipients(self, release: ReleaseRow) -> list[tuple]:
        """The parties that may receive under the release, with a record, other than the person's own
        organization (its staff need no copy logged as a disclosure)."""
        home = self.tab.home[0] if self.tab.home else None
        return [(p.organization_id, p.name) for p in release.receiving
                if p.organization_id is not None and p.organization_id != home]

    # --- the person's copy, to sign --------------------------------------------------------------------
    def print_release(self) -> None:
        release = self.tab.current_release()
        if release is not None:
            self._make(release, None, self.large_print.isChecked(), lambda data: printing.print_pdf(self.tab, data))

    def save_release(self) -> None:
        release, large = self.tab.current_release(), self.large_print.isChecked()
        if release is not None:
            self._make(release, None, large, lambda data: printing.save_pdf(
                self.tab, data, file_name(release, large_print=large)))

    # --- a copy for a party ------------------------------------------------------------------------------
    def for_partner(self) -> None:
        release = self.tab.current_release()
        recipients = self.recipients(release) if release is not None else []
        if not recipients:
            return
        dialog = PartnerCopyDialog(release, recipients, self.large_print.isChecked(), self.tab)
        self.tab._open(dialog, lambda values: self._send(dialog, release, values))

    def _send(self, dialog: PartnerCopyDialog, release: ReleaseRow, values: dict) -> None:
        org_id, large = values["organization_id"], values["large_print"]
        name = dialog.recipient.currentText()
        if values["how"] == "save":
            def hand_over(data):
                return printing.save_pdf(self.tab, data, file_name(release, large_print=large, recipient=name))
        else:
            def hand_over(data):
                return printing.print_pdf(self.tab, data)
        self._make(release, org_id, large, lambda data: (dialog.finish(), hand_over(data)),
                   on_error=dialog.refuse)

    # --- the work --------------------------------------------------------------------------------------
    def _make(self, release: ReleaseRow, org_id, large: bool, hand_over: Callable[[bytes], object], *,
              on_error=None) -> None:
        """The PDF from the worker, then `hand_over` on the GUI thread. A copy for an organization returns
        Changes(consent=True): the disclosure it logged reaches the log (and every view) on its own."""
        actor = self.tab.actor

        def make(uow):
            data = release_document.release_pdf(uow, actor, release.id, large_print=large,
                                                recipient_organization_id=org_id)
            return data, (Changes(consent=True) if org_id is not None else NOTHING)

        self.tab.run(make, on_done=lambda result: hand_over(result[0]), on_error=on_error, write=True,
                     progress_text="Preparing the release form…")
