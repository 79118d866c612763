"""The numbered canvas: on every page a footer with the document's reference, version and
"Page X of Y" (so a paper copy can be matched to the stored record), and "DEMO — invented data"
when the store is the demo partnership.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from . import styles as st
from .dates import long_date

DEMO_MARK = "DEMO — invented data"


@dataclass(frozen=True)
class PageMarks:
    """What goes in the margins of every page."""

    document: str                 # "Release of information RL-0003"
    version: int | str
    demo: bool = False
    header: str = ""              # an optional line above the text: the issuing organization, say
    printed_on: date | None = None


class NumberedCanvas(Canvas):
    """Holds each finished page until the end, when the total page count is known."""

    marks: PageMarks = PageMarks("", "")
    footer_size: float = 8.5
    margin_left: float = st.MARGIN_LEFT     # a bound document moves its text (and footer) off the gutter
    margin_right: float = st.MARGIN_RIGHT

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):  # noqa: N802 (ReportLab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, page in enumerate(self._pages, start=1):
            self.__dict__.update(page)
            self._draw_marks(number, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw_marks(self, number: int, total: int) -> None:
        marks, size = self.marks, self.footer_size
        width, _height = self._pagesize
        left, right = self.margin_left, width - self.margin_right
        self.saveState()
        self.setStrokeColor(st.RULE)
        self.setLineWidth(0.5)
        self.line(left, st.FOOTER_Y + size * 1.5, right, st.FOOTER_Y + size * 1.5)
        self.setFillColor(st.MUTED)
        self.setFont(st.FONT, size)
        self.drawString(left, st.FOOTER_Y, f"{marks.document} · version {marks.version}")
        self.setFillColor(st.INK)
        self.setFont(st.FONT_BOLD, size)
        self.drawRightString(right, st.FOOTER_Y, f"Page {number} of {total}")
        second = st.FOOTER_Y - size * 1.3
        if marks.printed_on is not None:
            self.setFont(st.FONT, size)
            self.setFillColor(st.MUTED)
            self.drawString(left, second, f"Printed {long_date(marks.printed_on)}")
        if marks.demo:
            self.setFont(st.FONT_BOLD, size)
            self.setFillColor(st.INK)
            self.drawRightString(right, second, DEMO_MARK)
        self._draw_header(left, right, size)
        self.restoreState()

    def _draw_header(self, left: float, right: float, size: float) -> None:
        marks = self.marks
        if not marks.header and not marks.demo:
            return
        _width, height = self._pagesize
        y = height - st.MARGIN_TOP + size * 1.6
        if marks.header:
            self.setFont(st.FONT, size)
            self.setFillColor(st.MUTED)
            self.drawString(left, y, marks.header)
        if marks.demo:
            self.setFont(st.FONT_BOLD, size)
            self.setFillColor(st.INK)
            self.drawRightString(right, y, DEMO_MARK)


def build_pdf(story: list, marks: PageMarks, styles: st.StyleSet, *, title: str, subject: str = "",
              lang: str = "en-US", pagesize: tuple[float, float] = st.PAGE_SIZE,
              margin_left: float = st.MARGIN_LEFT, author: str = "caseteam", on_page=None) -> bytes:
    """Lay out `story` on Letter pages (or `pagesize`) with the marks on every page; return the PDF bytes.
    The text keeps the standard frame width, so a wider `margin_left` (binding) narrows the right one;
    `on_page(canvas, doc)` draws under each page's text (a watermark)."""
    st.register_fonts()
    width, height = pagesize
    right = width - margin_left - st.frame_width()
    canvas_class = type("MarkedCanvas", (NumberedCanvas,),
                        {"marks": marks, "footer_size": styles.footer_size, "margin_left": margin_left,
                         "margin_right": right})
    out = io.BytesIO()
    bottom = st.MARGIN_BOTTOM + styles.footer_size * 1.5
    doc = BaseDocTemplate(
        out, pagesize=pagesize, leftMargin=margin_left, rightMargin=right,
        topMargin=st.MARGIN_TOP, bottomMargin=bottom,
        title=title, subject=subject, author=author or "caseteam", creator="caseteam", lang=lang,
        displayDocTitle=True,
        # The canvas starts in the embedded font, so no unembedded Helvetica is ever referenced.
        initialFontName=st.FONT, initialFontSize=styles.base, initialLeading=styles.base * 1.35)
    # No frame padding: text, tables, rules and the footer share the same left and right edges.
    frame = Frame(margin_left, bottom, st.frame_width(), height - st.MARGIN_TOP - bottom, id="text",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    extra = {"onPage": on_page} if on_page is not None else {}
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=pagesize, **extra)])
    doc.build(story, canvasmaker=canvas_class)
    return out.getvalue()
