"""Service agreements on both engines: drafting from defaults and the fee schedule, validation, the final
lock, supervisors only, amendments keeping version 1's bytes, signatures, termination, expiry, lists."""

from __future__ import annotations

import hashlib
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest

from caseteam.domain.agreements import Agreement, AgreementKind, AgreementStatus, ClauseTemplate
from caseteam.domain.attachments import Attachment
from caseteam.domain.funding import BillingUnit, FunderKind
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.users import Role
from caseteam.errors import Conflict, Locked, PermissionDenied, StoreError, ValidationError
from caseteam.services import agreements, funders, organizations, people, users
from caseteam.services.changes import Changes

START, END = date(2026, 1, 1), date(2026, 12, 31)


@pytest.fixture
def desk(store, actor):
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr_org, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        mh, _ = organizations.create_organization(uow, actor, name="Riverside Mental Health",
                                                  kind=OrganizationKind.MENTAL_HEALTH)
        lupe, _ = organizations.add_staff(uow, actor, crp.id, given_name="Lupe", family_name="Hernández")
        ana, _ = people.create_person(uow, actor, given_name="José", family_name="Muñoz", home_organization_id=crp.id,
                                      lead_staff_id=lupe.id)
        vr, _ = funders.create_funder(uow, actor, organization_id=vr_org.id, name="State VR", kind=FunderKind.VR)
        coach, _ = funders.add_funder_service(uow, actor, vr.id, code="JC", name="Job coaching",
                                              unit=BillingUnit.HOUR)
        placement, _ = funders.add_funder_service(uow, actor, vr.id, code="M3", name="Job placement milestone",
                                                  unit=BillingUnit.MILESTONE)
        funders.set_rate(uow, actor, coach.id, rate="55.00", effective_from=date(2025, 1, 1))
        funders.set_rate(uow, actor, coach.id, rate="58.25", effective_from=START)
        funders.set_rate(uow, actor, placement.id, rate="1200.00", effective_from=date(2025, 1, 1))
        funders.set_cost_share(uow, actor, ana.id, [(coach.id, "Job coaching", 1, START, None, "")])
        supervisor = users.ensure_user(uow, username="sam", display_name="Sam Supervisor", role=Role.SUPERVISOR,
                                       staff_id=lupe.id)
        jobdev = users.ensure_user(uow, username="lupe", display_name="Lupe Hernández", role=Role.JOB_DEVELOPER,
                                   staff_id=lupe.id)
        kim, _ = organizations.add_staff(uow, actor, mh.id, given_name="Kim", family_name="Ødegård")
        partner = users.ensure_user(uow, username="kim", display_name="Kim Ødegård", role=Role.PARTNER_STAFF,
                                    staff_id=kim.id)
    return dict(store=store, actor=actor, crp=crp, vr_org=vr_org, mh=mh, lupe=lupe, ana=ana, vr=vr,
                supervisor=supervisor, jobdev=jobdev, partner=partner)


def run(desk, fn, *args, who="actor", **kwargs):
    with desk["store"].unit_of_work() as uow:
        return fn(uow, desk[who] if isinstance(who, str) else who, *args, **kwargs)


def mou(desk, who="actor", **overrides):
    values = dict(kind=AgreementKind.MOU, title="Referral partnership", prepared_by_id=desk["crp"].id,
                  parties=[(desk["crp"].id, "Provider", [("Lupe Hernández", "Director", desk["lupe"].id, False)]),
                           (desk["mh"].id, "Partner", [("Kim Ødegård", "CEO", None, False)])],
                  effective_from=START, effective_to=END)
    values.update(overrides)
    return run(desk, agreements.create_draft, who=who, **values)[0]


def individual(desk, **overrides):
    values = dict(kind=AgreementKind.INDIVIDUAL, title="My service agreement", prepared_by_id=desk["crp"].id,
                  person_id=desk["ana"].id,
                  parties=[(desk["ana"].id, "Job seeker", [("José Muñoz", "", None, True)]),
                           (desk["crp"].id, "Provider", [("Lupe Hernández", "Job developer", desk["lupe"].id,
                                                          False)])],
                  effective_from=START, effective_to=END)
    values.update(overrides)
    return run(desk, agreements.create_draft, **values)[0]


def test_a_draft_from_the_defaults_has_its_placeholders_filled(desk):
    row = mou(desk)
    assert row.status is AgreementStatus.DRAFT and row.ref == row.number and row.number.startswith("AG-")
    assert row.sections[0].title == "Purpose"
    assert "Bridgeway and Riverside Mental Health" in row.sections[0].body
    term = next(s for s in row.sections if s.section_key == "term")
    assert "January 1, 2026" in term.body and "December 31, 2026" in term.body
    assert not any("{" in s.body for s in row.sections)
    assert [p.name for p in row.parties] == ["Bridgeway", "Riverside Mental Health"]
    person = individual(desk)
    assert "José Muñoz" in person.sections[0].body
    assert [(l.service, l.paid_by, l.rate) for l in person.service_lines] == [
        ("Job coaching", "State VR", Decimal("58.25"))]
    wioa = mou(desk, kind=AgreementKind.WIOA_MOU)
    assert "Access for people with disabilities" in [s.title for s in wioa.sections]
    assert any("every three years" in s.body for s in wioa.sections)


def test_a_purchase_of_service_agreement_lists_the_fee_schedule_on_its_start_date(desk):
    row = mou(desk, kind=AgreementKind.PURCHASE_OF_SERVICE, funder_id=desk["vr"].id, contract_number="VR-26-114",
              parties=[(desk["vr_org"].id, "Funder", [("Dana Wu", "Area manager", None, False)]),
                       (desk["crp"].id, "Provider", [("Lupe Hernández", "Director", desk["lupe"].id, False)])])
    assert {(l.code, l.rate) for l in row.service_lines} == {("JC", Decimal("58.25")), ("M3", Decimal("1200.00"))}
    assert row.contract_number == "VR-26-114"
    assert "Invoicing and payment terms" in [s.title for s in row.sections]


def test_each_validation_names_its_field(desk):
    signer = [("Lupe Hernández", "Director", None, False)]
    cases = [
        (dict(parties=[]), "parties", "no parties"),
        (dict(parties=[(desk["crp"].id, "Provider", signer), (desk["mh"].id, "Partner", [])]), "signatories",
         "Riverside Mental Health has no signatory"),
    ]
    for overrides, field, words in cases:
        row = mou(desk, **overrides)
        with pytest.raises(ValidationError, match=words) as caught:
            run(desk, agreements.validate, row.id)
        assert caught.value.field == field
    with pytest.raises(ValidationError, match="before the start date") as caught:
        mou(desk, effective_to=date(2025, 6, 30))
    assert caught.value.field == "effective_to"
    row = mou(desk)
    run(desk, agreements.update_draft, row.id, service_lines=[
        dict(service="Job coaching", rate="58.25", units="10", amount="580.00")])
    with pytest.raises(ValidationError, match=r"10.00 × \$58.25 is \$582.50, not \$580.00") as caught:
        run(desk, agreements.validate, row.id)
    assert caught.value.field == "service_lines"
    person = individual(desk, parties=[(desk["crp"].id, "Provider", signer)])
    with pytest.raises(ValidationError, match="person .* must sign") as caught:
        run(desk, agreements.finalize, person.id, who="supervisor")
    assert caught.value.field == "signatories"
    with pytest.raises(ValidationError, match="before the start date"):
        run(desk, agreements.update_draft, row.id, effective_to=date(2025, 1, 1))


def test_a_final_agreement_is_locked_and_only_a_supervisor_finalizes(desk):
    row = mou(desk)
    with pytest.raises(PermissionDenied, match="ask a supervisor"):
        run(desk, agreements.finalize, row.id, who="jobdev")
    person = individual(desk)
    with pytest.raises(PermissionDenied):
        run(desk, agreements.finalize, person.id, who="jobdev")
    edited, changes = run(desk, agreements.update_draft, row.id, version=row.version, title="Referral MOU")
    assert edited.title == "Referral MOU" and changes == Changes(agreements=True)
    with pytest.raises(Conflict):
        run(desk, agreements.update_draft, row.id, version=row.version, title="Stale")
    pytest.importorskip("caseteam.documents.agreement_document")
    final, _ = run(desk, agreements.finalize, row.id, who="supervisor")
    assert final.status is AgreementStatus.FINAL and len(final.document_sha256) == 64
    with pytest.raises(Locked, match=f"Agreement {row.ref} is final.*amend"):
        run(desk, agreements.update_draft, row.id, title="Changed after the fact")
    with desk["store"].unit_of_work(write=False) as uow:
        data = agreements.agreement_pdf(uow, desk["actor"], row.id)
    assert hashlib.sha256(data).hexdigest() == final.document_sha256
    from pypdf import PdfReader
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Referral MOU" in text and "Riverside Mental Health" in text


def test_an_amendment_is_version_2_and_version_1_keeps_its_bytes(desk):
    pytest.importorskip("caseteam.documents.agreement_document")
    row = mou(desk)
    run(desk, agreements.finalize, row.id, who="supervisor")
    with desk["store"].unit_of_work(write=False) as uow:
        before = agreements.agreement_pdf(uow, desk["actor"], row.id)
    with pytest.raises(ValidationError, match="reason"):
        run(desk, agreements.amend, row.id, "  ")
    v2, _ = run(desk, agreements.amend, row.id, "Riverside adds benefits counseling")
    assert (v2.number, v2.revision, v2.previous_id, v2.status) == (row.number, 2, row.id, AgreementStatus.DRAFT)
    assert [s.name for p in v2.parties for s in p.signatories] == ["Lupe Hernández", "Kim Ødegård"]
    assert [s.body for s in v2.sections] == [s.body for s in row.sections]
    run(desk, agreements.update_draft, v2.id, effective_to=date(2027, 6, 30))
    run(desk, agreements.finalize, v2.id, who="supervisor")
    with desk["store"].unit_of_work(write=False) as uow:
        replaces = agreements.build_view(uow, desk["actor"], v2.id).replaces
        old = agreements.get_agreement(uow, desk["actor"], row.id)
        assert agreements.agreement_pdf(uow, desk["actor"], row.id) == before
        new_pdf = agreements.agreement_pdf(uow, desk["actor"], v2.id)
    assert old.status is AgreementStatus.SUPERSEDED and old.document_sha256 == hashlib.sha256(before).hexdigest()
    assert new_pdf != before
    assert replaces.startswith("version 1, finalized on ") and replaces.endswith(
        "because: Riverside adds benefits counseling")


def test_signatures_make_it_signed_and_a_scan_is_kept(desk):
    pytest.importorskip("caseteam.documents.agreement_document")
    row = individual(desk)
    with pytest.raises(ValidationError, match="recorded on a final agreement"):
        run(desk, agreements.record_signature, row.id, row.parties[0].signatories[0].id, START)
    run(desk, agreements.finalize, row.id, who="supervisor")
    first, _ = run(desk, agreements.record_signature, row.id, row.parties[0].signatories[0].id, date(2026, 1, 5))
    assert first.status is AgreementStatus.FINAL
    done, _ = run(desk, agreements.record_signature, row.id, row.parties[1].signatories[0].id, date(2026, 1, 6))
    assert done.status is AgreementStatus.SIGNED
    assert [s.signed_on for p in done.parties for s in p.signatories] == [date(2026, 1, 5), date(2026, 1, 6)]
    with pytest.raises(ValidationError, match="not a PDF, PNG or JPEG"):
        run(desk, agreements.attach_signed_copy, row.id, "scan.txt", b"hello")
    scanned, _ = run(desk, agreements.attach_signed_copy, row.id, "signed.pdf", b"%PDF-1.4 signed scan")
    assert scanned.signed_copy_attachment_id is not None and scanned.document_sha256 == done.document_sha256


def test_terminate_expire_and_list_filters(desk):
    pytest.importorskip("caseteam.documents.agreement_document")
    today = date.today()
    short = mou(desk, effective_to=today + timedelta(days=20))
    old = mou(desk, title="Old MOU", effective_from=date(2024, 1, 1), effective_to=date(2025, 12, 31))
    person = individual(desk, effective_to=today + timedelta(days=200))
    for row in (short, old, person):
        run(desk, agreements.finalize, row.id, who="supervisor")
    ended, _ = run(desk, agreements.terminate, person.id, date(2026, 6, 30), "José found work elsewhere")
    assert (ended.status, ended.ended_on, ended.end_reason) == (
        AgreementStatus.TERMINATED, date(2026, 6, 30), "José found work elsewhere")
    with pytest.raises(ValidationError, match="only a final or signed"):
        run(desk, agreements.terminate, person.id, date(2026, 7, 1), "again")
    count, _ = run(desk, agreements.expire_due)
    assert count == 1
    with desk["store"].unit_of_work(write=False) as uow:
        def refs(**kw):
            return {r.title for r in agreements.list_agreements(uow, desk["actor"], **kw)}
        assert agreements.get_agreement(uow, desk["actor"], old.id).status is AgreementStatus.EXPIRED
        assert refs(status=AgreementStatus.EXPIRED) == {"Old MOU"}
        assert refs(kind=AgreementKind.INDIVIDUAL) == {"My service agreement"}
        assert refs(person_id=desk["ana"].id) == {"My service agreement"}
        assert refs(party_organization_id=desk["mh"].id) == {"Referral partnership", "Old MOU"}
        assert refs(expiring_within_days=30) == {"Referral partnership"}


def test_the_organizations_own_clauses_replace_the_defaults(desk):
    with desk["store"].unit_of_work() as uow:
        for n, (key, title, body) in enumerate((
                ("purpose", "Why we agree", "{prepared_by} and {parties} agree from {effective_from}."),
                ("odd", "Odd braces", "Keep {unknown} and {0} as written.")), start=1):
            uow.add(ClauseTemplate(organization_id=desk["crp"].id, kind=AgreementKind.MOU, section_key=key,
                                   title=title, body=body, position=n))
    row = mou(desk)
    assert [(s.title, s.body) for s in row.sections] == [
        ("Why we agree", "Bridgeway and Bridgeway and Riverside Mental Health agree from January 1, 2026."),
        ("Odd braces", "Keep {unknown} and {0} as written.")]
    # Another organization's templates are not used: it prepares from the defaults.
    assert mou(desk, prepared_by_id=desk["mh"].id).sections[0].title == "Purpose"


def test_a_draft_prints_with_the_watermark_and_tampered_final_bytes_are_refused(desk):
    pytest.importorskip("caseteam.documents.agreement_document")
    from pypdf import PdfReader

    row = mou(desk)
    with desk["store"].unit_of_work(write=False) as uow:
        draft = agreements.agreement_pdf(uow, desk["actor"], row.id)
    assert "DRAFT" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(draft)).pages)
    run(desk, agreements.finalize, row.id, who="supervisor")
    with desk["store"].unit_of_work(write=False) as uow:
        final = agreements.agreement_pdf(uow, desk["actor"], row.id)
    assert "DRAFT" not in "".join(p.extract_text() for p in PdfReader(io.BytesIO(final)).pages)
    with desk["store"].unit_of_work() as uow:
        ag = uow.session.get(Agreement, row.id)
        uow.session.get(Attachment, ag.document_attachment_id).data = final + b"%"
    with pytest.raises(StoreError, match="does not match"):
        with desk["store"].unit_of_work(write=False) as uow:
            agreements.agreement_pdf(uow, desk["actor"], row.id)


def test_partner_staff_read_partnerships_but_not_change_them_nor_see_others_people(desk):
    row = mou(desk)
    person = individual(desk)
    with desk["store"].unit_of_work(write=False) as uow:
        assert agreements.get_agreement(uow, desk["partner"], row.id).title == "Referral partnership"
        assert [r.id for r in agreements.list_agreements(uow, desk["partner"])] == [row.id]
        with pytest.raises(PermissionDenied):
            agreements.get_agreement(uow, desk["partner"], person.id)
    with pytest.raises(PermissionDenied, match="partner directory"):
        run(desk, agreements.update_draft, row.id, who="partner", title="Ours now")
    with pytest.raises(PermissionDenied):
        mou(desk, who="partner")
