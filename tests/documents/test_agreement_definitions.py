"""An agreement lists the shared-glossary terms its text uses in a Definitions section (by the term or any
partner's word, whole words only): under its own "Definitions" section when it has one, otherwise as a last
numbered section. A finalized agreement's stored PDF is never re-rendered: new terms change only drafts."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from pdf_reading import all_text
from reportlab import rl_config

from caseteam.domain.agreements import AgreementKind
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.users import Role
from caseteam.services import agreements, glossary, organizations, users
from caseteam.services.glossary import PartnerWord


@pytest.fixture
def desk(store, actor, monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        lupe, _ = organizations.add_staff(uow, actor, crp.id, given_name="Lupe", family_name="Hernández")
        supervisor = users.ensure_user(uow, username="sam", display_name="Sam Supervisor", role=Role.SUPERVISOR,
                                       staff_id=lupe.id)
        glossary.add_term(uow, actor, term="Competitive integrated employment",
                          definition="Work in the community at a real wage, alongside people without disabilities.",
                          source="WIOA sec. 7", synonyms=[PartnerWord("CIE", vr.id)])
        glossary.add_term(uow, actor, term="Release of information",
                          definition="The person's signed permission to share named information.",
                          synonyms=[PartnerWord("ROI", crp.id), PartnerWord("consent form", vr.id)])
        glossary.add_term(uow, actor, term="Ticket to Work", definition="Social Security's employment program.")
        draft, _ = agreements.create_draft(
            uow, actor, kind=AgreementKind.MOU, title="Referral partnership", prepared_by_id=crp.id,
            parties=[(crp.id, "Provider", [("Lupe Hernández", "Director", lupe.id, False)]),
                     (vr.id, "Partner", [("Dana Wu", "Area manager", None, False)])],
            effective_from=date(2026, 1, 1), effective_to=date(2026, 12, 31))
    return dict(store=store, actor=actor, supervisor=supervisor, draft=draft, vr=vr.id)


def run(desk, fn, *args, who="actor", **kwargs):
    with desk["store"].unit_of_work() as uow:
        return fn(uow, desk[who], *args, **kwargs)


def test_the_mou_default_definitions_clause_lists_the_terms_the_agreement_uses(desk):
    draft = desk["draft"]
    view = run(desk, agreements.build_view, draft.id)
    # The default MOU wording says "competitive integrated employment" and "release of information".
    assert [(d.term, d.also) for d in view.definitions] == [
        ("Competitive integrated employment", ("CIE",)), ("Release of information", ("ROI", "consent form"))]
    number = [s.title for s in draft.sections].index("Definitions") + 1
    text = all_text(run(desk, agreements.agreement_pdf, draft.id))
    assert (f"{number}. Definitions Terms used in this agreement have the meanings in the shared glossary kept by "
            "Bridgeway. • Competitive integrated employment (also called CIE): Work in the community at a real "
            "wage") in text
    assert "• Release of information (also called ROI, consent form): The person's signed permission" in text
    assert "Ticket to Work" not in text and text.count("Definitions") == 1


def test_without_a_definitions_section_the_terms_get_a_last_one_and_a_partners_word_counts(desk):
    draft = desk["draft"]
    sections = [("purpose", "Purpose", "Partners count each CIE outcome."),
                ("term", "Term", "One year. Tickets to Workshops are not the program: whole words only.")]
    run(desk, agreements.update_draft, draft.id, sections=sections)
    text = all_text(run(desk, agreements.agreement_pdf, draft.id))
    assert ("3. Definitions In this agreement these words have the meanings the partnership's shared glossary "
            "gives them: • Competitive integrated employment (also called CIE)") in text
    assert "Release of information" not in text and "Ticket to Work:" not in text
    assert text.index("3. Definitions") < text.index("Signatures")


def test_a_finalized_agreement_keeps_its_stored_pdf_while_drafts_show_new_terms(desk):
    draft = desk["draft"]
    final, _ = run(desk, agreements.finalize, draft.id, who="supervisor")
    stored = run(desk, agreements.agreement_pdf, final.id)
    assert "Competitive integrated employment (also called CIE)" in all_text(stored)
    run(desk, glossary.add_term, term="Memorandum of understanding", definition="A written agreement between "
        "partners about how they work together.", synonyms=[PartnerWord("MOU", desk["vr"])])
    again = run(desk, agreements.agreement_pdf, final.id)
    assert again == stored and hashlib.sha256(again).hexdigest() == final.document_sha256
    assert "Memorandum of understanding (also called MOU)" not in all_text(again)
    # The amendment is a new draft: it is rendered afresh and defines the new term its text uses.
    amended, _ = run(desk, agreements.amend, final.id, "New glossary")
    assert "Memorandum of understanding (also called MOU): A written agreement between partners" in all_text(
        run(desk, agreements.agreement_pdf, amended.id))
