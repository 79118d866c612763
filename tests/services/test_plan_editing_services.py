"""Action steps become tasks (linked both ways), the person's to-do list, and profile comparison."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.plans import GoalStatus, StepOwner
from caseteam.domain.tasks import TaskStatus
from caseteam.domain.teams import TeamRole
from caseteam.errors import NotFound, ValidationError
from caseteam.services import discovery, organizations, people, plans, tasks, teams
from caseteam.services.discovery import ProfileDraft
from caseteam.services.plans import GoalDraft, PlanDraft, StepDraft

from builders import record_exchange


@pytest.fixture
def setting(store, actor):
    with store.unit_of_work() as uow:
        vr, _ = organizations.create_organization(uow, actor, name="Clark County VR", kind=OrganizationKind.VR_OFFICE)
        crp, _ = organizations.create_organization(uow, actor, name="Northside CRP", kind=OrganizationKind.CRP)
        kim, _ = organizations.add_staff(uow, actor, crp.id, given_name="Kim", family_name="Park")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lopez")
        record_exchange(uow, actor, ana.id, vr.id, crp.id)
        teams.add_team_member(uow, actor, ana.id, role=TeamRole.FAMILY, support_name="Rosa Lopez",
                              relationship="Mother")
    return {"vr": vr, "crp": crp, "kim": kim, "ana": ana}


SOON = date.today() + timedelta(days=10)
LATER = date.today() + timedelta(days=30)


def plan(s) -> PlanDraft:
    return PlanDraft(vision="Work with animals", goals=(
        GoalDraft("Try out work at two animal shelters", steps=(
            StepDraft("Call shelters to arrange try-outs", StepOwner.ORGANIZATION, owner_organization_id=s["crp"].id,
                      owner_staff_id=s["kim"].id, due=SOON),
            StepDraft("Visit the shelter", StepOwner.PERSON, due=LATER),
            StepDraft("Drive Ana to the try-out", StepOwner.NATURAL_SUPPORT, owner_name="Rosa Lopez", due=SOON),
        )),
        GoalDraft("Get a bus pass", status=GoalStatus.ACHIEVED, steps=(
            StepDraft("Apply for the pass", StepOwner.PERSON),
        )),
    ))


def save(store, actor, person, draft, **kw):
    with store.unit_of_work() as uow:
        row, _ = plans.save_plan_revision(uow, actor, person.id, draft, summary=kw.pop("summary", "Saved"), **kw)
    return row


def run(store, fn, *args, **kw):
    with store.unit_of_work() as uow:
        return fn(uow, *args, **kw)


def test_a_partner_step_becomes_a_task_for_its_owner_and_completing_it_marks_the_step_done(store, actor, setting):
    s = setting
    one = save(store, actor, s["ana"], plan(s))
    call = one.goals[0].steps[0]
    task, changes = run(store, plans.create_task_from_step, actor, s["ana"].id, call.step_key)
    assert changes.tasks
    assert (task.organization_id, task.staff_id, task.person_id) == (s["crp"].id, s["kim"].id, s["ana"].id)
    assert (task.title, task.due, task.action_step_key) == ("Call shelters to arrange try-outs", SOON, call.step_key)
    assert "goal 1: Try out work at two animal shelters" in task.details
    assert task.status is TaskStatus.OPEN

    linked = run(store, plans.step_status, actor, s["ana"].id)
    assert set(linked) == {call.step_key}
    assert (linked[call.step_key].ref, linked[call.step_key].status) == (task.ref, TaskStatus.OPEN)
    assert not linked[call.step_key].done

    with pytest.raises(ValidationError) as info:
        run(store, plans.create_task_from_step, actor, s["ana"].id, call.step_key)
    assert task.ref in info.value.message and info.value.field == "step"

    run(store, tasks.complete_task, actor, task.id)
    linked = run(store, plans.step_status, actor, s["ana"].id)
    assert linked[call.step_key].done
    with pytest.raises(ValidationError) as info:
        run(store, plans.create_task_from_step, actor, s["ana"].id, call.step_key)
    assert "already done" in info.value.message


def test_undo_archives_the_task_and_the_step_can_be_handed_out_again(store, actor, setting):
    s = setting
    one = save(store, actor, s["ana"], plan(s))
    key = one.goals[0].steps[0].step_key
    task, _ = run(store, plans.create_task_from_step, actor, s["ana"].id, key, due=LATER, title="Call two shelters")
    assert (task.title, task.due) == ("Call two shelters", LATER)
    run(store, tasks.set_task_archived, actor, task.id, True)
    assert run(store, plans.step_status, actor, s["ana"].id) == {}
    again, _ = run(store, plans.create_task_from_step, actor, s["ana"].id, key)
    assert again.id != task.id and again.action_step_key == key


def test_steps_of_the_person_or_a_natural_support_are_refused_plainly(store, actor, setting):
    s = setting
    one = save(store, actor, s["ana"], plan(s))
    _, visit, drive = one.goals[0].steps
    with pytest.raises(ValidationError) as info:
        run(store, plans.create_task_from_step, actor, s["ana"].id, visit.step_key)
    assert "the person" in info.value.message and "partner organization" in info.value.message
    with pytest.raises(ValidationError) as info:
        run(store, plans.create_task_from_step, actor, s["ana"].id, drive.step_key)
    assert "Rosa Lopez" in info.value.message
    with pytest.raises(NotFound):
        run(store, plans.create_task_from_step, actor, s["ana"].id, s["ana"].id)
    assert run(store, tasks.list_tasks, actor) == []


def test_the_owner_comes_from_the_latest_revision(store, actor, setting):
    s = setting
    one = save(store, actor, s["ana"], plan(s))
    goal = one.draft.goals[0]
    moved = replace(goal.steps[0], owner_organization_id=s["vr"].id, owner_staff_id=None, owner_name="")
    save(store, actor, s["ana"], replace(one.draft, goals=(replace(goal, steps=(moved,) + goal.steps[1:]),)),
         based_on=1)
    task, _ = run(store, plans.create_task_from_step, actor, s["ana"].id, moved.step_key)
    assert (task.organization_name, task.staff_id) == ("Clark County VR", None)


def test_the_person_to_do_list_has_open_steps_of_the_person_and_natural_supports(store, actor, setting):
    s = setting
    with store.unit_of_work() as uow:
        assert plans.person_todo(uow, actor, s["ana"].id) == []
    one = save(store, actor, s["ana"], plan(s))
    todo = run(store, plans.person_todo, actor, s["ana"].id)
    assert [(t.description, t.owner_name, t.due) for t in todo] == [
        ("Drive Ana to the try-out", "Rosa Lopez", SOON), ("Visit the shelter", "the person", LATER)]
    assert todo[0].goal == "Try out work at two animal shelters"
    goal = one.draft.goals[0]
    steps = (goal.steps[0], goal.steps[1], replace(goal.steps[2], done=True))
    save(store, actor, s["ana"], replace(one.draft, goals=(replace(goal, steps=steps),)), based_on=1)
    assert [t.description for t in run(store, plans.person_todo, actor, s["ana"].id)] == ["Visit the shelter"]
    assert run(store, plans.natural_supports, actor, s["ana"].id) == ["Rosa Lopez"]
    assert run(store, plans.author_names, actor, [one.author_id]) == {one.author_id: actor.display_name}


def test_profile_revisions_compare_field_by_field(store, actor, setting):
    s = setting
    first = ProfileDraft(strengths="Patient with animals", theme_1="Animals", support_needs="Quiet place")
    second = replace(first, strengths="Patient and careful with animals", theme_2="Order", support_needs="")
    with store.unit_of_work() as uow:
        discovery.save_profile_revision(uow, actor, s["ana"].id, first, summary="After Discovery")
    with store.unit_of_work() as uow:
        discovery.save_profile_revision(uow, actor, s["ana"].id, second, summary="Second look", based_on=1)
    rows = run(store, discovery.profile_revisions, actor, s["ana"].id)
    assert [(r.number, r.summary) for r in rows] == [(1, "After Discovery"), (2, "Second look")]
    found = {d.label: d for d in run(store, discovery.compare_profile_revisions, actor, s["ana"].id, 1, 2)}
    assert set(found) == {"Strengths and gifts", "Vocational theme 2", "Support needs"}
    assert [found[k].kind for k in ("Strengths and gifts", "Vocational theme 2", "Support needs")] == [
        "changed", "added", "removed"]
    assert found["Strengths and gifts"].before == "Patient with animals"
    assert found["Strengths and gifts"].section == "Vocational profile"
    with pytest.raises(NotFound):
        run(store, discovery.compare_profile_revisions, actor, s["ana"].id, 1, 3)
