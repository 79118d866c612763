"""The resource manual: per organization whether it is a mandated One-Stop partner, programs with services,
eligibility, funding and life domains, contacts with a phone or email; filtered by kind, service text and
domain; the PDF read back (sections, "Page X of Y") and the CSV parsed; each export audited."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.partnerships import LifeDomain as D
from caseteam.services import partnership_documents as docs
from caseteam.services.resource_manual import ManualFilter, manual_entries

from partnership_rows import build_partnership
from pdf_reading import all_text, page_texts


@pytest.fixture
def manual_store(sqlite_store):
    from builders import local_actor

    actor = local_actor(sqlite_store)
    build_partnership(sqlite_store, actor)
    return sqlite_store, actor


def entries(manual_store, **flt):
    store, actor = manual_store
    with store.unit_of_work() as uow:
        return manual_entries(uow, actor, ManualFilter(**flt))


def test_the_manual_lists_partners_not_employers_with_mandated_status_programs_and_contacts(manual_store):
    found = {e.name: e for e in entries(manual_store)}
    assert set(found) == {"State VR – Eastside", "Bridgeway Employment", "Benefits Works WIPA", "Prairie Legal Aid"}
    vr = found["State VR – Eastside"]
    assert vr.mandated and not found["Bridgeway Employment"].mandated
    program = vr.programs[0]
    assert (program.name, program.funding, program.domains) == ("Title IV Vocational Rehabilitation", "WIOA Title IV",
                                                                ("Employment", "Education and training"))
    assert [c.name for c in vr.contacts] == ["Karen Mitchell"]  # Luis has no phone or email to reach him by


def test_filters_by_kind_service_words_and_domain(manual_store):
    assert [e.name for e in entries(manual_store, kind=OrganizationKind.CRP)] == ["Bridgeway Employment"]
    assert [e.name for e in entries(manual_store, service="COACHING")] == ["Bridgeway Employment"]
    assert [e.name for e in entries(manual_store, domain=D.BENEFITS)] == ["Benefits Works WIPA"]
    assert [e.name for e in entries(manual_store, domain=D.EMPLOYMENT)] == ["Bridgeway Employment",
                                                                            "State VR – Eastside"]
    assert entries(manual_store, domain=D.HOUSING) == []


def test_the_pdf_has_a_section_per_partner_and_page_numbers(manual_store):
    store, actor = manual_store
    with store.unit_of_work() as uow:
        data = docs.manual_pdf(uow, actor)
    text = all_text(data)
    for words in ("Resource manual", "All partners · 4 organizations", "Partners in this manual",
                  "State VR – Eastside", "Mandated One-Stop partner", "Not a mandated One-Stop partner",
                  "Title IV Vocational Rehabilitation (mandated One-Stop partner program)", "Services",
                  "Job placement, training", "Eligibility", "Funding", "WIOA Title IV", "Life domains",
                  "Employment, Education and training", "Karen Mitchell", "karen@vr.example", "(563) 555-0111"):
        assert words in text, words
    pages = page_texts(data)
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    with store.unit_of_work() as uow:
        data = docs.manual_pdf(uow, actor, ManualFilter(domain=D.HOUSING))
    assert "No partner organization matches this filter." in all_text(data)
    assert "serving housing" in all_text(data)


def test_the_csv_has_a_row_per_program_and_each_export_is_audited(manual_store):
    store, actor = manual_store
    with store.unit_of_work() as uow:
        data = docs.manual_csv_bytes(uow, actor, ManualFilter(kind=OrganizationKind.VR_OFFICE))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    header = rows[1]
    line = dict(zip(header, rows[2]))
    assert (line["Organization"], line["Mandated One-Stop partner"], line["Program"], line["Life domains"]) == (
        "State VR – Eastside", "yes", "Title IV Vocational Rehabilitation", "Employment; Education and training")
    assert "Karen Mitchell (VR Counselor) (563) 555-0111 karen@vr.example" == line["Contacts"]
    assert len(rows) == 3
    with store.unit_of_work() as uow:
        logged = uow.session.scalars(select(AuditEntry).where(AuditEntry.entity == "resource_manual")).all()
        assert [e.action for e in logged] == ["exported"] and '"csv"' in logged[0].changes
