"""Ctrl+K search across people, organizations, staff and tasks."""

from __future__ import annotations

from caseteam.domain.organizations import OrganizationKind
from caseteam.services import organizations, people, search, tasks
from caseteam.services.search import HitKind


def test_finds_each_kind_by_name_or_reference(store, actor):
    with store.unit_of_work() as uow:
        org, _ = organizations.create_organization(uow, actor, name="Bridgeway Employment Services",
                                                   kind=OrganizationKind.CRP)
        staff, _ = organizations.add_staff(uow, actor, org.id, given_name="Bridget", family_name="Olsen",
                                           title="Job Coach")
        person, _ = people.create_person(uow, actor, given_name="José", family_name="Muñoz García",
                                         preferred_name="Pepe")
        task, _ = tasks.create_task(uow, actor, title="Bridge the gap in bus passes", organization_id=org.id)
    with store.unit_of_work(write=False) as uow:
        hits = search.search(uow, actor, "brid")
        assert [(h.kind, h.title) for h in hits] == [
            (HitKind.ORGANIZATION, "Bridgeway Employment Services"),
            (HitKind.STAFF, "Bridget Olsen"),
            (HitKind.TASK, "Bridge the gap in bus passes"),
        ]
        assert hits[1].organization_id == org.id and "Job Coach" in hits[1].detail
        [hit] = search.search(uow, actor, "munoz")
        assert (hit.kind, hit.title, hit.ref) == (HitKind.PERSON, "Pepe Muñoz García", person.ref)
        assert [h.id for h in search.search(uow, actor, task.ref.lower())] == [task.id]
        assert search.search(uow, actor, "b") == []
        assert search.search(uow, actor, "100%") == []


def test_archived_records_are_not_found(store, actor):
    with store.unit_of_work() as uow:
        person, _ = people.create_person(uow, actor, given_name="Mai", family_name="Xiong")
        people.archive_person(uow, actor, person.id)
    with store.unit_of_work(write=False) as uow:
        assert search.search(uow, actor, "xiong") == []
