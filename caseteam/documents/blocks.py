"""Pieces every signed document lays out the same way: plain-text paragraphs, label/value grids and
signature lines (room to write, a rule, what goes on it, and a date)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph, Table, TableStyle

from . import styles as st


def para(text: str, style) -> Paragraph:
    """A paragraph of plain text: people's names and words are escaped, never read as markup."""
    return Paragraph(escape(text), style)


def escape_text(text: str) -> str:
    return escape(text)


def bold(text: str) -> str:
    return f"<b>{escape(text)}</b>"


def grid(rows: list, fractions: tuple[float, ...], s: st.StyleSet, *, lines: bool = True) -> Table:
    width = st.frame_width()
    table = Table(rows, colWidths=[width * f for f in fractions], repeatRows=1 if lines else 0)
    pad = s.base * 0.35
    commands = st.table_commands(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6), ("BOTTOMPADDING", (0, 0), (-1, -1), pad))
    if not lines:
        commands.append(("LEFTPADDING", (0, 0), (0, -1), 0))  # labels line up with the text above
    if lines:
        commands += [("LINEBELOW", (0, 0), (-1, 0), 1, st.INK),
                     ("LINEBELOW", (0, 1), (-1, -1), 0.5, st.RULE)]
    table.setStyle(TableStyle(commands))
    return table


def sign_line(label: str, s: st.StyleSet, *, dated: bool = True) -> Table:
    """Room to write, a line, and what goes on it underneath; a date line beside it."""
    width = st.frame_width()
    if dated:
        widths = [width * 0.66, width * 0.06, width * 0.28]
        rows = [["", "", ""], [para(label, s.small), "", para("Date", s.small)]]
        lined = [("LINEBELOW", (0, 0), (0, 0), 0.9, st.INK), ("LINEBELOW", (2, 0), (2, 0), 0.9, st.INK)]
    else:
        widths, rows = [width], [[""], [para(label, s.small)]]
        lined = [("LINEBELOW", (0, 0), (0, 0), 0.9, st.INK)]
    table = Table(rows, colWidths=widths, rowHeights=[s.base * 2.6, None])
    table.setStyle(TableStyle(st.table_commands(
        *lined, ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 1), (-1, 1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), s.base * 0.5))))
    return table


def signer_statement(signer_name: str, person_name: str, *, representative: bool,
                     authority: str) -> tuple[str, str]:
    """The "I, …, sign" sentence (markup) and the label under the signer's line."""
    if representative:
        authority = authority or "representative"
        who = (f"I, {bold(signer_name)}, sign for {bold(person_name)} as their "
               f"{escape(authority.lower())}. I have shown or attached proof of this authority.")
        return who, f"Signature of {signer_name} ({authority}) for {person_name}"
    return f"I, {bold(signer_name)}, sign for myself.", f"Signature of {signer_name}"
