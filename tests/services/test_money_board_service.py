"""The money board on both engines: every kind of line with its amount and words, totals per kind, what
drops off once fixed (invoiced, corrected, overridden, received), people outside the account's reach
hidden, and one query per kind however many lines there are."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event

from caseteam.documents.dates import long_date
from caseteam.domain.billing import InvoiceStatus, Milestone, MilestoneEvent, MilestoneStatus
from caseteam.domain.funding import AuthorizationStatus
from caseteam.domain.organizations import OrganizationKind
from caseteam.services import milestones, organizations, people, service_entries
from caseteam.services.money_board import BoardKind, money_board
from billing_desk import authorize, billing_desk, funder, hire, invoice, service

E, K = MilestoneEvent, BoardKind


@pytest.fixture
def desk(store, actor):
    return billing_desk(store, actor)


def board(desk, actor=None):
    with desk["store"].unit_of_work(write=False) as uow:
        return money_board(uow, actor or desk["jobdev"])


def by_kind(found) -> dict:
    lines: dict = {}
    for line in found.lines:
        lines.setdefault(line.kind, []).append(line)
    return lines


def record(desk, service_id, *, person=None, days_ago=5, hours=(9, 12)):
    with desk["store"].unit_of_work() as uow:
        row, _ = service_entries.record_service(
            uow, desk["actor"], (person or desk["ana"]).id, funder_service_id=service_id,
            served_on=desk["today"] - timedelta(days=days_ago), starts_at=time(hours[0], 0), ends_at=time(hours[1], 0),
            provider_organization_id=desk["crp"].id)
    return row


def test_every_kind_shows_with_its_amount_and_fixed_records_drop_off(desk):
    vr = desk["vr"]
    authorize(desk, desk["vr_services"][E.PLACEMENT])
    hire(desk, days_ago=45)
    with desk["store"].unit_of_work() as uow:
        milestones.refresh_due(uow, desk["actor"], desk["ana"].id)
        found = {m.event: m for m in milestones.list_milestones(uow, desk["actor"], desk["ana"].id)}
    placement, thirty = found[E.PLACEMENT], found[E.RETENTION_30]
    # Placement billed 40 days ago (aging 30), an older invoice at 70 days (aging 60), a recent one (not aging).
    _, aging_ref = invoice(desk, vr, submitted_days_ago=40, lines=[(placement.id, None, "1500.00")])
    _, old_ref = invoice(desk, vr, submitted_days_ago=70, total="900.00")
    invoice(desk, vr, submitted_days_ago=10, total="300.00")
    invoice(desk, vr, status=InvoiceStatus.PAID, submitted_days_ago=90, total="400.00")
    returned_id, returned_ref = invoice(desk, vr, status=InvoiceStatus.RETURNED, submitted_days_ago=20,
                                        reason="missing signature", lines=[(thirty.id, None, "750.00")])
    with desk["store"].unit_of_work() as uow:
        returned_milestone = uow.session.get(Milestone, thirty.id)
        returned_milestone.status, returned_milestone.reason = MilestoneStatus.RETURNED, "missing signature"
    coaching = service(desk, vr, "JC", "48.00", name="Job coaching")
    outside = record(desk, coaching)                  # 3 hours, no authorization: $144.00
    overridden = record(desk, coaching, days_ago=6)
    with desk["store"].unit_of_work() as uow:
        service_entries.override(uow, desk["supervisor"], overridden.id, "Counselor approved by phone")
    benefits = service(desk, vr, "BP", "60.00", name="Benefits planning")
    ending_id, ending_ref = authorize(desk, benefits, starts=-60, ends=10, amount="1000.00", units=None)
    record(desk, benefits, hours=(9, 11))              # draws $120.00 of it
    authorize(desk, benefits, starts=-60, ends=45)     # ends later: not on the board
    overdue_id, _ = authorize(desk, coaching, status=AuthorizationStatus.REQUESTED, requested_days_ago=17,
                              follow_up=-3, amount="2400.00")
    old_ask, _ = authorize(desk, coaching, status=AuthorizationStatus.REQUESTED, requested_days_ago=20,
                           follow_up=None, amount=None, units="10")
    authorize(desk, coaching, status=AuthorizationStatus.REQUESTED, requested_days_ago=5, follow_up=9)
    _, extra = funder(desk, "State VR Discovery", events=(E.DISCOVERY_COMPLETE,))
    with desk["store"].unit_of_work() as uow:
        discovery, _ = milestones.record_milestone(uow, desk["actor"], desk["ana"].id,
                                                   funder_service_id=extra[E.DISCOVERY_COMPLETE],
                                                   achieved_on=desk["today"] - timedelta(days=8),
                                                   evidence="Discovery profile delivered")

    found = board(desk)
    lines = by_kind(found)
    assert [line.kind for line in found.lines] == sorted((line.kind for line in found.lines),
                                                         key=list(BoardKind).index)
    [milestone] = lines[K.MILESTONE_NOT_INVOICED]  # placement is on a live invoice, 30 days on a returned one
    assert (milestone.record_kind, milestone.record_id, milestone.amount) == ("milestone", discovery.id,
                                                                             Decimal("2500.00"))
    assert milestone.words == f"Discovery complete achieved on {long_date(discovery.achieved_on)} – not invoiced yet"
    [returned] = lines[K.INVOICE_RETURNED]
    assert (returned.record_ref, returned.amount) == (returned_ref, Decimal("750.00"))
    assert "missing signature" in returned.words and returned.person_name == "Ana Lima"
    assert [(line.record_ref, line.amount) for line in lines[K.INVOICE_AGING_30]] == [(aging_ref,
                                                                                         Decimal("1500.00"))]
    [old] = lines[K.INVOICE_AGING_60]
    assert (old.record_ref, old.amount, old.words) == (old_ref, Decimal("900.00"), (
        f"Submitted on {long_date(desk['today'] - timedelta(days=70))}, unpaid after 70 days"))
    [unauthorized] = lines[K.UNAUTHORIZED_SERVICE]
    assert (unauthorized.record_id, unauthorized.amount) == (outside.id, Decimal("144.00"))
    assert unauthorized.words.startswith("Job coaching on ") and "No authorization covers" in unauthorized.words
    assert [(line.record_id, line.amount) for line in lines[K.AUTHORIZATION_NOT_RECEIVED]] == [
        (old_ask, None), (overdue_id, Decimal("2400.00"))]  # oldest request first
    [ending] = lines[K.AUTHORIZATION_EXPIRING]
    assert (ending.record_id, ending.amount) == (ending_id, Decimal("880.00"))
    assert ending.words.endswith("(in 10 days); $880.00 left")
    totals = {kind: (n, amount) for kind, n, amount in found.totals}
    assert list(totals) == list(BoardKind)
    assert totals[K.INVOICE_RETURNED] == (1, Decimal("750.00")) and totals[K.AUTHORIZATION_NOT_RECEIVED] == (
        2, Decimal("2400.00"))
    assert totals[K.UNAUTHORIZED_SERVICE] == (1, Decimal("144.00"))

    # The returned invoice is corrected without the 30-day milestone: the milestone is money on the table again.
    invoice(desk, vr, status=InvoiceStatus.DRAFT, revision=2, previous_id=returned_id, total="0.00")
    lines = by_kind(board(desk))
    assert K.INVOICE_RETURNED not in lines
    assert [(line.record_ref, line.amount) for line in lines[K.MILESTONE_NOT_INVOICED]] == [
        (thirty.ref, Decimal("750.00")), (discovery.ref, Decimal("2500.00"))]
    assert lines[K.MILESTONE_NOT_INVOICED][0].words == ("30 days in the job returned (missing signature) – not "
                                                        "invoiced again yet")


def test_people_outside_the_accounts_reach_are_hidden_and_each_kind_is_one_query(desk):
    vr = desk["vr"]
    coaching = service(desk, vr, "JC", "48.00", name="Job coaching")
    with desk["store"].unit_of_work() as uow:
        harbor, _ = organizations.create_organization(uow, desk["actor"], name="Harbor Works",
                                                      kind=OrganizationKind.CRP)
        carl, _ = people.create_person(uow, desk["actor"], given_name="Carl", family_name="Moss",
                                       home_organization_id=harbor.id)
    record(desk, coaching)
    record(desk, coaching, person=carl)
    invoice(desk, vr, person=carl, status=InvoiceStatus.RETURNED, submitted_days_ago=15, total="640.00",
            reason="wrong period")

    def counted(actor):
        statements = []

        def seen(conn, cursor, statement, *args):
            statements.append(statement)
        event.listen(desk["store"].engine, "before_cursor_execute", seen)
        try:
            found = board(desk, actor)
        finally:
            event.remove(desk["store"].engine, "before_cursor_execute", seen)
        return found, len(statements)

    mine, few = counted(desk["jobdev"])
    assert {line.person_name for line in mine.lines} == {"Ana Lima"}
    assert [(k, n) for k, n, _ in mine.totals if n] == [(K.UNAUTHORIZED_SERVICE, 1)]
    everyone, _ = counted(desk["actor"])
    assert {line.person_name for line in everyone.lines} == {"Ana Lima", "Carl Moss"}
    assert {line.kind for line in everyone.lines if line.person_name == "Carl Moss"} == {
        K.UNAUTHORIZED_SERVICE, K.INVOICE_RETURNED}
    for n in range(6):  # more lines of every kind cost no more queries
        record(desk, coaching, days_ago=7 + n)
        invoice(desk, vr, submitted_days_ago=35 + 10 * n, total="100.00")
        authorize(desk, coaching, status=AuthorizationStatus.REQUESTED, requested_days_ago=30, follow_up=-1)
    more, many = counted(desk["jobdev"])
    assert len(more.lines) == len(mine.lines) + 18 and many == few <= 8


def test_a_milestone_through_the_invoice_lifecycle_moves_between_board_lines(desk):
    from caseteam.services import invoices

    placer, services = funder(desk, "Placement VR", events=(E.PLACEMENT,))  # pays for the placement only
    authorize(desk, services[E.PLACEMENT])
    start = hire(desk, days_ago=80).start_date
    today = desk["today"]
    with desk["store"].unit_of_work() as uow:
        milestones.refresh_due(uow, desk["actor"], desk["ana"].id)
    assert [line.amount for line in board(desk).lines] == [Decimal("1500.00")]
    with desk["store"].unit_of_work() as uow:
        draft, _ = invoices.draft_invoice(uow, desk["actor"], desk["ana"].id, placer,
                                          period_from=start - timedelta(days=5), period_to=start + timedelta(days=25))
        invoices.submit_invoice(uow, desk["actor"], draft.id, submitted_on=start + timedelta(days=26))
    [aging] = board(desk).lines
    assert (aging.kind, aging.record_ref, aging.amount) == (K.INVOICE_AGING_30, draft.ref, Decimal("1500.00"))
    with desk["store"].unit_of_work() as uow:
        invoices.record_returned(uow, desk["actor"], draft.id, returned_on=today, reason="missing signature")
        placement = milestones.list_milestones(uow, desk["actor"], desk["ana"].id)[0]
    assert placement.status_words == "Returned: missing signature" and placement.invoice_ref == draft.ref
    [returned] = board(desk).lines  # the milestone's money is counted once, on the returned invoice
    assert (returned.kind, returned.amount) == (K.INVOICE_RETURNED, Decimal("1500.00"))
    with desk["store"].unit_of_work() as uow:
        corrected, _ = invoices.correct_invoice(uow, desk["actor"], draft.id)
        placement = milestones.list_milestones(uow, desk["actor"], desk["ana"].id)[0]
    assert board(desk).lines == () and placement.invoice_ref == corrected.ref
