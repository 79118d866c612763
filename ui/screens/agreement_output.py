"""What the Agreements section hands out: the preview (Qt's PDF viewer), printed and exported copies for a
chosen recipient (the service checks a person's agreement against their releases and logs every copy), and
the signed scan filed with the agreement and shown again. Mixed into AgreementsSection, whose `current`,
`ops`, `actor`, `_open_dialog` and `_written` it uses."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QFileDialog

from caseteam.services import agreements

from .. import printing
from ..widgets import error_dialog
from ..widgets.pdf_preview import preview_image, preview_pdf
from .agreement_actions import RecipientDialog


def signed_copy(uow, actor, agreement_id):
    """(file name, media type, bytes) of the filed scan, after the agreement's own read check.
    (The services have no reader for an agreement's signed copy yet; this reads the attachment row.)"""
    from caseteam.domain.attachments import Attachment

    row = agreements.get_agreement(uow, actor, agreement_id)
    found = uow.session.get(Attachment, row.signed_copy_attachment_id) if row.signed_copy_attachment_id else None
    if found is None:
        from caseteam.errors import NotFound

        raise NotFound(f"Agreement {row.ref} has no signed copy filed.")
    return found.filename, found.media_type, bytes(found.data)


class AgreementOutput:
    def preview_agreement(self) -> None:
        row, actor = self.current, self.actor
        if row is None:
            return
        self.ops.run(lambda uow: agreements.agreement_pdf(uow, actor, row.id), write=False,
                     progress_text="Preparing the preview…",
                     on_done=lambda data: self._open_preview(data, f"{row.title} ({row.ref})"))

    def _open_preview(self, data: bytes, title: str, copy_actions: bool = True) -> None:
        callbacks = dict(on_print=lambda: self.copy("print"), on_export=lambda: self.copy("export")) \
            if copy_actions else {}
        self.preview = preview_pdf(self, data, title, **callbacks)

    def copy(self, channel: str) -> None:
        """Print or export: whom the copy is for first (when there is a choice), then the logged copy."""
        row, actor = self.current, self.actor
        if row is None:
            return
        from caseteam.services import agreement_copies

        def asked(choices) -> None:
            if len(choices) <= 1:
                self._make_copy(row, choices[0][0] if choices else None, channel)
                return
            dialog = RecipientDialog(row, choices, channel, self._in_front())
            self._open_dialog(dialog, lambda values: (dialog.finish(), self._make_copy(
                row, values["organization_id"], channel)), run=False)

        self.ops.run(lambda uow: agreement_copies.copy_recipients(uow, actor, row.id), on_done=asked, write=False)

    def _make_copy(self, row, organization_id, channel: str) -> None:
        from caseteam.services import agreement_copies

        actor = self.actor

        def hand_over(result) -> None:
            data, owner = result[0], self._in_front()
            if channel == "print":
                printing.print_pdf(owner, data)
            else:
                printing.save_pdf(owner, data, f"{row.ref}.pdf")

        # A refusal (no release for that partner) reaches error_dialog through ops: nothing is handed over.
        self.ops.run(lambda uow: agreement_copies.agreement_copy(
            uow, actor, row.id, for_organization_id=organization_id, channel=channel),
            on_done=hand_over, write=True, progress_text="Preparing the copy…")

    def _in_front(self):
        """The open preview when Print or Export came from it (a dialog under it could not be reached)."""
        preview = self.preview
        return preview if preview is not None and shiboken6.isValid(preview) and preview.isVisible() else self

    def attach_signed_copy(self) -> None:
        row, actor = self.current, self.actor
        if row is None:
            return
        chosen, _ = QFileDialog.getOpenFileName(self, f"Signed copy of {row.ref}", "",
                                                "Signed scans (*.pdf *.png *.jpg *.jpeg)")
        if not chosen:
            return
        path = Path(chosen)
        try:
            data = path.read_bytes()
        except OSError as exc:
            error_dialog.show_plain(self, f"{path.name} could not be read: {exc.strerror or exc}.",
                                    title="Attach signed copy")
            return
        self.ops.run(lambda uow: agreements.attach_signed_copy(uow, actor, row.id, path.name, data),
                     on_done=self._written, on_error=self._refused, progress_text="Filing the signed copy…")

    def view_signed_copy(self) -> None:
        row, actor = self.current, self.actor
        if row is None or row.signed_copy_attachment_id is None:
            return

        def show(answer) -> None:
            filename, media, data = answer
            title = f"Signed copy of {row.ref}: {filename}"
            if media == "application/pdf":
                self._open_preview(data, title, copy_actions=False)
            else:
                self.preview = preview_image(self, data, title)

        self.ops.run(lambda uow: signed_copy(uow, actor, row.id), on_done=show, write=False)


__all__ = ["AgreementOutput", "signed_copy"]
