"""Funders, fee schedules, configuration packs, authorizations, usage and cost-share plans, on both engines."""

from __future__ import annotations

import json
import random
import shutil
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.funding import AuthorizationStatus, BillingUnit, FunderKind, ServiceEntry
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.users import Role
from caseteam.errors import PermissionDenied, ValidationError
from caseteam.services import funders, organizations, people, users
from caseteam.storage.queries import funding as funding_queries


@pytest.fixture
def desk(store, actor):
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr_org, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        lupe, _ = organizations.add_staff(uow, actor, crp.id, given_name="Lupe", family_name="Hernández")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lima", home_organization_id=crp.id,
                                      lead_staff_id=lupe.id)
        vr, _ = funders.create_funder(uow, actor, organization_id=vr_org.id, name="State VR", kind=FunderKind.VR,
                                      report_layout="vr_narrative", rules="Milestones paid on report.")
        waiver, _ = funders.create_funder(uow, actor, organization_id=crp.id, name="HCBS waiver",
                                          kind=FunderKind.MEDICAID_WAIVER, blended_pool=True)
        vr_coach, _ = funders.add_funder_service(uow, actor, vr.id, code="JC", name="Job coaching",
                                                 unit=BillingUnit.HOUR, required_credential="ACRE CE certificate")
        waiver_coach, _ = funders.add_funder_service(uow, actor, waiver.id, code="T2019", name="Supported employment",
                                                     unit=BillingUnit.QUARTER_HOUR, needs_first_payer_proof=True)
        funders.set_rate(uow, actor, vr_coach.id, rate="55.00", effective_from=date(2026, 1, 1))
        funders.set_rate(uow, actor, waiver_coach.id, rate=Decimal("13.47"), effective_from=date(2026, 1, 1))
        partner = users.ensure_user(uow, username="pat", display_name="Pat Partner", role=Role.PARTNER_STAFF,
                                    staff_id=lupe.id)
        jobdev = users.ensure_user(uow, username="lupe", display_name="Lupe Hernández", role=Role.JOB_DEVELOPER,
                                   staff_id=lupe.id)
    return dict(store=store, actor=actor, crp=crp, ana=ana, vr=vr, waiver=waiver, vr_coach=vr_coach,
                waiver_coach=waiver_coach, partner=partner, jobdev=jobdev, vr_org=vr_org)


def run(desk, fn, *args, **kwargs):
    with desk["store"].unit_of_work() as uow:
        return fn(uow, desk["actor"], *args, **kwargs)


def test_a_new_rate_closes_the_previous_one_the_day_before(desk):
    service = desk["vr_coach"]
    run(desk, funders.set_rate, service.id, rate="58.25", effective_from=date(2026, 7, 1))
    with desk["store"].unit_of_work(write=False) as uow:
        assert funders.rate_on(uow, service.id, date(2025, 12, 31)) is None
        assert funders.rate_on(uow, service.id, date(2026, 6, 30)) == Decimal("55.00")
        assert funders.rate_on(uow, service.id, date(2026, 7, 1)) == Decimal("58.25")
        rates = funders.get_funder(uow, desk["actor"], desk["vr"].id).services[0].rates
    assert [(r.rate, r.effective_from, r.effective_to) for r in rates] == [
        (Decimal("55.00"), date(2026, 1, 1), date(2026, 6, 30)), (Decimal("58.25"), date(2026, 7, 1), None)]
    for bad, words in (("0", r"more than \$0\.00"), ("12.345", "two decimals"), (12.5, "dollar amount"),
                       ("twelve", "not a dollar amount")):
        with pytest.raises(ValidationError, match=words):
            run(desk, funders.set_rate, service.id, rate=bad, effective_from=date(2027, 1, 1))
    with pytest.raises(ValidationError, match="already has a rate from July 1, 2026"):
        run(desk, funders.set_rate, service.id, rate="60.00", effective_from=date(2026, 3, 1))


def test_a_service_code_is_used_once_per_funder(desk):
    with pytest.raises(ValidationError, match="already has a service coded JC"):
        run(desk, funders.add_funder_service, desk["vr"].id, code="JC", name="Other", unit=BillingUnit.HOUR)
    row, _ = run(desk, funders.add_funder_service, desk["waiver"].id, code="JC", name="Job coaching",
                 unit=BillingUnit.HOUR)
    assert row.code == "JC"


def test_a_pack_round_trips_into_a_fresh_store_and_a_bad_pack_changes_nothing(desk, tmp_path, sqlite_template):
    from caseteam.storage.store import open_store

    run(desk, funders.set_rate, desk["vr_coach"].id, rate="58.25", effective_from=date(2026, 7, 1))
    pack = run(desk, funders.export_pack, [desk["vr"].id, desk["waiver"].id])
    assert json.loads(pack)["format"] == "caseteam-funders/1"
    shutil.copyfile(sqlite_template, tmp_path / "fresh.sqlite")
    fresh = open_store(tmp_path / "fresh.sqlite")
    try:
        from builders import local_actor

        other = local_actor(fresh)
        with fresh.unit_of_work() as uow:
            organizations.create_organization(uow, other, name="Bridgeway", kind=OrganizationKind.CRP)
            organizations.create_organization(uow, other, name="State VR", kind=OrganizationKind.VR_OFFICE)
        broken = json.loads(pack)
        broken["funders"][1]["services"][0]["rates"][0]["rate"] = "13.479"
        with pytest.raises(ValidationError, match="Bad rate in the pack"):
            with fresh.unit_of_work() as uow:
                funders.import_pack(uow, other, json.dumps(broken).encode())
        del broken["funders"][0]["kind"]
        with pytest.raises(ValidationError, match='missing "kind"'):
            with fresh.unit_of_work() as uow:
                funders.import_pack(uow, other, json.dumps(broken).encode())
        with pytest.raises(ValidationError, match="not a funder configuration pack"):
            with fresh.unit_of_work() as uow:
                funders.import_pack(uow, other, b"name,rate\nJC,55.00\n")
        with fresh.unit_of_work(write=False) as uow:
            assert funders.list_funders(uow, other) == []
        with fresh.unit_of_work() as uow:
            summary, _ = funders.import_pack(uow, other, pack)
        assert (summary.funders_created, summary.services_created, summary.rates_added) == (2, 2, 3)
        with fresh.unit_of_work(write=False) as uow:
            again = funders.export_pack(uow, other, [f.id for f in funders.list_funders(uow, other)])
        assert json.loads(again) == json.loads(pack)
        with fresh.unit_of_work() as uow:  # importing the same pack again changes nothing
            summary, _ = funders.import_pack(uow, other, pack)
        assert summary.words == "0 funders added, 0 updated; 0 services added, 0 updated; 0 rates added."
        clash = json.loads(pack)  # a new funder first, then a rate that contradicts the one held: all refused
        clash["funders"].insert(0, dict(clash["funders"][0], name="Arbor Foundation", services=[]))
        clash["funders"][2]["services"][0]["rates"][0]["rate"] = "56.00"
        with pytest.raises(ValidationError, match="nothing was imported"):
            with fresh.unit_of_work() as uow:
                funders.import_pack(uow, other, json.dumps(clash).encode())
        with fresh.unit_of_work(write=False) as uow:
            assert sorted(f.name for f in funders.list_funders(uow, other)) == ["HCBS waiver", "State VR"]
    finally:
        fresh.close()


def request(desk, **kwargs):
    values = dict(units="40", starts_on=date(2026, 3, 1), ends_on=date(2026, 8, 31))
    values.update(kwargs)
    return run(desk, funders.request_authorization, desk["ana"].id, desk["vr"].id, desk["vr_coach"].id, **values)[0]


def test_authorization_lifecycle_keeps_each_amendment_before_and_after(desk):
    asked = request(desk)
    assert asked.status is AuthorizationStatus.REQUESTED and asked.ref.startswith("AU-")
    assert asked.rate == Decimal("55.00")  # the fee schedule's rate on the start date
    assert asked.follow_up_on == asked.requested_on + timedelta(days=14)
    got = run(desk, funders.record_received, asked.id, number="VR-2026-0412", units="36",
              letter=b"%PDF-1.4 letter", letter_filename="vr-letter.pdf", version=asked.version)[0]
    assert got.status is AuthorizationStatus.ACTIVE and got.units == Decimal("36.00")
    assert got.letter_attachment_id is not None
    one = run(desk, funders.amend_authorization, got.id, amended_on=date(2026, 5, 1), units="50",
              reason="Counselor added hours for a second site")[0]
    two = run(desk, funders.amend_authorization, got.id, amended_on=date(2026, 6, 1), ends_on=date(2026, 10, 31),
              reason="Extended")[0]
    assert (two.units, two.ends_on) == (Decimal("50.00"), date(2026, 10, 31))
    assert [(a.units_before, a.units_after, a.ends_before, a.ends_after) for a in two.amendments] == [
        (Decimal("36.00"), Decimal("50.00"), date(2026, 8, 31), date(2026, 8, 31)),
        (Decimal("50.00"), Decimal("50.00"), date(2026, 8, 31), date(2026, 10, 31))]
    assert one.version < two.version
    other = request(desk)  # a second authorization, listed with no amendments
    with desk["store"].unit_of_work(write=False) as uow:
        listed = {a.id: a for a in funders.list_authorizations(uow, desk["actor"], desk["ana"].id)}
    assert listed[got.id].amendments == two.amendments and listed[other.id].amendments == ()
    gone = run(desk, funders.cancel_authorization, got.id, reason="Ana moved out of state")[0]
    assert gone.status is AuthorizationStatus.CANCELLED and "moved out of state" in gone.note


def test_an_authorization_refuses_bad_terms(desk):
    with pytest.raises(ValidationError, match="units authorized, the amount, or both"):
        request(desk, units=None)
    with pytest.raises(ValidationError, match="end after it starts"):
        request(desk, ends_on=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="more than"):
        request(desk, amount="-5.00")
    with pytest.raises(ValidationError, match="not one State VR pays for"):
        run(desk, funders.request_authorization, desk["ana"].id, desk["vr"].id, desk["waiver_coach"].id,
            units="10", starts_on=date(2026, 3, 1), ends_on=date(2026, 4, 1))


def test_a_request_not_chased_reads_overdue_and_expire_due_moves_ended_ones(desk):
    with desk["store"].unit_of_work(write=False) as uow:
        today = uow.today()
    late = request(desk, requested_on=today - timedelta(days=20))
    assert "overdue to chase" in late.status_words
    fresh = request(desk, requested_on=today)
    assert fresh.status_words == "Requested"
    ended = request(desk, starts_on=today - timedelta(days=100), ends_on=today - timedelta(days=1))
    ended = run(desk, funders.record_received, ended.id, number="VR-9")[0]
    assert ended.status is AuthorizationStatus.ACTIVE and ended.status_words.startswith("Expired")
    current = request(desk, starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=10))
    current = run(desk, funders.record_received, current.id, number="VR-10")[0]
    moved, changes = run(desk, funders.expire_due, today)
    assert [m.ref for m in moved] == [ended.ref] and changes.funding
    with desk["store"].unit_of_work(write=False) as uow:
        listed = {a.ref: a.status for a in funders.list_authorizations(uow, desk["actor"], desk["ana"].id)}
        trail = list(uow.session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == str(ended.id))))
    assert listed[ended.ref] is AuthorizationStatus.EXPIRED and listed[current.ref] is AuthorizationStatus.ACTIVE
    assert "expired" in trail


def _entry(uow, desk, auth, units, amount, *, corrects=None, authorization_id="same"):
    entry = ServiceEntry(ref=uow.references.next("service_entry"), person_id=desk["ana"].id,
                         funder_service_id=desk["vr_coach"].id, served_on=date(2026, 4, 1), units=units,
                         rate=Decimal("55.00"), amount=amount, provider_organization_id=desk["crp"].id,
                         authorization_id=auth.id if authorization_id == "same" else authorization_id,
                         recorded_by_id=desk["actor"].user_id, corrects_id=corrects)
    uow.add(entry)
    uow.flush()
    return entry


def test_usage_sums_exactly_and_a_corrected_entry_counts_only_through_its_correction(desk):
    auth = run(desk, funders.record_received, request(desk, units="100", amount="5000.00").id, number="VR-1")[0]
    with desk["store"].unit_of_work() as uow:
        first = _entry(uow, desk, auth, Decimal("4.00"), Decimal("220.00"))
        fixed = _entry(uow, desk, auth, Decimal("3.00"), Decimal("165.00"), corrects=first.id)
        _entry(uow, desk, auth, Decimal("2.50"), Decimal("137.50"), corrects=fixed.id)
        _entry(uow, desk, auth, Decimal("10.00"), Decimal("550.00"))
        used = funders.usage(uow, auth.id)
    assert (used.units_used, used.amount_used) == (Decimal("12.50"), Decimal("687.50"))
    assert (used.units_left, used.amount_left, used.percent_used) == (Decimal("87.50"), Decimal("4312.50"),
                                                                      Decimal("13.8"))


def test_usage_of_a_thousand_cent_amounts_equals_pythons_decimal_sum(desk):
    auth = run(desk, funders.record_received, request(desk, units=None, amount="99999.99").id, number="VR-2")[0]
    chance = random.Random(20261201)
    amounts = [Decimal(chance.randint(1, 9999)) / 100 for _ in range(1000)]
    with desk["store"].unit_of_work() as uow:
        for amount in amounts:
            uow.add(ServiceEntry(ref=uow.references.next("service_entry"), person_id=desk["ana"].id,
                                 funder_service_id=desk["vr_coach"].id, served_on=date(2026, 4, 1),
                                 units=Decimal("1.00"), rate=amount, amount=amount,
                                 provider_organization_id=desk["crp"].id, authorization_id=auth.id,
                                 recorded_by_id=desk["actor"].user_id))
    with desk["store"].unit_of_work(write=False) as uow:
        used = funders.usage(uow, auth.id)
        assert len(funding_queries.entries_on(uow.session, auth.id)) == 1000
    expected = sum(amounts, Decimal("0"))
    assert used.amount_used == expected and str(used.amount_used) == str(expected.quantize(Decimal("0.01")))
    assert used.amount_left == Decimal("99999.99") - expected and used.units_left is None


def test_cost_share_switches_from_vr_to_the_waiver_on_the_right_day(desk):
    plan = [(desk["vr_coach"].id, "Job coaching", 1, date(2026, 3, 1), date(2026, 8, 31), "VR first"),
            (desk["waiver_coach"].id, "Job coaching", 2, date(2026, 9, 1), None, "Extended services")]
    rows, _ = run(desk, funders.set_cost_share, desk["ana"].id, plan)
    assert [r.blended_pool for r in rows] == [False, True]
    with desk["store"].unit_of_work(write=False) as uow:
        assert funders.payer_on(uow, desk["ana"].id, "job coaching", date(2026, 2, 28)) is None
        assert funders.payer_on(uow, desk["ana"].id, "Job coaching", date(2026, 8, 31)).funder_name == "State VR"
        on_sept = funders.payer_on(uow, desk["ana"].id, "Job coaching", date(2026, 9, 1))
        assert on_sept.funder_name == "HCBS waiver" and on_sept.funder_service_id == desk["waiver_coach"].id
    with pytest.raises(ValidationError) as refused:
        run(desk, funders.set_cost_share, desk["ana"].id,
            plan[:1] + [(desk["waiver_coach"].id, "Job coaching", 2, date(2026, 8, 15), None, "")])
    assert str(refused.value) == ("A unit of service is never split between funders: Job coaching is paid by "
                                  "State VR and HCBS waiver from August 15, 2026.")
    with desk["store"].unit_of_work(write=False) as uow:  # the refused plan left the saved one as it was
        assert len(funders.cost_share(uow, desk["actor"], desk["ana"].id)) == 2


def test_partner_staff_cannot_set_up_funders_and_a_job_developer_may_as_the_matrix_says(desk):
    from caseteam.services.access import RULES, Action

    with desk["store"].unit_of_work() as uow:
        with pytest.raises(PermissionDenied, match="may not change the partner directory"):
            funders.create_funder(uow, desk["partner"], organization_id=desk["crp"].id, name="Foundation",
                                  kind=FunderKind.FOUNDATION)
        with pytest.raises(PermissionDenied):
            funders.set_rate(uow, desk["partner"], desk["vr_coach"].id, rate="1.00", effective_from=date(2027, 1, 1))
        with pytest.raises(PermissionDenied):
            funders.import_pack(uow, desk["partner"], b"{}")
    assert Action.MANAGE_PARTNERS in RULES[Role.JOB_DEVELOPER]
    row, _ = run(desk, lambda uow, _a: funders.create_funder(uow, desk["jobdev"], organization_id=desk["crp"].id,
                                                             name="Foundation", kind=FunderKind.FOUNDATION))
    assert row.ref.startswith("FU-")
