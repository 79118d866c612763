"""Issue 6's "Done when", as a job developer lives it on the demo partnership, from the keyboard and the
mouse: find one of jobdev's people in Job development, log a Discovery visit and sign it, move a negotiation
to an offer with its terms, record the hire from that offer and read the 30/60/90-day follow-along dates,
print the large-print plan for signature, and export the outcomes for a period that holds the hire.

What the window shows is checked as a person reads it; what was stored is read back through the services,
the printed PDF with pypdf and the exported CSV as a spreadsheet would read it."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import timedelta
from decimal import Decimal

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QTabBar
from reportlab import rl_config

from caseteam.documents import styles
from caseteam.domain.jobs import NegotiationStatus
from caseteam.domain.notes import ContactKind, NoteStatus
from caseteam.domain.people import Stage
from caseteam.services import employment, job_development, notes, outcomes, people
from ui import printing
from ui.dates import local_date
from ui.models.notes_model import Column as NoteColumn
from ui.models.outcomes_model import Column as PlacementColumn
from ui.screens.person.employment_page import EmploymentPage
from ui.screens.person.hire_dialog import HireDialog
from ui.screens.person.job_development_page import JobDevelopmentPage

from workspace_fixtures import active_dialog as dialog_of
from workspace_fixtures import answer_next_box, focused, move_to_offer

WAIT = 20_000
CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)
LEFT = Qt.MouseButton.LeftButton
BEFORE_OFFER = {NegotiationStatus.IDEA, NegotiationStatus.INFORMATIONAL_INTERVIEW, NegotiationStatus.PROPOSAL_MADE,
                NegotiationStatus.NEGOTIATING}
OBSERVED = " Sorting returns at the branch library, two carts in an hour"
WAGE, HOURS, TITLE = "17.40", "22", "Returns sorter"


def ask(qtbot, window, op):
    """A service call on the window's worker, as the signed-in job developer; the answer."""
    answers = []
    actor = window.actor
    window.ops.run(lambda uow: op(uow, actor), on_done=answers.append,
                   on_error=lambda exc: answers.append(exc), write=False)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    assert not isinstance(answers[0], BaseException), answers[0]
    return answers[0]


def back_to(qtbot, window) -> None:
    """The offscreen platform has no window manager to give the window focus back after a dialog."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)


def click_tab(qtbot, bar: QTabBar, title: str) -> None:
    number = next(i for i in range(bar.count()) if bar.tabText(i).replace("&", "").split(" (")[0] == title)
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(number).center())


def click_row(qtbot, table, row: int, column: int = 0) -> None:
    qtbot.mouseClick(table.viewport(), LEFT, pos=table.visualRect(table.model().index(row, column)).center())


def type_date(qtbot, picker, day) -> None:
    """Into a yyyy-MM-dd box just reached by Tab or its Alt-letter (its first section chosen): each full
    section moves on to the next, as it does under a person's fingers."""
    assert focused() is picker
    qtbot.keyClicks(picker, day.strftime("%Y%m%d"))


def a_person_to_place(uow, actor):
    """One of the job developer's people in Job development, with a negotiation not yet at Offer (and none
    at Offer already, so the hire can only come from the one moved here)."""
    for row in sorted(people.caseload(uow, actor), key=lambda r: r.ref):
        if row.lead != actor.display_name.split(" (")[0] or row.stage is not Stage.JOB_DEVELOPMENT:
            continue
        negotiations = job_development.list_negotiations(uow, actor, row.id)
        early = [n for n in negotiations if n.status in BEFORE_OFFER]
        if early and not any(n.status is NegotiationStatus.OFFER for n in negotiations) \
                and not employment.list_jobs(uow, actor, row.id):
            return row, early[0]
    raise AssertionError("the demo has no person of jobdev's to place")


def test_a_job_developer_places_someone_from_visit_to_outcomes(qtbot, open_window, demo_path, monkeypatch,
                                                                tmp_path, dialogs):
    monkeypatch.setattr(rl_config, "invariant", 1)
    window = open_window(demo_path, user="jobdev")
    back_to(qtbot, window)
    person, negotiation = ask(qtbot, window, a_person_to_place)
    today = ask(qtbot, window, lambda uow, _a: uow.today())
    start = today + timedelta(days=7)

    # --- 1. the caseload: search by the family name as typed on any keyboard, Enter, Enter -------------
    page = window.caseload
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert focused() is page.search_box
    typed = unicodedata.normalize("NFKD", person.name.split()[-1]).encode("ascii", "ignore").decode().lower()
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        qtbot.keyClicks(page.search_box, typed)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1 and page.model.row_at(0).id == person.id, timeout=WAIT)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Return)
    assert focused() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: person.id in window.sections.people, timeout=WAIT)
    ws = window.sections.people[person.id]
    qtbot.waitUntil(lambda: ws.person is not None and window.ops.pending == 0, timeout=WAIT)
    assert person.name in ws.header.text() and "Stage: <b>Job development" in ws.header.text()

    # --- 2. Notes: a Discovery observation written, then signed with Ctrl+Enter -------------------------
    tab = ws.notes
    click_tab(qtbot, ws.tabs.tabBar(), "Notes")
    assert ws.tabs.currentWidget() is tab
    qtbot.waitUntil(lambda: window.ops.pending == 0, timeout=WAIT)
    qtbot.keyClick(focused(), Qt.Key.Key_T, ALT)  # Template, then type-ahead in its list
    assert focused() is tab.template_box
    qtbot.keyClicks(tab.template_box, "Disc")
    assert tab.template_box.currentText() == "Discovery observation"
    qtbot.keyClick(focused(), Qt.Key.Key_N, ALT)  # New note
    qtbot.waitUntil(lambda: tab.editing, timeout=WAIT)
    fields = tab.fields
    assert fields.kind.currentData() is ContactKind.SITE_VISIT
    assert fields.body.toPlainText().startswith("Setting and task observed:")
    qtbot.mouseClick(fields.place, LEFT)
    qtbot.keyClicks(fields.place, "Eastside branch library")
    qtbot.mouseClick(fields.body.viewport(), LEFT)
    qtbot.keyClick(fields.body, Qt.Key.Key_Home, CTRL)
    qtbot.keyClick(fields.body, Qt.Key.Key_End)  # the end of "Setting and task observed:"
    qtbot.keyClicks(fields.body, OBSERVED)
    answer_next_box("Sign")
    qtbot.keyClick(fields.body, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: tab.status.text().startswith("Note ") and tab.status.text().endswith(" signed")
                    and window.ops.pending == 0, timeout=WAIT)
    signed = [n for n in ask(qtbot, window, lambda uow, a: notes.list_notes(uow, a, person.id))
              if OBSERVED.strip() in n.body]
    assert len(signed) == 1 and signed[0].status is NoteStatus.SIGNED and signed[0].signed_at is not None
    assert signed[0].kind is ContactKind.SITE_VISIT and signed[0].place == "Eastside branch library"
    assert signed[0].body.startswith("Setting and task observed:" + OBSERVED)
    assert tab.status.text() == f"Note {signed[0].ref} signed" and fields.body.isReadOnly()
    line = tab.model.row_of(signed[0].id)
    assert (tab.model.index(line, NoteColumn.KIND).data(), tab.model.index(line, NoteColumn.STATUS).data()) == (
        "Site visit", "Signed")

    # --- 3. Work ▸ Job development: the terms, saved, then the negotiation moved to Offer --------------
    back_to(qtbot, window)
    qtbot.keyClick(focused(), Qt.Key.Key_J, CTRL | SHIFT)
    jd = ws.jobs.page("Job development")
    assert isinstance(jd, JobDevelopmentPage) and ws.jobs.pages.currentWidget() is jd
    qtbot.waitUntil(lambda: jd.view is not None and jd.model.row_of(negotiation.id) is not None, timeout=WAIT)
    click_row(qtbot, jd.table, jd.model.row_of(negotiation.id))
    qtbot.waitUntil(lambda: jd.editor.row is not None and jd.editor.row.id == negotiation.id, timeout=WAIT)
    assert negotiation.ref in jd.editor.heading.text()
    terms = jd.editor.fields.fields
    qtbot.keyClick(focused(), Qt.Key.Key_J, ALT)  # Job title
    assert focused() is terms["job_title"]
    qtbot.keyClick(focused(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(focused(), TITLE)
    qtbot.keyClick(focused(), Qt.Key.Key_W, ALT)  # Hourly wage
    qtbot.keyClick(focused(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(focused(), WAGE)
    starts = terms["start_date"]
    if starts.unknown.isChecked():
        qtbot.mouseClick(starts.unknown, LEFT)  # "Not recorded" off: the date can be typed
    qtbot.keyClick(focused(), Qt.Key.Key_K, ALT)  # Hours a week, then Tab to the start date
    qtbot.keyClick(focused(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(focused(), HOURS)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    type_date(qtbot, starts.picker, start)
    assert starts.value() == start and jd.has_unsaved_changes()
    qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)  # the workspace's Save
    qtbot.waitUntil(lambda: not jd.has_unsaved_changes() and jd.editor.row.hourly_wage == Decimal(WAGE)
                    and window.ops.pending == 0, timeout=WAIT)
    assert f"Terms of {negotiation.ref} saved." in jd.editor.bar.message.text()

    status = move_to_offer(qtbot, jd)
    qtbot.waitUntil(lambda: jd.editor.row is not None and jd.editor.row.status is NegotiationStatus.OFFER
                    and not status.isVisible() and window.ops.pending == 0, timeout=WAIT)
    line = jd.model.row_of(negotiation.id)
    shown = [jd.model.index(line, c).data() for c in range(jd.model.columnCount())]
    assert "Offer" in shown and negotiation.ref in shown
    heading = jd.editor.heading.accessibleDescription()
    assert f"{negotiation.ref} with {negotiation.employer_name}: offer since" in heading
    assert jd.editor.history.item(0).text().endswith(f": Offer (by {window.actor.display_name})")
    stored = ask(qtbot, window, lambda uow, a: job_development.get_negotiation(uow, a, negotiation.id))
    assert (stored.status, stored.hourly_wage, stored.hours_per_week, stored.start_date, stored.job_title) == (
        NegotiationStatus.OFFER, Decimal(WAGE), Decimal(HOURS), start, TITLE)

    # --- 4. Employment: Record hire… from that offer; the stage and the follow-along dates -------------
    back_to(qtbot, window)
    jd.table.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab, CTRL)  # the next Work page
    emp = ws.jobs.pages.currentWidget()
    assert isinstance(emp, EmploymentPage) and emp is ws.jobs.page("Employment")
    qtbot.waitUntil(lambda: emp.today is not None and window.ops.pending == 0, timeout=WAIT)
    assert "No job recorded" in emp.summary.text()
    qtbot.keyClick(focused(), Qt.Key.Key_H, CTRL | SHIFT)
    hire = dialog_of(qtbot, emp, HireDialog)
    qtbot.keyClick(focused(), Qt.Key.Key_F, ALT)  # Start from
    start_from = hire.fields.fields["negotiation_id"]
    assert focused() is start_from
    offer_line = next(i for i in range(start_from.count()) if start_from.itemData(i) == negotiation.id)
    for _ in range(offer_line):
        qtbot.keyClick(start_from, Qt.Key.Key_Down)
    assert start_from.currentData() == negotiation.id
    f = hire.fields.fields
    assert (f["job_title"].text(), f["hours_per_week"].text(), f["hourly_wage"].text()) == (TITLE, HOURS, WAGE)
    assert f["organization_id"].currentText() == negotiation.employer_name
    assert f["start_date"].date().toPython() == start
    qtbot.keyClick(f["job_title"], Qt.Key.Key_Return)  # Record hire
    qtbot.waitUntil(lambda: not hire.isVisible() and emp.model.rowCount() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: "Stage: <b>Employed" in ws.header.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: "30-day milestone: due" in emp.follow_along_text(), timeout=WAIT)
    text = emp.follow_along_text()
    for days in (30, 60, 90):
        due = start + timedelta(days=days)
        assert f"{days}-day milestone: due {due.isoformat()} (in {(due - today).days} days)" in text
    assert f"{TITLE} at {negotiation.employer_name}" in text and f"started {start.isoformat()}" in text
    job = emp.current_job()
    assert (job.employer_name, job.hourly_wage, job.start_date) == (negotiation.employer_name, Decimal(WAGE), start)
    assert ask(qtbot, window, lambda uow, a: job_development.get_negotiation(uow, a, negotiation.id)).status \
        is NegotiationStatus.HIRED

    # --- 5. Plan: the large-print copy printed for signature ---------------------------------------------
    handed = []
    paper = tmp_path / "paper.pdf"

    def choose(_parent, qprinter: QPrinter, _pages: int) -> bool:  # "Print to file", chosen in the dialog
        qprinter.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        qprinter.setOutputFileName(str(paper))
        return True

    real_print = printing.print_pdf
    monkeypatch.setattr(printing, "choose_printer", choose)
    monkeypatch.setattr(printing, "print_pdf", lambda parent, data: handed.append(data) or real_print(parent, data))
    back_to(qtbot, window)
    click_tab(qtbot, ws.tabs.tabBar(), "Plan")
    editor = ws.plan
    assert ws.tabs.currentWidget() is editor
    qtbot.waitUntil(lambda: editor.output.number is not None and window.ops.pending == 0, timeout=WAIT)
    qtbot.mouseClick(editor.output.large_print, LEFT)
    assert editor.output.large_print.isChecked()
    qtbot.keyClick(focused(), Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: paper.exists() and window.ops.pending == 0, timeout=WAIT)
    [pdf] = handed
    pages = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    whole = " ".join(pages)
    assert f"Person-centered plan for {person.name}" in whole
    assert "Signature of " in whole and ", job developer" in whole  # the lines the person and jobdev sign
    assert all(f"Page {n} of {len(pages)}" in p for n, p in enumerate(pages, start=1))
    sizes = []
    for pdf_page in PdfReader(io.BytesIO(pdf)).pages:
        pdf_page.extract_text(visitor_text=lambda t, _cm, tm, _f, size: sizes.append(size * abs(tm[0]))
                              if t.strip() else None)
    assert max(sizes) >= 14 and sorted(sizes)[len(sizes) // 2] >= styles.LARGE_PRINT_SIZE - 0.01
    assert len(PdfReader(paper).pages) == len(pages)  # the paper has every page

    # --- 6. View ▸ Outcomes report… for a period that holds the hire; Export CSV… -----------------------
    back_to(qtbot, window)
    qtbot.keyClick(focused(), Qt.Key.Key_V, ALT)
    menu = window.view_menu
    qtbot.waitUntil(lambda: menu.isVisible(), timeout=WAIT)
    qtbot.keyClick(menu, Qt.Key.Key_O)
    qtbot.waitUntil(lambda: window.outcomes_dialog is not None and window.outcomes_dialog.isVisible(), timeout=WAIT)
    dialog = window.outcomes_dialog
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=WAIT)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT)
    since = start - timedelta(days=45)
    if since == dialog.period()[0]:
        since -= timedelta(days=1)  # a changed date is what asks for the report again
    qtbot.keyClick(focused(), Qt.Key.Key_F, ALT)
    with qtbot.waitSignal(dialog.shown, timeout=WAIT):
        type_date(qtbot, dialog.since, since)
    qtbot.keyClick(focused(), Qt.Key.Key_T, ALT)
    with qtbot.waitSignal(dialog.shown, timeout=WAIT):
        type_date(qtbot, dialog.until, start)
    assert dialog.period() == (since, start)
    expected = ask(qtbot, window, lambda uow, a: outcomes.outcomes(uow, a, since=since, until=start))
    assert f"Placements (jobs started): {expected.placement_count}\n" in dialog.figures.text()
    listed = [[dialog.model.index(r, c).data() for c in PlacementColumn] for r in range(dialog.model.rowCount())]
    assert len(listed) == expected.placement_count
    ours = [line for line in listed if line[PlacementColumn.PERSON] == f"{person.name} ({person.ref})"]
    assert len(ours) == 1, listed
    assert (ours[0][PlacementColumn.EMPLOYER], ours[0][PlacementColumn.TITLE], ours[0][PlacementColumn.WAGE],
            ours[0][PlacementColumn.START]) == (negotiation.employer_name, TITLE, f"${WAGE}", local_date(start))

    written = tmp_path / "outcomes.csv"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda _p, _caption, suggested, filters: asked.append(suggested) or (str(written), filters))
    with qtbot.waitSignal(dialog.exported, timeout=WAIT):
        qtbot.keyClick(focused(), Qt.Key.Key_C, ALT)  # Export CSV…
    assert asked == [f"outcomes {since.isoformat()} to {start.isoformat()}.csv"]
    assert f"Wrote {expected.placement_count} placement" in dialog.status.text()
    lines = list(csv.reader(io.StringIO(written.read_bytes().decode("utf-8-sig"))))
    blank = lines.index([])
    figures = {line[0]: line[2] for line in lines[1:blank]}
    assert figures["placements"] == str(expected.placement_count)
    header, placements = lines[blank + 1], lines[blank + 2:]
    assert len(placements) == expected.placement_count
    rows = [dict(zip(header, line)) for line in placements]
    hired = [r for r in rows if r["person_ref"] == person.ref]
    assert len(hired) == 1 and hired[0]["hourly_wage"] == WAGE and hired[0]["start_date"] == start.isoformat()
    dialog.reject()
    assert dialogs == []
