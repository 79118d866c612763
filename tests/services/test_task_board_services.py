"""Task board: filters and sorting in SQL, and bulk changes that undo as one step."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.tasks import Priority, TaskStatus
from caseteam.errors import Conflict, ValidationError
from caseteam.services import organizations, people, task_board, tasks
from caseteam.services.task_board import BoardQuery, DueWindow, TaskSort

from builders import record_exchange


@pytest.fixture
def board(store, actor):
    today = date.today()
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        lupe, _ = organizations.add_staff(uow, actor, crp.id, given_name="Lupe", family_name="Hernández")
        luis, _ = organizations.add_staff(uow, actor, vr.id, given_name="Luis", family_name="Ortega")
        ana, _ = people.create_person(uow, actor, given_name="Ánh", family_name="Nguyễn")
        record_exchange(uow, actor, ana.id, crp.id, vr.id)
        made = {}
        for title, org, staff, due, priority in (
                ("Get first pay stub", crp, lupe, today - timedelta(days=2), Priority.NORMAL),
                ("Authorize job development", vr, luis, today, Priority.URGENT),
                ("Bus travel training", crp, None, today + timedelta(days=5), Priority.LOW),
                ("Renew state ID", crp, lupe, None, Priority.HIGH)):
            row, _ = tasks.create_task(uow, actor, title=title, organization_id=org.id,
                                       staff_id=staff.id if staff else None, person_id=ana.id, due=due,
                                       priority=priority)
            made[title] = row
    return {"crp": crp, "vr": vr, "lupe": lupe, "luis": luis, "tasks": made, "today": today}


def titles(store, actor, query) -> list[str]:
    with store.unit_of_work(write=False) as uow:
        page = task_board.fetch_board(uow, actor, query)
    assert page.total == len(page.rows)
    return [r.title for r in page.rows]


def test_filters_windows_and_sorting(store, actor, board):
    assert titles(store, actor, BoardQuery()) == ["Get first pay stub", "Authorize job development",
                                                 "Bus travel training", "Renew state ID"]
    assert titles(store, actor, BoardQuery(due=DueWindow.OVERDUE)) == ["Get first pay stub"]
    assert titles(store, actor, BoardQuery(due=DueWindow.TODAY)) == ["Authorize job development"]
    assert titles(store, actor, BoardQuery(due=DueWindow.WEEK)) == ["Authorize job development",
                                                                   "Bus travel training"]
    assert titles(store, actor, BoardQuery(due=DueWindow.NO_DATE)) == ["Renew state ID"]
    assert titles(store, actor, BoardQuery(organization_id=board["vr"].id)) == ["Authorize job development"]
    assert titles(store, actor, BoardQuery(staff_id=board["lupe"].id, sort=TaskSort.TITLE)) == [
        "Get first pay stub", "Renew state ID"]
    assert titles(store, actor, BoardQuery(person_search="nguyen", priority=Priority.LOW)) == ["Bus travel training"]
    assert titles(store, actor, BoardQuery(sort=TaskSort.PRIORITY)) == [
        "Authorize job development", "Renew state ID", "Get first pay stub", "Bus travel training"]
    assert titles(store, actor, BoardQuery(group_by=TaskSort.ORGANIZATION, sort=TaskSort.TITLE)) == [
        "Bus travel training", "Get first pay stub", "Renew state ID", "Authorize job development"]
    with store.unit_of_work(write=False) as uow:
        page = task_board.fetch_board(uow, actor, BoardQuery())
    assert (page.total, page.overdue) == (4, 1)


def test_bulk_reassign_is_one_undoable_step(store, actor, board):
    ids = [board["tasks"]["Get first pay stub"].id, board["tasks"]["Renew state ID"].id]
    with store.unit_of_work() as uow:
        result, changes = task_board.bulk_reassign(uow, actor, ids, organization_id=board["vr"].id,
                                                   staff_id=board["luis"].id)
    assert changes.tasks and {r.organization_name for r in result.rows} == {"State VR"}
    with store.unit_of_work() as uow:
        undone, _ = task_board.restore_states(uow, actor, result)
    assert [(r.organization_name, r.staff_name) for r in undone.rows] == [("Bridgeway", "Lupe Hernández")] * 2


def test_undo_refuses_when_someone_changed_a_task_since(store, actor, board):
    task_id = board["tasks"]["Bus travel training"].id
    with store.unit_of_work() as uow:
        result, _ = task_board.bulk_set_due(uow, actor, [task_id], None)
    with store.unit_of_work() as uow:
        tasks.set_task_due(uow, actor, task_id, date(2030, 1, 1))
    with pytest.raises(Conflict, match="task TK-"):
        with store.unit_of_work() as uow:
            task_board.restore_states(uow, actor, result)


def test_bulk_status_changes_and_their_rules(store, actor, board):
    ids = [t.id for t in board["tasks"].values()]
    with store.unit_of_work() as uow:
        done, _ = task_board.bulk_set_status(uow, actor, ids, TaskStatus.DONE)
    assert {r.status for r in done.rows} == {TaskStatus.DONE} and all(r.completed_at for r in done.rows)
    with store.unit_of_work() as uow:
        back, _ = task_board.restore_states(uow, actor, done)
    assert {r.status for r in back.rows} == {TaskStatus.OPEN} and not any(r.completed_at for r in back.rows)
    with pytest.raises(ValidationError, match="reason"):
        with store.unit_of_work() as uow:
            task_board.bulk_set_status(uow, actor, ids, TaskStatus.CANCELLED)
    with store.unit_of_work() as uow:
        task_board.bulk_set_status(uow, actor, ids[:1], TaskStatus.CANCELLED, reason="Person moved away")
    with pytest.raises(ValidationError, match="cancelled; reopen it"):
        with store.unit_of_work() as uow:
            task_board.bulk_set_status(uow, actor, ids, TaskStatus.DONE)


def test_bulk_reassign_to_staff_of_another_organization_is_refused(store, actor, board):
    with pytest.raises(ValidationError, match="Luis Ortega works for State VR, not Bridgeway"):
        with store.unit_of_work() as uow:
            task_board.bulk_reassign(uow, actor, [board["tasks"]["Renew state ID"].id],
                                     organization_id=board["crp"].id, staff_id=board["luis"].id)
    with pytest.raises(ValidationError, match="Select at least one task"):
        with store.unit_of_work() as uow:
            task_board.bulk_set_due(uow, actor, [], None)
