"""The Employment page from the keyboard on a fresh store: record a hire and see the stage move to
Employed and the follow-along dates appear; undo it; pay stubs with the monthly words and the summary
saved as a PDF; and the accessibility walk of the page and its dialogs."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from reportlab import rl_config

from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import Stage
from caseteam.services import employment, organizations, people
from ui import printing
from ui.screens.person.employment_page import EmploymentPage

from accessibility import actions_without_keyboard_route, clashing_mnemonics, unnamed_controls
from workspace_fixtures import focused, open_work, show_page

WAIT = 15_000
CTRL, ALT, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier, \
    Qt.KeyboardModifier.ShiftModifier


def ask(qtbot, window, op):
    """A service call on the window's worker, as the screens make them; the answer."""
    answers = []
    window.ops.run(lambda uow: op(uow, window.actor), on_done=answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    return answers[0]


@pytest.fixture
def employment_page(qtbot, open_window, empty_path):
    """A fresh store: the first administrator, one person in Job development and one employer, made with
    the services; the person's workspace open on the Work part's Employment page (Ctrl+Shift+J, Ctrl+Tab)."""
    window = open_window(empty_path)
    qtbot.mouseClick(window.welcome.start_empty_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.caseload is not None and window.pages.currentWidget() is window.sections)

    def setup(uow, actor):
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        organizations.create_organization(uow, actor, name="Crumb & Co. Bakery", kind=OrganizationKind.EMPLOYER)
        person, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lima", home_organization_id=crp.id,
                                         stage=Stage.JOB_DEVELOPMENT, stage_entered_on=uow.today() - timedelta(days=90))
        return person

    person = ask(qtbot, window, setup)
    ws = open_work(qtbot, window, person.id)
    page = show_page(qtbot, window, ws, EmploymentPage)
    assert ws.jobs.pages.tabText(ws.jobs.pages.currentIndex()) == "Employment"
    qtbot.waitUntil(lambda: page.today is not None, timeout=WAIT)
    return window, ws, page, person


def dialog_of(qtbot, page):
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    return page.dialog


def hire_by_keys(qtbot, page):
    qtbot.keyClick(focused(), Qt.Key.Key_H, CTRL | SHIFT)
    dialog = dialog_of(qtbot, page)
    for key, text in ((Qt.Key.Key_T, "Baker's assistant"), (Qt.Key.Key_W, "20"), (Qt.Key.Key_G, "15.50"),
                      (Qt.Key.Key_J, "10")):
        qtbot.keyClick(focused(), key, ALT)
        assert dialog.isAncestorOf(focused())
        qtbot.keyClicks(focused(), text)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    return dialog


def test_record_a_hire_and_see_the_stage_move_to_employed(qtbot, employment_page):
    window, ws, page, person = employment_page
    assert "No job recorded" in page.summary.text()
    assert "Job development" in ws.header.text()
    hire_by_keys(qtbot, page)
    qtbot.waitUntil(lambda: "Stage: <b>Employed" in ws.header.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: "30-day milestone: due" in page.follow_along_text(), timeout=WAIT)
    start = page.today
    text = page.follow_along_text()
    for days in (30, 60, 90):
        assert f"{days}-day milestone: due {(start + timedelta(days=days)).isoformat()}" in text
    assert "counted from the hire date" in text and "Job coach, 10 h/week" in text
    assert page.model.rowCount() == 1 and page.current_job().employer_name == "Crumb & Co. Bakery"
    # Undo (Ctrl+Z) takes the hire back: no job, and the stage it moved goes back too.
    window.activateWindow()
    qtbot.waitUntil(lambda: focused() is not None and page.isAncestorOf(focused()), timeout=WAIT)
    qtbot.keyClick(focused(), Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and "Job development" in ws.header.text(), timeout=WAIT)
    assert ask(qtbot, window, lambda uow, a: employment.list_jobs(uow, a, person.id)) == []


def test_a_refused_wage_is_shown_under_its_field(qtbot, employment_page):
    window, ws, page, person = employment_page
    qtbot.keyClick(focused(), Qt.Key.Key_H, CTRL | SHIFT)
    dialog = dialog_of(qtbot, page)
    dialog.fields.fields["job_title"].setText("Shelver")
    dialog.fields.fields["hours_per_week"].setText("12")
    dialog.fields.fields["hourly_wage"].setText("0")
    dialog.ok_button.click()
    problem = dialog.fields.errors["hourly_wage"]
    qtbot.waitUntil(lambda: problem.isVisible(), timeout=WAIT)
    assert "positive amount in dollars" in problem.text() and dialog.isVisible()
    dialog.reject()


def test_pay_stubs_monthly_words_and_the_saved_summary(qtbot, employment_page, monkeypatch, tmp_path):
    monkeypatch.setattr(rl_config, "invariant", 1)
    window, ws, page, person = employment_page
    hire_by_keys(qtbot, page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.stubs_button.isEnabled(), timeout=WAIT)
    page.stubs_button.click()
    stubs = page.dialog
    qtbot.waitUntil(lambda: stubs.month_model.rowCount() == 12, timeout=WAIT)
    stubs.add_button.click()
    form = stubs.form
    qtbot.waitUntil(lambda: form.isVisible())
    form.fields.fields["hours"].setText("80")
    form.fields.fields["gross"].setText("1300")
    form.ok_button.click()
    month = page.today.month
    qtbot.waitUntil(lambda: stubs.stub_model.rowCount() == 1 and stubs.month_model.row_at(month - 1).stubs == 1,
                    timeout=WAIT)
    assert stubs.month_model.row_at(month - 1).words == "Trial work month; below SGA"
    saved = tmp_path / "summary.pdf"
    monkeypatch.setattr(printing, "choose_save_path", lambda *_a, **_k: saved, raising=False)
    data = []
    monkeypatch.setattr(printing, "save_pdf", lambda _parent, pdf, _name: data.append(pdf))
    stubs.save_button.click()
    qtbot.waitUntil(lambda: bool(data), timeout=WAIT)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data[0])).pages)
    assert "Monthly earnings summary" in text and "$1,300.00" in text and "Page 1 of" in text
    stubs.reject()


def test_the_accessibility_walk_of_the_page_and_its_dialogs(qtbot, employment_page):
    window, ws, page, person = employment_page
    hire_by_keys(qtbot, page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.change_button.isEnabled(), timeout=WAIT)
    problems = unnamed_controls(page) + clashing_mnemonics(window) + actions_without_keyboard_route(page)
    for open_dialog in (page.record_change, page.stabilized, page.pause_or_resume, page.separation, page.add_support,
                        page.contact, page.extended_support, page.record_hire):
        page.dialog = None
        open_dialog()
        dialog = dialog_of(qtbot, page)
        problems += unnamed_controls(dialog) + clashing_mnemonics(dialog)
        dialog.reject()
    page.pay_stubs()
    stubs = page.dialog
    qtbot.waitUntil(lambda: stubs.isVisible() and window.ops.pending == 0, timeout=WAIT)
    problems += unnamed_controls(stubs) + clashing_mnemonics(stubs)
    stubs.add_stub()
    problems += unnamed_controls(stubs.form) + clashing_mnemonics(stubs.form)
    stubs.form.reject()
    stubs.reject()
    assert problems == [], "\n".join(problems)


def test_a_hire_from_an_offer_fills_in_its_terms_and_marks_it_hired(qtbot, employment_page):
    from caseteam.domain.jobs import NegotiationStatus
    from caseteam.services import job_development

    window, ws, page, person = employment_page

    def offer(uow, actor):
        bakery = next(o for o in organizations.list_organizations(uow, actor) if o.name == "Crumb & Co. Bakery")
        row, _ = job_development.start_negotiation(
            uow, actor, person.id, organization_id=bakery.id, status=NegotiationStatus.OFFER,
            job_title="Packaging lead", hours_per_week="24", hourly_wage="16.75", start_date=uow.today())
        return row

    made = ask(qtbot, window, offer)
    qtbot.keyClick(focused(), Qt.Key.Key_H, CTRL | SHIFT)
    dialog = dialog_of(qtbot, page)
    qtbot.keyClick(focused(), Qt.Key.Key_F, ALT)          # Start from: the offer is the second choice
    qtbot.keyClick(focused(), Qt.Key.Key_Down)
    f = dialog.fields.fields
    assert (f["job_title"].text(), f["hours_per_week"].text(), f["hourly_wage"].text()) == ("Packaging lead", "24",
                                                                                           "16.75")
    qtbot.keyClick(f["job_title"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible() and page.model.rowCount() == 1, timeout=WAIT)
    stored = ask(qtbot, window, lambda uow, a: job_development.get_negotiation(uow, a, made.id))
    assert stored.status is NegotiationStatus.HIRED and page.current_job().job_title == "Packaging lead"


def test_pausing_follow_along_makes_the_dates_unknown_until_it_resumes(qtbot, employment_page):
    window, ws, page, person = employment_page
    hire_by_keys(qtbot, page)
    qtbot.waitUntil(lambda: page.pause_button.isEnabled() and "30-day milestone: due" in page.follow_along_text(),
                    timeout=WAIT)
    page.pause_button.click()
    dialog = dialog_of(qtbot, page)
    dialog.fields.fields["reason"].setText("Bakery closed for renovation")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "paused since" in page.follow_along_text(), timeout=WAIT)
    assert page.pause_button.text() == "&Resume follow-along…"
    assert page.current_job().status_words.startswith("Current; follow-along paused since")
    page.dialog = None
    page.pause_button.click()
    dialog = dialog_of(qtbot, page)
    dialog.fields.fields["ends_on"].setDate(dialog.fields.fields["ends_on"].date().addDays(9))
    dialog.ok_button.click()
    start = page.today
    qtbot.waitUntil(lambda: f"30-day milestone: due {(start + timedelta(days=40)).isoformat()}"
                    in page.follow_along_text(), timeout=WAIT)  # ten paused days, both ends counted
