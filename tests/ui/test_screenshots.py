"""Screenshots for documentation and review: `CASETEAM_SCREENSHOTS=DIR uv run pytest tests/ui/test_screenshots.py`
saves a PNG of each screen at 1366x768 on the demo store: the caseload, the task board (flat and grouped),
the partner directory (overview and programs), the employer pipeline, every tab of a person's workspace
(the plan history with a revision compare shown), two revisions compared side by side, the Work part's
pages of someone in a job, the Funding part's pages of the braided case, the Money board, the funding and
outcomes reports, Ctrl+K and the welcome page. Without the variable there
is nothing to do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from caseteam.domain.employment import Job
from caseteam.domain.funding import CostShareEntry, ServiceEntry
from caseteam.domain.incidents import CriticalIncident
from caseteam.domain.portfolio import PortfolioItem
from caseteam.domain.ventures import Venture

TARGET = os.environ.get("CASETEAM_SCREENSHOTS")
pytestmark = pytest.mark.skipif(not TARGET, reason="set CASETEAM_SCREENSHOTS=DIR to save screenshots")
WAIT = 10_000
PERSON = "garcia"  # José Muñoz García: three plan revisions, a team, Discovery and tasks


def save(widget, name: str) -> Path:
    QApplication.processEvents()
    path = Path(TARGET) / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(path)), path
    return path


def ask(qtbot, window, op):
    """A read on the window's worker; the answer."""
    answers = []
    window.ops.run(op, on_done=answers.append, write=False)
    qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
    return answers[0]


def test_screens(qtbot, open_window, demo_path, empty_path, wait_idle):
    window = open_window(demo_path, persist_layout=False)
    window.resize(1366, 768)
    page = window.caseload
    with qtbot.waitSignal(page.rows_loaded, timeout=WAIT):
        qtbot.keyClicks(page.search_box, PERSON)
    person = page.model.row_at(0)
    with qtbot.waitSignal(page.summary_loaded, timeout=WAIT):
        page.open_person(person.id)
    save(window, "caseload")

    board = window.task_board
    window.sections.setCurrentWidget(board)
    wait_idle(window)
    assert board.model.task_count > 0
    save(window, "tasks")
    with qtbot.waitSignal(board.rows_loaded, timeout=WAIT):
        board.filters.group.setCurrentIndex(board.filters.group.findText("Organization"))
    save(window, "tasks-grouped")

    partners = window.partners
    window.sections.setCurrentWidget(partners)
    wait_idle(window)
    row = next(r for r in range(partners.model.rowCount()) if partners.model.row_at(r).name.startswith("State VR"))
    with qtbot.waitSignal(partners.detail_loaded, timeout=WAIT):
        partners.table.setCurrentIndex(partners.model.index(row, 0))
    save(window, "partner-directory")
    partners.detail.tabs.setCurrentIndex(1)
    save(window, "partner-directory-programs")
    partners.detail.tabs.setCurrentWidget(partners.detail.funding)  # State VR's funders and fee schedules
    wait_idle(window)
    save(window, "partner-directory-funding")
    window.sections.setCurrentWidget(window.employers)  # the pipeline; the demo's employers, when it has some
    wait_idle(window)
    save(window, "employers")
    window.employers.detail.tabs.setCurrentWidget(window.employers.detail.contacts_page)
    save(window, "employers-contacts")

    window.open_person(person.id)
    workspace = window.sections.people[person.id]
    qtbot.waitUntil(lambda: workspace.profile.row is not None, timeout=WAIT)
    wait_idle(window)
    save(window, "person-profile")
    for index in range(1, workspace.tabs.count()):
        workspace.tabs.setCurrentIndex(index)
        wait_idle(window)
        save(window, "person-" + workspace.tabs.tabText(index).replace("&", "").lower().replace(" ", "-"))
        if workspace.tabs.tabText(index) == "Plan history":
            history = workspace.tabs.widget(index)
            assert history.model.rowCount() > 2 and history.shown is not None  # newest beside the one before
            first, newest = history.model.rows[-1].number, history.model.rows[0].number
            with qtbot.waitSignal(history.compared, timeout=WAIT):
                history.select(first, newest)
            assert history.diff.differences
            save(window, "plan-revision-compare")

    # The Work part's pages of someone in a job (the longest-held: follow-along to show), then the outcomes
    # over every placement in the demo.
    jobs = ask(qtbot, window, lambda uow: uow.session.execute(
        select(Job.person_id, Job.start_date, Job.separated_on).order_by(Job.start_date)).all())
    held = next(job for job in jobs if job.separated_on is None)
    window.open_person(held.person_id)
    working = window.sections.people[held.person_id]
    qtbot.waitUntil(lambda: working.person is not None, timeout=WAIT)
    # Each page is shown for someone it has something to show for: the venture's, an incident's, a portfolio's.
    owners = ask(qtbot, window, lambda uow: {
        "Self-employment": uow.session.scalar(select(Venture.person_id).limit(1)),
        "Incidents": uow.session.scalar(select(CriticalIncident.person_id).order_by(CriticalIncident.ref).limit(1)),
        "Portfolio": uow.session.scalar(select(PortfolioItem.person_id).where(PortfolioItem.agreed_on.is_not(None))
                                        .limit(1))})
    for index in range(working.jobs.pages.count()):
        title = working.jobs.pages.tabText(index).replace("&", "")
        shown = working
        if owners.get(title) is not None:
            window.open_person(owners[title])
            shown = window.sections.people[owners[title]]
            qtbot.waitUntil(lambda: shown.person is not None, timeout=WAIT)
        shown.show_work()
        shown.jobs.show_page(index)
        wait_idle(window)
        save(window, "work-" + title.lower().replace(" ", "-"))
    # The Funding part's pages for the demo's braided case (VR, then the waiver), the Money board and the
    # funding report over the demo's service month.
    braided = ask(qtbot, window, lambda uow: uow.session.scalar(
        select(CostShareEntry.person_id).order_by(CostShareEntry.starts_on).limit(1)))
    window.open_person(braided)
    funded = window.sections.people[braided]
    qtbot.waitUntil(lambda: funded.person is not None, timeout=WAIT)
    funded.show_tab(funded.tabs.indexOf(funded.funding))
    for index in range(funded.funding.pages.count()):
        title = funded.funding.pages.tabText(index).replace("&", "")
        funded.funding.show_page(index)
        wait_idle(window)
        page = funded.funding.pages.widget(index)
        table = getattr(page, "table", None)
        if table is not None and table.model() is not None and table.model().rowCount() and \
                not table.currentIndex().isValid():
            table.setCurrentIndex(table.model().index(0, 0))  # a record chosen: its details shown
            wait_idle(window)
        save(window, "funding-" + title.lower().replace(" ", "-"))
    window.sections.setCurrentWidget(window.money)
    wait_idle(window)
    qtbot.waitUntil(lambda: window.money.model.rowCount() > 0, timeout=WAIT)
    save(window, "money-board")
    service_month = ask(qtbot, window, lambda uow: uow.session.execute(
        select(func.min(ServiceEntry.served_on), func.max(ServiceEntry.served_on))).one())
    window.funding_report_action.trigger()
    report = window.funding_report_dialog
    with qtbot.waitSignal(report.shown, timeout=WAIT):
        report.since.setDate(service_month[1].replace(day=1))
        report.until.setDate(service_month[1])
    report.resize(1100, 650)
    save(report, "funding-report")
    report.reject()

    window.outcomes_action.trigger()
    outcomes = window.outcomes_dialog
    with qtbot.waitSignal(outcomes.shown, timeout=WAIT):
        outcomes.since.setDate(jobs[0].start_date)
        outcomes.until.setDate(jobs[-1].start_date)
    outcomes.resize(1100, 600)
    save(outcomes, "outcomes")
    outcomes.reject()

    window.find_anything()
    qtbot.keyClicks(window.search_dialog.box, "bridgeway")
    qtbot.waitUntil(lambda: window.search_dialog.results.count() > 0)
    save(window.search_dialog, "find-anything")
    window.search_dialog.reject()
    welcome = open_window(empty_path, persist_layout=False)
    welcome.resize(1366, 768)
    save(welcome, "welcome")
    assert {"caseload", "tasks", "partner-directory", "person-profile", "person-team", "person-discovery",
            "person-plan", "person-plan-history", "person-tasks", "person-timeline", "plan-revision-compare",
            "work-job-development", "work-employment", "outcomes"} <= {
        p.stem for p in Path(TARGET).glob("*.png")}


def test_sign_in_users_and_lock_screens(qtbot, open_window, demo_path, empty_path, wait_idle):
    signing_in = open_window(demo_path, user=None, persist_layout=False)
    signing_in.resize(1366, 768)
    save(signing_in, "sign-in")
    first = open_window(empty_path, user=None, persist_layout=False)
    first.resize(1366, 768)
    save(first, "first-administrator")
    window = open_window(demo_path, persist_layout=False)
    window.resize(1366, 768)
    window.session.show_users()
    users = window.session.users_dialog
    wait_idle(window)
    save(users, "users")
    users.close()
    window.session.idle.lock()
    save(window.session.idle.screen, "locked")
