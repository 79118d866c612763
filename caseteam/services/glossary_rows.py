"""What the shared glossary hands to screens and documents: frozen rows for a term and its partner words,
and the tooltip index that finds defined terms (or a partner's word for one) in a label's text, whole words
only, ignoring case and accents, and explains them in plain language."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from caseteam.domain.glossary import GlossarySynonym, GlossaryTerm
from caseteam.domain.text import fold


@dataclass(frozen=True)
class PartnerWord:
    """One partner's word for a term, as a dialog or the demo hands it in: by organization, or by a system
    named in words (`context`, e.g. "Medicaid waiver")."""

    word: str
    organization_id: uuid.UUID | None = None
    context: str = ""


@dataclass(frozen=True)
class SynonymRow:
    word: str
    organization_id: uuid.UUID | None
    organization_name: str
    context: str

    @property
    def who(self) -> str:
        """Who says it: "Riverbend Behavioral Health", "Medicaid waiver", or both."""
        if self.organization_name and self.context:
            return f"{self.organization_name} ({self.context})"
        return self.organization_name or self.context

    def as_input(self) -> PartnerWord:
        return PartnerWord(self.word, self.organization_id, self.context)


@dataclass(frozen=True)
class GlossaryTermRow:
    id: uuid.UUID
    term: str
    definition: str
    source: str
    partnership_id: uuid.UUID | None
    partnership_name: str
    synonyms: tuple[SynonymRow, ...]
    version: int
    archived: bool

    @classmethod
    def of(cls, t: GlossaryTerm, org_names: dict, partnership_names: dict) -> GlossaryTermRow:
        return cls(t.id, t.term, t.definition, t.source, t.partnership_id,
                   partnership_names.get(t.partnership_id, ""),
                   tuple(synonym_row(s, org_names) for s in t.synonyms), t.version, t.archived_at is not None)

    @property
    def partner_words(self) -> str:
        """"consumer (State VR); participant (Eastport American Job Center)"."""
        return "; ".join(f"{s.word} ({s.who})" if s.who else s.word for s in self.synonyms)


def synonym_row(s: GlossarySynonym, org_names: dict) -> SynonymRow:
    return SynonymRow(s.word, s.organization_id, org_names.get(s.organization_id, ""), s.context)


def synonym_words(synonyms) -> list[str]:
    """The audit log's rendering of a synonym list: "consumer (organization <id>)", "ISP (Medicaid waiver)"."""
    words = []
    for s in synonyms:
        who = ", ".join(x for x in (f"organization {s.organization_id}" if s.organization_id else "", s.context) if x)
        words.append(f"{s.word} ({who})" if who else s.word)
    return words


@dataclass(frozen=True)
class GlossaryTip:
    """What a tooltip says about one word or phrase found in a label."""

    word: str                                   # as the glossary spells it ("IPE", "consumer")
    term: str
    definition: str
    partner_words: tuple[tuple[str, str], ...]  # (who, word): ("State VR", "IPE")

    def text(self) -> str:
        """"IPE — Individualized Plan for Employment: the plan …. State VR calls it IPE; …"."""
        head = self.term if fold(self.word) == fold(self.term) else f"{self.word} — {self.term}"
        definition = self.definition.strip()
        words = "; ".join(f"{who} calls it {word}" if who else f"also called {word}"
                          for who, word in self.partner_words)
        return f"{head}: {definition}" + (f" {words[0].upper()}{words[1:]}." if words else "")


def _pattern(keys) -> re.Pattern | None:
    if not keys:
        return None
    alternatives = "|".join(re.escape(k) for k in sorted(keys, key=lambda k: (-len(k), k)))
    # A plural counts ("Authorizations:" labels a list of authorizations): the base word is group 1.
    return re.compile(rf"(?<!\w)({alternatives})(?:e?s)?(?!\w)")


@dataclass(frozen=True)
class TooltipIndex:
    """Each folded term and partner word -> its GlossaryTip; `find` and `explain` read a label's text."""

    tips: Mapping[str, GlossaryTip] = field(default_factory=lambda: MappingProxyType({}))
    _pattern: re.Pattern | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, tips: dict[str, GlossaryTip]) -> TooltipIndex:
        return cls(MappingProxyType(dict(tips)), _pattern(list(tips)))

    def __len__(self) -> int:
        return len(self.tips)

    def find(self, text: str) -> list[GlossaryTip]:
        """The tips for the terms the text uses (whole words, or their plural), once per term, in reading order
        (the longest phrase first where two overlap: "plan for employment" before "plan")."""
        if self._pattern is None or not text:
            return []
        found: dict[str, GlossaryTip] = {}
        for match in self._pattern.finditer(fold(text)):
            tip = self.tips[match.group(1)]
            found.setdefault(tip.term, tip)
        return list(found.values())

    def explain(self, text: str) -> str:
        """The plain-language definitions of every term in `text`, a blank line apart ("" when none)."""
        return "\n\n".join(tip.text() for tip in self.find(text))


def label_text(text: str) -> str:
    """A label's words without its mnemonic ampersands ("Partner&ship:" -> "Partnership:", "&&" -> "&")."""
    return re.sub(r"&(.)", r"\1", text or "")
