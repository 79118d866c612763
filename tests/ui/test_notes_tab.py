"""The Notes tab on the demo partnership, signed in as jobdev (Lupe Hernández), from the keyboard:
write a note, let it save itself, sign it with Ctrl+Enter, find it read-only, correct it with an
addendum, and close the tab with an edit still pending without losing the draft."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from caseteam.domain.notes import ContactKind, NoteStatus
from caseteam.services import notes
from ui.models.notes_model import Column, NotesModel

from accessibility import clashing_mnemonics, unnamed_controls
from workspace_fixtures import answer_next_box

WAIT = 15_000
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def focused():
    return QApplication.focusWidget()


def stored(qtbot, window, person_id) -> list[notes.NoteRow]:
    """The person's notes as the database has them, read on the window's worker."""
    answers = []
    actor = window.actor
    window.ops.run(lambda uow: notes.list_notes(uow, actor, person_id), on_done=answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    return answers[0]


def tab_out(qtbot, widget) -> None:
    """Tab past a date or time box: Tab first walks its sections (day, month, year), as in every Qt form."""
    for _ in range(4):
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        if focused() is not widget:
            return
    raise AssertionError(f"Tab never left {widget!r}")


@pytest.fixture
def in_notes(qtbot, open_window, demo_path):
    window = open_window(demo_path, user="jobdev")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    model = window.caseload.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=WAIT)
    person = next(model.row_at(r) for r in range(model.rowCount()) if model.row_at(r).lead == "Lupe Hernández")
    window.open_person(person.id)
    ws = window.sections.people[person.id]
    qtbot.waitUntil(lambda: ws.person is not None and window.ops.pending == 0, timeout=WAIT)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    ws.show_tab(0)
    qtbot.waitUntil(lambda: focused() is not None and ws.isAncestorOf(focused()))
    # From the first part back round to the last (Referrals), then Support needs, Funding, Work and Notes.
    for _part in ("Referrals", "Support needs", "Funding", "Work", "Notes"):
        qtbot.keyClick(focused(), Qt.Key.Key_PageUp, CTRL)
        qtbot.waitUntil(lambda: focused() is not None and ws.isAncestorOf(focused()))
        assert ws.tabs.tabText(ws.tabs.currentIndex()) == _part
    tab = ws.notes
    assert ws.tabs.currentWidget() is tab and ws.tabs.tabText(ws.tabs.currentIndex()) == "Notes"
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)
    return window, ws, tab, person


def test_write_sign_and_correct_a_note_with_the_keyboard(qtbot, in_notes):
    window, ws, tab, person = in_notes
    before = len(stored(qtbot, window, person.id))
    tab.template_box.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_N, ALT)  # New note (a mnemonic clicks after a short animation)
    qtbot.waitUntil(lambda: tab.editing)
    fields = tab.fields
    assert focused() is fields.kind and not fields.body.isReadOnly()
    qtbot.keyClicks(focused(), "Site")  # type-ahead in the kind list
    assert fields.kind.currentData() is ContactKind.SITE_VISIT
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is fields.held_on.picker  # today, as it is
    tab_out(qtbot, focused())
    assert focused() is fields.starts_at.picker
    qtbot.keyClicks(focused(), "0900")
    tab_out(qtbot, focused())
    assert focused() is fields.starts_at.unknown and not fields.starts_at.unknown.isChecked()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is fields.ends_at.picker
    qtbot.keyClicks(focused(), "1030")
    tab_out(qtbot, focused())
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is fields.place
    qtbot.keyClicks(focused(), "Eastside branch library")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Alicia Moreno, Lupe Hernandez")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is fields.body
    qtbot.keyClicks(focused(), "Observed sorting returns for an hour and a half.")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is fields.follow_up_on.unknown  # no follow-up date: the picker is off
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is fields.billable
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "12.4")

    def saved():
        drafts = [n for n in stored(qtbot, window, person.id) if n.status is NoteStatus.DRAFT
                  and n.body == "Observed sorting returns for an hour and a half."]
        return drafts and drafts[0].mileage == Decimal("12.4") and drafts[0]
    qtbot.waitUntil(lambda: bool(saved()), timeout=WAIT)
    draft = saved()
    assert draft.kind is ContactKind.SITE_VISIT and draft.minutes == 90 and draft.billable
    assert draft.place == "Eastside branch library" and draft.participants == ("Alicia Moreno", "Lupe Hernandez")
    qtbot.waitUntil(lambda: tab.status.text().startswith(f"Draft {draft.ref} saved at "), timeout=WAIT)
    assert ws.tabs.tabText(ws.tabs.indexOf(tab)) == "Notes"  # no longer "Notes (saving…)"

    answer_next_box("Sign")
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: tab.status.text() == f"Note {draft.ref} signed" and window.ops.pending == 0,
                    timeout=WAIT)
    line = tab.model.row_of(draft.id)
    assert tab.model.index(line, Column.STATUS).data() == "Signed"
    assert tab.model.index(line, Column.TIME).data() == "09:00–10:30 (90 min)"
    assert tab.model.index(line, Column.KIND).data() == "Site visit"
    assert tab.model.index(line, Column.FIRST_LINE).data() == "Observed sorting returns for an hour and a half."

    qtbot.keyClicks(fields.body, " Changed my mind.")  # a signed note cannot be typed into
    assert fields.body.isReadOnly() and fields.body.toPlainText() == "Observed sorting returns for an hour and a half."
    assert "cannot be edited" in tab.heading.text()

    window.activateWindow()  # the offscreen platform does not give activation back after a message box
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(tab.table, Qt.Key.Key_A, ALT)  # Add addendum…
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible())
    dialog = tab.dialog
    qtbot.keyClicks(dialog.fields.fields["body"], "The visit ended at 10:15, not 10:30.")
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Space)  # Sign addendum
    qtbot.waitUntil(lambda: not dialog.isVisible() and window.ops.pending == 0, timeout=WAIT)
    line = tab.model.row_of(draft.id)
    under = tab.model.row_at(line + 1)
    assert under.addendum_to_id == draft.id
    assert tab.model.index(line + 1, Column.FIRST_LINE).data() == "↳ Addendum: The visit ended at 10:15, not 10:30."
    assert tab.model.index(line + 1, Column.STATUS).data() == "Addendum"
    assert len(stored(qtbot, window, person.id)) == before + 2


def test_closing_the_tab_with_a_pending_edit_keeps_the_draft(qtbot, in_notes):
    window, ws, tab, person = in_notes
    asked = []
    window.sections.ask = lambda *_a: asked.append(1) or QMessageBox.StandardButton.Discard
    tab.template_box.setFocus()
    qtbot.keyClicks(focused(), "Employer")  # the employer-contact template
    qtbot.keyClick(focused(), Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: tab.editing)
    assert tab.fields.kind.currentData() is ContactKind.EMPLOYER_CONTACT
    tab.fields.body.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(focused(), "Call Marco on Friday")
    assert tab.pending and tab.timer.isActive()  # nothing saved yet
    assert window.sections.close_tab(window.sections.indexOf(ws))
    assert asked == []  # the draft saved itself: nothing to ask about
    drafts = [n for n in stored(qtbot, window, person.id)
              if n.status is NoteStatus.DRAFT and n.body.endswith("Call Marco on Friday")]
    assert len(drafts) == 1
    assert drafts[0].body.startswith("Employer's unmet needs heard:")


def test_a_refused_value_shows_under_its_field(qtbot, in_notes):
    window, ws, tab, person = in_notes
    tab.new_note()
    qtbot.keyClicks(tab.fields.body, "Phone call about the interview.")
    qtbot.keyClicks(tab.fields.mileage, "lots")
    problem = tab.fields.rows.errors["mileage"]
    qtbot.waitUntil(lambda: problem.isVisible(), timeout=WAIT)
    assert '"lots" is not a number of miles' in problem.text()
    assert ws.tabs.tabText(ws.tabs.indexOf(tab)) == "Notes (not saved)"
    tab.fields.mileage.selectAll()
    qtbot.keyClicks(tab.fields.mileage, "3")
    qtbot.waitUntil(lambda: not problem.isVisible() and " saved at " in tab.status.text(), timeout=WAIT)


def test_the_tab_is_named_and_reached_by_keys(qtbot, in_notes):
    window, ws, tab, _person = in_notes
    tab.new_note()
    QApplication.processEvents()
    problems = unnamed_controls(ws) + clashing_mnemonics(window)
    assert problems == [], "\n".join(problems)
    assert not tab.cosign_button.isVisibleTo(window)  # a job developer does not co-sign


def test_notes_model_follows_qt_model_rules(qtmodeltester, qtbot, in_notes):
    window, ws, tab, person = in_notes
    model = NotesModel()
    model.set_rows(stored(qtbot, window, person.id))
    qtmodeltester.check(model, force_py=True)


def test_closing_the_window_with_a_pending_edit_keeps_the_draft(qtbot, in_notes, demo_path):
    from caseteam.services import users
    from caseteam.storage.store import open_store

    window, ws, tab, person = in_notes
    tab.new_note()
    qtbot.keyClicks(tab.fields.body, "Texted Ana the bus times")
    assert tab.pending
    window.close()
    assert window.ops.closed
    store = open_store(demo_path)
    try:
        jobdev = users.sign_in(store, "jobdev", "caseteam-demo")
        with store.unit_of_work(write=False) as uow:
            drafts = [n for n in notes.list_notes(uow, jobdev, person.id) if n.status is NoteStatus.DRAFT]
    finally:
        store.close()
    assert "Texted Ana the bus times" in [d.body for d in drafts]


def test_ctrl_enter_signs_from_what_happened_too(qtbot, in_notes):
    window, ws, tab, person = in_notes
    tab.new_note()
    qtbot.keyClicks(tab.fields.body, "Phone call: the interview is on Tuesday.")
    answer_next_box("Sign")
    qtbot.keyClick(tab.fields.body, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: tab.status.text().endswith("signed") and window.ops.pending == 0, timeout=WAIT)
    assert tab.fields.body.toPlainText() == "Phone call: the interview is on Tuesday."  # no new line typed
    assert tab.model.index(tab.model.row_of(tab.note.id), Column.STATUS).data() == "Signed"


def test_a_supervisor_co_signs_a_job_developers_signed_note(qtbot, open_window, demo_path):
    from caseteam.services import caseload, users
    from caseteam.storage.queries.caseload import CaseloadQuery
    from caseteam.storage.store import open_store

    store = open_store(demo_path)
    try:
        jobdev = users.sign_in(store, "jobdev", "caseteam-demo")
        with store.unit_of_work() as uow:  # one of the people Lupe leads
            page = caseload.fetch_page(uow, jobdev, CaseloadQuery(lead_staff_id=jobdev.staff_id), limit=1)
            person_id = page.rows[0].id
            row, _ = notes.save_draft(uow, jobdev, person_id, body="Team meeting about the new schedule.")
            signed, _ = notes.sign_note(uow, jobdev, row.id, version=row.version)
    finally:
        store.close()
    window = open_window(demo_path, user="supervisor")
    window.open_person(person_id)
    ws = window.sections.people[person_id]
    qtbot.waitUntil(lambda: ws.person is not None and window.ops.pending == 0, timeout=WAIT)
    ws.tabs.setCurrentWidget(ws.notes)
    tab = ws.notes
    line = tab.model.row_of(signed.id)
    tab.table.setCurrentIndex(tab.model.index(line, Column.DATE))
    assert tab.cosign_button.isVisibleTo(window) and tab.cosign_button.isEnabled()
    qtbot.keyClick(tab.cosign_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: tab.model.index(tab.model.row_of(signed.id), Column.STATUS).data() == "Co-signed",
                    timeout=WAIT)
    assert tab.fields.body.isReadOnly() and "co-signed by" in tab.heading.text()
