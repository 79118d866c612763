"""The plain data each document prints: built (and permission-checked) by a service, rendered here.

No ORM objects and no enums from the domain: a renderer can be tested from literals alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

EducationConsentBy = Literal["", "parent", "eligible_student"]


@dataclass(frozen=True)
class ReleasePartyView:
    name: str
    kind: str = ""                 # "Mental-health center"; empty for a named individual
    may_disclose: bool = True
    may_receive: bool = True

    @property
    def role_text(self) -> str:
        if self.may_disclose and self.may_receive:
            return "May share and receive"
        return "May share" if self.may_disclose else "May receive"


@dataclass(frozen=True)
class ReleaseView:
    reference: str                          # RL-0003
    version: int
    person_name: str
    parties: tuple[ReleasePartyView, ...]
    categories: tuple[str, ...]             # labels, in the order they print
    purpose: str
    effective_from: date
    generated_on: date
    signer_name: str
    two_way: bool = True
    date_of_birth: date | None = None
    includes_substance_use: bool = False    # prints the 42 CFR Part 2 re-disclosure notice
    includes_education: bool = False        # prints the FERPA consent line
    education_consent_by: EducationConsentBy = ""
    expires_on: date | None = None
    expiry_event: str = ""
    signer_is_representative: bool = False
    signer_authority: str = ""              # "Guardian", "Power of attorney"
    revoked_on: date | None = None
    revocation_method: str = ""
    demo: bool = False
    issued_by: str = ""                     # the organization that prepared the form (header line)
    revoke_to: str = ""                     # where a written revocation goes; defaults to issued_by
