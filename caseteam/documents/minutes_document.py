"""The minutes of a meeting, in the agreements' document style: host and title, when and where, who
attended, the agenda, the minutes, the decisions, and the action items with owner, due date and the task
they became. The footer names the meeting on every page ("Page X of Y")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Spacer

from . import billing_blocks as bb
from . import blocks
from . import styles as st
from .canvas import PageMarks, build_pdf
from .dates import long_date

_p = blocks.para


@dataclass(frozen=True)
class AttendeeLine:
    name: str
    role: str
    organization: str
    attendance: str               # "Present", "Absent", "Excused", "Invited"


@dataclass(frozen=True)
class ActionLine:
    text: str
    owner: str                    # "County VR: Dana Whitfield"
    due: date | None
    task_ref: str
    status: str                   # the task's status, "Open", "Done"


@dataclass(frozen=True)
class MinutesView:
    reference: str                # MT-0012
    version: int
    title: str
    kind: str
    host: str
    when: str                     # "Tuesday, March 10, 2026, 10:00 to 11:00 (America/New_York)"
    place: str
    call_link: str
    facilitator: str
    status: str
    purpose: str
    about: str                    # the person (team meeting) or the partnership; "" when neither
    attendees: tuple[AttendeeLine, ...]
    agenda: tuple[tuple[str, str], ...]   # (title, notes)
    minutes: str
    decisions: tuple[str, ...]
    actions: tuple[ActionLine, ...]
    generated_on: date
    demo: bool = False
    large_print: bool = False


SECTIONS = ("Attendees", "Agenda", "Minutes", "Decisions", "Action items")


def render_minutes(view: MinutesView) -> bytes:
    s = st.style_set(large_print=view.large_print)
    story = [*_head(view, s), *_attendees(view, s), *_agenda(view, s), *_minutes(view, s),
             *_decisions(view, s), *_actions(view, s)]
    marks = PageMarks(document=f"Minutes of meeting {view.reference}", version=view.version, demo=view.demo,
                      header=view.host, printed_on=view.generated_on)
    return build_pdf(story, marks, s, title=f"Minutes: {view.title} ({view.reference})", subject=view.kind,
                     author=view.host)


def _paragraphs(text: str, style) -> list:
    return [_p(part.strip(), style) for part in text.splitlines() if part.strip()]


def _head(view: MinutesView, s: st.StyleSet) -> list:
    facts = [("Meeting", f"{view.kind} · {view.reference}"), ("When", view.when), ("Where", view.place),
             ("Call link", view.call_link), ("Hosted by", view.host), ("Facilitator", view.facilitator),
             ("About", view.about), ("Status", view.status)]
    story = [_p(f"Minutes: {view.title}", s.title), _p(f"Prepared {long_date(view.generated_on)}", s.subtitle),
             bb.facts(facts, s)]
    if view.purpose.strip():
        story += [Spacer(1, s.gap / 2), *_paragraphs(view.purpose, s.body)]
    return story


def _attendees(view: MinutesView, s: st.StyleSet) -> list:
    story = bb.section_heading("Attendees", s)
    if not view.attendees:
        return [*story, _p("No attendees recorded.", s.body)]
    c = bb.table_styles(s, large_print=view.large_print)
    rows: list = [bb.header_row(("Name", "Role", "Organization", "Attendance"), c)]
    rows += [[_p(a.name, c.plain), _p(a.role, c.plain), _p(a.organization, c.plain), _p(a.attendance, c.strong)]
             for a in view.attendees]
    return [*story, bb.line_table(rows, (0.3, 0.22, 0.3, 0.18), s)]


def _agenda(view: MinutesView, s: st.StyleSet) -> list:
    story = bb.section_heading("Agenda", s)
    if not view.agenda:
        return [*story, _p("No agenda items.", s.body)]
    for n, (title, notes) in enumerate(view.agenda, start=1):
        story.append(_p(f"{n}. {title}", s.cell_bold))
        story += _paragraphs(notes, s.body)
    return story


def _minutes(view: MinutesView, s: st.StyleSet) -> list:
    return [_p("Minutes", s.heading), *(_paragraphs(view.minutes, s.body) or [_p("No minutes written.", s.body)])]


def _decisions(view: MinutesView, s: st.StyleSet) -> list:
    story = [_p("Decisions", s.heading)]
    if not view.decisions:
        return [*story, _p("No decisions recorded.", s.body)]
    return story + [_p(f"{n}. {text}", s.body) for n, text in enumerate(view.decisions, start=1)]


def _actions(view: MinutesView, s: st.StyleSet) -> list:
    story = bb.section_heading("Action items", s)
    if not view.actions:
        return [*story, _p("No action items.", s.body)]
    c = bb.table_styles(s, large_print=view.large_print)
    if view.large_print:
        rows: list = [bb.header_row(("Action", "Owner and due"), c)]
        rows += [[[_p(a.text, c.plain), _p(f"Task {a.task_ref} · {a.status}", c.small)],
                  [_p(a.owner, c.plain), _p(f"Due {bb.table_date(a.due)}" if a.due else "No due date", c.small)]]
                 for a in view.actions]
        return [*story, bb.line_table(rows, (0.55, 0.45), s)]
    rows = [bb.header_row(("Action", "Owner", "Due", "Task"), c)]
    rows += [[_p(a.text, c.plain), _p(a.owner, c.plain), _p(bb.table_date(a.due) if a.due else "—", c.plain),
              [_p(a.task_ref or "—", c.plain), _p(a.status, c.small)]] for a in view.actions]
    return [*story, bb.line_table(rows, (0.4, 0.3, 0.14, 0.16), s)]
