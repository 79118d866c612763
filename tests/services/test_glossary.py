"""The shared glossary on both engines: a term with its partner words, found by any of them ("consumer"
finds "Job seeker"), ignoring case and accents; the synonym list replaced in one call; plain refusals that
name the field; archive and restore; every change audited; partner staff may read, not change; and the
tooltip index that explains the terms a label uses (whole words only)."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.users import Role
from caseteam.errors import Conflict, NotFound, PermissionDenied, ValidationError
from caseteam.services import glossary, organizations, partnerships
from caseteam.services.actors import Actor
from caseteam.services.glossary import PartnerWord


@pytest.fixture
def desk(store, actor):
    with store.unit_of_work() as uow:
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        ajc, _ = organizations.create_organization(uow, actor, name="Eastport American Job Center",
                                                   kind=OrganizationKind.AMERICAN_JOB_CENTER)
        mh, _ = organizations.create_organization(uow, actor, name="Riverbend Behavioral Health",
                                                  kind=OrganizationKind.MENTAL_HEALTH)
        ps, _ = partnerships.create_partnership(uow, actor, name="Lakes County Employment First")
    return dict(store=store, actor=actor, vr=vr.id, ajc=ajc.id, mh=mh.id, partnership=ps.id)


def write(desk, fn, *args, **kwargs):
    with desk["store"].unit_of_work() as uow:
        return fn(uow, desk["actor"], *args, **kwargs)


def read(desk, fn, *args, actor=None, **kwargs):
    with desk["store"].unit_of_work(write=False) as uow:
        return fn(uow, actor or desk["actor"], *args, **kwargs)


def job_seeker(desk, **kwargs):
    values = dict(term="Job seeker", definition="A person looking for work with the partnership's help.",
                  source="Partner workgroup, 2025", partnership_id=desk["partnership"],
                  synonyms=[PartnerWord("consumer", desk["vr"]),
                            {"word": "participant", "organization_id": desk["ajc"]},  # as a dialog hands it in
                            PartnerWord("member", context="Clubhouse")])
    values.update(kwargs)
    return write(desk, glossary.add_term, **values)


def audit(desk, action):
    with desk["store"].unit_of_work(write=False) as uow:
        return [json.loads(e.changes) for e in uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq))]


def test_a_term_is_found_by_its_partner_words_ignoring_case_and_accents(desk):
    row, changes = job_seeker(desk)
    assert changes.glossary
    assert row.partnership_name == "Lakes County Employment First"
    assert [(s.word, s.who) for s in row.synonyms] == [
        ("consumer", "State VR"), ("participant", "Eastport American Job Center"), ("member", "Clubhouse")]
    assert row.partner_words == ("consumer (State VR); participant (Eastport American Job Center); "
                                 "member (Clubhouse)")
    write(desk, glossary.add_term, term="Décision d’emploi", definition="Accents in the term itself.",
          synonyms=[PartnerWord("Plan de carrière", context="Québec partner")])
    write(desk, glossary.add_term, term="Natural supports",
          definition="Help from co-workers, family and friends that is not paid for by an agency.")

    def found(text):
        return [r.term for r in read(desk, glossary.list_terms, search=text)]

    assert found("CONSUMER") == ["Job seeker"]              # a partner's word
    assert found("co-workers") == ["Natural supports"]      # the definition
    assert found("decision d'emploi") == ["Décision d’emploi"]  # accents and the curly apostrophe folded
    assert found("carriere") == ["Décision d’emploi"]       # a synonym with an accent, typed without
    assert found("nobody says this") == []
    assert found("") == ["Décision d’emploi", "Job seeker", "Natural supports"]  # A–Z, accents folded
    assert read(desk, glossary.get_term, row.id) == row


def test_the_synonym_list_is_replaced_in_one_call_and_audited(desk):
    row, _ = job_seeker(desk)
    edited, changes = write(desk, glossary.update_term, row.id, version=row.version, definition="  A person who "
                            "wants a job.  ", synonyms=[PartnerWord("customer", desk["ajc"]),
                                                        PartnerWord("consumer", desk["vr"])])
    assert changes.glossary and edited.definition == "A person who wants a job."
    assert [s.word for s in edited.synonyms] == ["customer", "consumer"]
    assert [r.term for r in read(desk, glossary.list_terms, search="participant")] == []
    entry = audit(desk, "glossary term changed")[-1]
    assert entry["definition"][1] == "A person who wants a job."
    assert entry["synonyms"][0][1].startswith("participant (organization ")
    assert [w.split(" (")[0] for w in entry["synonyms"][1]] == ["customer", "consumer"]
    added = audit(desk, "glossary term added")[0]
    assert added["term"] == [None, "Job seeker"] and "member (Clubhouse)" in added["synonyms"][1]

    same, nothing = write(desk, glossary.update_term, edited.id, synonyms=list(edited.synonyms))
    assert not nothing and same.version == edited.version  # the same words again change nothing
    with pytest.raises(Conflict):  # a stale copy is refused
        write(desk, glossary.update_term, row.id, version=row.version, source="Someone else")


def test_refusals_name_the_field_in_plain_words(desk):
    job_seeker(desk)
    cases = [
        (dict(term="  "), "term", "The term is required."),
        (dict(term="IPE", definition=""), "definition", "definition of “IPE” is required"),
        (dict(term="IPE", synonyms=[PartnerWord("plan")]), "synonyms", "Say who calls it “plan”"),
        (dict(term="IPE", synonyms=[PartnerWord(" ", desk["vr"])]), "synonyms",
         "Partner's word 1 for “IPE” is empty"),
        (dict(term="IPE", synonyms=[PartnerWord("IPE", desk["vr"]), PartnerWord("ipe", desk["vr"])]), "synonyms",
         "listed twice"),
        (dict(term="JOB SEEKER"), "term", "“JOB SEEKER” is already a term in the glossary"),
        (dict(term="IPE", synonyms=[PartnerWord("Consumer", desk["mh"])]), "synonyms",
         "“Consumer” is already a partner's word for “Job seeker”"),
        (dict(term="IPE", source="x" * 301), "source", "at most 300 characters"),
        (dict(term="IPE", partnership_id=uuid.uuid4()), "partnership_id", "partnership was not found"),
    ]
    for values, field, words in cases:
        with pytest.raises(ValidationError) as err:
            write(desk, glossary.add_term, **{"definition": "A plan.", **values})
        assert err.value.field == field and words in err.value.message, values
    with pytest.raises(NotFound):  # a partner word by an organization not in the directory
        write(desk, glossary.add_term, term="IPE", definition="A plan.", synonyms=[PartnerWord("IPE", uuid.uuid4())])
    assert [r.term for r in read(desk, glossary.list_terms)] == ["Job seeker"]  # nothing half written


def test_archive_and_restore_with_the_words_freed_and_checked_again(desk):
    row, _ = job_seeker(desk)
    archived, _ = write(desk, glossary.archive_term, row.id, version=row.version)
    assert archived.archived and read(desk, glossary.list_terms) == []
    assert [r.term for r in read(desk, glossary.list_terms, include_archived=True)] == ["Job seeker"]
    with pytest.raises(ValidationError) as err:
        write(desk, glossary.archive_term, row.id)
    assert err.value.field == "archived" and "already archived" in err.value.message
    with pytest.raises(NotFound):
        write(desk, glossary.update_term, row.id, source="x")
    # Its word is free while it is archived; restoring it then would give one word two meanings.
    other, _ = write(desk, glossary.add_term, term="Consumer", definition="Someone VR serves.")
    with pytest.raises(ValidationError) as err:
        write(desk, glossary.restore_term, row.id)
    assert "“consumer” is already a term" in err.value.message
    write(desk, glossary.archive_term, other.id)
    restored, changes = write(desk, glossary.restore_term, row.id)
    assert not restored.archived and changes.glossary
    assert len(audit(desk, "glossary term archived")) == 2 and len(audit(desk, "glossary term restored")) == 1


def test_partner_staff_read_the_glossary_but_may_not_change_it(desk):
    row, _ = job_seeker(desk)
    partner = Actor(uuid.uuid4(), "priya", "Priya Shah", Role.PARTNER_STAFF, None, desk["mh"])
    assert [r.term for r in read(desk, glossary.list_terms, actor=partner)] == ["Job seeker"]
    with desk["store"].unit_of_work() as uow:
        for change in (lambda: glossary.add_term(uow, partner, term="IPE", definition="A plan."),
                       lambda: glossary.update_term(uow, partner, row.id, source="x"),
                       lambda: glossary.archive_term(uow, partner, row.id)):
            with pytest.raises(PermissionDenied) as err:
                change()
            assert "change the partner directory" in err.value.message


def test_the_tooltip_index_explains_whole_words_with_every_partners_word(desk):
    job_seeker(desk)
    write(desk, glossary.add_term, term="Individualized Plan for Employment",
          definition="The plan VR writes with a person for the job they choose.", source="WIOA Title IV",
          synonyms=[PartnerWord("IPE", desk["vr"]), PartnerWord("service plan", desk["ajc"])])
    index = read(desk, glossary.tooltip_index)
    assert set(index.tips) == {"job seeker", "consumer", "participant", "member",
                               "individualized plan for employment", "ipe", "service plan"}
    with pytest.raises(TypeError):
        index.tips["x"] = None  # frozen
    assert index.explain("IPE date:") == (
        "IPE — Individualized Plan for Employment: The plan VR writes with a person for the job they choose. "
        "State VR calls it IPE; Eastport American Job Center calls it service plan.")
    assert [t.term for t in index.find("Consumer's Service Plan")] == ["Job seeker",
                                                                     "Individualized Plan for Employment"]
    assert index.find("Membership:") == [] and index.find("recipe") == []  # whole words only
    assert [t.term for t in index.find("Consumers and participants:")] == ["Job seeker"]  # plurals count
    assert index.explain("Job seeker").startswith("Job seeker: A person looking for work")
    assert "Clubhouse calls it member" in index.explain("Job seeker")
