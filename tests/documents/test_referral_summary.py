"""The referral summary PDF read back with pypdf: every section with its words (the person's details only as
far as the referral shares them, the release and its dates, the contact, the status history), large type,
embedded DejaVu fonts, "Page X of Y"; producing it is a logged disclosure to the receiving organization, and
refused (nothing logged) when the release no longer covers it."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from caseteam.documents.dates import long_date
from caseteam.documents.referral_summary import SECTIONS
from caseteam.domain.audit import AuditEntry
from caseteam.domain.consent import Disclosure
from caseteam.domain.consent import InformationCategory as C
from caseteam.errors import ConsentRequired, PermissionDenied, ValidationError
from caseteam.services import consent, people, referral_documents, referrals

from pdf_reading import all_text, fonts, page_texts
from referral_desk import call, referral_desk, send


@pytest.fixture
def desk(store, actor):
    desk = referral_desk(store, actor)
    with store.unit_of_work() as uow:
        people.update_person(uow, actor, desk["ana"].id, version=None, phone="555-0199", preferred_language="Portuguese")
    return desk


def shared_with_riverside(store) -> list[Disclosure]:
    with store.unit_of_work(write=False) as uow:
        return list(uow.session.scalars(select(Disclosure).order_by(Disclosure.at)))


def test_the_summary_has_every_section_and_is_a_logged_disclosure(desk, store):
    sent, _ = send(desk, program_id=desk["program"].id)
    accepted, _ = call(desk, "priya_actor", referrals.accept_referral, sent.id, version=sent.version,
                       add_to_team=False, note="Intake on Monday")
    data, changes = call(desk, "lupe_actor", referral_documents.referral_summary_pdf, sent.id, channel="print")
    assert changes.consent
    text = all_text(data)
    for section in SECTIONS:
        assert section in text, section
    release = desk["release"]
    for words in ("Referral to Riverside Mental Health", sent.ref, "Ana Lima", "555-0199", "Portuguese",
                  "Ana asked for help with anxiety at interviews.", "Counseling and IPS",
                  "Program: Supported employment team", "Identity and contact details",
                  "Person-centered plan, team and tasks", f"release of information {release.ref}",
                  f"signed {long_date(release.signed_on)}", f"until {long_date(release.expires_on)}",
                  "Lupe Hernández, Bridgeway", "Priya Shah, 555-0142, priya@riverside.example", "Sent", "Accepted",
                  "Priya Shah", "Intake on Monday", "Do not share it further"):
        assert words in text, words
    assert "Discovery and vocational profile" not in text  # covered by the release, but not shared here
    pages = page_texts(data)
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, start=1))
    assert {f["base"].split("+")[-1] for f in fonts(data)} <= {"DejaVuSans", "DejaVuSans-Bold"}
    assert _largest_body_size(data) >= 14  # large readable type
    logged = shared_with_riverside(store)
    assert [(d.channel, d.description) for d in logged] == [
        ("referral", f"Referral {sent.ref}: Counseling and IPS"),
        ("print", f"Referral summary {sent.ref} (printed)")]
    assert logged[-1].release_id == release.id and logged[-1].categories == "contact,plan"
    with store.unit_of_work(write=False) as uow:
        printed = uow.session.scalars(select(AuditEntry).where(AuditEntry.entity == "referrals",
                                                               AuditEntry.action == "printed")).all()
    assert len(printed) == 1 and accepted.ref in printed[0].changes


def test_without_contact_details_only_the_reference_identifies_the_person(desk):
    sent, _ = send(desk, shared_categories=[C.PLAN])
    data, _ = call(desk, "lupe_actor", referral_documents.referral_summary_pdf, sent.id)
    text = all_text(data)
    assert "Ana Lima" in text and desk["ana"].ref in text and "555-0199" not in text and "Portuguese" not in text


def test_refused_when_the_release_was_revoked_and_for_a_bad_channel(desk, store):
    sent, _ = send(desk)
    with store.unit_of_work() as uow:
        consent.revoke_release(uow, desk["actor"], desk["release"].id, revoked_on=uow.today(), method="In writing")
    before = len(shared_with_riverside(store))
    with pytest.raises(ConsentRequired, match="revoked"):
        call(desk, "lupe_actor", referral_documents.referral_summary_pdf, sent.id)
    with pytest.raises(ValidationError) as err:
        call(desk, "lupe_actor", referral_documents.referral_summary_pdf, sent.id, channel="fax")
    assert err.value.field == "channel"
    # The receiving partner may read the referral in the inbox but not print the person's documents.
    with pytest.raises(PermissionDenied):
        call(desk, "priya_actor", referral_documents.referral_summary_pdf, sent.id)
    assert len(shared_with_riverside(store)) == before


def _largest_body_size(data: bytes) -> float:
    """The most common font size on the first page, from the text operators pypdf reports."""
    import io
    from collections import Counter

    sizes: Counter = Counter()

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            sizes[round(font_size * tm[0], 1)] += len(text)
    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return sizes.most_common(1)[0][0]
