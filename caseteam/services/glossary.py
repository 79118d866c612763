"""The partnership's shared glossary (a common language): each term defined once in plain language, with its
source and every partner's own word for it ("consumer" at VR, "participant" at the workforce board). The
glossary is searched by term, definition or any partner's word, ignoring case and accents; printed as a PDF;
explains the terms that label fields on screen (`tooltip_index`); and gives agreements their Definitions.

Changing it needs the partner-directory permission (it is the partnership's, not a person's); every account
may read it. Every change is audited; archiving is undone by restoring."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from caseteam.domain.glossary import GlossarySynonym, GlossaryTerm
from caseteam.domain.text import fold
from caseteam.errors import ValidationError
from caseteam.storage.queries import glossary as queries

from . import access
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import apply_fields, audit_safe, check_version, required_text
from .glossary_rows import GlossaryTermRow, GlossaryTip, PartnerWord, SynonymRow, TooltipIndex, synonym_words

CHANGED = Changes(glossary=True)
TERM_FIELDS = ("term", "definition", "source", "partnership_id")
WORD_LENGTH = 120  # the columns' width for a term, a partner's word and a system's name

__all__ = ["GlossaryTermRow", "GlossaryTip", "PartnerWord", "SynonymRow", "TooltipIndex", "add_term", "update_term",
           "archive_term", "restore_term", "list_terms", "get_term", "tooltip_index", "matches", "glossary_view",
           "glossary_pdf", "definitions_in", "agreement_definitions",
           "GlossaryChoices", "choices"]


@dataclass(frozen=True)
class GlossaryChoices:
    """What the term dialog offers: the organizations that may have a word for a term, the partnerships."""

    organizations: tuple[tuple[uuid.UUID, str], ...]
    partnerships: tuple[tuple[uuid.UUID, str], ...]
    may_change: bool  # the account may add, edit and archive terms


def choices(uow, actor: Actor) -> GlossaryChoices:
    orgs, parts = queries.choices(uow.session)
    allowed = access.reach(actor, Action.MANAGE_PARTNERS) is access.Reach.ALLOWED
    return GlossaryChoices(tuple(orgs), tuple(parts), allowed)


def _may_change(actor: Actor) -> None:
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)


# Checking what is typed -----------------------------------------------------------------------------------

def _partner_word(item) -> PartnerWord:
    if isinstance(item, PartnerWord):
        return item
    if isinstance(item, SynonymRow):
        return item.as_input()
    if isinstance(item, Mapping):
        return PartnerWord(item.get("word", ""), item.get("organization_id"), item.get("context") or "")
    raise ValidationError("synonyms", "Each partner's word needs the word and who uses it.")


def _synonyms(uow, term: str, items) -> list[PartnerWord]:
    """The partner words, trimmed and checked: each has a word and says who uses it, none twice."""
    checked: list[PartnerWord] = []
    seen: set[tuple] = set()
    for n, item in enumerate(items, start=1):
        given = _partner_word(item)
        word = (given.word or "").strip()
        context = (given.context or "").strip()
        if not word:
            raise ValidationError("synonyms", f"Partner's word {n} for “{term}” is empty: type the word, or "
                                              "remove the line.")
        if len(word) > WORD_LENGTH or len(context) > WORD_LENGTH:
            raise ValidationError("synonyms", f"“{word[:40]}” is too long: a partner's word and the system's name "
                                              f"are at most {WORD_LENGTH} characters each.")
        if given.organization_id is None and not context:
            raise ValidationError("synonyms", f"Say who calls it “{word}”: choose the organization, or name the "
                                              "system (for example “Medicaid waiver”).")
        if given.organization_id is not None:
            uow.organizations.get(given.organization_id)  # NotFound when archived or absent
        key = (fold(word), given.organization_id, fold(context))
        if key in seen:
            raise ValidationError("synonyms", f"“{word}” is listed twice for the same partner.")
        seen.add(key)
        checked.append(PartnerWord(word, given.organization_id, context))
    return checked


def _values(uow, values: dict) -> dict:
    if "term" in values:
        values["term"] = required_text("term", "The term", values["term"], max_length=WORD_LENGTH)
    if "definition" in values:
        values["definition"] = required_text("definition", f"The definition of “{values.get('term', 'the term')}”",
                                              values["definition"], max_length=4000)
    if "source" in values:
        values["source"] = (values["source"] or "").strip()
        if len(values["source"]) > 300:
            raise ValidationError("source", "The source is at most 300 characters (for example “WIOA sec. 3” or "
                                            "“Partner workgroup, 2025”).")
    if values.get("partnership_id") is not None and not queries.partnership_exists(uow.session,
                                                                                    values["partnership_id"]):
        raise ValidationError("partnership_id", "That partnership was not found (it may have been archived).")
    return values


def _no_clash(uow, term_id: uuid.UUID | None, term: str, words: list[PartnerWord]) -> None:
    """A word means one thing in the glossary: no live term is spelled like this term or one of its words,
    and no other term lists one of them, so a tooltip never has to guess."""
    mine = {fold(term): term, **{fold(w.word): w.word for w in words}}
    for other in queries.terms(uow.session):
        if other.id == term_id:
            continue
        theirs = {fold(other.term)} | {fold(s.word) for s in other.synonyms}
        for key, spelled in mine.items():
            if key in theirs:
                field = "term" if key == fold(term) else "synonyms"
                what = "a term" if key == fold(other.term) else f"a partner's word for “{other.term}”"
                raise ValidationError(field, f"“{spelled}” is already {what} in the glossary: a word means one "
                                             "thing here. Edit that term instead, or use another word.")


def _replace_synonyms(uow, t: GlossaryTerm, words: list[PartnerWord]) -> None:
    t.synonyms.clear()
    uow.flush()  # the old rows go before the new ones are numbered
    for position, w in enumerate(words):
        t.synonyms.append(uow.add(GlossarySynonym(term_id=t.id, position=position, word=w.word,
                                                  organization_id=w.organization_id, context=w.context)))


# Rows -----------------------------------------------------------------------------------------------------

def _rows(uow, found: list[GlossaryTerm]) -> list[GlossaryTermRow]:
    org_names, partnership_names = queries.names(uow.session, {s.organization_id for t in found for s in t.synonyms},
                                                 {t.partnership_id for t in found})
    rows = [GlossaryTermRow.of(t, org_names, partnership_names) for t in found]
    return sorted(rows, key=lambda r: (fold(r.term), r.term))


def _row(uow, t: GlossaryTerm) -> GlossaryTermRow:
    uow.session.refresh(t, ["synonyms"])
    return _rows(uow, [t])[0]


# Changing -------------------------------------------------------------------------------------------------

def add_term(uow, actor: Actor, *, term: str, definition: str, source: str = "",
             partnership_id: uuid.UUID | None = None, synonyms=()) -> tuple[GlossaryTermRow, Changes]:
    """A term defined once for the partnership, with each partner's word for it."""
    _may_change(actor)
    values = _values(uow, dict(term=term, definition=definition, source=source, partnership_id=partnership_id))
    words = _synonyms(uow, values["term"], synonyms)
    _no_clash(uow, None, values["term"], words)
    t = uow.add(GlossaryTerm(**values))
    uow.flush()
    _replace_synonyms(uow, t, words)
    uow.flush()
    uow.audit.record(actor, t, "glossary term added", changes=audit_safe(
        {**{k: [None, v] for k, v in values.items()}, "synonyms": [None, synonym_words(words)]}))
    return _row(uow, t), CHANGED


def update_term(uow, actor: Actor, term_id: uuid.UUID, *, version: int | None = None, synonyms=None,
                **values) -> tuple[GlossaryTermRow, Changes]:
    """Change the term's fields; `synonyms` (when given) replaces the whole list of partner words."""
    _may_change(actor)
    t = queries.term(uow.session, term_id)
    check_version(t, version, f"the glossary term “{t.term}”")
    values = _values(uow, values)
    words = None if synonyms is None else _synonyms(uow, values.get("term", t.term), synonyms)
    before_words = [PartnerWord(s.word, s.organization_id, s.context) for s in t.synonyms]
    _no_clash(uow, t.id, values.get("term", t.term), before_words if words is None else words)
    changed = apply_fields(t, values, TERM_FIELDS)
    if words is not None and words != before_words:
        _replace_synonyms(uow, t, words)
        changed["synonyms"] = [synonym_words(before_words), synonym_words(words)]
    if changed:
        t.updated_at = uow.now()
        uow.flush()
        uow.audit.record(actor, t, "glossary term changed", changes=audit_safe(changed))
    return _row(uow, t), Changes(glossary=bool(changed))


def _set_archived(uow, actor: Actor, term_id: uuid.UUID, archived: bool,
                  version: int | None) -> tuple[GlossaryTermRow, Changes]:
    _may_change(actor)
    t = queries.term(uow.session, term_id, include_archived=True)
    check_version(t, version, f"the glossary term “{t.term}”")
    if (t.archived_at is not None) == archived:
        raise ValidationError("archived", f"The glossary term “{t.term}” is "
                                          f"{'already archived' if archived else 'not archived'}.")
    if not archived:  # a word may have been given to another term meanwhile
        _no_clash(uow, t.id, t.term, [PartnerWord(s.word, s.organization_id, s.context) for s in t.synonyms])
    t.archived_at = uow.now() if archived else None
    t.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, t, "glossary term archived" if archived else "glossary term restored")
    return _row(uow, t), CHANGED


def archive_term(uow, actor: Actor, term_id: uuid.UUID, *, version: int | None = None):
    return _set_archived(uow, actor, term_id, True, version)


def restore_term(uow, actor: Actor, term_id: uuid.UUID, *, version: int | None = None):
    return _set_archived(uow, actor, term_id, False, version)


# Reading --------------------------------------------------------------------------------------------------

def matches(row: GlossaryTermRow, search: str) -> bool:
    """True when the folded search text is in the term, its definition or any partner's word."""
    key = fold(search or "")
    if not key:
        return True
    return any(key in fold(text) for text in (row.term, row.definition, *(s.word for s in row.synonyms)))


def list_terms(uow, actor: Actor, *, search: str = "", include_archived: bool = False,
               partnership_id: uuid.UUID | None = None) -> list[GlossaryTermRow]:
    """Terms A–Z; `search` matches the term, the definition and every partner's word ("consumer" finds
    "Job seeker"), ignoring case and accents. Lists and search are not audited."""
    rows = _rows(uow, queries.terms(uow.session, include_archived=include_archived, partnership_id=partnership_id))
    return [r for r in rows if matches(r, search)]


def get_term(uow, actor: Actor, term_id: uuid.UUID, *, include_archived: bool = False) -> GlossaryTermRow:
    return _rows(uow, [queries.term(uow.session, term_id, include_archived=include_archived)])[0]


def tooltip_index(uow, actor: Actor) -> TooltipIndex:
    """Each live term and partner word, folded, -> what a tooltip says about it (the term, its definition and
    every partner's word)."""
    tips: dict[str, GlossaryTip] = {}
    for row in list_terms(uow, actor):
        partner_words = tuple((s.who, s.word) for s in row.synonyms)
        for word in (row.term, *(s.word for s in row.synonyms)):
            tips.setdefault(fold(word), GlossaryTip(word, row.term, row.definition, partner_words))
    return TooltipIndex.of(tips)


def definitions_in(uow, actor: Actor, texts) -> tuple:
    """The glossary terms (found by the term or any partner's word, whole words, ignoring case and accents)
    that the texts use, A–Z, as the agreement's DefinitionView lines."""
    from caseteam.documents.agreement_views import DefinitionView

    index = tooltip_index(uow, actor)
    used = {tip.term for text in texts for tip in index.find(text)}
    return tuple(DefinitionView(r.term, r.definition, tuple(dict.fromkeys(s.word for s in r.synonyms
                                                                          if fold(s.word) != fold(r.term))))
                 for r in list_terms(uow, actor) if r.term in used)


def agreement_definitions(uow, agreement) -> tuple:
    """What an agreement's Definitions section lists: the terms its title, sections, parties' contributions
    and services use. Read when it is rendered: a draft's preview and the PDF made when it is finalized (the
    stored bytes of a final agreement never change)."""
    texts = [agreement.title, *(f"{s.title}\n{s.body}" for s in agreement.sections),
             *(p.contributions for p in agreement.parties), *(line.service for line in agreement.service_lines)]
    return definitions_in(uow, None, texts)


# Printing -------------------------------------------------------------------------------------------------

def glossary_view(uow, actor: Actor, *, partnership_id: uuid.UUID | None = None, search: str = "",
                  large_print: bool = False):
    """The GlossaryView to print (caseteam.documents.glossary_document, loaded on use: ReportLab is slow to
    import and the window reads the glossary at sign-in)."""
    from caseteam.documents.glossary_document import GlossaryEntryView, GlossaryView

    from .records import is_demo

    rows = list_terms(uow, actor, search=search, partnership_id=partnership_id)
    scope = "Every partnership"
    if partnership_id is not None:
        scope = queries.names(uow.session, (), {partnership_id})[1].get(partnership_id, scope)
    if search.strip():
        scope += f", terms matching “{search.strip()}”"
    entries = tuple(GlossaryEntryView(r.term, r.definition, r.source, tuple((s.who, s.word) for s in r.synonyms))
                    for r in rows)
    return GlossaryView("Shared glossary", scope, entries, uow.today(), is_demo(uow), large_print)


def glossary_pdf(uow, actor: Actor, *, partnership_id: uuid.UUID | None = None, search: str = "",
                 large_print: bool = False) -> bytes:
    """The printable glossary (terms A–Z, definitions, sources, each partner's word); the copy is audited."""
    from caseteam.documents.glossary_document import render_glossary

    view = glossary_view(uow, actor, partnership_id=partnership_id, search=search, large_print=large_print)
    data = render_glossary(view)
    uow.audit.record(actor, ("glossary_terms", "print"), "printed",
                     changes={"format": "pdf", "scope": view.scope, "terms": len(view.entries)})
    return data
