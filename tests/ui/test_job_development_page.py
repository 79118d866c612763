"""The Job development page from the keyboard, on a fresh store made through the services: start a
negotiation with an employer, enter an offer at $6.50 an hour, move it to Offer and read the
sub-minimum-wage flag on screen; undo a status move; and the accessibility walk of the page and its dialogs."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from caseteam.domain.jobs import AgencyPlanKind, NegotiationStatus
from caseteam.domain.organizations import OrganizationKind
from caseteam.services import agency_plans, job_development, organizations, people
from caseteam.settings import BenefitYear, load_settings, save_settings
from ui.screens.person.job_development_page import JobDevelopmentPage

from accessibility import clashing_mnemonics, unnamed_controls
from workspace_fixtures import active_dialog as dialog_of
from workspace_fixtures import focused, move_to_offer, open_work

WAIT = 20_000
ALT, CTRL = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def store_path(sqlite_store):
    from builders import local_actor

    # This year's row of the benefits table, whatever year the test runs in.
    year = date.today().year
    save_settings(dataclasses.replace(load_settings(), benefit_years=(
        BenefitYear(year, Decimal("1690"), Decimal("2830"), Decimal("1210"), Decimal("7.25")),)))
    actor = local_actor(sqlite_store)
    with sqlite_store.unit_of_work() as uow:
        organizations.create_organization(uow, actor, name="Corner Café", kind=OrganizationKind.EMPLOYER)
        organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        people.create_person(uow, actor, given_name="Ana", family_name="Lopez")
    sqlite_store.close()
    return sqlite_store.path


@pytest.fixture
def page(qtbot, open_window, store_path):
    window = open_window(store_path)
    model = window.caseload.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=WAIT)
    ws = open_work(qtbot, window, model.row_at(0).id)  # Job development is the Work part's first page
    found = ws.jobs.page("Job development")
    assert isinstance(found, JobDevelopmentPage) and ws.tabs.currentWidget() is ws.jobs
    assert ws.jobs.pages.currentWidget() is found and found.isAncestorOf(focused())
    qtbot.waitUntil(lambda: found.view is not None, timeout=WAIT)
    return window, ws, found


def test_record_an_offer_that_fails_the_checklist_and_see_the_flag(qtbot, page, wait_idle):
    from ui.screens.person.job_development_dialogs import NewNegotiationDialog

    window, ws, jd = page
    assert "No negotiation with an employer yet for Ana Lopez" in jd.summary.text()
    qtbot.keyClick(focused(), Qt.Key.Key_N, ALT)  # New negotiation…
    dialog = dialog_of(qtbot, jd, NewNegotiationDialog)
    assert dialog.fields.fields["organization_id"].currentText() == "Corner Café"
    qtbot.keyClick(focused(), Qt.Key.Key_I, ALT)  # Job title
    qtbot.keyClicks(focused(), "Dish room attendant")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: jd.model.rowCount() == 1 and not dialog.isVisible(), timeout=WAIT)
    wait_idle(window)
    assert jd.editor.row.job_title == "Dish room attendant"
    window.activateWindow()
    qtbot.waitUntil(lambda: focused() is jd.table, timeout=WAIT)  # back on the list the dialog came from

    qtbot.keyClick(focused(), Qt.Key.Key_W, ALT)  # Hourly wage
    assert focused() is jd.editor.fields.fields["hourly_wage"]
    qtbot.keyClicks(focused(), "6.50")
    qtbot.keyClick(focused(), Qt.Key.Key_K, ALT)  # Hours a week
    qtbot.keyClicks(focused(), "20")
    assert jd.has_unsaved_changes() and ws.has_unsaved_changes()
    qtbot.keyClick(focused(), Qt.Key.Key_S, CTRL)  # the workspace's Save
    qtbot.waitUntil(lambda: not jd.has_unsaved_changes() and jd.editor.row.hourly_wage == Decimal("6.50"),
                    timeout=WAIT)
    wait_idle(window)
    # Still an idea: no checklist yet.
    assert "shown on an offer" in jd.model.index(0, 5).data()

    move_to_offer(qtbot, jd)
    qtbot.waitUntil(lambda: jd.editor.row is not None and jd.editor.row.status is NegotiationStatus.OFFER,
                    timeout=WAIT)
    wait_idle(window)

    flags = [jd.editor.flags.item(i).text() for i in range(jd.editor.flags.count())]
    assert "⚠ Fails: Sub-minimum wage: $6.50 is below the minimum wage $7.25." in flags
    assert jd.editor.flags.isVisible()
    assert jd.model.index(0, 5).data().startswith("⚠ 1 fails")  # a marker and words, not colour alone
    assert "No disclosure decision is recorded for Corner Café" in jd.editor.disclosure.text()
    history = [jd.editor.history.item(i).text() for i in range(jd.editor.history.count())]
    assert history[0].endswith(": Offer (by Test Admin)") and history[1].endswith(": Idea (by Test Admin)")

    # Undo the move: back to an idea, and the flags leave the list.
    window.activateWindow()
    jd.table.setFocus()
    qtbot.waitUntil(lambda: focused() is jd.table and QApplication.activeWindow() is window)
    assert window.undo_stack.undoText() == "Move JN-0001 to Offer"
    qtbot.keyClick(jd.table, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: jd.editor.row.status is NegotiationStatus.IDEA, timeout=WAIT)
    wait_idle(window)
    assert "shown on an offer" in jd.model.index(0, 5).data()


def test_the_accessibility_walk_of_the_page_and_its_dialogs(qtbot, page, wait_idle):
    window, ws, jd = page
    actor, person_id = window.actor, ws.person_id
    answers = []

    def start(uow):
        org = job_development.queries.employers(uow.session)[0][0]
        agency_plans.add_agency_plan(uow, actor, person_id, kind=AgencyPlanKind.VR_IPE, employment_goal="Cook",
                                     soc_code="35-2014")
        return job_development.start_negotiation(uow, actor, person_id, organization_id=org,
                                                 status=NegotiationStatus.NEGOTIATING, hourly_wage="15.00",
                                                 hours_per_week="30")
    window.ops.run(start, on_done=answers.append, write=True)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    jd.refresh()
    qtbot.waitUntil(lambda: jd.model.rowCount() == 1 and jd.editor.row is not None, timeout=WAIT)
    wait_idle(window)
    assert any("above SGA" in jd.editor.flags.item(i).text() for i in range(jd.editor.flags.count()))
    problems = unnamed_controls(jd) + clashing_mnemonics(window)
    jd.plans.setCurrentIndex(jd.plans_model.index(0, 0))
    assert jd.plans_model.index(0, 3).data() == "Cook (SOC 35-2014)"
    for opener in (jd.new_negotiation, jd.move_status, jd.record_disclosure, jd.add_plan, jd.amend_plan,
                   jd.close_plan):
        opener()
        qtbot.waitUntil(lambda: jd.dialog is not None and jd.dialog.isVisible(), timeout=WAIT)
        problems += unnamed_controls(jd.dialog) + clashing_mnemonics(jd.dialog)
        jd.dialog.reject()
        jd.dialog = None
    assert problems == [], "\n".join(problems)


def _started(qtbot, window, ws, jd, wait_idle, **terms):
    actor, person_id, answers = window.actor, ws.person_id, []

    def start(uow):
        org = job_development.queries.employers(uow.session)[0][0]
        return job_development.start_negotiation(uow, actor, person_id, organization_id=org, **terms)
    window.ops.run(start, on_done=answers.append, write=True)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    jd.refresh()
    qtbot.waitUntil(lambda: jd.editor.row is not None, timeout=WAIT)
    wait_idle(window)
    window.activateWindow()
    jd.table.setFocus()
    qtbot.waitUntil(lambda: focused() is jd.table and QApplication.activeWindow() is window)


def test_a_refused_wage_stays_next_to_its_field_and_a_disclosure_decision_shows(qtbot, page, wait_idle):
    from ui.screens.person.job_development_dialogs import DisclosureDialog

    window, ws, jd = page
    _started(qtbot, window, ws, jd, wait_idle, job_title="Prep cook")
    qtbot.keyClick(focused(), Qt.Key.Key_W, ALT)
    qtbot.keyClicks(focused(), "6.505")
    qtbot.keyClick(focused(), Qt.Key.Key_S, ALT)  # Save terms
    problem = jd.editor.fields.errors["hourly_wage"]
    qtbot.waitUntil(lambda: problem.isVisible(), timeout=WAIT)
    assert "at most two digits after the point" in problem.text() and problem.text().startswith("⚠")
    assert jd.editor.fields.fields["hourly_wage"].text() == "6.505" and jd.has_unsaved_changes()
    qtbot.keyClick(focused(), Qt.Key.Key_T, ALT)  # Revert (a mnemonic clicks after a moment)
    qtbot.waitUntil(lambda: jd.editor.fields.fields["hourly_wage"].text() == "" and not jd.has_unsaved_changes())

    jd.table.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_D, ALT)  # Record disclosure decision…
    dialog = dialog_of(qtbot, jd, DisclosureDialog)
    level = dialog.fields.fields["level"]
    level.setFocus()
    qtbot.keyClicks(level, "P")  # Partly
    qtbot.keyClick(level, Qt.Key.Key_Tab)
    assert focused() is dialog.fields.fields["what_may_be_said"]
    qtbot.keyClicks(focused(), "She learns a task best from a demonstration")
    qtbot.keyClick(focused(), Qt.Key.Key_N, ALT)  # Decided on (today), then Enter: Record decision
    decided = dialog.fields.fields["decided_on"]
    assert focused() is decided or decided.isAncestorOf(focused())
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "partly" in jd.editor.disclosure.text(), timeout=WAIT)
    assert "What may be said: She learns a task best from a demonstration" in jd.editor.disclosure.text()
    assert jd.editor.disclosure.isVisible()
