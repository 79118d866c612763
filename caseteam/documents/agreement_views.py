"""The plain data an agreement prints: built (and permission-checked) by services/agreements.py, rendered
by documents/agreement_document.py. No ORM objects and no domain enums; money is Decimal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class LetterheadView:
    name: str
    address: str = ""
    phone: str = ""
    logo: bytes | None = None        # PNG or JPEG


@dataclass(frozen=True)
class SignatoryView:
    name: str
    title: str
    organization: str
    signed_on: date | None = None
    representative_authority: str = ""   # "Guardian": signs for the person
    is_person: bool = False              # the person the agreement is with, signing for themself


@dataclass(frozen=True)
class PartyView:
    name: str
    role: str                        # "Funder", "Provider", "Required partner", "Job seeker"
    contributions: str = ""
    signatories: tuple[SignatoryView, ...] = ()


@dataclass(frozen=True)
class SectionView:
    title: str
    body: str                        # paragraphs separated by blank lines


@dataclass(frozen=True)
class ServiceLineView:
    service: str
    code: str = ""
    unit: str = ""
    rate: Decimal | None = None
    units: Decimal | None = None
    amount: Decimal | None = None
    provided_by: str = ""
    paid_by: str = ""


@dataclass(frozen=True)
class DefinitionView:
    """A shared-glossary term the agreement uses, printed in its Definitions section."""

    term: str
    definition: str
    also: tuple[str, ...] = ()       # the partners' words for it: "IPE", "service plan"


@dataclass(frozen=True)
class AgreementView:
    number: str                      # AG-0003
    version: int
    kind: str                        # the kind's label: "Purchase-of-service agreement"
    title: str
    letterhead: LetterheadView
    parties: tuple[PartyView, ...]
    sections: tuple[SectionView, ...]    # numbered in print order
    service_lines: tuple[ServiceLineView, ...]
    generated_on: date
    draft: bool                      # prints the diagonal DRAFT watermark
    effective_from: date | None = None
    effective_to: date | None = None
    review_on: date | None = None
    contract_number: str = ""
    replaces: str = ""               # "Version 1, amended on … because …"
    page_size: str = "letter"        # "letter" or "a4"
    large_print: bool = False
    author: str = ""                 # PDF metadata: the preparing organization
    demo: bool = False
    definitions: tuple[DefinitionView, ...] = ()  # glossary terms its text uses, A–Z
