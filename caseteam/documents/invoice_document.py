"""The invoice a provider sends a funder for one person and one period: letterhead, who and what is
billed, every line (date, code, units, rate, amount and where it came from), the total, the evidence for
each milestone, and the provider's certification to sign.

A corrected invoice says plainly which revision it replaces and why that one was returned, because a
funder's billing clerk matches a resubmission against the returned copy on file.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from . import billing_blocks as bb
from . import blocks
from . import styles as st
from .billing_views import InvoiceLineView, InvoiceView
from .canvas import PageMarks, build_pdf
from .dates import long_date
from .earnings_report import money
from .notices import notice_box

TITLE = "Invoice"
HEADINGS = ("Date", "Code", "Description", "Units", "Rate per unit", "Amount", "Ref.")
FRACTIONS = (0.122, 0.105, 0.358, 0.07, 0.113, 0.13, 0.102)
# Large print keeps the reading order in three wide columns: code, units, rate and reference go under
# the description.
LARGE_HEADINGS = ("Date", "Service", "Amount")
LARGE_FRACTIONS = (0.22, 0.55, 0.23)
FIGURES = ("Units", "Rate per unit", "Amount")
CERTIFICATION = (
    "I certify that the services and milestones listed on this invoice were provided to the person named, "
    "on the dates shown, by qualified staff; that each is documented in the person's record; that the "
    "amounts are those of the funder's authorization and fee schedule; and that no line has been billed "
    "to any other funder.")

_p = blocks.para


def render_invoice(view: InvoiceView, *, large_print: bool = False) -> bytes:
    s = st.style_set(large_print=large_print)
    story: list = [*_title(view, s), *_revision(view, s), *_about(view, s), *_lines(view, s, large_print),
                   *_evidence(view, s), *_certification(view, s)]
    marks = PageMarks(document=f"Invoice {view.reference}", version=view.revision, demo=view.demo,
                      header=view.provider.name, printed_on=view.generated_on)
    subject = "Large-print copy" if large_print else f"Invoice to {view.funder.name}"
    return build_pdf(story, marks, s, title=f"{TITLE} {view.reference} revision {view.revision} for "
                     f"{view.person_name}", subject=subject)


def is_milestone(line: InvoiceLineView) -> bool:
    return line.unit_label.strip().lower() == "milestone" or line.reference.startswith("MS-")


def _title(view: InvoiceView, s: st.StyleSet) -> list:
    words = f"Revision {view.revision} · {view.status} · prepared {long_date(view.generated_on)}"
    story = [bb.letterhead(view.provider, view.funder, s, funder_label="Bill to"), Spacer(1, s.gap),
             _p(f"{TITLE} {view.reference}", s.title), _p(words, s.subtitle)]
    if view.demo:
        story.append(notice_box([_p("Demonstration invoice: invented people and amounts. Do not send.",
                                    s.notice_heading)], s))
        story.append(Spacer(1, s.gap / 2))
    return story


def _revision(view: InvoiceView, s: st.StyleSet) -> list:
    story: list = []
    sent_back = view.status.strip().lower() in ("returned", "denied")
    if sent_back:
        # A copy printed after the funder sent it back says so, so it is not mailed again by mistake.
        why = f": {view.returned_reason}" if view.returned_reason else "."
        story += [notice_box([_p(f"This revision was {view.status.strip().lower()} by the funder{why}",
                                 s.notice_heading)], s), Spacer(1, s.gap / 2)]
    if view.revision <= 1:
        return story
    replaced = view.previous_reference or f"{view.reference} revision {view.revision - 1}"
    lines = [_p(f"Corrected invoice: revision {view.revision}", s.notice_heading),
             _p(f"This invoice replaces {replaced}.", s.notice)]
    if view.returned_reason and not sent_back and view.returned_reason not in replaced:
        lines.append(_p(f"It was returned for this reason: {view.returned_reason}", s.notice))
    lines.append(_p("Please pay this revision only; the earlier one should not be paid.", s.notice))
    return [*story, notice_box(lines, s), Spacer(1, s.gap / 2)]


def _about(view: InvoiceView, s: st.StyleSet) -> list:
    rows = [("Person served", f"{view.person_name} ({view.person_reference})"),
            ("Funder's case number", view.funder_person_id or "not recorded"),
            ("Service period", bb.period_words(view.period_from, view.period_to)),
            ("Authorization numbers", ", ".join(view.authorization_numbers)),
            ("Submitted", long_date(view.submitted_on) if view.submitted_on else "")]
    return [bb.facts(rows, s)]


def _lines(view: InvoiceView, s: st.StyleSet, large_print: bool) -> list:
    c = bb.table_styles(s, large_print=large_print)
    plain, figure, small = c.plain, c.figure, c.small
    headings, fractions = (LARGE_HEADINGS, LARGE_FRACTIONS) if large_print else (HEADINGS, FRACTIONS)
    rows: list = [bb.header_row(headings, c, FIGURES)]
    several = len(set(view.authorization_numbers)) > 1
    for line in view.lines:
        when, amount = _p(bb.table_date(line.served_on), plain), _p(money(line.amount), figure)
        if large_print:
            billed = f"{bb.number(line.units)} × {line.unit_label} at {money(line.rate)}"
            detail = " · ".join(filter(None, (billed, _detail(line, show_authorization=several), line.reference)))
            rows.append([when, [_p(f"{line.code} {line.description}", plain), _p(detail, small)], amount])
            continue
        described = [_p(line.description, plain)]
        detail = _detail(line, show_authorization=several)
        if detail:
            described.append(_p(detail, small))
        rows.append([when, _p(line.code, plain), described, _p(bb.number(line.units), figure),
                     [_p(money(line.rate), figure), _p(line.unit_label, c.small_figure)], amount,
                     _p(line.reference, plain)])
    count = len(view.lines)
    total = [_p(f"Total, {count} line{'s' if count != 1 else ''}", c.strong)] + [""] * (len(headings) - 1)
    total[headings.index("Amount")] = _p(money(view.total), c.strong_figure)
    rows.append(total)
    story = bb.section_heading("Services and milestones billed", s)
    if not view.lines:
        story.append(_p("No lines: nothing is billed for this period.", s.body))
    story.append(bb.line_table(rows, fractions, s, total_rows=1, label_span=headings.index("Amount")))
    story.append(Spacer(1, s.gap / 2))
    story.append(Paragraph(f"{blocks.bold('Amount due:')} {blocks.bold(money(view.total))}", s.body))
    if view.note:
        story.append(_p(view.note, s.body))
    return story


def _detail(line: InvoiceLineView, *, show_authorization: bool) -> str:
    """The small print under a description: when and by whom (what a waiver auditor checks)."""
    parts = []
    if line.starts_at is not None and line.ends_at is not None:
        parts.append(f"{bb.clock(line.starts_at)}–{bb.clock(line.ends_at)}")
    if line.staff_name:
        parts.append(line.staff_name)
    if show_authorization and line.authorization_number:
        parts.append(f"authorization {line.authorization_number}")
    return " · ".join(parts)


def _evidence(view: InvoiceView, s: st.StyleSet) -> list:
    milestones = [line for line in view.lines if is_milestone(line)]
    if not milestones:
        return []
    story = [_p("Evidence for each milestone", s.heading)]
    for line in milestones:
        what = line.evidence.strip() or "No evidence recorded: attach it before this invoice is sent."
        lead = f"{line.description} ({line.reference}, {long_date(line.served_on)}):"
        story.append(Paragraph(f"{blocks.bold(lead)} {blocks.escape_text(what)}", s.bullet, bulletText="•"))
    return story


def _certification(view: InvoiceView, s: st.StyleSet) -> list:
    block = [_p("Certification", s.heading), _p(CERTIFICATION, s.body),
             blocks.sign_line(f"Signature of the authorized representative of {view.provider.name}", s),
             blocks.sign_line("Printed name and title", s, dated=False)]
    # A signature alone on a page certifies nothing: keep the statement and its lines together.
    return [CondPageBreak(s.base * 14), KeepTogether(block)]
