"""The monthly earnings summary a person sends to Social Security: for one year, each month's gross pay
and hours from the recorded pay stubs, compared in words with that year's trial-work and SGA amounts.

Social Security asks people who work to report their earnings each month; a table of the months with
the employer's name and a line to sign is what a benefits planner asks them to keep and send.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from . import blocks
from . import styles as st
from .canvas import PageMarks, build_pdf
from .dates import MONTHS, long_date

TITLE = "Monthly earnings summary"


@dataclass(frozen=True)
class EarningsMonthView:
    month: int
    gross: Decimal
    hours: Decimal
    stubs: int
    words: str            # "Trial work month", "Above SGA", "No pay recorded"…


@dataclass(frozen=True)
class EarningsView:
    reference: str          # the person's reference, PE-0012
    person_name: str        # the legal name, as Social Security knows the person
    year: int
    employers: tuple[str, ...]
    months: tuple[EarningsMonthView, ...]
    trial_work: Decimal | None
    sga: Decimal | None
    generated_on: date
    issued_by: str = ""
    demo: bool = False


def money(amount: Decimal) -> str:
    return f"${amount:,.2f}"


def render_earnings(view: EarningsView, *, large_print: bool = False) -> bytes:
    s = st.style_set(large_print=large_print)
    p = blocks.para
    story: list = [p(TITLE, s.title),
                   p(f"{view.person_name} · {view.year} · prepared {long_date(view.generated_on)}", s.subtitle)]
    story.append(p("These are the gross earnings (before taxes and deductions) on the pay stubs recorded for "
                   "me, by the month I was paid. I can send this page, with copies of the pay stubs, to "
                   "Social Security when I report my work.", s.body))
    if view.employers:
        story.append(Paragraph(f"{blocks.bold('Employer' + ('s' if len(view.employers) > 1 else '') + ':')} "
                               f"{blocks.escape_text('; '.join(view.employers))}", s.body))
    if view.trial_work is not None and view.sga is not None:
        story.append(p(f"In {view.year} a month counts as a trial work month when gross earnings are more than "
                       f"{money(view.trial_work)}; earnings above {money(view.sga)} a month are above the "
                       "substantial gainful activity (SGA) amount.", s.body))
    else:
        story.append(p(f"No trial-work or SGA amounts are entered for {view.year}; ask a benefits planner.", s.body))
    rows = [[p("Month", s.cell_bold), p("Gross pay", s.cell_bold), p("Hours", s.cell_bold),
             p("Pay stubs", s.cell_bold), p("Compared with the thresholds", s.cell_bold)]]
    for m in view.months:
        rows.append([p(MONTHS[m.month - 1], s.cell), p(money(m.gross) if m.stubs else "—", s.cell),
                     p(f"{m.hours.normalize():f}" if m.stubs else "—", s.cell), p(str(m.stubs), s.cell),
                     p(m.words, s.cell)])
    total_gross = sum((m.gross for m in view.months), Decimal("0"))
    total_hours = sum((m.hours for m in view.months), Decimal("0"))
    rows.append([p("Year", s.cell_bold), p(money(total_gross), s.cell_bold),
                 p(f"{total_hours.normalize():f}", s.cell_bold), p(str(sum(m.stubs for m in view.months)), s.cell_bold),
                 p("", s.cell)])
    story += [p("Earnings by month", s.heading), blocks.grid(rows, (0.18, 0.18, 0.12, 0.12, 0.40), s)]
    trial = [MONTHS[m.month - 1] for m in view.months if "trial work" in m.words.lower()]
    story.append(Spacer(1, s.gap / 2))
    story.append(p(f"Trial work months in {view.year}: " + (", ".join(trial) if trial else "none") + ".", s.body))
    block = [p("Signature", s.heading),
             p("I confirm that these figures match my pay stubs.", s.body),
             blocks.sign_line(f"Signature of {view.person_name}", s)]
    story += [CondPageBreak(s.base * 10), KeepTogether(block)]
    # The stubs change as more are entered: the day it was made tells two copies apart.
    marks = PageMarks(document=f"Earnings summary {view.year}, {view.reference}",
                      version=f"of {view.generated_on.isoformat()}", demo=view.demo,
                      header=view.issued_by, printed_on=view.generated_on)
    return build_pdf(story, marks, s, title=f"{TITLE} {view.year} for {view.person_name} ({view.reference})",
                     subject="Large-print copy" if large_print else "Earnings to report to Social Security")
