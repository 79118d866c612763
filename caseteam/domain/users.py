"""Accounts that act in caseteam: a role, an optional link to partner staff, and sign-in state."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, EnumText, UTCDateTime
from .organizations import StaffMember


class Role(enum.Enum):
    ADMINISTRATOR = "administrator"
    SUPERVISOR = "supervisor"
    JOB_DEVELOPER = "job_developer"
    PARTNER_STAFF = "partner_staff"
    AUDITOR = "auditor"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class User(Editable, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(EnumText(Role), default=Role.JOB_DEVELOPER)
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Sign-in state: failures since the last success drive the growing lockout delay.
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    staff: Mapped[StaffMember | None] = relationship()
