"""Printing the person-centered plan from the Plan tab and the vocational profile from the Discovery tab
on the demo store, by keys: Ctrl+P to a printer (the print dialog replaced by a PDF printer writing a
file), Ctrl+Shift+S to a file, the large-print copy. What the printer was handed is read back with pypdf."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog
from reportlab import rl_config
from sqlalchemy import select

from caseteam.documents import styles
from caseteam.domain.audit import AuditEntry
from caseteam.services import discovery, plans
from caseteam.services.discovery import ProfileDraft
from ui import printing

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from plan_editing import WAIT, in_store, open_editor, session_fixture  # noqa: F401  (the fixture)
from workspace_fixtures import CTRL, TIMEOUT, desk, ops, person, workspace  # noqa: F401

CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def _invariant(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


@pytest.fixture
def printed(monkeypatch, tmp_path):
    """Every PDF handed to the printer, and the file the 'printer' wrote (as 'Print to file' would)."""
    seen = {"out": tmp_path / "paper.pdf", "handed": []}

    def choose(_parent, qprinter: QPrinter, _pages: int) -> bool:
        qprinter.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        qprinter.setOutputFileName(str(seen["out"]))
        return True

    real = printing.print_pdf
    monkeypatch.setattr(printing, "choose_printer", choose)
    monkeypatch.setattr(printing, "print_pdf", lambda parent, data: seen["handed"].append(data) or real(parent, data))
    return seen


@pytest.fixture
def saved(monkeypatch, tmp_path):
    """The save dialog answered with a file in a fresh folder; `asked` keeps the suggested names."""
    chosen = {"asked": [], "path": tmp_path / "chosen.pdf"}

    def ask(_parent, _caption, start, filters):
        chosen["asked"].append(start)
        return str(chosen["path"]), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", ask)
    return chosen


def texts(data: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def printed_documents(path) -> list[str]:
    return in_store(path, lambda uow, _actor: [json.loads(e.changes)["document"] for e in uow.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "printed").order_by(AuditEntry.seq))])


def test_ctrl_p_prints_the_saved_plan_and_ctrl_shift_s_saves_the_large_print_copy(qtbot, session, printed, saved):
    editor = open_editor(qtbot, session, "PE-0006")
    revision = editor.revision
    latest = in_store(session.path, lambda uow, actor: plans.latest_plan(uow, actor, editor.person_id))
    assert editor.output.print_button.isEnabled() and latest.number == revision.number
    editor.fields["vision"].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: printed["out"].exists() and session.ops.pending == 0, timeout=WAIT)
    [handed] = printed["handed"]
    pages = texts(handed)
    whole = " ".join(pages)
    assert f"Person-centered plan for {editor.data.person_name}" in whole
    if revision.draft.vision:
        first_line = revision.draft.vision.strip().splitlines()[0].strip()
        assert f"“{first_line[:40]}" in whole   # the person's words, in quotation marks
    assert "Signature of " in whole and "job developer" in whole
    assert all(f"Page {n} of {len(pages)}" in p and "DEMO — invented data" in p and
               f"version {revision.number}" in p for n, p in enumerate(pages, start=1))
    assert len(PdfReader(printed["out"]).pages) == len(pages)   # the paper has every page

    editor.output.large_print.setFocus()
    qtbot.keyClick(editor.output.large_print, Qt.Key.Key_Space)
    assert editor.output.large_print.isChecked()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, CTRL_SHIFT)
    qtbot.waitUntil(lambda: saved["path"].exists() and session.ops.pending == 0, timeout=WAIT)
    [asked] = saved["asked"]
    assert asked.endswith(f"PE-0006 person-centered plan revision {revision.number} (large print).pdf")
    assert editor.data.person_name not in asked     # no name on the disk
    large = saved["path"].read_bytes()
    assert len(texts(large)) > len(pages)
    sizes = []
    for page in PdfReader(io.BytesIO(large)).pages:
        page.extract_text(visitor_text=lambda t, _cm, tm, _f, size: sizes.append(size * abs(tm[0])) if t.strip() else None)
    assert sorted(sizes)[len(sizes) // 2] >= styles.LARGE_PRINT_SIZE - 0.01
    assert [d.split(" (")[0] for d in printed_documents(session.path)][-2:] == [
        f"Person-centered plan PE-0006, revision {revision.number}"] * 2


def test_the_discovery_tab_prints_the_vocational_profile(qtbot, workspace, desk, printed):
    ws, tab = workspace, workspace.discovery
    ws.show_tab(ws.tabs.indexOf(tab))
    qtbot.waitUntil(lambda: ws.ops.pending == 0, timeout=TIMEOUT)
    if tab.output.number is None:   # nothing saved yet: the controls are off until a colleague saves one
        assert not tab.output.print_button.isEnabled()
        desk(lambda uow, actor: discovery.save_profile_revision(
            uow, actor, ws.person_id, ProfileDraft(strengths="Remembers every customer's name."),
            summary="First profile"))
        tab.refresh()
    qtbot.waitUntil(lambda: tab.output.number is not None and ws.ops.pending == 0, timeout=TIMEOUT)
    tab.table.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: printed["out"].exists() and ws.ops.pending == 0, timeout=TIMEOUT)
    [handed] = printed["handed"]
    pages = texts(handed)
    assert f"Vocational profile for {ws.person.display_name}" in pages[0]
    assert all(f"Vocational profile {ws.person.ref} · version {tab.output.number}" in p for p in pages)


def test_the_controls_are_named_reachable_and_clash_with_nothing(qtbot, session, workspace):
    editor = open_editor(qtbot, session, "PE-0006")
    tab = workspace.discovery
    workspace.show_tab(workspace.tabs.indexOf(tab))
    qtbot.waitUntil(lambda: workspace.ops.pending == 0, timeout=TIMEOUT)
    problems = []
    for root in (editor, tab):
        problems += unnamed_controls(root) + clashing_mnemonics(root) + actions_without_keyboard_route(root)
    assert problems == []
    for output in (editor.output, tab.output):   # in the tab order, after what they print
        assert all(w.focusPolicy() & Qt.FocusPolicy.TabFocus for w in output.widgets())
