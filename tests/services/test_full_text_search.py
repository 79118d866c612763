"""Global and caseload search from the full-text index: accent- and case-blind word prefixes, ranked."""

from __future__ import annotations

from caseteam.domain.organizations import OrganizationKind
from caseteam.services import caseload, organizations, people, plans, search
from caseteam.services.caseload import CaseloadQuery
from caseteam.services.plans import PlanDraft


def _names(store, actor, text):
    with store.unit_of_work(write=False) as uow:
        return [r.name for r in caseload.fetch_page(uow, actor, CaseloadQuery(search=text)).rows]


def test_accents_case_prefixes_and_every_word(store, actor):
    with store.unit_of_work() as uow:
        people.create_person(uow, actor, given_name="Thị Ánh", family_name="Nguyễn")
        people.create_person(uow, actor, given_name="José", family_name="Muñoz")
    assert _names(store, actor, "nguyen") == ["Thị Ánh Nguyễn"]
    assert _names(store, actor, "NGUY") == ["Thị Ánh Nguyễn"]
    assert _names(store, actor, "munoz") == ["José Muñoz"]
    assert _names(store, actor, "jose mu") == ["José Muñoz"]
    assert _names(store, actor, "jose nguy") == []


def test_name_match_ranks_before_plan_text_and_plan_text_finds(store, actor):
    with store.unit_of_work() as uow:
        org, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        groomer, _ = people.create_person(uow, actor, given_name="Ana", family_name="Zamora")
        plans.save_plan_revision(uow, actor, groomer.id, PlanDraft(vision="Dog grooming at a salon"), summary="First")
        named, _ = people.create_person(uow, actor, given_name="Groomsby", family_name="Young")
    with store.unit_of_work(write=False) as uow:
        assert [h.id for h in search.search(uow, actor, "groom")] == [named.id, groomer.id]
        assert [h.id for h in search.search(uow, actor, "pe-1")] == [groomer.id]  # PE-0001
    assert _names(store, actor, "groom") == ["Groomsby Young", "Ana Zamora"] or \
        sorted(_names(store, actor, "groom")) == ["Ana Zamora", "Groomsby Young"]


def test_edit_found_before_commit_and_rollback_leaves_old_name(store, actor):
    with store.unit_of_work() as uow:
        p, _ = people.create_person(uow, actor, given_name="Mai", family_name="Xiong")
    try:
        with store.unit_of_work() as uow:
            row = people.get_person(uow, actor, p.id)
            people.update_person(uow, actor, p.id, version=row.version, family_name="Lê")
            assert [h.id for h in search.search(uow, actor, "le mai")] == [p.id]
            raise RuntimeError("undo")
    except RuntimeError:
        pass
    with store.unit_of_work(write=False) as uow:
        assert [h.id for h in search.search(uow, actor, "xiong")] == [p.id]
        assert search.search(uow, actor, "le mai") == []
