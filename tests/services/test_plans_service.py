"""The customized plan for employment: immutable numbered revisions, owners of steps, comparison."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.plans import GoalStatus, StepOwner
from caseteam.errors import Conflict, NotFound, ValidationError
from caseteam.services import organizations, people, plans
from caseteam.services.plans import GoalDraft, PlanDraft, StepDraft


@pytest.fixture
def setting(store, actor):
    with store.unit_of_work() as uow:
        vr, _ = organizations.create_organization(uow, actor, name="Clark County VR", kind=OrganizationKind.VR_OFFICE)
        crp, _ = organizations.create_organization(uow, actor, name="Northside CRP", kind=OrganizationKind.CRP)
        dana, _ = organizations.add_staff(uow, actor, vr.id, given_name="Dana", family_name="Whitfield")
        kim, _ = organizations.add_staff(uow, actor, crp.id, given_name="Kim", family_name="Park")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lopez")
    return {"vr": vr, "crp": crp, "dana": dana, "kim": kim, "ana": ana}


def first_draft(s) -> PlanDraft:
    due = date.today() + timedelta(days=14)
    return PlanDraft(
        vision="Work with animals in a calm place",
        important_to="Quiet mornings",
        goals=(
            GoalDraft("Try out work at two animal shelters", criterion="Two try-outs of 3 hours", steps=(
                StepDraft("Call shelters", StepOwner.ORGANIZATION, owner_organization_id=s["crp"].id,
                          owner_staff_id=s["kim"].id, due=due),
                StepDraft("Visit the shelter with mum", StepOwner.PERSON),
            )),
            GoalDraft("Get a bus pass", steps=(
                StepDraft("Ask VR to pay for the pass", StepOwner.ORGANIZATION, owner_organization_id=s["vr"].id),
            )),
        ))


def save(store, actor, person, draft, summary="Saved", **kw):
    with store.unit_of_work() as uow:
        row, _ = plans.save_plan_revision(uow, actor, person.id, draft, summary=summary, **kw)
    return row


def test_revisions_carry_keys_and_stay_as_saved(store, actor, setting):
    s = setting
    one = save(store, actor, s["ana"], first_draft(s), summary="First plan", agreed_on=date.today())
    assert one.number == 1
    assert [g.description for g in one.goals] == ["Try out work at two animal shelters", "Get a bus pass"]
    call, visit = one.goals[0].steps
    assert call.owner_name == "Kim Park, Northside CRP"
    assert visit.owner_name == "the person"
    assert one.goals[1].steps[0].owner_name == "Clark County VR"

    # Revision 2 is made from revision 1 (the draft the screen edits keeps goal and step keys).
    edited_goal = replace(one.draft.goals[0], status=GoalStatus.IN_PROGRESS,
                          steps=(replace(one.draft.goals[0].steps[0], done=True),))
    two = save(store, actor, s["ana"], replace(one.draft, vision="Work with animals", goals=(edited_goal,)),
               summary="After try-outs", based_on=1)
    assert two.number == 2
    assert two.goals[0].goal_key == one.goals[0].goal_key
    assert two.goals[0].steps[0].step_key == call.step_key
    assert two.goals[0].steps[0].done

    with store.unit_of_work() as uow:
        revisions = plans.plan_revisions(uow, actor, s["ana"].id)
    assert [r.number for r in revisions] == [1, 2]
    stored_one = revisions[0]
    # The first revision reads exactly as it did when it was saved.
    assert stored_one.draft == one.draft
    assert stored_one.goals == one.goals
    assert (stored_one.summary, stored_one.agreed_on) == ("First plan", date.today())
    assert stored_one.draft.vision == "Work with animals in a calm place"
    assert stored_one.goals[0].status is GoalStatus.NOT_STARTED and not stored_one.goals[0].steps[0].done
    assert len(stored_one.goals) == 2 and len(stored_one.goals[0].steps) == 2
    assert revisions[1].draft == two.draft


def test_step_owner_rules(store, actor, setting):
    s = setting

    def refused(step) -> ValidationError:
        draft = PlanDraft(goals=(GoalDraft("Find work", steps=(StepDraft("Warm-up", StepOwner.PERSON), step)),))
        with pytest.raises(ValidationError) as info:
            save(store, actor, s["ana"], draft)
        return info.value

    err = refused(StepDraft("Benefits summary", StepOwner.ORGANIZATION, owner_organization_id=s["vr"].id,
                            owner_staff_id=s["kim"].id))
    assert err.field == "goals[1].steps[2].owner"
    assert all(n in err.message for n in ("Kim Park", "Northside CRP", "Clark County VR"))

    err = refused(StepDraft("Practise the bus route", StepOwner.PERSON, owner_organization_id=s["crp"].id))
    assert err.field == "goals[1].steps[2].owner" and "goal 1, step 2" in err.message
    err = refused(StepDraft("Drive to the try-out", StepOwner.NATURAL_SUPPORT, owner_staff_id=s["kim"].id))
    assert err.field == "goals[1].steps[2].owner"
    err = refused(StepDraft("Job coaching", StepOwner.ORGANIZATION))
    assert err.field == "goals[1].steps[2].owner"
    err = refused(StepDraft(" ", StepOwner.PERSON))
    assert err.field == "goals[1].steps[2].description"

    with pytest.raises(ValidationError) as info:
        save(store, actor, s["ana"], PlanDraft(goals=(GoalDraft("  "),)))
    assert info.value.field == "goals[1].description"
    with pytest.raises(ValidationError) as info:
        save(store, actor, s["ana"], PlanDraft(), agreed_on=date.today() + timedelta(days=1))
    assert info.value.field == "agreed_on"
    with store.unit_of_work() as uow:
        assert plans.plan_revisions(uow, actor, s["ana"].id) == []


def test_compare_revisions(store, actor, setting):
    s = setting
    one = save(store, actor, s["ana"], first_draft(s))
    shelters, bus = one.draft.goals
    call, visit = shelters.steps
    two_draft = replace(one.draft, vision="Work with animals",
                        goals=(replace(shelters, status=GoalStatus.ACHIEVED, steps=(call,)),
                               GoalDraft("Keep the job 90 days", criterion="90 days employed")))
    save(store, actor, s["ana"], two_draft, based_on=1)
    with store.unit_of_work() as uow:
        differences = plans.compare_revisions(uow, actor, s["ana"].id, 1, 2)
        with pytest.raises(NotFound):
            plans.compare_revisions(uow, actor, s["ana"].id, 1, 3)
    found = {(d.label, d.kind): d for d in differences}
    assert found[("Vision", "changed")].before == "Work with animals in a calm place"
    assert found[("Vision", "changed")].after == "Work with animals"
    status = found[("Status", "changed")]
    assert (status.before, status.after) == ("Not started", "Achieved")
    assert status.section == "Goal: Try out work at two animal shelters"
    removed_step = found[("Action step", "removed")]
    assert "Visit the shelter with mum" in removed_step.before and removed_step.after == ""
    added = [d for d in differences if d.label == "Goal" and d.kind == "added"]
    assert len(added) == 1 and "Keep the job 90 days" in added[0].after
    removed = [d for d in differences if d.label == "Goal" and d.kind == "removed"]
    assert len(removed) == 1 and "Get a bus pass" in removed[0].before
    assert not any("Call shelters" in d.before + d.after for d in differences)  # unchanged step not listed
    assert {d.kind for d in differences} == {"added", "removed", "changed"}
    assert len(differences) == 5

    with store.unit_of_work() as uow:
        assert plans.compare_revisions(uow, actor, s["ana"].id, 2, 2) == []


def test_saving_from_an_old_revision_is_a_conflict(store, actor, setting):
    s = setting
    save(store, actor, s["ana"], PlanDraft(vision="A"))
    save(store, actor, s["ana"], PlanDraft(vision="B"), based_on=1)
    with pytest.raises(Conflict) as info:
        save(store, actor, s["ana"], PlanDraft(vision="C from an old copy"), based_on=1)
    assert "Ana Lopez" in info.value.message
    with pytest.raises(Conflict):
        save(store, actor, s["ana"], PlanDraft(vision="D"), based_on=0)
    with store.unit_of_work() as uow:
        assert [r.draft.vision for r in plans.plan_revisions(uow, actor, s["ana"].id)] == ["A", "B"]
