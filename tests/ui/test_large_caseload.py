"""A 5,000-person store opens with one page of the caseload fetched, not all of it."""

from __future__ import annotations

from caseteam.domain.organizations import OrganizationKind
from caseteam.services import organizations
from caseteam.services.caseload import CaseloadQuery

from builders import bulk_add_people, local_actor


def test_five_thousand_people_open_with_one_page_fetched(qtbot, open_window, sqlite_store):
    actor = local_actor(sqlite_store)
    with sqlite_store.unit_of_work() as uow:
        org, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        staff, _ = organizations.add_staff(uow, actor, org.id, given_name="Lupe", family_name="Hernández")
    bulk_add_people(sqlite_store, actor, org, staff, 0, 5000)
    path = sqlite_store.path
    sqlite_store.close()

    window = open_window(path)
    page = window.caseload
    assert page.model.total == 5000
    assert page.model.rowCount() == page.PAGE < 5000
    assert page.model.canFetchMore()
    assert page.count_label.text() == "5,000 people"
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 * page.PAGE, timeout=20_000)
    assert isinstance(page._query, CaseloadQuery)


def test_a_provider_with_ten_thousand_open_tasks_shows_the_first_hundred_and_says_so(qtbot, open_window,
                                                                                      sqlite_store):
    actor = local_actor(sqlite_store)
    with sqlite_store.unit_of_work() as uow:
        org, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        staff, _ = organizations.add_staff(uow, actor, org.id, given_name="Lupe", family_name="Hernández")
    bulk_add_people(sqlite_store, actor, org, staff, 0, 5000)
    path = sqlite_store.path
    sqlite_store.close()

    window = open_window(path)
    detail = window.partners.detail
    window.sections.setCurrentWidget(window.partners)  # the directory reads when first shown
    qtbot.waitUntil(lambda: detail.detail is not None and detail.detail.organization.name == "Bridgeway",
                    timeout=20_000)
    assert detail.task_model.rowCount() == 100
    assert detail.tabs.tabText(3) == "Open tasks (10000)"
    assert detail.tasks_note.text().startswith("Showing the 100 due soonest of 10,000.")
