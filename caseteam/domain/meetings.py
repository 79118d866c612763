"""Meetings: a person's customized-support team meeting or one of the partnership's (partner meetings,
councils, task forces, planning sessions). A meeting is held at a local date-time in an IANA zone so a
weekly 10:00 meeting stays at 10:00 across DST; a series makes the next ones. Agenda items, minutes,
decisions and action items belong to one meeting; each action item becomes a task linked back to it."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Editable, Entity, EnumText, UTCDateTime


class MeetingKind(enum.Enum):
    TEAM = "team"                                   # one person's customized-support team
    PARTNER = "partner"
    SERVICE_IMPLEMENTATION = "service_implementation"
    CONSORTIUM = "consortium"
    INTEGRATION_TASK_FORCE = "integration_task_force"
    DISABILITY_ADVISORY_COUNCIL = "disability_advisory_council"  # of the workforce board
    BUSINESS_ADVISORY_COUNCIL = "business_advisory_council"
    STEERING_COMMITTEE = "steering_committee"
    PARTNER_WORKGROUP = "partner_workgroup"         # usually with an outside facilitator
    STRATEGIC_PLANNING = "strategic_planning"
    OTHER = "other"

    @property
    def label(self) -> str:
        return MEETING_KIND_LABELS[self]


MEETING_KIND_LABELS = {
    MeetingKind.TEAM: "Customized-support team meeting",
    MeetingKind.PARTNER: "Partner meeting",
    MeetingKind.SERVICE_IMPLEMENTATION: "Service-implementation meeting",
    MeetingKind.CONSORTIUM: "Consortium meeting",
    MeetingKind.INTEGRATION_TASK_FORCE: "Integration task force",
    MeetingKind.DISABILITY_ADVISORY_COUNCIL: "Workforce board disability advisory council",
    MeetingKind.BUSINESS_ADVISORY_COUNCIL: "Business advisory council",
    MeetingKind.STEERING_COMMITTEE: "Steering committee",
    MeetingKind.PARTNER_WORKGROUP: "Partner workgroup",
    MeetingKind.STRATEGIC_PLANNING: "Strategic-planning session",
    MeetingKind.OTHER: "Other meeting",
}


class Recurrence(enum.Enum):
    NONE = "none"
    WEEKLY = "weekly"                  # every `interval` weeks on the first meeting's weekday
    MONTHLY_WEEKDAY = "monthly_weekday"  # every `interval` months on the same nth weekday (2nd Tuesday)
    MONTHLY_DAY = "monthly_day"        # every `interval` months on the same day of the month (clamped)

    @property
    def label(self) -> str:
        return {"none": "Does not repeat", "weekly": "Every N weeks", "monthly_weekday": "Monthly on a weekday",
                "monthly_day": "Monthly on a date"}[self.value]


class MeetingStatus(enum.Enum):
    PLANNED = "planned"
    HELD = "held"            # minutes may be written
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Attendance(enum.Enum):
    INVITED = "invited"
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class MeetingSeries(Editable, Base):
    """How a recurring meeting repeats; each occurrence is a Meeting made from it."""

    __tablename__ = "meeting_series"

    title: Mapped[str] = mapped_column(String(200))
    recurrence: Mapped[Recurrence] = mapped_column(EnumText(Recurrence))
    interval: Mapped[int] = mapped_column(Integer, default=1)  # every N weeks / months
    first_starts_local: Mapped[datetime] = mapped_column(DateTime)  # naive local wall time
    zone: Mapped[str] = mapped_column(String(60))                   # IANA name, e.g. America/Chicago
    until: Mapped[date | None] = mapped_column(Date, nullable=True)


class Meeting(Editable, Base):
    __tablename__ = "meetings"

    ref: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[MeetingKind] = mapped_column(EnumText(MeetingKind), index=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[MeetingStatus] = mapped_column(EnumText(MeetingStatus), default=MeetingStatus.PLANNED,
                                                  index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("people.id"), nullable=True, index=True)
    partnership_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("partnerships.id"), nullable=True,
                                                             index=True)
    host_organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"), index=True)
    series_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("meeting_series.id"), nullable=True,
                                                        index=True)
    previous_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("meetings.id"), nullable=True)
    starts_local: Mapped[datetime] = mapped_column(DateTime, index=True)  # naive local wall time
    zone: Mapped[str] = mapped_column(String(60))
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    place: Mapped[str] = mapped_column(String(300), default="")
    call_link: Mapped[str] = mapped_column(String(500), default="")
    facilitator: Mapped[str] = mapped_column(String(200), default="")  # an outside facilitator, by name
    purpose: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    held_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_by_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id"))

    attendees: Mapped[list[MeetingAttendee]] = relationship(order_by="MeetingAttendee.position")
    agenda: Mapped[list[AgendaItem]] = relationship(order_by="AgendaItem.position")
    decisions: Mapped[list[MeetingDecision]] = relationship(order_by="MeetingDecision.position")
    action_items: Mapped[list[ActionItem]] = relationship(order_by="ActionItem.position")


class MeetingAttendee(Entity, Base):
    """Staff of a partner, the person, or a natural support (by name)."""

    __tablename__ = "meeting_attendees"

    meeting_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("meetings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True, index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("people.id"), nullable=True)
    organization_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("organizations.id"), nullable=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(100), default="")  # "Mother", "VR counselor", "Facilitator"
    attendance: Mapped[Attendance] = mapped_column(EnumText(Attendance), default=Attendance.INVITED)


class AgendaItem(Entity, Base):
    __tablename__ = "meeting_agenda_items"

    meeting_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("meetings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    notes: Mapped[str] = mapped_column(Text, default="")
    carried_from_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("meeting_action_items.id"),
                                                              nullable=True)  # an open action of the last meeting


class MeetingDecision(Entity, Base):
    __tablename__ = "meeting_decisions"

    meeting_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("meetings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class ActionItem(Entity, Base):
    """Who does what by when; the task it became carries the work, this row the link back."""

    __tablename__ = "meeting_action_items"

    meeting_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("meetings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    organization_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("organizations.id"))
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    task_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("tasks.id"), nullable=True, index=True)
    carried: Mapped[bool] = mapped_column(Boolean, default=False)  # already put on a later agenda
