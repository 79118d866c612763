"""The quality dashboard as a printed summary for a supervisors' meeting: the counts in one table, then
each count's records (at most `MAX_LINES` each, with how many more), and the staff caseloads with their
billable share of time. Footer: the day it was read and "Page X of Y", as on every caseteam document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Spacer

from . import blocks
from . import styles as st
from .canvas import PageMarks, build_pdf
from .dates import long_date

TITLE = "Quality summary"
MAX_LINES = 40  # a long list is cut here on paper; the dashboard itself shows every row


@dataclass(frozen=True)
class QualityLineView:
    reference: str
    person: str
    words: str
    group: str = ""


@dataclass(frozen=True)
class QualitySectionView:
    heading: str
    lines: tuple[QualityLineView, ...]


@dataclass(frozen=True)
class CaseloadView:
    staff: str
    organization: str
    open_cases: int
    billable: str        # "67% (4 h 00 min of 6 h 00 min)" or "No timed work recorded"


@dataclass(frozen=True)
class QualitySummaryView:
    as_of: date
    prepared_by: str
    scope: str                       # "People of Bridgeway" / "Everyone in the store"
    thresholds: str                  # the settings the counts used, in words
    sections: tuple[QualitySectionView, ...]
    caseloads: tuple[CaseloadView, ...]
    caseload_heading: str = "Staff caseloads and billable share of time"
    demo: bool = False
    referrals: str = ""              # the referral counts in words ("11 referrals: 7 open, 2 overdue …")
    warning: str = ""                # inactive staff still holding work, in words (empty: none)


def render_quality_summary(view: QualitySummaryView, *, large_print: bool = False) -> bytes:
    s = st.style_set(large_print=large_print)
    p = blocks.para
    story: list = [p(TITLE, s.title),
                   p(f"{view.scope} · as of {long_date(view.as_of)} · prepared by {view.prepared_by}", s.subtitle),
                   p(view.thresholds, s.body), *([p(view.warning, s.body)] if view.warning else []),
                   p("Counts", s.heading)]
    rows = [[p("What needs attention", s.cell_bold), p("Count", s.cell_bold)]]
    rows += [[p(sec.heading, s.cell), p(str(len(sec.lines)), s.cell)] for sec in view.sections]
    rows.append([p(view.caseload_heading, s.cell), p(str(len(view.caseloads)), s.cell)])
    story.append(blocks.grid(rows, (0.82, 0.18), s))
    for sec in view.sections:
        story.append(p(f"{sec.heading} ({len(sec.lines)})", s.heading))
        if not sec.lines:
            story.append(p("None.", s.body))
            continue
        rows = [[p("Record", s.cell_bold), p("Person or group", s.cell_bold), p("Details", s.cell_bold)]]
        rows += [[p(line.reference, s.cell), p(line.person or line.group, s.cell), p(line.words, s.cell)]
                 for line in sec.lines[:MAX_LINES]]
        story.append(blocks.grid(rows, (0.17, 0.25, 0.58), s))
        if len(sec.lines) > MAX_LINES:
            story.append(p(f"… and {len(sec.lines) - MAX_LINES} more (see the dashboard).", s.small))
    if view.referrals:
        story += [p("Referrals", s.heading), p(view.referrals, s.body)]
    story.append(p(view.caseload_heading, s.heading))
    if view.caseloads:
        rows = [[p("Staff member", s.cell_bold), p("Organization", s.cell_bold), p("Open cases", s.cell_bold),
                 p("Billable share", s.cell_bold)]]
        rows += [[p(c.staff, s.cell), p(c.organization, s.cell), p(str(c.open_cases), s.cell), p(c.billable, s.cell)]
                 for c in view.caseloads]
        story.append(blocks.grid(rows, (0.28, 0.27, 0.13, 0.32), s))
    else:
        story.append(p("No staff to show.", s.body))
    story += [Spacer(1, s.gap), p("Counts are of the records the preparer may see on the day above; lists "
                                  "and people's names in it are confidential.", s.small)]
    marks = PageMarks(document=TITLE, version=f"of {view.as_of.isoformat()}", demo=view.demo,
                      header=view.scope, printed_on=view.as_of)
    return build_pdf(story, marks, s, title=f"{TITLE}, {long_date(view.as_of)}",
                     subject="Large-print copy" if large_print else "Quality dashboard summary",
                     author=view.prepared_by)
