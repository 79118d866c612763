"""Pieces the invoice and the progress report share: the provider letterhead beside the funder, compact
dates, times and units, and the long line tables that split across pages with their header repeated."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from typing import NamedTuple

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Paragraph, Table, TableStyle

from . import blocks
from . import styles as st
from .billing_views import PartyView
from .dates import long_date

_p = blocks.para
escape_text = blocks.escape_text


def table_date(day: date) -> str:
    """"11/03/2026", as US billing forms write it: a column of long dates would crowd out the description."""
    return f"{day.month:02d}/{day.day:02d}/{day.year}"


def clock(at: time | None) -> str:
    """"9:00 AM", as a time sheet is written in the US; empty when not recorded."""
    if at is None:
        return ""
    hour = at.hour % 12 or 12
    return f"{hour}:{at.minute:02d}\u00a0{'AM' if at.hour < 12 else 'PM'}"


def number(value: Decimal) -> str:
    """Units as written: 4, 1.5, 0.25 (no trailing zeros, never exponent notation)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class CellStyles(NamedTuple):
    plain: ParagraphStyle
    strong: ParagraphStyle
    figure: ParagraphStyle          # right-aligned: units and money
    strong_figure: ParagraphStyle
    small: ParagraphStyle           # the muted line under a cell's main text
    small_figure: ParagraphStyle


def table_styles(s: st.StyleSet, *, large_print: bool) -> CellStyles:
    """Standard print is a little smaller than the body text so seven columns fit a portrait page;
    large print keeps its full size and uses fewer columns instead."""
    size = s.base if large_print else s.base * 0.86
    plain = ParagraphStyle("line_cell", parent=s.cell, fontSize=size, leading=size * 1.25)
    strong = ParagraphStyle("line_cell_bold", parent=plain, fontName=st.FONT_BOLD)
    small = ParagraphStyle("line_small", parent=plain, fontSize=size * 0.9, leading=size * 0.9 * 1.25,
                           textColor=st.MUTED)
    return CellStyles(plain, strong, ParagraphStyle("line_figure", parent=plain, alignment=TA_RIGHT),
                      ParagraphStyle("line_figure_bold", parent=strong, alignment=TA_RIGHT), small,
                      ParagraphStyle("line_small_figure", parent=small, alignment=TA_RIGHT))


def header_row(headings: tuple[str, ...], c: CellStyles, figures: tuple[str, ...] = ()) -> list:
    """Bold column titles; the ones over figures right-aligned like the figures under them."""
    return [_p(h, c.strong_figure if h in figures else c.strong) for h in headings]


def section_heading(text: str, s: st.StyleSet) -> list:
    """A heading before a long table: moved to the next page when little room is left, but not tied
    to the table (keep-with-next would push a table longer than a page onto a fresh page whole)."""
    return [CondPageBreak(s.base * 9), Paragraph(escape_text(text), ParagraphStyle(
        "table_heading", parent=s.heading, keepWithNext=0))]


def line_table(rows: list, fractions: tuple[float, ...], s: st.StyleSet, *, total_rows: int = 0,
               label_span: int = 1) -> Table:
    """A ruled table whose first row repeats on every page it runs onto; the last `total_rows` rows
    sit under a heavier rule, their label cell spanning the first `label_span` columns. Rows never
    break inside themselves, only between rows."""
    width = st.frame_width()
    table = Table(rows, colWidths=[width * f for f in fractions], repeatRows=1)
    pad = s.base * 0.3
    commands = st.table_commands(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6), ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LINEBELOW", (0, 0), (-1, 0), 1, st.INK), ("LINEBELOW", (0, 1), (-1, -1), 0.4, st.RULE))
    if total_rows:
        commands.append(("LINEABOVE", (0, -total_rows), (-1, -total_rows), 1.2, st.INK))
        if label_span > 1:
            commands += [("SPAN", (0, row), (label_span - 1, row)) for row in range(-total_rows, 0)]
    table.setStyle(TableStyle(commands))
    return table


def party_cell(label: str, party: PartyView, s: st.StyleSet) -> list:
    cell = [_p(label, s.small), _p(party.name, s.cell_bold)]
    cell += [_p(text, s.cell) for text in (party.program, party.address, party.phone) if text]
    return cell


def letterhead(provider: PartyView, funder: PartyView, s: st.StyleSet, *, funder_label: str) -> Table:
    """The provider that writes on the left, the funder it writes to on the right."""
    rows = [[party_cell("From", provider, s), party_cell(funder_label, funder, s)]]
    return blocks.grid(rows, (0.5, 0.5), s, lines=False)


def facts(rows: list[tuple[str, str]], s: st.StyleSet) -> Table:
    """Label/value pairs (reference, period, authorization numbers…) without rules; empty values left out."""
    kept = [[_p(label, s.cell_bold), _p(value, s.cell)] for label, value in rows if value]
    return blocks.grid(kept, (0.3, 0.7), s, lines=False)


def period_words(first: date, last: date) -> str:
    return f"{long_date(first)} to {long_date(last)}"
