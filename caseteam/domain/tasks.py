"""Tasks shared out across partner agencies."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, EnumText, UTCDateTime
from .organizations import Organization, StaffMember


class TaskStatus(enum.Enum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def active(self) -> bool:
        return self in ACTIVE_TASK_STATUSES


ACTIVE_TASK_STATUSES = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS, TaskStatus.WAITING)


class Priority(enum.Enum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Task(Editable, Base):
    __tablename__ = "tasks"
    # The Tasks board's usual question, "this organization's open tasks past due", read as one index range.
    __table_args__ = (Index("ix_tasks_board", "organization_id", "status", "due"),)

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    details: Mapped[str] = mapped_column(Text, default="")
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("people.id"), nullable=True,
                                                        index=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), index=True)
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True, index=True)
    due: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    priority: Mapped[Priority] = mapped_column(EnumText(Priority), default=Priority.NORMAL)
    status: Mapped[TaskStatus] = mapped_column(EnumText(TaskStatus), default=TaskStatus.OPEN, index=True)
    created_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    action_step_key: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True, index=True)

    organization: Mapped[Organization] = relationship()
    staff: Mapped[StaffMember | None] = relationship()
