"""The demo partnership: what someone opening caseteam on the demo store would notice."""

from __future__ import annotations

import shutil
import sqlite3
import uuid
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import text

from caseteam.demo import DemoSummary, load_demo
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import RepresentativeAuthority, Stage
from caseteam.domain.plans import StepOwner
from caseteam.domain.tasks import Priority, TaskStatus
from caseteam.domain.users import Role
from caseteam.errors import ValidationError
from caseteam.services import organizations, people, plans, records, tasks
from caseteam.services.actors import Actor
from caseteam.storage.queries.tasks import TaskFilter
from caseteam.storage.store import open_store

TODAY = date(2026, 11, 2)  # the demo_store fixture's date (tests/conftest.py)
READER = Actor(uuid.UUID(int=1), "test-reader", "Test reader", Role.AUDITOR)  # reads everything
PAST_REFERRAL = tuple(s for s in Stage if s is not Stage.REFERRAL)


def _read(store):
    return store.unit_of_work(write=False)


def _everyone(uow) -> list:
    return [people.get_person(uow, READER, row.id) for row in people.caseload(uow, READER)]


def _fresh_store(sqlite_template, tmp_path, name: str):
    path = tmp_path / name / "caseteam.sqlite"
    path.parent.mkdir()
    shutil.copyfile(sqlite_template, path)
    return open_store(path), path


def test_counts_a_user_sees(demo_store):
    with _read(demo_store) as uow:
        counts = records.info(uow)
        all_tasks = tasks.list_tasks(uow, READER)
        overdue = tasks.list_tasks(uow, READER, TaskFilter(overdue_on=TODAY))
    assert counts["people"] == 60
    assert counts["staff"] >= 25
    assert counts["organizations"] >= 20
    assert len(all_tasks) >= 300
    statuses = Counter(t.status for t in all_tasks)
    assert statuses[TaskStatus.DONE] >= 100
    assert statuses[TaskStatus.CANCELLED] >= 1
    assert statuses[TaskStatus.IN_PROGRESS] >= 1 and statuses[TaskStatus.WAITING] >= 1
    assert len(overdue) >= 10 and all(t.overdue_on(TODAY) for t in overdue)
    assert any(t.due is None for t in all_tasks)
    assert len({t.priority for t in all_tasks}) == len(Priority)
    assert any(t.person_id is None for t in all_tasks), "some tasks belong to the partnership, not one person"


def test_stages_bunch_in_job_development_and_discovery(demo_store):
    with _read(demo_store) as uow:
        stages = Counter(row.stage for row in people.caseload(uow, READER))
    two_biggest = {stage for stage, _ in stages.most_common(2)}
    assert two_biggest == {Stage.JOB_DEVELOPMENT, Stage.DISCOVERY}
    assert stages[Stage.JOB_DEVELOPMENT] + stages[Stage.DISCOVERY] >= 60 * 0.4
    for stage in (Stage.REFERRAL, Stage.WAITING_AUTHORIZATION, Stage.ON_HOLD, Stage.EMPLOYED,
                  Stage.EXTENDED_SUPPORTS, Stage.CLOSED_SUCCESSFUL, Stage.CLOSED_UNSUCCESSFUL):
        assert stages[stage] >= 1, stage


def test_stage_history_walks_from_the_referral(demo_store):
    with _read(demo_store) as uow:
        rows = [r for r in people.caseload(uow, READER) if r.stage is Stage.CLOSED_SUCCESSFUL]
        for row in rows:
            person = people.get_person(uow, READER, row.id)
            history = people.stage_history(uow, READER, row.id)
            assert history[0].stage is Stage.REFERRAL and history[0].entered_on == person.referral_date
            assert history[-1].stage is Stage.CLOSED_SUCCESSFUL and history[-1].reason
            assert Stage.DISCOVERY in [h.stage for h in history] and Stage.EMPLOYED in [h.stage for h in history]
            days = [h.entered_on for h in history]
            assert days == sorted(days) and len(set(days)) == len(days)
        on_hold = [people.stage_history(uow, READER, r.id)[-1]
                   for r in people.caseload(uow, READER, stage=Stage.ON_HOLD)]
    assert rows and on_hold and all(h.reason for h in on_hold)


def test_people_look_like_a_us_caseload(demo_store):
    with _read(demo_store) as uow:
        everyone = _everyone(uow)
        assert [r.full_name for r in people.caseload(uow, READER, search="munoz")] == ["José Muñoz García"]
        assert [r.name for r in people.caseload(uow, READER, search="nguyen")] == ["Ánh Nguyễn"]
    names = [f"{p.given_name} {p.family_name}" for p in everyone]
    assert len(set(names)) == len(names)
    assert "Nguyễn" in {p.family_name for p in everyone}
    assert any(p.given_name == "José" and p.family_name == "Muñoz García" for p in everyone)
    assert any(p.family_name == "O'Neal Jr." and p.given_name == "D'Andre" for p in everyone)
    assert any(p.preferred_name == "Tay" and p.given_name == "Dontavious" for p in everyone)
    assert sum(1 for n in names if not n.isascii()) >= 10
    guardians = [p for p in everyone if p.representative_authority is RepresentativeAuthority.GUARDIAN]
    assert len(guardians) == 1
    assert guardians[0].representative_name and guardians[0].representative_contact
    assert {"Spanish", "ASL", "Hmong"} <= {p.interpreter for p in everyone}
    assert all(p.preferred_language != "English" for p in everyone if p.interpreter and p.interpreter != "ASL")
    assert sum(1 for p in everyone if p.communication_needs) >= 10
    ages = [(TODAY - p.date_of_birth).days / 365.25 for p in everyone]
    assert min(ages) >= 18 and max(ages) < 63 and max(ages) - min(ages) > 20
    assert {p.referral_source_name for p in everyone} >= {"State VR – Eastside District Office",
                                                          "Riverbend Behavioral Health"}
    assert all(p.referral_note and p.referral_date for p in everyone)
    past = [p for p in everyone if p.stage is not Stage.REFERRAL]
    assert past and all(p.lead_staff_name and p.home_organization_name == "Bridgeway Employment Services"
                        for p in past)


def test_every_team_spans_agencies(demo_store):
    ended = 0
    with _read(demo_store) as uow:
        for row in people.caseload(uow, READER):
            if row.stage is Stage.REFERRAL:
                continue
            team = records.person_summary(uow, READER, row.id).team
            active = [m for m in team if m.end_date is None]
            ended += len(team) - len(active)
            assert len(active) >= 3, row.full_name
            assert len({m.organization_id for m in active if m.organization_id}) >= 2, row.full_name
            assert any(m.role.value == "job_developer" for m in active)
            for m in active:
                assert m.staff_id or (m.relationship and m.contact)
    assert ended >= 1, "a VR counselor left and her seats were handed over"


def test_discovery_profile_and_plans(demo_store):
    reached_plan = 0
    with _read(demo_store) as uow:
        for row in people.caseload(uow, READER):
            history = {h.stage for h in people.stage_history(uow, READER, row.id)}
            summary = records.person_summary(uow, READER, row.id)
            if Stage.DISCOVERY in history:
                assert 3 <= len(summary.activities) <= 8
                assert all(60 <= a.minutes <= 240 and a.learned for a in summary.activities)
            if Stage.PROFILE in history:
                assert summary.profile is not None and len(summary.profile.themes) == 3
            revisions = plans.plan_revisions(uow, READER, row.id)
            if Stage.CE_PLANNING not in history:
                assert revisions == []
                continue
            reached_plan += 1
            assert 1 <= len(revisions) <= 4
            assert [r.number for r in revisions] == list(range(1, len(revisions) + 1))
            assert all(r.summary for r in revisions) and revisions[0].draft.vision
            assert 2 <= len(revisions[0].goals) <= 4
            for older, newer in zip(revisions, revisions[1:]):
                assert {g.goal_key for g in older.goals} <= {g.goal_key for g in newer.goals}
                assert plans.diff_plans(older, newer), "each revision changes something"
            owners = {s.owner_kind for g in revisions[-1].goals for s in g.steps}
            assert StepOwner.ORGANIZATION in owners and StepOwner.PERSON in owners
        assert reached_plan >= 10
        all_revisions = [r for row in people.caseload(uow, READER) for r in plans.plan_revisions(uow, READER, row.id)]
    assert max(r.number for r in all_revisions) == 4
    assert sum(1 for r in all_revisions if r.agreed_on) > len(all_revisions) / 2
    assert any(s.owner_kind is StepOwner.NATURAL_SUPPORT and s.owner_name
               for r in all_revisions for g in r.goals for s in g.steps)


def test_tasks_are_assigned_within_each_organization(demo_store):
    with _read(demo_store) as uow:
        all_tasks = tasks.list_tasks(uow, READER)
        for task in all_tasks:
            if task.staff_id:
                assert uow.staff.get(task.staff_id).organization_id == task.organization_id, task.title
        from_steps = [t for t in all_tasks if t.action_step_key]
        assert from_steps
        for task in from_steps:
            steps = [s for r in plans.plan_revisions(uow, READER, task.person_id) for g in r.goals for s in g.steps
                     if s.step_key == task.action_step_key]
            assert steps and all(s.owner_organization_id == task.organization_id for s in steps)
        assert len({t.organization_id for t in all_tasks}) >= 6
        bridgeway = organizations.resolve_organization(uow, "Bridgeway")
        programs = {p.name: p.mandated_partner for p in organizations.resolve_organization(uow, "State VR").programs}
        assert programs["Title IV Vocational Rehabilitation"] is True
        assert {p.name: p.mandated_partner for p in bridgeway.programs}["Customized Employment"] is False
        assert sum(1 for s in bridgeway.staff if s.title) >= 8


def test_users_and_audit(demo_store):
    with _read(demo_store) as uow:
        report = records.check_store(uow)
        counts = records.info(uow)
    assert report.ok, report
    assert counts["audit_entries"] > counts["tasks"] + counts["people"] + counts["team_members"]
    db = sqlite3.connect(demo_store.path)
    try:
        roles = Counter(r for (r,) in db.execute(
            "SELECT role FROM users WHERE staff_id IS NOT NULL AND password_hash IS NULL"))
        sign_ins = dict(db.execute("SELECT username, role FROM users WHERE password_hash IS NOT NULL"))
        created = dict(db.execute("SELECT entity, count(*) FROM audit_entries WHERE action IN "
                                  "('created', 'logged', 'saved', 'added') GROUP BY entity"))
        actors = {n for (n,) in db.execute("SELECT DISTINCT actor_name FROM audit_entries WHERE entity='tasks'")}
    finally:
        db.close()
    assert roles[Role.JOB_DEVELOPER.value] >= 4 and roles[Role.SUPERVISOR.value] == 1
    assert sign_ins == {"admin": "administrator", "supervisor": "supervisor", "jobdev": "job_developer",
                        "partner": "partner_staff", "onestop": "job_developer", "auditor": "auditor"}
    assert created["people"] == 60 and created["tasks"] == counts["tasks"]
    assert created["team_members"] == counts["team_members"]
    assert "Denise Okafor-Hill" in actors and len(actors) >= 5


def _dump(path) -> dict:
    db = sqlite3.connect(path)
    try:
        out = {}
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            keys = [c[1] for c in db.execute(f'PRAGMA table_info("{table}")') if c[5]] or ["rowid"]
            out[table] = db.execute(f'SELECT * FROM "{table}" ORDER BY {", ".join(keys)}').fetchall()
        return out
    finally:
        db.close()


def test_same_seed_and_day_give_the_same_store(sqlite_template, tmp_path):
    dumps, summaries = [], []
    for name, seed in (("a", 11), ("b", 11), ("c", 12)):
        store, path = _fresh_store(sqlite_template, tmp_path, name)
        try:
            summaries.append(load_demo(store, people=8, seed=seed, today=date(2026, 3, 15)))
        finally:
            store.close()
        dumps.append(_dump(path))
    first, again, other = dumps
    assert first["people"] and first["audit_entries"]
    assert first == again
    assert first["audit_head"] == again["audit_head"]
    assert summaries[0] == summaries[1] and isinstance(summaries[0], DemoSummary)
    assert first["people"] != other["people"] and first["audit_head"] != other["audit_head"]


def test_refuses_a_store_that_holds_people(demo_store):
    with _read(demo_store) as uow:
        before = records.info(uow)
    with pytest.raises(ValidationError) as raised:
        load_demo(demo_store, people=5, seed=1, today=TODAY)
    assert "empty store" in raised.value.message and raised.value.field == "people"
    with _read(demo_store) as uow:
        assert records.info(uow) == before


def test_five_people_work(sqlite_template, tmp_path):
    store, _ = _fresh_store(sqlite_template, tmp_path, "five")
    try:
        summary = load_demo(store, people=5, seed=3, today=TODAY)
        with _read(store) as uow:
            everyone = _everyone(uow)
            assert records.check_store(uow).ok
    finally:
        store.close()
    assert summary.people == 5 and len(everyone) == 5
    assert summary.tasks >= 5 + 10 and summary.staff >= 25
    assert sum(1 for p in everyone if p.representative_authority is RepresentativeAuthority.GUARDIAN) == 1


def test_organizations_cover_the_partnership(demo_store):
    with _read(demo_store) as uow:
        kinds = Counter()
        for name in ("State VR", "Bridgeway", "Riverbend", "Developmental Disabilities", "Independent Living",
                     "American Job Center", "Workforce Development Board", "Transition Program",
                     "Client Assistance", "Jobs Ministry", "Legal Aid", "Prairie Fresh", "Veterinary",
                     "Auto Repair", "Hospital", "Public Library", "Distribution Center", "Bakery", "Hotel",
                     "QuickPrint", "Credit Union", "Nursery", "Recycling"):
            org = organizations.resolve_organization(uow, name)
            kinds[org.kind] += 1
            assert "555-01" in org.phone and org.city and org.notes
        youthbuild = organizations.resolve_organization(uow, "Northside Opportunity Works")
        mandated = {p.name: p.mandated_partner for p in youthbuild.programs}
    assert kinds[OrganizationKind.EMPLOYER] == 12
    assert mandated == {"YouthBuild Eastport": True, "Customized Employment Services": False}


def test_postgresql_gets_the_same_demo(pg_store, sqlite_template, tmp_path):
    """The same seed and day give the same audit chain on a shared PostgreSQL store as in a SQLite file."""
    from caseteam.domain.audit import AuditHead

    store, _ = _fresh_store(sqlite_template, tmp_path, "sqlite")
    try:
        load_demo(store, people=8, seed=11, today=date(2026, 3, 15))
        with _read(store) as uow:
            expected = uow.session.get(AuditHead, 1)
            expected = (expected.seq, expected.hash)
    finally:
        store.close()
    load_demo(pg_store, people=8, seed=11, today=date(2026, 3, 15))
    with _read(pg_store) as uow:
        head = uow.session.get(AuditHead, 1)
        assert (head.seq, head.hash) == expected
        assert records.check_store(uow).ok


def test_every_person_has_case_notes_signed_by_their_lead(demo_store):
    with _read(demo_store) as uow:
        rows = uow.session.execute(text(
            "SELECT p.ref, n.status, n.held_on, n.addendum_to_id, n.cosigned_at FROM people p "
            "JOIN case_notes n ON n.person_id = p.id")).all()
        today = uow.today()
    by_person = Counter(ref for ref, *_ in rows)
    assert len(by_person) == 60
    assert all(str(held) <= today.isoformat() for _, _, held, _, _ in rows)
    statuses = Counter(status for _, status, *_ in rows)
    assert statuses["signed"] > 5 * statuses["draft"] > 0  # a few recent drafts still being written
    assert sum(1 for *_, addendum, _ in rows if addendum) > 0
    assert sum(1 for *_, cosigned in rows if cosigned) > 0
