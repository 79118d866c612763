"""Every Qt model in ui/models/ follows Qt's model rules (pytest-qt's qtmodeltester, the C++
QAbstractItemModelTester and the Python one), loaded with real rows from the demo partnership, empty, and
while it changes the way the screens change it: pages fetched as the view scrolls, a reload, goals and
steps added, moved and removed. (The audit log's model has the same checks in test_audit_log.py.)"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt, QTimer

from caseteam.domain.people import Stage
from caseteam.services import caseload, consent, discovery, organizations, people, plans, task_board, teams
from caseteam.services.caseload import CaseloadQuery
from caseteam.services.task_board import BoardQuery, TaskSort
from ui.models.activity_model import ActivityModel
from ui.models.caseload_model import CaseloadModel
from ui.models.consent_models import DisclosureModel, ReleaseModel
from ui.models.partner_models import (OpenTaskModel, OrganizationTableModel, ProgramTableModel, ServedPeopleModel,
                                      StaffTableModel)
from ui.models.plan_goals_model import EditGoal, PlanGoalsModel
from ui.models.revision_model import RevisionTableModel
from ui.models.task_model import Column as TaskColumn, TaskTableModel
from ui.models.team_model import TeamModel

from builders import local_actor

PAGE = 15  # small pages, so the tester sees rows inserted by fetchMore


@pytest.fixture(params=[False, True], ids=["cpp-tester", "py-tester"])
def check(request, qtmodeltester):
    """check(model): the model tester in both flavours; it keeps watching the model afterwards."""
    return lambda model: qtmodeltester.check(model, force_py=request.param)


@dataclass
class Demo:
    uow: object
    actor: object

    def person(self, stage: Stage | None = None, *, plan: bool = False):
        rows = people.caseload(self.uow, self.actor, stage=stage)
        return next(r for r in rows if r.plan_number) if plan else rows[0]

    def busiest_organization(self):
        return max(organizations.list_organizations(self.uow, self.actor, include_archived=True),
                   key=lambda o: (o.open_tasks, o.people_served))


@pytest.fixture
def demo(demo_store):
    actor = local_actor(demo_store)
    with demo_store.unit_of_work(write=False) as uow:
        yield Demo(uow, actor)


def paged(model, fetch: Callable[[int], object]) -> None:
    """Answer fetchMore a moment later, as the screens do when the worker replies."""
    model.fetch_more_rows = lambda offset: QTimer.singleShot(0, lambda: model.append_rows(fetch(offset).rows, offset))


def fetch_pages(qtbot, model, pages: int = 1_000) -> None:
    """Scroll for more, as a view does, until `pages` more arrived or there is no more."""
    for _ in range(pages):
        if not model.canFetchMore():
            return
        loaded = model.rowCount()
        model.fetchMore()
        # As a view does while scrolling: ask again until the page is in (one request at a time).
        qtbot.waitUntil(lambda: model.fetchMore() or model.rowCount() > loaded, timeout=20_000)


# --- the paged tables: caseload and task board ------------------------------------------------------------

def test_caseload_model_with_pages_and_a_reload(qtbot, check, demo):
    query = CaseloadQuery()
    first = caseload.fetch_page(demo.uow, demo.actor, query, limit=PAGE)
    assert first.total > 2 * PAGE  # so several pages arrive
    model = CaseloadModel()
    model.set_rows(first.rows, first.today, first.total)
    paged(model, lambda offset: caseload.fetch_page(demo.uow, demo.actor, query, offset=offset, limit=PAGE,
                                                    with_total=False))
    check(model)
    fetch_pages(qtbot, model)
    assert model.rowCount() == first.total == len({model.row_at(r).id for r in range(model.rowCount())})
    overdue = [r for r in range(model.rowCount()) if model.is_overdue(model.row_at(r))]
    assert overdue and model.index(overdue[0], 5).data().endswith("(overdue)")
    filtered = caseload.fetch_page(demo.uow, demo.actor, CaseloadQuery(stage=Stage.DISCOVERY), limit=PAGE)
    model.set_rows(filtered.rows, filtered.today, filtered.total)
    assert {model.index(r, 1).data() for r in range(model.rowCount())} == {Stage.DISCOVERY.label}


@pytest.mark.parametrize("group_by", [None, TaskSort.ORGANIZATION, TaskSort.STAFF], ids=["flat", "by-org", "by-staff"])
def test_task_model_with_group_headings_pages_and_a_reload(qtbot, check, demo, group_by):
    query = BoardQuery(group_by=group_by, statuses=())
    first = task_board.fetch_board(demo.uow, demo.actor, query, limit=PAGE)
    column = {TaskSort.ORGANIZATION: TaskColumn.ORGANIZATION, TaskSort.STAFF: TaskColumn.STAFF}.get(group_by)
    model = TaskTableModel()
    model.set_rows(first.rows, first.today, first.total, group_by=column, groups=first.groups)
    paged(model, lambda offset: task_board.fetch_board(demo.uow, demo.actor, query, offset=offset, limit=PAGE,
                                                       with_counts=False))
    check(model)
    fetch_pages(qtbot, model, 3)
    rows = model.task_rows()  # the tester scrolls for more too; no page arrives twice
    assert 4 * PAGE <= model.task_count == len({r.id for r in rows}) and model.task_count < first.total
    headings = [r for r in range(model.rowCount()) if model.is_group(r)]
    assert bool(headings) == (group_by is not None)
    model.set_rows(first.rows[:3], first.today, 3, group_by=column, groups=first.groups)
    assert model.task_count == 3 and not model.canFetchMore()


# --- the partner directory -----------------------------------------------------------------------------------

def test_partner_directory_models_on_the_busiest_organization(check, demo):
    listed = organizations.list_organizations(demo.uow, demo.actor, include_archived=True)
    detail = organizations.get_organization_detail(demo.uow, demo.actor, demo.busiest_organization().id)
    assert detail.programs and detail.staff and detail.open_tasks and detail.people
    loaded = []
    for model, rows in ((OrganizationTableModel(), listed), (ProgramTableModel(), detail.programs),
                        (StaffTableModel(), detail.staff), (ServedPeopleModel(), detail.people)):
        model.set_rows(rows)
        loaded.append(model)
    tasks = OpenTaskModel()
    tasks.set_tasks(detail.open_tasks, demo.uow.today())
    for model in (*loaded, tasks):
        check(model)
        assert model.rowCount() > 0 and model.index(0, 0).data()
    loaded[0].set_rows(listed[:2])  # a search narrows the list
    assert loaded[0].rowCount() == 2


# --- a person's workspace: plan goals, revisions, team, Discovery activities ---------------------------------

def test_plan_goals_model_while_goals_and_steps_are_added_moved_and_removed(check, demo):
    person = demo.person(Stage.JOB_DEVELOPMENT, plan=True)
    latest = plans.latest_plan(demo.uow, demo.actor, person.id)
    tasks = plans.step_status(demo.uow, demo.actor, person.id)
    assert len(latest.goals) > 1 and any(g.steps for g in latest.goals)
    model = PlanGoalsModel()
    model.load([EditGoal.of(g, tasks) for g in latest.goals])
    check(model)
    goal = model.add_goal(0)
    model.add_step(goal.row())
    model.add_step(goal.row(), 0)
    model.move(model.index(0, 0, goal), 1)  # the first step below the second
    model.move(goal, -1)                     # the new goal to the top
    model.item_changed(model.goals[0].steps[0])
    model.remove(model.index(1, 0, model.index(0, 0)))
    model.remove(model.index(len(model.goals) - 1, 0))
    assert len(model.goals) == len(latest.goals) and len(model.goals[0].steps) == 1
    model.load([])
    assert model.rowCount() == 0


@pytest.mark.parametrize("kind", ["plan", "profile"])
def test_revision_model_with_every_revision_of_a_person(check, demo, kind):
    load = plans.plan_revisions if kind == "plan" else discovery.profile_revisions
    rows = max((load(demo.uow, demo.actor, p.id) for p in people.caseload(demo.uow, demo.actor)), key=len)
    assert len(rows) > 1
    model = RevisionTableModel()
    model.load(rows, plans.author_names(demo.uow, demo.actor, {r.author_id for r in rows}))
    check(model)
    assert model.index(0, 0).data() == str(max(r.number for r in rows))
    model.load(rows[:1], {})
    assert model.index(0, 2).data() == "Unknown user"


def test_team_and_activity_models_for_someone_in_discovery(check, demo):
    person = next(p for p in people.caseload(demo.uow, demo.actor, stage=Stage.DISCOVERY)
                  if discovery.discovery_view(demo.uow, demo.actor, p.id).activities)
    view = teams.team_view(demo.uow, demo.actor, person.id)
    team = TeamModel()
    team.set_lines(view.lines, view.today)
    found = discovery.discovery_view(demo.uow, demo.actor, person.id)
    activities = ActivityModel()
    activities.set_rows(found.activities)
    for model in (team, activities):
        check(model)
        assert model.rowCount() > 0
    team.set_lines(view.lines[:1], view.today)
    activities.set_rows(found.activities[1:])
    assert activities.rowCount() == len(found.activities) - 1


def test_release_and_disclosure_models_for_the_person_with_most_releases(check, demo):
    releases, person = max(((consent.list_releases(demo.uow, demo.actor, p.id), p)
                            for p in people.caseload(demo.uow, demo.actor)), key=lambda found: len(found[0]))
    assert len(releases) > 1
    mine, expiring, log = ReleaseModel(), ReleaseModel(with_person=True), DisclosureModel()
    mine.set_rows(releases)
    expiring.set_rows(consent.expiring_releases(demo.uow, demo.actor, within_days=365))
    log.set_rows(consent.disclosures(demo.uow, demo.actor, person.id))
    for model in (mine, expiring, log):
        check(model)
    assert mine.index(0, 0).data() == releases[0].ref and expiring.rowCount() > 0
    mine.set_rows(releases[1:])
    assert mine.rowCount() == len(releases) - 1


# --- and each of them with nothing in it -----------------------------------------------------------------------

@pytest.mark.parametrize("model_class", [CaseloadModel, TaskTableModel, OrganizationTableModel, ProgramTableModel,
                                         StaffTableModel, OpenTaskModel, ServedPeopleModel, PlanGoalsModel,
                                         RevisionTableModel, TeamModel, ActivityModel, ReleaseModel,
                                         DisclosureModel],
                         ids=lambda cls: cls.__name__)
def test_an_empty_model(check, model_class):
    model = model_class()
    check(model)
    assert model.rowCount() == 0 and model.headerData(0, Qt.Orientation.Horizontal)
