"""Recording the person's signature on a plan revision: once, not in the future, with a name; the scan filed
in the store; the revision then locked, and the next change a new revision signed anew."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import RepresentativeAuthority
from caseteam.domain.users import Role
from caseteam.errors import Locked, NotFound, PermissionDenied, ValidationError
from caseteam.services import audit_view, organizations, people, plans
from caseteam.services.actors import Actor
from caseteam.services.plan_signatures import (BY_REPRESENTATIVE, E_SIGNATURE, IN_PERSON, record_plan_signature,
                                               signature_scan)
from caseteam.services.plans import PlanDraft

T = date.today()
SCAN = b"%PDF-1.4\n% the signed plan, scanned\n"


def _person_with_plan(store, actor, **person):
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        row, _ = people.create_person(uow, actor, given_name="José", family_name="Muñoz García",
                                      preferred_name="Pepe", home_organization_id=crp.id, **person)
        plans.save_plan_revision(uow, actor, row.id, PlanDraft(vision="Work with animals"), summary="First plan")
    return row


def _sign(store, actor, person_id, number=1, **kw):
    kw.setdefault("signed_on", T)
    kw.setdefault("how", IN_PERSON)
    with store.unit_of_work() as uow:
        return record_plan_signature(uow, actor, person_id, number, **kw)[0]


def _revisions(store, actor, person_id):
    with store.unit_of_work(write=False) as uow:
        return plans.plan_revisions(uow, actor, person_id)


def test_a_signature_is_recorded_with_its_scan_and_locks_the_revision(store, actor):
    person = _person_with_plan(store, actor)
    row = _sign(store, actor, person.id, scan=SCAN, filename="signed-plan.pdf")
    # The legal name by default, not the preferred one.
    assert row.signature_text == f"Signed by José Muñoz García on {T.isoformat()} (in person, on paper)"
    assert row.locked and row.has_signed_scan
    saved = _revisions(store, actor, person.id)[0]
    assert (saved.signed_on, saved.signed_how, saved.signed_by_name) == (T, IN_PERSON, "José Muñoz García")
    with store.unit_of_work(write=False) as uow:
        copy, data = signature_scan(uow, actor, person.id, 1)
        entry = audit_view.audit_entries(uow, actor, audit_view.AuditQuery(person_id=person.id), limit=1)[0]
    assert (copy.filename, copy.media_type, data) == ("signed-plan.pdf", "application/pdf", SCAN)
    assert entry.action == "signed" and entry.changes["signed_by"] == [None, "José Muñoz García"]
    assert entry.changes["scan"][1].startswith("signed-plan.pdf sha256:")

    with pytest.raises(Locked) as refused:
        _sign(store, actor, person.id, how=E_SIGNATURE)
    assert refused.value.message == (f"Revision 1 was signed on {T.isoformat()}; it is locked. Changes make "
                                     "revision 2, which is signed anew.")
    assert _revisions(store, actor, person.id)[0].signed_how == IN_PERSON  # the first signature stands

    # A change is the next revision: unsigned, and signed on its own.
    with store.unit_of_work() as uow:
        second, _ = plans.save_plan_revision(uow, actor, person.id, PlanDraft(vision="Work with horses"),
                                             summary="New vision")
    assert (second.number, second.locked, second.signature_text) == (2, False, "")
    assert _sign(store, actor, person.id, 2, how=E_SIGNATURE).signature_text.endswith("(e-signature)")


def test_a_representative_signs_by_default_when_they_sign(store, actor):
    person = _person_with_plan(store, actor, representative_name="María Muñoz", representative_relationship="Mother",
                               representative_authority=RepresentativeAuthority.GUARDIAN)
    row = _sign(store, actor, person.id, how=BY_REPRESENTATIVE)
    assert row.signed_by_name == "María Muñoz" and not row.has_signed_scan


@pytest.mark.parametrize("kw, field, words", [
    (dict(signed_on=T + timedelta(days=1)), "signed_on", "is in the future"),
    (dict(signed_on=T - timedelta(days=3)), "signed_on", "cannot have been signed before that"),
    (dict(signed_by_name="   "), "signed_by_name", "The name of the person who signed is required."),
    (dict(how=BY_REPRESENTATIVE), "signed_by_name", "names no representative"),
    (dict(how=""), "how", "How the plan was signed is required."),
    (dict(scan=b"", filename="empty.pdf"), "scan", "empty.pdf is empty"),
])
def test_refusals_name_the_field(store, actor, kw, field, words):
    person = _person_with_plan(store, actor)
    with pytest.raises(ValidationError, match=words) as refused:
        _sign(store, actor, person.id, **kw)
    assert refused.value.field == field
    assert not _revisions(store, actor, person.id)[0].locked  # nothing half-recorded


def test_only_an_existing_revision_and_only_by_someone_who_may_edit(store, actor):
    person = _person_with_plan(store, actor)
    with pytest.raises(NotFound, match="no revision 7"):
        _sign(store, actor, person.id, 7)
    auditor = Actor(uuid.uuid4(), "audrey", "Audrey", Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        _sign(store, auditor, person.id)
    with store.unit_of_work(write=False) as uow, pytest.raises(NotFound, match="no scanned signed copy"):
        signature_scan(uow, actor, person.id, 1)


def test_the_plan_printed_after_signing_says_who_signed_it(store, actor, monkeypatch):
    import io

    from pypdf import PdfReader
    from reportlab import rl_config

    from caseteam.services.plan_documents import plan_pdf

    monkeypatch.setattr(rl_config, "invariant", 1)
    person = _person_with_plan(store, actor)
    with store.unit_of_work() as uow:
        before = plan_pdf(uow, actor, person.id)
    _sign(store, actor, person.id, how=E_SIGNATURE)
    with store.unit_of_work() as uow:
        after = plan_pdf(uow, actor, person.id)

    def text(data):
        return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages).split())
    assert "Signed by" not in text(before)
    assert (f"Signed by José Muñoz García on {T.isoformat()} (e-signature). This revision is locked."
            in text(after))
