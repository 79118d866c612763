"""The demo's service agreements, as a program manager opening a small demo store would find them: every kind
and status, the source report's three agreements with the right parties, the WIOA one-stop MOU, a signed
copy, an amendment, people's own agreements covered by their releases, and an intact audit chain."""

from __future__ import annotations

import hashlib
import io
import shutil
import uuid
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from caseteam.demo import load_demo
from caseteam.domain.agreements import AgreementKind as K
from caseteam.domain.agreements import AgreementStatus as S
from caseteam.domain.attachments import Attachment
from caseteam.domain.consent import InformationCategory
from caseteam.domain.funding import FunderKind
from caseteam.domain.users import Role
from caseteam.services import agreement_templates, agreements, consent, funders, organizations, records
from caseteam.services.actors import Actor
from caseteam.storage.store import open_store

TODAY = date(2026, 11, 1)
READER = Actor(uuid.UUID(int=1), "test-reader", "Test reader", Role.AUDITOR)


@pytest.fixture(scope="module")
def demo_file(sqlite_template, tmp_path_factory):
    """Eight people, built once for this module (the agreements do not depend on the caseload's size)."""
    path = tmp_path_factory.mktemp("demo-agreements") / "caseteam.sqlite"
    shutil.copyfile(sqlite_template, path)
    store = open_store(path)
    try:
        load_demo(store, people=8, seed=3, today=TODAY)
    finally:
        store.close()
    return path


@pytest.fixture
def demo(demo_file):
    store = open_store(demo_file)
    try:
        with store.unit_of_work(write=False) as uow:
            yield uow
    finally:
        store.close()


def _all(uow):
    return agreements.list_agreements(uow, READER)


def _org(uow, name):
    return organizations.resolve_organization(uow, name).id


def _between(rows, *names, kind=K.MOU):
    """The agreements of `kind` whose parties are exactly these organizations (by part of their name)."""
    return [r for r in rows if r.kind is kind and len(r.parties) == len(names)
            and all(any(n in p.name for p in r.parties) for n in names)]


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_every_kind_and_every_status_is_there(demo):
    rows = _all(demo)
    assert {r.kind for r in rows} == set(K)
    assert {r.status for r in rows} == set(S)
    assert all(r.document_sha256 for r in rows if r.status is not S.DRAFT)
    assert len({r.ref for r in rows}) == len(rows)


def test_the_source_reports_two_mous_have_the_right_parties(demo):
    rows = _all(demo)
    board = _between(rows, "Workforce Development Board", "Riverbend Behavioral Health")
    assert len(board) == 1 and board[0].status is S.SIGNED
    assert [s.name for p in board[0].parties for s in p.signatories] == [
        "Lorraine Whitaker", "Phil Dunn", "Dr. Anita Raman"]
    assert all(s.signed_on for p in board[0].parties for s in p.signatories)
    ajc = _between(rows, "American Job Center", "State VR")
    assert [(r.revision, r.status) for r in ajc] == [(1, S.SUPERSEDED), (2, S.FINAL)]
    assert {p.organization_id for p in ajc[0].parties} == {_org(demo, "Eastport American Job Center"),
                                                           _org(demo, "State VR")}


def test_the_purchase_of_service_agreement_with_vr_lists_its_customized_employment_fee_schedule(demo):
    vr = next(f for f in funders.list_funders(demo, READER) if f.kind is FunderKind.VR)
    posas = _between(_all(demo), "State VR", "Bridgeway", kind=K.PURCHASE_OF_SERVICE)
    assert [r.status for r in posas] == [S.EXPIRED, S.SIGNED]  # last fiscal year's, then this year's
    current = posas[1]
    assert current.funder_id == vr.id and current.contract_number == "VR-CE-2027-014"
    assert "Customized Employment" in current.title
    assert [p.role for p in current.parties] == ["Funder", "Provider"]
    assert {l.code for l in current.service_lines} == {s.code for s in vr.services}
    for line in current.service_lines:
        assert line.rate == funders.rate_on(demo, line.funder_service_id, current.effective_from), line.code
    assert next(l for l in current.service_lines if l.code == "CE-DISC").rate == 3400
    assert not any(p.person_id for p in current.parties), "no personal information in a POSA"
    assert posas[0].effective_to < TODAY and posas[0].ended_on == posas[0].effective_to
    text = _text(agreements.agreement_pdf(demo, READER, current.id))
    assert "VR-CE-2027-014" in text and "Discovery complete" in text and "ACRE or CESP" in text


def test_the_wioa_one_stop_mou_is_signed_by_the_board_and_the_required_partners(demo):
    wioa = [r for r in _all(demo) if r.kind is K.WIOA_MOU]
    assert len(wioa) == 1 and wioa[0].status is S.SIGNED
    names = [p.name for p in wioa[0].parties]
    assert names[0] == "Tri-County Workforce Development Board"
    assert {"Eastport American Job Center", "State VR – Eastside District Office",
            "Northside Opportunity Works"} <= set(names)
    assert (wioa[0].effective_to - wioa[0].effective_from).days >= 3 * 365 - 1


def test_signed_agreements_carry_a_scanned_copy(demo):
    scanned = [r for r in _all(demo) if r.signed_copy_attachment_id]
    assert {r.kind for r in scanned} == {K.WIOA_MOU, K.PURCHASE_OF_SERVICE}
    for row in scanned:
        assert row.status is S.SIGNED
        data = bytes(demo.session.get(Attachment, row.signed_copy_attachment_id).data)
        assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() != row.document_sha256
        assert "Signed copy (demo scan)" in _text(data) and row.ref in _text(data)


def test_the_amendment_is_version_two_and_leaves_version_one_as_it_was_signed(demo):
    old, new = _between(_all(demo), "American Job Center", "State VR")
    assert new.previous_id == old.id and new.number == old.number and new.ref == f"{old.number} v2"
    assert new.amendment_reason and "counselor hours" in new.amendment_reason
    assert all(s.signed_on for p in old.parties for s in p.signatories)
    assert [bool(s.signed_on) for p in new.parties for s in p.signatories] == [True, False]  # VR yet to sign
    first = agreements.agreement_pdf(demo, READER, old.id)
    assert hashlib.sha256(first).hexdigest() == old.document_sha256
    old_referral = next(s.body for s in old.sections if s.section_key == "referral")
    new_referral = next(s.body for s in new.sections if s.section_key == "referral")
    assert "Tuesdays and Thursdays" in new_referral and "Tuesdays" not in old_referral
    assert "This version replaces version 1, finalized on" in _text(agreements.agreement_pdf(demo, READER, new.id))


def test_terminated_expired_expiring_and_drafts(demo):
    rows = _all(demo)
    ended = [r for r in rows if r.status is S.TERMINATED]
    assert len(ended) == 1 and ended[0].end_reason and ended[0].ended_on <= TODAY
    assert all(r.effective_to < TODAY for r in rows if r.status is S.EXPIRED)
    soon = agreements.list_agreements(demo, READER, expiring_within_days=60)
    assert soon and all(r.status in (S.FINAL, S.SIGNED) and TODAY <= r.effective_to <= TODAY + timedelta(days=60)
                        for r in soon)
    assert [r.title for r in soon] == ["Employment services for people with serious mental illness"]
    drafts = [r for r in rows if r.status is S.DRAFT]
    assert {r.kind for r in drafts} >= {K.MOU, K.PURCHASE_OF_SERVICE}
    assert "DRAFT" in _text(agreements.agreement_pdf(demo, READER, drafts[0].id))


def test_peoples_own_agreements_are_signed_by_them_or_their_guardian_and_covered_by_a_release(demo):
    crp, vr = _org(demo, "Bridgeway"), _org(demo, "State VR")
    mine = [r for r in _all(demo) if r.kind is K.INDIVIDUAL]
    assert len(mine) >= 3 and {S.SIGNED, S.FINAL} <= {r.status for r in mine}
    for row in mine:
        person = next(p for p in row.parties if p.person_id is not None)
        assert person.person_id == row.person_id
        assert [p.organization_id for p in row.parties if p.person_id is None] == [crp, vr]
        assert all(s.is_person for s in person.signatories)
        assert row.service_lines and all(l.paid_by for l in row.service_lines)
        covered = consent.covered_categories(demo, row.person_id, vr, row.effective_from)
        assert {InformationCategory.PLAN, InformationCategory.EMPLOYMENT} <= covered
    represented = [r for r in mine if any(s.representative_authority for p in r.parties for s in p.signatories)]
    assert len(represented) == 1 and represented[0].status is S.SIGNED
    signer = next(s for p in represented[0].parties if p.person_id for s in p.signatories)
    assert signer.representative_authority == "Guardian" and signer.name not in represented[0].title


def test_bridgeway_heads_its_agreements_with_its_letterhead_and_the_audit_chain_holds(demo):
    head = agreement_templates.letterhead(demo, READER, _org(demo, "Bridgeway"))
    assert head.version is not None and head.address.startswith("1125 W 3rd St")
    ours = next(r for r in _all(demo) if r.kind is K.INDIVIDUAL and r.status is S.SIGNED)
    assert "1125 W 3rd St, Eastport, IA 52761" in _text(agreements.agreement_pdf(demo, READER, ours.id))
    report = records.check_store(demo)
    assert report.ok, report
