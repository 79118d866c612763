"""People: creating, editing, stages, archive/restore, caseload search and name resolution."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import RepresentativeAuthority, Stage
from caseteam.domain.plans import GoalStatus
from caseteam.errors import AmbiguousName, Conflict, NotFound, ValidationError
from caseteam.services import organizations, people, plans, tasks


def new_person(store, actor, given="Ana", family="Lopez", **values):
    with store.unit_of_work() as uow:
        row, _ = people.create_person(uow, actor, given_name=given, family_name=family, **values)
    return row


def refused(store, fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        with store.unit_of_work() as uow:
            fn(uow, *args, **kwargs)
    return info.value


# --- creating ---------------------------------------------------------------------------------

@pytest.mark.parametrize("missing", ["given_name", "family_name"])
def test_create_refuses_a_missing_name_and_names_the_field(store, actor, missing):
    names = {"given_name": "Ana", "family_name": "Lopez", missing: "   "}
    err = refused(store, people.create_person, actor, **names)
    assert err.field == missing
    assert "required" in err.message
    with store.unit_of_work() as uow:
        assert people.caseload(uow, actor) == []


def test_create_refuses_bad_values(store, actor):
    tomorrow = date.today() + timedelta(days=1)
    err = refused(store, people.create_person, actor, given_name="Ana", family_name="Lopez",
                  date_of_birth=tomorrow)
    assert err.field == "date_of_birth" and "future" in err.message

    err = refused(store, people.create_person, actor, given_name="Ana", family_name="Lopez",
                  email="ana.lopez-at-example.org")
    assert err.field == "email" and "ana.lopez-at-example.org" in err.message

    err = refused(store, people.create_person, actor, given_name="Ana", family_name="Lopez",
                  representative_authority=RepresentativeAuthority.GUARDIAN)
    assert err.field == "representative_name"

    with store.unit_of_work() as uow:
        assert people.caseload_count(uow, actor) == 0


def test_references_are_issued_in_order_and_preferred_name_is_shown(store, actor):
    first = new_person(store, actor, "Roberto", "Muñoz", preferred_name="Beto",
                       representative_authority=RepresentativeAuthority.GUARDIAN,
                       representative_name="Marta Muñoz", email="beto@example.org")
    second = new_person(store, actor, "Thị Ánh", "Nguyễn")
    assert (first.ref, second.ref) == ("PE-0001", "PE-0002")
    assert first.display_name == "Beto Muñoz"
    assert second.display_name == "Thị Ánh Nguyễn"
    assert first.version == 1
    with store.unit_of_work() as uow:
        assert people.get_person(uow, actor, "pe-0001").id == first.id
        names = {r.ref: (r.name, r.full_name) for r in people.caseload(uow, actor)}
    assert names["PE-0001"] == ("Beto Muñoz", "Roberto Muñoz")


# --- editing ----------------------------------------------------------------------------------

def test_update_with_current_version_saves_and_bumps_version(store, actor):
    person = new_person(store, actor)
    with store.unit_of_work() as uow:
        row, changes = people.update_person(uow, actor, person.id, version=1, phone="555-0101",
                                            preferred_name="Annie")
    assert changes.people
    assert row.version == 2
    with store.unit_of_work() as uow:
        again = people.get_person(uow, actor, person.id)
        assert (again.phone, again.display_name, again.version) == ("555-0101", "Annie Lopez", 2)
        # the new preferred name is searchable
        assert [r.ref for r in people.caseload(uow, actor, search="annie")] == [person.ref]


def test_update_with_stale_version_is_refused_and_changes_nothing(store, actor):
    person = new_person(store, actor)
    with store.unit_of_work() as uow:
        people.update_person(uow, actor, person.id, version=1, phone="555-0101")
    with pytest.raises(Conflict) as info:
        with store.unit_of_work() as uow:
            people.update_person(uow, actor, person.id, version=1, phone="555-9999", city="Dayton")
    assert "version 1" in info.value.message and "version 2" in info.value.message
    with store.unit_of_work() as uow:
        saved = people.get_person(uow, actor, person.id)
    assert (saved.phone, saved.city, saved.version) == ("555-0101", "", 2)


def test_stale_write_without_version_is_a_conflict(store, actor):
    """Two desks load the same record; the second save (no version passed) must not overwrite the first:
    SQLAlchemy's version check fails and the unit of work turns StaleDataError into Conflict."""
    person = new_person(store, actor)
    with store.unit_of_work() as desk_a:
        # Each desk holds its loaded copy (the session's identity map is weak: an unreferenced copy
        # would simply be loaded again, fresh).
        copy_a = desk_a.people.get(person.id)
        desk_a.commit()  # desk A lets go of the write lock while its user types
        with pytest.raises(Conflict) as info:
            with store.unit_of_work() as desk_b:
                copy_b = desk_b.people.get(person.id)
                desk_b.commit()
                assert copy_a.version == copy_b.version == 1
                people.update_person(desk_a, actor, person.id, version=None, phone="555-0001")
                desk_a.commit()
                people.update_person(desk_b, actor, person.id, version=None, phone="555-0002")
    assert "Someone else saved" in info.value.message
    with store.unit_of_work() as uow:
        saved = people.get_person(uow, actor, person.id)
    assert (saved.phone, saved.version) == ("555-0001", 2)


def test_update_cannot_set_authority_without_a_representative(store, actor):
    person = new_person(store, actor)
    err = refused(store, people.update_person, actor, person.id, version=1,
                  representative_authority=RepresentativeAuthority.POWER_OF_ATTORNEY)
    assert err.field == "representative_name"
    with store.unit_of_work() as uow:
        row, _ = people.update_person(uow, actor, person.id, version=1, representative_name="Luis Lopez",
                                      representative_authority=RepresentativeAuthority.POWER_OF_ATTORNEY)
    assert row.representative_authority is RepresentativeAuthority.POWER_OF_ATTORNEY


# --- stages -----------------------------------------------------------------------------------

def test_stage_changes_are_kept_in_order_with_reasons(store, actor):
    start = date.today() - timedelta(days=30)
    person = new_person(store, actor, stage_entered_on=start, referral_note="From VR")
    with store.unit_of_work() as uow:
        people.change_stage(uow, actor, person.id, Stage.DISCOVERY, entered_on=start + timedelta(days=3))
    with store.unit_of_work() as uow:
        row, _ = people.change_stage(uow, actor, person.id, Stage.ON_HOLD, entered_on=start + timedelta(days=10),
                                     reason="Hospital stay")
    assert (row.stage, row.stage_entered_on) == (Stage.ON_HOLD, start + timedelta(days=10))
    with store.unit_of_work() as uow:
        history = people.stage_history(uow, actor, person.id)
    assert [(h.stage, h.previous_stage, h.entered_on, h.reason) for h in history] == [
        (Stage.REFERRAL, None, start, "From VR"),
        (Stage.DISCOVERY, Stage.REFERRAL, start + timedelta(days=3), ""),
        (Stage.ON_HOLD, Stage.DISCOVERY, start + timedelta(days=10), "Hospital stay"),
    ]


def test_stage_change_rules(store, actor):
    start = date.today() - timedelta(days=5)
    person = new_person(store, actor, stage_entered_on=start)
    err = refused(store, people.change_stage, actor, person.id, Stage.DISCOVERY,
                  entered_on=start - timedelta(days=1))
    assert err.field == "entered_on"
    for stage in (Stage.ON_HOLD, Stage.CLOSED_SUCCESSFUL, Stage.CLOSED_UNSUCCESSFUL):
        err = refused(store, people.change_stage, actor, person.id, stage, reason="  ")
        assert err.field == "reason" and stage.label in err.message
    err = refused(store, people.change_stage, actor, person.id, Stage.REFERRAL)
    assert err.field == "stage"
    with store.unit_of_work() as uow:
        assert [h.stage for h in people.stage_history(uow, actor, person.id)] == [Stage.REFERRAL]
        assert people.get_person(uow, actor, person.id).stage is Stage.REFERRAL


# --- archive and restore ----------------------------------------------------------------------

def test_archive_hides_a_person_and_restore_brings_them_back(store, actor):
    ana = new_person(store, actor, "Ana", "Lopez")
    new_person(store, actor, "Ben", "Okafor")
    with store.unit_of_work() as uow:
        people.archive_person(uow, actor, ana.id, reason="Moved away")
    with store.unit_of_work() as uow:
        assert [r.name for r in people.caseload(uow, actor)] == ["Ben Okafor"]
        assert people.caseload_count(uow, actor, search="lopez") == 0
        with pytest.raises(NotFound, match="archived"):
            uow.people.get(ana.id)
        with pytest.raises(NotFound):
            people.get_person(uow, actor, "PE-0001")
    with store.unit_of_work() as uow:
        row, _ = people.restore_person(uow, actor, ana.id)
    assert not row.archived
    with store.unit_of_work() as uow:
        assert [r.name for r in people.caseload(uow, actor)] == ["Ana Lopez", "Ben Okafor"]
        assert uow.people.get(ana.id).ref == "PE-0001"
    err = refused(store, people.restore_person, actor, ana.id)
    assert err.field == "person"


# --- caseload ---------------------------------------------------------------------------------

def test_caseload_search_ignores_accents_and_case_and_matches_references(store, actor):
    munoz = new_person(store, actor, "José", "Muñoz")
    nguyen = new_person(store, actor, "Thị Ánh", "Nguyễn")
    new_person(store, actor, "Dana", "Smith")
    with store.unit_of_work() as uow:
        def found(text):
            return [r.id for r in people.caseload(uow, actor, search=text)]

        assert found("munoz") == [munoz.id]
        assert found("MUÑOZ") == [munoz.id]
        assert found("jose mu") == [munoz.id]
        assert found("NGUYEN") == [nguyen.id]
        assert found("thi anh") == [nguyen.id]
        assert found(nguyen.ref.lower()) == [nguyen.id]
        assert found("PE-0003") == [people.caseload(uow, actor, search="smith")[0].id]
        assert found("zzz") == []
        assert found("%") == []  # a wildcard the user types is a plain character
        assert found("_") == []
        assert len(found("")) == 3
        assert people.caseload_count(uow, actor, search="nguyễn") == 1


def test_caseload_stage_filter(store, actor):
    a = new_person(store, actor, "Ana", "Lopez")
    new_person(store, actor, "Ben", "Okafor")
    with store.unit_of_work() as uow:
        people.change_stage(uow, actor, a.id, Stage.DISCOVERY)
    with store.unit_of_work() as uow:
        assert [r.id for r in people.caseload(uow, actor, stage=Stage.DISCOVERY)] == [a.id]
        assert [r.name for r in people.caseload(uow, actor, stage=Stage.REFERRAL)] == ["Ben Okafor"]
        assert people.caseload(uow, actor, stage=Stage.EMPLOYED) == []
        assert people.caseload_count(uow, actor, stage=Stage.DISCOVERY, search="okafor") == 0


def test_caseload_columns(store, actor):
    today = date.today()
    with store.unit_of_work() as uow:
        org, _ = organizations.create_organization(uow, actor, name="Northside CRP", kind=OrganizationKind.CRP)
        lead, _ = organizations.add_staff(uow, actor, org.id, given_name="Kim", family_name="Park")
    ana = new_person(store, actor, "Ana", "Lopez", lead_staff_id=lead.id, home_organization_id=org.id)
    ben = new_person(store, actor, "Ben", "Okafor")
    with store.unit_of_work() as uow:
        def task(title, due, person=ana):
            row, _ = tasks.create_task(uow, actor, title=title, organization_id=org.id, person_id=person.id, due=due)
            return row

        task("Call VR", today + timedelta(days=9))
        task("Book Discovery visit", today + timedelta(days=2))
        task("No date", None)
        done = task("Old job", today - timedelta(days=20))
        cancelled = task("Dropped", today - timedelta(days=30))
        archived = task("Archived", today - timedelta(days=40))
        tasks.complete_task(uow, actor, done.id)
        tasks.cancel_task(uow, actor, cancelled.id, reason="Not needed")
        tasks.set_task_archived(uow, actor, archived.id, True)
        plans.save_plan_revision(uow, actor, ana.id, plans.PlanDraft(vision="Work with animals"), summary="First")
    with store.unit_of_work() as uow:
        second, _ = plans.save_plan_revision(uow, actor, ana.id, plans.PlanDraft(
            vision="Work with animals", goals=(plans.GoalDraft("Visit 3 vets", status=GoalStatus.IN_PROGRESS),)),
            summary="Goal added", based_on=1)
    with store.unit_of_work() as uow:
        rows = {r.id: r for r in people.caseload(uow, actor)}
    a, b = rows[ana.id], rows[ben.id]
    assert (a.lead, a.home_organization) == ("Kim Park", "Northside CRP")
    assert a.open_tasks == 3
    assert a.next_due == today + timedelta(days=2)
    assert a.plan_number == 2
    assert a.plan_revised == second.saved_at
    assert (b.lead, b.home_organization, b.open_tasks, b.next_due, b.plan_revised, b.plan_number) == (
        "", "", 0, None, None, None)


def test_caseload_pages(store, actor):
    for family in ("Adams", "Baker", "Clark", "Diaz", "Evans"):
        new_person(store, actor, "Sam", family)
    with store.unit_of_work() as uow:
        page = people.caseload(uow, actor, limit=2, offset=2)
        assert [r.name for r in page] == ["Sam Clark", "Sam Diaz"]
        assert people.caseload_count(uow, actor) == 5


# --- resolving names --------------------------------------------------------------------------

def test_resolve_person_by_reference_name_or_ambiguity(store, actor):
    first = new_person(store, actor, "Maria", "Garcia")
    second = new_person(store, actor, "María", "García Ruiz")
    new_person(store, actor, "Tom", "Reed")
    with store.unit_of_work() as uow:
        assert people.resolve_person(uow, "pe-0003").family_name == "Reed"
        assert people.resolve_person(uow, str(second.id)).id == second.id
        assert people.resolve_person(uow, "ruiz").id == second.id
        with pytest.raises(AmbiguousName) as info:
            people.resolve_person(uow, "garcia")
        with pytest.raises(NotFound):
            people.resolve_person(uow, "Nobody")
    err = info.value
    assert len(err.matches) == 2
    assert any(first.ref in m and "Maria Garcia" in m for m in err.matches)
    assert any(second.ref in m and "María García Ruiz" in m for m in err.matches)
    assert "PE-0001" in err.message and "PE-0002" in err.message
