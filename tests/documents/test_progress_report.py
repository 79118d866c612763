"""The monthly progress report in both funder layouts, read back from the PDF and the XLSX as the funder's
counselor or waiver coordinator reads them."""

from __future__ import annotations

import io
from datetime import datetime, time
from decimal import Decimal

from billing_samples import WAIVER, report_view
from openpyxl import load_workbook
from pdf_reading import all_text, median_font_size, page_texts

from caseteam.documents.billing_xlsx import CURRENCY, progress_report_xlsx
from caseteam.documents.progress_report import render_progress_report


def test_vr_narrative_report_carries_every_section_the_counselor_reads():
    view = report_view()
    text = all_text(render_progress_report(view))
    for expected in ["Progress report PR-0002", "Vocational rehabilitation narrative progress report",
                     "From Bridgeway Employment Services", "To Oregon Vocational Rehabilitation",
                     "Person Nguyễn Thị Ánh (PE-0003)", "November 1, 2026 to November 30, 2026",
                     "Authorization numbers VR-2026-4410, VR-2026-4471",
                     "Employment goal Work in a grocery store stocking shelves, 20 hours a week",
                     "Summary of the month Ánh finished Discovery and was hired at Riverside Grocery. She is "
                     "learning the evening stocking routine",
                     "Notes of the month", "11/04/2026 Job development · Dana Whitfield Reviewed the Discovery "
                     "profile with Ánh and her mother.",
                     "Milestones", "Discovery complete Invoiced 11/04/2026 $2,500.00",
                     "Job placement Achieved 11/18/2026 $1,800.00", "30 days in the job Due 12/18/2026 $1,200.00",
                     "Employment Hired at Riverside Grocery on November 18, 2026, 20 hours a week at $16.00",
                     "Next steps Fade coaching to once a week",
                     "Signature of Dana Whitfield, job developer, Bridgeway Employment Services"]:
        assert expected in text, expected
    assert "Service unit log" not in text


def test_narrative_summarises_services_by_service_with_the_exact_unit_totals():
    view = report_view(count=12)
    text = all_text(render_progress_report(view))
    coaching = [ln for ln in view.services if ln.service == "Job coaching"]
    development = [ln for ln in view.services if ln.service == "Job development"]
    assert f"Job development 11/01/2026 to 11/10/2026 {len(development)} {sum(ln.units for ln in development)}" in text
    assert f"Job coaching 11/02/2026 to 11/12/2026 {len(coaching)} {sum(ln.units for ln in coaching)}" in text
    assert view.total_units == Decimal("82") and "Total 12 82" in text
    # The narrative summarises: individual entry notes belong to the unit log, not here.
    assert "Visit 1: practised" not in text


def test_waiver_unit_log_lists_every_entry_per_service_with_totals_and_signatures():
    view = report_view("waiver_unit_log", 40, funder=WAIVER)
    pages = page_texts(render_progress_report(view))
    text = " ".join(pages)
    assert "Service unit log PR-0002" in text and "Medicaid waiver 15-minute unit log" in text
    assert "Riverside County Developmental Disabilities" in text
    for line in view.services:
        start, stop = (f"{t.hour % 12 or 12}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"
                       for t in (line.starts_at, line.ends_at))
        row = f"{line.served_on:%m/%d/%Y} {start} {stop} {line.units} {line.staff_name} {line.note_excerpt}"
        assert row in text, row
        assert text.count(f"({line.reference})") == 1
    development = sum(ln.units for ln in view.services if ln.service == "Job development")
    coaching = sum(ln.units for ln in view.services if ln.service == "Job coaching")
    assert development + coaching == view.total_units == Decimal("300")
    assert f"Total for Job development {development} {development / 4} hours in 14 entries" in text
    assert f"Total for Job coaching {coaching} {coaching / 4} hours in 26 entries" in text
    assert "Total for the period: 300 units (75 hours) in 40 entries" in text
    # Both tables ran onto later pages with their header rows repeated.
    assert len(pages) == 3
    assert all("Date Start Stop Units Staff Note" in page for page in pages)
    assert all(f"Page {n} of 3" in page for n, page in enumerate(pages, start=1))
    last = pages[-1]
    for signer in ["Signature of José Muñoz García, staff who delivered services",
                   "Signature of Dana Whitfield, staff who delivered services",
                   "Signature of the supervisor, Bridgeway Employment Services",
                   "Signature of Nguyễn Thị Ánh or their representative"]:
        assert signer in last, signer
    assert "Milestones" not in text  # a unit log is about time, not milestone payments


def test_entries_without_times_print_a_dash_and_an_unknown_layout_prints_the_narrative():
    view = report_view("waiver_unit_log", 2)
    bare = view.services[0].__class__(**{**view.services[0].__dict__, "starts_at": None, "ends_at": None})
    text = all_text(render_progress_report(report_view("waiver_unit_log", 2, services=(bare,))))
    assert f"11/01/2026 — — {bare.units} {bare.staff_name}" in text

    text = all_text(render_progress_report(report_view("county_custom_form")))
    assert "Vocational rehabilitation narrative progress report" in text and "Summary of the month" in text


def test_empty_month_says_so_instead_of_printing_empty_tables():
    view = report_view(count=0, notes=(), milestones=(), total_units=Decimal("0"), narrative="", next_steps="",
                       employment="")
    text = all_text(render_progress_report(view))
    for expected in ["No summary written.", "No case notes in this period.",
                     "No services recorded for this funder in this period.", "No milestones for this funder yet.",
                     "Not employed yet.", "None written."]:
        assert expected in text, expected
    log = all_text(render_progress_report(report_view("waiver_unit_log", 0, total_units=Decimal("0"))))
    assert "No services recorded" in log and "0 units (0 hours) in 0 entries" in log


def test_demo_and_large_print():
    pages = page_texts(render_progress_report(report_view(demo=True)))
    assert all("DEMO — invented data" in page for page in pages)
    view = report_view("waiver_unit_log", 8)
    large = render_progress_report(view, large_print=True)
    assert median_font_size(large) >= 14 > median_font_size(render_progress_report(view))
    text = all_text(large)
    assert "Date Time Units Staff and note" in text
    assert all(f"{ln.units} {ln.staff_name}" in text for ln in view.services)


def test_xlsx_report_has_typed_cells_equal_to_the_figures():
    view = report_view("waiver_unit_log", 20)
    book = load_workbook(io.BytesIO(progress_report_xlsx(view)))
    assert book.sheetnames == ["Report PR-0002", "Services", "Notes", "Milestones"]
    facts = {row[0]: row[1] for row in book["Report PR-0002"].iter_rows(min_row=3, values_only=True) if row[0]}
    assert facts["Person"] == "Nguyễn Thị Ánh" and facts["Period from"] == datetime(2026, 11, 1)
    assert Decimal(str(facts["Total units"])) == view.total_units
    services = book["Services"]
    assert services.freeze_panes == "A2"
    assert [c.value for c in services[1]] == ["Date", "Service", "Start", "Stop", "Units", "Staff", "Note",
                                              "Reference"]
    for number, line in enumerate(view.services, start=2):
        row = services[number]
        assert row[0].value == datetime.combine(line.served_on, time()) and row[0].is_date
        assert row[2].value == line.starts_at and row[3].value == line.ends_at
        assert row[4].data_type == "n" and Decimal(str(row[4].value)) == line.units
        assert (row[5].value, row[7].value) == (line.staff_name, line.reference)
    total = services[len(view.services) + 2]
    assert total[0].value == "Total" and Decimal(str(total[4].value)) == view.total_units == Decimal("142")
    milestones = list(book["Milestones"].iter_rows(min_row=2))
    assert [(r[0].value, Decimal(str(r[3].value))) for r in milestones] == [
        (m.name, m.amount) for m in view.milestones]
    assert all(r[3].number_format == CURRENCY for r in milestones)
    notes = list(book["Notes"].iter_rows(min_row=2, values_only=True))
    assert [(n[1], n[2], n[3]) for n in notes] == [(n.kind, n.author, n.text) for n in view.notes]
