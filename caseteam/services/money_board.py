"""The "money on the table" board: what the agency has earned or is about to lose and has not been paid
for yet, one line per record to fix, for the people the account may see. Each kind is one query.

Kinds: milestones achieved (or returned) and on no live invoice; invoices returned and not corrected;
invoices unpaid more than 30 and more than 60 days after they were submitted; service entries outside an
authorization with no override; authorizations requested and not received; authorizations ending soon.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from caseteam.documents.dates import long_date
from caseteam.domain.billing import MilestoneStatus
from caseteam.storage.queries import money_board as queries

from . import access
from .access import Action
from .actors import Actor
from .authorizations import FOLLOW_UP_DAYS
from .service_rules import count

AGING_DAYS = (30, 60)    # an invoice unpaid more than this many days after it was submitted
EXPIRING_DAYS = 30       # an active authorization ending within this many days
ZERO = Decimal("0.00")


class BoardKind(enum.Enum):
    MILESTONE_NOT_INVOICED = "milestone_not_invoiced"
    INVOICE_RETURNED = "invoice_returned"
    INVOICE_AGING_30 = "invoice_aging_30"
    INVOICE_AGING_60 = "invoice_aging_60"
    UNAUTHORIZED_SERVICE = "unauthorized_service"
    AUTHORIZATION_NOT_RECEIVED = "authorization_not_received"
    AUTHORIZATION_EXPIRING = "authorization_expiring"

    @property
    def label(self) -> str:
        return {"milestone_not_invoiced": "Milestones achieved, not invoiced",
                "invoice_returned": "Invoices returned, not corrected",
                "invoice_aging_30": "Invoices unpaid over 30 days",
                "invoice_aging_60": "Invoices unpaid over 60 days",
                "unauthorized_service": "Services delivered without an authorization",
                "authorization_not_received": "Authorizations requested, not received",
                "authorization_expiring": "Authorizations ending within 30 days"}[self.value]


@dataclass(frozen=True)
class BoardLine:
    kind: BoardKind
    person_id: uuid.UUID
    person_name: str
    person_ref: str
    record_kind: str  # "milestone" | "invoice" | "service_entry" | "authorization"
    record_id: uuid.UUID
    record_ref: str
    funder_name: str
    amount: Decimal | None
    since: date
    words: str
    funder_id: uuid.UUID | None = None


@dataclass(frozen=True)
class MoneyBoard:
    lines: tuple[BoardLine, ...]
    totals: tuple[tuple[BoardKind, int, Decimal], ...]  # every kind, in order, even when it has no lines
    as_of: date


def _line(kind: BoardKind, person, record_kind: str, record, funder, amount, since: date, words: str) -> BoardLine:
    return BoardLine(kind, person.id, person.display_name, person.ref, record_kind, record.id, record.ref,
                     funder.name, amount, since, words, funder.id)


def _milestones(session, scope) -> list[BoardLine]:
    lines = []
    for m, service, funder, person in queries.milestones_not_invoiced(session, scope):
        when = m.achieved_on or m.due_on or m.created_at.date()
        words = f"{service.name} achieved on {long_date(when)} – not invoiced yet"
        if m.status is MilestoneStatus.RETURNED:
            why = f" ({m.reason})" if m.reason else ""
            words = f"{service.name} returned{why} – not invoiced again yet"
        lines.append(_line(BoardKind.MILESTONE_NOT_INVOICED, person, "milestone", m, funder, m.amount, when, words))
    return lines


def _invoices(session, scope, today: date) -> list[BoardLine]:
    lines = []
    for inv, funder, person in queries.invoices_returned(session, scope):
        when = inv.returned_on or inv.submitted_on or inv.period_to
        why = f": {inv.reason}" if inv.reason else ""
        lines.append(_line(BoardKind.INVOICE_RETURNED, person, "invoice", inv, funder, inv.total, when,
                           f"Returned on {long_date(when)}{why} – correct it and submit again"))
    youngest, oldest = AGING_DAYS
    for inv, funder, person in queries.invoices_unpaid(session, scope,
                                                       submitted_before=today - timedelta(days=youngest)):
        age = (today - inv.submitted_on).days
        kind = BoardKind.INVOICE_AGING_60 if age > oldest else BoardKind.INVOICE_AGING_30
        lines.append(_line(kind, person, "invoice", inv, funder, inv.total, inv.submitted_on,
                           f"Submitted on {long_date(inv.submitted_on)}, unpaid after {age} days"))
    return lines


def _entries(session, scope) -> list[BoardLine]:
    return [_line(BoardKind.UNAUTHORIZED_SERVICE, person, "service_entry", entry, funder, entry.amount,
                  entry.served_on, f"{service.name} on {long_date(entry.served_on)}: {entry.unauthorized_reason}")
            for entry, service, funder, person in queries.unauthorized_entries(session, scope)]


def _authorizations(session, scope, today: date) -> list[BoardLine]:
    lines = []
    for auth, service, funder, person in queries.authorizations_not_received(
            session, scope, today=today, chase_after_days=FOLLOW_UP_DAYS):
        asked = auth.requested_on or auth.follow_up_on or auth.created_at.date()
        chase = f"; follow-up was due {long_date(auth.follow_up_on)}" if auth.follow_up_on else ""
        asked_for = auth.amount
        if asked_for is None and auth.units is not None and auth.rate is not None:
            asked_for = (auth.units * auth.rate).quantize(Decimal("0.01"))
        lines.append(_line(BoardKind.AUTHORIZATION_NOT_RECEIVED, person, "authorization", auth, funder, asked_for,
                           asked, f"{service.name} requested on {long_date(asked)}, not received{chase}"))
    for auth, service, funder, person, units_used, amount_used in queries.authorizations_ending(
            session, scope, today=today, within_days=EXPIRING_DAYS):
        left_amount = None if auth.amount is None else auth.amount - Decimal(amount_used)
        left = [f"${left_amount:,.2f}"] if left_amount is not None else []
        if auth.units is not None:
            left.append(f"{count(auth.units - Decimal(units_used))} units")
        days = (auth.ends_on - today).days
        when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
        lines.append(_line(BoardKind.AUTHORIZATION_EXPIRING, person, "authorization", auth, funder, left_amount,
                           auth.ends_on, f"{service.name} ends on {long_date(auth.ends_on)} ({when}); "
                                         f"{' and '.join(left)} left"))
    return lines


def money_board(uow, actor: Actor, today: date | None = None) -> MoneyBoard:
    today = today or uow.today()
    scope = access.scope(uow, actor, Action.VIEW_PERSON)
    session = uow.session
    lines = [*_milestones(session, scope), *_invoices(session, scope, today), *_entries(session, scope),
             *_authorizations(session, scope, today)]
    order = {kind: n for n, kind in enumerate(BoardKind)}
    lines.sort(key=lambda line: (order[line.kind], line.since, line.person_name, line.record_ref))
    totals = []
    for kind in BoardKind:
        mine = [line for line in lines if line.kind is kind]
        totals.append((kind, len(mine), sum((line.amount or ZERO for line in mine), ZERO)))
    return MoneyBoard(tuple(lines), tuple(totals), today)
