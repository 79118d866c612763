"""The shared glossary in the window, on the demo partnership, driven as a person would: the Partnership
section's Glossary tab searched by a partner's word ("consumer" finds Job seeker, accents ignored), a new
term with its partners' words added through the dialog (one undo step: Ctrl+Z takes it away, redo brings it
back), an edit undone to the words it had, archive and restore, a refusal that keeps the input, Print…
previewing the PDF and Save PDF… writing it; the accessibility walk over the tab and the dialog; and the
tooltip: hovering a real label or form field that uses a defined term shows its definition and every
partner's word, after the field's own tooltip."""

from __future__ import annotations

from datetime import date

import io

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QGroupBox, QLabel, QToolTip
from pypdf import PdfReader

from caseteam.services import glossary
from caseteam.services.employment_rows import HireChoices
from ui.screens.glossary import TermColumn
from ui.screens.person.hire_dialog import HireDialog
from ui.widgets.pdf_preview import PdfPreview

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls

WAIT = 30_000
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def window(open_window, demo_path):
    return open_window(demo_path, user="supervisor")


@pytest.fixture
def tab(qtbot, window):
    window.sections.setCurrentWidget(window.partnership)
    section = window.partnership
    page = section.glossary
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        section.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)
    page.window_ = window
    return page


def terms(tab) -> list[str]:
    return [tab.model.row_at(n).term for n in range(tab.model.rowCount())]


def search(qtbot, tab, text: str, type_text=None) -> None:
    tab.search_box.clear()
    with qtbot.waitSignal(tab.loaded, timeout=WAIT):
        (type_text or qtbot.keyClicks)(tab.search_box, text)
    qtbot.waitUntil(lambda: tab.window_.ops.pending == 0, timeout=WAIT)


def settle(qtbot, tab) -> None:
    qtbot.waitUntil(lambda: tab.window_.ops.pending == 0, timeout=WAIT)


def partner_words(tab) -> list[tuple[str, str]]:
    return [(tab.words.item(n, 0).text(), tab.words.item(n, 1).text()) for n in range(tab.words.rowCount())]


def test_search_by_a_partners_word_shows_the_term_and_what_each_partner_calls_it(qtbot, tab, type_text):
    assert len(terms(tab)) >= 25 and terms(tab)[0] == "American Job Center"
    search(qtbot, tab, "CONSUMER")
    assert terms(tab) == ["Job seeker"]
    assert tab.term_label.text() == "Job seeker"
    assert "wants to work" in tab.definition_label.text()
    assert tab.source_label.text() == ("Source: Partner workgroup, 2025. Agreed by Lakes County Employment First "
                                       "Partnership.")
    assert ("State VR – Eastside District Office", "consumer") in partner_words(tab)
    assert ("Eastport American Job Center", "customer") in partner_words(tab)
    search(qtbot, tab, "pre-éts", type_text)  # accents typed where there are none
    assert terms(tab) == ["Pre-employment transition services"]
    assert tab.status.text() == "1 term matches “pre-éts”."
    search(qtbot, tab, "nothing is called this")
    assert terms(tab) == [] and tab.term_label.text() == "No term chosen." and not tab.edit_button.isEnabled()


def open_dialog(qtbot, tab, button):
    qtbot.mouseClick(button, LEFT)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible(), timeout=WAIT)
    return tab.dialog


def submit(qtbot, tab, dialog) -> None:
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible() and tab.window_.ops.pending == 0, timeout=WAIT)


def add_word(qtbot, dialog, word: str, organization: str = "", system: str = "") -> None:
    qtbot.keyClicks(dialog.word_box, word)
    if organization:
        dialog.organization_box.setCurrentIndex(dialog.organization_box.findText(organization))
    if system:
        qtbot.keyClicks(dialog.system_box, system)
    qtbot.mouseClick(dialog.add_word_button, LEFT)


def test_a_new_term_with_partner_words_is_one_undo_step(qtbot, tab):
    window = tab.window_
    dialog = open_dialog(qtbot, tab, tab.new_button)
    assert unnamed_controls(dialog) == [] and clashing_mnemonics(dialog) == []
    fields = dialog.fields.fields
    qtbot.keyClicks(fields["term"], "Warm hand-off")
    qtbot.keyClicks(fields["definition"], "Introducing the person to the next partner in person, not by a form.")
    qtbot.keyClicks(fields["source"], "Partner workgroup, 2026")
    add_word(qtbot, dialog, "linkage")  # nobody said who: refused in words, nothing added
    assert dialog.word_problem.isVisible() and "Say who calls it “linkage”" in dialog.word_problem.text()
    assert dialog.words.rowCount() == 0
    dialog.organization_box.setCurrentIndex(dialog.organization_box.findText("Riverbend Behavioral Health"))
    qtbot.mouseClick(dialog.add_word_button, LEFT)
    add_word(qtbot, dialog, "warm transfer", system="Medicaid waiver")
    assert [dialog.words.item(n, 1).text() for n in range(2)] == ["Riverbend Behavioral Health", "Medicaid waiver"]
    dialog.words.selectRow(1)
    qtbot.mouseClick(dialog.remove_word_button, LEFT)
    add_word(qtbot, dialog, "warm referral", system="Medicaid waiver")
    submit(qtbot, tab, dialog)
    assert tab.current().term == "Warm hand-off"
    assert partner_words(tab) == [("Riverbend Behavioral Health", "linkage"), ("Medicaid waiver", "warm referral")]
    assert window.undo_stack.undoText() == "Add glossary term"

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: "Warm hand-off" not in terms(tab) and window.ops.pending == 0, timeout=WAIT)
    window.redo_action.trigger()
    qtbot.waitUntil(lambda: "Warm hand-off" in terms(tab) and window.ops.pending == 0, timeout=WAIT)


def test_an_edit_is_undone_to_the_words_it_had_and_a_refusal_keeps_the_input(qtbot, tab):
    window = tab.window_
    search(qtbot, tab, "Natural supports")
    before = tab.current()
    dialog = open_dialog(qtbot, tab, tab.edit_button)
    fields = dialog.fields.fields
    fields["definition"].selectAll()
    qtbot.keyClicks(fields["definition"], "Unpaid help from the people around the person.")
    dialog.words.selectRow(0)
    qtbot.mouseClick(dialog.remove_word_button, LEFT)
    add_word(qtbot, dialog, "consumer", organization="Riverbend Behavioral Health")  # already Job seeker's word
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: dialog.ok_button.isEnabled() and window.ops.pending == 0, timeout=WAIT)
    assert dialog.isVisible() and dialog.word_problem.isVisible()
    assert "“consumer” is already a partner's word for “Job seeker”" in dialog.word_problem.text()
    assert fields["definition"].toPlainText() == "Unpaid help from the people around the person."  # kept
    dialog.words.selectRow(dialog.words.rowCount() - 1)
    qtbot.mouseClick(dialog.remove_word_button, LEFT)
    submit(qtbot, tab, dialog)
    after = tab.current()
    assert after.definition == "Unpaid help from the people around the person."
    assert [s.word for s in after.synonyms] == [s.word for s in before.synonyms][1:]

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: tab.current() is not None and tab.current().definition == before.definition
                    and window.ops.pending == 0, timeout=WAIT)
    assert [s.as_input() for s in tab.current().synonyms] == [s.as_input() for s in before.synonyms]


def test_archive_and_restore_a_term(qtbot, tab):
    window = tab.window_
    search(qtbot, tab, "TWP")
    qtbot.mouseClick(tab.archive_button, LEFT)
    qtbot.waitUntil(lambda: terms(tab) == [] and window.ops.pending == 0, timeout=WAIT)
    tab.archived_box.setChecked(True)
    qtbot.waitUntil(lambda: terms(tab) == ["Trial Work Period"] and window.ops.pending == 0, timeout=WAIT)
    assert tab.model.data(tab.model.index(0, TermColumn.TERM)) == "Trial Work Period (archived)"
    assert tab.archive_button.text() == "&Restore term" and not tab.edit_button.isEnabled()
    qtbot.mouseClick(tab.archive_button, LEFT)
    qtbot.waitUntil(lambda: tab.current() is not None and not tab.current().archived and window.ops.pending == 0,
                    timeout=WAIT)
    assert tab.archive_button.text() == "A&rchive term"


def test_print_previews_the_glossary_and_save_writes_it(qtbot, tab, tmp_path, monkeypatch):
    search(qtbot, tab, "benefits")
    shown = terms(tab)
    qtbot.mouseClick(tab.print_button, LEFT)
    qtbot.waitUntil(lambda: isinstance(tab.preview, PdfPreview) and tab.preview.isVisible(), timeout=WAIT)
    assert tab.preview.page_count >= 1 and unnamed_controls(tab.preview) == []
    tab.preview.close()
    target = tmp_path / "glossary.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(tab.save_button, LEFT)
    qtbot.waitUntil(lambda: target.exists() and tab.status.text().startswith("Saved"), timeout=WAIT)
    text = " ".join((page.extract_text() or "").replace("\n", " ") for page in PdfReader(io.BytesIO(
        target.read_bytes())).pages)
    assert "Shared glossary" in text and "terms matching “benefits”" in text
    assert all(term in text for term in shown) and "Job seeker" not in text


def test_the_tab_passes_the_accessibility_walk(qtbot, tab):
    window = tab.window_
    assert unnamed_controls(tab) == []
    assert clashing_mnemonics(window) == []
    assert actions_without_keyboard_route(window) == []


def help_event(qtbot, widget, pos: QPoint) -> str:
    """Hover as Qt does: a ToolTip help event at the pointer; the tooltip's words as shown."""
    QToolTip.hideText()
    QApplication.sendEvent(widget, QHelpEvent(QHelpEvent.Type.ToolTip, pos, widget.mapToGlobal(pos)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=WAIT)
    return QToolTip.text()


def test_hovering_a_form_field_labelled_with_a_defined_term_shows_its_definition(qtbot, window):
    tips = window.glossary_tips
    qtbot.waitUntil(lambda: len(tips.index) > 25, timeout=WAIT)
    dialog = HireDialog("Ana", HireChoices((), (), date(2026, 11, 2)), window)
    qtbot.addWidget(dialog)
    dialog.show()
    field = dialog.fields.fields["natural_supports"]
    text = help_event(qtbot, field, QPoint(5, 5))
    assert text.startswith("<p>A co-worker or supervisor who helps, and how</p>")  # its own tooltip first
    assert "Natural supports: Help that comes from the people already around the person" in text
    assert "Bridgeway Employment Services calls it co-worker supports" in text
    label = next(lb for lb in dialog.findChildren(QLabel) if lb.buddy() is field)
    assert label.accessibleDescription().startswith("Natural supports: Help that comes")
    coach = help_event(qtbot, dialog.fields.fields["coach_hours"], QPoint(5, 5))
    assert "Job coach: Someone who helps a person learn a new job" in coach
    assert "Riverbend Behavioral Health calls it employment specialist" in coach
    title = dialog.fields.fields["job_title"]  # "Job title" uses no term, and has no tooltip of its own
    event = QHelpEvent(QHelpEvent.Type.ToolTip, QPoint(5, 5), title.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(title, event)
    assert not event.isAccepted() and window.glossary_tips.explain(title)[0] == ""
    dialog.close()


def test_a_group_box_title_on_a_real_screen_is_explained_and_a_change_is_seen(qtbot, window):
    tips = window.glossary_tips
    qtbot.waitUntil(lambda: len(tips.index) > 25, timeout=WAIT)
    qtbot.waitUntil(lambda: window.caseload.model.rowCount() > 0, timeout=WAIT)
    window.open_person(window.caseload.model.row_at(0).id)
    qtbot.waitUntil(lambda: any(b.title() == "Vocational profile" for b in window.findChildren(QGroupBox)),
                    timeout=WAIT)
    box = next(b for b in window.findChildren(QGroupBox) if b.title() == "Vocational profile")
    text = help_event(qtbot, box, QPoint(12, 4))  # over the title
    assert "Vocational profile: The written result of Discovery" in text
    assert "Eastport American Job Center calls it career profile" in text

    # A term changed in the glossary is explained in its new words at the next hover.
    row = glossary_row(qtbot, window, "Vocational profile")
    window.ops.run(lambda uow: glossary.update_term(uow, window.actor, row.id, definition="What Discovery found, "
                                                    "written down."))
    qtbot.waitUntil(lambda: "What Discovery found" in tips.index.explain("Vocational profile"), timeout=WAIT)
    assert "Vocational profile: What Discovery found, written down." in help_event(qtbot, box, QPoint(12, 4))


def glossary_row(qtbot, window, term: str):
    found = []
    window.ops.run(lambda uow: glossary.list_terms(uow, window.actor, search=term), on_done=found.append,
                   write=False)
    qtbot.waitUntil(lambda: bool(found), timeout=WAIT)
    return next(r for r in found[0] if r.term == term)


def test_partner_staff_read_the_glossary_without_the_buttons_to_change_it(qtbot, open_window, demo_path):
    window = open_window(demo_path, user="partner")
    window.sections.setCurrentWidget(window.partnership)
    page = window.partnership.glossary
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        window.partnership.tabs.setCurrentWidget(page)
    assert len(terms(page)) >= 25
    assert not any(b.isVisible() for b in (page.new_button, page.edit_button, page.archive_button,
                                           page.archived_box))
    assert page.print_button.isVisible() and page.save_button.isVisible()
    assert unnamed_controls(page) == [] and clashing_mnemonics(window) == []
