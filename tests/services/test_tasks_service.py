"""Tasks shared across partner agencies: create, assign, complete, reopen, cancel, archive, list."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.tasks import Priority, TaskStatus
from caseteam.errors import Conflict, NotFound, ValidationError
from caseteam.services import organizations, people, tasks
from caseteam.services.tasks import due_window
from caseteam.storage.queries.tasks import TaskFilter

from builders import record_exchange

NOW = datetime(2026, 11, 2, 15, 0, tzinfo=timezone.utc)
TODAY = NOW.astimezone().date()


@pytest.fixture
def partners(store, actor):
    """Two partner organizations with one staff member each, and one job seeker."""
    with store.unit_of_work(clock=lambda: NOW) as uow:
        vr, _ = organizations.create_organization(uow, actor, name="Clark County VR", kind=OrganizationKind.VR_OFFICE)
        crp, _ = organizations.create_organization(uow, actor, name="Northside CRP", kind=OrganizationKind.CRP)
        dana, _ = organizations.add_staff(uow, actor, vr.id, given_name="Dana", family_name="Whitfield")
        kim, _ = organizations.add_staff(uow, actor, crp.id, given_name="Kim", family_name="Park")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lopez", preferred_name="Annie")
        record_exchange(uow, actor, ana.id, vr.id, crp.id)
    return {"vr": vr, "crp": crp, "dana": dana, "kim": kim, "ana": ana}


def uow_at(store):
    return store.unit_of_work(clock=lambda: NOW)


def new_task(store, actor, title="Call the employer", **kw):
    with uow_at(store) as uow:
        row, _ = tasks.create_task(uow, actor, title=title, **kw)
    return row


def test_create_task(store, actor, partners):
    p = partners
    row = new_task(store, actor, "Request VR authorization", organization_id=p["vr"].id, staff_id=p["dana"].id,
                   person_id=p["ana"].id, due=TODAY + timedelta(days=3), priority=Priority.HIGH)
    assert row.ref == "TK-0001"
    assert (row.organization_name, row.staff_name, row.person_ref, row.person_name) == (
        "Clark County VR", "Dana Whitfield", "PE-0001", "Annie Lopez")
    assert (row.status, row.priority, row.completed_at, row.version) == (TaskStatus.OPEN, Priority.HIGH, None, 1)
    assert new_task(store, actor, "Second", organization_id=p["crp"].id).ref == "TK-0002"


def test_create_task_validation(store, actor, partners):
    p = partners
    with pytest.raises(ValidationError) as info:
        with uow_at(store) as uow:
            tasks.create_task(uow, actor, title="   ", organization_id=p["vr"].id)
    assert info.value.field == "title"
    with pytest.raises(ValidationError) as info:
        with uow_at(store) as uow:
            tasks.create_task(uow, actor, title="x" * 301, organization_id=p["vr"].id)
    assert info.value.field == "title" and "300" in info.value.message

    with pytest.raises(ValidationError) as info:
        with uow_at(store) as uow:
            tasks.create_task(uow, actor, title="Benefits summary", organization_id=p["vr"].id, staff_id=p["kim"].id)
    err = info.value
    assert err.field == "staff"
    assert "Kim Park" in err.message and "Northside CRP" in err.message and "Clark County VR" in err.message

    with uow_at(store) as uow:
        organizations.update_staff(uow, actor, p["kim"].id, version=None, active=False)
    with pytest.raises(ValidationError, match="no longer active") as info:
        with uow_at(store) as uow:
            tasks.create_task(uow, actor, title="Job coaching", organization_id=p["crp"].id, staff_id=p["kim"].id)
    with uow_at(store) as uow:
        assert tasks.list_tasks(uow, actor) == []


def test_assign_and_reassign(store, actor, partners):
    p = partners
    task = new_task(store, actor, organization_id=p["crp"].id, person_id=p["ana"].id)
    with uow_at(store) as uow:
        row, changes = tasks.assign_task(uow, actor, task.id, organization_id=p["crp"].id, staff_id=p["kim"].id,
                                         version=1)
    assert changes.tasks and (row.staff_name, row.version) == ("Kim Park", 2)
    with uow_at(store) as uow:
        row, _ = tasks.assign_task(uow, actor, task.id, organization_id=p["vr"].id, staff_id=p["dana"].id)
    assert (row.organization_name, row.staff_name) == ("Clark County VR", "Dana Whitfield")
    with pytest.raises(ValidationError) as info:
        with uow_at(store) as uow:
            tasks.assign_task(uow, actor, task.id, organization_id=p["vr"].id, staff_id=p["kim"].id)
    assert info.value.field == "staff"
    assert all(n in info.value.message for n in ("Kim Park", "Northside CRP", "Clark County VR"))
    with pytest.raises(Conflict):
        with uow_at(store) as uow:
            tasks.assign_task(uow, actor, task.id, organization_id=p["crp"].id, version=1)
    with uow_at(store) as uow:
        [saved] = tasks.list_tasks(uow, actor)
    assert (saved.organization_id, saved.staff_id, saved.version) == (p["vr"].id, p["dana"].id, 3)


def test_complete_reopen_cancel(store, actor, partners):
    p = partners
    task = new_task(store, actor, organization_id=p["crp"].id)
    with uow_at(store) as uow:
        done, _ = tasks.complete_task(uow, actor, task.id)
    assert done.status is TaskStatus.DONE and done.completed_at == NOW
    with pytest.raises(ValidationError, match="already done"):
        with uow_at(store) as uow:
            tasks.complete_task(uow, actor, task.id)
    with uow_at(store) as uow:
        reopened, _ = tasks.reopen_task(uow, actor, task.id)
    assert (reopened.status, reopened.completed_at) == (TaskStatus.OPEN, None)
    with pytest.raises(ValidationError, match="still open"):
        with uow_at(store) as uow:
            tasks.reopen_task(uow, actor, task.id)

    with pytest.raises(ValidationError) as info:
        with uow_at(store) as uow:
            tasks.cancel_task(uow, actor, task.id, reason=" ")
    assert info.value.field == "reason"
    with uow_at(store) as uow:
        cancelled, _ = tasks.cancel_task(uow, actor, task.id, reason="Person chose another provider")
    assert cancelled.status is TaskStatus.CANCELLED
    with pytest.raises(ValidationError, match="cancelled") as info:
        with uow_at(store) as uow:
            tasks.complete_task(uow, actor, task.id)
    assert info.value.field == "status"
    with uow_at(store) as uow:
        [row] = tasks.list_tasks(uow, actor)
    assert (row.status, row.completed_at) == (TaskStatus.CANCELLED, None)


def test_list_filters(store, actor, partners):
    p = partners
    with uow_at(store) as uow:
        ben, _ = people.create_person(uow, actor, given_name="Ben", family_name="Okafor")
        record_exchange(uow, actor, ben.id, p["vr"].id, p["crp"].id)

    def make(title, org, due, staff=None, person=None):
        return new_task(store, actor, title, organization_id=p[org].id, staff_id=p[staff].id if staff else None,
                        person_id=person.id if person else None, due=due)

    overdue = make("Overdue VR call", "vr", TODAY - timedelta(days=2), "dana", p["ana"])
    today = make("Due today", "crp", TODAY, "kim", p["ana"])
    week = make("Due in a week", "crp", TODAY + timedelta(days=7), None, ben)
    later = make("Due later", "vr", TODAY + timedelta(days=8), None, ben)
    undated = make("No date", "crp", None)
    old_done = make("Done long ago", "vr", TODAY - timedelta(days=9), "dana", ben)
    archived = make("Archived", "vr", TODAY - timedelta(days=1), "dana", p["ana"])
    with uow_at(store) as uow:
        tasks.complete_task(uow, actor, old_done.id)
        tasks.set_task_archived(uow, actor, archived.id, True)

    with uow_at(store) as uow:
        def titles(**kw):
            return [t.title for t in tasks.list_tasks(uow, actor, TaskFilter(**kw))]

        everything = tasks.list_tasks(uow, actor)
        # ordered by due date, undated last; archived left out
        assert [t.title for t in everything] == [old_done.title, overdue.title, today.title, week.title,
                                                 later.title, undated.title]
        assert titles(organization_ids=(p["vr"].id,)) == [old_done.title, overdue.title, later.title]
        assert titles(staff_ids=(p["kim"].id,)) == [today.title]
        assert titles(person_ids=(ben.id,)) == [old_done.title, week.title, later.title]
        assert titles(statuses=(TaskStatus.DONE,)) == [old_done.title]
        assert titles(**due_window(TODAY, "overdue")) == [overdue.title]
        assert titles(**due_window(TODAY, "today")) == [today.title]
        assert titles(**due_window(TODAY, "week")) == [today.title, week.title]
        assert titles(**due_window(TODAY, "week"), organization_ids=(p["vr"].id,)) == []
        assert [t.ref for t in tasks.list_tasks(uow, actor, TaskFilter(include_archived=True))
                if t.id == archived.id] == [archived.ref]
        assert titles(person_ids=(p["ana"].id,), statuses=(TaskStatus.OPEN,)) == [overdue.title, today.title]
        by_id = {t.id: t for t in everything}
        assert by_id[overdue.id].overdue_on(TODAY)
        assert not by_id[old_done.id].overdue_on(TODAY)
        assert not by_id[undated.id].overdue_on(TODAY)
        assert by_id[overdue.id].person_name == "Annie Lopez" and by_id[undated.id].person_name == ""
        assert by_id[today.id].staff_name == "Kim Park" and by_id[week.id].staff_name == ""
        assert [t.title for t in tasks.list_tasks(uow, actor, limit=2, offset=1)] == [overdue.title, today.title]
    with pytest.raises(ValidationError) as info:
        due_window(TODAY, "month")
    assert info.value.field == "due"


def test_archive_and_restore_task(store, actor, partners):
    task = new_task(store, actor, organization_id=partners["crp"].id)
    with uow_at(store) as uow:
        tasks.set_task_archived(uow, actor, task.id, True)
    with uow_at(store) as uow:
        assert tasks.list_tasks(uow, actor) == []
        with pytest.raises(NotFound):
            tasks.complete_task(uow, actor, task.id)
    with uow_at(store) as uow:
        tasks.set_task_archived(uow, actor, task.id, False)
    with uow_at(store) as uow:
        assert [t.id for t in tasks.list_tasks(uow, actor)] == [task.id]


def test_due_date_change(store, actor, partners):
    task = new_task(store, actor, organization_id=partners["crp"].id, due=TODAY)
    with uow_at(store) as uow:
        row, _ = tasks.set_task_due(uow, actor, task.id, TODAY + timedelta(days=5), version=1)
    assert (row.due, row.version) == (TODAY + timedelta(days=5), 2)
    with pytest.raises(Conflict):
        with uow_at(store) as uow:
            tasks.set_task_due(uow, actor, task.id, None, version=1)
    with uow_at(store) as uow:
        assert tasks.list_tasks(uow, actor)[0].due == TODAY + timedelta(days=5)


def test_due_window_values():
    day = date(2026, 3, 7)
    assert due_window(day, "overdue") == {"overdue_on": day}
    assert due_window(day, "today") == {"due_from": day, "due_to": day}
    assert due_window(day, "week") == {"due_from": day, "due_to": date(2026, 3, 14)}
