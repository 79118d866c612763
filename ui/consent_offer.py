"""When a service refuses with ConsentRequired, the message offers "Record a release…": the main window
registers what that does (open the person's Consent tab with the new-release dialog prefilled)."""

from __future__ import annotations

from typing import Callable

from caseteam.errors import CaseteamError, ConsentRequired

OFFER_TEXT = "Record a release…"
_handler: Callable[[ConsentRequired], None] | None = None


def set_handler(handler: Callable[[ConsentRequired], None] | None) -> None:
    global _handler
    _handler = handler


def available(exc: CaseteamError) -> bool:
    return isinstance(exc, ConsentRequired) and exc.person_id is not None and _handler is not None


def record_release(exc: ConsentRequired) -> None:
    if _handler is not None:
        _handler(exc)


def offer_for(exc: CaseteamError) -> dict:
    """Keyword arguments for error_dialog.show_plain: the extra button, when there is one to offer."""
    return {"offer": (OFFER_TEXT, lambda: record_release(exc))} if available(exc) else {}


def add_to_dialog(dialog, exc: CaseteamError) -> None:
    """A form dialog that shows the refusal gets the button too; choosing it closes the dialog."""
    from PySide6.QtWidgets import QDialogButtonBox

    if not available(exc):
        return
    button = getattr(dialog, "record_release_button", None)
    if button is None:
        button = dialog.buttons.addButton(OFFER_TEXT, QDialogButtonBox.ButtonRole.ActionRole)
        button.setAccessibleDescription("Open the person's Consent tab with a new release for this organization")
        dialog.record_release_button = button
    try:
        button.clicked.disconnect()
    except (RuntimeError, TypeError):
        pass
    button.clicked.connect(lambda: (dialog.reject(), record_release(exc)))
    button.show()
