"""The person-centered plan and the vocational profile, read back from the PDF as the person signing
them would read them."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from pdf_reading import all_text, fonts, median_font_size, page_texts

from caseteam.documents import styles
from caseteam.documents.plan_document import render_plan
from caseteam.documents.plan_views import (GoalView, PersonDocumentView, PlanView, ProfileView, SectionView,
                                           SignerView, StepView)
from caseteam.documents.profile_document import render_profile

VISION = "I want to work with plants, in the morning, near the bus line."
IMPORTANT_TO = "Seeing my sister on Sundays."


def about(**changes) -> PersonDocumentView:
    view = PersonDocumentView(reference="PE-0007", version=3, person_name="Ánh Nguyễn", legal_name="Nguyễn Thị Ánh",
                              generated_on=date(2026, 11, 3), saved_on=date(2026, 11, 2),
                              signer=SignerView("Ánh Nguyễn"), job_developer="José Muñoz García",
                              issued_by="Bridgeway Employment Services")
    return dataclasses.replace(view, **changes)


def plan(**changes) -> PlanView:
    steps = tuple(StepView(f"Visit garden centre number {n}", "José Muñoz García", date(2026, 12, n), n == 1)
                  for n in range(1, 4))
    view = PlanView(
        about=about(),
        sections=(SectionView("My vision", VISION, own_words=True),
                  SectionView("What is important to me", IMPORTANT_TO, own_words=True),
                  SectionView("What is important for me", "Taking medication at noon."),
                  SectionView("My gifts and strengths", "Patient, careful with living things."),
                  SectionView("Employers and kinds of work to approach", "")),
        supports=(SectionView("Natural supports", "My sister Linh drives me on Mondays."),
                  SectionView("Paid supports", "Job coach for the first month."),
                  SectionView("Technology", "Phone reminders."), SectionView("Community supports", "")),
        goals=(GoalView("Work at a garden centre 20 hours a week", "A job offer in writing", date(2027, 3, 1),
                        "In progress", steps),
               GoalView("Get a bus pass", status="Not started")),
        review_due=date(2027, 5, 1))
    return dataclasses.replace(view, **changes)


def profile(**changes) -> ProfileView:
    view = ProfileView(about=about(version=2), sections=(
        SectionView("Strengths and gifts", "Notices small changes in plants."),
        SectionView("Interests", "I love repotting.", own_words=True),
        SectionView("Ideal conditions of employment", "Quiet, mornings, outdoors."),
        SectionView("Support needs", "Written task list."),
        SectionView("Possible contributions to employers", "")),
        themes=("Plants and growing", "Order and sorting"))
    return dataclasses.replace(view, **changes)


def test_the_plan_prints_every_section_with_the_persons_words_in_quotes():
    text = all_text(render_plan(plan()))
    for expected in ["My plan for employment", "Person-centered plan for Ánh Nguyễn", "Reference PE-0007",
                     "Ánh Nguyễn", "Legal name Nguyễn Thị Ánh", "Job developer José Muñoz García",
                     "Plan review due May 1, 2027",
                     f"“{VISION}”", f"“{IMPORTANT_TO}”", "Taking medication at noon.",
                     "Patient, careful with living things.", "Employers and kinds of work to approach",
                     "Not written yet.", "Natural supports", "My sister Linh drives me on Mondays.",
                     "Job coach for the first month.", "Phone reminders.", "Community supports",
                     "Goal 1: Work at a garden centre 20 hours a week",
                     "How we will know it is done: A job offer in writing", "Target date: March 1, 2027",
                     "Where it stands: In progress", "Visit garden centre number 3", "December 3, 2026",
                     "☒ Yes", "☐ Not yet", "Goal 2: Get a bus pass", "No action steps yet.",
                     "Signature of Ánh Nguyễn", "Signature of José Muñoz García, job developer", "Date"]:
        assert expected in text, expected
    # Only the person's own words are quoted, not what others wrote about them.
    assert "“Taking medication" not in text


def test_words_typed_in_quotation_marks_are_not_quoted_twice():
    view = plan(sections=(SectionView("My vision", '"I want a job near home."', own_words=True),))
    text = all_text(render_plan(view))
    assert "“I want a job near home.”" in text and '"' not in text


def test_large_print_lists_each_step_with_who_and_when():
    text = all_text(render_plan(plan(), large_print=True))
    assert "☒ Visit garden centre number 1 Who does it: José Muñoz García · By December 1, 2026 · Done" in text
    assert "Who does it: José Muñoz García · By December 3, 2026 · Not done yet" in text


def test_the_profile_prints_every_section_and_the_themes():
    text = all_text(render_profile(profile()))
    for expected in ["My vocational profile", "Vocational profile for Ánh Nguyễn", "Notices small changes in plants.",
                     "“I love repotting.”", "Vocational themes", "1. Plants and growing", "2. Order and sorting",
                     "Quiet, mornings, outdoors.", "Written task list.", "Possible contributions to employers",
                     "Not written yet.", "Signature of Ánh Nguyễn", "Signature of José Muñoz García, job developer"]:
        assert expected in text, expected


@pytest.mark.parametrize("render, view, kind", [(render_plan, plan(), "Person-centered plan"),
                                                (render_profile, profile(), "Vocational profile")])
@pytest.mark.parametrize("large", [False, True])
def test_every_page_carries_reference_version_and_page_x_of_y(render, view, kind, large):
    pages = page_texts(render(view, large_print=large))
    assert len(pages) >= (2 if large else 1)
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert f"{kind} PE-0007 · version {view.about.version}" in page
        assert "DEMO" not in page


def test_large_print_uses_the_large_print_size():
    assert styles.LARGE_PRINT_SIZE >= 14
    regular, large = render_plan(plan()), render_plan(plan(), large_print=True)
    assert median_font_size(regular) == pytest.approx(styles.STANDARD_SIZE, abs=0.6)
    assert median_font_size(large) >= styles.LARGE_PRINT_SIZE - 0.01
    assert len(page_texts(large)) > len(page_texts(regular))


def test_a_representative_signs_with_their_authority_and_demo_is_marked():
    signer = SignerView("José Muñoz García", is_representative=True, authority="Guardian")
    pages = page_texts(render_plan(plan(about=about(signer=signer, demo=True))))
    text = " ".join(pages)
    assert "sign for Ánh Nguyễn as their guardian" in text
    assert "Signature of José Muñoz García (Guardian) for Ánh Nguyễn" in text
    assert all("DEMO — invented data" in page for page in pages)


def test_the_signatures_stay_together_on_the_last_page():
    for large in (False, True):
        last = page_texts(render_plan(plan(), large_print=large))[-1]
        assert "Signature of Ánh Nguyễn" in last and "job developer" in last


def test_only_dejavu_is_used_and_it_is_embedded():
    for data in (render_plan(plan()), render_profile(profile(), large_print=True)):
        found = fonts(data)
        assert found
        for font in found:
            assert font["base"].split("+")[-1] in ("DejaVuSans", "DejaVuSans-Bold"), font["base"]
            assert font["descriptor"] is not None and "/FontFile2" in font["descriptor"], font["base"]
