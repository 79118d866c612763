"""Accounts that act in caseteam. Sign-in and passwords arrive later; the role is set down now."""

from __future__ import annotations

import enum
import uuid

from sqlalchemy import Boolean, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, EnumText
from .organizations import StaffMember


class Role(enum.Enum):
    ADMINISTRATOR = "administrator"
    SUPERVISOR = "supervisor"
    JOB_DEVELOPER = "job_developer"
    PARTNER_STAFF = "partner_staff"
    AUDITOR = "auditor"


class User(Editable, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(EnumText(Role), default=Role.JOB_DEVELOPER)
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    password_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    staff: Mapped[StaffMember | None] = relationship()
