"""The printed glossary read back: terms A–Z under their letters, definitions, sources, the table of each
partner's word, embedded fonts that print Vietnamese and Spanish names, "Page X of Y"; and through the
service, the copy is audited and a search narrows what is printed."""

from __future__ import annotations

import json
from datetime import date

from pdf_reading import all_text, fonts, page_texts
from sqlalchemy import select

from caseteam.documents.glossary_document import (PARTNER_TABLE, GlossaryEntryView, GlossaryView, initial,
                                                  render_glossary)
from caseteam.domain.audit import AuditEntry
from caseteam.domain.organizations import OrganizationKind
from caseteam.services import glossary, organizations
from caseteam.services.glossary import PartnerWord


def view(**kw) -> GlossaryView:
    values = dict(title="Shared glossary", scope="Lakes County Employment First", printed_on=date(2026, 11, 2),
                  demo=True, entries=(
                      GlossaryEntryView("Benefits planning", "Advice on how earnings change SSI, SSDI and Medicaid.",
                                        "Ticket to Work program",
                                        (("Centro de Apoyo Muñoz", "asesoría de beneficios"),
                                         ("WIPA", "work incentives counseling"))),
                      GlossaryEntryView("Individualized Plan for Employment",
                                        "The plan VR writes with a person.\n\nIt names the job goal.", "WIOA Title IV",
                                        (("State VR", "IPE"), ("Nguyễn Thị Ánh's school", "IEP transition plan"))),
                      GlossaryEntryView("Job seeker", "A person looking for work.", "")))
    values.update(kw)
    return GlossaryView(**values)


def test_terms_a_to_z_with_definitions_sources_and_partner_words():
    data = render_glossary(view())
    text = all_text(data)
    for words in ("Shared glossary", "Lakes County Employment First · 3 terms · printed November 2, 2026",
                  "Demonstration glossary", "B Benefits planning Advice on how earnings change SSI",
                  "Source: Ticket to Work program", PARTNER_TABLE, "Organization or system Word",
                  "Centro de Apoyo Muñoz asesoría de beneficios", "State VR IPE",
                  "Nguyễn Thị Ánh's school IEP transition plan", "It names the job goal.", "J Job seeker",
                  "Page 1 of 1"):
        assert words in text, words
    assert text.index("Benefits planning") < text.index("Individualized Plan") < text.index("Job seeker")
    assert text.count(PARTNER_TABLE) == 2  # the term with no partner word has no empty table
    assert {f["base"].split("+")[-1] for f in fonts(data)} <= {"DejaVuSans", "DejaVuSans-Bold"}
    assert initial("Énfasis") == "E" and initial("504 plan") == "0–9"


def test_an_empty_glossary_and_a_long_one_in_large_print():
    assert "The glossary has no terms yet." in all_text(render_glossary(view(entries=())))
    many = tuple(GlossaryEntryView(f"Term {n:02d}", "A definition long enough to take a line or two. " * 3, "",
                                   (("State VR", f"word {n}"),)) for n in range(40))
    pages = page_texts(render_glossary(view(entries=many, large_print=True)))
    assert len(pages) >= 3 and f"Page {len(pages)} of {len(pages)}" in pages[-1] and "Term 39" in pages[-1]


def test_the_service_prints_the_glossary_and_audits_the_copy(store, actor):
    with store.unit_of_work() as uow:
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        glossary.add_term(uow, actor, term="Job seeker", definition="A person looking for work.",
                          synonyms=[PartnerWord("consumer", vr.id), PartnerWord("member", context="Clubhouse")])
        glossary.add_term(uow, actor, term="Natural supports", definition="Unpaid help at work.",
                          source="Partner workgroup, 2025")
    with store.unit_of_work() as uow:
        whole = all_text(glossary.glossary_pdf(uow, actor))
        narrowed = all_text(glossary.glossary_pdf(uow, actor, search="consumer"))
    assert "Every partnership · 2 terms" in whole and "State VR consumer" in whole and "Clubhouse member" in whole
    assert "Source: Partner workgroup, 2025" in whole
    assert "matching “consumer” · 1 term " in narrowed and "Natural supports" not in narrowed
    with store.unit_of_work(write=False) as uow:
        printed = [json.loads(e.changes) for e in uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "printed", AuditEntry.entity == "glossary_terms"))]
    assert [p["terms"] for p in printed] == [2, 1]
