"""The caseload screen's query: filters and sorting in SQL, pages that fit together, on both engines."""

from __future__ import annotations

from datetime import date, timedelta

from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import Stage
from caseteam.services import caseload, organizations, people, plans, tasks
from caseteam.services.caseload import CaseloadQuery, CaseloadSort
from caseteam.services.plans import PlanDraft

from builders import bulk_add_people, record_exchange


def small_caseload(store, actor):
    today = date.today()
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        lupe, _ = organizations.add_staff(uow, actor, crp.id, given_name="Lupe", family_name="Hernández")
        marcus, _ = organizations.add_staff(uow, actor, crp.id, given_name="Marcus", family_name="Bell")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Zamora", lead_staff_id=lupe.id,
                                      home_organization_id=crp.id, stage=Stage.JOB_DEVELOPMENT)
        bo, _ = people.create_person(uow, actor, given_name="Bo", family_name="Young", lead_staff_id=marcus.id,
                                     home_organization_id=vr.id, stage=Stage.DISCOVERY)
        cy, _ = people.create_person(uow, actor, given_name="Cy", family_name="Xu", stage=Stage.REFERRAL)
        record_exchange(uow, actor, bo.id, crp.id)
        tasks.create_task(uow, actor, title="Late", organization_id=crp.id, person_id=ana.id,
                          due=today - timedelta(days=3))
        tasks.create_task(uow, actor, title="Soon", organization_id=crp.id, person_id=bo.id,
                          due=today + timedelta(days=3))
        plans.save_plan_revision(uow, actor, bo.id, PlanDraft(vision="Work", review_due=today + timedelta(days=10)),
                                 summary="First")
        plans.save_plan_revision(uow, actor, ana.id, PlanDraft(vision="Work", review_due=today + timedelta(days=200)),
                                 summary="First")
    return today, {"crp": crp, "vr": vr, "lupe": lupe, "marcus": marcus}, {"ana": ana, "bo": bo, "cy": cy}


def names(store, actor, query: CaseloadQuery) -> list[str]:
    with store.unit_of_work(write=False) as uow:
        page = caseload.fetch_page(uow, actor, query)
    assert page.total == len(page.rows)
    return [r.name for r in page.rows]


def test_each_filter_narrows_in_sql(store, actor):
    today, orgs, _ = small_caseload(store, actor)
    assert names(store, actor, CaseloadQuery()) == ["Cy Xu", "Bo Young", "Ana Zamora"]
    assert names(store, actor, CaseloadQuery(stage=Stage.DISCOVERY)) == ["Bo Young"]
    assert names(store, actor, CaseloadQuery(lead_staff_id=orgs["lupe"].id)) == ["Ana Zamora"]
    assert names(store, actor, CaseloadQuery(organization_id=orgs["vr"].id)) == ["Bo Young"]
    assert names(store, actor, CaseloadQuery(overdue_on=today)) == ["Ana Zamora"]
    assert names(store, actor, CaseloadQuery(review_due_by=caseload.review_due_by(today))) == ["Bo Young"]
    assert names(store, actor, CaseloadQuery(search="zamo", stage=Stage.JOB_DEVELOPMENT)) == ["Ana Zamora"]


def test_my_caseload_is_the_people_the_actor_leads(store, actor):
    _, orgs, _ = small_caseload(store, actor)
    lupe = actor.__class__(**{**actor.__dict__, "staff_id": orgs["lupe"].id})
    assert names(store, lupe, caseload.my_caseload(lupe, CaseloadQuery())) == ["Ana Zamora"]
    assert names(store, actor, caseload.my_caseload(actor, CaseloadQuery())) == []  # no staff record


def test_sorting_puts_empty_values_last_in_either_direction(store, actor):
    small_caseload(store, actor)
    by = lambda sort, down=False: names(store, actor, CaseloadQuery(sort=sort, descending=down))  # noqa: E731
    assert by(CaseloadSort.NEXT_DUE) == ["Ana Zamora", "Bo Young", "Cy Xu"]
    assert by(CaseloadSort.NEXT_DUE, True) == ["Bo Young", "Ana Zamora", "Cy Xu"]
    assert by(CaseloadSort.STAGE) == ["Cy Xu", "Bo Young", "Ana Zamora"]  # the order a case moves through
    assert by(CaseloadSort.LEAD) == ["Bo Young", "Ana Zamora", "Cy Xu"]  # Bell, Hernández, none
    assert by(CaseloadSort.NAME, True) == ["Ana Zamora", "Bo Young", "Cy Xu"]


def test_pages_fit_together_without_gaps_or_repeats(store, actor):
    with store.unit_of_work() as uow:
        org, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        staff, _ = organizations.add_staff(uow, actor, org.id, given_name="Lupe", family_name="Hernández")
    bulk_add_people(store, actor, org, staff, 0, 450)
    seen = []
    with store.unit_of_work(write=False) as uow:
        first = caseload.fetch_page(uow, actor, CaseloadQuery(sort=CaseloadSort.NEXT_DUE), limit=200)
        seen += first.rows
        while len(seen) < first.total:
            page = caseload.fetch_page(uow, actor, CaseloadQuery(sort=CaseloadSort.NEXT_DUE), offset=len(seen),
                                       limit=200, with_total=False)
            assert page.rows
            seen += page.rows
    assert first.total == 450 and len({r.id for r in seen}) == 450
    dues = [r.next_due for r in seen]
    assert dues == sorted(dues)


def test_filter_choices_list_only_leads_and_homes_people_have(store, actor):
    _, orgs, _ = small_caseload(store, actor)
    with store.unit_of_work(write=False) as uow:
        choices = caseload.filter_choices(uow, actor)
    assert [name for _, name in choices.leads] == ["Marcus Bell", "Lupe Hernández"]
    assert [name for _, name in choices.organizations] == ["Bridgeway", "State VR"]
