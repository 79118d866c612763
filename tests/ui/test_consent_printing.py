"""Printing and saving a release of information from the person's Consent tab on the demo store, by
keys: the form for the person to sign (Ctrl+P, Ctrl+Shift+S, large print), and a copy for one of the
release's parties (Ctrl+Shift+P), which lands in the disclosure log or is refused when no release covers
the organization. The print dialog is replaced by a PDF printer writing a file; files are read back with
pypdf."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog
from reportlab import rl_config
from sqlalchemy import select

from caseteam.domain.audit import AuditEntry
from caseteam.errors import ConsentRequired
from caseteam.services import consent
from ui import printing
from ui.models.consent_models import DisclosureColumn
from ui.screens.person.consent_printing import PartnerCopyDialog
from ui.screens.person.consent_tab import ConsentTab

from accessibility import clashing_mnemonics, unnamed_controls
from workspace_fixtures import CTRL, TIMEOUT, desk, ops, person, workspace  # noqa: F401

SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def _invariant(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)  # reproducible PDFs, as the document tests read them


@pytest.fixture
def printer(monkeypatch, tmp_path):
    """The user picks 'Print to file' in the print dialog; `handed` keeps each PDF given to the printer."""
    seen = {"out": tmp_path / "printed.pdf", "handed": []}

    def choose(_parent, qprinter: QPrinter, _pages: int) -> bool:
        qprinter.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        qprinter.setOutputFileName(str(seen["out"]))
        return True

    real_print = printing.print_pdf

    def print_and_keep(parent, data: bytes) -> bool:
        seen["handed"].append(data)
        return real_print(parent, data)

    monkeypatch.setattr(printing, "choose_printer", choose)
    monkeypatch.setattr(printing, "print_pdf", print_and_keep)
    return seen


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    """The user types a file name in the save dialog; `asked` is the name the dialog suggested."""
    chosen = {"folder": tmp_path / "saved", "asked": []}
    chosen["folder"].mkdir()

    def ask(_parent, _caption, start, filters):
        chosen["asked"].append(start)
        return str(chosen["folder"] / f"copy {len(chosen['asked'])}.pdf"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return chosen


def consent_tab(qtbot, ws) -> ConsentTab:
    """Added to the workspace as the main window adds it, shown, loaded, the table focused."""
    tab = ConsentTab(ws.ops, ws.actor, ws.history, ws.person_id)
    tab.versions = ws.versions
    ws.consent = tab
    ws.add_tab(tab, "Consent")
    ws.show_tab(ws.tabs.indexOf(tab))
    tab.refresh()
    qtbot.waitUntil(lambda: tab.current_release() is not None and ws.ops.pending == 0, timeout=TIMEOUT)
    tab.table.setFocus()
    return tab


def pages(data: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def press(qtbot, tab, key, modifiers=CTRL) -> None:
    qtbot.keyClick(QApplication.focusWidget() or tab.table, key, modifiers)


def log_lines(tab) -> list[dict]:
    model = tab.log_model
    return [{column: model.index(r, column).data() for column in DisclosureColumn} for r in range(model.rowCount())]


def audit_actions(desk, entity_id) -> list[str]:
    return desk(lambda uow, _actor: list(uow.session.scalars(
        select(AuditEntry.action).where(AuditEntry.entity_id == str(entity_id)).order_by(AuditEntry.seq))),
        write=False)


def test_ctrl_p_prints_the_form_for_the_person_to_sign(qtbot, workspace, desk, printer):
    tab = consent_tab(qtbot, workspace)
    release = tab.current_release()
    press(qtbot, tab, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: printer["out"].exists() and workspace.ops.pending == 0, timeout=TIMEOUT)
    [handed] = printer["handed"]
    text = pages(handed)
    assert tab.full_name in text[0] and release.ref in text[0]
    assert all(f"Page {n} of {len(text)}" in page for n, page in enumerate(text, start=1))
    assert all("DEMO" in page for page in text)
    printed = PdfReader(printer["out"])   # the paper: each page of the form, as an image of the page
    assert len(printed.pages) == len(text)
    assert audit_actions(desk, release.id)[-1] == "printed"
    assert tab.log_model.rowCount() == 0   # the person's own copy is shared with nobody


def test_ctrl_shift_s_saves_the_same_document_and_large_print_has_more_pages(qtbot, workspace, printer, save_to):
    tab = consent_tab(qtbot, workspace)
    release = tab.current_release()
    press(qtbot, tab, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: bool(printer["handed"]) and workspace.ops.pending == 0, timeout=TIMEOUT)
    press(qtbot, tab, Qt.Key.Key_S, CTRL | SHIFT)
    saved = save_to["folder"] / "copy 1.pdf"
    qtbot.waitUntil(lambda: saved.exists() and workspace.ops.pending == 0, timeout=TIMEOUT)
    assert save_to["asked"][0].endswith(f"{release.ref} release of information.pdf")
    assert tab.full_name not in save_to["asked"][0]   # the file name tells nobody whose release it is
    assert pages(saved.read_bytes()) == pages(printer["handed"][0])

    qtbot.keyClick(tab.output.large_print, Qt.Key.Key_Space)  # Alt+L, then Space, as a user ticks it
    assert tab.output.large_print.isChecked()
    press(qtbot, tab, Qt.Key.Key_S, CTRL | SHIFT)
    large = save_to["folder"] / "copy 2.pdf"
    qtbot.waitUntil(lambda: large.exists() and workspace.ops.pending == 0, timeout=TIMEOUT)
    assert save_to["asked"][1].endswith("(large print).pdf")
    big, normal = pages(large.read_bytes()), pages(saved.read_bytes())
    assert len(big) > len(normal)
    assert tab.full_name in big[0] and all("DEMO" in page for page in big)


def test_the_controls_are_named_and_in_reading_order(qtbot, workspace):
    tab = consent_tab(qtbot, workspace)
    assert unnamed_controls(tab) == [] and clashing_mnemonics(tab) == []
    out = tab.output
    assert all(out.actions[b].shortcut().toString() for b in (out.print_button, out.save_button, out.partner_button))
    tab.attach_button.setFocus()
    visited = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited == [out.large_print, out.print_button, out.save_button, out.partner_button, tab.log]


def open_partner_dialog(qtbot, tab) -> PartnerCopyDialog:
    tab.dialog = None
    # The offscreen platform hands activation back to no window when a dialog closes; a desktop does.
    tab.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab.window(), timeout=TIMEOUT)
    tab.table.setFocus()
    press(qtbot, tab, Qt.Key.Key_P, CTRL | SHIFT)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible(), timeout=TIMEOUT)
    dialog = tab.dialog
    assert isinstance(dialog, PartnerCopyDialog)
    return dialog


def choose_recipient(qtbot, dialog, name: str) -> None:
    dialog.recipient.setFocus()
    for _ in range(dialog.recipient.count()):
        if dialog.recipient.currentText() == name:
            return
        qtbot.keyClick(dialog.recipient, Qt.Key.Key_Down)
    assert dialog.recipient.currentText() == name


def test_a_copy_for_a_partner_is_printed_or_saved_and_logged(qtbot, workspace, desk, printer, save_to):
    tab = consent_tab(qtbot, workspace)
    release = tab.current_release()
    partners = [p.name for p in release.receiving if p.organization_id and p.organization_id != tab.home[0]]
    assert len(partners) >= 2, "the demo person's release is an exchange among several agencies"
    dialog = open_partner_dialog(qtbot, tab)
    assert [dialog.recipient.itemText(i) for i in range(dialog.recipient.count())] == partners
    assert unnamed_controls(dialog) == [] and clashing_mnemonics(dialog) == []
    choose_recipient(qtbot, dialog, partners[0])
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Space)   # Print…
    qtbot.waitUntil(lambda: tab.log_model.rowCount() == 1 and workspace.ops.pending == 0, timeout=TIMEOUT)
    assert not dialog.isVisible() and printer["out"].exists()
    categories = "; ".join(release.category_labels)
    assert log_lines(tab)[0] | {DisclosureColumn.WHEN: None, DisclosureColumn.BY: None} == {
        DisclosureColumn.WHEN: None, DisclosureColumn.RECIPIENT: partners[0],
        DisclosureColumn.WHAT: f"Release of information {release.ref} (PDF)", DisclosureColumn.CATEGORIES: categories,
        DisclosureColumn.CHANNEL: "pdf", DisclosureColumn.RELEASE: release.ref, DisclosureColumn.BY: None}
    assert "DEMO" in pages(printer["handed"][0])[0]

    dialog = open_partner_dialog(qtbot, tab)
    choose_recipient(qtbot, dialog, partners[1])
    qtbot.keyClick(dialog.large_print, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)  # Save as PDF…
    qtbot.waitUntil(lambda: tab.log_model.rowCount() == 2 and workspace.ops.pending == 0, timeout=TIMEOUT)
    saved = save_to["folder"] / "copy 1.pdf"
    assert saved.exists() and tab.full_name in pages(saved.read_bytes())[0]
    assert save_to["asked"][0].endswith(f"{release.ref} release of information for {partners[1]} (large print).pdf")
    newest = log_lines(tab)[0]
    assert (newest[DisclosureColumn.RECIPIENT], newest[DisclosureColumn.WHAT]) == (
        partners[1], f"Release of information {release.ref} (PDF, large print)")

    stored = desk(lambda uow, actor: consent.disclosures(uow, actor, workspace.person_id), write=False)
    assert sorted((d.recipient_name, d.channel, d.release_ref, d.categories) for d in stored) == sorted(
        (name, "pdf", release.ref, release.categories) for name in partners[:2])


def test_a_copy_for_an_organization_no_release_covers_is_refused(qtbot, workspace, desk, printer, dialogs):
    tab = consent_tab(qtbot, workspace)
    release = tab.current_release()
    partner = next(p for p in release.receiving if p.organization_id and p.organization_id != tab.home[0])

    def revoke(uow, actor):
        consent.revoke_release(uow, actor, release.id, revoked_on=uow.today(), method="In writing",
                               version=release.version)
        try:
            consent.require_release(uow, actor, release.person_id, recipient_organization_id=partner.organization_id,
                                    categories=release.categories)
        except ConsentRequired as exc:
            return exc.message
        return None

    expected = desk(revoke)   # the person revoked it at the front desk, meanwhile
    assert expected and "revoked" in expected
    dialog = open_partner_dialog(qtbot, tab)   # the tab still shows the release as it was
    choose_recipient(qtbot, dialog, partner.name)
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.message.isVisible() and workspace.ops.pending == 0, timeout=TIMEOUT)
    assert dialog.message.text() == f"⚠ {expected}"
    assert dialog.isVisible() and dialog.ok_button.isEnabled() and dialog.save_button.isEnabled()
    assert printer["handed"] == [] and not printer["out"].exists()
    assert dialogs == []   # said in the dialog the user is looking at, not in a second box
    assert desk(lambda uow, actor: consent.disclosures(uow, actor, workspace.person_id), write=False) == []
    assert tab.log_model.rowCount() == 0
    assert "printed" not in audit_actions(desk, release.id)
    dialog.reject()
