"""Reading a rendered PDF back as a person (text, pages) and as a printer (fonts, sizes) would."""

from __future__ import annotations

import io
import re
import statistics

from pypdf import PdfReader


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    """Each page's text with runs of whitespace (line breaks in wrapped paragraphs) made one space."""
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader(data).pages]


def all_text(data: bytes) -> str:
    return " ".join(page_texts(data))


def fonts(data: bytes) -> list[dict]:
    """Every font any page refers to, resolved, with its descriptor (if any)."""
    found = []
    for page in reader(data).pages:
        resources = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            found.append({"base": str(font.get("/BaseFont")), "subtype": str(font.get("/Subtype")),
                          "descriptor": descriptor.get_object() if descriptor is not None else None})
    return found


def median_font_size(data: bytes) -> float:
    """The typical text size: what a reader of the page mostly sees."""
    sizes: list[float] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            sizes.extend([font_size * abs(tm[0]) * abs(cm[0] or 1)] * len(text.strip()))

    for page in reader(data).pages:
        page.extract_text(visitor_text=visit)
    return statistics.median(sizes)
