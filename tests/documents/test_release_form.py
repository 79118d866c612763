"""The release of information form, read back from the PDF as the person signing it would read it."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from pdf_reading import all_text, fonts, median_font_size, page_texts, reader

from caseteam.documents.release_form import IncompleteRelease, render_release
from caseteam.documents.views import ReleasePartyView, ReleaseView

PLAN = "Person-centered plan, team and tasks"
EMPLOYMENT = "Job development and employment"
SUBSTANCE = "Substance use disorder treatment records (42 CFR Part 2)"
EDUCATION = "School education records (FERPA)"


def make_view(**changes) -> ReleaseView:
    view = ReleaseView(
        reference="RL-0003", version=2, person_name="Nguyễn Thị Ánh", date_of_birth=date(1994, 3, 7),
        parties=(ReleasePartyView("Bridgeway Employment Services", "Community rehabilitation provider"),
                 ReleasePartyView("Riverside Mental Health Center", "Mental-health center"),
                 ReleasePartyView("José Muñoz García", "")),
        categories=(PLAN, EMPLOYMENT), purpose="To coordinate Ánh's job search and support at work.",
        effective_from=date(2026, 11, 2), expires_on=date(2027, 11, 1), generated_on=date(2026, 11, 3),
        signer_name="Nguyễn Thị Ánh", issued_by="Bridgeway Employment Services")
    return dataclasses.replace(view, **changes)


def test_the_form_states_every_element_of_the_release():
    text = all_text(render_release(make_view()))
    for expected in ["Authorization to share information", "RL-0003", "version 2",
                     "Nguyễn Thị Ánh", "March 7, 1994",
                     "Bridgeway Employment Services", "Community rehabilitation provider",
                     "Riverside Mental Health Center", "José Muñoz García", "May share and receive",
                     "two-way exchange", PLAN, EMPLOYMENT, "This is not a release of all records",
                     "To coordinate Ánh's job search and support at work.",
                     "November 2, 2026", "November 1, 2027",
                     "You do not have to sign", "do not depend on whether you sign",
                     "revoke this permission at any time, in writing",
                     "to Bridgeway Employment Services saying that you revoke it",
                     "does not undo information that was already shared",
                     "may share it again",
                     "Signature of Nguyễn Thị Ánh", "Signature of witness or staff member", "Date",
                     "Printed name and organization of witness or staff member"]:
        assert expected in text, expected


def test_one_way_release_says_who_shares_and_who_receives():
    view = make_view(two_way=False, parties=(
        ReleasePartyView("Riverside Mental Health Center", "Mental-health center", may_receive=False),
        ReleasePartyView("José Muñoz García", "", may_disclose=False)))
    text = all_text(render_release(view))
    assert "Riverside Mental Health Center Mental-health center May share " in text
    assert "José Muñoz García May receive" in text
    assert "two-way exchange" not in text and "other direction" in text


def test_expiry_event_and_date_both_print():
    text = all_text(render_release(make_view(expiry_event="the end of services with Bridgeway")))
    assert ("It ends on November 1, 2027 or at this event, whichever comes first: the end of services with "
            "Bridgeway.") in text
    text = all_text(render_release(make_view(expires_on=None, expiry_event="When I graduate from high school")))
    assert "It ends at this event: When I graduate from high school." in text and "2027" not in text
    text = all_text(render_release(make_view()))
    assert "starts on November 2, 2026 and ends on November 1, 2027." in text and "event" not in text


def test_a_representative_signs_with_their_authority():
    text = all_text(render_release(make_view(signer_name="José Muñoz García", signer_is_representative=True,
                                             signer_authority="Guardian")))
    assert "I, José Muñoz García, sign for Nguyễn Thị Ánh as their guardian" in text
    assert "proof of this authority" in text
    assert "Signature of José Muñoz García (Guardian) for Nguyễn Thị Ánh" in text


def test_every_page_says_page_x_of_n_and_the_reference():
    view = make_view(categories=tuple(f"Category {n} of information" for n in range(40)))
    pages = page_texts(render_release(view))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Release of information RL-0003 · version 2" in text


@pytest.mark.parametrize("demo", [True, False])
def test_demo_mark_on_every_page_only_for_demo_stores(demo):
    view = make_view(demo=demo, categories=tuple(f"Category {n}" for n in range(40)))
    pages = page_texts(render_release(view))
    assert len(pages) >= 2
    assert [("DEMO — invented data" in text) for text in pages] == [demo] * len(pages)
    assert all(("DEMO" in text) == demo for text in pages)


def test_part_2_notice_only_when_substance_use_records_are_shared():
    with_part2 = all_text(render_release(make_view(categories=(PLAN, SUBSTANCE), includes_substance_use=True)))
    assert "Federal notice: substance use treatment records (42 CFR Part 2)" in with_part2
    assert "do not allow you to share them again" in with_part2
    assert "A general permission to release medical or other information is not enough" in with_part2
    without = all_text(render_release(make_view()))
    assert "42 CFR Part 2" not in without and "Federal notice" not in without


def test_ferpa_consent_line_only_with_education_records():
    data = render_release(make_view(categories=(PLAN, EDUCATION), includes_education=True,
                                    education_consent_by="eligible_student"))
    text = all_text(data)
    assert "School education records (FERPA)" in text
    assert "Consent for school education records is given by:" in text
    assert "☐ the student's parent" in text and "☒ the eligible student" in text
    assert "Signature of parent or eligible student" in text
    without = all_text(render_release(make_view()))
    assert "FERPA" not in without and "eligible student" not in without


def test_revoked_release_says_so_first():
    pages = page_texts(render_release(make_view(revoked_on=date(2026, 12, 1),
                                                revocation_method="letter received by mail")))
    assert "This release has been revoked" in pages[0]
    assert "revoked on December 1, 2026 (letter received by mail)" in pages[0]
    assert "has been revoked" not in all_text(render_release(make_view()))


def test_names_are_printed_as_written_not_read_as_markup():
    text = all_text(render_release(make_view(parties=(ReleasePartyView("Smith & Sons <Staffing>", "Employer"),))))
    assert "Smith & Sons <Staffing>" in text


@pytest.mark.parametrize("large_print", [False, True])
def test_every_font_is_embedded_dejavu_never_helvetica(large_print):
    data = render_release(make_view(categories=(PLAN, SUBSTANCE, EDUCATION), includes_substance_use=True,
                                    includes_education=True), large_print=large_print)
    found = fonts(data)
    assert found
    for font in found:
        assert "Helvetica" not in font["base"]
        assert font["base"].split("+")[-1] in ("DejaVuSans", "DejaVuSans-Bold"), font["base"]
        assert font["descriptor"] is not None and "/FontFile2" in font["descriptor"], font["base"]


def test_large_print_is_bigger_and_longer():
    view = make_view(categories=(PLAN, EMPLOYMENT, SUBSTANCE), includes_substance_use=True)
    standard, large = render_release(view), render_release(view, large_print=True)
    assert len(reader(large).pages) > len(reader(standard).pages)
    assert median_font_size(standard) < 12 <= 16 <= median_font_size(large)
    assert "Page 1 of" in page_texts(large)[0]
    assert all_text(large).count("Nguyễn Thị Ánh") == all_text(standard).count("Nguyễn Thị Ánh")


@pytest.mark.parametrize("field, changes", [
    ("categories", {"categories": ()}),
    ("parties", {"parties": ()}),
    ("parties", {"two_way": False, "parties": (ReleasePartyView("Riverside", may_receive=False),)}),
    ("purpose", {"purpose": "  "}),
    ("expires_on", {"expires_on": None, "expiry_event": ""}),
])
def test_blank_or_open_ended_release_is_refused(field, changes):
    with pytest.raises(ValueError) as info:
        render_release(make_view(**changes))
    assert isinstance(info.value, IncompleteRelease) and info.value.field == field
    assert str(info.value).startswith(f"{field}: ")


def test_file_properties_name_the_document_not_the_person():
    pdf = reader(render_release(make_view()))
    assert pdf.metadata.title == "Authorization to share information RL-0003"
    assert "Nguyễn" not in str(dict(pdf.metadata))     # file lists and print queues show these
    assert pdf.trailer["/Root"]["/Lang"] == "en-US"     # screen readers pick the voice from it
