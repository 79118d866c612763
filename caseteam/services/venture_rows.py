"""What the self-employment service hands back: a venture with its steps and start-up costs, and the
costs' totals by funder (Decimal, to the cent)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from caseteam.domain.ventures import VentureStatus

CENT = Decimal("0.01")


@dataclass(frozen=True)
class StepRow:
    id: uuid.UUID
    venture_id: uuid.UUID
    position: int
    description: str
    due: date | None
    done_on: date | None


@dataclass(frozen=True)
class CostRow:
    id: uuid.UUID
    venture_id: uuid.UUID
    position: int
    item: str
    amount: Decimal
    funder_organization_id: uuid.UUID | None
    funder_name: str
    funder: str  # what to show: the organization's name, or the typed name, or "Not decided"


@dataclass(frozen=True)
class FunderTotal:
    funder: str
    amount: Decimal


@dataclass(frozen=True)
class VentureRow:
    id: uuid.UUID
    ref: str
    person_id: uuid.UUID
    business_name: str
    idea: str
    themes: str
    status: VentureStatus
    launch_date: date | None
    plan_description: str
    plan_market: str
    plan_operations: str
    plan_marketing: str
    plan_finances: str
    benefits_notes: str
    pass_notes: str
    steps: tuple[StepRow, ...]
    costs: tuple[CostRow, ...]
    totals: tuple[FunderTotal, ...]
    total: Decimal
    job_id: uuid.UUID | None
    job_ref: str
    version: int

    @property
    def title(self) -> str:
        return f"{self.business_name} ({self.ref})"


UNDECIDED = "Funder not decided"


def totals_by_funder(costs) -> tuple[tuple[FunderTotal, ...], Decimal]:
    """Sums per funder in the order funders first appear, and the grand total (Decimal, to the cent)."""
    sums: dict[str, Decimal] = {}
    for c in costs:
        sums[c.funder] = sums.get(c.funder, Decimal("0")) + c.amount
    totals = tuple(FunderTotal(name, amount.quantize(CENT)) for name, amount in sums.items())
    return totals, sum((t.amount for t in totals), Decimal("0")).quantize(CENT)
