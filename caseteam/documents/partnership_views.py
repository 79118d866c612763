"""What the strategic plan and the resource manual print, as plain frozen data (loaded and checked by the
services; the renderers read nothing else)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class PlanActionView:
    text: str
    owner: str
    due: date | None
    status: str          # "Done", "In progress"...
    task_ref: str


@dataclass(frozen=True)
class PlanStrategyView:
    text: str
    actions: tuple[PlanActionView, ...]


@dataclass(frozen=True)
class PlanGoalView:
    number: int
    title: str
    description: str
    progress: str        # "2 of 3 actions done (67%)"
    strategies: tuple[PlanStrategyView, ...]


@dataclass(frozen=True)
class PlanSignerView:
    name: str
    title: str
    organization: str
    role: str            # "Primary", "Alternate"


@dataclass(frozen=True)
class StrategicPlanView:
    ref: str
    version: int
    title: str
    partnership: str
    level: str
    status: str
    period: str
    adopted_on: date | None
    vision: str
    guiding_principles: str
    members: tuple[str, ...]
    goals: tuple[PlanGoalView, ...]
    signers: tuple[PlanSignerView, ...]
    printed_on: date
    demo: bool = False


@dataclass(frozen=True)
class ManualContactView:
    name: str
    title: str
    phone: str
    email: str


@dataclass(frozen=True)
class ManualProgramView:
    name: str
    services: str
    eligibility: str
    funding: str
    mandated: bool
    domains: tuple[str, ...]


@dataclass(frozen=True)
class ManualEntryView:
    organization_id: uuid.UUID
    ref: str
    name: str
    kind: str
    mandated: bool       # runs at least one mandated One-Stop partner program
    address: str
    phone: str
    email: str
    website: str
    programs: tuple[ManualProgramView, ...]
    contacts: tuple[ManualContactView, ...]
    engagement: str = ""  # how it engages at the One-Stop: "Referral only", "Co-located at the One-Stop"...
    schedule: tuple[str, ...] = ()  # its weekly times: "At the One-Stop Tuesdays 9:00–12:00, Room 104"


@dataclass(frozen=True)
class ResourceManualView:
    title: str
    scope: str           # the filter in words: "All partners", "Legal aid; serving housing"
    printed_on: date
    entries: tuple[ManualEntryView, ...]
    demo: bool = False
