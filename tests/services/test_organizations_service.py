"""Partner organizations, programs and staff: create, edit with conflict, archive, resolve by name."""

from __future__ import annotations

import pytest

from caseteam.domain.organizations import OrganizationKind
from caseteam.errors import AmbiguousName, Conflict, NotFound, ValidationError
from caseteam.services import organizations


def new_org(store, actor, name, kind=OrganizationKind.CRP, **values):
    with store.unit_of_work() as uow:
        row, _ = organizations.create_organization(uow, actor, name=name, kind=kind, **values)
    return row


def new_staff(store, actor, org, given, family, **values):
    with store.unit_of_work() as uow:
        row, _ = organizations.add_staff(uow, actor, org.id, given_name=given, family_name=family, **values)
    return row


def test_create_organization_program_and_staff(store, actor):
    with pytest.raises(ValidationError) as info:
        with store.unit_of_work() as uow:
            organizations.create_organization(uow, actor, name="  ", kind=OrganizationKind.VR_OFFICE)
    assert info.value.field == "name"

    vr = new_org(store, actor, "Franklin County VR", OrganizationKind.VR_OFFICE, city="Columbus",
                 phone="614-555-0100")
    crp = new_org(store, actor, "Northside CRP")
    assert (vr.ref, crp.ref) == ("OR-0001", "OR-0002")
    assert (vr.kind, vr.city, vr.version, vr.archived) == (OrganizationKind.VR_OFFICE, "Columbus", 1, False)

    with store.unit_of_work() as uow:
        program, changes = organizations.add_program(uow, actor, vr.id, name="Title IV Vocational Rehabilitation",
                                                     mandated_partner=True, funding_stream="Title IV")
    assert changes.organizations and program.mandated_partner and program.organization_id == vr.id

    counselor = new_staff(store, actor, vr, "Dana", "Whitfield", title="VR Counselor")
    assert counselor.ref == "ST-0001"
    assert (counselor.name, counselor.organization_name, counselor.title, counselor.active) == (
        "Dana Whitfield", "Franklin County VR", "VR Counselor", True)
    with pytest.raises(ValidationError) as info:
        with store.unit_of_work() as uow:
            organizations.add_staff(uow, actor, vr.id, given_name="Dana", family_name="")
    assert info.value.field == "family_name"
    with pytest.raises(ValidationError) as info:
        with store.unit_of_work() as uow:
            organizations.create_organization(uow, actor, name="X", kind=OrganizationKind.CRP, colour="red")
    assert info.value.field == "colour"


def test_update_organization_and_conflict(store, actor):
    org = new_org(store, actor, "Northside CRP")
    with store.unit_of_work() as uow:
        row, changes = organizations.update_organization(uow, actor, org.id, version=1, name="Northside Works",
                                                         kind=OrganizationKind.MENTAL_HEALTH)
    assert changes.organizations
    assert (row.name, row.kind, row.version) == ("Northside Works", OrganizationKind.MENTAL_HEALTH, 2)
    with pytest.raises(Conflict) as info:
        with store.unit_of_work() as uow:
            organizations.update_organization(uow, actor, org.id, version=1, name="Stale name")
    assert "Northside Works" in info.value.message
    with store.unit_of_work() as uow:
        again, changes = organizations.update_organization(uow, actor, org.id, version=2, name="Northside Works")
    assert not changes  # nothing differed: no new version, no refresh needed
    assert (again.name, again.version) == ("Northside Works", 2)
    with pytest.raises(ValidationError):
        with store.unit_of_work() as uow:
            organizations.update_organization(uow, actor, org.id, version=2, name="")


def test_update_staff_and_conflict(store, actor):
    org = new_org(store, actor, "Northside CRP")
    staff = new_staff(store, actor, org, "Kim", "Park")
    with store.unit_of_work() as uow:
        row, _ = organizations.update_staff(uow, actor, staff.id, version=1, title="Job developer",
                                            credentials="ACRE")
    assert (row.title, row.credentials, row.version) == ("Job developer", "ACRE", 2)
    with pytest.raises(Conflict, match="Kim Park"):
        with store.unit_of_work() as uow:
            organizations.update_staff(uow, actor, staff.id, version=1, title="Old copy")
    with store.unit_of_work() as uow:
        assert uow.staff.get(staff.id).title == "Job developer"


def test_archive_and_restore_organization(store, actor):
    org = new_org(store, actor, "Northside CRP")
    with store.unit_of_work() as uow:
        row, _ = organizations.set_organization_archived(uow, actor, org.id, True)
    assert row.archived
    with store.unit_of_work() as uow:
        with pytest.raises(NotFound):
            uow.organizations.get(org.id)
        with pytest.raises(NotFound):
            organizations.resolve_organization(uow, "northside")
        # an archived organization cannot be given new staff
        with pytest.raises(NotFound):
            organizations.add_staff(uow, actor, org.id, given_name="Kim", family_name="Park")
    with store.unit_of_work() as uow:
        row, _ = organizations.set_organization_archived(uow, actor, org.id, False)
    assert not row.archived
    with store.unit_of_work() as uow:
        assert organizations.resolve_organization(uow, "northside").id == org.id


def test_resolve_organization(store, actor):
    north = new_org(store, actor, "Springfield North CRP")
    south = new_org(store, actor, "Springfield South CRP")
    new_org(store, actor, "Clark County VR", OrganizationKind.VR_OFFICE)
    with store.unit_of_work() as uow:
        assert organizations.resolve_organization(uow, "or-0003").name == "Clark County VR"
        assert organizations.resolve_organization(uow, "springfield NORTH crp").id == north.id
        assert organizations.resolve_organization(uow, "south").id == south.id
        with pytest.raises(AmbiguousName) as info:
            organizations.resolve_organization(uow, "springfield")
        with pytest.raises(NotFound):
            organizations.resolve_organization(uow, "Goodwill")
    assert info.value.matches == ["OR-0001  Springfield North CRP", "OR-0002  Springfield South CRP"]


def test_resolve_staff(store, actor):
    vr = new_org(store, actor, "Clark County VR", OrganizationKind.VR_OFFICE)
    crp = new_org(store, actor, "Northside CRP")
    a = new_staff(store, actor, vr, "Chris", "Taylor")
    b = new_staff(store, actor, crp, "Chris", "Taylor")
    c = new_staff(store, actor, crp, "Robin", "Hale")
    with store.unit_of_work() as uow:
        assert organizations.resolve_staff(uow, "robin hale").id == c.id
        assert organizations.resolve_staff(uow, "st-0001").id == a.id
        with pytest.raises(AmbiguousName) as info:
            organizations.resolve_staff(uow, "Chris Taylor")
        with pytest.raises(NotFound):
            organizations.resolve_staff(uow, "Nobody")
    matches = info.value.matches
    assert len(matches) == 2
    assert any(a.ref in m and "Clark County VR" in m for m in matches)
    assert any(b.ref in m and "Northside CRP" in m for m in matches)


def test_resolve_ignores_case_and_accents_on_both_engines(store, actor):
    """The laptop (SQLite) and the office server (PostgreSQL) find the same records for the same text."""
    org = new_org(store, actor, "Oficina Ñandú")
    jose = new_staff(store, actor, org, "José", "Álvarez")
    with store.unit_of_work() as uow:
        for text in ("ÁLVAREZ", "alvarez", "jose alvarez", "JOSÉ", "st-0001"):
            assert organizations.resolve_staff(uow, text).id == jose.id, text
        for text in ("ÑANDÚ", "nandu", "oficina ñandú", "OR-0001"):
            assert organizations.resolve_organization(uow, text).id == org.id, text
        # a wildcard typed by the user is a plain character
        with pytest.raises(NotFound):
            organizations.resolve_staff(uow, "%")
        with pytest.raises(NotFound):
            organizations.resolve_organization(uow, "_")


def test_a_programs_retention_basis_is_kept_and_an_unknown_one_refused(store, actor):
    vr = new_org(store, actor, "Franklin County VR", OrganizationKind.VR_OFFICE)
    with store.unit_of_work() as uow:
        program, _ = organizations.add_program(uow, actor, vr.id, name="Title IV VR", retention_basis="hire_date")
    assert (program.retention_basis, program.retention_words) == ("hire_date", "The hire date")
    with pytest.raises(ValidationError) as info:
        with store.unit_of_work() as uow:
            organizations.update_program(uow, actor, program.id, version=program.version,
                                         retention_basis="first_paycheck")
    assert info.value.field == "retention_basis"
    assert "Counts 30/60/90-day retention from" in info.value.message and "first_paycheck" in info.value.message
    with pytest.raises(ValidationError) as info:
        with store.unit_of_work() as uow:
            organizations.add_program(uow, actor, vr.id, name="Supported employment", retention_basis="hired")
    assert info.value.field == "retention_basis"
    with store.unit_of_work() as uow:
        program, changes = organizations.update_program(uow, actor, program.id, version=program.version,
                                                        retention_basis="stabilization")
    assert changes.organizations and program.retention_words == "Stabilization (move to extended services)"
    with store.unit_of_work() as uow:
        program, _ = organizations.update_program(uow, actor, program.id, version=program.version,
                                                  retention_basis="")
        detail = organizations.get_organization_detail(uow, actor, vr.id)
    assert [p.retention_basis for p in detail.programs] == [""]
    assert program.retention_words == "Not a funder of retention milestones"
