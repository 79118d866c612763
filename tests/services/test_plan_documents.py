"""Printing the person-centered plan and the vocational profile: the access and need-to-know checks, the
stored content on paper, the audit entry and, for a copy handed to an organization, the disclosure log."""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader
from reportlab import rl_config
from sqlalchemy import select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.consent import Disclosure, InformationCategory as C, PartyRole
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import Person, RepresentativeAuthority
from caseteam.domain.plans import StepOwner
from caseteam.domain.teams import TeamRole
from caseteam.domain.users import Role
from caseteam.errors import ConsentRequired, NotFound, PermissionDenied
from caseteam.services import consent, discovery, organizations, people, plans, teams, users
from caseteam.services.discovery import ProfileDraft
from caseteam.services.plan_documents import plan_pdf, profile_pdf
from caseteam.services.plans import GoalDraft, PlanDraft, StepDraft

VISION = "I want to work with plants, mornings only, near the 14 bus."


@pytest.fixture(autouse=True)
def _invariant(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


def pages(data: bytes) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(data)).pages]


def release(uow, admin, w, categories):
    today = uow.today()
    row, _ = consent.record_release(
        uow, admin, w["anh"].id, parties=[(w["crp"].id, "", PartyRole.BOTH), (w["vr"].id, "", PartyRole.BOTH)],
        two_way=True, categories=categories, purpose="Coordinate the job search", signed_on=today - timedelta(days=2),
        expires_on=today + timedelta(days=300), signer_name="Ánh Nguyễn")
    return row


@pytest.fixture
def world(store, actor):
    w = {}
    with store.unit_of_work() as uow:
        w["crp"], _ = organizations.create_organization(uow, actor, name="Bridgeway Employment", kind=OrganizationKind.CRP)
        w["vr"], _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        w["mh"], _ = organizations.create_organization(uow, actor, name="Riverbend Behavioral Health",
                                                       kind=OrganizationKind.MENTAL_HEALTH)
        lead, _ = organizations.add_staff(uow, actor, w["crp"].id, given_name="José", family_name="Muñoz García")
        dana, _ = organizations.add_staff(uow, actor, w["vr"].id, given_name="Dana", family_name="Whitfield")
        w["anh"], _ = people.create_person(uow, actor, given_name="Thị Ánh", family_name="Nguyễn", preferred_name="Ánh",
                                           home_organization_id=w["crp"].id, lead_staff_id=lead.id)
        pid = w["anh"].id
        plans.save_plan_revision(uow, actor, pid, PlanDraft(vision="A first try."), summary="First plan")
        plans.save_plan_revision(uow, actor, pid, PlanDraft(
            vision=VISION, important_to="My sister Linh.", important_for="Lunch at noon.",
            supports_natural="Linh drives on Mondays.", review_due=date(2027, 5, 1),
            goals=(GoalDraft("Work at a garden centre", criterion="An offer in writing", steps=(
                StepDraft("Buy work boots", StepOwner.PERSON),
                StepDraft("Call three garden centres", StepOwner.ORGANIZATION, owner_organization_id=w["crp"].id)),),)),
            summary="Vision in Ánh's words", based_on=1, agreed_on=uow.today())
        discovery.save_profile_revision(uow, actor, pid, ProfileDraft(
            strengths="Careful with living things.", interests="Repotting.", theme_1="Plants and growing"),
            summary="After three try-outs")
        # Dana joins the team under a release covering the plan; that release is later replaced by one
        # covering only Discovery, so today her organization may read the profile but not the plan.
        first = release(uow, actor, w, [C.CONTACT, C.PLAN, C.VOCATIONAL])
        teams.add_team_member(uow, actor, pid, role=TeamRole.VR_COUNSELOR, staff_id=dana.id)
        release(uow, actor, w, [C.VOCATIONAL])
        consent.revoke_release(uow, actor, first.id, revoked_on=uow.today(), method="Letter")
        w["dana"] = users.ensure_user(uow, username="dana", display_name="Dana Whitfield", role=Role.PARTNER_STAFF,
                                      staff_id=dana.id)
    return w


def audit(store, action="printed") -> list[dict]:
    """The changes recorded with each entry, with the person it concerns."""
    with store.unit_of_work(write=False) as uow:
        entries = uow.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq))
        return [json.loads(e.changes) | {"person_id": e.person_id} for e in entries]


def disclosures(store) -> list[Disclosure]:
    with store.unit_of_work(write=False) as uow:
        return list(uow.session.scalars(select(Disclosure)))


def test_the_plan_prints_the_latest_revision_with_the_persons_words_and_is_audited(store, actor, world):
    with store.unit_of_work() as uow:
        text = pages(plan_pdf(uow, actor, world["anh"].id))
    whole = " ".join(text)
    for expected in ["Person-centered plan for Ánh Nguyễn", "Legal name Thị Ánh Nguyễn", f"“{VISION}”",
                     "“My sister Linh.”", "Lunch at noon.", "Linh drives on Mondays.", "Work at a garden centre",
                     "Buy work boots Ánh", "Call three garden centres Bridgeway Employment",
                     "Job developer José Muñoz García", "Signature of Ánh Nguyễn",
                     "Signature of José Muñoz García, job developer", "Plan review due May 1, 2027"]:
        assert expected in whole, expected
    ref = world["anh"].ref
    assert all(f"Person-centered plan {ref} · version 2" in p and f"Page {n} of {len(text)}" in p
               for n, p in enumerate(text, start=1))
    assert not any("DEMO" in p for p in text)
    [entry] = audit(store)
    assert entry["person_id"] == str(world["anh"].id) and "revision 2" in entry["document"]
    assert disclosures(store) == []


def test_an_earlier_revision_and_a_representative_signer(store, actor, world):
    with store.unit_of_work() as uow:
        person = uow.session.get(Person, world["anh"].id)
        person.representative_name = "Linh Nguyễn"
        person.representative_authority = RepresentativeAuthority.GUARDIAN
        uow.flush()
        whole = " ".join(pages(plan_pdf(uow, actor, world["anh"].id, revision=1, large_print=True)))
    assert "“A first try.”" in whole and VISION not in whole and "version 1" in whole
    assert "Signature of Linh Nguyễn (Guardian) for Ánh Nguyễn" in whole
    with pytest.raises(NotFound, match="no revision 7"):
        with store.unit_of_work() as uow:
            plan_pdf(uow, actor, world["anh"].id, revision=7)


def test_the_profile_prints_and_a_person_without_one_is_told(store, actor, world):
    with store.unit_of_work() as uow:
        whole = " ".join(pages(profile_pdf(uow, actor, world["anh"].id)))
        bo, _ = people.create_person(uow, actor, given_name="Bo", family_name="Young")
    for expected in ["Vocational profile for Ánh Nguyễn", "Careful with living things.", "Repotting.",
                     "1. Plants and growing", "Support needs", "Not written yet.", "Signature of Ánh Nguyễn",
                     f"Vocational profile {world['anh'].ref} · version 1"]:
        assert expected in whole, expected
    with pytest.raises(NotFound, match="no saved vocational profile yet"):
        with store.unit_of_work() as uow:
            profile_pdf(uow, actor, bo.id)


def test_a_partner_without_plan_consent_may_not_print_the_plan_but_may_print_the_profile(store, world):
    dana = world["dana"]
    with pytest.raises(ConsentRequired, match="not agreed to share"):
        with store.unit_of_work() as uow:
            plan_pdf(uow, dana, world["anh"].id)
    with store.unit_of_work() as uow:
        assert "Repotting." in " ".join(pages(profile_pdf(uow, dana, world["anh"].id)))
    assert [e["document"].split(",")[0] for e in audit(store)] == [
        f"Vocational profile {world['anh'].ref}"]


def test_a_copy_for_an_organization_is_a_disclosure_and_needs_its_release(store, actor, world):
    with store.unit_of_work() as uow:
        profile_pdf(uow, actor, world["anh"].id, recipient_organization_id=world["vr"].id)
    [logged] = disclosures(store)
    assert (logged.recipient_name, logged.categories, logged.channel) == ("State VR", "vocational", "pdf")
    assert logged.description.startswith(f"Vocational profile {world['anh'].ref}, revision 1")
    assert audit(store)[-1]["recipient"] == "State VR"
    for org in ("vr", "mh"):    # the plan is not released to State VR today; Riverbend has no release
        with pytest.raises(ConsentRequired):
            with store.unit_of_work() as uow:
                plan_pdf(uow, actor, world["anh"].id, recipient_organization_id=world[org].id)
    assert len(disclosures(store)) == 1 and len(audit(store)) == 1


def test_on_the_demo_store_pages_say_demo_and_outsiders_are_refused(demo_store):
    lupe = users.sign_in(demo_store, "jobdev", "caseteam-demo")
    partner = users.sign_in(demo_store, "partner", "caseteam-demo")
    from caseteam.services import access

    with demo_store.unit_of_work(write=False) as uow:
        mine = [p for p in uow.session.scalars(select(Person).order_by(Person.ref))
                if p.lead_staff_id == lupe.staff_id and plans.latest_plan(uow, lupe, p.id) is not None]
        person = mine[0]
        outsider = next(p for p in uow.session.scalars(select(Person).order_by(Person.ref))
                        if not access.allowed(uow, partner, access.Action.EXPORT_PERSON, p.id))
        name = person.display_name
    with demo_store.unit_of_work() as uow:
        text = pages(plan_pdf(uow, lupe, person.id))
    assert name in " ".join(text)
    assert all("DEMO — invented data" in p for p in text)
    with pytest.raises(PermissionDenied):
        with demo_store.unit_of_work() as uow:
            plan_pdf(uow, partner, outsider.id)
