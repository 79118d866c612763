"""The funding report on both engines: cost per person and funder equal to the service entries' own totals,
utilization of authorizations by provider, milestones by step, overrides with their reasons, blended pools
apart, people outside the reader's reach left out, and exact cents over many entries."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from sqlalchemy import event

from caseteam.domain.funding import BillingUnit, ServiceEntry
from caseteam.domain.organizations import OrganizationKind
from caseteam.errors import ValidationError
from caseteam.services import funding_report, funding_report_export, organizations, people, service_entries
from builders import casework_desk
from funding_rows import MARCH, entry, funder, march_scene

D = Decimal


@pytest.fixture
def scene(store, actor):
    desk = casework_desk(store, actor)
    with store.unit_of_work() as uow:
        northside, _ = organizations.create_organization(uow, actor, name="Northside Supports",
                                                         kind=OrganizationKind.CRP)
        vr_office, _ = organizations.create_organization(uow, actor, name="State VR office",
                                                         kind=OrganizationKind.VR_OFFICE)
        # Ben belongs to another agency and Lupe is not on his team: outside her reach.
        ben, _ = people.create_person(uow, actor, given_name="Ben", family_name="Ortiz",
                                      home_organization_id=northside.id)
        rows = march_scene(uow, actor, desk["ana"].id, desk["crp"].id, northside.id, vr_office.id,
                           desk["supervisor"].user_id)
        entry(uow, actor, ben.id, rows["coach"], northside.id, date(2026, 3, 11), "5.00", "275.00",
              unauthorized="No authorization")
    return dict(desk, rows=rows, northside=northside, ben=ben, vr_office=vr_office)


def report(scene, reader=None):
    with scene["store"].unit_of_work(write=False) as uow:
        return funding_report.funding_report(uow, reader or scene["jobdev"], period_from=MARCH[0],
                                             period_to=MARCH[1])


def test_cost_per_person_and_funder_equals_the_service_entries_own_totals(scene):
    got = report(scene)
    assert [(r.person_name, r.funder_name) for r in got.cost] == [("Ana Lima", "Riverside VR")]
    ana = got.cost[0]
    # Plain 110 + correction 137.50 (not the 165 it replaced) + other provider 55 + unauthorized 220
    # + overridden 82.50 + flagged 55; February's entry is outside the period.
    assert (ana.entries, ana.units, ana.amount) == (6, D("12.00"), D("660.00"))
    assert (ana.invoiceable, ana.held_back, ana.overridden) == (D("385.00"), D("275.00"), D("82.50"))
    assert (ana.milestones, ana.milestone_amount, ana.total) == (1, D("3000.00"), D("3660.00"))
    with scene["store"].unit_of_work(write=False) as uow:
        listed = service_entries.list_entries(uow, scene["jobdev"], scene["ana"].id, *MARCH)
    vr = next(t for t in listed.totals if t.funder_name == "Riverside VR")
    assert (ana.units, ana.amount, ana.invoiceable) == (vr.units, vr.amount, vr.invoiceable_amount)
    assert [(t.funder_name, t.total) for t in got.funder_totals()] == [("Riverside VR", D("3660.00"))]


def test_a_blended_pool_is_reported_apart_from_the_other_funders(scene):
    got = report(scene)
    assert all(not r.blended_pool for r in got.cost + got.utilization)
    assert [(r.funder_name, r.amount, r.units) for r in got.blended_cost] == [
        ("Tri-County pooled fund", D("107.76"), D("8.00"))]
    pooled = got.blended_utilization
    assert [(r.service_code, r.authorized_units, r.used_units, r.percent_used) for r in pooled] == [
        ("T2019", D("500.00"), D("8.00"), D("1.6"))]
    assert dict(got.figures())["Blended pools (reported apart)"] == "$107.76"
    assert [t.funder_name for t in got.funder_totals(blended=True)] == ["Tri-County pooled fund"]


def test_utilization_by_funder_service_and_provider(scene):
    lines = {(r.service_code, r.provider_name): r for r in report(scene).utilization}
    assert sorted(lines) == [("DISC", ""), ("JC", "Bridgeway"), ("JC", "Northside Supports")]
    bridgeway = lines[("JC", "Bridgeway")]
    assert (bridgeway.authorizations, bridgeway.authorized_units, bridgeway.authorized_amount) == (1, D("40.00"), None)
    # In March: 2 + 2.5 + 1.5 (overridden, drawn on it) + 1 (flagged); to date adds February's 2.
    assert (bridgeway.used_units, bridgeway.used_amount) == (D("7.00"), D("385.00"))
    assert (bridgeway.used_units_to_date, bridgeway.used_amount_to_date) == (D("9.00"), D("495.00"))
    assert bridgeway.percent_used == D("25.0")  # 10 of 40 hours, Northside's hour included
    northside = lines[("JC", "Northside Supports")]
    assert (northside.authorizations, northside.used_units, northside.percent_used) == (0, D("1.00"), None)
    discovery = lines[("DISC", "")]
    assert (discovery.used_units, discovery.used_amount, discovery.percent_used) == (D("1.00"), D("3000.00"),
                                                                                    D("100.0"))


def test_milestones_by_step_and_overrides_with_their_reasons(scene):
    got = report(scene)
    by_ref = {m.ref: m for m in got.milestones}
    reached, placed = by_ref[scene["rows"]["reached"].ref], by_ref[scene["rows"]["placed"].ref]
    assert reached.reached_in_period and reached.invoiced_on == date(2026, 3, 12)
    assert reached.paid_on == date(2026, 3, 25) and reached.invoice_ref == scene["rows"]["paid_invoice"].ref
    assert not placed.reached_in_period and placed.returned_on == date(2026, 3, 15)
    assert placed.reason == "Missing signature" and placed.paid_on is None
    steps = {t.step: (t.count, t.amount) for t in got.milestone_totals if t.funder_name == "Riverside VR"}
    assert steps == {"achieved": (1, D("3000.00")), "invoiced": (2, D("4500.00")), "paid": (1, D("3000.00")),
                     "returned": (1, D("1500.00")), "denied": (0, D("0.00"))}
    assert [(o.entry_ref, o.reason, o.overridden_by, o.amount) for o in got.overrides] == [
        (scene["rows"]["overridden"].ref, "Counselor approved the extra hours by phone", "Denise Okafor",
         D("82.50"))]


def test_a_person_outside_the_readers_reach_is_absent(scene):
    assert "Ben Ortiz" not in {r.person_name for r in report(scene).cost}
    everyone = report(scene, scene["actor"])
    ben = next(r for r in everyone.cost if r.person_name == "Ben Ortiz")
    assert (ben.amount, ben.held_back) == (D("275.00"), D("275.00"))
    assert everyone.people == report(scene).people + 1


def test_a_reversed_period_is_refused(scene):
    with scene["store"].unit_of_work(write=False) as uow:
        with pytest.raises(ValidationError) as refused:
            funding_report.funding_report(uow, scene["jobdev"], period_from=MARCH[1], period_to=MARCH[0])
    assert refused.value.field == "period_from" and "after its end" in refused.value.message


def test_two_thousand_cent_amounts_sum_to_the_exact_cent(store, actor):
    desk = casework_desk(store, actor)
    chance = random.Random(20261202)
    amounts = [D(chance.randint(1, 999_999)) / 100 for _ in range(2000)]
    with store.unit_of_work() as uow:
        _, services = funder(uow, desk["crp"].id, "Workforce board", services=(("TR", "Training", BillingUnit.HOUR),))
        uow.session.add_all(ServiceEntry(
            ref=uow.references.next("service_entry"), person_id=desk["ana"].id, funder_service_id=services["TR"].id,
            served_on=date(2026, 3, 1 + n % 28), units=D("0.25"), rate=amount, amount=amount,
            provider_organization_id=desk["crp"].id, recorded_by_id=actor.user_id) for n, amount in enumerate(amounts))
    got = report(dict(store=store, jobdev=desk["jobdev"]))
    assert got.cost[0].amount == sum(amounts, D(0)) and got.cost[0].units == D("500.00")
    assert got.cost[0].held_back == D("0.00") and got.cost[0].invoiceable == got.cost[0].amount


def test_each_export_reads_back_the_report_figures(scene):
    got = report(scene)
    book = openpyxl.load_workbook(io.BytesIO(funding_report_export.to_xlsx(got)))
    assert book.sheetnames == ["Summary", "Cost by person", "Utilization", "Milestones", "Milestone steps",
                               "Blended pool cost", "Blended pool use", "Overrides"]
    cost = book["Cost by person"]
    assert cost.freeze_panes == "A2" and cost["A1"].font.bold
    ana = [c for c in cost[2]]
    assert ana[1].value == "Ana Lima" and D(str(ana[5].value)) == D("660.00") and "$" in ana[5].number_format
    assert D(str(book["Blended pool cost"]["F2"].value)) == D("107.76")
    assert book["Overrides"]["K2"].value == "Counselor approved the extra hours by phone"
    lines = list(csv.reader(io.StringIO(funding_report_export.to_csv(got).decode("utf-8-sig"))))
    at = lines.index(["Cost by funder per person"])
    assert lines[at + 1][:3] == ["person_ref", "person", "funder"] and lines[at + 2][5] == "660.00"
    assert lines[at + 3] == [] and ["Blended pools: cost per person"] in lines
    data = json.loads(funding_report_export.to_json(got))
    assert data["cost"][0]["held_back"] == "275.00" and data["blended_cost"][0]["amount"] == "107.76"
    assert [s["step"] for s in data["milestone_steps"]] == ["achieved", "invoiced", "paid", "returned", "denied"]


def test_the_report_costs_the_same_statements_for_one_person_or_many(scene):
    def statements():
        seen = []
        listener = lambda *args: seen.append(args[2])  # noqa: E731  (the statement)
        event.listen(scene["store"].engine, "before_cursor_execute", listener)
        try:
            report(scene, scene["actor"])
        finally:
            event.remove(scene["store"].engine, "before_cursor_execute", listener)
        return len(seen)

    one = statements()
    actor = scene["actor"]
    with scene["store"].unit_of_work() as uow:
        for n in range(8):
            person, _ = people.create_person(uow, actor, given_name=f"Sam{n}", family_name="Many",
                                             home_organization_id=scene["crp"].id)
            march_scene(uow, actor, person.id, scene["crp"].id, scene["northside"].id, scene["vr_office"].id,
                        scene["supervisor"].user_id)
    many = report(scene, actor)
    assert len(many.cost) == 10 and len(many.milestones) == 18 and len(many.overrides) == 9
    assert statements() == one
