"""The audit log (every write appends; tampering is found), `check` and `info`."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from caseteam.domain.audit import AuditEntry, AuditHead
from caseteam.domain.discovery import DiscoverySetting
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import Stage
from caseteam.domain.teams import TeamRole
from caseteam.errors import ValidationError
from caseteam.services import discovery, organizations, people, plans, records, tasks, teams
from caseteam.storage.audit_log import verify_chain
from caseteam.storage.store import describe_url

from builders import record_exchange


def audit_count(store) -> int:
    with store.unit_of_work(write=False) as uow:
        return uow.session.scalar(select(func.count()).select_from(AuditEntry))


def last_entry(store) -> AuditEntry:
    with store.unit_of_work(write=False) as uow:
        return uow.session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()


def chain(store):
    with store.unit_of_work(write=False) as uow:
        return verify_chain(uow.session)


def test_every_write_appends_one_audit_entry(store, actor):
    yesterday = date.today() - timedelta(days=1)
    ids = {}

    def vr(uow):
        row, _ = organizations.create_organization(uow, actor, name="Clark County VR", kind=OrganizationKind.VR_OFFICE)
        ids["org"] = row.id
        return row

    def staff(uow):
        row, _ = organizations.add_staff(uow, actor, ids["org"], given_name="Dana", family_name="Whitfield")
        ids["staff"] = row.id
        return row

    def person(uow):
        row, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lopez")
        ids["person"] = row.id
        return row

    def release(uow):
        return record_exchange(uow, actor, ids["person"], ids["org"])

    def task(uow):
        row, _ = tasks.create_task(uow, actor, title="Call", organization_id=ids["org"], person_id=ids["person"])
        ids["task"] = row.id
        return row

    def member(uow):
        row, _ = teams.add_team_member(uow, actor, ids["person"], role=TeamRole.VR_COUNSELOR, staff_id=ids["staff"],
                                       start_date=yesterday)
        ids["member"] = row.id
        return row

    writes = [
        ("organizations", "created", vr),
        ("organizations", "updated", lambda uow: organizations.update_organization(uow, actor, ids["org"], version=1,
                                                                                    city="Springfield")),
        ("programs", "created", lambda uow: organizations.add_program(uow, actor, ids["org"], name="Title IV VR")),
        ("staff", "created", staff),
        ("staff", "updated", lambda uow: organizations.update_staff(uow, actor, ids["staff"], version=1, title="VRC")),
        ("people", "created", person),
        ("people", "updated", lambda uow: people.update_person(uow, actor, ids["person"], version=1, city="Xenia")),
        ("people", "stage changed", lambda uow: people.change_stage(uow, actor, ids["person"], Stage.DISCOVERY)),
        ("people", "archived", lambda uow: people.archive_person(uow, actor, ids["person"], reason="test")),
        ("people", "restored", lambda uow: people.restore_person(uow, actor, ids["person"])),
        ("releases", "recorded", release),
        ("tasks", "created", task),
        ("tasks", "reassigned", lambda uow: tasks.assign_task(uow, actor, ids["task"], organization_id=ids["org"],
                                                              staff_id=ids["staff"])),
        ("tasks", "status changed", lambda uow: tasks.start_task(uow, actor, ids["task"])),
        ("tasks", "completed", lambda uow: tasks.complete_task(uow, actor, ids["task"])),
        ("tasks", "reopened", lambda uow: tasks.reopen_task(uow, actor, ids["task"])),
        ("tasks", "cancelled", lambda uow: tasks.cancel_task(uow, actor, ids["task"], reason="Not needed")),
        ("tasks", "due date changed", lambda uow: tasks.set_task_due(uow, actor, ids["task"], yesterday)),
        ("tasks", "archived", lambda uow: tasks.set_task_archived(uow, actor, ids["task"], True)),
        ("team_members", "added", member),  # the first member also creates the team (one more entry)
        ("team_members", "ended", lambda uow: teams.end_team_member(uow, actor, ids["member"])),
        ("discovery_activities", "logged", lambda uow: discovery.log_activity(
            uow, actor, ids["person"], held_on=yesterday, setting=DiscoverySetting.HOME, minutes=60, learned="x")),
        ("profile_revisions", "saved", lambda uow: discovery.save_profile_revision(
            uow, actor, ids["person"], discovery.ProfileDraft(theme_1="Animals"), summary="First")),
        ("plan_revisions", "saved", lambda uow: plans.save_plan_revision(
            uow, actor, ids["person"], plans.PlanDraft(vision="Animals"), summary="First")),
        ("organizations", "archived", lambda uow: organizations.set_organization_archived(uow, actor, ids["org"], True)),
        ("people", "opened", lambda uow: records.person_summary(uow, actor, ids["person"])),
    ]
    for entity, action, write in writes:
        before = audit_count(store)
        with store.unit_of_work() as uow:
            write(uow)
        expected = 2 if action == "added" else 1
        assert audit_count(store) - before == expected, f"{entity} {action}"
        entry = last_entry(store)
        assert (entry.entity, entry.action, entry.actor_name) == (entity, action, actor.display_name)
        assert entry.actor_id == str(actor.user_id)

    with store.unit_of_work(write=False) as uow:
        cancel = uow.session.scalars(select(AuditEntry).where(AuditEntry.action == "cancelled")).one()
        update = uow.session.scalars(select(AuditEntry).where(AuditEntry.entity == "people",
                                                              AuditEntry.action == "updated")).one()
    assert cancel.reason == "Not needed" and cancel.entity_id == str(ids["task"])
    assert json.loads(update.changes) == {"city": ["", "Xenia"]}
    assert chain(store).ok


def test_refused_and_empty_writes_leave_no_entry(store, actor):
    with store.unit_of_work() as uow:
        row, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lopez")
    before = audit_count(store)
    with pytest.raises(ValidationError):
        with store.unit_of_work() as uow:
            people.update_person(uow, actor, row.id, version=1, email="not-an-address")
    with store.unit_of_work() as uow:
        _, changes = people.update_person(uow, actor, row.id, version=1, given_name="Ana")
    assert not changes
    with store.unit_of_work(write=False) as uow:
        records.person_summary(uow, actor, row.id)  # a read-only look records nothing
    assert audit_count(store) == before


def _three_writes(store, actor):
    with store.unit_of_work() as uow:
        for family in ("Lopez", "Okafor", "Reed"):
            people.create_person(uow, actor, given_name="Sam", family_name=family)
    return audit_count(store)  # the actor's own entry plus three


def test_chain_and_check_are_ok_on_a_normal_store(store, actor):
    assert _three_writes(store, actor) == 4
    report = chain(store)
    assert (report.ok, report.entries, report.first_bad_seq, report.problem) == (True, 4, None, "")
    with store.unit_of_work(write=False) as uow:
        check = records.check_store(uow)
    assert check.ok and check.problems == () and check.chain.entries == 4


def test_a_changed_entry_is_found(store, actor):
    _three_writes(store, actor)
    with store.unit_of_work() as uow:
        uow.session.execute(text("UPDATE audit_entries SET changes = :c WHERE seq = 3"),
                            {"c": json.dumps({"family_name": [None, "Someone else"]})})
    report = chain(store)
    assert not report.ok and report.first_bad_seq == 3
    assert "changed after it was written" in report.problem
    with store.unit_of_work(write=False) as uow:
        assert not records.check_store(uow).ok


def test_a_removed_last_entry_is_found(store, actor):
    count = _three_writes(store, actor)
    with store.unit_of_work() as uow:
        uow.session.execute(text("DELETE FROM audit_entries WHERE seq = :s"), {"s": count})
    report = chain(store)
    assert not report.ok and report.first_bad_seq == count
    assert "removed" in report.problem


def test_a_removed_middle_entry_is_found(store, actor):
    _three_writes(store, actor)
    with store.unit_of_work() as uow:
        uow.session.execute(text("DELETE FROM audit_entries WHERE seq = 2"))
    report = chain(store)
    assert not report.ok and report.first_bad_seq == 2 and "missing" in report.problem


def _forge(session, seq, prev_hash, *, move_head: bool):
    entry = AuditEntry(seq=seq, at=datetime.now(timezone.utc), actor_id="x", actor_name="Intruder",
                       entity="people", entity_id="x", action="updated", changes="{}", reason="",
                       prev_hash=prev_hash)
    entry.hash = entry.compute_hash()
    session.add(entry)
    if move_head:
        head = session.get(AuditHead, 1)
        head.seq, head.hash = entry.seq, entry.hash


def test_an_entry_inserted_out_of_chain_is_found(store, actor):
    count = _three_writes(store, actor)
    with store.unit_of_work() as uow:
        # Hashed correctly but linked to entry 2, not to the last entry; the head is moved to it.
        second = uow.session.get(AuditEntry, 2)
        _forge(uow.session, count + 1, second.hash, move_head=True)
    report = chain(store)
    assert not report.ok and report.first_bad_seq == count + 1
    assert "does not follow" in report.problem


def test_an_entry_appended_behind_the_head_is_found(store, actor):
    count = _three_writes(store, actor)
    with store.unit_of_work() as uow:
        # Chained correctly, but written past the program (the head was not moved).
        last = uow.session.get(AuditEntry, count)
        _forge(uow.session, count + 1, last.hash, move_head=False)
    report = chain(store)
    assert not report.ok and report.entries == count + 1
    assert str(count) in report.problem  # the head's count disagrees with the entries found


def test_entries_written_with_a_local_clock_verify(store, actor):
    """A unit of work whose clock gives local (non-UTC) instants still writes a verifiable chain."""
    chicago = ZoneInfo("America/Chicago")
    with store.unit_of_work(clock=lambda: datetime(2026, 3, 8, 10, 30, tzinfo=chicago)) as uow:
        people.create_person(uow, actor, given_name="Ana", family_name="Lopez")
    assert last_entry(store).at == datetime(2026, 3, 8, 15, 30, tzinfo=timezone.utc)  # CDT, UTC-5
    assert chain(store).ok


def test_info_counts_and_database(store, actor):
    today = date.today()
    with store.unit_of_work() as uow:
        vr, _ = organizations.create_organization(uow, actor, name="Clark County VR", kind=OrganizationKind.VR_OFFICE)
        crp, _ = organizations.create_organization(uow, actor, name="Northside CRP", kind=OrganizationKind.CRP)
        gone, _ = organizations.create_organization(uow, actor, name="Closed agency", kind=OrganizationKind.OTHER)
        organizations.set_organization_archived(uow, actor, gone.id, True)
        dana, _ = organizations.add_staff(uow, actor, vr.id, given_name="Dana", family_name="Whitfield")
        kim, _ = organizations.add_staff(uow, actor, crp.id, given_name="Kim", family_name="Park")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lopez")
        ben, _ = people.create_person(uow, actor, given_name="Ben", family_name="Okafor")
        cy, _ = people.create_person(uow, actor, given_name="Cy", family_name="Reed")
        people.archive_person(uow, actor, cy.id)
        record_exchange(uow, actor, ana.id, vr.id)
        record_exchange(uow, actor, ben.id, crp.id)
        teams.add_team_member(uow, actor, ana.id, role=TeamRole.VR_COUNSELOR, staff_id=dana.id)
        teams.add_team_member(uow, actor, ana.id, role=TeamRole.FAMILY, support_name="Rosa Lopez")
        teams.add_team_member(uow, actor, ben.id, role=TeamRole.JOB_DEVELOPER, staff_id=kim.id)
        plans.save_plan_revision(uow, actor, ana.id, plans.PlanDraft(vision="A"), summary="1")
        plans.save_plan_revision(uow, actor, ana.id, plans.PlanDraft(vision="B"), summary="2")
        plans.save_plan_revision(uow, actor, ben.id, plans.PlanDraft(vision="C"), summary="1")

        def task(title, due):
            row, _ = tasks.create_task(uow, actor, title=title, organization_id=crp.id, due=due)
            return row

        task("Overdue", today - timedelta(days=1))
        task("Due later", today + timedelta(days=3))
        tasks.complete_task(uow, actor, task("Done, was due", today - timedelta(days=5)).id)
        tasks.set_task_archived(uow, actor, task("Archived overdue", today - timedelta(days=2)).id, True)
    with store.unit_of_work(write=False) as uow:
        info = records.info(uow)
    expected = {"people": 2, "organizations": 2, "staff": 2, "teams": 2, "team_members": 3, "plans": 2,
                "plan_revisions": 3, "tasks": 3, "tasks_overdue": 1, "audit_entries": audit_count(store)}
    assert {k: info[k] for k in expected} == expected
    assert info["audit_entries"] > 20
    assert info["schema_version"] == 10 and info["schema_revision"].startswith("0010")
    assert info["database"]["kind"] == store.kind
    if store.kind == "sqlite":
        assert info["database"]["location"] == str(store.path)
    else:
        url = make_url(store.engine.url.render_as_string(hide_password=False))
        assert info["database"]["location"] == f"{url.host}:{url.port or 5432}/{url.database}"
        if url.password:
            assert url.password not in json.dumps(info)


def test_describe_url_never_shows_the_password():
    described = describe_url("postgresql+psycopg://caseteam:S3cret-pw%40x@db.example.org:5433/office")
    assert described.kind == "postgresql"
    assert described.location == "db.example.org:5433/office"
    assert "S3cret" not in repr(described)
    assert describe_url("postgresql+psycopg://u:pw@/office").location == "localhost:5432/office"


def test_the_windows_overview_and_status_figures_agree_with_the_full_counts(demo_store, sqlite_store):
    """The first page waits only for the people count and the demo flag; the status bar's figures follow."""
    with sqlite_store.unit_of_work(write=False) as uow:
        assert records.overview(uow) == {"people": 0, "demo": False}
    with demo_store.unit_of_work(write=False) as uow:
        full = records.info(uow)
        assert records.overview(uow) == {"people": full["people"], "demo": True}
        assert records.status_figures(uow) == {"organizations": full["organizations"],
                                               "tasks_overdue": full["tasks_overdue"]}
