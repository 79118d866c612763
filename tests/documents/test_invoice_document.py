"""The invoice PDF read back as the funder's billing clerk reads it: every line, the total, the revision
it replaces and why, the evidence for milestones, and page numbers on a long waiver month."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import datetime, time
from decimal import Decimal

from billing_samples import RATE, invoice_view, waiver_invoice
from openpyxl import load_workbook
from pdf_reading import all_text, fonts, median_font_size, page_texts, reader

from caseteam.documents.billing_xlsx import CURRENCY, invoice_xlsx
from caseteam.documents.invoice_document import render_invoice


def test_the_invoice_names_provider_funder_person_period_and_authorizations():
    text = all_text(render_invoice(invoice_view()))
    for expected in ["Invoice IV-0004", "Revision 1", "Draft", "prepared December 1, 2026",
                     "Bridgeway Employment Services", "412 Mill Street, Riverside, OR 97301",
                     "Bill to", "Oregon Vocational Rehabilitation", "Nguyễn Thị Ánh (PE-0003)",
                     "Funder's case number VR case 118-22-907",
                     "November 1, 2026 to November 30, 2026", "VR-2026-4410, VR-2026-4471"]:
        assert expected in text, expected
    assert "Corrected invoice" not in text and "replaces" not in text


def test_every_line_prints_with_its_date_code_units_rate_amount_and_reference():
    text = all_text(render_invoice(invoice_view()))
    assert "11/04/2026 SE-DISC Discovery complete" in text
    assert "1 $2,500.00 milestone $2,500.00 MS-0003" in text
    assert "11/18/2026 SE-PLACE Job placement" in text and "$1,800.00 MS-0004" in text
    # The hourly line says when and by whom; with two authorizations each line names its own.
    assert ("11/20/2026 SE-JC Job coaching 9:00 AM–11:30 AM · José Muñoz García · authorization "
            "VR-2026-4471") in text
    assert "2.5 $42.10 hour $105.25 SV-0031" in text
    assert "Total, 3 lines $4,405.25" in text and "Amount due: $4,405.25" in text


def test_milestone_evidence_is_listed_and_missing_evidence_is_called_out():
    lines = invoice_view().lines
    text = all_text(render_invoice(invoice_view()))
    assert "Evidence for each milestone" in text
    assert ("Discovery complete (MS-0003, November 4, 2026): Discovery profile delivered and reviewed with "
            "Ánh on November 4, 2026") in text
    assert "Job placement (MS-0004, November 18, 2026): Hired at Riverside Grocery on November 18, 2026" in text
    assert "Job coaching (SV-0031" not in text  # services are not milestones

    bare = (dataclasses.replace(lines[0], evidence=""),)
    text = all_text(render_invoice(invoice_view(lines=bare)))
    assert "No evidence recorded: attach it before this invoice is sent." in text


def test_a_resubmitted_revision_says_what_it_replaces_and_why_it_was_returned():
    view = invoice_view(revision=2, status="Submitted", previous_reference="IV-0004 revision 1, returned on "
                        "November 28, 2026", returned_reason="the provider's signature was missing")
    text = all_text(render_invoice(view))
    assert "Corrected invoice: revision 2" in text
    assert "This invoice replaces IV-0004 revision 1, returned on November 28, 2026." in text
    assert "It was returned for this reason: the provider's signature was missing" in text
    assert "Please pay this revision only" in text
    assert "Invoice IV-0004 · version 2" in text  # the footer matches the paper copy to the revision

    # The services' words already carry the reason: it is not printed twice.
    view = invoice_view(revision=2, previous_reference="IV-0004 revision 1, returned on November 28, 2026: "
                        "missing signature", returned_reason="missing signature")
    assert all_text(render_invoice(view)).count("missing signature") == 1

    # Without the services' words the invoice still names the revision it replaces.
    text = all_text(render_invoice(invoice_view(revision=3)))
    assert "This invoice replaces IV-0004 revision 2." in text


def test_a_returned_copy_says_it_was_returned_and_why():
    text = all_text(render_invoice(invoice_view(status="Returned", returned_reason="missing signature")))
    assert "This revision was returned by the funder: missing signature" in text
    assert "Corrected invoice" not in text
    text = all_text(render_invoice(invoice_view(status="Denied", returned_reason="")))
    assert "This revision was denied by the funder." in text


def test_certification_and_signature_line_are_kept_together_at_the_end():
    pages = page_texts(render_invoice(invoice_view()))
    last = pages[-1]
    assert "Certification" in last and "no line has been billed to any other funder" in last
    assert "Signature of the authorized representative of Bridgeway Employment Services" in last
    assert "Printed name and title" in last and "Date" in last


def test_a_month_of_fifteen_minute_units_splits_over_pages_with_the_header_repeated():
    view = waiver_invoice(34)
    pages = page_texts(render_invoice(view))
    assert len(pages) == 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of 3" in page
        assert "Date Code Description Units Rate per unit Amount Ref." in page  # header on every page
    # Every entry appears exactly once, and the total is the exact sum of the lines.
    text = " ".join(pages)
    for line in view.lines:
        assert text.count(f" {line.reference}") == 1, line.reference
        assert f"{line.units} $7.43 15-minute unit ${line.amount:,.2f} {line.reference}" in text
    assert view.lines[0].reference in pages[0] and view.lines[-1].reference in pages[2]
    assert sum(page.count(" SV-0") for page in pages[1:2]) > 10  # a full middle page of lines
    assert view.total == sum(line.amount for line in view.lines) == Decimal("1850.07")
    assert "Total, 34 lines $1,850.07" in pages[-1]
    assert "Certification" in pages[-1]
    assert "Medicaid waiver – job coaching" in pages[0] and "Medicaid 77400218" in pages[0]
    assert "8:00 AM–9:00 AM · José Muñoz García" in text


def test_demo_invoice_is_marked_on_every_page():
    pages = page_texts(render_invoice(waiver_invoice(40, demo=True)))
    assert "Demonstration invoice: invented people and amounts. Do not send." in pages[0]
    assert all(page.count("DEMO — invented data") == 2 for page in pages)  # header and footer
    assert "DEMO" not in all_text(render_invoice(invoice_view()))


def test_large_print_keeps_every_figure_at_a_larger_size():
    view = waiver_invoice(12)
    standard, large = render_invoice(view), render_invoice(view, large_print=True)
    assert median_font_size(large) >= 14 > median_font_size(standard)
    text = all_text(large)
    for line in view.lines:
        assert f"{line.units} × 15-minute unit at $7.43" in text and f"${line.amount:,.2f}" in text
        assert line.reference in text
    assert f"Amount due: ${view.total:,.2f}" in text
    assert len(reader(large).pages) > len(reader(standard).pages)


def test_only_embedded_fonts_are_used():
    found = fonts(render_invoice(waiver_invoice(20, demo=True, revision=2)))
    assert found and all(re.search(r"DejaVuSans", f["base"]) for f in found)
    assert all(f["descriptor"] is not None and "/FontFile2" in f["descriptor"] for f in found)


def test_xlsx_invoice_has_typed_lines_and_the_exact_total():
    view = waiver_invoice(64, revision=2, previous_reference="IV-0007 revision 1, returned on November 28, 2026",
                          returned_reason="missing signature")
    book = load_workbook(io.BytesIO(invoice_xlsx(view)))
    assert book.sheetnames == ["Invoice IV-0007", "Lines"]
    facts = {row[0]: row[1] for row in book["Invoice IV-0007"].iter_rows(min_row=3, values_only=True) if row[0]}
    assert facts["Revision"] == 2 and facts["Returned because"] == "missing signature"
    assert facts["Replaces"].startswith("IV-0007 revision 1")
    assert facts["Period from"] == datetime(2026, 11, 1) and facts["Funder's case number"] == "Medicaid 77400218"
    assert Decimal(str(facts["Total"])) == view.total
    lines = book["Lines"]
    assert lines.freeze_panes == "A2" and lines.print_title_rows == "$1:$1"
    assert [c.value for c in lines[1]][:8] == ["Date", "Code", "Description", "Units", "Unit", "Rate", "Amount",
                                               "Reference"]
    amounts = []
    for number, line in enumerate(view.lines, start=2):
        row = lines[number]
        assert row[0].is_date and row[0].value == datetime.combine(line.served_on, time())
        assert row[3].data_type == "n" and Decimal(str(row[3].value)) == line.units
        assert row[5].data_type == "n" and row[5].number_format == CURRENCY and Decimal(str(row[5].value)) == RATE
        assert row[6].number_format == CURRENCY and Decimal(str(row[6].value)) == line.amount
        assert (row[7].value, row[9].value, row[10].value) == (line.reference, line.starts_at, line.ends_at)
        amounts.append(Decimal(str(row[6].value)))
    total = lines[len(view.lines) + 2]
    assert total[0].value == "Total" and total[6].number_format == CURRENCY
    # The clerk's column sum, the total cell and the view agree to the cent.
    assert sum(amounts) == Decimal(str(total[6].value)) == view.total == Decimal("3566.40")


def test_xlsx_keeps_text_as_text_and_money_rounded_to_cents():
    line = dataclasses.replace(invoice_view().lines[0], description="=HYPERLINK(\"http://x\")",
                               amount=Decimal("2500.004"))
    book = load_workbook(io.BytesIO(invoice_xlsx(invoice_view(lines=(line,), total=Decimal("2500.004")))))
    row = book["Lines"][2]
    assert row[2].data_type == "s" and row[2].value == "=HYPERLINK(\"http://x\")"
    assert Decimal(str(row[6].value)) == Decimal("2500.00")
