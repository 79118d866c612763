"""Invoice and progress-report views built from literals: a VR milestone month and a waiver month of
15-minute entries long enough to run over several pages."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from caseteam.documents.billing_views import (
    InvoiceLineView,
    InvoiceView,
    PartyView,
    ProgressMilestoneView,
    ProgressNoteView,
    ProgressReportView,
    ServiceLogLineView,
)

PROVIDER = PartyView("Bridgeway Employment Services", "Community rehabilitation provider",
                     "412 Mill Street, Riverside, OR 97301", "(503) 555-0142")
VR = PartyView("Oregon Vocational Rehabilitation", "Supported employment – milestone payments",
               "500 Summer Street NE, Salem, OR 97301", "(503) 555-0100")
WAIVER = PartyView("Riverside County Developmental Disabilities", "Medicaid waiver – job coaching",
                   "88 Court Street, Riverside, OR 97301")
RATE = Decimal("7.43")
STAFF = ("José Muñoz García", "Dana Whitfield")


def vr_invoice_lines() -> tuple[InvoiceLineView, ...]:
    return (
        InvoiceLineView(date(2026, 11, 4), "SE-DISC", "Discovery complete", Decimal("1"), "milestone",
                        Decimal("2500.00"), Decimal("2500.00"), "MS-0003", authorization_number="VR-2026-4410",
                        evidence="Discovery profile delivered and reviewed with Ánh on November 4, 2026"),
        InvoiceLineView(date(2026, 11, 18), "SE-PLACE", "Job placement", Decimal("1"), "milestone",
                        Decimal("1800.00"), Decimal("1800.00"), "MS-0004", authorization_number="VR-2026-4471",
                        evidence="Hired at Riverside Grocery on November 18, 2026"),
        InvoiceLineView(date(2026, 11, 20), "SE-JC", "Job coaching", Decimal("2.5"), "hour",
                        Decimal("42.10"), Decimal("105.25"), "SV-0031", staff_name=STAFF[0],
                        starts_at=time(9, 0), ends_at=time(11, 30), authorization_number="VR-2026-4471"),
    )


def invoice_view(**changes) -> InvoiceView:
    lines = changes.pop("lines", vr_invoice_lines())
    values = dict(
        reference="IV-0004", revision=1, status="Draft", provider=PROVIDER, funder=VR,
        person_name="Nguyễn Thị Ánh", person_reference="PE-0003", funder_person_id="VR case 118-22-907",
        period_from=date(2026, 11, 1), period_to=date(2026, 11, 30), lines=lines,
        total=sum((line.amount for line in lines), Decimal("0")), generated_on=date(2026, 12, 1),
        authorization_numbers=("VR-2026-4410", "VR-2026-4471"))
    values.update(changes)
    return InvoiceView(**values)


def waiver_entries(count: int) -> list[tuple[date, time, time, Decimal, str]]:
    """`count` visits across November: 8:00 start, 4 to 11 units each, two staff alternating."""
    out = []
    for i in range(count):
        day = date(2026, 11, 1) + timedelta(days=i % 30)
        units = Decimal(4 + i % 8)
        start = time(8 + i % 3, 15 * (i % 4))
        minutes = start.hour * 60 + start.minute + int(units) * 15
        out.append((day, start, time(minutes // 60, minutes % 60), units, STAFF[i % 2]))
    return sorted(out)


def waiver_invoice(count: int = 64, **changes) -> InvoiceView:
    lines = tuple(
        InvoiceLineView(day, "T2019", "Supported employment – job coaching (individual)", units, "15-minute unit",
                        RATE, units * RATE, f"SV-{100 + i:04d}", staff_name=staff, starts_at=start, ends_at=end,
                        authorization_number="MW-88-2291")
        for i, (day, start, end, units, staff) in enumerate(waiver_entries(count)))
    return invoice_view(funder=WAIVER, lines=lines, authorization_numbers=("MW-88-2291",),
                        funder_person_id="Medicaid 77400218", reference="IV-0007", **changes)


def report_view(layout: str = "vr_narrative", count: int = 12, **changes) -> ProgressReportView:
    services = tuple(
        ServiceLogLineView(day, "Job coaching" if i % 3 else "Job development", start, end, units, staff,
                           note_excerpt=f"Visit {i + 1}: practised the stocking routine; needed fewer prompts.",
                           reference=f"SV-{100 + i:04d}")
        for i, (day, start, end, units, staff) in enumerate(waiver_entries(count)))
    values = dict(
        reference="PR-0002", layout=layout, provider=PROVIDER, funder=VR, person_name="Nguyễn Thị Ánh",
        person_reference="PE-0003", period_from=date(2026, 11, 1), period_to=date(2026, 11, 30),
        employment_goal="Work in a grocery store stocking shelves, 20 hours a week, near the bus line.",
        narrative="Ánh finished Discovery and was hired at Riverside Grocery.\nShe is learning the evening "
                  "stocking routine with coaching twice a week.",
        notes=(ProgressNoteView(date(2026, 11, 4), "Job development", STAFF[1],
                                "Reviewed the Discovery profile with Ánh and her mother."),
               ProgressNoteView(date(2026, 11, 18), "Job development", STAFF[1],
                                "Ánh accepted the offer from Riverside Grocery.")),
        services=services,
        milestones=(ProgressMilestoneView("Discovery complete", "Invoiced", date(2026, 11, 4), Decimal("2500.00")),
                    ProgressMilestoneView("Job placement", "Achieved", date(2026, 11, 18), Decimal("1800.00")),
                    ProgressMilestoneView("30 days in the job", "Due", date(2026, 12, 18), Decimal("1200.00"))),
        total_units=sum((line.units for line in services), Decimal("0")), generated_on=date(2026, 12, 1),
        authorization_numbers=("VR-2026-4410", "VR-2026-4471"),
        employment="Hired at Riverside Grocery on November 18, 2026, 20 hours a week at $16.00",
        next_steps="Fade coaching to once a week; count 30 days in the job on December 18.",
        written_by=STAFF[1])
    values.update(changes)
    return ProgressReportView(**values)
