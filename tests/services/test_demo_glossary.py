"""The demo's shared glossary: 25+ terms agreed by the demo partnership, each with a plain definition, a
source and the partners' own words, found by any of them; the tooltip explains a partner's word; the
demo's MOU defines the glossary terms its wording uses."""

from __future__ import annotations

import uuid

from caseteam.demo.glossary import TERMS
from caseteam.domain.agreements import AgreementKind
from caseteam.domain.users import Role
from caseteam.services import agreements, glossary
from caseteam.services.actors import Actor

READER = Actor(uuid.UUID(int=1), "test-reader", "Test reader", Role.AUDITOR)


def test_the_demo_glossary_has_every_term_with_partner_words(demo_store):
    with demo_store.unit_of_work(write=False) as uow:
        rows = glossary.list_terms(uow, READER)
        index = glossary.tooltip_index(uow, READER)
        consumer = [r.term for r in glossary.list_terms(uow, READER, search="Consumer")]
        ipe = [r.term for r in glossary.list_terms(uow, READER, search="ipe")]
        mous = [r for r in agreements.list_agreements(uow, READER, kind=AgreementKind.MOU)]
        definitions = agreements.build_view(uow, READER, mous[0].id).definitions if mous else ()
    assert len(rows) == len(TERMS) >= 25
    assert all(r.definition and r.source and r.synonyms for r in rows)
    assert all(r.partnership_name == "Lakes County Employment First Partnership" for r in rows)
    assert sum(len(r.synonyms) for r in rows) >= 60
    job_seeker = next(r for r in rows if r.term == "Job seeker")
    assert {(s.word, s.who) for s in job_seeker.synonyms} >= {
        ("customer", "Eastport American Job Center"), ("consumer", "State VR – Eastside District Office"),
        ("participant", "Tri-County Workforce Development Board"), ("student",
            "Millbrook Community School District – 18-21 Transition Program")}
    assert consumer == ["Job seeker"] and "Individualized Plan for Employment" in ipe
    tip = index.explain("IPE signed on:")
    assert tip.startswith("IPE — Individualized Plan for Employment: The written plan")
    assert "State VR – Eastside District Office calls it IPE" in tip and "calls it service plan" in tip
    assert mous and {"Competitive integrated employment", "Memorandum of understanding"} <= {
        d.term for d in definitions}
