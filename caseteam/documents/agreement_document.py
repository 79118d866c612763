"""An interagency agreement (MOU, purchase-of-service, individual agreement) as the parties sign it:
letterhead, title with number and version, dates, the parties, numbered sections, the services and
amounts, and a signature block for every signatory.

The footer names the agreement and version on every page so a loose page can be matched to the stored
record; a draft carries a diagonal DRAFT watermark so it is never mistaken for the signed text.
"""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import HRFlowable, Image, KeepTogether, Paragraph, Spacer

from . import billing_blocks as bb
from . import blocks
from . import styles as st
from .agreement_views import AgreementView, PartyView, ServiceLineView, SignatoryView
from .canvas import PageMarks, build_pdf
from .dates import long_date
from .earnings_report import money
from .notices import notice_box

WATERMARK = "DRAFT"
WATERMARK_GRAY = colors.HexColor("#dadada")   # light enough to read the text through in grayscale
# Binding: a wider inside margin than the standard one; the text keeps its standard width.
BINDING_LEFT = {"letter": 1.1 * inch, "a4": 1.0 * inch}
DEFINITIONS = "Definitions"
DEFINITIONS_INTRO = "In this agreement these words have the meanings the partnership's shared glossary gives them:"
SIGNING_CLAUSE = ("By signing below, each signatory agrees to the terms of {ref}; those who sign for an "
                  "organization confirm that they are authorized to sign for it.")

# Service-line columns: heading, the field it shows, relative width; a column prints only when some
# line has a value in it.
COLUMNS = (("Code", "code", 0.85), ("Service", "service", 2.1), ("Unit", "unit", 1.05),
           ("Rate", "rate", 0.95), ("Units", "units", 0.75), ("Amount", "amount", 1.5),
           ("Provided by", "provided_by", 1.3), ("Paid by", "paid_by", 1.1))
LARGE_COLUMNS = (("Service", "service", 3.0), ("Amount", "amount", 1.2))
FIGURES = ("Rate", "Units", "Amount")
# A code or a sum of money broken over two lines misreads ("$3,400.0" / "0"): these columns are as wide as
# their longest value, and the columns of words share what is left.
UNBROKEN = ("code", "rate", "units", "amount")

_p = blocks.para


def render_agreement(view: AgreementView) -> bytes:
    s = st.style_set(large_print=view.large_print)
    story: list = [*_letterhead(view, s), *_title(view, s), *_parties(view, s), *_sections(view, s),
                   *_services(view, s), *_signatures(view, s)]
    ref = f"{view.number} version {view.version}"
    marks = PageMarks(document=f"Agreement {view.number}", version=view.version, demo=view.demo,
                      printed_on=view.generated_on)
    size_name = "a4" if view.page_size.strip().lower() == "a4" else "letter"
    return build_pdf(story, marks, s, title=f"{view.title} ({ref})", subject=view.kind,
                     author=view.author or view.letterhead.name,
                     pagesize=A4 if size_name == "a4" else LETTER, margin_left=BINDING_LEFT[size_name],
                     on_page=_watermark if view.draft else None)


def _watermark(canvas, doc) -> None:
    """Drawn before the page's text, so the words print over it."""
    width, height = canvas._pagesize
    canvas.saveState()
    canvas.setFillColor(WATERMARK_GRAY)
    canvas.setFont(st.FONT_BOLD, 120)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -40, WATERMARK)
    canvas.restoreState()


def _logo(data: bytes, s: st.StyleSet) -> Image:
    width, height = ImageReader(io.BytesIO(data)).getSize()
    tall = s.base * 5.5
    scale = min(tall / height, (st.frame_width() * 0.25) / width)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale)


def _letterhead(view: AgreementView, s: st.StyleSet) -> list:
    head = view.letterhead
    words = [_p(head.name, s.title)]
    words += [_p(text, s.small) for text in (head.address, head.phone) if text]
    if head.logo:
        top = blocks.grid([[_logo(head.logo, s), words]], (0.27, 0.73), s, lines=False)
    else:
        top = KeepTogether(words)
    return [top, HRFlowable(width="100%", thickness=1.2, color=st.INK, spaceBefore=s.base * 0.3,
                            spaceAfter=s.gap)]


def _title(view: AgreementView, s: st.StyleSet) -> list:
    story = [_p(view.title, s.title),
             _p(f"{view.kind} {view.number} · version {view.version}"
                f"{' · draft' if view.draft else ''}", s.subtitle)]
    if view.demo:
        story += [notice_box([_p("Demonstration agreement: invented organizations and amounts. "
                                 "Do not sign.", s.notice_heading)], s), Spacer(1, s.gap / 2)]
    if view.replaces:
        story += [notice_box([_p(f"Amended agreement: version {view.version}", s.notice_heading),
                              _p(f"This version replaces {view.replaces}", s.notice)], s),
                  Spacer(1, s.gap / 2)]
    effective = ""
    if view.effective_from and view.effective_to:
        effective = bb.period_words(view.effective_from, view.effective_to)
    elif view.effective_from:
        effective = f"from {long_date(view.effective_from)} until terminated"
    rows = [("Agreement number", f"{view.number}, version {view.version}"), ("Kind", view.kind),
            ("Contract number", view.contract_number), ("Effective", effective),
            ("Review by", long_date(view.review_on) if view.review_on else ""),
            ("Prepared", long_date(view.generated_on))]
    return [*story, bb.facts(rows, s)]


def _parties(view: AgreementView, s: st.StyleSet) -> list:
    c = bb.table_styles(s, large_print=view.large_print)
    rows: list = [bb.header_row(("Party", "Role", "Contributes"), c)]
    rows += [[_p(party.name, c.strong), _p(party.role, c.plain), _p(party.contributions, c.plain)]
             for party in view.parties]
    return [_p("Parties", s.heading), bb.line_table(rows, (0.36, 0.2, 0.44), s)]


def _sections(view: AgreementView, s: st.StyleSet) -> list:
    """The numbered sections; the glossary terms the agreement uses go under its own "Definitions" section
    when it has one (the MOU's default clause), otherwise in a Definitions section of their own at the end."""
    story: list = []
    defined = not view.definitions
    for number, section in enumerate(view.sections, start=1):
        story.append(_p(f"{number}. {section.title}", s.heading))
        story += [_p(text.strip(), s.body) for text in section.body.split("\n\n") if text.strip()]
        if not defined and section.title.strip().casefold() == DEFINITIONS.casefold():
            story += _definitions(view, s)
            defined = True
    if not defined:
        story += [_p(f"{len(view.sections) + 1}. {DEFINITIONS}", s.heading), _p(DEFINITIONS_INTRO, s.body),
                  *_definitions(view, s)]
    return story


def _definitions(view: AgreementView, s: st.StyleSet) -> list:
    lines = []
    for d in view.definitions:
        also = f" (also called {', '.join(blocks.escape_text(w) for w in d.also)})" if d.also else ""
        lines.append(Paragraph(f"{blocks.bold(d.term)}{also}: {blocks.escape_text(d.definition.strip())}",
                               s.bullet, bulletText="•"))
    return lines


def _cell(line: ServiceLineView, field: str) -> str:
    value = getattr(line, field)
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return money(value) if field in ("rate", "amount") else bb.number(value)
    return str(value)


def _large_service(line: ServiceLineView, c: bb.CellStyles) -> list:
    billed = ""
    if line.units is not None:
        billed = f"{bb.number(line.units)} × {line.unit or 'unit'}"
        billed += f" at {money(line.rate)}" if line.rate is not None else ""
    who = [f"provided by {line.provided_by}" if line.provided_by else "",
           f"paid by {line.paid_by}" if line.paid_by else ""]
    detail = " · ".join(filter(None, (billed, *who)))
    cell = [_p(f"{line.code} {line.service}".strip(), c.plain)]
    return [*cell, _p(detail, c.small)] if detail else cell


def _services(view: AgreementView, s: st.StyleSet) -> list:
    if not view.service_lines:
        return []
    c = bb.table_styles(s, large_print=view.large_print)
    shown = [col for col in COLUMNS
             if col[1] == "service" or any(_cell(line, col[1]) for line in view.service_lines)]
    if view.large_print:
        # Eight columns do not fit at 16 pt: the details go under the service, in reading order.
        fields = {col[1] for col in shown}
        shown = [col for col in LARGE_COLUMNS if col[1] in fields]
    weight = sum(col[2] for col in shown)
    headings = tuple(col[0] for col in shown)
    rows: list = [bb.header_row(headings, c, FIGURES)]
    for line in view.service_lines:
        rows.append([_large_service(line, c) if view.large_print and field == "service"
                     else _p(_cell(line, field), c.figure if heading in FIGURES else c.plain)
                     for heading, field, _w in shown])
    amounts = [line.amount for line in view.service_lines if line.amount is not None]
    total_rows = 0
    if amounts and "Amount" in headings:
        total = [""] * len(headings)
        total[0] = _p("Total", c.strong)
        total[headings.index("Amount")] = _p(money(sum(amounts, Decimal(0))), c.strong_figure)
        rows.append(total)
        total_rows = 1
    fractions = tuple(col[2] / weight for col in shown)
    if not view.large_print:
        fractions = _fitted(shown, view.service_lines, c, s, fractions)
    story = bb.section_heading("Services and amounts", s)
    story.append(bb.line_table(rows, fractions, s, total_rows=total_rows,
                               label_span=headings.index("Amount") if total_rows else 1))
    return story


def _fitted(shown, lines, c: bb.CellStyles, s: st.StyleSet, fractions: tuple[float, ...]) -> tuple[float, ...]:
    """Each UNBROKEN column as wide as its widest value (the total in bold included); the rest shared by
    weight. Falls back to the weights when the measured columns would leave the words no room."""
    frame, pad = st.frame_width(), s.base * 0.3 * 2 + 1
    total = money(sum((l.amount for l in lines if l.amount is not None), Decimal(0)))
    widths: dict[int, float] = {}
    for n, (heading, field, _w) in enumerate(shown):
        if field not in UNBROKEN:
            continue
        texts = [(_cell(line, field), c.plain.fontName) for line in lines] + [(heading, c.strong.fontName)]
        if field == "amount":
            texts.append((total, c.strong.fontName))
        widths[n] = max(stringWidth(t, font, c.plain.fontSize) for t, font in texts) + pad
    rest = frame - sum(widths.values())
    words = sum(col[2] for n, col in enumerate(shown) if n not in widths)
    if rest < frame * 0.35 or not words:
        return fractions
    return tuple((widths[n] if n in widths else rest * col[2] / words) / frame for n, col in enumerate(shown))


def _signature_block(party: PartyView, signer: SignatoryView, s: st.StyleSet) -> KeepTogether:
    title = f", {blocks.escape_text(signer.title)}" if signer.title.strip() else ""
    who = [Paragraph(f"{blocks.bold(signer.name)}{title}", s.body)]
    if signer.representative_authority:
        who.append(_p(f"Signs for {party.name} as {signer.representative_authority.lower()}", s.small))
    elif not signer.is_person:
        who.append(_p(signer.organization or party.name, s.small))
    block = [*who, blocks.sign_line(f"Signature of {signer.name}", s)]
    if signer.signed_on is not None:
        block.append(_p(f"Signed on {long_date(signer.signed_on)}", s.small))
    block.append(Spacer(1, s.gap))
    return KeepTogether(block)


def _signatures(view: AgreementView, s: st.StyleSet) -> list:
    signers = [(party, signer) for party in view.parties for signer in party.signatories]
    if not signers:
        return []
    ref = f"agreement {view.number}, version {view.version}"
    blocks_ = [_signature_block(party, signer, s) for party, signer in signers]
    # The heading and clause never end a page alone; all the blocks stay on one page when they fit.
    lead = [_p("Signatures", s.heading), _p(SIGNING_CLAUSE.format(ref=ref), s.body)]
    return [KeepTogether([KeepTogether([*lead, blocks_[0]]), *blocks_[1:]])]
