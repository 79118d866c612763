"""The strategic plan PDF, read back as a board member would: title, members, vision, principles, each
goal with progress, strategies and actions, a signature line for every member's active representative,
and "Page X of Y" with the plan's reference on every page; fonts embedded."""

from __future__ import annotations

from datetime import date

import pytest

from caseteam.documents.partnership_views import (PlanActionView, PlanGoalView, PlanSignerView, PlanStrategyView,
                                                  StrategicPlanView)
from caseteam.documents.strategic_plan_document import render_strategic_plan
from caseteam.services import partnership_documents, tasks
from caseteam.services import strategic_actions as actions
from caseteam.services import strategic_plans as plans

from partnership_rows import build_partnership
from pdf_reading import all_text, fonts, page_texts, reader


@pytest.fixture
def printed(sqlite_store):
    from builders import local_actor

    store = sqlite_store
    actor = local_actor(store)
    built = build_partnership(store, actor)
    with store.unit_of_work() as uow:
        plan, _ = plans.create_plan(uow, actor, built["partnership"].id, title="Employment First 2027",
                                    vision="Everyone in Eastside who wants a job has one.",
                                    guiding_principles="- Presume employability\n- One plan per person",
                                    period_from=date(2027, 1, 1), period_to=date(2027, 12, 31))
        goal, _ = plans.add_goal(uow, actor, plan.id, title="Coordinate referrals",
                                 description="Partners refer to each other in days, not weeks.")
        strategy, _ = plans.add_strategy(uow, actor, goal, text="One referral form for every partner")
        done, _ = actions.add_action(uow, actor, strategy, text="Draft the shared referral form",
                                     owner_organization_id=built["vr"].id, due=date(2027, 2, 1))
        actions.add_action(uow, actor, strategy, text="Train Bridgeway staff on the form",
                           owner_organization_id=built["crp"].id)
    with store.unit_of_work() as uow:
        tasks.complete_task(uow, actor, uow.session.get(actions.StrategicAction, done).task_id)
    with store.unit_of_work() as uow:
        data = partnership_documents.plan_pdf(uow, actor, plan.id)
    return data, plan


def test_the_plan_prints_its_sections_actions_and_a_signature_line_per_representative(printed):
    data, plan = printed
    text = all_text(data)
    for words in ("Employment First 2027", "Eastside Employment First (local)", "January 1, 2027 to December 31, "
                  "2027", "Vision", "Everyone in Eastside who wants a job has one.", "Guiding principles",
                  "Presume employability", "Goal 1. Coordinate referrals", "Progress: 1 of 2 actions done (50%)",
                  "Strategy 1.1", "Draft the shared referral form", "02/01/2027", "Done", "Not started",
                  "Signatures", "Signature of Karen Mitchell", "Signature of Luis Ortega",
                  "Signature of Lupe Hernández"):
        assert words in text, words
    assert "State VR – Eastside; Bridgeway Employment" in text
    pages = page_texts(data)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page and f"Strategic plan {plan.ref} · version" in page
    assert all("DejaVu" in f["base"] for f in fonts(data)) and b"Helvetica" not in data
    assert reader(data).metadata.title == f"Employment First 2027 ({plan.ref})"


def test_a_long_plan_runs_over_pages_with_every_goal_and_page_numbers():
    goals = tuple(PlanGoalView(n, f"Goal title {n}", "Why it matters. " * 20, "0 of 4 actions done (0%)",
                               tuple(PlanStrategyView(f"Strategy text {n}.{k}",
                                                      tuple(PlanActionView(f"Action {n}.{k}.{a}", "State VR",
                                                                           date(2027, 3, a), "Not started",
                                                                           f"TK-{n}{k}{a:02d}")
                                                            for a in range(1, 5)))
                                     for k in range(1, 3)))
                  for n in range(1, 9))
    view = StrategicPlanView("SP-0007", 3, "Statewide plan", "Iowa Employment First", "State", "Adopted",
                             "2027", date(2027, 1, 5), "Work for all.", "Choice", ("A", "B"), goals,
                             (PlanSignerView("José Muñoz", "Director", "A", "Primary"),), date(2027, 1, 6),
                             demo=True)
    data = render_strategic_plan(view)
    pages = page_texts(data)
    assert len(pages) >= 3
    text = all_text(data)
    assert all(f"Goal {n}. Goal title {n}" in text for n in range(1, 9)) and "Action 8.2.4" in text
    assert "Signature of José Muñoz" in pages[-1] and "DEMO — invented data" in pages[0]
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
