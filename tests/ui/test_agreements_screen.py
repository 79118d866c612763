"""The Agreements section (Ctrl+6) on the demo partnership, signed in as the demo supervisor, with agreements
made through the services: the filters narrow the list, the preview shows every page of the stored PDF,
Export writes the stored bytes, Print sends as many pages to a PDF printer, a person's agreement for a
partner without a release is refused and nothing is printed, finalizing locks a draft, signatures make it
signed, an amendment is version 2 beside version 1, termination, and every action by keyboard."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from caseteam.demo.accounts import DEMO_PASSWORD
from caseteam.domain.agreements import AgreementKind, AgreementStatus
from caseteam.services import agreements, organizations, people, users
from caseteam.storage.store import open_store

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from builders import local_actor, reader
from ui import printing
from ui.models.agreements import AgreementTableModel
from ui.screens import agreement_output

WAIT = 15_000
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
Column = AgreementTableModel.Column


def _org(uow, actor, name: str):
    return next(o for o in organizations.list_organizations(uow, actor) if o.name == name)


@pytest.fixture
def made(demo_path):
    """A draft MOU, a final MOU ending in 30 days, a final MOU ending in 200 days and a final individual
    agreement whose parties include a partner with no release: written through the services."""
    store = open_store(demo_path)
    try:
        admin = local_actor(store)
        with store.unit_of_work() as uow:
            boss = users.attempt_sign_in(uow, "supervisor", DEMO_PASSWORD).actor
        with store.unit_of_work() as uow:
            today = uow.today()
            crp = _org(uow, admin, "Bridgeway Employment Services")
            mh = _org(uow, admin, "Riverbend Behavioral Health")
            pair = [(crp.id, "Provider", [("Denise Okafor-Hill", "Program manager", boss.staff_id, False)]),
                    (mh.id, "Partner", [("Ruth Åberg", "Director", None, False)])]

            def mou(title, days):
                return agreements.create_draft(uow, admin, kind=AgreementKind.MOU, title=title,
                                               prepared_by_id=crp.id, parties=pair,
                                               effective_from=today - timedelta(days=100),
                                               effective_to=today + timedelta(days=days))[0]

            draft = mou("Test draft partnership", 300)
            soon = agreements.finalize(uow, boss, mou("Test partnership ending soon", 30).id)[0]
            later = agreements.finalize(uow, boss, mou("Test partnership ending later", 200).id)[0]
            person, _ = people.create_person(uow, admin, given_name="Zoë", family_name="Nguyễn",
                                             home_organization_id=crp.id, lead_staff_id=boss.staff_id)
            mine = agreements.create_draft(
                uow, admin, kind=AgreementKind.INDIVIDUAL, title="Test individual agreement",
                prepared_by_id=crp.id, person_id=person.id, effective_from=today - timedelta(days=10),
                effective_to=today + timedelta(days=355),
                parties=[(person.id, "Job seeker", [("Zoë Nguyễn", "", None, True)]),
                         (crp.id, "Provider", [("Denise Okafor-Hill", "Program manager", boss.staff_id, False)]),
                         (mh.id, "Partner", [("Ruth Åberg", "Director", None, False)])])[0]
            individual = agreements.finalize(uow, boss, mine.id)[0]
    finally:
        store.close()
    return dict(draft=draft, soon=soon, later=later, individual=individual, mh=mh, path=demo_path)


@pytest.fixture
def section(qtbot, open_window, made):
    window = open_window(made["path"], user="supervisor")
    page = window.agreements
    front(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)  # the section reads when first shown
    assert window.sections.currentWidget() is page
    qtbot.waitUntil(lambda: page.model.row_of(made["individual"].id) is not None, timeout=WAIT)
    return window, page


def front(qtbot, window) -> None:
    """The window active again (offscreen may leave none once a dialog closes), so keys reach shortcuts."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def choose(qtbot, window, page, row) -> None:
    page.table.setCurrentIndex(page.model.index(page.model.row_of(row.id), Column.REF))
    front(qtbot, window)
    page.table.setFocus()
    assert page.current.id == row.id


def keys(qtbot, page, key, modifiers=CTRL) -> None:
    qtbot.keyClick(page.table, key, modifiers)


def submit(qtbot, dialog) -> None:
    """Tab to the dialog's OK button and press Space, as a keyboard user would."""
    for _ in range(12):
        if dialog.focusWidget() is dialog.ok_button:
            break
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.ok_button
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Space)


def stored_pdf(path, agreement_id) -> bytes:
    store = open_store(path)
    try:
        with store.unit_of_work(write=False) as uow:
            return agreements.agreement_pdf(uow, reader(), agreement_id)
    finally:
        store.close()


def pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def refs(page) -> set[str]:
    return {page.model.row_at(i).ref for i in range(page.model.rowCount())}


def test_the_filters_narrow_the_list(qtbot, section, made):
    window, page = section
    everything = page.model.rowCount()
    page.kind_filter.setCurrentIndex(page.kind_filter.findText(AgreementKind.INDIVIDUAL.label))
    qtbot.waitUntil(lambda: made["soon"].ref not in refs(page), timeout=WAIT)
    assert made["individual"].ref in refs(page)
    assert {page.model.row_at(i).kind for i in range(page.model.rowCount())} == {AgreementKind.INDIVIDUAL}
    page.kind_filter.setCurrentIndex(0)
    page.status_filter.setCurrentIndex(page.status_filter.findText("Draft"))
    qtbot.waitUntil(lambda: made["draft"].ref in refs(page) and made["soon"].ref not in refs(page), timeout=WAIT)
    assert all(page.model.index(i, Column.STATUS).data() == "Draft" for i in range(page.model.rowCount()))
    page.status_filter.setCurrentIndex(0)
    qtbot.keyClick(page.ending, Qt.Key.Key_Space)  # "Ending within 60 days", by keyboard
    qtbot.waitUntil(lambda: made["soon"].ref in refs(page) and made["later"].ref not in refs(page), timeout=WAIT)
    line = page.model.row_of(made["soon"].id)
    assert line is not None and page.model.index(line, Column.ENDS).data() == "Ends in 30 days"
    assert page.model.rowCount() < everything
    assert f"of {everything}" in page.count_label.text()


def test_the_party_filter_and_show_agreement_clears_filters(qtbot, section, made):
    window, page = section
    page.person_filter.setCurrentIndex(page.person_filter.findText("Zoë Nguyễn"))
    page.refresh()
    qtbot.waitUntil(lambda: refs(page) == {made["individual"].ref}, timeout=WAIT)
    page.show_agreement(made["later"].id)  # as the workspace and the directory call it
    qtbot.waitUntil(lambda: page.current is not None and page.current.id == made["later"].id, timeout=WAIT)
    assert page.person_filter.currentIndex() == 0 and made["individual"].ref in refs(page)


def test_preview_shows_every_page_of_the_stored_pdf(qtbot, section, made):
    window, page = section
    choose(qtbot, window, page, made["individual"])
    keys(qtbot, page, Qt.Key.Key_V, CTRL | SHIFT)
    qtbot.waitUntil(lambda: page.preview is not None, timeout=WAIT)
    preview, stored = page.preview, stored_pdf(made["path"], made["individual"].id)
    assert preview.document.pageCount() == pages(stored) > 1
    assert preview.page_label.text() == f"Page 1 of {pages(stored)}"
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    assert preview.page_label.text() == f"Page 2 of {pages(stored)}"
    assert unnamed_controls(preview) == []
    with qtbot.waitSignal(preview.finished, timeout=WAIT):
        qtbot.keyClick(preview.view, Qt.Key.Key_Escape)


def test_export_writes_the_stored_final_bytes(qtbot, section, made, tmp_path, monkeypatch):
    window, page = section
    target = tmp_path / "out" / "copy.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(printing.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF"))
    choose(qtbot, window, page, made["later"])
    keys(qtbot, page, Qt.Key.Key_S, CTRL | SHIFT)
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=WAIT)  # whom it is for: "File copy" or a party
    assert page.dialog.recipient.currentText() == "File copy"
    submit(qtbot, page.dialog)
    qtbot.waitUntil(target.exists, timeout=WAIT)
    assert target.read_bytes() == stored_pdf(made["path"], made["later"].id)


def pdf_printer_into(monkeypatch, path, asked: list):
    def choose_printer(_parent, printer: QPrinter, page_count: int) -> bool:
        asked.append(page_count)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True

    monkeypatch.setattr(printing, "choose_printer", choose_printer)


def start_printing(qtbot, window, page, row, monkeypatch, tmp_path):
    """Ctrl+P on `row` with a PDF printer behind the print dialog; returns (the printed file, the page
    counts the print dialog was offered) once the "whom is it for" dialog is open."""
    printed, asked = tmp_path / "printed.pdf", []
    pdf_printer_into(monkeypatch, printed, asked)
    choose(qtbot, window, page, row)
    keys(qtbot, page, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=WAIT)
    return printed, asked


def test_print_sends_every_stored_page_to_the_printer(qtbot, section, made, tmp_path, monkeypatch):
    window, page = section
    printed, asked = start_printing(qtbot, window, page, made["soon"], monkeypatch, tmp_path)
    submit(qtbot, page.dialog)
    qtbot.waitUntil(lambda: printed.exists() and printed.stat().st_size > 0, timeout=WAIT)
    stored = stored_pdf(made["path"], made["soon"].id)
    assert asked == [pages(stored)] and pages(printed.read_bytes()) == pages(stored)


def test_a_persons_agreement_for_a_partner_without_a_release_is_refused(qtbot, section, made, tmp_path,
                                                                       monkeypatch, dialogs, wait_idle):
    window, page = section
    printed, asked = start_printing(qtbot, window, page, made["individual"], monkeypatch, tmp_path)
    dialog = page.dialog
    assert dialog.recipient.itemText(0) == "Zoë Nguyễn (their own copy)"
    dialog.recipient.setFocus()
    while dialog.recipient.currentText() != made["mh"].name:
        qtbot.keyClick(dialog.recipient, Qt.Key.Key_Down)
    submit(qtbot, dialog)
    qtbot.waitUntil(lambda: len(dialogs) > 0, timeout=WAIT)
    wait_idle(window)
    assert "release" in dialogs[-1][1].lower()
    assert asked == [] and not printed.exists()


def test_finalize_as_supervisor_locks_the_draft(qtbot, section, made):
    window, page = section
    asked = []
    page.confirm = lambda _parent, _title, text: asked.append(text) or True
    choose(qtbot, window, page, made["draft"])
    assert page.edit_action.isEnabled() and page.finalize_action.isEnabled()
    keys(qtbot, page, Qt.Key.Key_F, CTRL | SHIFT)
    qtbot.waitUntil(lambda: page.current.status is AgreementStatus.FINAL, timeout=WAIT)
    assert "locks it" in asked[0]
    assert not page.edit_action.isEnabled() and not page.finalize_action.isEnabled()
    assert page.sign_action.isEnabled() and "Final" in page.detail.body.toPlainText()


def test_signatures_until_signed(qtbot, section, made):
    window, page = section
    choose(qtbot, window, page, made["soon"])
    for left in (1, 0):
        keys(qtbot, page, Qt.Key.Key_G, CTRL | SHIFT)
        qtbot.waitUntil(lambda: page.dialog is not None, timeout=WAIT)
        submit(qtbot, page.dialog)
        qtbot.waitUntil(lambda n=left: sum(s.signed_on is None for p in page.current.parties
                                           for s in p.signatories) == n, timeout=WAIT)
        qtbot.waitUntil(lambda: page.dialog is None, timeout=WAIT)
        front(qtbot, window)
        page.table.setFocus()
    assert page.current.status is AgreementStatus.SIGNED
    assert "signed" in page.detail.body.toPlainText() and not page.sign_action.isEnabled()


def test_amendment_is_version_2_and_the_history_lists_both(qtbot, section, made):
    window, page = section
    choose(qtbot, window, page, made["later"])
    keys(qtbot, page, Qt.Key.Key_M, CTRL | SHIFT)
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=WAIT)
    qtbot.keyClicks(page.dialog.fields.fields["reason"], "Adds the benefits counselling referrals")
    submit(qtbot, page.dialog)
    qtbot.waitUntil(lambda: page.current is not None and page.current.revision == 2, timeout=WAIT)
    history = page.detail.model
    assert [(history.row_at(i).revision, history.row_at(i).status) for i in range(history.rowCount())] == [
        (1, AgreementStatus.FINAL), (2, AgreementStatus.DRAFT)]
    assert "benefits counselling" in page.detail.body.toPlainText()
    page.detail.history.setCurrentIndex(history.index(0, Column.REF))  # choose version 1 to see it
    assert page.current.revision == 1 and not page.amend_action.isEnabled()  # one amendment at a time


def test_terminate_sets_terminated(qtbot, section, made):
    window, page = section
    choose(qtbot, window, page, made["later"])
    keys(qtbot, page, Qt.Key.Key_T, CTRL | SHIFT)
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=WAIT)
    qtbot.keyClick(page.dialog.focusWidget(), Qt.Key.Key_Tab)  # from the date to the reason
    qtbot.keyClicks(page.dialog.fields.fields["reason"], "The partner closed its office")
    submit(qtbot, page.dialog)
    qtbot.waitUntil(lambda: page.current.status is AgreementStatus.TERMINATED, timeout=WAIT)
    assert "The partner closed its office" in page.detail.body.toPlainText()
    assert not page.terminate_action.isEnabled() and not page.amend_action.isEnabled()


def test_attach_and_view_the_signed_copy(qtbot, section, made, monkeypatch):
    window, page = section
    scan = made["path"].parent / "signed scan.pdf"
    scan.write_bytes(stored_pdf(made["path"], made["soon"].id))
    monkeypatch.setattr(agreement_output.QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), "PDF"))
    choose(qtbot, window, page, made["soon"])
    assert not page.view_copy_action.isEnabled()
    keys(qtbot, page, Qt.Key.Key_A, CTRL | SHIFT)
    qtbot.waitUntil(lambda: page.current.signed_copy_attachment_id is not None, timeout=WAIT)
    assert "filed in the store" in page.detail.body.toPlainText()
    keys(qtbot, page, Qt.Key.Key_C, CTRL | SHIFT)
    qtbot.waitUntil(lambda: page.preview is not None, timeout=WAIT)
    assert page.preview.page_count == pages(scan.read_bytes())
    page.preview.reject()


def test_new_and_edit_open_the_drafting_dialogs_and_show_what_they_made(qtbot, section, made, monkeypatch):
    window, page = section
    from ui.screens import agreement_create, agreement_editor

    calls = []
    monkeypatch.setattr(agreement_create, "open_new_agreement",
                        lambda *a, on_created=None, **k: (calls.append("new"), on_created(made["later"])))
    monkeypatch.setattr(agreement_editor, "open_agreement_editor",
                        lambda _p, _o, _a, _h, row, on_saved=None: (calls.append(row.ref), on_saved(row)))
    choose(qtbot, window, page, made["draft"])
    keys(qtbot, page, Qt.Key.Key_E)
    keys(qtbot, page, Qt.Key.Key_N, CTRL | SHIFT)
    assert calls == [made["draft"].ref, "new"]
    qtbot.waitUntil(lambda: page.current.id == made["later"].id, timeout=WAIT)


def test_roles_the_partner_reads_but_cannot_change(qtbot, open_window, made):
    window = open_window(made["path"], user="partner")
    page = window.agreements
    window.sections.setCurrentWidget(page)  # the section reads when first shown
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=WAIT)
    page.table.setCurrentIndex(page.model.index(0, Column.REF))
    assert page.preview_action.isEnabled()
    for action in (page.new_action, page.edit_action, page.finalize_action, page.amend_action,
                   page.terminate_action, page.sign_action):
        assert not action.isEnabled()


def test_accessibility_of_the_section_and_its_dialogs(qtbot, section, made):
    window, page = section
    choose(qtbot, window, page, made["soon"])
    QApplication.processEvents()
    assert unnamed_controls(page) == []
    assert clashing_mnemonics(window) == []
    assert actions_without_keyboard_route(window) == []
    for key in (Qt.Key.Key_G, Qt.Key.Key_M, Qt.Key.Key_T, Qt.Key.Key_P):
        front(qtbot, window)
        page.table.setFocus()
        keys(qtbot, page, key, CTRL if key == Qt.Key.Key_P else CTRL | SHIFT)
        qtbot.waitUntil(lambda: page.dialog is not None, timeout=WAIT)
        dialog = page.dialog
        assert unnamed_controls(dialog) == [], dialog.windowTitle()
        with qtbot.waitSignal(dialog.finished, timeout=WAIT):
            qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)


def test_print_from_the_preview(qtbot, section, made, tmp_path, monkeypatch):
    window, page = section
    printed, asked = tmp_path / "printed.pdf", []
    pdf_printer_into(monkeypatch, printed, asked)
    choose(qtbot, window, page, made["later"])
    keys(qtbot, page, Qt.Key.Key_V, CTRL | SHIFT)
    qtbot.waitUntil(lambda: page.preview is not None, timeout=WAIT)
    qtbot.keyClick(page.preview.view, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: page.dialog is not None, timeout=WAIT)
    assert page.dialog.parent() is page.preview  # in front of the preview, where the keyboard is
    submit(qtbot, page.dialog)
    qtbot.waitUntil(lambda: printed.exists() and printed.stat().st_size > 0, timeout=WAIT)
    assert pages(printed.read_bytes()) == pages(stored_pdf(made["path"], made["later"].id))
    page.preview.reject()


def test_typing_a_persons_name_in_the_person_filter(qtbot, section, made, type_text):
    window, page = section
    page.person_filter.setFocus()
    type_text(page.person_filter.lineEdit(), "nguy")  # any part of the name, any case
    qtbot.keyClick(page.person_filter.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: refs(page) == {made["individual"].ref}, timeout=WAIT)
    assert page.person_filter.currentText() == "Zoë Nguyễn"


def test_finalizing_a_draft_someone_else_changed_is_refused_and_shows_their_change(qtbot, section, made, dialogs):
    window, page = section
    page.confirm = lambda *_: True
    choose(qtbot, window, page, made["draft"])
    store = open_store(made["path"])  # another desk edits the draft meanwhile
    try:
        admin = local_actor(store)
        with store.unit_of_work() as uow:
            agreements.update_draft(uow, admin, made["draft"].id, title="Test draft, retitled")
    finally:
        store.close()
    keys(qtbot, page, Qt.Key.Key_F, CTRL | SHIFT)
    qtbot.waitUntil(lambda: page.current.title == "Test draft, retitled", timeout=WAIT)
    assert len(dialogs) == 1 and page.current.status is AgreementStatus.DRAFT


def test_the_table_model_follows_qts_model_rules_and_says_when_each_ends(qtmodeltester, made):
    rows = [made[key] for key in ("draft", "soon", "later", "individual")]
    today = made["soon"].effective_to - timedelta(days=30)
    model = AgreementTableModel(today=today)
    qtmodeltester.check(model, force_py=True)
    model.set_rows(rows, today)
    assert [model.index(i, Column.ENDS).data() for i in range(4)] == ["", "Ends in 30 days", "Ends in 200 days",
                                                                      "Ends in 355 days"]
    assert model.index(1, Column.PARTIES).data() == "Bridgeway Employment Services; Riverbend Behavioral Health"
    assert model.index(1, Column.ENDS).data(Qt.ItemDataRole.FontRole).bold()  # with the words, never alone
    assert model.index(2, Column.ENDS).data(Qt.ItemDataRole.FontRole) is None
    model.set_rows(rows, made["later"].effective_to + timedelta(days=1))
    assert model.index(2, Column.ENDS).data() == "Ended 1 day ago"
