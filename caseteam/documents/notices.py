"""Boxed notices any document can carry. The 42 CFR Part 2 re-disclosure notice lives here because
anything printed from substance use treatment records must carry it, not only the release form."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph, Table, TableStyle

from . import styles as st

PART2_HEADING = "Federal notice: substance use treatment records (42 CFR Part 2)"
# Our own plain-language statement of what the federal notice says (42 CFR 2.32).
PART2_TEXT = (
    "The information shared under this form includes records of substance use disorder treatment. "
    "Federal confidentiality rules (42 CFR Part 2) protect these records. If you receive them, those "
    "rules do not allow you to share them again, or to use them in any civil, criminal, administrative or "
    "legislative proceeding against the person they are about, unless that person agrees in writing or the "
    "rules themselves allow it (for example, a court order that meets their requirements). A general "
    "permission to release medical or other information is not enough to share these records again.")
PART2_CARRY = "This notice must go with any information shared from these records."


def notice_box(flowables: list, s: st.StyleSet) -> Table:
    """A bordered, shaded box the full text width: for what a reader must not miss."""
    table = Table([[flowables]], colWidths=[st.frame_width()])
    pad = s.base * 0.7
    table.setStyle(TableStyle(st.table_commands(
        ("BOX", (0, 0), (-1, -1), 1.2, st.NOTICE_BORDER), ("BACKGROUND", (0, 0), (-1, -1), st.NOTICE_BACKGROUND),
        ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad), ("BOTTOMPADDING", (0, 0), (-1, -1), pad))))
    return table


def part2_notice(s: st.StyleSet, *, about: str = "this form") -> Table:
    """The re-disclosure notice; `about` names the document ("this report", "this plan")."""
    text = PART2_TEXT.replace("this form", about)
    return notice_box([Paragraph(escape(PART2_HEADING), s.notice_heading), Paragraph(escape(text), s.notice),
                       Paragraph(escape(PART2_CARRY), s.notice)], s)
