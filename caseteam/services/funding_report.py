"""The funding report over a period: what each funder's services cost per person, how much of the
authorizations is used (by funder, service and provider), the milestones reached, invoiced, paid, returned
and denied, supervisors' overrides with their reasons, and blended-pool funders apart from the others.

Rules, so the figures can be checked by hand:
- Service entries count by the day served; an entry a correction replaced counts only through the
  correction. "Invoiceable" is what may be billed (inside its authorization or overridden, and with no
  flags), whether or not it is on an invoice yet; "held back" is the rest; "overridden" is the part let
  through by a supervisor's override.
- Milestones count by the day reached. In the cost section a milestone merely due or denied costs
  nothing; the milestones section lists every one reached in the period (denied ones too) and every one
  whose invoice was submitted, paid, returned or denied in the period (by the invoice's dates), each
  milestone once per step.
- Utilization covers authorizations in force (active, exhausted or expired) whose dates meet the period:
  "in the period" is drawn on them in the period, "to date" everything drawn on them up to the period's
  last day (service entries and claimed milestones). An authorization names no provider, so its
  authorized units and amount sit on the line of the provider that drew most on it; one not drawn on yet
  is on a line with no provider.
- Only people the reader may see are counted. Money is Decimal, summed in exact cents.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from caseteam.domain.billing import InvoiceStatus, MilestoneStatus
from caseteam.errors import ValidationError
from caseteam.storage.queries import funding_report as queries

from . import access
from .actors import Actor

__all__ = ["CostRow", "UtilizationRow", "MilestoneActivity", "MilestoneTotal", "OverrideRow", "FunderTotal",
           "FundingReport", "STEPS", "funding_report", "record_export"]

ZERO, TENTH = Decimal("0.00"), Decimal("0.1")
# The steps of a milestone's way to payment, in order, with their words.
STEPS = (("achieved", "Reached"), ("invoiced", "Invoiced"), ("paid", "Paid"), ("returned", "Returned"),
         ("denied", "Denied"))


def _money(hundredths) -> Decimal:
    return (Decimal(int(hundredths)) / 100).quantize(ZERO)


def _name(given: str, family: str, preferred: str) -> str:
    return f"{preferred or given} {family}".strip()


@dataclass(frozen=True)
class CostRow:
    person_id: uuid.UUID
    person_ref: str
    person_name: str
    funder_id: uuid.UUID
    funder_name: str
    blended_pool: bool
    entries: int
    units: Decimal
    amount: Decimal        # service entries
    invoiceable: Decimal
    held_back: Decimal
    overridden: Decimal
    milestones: int
    milestone_amount: Decimal  # milestones reached in the period

    @property
    def total(self) -> Decimal:
        return self.amount + self.milestone_amount


@dataclass(frozen=True)
class UtilizationRow:
    funder_id: uuid.UUID
    funder_name: str
    blended_pool: bool
    service_code: str
    service_name: str
    unit: str
    provider_id: uuid.UUID | None
    provider_name: str     # "" when nothing is drawn on the authorizations yet
    authorizations: int
    authorized_units: Decimal | None   # None: no authorization on the line gives units
    authorized_amount: Decimal | None
    used_units: Decimal    # in the period
    used_amount: Decimal
    used_units_to_date: Decimal
    used_amount_to_date: Decimal
    # To date, of the authorizations carried on this line by every provider that drew on them: the larger of
    # units and amount used, where every authorization gives it.
    percent_used: Decimal | None


@dataclass(frozen=True)
class MilestoneActivity:
    milestone_id: uuid.UUID
    ref: str
    person_id: uuid.UUID
    person_ref: str
    person_name: str
    funder_id: uuid.UUID
    funder_name: str
    blended_pool: bool
    service_code: str
    service_name: str
    status: MilestoneStatus  # as it stands now
    achieved_on: date | None
    amount: Decimal
    reached_in_period: bool
    invoice_ref: str         # the latest invoice that carried it in the period
    invoiced_on: date | None  # each step's date only when it falls in the period
    paid_on: date | None
    returned_on: date | None
    denied_on: date | None
    invoiced_amount: Decimal | None
    reason: str              # why it was returned or denied

    def in_step(self, step: str) -> bool:
        return self.reached_in_period if step == "achieved" else getattr(self, f"{step}_on") is not None


@dataclass(frozen=True)
class MilestoneTotal:
    funder_id: uuid.UUID
    funder_name: str
    blended_pool: bool
    step: str
    step_words: str
    count: int
    amount: Decimal


@dataclass(frozen=True)
class OverrideRow:
    entry_id: uuid.UUID
    entry_ref: str
    served_on: date
    person_ref: str
    person_name: str
    funder_name: str
    blended_pool: bool
    service_code: str
    units: Decimal
    amount: Decimal
    unauthorized_reason: str
    reason: str
    overridden_by: str
    overridden_at: datetime | None


@dataclass(frozen=True)
class FunderTotal:
    funder_id: uuid.UUID
    funder_name: str
    blended_pool: bool
    amount: Decimal
    milestone_amount: Decimal
    invoiceable: Decimal
    held_back: Decimal

    @property
    def total(self) -> Decimal:
        return self.amount + self.milestone_amount


@dataclass(frozen=True)
class FundingReport:
    period_from: date
    period_to: date
    cost: tuple[CostRow, ...]                  # funders that are not blended pools
    utilization: tuple[UtilizationRow, ...]
    blended_cost: tuple[CostRow, ...]          # blended-pool funders, reported apart
    blended_utilization: tuple[UtilizationRow, ...]
    milestones: tuple[MilestoneActivity, ...]  # every funder; blended_pool says which
    milestone_totals: tuple[MilestoneTotal, ...]
    overrides: tuple[OverrideRow, ...]

    def funder_totals(self, *, blended: bool = False) -> list[FunderTotal]:
        """Cost by funder (the chart's bars), largest first."""
        sums: dict[tuple, list[Decimal]] = {}
        for row in self.blended_cost if blended else self.cost:
            line = sums.setdefault((row.funder_id, row.funder_name, row.blended_pool), [ZERO] * 4)
            for n, value in enumerate((row.amount, row.milestone_amount, row.invoiceable, row.held_back)):
                line[n] += value
        totals = [FunderTotal(*key, *values) for key, values in sums.items()]
        return sorted(totals, key=lambda t: (-t.total, t.funder_name))

    @property
    def people(self) -> int:
        return len({r.person_id for r in self.cost + self.blended_cost})

    def figures(self) -> list[tuple[str, str]]:
        """The summary in words, as the dialog and the printed report show it."""
        def dollars(v: Decimal) -> str:
            return f"${v:,.2f}"
        regular, pooled = self.funder_totals(), self.funder_totals(blended=True)
        lines = [("Period", f"{self.period_from.isoformat()} to {self.period_to.isoformat()}"),
                 ("People with services or milestones", str(self.people)),
                 ("Services", dollars(sum((t.amount for t in regular), ZERO))),
                 ("Invoiceable", dollars(sum((t.invoiceable for t in regular), ZERO))),
                 ("Held back", dollars(sum((t.held_back for t in regular), ZERO))),
                 ("Milestones reached", dollars(sum((t.milestone_amount for t in regular), ZERO)))]
        if pooled:
            lines.append(("Blended pools (reported apart)", dollars(sum((t.total for t in pooled), ZERO))))
        for total in self.milestone_totals:
            if total.step != "achieved":
                lines.append((f"Milestones {total.step_words.lower()}, {total.funder_name}",
                              f"{total.count} for {dollars(total.amount)}"))
        lines.append(("Supervisor overrides", str(len(self.overrides))))
        return lines


def _cost(uow, since, until, visible) -> list[CostRow]:
    found: dict[tuple, dict] = {}
    for (pid, ref, given, family, preferred, fid, fname, pool, n, units, amount, billable,
         overridden) in queries.cost(uow.session, since, until, visible):
        found[(pid, fid)] = dict(head=(pid, ref, _name(given, family, preferred), fid, fname, bool(pool)),
                                 entries=n, units=_money(units), amount=_money(amount), invoiceable=_money(billable),
                                 held_back=_money(amount - billable), overridden=_money(overridden))
    for (pid, ref, given, family, preferred, fid, fname, pool, n,
         cents) in queries.milestone_cost(uow.session, since, until, visible):
        line = found.setdefault((pid, fid), dict(
            head=(pid, ref, _name(given, family, preferred), fid, fname, bool(pool)), entries=0, units=ZERO,
            amount=ZERO, invoiceable=ZERO, held_back=ZERO, overridden=ZERO))
        line.update(milestones=n, milestone_amount=_money(cents))
    rows = [CostRow(*v["head"], v["entries"], v["units"], v["amount"], v["invoiceable"], v["held_back"],
                    v["overridden"], v.get("milestones", 0), v.get("milestone_amount", ZERO)) for v in found.values()]
    return sorted(rows, key=lambda r: (r.person_name.casefold(), r.person_ref, r.funder_name.casefold()))


def _percent(used_units, used_amount, units, amount) -> Decimal | None:
    shares = [used / given for used, given in ((used_units, units), (used_amount, amount)) if given]
    return (max(shares) * 100).quantize(TENTH, ROUND_HALF_UP) if shares else None


def _utilization(uow, since, until, visible) -> list[UtilizationRow]:
    auths = queries.authorizations(uow.session, since, until, visible)
    ids = [a[0] for a in auths]
    drawn = defaultdict(list)
    for auth_id, provider_id, provider, *sums in queries.drawn_by_provider(uow.session, ids, since, until):
        drawn[auth_id].append((provider_id, provider, *sums))
    claimed = {a: rest for a, *rest in queries.milestones_drawn(uow.session, ids, since, until)}
    lines: dict[tuple, dict] = {}

    def line(auth, provider_id, provider):
        _id, fid, fname, pool, sid, code, sname, unit, _units, _amount = auth
        return lines.setdefault((fid, sid, provider_id), dict(
            head=(fid, fname, bool(pool), code, sname, unit.label, provider_id, provider or ""),
            n=0, units=[], amounts=[], used=[0, 0, 0, 0], carried=[0, 0]))

    for auth in auths:
        auth_id, units, amount = auth[0], auth[8], auth[9]
        draws = drawn.get(auth_id, [])
        # The provider that drew most (to date) carries the authorization's figures.
        main = max(draws, key=lambda d: (d[3], d[1]), default=(None, ""))
        carrier = line(auth, main[0], main[1])
        carrier["n"] += 1
        carrier["units"].append(units)
        carrier["amounts"].append(amount)
        uses = [(line(auth, d[0], d[1]), (d[4], d[5], d[2], d[3])) for d in draws]
        if auth_id in claimed:  # a milestone is one unit of its service
            count_all, cents_all, count_in, cents_in = claimed[auth_id]
            uses.append((carrier, (int(count_in) * 100, cents_in, int(count_all) * 100, cents_all)))
        for target, sums in uses:
            for n, value in enumerate(sums):
                target["used"][n] += int(value)
            carrier["carried"][0] += int(sums[2])  # every provider's use counts against the authorization
            carrier["carried"][1] += int(sums[3])
    rows = []
    for v in lines.values():
        # Authorized figures only where every authorization on the line gives them (else a percentage lies).
        units = sum(v["units"], ZERO) if v["units"] and None not in v["units"] else None
        amount = sum(v["amounts"], ZERO) if v["amounts"] and None not in v["amounts"] else None
        rows.append(UtilizationRow(*v["head"], v["n"], units, amount, *(_money(x) for x in v["used"]),
                                   _percent(_money(v["carried"][0]), _money(v["carried"][1]), units, amount)))
    return sorted(rows, key=lambda r: (r.funder_name.casefold(), r.service_code, r.provider_name.casefold()))


def _milestones(uow, since, until, visible) -> tuple[list[MilestoneActivity], list[MilestoneTotal]]:
    def within(day):
        return day if day is not None and since <= day <= until else None

    steps: dict[uuid.UUID, dict] = defaultdict(dict)  # milestone -> step -> (date, invoice ref, cents, reason)
    for (mid, inv_ref, _rev, status, submitted, paid, returned, reason,
         cents) in queries.milestone_invoicing(uow.session, since, until):
        found = {"invoiced": within(submitted),
                 "paid": within(paid) if status is InvoiceStatus.PAID else None,
                 "returned": within(returned) if status is InvoiceStatus.RETURNED else None,
                 "denied": within(returned) if status is InvoiceStatus.DENIED else None}
        for step, day in found.items():
            if day is not None and (step not in steps[mid] or day >= steps[mid][step][0]):
                steps[mid][step] = (day, inv_ref, cents, reason)
    rows = []
    for (m, pid, ref, given, family, preferred, fid, fname, pool, code,
         sname) in queries.milestones(uow.session, since, until, [k for k, v in steps.items() if v], visible):
        done = steps.get(m.id, {})
        latest = max(done.values(), key=lambda s: s[0], default=None)
        refused = done.get("denied") or done.get("returned")
        rows.append(MilestoneActivity(
            m.id, m.ref, pid, ref, _name(given, family, preferred), fid, fname, bool(pool), code, sname,
            m.status, m.achieved_on, Decimal(m.amount).quantize(ZERO),
            m.status is not MilestoneStatus.DUE and within(m.achieved_on) is not None,
            latest[1] if latest else "", *(done[s][0] if s in done else None for s in
                                           ("invoiced", "paid", "returned", "denied")),
            _money(latest[2]) if latest else None, (refused[3] if refused else "") or m.reason))
    totals = []
    for fid, fname, pool in sorted({(r.funder_id, r.funder_name, r.blended_pool) for r in rows},
                                   key=lambda f: (f[1].casefold(), str(f[0]))):
        mine = [r for r in rows if r.funder_id == fid]
        for step, words in STEPS:
            counted = [r for r in mine if r.in_step(step)]
            amounts = [r.amount if step == "achieved" else _money(steps[r.milestone_id][step][2]) for r in counted]
            totals.append(MilestoneTotal(fid, fname, pool, step, words, len(counted), sum(amounts, ZERO)))
    return rows, totals


def _overrides(uow, since, until, visible) -> list[OverrideRow]:
    return [OverrideRow(e.id, e.ref, e.served_on, ref, _name(given, family, preferred), fname, bool(pool), code,
                        Decimal(e.units).quantize(ZERO), Decimal(e.amount).quantize(ZERO), e.unauthorized_reason,
                        e.override_reason, by, e.override_at)
            for (e, _pid, ref, given, family, preferred, _fid, fname, pool, code,
                 by) in queries.overrides(uow.session, since, until, visible)]


def funding_report(uow, actor: Actor, *, period_from: date, period_to: date) -> FundingReport:
    if not isinstance(period_from, date) or not isinstance(period_to, date):
        raise ValidationError("period_from" if not isinstance(period_from, date) else "period_to",
                              "Give both the first and the last day of the period.")
    if period_from > period_to:
        raise ValidationError("period_from", f"The period starts on {period_from.isoformat()}, after its end "
                                             f"{period_to.isoformat()}.")
    visible = access.people_filter(uow, actor)
    cost = _cost(uow, period_from, period_to, visible)
    use = _utilization(uow, period_from, period_to, visible)
    milestones, totals = _milestones(uow, period_from, period_to, visible)
    return FundingReport(
        period_from, period_to, cost=tuple(r for r in cost if not r.blended_pool),
        utilization=tuple(r for r in use if not r.blended_pool),
        blended_cost=tuple(r for r in cost if r.blended_pool),
        blended_utilization=tuple(r for r in use if r.blended_pool),
        milestones=tuple(milestones), milestone_totals=tuple(totals),
        overrides=tuple(_overrides(uow, period_from, period_to, visible)))


def record_export(uow, actor: Actor, report: FundingReport, fmt: str) -> None:
    """An export carries people's services and money out of the store, so it is written to the audit log
    (a writing unit of work; call it before the file is handed over)."""
    if not uow.write:
        raise ValueError("record_export writes an audit entry, so it needs a writing unit of work")
    uow.audit.record(actor, ("funding_report", "export"), "exported",
                     changes={"format": fmt, "from": report.period_from.isoformat(),
                              "to": report.period_to.isoformat(), "people": report.people})
