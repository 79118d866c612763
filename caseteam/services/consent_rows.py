"""What a release of information and a disclosure look like outside the worker thread: frozen rows
holding every element of the printed form, and the status of a release on a given day."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from caseteam.domain.consent import (Disclosure, EducationConsentBy, InformationCategory, PartyRole, Release)
from caseteam.domain.people import RepresentativeAuthority

# The statements every printed release carries (DOMAIN.md: revocation, conditioning, re-disclosure).
REVOCATION_RIGHT = ("You may revoke this release at any time by telling any listed party, preferably in "
                    "writing. Revoking it stops sharing from that day on; it does not undo what was shared "
                    "before.")
CONDITIONING_STATEMENT = ("Your services, payment, enrollment or eligibility for benefits do not depend on "
                          "whether you sign this release.")
REDISCLOSURE_STATEMENT = ("Information shared under this release may be shared again by a recipient that is not "
                          "bound by the same privacy rules, and may then no longer be protected by them.")
# 42 CFR 2.32: the notice that must accompany substance use disorder records disclosed with consent.
SUBSTANCE_USE_NOTICE = ("42 CFR part 2 prohibits unauthorized use or disclosure of these records. This "
                        "information has been disclosed to you from records protected by federal confidentiality "
                        "rules (42 CFR part 2); any further use or disclosure needs the person's written consent "
                        "or is otherwise permitted by 42 CFR part 2.")
EDUCATION_NOTICE = ("School education records are shared only with the written consent of the parent, or of the "
                    "student once 18 or enrolled beyond high school (FERPA, 34 CFR part 99).")

CATEGORY_ORDER = tuple(InformationCategory)


def ordered(categories) -> tuple[InformationCategory, ...]:
    chosen = {InformationCategory(c) for c in categories}
    return tuple(c for c in CATEGORY_ORDER if c in chosen)


def labels(categories) -> str:
    """For messages: labels contain commas and 'and', so they are separated by semicolons."""
    return "; ".join(c.label if c is InformationCategory.VOCATIONAL else c.label[0].lower() + c.label[1:]
                     for c in ordered(categories))


class ReleaseStatus(enum.Enum):
    ACTIVE = "active"
    NOT_YET_IN_EFFECT = "not_yet_in_effect"
    EXPIRED = "expired"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


def status_of(release: Release, on: date) -> ReleaseStatus:
    if release.revoked_on is not None and release.revoked_on <= on:
        return ReleaseStatus.REVOKED
    if release.effective_from > on:
        return ReleaseStatus.NOT_YET_IN_EFFECT
    if release.expires_on is not None and release.expires_on < on:
        return ReleaseStatus.EXPIRED
    return ReleaseStatus.ACTIVE


ROLE_WORDS = {PartyRole.DISCLOSES: "may disclose", PartyRole.RECEIVES: "may receive",
              PartyRole.BOTH: "may disclose and receive"}


@dataclass(frozen=True)
class ReleasePartyRow:
    organization_id: uuid.UUID | None
    name: str
    role: PartyRole

    @property
    def role_label(self) -> str:
        return ROLE_WORDS[self.role]


@dataclass(frozen=True)
class ReleaseRow:
    id: uuid.UUID
    ref: str
    person_id: uuid.UUID
    person_ref: str
    person_name: str
    person_date_of_birth: date | None
    parties: tuple[ReleasePartyRow, ...]
    two_way: bool
    categories: tuple[InformationCategory, ...]
    purpose: str
    signed_on: date
    effective_from: date
    expires_on: date | None
    expiry_event: str
    signer_name: str
    signer_is_representative: bool
    signer_authority: RepresentativeAuthority
    education_consent_by: EducationConsentBy
    revoked_on: date | None
    revocation_method: str
    revocation_note: str
    signed_copy_id: uuid.UUID | None
    signed_copy_filename: str
    signed_copy_sha256: str
    disclosures: int          # disclosures logged under this release
    status: ReleaseStatus
    status_on: date           # the day `status` was computed for
    version: int

    @property
    def category_labels(self) -> tuple[str, ...]:
        return tuple(c.label for c in self.categories)

    @property
    def disclosing(self) -> tuple[ReleasePartyRow, ...]:
        return tuple(p for p in self.parties if self.two_way or p.role is not PartyRole.RECEIVES)

    @property
    def receiving(self) -> tuple[ReleasePartyRow, ...]:
        return tuple(p for p in self.parties if self.two_way or p.role is not PartyRole.DISCLOSES)

    @property
    def substance_use(self) -> bool:
        return InformationCategory.SUBSTANCE_USE in self.categories

    @property
    def education(self) -> bool:
        return InformationCategory.EDUCATION in self.categories

    @property
    def editable(self) -> bool:
        """Only an unsigned-copy, never-used, unrevoked release may be corrected in place."""
        return self.signed_copy_id is None and self.disclosures == 0 and self.revoked_on is None

    @property
    def expiry_text(self) -> str:
        if self.expires_on and self.expiry_event:
            return f"{self.expires_on.isoformat()} or {self.expiry_event}, whichever comes first"
        return self.expires_on.isoformat() if self.expires_on else self.expiry_event

    @property
    def status_text(self) -> str:
        """In words, as the Consent tab lists it: 'Active until 2027-03-01', 'Revoked on 2026-05-02'."""
        s = self.status
        if s is ReleaseStatus.REVOKED:
            return f"Revoked on {self.revoked_on.isoformat()}"
        if s is ReleaseStatus.EXPIRED:
            return f"Expired on {self.expires_on.isoformat()}"
        if s is ReleaseStatus.NOT_YET_IN_EFFECT:
            return f"Takes effect on {self.effective_from.isoformat()}"
        if self.revoked_on is not None:
            return f"Active until {self.revoked_on.isoformat()} (revocation recorded)"
        if self.expires_on is not None:
            return f"Active until {self.expires_on.isoformat()}"
        return f"Active until {self.expiry_event}"

    @property
    def signer_text(self) -> str:
        if not self.signer_is_representative:
            return f"{self.signer_name} (the person)"
        return f"{self.signer_name}, {self.signer_authority.label.lower()}, for {self.person_name}"

    @property
    def notices(self) -> tuple[str, ...]:
        """Statements the printed form carries, in order."""
        out = [REVOCATION_RIGHT, CONDITIONING_STATEMENT, REDISCLOSURE_STATEMENT]
        if self.education:
            out.append(EDUCATION_NOTICE)
        if self.substance_use:
            out.append(SUBSTANCE_USE_NOTICE)
        return tuple(out)

    @classmethod
    def of(cls, r: Release, person, on: date, *, disclosures: int = 0, copy=None) -> ReleaseRow:
        parties = tuple(ReleasePartyRow(p.organization_id, p.organization.name if p.organization else p.name,
                                        PartyRole.BOTH if r.two_way else p.role) for p in r.parties)
        return cls(r.id, r.ref, r.person_id, person.ref, person.display_name, person.date_of_birth, parties,
                   r.two_way, ordered(c.category for c in r.categories), r.purpose, r.signed_on, r.effective_from,
                   r.expires_on, r.expiry_event, r.signer_name, r.signer_is_representative, r.signer_authority,
                   r.education_consent_by, r.revoked_on, r.revocation_method, r.revocation_note, r.signed_copy_id,
                   copy.filename if copy else "", copy.sha256 if copy else "", disclosures, status_of(r, on), on,
                   r.version)


@dataclass(frozen=True)
class DisclosureRow:
    id: uuid.UUID
    person_id: uuid.UUID
    release_id: uuid.UUID | None
    release_ref: str           # "" when the person's own organization received it (no release needed)
    recipient_organization_id: uuid.UUID | None
    recipient_name: str
    categories: tuple[InformationCategory, ...]
    description: str
    channel: str
    made_by: str
    at: datetime

    @property
    def needs_substance_use_notice(self) -> bool:
        """Anything printed from Part 2 records carries the federal re-disclosure notice."""
        return InformationCategory.SUBSTANCE_USE in self.categories

    @classmethod
    def of(cls, d: Disclosure, made_by: str, release_ref: str | None) -> DisclosureRow:
        cats = ordered(c for c in d.categories.split(",") if c)
        return cls(d.id, d.person_id, d.release_id, release_ref or "", d.recipient_organization_id,
                   d.recipient_name, cats, d.description, d.channel, made_by, d.at)


@dataclass(frozen=True)
class AttachmentRow:
    id: uuid.UUID
    filename: str
    media_type: str
    size: int
    sha256: str
