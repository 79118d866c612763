"""The Partnership section on the demo store, driven as a person would: the strategic plan with its goals
and progress, Riverbend flagged for its single representative, an action marked done (its task done too,
Ctrl+Z puts it back), the plan saved as PDF; the resource map's chart and table with the gaps, a gap
clicked on the chart or chosen with the keyboard listing exactly the people the service names."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from pypdf import PdfReader

from caseteam.domain.partnerships import ActionStatus
from caseteam.domain.partnerships import LifeDomain as D
from caseteam.domain.tasks import TaskStatus
from caseteam.services import partnerships, resource_map
from caseteam.storage.store import open_store

from accessibility import clashing_mnemonics, unnamed_controls
from builders import reader
from signing import sign_in
from ui.operations import Operations
from ui.screens.partnership import PartnershipSection
from ui.screens.partnership_plans import ACTION_ROLE
from ui.undo import UndoHistory

WAIT = 15_000
NAME = "Lakes County Employment First Partnership"


@pytest.fixture
def section(qtbot, demo_path, dialogs):
    ops = Operations()
    opened = []
    ops.open_store(str(demo_path), on_done=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    stack = QUndoStack()
    screen = PartnershipSection(ops, sign_in(qtbot, ops), UndoHistory(ops, stack))
    screen.stack = stack
    ops.data_changed.connect(screen.apply_changes)
    qtbot.addWidget(screen)
    screen.resize(1280, 900)
    with qtbot.waitSignal(screen.plans.plan_shown, timeout=WAIT):
        screen.show()
    qtbot.waitUntil(lambda: screen.map.map is not None and ops.pending == 0, timeout=WAIT)
    yield screen
    screen.close()
    ops.shutdown()
    assert dialogs.unexpected() == [], "an unexpected error reached the user"


def stored(demo_path, op):
    store = open_store(demo_path)
    try:
        with store.unit_of_work(write=False) as uow:
            return op(uow)
    finally:
        store.close()


def action_items(tree):
    found = []
    for g in range(tree.topLevelItemCount()):
        goal = tree.topLevelItem(g)
        for s in range(goal.childCount()):
            for a in range(goal.child(s).childCount()):
                found.append(goal.child(s).child(a))
    return found


def test_the_plan_shows_goals_with_progress_and_the_flagged_member(section):
    plans = section.plans
    assert NAME in plans.partnership_box.currentText()
    goals = [plans.tree.topLevelItem(n) for n in range(plans.tree.topLevelItemCount())]
    assert [g.text(0) for g in goals][0] == "Goal 1. Every partner refers in days, not weeks"
    assert goals[0].text(3) == "3 of 4 actions done (75%)"
    assert "Only one representative: Riverbend Behavioral Health." in plans.flags.text()
    riverbend = plans.members.findItems("Riverbend Behavioral Health", Qt.MatchFlag.MatchExactly)[0]
    assert riverbend.text(2) == "Only one representative" and riverbend.childCount() == 1
    assert "4 of 8 actions done (50%) across all goals" in plans.status_label.text()


def test_marking_an_action_done_completes_its_task_and_undo_puts_it_back(qtbot, section, demo_path):
    plans = section.plans
    item = next(i for i in action_items(plans.tree) if i.data(0, ACTION_ROLE).status is ActionStatus.NOT_STARTED)
    action = item.data(0, ACTION_ROLE)
    plans.tree.setCurrentItem(item)
    plans.tree.setFocus()
    assert plans.done_button.isEnabled()
    with qtbot.waitSignal(plans.plan_shown, timeout=WAIT):
        qtbot.mouseClick(plans.done_button, Qt.MouseButton.LeftButton)
    assert plans.current_action().status is ActionStatus.DONE and plans.tree.currentItem().text(3) == "Done"
    assert stored(demo_path, lambda uow: uow.tasks.get(action.task_id).status) is TaskStatus.DONE
    with qtbot.waitSignal(plans.plan_shown, timeout=WAIT):
        section.stack.undo()
    qtbot.waitUntil(lambda: plans.current_action().status is ActionStatus.NOT_STARTED, timeout=WAIT)
    assert stored(demo_path, lambda uow: uow.tasks.get(action.task_id).status) is TaskStatus.OPEN


def test_the_plan_pdf_is_saved_with_its_signature_lines(qtbot, section, tmp_path):
    plans = section.plans
    target = tmp_path / "plan.pdf"
    plans.ask_save_path = lambda _name: target
    plans.pdf_button.click()
    qtbot.waitUntil(lambda: target.exists() and "Saved" in plans.status_label.text(), timeout=WAIT)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Employment First Strategic Plan" in text and "Signature of Phil Dunn" in text


def test_the_chart_and_table_show_the_gaps_and_a_clicked_gap_lists_its_people(qtbot, section, demo_path):
    tab = section.map
    section.tabs.setCurrentWidget(tab)
    ps = stored(demo_path, lambda uow: partnerships.list_partnerships(uow, reader())[0])
    expected = stored(demo_path, lambda uow: resource_map.people_in_gap(uow, reader(), D.TRANSPORTATION,
                                                                        partnership_id=ps.id))
    assert expected
    assert "gaps in Transportation, Housing, Legal" in tab.summary.text()
    assert "gaps in Transportation, Housing, Legal" in tab.chart.accessibleName()
    rows = {tab.table.item(r, 0).text(): tab.table.item(r, 3).text() for r in range(tab.table.rowCount())}
    assert rows["Transportation"] == "GAP" and rows["Employment"] == ""
    index = [line.domain for line in tab.chart.lines].index(D.TRANSPORTATION)
    y = tab.chart.PAD + index * (tab.chart.ROW + tab.chart.GAP) + tab.chart.ROW // 2
    with qtbot.waitSignal(tab.people_listed, timeout=WAIT) as listed:
        qtbot.mouseClick(tab.chart, Qt.MouseButton.LeftButton, pos=QPoint(40, y))
    domain, people = listed.args[0]
    assert domain is D.TRANSPORTATION
    assert [tab.people.item(r, 1).text() for r in range(tab.people.rowCount())] == [p.name for p in expected]
    assert tab.people_label.text() == f"&People in the gap: Transportation ({len(expected)})"


def test_a_gap_chosen_with_the_keyboard_lists_its_people(qtbot, section, demo_path):
    tab = section.map
    section.tabs.setCurrentWidget(tab)
    section.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is section)
    tab.chart.setFocus()
    qtbot.keyClick(tab.chart, Qt.Key.Key_Home)
    for _ in range([line.domain for line in tab.chart.lines].index(D.HOUSING)):
        qtbot.keyClick(tab.chart, Qt.Key.Key_Down)
    assert tab.chart.current_domain() is D.HOUSING
    with qtbot.waitSignal(tab.people_listed, timeout=WAIT):
        qtbot.keyClick(tab.chart, Qt.Key.Key_Return)
    housing = tab.map.line(D.HOUSING)
    assert tab.people.rowCount() == len(housing.people) > 0
    with qtbot.waitSignal(tab.open_person, timeout=WAIT) as opened:
        tab.people.setFocus()
        tab.people.setCurrentCell(0, 1)
        qtbot.keyClick(tab.people, Qt.Key.Key_Return)
    assert opened.args[0] == housing.people[0].person_id


def test_both_tabs_pass_the_accessibility_walk(qtbot, section):
    problems = []
    for number in range(section.tabs.count()):
        section.tabs.setCurrentIndex(number)
        QApplication.processEvents()
        problems += unnamed_controls(section) + clashing_mnemonics(section)
    assert problems == [], "\n".join(problems)


def test_tagging_a_program_closes_its_gap_and_undo_opens_it_again(qtbot, section):
    tab = section.map
    section.tabs.setCurrentWidget(tab)
    assert tab.tag_button.isVisible()
    tab.tag_button.click()
    dialog = tab.domains_dialog
    qtbot.waitUntil(lambda: dialog.program_box.count() > 0, timeout=WAIT)
    problems = unnamed_controls(dialog) + clashing_mnemonics(dialog)
    assert problems == [], "\n".join(problems)
    dialog.program_box.setCurrentIndex(dialog.program_box.findText("Riverbend Behavioral Health — Targeted Case "
                                                                   "Management"))
    assert dialog.checks[D.HEALTH].isChecked() and not dialog.checks[D.TRANSPORTATION].isChecked()
    dialog.checks[D.TRANSPORTATION].setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: tab.map.line(D.TRANSPORTATION).partners != (), timeout=WAIT)
    assert "gaps in Housing, Legal" in tab.summary.text()
    dialog.reject()
    section.stack.undo()
    qtbot.waitUntil(lambda: tab.map.line(D.TRANSPORTATION).gap, timeout=WAIT)


def test_a_support_need_added_on_the_person_tab_reaches_the_map(qtbot, section, demo_path):
    from ui.screens.person.support_needs_page import SupportNeedsPage

    tab = section.map
    person = tab.map.line(D.EMPLOYMENT).people[0]
    page = SupportNeedsPage(section.plans.ops, section.plans.actor, section.plans.history, person.person_id)
    qtbot.addWidget(page)
    section.plans.ops.data_changed.connect(page.apply_changes)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() > 0, timeout=WAIT)
    problems = unnamed_controls(page) + clashing_mnemonics(page)
    assert problems == [], "\n".join(problems)
    before = len(tab.map.line(D.LEGAL).people)
    page.domain_box.setCurrentIndex(page.domain_box.findData(D.LEGAL))
    page.description.setFocus()
    qtbot.keyClicks(page.description, "Help reading a lease")
    qtbot.keyClick(page.description, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(page.table.item(r, 1).text() == "Help reading a lease"
                                for r in range(page.table.rowCount())), timeout=WAIT)
    qtbot.waitUntil(lambda: len(tab.map.line(D.LEGAL).people) == before + 1, timeout=WAIT)
    # The person's own team map: no organization on the team does legal work.
    qtbot.waitUntil(lambda: "No organization on their team serves" in page.summary.text()
                    and "legal" in page.summary.text(), timeout=WAIT)
    row = next(r for r in range(page.table.rowCount()) if page.table.item(r, 1).text() == "Help reading a lease")
    page.table.setCurrentCell(row, 0)
    page.met_button.click()
    qtbot.waitUntil(lambda: len(tab.map.line(D.LEGAL).people) == before, timeout=WAIT)
    # The map and the page each read again on the change; either may answer first.
    qtbot.waitUntil(lambda: "Open" not in [page.table.item(r, 3).text() for r in range(page.table.rowCount())
                                           if page.table.item(r, 1).text() == "Help reading a lease"],
                    timeout=WAIT)


def test_adding_a_goal_strategy_and_action_makes_a_task_for_the_owner(qtbot, section, demo_path):
    from caseteam.services import tasks
    from caseteam.storage.queries.tasks import TaskFilter

    plans = section.plans
    problems = []

    def fill(button, values: dict):
        button.click()
        dialog = plans.edits.dialog
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
        problems.extend(unnamed_controls(dialog) + clashing_mnemonics(dialog))
        for key, value in values.items():
            widget = dialog.fields.fields[key]
            if hasattr(widget, "setPlainText"):
                widget.setPlainText(value)
            elif hasattr(widget, "set_value"):
                widget.set_value(value)
            elif hasattr(widget, "findText"):
                widget.setCurrentIndex(widget.findText(value))
            else:
                widget.setText(value)
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: not dialog.isVisible() and plans.ops.pending == 0, timeout=WAIT)

    goals_before = plans.tree.topLevelItemCount()
    fill(plans.add_buttons["add_goal"], {"title": "Keep people working", "description": "Retention"})
    goal = plans.tree.topLevelItem(goals_before)
    assert goal.text(0) == f"Goal {goals_before + 1}. Keep people working" and goal.text(3) == "No actions yet"
    plans.tree.setCurrentItem(goal)
    fill(plans.add_buttons["add_strategy"], {"text": "Follow-along calls at 30, 60 and 90 days"})
    plans.tree.setCurrentItem(plans.tree.topLevelItem(goals_before).child(0))
    from datetime import date
    fill(plans.add_buttons["add_action"], {"text": "Write the follow-along call script",
                                           "owner_organization_id": "Riverbend Behavioral Health",
                                           "due": date(2026, 12, 15)})
    leaf = plans.tree.topLevelItem(goals_before).child(0).child(0)
    action = leaf.data(0, ACTION_ROLE)
    assert (leaf.text(0), leaf.text(1), leaf.text(3)) == ("Write the follow-along call script",
                                                         "Riverbend Behavioral Health", "Not started")
    task = next(t for t in stored(demo_path, lambda uow: tasks.list_tasks(uow, reader(), TaskFilter()))
                if t.id == action.task_id)
    assert (task.organization_name, task.due, task.person_id) == ("Riverbend Behavioral Health", date(2026, 12, 15),
                                                                  None)
    assert problems == [], "\n".join(problems)
    with qtbot.waitSignal(plans.plan_shown, timeout=WAIT):
        section.stack.undo()  # the action leaves the plan, its task the board
    assert plans.tree.topLevelItem(goals_before).child(0).childCount() == 0
    assert stored(demo_path, lambda uow: uow.tasks.get(action.task_id, include_archived=True).archived_at)


def test_the_resource_manual_is_narrowed_to_a_life_domain_before_it_is_saved(qtbot, section, tmp_path):
    tab = section.map
    section.tabs.setCurrentWidget(tab)
    target = tmp_path / "manual.csv"
    tab.ask_save_path = lambda _name, _fmt: target
    qtbot.mouseClick(tab.manual_csv_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog is not None and unnamed_controls(dialog) == [] and clashing_mnemonics(dialog) == []
    domain = dialog.fields.fields["domain"]
    domain.setCurrentIndex(domain.findData(D.BENEFITS))
    dialog.ok_button.click()
    qtbot.waitUntil(target.exists, timeout=WAIT)
    text = target.read_text(encoding="utf-8-sig")
    assert "Access Alliance Center for Independent Living" in text  # the one partner serving benefits
    assert "Riverbend Behavioral Health" not in text
