"""Copies of an agreement on both engines: who they can be for, the person's own copy and the home
organization's need no release, a partner's copy of an individual agreement is a logged disclosure under a
release (refused without one, nothing logged), partnership copies are only audited, and the bytes are the
agreement's own PDF (a final one's stored bytes)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select
from test_agreements import desk, individual, mou, run  # noqa: F401  (desk is a fixture)
from test_individual_agreement import release, with_partners

from caseteam.domain.audit import AuditEntry
from caseteam.domain.consent import Disclosure, InformationCategory as C
from caseteam.errors import ConsentRequired, ValidationError
from caseteam.services import agreements, consent
from caseteam.services.agreement_copies import agreement_copy, copy_recipients

T = date.today()


def entries(desk, agreement_id, action):
    with desk["store"].unit_of_work(write=False) as uow:
        return uow.session.scalars(select(AuditEntry).where(AuditEntry.entity_id == str(agreement_id),
                                                            AuditEntry.action == action)).all()


def disclosed(desk):
    return run(desk, consent.disclosures, desk["ana"].id)


def test_an_individual_agreement_is_for_the_person_first_then_each_party(desk):
    row = with_partners(desk)
    assert run(desk, copy_recipients, row.id) == [
        (None, "José Muñoz (their own copy)"), (desk["crp"].id, "Bridgeway"),
        (desk["mh"].id, "Riverside Mental Health"), (desk["vr_org"].id, "State VR")]
    partnership = mou(desk)
    assert run(desk, copy_recipients, partnership.id, who="partner") == [
        (None, "File copy"), (desk["crp"].id, "Bridgeway"), (desk["mh"].id, "Riverside Mental Health")]


def test_the_persons_own_copy_and_the_home_organizations_disclose_nothing(desk):
    row = with_partners(desk)
    data, changes = run(desk, agreement_copy, row.id, for_organization_id=None, channel="print")
    assert data.startswith(b"%PDF") and changes.agreements and not changes.consent
    run(desk, agreement_copy, row.id, for_organization_id=desk["crp"].id, channel="export")
    assert disclosed(desk) == []
    assert [e.changes for e in entries(desk, row.id, "printed")] and "their own copy" in \
        entries(desk, row.id, "printed")[0].changes
    assert "Bridgeway" in entries(desk, row.id, "exported")[0].changes


def test_a_partners_copy_is_a_disclosure_under_its_release(desk):
    covering = release(desk, desk["mh"], [C.PLAN, C.EMPLOYMENT], expires_on=T + timedelta(days=120))
    row = with_partners(desk)
    run(desk, agreements.finalize, row.id, who="supervisor")
    data, changes = run(desk, agreement_copy, row.id, for_organization_id=desk["mh"].id, channel="export")
    assert changes.consent and data == run(desk, agreements.agreement_pdf, row.id)
    [logged] = disclosed(desk)
    assert logged.recipient_name == "Riverside Mental Health" and logged.channel == "export"
    assert logged.release_ref == covering.ref
    assert logged.description == f"Individual service agreement {row.ref}"
    assert set(logged.categories) == {C.PLAN, C.EMPLOYMENT}
    assert "Riverside Mental Health" in entries(desk, row.id, "exported")[0].changes


def test_a_partner_without_a_covering_release_gets_no_copy_and_nothing_is_logged(desk):
    release(desk, desk["mh"], [C.PLAN], expires_on=T + timedelta(days=120))  # no employment services
    row = with_partners(desk)
    for org in (desk["vr_org"], desk["mh"]):
        with pytest.raises(ConsentRequired, match=org.name):
            run(desk, agreement_copy, row.id, for_organization_id=org.id, channel="export")
    assert disclosed(desk) == []
    with desk["store"].unit_of_work(write=False) as uow:
        assert uow.session.scalars(select(Disclosure)).all() == []
    assert entries(desk, row.id, "exported") == []


def test_a_partnership_copy_is_audited_without_a_disclosure(desk):
    row = mou(desk)
    data, changes = run(desk, agreement_copy, row.id, for_organization_id=desk["mh"].id, channel="print",
                        who="partner")
    assert data.startswith(b"%PDF") and not changes.consent
    [entry] = entries(desk, row.id, "printed")
    assert "Riverside Mental Health" in entry.changes
    with desk["store"].unit_of_work(write=False) as uow:
        assert uow.session.scalars(select(Disclosure)).all() == []


def test_a_copy_for_someone_outside_the_agreement_or_by_an_unknown_channel_is_refused(desk):
    row = individual(desk)
    with pytest.raises(ValidationError, match="not a party") as caught:
        run(desk, agreement_copy, row.id, for_organization_id=desk["mh"].id, channel="print")
    assert caught.value.field == "for_organization_id"
    with pytest.raises(ValidationError) as caught:
        run(desk, agreement_copy, row.id, for_organization_id=None, channel="fax")
    assert caught.value.field == "channel"
    assert entries(desk, row.id, "printed") == []
