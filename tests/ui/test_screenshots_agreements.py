"""Screenshots of the agreements screens for the README: `CASETEAM_SCREENSHOTS=DIR uv run pytest
tests/ui/test_screenshots_agreements.py` saves the Agreements section with the amended One-Stop/VR MOU chosen,
the purchase-of-service agreement's preview, and the draft editor, on the demo store
signed in as the supervisor. Without the variable there is nothing to do."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from caseteam.domain.agreements import AgreementKind, AgreementStatus
from ui.screens.agreement_editor import open_agreement_editor

from tests.ui.test_screenshots import WAIT, pytestmark, save  # noqa: F401  (pytestmark: skipped without the variable)


def test_agreement_screens(qtbot, open_window, demo_path, wait_idle):
    window = open_window(demo_path, user="supervisor")
    window.resize(1366, 768)
    section = window.agreements
    window.sections.setCurrentWidget(section)
    wait_idle(window)
    qtbot.waitUntil(lambda: section.model.rowCount() > 0, timeout=WAIT)
    rows = section.all_rows
    amended = next(r for r in rows if r.revision == 2 and r.kind is AgreementKind.MOU)
    section.show_agreement(amended.id)
    wait_idle(window)
    qtbot.waitUntil(lambda: section.current is not None and section.current.id == amended.id, timeout=WAIT)
    save(window, "agreements")

    posa = next(r for r in rows if r.kind is AgreementKind.PURCHASE_OF_SERVICE and r.status is AgreementStatus.SIGNED)
    section.show_agreement(posa.id)
    wait_idle(window)
    qtbot.waitUntil(lambda: section.current is not None and section.current.id == posa.id, timeout=WAIT)
    section.preview_agreement()
    qtbot.waitUntil(lambda: section.preview is not None and section.preview.isVisible(), timeout=WAIT)
    section.preview.resize(1000, 760)
    section.preview.fit_width()
    QApplication.processEvents()
    save(section.preview, "agreement-preview")
    section.preview.close()

    draft = next(r for r in rows if r.status is AgreementStatus.DRAFT and r.kind is AgreementKind.PURCHASE_OF_SERVICE)
    section.show_agreement(draft.id)
    wait_idle(window)
    qtbot.waitUntil(lambda: section.current is not None and section.current.id == draft.id, timeout=WAIT)
    editor = open_agreement_editor(section, window.ops, window.actor, window.history, section.current)
    qtbot.waitUntil(editor.isVisible, timeout=WAIT)
    editor.resize(1100, 700)
    tabs = getattr(editor, "tabs", None)
    if tabs is not None:
        tabs.setCurrentIndex(1)  # the sections, as filled from the clause wording
    QApplication.processEvents()
    save(editor, "agreement-editor")
    editor.reject()
