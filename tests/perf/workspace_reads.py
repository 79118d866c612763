"""Measure 4, inside the signed-in child (gui_child.py workspace): open a person's workspace as the
caseload's Enter does (MainWindow.open_person) until its data has arrived and it has painted, against
the same reads as raw sqlite3 SELECTs on a plain connection. The two alternate, person by person, so
machine noise and the page cache fall on both; the first workspace only warms the screens' imports."""

from __future__ import annotations

import sqlite3
import time

PERSON = "SELECT * FROM people WHERE id = ?"
LATEST_PLAN = "SELECT * FROM plan_revisions WHERE person_id = ? ORDER BY number DESC LIMIT 1"
GOALS = "SELECT * FROM plan_goals WHERE revision_id = ? ORDER BY position"
STEPS = ("SELECT s.* FROM plan_action_steps s JOIN plan_goals g ON g.id = s.goal_id "
         "WHERE g.revision_id = ? ORDER BY g.position, s.position")
TEAM = ("SELECT m.*, s.given_name, s.family_name, o.name AS organization FROM teams t "
        "JOIN team_members m ON m.team_id = t.id LEFT JOIN staff s ON s.id = m.staff_id "
        "LEFT JOIN organizations o ON o.id = s.organization_id "
        "WHERE t.person_id = ? AND m.archived_at IS NULL ORDER BY m.start_date")
OPEN_TASKS = ("SELECT t.*, o.name AS organization FROM tasks t JOIN organizations o ON o.id = t.organization_id "
              "WHERE t.person_id = ? AND t.archived_at IS NULL AND t.status NOT IN ('done', 'cancelled') "
              "ORDER BY t.due IS NULL, t.due")


def raw_reads(connection: sqlite3.Connection, person_id: str) -> int:
    """The person, their latest plan with goals and steps, their team and open tasks; rows read."""
    person = connection.execute(PERSON, (person_id,)).fetchall()
    plan = connection.execute(LATEST_PLAN, (person_id,)).fetchone()
    goals = steps = []
    if plan is not None:
        goals = connection.execute(GOALS, (plan["id"],)).fetchall()
        steps = connection.execute(STEPS, (plan["id"],)).fetchall()
    team = connection.execute(TEAM, (person_id,)).fetchall()
    tasks = connection.execute(OPEN_TASKS, (person_id,)).fetchall()
    return len(person) + (plan is not None) + len(goals) + len(steps) + len(team) + len(tasks)


def chosen_people(model, count: int) -> list:
    """`count` different people spread over the caseload's first page."""
    shown = model.rowCount()
    if shown == 0:
        raise RuntimeError("the caseload shows no one")
    step = max(1, shown // count)
    return [model.row_at((i * step) % shown).id for i in range(count)]


def open_in_window(window, person_id, waiter, paint_watch) -> float:
    """Seconds from the request to the workspace painted with every part's data arrived."""
    from PySide6.QtCore import QCoreApplication, QEvent

    filled: list[float] = []
    painted: list[float] = []
    began = time.perf_counter()
    window.open_person(person_id)
    workspace = window.sections.people[person_id]

    def paint() -> None:
        if filled and not painted:
            painted.append(time.perf_counter())
        waiter.poke()

    def done() -> bool:
        if not filled and workspace.person is not None and window.ops.pending == 0:
            filled.append(time.perf_counter())
            workspace.update()  # the last answer may have gone to a hidden part: paint what is shown
        return bool(painted)

    watch = paint_watch(workspace, paint)
    waiter.wait(done, "a person workspace to load and paint")
    workspace.removeEventFilter(watch)
    window.sections.close_tab(window.sections.indexOf(workspace))
    waiter.wait(lambda: window.ops.pending == 0, "the workspace's tab to close")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # each sample starts alike
    return painted[0] - began


def open_workspaces(window, store_path: str, runs: int, waiter, paint_watch):
    """Yield one sample per person: the window's time and the raw reads' time, in milliseconds."""
    connection = sqlite3.connect(f"file:{store_path}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        for number, person_id in enumerate(chosen_people(window.caseload.model, runs + 1)):
            key = person_id.hex

            def raw() -> tuple[float, int]:
                began = time.perf_counter()
                rows = raw_reads(connection, key)
                return time.perf_counter() - began, rows

            if number % 2:
                raw_s, rows = raw()
                ui_s = open_in_window(window, person_id, waiter, paint_watch)
            else:
                ui_s = open_in_window(window, person_id, waiter, paint_watch)
                raw_s, rows = raw()
            yield {"warmup": number == 0, "ui_ms": ui_s * 1000, "sql_ms": raw_s * 1000, "sql_rows": rows}
    finally:
        connection.close()
