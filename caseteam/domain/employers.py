"""Employers as the agency's shared pipeline: their profile, every contact any job developer made, and
the unmet needs found. Not tied to one person; a person's negotiation with an employer is in jobs.py.

An employer is an organization of kind employer; the people there whom job developers talk to are
its staff records in the partner directory.
"""

from __future__ import annotations

import enum
import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity, EnumText


class EmployerStage(enum.Enum):
    PROSPECT = "prospect"              # identified, not yet contacted
    CONTACTED = "contacted"            # first conversations, informational interviews
    ENGAGED = "engaged"                # tours, proposals, job seekers discussed
    HIRING_PARTNER = "hiring_partner"  # has hired someone through the agency
    NOT_NOW = "not_now"                # asked not to be approached for now

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class EmployerContactKind(enum.Enum):
    INFORMATIONAL_INTERVIEW = "informational_interview"
    TOUR = "tour"
    PROPOSAL = "proposal"
    MEETING = "meeting"
    PHONE = "phone"
    EMAIL = "email"
    FOLLOW_UP = "follow_up"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class EmployerProfile(Editable, Base):
    """What job developers need to know about an employer beyond its directory entry."""

    __tablename__ = "employer_profiles"

    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), unique=True)
    industry: Mapped[str] = mapped_column(String(200), default="")
    size: Mapped[str] = mapped_column(String(60), default="")
    location: Mapped[str] = mapped_column(String(200), default="")  # the worksite, when not the mailing address
    bus_lines: Mapped[str] = mapped_column(String(200), default="")
    accessibility: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[EmployerStage] = mapped_column(EnumText(EmployerStage), default=EmployerStage.PROSPECT,
                                                 index=True)
    stage_changed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class EmployerContact(Editable, Base):
    """One contact with an employer by any job developer: informational interview, tour, proposal..."""

    __tablename__ = "employer_contacts"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), index=True)
    contacted_on: Mapped[date] = mapped_column(Date, index=True)
    kind: Mapped[EmployerContactKind] = mapped_column(EnumText(EmployerContactKind))
    by_user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))
    # The employer's person: a staff record of the employer when there is one, else just a name.
    contact_staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str] = mapped_column(Text, default="")
    next_on: Mapped[date | None] = mapped_column(Date, nullable=True)

    people: Mapped[list[EmployerContactPerson]] = relationship(cascade="all, delete-orphan")


class EmployerContactPerson(Entity, Base):
    """A job seeker discussed in that contact (their disclosure decision governs what was said)."""

    __tablename__ = "employer_contact_people"

    contact_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("employer_contacts.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("people.id"), index=True)


class EmployerNeed(Editable, Base):
    """An unmet need found at an employer: the opening for a carved or created job."""

    __tablename__ = "employer_needs"

    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    found_on: Mapped[date] = mapped_column(Date)
    contact_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("employer_contacts.id"), nullable=True)
    met_on: Mapped[date | None] = mapped_column(Date, nullable=True)
