"""The plain data the person-centered plan and the vocational profile print (see views.py for why)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SectionView:
    heading: str
    text: str                  # empty: the section prints "Not written yet."
    own_words: bool = False    # the person's own words: printed in quotation marks


@dataclass(frozen=True)
class StepView:
    description: str
    owner: str                 # "Ánh", "Bridgeway Employment", "José (brother)"
    due: date | None = None
    done: bool = False


@dataclass(frozen=True)
class GoalView:
    description: str
    criterion: str = ""
    target_date: date | None = None
    status: str = ""           # "In progress"
    steps: tuple[StepView, ...] = ()


@dataclass(frozen=True)
class SignerView:
    """Who signs for the person: themself, or a representative with a stated authority."""

    name: str
    is_representative: bool = False
    authority: str = ""        # "Guardian", "Power of attorney"


@dataclass(frozen=True)
class PersonDocumentView:
    """What the plan and the profile share: whose it is, which revision, who signs."""

    reference: str             # the person's reference, PE-0001
    version: int               # the revision number
    person_name: str           # the chosen (preferred) name and family name
    generated_on: date
    signer: SignerView
    job_developer: str = ""    # the person's lead staff member; a blank line when none
    legal_name: str = ""       # printed beside the chosen name only when it differs
    saved_on: date | None = None
    agreed_on: date | None = None
    demo: bool = False
    issued_by: str = ""
    signed_note: str = ""      # "Signed by X on D (how)" once the person's signature is recorded


@dataclass(frozen=True)
class PlanView:
    about: PersonDocumentView
    sections: tuple[SectionView, ...]
    supports: tuple[SectionView, ...]
    goals: tuple[GoalView, ...]
    review_due: date | None = None


@dataclass(frozen=True)
class ProfileView:
    about: PersonDocumentView
    sections: tuple[SectionView, ...]
    themes: tuple[str, ...] = ()
