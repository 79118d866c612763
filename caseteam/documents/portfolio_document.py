"""The visual résumé / portfolio: the person's agreed items (words and photos) in order, for an employer
meeting or an interview. Same fonts, margins and footer as every other document."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer

from . import styles as st
from .blocks import escape_text, para
from .canvas import PageMarks, build_pdf
from .dates import long_date


@dataclass(frozen=True)
class PortfolioItemView:
    title: str
    body: str
    photo: bytes | None = None  # PNG or JPEG, already checked
    photo_name: str = ""


@dataclass(frozen=True)
class PortfolioView:
    reference: str          # the person's reference number
    version: str            # the date of the latest agreement: a paper copy matches the record as it was
    person_name: str
    items: tuple[PortfolioItemView, ...]
    generated_on: date
    issued_by: str = ""
    demo: bool = False
    for_party: str = ""     # the organization a disclosed copy was made for


def _photo(data: bytes) -> Image:
    """Scaled to fit the text width and at most about a third of the page high, keeping its shape."""
    reader = ImageReader(io.BytesIO(data))
    width, height = reader.getSize()
    most_wide, most_high = st.frame_width(), 3.6 * inch
    scale = min(most_wide / width, most_high / height)
    picture = Image(io.BytesIO(data), width=width * scale, height=height * scale)
    picture.hAlign = "LEFT"
    return picture


def render_portfolio(view: PortfolioView, *, large_print: bool = False) -> bytes:
    s = st.style_set(large_print=large_print)
    story = [para(f"{view.person_name}: my portfolio", s.title),
             para(f"Prepared {long_date(view.generated_on)}" + (f" for {view.for_party}" if view.for_party else "")
                  + (f" · {view.issued_by}" if view.issued_by else ""), s.subtitle),
             para(f"Everything here is shown with {view.person_name}'s agreement to each item.", s.small),
             Spacer(1, s.gap)]
    for item in view.items:
        block = [para(item.title, s.heading)]
        if item.photo:
            block += [_photo(item.photo), Spacer(1, s.base * 0.5)]
        block += [Paragraph(escape_text(line) or "&nbsp;", s.body) for line in item.body.splitlines()]
        story.append(KeepTogether(block))
    marks = PageMarks(document=f"Portfolio {view.reference}", version=view.version,
                      demo=view.demo, header=view.issued_by, printed_on=view.generated_on)
    return build_pdf(story, marks, s, title=f"Portfolio of {view.person_name}", subject="Visual résumé")
