"""The quality summary PDF read back with pypdf: title, every count's heading with its number, the rows
behind them, the caseload table, "Page X of Y" on every page, only embedded DejaVu fonts, a long list cut
with how many more, and the print audited."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from caseteam.documents.quality_document import (MAX_LINES, CaseloadView, QualityLineView, QualitySectionView,
                                                 QualitySummaryView, render_quality_summary)
from caseteam.domain.audit import AuditEntry
from caseteam.services import quality_dashboard as qd

from pdf_reading import all_text, fonts, page_texts
from quality_desk import quality_desk


def view(lines: int = 2) -> QualitySummaryView:
    many = tuple(QualityLineView(f"TK-{n:04d}", "José Muñoz", f"Task {n}: due November 1, 2026 (1 day ago)",
                                 "Bridgeway") for n in range(lines))
    return QualitySummaryView(
        as_of=date(2026, 11, 2), prepared_by="Denise Okafor", scope="People and staff of Bridgeway",
        thresholds="Settings used: in one stage over 120 days.",
        sections=(QualitySectionView("Plan reviews overdue", (QualityLineView("PE-0003", "Nguyễn Thị Ánh",
                                                                              "Plan revision 2 was due"),)),
                  QualitySectionView("Tasks overdue", many), QualitySectionView("Notes awaiting co-signature", ())),
        caseloads=(CaseloadView("Lupe Hernández", "Bridgeway", 4, "67% billable (4 h 00 min of 6 h 00 min)"),))


def test_the_summary_reads_back_with_headings_rows_and_page_numbers():
    data = render_quality_summary(view())
    text = all_text(data)
    for words in ("Quality summary", "Counts", "Plan reviews overdue (1)", "Tasks overdue (2)",
                  "Notes awaiting co-signature (0)", "None.", "Nguyễn Thị Ánh", "José Muñoz", "TK-0001",
                  "Staff caseloads and billable share of time", "Lupe Hernández", "67% billable",
                  "prepared by Denise Okafor"):
        assert words in text, words
    pages = page_texts(data)
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert {f["base"].split("+")[-1] for f in fonts(data)} == {"DejaVuSans", "DejaVuSans-Bold"}


def test_a_long_list_is_cut_with_how_many_more_over_several_pages():
    data = render_quality_summary(view(lines=MAX_LINES + 7))
    pages = page_texts(data)
    assert len(pages) >= 2 and f"Page {len(pages)} of {len(pages)}" in pages[-1]
    text = all_text(data)
    assert f"Tasks overdue ({MAX_LINES + 7})" in text and "… and 7 more (see the dashboard)." in text
    assert f"TK-{MAX_LINES - 1:04d}" in text and f"TK-{MAX_LINES:04d}" not in text


@pytest.mark.parametrize("store", ["sqlite"], indirect=True)
def test_the_printed_summary_holds_the_dashboard_and_is_audited(store, actor):
    desk = quality_desk(store, actor)
    with store.unit_of_work() as uow:
        data = qd.summary_pdf(uow, desk["supervisor"])
    text = all_text(data)
    assert "People and staff of Bridgeway" in text and "Plan reviews overdue (1)" in text
    assert "Ben Test" in text and "Olga" not in text  # another organization's person stays off the page
    assert "Credentials expired, not renewed (1)" in text
    with store.unit_of_work(write=False) as uow:
        [entry] = uow.session.scalars(select(AuditEntry).where(AuditEntry.entity == "quality_dashboard")).all()
        assert (entry.action, entry.actor_name) == ("printed", "Denise Okafor")
