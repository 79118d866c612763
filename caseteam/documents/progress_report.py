"""The monthly progress report a funder asks for, in its layout:

- "vr_narrative": the VR narrative report: the person, the authorizations, the employment goal, the job
  developer's summary, the notes of the month, a summary of the services delivered, the milestones, the
  job, the next steps and the job developer's signature;
- "waiver_unit_log": the Medicaid waiver 15-minute unit log: one table per service with the date, start
  and stop times, units, staff and the note each entry comes from, with totals and signature lines.

A layout caseteam does not know prints as the narrative, which carries everything a reader needs.
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, TableStyle

from . import billing_blocks as bb
from . import blocks
from . import styles as st
from .billing_views import ProgressReportView, ServiceLogLineView
from .canvas import PageMarks, build_pdf
from .dates import long_date
from .earnings_report import money

NARRATIVE, UNIT_LOG = "vr_narrative", "waiver_unit_log"
TITLES = {NARRATIVE: "Progress report", UNIT_LOG: "Service unit log"}
KINDS = {NARRATIVE: "Vocational rehabilitation narrative progress report",
         UNIT_LOG: "Medicaid waiver 15-minute unit log"}
LOG_HEADINGS = ("Date", "Start", "Stop", "Units", "Staff", "Note")
LOG_FRACTIONS = (0.125, 0.105, 0.105, 0.07, 0.175, 0.42)
# Large print: start and stop share a column, the note goes under the staff name.
LARGE_LOG_HEADINGS = ("Date", "Time", "Units", "Staff and note")
LARGE_LOG_FRACTIONS = (0.23, 0.22, 0.12, 0.43)

_p = blocks.para


def layout_of(view: ProgressReportView) -> str:
    return view.layout if view.layout in TITLES else NARRATIVE


def render_progress_report(view: ProgressReportView, *, large_print: bool = False) -> bytes:
    s = st.style_set(large_print=large_print)
    layout = layout_of(view)
    story = _head(view, layout, s)
    if layout == UNIT_LOG:
        story += _unit_log(view, s, large_print)
    else:
        story += _narrative(view, s, large_print)
    marks = PageMarks(document=f"{TITLES[layout]} {view.reference}", version=f"of {view.generated_on.isoformat()}",
                      demo=view.demo, header=view.provider.name, printed_on=view.generated_on)
    subject = "Large-print copy" if large_print else f"{KINDS[layout]} for {view.funder.name}"
    return build_pdf(story, marks, s, title=f"{TITLES[layout]} {view.reference} for {view.person_name}",
                     subject=subject)


def units_words(units: Decimal, layout: str) -> str:
    """"48 units (12 hours)" on a 15-minute log, where a reader checks units against time."""
    words = f"{bb.number(units)} unit{'' if units == 1 else 's'}"
    return f"{words} ({bb.number(units / 4)} hours)" if layout == UNIT_LOG else words


def _head(view: ProgressReportView, layout: str, s: st.StyleSet) -> list:
    facts = [("Person", f"{view.person_name} ({view.person_reference})"),
             ("Report period", bb.period_words(view.period_from, view.period_to)),
             ("Authorization numbers", ", ".join(view.authorization_numbers) or "none recorded")]
    if layout == NARRATIVE:
        facts.append(("Employment goal", view.employment_goal or "not yet written in the plan"))
    return [bb.letterhead(view.provider, view.funder, s, funder_label="To"), Spacer(1, s.gap),
            _p(f"{TITLES[layout]} {view.reference}", s.title),
            _p(f"{KINDS[layout]} · prepared {long_date(view.generated_on)}", s.subtitle), bb.facts(facts, s)]


def _paragraphs(text: str, s: st.StyleSet) -> list:
    return [_p(part.strip(), s.body) for part in text.splitlines() if part.strip()]


# --- VR narrative ----------------------------------------------------------------------------------

def _narrative(view: ProgressReportView, s: st.StyleSet, large_print: bool) -> list:
    story = [_p("Summary of the month", s.heading),
             *(_paragraphs(view.narrative, s) or [_p("No summary written.", s.body)])]
    story += _notes(view, s, large_print)
    story += _service_summary(view, s, large_print)
    story += _milestones(view, s, large_print)
    story += [_p("Employment", s.heading), _p(view.employment or "Not employed yet.", s.body),
              _p("Next steps", s.heading), *(_paragraphs(view.next_steps, s) or [_p("None written.", s.body)])]
    who = view.written_by or "the job developer"
    block = [_p("Signature", s.heading),
             _p("I wrote this report from the case notes and service records of the period.", s.body),
             blocks.sign_line(f"Signature of {who}, job developer, {view.provider.name}", s)]
    return [*story, CondPageBreak(s.base * 9), KeepTogether(block)]


def _notes(view: ProgressReportView, s: st.StyleSet, large_print: bool) -> list:
    story = bb.section_heading("Notes of the month", s)
    if not view.notes:
        return [*story, _p("No case notes in this period.", s.body)]
    c = bb.table_styles(s, large_print=large_print)
    rows: list = [bb.header_row(("Date", "Note"), c)]
    for note in view.notes:
        rows.append([_p(bb.table_date(note.held_on), c.plain),
                     [_p(f"{note.kind} · {note.author}", c.small), *_paragraphs_in(note.text, c.plain)]])
    return [*story, bb.line_table(rows, (0.22, 0.78) if large_print else (0.14, 0.86), s)]


def _paragraphs_in(text: str, style) -> list:
    return [_p(part, style) for part in text.splitlines() if part.strip()] or [_p("", style)]


def _service_summary(view: ProgressReportView, s: st.StyleSet, large_print: bool) -> list:
    story = bb.section_heading("Services delivered", s)
    if not view.services:
        return [*story, _p("No services recorded for this funder in this period.", s.body)]
    c = bb.table_styles(s, large_print=large_print)
    rows: list = [bb.header_row(("Service", "Dates", "Entries", "Units"), c, ("Entries", "Units"))]
    for name, lines in _by_service(view.services):
        first, last = lines[0].served_on, lines[-1].served_on
        dates = bb.table_date(first) if first == last else f"{bb.table_date(first)} to {bb.table_date(last)}"
        rows.append([_p(name, c.plain), _p(dates, c.plain), _p(str(len(lines)), c.figure),
                     _p(bb.number(sum((line.units for line in lines), Decimal("0"))), c.figure)])
    rows.append([_p("Total", c.strong), "", _p(str(len(view.services)), c.strong_figure),
                 _p(bb.number(view.total_units), c.strong_figure)])
    fractions = (0.34, 0.34, 0.14, 0.18) if large_print else (0.42, 0.34, 0.12, 0.12)
    return [*story, bb.line_table(rows, fractions, s, total_rows=1, label_span=2)]


def _milestones(view: ProgressReportView, s: st.StyleSet, large_print: bool) -> list:
    story = bb.section_heading("Milestones", s)
    if not view.milestones:
        return [*story, _p("No milestones for this funder yet.", s.body)]
    c = bb.table_styles(s, large_print=large_print)
    rows: list = [bb.header_row(("Milestone", "Status", "Date", "Amount"), c, ("Amount",))]
    for m in view.milestones:
        rows.append([_p(m.name, c.plain), _p(m.status, c.plain), _p(bb.table_date(m.on) if m.on else "—", c.plain),
                     _p(money(m.amount), c.figure)])
    fractions = (0.34, 0.2, 0.22, 0.24) if large_print else (0.46, 0.18, 0.18, 0.18)
    return [*story, bb.line_table(rows, fractions, s)]


def _by_service(lines: tuple[ServiceLogLineView, ...]) -> list[tuple[str, list[ServiceLogLineView]]]:
    """Lines grouped by service in the order each service first appears, each group by date and time."""
    groups: dict[str, list[ServiceLogLineView]] = {}
    for line in lines:
        groups.setdefault(line.service, []).append(line)
    return [(name, sorted(group, key=lambda ln: (ln.served_on, ln.starts_at is None, ln.starts_at or 0)))
            for name, group in groups.items()]


# --- waiver 15-minute unit log -----------------------------------------------------------------------

def _unit_log(view: ProgressReportView, s: st.StyleSet, large_print: bool) -> list:
    story: list = []
    if view.narrative.strip():
        story += [_p("Summary of the month", s.heading), *_paragraphs(view.narrative, s)]
    if not view.services:
        story += [_p("Services", s.heading), _p("No services recorded for this funder in this period.", s.body)]
    for name, lines in _by_service(view.services):
        story += bb.section_heading(name, s)
        story.append(_log_table(lines, name, s, large_print))
    story += [Spacer(1, s.gap / 2), Paragraph(
        f"{blocks.bold('Total for the period:')} {blocks.escape_text(units_words(view.total_units, UNIT_LOG))} "
        f"in {len(view.services)} entr{'y' if len(view.services) == 1 else 'ies'}", s.body)]
    if view.next_steps.strip():
        story += [_p("Next steps", s.heading), *_paragraphs(view.next_steps, s)]
    return story + _log_signatures(view, s)


def _log_table(lines: list[ServiceLogLineView], name: str, s: st.StyleSet, large_print: bool):
    c = bb.table_styles(s, large_print=large_print)
    headings, fractions = (LARGE_LOG_HEADINGS, LARGE_LOG_FRACTIONS) if large_print else (LOG_HEADINGS, LOG_FRACTIONS)
    rows: list = [bb.header_row(headings, c, ("Units",))]
    for line in lines:
        start, stop = bb.clock(line.starts_at) or "—", bb.clock(line.ends_at) or "—"
        when, units = _p(bb.table_date(line.served_on), c.plain), _p(bb.number(line.units), c.figure)
        staff, note = _p(line.staff_name, c.plain), _p(_note(line), c.small)
        if large_print:
            rows.append([when, _p(f"{start} to {stop}", c.plain), units, [staff, note]])
        else:
            rows.append([when, _p(start, c.plain), _p(stop, c.plain), units, staff, note])
    units = sum((line.units for line in lines), Decimal("0"))
    count = f"{len(lines)} entr{'y' if len(lines) == 1 else 'ies'}"
    label = headings.index("Units")
    total = [_p(f"Total for {name}", c.strong)] + [""] * (len(headings) - 1)
    total[label] = _p(bb.number(units), c.strong_figure)
    total[label + 1] = _p(f"{bb.number(units / 4)} hours in {count}", c.strong)
    rows.append(total)
    table = bb.line_table(rows, fractions, s, total_rows=1, label_span=label)
    table.setStyle(TableStyle([("SPAN", (label + 1, -1), (-1, -1))]))
    return table


def _note(line: ServiceLogLineView) -> str:
    return line.note_excerpt + (f" ({line.reference})" if line.reference else "")


def _log_signatures(view: ProgressReportView, s: st.StyleSet) -> list:
    staff = list(dict.fromkeys(line.staff_name for line in view.services if line.staff_name))
    block = [_p("Signatures", s.heading),
             _p("We confirm that the services above were delivered on the dates and at the times shown, and "
                "that each entry is documented in a case note.", s.body)]
    block += [blocks.sign_line(f"Signature of {name}, staff who delivered services", s) for name in staff]
    block += [blocks.sign_line(f"Signature of the supervisor, {view.provider.name}", s),
              blocks.sign_line(f"Signature of {view.person_name} or their representative", s)]
    return [CondPageBreak(s.base * 14), KeepTogether(block)]
