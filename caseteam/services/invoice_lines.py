"""What an invoice bills: a funder's invoiceable service entries for one person and period plus the
milestones reached, and the entries held back with the words that say why. A unit already on a live
(draft, submitted or paid) invoice is never gathered again, so nothing is billed twice."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from caseteam.domain.billing import InvoiceStatus, MilestoneStatus
from caseteam.domain.funding import ServiceEntry
from caseteam.domain.notes import CaseNote
from caseteam.domain.organizations import Organization
from caseteam.errors import ValidationError
from caseteam.storage.queries import invoices as queries
from caseteam.storage.queries import service_entries as entry_queries

from .service_rules import day

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class HeldBackRow:
    entry_id: uuid.UUID
    ref: str
    served_on: date
    service_code: str
    amount: Decimal
    why: str


@dataclass(frozen=True)
class InvoiceLineRow:
    """A line as stored (id and position are None and 0 while it is only gathered)."""

    id: uuid.UUID | None
    position: int
    service_entry_id: uuid.UUID | None
    milestone_id: uuid.UUID | None
    served_on: date
    code: str
    description: str
    units: Decimal
    rate: Decimal
    amount: Decimal
    evidence: str
    reference: str  # SV-0012 or MS-0003: where the line came from

    @property
    def key(self) -> tuple:
        """What must still match when a draft is sent."""
        return (self.service_entry_id, self.milestone_id, self.units, self.amount)


@dataclass(frozen=True)
class Gathered:
    provider_organization_id: uuid.UUID | None
    lines: tuple[InvoiceLineRow, ...]
    held_back: tuple[HeldBackRow, ...] = field(default=())

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


def _note_refs(uow, entries) -> dict[uuid.UUID, str]:
    ids = {e.case_note_id for e in entries if e.case_note_id is not None}
    return {n.id: n.ref for n in (uow.session.get(CaseNote, i) for i in ids) if n is not None}


def _why_not(entry: ServiceEntry, corrected_on: dict) -> list[str]:
    """The words that keep an entry off the invoice (none: it may be billed)."""
    why = []
    if entry.unauthorized_reason and entry.override_by_id is None:
        why.append(entry.unauthorized_reason)
    why.extend(line for line in entry.flags.splitlines() if line)
    billed = corrected_on.get(entry.corrects_id) if entry.corrects_id else None
    if billed is not None:
        if billed.status is InvoiceStatus.DRAFT:
            why.append(f"It corrects an entry on draft invoice {billed.ref}; rebuild that draft")
        else:
            why.append(f"It corrects an entry billed on invoice {billed.ref} ({billed.status.label.lower()}); "
                       "it is billed when that invoice is returned and corrected")
    return why


def _sent_back_words(inv) -> str:
    if inv.status is InvoiceStatus.DENIED:
        return f"Invoice {inv.ref} was denied ({inv.reason}); it is not billed again"
    return f"It is on returned invoice {inv.ref} ({inv.reason}); correct that invoice to bill it again"


def _provider(uow, billable: list[ServiceEntry], person) -> uuid.UUID | None:
    """The person's home organization when it delivered any of it, else whoever delivered the most."""
    providers = Counter(e.provider_organization_id for e in billable)
    if person.home_organization_id in providers or not providers:
        return person.home_organization_id
    return providers.most_common(1)[0][0]


def gather(uow, person, funder, period_from: date, period_to: date, *, leaving_out: uuid.UUID | None = None,
           provider_organization_id: uuid.UUID | None = None, reopened_entries=(),
           reopened_milestones=()) -> Gathered:
    """The lines the funder can be billed now. `leaving_out` is the draft being rebuilt (its own lines do
    not count as billed); `reopened_*` are the units of a returned invoice being corrected."""
    session = uow.session
    reopened_entries, reopened_milestones = set(reopened_entries), set(reopened_milestones)
    entries = queries.funder_entries(session, person.id, funder.id, period_from, period_to)
    replaced = entry_queries.replaced_ids(session, [e.id for e in entries])
    milestones = queries.funder_milestones(session, person.id, funder.id, until=period_to, statuses=(
        MilestoneStatus.ACHIEVED, MilestoneStatus.RETURNED))
    live = queries.on_live_invoices(session, entry_ids=[e.id for e in entries],
                                    milestone_ids=[m.id for m in milestones], leaving_out=leaving_out)
    corrected_on = queries.on_live_invoices(session, entry_ids=[e.corrects_id for e in entries if e.corrects_id],
                                            leaving_out=leaving_out)
    sent_back = queries.on_live_invoices(session, entry_ids=[e.id for e in entries if e.invoiced_at is not None],
                                         statuses=queries.SENT_BACK)
    billable, held = [], []
    for entry in entries:
        if entry.id in replaced or entry.id in live:
            continue  # replaced by its correction, or billed already
        if entry.invoiced_at is not None and entry.id not in reopened_entries:
            # On a returned or denied invoice: it comes back only through that invoice's correction.
            if entry.id in sent_back:
                held.append((entry, [_sent_back_words(sent_back[entry.id])]))
            continue
        why = _why_not(entry, corrected_on)
        (held if why else billable).append((entry, why))
    provider_id = provider_organization_id or _provider(uow, [e for e, _ in billable], person)
    services = queries.services_by_id(session, [e.funder_service_id for e in entries] +
                                      [m.funder_service_id for m in milestones])
    notes = _note_refs(uow, [e for e, _ in billable])
    lines = []
    for entry, _ in billable:
        if entry.provider_organization_id != provider_id:
            other = session.get(Organization, entry.provider_organization_id)
            held.append((entry, [f"Provided by {other.name if other else 'another organization'}, "
                                 "which bills it on its own invoice"]))
            continue
        service = services[entry.funder_service_id]
        evidence = f"Case note {notes[entry.case_note_id]}" if entry.case_note_id in notes else ""
        lines.append(InvoiceLineRow(None, 0, entry.id, None, entry.served_on, service.code, service.name, entry.units,
                                    entry.rate, entry.amount, evidence, entry.ref))
    for milestone in milestones:
        if milestone.id in live:
            continue
        if milestone.status is MilestoneStatus.RETURNED and milestone.id not in reopened_milestones:
            continue
        service = services[milestone.funder_service_id]
        lines.append(InvoiceLineRow(None, 0, None, milestone.id, milestone.achieved_on, service.code,
                                    service.name or milestone.event.label, Decimal("1.00"), milestone.amount,
                                    milestone.amount, milestone.evidence, milestone.ref))
    lines.sort(key=lambda line: (line.served_on, line.milestone_id is not None, line.reference))
    held_rows = tuple(HeldBackRow(e.id, e.ref, e.served_on, services[e.funder_service_id].code, e.amount,
                                  "; ".join(why)) for e, why in sorted(held, key=lambda h: (h[0].served_on, h[0].ref)))
    return Gathered(provider_id, tuple(lines), held_rows)


def check_period(period_from, period_to) -> None:
    if not isinstance(period_from, date):
        raise ValidationError("period_from", "Give the first day the invoice covers.")
    if not isinstance(period_to, date):
        raise ValidationError("period_to", "Give the last day the invoice covers.")
    if period_to < period_from:
        raise ValidationError("period_to", "The invoice period ends before it starts.")


def nothing_to_bill(funder, person, period_from: date, period_to: date, gathered) -> ValidationError:
    words = f"There is nothing to bill {funder.name} for {person.display_name} from {day(period_from)} to " \
            f"{day(period_to)}"
    if gathered.held_back:
        first = gathered.held_back[0]
        words += (f": {len(gathered.held_back)} service entr{'y is' if len(gathered.held_back) == 1 else 'ies are'} "
                  f"held back ({first.ref}: {first.why})")
    return ValidationError("period_from", words + ".")
