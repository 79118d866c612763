"""What the handover hands to screens: a staff member's open items (each with what it is in words, for
whom, at which organization, and a suggested colleague), the colleagues who may take them, and past
handovers with their items."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from caseteam.domain.handovers import HandoverKind

KIND_ORDER = tuple(HandoverKind)


def item_key(kind: HandoverKind, record_id: uuid.UUID) -> str:
    """How an item is named in `hand_over(assignments=...)`: "task:<uuid>", "lead:<uuid>", …"""
    return f"{HandoverKind(kind).value}:{record_id}"


@dataclass(frozen=True)
class ColleagueRow:
    id: uuid.UUID
    name: str
    organization_id: uuid.UUID
    organization_name: str
    open_tasks: int

    @property
    def words(self) -> str:
        """"Ana Ruiz — State VR (3 open tasks)", as the choices list them."""
        tasks = f"{self.open_tasks} open task{'s' if self.open_tasks != 1 else ''}"
        return f"{self.name} — {self.organization_name} ({tasks})"


@dataclass(frozen=True)
class OpenItemRow:
    kind: HandoverKind
    record_id: uuid.UUID          # the task, membership, person (lead), referral or meeting attendee row
    label: str                    # what it is, in words
    person_id: uuid.UUID | None
    person_name: str
    organization_id: uuid.UUID    # the organization the item is for (a task's, a referral side's, the seat's)
    organization_name: str
    holder_id: uuid.UUID
    holder_name: str
    suggested_id: uuid.UUID | None  # an active colleague at the same organization, or None when there is none
    suggested_name: str
    same_organization_only: bool  # tasks and referrals go only to colleagues of the same organization
    version: int | None
    excluded_ids: tuple[uuid.UUID, ...] = ()  # who cannot take it: already invited, or the referral's other side

    @property
    def key(self) -> str:
        return item_key(self.kind, self.record_id)


@dataclass(frozen=True)
class OpenWork:
    staff_id: uuid.UUID
    staff_name: str
    organization_id: uuid.UUID
    organization_name: str
    active: bool
    version: int
    items: tuple[OpenItemRow, ...]       # grouped by kind, in HandoverKind's order
    colleagues: tuple[ColleagueRow, ...]  # every active staff member but them, their organization's first

    def of_kind(self, kind: HandoverKind) -> tuple[OpenItemRow, ...]:
        return tuple(i for i in self.items if i.kind is kind)

    def colleagues_for(self, item: OpenItemRow) -> tuple[ColleagueRow, ...]:
        return tuple(c for c in self.colleagues if c.id not in item.excluded_ids and (
            not item.same_organization_only or c.organization_id == item.organization_id))

    @property
    def counts_words(self) -> str:
        """"3 open tasks, 2 team memberships, 1 lead job developer assignment" (or "nothing open")."""
        return counts_words({k: len(self.of_kind(k)) for k in KIND_ORDER})


NOUNS = {HandoverKind.TASK: ("open task", "open tasks"),
         HandoverKind.TEAM_MEMBERSHIP: ("team membership", "team memberships"),
         HandoverKind.LEAD: ("lead job developer assignment", "lead job developer assignments"),
         HandoverKind.REFERRAL: ("pending referral", "pending referrals"),
         HandoverKind.MEETING: ("upcoming meeting", "upcoming meetings")}


def counts_words(counts) -> str:
    parts = [f"{n} {NOUNS[k][n != 1]}" for k in KIND_ORDER if (n := counts.get(k, 0))]
    return ", ".join(parts) if parts else "nothing open"


@dataclass(frozen=True)
class HandoverItemRow:
    kind: HandoverKind
    record_id: uuid.UUID
    label: str
    person_id: uuid.UUID | None
    person_name: str
    from_staff_id: uuid.UUID
    from_name: str
    to_staff_id: uuid.UUID
    to_name: str
    new_record_id: uuid.UUID | None = None  # the colleague's new team seat, when a seat moved


@dataclass(frozen=True)
class HandoverRow:
    id: uuid.UUID
    staff_id: uuid.UUID
    staff_name: str
    organization_name: str
    deactivated: bool
    reason: str
    by: str
    at: datetime
    undone_at: datetime | None
    undone_by: str
    items: tuple[HandoverItemRow, ...]

    @property
    def undone(self) -> bool:
        return self.undone_at is not None

    @property
    def summary(self) -> str:
        """"5 items to Ana Ruiz and Ben Cho; record closed" in words."""
        receivers = sorted({i.to_name for i in self.items})
        to = (" and ".join(receivers) if len(receivers) <= 2 else
              ", ".join(receivers[:-1]) + f" and {receivers[-1]}")
        n = len(self.items)
        words = f"{n} item{'s' if n != 1 else ''}" + (f" to {to}" if receivers else "")
        if self.deactivated:
            words += "; staff record made inactive"
        if self.undone:
            words += "; undone"
        return words
