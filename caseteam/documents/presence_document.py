"""Who is in the building, one week on paper for the One-Stop's front desk: a table per day (Hours, Partner,
Room, Staff), co-located partners marked as based here. Footer: the week and "Page X of Y"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import blocks
from . import styles as st
from .canvas import PageMarks, build_pdf
from .dates import long_date

TITLE = "Who is in the building"


@dataclass(frozen=True)
class PresenceLineView:
    hours: str
    partner: str
    room: str
    staff: str


@dataclass(frozen=True)
class PresenceDayView:
    heading: str  # "Tuesday, November 3, 2026"
    lines: tuple[PresenceLineView, ...]


@dataclass(frozen=True)
class PresenceWeekView:
    week_of: date  # the Monday
    last_day: date
    place: str  # "Eastport American Job Center", or "Every One-Stop"
    days: tuple[PresenceDayView, ...]
    printed_on: date
    demo: bool = False


def week_words(view: PresenceWeekView) -> str:
    return f"Week of {long_date(view.week_of)} to {long_date(view.last_day)}"


def render_presence_week(view: PresenceWeekView) -> bytes:
    s = st.style_set()
    p = blocks.para
    story: list = [p(TITLE, s.title),
                   p(f"{view.place} · {week_words(view)} · printed {long_date(view.printed_on)}", s.subtitle)]
    if view.demo:
        story.append(p("Demonstration schedule: invented partners and staff.", s.small))
    for day in view.days:
        story.append(p(day.heading, s.heading))
        if not day.lines:
            story.append(p("No partner is in the building.", s.body))
            continue
        rows = [[p(text, s.cell_bold) for text in ("Hours", "Partner", "Room", "Staff")]]
        rows += [[p(line.hours, s.cell), p(line.partner, s.cell), p(line.room, s.cell), p(line.staff, s.cell)]
                 for line in day.lines]
        story.append(blocks.grid(rows, (0.22, 0.38, 0.2, 0.2), s))
    marks = PageMarks(document=TITLE, version=week_words(view), demo=view.demo, printed_on=view.printed_on)
    return build_pdf(story, marks, s, title=f"{TITLE}: {view.place}, {week_words(view)}",
                     subject="Partners at the One-Stop this week")
