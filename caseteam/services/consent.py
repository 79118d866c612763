"""Consent to share: record, correct, revoke and file releases of information; the consent check every
sharing action calls; and the disclosure log.

Correction policy: a signed release is a legal document. It may be corrected in place (a typo, a wrong
date) only until its signed copy is attached or anything is disclosed under it, and never once revoked;
after that a change is a new release (and, if the old one is wrong, its revocation).
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from caseteam.domain.attachments import Attachment
from caseteam.domain.consent import (Disclosure, EducationConsentBy, InformationCategory, PartyRole, Release,
                                     ReleaseCategory, ReleaseParty)
from caseteam.domain.people import RepresentativeAuthority
from caseteam.domain.text import fold
from caseteam.domain.users import Role
from caseteam.errors import ConsentRequired, Locked, NotFound, ValidationError
from caseteam.storage.queries import consent as queries

from . import access
from .access import Action
from .actors import Actor
from .changes import Changes
from .consent_rows import (AttachmentRow, DisclosureRow, ReleasePartyRow, ReleaseRow, ReleaseStatus, labels,
                           ordered, status_of)
from .attachments import checked_scan, store_file
from .editing import check_version, required_text

__all__ = ["ReleaseRow", "ReleasePartyRow", "DisclosureRow", "ReleaseStatus", "TEAM_CATEGORIES",
           "record_release", "update_release", "revoke_release", "withdraw_revocation", "attach_signed_copy",
           "signed_copy", "get_release", "list_releases", "expiring_releases", "disclosures", "require_release",
           "require_for_organization", "covered_categories", "visible_categories", "record_disclosure",
           "party_choices"]

# Putting an organization on the team or giving it a task shows it the plan and how to reach the person.
TEAM_CATEGORIES = frozenset({InformationCategory.PLAN, InformationCategory.CONTACT})
CONSENT_TAB_HINT = "A release can be recorded in {first}'s Consent tab."


# --- recording ------------------------------------------------------------------------------------

def _parties(uow, parties, two_way: bool) -> list[tuple[uuid.UUID | None, str, PartyRole]]:
    out, seen = [], set()
    for org_id, name, role in parties or ():
        if org_id is not None:
            name = uow.organizations.get(org_id).name
        name = (name or "").strip()
        if not name:
            continue  # an empty line left in the dialog
        if len(name) > 200:
            raise ValidationError("parties", f"The party name \"{name[:40]}…\" is too long (at most 200 characters).")
        key = org_id or fold(name)
        if key in seen:
            raise ValidationError("parties", f"{name} is listed twice; list each party once.")
        seen.add(key)
        out.append((org_id, name, PartyRole.BOTH if two_way else PartyRole(role)))
    if two_way and len(out) < 2:
        raise ValidationError("parties", "A two-way exchange needs at least two parties who share with each other.")
    if not two_way:
        gives = [p for p in out if p[2] is not PartyRole.RECEIVES]
        takes = [p for p in out if p[2] is not PartyRole.DISCLOSES]
        if not gives or not takes or (len(out) == 1):
            raise ValidationError("parties", "Name at least one party that may disclose and one other party that "
                                             "may receive. A release never goes to anyone at all.")
    return out


def _validated(uow, *, parties, two_way, categories, purpose, signed_on, effective_from, expires_on, expiry_event,
               signer_name, signer_is_representative, signer_authority, education_consent_by) -> dict:
    cats = ordered(categories or ())
    if not cats:
        raise ValidationError("categories", "Tick at least one category of information. A release names what may "
                                            "be shared; it is never a blank or \"all records\" release.")
    checked = _parties(uow, parties, bool(two_way))
    purpose = required_text("purpose", "The purpose of sharing", purpose, max_length=2000)
    if signed_on is None:
        raise ValidationError("signed_on", "The date the release was signed is required.")
    if signed_on > uow.today():
        raise ValidationError("signed_on", f"The signing date {signed_on.isoformat()} is in the future.")
    effective_from = effective_from or signed_on
    if effective_from < signed_on:
        raise ValidationError("effective_from", "A release cannot take effect before the day it was signed.")
    expiry_event = (expiry_event or "").strip()
    if expires_on is None and not expiry_event:
        raise ValidationError("expires_on", "Give the date the release expires or the event that ends it (for "
                                            "example \"when my case with the agency closes\").")
    if expires_on is not None and expires_on < effective_from:
        raise ValidationError("expires_on", "The expiry date is before the day the release takes effect.")
    if len(expiry_event) > 300:
        raise ValidationError("expiry_event", "The expiry event is too long (at most 300 characters).")
    signer_name = required_text("signer_name", "The name of the person who signed", signer_name)
    authority = RepresentativeAuthority(signer_authority or RepresentativeAuthority.NONE)
    if signer_is_representative and authority is RepresentativeAuthority.NONE:
        raise ValidationError("signer_authority", f"{signer_name} signed for the person: say under what authority "
                                                  "(guardian, power of attorney, parent of a minor...).")
    if not signer_is_representative:
        authority = RepresentativeAuthority.NONE
    by = EducationConsentBy(education_consent_by or EducationConsentBy.NOT_APPLICABLE)
    if InformationCategory.EDUCATION in cats:
        if by is EducationConsentBy.NOT_APPLICABLE:
            raise ValidationError("education_consent_by", "School education records need the consent of the parent "
                                                          "or of the eligible student (18 or older): say who "
                                                          "consented.")
    else:
        by = EducationConsentBy.NOT_APPLICABLE
    return dict(parties=checked, two_way=bool(two_way), categories=cats, purpose=purpose, signed_on=signed_on,
                effective_from=effective_from, expires_on=expires_on, expiry_event=expiry_event,
                signer_name=signer_name, signer_is_representative=bool(signer_is_representative),
                signer_authority=authority, education_consent_by=by)


def _apply(uow, release: Release, values: dict) -> None:
    for key in ("two_way", "purpose", "signed_on", "effective_from", "expires_on", "expiry_event", "signer_name",
                "signer_is_representative", "signer_authority", "education_consent_by"):
        setattr(release, key, values[key])
    # Through uow.add: ids come from the unit's id source (the demo's are reproducible).
    release.parties = [uow.add(ReleaseParty(position=i, organization_id=org, name=name, role=role))
                       for i, (org, name, role) in enumerate(values["parties"])]
    release.categories = [ReleaseCategory(category=c) for c in values["categories"]]


def _summary(values: dict) -> dict:
    return {"parties": [None, "; ".join(f"{n} ({r.value})" for _, n, r in values["parties"])],
            "categories": [None, ",".join(c.value for c in values["categories"])],
            "signed_on": [None, values["signed_on"].isoformat()],
            "expires": [None, values["expires_on"].isoformat() if values["expires_on"] else values["expiry_event"]]}


def record_release(uow, actor: Actor, person_id: uuid.UUID, *, parties, two_way: bool, categories, purpose: str,
                   signed_on: date, effective_from: date | None = None, expires_on: date | None = None,
                   expiry_event: str = "", signer_name: str, signer_is_representative: bool = False,
                   signer_authority: RepresentativeAuthority = RepresentativeAuthority.NONE,
                   education_consent_by: EducationConsentBy = EducationConsentBy.NOT_APPLICABLE
                   ) -> tuple[ReleaseRow, Changes]:
    """`parties` are (organization_id or None, name, PartyRole); a named party without a record needs a name."""
    person = uow.people.get(person_id)
    access.require(uow, actor, Action.RECORD_CONSENT, person.id)
    values = _validated(uow, parties=parties, two_way=two_way, categories=categories, purpose=purpose,
                        signed_on=signed_on, effective_from=effective_from, expires_on=expires_on,
                        expiry_event=expiry_event, signer_name=signer_name,
                        signer_is_representative=signer_is_representative, signer_authority=signer_authority,
                        education_consent_by=education_consent_by)
    release = uow.add(Release(ref=uow.references.next("release"), person_id=person.id))
    _apply(uow, release, values)
    uow.flush()
    uow.audit.record(actor, release, "recorded", changes=_summary(values))
    return _row(uow, release), Changes(consent=True)


def update_release(uow, actor: Actor, release_id: uuid.UUID, *, version: int | None = None,
                   **fields) -> tuple[ReleaseRow, Changes]:
    """Correct a release before its signed copy is filed (see the module's correction policy)."""
    release = _release(uow, release_id)
    access.require(uow, actor, Action.RECORD_CONSENT, release.person_id)
    check_version(release, version, f"release {release.ref}")
    if release.revoked_on is not None:
        raise Locked(f"Release {release.ref} was revoked on {release.revoked_on.isoformat()}; it cannot change. "
                     "Record a new release instead.")
    if release.signed_copy_id is not None or queries.disclosure_counts(uow.session, [release.id]):
        raise Locked(f"Release {release.ref} is a signed document in use (its signed copy is filed or information "
                     "was shared under it), so it cannot change. Record a new release with the correction, and "
                     "revoke this one if it is wrong.")
    current = dict(parties=[(p.organization_id, p.name, p.role) for p in release.parties],
                   two_way=release.two_way, categories=[c.category for c in release.categories],
                   purpose=release.purpose, signed_on=release.signed_on, effective_from=release.effective_from,
                   expires_on=release.expires_on, expiry_event=release.expiry_event,
                   signer_name=release.signer_name, signer_is_representative=release.signer_is_representative,
                   signer_authority=release.signer_authority, education_consent_by=release.education_consent_by)
    unknown = set(fields) - set(current)
    if unknown:
        raise ValidationError(sorted(unknown)[0], f"{sorted(unknown)[0]} cannot be changed here.")
    values = _validated(uow, **{**current, **fields})
    before = _summary(_validated(uow, **current))
    _apply(uow, release, values)
    release.updated_at = uow.now()
    uow.flush()
    after = _summary(values)
    uow.audit.record(actor, release, "corrected", changes={k: [before[k][1], after[k][1]] for k in after
                                                           if before[k][1] != after[k][1]})
    return _row(uow, release), Changes(consent=True)


def revoke_release(uow, actor: Actor, release_id: uuid.UUID, *, revoked_on: date, method: str, note: str = "",
                   version: int | None = None) -> tuple[ReleaseRow, Changes]:
    release = _release(uow, release_id)
    access.require(uow, actor, Action.RECORD_CONSENT, release.person_id)
    check_version(release, version, f"release {release.ref}")
    if release.revoked_on is not None:
        raise ValidationError("revoked_on", f"Release {release.ref} was already revoked on "
                                            f"{release.revoked_on.isoformat()}.")
    if revoked_on is None:
        raise ValidationError("revoked_on", "The date of the revocation is required.")
    if revoked_on < release.signed_on:
        raise ValidationError("revoked_on", "A release cannot be revoked before the day it was signed.")
    if revoked_on > uow.today():
        raise ValidationError("revoked_on", "Record a revocation on or after the day the person makes it, not "
                                            "in advance.")
    method = required_text("method", "How the person revoked it (in writing, by phone...)", method)
    release.revoked_on, release.revocation_method = revoked_on, method
    release.revocation_note, release.updated_at = (note or "").strip(), uow.now()
    uow.flush()
    uow.audit.record(actor, release, "revoked", changes={"revoked_on": [None, revoked_on.isoformat()],
                                                         "method": [None, method]})
    return _row(uow, release), Changes(consent=True)


def withdraw_revocation(uow, actor: Actor, release_id: uuid.UUID) -> tuple[ReleaseRow, Changes]:
    """The inverse of revoke_release, for undo of a revocation entered by mistake (audited)."""
    release = _release(uow, release_id)
    access.require(uow, actor, Action.RECORD_CONSENT, release.person_id)
    if release.revoked_on is None:
        raise ValidationError("revoked_on", f"Release {release.ref} is not revoked.")
    before = release.revoked_on
    release.revoked_on, release.revocation_method, release.revocation_note = None, "", ""
    release.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, release, "revocation withdrawn", changes={"revoked_on": [before.isoformat(), None]})
    return _row(uow, release), Changes(consent=True)


def attach_signed_copy(uow, actor: Actor, release_id: uuid.UUID, *, data: bytes, filename: str,
                       media_type: str) -> tuple[AttachmentRow, Changes]:
    """File the scan of the signed form inside the store (it travels with backups); a new scan replaces it."""
    release = _release(uow, release_id)
    access.require(uow, actor, Action.RECORD_CONSENT, release.person_id)
    filename = checked_scan(data, filename, field="data", name_label="The file name",
                            again="scan the signed form again")
    copy = store_file(uow, actor, "releases", release.id, data=data, filename=filename,
                      media_type=(media_type or "application/octet-stream").strip())
    digest = copy.sha256
    previous = release.signed_copy_id
    release.signed_copy_id, release.updated_at = copy.id, uow.now()
    uow.flush()
    uow.audit.record(actor, release, "signed copy replaced" if previous else "signed copy attached",
                     changes={"signed_copy": [str(previous) if previous else None, f"{filename} sha256:{digest}"]})
    return AttachmentRow(copy.id, copy.filename, copy.media_type, copy.size, copy.sha256), Changes(consent=True)


def signed_copy(uow, actor: Actor, release_id: uuid.UUID) -> tuple[AttachmentRow, bytes]:
    release = _release(uow, release_id)
    access.require(uow, actor, Action.VIEW_PERSON, release.person_id)
    if release.signed_copy_id is None:
        raise ValidationError("signed_copy", f"Release {release.ref} has no signed copy yet.")
    copy = uow.session.get(Attachment, release.signed_copy_id)
    return AttachmentRow(copy.id, copy.filename, copy.media_type, copy.size, copy.sha256), copy.data


# --- reading ---------------------------------------------------------------------------------------

def _release(uow, release_id: uuid.UUID) -> Release:
    release = queries.release(uow.session, release_id) if isinstance(release_id, uuid.UUID) else None
    if release is None or release.archived_at is not None:
        raise NotFound(f"No release of information {release_id} was found.")
    return release


def _rows(uow, releases, on: date) -> list[ReleaseRow]:
    people = queries.people_named(uow.session, {r.person_id for r in releases})
    counts = queries.disclosure_counts(uow.session, [r.id for r in releases])
    copies = queries.signed_copies(uow.session, [r.signed_copy_id for r in releases])
    return [ReleaseRow.of(r, people[r.person_id], on, disclosures=counts.get(r.id, 0),
                          copy=copies.get(r.signed_copy_id)) for r in releases]


def _row(uow, release: Release) -> ReleaseRow:
    return _rows(uow, [release], uow.today())[0]


def get_release(uow, actor: Actor, release_id: uuid.UUID) -> ReleaseRow:
    release = _release(uow, release_id)
    access.require(uow, actor, Action.VIEW_PERSON, release.person_id)
    return _row(uow, release)


def list_releases(uow, actor: Actor, person_id: uuid.UUID, *, on: date | None = None) -> list[ReleaseRow]:
    """The person's releases, newest first. Staff outside the home organization see only the releases naming
    their organization: the others would tell them which agencies (mental health, treatment) serve the person."""
    person = uow.people.get(person_id)
    access.require(uow, actor, Action.VIEW_PERSON, person.id)
    releases = queries.releases_for(uow.session, person.id)
    if visible_categories(uow, actor, person.id) is not None:
        releases = [r for r in releases if any(p.organization_id == actor.organization_id for p in r.parties)]
    return _rows(uow, releases, on or uow.today())


def expiring_releases(uow, actor: Actor, within_days: int = 30) -> list[ReleaseRow]:
    """Releases in effect today that expire within `within_days`, for the people the actor can see, leaving
    out those already renewed (a later release for the person that runs longer)."""
    today = uow.today()
    found = queries.expiring(uow.session, access.scope(uow, actor, Action.VIEW_PERSON), today,
                             today + timedelta(days=within_days))
    later = queries.later_releases(uow.session, {r.person_id for r in found}, min((r.signed_on for r in found),
                                                                                   default=today))

    def renewed(r: Release) -> bool:
        return any(o.id != r.id and o.person_id == r.person_id and o.signed_on >= r.signed_on
                   and (o.expires_on is None or o.expires_on > r.expires_on) for o in later)
    return _rows(uow, [r for r in found if not renewed(r)], today)


def disclosures(uow, actor: Actor, person_id: uuid.UUID) -> list[DisclosureRow]:
    """The disclosure log. Staff outside the home organization see only what was shared with their own
    organization, for the same reason as list_releases: the rest names the other agencies."""
    person = uow.people.get(person_id)
    access.require(uow, actor, Action.VIEW_PERSON, person.id)
    rows = [DisclosureRow.of(d, who, ref) for d, who, ref in queries.disclosures_for(uow.session, person.id)]
    if visible_categories(uow, actor, person.id) is not None:
        rows = [r for r in rows if r.recipient_organization_id == actor.organization_id]
    return rows


# --- the consent check -----------------------------------------------------------------------------

def _matches(party: ReleaseParty, organization_id, name: str) -> bool:
    if organization_id is not None:
        return party.organization_id == organization_id
    return party.organization_id is None and bool(name) and fold(party.name) == fold(name)


def _covers(r: Release, *, discloser, recipient, recipient_name, categories, on) -> bool:
    if status_of(r, on) is not ReleaseStatus.ACTIVE:
        return False
    if not categories <= {c.category for c in r.categories}:
        return False
    gives = [p for p in r.parties if r.two_way or p.role is not PartyRole.RECEIVES]
    takes = [p for p in r.parties if r.two_way or p.role is not PartyRole.DISCLOSES]
    if discloser is not None and not any(p.organization_id == discloser for p in gives):
        return False
    return any(_matches(p, recipient, recipient_name) for p in takes)


def _why_not(r: Release, *, discloser, recipient, recipient_name, categories, on, names) -> str:
    status = status_of(r, on)
    if status is ReleaseStatus.REVOKED:
        return f"release {r.ref} was revoked on {r.revoked_on.isoformat()}"
    if status is ReleaseStatus.EXPIRED:
        return f"release {r.ref} expired on {r.expires_on.isoformat()}"
    if status is ReleaseStatus.NOT_YET_IN_EFFECT:
        return f"release {r.ref} takes effect only on {r.effective_from.isoformat()}"
    missing = categories - {c.category for c in r.categories}
    if missing:
        return f"release {r.ref} does not include {labels(missing)}"
    if discloser is not None and not any(p.organization_id == discloser and (r.two_way or p.role is not
                                                                             PartyRole.RECEIVES)
                                         for p in r.parties):
        return f"release {r.ref} does not let {names.get(discloser, 'the person’s organization')} disclose"
    return f"release {r.ref} names them only as a party that discloses, not one that receives"


def require_release(uow, actor: Actor, person_id: uuid.UUID, *, recipient_organization_id: uuid.UUID | None,
                    categories, disclosing_organization_id: uuid.UUID | None = None, on: date | None = None,
                    recipient_name: str = "") -> Release | None:
    """The release that lets the disclosing organization (by default the person's home organization) share
    `categories` with the recipient on `on` (today), or None when none is needed: the home organization's
    own staff. Raises ConsentRequired saying what is missing."""
    person = uow.people.get(person_id)
    cats = frozenset(InformationCategory(c) for c in categories)
    if not cats:
        raise ValidationError("categories", "Say which categories of information are being shared.")
    home = person.home_organization_id
    if recipient_organization_id is not None and recipient_organization_id == home:
        return None
    on = on or uow.today()
    discloser = disclosing_organization_id or home
    releases = queries.releases_for(uow.session, person.id)
    args = dict(discloser=discloser, recipient=recipient_organization_id, recipient_name=recipient_name,
                categories=cats, on=on)
    for r in releases:
        if _covers(r, **args):
            return r
    names = queries.organizations_named(uow.session, [recipient_organization_id, discloser])
    who = names.get(recipient_organization_id) or recipient_name.strip() or "that recipient"
    near = [r for r in releases if any(_matches(p, recipient_organization_id, recipient_name) for p in r.parties)]
    if near:
        reason = "; ".join(_why_not(r, names=names, **args) for r in near[:3])
    else:
        reason = f"no release names {who}"
    first = person.preferred_name or person.given_name
    raise ConsentRequired(
        f"{person.display_name} has not agreed to share {labels(cats)} with {who} on {on.isoformat()}: {reason}. "
        + CONSENT_TAB_HINT.format(first=first),
        person_id=person.id, organization_id=recipient_organization_id, categories=ordered(cats))


def require_for_organization(uow, actor: Actor, person_id: uuid.UUID | None, organization_id: uuid.UUID,
                             on: date | None = None) -> Release | None:
    """Putting an organization on the person's team or giving it one of the person's tasks."""
    if person_id is None:
        return None  # a task for the partnership as a whole shares nobody's information
    return require_release(uow, actor, person_id, recipient_organization_id=organization_id,
                           categories=TEAM_CATEGORIES, on=on)


def covered_categories(uow, person_id: uuid.UUID, organization_id: uuid.UUID | None,
                       on: date | None = None) -> frozenset[InformationCategory]:
    """What the organization may receive about the person on `on`: every category for the home organization,
    else the union of the active releases that let the home organization share with it."""
    person = uow.people.get(person_id)
    if organization_id is not None and organization_id == person.home_organization_id:
        return frozenset(InformationCategory)
    if organization_id is None:
        return frozenset()
    on = on or uow.today()
    out: set[InformationCategory] = set()
    for r in queries.releases_for(uow.session, person.id):
        cats = frozenset(c.category for c in r.categories)
        if _covers(r, discloser=person.home_organization_id, recipient=organization_id, recipient_name="",
                   categories=frozenset(), on=on) and cats:
            out |= cats
    return frozenset(out)


def visible_categories(uow, actor: Actor, person_id: uuid.UUID) -> frozenset[InformationCategory] | None:
    """None (everything) for administrators, auditors and the home organization's staff; otherwise what a
    release lets the actor's organization receive."""
    if actor.role in (Role.ADMINISTRATOR, Role.AUDITOR):
        return None
    person = uow.people.get(person_id)
    if actor.organization_id is not None and actor.organization_id == person.home_organization_id:
        return None
    return covered_categories(uow, person.id, actor.organization_id)


# --- the disclosure log ----------------------------------------------------------------------------

def record_disclosure(uow, actor: Actor, person_id: uuid.UUID, *, recipient_organization_id: uuid.UUID | None = None,
                      recipient_name: str = "", categories, description: str, channel: str,
                      disclosing_organization_id: uuid.UUID | None = None) -> tuple[DisclosureRow, Changes]:
    """Check the release, then log who shared what with whom, when and under which release. Every print and
    export of a person's information calls this before handing the document over."""
    person = uow.people.get(person_id)
    access.require(uow, actor, Action.EXPORT_PERSON, person.id)
    if recipient_organization_id is not None:
        recipient_name = uow.organizations.get(recipient_organization_id).name
    recipient_name = required_text("recipient", "Who receives the information", recipient_name)
    description = required_text("description", "What is shared", description, max_length=400)
    channel = required_text("channel", "How it is shared (print, export...)", channel, max_length=40)
    cats = ordered(categories or ())
    if not cats:
        raise ValidationError("categories", "Say which categories of information are shared.")
    release = require_release(uow, actor, person.id, recipient_organization_id=recipient_organization_id,
                              categories=cats, disclosing_organization_id=disclosing_organization_id,
                              recipient_name=recipient_name)
    entry = uow.add(Disclosure(person_id=person.id, release_id=release.id if release else None,
                               recipient_organization_id=recipient_organization_id, recipient_name=recipient_name,
                               categories=",".join(c.value for c in cats), description=description,
                               channel=channel, actor_id=actor.user_id, at=uow.now()))
    uow.flush()
    uow.audit.record(actor, entry, "disclosed", changes={
        "recipient": [None, recipient_name], "categories": [None, ",".join(c.value for c in cats)],
        "release": [None, release.ref if release else None], "what": [None, description]})
    return DisclosureRow.of(entry, actor.display_name, release.ref if release else None), Changes(consent=True)


def party_choices(uow, actor: Actor, search: str = "") -> list[tuple[uuid.UUID, str]]:
    """Partner organizations a release may name, by name (the dialog also takes typed names)."""
    return queries.partner_choices(uow.session, search)
