"""Benchmark: a 10-page purchase-of-service agreement rendered by render_agreement against the same
content laid out as a bare ReportLab document (SimpleDocTemplate, Paragraph, Table; same embedded
DejaVu fonts, no caseteam code), in one process; prints median times, the ratio and pages per second.

Run: uv run python -m tests.perf.agreements [REPETITIONS]   (default 5; compare the ratio, target ≤ 1.5x)."""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))

from agreement_samples import posa  # noqa: E402
from caseteam.documents.agreement_document import render_agreement  # noqa: E402

FONTS = Path(__file__).resolve().parents[2] / "assets" / "fonts"
LINES = 165   # ten Letter pages with the sections and signatures


def bare(view) -> bytes:
    """The same words in plain ReportLab: the floor our document style is measured against."""
    pdfmetrics.registerFont(TTFont("BareSans", str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("BareSans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    body = ParagraphStyle("b", fontName="BareSans", fontSize=10.5, leading=14)
    cell = ParagraphStyle("c", parent=body, fontSize=9, leading=11)
    head = ParagraphStyle("h", parent=body, fontName="BareSans-Bold", fontSize=12, leading=16)
    story = [Paragraph(view.letterhead.name, head), Paragraph(view.title, head),
             Paragraph(f"{view.kind} {view.number} version {view.version}", body)]
    story.append(Table([["Party", "Role", "Contributes"]] + [[p.name, p.role, p.contributions]
                                                            for p in view.parties]))
    for number, section in enumerate(view.sections, start=1):
        story.append(Paragraph(f"{number}. {section.title}", head))
        story += [Paragraph(text, body) for text in section.body.split("\n\n")]
    rows = [[Paragraph(h, cell) for h in ("Code", "Service", "Unit", "Rate", "Units", "Amount",
                                          "Provided by", "Paid by")]]
    for line in view.service_lines:
        rows.append([Paragraph(str(v), cell) for v in (line.code, line.service, line.unit, f"${line.rate:,.2f}",
                                                       line.units, f"${line.amount:,.2f}", line.provided_by,
                                                       line.paid_by)])
    table = Table(rows, repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "BareSans"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.4, "grey")]))
    story += [table, Paragraph("Signatures", head)]
    for party in view.parties:
        for signer in party.signatories:
            story += [Paragraph(f"{signer.name}, {signer.title}, {signer.organization}", body),
                      Paragraph("Signature ______________________  Date __________", body)]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=LETTER, leftMargin=inch, rightMargin=inch, title=view.title)
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return out.getvalue()


def _footer(canvas, doc) -> None:
    canvas.setFont("BareSans", 8.5)
    canvas.drawString(inch, 0.5 * inch, f"{doc.title} page {doc.page}")


def median_time(repetitions: int, work) -> tuple[float, bytes]:
    times, data = [], b""
    for _ in range(repetitions):
        start = time.perf_counter()
        data = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), data


def main() -> None:
    repetitions = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    view = posa(LINES, draft=False)
    render_agreement(view), bare(view)        # warm up: font parsing and imports are not the subject
    ours, ours_pdf = median_time(repetitions, lambda: render_agreement(view))
    floor, bare_pdf = median_time(repetitions, lambda: bare(view))
    pages = len(PdfReader(io.BytesIO(ours_pdf)).pages)
    bare_pages = len(PdfReader(io.BytesIO(bare_pdf)).pages)
    print(f"render_agreement: {pages} pages, median {ours * 1000:.0f} ms over {repetitions} runs, "
          f"{pages / ours:.1f} pages/s")
    print(f"bare ReportLab:   {bare_pages} pages, median {floor * 1000:.0f} ms, {bare_pages / floor:.1f} pages/s")
    ratio = ours / floor
    print(f"ratio: {ratio:.2f}x (target at most 1.5x){'' if ratio <= 1.5 else '  OVER TARGET'}")


if __name__ == "__main__":
    main()
