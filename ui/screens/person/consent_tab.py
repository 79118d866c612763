"""The Consent tab: the person's releases of information with their status in words, recording a new
one, revoking one, filing the signed scan, and the log of what was disclosed to whom under which release.
Recording and revoking are undo steps (archive is not offered: a signed release is kept)."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHeaderView, QLabel, QPushButton, QVBoxLayout

from caseteam.errors import ValidationError
from caseteam.services import consent

from ...models.consent_models import DisclosureModel, ReleaseColumn, ReleaseModel
from ...widgets.editor_parts import button_row, chain_tab_order, record_table
from .consent_dialogs import NewReleaseDialog, RevokeDialog
from .consent_printing import ReleaseOutput
from .tab import PersonTab


def choose_scan(parent) -> str:
    """The signed copy's file; tests replace this function."""
    path, _ = QFileDialog.getOpenFileName(parent, "Attach the signed copy", "",
                                          "Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)")
    return path


class ConsentTab(PersonTab):
    def __init__(self, ops, actor, history, person_id, parent=None) -> None:
        super().__init__(ops, actor, history, person_id, parent)
        self.setObjectName("consentTab")
        self.person_name, self.home, self.today = "the person", None, None
        self.dialog = None
        self.summary = QLabel("Loading releases…")
        self.summary.setAccessibleName("Releases summary")
        self.summary.setWordWrap(True)
        self.model = ReleaseModel(self)
        self.table = record_table(self.model, "Releases of information",
                                  "Newest first; the status says whether each is active, expired or revoked")
        self.table.setObjectName("releaseTable")
        self.table.horizontalHeader().setSectionResizeMode(ReleaseColumn.PARTIES, QHeaderView.ResizeMode.Stretch)
        self.new_button = QPushButton("New &release…")
        self.new_button.setAccessibleDescription("Record a release the person signed")
        self.revoke_button = QPushButton("Re&voke…")
        self.revoke_button.setAccessibleDescription("Record that the person revoked the chosen release")
        self.correct_button = QPushButton("&Correct…")
        self.correct_button.setAccessibleDescription("Fix a typo in the chosen release; possible only until its "
                                                     "signed copy is attached or anything is shared under it")
        self.correct_button.clicked.connect(self.correct)
        self.attach_button = QPushButton("Attach si&gned copy…")
        self.attach_button.setAccessibleDescription("File the scan of the chosen release's signed form")
        self.new_button.clicked.connect(lambda: self.new_release())
        self.revoke_button.clicked.connect(self.revoke)
        self.attach_button.clicked.connect(self.attach_signed_copy)
        self.output = ReleaseOutput(self)  # Print…, Save as PDF…, Large print, For a partner…
        self.log_label = QLabel("&Disclosures (what was shared, with whom, under which release):")
        self.log_model = DisclosureModel(self)
        self.log = record_table(self.log_model, "Disclosure log", "Each print or export of the person's "
                                                                  "information, newest first")
        self.log_label.setBuddy(self.log)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 2)
        layout.addLayout(button_row(self.new_button, self.correct_button, self.revoke_button, self.attach_button))
        layout.addLayout(button_row(*self.output.widgets()))
        layout.addWidget(self.log_label)
        layout.addWidget(self.log, 1)
        chain_tab_order(self.table, self.new_button, self.correct_button, self.revoke_button, self.attach_button,
                        *self.output.widgets(), self.log)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_buttons())
        self.setFocusProxy(self.table)
        self._update_buttons()

    # --- data ---------------------------------------------------------------------------------------
    def refresh(self, select=None) -> None:
        actor, person_id = self.actor, self.person_id

        def load(uow):
            person = uow.people.get(person_id)
            home = (person.home_organization_id, person.home_organization.name) if person.home_organization else None
            return (consent.list_releases(uow, actor, person_id), consent.disclosures(uow, actor, person_id),
                    person.display_name, f"{person.given_name} {person.family_name}", home, uow.today())

        self.run(load, on_done=lambda result: self._show(*result, select=select),
                 on_error=lambda exc: self.summary.setText(exc.message))

    def apply_changes(self, changes) -> None:
        if changes.consent or changes.people or changes.organizations:
            self.refresh()

    def _show(self, releases, disclosures, name, full_name, home, today, select=None) -> None:
        current = select or (self.current_release().id if self.current_release() else None)
        self.person_name, self.full_name, self.home, self.today = name, full_name, home, today
        self.model.set_rows(releases)
        self.log_model.set_rows(disclosures)
        # The status ("Active until 2027-03-01") is what people read first: never cut short.
        for column in (ReleaseColumn.REF, ReleaseColumn.STATUS, ReleaseColumn.SIGNED):
            self.table.resizeColumnToContents(column)
        if disclosures:  # an empty log keeps its even headers
            self.log.resizeColumnsToContents()
        active = [r for r in releases if r.status.value == "active"]
        self.summary.setText(f"{len(active)} active release{'s' if len(active) != 1 else ''} of {len(releases)}."
                             if releases else f"No release of information is recorded for {name}: partners outside "
                                              "the person's own organization cannot be given the team or tasks.")
        row = self.model.row_of(current) if current is not None else None
        if row is None and releases:
            row = 0
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, ReleaseColumn.REF))
        self._update_buttons()

    def current_release(self):
        index = self.table.currentIndex()
        return self.model.release_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        release = self.current_release()
        self.revoke_button.setEnabled(release is not None and release.revoked_on is None)
        self.attach_button.setEnabled(release is not None)
        self.correct_button.setEnabled(release is not None and release.editable)
        self.output.update(release)

    # --- recording ----------------------------------------------------------------------------------
    def new_release(self, organization_id=None, categories=()) -> None:
        """Open the dialog; a refusal elsewhere passes the organization and categories it missed."""
        actor = self.actor
        prefill = (organization_id, tuple(categories)) if organization_id is not None or categories else None

        def opened(choices):
            dialog = NewReleaseDialog(self.person_name, self.today, choices, self, home=self.home, prefill=prefill,
                                      signer=getattr(self, "full_name", ""))
            self._open(dialog, self._submit_new)

        self.run(lambda uow: consent.party_choices(uow, actor), on_done=opened)

    def _open(self, dialog, submit) -> None:
        self.dialog = dialog
        dialog.submitted.connect(submit)
        dialog.finished.connect(lambda _r: self.table.setFocus(Qt.FocusReason.OtherFocusReason))
        dialog.open()

    def _submit_new(self, values: dict) -> None:
        dialog, actor, person_id = self.dialog, self.actor, self.person_id
        self.perform("Record release of information",
                     lambda uow: consent.record_release(uow, actor, person_id, **values),
                     lambda uow, last: consent.revoke_release(uow, actor, last[0].id, revoked_on=last[0].signed_on,
                                                              method="Recorded by mistake (undone)",
                                                              version=last[0].version),
                     redo=lambda uow, last: consent.withdraw_revocation(uow, actor, last[0].id),
                     on_done=lambda result: self._done(dialog, result[0].id), on_error=dialog.refuse)

    def _done(self, dialog, release_id) -> None:
        dialog.finish()
        self.refresh(select=release_id)

    def correct(self) -> None:
        release, actor = self.current_release(), self.actor
        if release is None or not release.editable:
            return

        def opened(choices):
            dialog = NewReleaseDialog(self.person_name, self.today, choices, self)
            dialog.fill(release)
            self._open(dialog, lambda values: self._submit_correction(release, values))

        self.run(lambda uow: consent.party_choices(uow, actor), on_done=opened)

    def _submit_correction(self, release, values: dict) -> None:
        dialog, actor = self.dialog, self.actor
        old = dict(parties=[(p.organization_id, p.name, p.role) for p in release.parties], two_way=release.two_way,
                   categories=list(release.categories), purpose=release.purpose, signed_on=release.signed_on,
                   effective_from=release.effective_from, expires_on=release.expires_on,
                   expiry_event=release.expiry_event, signer_name=release.signer_name,
                   signer_is_representative=release.signer_is_representative,
                   signer_authority=release.signer_authority, education_consent_by=release.education_consent_by)
        self.perform(f"Correct release {release.ref}",
                     lambda uow: consent.update_release(uow, actor, release.id, version=release.version, **values),
                     lambda uow, last: consent.update_release(uow, actor, release.id, version=last[0].version, **old),
                     redo=lambda uow, last: consent.update_release(uow, actor, release.id, version=last[0].version,
                                                                   **values),
                     on_done=lambda result: self._done(dialog, release.id), on_error=dialog.refuse)

    def revoke(self) -> None:
        release = self.current_release()
        if release is None or release.revoked_on is not None:
            return
        self._open(RevokeDialog(release, self.today, self), lambda values: self._submit_revoke(release, values))

    def _submit_revoke(self, release, values: dict) -> None:
        dialog, actor = self.dialog, self.actor
        self.perform(f"Revoke release {release.ref}",
                     lambda uow: consent.revoke_release(uow, actor, release.id, version=release.version, **values),
                     lambda uow, last: consent.withdraw_revocation(uow, actor, release.id),
                     redo=lambda uow, last: consent.revoke_release(uow, actor, release.id, **values),
                     on_done=lambda result: self._done(dialog, release.id), on_error=dialog.refuse)

    def attach_signed_copy(self) -> None:
        release = self.current_release()
        if release is None:
            return
        path = choose_scan(self)
        if not path:
            return
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            self.summary.setText(f"⚠ {Path(path).name} could not be read: {exc.strerror}.")
            return
        media = mimetypes.guess_type(path)[0] or "application/octet-stream"
        actor, name = self.actor, Path(path).name
        self.run(lambda uow: consent.attach_signed_copy(uow, actor, release.id, data=data, filename=name,
                                                        media_type=media),
                 on_done=lambda _r: self.refresh(select=release.id),
                 on_error=lambda exc: self.summary.setText(f"⚠ {exc.message}"), write=True)


__all__ = ["ConsentTab", "choose_scan", "ValidationError"]
