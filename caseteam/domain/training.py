"""The staff training log: courses, sessions (a course taught, or a partner briefing in which one partner
teaches the others its services), who attended, and credentials with their expiry (some funders require
one before a staff member may bill)."""

from __future__ import annotations

import enum
import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, EnumText


class CourseTopic(enum.Enum):
    DISCOVERY = "discovery"
    CUSTOMIZED_JOB_DEVELOPMENT = "customized_job_development"
    BENEFITS_PLANNING = "benefits_planning"
    PERSON_CENTERED_PLANNING = "person_centered_planning"
    SYSTEMATIC_INSTRUCTION = "systematic_instruction"
    DISABILITY_AWARENESS = "disability_awareness"
    PARTNER_BRIEFING = "partner_briefing"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"customized_job_development": "Customized job development",
                "person_centered_planning": "Person-centered planning"}.get(
            self.value, self.value.replace("_", " ").capitalize())


class SessionKind(enum.Enum):
    COURSE = "course"
    PARTNER_BRIEFING = "partner_briefing"

    @property
    def label(self) -> str:
        return {"course": "Course", "partner_briefing": "Partner briefing"}[self.value]


class Course(Editable, Base):
    __tablename__ = "courses"

    name: Mapped[str] = mapped_column(String(200))
    topic: Mapped[CourseTopic] = mapped_column(EnumText(CourseTopic))
    provider: Mapped[str] = mapped_column(String(200), default="")
    hours: Mapped[Decimal | None] = mapped_column(Numeric(6, 2), nullable=True)
    credential_name: Mapped[str] = mapped_column(String(200), default="")  # what completing it earns
    valid_months: Mapped[int | None] = mapped_column(Integer, nullable=True)  # renewal period of that credential
    description: Mapped[str] = mapped_column(Text, default="")


class TrainingSession(Editable, Base):
    __tablename__ = "training_sessions"

    kind: Mapped[SessionKind] = mapped_column(EnumText(SessionKind))
    course_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("courses.id"), nullable=True, index=True)
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    presenting_organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"),
                                                                         nullable=True)
    partnership_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("partnerships.id"), nullable=True)
    place: Mapped[str] = mapped_column(String(300), default="")
    topics: Mapped[str] = mapped_column(Text, default="")  # services, populations, eligibility covered

    attendance: Mapped[list[TrainingAttendance]] = relationship(order_by="TrainingAttendance.created_at")


class TrainingAttendance(Editable, Base):
    __tablename__ = "training_attendance"
    __table_args__ = (UniqueConstraint("session_id", "staff_id"),)

    session_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("training_sessions.id"), index=True)
    staff_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff.id"), index=True)
    completed: Mapped[bool] = mapped_column(Boolean, default=True)
    certificate_attachment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("attachments.id"),
                                                                        nullable=True)


class Credential(Editable, Base):
    """A certificate or credential a staff member holds (a CE certification, a benefits-planner credential)."""

    __tablename__ = "credentials"

    staff_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("staff.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    issuer: Mapped[str] = mapped_column(String(200), default="")
    issued_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    course_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("courses.id"), nullable=True)
    session_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("training_sessions.id"), nullable=True)
    required_by_funder_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("funders.id"), nullable=True)
    attachment_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("attachments.id"), nullable=True)
