"""How a partner organization engages at the One-Stop: referrals only, a scheduled presence on set days
and hours in a room, or co-located there."""

from __future__ import annotations

import enum
import uuid
from datetime import time

from sqlalchemy import ForeignKey, Integer, String, Time, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Editable


class Engagement(enum.Enum):
    REFERRAL_ONLY = "referral_only"
    SCHEDULED = "scheduled"      # at the One-Stop on set days and hours
    CO_LOCATED = "co_located"    # based there

    @property
    def label(self) -> str:
        return {"referral_only": "Referral only", "scheduled": "Scheduled presence at the One-Stop",
                "co_located": "Co-located at the One-Stop"}[self.value]


class PresenceSlot(Editable, Base):
    """One weekly block when a partner is in the building: weekday (0 = Monday), local hours, room."""

    __tablename__ = "presence_slots"

    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), index=True)
    site_organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"),
                                                                   nullable=True)  # the One-Stop it is at
    weekday: Mapped[int] = mapped_column(Integer)
    starts: Mapped[time] = mapped_column(Time)
    ends: Mapped[time] = mapped_column(Time)
    room: Mapped[str] = mapped_column(String(100), default="")
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)  # who comes
    note: Mapped[str] = mapped_column(String(300), default="")
