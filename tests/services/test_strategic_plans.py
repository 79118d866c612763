"""A partnership's strategic plan: goals, strategies and recommended actions; each action is a task about
no one person for its owner organization, linked both ways, and completing the task on the task board
completes the action; progress per goal leaves dropped actions out. Both engines."""

from __future__ import annotations

from datetime import date

import pytest

from caseteam.domain.partnerships import ActionStatus, PlanStatus
from caseteam.domain.tasks import TaskStatus
from caseteam.errors import ValidationError
from caseteam.services import strategic_actions as actions
from caseteam.services import strategic_plans as plans
from caseteam.services import tasks
from caseteam.storage.queries.tasks import TaskFilter

from partnership_rows import build_partnership, run


@pytest.fixture
def plan(store, actor):
    built = build_partnership(store, actor)

    def write(uow):
        plan, _ = plans.create_plan(uow, actor, built["partnership"].id, title="Employment First 2027",
                                    vision="Everyone who wants a job in Eastside has one.",
                                    guiding_principles="Presume employability\nOne plan per person",
                                    period_from=date(2027, 1, 1), period_to=date(2027, 12, 31))
        goal, _ = plans.add_goal(uow, actor, plan.id, title="Coordinate referrals")
        strategy, _ = plans.add_strategy(uow, actor, goal, text="One referral form for every partner")
        first, _ = actions.add_action(uow, actor, strategy, text="Draft the shared referral form",
                                      owner_organization_id=built["vr"].id, due=date(2027, 2, 1),
                                      staff_id=built["karen"].id)
        second, _ = actions.add_action(uow, actor, strategy, text="Train Bridgeway staff on the form",
                                       owner_organization_id=built["crp"].id, due=date(2027, 3, 1))
        third, _ = actions.add_action(uow, actor, strategy, text="Print paper copies",
                                      owner_organization_id=built["crp"].id)
        return dict(built, plan=plan, goal=goal, strategy=strategy, actions=(first, second, third))

    return run(store, write)


def detail(store, actor, plan):
    return run(store, lambda uow: plans.get_plan(uow, actor, plan["plan"].id))


def test_each_action_becomes_a_task_for_its_owner_about_no_one_person(store, actor, plan):
    shown = detail(store, actor, plan)
    acts = shown.goals[0].strategies[0].actions
    assert [a.text for a in acts] == ["Draft the shared referral form", "Train Bridgeway staff on the form",
                                      "Print paper copies"]
    board = run(store, lambda uow: tasks.list_tasks(uow, actor, TaskFilter()))
    by_id = {t.id: t for t in board}
    first = by_id[acts[0].task_id]
    assert (first.title, first.organization_name, first.staff_name, first.due, first.person_id) == (
        "Draft the shared referral form", "State VR – Eastside", "Karen Mitchell", date(2027, 2, 1), None)
    assert plan["plan"].ref in first.details and acts[0].task_ref == first.ref
    assert by_id[acts[1].task_id].organization_name == "Bridgeway Employment"


def test_completing_the_task_on_the_board_completes_the_action_and_the_goal_progress(store, actor, plan):
    acts = detail(store, actor, plan).goals[0].strategies[0].actions
    run(store, lambda uow: tasks.complete_task(uow, actor, acts[0].task_id))
    goal = detail(store, actor, plan).goals[0]
    assert goal.strategies[0].actions[0].status is ActionStatus.DONE
    assert goal.counted == (1, 3) and goal.progress_words == "1 of 3 actions done (33%)"
    changes = run(store, lambda uow: plans.sync_action_statuses(uow, actor, plan["plan"].id))
    assert changes.partnerships  # the stored status caught up with the task
    assert not run(store, lambda uow: plans.sync_action_statuses(uow, actor, plan["plan"].id)).partnerships


def test_dropped_actions_leave_the_progress_and_cancel_their_task(store, actor, plan):
    acts = detail(store, actor, plan).goals[0].strategies[0].actions
    run(store, lambda uow: actions.set_action_status(uow, actor, acts[2].id, ActionStatus.DROPPED))
    run(store, lambda uow: actions.set_action_status(uow, actor, acts[1].id, ActionStatus.DONE))
    goal = detail(store, actor, plan).goals[0]
    assert goal.counted == (1, 2) and goal.progress == 0.5
    third = run(store, lambda uow: uow.tasks.get(acts[2].task_id))
    assert third.status is TaskStatus.CANCELLED
    second = run(store, lambda uow: uow.tasks.get(acts[1].task_id))
    assert second.status is TaskStatus.DONE
    # Reopening the dropped action reopens its task and counts it again.
    run(store, lambda uow: actions.set_action_status(uow, actor, acts[2].id, ActionStatus.IN_PROGRESS))
    assert detail(store, actor, plan).goals[0].counted == (1, 3)
    assert run(store, lambda uow: uow.tasks.get(acts[2].task_id)).status is TaskStatus.IN_PROGRESS


def test_changing_an_action_moves_its_task_with_it(store, actor, plan):
    acts = detail(store, actor, plan).goals[0].strategies[0].actions
    run(store, lambda uow: actions.update_action(uow, actor, acts[1].id, version=acts[1].version,
                                                 text="Train every partner's staff on the form",
                                                 owner_organization_id=plan["vr"].id, due=date(2027, 4, 15)))
    task = run(store, lambda uow: tasks.list_tasks(uow, actor, TaskFilter()))
    moved = next(t for t in task if t.id == acts[1].task_id)
    assert (moved.title, moved.organization_name, moved.due) == ("Train every partner's staff on the form",
                                                                 "State VR – Eastside", date(2027, 4, 15))
    run(store, lambda uow: actions.set_action_archived(uow, actor, acts[1].id, True))
    assert len(detail(store, actor, plan).goals[0].actions) == 2
    assert run(store, lambda uow: uow.tasks.get(acts[1].task_id, include_archived=True)).archived_at is not None


def test_plan_rules_name_the_field(store, actor, plan):
    with pytest.raises(ValidationError, match="ends before it starts"):
        run(store, lambda uow: plans.update_plan(uow, actor, plan["plan"].id, version=None,
                                                 period_to=date(2026, 1, 1)))
    row, _ = run(store, lambda uow: plans.set_plan_status(uow, actor, plan["plan"].id, PlanStatus.ADOPTED,
                                                          adopted_on=date(2027, 1, 10)))
    assert row.status is PlanStatus.ADOPTED and row.adopted_on == date(2027, 1, 10)
    with pytest.raises(ValidationError, match="already adopted"):
        run(store, lambda uow: plans.set_plan_status(uow, actor, plan["plan"].id, PlanStatus.ADOPTED))
    summary = run(store, lambda uow: plans.plan_summaries(uow, plan["partnership"].id))
    assert [(s.ref, s.total) for s in summary] == [(plan["plan"].ref, 3)]
