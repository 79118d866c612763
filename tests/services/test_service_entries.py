"""Service entries on both engines: always saved, the rules' words on them, the 80% warning and
exhaustion, override by a supervisor, credential / first-payer / cost-share flags and clearing,
corrections of invoiced entries, and stored amounts that sum exactly."""

from __future__ import annotations

import random
from datetime import time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.funding import (Authorization, AuthorizationStatus, BillingUnit, CostShareEntry, FeeRate, Funder,
                                     FunderKind, FunderService, ServiceEntry, UnitRounding)
from caseteam.domain.users import Role
from caseteam.errors import Locked, PermissionDenied, ValidationError
from caseteam.services import authorizations, notes, service_entries, users
from caseteam.services.service_rules import FIRST_PAYER, day
from builders import casework_desk


@pytest.fixture
def desk(store, actor):
    return casework_desk(store, actor)


def funder_with(desk, funder_name, code, unit, rate, *, name=None, kind=FunderKind.VR,
                rounding=UnitRounding.EIGHT_MINUTE, **service_values):
    """A funder and one service with a rate from a year ago (written directly: funder setup is another
    service's business)."""
    with desk["store"].unit_of_work() as uow:
        funder = uow.add(Funder(ref=uow.references.next("funder"), organization_id=desk["crp"].id,
                                name=funder_name, kind=kind, unit_rounding=rounding, rules="", report_layout="",
                                blended_pool=False))
        uow.flush()
        service = uow.add(FunderService(funder_id=funder.id, code=code, name=name or code,
                                        unit=unit, **{"required_credential": "", "needs_first_payer_proof": False,
                                                      "evidence_required": "", **service_values}))
        uow.flush()
        uow.add(FeeRate(funder_service_id=service.id, rate=Decimal(rate),
                        effective_from=desk["today"] - timedelta(days=365)))
        return service.id


def authorize(desk, service_id, *, units=None, amount=None, rate=None, starts=-60, ends=60,
              status=AuthorizationStatus.ACTIVE):
    with desk["store"].unit_of_work() as uow:
        service = uow.session.get(FunderService, service_id)
        auth = uow.add(Authorization(
            ref=uow.references.next("authorization"), person_id=desk["ana"].id, funder_id=service.funder_id,
            funder_service_id=service_id, number="", units=None if units is None else Decimal(units),
            amount=None if amount is None else Decimal(amount), rate=None if rate is None else Decimal(rate),
            starts_on=desk["today"] + timedelta(days=starts), ends_on=desk["today"] + timedelta(days=ends),
            status=status, note=""))
        uow.flush()
        return auth.id, auth.ref


def record(desk, service_id, actor=None, days_ago=1, **values):
    with desk["store"].unit_of_work() as uow:
        row, changes = service_entries.record_service(
            uow, actor or desk["jobdev"], desk["ana"].id, funder_service_id=service_id,
            served_on=desk["today"] - timedelta(days=days_ago), provider_organization_id=desk["crp"].id, **values)
    assert changes.funding
    return row


def test_entries_without_authorization_are_saved_flagged_and_not_invoiceable(desk):
    coaching = funder_with(desk, "State VR", "JC", BillingUnit.HOUR, "48.00", name="Job coaching")
    row = record(desk, coaching, starts_at=time(9, 0), ends_at=time(10, 30))
    assert row.units == Decimal("1.50") and row.rate == Decimal("48.00") and row.amount == Decimal("72.00")
    when = day(desk["today"] - timedelta(days=1))
    assert row.unauthorized_reason == f"No authorization covers Job coaching on {when}"
    assert not row.invoiceable and row.ref.startswith("SV-")
    with desk["store"].unit_of_work(write=False) as uow:
        listed = service_entries.list_entries(uow, desk["jobdev"], desk["ana"].id)
    assert [e.ref for e in listed.entries] == [row.ref]
    assert listed.totals[0].funder_name == "State VR" and listed.totals[0].amount == Decimal("72.00")
    assert listed.totals[0].invoiceable_amount == Decimal("0.00")


def test_override_needs_a_supervisor_and_a_reason_and_is_audited(desk):
    coaching = funder_with(desk, "State VR", "JC", BillingUnit.HOUR, "48.00", name="Job coaching")
    row = record(desk, coaching, starts_at=time(9, 0), ends_at=time(10, 0))
    with pytest.raises(PermissionDenied):
        with desk["store"].unit_of_work() as uow:
            service_entries.override(uow, desk["jobdev"], row.id, "She needed it")
    with pytest.raises(ValidationError) as refused:
        with desk["store"].unit_of_work() as uow:
            service_entries.override(uow, desk["supervisor"], row.id, "  ")
    assert refused.value.field == "reason"
    with desk["store"].unit_of_work() as uow:
        done, _ = service_entries.override(uow, desk["supervisor"], row.id, "VR counselor approved by phone")
    assert done.override_by_id == desk["supervisor"].user_id and done.override_at is not None
    assert done.invoiceable and done.unauthorized_reason  # the words stay; the override lets it through
    with desk["store"].unit_of_work(write=False) as uow:
        audit = uow.session.scalars(select(AuditEntry).where(AuditEntry.entity_id == str(row.id),
                                                             AuditEntry.action == "funding overridden")).all()
    assert len(audit) == 1 and audit[0].reason == "VR counselor approved by phone"
    assert audit[0].actor_name == "Denise Okafor"


def test_eighty_percent_warns_then_exhausts_then_names_what_is_left(desk):
    days = funder_with(desk, "Waiver", "SE-D", BillingUnit.DAY, "20.00", name="Day supports")
    auth_id, ref = authorize(desk, days, units="50")
    made = [record(desk, days, units="10", days_ago=10 - n) for n in range(6)]
    assert [r.warnings for r in made[:3]] == [(), (), ()]
    assert made[3].warnings == (f"{ref} is 80% used (40 of 50 units)",)
    assert made[4].warnings == (f"{ref} is now used up (50 of 50 units); it is exhausted",)
    assert all(r.invoiceable and r.authorization_id == auth_id for r in made[:5])
    assert made[5].unauthorized_reason == f"{ref} has 0.00 units left; this entry asks 10.00"
    assert not made[5].invoiceable and made[5].authorization_id is None
    with desk["store"].unit_of_work(write=False) as uow:
        auth = uow.session.get(Authorization, auth_id)
        assert auth.status is AuthorizationStatus.EXHAUSTED
        assert uow.session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.entity_id == str(auth_id), AuditEntry.action == "exhausted")) == 1
    with desk["store"].unit_of_work() as uow:  # the funder adds units: it may be drawn on again
        row, _changes = authorizations.amend_authorization(uow, desk["jobdev"], auth_id, amended_on=desk["today"],
                                                           reason="Ten more days agreed", units="60")
    assert row.status is AuthorizationStatus.ACTIVE
    assert record(desk, days, units="5", days_ago=0).authorization_id == auth_id


def test_a_part_of_what_is_left_and_dates_outside_and_expired(desk):
    days = funder_with(desk, "Waiver", "SE-D", BillingUnit.DAY, "20.00", name="Day supports")
    _, ref = authorize(desk, days, units="10", ends=-3)
    assert record(desk, days, units="4", days_ago=5).invoiceable
    over = record(desk, days, units="8", days_ago=4)
    assert over.unauthorized_reason == f"{ref} has 6.00 units left; this entry asks 8.00"
    late = record(desk, days, units="1", days_ago=1, authorization_id=_auth(desk, ref))
    assert late.unauthorized_reason == (f"{ref} ended on {day(desk['today'] - timedelta(days=3))}; "
                                        f"this entry is on {day(desk['today'] - timedelta(days=1))}")
    _, expired_ref = authorize(desk, days, units="10", status=AuthorizationStatus.EXPIRED, starts=-2)
    row = record(desk, days, units="1", days_ago=1)
    assert row.unauthorized_reason.startswith(expired_ref) and not row.invoiceable


def _auth(desk, ref):
    with desk["store"].unit_of_work(write=False) as uow:
        return uow.session.scalar(select(Authorization.id).where(Authorization.ref == ref))


def test_units_from_a_signed_note_by_the_funders_rounding(desk):
    coaching = funder_with(desk, "Waiver", "SE-15", BillingUnit.QUARTER_HOUR, "9.13", name="Supported employment",
                           kind=FunderKind.MEDICAID_WAIVER)
    authorize(desk, coaching, units="100")
    with desk["store"].unit_of_work() as uow:
        note, _ = notes.save_draft(uow, desk["jobdev"], desk["ana"].id, body="Coached Ana at the library.",
                                   starts_at=time(9, 0), ends_at=time(9, 53), billable=True,
                                   held_on=desk["today"] - timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        record(desk, coaching, case_note_id=note.id)
    assert refused.value.field == "case_note_id" and "draft" in str(refused.value)
    with desk["store"].unit_of_work() as uow:
        notes.sign_note(uow, desk["jobdev"], note.id, version=note.version)
    row = record(desk, coaching, case_note_id=note.id)
    assert (row.starts_at, row.ends_at, row.units) == (time(9, 0), time(9, 53), Decimal("4.00"))
    assert row.amount == Decimal("36.52") and row.invoiceable
    with pytest.raises(ValidationError) as refused:
        record(desk, coaching, starts_at=time(10, 0), ends_at=time(9, 0))
    assert refused.value.field == "ends_at"


def test_credential_and_first_payer_flags_and_their_clearing(desk):
    service = funder_with(desk, "Waiver", "SE", BillingUnit.DAY, "30.00", name="Supported employment",
                          kind=FunderKind.MEDICAID_WAIVER, required_credential="ACRE CE certificate",
                          needs_first_payer_proof=True)
    authorize(desk, service, units="20")
    row = record(desk, service, units="1", staff_id=desk["lupe"].id)
    when = day(desk["today"] - timedelta(days=1))
    assert row.flags == (f"Needs ACRE CE certificate: Lupe Hernández holds none on {when}", FIRST_PAYER)
    assert not row.invoiceable and not row.unauthorized_reason
    with pytest.raises(PermissionDenied):  # a partner-staff account cannot change the directory
        with desk["store"].unit_of_work() as uow:
            partner = users.ensure_user(uow, username="kim", display_name="Kim", role=Role.PARTNER_STAFF)
            service_entries.add_credential(uow, partner, desk["lupe"].id, name="ACRE CE certificate")
    with desk["store"].unit_of_work() as uow:  # one that lapsed before the service clears nothing
        changed, _ = service_entries.add_credential(uow, desk["actor"], desk["lupe"].id, name="ACRE CE certificate",
                                                    valid_to=desk["today"] - timedelta(days=30))
    assert changed == 0
    with desk["store"].unit_of_work() as uow:
        changed, _ = service_entries.add_credential(uow, desk["actor"], desk["lupe"].id, name="acre ce certificate",
                                                    valid_from=desk["today"] - timedelta(days=30))
    assert changed == 1
    with desk["store"].unit_of_work() as uow:
        changed, _ = service_entries.add_proof(uow, desk["jobdev"], desk["ana"].id, service,
                                               dated=desk["today"] - timedelta(days=2), issued_by="State VR",
                                               scan=b"%PDF-1.4 denial letter", filename="vr-denial.pdf")
    assert changed == 1
    with desk["store"].unit_of_work(write=False) as uow:
        again = service_entries.get_entry(uow, desk["jobdev"], row.id)
    assert again.flags == () and again.invoiceable


def test_the_cost_share_plan_says_who_pays(desk):
    vr = funder_with(desk, "State VR", "JC-VR", BillingUnit.HOUR, "48.00", name="Job coaching")
    waiver = funder_with(desk, "Waiver", "JC-W", BillingUnit.HOUR, "40.00", name="Job coaching (waiver)",
                         kind=FunderKind.MEDICAID_WAIVER)
    authorize(desk, vr, units="40")
    authorize(desk, waiver, units="40")
    with desk["store"].unit_of_work() as uow:
        for service, seq, starts, ends in ((vr, 1, -60, -11), (waiver, 2, -10, None)):
            uow.add(CostShareEntry(person_id=desk["ana"].id, funder_service_id=service, service_name="Job coaching",
                                   sequence=seq, starts_on=desk["today"] + timedelta(days=starts),
                                   ends_on=None if ends is None else desk["today"] + timedelta(days=ends), note=""))
    early = record(desk, vr, days_ago=20, units="2")
    assert early.flags == () and early.invoiceable
    wrong = record(desk, vr, days_ago=2, units="2")
    assert wrong.flags == (f"The cost-share plan has Waiver paying Job coaching on "
                           f"{day(desk['today'] - timedelta(days=2))}",)
    assert record(desk, waiver, days_ago=2, units="2").invoiceable


def test_an_invoiced_entry_is_corrected_by_a_new_entry(desk):
    days = funder_with(desk, "Waiver", "SE-D", BillingUnit.DAY, "20.00", name="Day supports")
    authorize(desk, days, units="10")
    first = record(desk, days, units="3")
    with desk["store"].unit_of_work() as uow:  # invoicing is the next slice: mark it as an invoice would
        uow.session.get(ServiceEntry, first.id).invoiced_at = uow.now()
    with pytest.raises(Locked) as refused:
        with desk["store"].unit_of_work() as uow:
            service_entries.update_entry(uow, desk["jobdev"], first.id, units="2")
    assert first.ref in str(refused.value) and "correcting entry" in str(refused.value)
    with desk["store"].unit_of_work() as uow:
        fixed, _ = service_entries.correct_entry(uow, desk["jobdev"], first.id, units="2")
    assert fixed.corrects_id == first.id and fixed.ref != first.ref and fixed.amount == Decimal("40.00")
    assert fixed.invoiceable  # the original's 3 units no longer count against the 10
    with desk["store"].unit_of_work(write=False) as uow:
        listed = service_entries.list_entries(uow, desk["jobdev"], desk["ana"].id)
        original = uow.session.get(ServiceEntry, first.id)
        assert original.units == Decimal("3.00") and original.invoiced_at is not None  # never edited
    assert {e.ref: e.corrected for e in listed.entries} == {first.ref: True, fixed.ref: False}
    assert listed.totals[0].units == Decimal("2.00") and listed.totals[0].amount == Decimal("40.00")
    with pytest.raises(ValidationError):
        with desk["store"].unit_of_work() as uow:
            service_entries.correct_entry(uow, desk["jobdev"], first.id, units="1")


def test_many_random_entries_store_amounts_that_sum_exactly(desk):
    rng = random.Random(7)
    services = [funder_with(desk, f"Funder {n}", f"S{n}", BillingUnit.ITEM, f"{rng.randint(100, 99_999) / 100:.2f}")
                for n in range(4)]
    with desk["store"].unit_of_work(write=False) as uow:
        rates = {s: uow.session.scalar(select(FeeRate.rate).where(FeeRate.funder_service_id == s)) for s in services}
    expected_cents = 0
    with desk["store"].unit_of_work() as uow:
        for _ in range(120):
            service, hundredths = rng.choice(services), rng.randint(1, 5_000)
            service_entries.record_service(uow, desk["jobdev"], desk["ana"].id, funder_service_id=service,
                                           served_on=desk["today"] - timedelta(days=rng.randint(0, 300)),
                                           units=Decimal(hundredths) / 100, provider_organization_id=desk["crp"].id)
            expected_cents += (hundredths * int(rates[service] * 100) + 50) // 100
    with desk["store"].unit_of_work(write=False) as uow:
        stored = uow.session.scalar(select(func.sum(ServiceEntry.amount)))
        listed = service_entries.list_entries(uow, desk["jobdev"], desk["ana"].id)
    assert Decimal(stored) == Decimal(expected_cents) / 100
    assert sum(t.amount for t in listed.totals) == Decimal(expected_cents) / 100
    assert all(isinstance(e.amount, Decimal) for e in listed.entries)


def test_an_amount_authorization_with_its_own_rate(desk):
    coaching = funder_with(desk, "State VR", "JC", BillingUnit.HOUR, "48.00", name="Job coaching")
    _, ref = authorize(desk, coaching, amount="100.00", rate="25.00")
    first = record(desk, coaching, starts_at=time(9, 0), ends_at=time(12, 0), days_ago=3)
    assert (first.rate, first.amount, first.warnings) == (Decimal("25.00"), Decimal("75.00"), ())
    second = record(desk, coaching, starts_at=time(9, 0), ends_at=time(11, 0), days_ago=2)
    assert second.unauthorized_reason == f"{ref} has $25.00 left; this entry asks $50.00"
    with desk["store"].unit_of_work() as uow:  # not invoiced yet: fixed in place, the rules checked again
        fixed, _ = service_entries.update_entry(uow, desk["jobdev"], second.id, version=second.version,
                                                ends_at=time(9, 30))
    assert (fixed.ref, fixed.units, fixed.amount) == (second.ref, Decimal("0.50"), Decimal("12.50"))
    assert fixed.unauthorized_reason == "" and fixed.invoiceable
    assert fixed.warnings == (f"{ref} is 87% used ($87.50 of $100.00)",)


def test_the_last_day_served_is_where_a_month_picker_starts(desk):
    coaching = funder_with(desk, "State VR", "JC", BillingUnit.HOUR, "48.00", name="Job coaching")
    with desk["store"].unit_of_work(write=False) as uow:
        assert service_entries.last_served_on(uow, desk["jobdev"], desk["ana"].id) is None
    record(desk, coaching, days_ago=40, units="1")
    record(desk, coaching, days_ago=10, units="2")
    with desk["store"].unit_of_work(write=False) as uow:
        assert service_entries.last_served_on(uow, desk["jobdev"], desk["ana"].id) == desk["today"] - timedelta(days=10)
