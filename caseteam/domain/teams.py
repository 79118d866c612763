"""A person's customized-support team: partner staff and natural supports, each with a role."""

from __future__ import annotations

import enum
import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, EnumText
from .organizations import StaffMember


class TeamRole(enum.Enum):
    JOB_DEVELOPER = "job_developer"
    VR_COUNSELOR = "vr_counselor"
    BENEFITS_PLANNER = "benefits_planner"
    CASE_MANAGER = "case_manager"
    SUPPORT_COORDINATOR = "support_coordinator"
    JOB_COACH = "job_coach"
    TRANSITION_COORDINATOR = "transition_coordinator"
    WORKFORCE_STAFF = "workforce_staff"
    ADVOCATE = "advocate"
    FAMILY = "family"
    FRIEND = "friend"
    MENTOR = "mentor"
    EMPLOYER_CONTACT = "employer_contact"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize().replace("Vr ", "VR ")


class Team(Editable, Base):
    __tablename__ = "teams"

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), unique=True)
    formed_on: Mapped[date] = mapped_column(Date)
    members: Mapped[list[TeamMember]] = relationship(back_populates="team", order_by="TeamMember.start_date")


class TeamMember(Editable, Base):
    """Either a partner staff member (staff_id) or a natural support (name, relationship, contact)."""

    __tablename__ = "team_members"

    team_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("teams.id"), index=True)
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True, index=True)
    support_name: Mapped[str] = mapped_column(String(200), default="")
    relationship_to_person: Mapped[str] = mapped_column(String(100), default="")
    contact: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[TeamRole] = mapped_column(EnumText(TeamRole))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)

    team: Mapped[Team] = relationship(back_populates="members")
    staff: Mapped[StaffMember | None] = relationship()

    @property
    def name(self) -> str:
        return self.staff.name if self.staff else self.support_name
