"""A referral summary for a partner that is not on caseteam: who is referred, why, the services asked for,
exactly what information is shared and under which release (with its dates), whom to contact, and the status
history. Large readable type by default: it is often read on paper at a front desk. The footer names the
referral on every page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import Paragraph, Spacer

from . import billing_blocks as bb
from . import blocks
from . import styles as st
from .canvas import PageMarks, build_pdf
from .dates import long_date

_p = blocks.para

SECTIONS = ("Person", "Reason", "Services requested", "What is shared", "Contact", "Status history")


@dataclass(frozen=True)
class HistoryLine:
    on: date
    status: str
    by: str                       # "Priya Shah (Riverside Mental Health)"
    note: str


@dataclass(frozen=True)
class ReferralSummaryView:
    reference: str                # RF-0012
    version: int
    from_organization: str
    from_staff: str
    to_organization: str
    to_staff: str
    person_name: str
    person_facts: tuple[tuple[str, str], ...]   # only what the referral shares: ("Phone", "555-0101")...
    reason: str
    service: str
    program: str                  # the receiving organization's program asked for, "" when none
    urgency: str
    sent_on: date
    respond_by: date | None
    status: str                   # "Accepted on March 3, 2027"
    shared: tuple[str, ...]       # category labels
    release: str                  # "RL-0004, signed March 1, 2026, in effect until February 28, 2027"; "" none
    release_note: str             # why no release was needed, when none was
    contacts: tuple[tuple[str, str], ...]       # ("Sent by", "Lupe Hernández, Bridgeway, 555-0100, …")
    history: tuple[HistoryLine, ...]
    generated_on: date
    demo: bool = False
    large_print: bool = True


def render_referral_summary(view: ReferralSummaryView) -> bytes:
    s = st.style_set(large_print=view.large_print)
    story = [*_head(view, s), *_person(view, s), *_reason(view, s), *_services(view, s), *_shared(view, s),
             *_contact(view, s), *_history(view, s)]
    marks = PageMarks(document=f"Referral {view.reference}", version=view.version, demo=view.demo,
                      header=view.from_organization, printed_on=view.generated_on)
    return build_pdf(story, marks, s, title=f"Referral {view.reference}: {view.person_name}",
                     subject=f"Referral to {view.to_organization}", author=view.from_organization)


def _paragraphs(text: str, style) -> list:
    return [_p(part.strip(), style) for part in text.splitlines() if part.strip()]


def _head(view: ReferralSummaryView, s: st.StyleSet) -> list:
    facts = [("Referral", view.reference), ("From", view.from_organization), ("To", view.to_organization),
             ("Sent", long_date(view.sent_on)), ("Answer wanted by", long_date(view.respond_by)
                                                   if view.respond_by else ""),
             ("Urgency", view.urgency), ("Status", view.status)]
    return [_p(f"Referral to {view.to_organization}", s.title),
            _p(f"Prepared {long_date(view.generated_on)}", s.subtitle), bb.facts(facts, s)]


def _person(view: ReferralSummaryView, s: st.StyleSet) -> list:
    return [_p("Person", s.heading), bb.facts([("Name", view.person_name), *view.person_facts], s)]


def _reason(view: ReferralSummaryView, s: st.StyleSet) -> list:
    return [_p("Reason", s.heading), *(_paragraphs(view.reason, s.body) or [_p("No reason given.", s.body)])]


def _services(view: ReferralSummaryView, s: st.StyleSet) -> list:
    story = [_p("Services requested", s.heading), _p(view.service, s.body)]
    if view.program:
        story.append(_p(f"Program: {view.program}", s.body))
    return story


def _shared(view: ReferralSummaryView, s: st.StyleSet) -> list:
    story = [_p("What is shared", s.heading)]
    story += [Paragraph(blocks.escape_text(label), s.bullet, bulletText="•") for label in view.shared]
    if view.release:
        story += [Spacer(1, s.gap / 3), _p(f"Shared under release of information {view.release}.", s.body)]
    elif view.release_note:
        story += [Spacer(1, s.gap / 3), _p(view.release_note, s.body)]
    story.append(_p("Only the information listed here may be used, and only for this referral. Do not share it "
                    "further without the person's written consent.", s.small))
    return story


def _contact(view: ReferralSummaryView, s: st.StyleSet) -> list:
    return [_p("Contact", s.heading), bb.facts(list(view.contacts), s)]


def _history(view: ReferralSummaryView, s: st.StyleSet) -> list:
    story = bb.section_heading("Status history", s)
    c = bb.table_styles(s, large_print=view.large_print)
    rows: list = [bb.header_row(("Date", "Status", "By and note"), c)]
    for line in view.history:
        cell = [_p(line.by, c.plain)] + ([_p(line.note, c.small)] if line.note else [])
        rows.append([_p(bb.table_date(line.on), c.plain), _p(line.status, c.strong), cell])
    return [*story, bb.line_table(rows, (0.22, 0.23, 0.55), s)]
