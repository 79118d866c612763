"""Bulk task changes from the board: stale copies refused by name, each task audited, and inverses that
put back exactly what the change moved (and nothing it left alone). Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.tasks import TaskStatus
from caseteam.errors import Conflict, ValidationError
from caseteam.services import organizations, people, task_board, tasks
from caseteam.services.task_board import BoardQuery, TaskSort


@pytest.fixture
def three(store, actor):
    """Three open tasks at a CRP, one already done, and a VR office to move them to."""
    today = date.today()
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        lupe, _ = organizations.add_staff(uow, actor, crp.id, given_name="Lupe", family_name="Hernández")
        luis, _ = organizations.add_staff(uow, actor, vr.id, given_name="Luis", family_name="Ortega")
        rows = [tasks.create_task(uow, actor, title=title, organization_id=crp.id, staff_id=lupe.id,
                                  due=today + timedelta(days=days))[0]
                for title, days in (("Visit the bakery", -3), ("Pay stub", 2), ("Bus pass", 9))]
        done, _ = tasks.create_task(uow, actor, title="Intake call", organization_id=crp.id)
        done, _ = tasks.complete_task(uow, actor, done.id)
    return {"crp": crp, "vr": vr, "lupe": lupe, "luis": luis, "rows": rows, "done": done, "today": today}


def stored(store, ids):
    with store.unit_of_work(write=False) as uow:
        return [task_board.TaskState(t.id, t.organization_id, t.staff_id, t.due, t.status, t.version)
                for t in (uow.tasks.get(i) for i in ids)]


def audit_actions(store, task_id) -> list[str]:
    with store.unit_of_work(write=False) as uow:
        return list(uow.session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == str(task_id))
                                        .order_by(AuditEntry.seq)))


def test_bulk_reassign_audits_each_task_and_its_inverse_puts_them_back(store, actor, three):
    ids = [r.id for r in three["rows"]]
    before = stored(store, ids)
    with store.unit_of_work() as uow:
        result, changes = task_board.bulk_reassign(uow, actor, ids, organization_id=three["vr"].id,
                                                   staff_id=three["luis"].id,
                                                   versions={r.id: r.version for r in three["rows"]})
    assert changes.tasks and [(r.organization_name, r.staff_name) for r in result.rows] == [
        ("State VR", "Luis Ortega")] * 3
    assert [s.organization_id for s in result.before] == [three["crp"].id] * 3
    assert [s.version for s in result.after] == [s.version + 1 for s in before]
    assert all(audit_actions(store, i)[-1] == "reassigned" for i in ids)
    with store.unit_of_work() as uow:
        task_board.restore_states(uow, actor, result)
    back = stored(store, ids)
    assert [(s.organization_id, s.staff_id) for s in back] == [(s.organization_id, s.staff_id) for s in before]
    assert all(audit_actions(store, i)[-1] == "change undone" for i in ids)


def test_a_stale_task_in_a_bulk_change_is_refused_by_name_and_nothing_changes(store, actor, three):
    first, second, _third = three["rows"]
    with store.unit_of_work() as uow:  # someone else moves the second task's due date meanwhile
        moved, _ = tasks.set_task_due(uow, actor, second.id, date(2031, 1, 1))
    for change in (lambda uow, v: task_board.bulk_reassign(uow, actor, [first.id, second.id], versions=v,
                                                           organization_id=three["vr"].id),
                   lambda uow, v: task_board.bulk_set_due(uow, actor, [first.id, second.id], None, versions=v),
                   lambda uow, v: task_board.bulk_set_status(uow, actor, [first.id, second.id], TaskStatus.DONE,
                                                             versions=v)):
        with pytest.raises(Conflict, match=f"task {second.ref} after you opened it"):
            with store.unit_of_work() as uow:
                change(uow, {first.id: first.version, second.id: second.version})
    assert stored(store, [first.id, second.id]) == [
        task_board.TaskState(first.id, three["crp"].id, three["lupe"].id, first.due, TaskStatus.OPEN, first.version),
        task_board.TaskState(second.id, three["crp"].id, three["lupe"].id, date(2031, 1, 1), TaskStatus.OPEN,
                             moved.version)]


def test_staff_of_another_organization_is_refused_naming_both(store, actor, three):
    with pytest.raises(ValidationError, match="Lupe Hernández works for Bridgeway, not State VR") as info:
        with store.unit_of_work() as uow:
            task_board.bulk_reassign(uow, actor, [r.id for r in three["rows"]], organization_id=three["vr"].id,
                                     staff_id=three["lupe"].id)
    assert info.value.field == "staff"


def test_bulk_due_change_and_its_inverse(store, actor, three):
    ids = [r.id for r in three["rows"]]
    new_due = three["today"] + timedelta(days=30)
    with store.unit_of_work() as uow:
        result, _ = task_board.bulk_set_due(uow, actor, ids, new_due)
    assert {s.due for s in stored(store, ids)} == {new_due}
    assert audit_actions(store, ids[0])[-1] == "due date changed"
    with store.unit_of_work() as uow:
        task_board.restore_states(uow, actor, result)
    assert [s.due for s in stored(store, ids)] == [r.due for r in three["rows"]]


def test_bulk_complete_and_undo_reopens_only_what_it_completed(store, actor, three):
    ids = [r.id for r in three["rows"]] + [three["done"].id]
    with store.unit_of_work() as uow:
        result, _ = task_board.bulk_set_status(uow, actor, ids, TaskStatus.DONE)
    assert {r.status for r in result.rows} == {TaskStatus.DONE}
    assert result.after[-1] == result.before[-1], "the task already done is left as it was"
    with store.unit_of_work() as uow:  # the already-done task changes meanwhile: undo need not touch it
        tasks.set_task_due(uow, actor, three["done"].id, date(2030, 5, 1))
    with store.unit_of_work() as uow:
        undone, _ = task_board.restore_states(uow, actor, result)
    assert [r.id for r in undone.rows] == ids[:3]
    assert [s.status for s in stored(store, ids)] == [TaskStatus.OPEN] * 3 + [TaskStatus.DONE]
    assert audit_actions(store, ids[0])[-2:] == ["completed", "change undone"]


def test_grouped_board_counts_each_group(store, actor, three):
    with store.unit_of_work() as uow:
        tasks.create_task(uow, actor, title="Authorize job development", organization_id=three["vr"].id,
                          due=three["today"] - timedelta(days=1))
    with store.unit_of_work(write=False) as uow:
        page = task_board.fetch_board(uow, actor, BoardQuery(group_by=TaskSort.ORGANIZATION))
        by_staff = task_board.fetch_board(uow, actor, BoardQuery(group_by=TaskSort.STAFF))
    assert [r.organization_name for r in page.rows] == ["Bridgeway"] * 3 + ["State VR"]
    assert {k: (g.total, g.overdue) for k, g in page.groups.items()} == {three["crp"].id: (3, 1),
                                                                         three["vr"].id: (1, 1)}
    assert {k: (g.total, g.overdue) for k, g in by_staff.groups.items()} == {three["lupe"].id: (3, 1), None: (1, 1)}
    assert [r.staff_name for r in by_staff.rows] == ["Lupe Hernández"] * 3 + [""]


def test_a_persons_task_list_is_named_even_after_the_person_is_archived(store, actor):
    with store.unit_of_work() as uow:
        ana, _ = people.create_person(uow, actor, given_name="Ánh", family_name="Nguyễn", preferred_name="Annie")
        people.archive_person(uow, actor, ana.id, reason="Moved away")
    with store.unit_of_work(write=False) as uow:
        assert tasks.person_name(uow, actor, ana.id) == "Annie Nguyễn"
