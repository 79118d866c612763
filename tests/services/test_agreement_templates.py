"""Clause templates and letterheads on both engines: defaults until an organization saves its own set, the
saved wording used (placeholders filled) in new drafts, reset, letterhead with a real PNG logo in the
printed agreement, refusals naming the field, partner staff may not change them."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from pypdf import PdfReader
from reportlab import rl_config
from sqlalchemy import select
from test_agreements import desk, individual, mou, run  # noqa: F401  (desk is a fixture)

from caseteam.domain.agreements import AgreementKind, ClauseTemplate
from caseteam.domain.audit import AuditEntry
from caseteam.errors import Conflict, PermissionDenied, ValidationError
from caseteam.services import agreement_clauses, agreements
from caseteam.services import agreement_templates as templates

rl_config.invariant = 1


def png(width: int = 4, height: int = 3) -> bytes:
    """A real, tiny RGB PNG: signature, IHDR, one IDAT, IEND."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x20\x40\xa0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def test_an_organization_without_its_own_wording_gets_the_defaults(desk):
    rows, own = run(desk, templates.clause_templates, desk["crp"].id, AgreementKind.MOU, who="partner")
    assert own is False
    assert [(r.section_key, r.title) for r in rows] == [(k, t) for k, t, _ in agreement_clauses.MOU]
    assert all(r.id is None and r.version is None for r in rows)


def test_saved_wording_replaces_the_set_and_fills_placeholders_in_a_new_draft(desk):
    crp = desk["crp"].id
    first, changes = run(desk, templates.save_clause_templates, crp, AgreementKind.INDIVIDUAL, [
        ("goal", "What I want to do", "{person_name} wants to work as: {employment_goal}"),
        ("term", "Term", "From {effective_from} to {effective_to}, prepared by {prepared_by}."),
    ])
    assert changes.agreements and [r.position for r in first] == [1, 2]
    rows, changes = run(desk, templates.save_clause_templates, crp, AgreementKind.INDIVIDUAL, [
        ("goal", "My goal", "{person_name} wants to work as: {employment_goal}"),
        ("review", "Review", "We review by {review_on}; {unknown_thing} stays as written."),
    ])
    listed, own = run(desk, templates.clause_templates, crp, AgreementKind.INDIVIDUAL)
    assert own and [r.title for r in listed] == ["My goal", "Review"] == [r.title for r in rows]
    with desk["store"].unit_of_work(write=False) as uow:
        archived = uow.session.scalars(select(ClauseTemplate).where(ClauseTemplate.archived_at.is_not(None))).all()
        assert sorted(t.title for t in archived) == ["Term", "What I want to do"]
        entry = uow.session.scalars(select(AuditEntry).where(AuditEntry.action == "clause templates saved")
                                    .order_by(AuditEntry.seq.desc())).first()
        assert entry.entity_id == str(crp) and "review" in str(entry.changes)
    draft = individual(desk)
    by_key = {s.section_key: s for s in draft.sections}
    assert by_key["goal"].title == "My goal"
    assert by_key["goal"].body.startswith("José Muñoz wants to work as: ")
    assert "{employment_goal}" not in by_key["goal"].body
    assert "December 31, 2026" in by_key["review"].body and "{unknown_thing}" in by_key["review"].body
    assert templates.unknown_placeholders(by_key["review"].body) == ["unknown_thing"]
    # Another kind keeps its defaults.
    assert mou(desk).sections[0].title == "Purpose"


def test_reset_goes_back_to_the_built_in_wording(desk):
    crp = desk["crp"].id
    run(desk, templates.save_clause_templates, crp, AgreementKind.MOU, [("purpose", "Why", "Because {parties}.")])
    assert mou(desk).sections[0].title == "Why"
    rows, changes = run(desk, templates.reset_clause_templates, crp, AgreementKind.MOU)
    assert changes.agreements and rows[0].title == "Purpose" and rows[0].id is None
    assert run(desk, templates.clause_templates, crp, AgreementKind.MOU)[1] is False
    assert mou(desk).sections[0].title == "Purpose"


def test_a_section_needs_a_title_and_partner_staff_may_not_save(desk):
    with pytest.raises(ValidationError, match="title of section 2") as caught:
        run(desk, templates.save_clause_templates, desk["crp"].id, AgreementKind.MOU,
            [("purpose", "Purpose", "x"), ("vision", "  ", "y")])
    assert caught.value.field == "sections"
    for fn, args in ((templates.save_clause_templates, (AgreementKind.MOU, [("purpose", "Purpose", "x")])),
                     (templates.reset_clause_templates, (AgreementKind.MOU,))):
        with pytest.raises(PermissionDenied, match="partner directory"):
            run(desk, fn, desk["crp"].id, *args, who="partner")
    with pytest.raises(PermissionDenied):
        run(desk, templates.save_letterhead, desk["crp"].id, name="Bridgeway", address="", phone="", who="partner")
    assert run(desk, templates.clause_templates, desk["crp"].id, AgreementKind.MOU)[1] is False


def test_the_letterhead_comes_from_the_directory_until_saved(desk):
    head = run(desk, templates.letterhead, desk["crp"].id, who="partner")
    assert (head.name, head.has_logo, head.version) == ("Bridgeway", False, None)
    assert run(desk, templates.logo_bytes, desk["crp"].id) is None


def test_a_saved_letterhead_with_a_png_logo_heads_the_printed_agreement(desk):
    logo = png()
    head, changes = run(desk, templates.save_letterhead, desk["crp"].id, name="Bridgeway Employment Services",
                        address="12 Mill Street, Dayton OH 45402", phone="(937) 555-0140", logo=logo,
                        logo_filename="bridgeway.png")
    assert changes.agreements and head.has_logo and head.logo_filename == "bridgeway.png" and head.version == 1
    assert run(desk, templates.logo_bytes, desk["crp"].id) == logo
    row = mou(desk)
    view = run(desk, agreements.build_view, row.id)
    assert (view.letterhead.name, view.letterhead.phone, view.letterhead.logo) == (
        "Bridgeway Employment Services", "(937) 555-0140", logo)
    page = PdfReader(io.BytesIO(run(desk, agreements.agreement_pdf, row.id))).pages[0]
    assert "Bridgeway Employment Services" in page.extract_text() and len(page.images) == 1
    # Saving again without a logo keeps it; remove_logo drops it; a stale version is refused.
    head, _ = run(desk, templates.save_letterhead, desk["crp"].id, name="Bridgeway", address="", phone="",
                  version=head.version)
    assert head.has_logo and head.name == "Bridgeway"
    head, _ = run(desk, templates.save_letterhead, desk["crp"].id, name="Bridgeway", address="", phone="",
                  remove_logo=True, version=head.version)
    assert not head.has_logo and run(desk, templates.logo_bytes, desk["crp"].id) is None
    with pytest.raises(Conflict, match="Someone else changed"):
        run(desk, templates.save_letterhead, desk["crp"].id, name="Old", address="", phone="", version=1)


@pytest.mark.parametrize("data, words", [
    (b"GIF89a" + b"\x00" * 20, "not a PNG or JPEG"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * (2 * 1024 * 1024), "at most 2 MB"),
    (b"", "is empty"),
])
def test_a_bad_logo_is_refused_naming_the_field(desk, data, words):
    with pytest.raises(ValidationError, match=words) as caught:
        run(desk, templates.save_letterhead, desk["crp"].id, name="Bridgeway", address="", phone="", logo=data,
            logo_filename="logo.gif")
    assert caught.value.field == "logo"
    assert run(desk, templates.letterhead, desk["crp"].id).version is None


def test_the_letterhead_needs_a_name_and_a_short_phone(desk):
    with pytest.raises(ValidationError) as caught:
        run(desk, templates.save_letterhead, desk["crp"].id, name=" ", address="", phone="")
    assert caught.value.field == "name"
    with pytest.raises(ValidationError, match="at most 60") as caught:
        run(desk, templates.save_letterhead, desk["crp"].id, name="Bridgeway", address="", phone="5" * 61)
    assert caught.value.field == "phone"


def test_every_listed_placeholder_is_filled_in_a_new_draft(desk):
    every = " ".join("{%s}" % name for name, _ in templates.PLACEHOLDERS)
    for kind in (AgreementKind.INDIVIDUAL, AgreementKind.PURCHASE_OF_SERVICE):
        run(desk, templates.save_clause_templates, desk["crp"].id, kind, [("all", "Every placeholder", every)])
    person = individual(desk)
    posa = mou(desk, kind=AgreementKind.PURCHASE_OF_SERVICE, contract_number="VR-26-114", funder_id=desk["vr"].id)
    for row in (person, posa):
        body = next(s.body for s in row.sections if s.section_key == "all")
        assert "{" not in body and "Bridgeway" in body and "January 1, 2026" in body
    assert "José Muñoz" in person.sections[0].body and "No employment goal is written" in person.sections[0].body
    assert "VR-26-114" in next(s.body for s in posa.sections if s.section_key == "all")


def test_every_placeholder_a_draft_fills_is_listed():
    names = [name for name, _ in templates.PLACEHOLDERS]
    assert {"person_name", "effective_from", "effective_to", "parties", "prepared_by", "employment_goal",
            "review_on", "contract_number"} <= set(names)
    assert templates.unknown_placeholders("{person_name} {nope} {nope} {effective_to}") == ["nope"]
