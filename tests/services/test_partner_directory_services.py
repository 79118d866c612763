"""The partner directory's services: the list with counts, one organization's detail, program and
staff edits with stale-copy checks, archive and restore, each write audited. Both engines."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.tasks import TaskStatus
from caseteam.domain.teams import TeamRole
from caseteam.errors import Conflict, NotFound, ValidationError
from caseteam.services import handovers, organizations, people, tasks, teams

from test_statement_counts import counted  # a sibling module: pytest puts its folder on the path

from builders import record_exchange


def run(store, op):
    with store.unit_of_work() as uow:
        return op(uow)


@pytest.fixture
def partnership(store, actor):
    """A VR office serving two people through two counselors, a CRP with one, and an empty employer."""
    def build(uow):
        vr, _ = organizations.create_organization(uow, actor, name="State VR – Eastside", city="Eastport",
                                                  kind=OrganizationKind.VR_OFFICE, phone="(563) 555-0110")
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway Employment",
                                                   kind=OrganizationKind.CRP, city="Millbrook")
        organizations.create_organization(uow, actor, name="Café Ñandú", kind=OrganizationKind.EMPLOYER,
                                          city="Cedar Bend")
        title_iv, _ = organizations.add_program(uow, actor, vr.id, name="Title IV Vocational Rehabilitation",
                                                mandated_partner=True, funding_stream="WIOA Title IV")
        organizations.add_program(uow, actor, vr.id, name="Pre-ETS", mandated_partner=True)
        karen, _ = organizations.add_staff(uow, actor, vr.id, given_name="Karen", family_name="Mitchell",
                                           title="VR Counselor")
        luis, _ = organizations.add_staff(uow, actor, vr.id, given_name="Luis", family_name="Ortega")
        lupe, _ = organizations.add_staff(uow, actor, crp.id, given_name="Lupe", family_name="Hernández")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="García")
        ben, _ = people.create_person(uow, actor, given_name="Ben", family_name="Adams")
        for person in (ana, ben):
            record_exchange(uow, actor, person.id, vr.id, crp.id)
        start = uow.today() - timedelta(days=30)
        teams.add_team_member(uow, actor, ana.id, role=TeamRole.VR_COUNSELOR, staff_id=karen.id, start_date=start)
        teams.add_team_member(uow, actor, ana.id, role=TeamRole.OTHER, staff_id=luis.id, start_date=start)
        teams.add_team_member(uow, actor, ben.id, role=TeamRole.VR_COUNSELOR, staff_id=luis.id, start_date=start)
        teams.add_team_member(uow, actor, ben.id, role=TeamRole.JOB_DEVELOPER, staff_id=lupe.id, start_date=start)
        ended, _ = teams.add_team_member(uow, actor, ana.id, role=TeamRole.JOB_DEVELOPER, staff_id=lupe.id,
                                         start_date=start)
        teams.end_team_member(uow, actor, ended.id, end_date=start + timedelta(days=1))
        open_task, _ = tasks.create_task(uow, actor, title="Send the IPE", organization_id=vr.id, person_id=ana.id)
        done, _ = tasks.create_task(uow, actor, title="Eligibility letter", organization_id=vr.id)
        tasks.complete_task(uow, actor, done.id)
        return dict(vr=vr, crp=crp, title_iv=title_iv, karen=karen, luis=luis, lupe=lupe, ana=ana, ben=ben,
                    open_task=open_task)

    return run(store, build)


def listed(store, actor, **kwargs):
    return run(store, lambda uow: organizations.list_organizations(uow, actor, **kwargs))


def audit_actions(store, entity_id) -> list[str]:
    return run(store, lambda uow: [e.action for e in uow.session.scalars(
        select(AuditEntry).where(AuditEntry.entity_id == str(entity_id)).order_by(AuditEntry.seq))])


def test_the_list_counts_staff_programs_open_tasks_and_people_served(store, actor, partnership):
    rows = {r.name: r for r in listed(store, actor)}
    assert list(rows) == ["Bridgeway Employment", "Café Ñandú", "State VR – Eastside"]
    vr, crp, cafe = rows["State VR – Eastside"], rows["Bridgeway Employment"], rows["Café Ñandú"]
    assert (vr.staff, vr.programs, vr.open_tasks, vr.people_served) == (2, 2, 1, 2)  # Ana counted once
    assert (crp.staff, crp.programs, crp.open_tasks, crp.people_served) == (1, 0, 0, 1)  # Ana's seat ended
    assert (cafe.staff, cafe.programs, cafe.open_tasks, cafe.people_served) == (0, 0, 0, 0)
    assert (vr.kind, vr.city, vr.phone, vr.archived) == (OrganizationKind.VR_OFFICE, "Eastport", "(563) 555-0110",
                                                         False)


def test_search_and_kind_narrow_the_list(store, actor, partnership):
    def names(**kwargs):
        return [r.name for r in listed(store, actor, **kwargs)]

    assert names(search="nandu") == ["Café Ñandú"]  # accents and case ignored on both engines
    assert names(search="MILLBROOK") == ["Bridgeway Employment"]  # the city matches too
    assert names(search=partnership["vr"].ref.lower()) == ["State VR – Eastside"]
    assert names(kind=OrganizationKind.CRP) == ["Bridgeway Employment"]
    assert names(search="bridgeway", kind=OrganizationKind.VR_OFFICE) == []
    assert names(search="%") == []  # a wildcard is a plain character


def test_archived_organizations_are_listed_only_when_asked(store, actor, partnership):
    crp = partnership["crp"]
    row, changes = run(store, lambda uow: organizations.set_organization_archived(uow, actor, crp.id, True))
    assert row.archived and changes.organizations
    assert "Bridgeway Employment" not in [r.name for r in listed(store, actor)]
    shown = {r.name: r for r in listed(store, actor, include_archived=True)}
    assert shown["Bridgeway Employment"].archived
    with pytest.raises(Conflict):
        run(store, lambda uow: organizations.set_organization_archived(uow, actor, crp.id, False, version=1))
    run(store, lambda uow: organizations.set_organization_archived(uow, actor, crp.id, False, version=row.version))
    assert "Bridgeway Employment" in [r.name for r in listed(store, actor)]


def test_detail_has_programs_staff_open_tasks_and_people_served(store, actor, partnership):
    vr = partnership["vr"]
    detail = run(store, lambda uow: organizations.get_organization_detail(uow, actor, vr.id))
    assert detail.organization.name == "State VR – Eastside" and detail.organization.phone == "(563) 555-0110"
    assert [(p.name, p.mandated_partner) for p in detail.programs] == [
        ("Pre-ETS", True), ("Title IV Vocational Rehabilitation", True)]
    assert [(s.name, s.title, s.given_name) for s in detail.staff] == [
        ("Karen Mitchell", "VR Counselor", "Karen"), ("Luis Ortega", "", "Luis")]
    assert [(t.title, t.person_name, t.status) for t in detail.open_tasks] == [
        ("Send the IPE", "Ana García", TaskStatus.OPEN)]  # the finished task is not open
    assert [(p.name, p.member_name, p.role) for p in detail.people] == [
        ("Ben Adams", "Luis Ortega", TeamRole.VR_COUNSELOR), ("Ana García", "Karen Mitchell", TeamRole.VR_COUNSELOR),
        ("Ana García", "Luis Ortega", TeamRole.OTHER)]
    assert detail.people[0].ref == partnership["ben"].ref
    crp = run(store, lambda uow: organizations.get_organization_detail(uow, actor, partnership["crp"].id))
    assert [p.name for p in crp.people] == ["Ben Adams"]  # Ana's seat with Lupe ended
    with pytest.raises(NotFound):
        run(store, lambda uow: organizations.get_organization_detail(uow, actor, partnership["ana"].id))


def test_update_program_with_stale_copy_and_audit(store, actor, partnership):
    program = partnership["title_iv"]
    row, changes = run(store, lambda uow: organizations.update_program(
        uow, actor, program.id, version=program.version, services="Counseling; IPE", mandated_partner=False))
    assert changes.organizations and (row.services, row.mandated_partner, row.version) == (
        "Counseling; IPE", False, program.version + 1)
    with pytest.raises(Conflict, match="Title IV Vocational Rehabilitation"):
        run(store, lambda uow: organizations.update_program(uow, actor, program.id, version=program.version,
                                                            eligibility="Stale"))
    with pytest.raises(ValidationError) as info:
        run(store, lambda uow: organizations.update_program(uow, actor, program.id, version=row.version, name=" "))
    assert info.value.field == "name"
    same, changes = run(store, lambda uow: organizations.update_program(uow, actor, program.id, version=row.version,
                                                                        services="Counseling; IPE"))
    assert not changes and same.version == row.version
    assert audit_actions(store, program.id) == ["created", "updated"]


def test_archive_and_restore_a_program(store, actor, partnership):
    program = partnership["title_iv"]
    row, changes = run(store, lambda uow: organizations.set_program_archived(uow, actor, program.id, True))
    assert row.archived and changes.organizations
    vr = next(r for r in listed(store, actor) if r.id == partnership["vr"].id)
    assert vr.programs == 1
    detail = run(store, lambda uow: organizations.get_organization_detail(uow, actor, vr.id))
    assert [p.archived for p in detail.programs] == [False, True]  # still shown, marked, so it can be restored
    with pytest.raises(NotFound):  # an archived program is not edited
        run(store, lambda uow: organizations.update_program(uow, actor, program.id, version=None, name="X"))
    with pytest.raises(ValidationError, match="already archived"):
        run(store, lambda uow: organizations.set_program_archived(uow, actor, program.id, True))
    with pytest.raises(Conflict):
        run(store, lambda uow: organizations.set_program_archived(uow, actor, program.id, False,
                                                                  version=program.version))
    back, _ = run(store, lambda uow: organizations.set_program_archived(uow, actor, program.id, False,
                                                                        version=row.version))
    assert not back.archived
    assert audit_actions(store, program.id) == ["created", "archived", "restored"]


def test_archived_staff_cannot_be_given_tasks_or_team_seats(store, actor, partnership):
    karen, vr, ben = partnership["karen"], partnership["vr"], partnership["ben"]
    row, changes = run(store, lambda uow: organizations.set_staff_archived(uow, actor, karen.id, True))
    assert row.archived and changes.staff
    with pytest.raises(NotFound, match="archived"):
        run(store, lambda uow: tasks.create_task(uow, actor, title="Call", organization_id=vr.id, staff_id=karen.id))
    task = partnership["open_task"]
    with pytest.raises(NotFound, match="archived"):
        run(store, lambda uow: tasks.assign_task(uow, actor, task.id, organization_id=vr.id, staff_id=karen.id))
    with pytest.raises(NotFound, match="archived"):
        run(store, lambda uow: teams.add_team_member(uow, actor, ben.id, role=TeamRole.VR_COUNSELOR,
                                                     staff_id=karen.id))
    with pytest.raises(NotFound):  # nor edited until restored
        run(store, lambda uow: organizations.update_staff(uow, actor, karen.id, version=None, title="X"))
    detail = run(store, lambda uow: organizations.get_organization_detail(uow, actor, vr.id))
    assert [(s.name, s.archived) for s in detail.staff] == [("Karen Mitchell", True), ("Luis Ortega", False)]
    assert next(r for r in listed(store, actor) if r.id == vr.id).staff == 1

    run(store, lambda uow: organizations.set_staff_archived(uow, actor, karen.id, False, version=row.version))
    made, _ = run(store, lambda uow: tasks.create_task(uow, actor, title="Call", organization_id=vr.id,
                                                       staff_id=karen.id))
    assert made.staff_name == "Karen Mitchell"
    assert audit_actions(store, karen.id) == ["created", "archived", "restored"]


def test_inactive_staff_cannot_be_assigned_either(store, actor, partnership):
    luis, vr = partnership["luis"], partnership["vr"]
    with pytest.raises(ValidationError, match="Luis Ortega holds 2 open items .2 team memberships.; hand them over"):
        run(store, lambda uow: organizations.update_staff(uow, actor, luis.id, version=luis.version, active=False))
    # His seats go to Karen (already on Ana's team: that seat just ends) and his record closes in the same step.
    run(store, lambda uow: handovers.hand_over(uow, actor, luis.id, to_all=partnership["karen"].id))
    with pytest.raises(ValidationError, match="no longer active"):
        run(store, lambda uow: tasks.create_task(uow, actor, title="Call", organization_id=vr.id, staff_id=luis.id))
    detail = run(store, lambda uow: organizations.get_organization_detail(uow, actor, vr.id))
    assert [(s.name, s.active) for s in detail.staff] == [("Karen Mitchell", True), ("Luis Ortega", False)]


def test_stale_staff_archive_is_refused(store, actor, partnership):
    luis = partnership["luis"]
    run(store, lambda uow: organizations.update_staff(uow, actor, luis.id, version=luis.version, phone="555-0100"))
    with pytest.raises(Conflict, match="Luis Ortega"):
        run(store, lambda uow: organizations.set_staff_archived(uow, actor, luis.id, True, version=luis.version))
    with pytest.raises(ValidationError, match="not archived"):
        run(store, lambda uow: organizations.set_staff_archived(uow, actor, luis.id, False))
    entry = run(store, lambda uow: uow.session.scalars(select(AuditEntry).where(
        AuditEntry.entity_id == str(luis.id)).order_by(AuditEntry.seq.desc()).limit(1)).one())
    assert entry.action == "updated" and json.loads(entry.changes)["phone"] == ["", "555-0100"]


def statements(store, actor, organization_id) -> tuple[int, int]:
    with store.unit_of_work(write=False) as uow:
        with counted(store) as listing:
            organizations.list_organizations(uow, actor, include_archived=True)
        with counted(store) as detail:
            organizations.get_organization_detail(uow, actor, organization_id)
    return len(listing), len(detail)


def test_list_and_detail_cost_the_same_statements_for_more_partners(store, actor, partnership):
    vr = partnership["vr"]
    small = statements(store, actor, vr.id)

    def grow(uow):
        for n in range(12):
            org, _ = organizations.create_organization(uow, actor, name=f"Partner {n}", kind=OrganizationKind.OTHER)
            organizations.add_program(uow, actor, org.id, name="Program")
            organizations.add_program(uow, actor, vr.id, name=f"Program {n}")
            staff, _ = organizations.add_staff(uow, actor, vr.id, given_name="Sam", family_name=f"Staff{n}")
            person, _ = people.create_person(uow, actor, given_name="Pat", family_name=f"Person{n}")
            record_exchange(uow, actor, person.id, vr.id)
            teams.add_team_member(uow, actor, person.id, role=TeamRole.VR_COUNSELOR, staff_id=staff.id)
            tasks.create_task(uow, actor, title="Task", organization_id=vr.id, staff_id=staff.id, person_id=person.id)

    run(store, grow)
    large = statements(store, actor, vr.id)
    # The list is one SELECT (SQLite adds its BEGIN to the first statement of the unit).
    assert small[0] <= 2 and large == small, f"before: {small}; after: {large}"
