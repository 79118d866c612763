"""The resource manual: one section per partner organization (mandated One-Stop partner or not, how to
reach it, how it engages at the One-Stop and its weekly times there), its programs with services,
eligibility, funding and the life domains they serve, and its contacts. Same footer as the agreements
("Page X of Y")."""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Paragraph, Spacer

from . import billing_blocks as bb
from . import blocks
from . import styles as st
from .canvas import PageMarks, build_pdf
from .dates import long_date
from .notices import notice_box
from .partnership_views import ManualEntryView, ResourceManualView

_p = blocks.para
MANDATED = "Mandated One-Stop partner"
NOT_MANDATED = "Not a mandated One-Stop partner"


def render_resource_manual(view: ResourceManualView) -> bytes:
    s = st.style_set()
    story: list = [_p(view.title, s.title),
                   _p(f"{view.scope} · {len(view.entries)} organization{'s' if len(view.entries) != 1 else ''} · "
                      f"printed {long_date(view.printed_on)}", s.subtitle)]
    if view.demo:
        story += [notice_box([_p("Demonstration manual: invented organizations and contacts.", s.notice_heading)],
                             s), Spacer(1, s.gap / 2)]
    story += _contents(view, s)
    if not view.entries:
        story.append(_p("No partner organization matches this filter.", s.body))
    for entry in view.entries:
        story += _entry(entry, s)
    marks = PageMarks(document=view.title, version=long_date(view.printed_on), demo=view.demo,
                      printed_on=view.printed_on)
    return build_pdf(story, marks, s, title=f"{view.title}: {view.scope}", subject="Partner resource manual")


def _contents(view: ResourceManualView, s: st.StyleSet) -> list:
    if len(view.entries) < 2:
        return []
    c = bb.table_styles(s, large_print=False)
    rows: list = [bb.header_row(("Organization", "Kind", "One-Stop partner"), c)]
    rows += [[_p(e.name, c.strong), _p(e.kind, c.plain), _p("Mandated" if e.mandated else "No", c.plain)]
             for e in view.entries]
    return [_p("Partners in this manual", s.heading), bb.line_table(rows, (0.45, 0.37, 0.18), s)]


def _facts(rows: list[tuple[str, str]], s: st.StyleSet) -> list:
    """Label/value lines, or nothing when every value is empty (an empty table cannot be laid out)."""
    return [bb.facts(rows, s)] if any(value for _label, value in rows) else []


def _entry(entry: ManualEntryView, s: st.StyleSet) -> list:
    head = [_p(entry.name, s.heading),
            _p(f"{entry.kind} · {MANDATED if entry.mandated else NOT_MANDATED} · {entry.ref}", s.small)]
    reach = [("Address", entry.address), ("Phone", entry.phone), ("Email", entry.email), ("Website", entry.website),
             ("Presence", entry.engagement),
             *(("In the building" if n == 0 else "", words) for n, words in enumerate(entry.schedule))]
    story = [KeepTogether([*head, *_facts(reach, s)])]
    c = bb.table_styles(s, large_print=False)
    for program in entry.programs:
        title = f"{program.name}{' (mandated One-Stop partner program)' if program.mandated else ''}"
        rows = [("Services", program.services), ("Eligibility", program.eligibility),
                ("Funding", program.funding), ("Life domains", ", ".join(program.domains))]
        story.append(KeepTogether([Paragraph(blocks.bold(title), s.body), *_facts(rows, s)]))
    if entry.contacts:
        rows: list = [bb.header_row(("Contact", "Title", "Phone", "Email"), c)]
        rows += [[_p(x.name, c.strong), _p(x.title, c.plain), _p(x.phone, c.plain), _p(x.email, c.plain)]
                 for x in entry.contacts]
        story.append(bb.line_table(rows, (0.25, 0.27, 0.18, 0.3), s))
    story.append(Spacer(1, s.gap))
    return story
