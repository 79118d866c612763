"""The audit viewer's services on both engines: filters, paging, supervisor scope, export read back,
and which reads are audited (opening a record) and which are not (lists, search, the log itself)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.users import Role
from caseteam.errors import PermissionDenied, ValidationError
from caseteam.services import (audit_view, caseload, organizations, people, records, search, task_board, tasks,
                               users)
from caseteam.services.audit_view import AuditQuery
from caseteam.storage.audit_log import verify_chain
from caseteam.storage.queries.tasks import TaskFilter

from test_statement_counts import counted

PASSWORD = "violet-harbour-tractor-91"
CHICAGO = ZoneInfo("America/Chicago")


def at(*args) -> callable:
    instant = datetime(*args, tzinfo=timezone.utc)
    return lambda: instant


@pytest.fixture
def office(store, actor):
    """Two agencies with one person each, a supervisor at the first, and entries on known days."""
    with store.unit_of_work(clock=at(2026, 3, 2, 15, 0)) as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Northside CRP", kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="Clark County VR", kind=OrganizationKind.VR_OFFICE)
        kim, _ = organizations.add_staff(uow, actor, crp.id, given_name="Kim", family_name="Park")
        dana, _ = organizations.add_staff(uow, actor, vr.id, given_name="Dana", family_name="Whitfield")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="López", lead_staff_id=kim.id,
                                      home_organization_id=crp.id)
        ben, _ = people.create_person(uow, actor, given_name="Ben", family_name="Okafor", lead_staff_id=dana.id,
                                      home_organization_id=vr.id)
        users.create_user(uow, actor, username="sue", display_name="Sue Supervisor", role=Role.SUPERVISOR,
                          password=PASSWORD, staff_id=kim.id)
        users.create_user(uow, actor, username="jo", display_name="Jo Developer", role=Role.JOB_DEVELOPER,
                          password=PASSWORD, staff_id=kim.id)
        users.create_user(uow, actor, username="audrey", display_name="Audrey Auditor", role=Role.AUDITOR,
                          password=PASSWORD)
    sue, jo, audrey = (users.sign_in(store, name, PASSWORD) for name in ("sue", "jo", "audrey"))
    # 05:30 UTC on 8 March is still 7 March in Chicago (CST, UTC-6).
    with store.unit_of_work(clock=at(2026, 3, 8, 5, 30)) as uow:
        people.update_person(uow, actor, ana.id, version=None, city="Xenia")
    with store.unit_of_work(clock=at(2026, 3, 9, 16, 0)) as uow:
        people.update_person(uow, sue, ana.id, version=None, phone="555-0100")
        people.update_person(uow, actor, ben.id, version=None, city="Dayton")
        tasks.create_task(uow, actor, title="Call Ana's VR counselor", organization_id=crp.id, person_id=ana.id)
        tasks.create_task(uow, actor, title="Ben's job club", organization_id=vr.id, person_id=ben.id)
    with store.unit_of_work(clock=at(2026, 3, 12, 16, 0)) as uow:
        organizations.update_organization(uow, actor, vr.id, version=None, city="Springfield")
        # Entries as schema 0001 wrote them: no person recorded.
        uow.audit.record(actor, ("people", ben.id), "updated", changes={"city": ["Dayton", "Kettering"]})
        uow.audit.record(actor, ("team_members", dana.id), "ended", changes={"end_date": [None, "2026-03-12"]})
    return {"crp": crp, "vr": vr, "kim": kim, "dana": dana, "ana": ana, "ben": ben, "sue": sue, "jo": jo,
            "audrey": audrey}


def entries(store, actor, query=AuditQuery(), **kw):
    with store.unit_of_work(write=False) as uow:
        return audit_view.audit_entries(uow, actor, query, **kw)


def count(store, actor, query=AuditQuery(), **kw):
    with store.unit_of_work(write=False) as uow:
        return audit_view.audit_count(uow, actor, query, **kw)


def stored_entries(store) -> int:
    with store.unit_of_work(write=False) as uow:
        return uow.session.scalar(select(func.count()).select_from(AuditEntry))


def test_newest_first_with_names_and_readable_changes(store, actor, office):
    rows = entries(store, actor)
    assert [r.seq for r in rows] == sorted((r.seq for r in rows), reverse=True)
    assert len(rows) == stored_entries(store) == count(store, actor)
    xenia = next(r for r in rows if r.changes == {"city": ["", "Xenia"]})
    assert (xenia.entity, xenia.action, xenia.entity_ref, xenia.entity_label) == ("people", "updated",
                                                                                office["ana"].ref, "Ana López")
    assert (xenia.person_id, xenia.person_ref, xenia.person_name) == (office["ana"].id, office["ana"].ref,
                                                                      "Ana López")
    assert xenia.change_lines() == ["City: (empty) → Xenia"]
    assert xenia.at == datetime(2026, 3, 8, 5, 30, tzinfo=timezone.utc)
    task = next(r for r in rows if r.entity == "tasks" and r.action == "created" and r.person_id == office["ana"].id)
    assert task.record_text.startswith("Task TK-") and task.record_text.endswith("Call Ana's VR counselor")
    assert task.person_name == "Ana López"
    org = next(r for r in rows if r.entity == "organizations" and r.action == "updated")
    assert (org.entity_label, org.person_id, org.person_ref) == ("Clark County VR", None, "")


def test_filters_by_person_user_entity_action_and_day(store, actor, office):
    ana, ben, sue = office["ana"], office["ben"], office["sue"]
    about_ana = entries(store, actor, AuditQuery(person_id=ana.id))
    assert {(r.entity, r.action) for r in about_ana} == {("people", "created"), ("people", "updated"),
                                                         ("tasks", "created")}
    assert all(r.person_id == ana.id for r in about_ana)
    # An entry from before schema 0002 names the person only as the record changed: still found.
    assert ["Kettering" in str(r.changes) for r in entries(store, actor, AuditQuery(person_id=ben.id))].count(True) == 1
    by_name = entries(store, actor, AuditQuery(person_search="lopez"))  # accents and capitals do not matter
    assert [r.seq for r in by_name] == [r.seq for r in about_ana]
    assert count(store, actor, AuditQuery(person_search=ana.ref)) == len(about_ana)

    by_sue = entries(store, actor, AuditQuery(user_id=sue.user_id))
    assert [(r.actor_name, r.action, r.changes) for r in by_sue] == [
        ("Sue Supervisor", "updated", {"phone": ["", "555-0100"]}), ("Sue Supervisor", "signed_in", {})]
    assert {r.entity for r in entries(store, actor, AuditQuery(entity="tasks"))} == {"tasks"}
    assert count(store, actor, AuditQuery(entity="tasks", action="created")) == 2
    assert count(store, actor, AuditQuery(entity="people", action="updated", person_id=ana.id)) == 2

    # Local calendar days: 8 March 05:30 UTC was 7 March in Chicago, 8 March in UTC.
    march_8 = AuditQuery(since=date(2026, 3, 8), until=date(2026, 3, 8))
    assert [r.changes for r in entries(store, actor, march_8, zone=timezone.utc)] == [{"city": ["", "Xenia"]}]
    assert entries(store, actor, march_8, zone=CHICAGO) == []
    march_7 = AuditQuery(since=date(2026, 3, 7), until=date(2026, 3, 7))
    assert [r.changes for r in entries(store, actor, march_7, zone=CHICAGO)] == [{"city": ["", "Xenia"]}]
    assert count(store, actor, AuditQuery(since=date(2026, 3, 12), until=date(2026, 3, 12)), zone=CHICAGO) == 3
    assert count(store, actor, AuditQuery(until=date(2026, 3, 2)), zone=CHICAGO) == count(
        store, actor, AuditQuery(since=date(2026, 3, 2), until=date(2026, 3, 2)), zone=CHICAGO)
    with pytest.raises(ValidationError, match="before the start date") as refused:
        entries(store, actor, AuditQuery(since=date(2026, 3, 9), until=date(2026, 3, 8)))
    assert refused.value.field == "until"


def test_pages_are_cut_in_sql_with_one_query_for_the_names(store, actor, office):
    everything = entries(store, actor)
    pages, offset = [], 0
    while page := entries(store, actor, limit=4, offset=offset):
        pages.append(page)
        offset += len(page)
    assert [r.seq for page in pages for r in page] == [r.seq for r in everything]
    assert all(len(p) == 4 for p in pages[:-1])
    with store.unit_of_work(write=False) as uow:
        with counted(store) as statements:
            rows = audit_view.audit_entries(uow, actor, AuditQuery(), limit=12)
    assert len({r.entity for r in rows}) >= 3  # people, tasks, organizations, users... named on this page
    assert all(r.entity_label for r in rows if r.entity in ("people", "tasks", "organizations", "users"))
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2, selects  # the page, then every name on it at once


def test_a_supervisor_sees_entries_about_their_people_and_about_no_one(store, actor, office):
    sue, ana, ben = office["sue"], office["ana"], office["ben"]
    seen = entries(store, sue)
    assert {r.person_id for r in seen} == {ana.id, None}
    assert not any("Kettering" in str(r.changes) or r.entity == "team_members" for r in seen)
    assert any(r.entity == "organizations" and r.entity_label == "Clark County VR" for r in seen)
    assert entries(store, sue, AuditQuery(person_id=ben.id)) == []
    assert count(store, sue) == len(seen) < count(store, actor)
    assert count(store, office["audrey"]) == count(store, actor)  # the auditor sees everything
    with pytest.raises(PermissionDenied, match="may not read and export the audit log"):
        entries(store, office["jo"])
    with pytest.raises(PermissionDenied):
        with store.unit_of_work() as uow:
            audit_view.export_audit(uow, office["jo"], AuditQuery(), "csv")


def test_choices_and_command_line_names(store, actor, office):
    with store.unit_of_work(write=False) as uow:
        choices = audit_view.audit_choices(uow, actor)
        assert (str(office["sue"].user_id), "Sue Supervisor") in choices.users
        assert ("tasks", "Task") in choices.entities and "updated" in choices.actions
        assert audit_view.resolve_user(uow, "sue") == (office["sue"].user_id, "Sue Supervisor")
        assert audit_view.resolve_user(uow, "auditor")[1] == "Audrey Auditor"
    assert [audit_view.entity_named(t) for t in ("person", "People", "task", "team member", "staff")] == [
        "people", "people", "tasks", "team_members", "staff"]


def test_a_persons_history_offers_only_what_its_entries_hold(store, actor, office):
    """A workspace's Audit history reads its lists from that person's entries, not from the whole log."""
    with store.unit_of_work(write=False) as uow:
        ana = audit_view.audit_choices(uow, actor, office["ana"].id)
        ben = audit_view.audit_choices(uow, actor, office["ben"].id)
        everything = audit_view.audit_choices(uow, actor)
    assert (str(office["sue"].user_id), "Sue Supervisor") in ana.users
    assert (str(office["sue"].user_id), "Sue Supervisor") not in ben.users  # Sue changed only Ana's record
    assert ("organizations", "Organization") not in ana.entities and ("tasks", "Task") in ana.entities
    assert set(ana.actions) <= set(everything.actions)


def _export(store, actor, query, fmt):
    with store.unit_of_work() as uow:
        return audit_view.export_audit(uow, actor, query, fmt)


def test_export_as_csv_xlsx_and_json_reads_back(store, actor, office):
    from openpyxl import load_workbook

    ana = office["ana"]
    query = AuditQuery(person_id=ana.id)
    expected = entries(store, actor, query)
    before = stored_entries(store)

    text = _export(store, actor, query, "csv").decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert [int(r["seq"]) for r in table] == [r.seq for r in expected]
    xenia = next(r for r in table if "Xenia" in r["changes"])
    assert (xenia["user"], xenia["action"], xenia["person_ref"], xenia["person"], xenia["when_utc"]) == (
        actor.display_name, "updated", ana.ref, "Ana López", "2026-03-08T05:30:00Z")
    assert xenia["changes"] == "City: (empty) → Xenia"

    # The export is about Ana too, so the next export of her entries lists it first.
    expected = entries(store, actor, query)
    assert (expected[0].action, len(expected)) == ("exported", len(table) + 1)
    sheet = load_workbook(io.BytesIO(_export(store, actor, query, "xlsx"))).active
    header, *lines = list(sheet.iter_rows(values_only=True))
    assert header[:4] == ("seq", "when_utc", "user", "action")
    assert [line[0] for line in lines] == [r.seq for r in expected]
    assert datetime(2026, 3, 8, 5, 30) in [line[1] for line in lines]

    expected = entries(store, actor, query)
    data = json.loads(_export(store, actor, query, "json"))
    assert [e["seq"] for e in data] == [r.seq for r in expected]
    assert {"city": ["", "Xenia"]} in [e["changes"] for e in data]
    assert {e["person_ref"] for e in data} == {ana.ref}

    # Each export is one "exported" entry naming the filter and format, never the rows themselves.
    assert stored_entries(store) == before + 3
    exported = entries(store, actor, AuditQuery(action="exported"))
    assert [r.changes["format"] for r in exported] == ["json", "xlsx", "csv"]
    assert exported[0].changes["filter"] == {"person": ana.ref} and exported[0].changes["entries"] == len(expected)
    assert exported[0].person_id == ana.id and "Xenia" not in json.dumps(exported[0].changes)
    with store.unit_of_work(write=False) as uow:
        assert verify_chain(uow.session).ok
    with pytest.raises(ValidationError, match="not an export format"):
        _export(store, actor, query, "pdf")


def test_typed_formulas_stay_text_in_exports(store, actor):
    from openpyxl import load_workbook

    with store.unit_of_work() as uow:
        row, _ = people.create_person(uow, actor, given_name="=HYPERLINK(\"x\")", family_name="+Sum")
    query = AuditQuery(person_id=row.id)
    text = _export(store, actor, query, "csv").decode("utf-8-sig")
    person = next(csv.DictReader(io.StringIO(text)))["person"]
    assert person == "'=HYPERLINK(\"x\") +Sum"  # a spreadsheet shows it as typed and runs nothing
    cell = load_workbook(io.BytesIO(_export(store, actor, query, "xlsx"))).active["J2"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(\"x\") +Sum", "s")


def test_opening_a_record_is_audited_once_and_lists_and_searches_never(store, actor, office):
    ana = office["ana"]
    before = stored_entries(store)
    with store.unit_of_work() as uow:
        caseload.fetch_page(uow, actor, caseload.CaseloadQuery(search="lopez"))
        people.caseload(uow, actor, search="ana")
        search.search(uow, actor, "lopez")
        task_board.fetch_board(uow, actor, task_board.BoardQuery())
        tasks.list_tasks(uow, actor, TaskFilter(person_ids=(ana.id,)))
        people.get_person_for_edit(uow, actor, ana.id)  # a refresh of an open workspace
        audit_view.audit_entries(uow, actor, AuditQuery(person_id=ana.id))
        audit_view.audit_count(uow, actor, AuditQuery())
        audit_view.audit_choices(uow, actor)
    assert stored_entries(store) == before
    with store.unit_of_work() as uow:
        people.get_person_for_edit(uow, actor, ana.id, record_opening=True)  # the workspace opens
    with store.unit_of_work() as uow:
        records.person_summary(uow, actor, ana.id)  # the caseload's summary pane
    assert stored_entries(store) == before + 2
    opened = entries(store, actor, AuditQuery(action="opened"))
    assert [(r.entity, r.person_id, r.actor_name) for r in opened] == [("people", ana.id, actor.display_name)] * 2
