"""The partnership's printable glossary: the terms A–Z, each with its plain-language definition, where the
definition comes from, and a table "What each partner calls it" (organization or system → word). Same
footer as the partnership's other documents ("Page X of Y")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import KeepTogether, Paragraph, Spacer

from caseteam.domain.text import fold

from . import billing_blocks as bb
from . import blocks
from . import styles as st
from .canvas import PageMarks, build_pdf
from .dates import long_date
from .notices import notice_box

_p = blocks.para
PARTNER_TABLE = "What each partner calls it"


@dataclass(frozen=True)
class GlossaryEntryView:
    term: str
    definition: str                         # paragraphs separated by blank lines
    source: str = ""
    partner_words: tuple[tuple[str, str], ...] = ()  # (organization or system, word)


@dataclass(frozen=True)
class GlossaryView:
    title: str                              # "Shared glossary"
    scope: str                              # the partnership's name, or "Every partnership"
    entries: tuple[GlossaryEntryView, ...]  # in print order (A–Z)
    printed_on: date
    demo: bool = False
    large_print: bool = False


def initial(term: str) -> str:
    """The letter a term is filed under: "Énfasis" under E, "504 plan" under "0–9"."""
    first = fold(term)[:1].upper()
    return first if first.isalpha() else "0–9"


def render_glossary(view: GlossaryView) -> bytes:
    s = st.style_set(large_print=view.large_print)
    count = len(view.entries)
    story: list = [_p(view.title, s.title),
                   _p(f"{view.scope} · {count} term{'s' if count != 1 else ''} · printed "
                      f"{long_date(view.printed_on)}", s.subtitle)]
    if view.demo:
        story += [notice_box([_p("Demonstration glossary: invented partners.", s.notice_heading)], s),
                  Spacer(1, s.gap / 2)]
    if not view.entries:
        story.append(_p("The glossary has no terms yet.", s.body))
    letter = None
    for entry in view.entries:
        here = initial(entry.term)
        if here != letter:
            letter = here
            story.append(_p(letter, s.title))
        story += _entry(entry, view, s)
    marks = PageMarks(document=view.title, version=long_date(view.printed_on), demo=view.demo,
                      printed_on=view.printed_on)
    return build_pdf(story, marks, s, title=f"{view.title}: {view.scope}", subject="Shared glossary")


def _entry(entry: GlossaryEntryView, view: GlossaryView, s: st.StyleSet) -> list:
    head = [_p(entry.term, s.heading)]
    head += [_p(text.strip(), s.body) for text in entry.definition.split("\n\n") if text.strip()]
    if entry.source:
        head.append(Paragraph(f"{blocks.bold('Source:')} {blocks.escape_text(entry.source)}", s.small))
    story: list = [KeepTogether(head)]
    if entry.partner_words:
        c = bb.table_styles(s, large_print=view.large_print)
        rows: list = [bb.header_row(("Organization or system", "Word"), c)]
        rows += [[_p(who or "Not said", c.plain), _p(word, c.strong)] for who, word in entry.partner_words]
        story += [Spacer(1, s.base * 0.4), _p(PARTNER_TABLE, s.small), bb.line_table(rows, (0.62, 0.38), s)]
    story.append(Spacer(1, s.gap / 2))
    return story
