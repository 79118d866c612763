"""The caseload and the task list cost the same number of SQL statements for 10 or 1,000 people."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

from sqlalchemy import event


from caseteam.domain.organizations import OrganizationKind
from caseteam.services import organizations, people, plans, tasks
from caseteam.services.plans import GoalDraft, PlanDraft, StepDraft, StepOwner
from caseteam.storage.queries.tasks import TaskFilter


from builders import bulk_add_people  # noqa: E402


@contextlib.contextmanager
def counted(store):
    statements: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(store.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(store.engine, "before_cursor_execute", before)


def add_people(store, actor, org, staff, start: int, stop: int) -> None:
    """People with a lead, a home organization, two tasks and a plan revision each, through the services."""
    today = date.today()
    with store.unit_of_work() as uow:
        for n in range(start, stop):
            person, _ = people.create_person(uow, actor, given_name=f"Sam{n}", family_name=f"Person{n:04d}",
                                             lead_staff_id=staff.id, home_organization_id=org.id)
            for k in (1, 2):
                tasks.create_task(uow, actor, title=f"Task {k}", organization_id=org.id, staff_id=staff.id,
                                  person_id=person.id, due=today + timedelta(days=n % 20 - 10 + k))
            plans.save_plan_revision(uow, actor, person.id, PlanDraft(vision="Work", goals=(GoalDraft(
                "Find work", steps=(StepDraft("Call", StepOwner.ORGANIZATION, owner_organization_id=org.id),)),)),
                summary="First")


def statements_for(store, actor, people_count: int) -> dict[str, int]:
    with store.unit_of_work(write=False) as uow:
        with counted(store) as caseload_sql:
            caseload = people.caseload(uow, actor)
        with counted(store) as page_sql:
            people.caseload(uow, actor, search="person", limit=50)
        with counted(store) as task_sql:
            task_rows = tasks.list_tasks(uow, actor)
        with counted(store) as filtered_sql:
            tasks.list_tasks(uow, actor, TaskFilter(overdue_on=date.today()))
    assert len(caseload) == people_count and len(task_rows) == 2 * people_count
    assert all(r.open_tasks == 2 and r.plan_number == 1 and r.lead for r in caseload)
    assert all(t.person_name and t.organization_name and t.staff_name for t in task_rows)
    return {"caseload": len(caseload_sql), "caseload page": len(page_sql), "tasks": len(task_sql),
            "overdue tasks": len(filtered_sql)}


def test_list_queries_do_not_grow_with_the_caseload(store, actor):
    with store.unit_of_work() as uow:
        org, _ = organizations.create_organization(uow, actor, name="Northside CRP", kind=OrganizationKind.CRP)
        staff, _ = organizations.add_staff(uow, actor, org.id, given_name="Kim", family_name="Park")
    add_people(store, actor, org, staff, 0, 10)
    small = statements_for(store, actor, 10)
    bulk_add_people(store, actor, org, staff, 10, 1000)
    large = statements_for(store, actor, 1000)
    assert all(n >= 1 for n in small.values()), small
    assert large == small, f"10 people: {small}; 1,000 people: {large}"
