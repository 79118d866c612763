"""The agreement PDF read back as a signer and a printer would: every party, signatory and amount,
numbered pages, embedded fonts, metadata, the watermark only on drafts, and signatures kept with their
heading."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from agreement_samples import posa
from pdf_reading import all_text, fonts, median_font_size, page_texts, reader

from caseteam.documents.agreement_document import render_agreement
from caseteam.documents.agreement_views import PartyView, SignatoryView
from caseteam.paths import assets_dir

NAMES = ("Nguyễn Thị Ánh", "José Muñoz", "Zoë Ødegård")


def _mou():
    view = posa(0, kind="Memorandum of understanding", title="One-Stop and VR cooperation")
    guardian = SignatoryView("Ruth Okafor", "Guardian", "Okafor family", representative_authority="Guardian")
    return replace(view, parties=(*view.parties, PartyView("Westside Workforce Board", "Required partner",
                                                           "Shares the resource room", (guardian,))))


@pytest.mark.parametrize("view", [posa(6), _mou(), posa(3, kind="Individual agreement", draft=False)],
                         ids=["posa", "mou", "individual"])
def test_every_party_signatory_service_and_page_number_prints(view):
    data = render_agreement(view)
    text = all_text(data)
    for party in view.parties:
        assert party.name in text and party.role in text
        for signer in party.signatories:
            assert signer.name in text and signer.title in text
    for line in view.service_lines:
        assert line.service in text and f"${line.amount:,.2f}" in text
    pages = page_texts(data)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Agreement AG-0003 · version 1" in page
    assert view.title in pages[0] and "Bridgeway Services" in pages[0] and "VR-2026-117" in pages[0]
    assert "January 1, 2027 to December 31, 2027" in pages[0]


def test_fonts_are_embedded_and_metadata_is_set():
    data = render_agreement(posa(6))
    found = fonts(data)
    assert found and all(f["descriptor"] is not None and
                         any(k in f["descriptor"] for k in ("/FontFile2", "/FontFile", "/FontFile3"))
                         for f in found)
    assert all("DejaVu" in f["base"] for f in found) and b"Helvetica" not in data
    licence = assets_dir() / "fonts" / "LICENSE-DejaVu.txt"   # the bundle ships assets/ whole
    assert "DejaVu" in licence.read_text(encoding="utf-8")
    meta = reader(data).metadata
    assert meta.title == "Customized Employment services (AG-0003 version 1)"
    assert meta.author == "Bridgeway Services"
    assert meta.subject == "Purchase-of-service agreement"
    assert meta.get("/CreationDate")


def test_long_posa_repeats_header_and_keeps_signatures_with_their_heading():
    view = posa(60)
    pages = page_texts(render_agreement(view))
    assert len(pages) >= 3
    with_lines = [page for page in pages if "CE-0" in page]
    assert len(with_lines) >= 2
    assert all("Code Service Unit Rate Units Amount Provided by Paid by" in page for page in with_lines)
    assert "CE-060" in all_text(render_agreement(view)) and "$27,990.00" in pages[-1] + pages[-2]
    last_signer = "Signature of Zoë Ødegård"
    holding = [page for page in pages if last_signer in page]
    assert len(holding) == 1 and "Signatures" in holding[0] and "By signing below" in holding[0]


def test_names_with_diacritics_round_trip():
    text = all_text(render_agreement(posa(2)))
    for name in NAMES:
        assert name in text
    assert "Signed on November 20, 2026" in text


def test_draft_has_watermark_and_final_does_not():
    draft = page_texts(render_agreement(posa(60)))
    assert all("DRAFT" in page for page in draft)
    final = all_text(render_agreement(posa(60, draft=False)))
    assert "DRAFT" not in final


def test_page_sizes_letter_and_a4():
    letter = reader(render_agreement(posa(2))).pages[0].mediabox
    a4 = reader(render_agreement(posa(2, page_size="a4"))).pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_large_print_and_body_size():
    assert median_font_size(render_agreement(posa(2, draft=False))) >= 10
    assert median_font_size(render_agreement(posa(2, draft=False, large_print=True))) >= 14


def test_replaces_logo_and_demo_marking(tmp_path):
    from PIL import Image
    path = tmp_path / "logo.png"
    Image.new("RGB", (120, 60), "navy").save(path)
    view = posa(2, version=2, replaces="version 1, amended on November 2, 2026 because rates changed.",
                demo=True, generated_on=date(2026, 12, 1))
    view = replace(view, letterhead=replace(view.letterhead, logo=path.read_bytes()))
    data = render_agreement(view)
    text = page_texts(data)[0]
    assert "This version replaces version 1, amended on November 2, 2026" in text
    assert "DEMO — invented data" in text and "Do not sign" in text
    assert any("/XObject" in (page.get("/Resources") or {}) for page in reader(data).pages)


def test_large_print_services_keep_every_figure_in_two_columns():
    text = all_text(render_agreement(posa(3, draft=False, large_print=True)))
    assert "Service Amount" in text and "Provided by" not in text
    assert "2 × Milestone at $126.00 · provided by Bridgeway Services · paid by State VR Agency" in text
    assert "Total $1,145.00" in text


def test_codes_and_sums_of_money_are_never_broken_over_two_lines():
    view = posa(2)
    wide = replace(view.service_lines[0], code="CE-DISC", rate=Decimal("3400.00"), units=Decimal(1),
                   amount=Decimal("3400.00"), provided_by="Bridgeway Employment Services",
                   paid_by="State VR – Eastside District Office")
    text = all_text(render_agreement(replace(view, service_lines=(wide, *view.service_lines[1:]))))
    assert "CE-DISC" in text and "$3,400.00" in text


def test_the_person_signs_for_themself_and_a_guardian_for_the_person():
    person = PartyView("Thị Ánh Nguyễn", "Job seeker", "", (SignatoryView("Thị Ánh Nguyễn", "", "Thị Ánh Nguyễn",
                                                                          is_person=True),))
    guarded = PartyView("Abdi Warsame", "Job seeker", "", (SignatoryView(
        "Hodan Warsame", "", "Abdi Warsame", representative_authority="Guardian", is_person=True),))
    view = replace(posa(1, kind="Individual service agreement"), parties=(person, guarded))
    text = all_text(render_agreement(view))
    assert "Thị Ánh Nguyễn," not in text  # no title: no dangling comma
    assert "Signs for Abdi Warsame as guardian" in text
    assert "authorized to sign for it" in text
