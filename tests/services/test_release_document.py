"""Printing a stored release of information: the access check, the form's content, the audit entry and,
for a copy handed to an organization, the disclosure log."""

from __future__ import annotations

import io
import re
import uuid
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from reportlab import rl_config
from sqlalchemy import select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.consent import (Disclosure, InformationCategory, PartyRole, Release, ReleaseCategory,
                                     ReleaseParty)
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import Person
from caseteam.errors import ConsentRequired, NotFound, PermissionDenied
from caseteam.services import access, organizations, people, users
from caseteam.services.release_document import release_pdf


@pytest.fixture(autouse=True)
def _invariant(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


def pages(data: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def add_release(uow, person_id, parties, categories, *, revoked_on=None, named="") -> Release:
    """A signed release written as the Consent tab would store it (the rows, not the form)."""
    today = uow.today()
    release = Release(ref=uow.references.next("release"), person_id=person_id, two_way=True,
                      purpose="To coordinate the job search and support at work.", signed_on=today,
                      effective_from=today, expires_on=today + timedelta(days=365), signer_name="Nguyễn Thị Ánh",
                      revoked_on=revoked_on, revocation_method="letter" if revoked_on else "")
    release.parties = [ReleaseParty(id=uuid.uuid4(), position=n, organization_id=org, role=PartyRole.BOTH)
                       for n, org in enumerate(parties)]
    if named:
        release.parties.append(ReleaseParty(id=uuid.uuid4(), position=len(parties), name=named, role=PartyRole.BOTH))
    release.categories = [ReleaseCategory(category=c) for c in categories]
    uow.add(release)
    uow.flush()
    return release


@pytest.fixture
def setting(store, actor):
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway Employment", kind=OrganizationKind.CRP)
        mh, _ = organizations.create_organization(uow, actor, name="Riverside Mental Health",
                                                  kind=OrganizationKind.MENTAL_HEALTH)
        school, _ = organizations.create_organization(uow, actor, name="Lincoln High School",
                                                      kind=OrganizationKind.SCHOOL_DISTRICT)
        anh, _ = people.create_person(uow, actor, given_name="Nguyễn Thị", family_name="Ánh",
                                      date_of_birth=date(1994, 3, 7), home_organization_id=crp.id)
        release = add_release(uow, anh.id, [crp.id, mh.id],
                              [InformationCategory.PLAN, InformationCategory.SUBSTANCE_USE],
                              named="José Muñoz García")
        revoked = add_release(uow, anh.id, [crp.id, school.id], [InformationCategory.PLAN],
                              revoked_on=uow.today())
    return {"crp": crp, "mh": mh, "school": school, "anh": anh, "release": release.id, "revoked": revoked.id,
            "ref": release.ref}


def audit_actions(store, entity_id) -> list[str]:
    with store.unit_of_work(write=False) as uow:
        return list(uow.session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == str(entity_id))
                                        .order_by(AuditEntry.seq)))


def disclosure_rows(store) -> list[Disclosure]:
    with store.unit_of_work(write=False) as uow:
        return list(uow.session.scalars(select(Disclosure)))


def test_printing_a_release_gives_the_stored_form_and_is_audited(store, actor, setting):
    with store.unit_of_work() as uow:
        data = release_pdf(uow, actor, setting["release"])
    text = pages(data)
    whole = " ".join(text)
    for expected in [setting["ref"], "Nguyễn Thị Ánh", "March 7, 1994", "Bridgeway Employment",
                     "Community rehabilitation provider", "Riverside Mental Health", "Mental-health center",
                     "José Muñoz García", "Person-centered plan, team and tasks",
                     "Substance use disorder treatment records (42 CFR Part 2)",
                     "Federal notice: substance use treatment records (42 CFR Part 2)",
                     "To coordinate the job search and support at work.", "Signature of Nguyễn Thị Ánh"]:
        assert expected in whole, expected
    assert "FERPA" not in whole
    assert not any("DEMO" in page for page in text)   # not the demo store
    assert all(f"Page {n} of {len(text)}" in page for n, page in enumerate(text, start=1))
    assert audit_actions(store, setting["release"])[-1] == "printed"
    assert disclosure_rows(store) == []                # the person's own copy leaves for nobody


def test_a_copy_for_a_named_organization_is_logged_as_a_disclosure(store, actor, setting):
    with store.unit_of_work() as uow:
        large = release_pdf(uow, actor, setting["release"], large_print=True,
                            recipient_organization_id=setting["mh"].id)
    assert len(pages(large)) >= 3
    [logged] = disclosure_rows(store)
    assert (logged.recipient_name, logged.release_id, logged.channel) == (
        "Riverside Mental Health", setting["release"], "pdf")
    assert logged.description == f"Release of information {setting['ref']} (PDF, large print)"
    assert set(logged.categories.split(",")) == {"plan", "substance_use"}


def test_a_copy_for_an_organization_without_a_release_is_refused(store, actor, setting):
    school = setting["school"].id     # named only on the revoked release
    with pytest.raises(ConsentRequired) as info:
        with store.unit_of_work() as uow:
            release_pdf(uow, actor, setting["revoked"], recipient_organization_id=school)
    assert "revoked" in str(info.value)
    assert disclosure_rows(store) == []
    assert "printed" not in audit_actions(store, setting["revoked"])


def test_a_revoked_release_still_prints_for_the_record_and_says_so(store, actor, setting):
    with store.unit_of_work() as uow:
        text = pages(release_pdf(uow, actor, setting["revoked"]))
    assert "This release has been revoked" in text[0]


def test_an_unknown_release_is_not_found(store, actor, setting):
    with pytest.raises(NotFound):
        with store.unit_of_work() as uow:
            release_pdf(uow, actor, uuid.uuid4())


def test_on_the_demo_store_every_page_says_demo_and_partner_staff_are_checked(demo_store):
    admin = users.sign_in(demo_store, "admin", "caseteam-demo")
    partner = users.sign_in(demo_store, "partner", "caseteam-demo")
    with demo_store.unit_of_work() as uow:
        everyone = list(uow.session.scalars(select(Person).order_by(Person.ref)))
        outsider = next(p for p in everyone if not access.allowed(uow, partner, access.Action.EXPORT_PERSON, p.id))
        release = add_release(uow, outsider.id, [outsider.home_organization_id], [InformationCategory.EMPLOYMENT])
        name = f"{outsider.given_name} {outsider.family_name}"
    with demo_store.unit_of_work() as uow:
        text = pages(release_pdf(uow, admin, release.id))
    assert name in " ".join(text)
    assert all("DEMO — invented data" in page for page in text)
    with pytest.raises(PermissionDenied):
        with demo_store.unit_of_work() as uow:
            release_pdf(uow, partner, release.id)
    assert audit_actions(demo_store, release.id).count("printed") == 1
