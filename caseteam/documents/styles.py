"""Fonts, sizes, margins and colours for every printed document.

DejaVu Sans (assets/fonts/) is embedded as TrueType: ReportLab's bundled fonts lack letters such as
ễ and ị, and an unembedded Helvetica would print differently on every machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from caseteam.paths import assets_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

PAGE_SIZE = LETTER
MARGIN_LEFT = MARGIN_RIGHT = 0.9 * inch
MARGIN_TOP = 0.8 * inch
MARGIN_BOTTOM = 0.9 * inch   # room for the footer lines
FOOTER_Y = 0.55 * inch     # two footer lines stay inside a printer's unprintable edge

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#4d4d4d")        # still 7:1 on white: footers must stay readable
RULE = colors.HexColor("#808080")
NOTICE_BACKGROUND = colors.HexColor("#f2f2f2")
NOTICE_BORDER = colors.HexColor("#1a1a1a")

STANDARD_SIZE = 10.5
LARGE_PRINT_SIZE = 16


def frame_width() -> float:
    """The width text and tables may use between the margins."""
    return PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT


def table_commands(*commands) -> list:
    """Table style commands that start from DejaVu: a Table draws plain-string cells, even empty ones,
    in Helvetica unless told otherwise, and that would put an unembedded font in the file."""
    return [("FONTNAME", (0, 0), (-1, -1), FONT), *commands]


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register DejaVu Sans (regular and bold) once per process; returns the family name."""
    fonts = assets_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    # No oblique face is shipped: <i> falls back to the upright faces rather than to Helvetica.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return FONT


@dataclass(frozen=True)
class StyleSet:
    """Paragraph styles scaled from one base size, so the large-print copy keeps the same layout."""

    base: float
    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    bullet: ParagraphStyle
    notice: ParagraphStyle
    notice_heading: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    footer_size: float

    @property
    def gap(self) -> float:
        """Vertical space between sections."""
        return self.base * 0.9


def style_set(*, large_print: bool = False) -> StyleSet:
    register_fonts()
    base = LARGE_PRINT_SIZE if large_print else STANDARD_SIZE
    lead = base * 1.35

    def style(name: str, **kw) -> ParagraphStyle:
        values = dict(fontName=FONT, fontSize=base, leading=lead, textColor=INK, alignment=TA_LEFT,
                      bulletFontName=FONT, bulletFontSize=base)  # ReportLab's bullet default is Helvetica
        values.update(kw)
        return ParagraphStyle(name, **values)

    return StyleSet(
        base=base,
        body=style("body", spaceAfter=base * 0.45),
        small=style("small", fontSize=base * 0.88, leading=base * 0.88 * 1.35, textColor=MUTED),
        title=style("title", fontName=FONT_BOLD, fontSize=base * 1.6, leading=base * 1.6 * 1.25,
                    spaceAfter=base * 0.3),
        subtitle=style("subtitle", textColor=MUTED, spaceAfter=base * 0.8),
        heading=style("heading", fontName=FONT_BOLD, fontSize=base * 1.15, leading=base * 1.15 * 1.3,
                      spaceBefore=base * 0.9, spaceAfter=base * 0.35, keepWithNext=1),
        bullet=style("bullet", leftIndent=base * 1.4, bulletIndent=base * 0.4, spaceAfter=base * 0.2),
        notice=style("notice", spaceAfter=base * 0.3),
        notice_heading=style("notice_heading", fontName=FONT_BOLD, spaceAfter=base * 0.3, keepWithNext=1),
        cell=style("cell"),
        cell_bold=style("cell_bold", fontName=FONT_BOLD),
        footer_size=max(8.0, base * 0.8),
    )
