"""`caseteam referrals list [--organization NAME] [--status STATUS] [--overdue] [--json]`, as a user types it,
on a copy of the demo store: the table, JSON, the filters, one organization by name or reference, a name that
matches several organizations refused with the matches (exit 1), an unknown status a usage error (exit 2), and
the partner account seeing its inbox and the referrals about people it may see."""

from __future__ import annotations

import json

import pytest
from command_line import caseteam

from caseteam.domain.referrals import ReferralStatus
from caseteam.services import access, referrals, users
from caseteam.storage.store import open_store


def demo_rows(path) -> list:
    store = open_store(path)
    try:
        admin = users.sign_in(store, "admin", "caseteam-demo")
        with store.unit_of_work(write=False) as uow:
            return list(referrals.list_referrals(uow, admin))
    finally:
        store.close()


def test_list_table_and_json_hold_every_referral(capsys, demo_db):
    rows = demo_rows(demo_db)
    code, out, err = caseteam(capsys, "--db", demo_db, "referrals", "list")
    assert code == 0, err
    assert f"{len(rows)} referrals" in out and "Riverbend Behavioral Health" in out and "In progress" in out
    assert out.splitlines()[0].split() == ["REF", "SENT", "STATUS", "PERSON", "FROM", "TO", "SERVICE"]
    code, out, err = caseteam(capsys, "--db", demo_db, "referrals", "list", "--json")
    assert code == 0, err
    listed = json.loads(out)
    assert [r["ref"] for r in listed] == [r.ref for r in rows]
    first = listed[0]
    assert {"status", "overdue", "person", "from_organization", "to_organization", "service", "shared",
            "release_ref", "sent_on", "respond_by"} <= set(first)
    assert {r["status"] for r in listed} == {s.value for s in ReferralStatus}


def test_filters_by_status_overdue_and_organization(capsys, demo_db):
    rows = demo_rows(demo_db)
    code, out, err = caseteam(capsys, "--db", demo_db, "referrals", "list", "--status", "in progress",
                              "--status", "declined", "--json")
    assert code == 0, err
    assert sorted(r["status"] for r in json.loads(out)) == sorted(
        r.status.value for r in rows if r.status in (ReferralStatus.IN_PROGRESS, ReferralStatus.DECLINED))
    code, out, err = caseteam(capsys, "--db", demo_db, "referrals", "list", "--overdue", "--json")
    assert code == 0, err
    overdue = json.loads(out)
    assert [r["ref"] for r in overdue] == [r.ref for r in rows if r.overdue]
    assert all(r["status"] in ("sent", "received") for r in overdue)
    code, out, err = caseteam(capsys, "--db", demo_db, "referrals", "list", "--organization", "riverbend",
                              "--json")
    assert code == 0, err
    riverbend = json.loads(out)
    assert riverbend and all("Riverbend Behavioral Health" in (r["to_organization"], r["from_organization"])
                             for r in riverbend)
    assert len(riverbend) == sum(1 for r in rows if r.to_organization_name == "Riverbend Behavioral Health")
    code, out, err = caseteam(capsys, "--db", demo_db, "referrals", "list", "--organization", "Legal Aid")
    assert code == 0 and "0 referrals" in out


def test_refusals_ambiguous_name_and_unknown_status(capsys, demo_db):
    code, out, err = caseteam(capsys, "--db", demo_db, "referrals", "list", "--organization", "Eastport")
    assert code == 1 and "organizations" in err and "Eastport American Job Center" in err
    code, out, err = caseteam(capsys, "--db", demo_db, "referrals", "list", "--organization", "Nowhere Inc")
    assert code == 1 and "Nowhere Inc" in err
    with pytest.raises(SystemExit) as done:  # argparse refuses the value before anyone signs in
        caseteam(capsys, "--db", demo_db, "referrals", "list", "--status", "lost")
    assert done.value.code == 2 and "unknown status 'lost'" in capsys.readouterr().err


def test_the_partner_account_lists_its_inbox_and_referrals_about_people_it_sees(capsys, demo_db, monkeypatch):
    monkeypatch.setenv("CASETEAM_USER", "partner")
    code, out, err = caseteam(capsys, "--db", demo_db, "referrals", "list", "--json")
    assert code == 0, err
    listed = {r["ref"] for r in json.loads(out)}
    rows = demo_rows(demo_db)
    riverbend = {r.ref for r in rows if r.to_organization_name == "Riverbend Behavioral Health"}
    assert riverbend <= listed  # the inbox, also for people whose team Riverbend is not on
    others = [r for r in rows if r.ref in listed - riverbend]
    store = open_store(demo_db)
    try:  # the others are about people whose team Kevin is on, whose record he may open
        partner = users.sign_in(store, "partner", "caseteam-demo")
        with store.unit_of_work(write=False) as uow:
            assert all(access.allowed(uow, partner, access.Action.VIEW_PERSON, r.person_id) for r in others)
            hidden = [r for r in rows if r.ref not in listed]
            assert not any(access.allowed(uow, partner, access.Action.VIEW_PERSON, r.person_id) for r in hidden)
    finally:
        store.close()
