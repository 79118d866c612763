"""The printed release of information: load the stored release, check the actor may print the person's
documents, build the plain view the renderer needs, log the print, return the PDF bytes."""

from __future__ import annotations

import uuid

from caseteam.documents.release_form import render_release
from caseteam.documents.views import ReleasePartyView, ReleaseView
from caseteam.domain.consent import EducationConsentBy, InformationCategory, PartyRole, Release
from caseteam.errors import NotFound

from . import access, consent
from .access import Action
from .actors import Actor
from .records import is_demo

_EDUCATION_BY = {EducationConsentBy.NOT_APPLICABLE: "", EducationConsentBy.PARENT: "parent",
                 EducationConsentBy.ELIGIBLE_STUDENT: "eligible_student"}


def release_pdf(uow, actor: Actor, release_id: uuid.UUID, *, large_print: bool = False,
                recipient_organization_id: uuid.UUID | None = None) -> bytes:
    """The release as a PDF form for signature (or its large-print copy). Printing is audited.

    Without `recipient_organization_id` the copy is for the person (or their representative) to sign:
    nothing leaves for another party. A copy for an organization is a disclosure: it needs a release
    covering that organization and goes into the disclosure log."""
    release = uow.session.get(Release, release_id)
    if release is None or release.archived_at is not None:
        raise NotFound("That release of information was not found.")
    access.require(uow, actor, Action.EXPORT_PERSON, release.person_id)
    person = uow.people.get(release.person_id, include_archived=True)
    view = release_view(uow, release, person)
    data = render_release(view, large_print=large_print)
    what = f"Release of information {release.ref} (PDF{', large print' if large_print else ''})"
    recipient = f"{view.person_name}, for signature"
    if recipient_organization_id is not None:
        # The form describes the categories it covers, so the copy is logged as involving them; the
        # consent check refuses (ConsentRequired) when no active release lets the organization receive them.
        disclosure, _ = consent.record_disclosure(
            uow, actor, person.id, recipient_organization_id=recipient_organization_id,
            categories=[c.category for c in release.categories], description=what, channel="pdf")
        recipient = disclosure.recipient_name
    uow.audit.record(actor, release, "printed", person_id=person.id,
                     changes={"document": what, "recipient": recipient})
    return data


def release_view(uow, release: Release, person) -> ReleaseView:
    """Everything the form prints, as plain values."""
    chosen = {c.category for c in release.categories}
    categories = tuple(c for c in InformationCategory if c in chosen)
    home = person.home_organization
    return ReleaseView(
        reference=release.ref, version=release.version,
        person_name=f"{person.given_name} {person.family_name}".strip(),
        date_of_birth=person.date_of_birth,
        parties=tuple(_party(p, release.two_way) for p in release.parties),
        two_way=release.two_way,
        categories=tuple(c.label for c in categories),
        includes_substance_use=InformationCategory.SUBSTANCE_USE in chosen,
        includes_education=InformationCategory.EDUCATION in chosen,
        education_consent_by=_EDUCATION_BY[release.education_consent_by],
        purpose=release.purpose, effective_from=release.effective_from,
        expires_on=release.expires_on, expiry_event=release.expiry_event,
        signer_name=release.signer_name, signer_is_representative=release.signer_is_representative,
        signer_authority=release.signer_authority.label,
        revoked_on=release.revoked_on, revocation_method=release.revocation_method,
        demo=is_demo(uow), generated_on=uow.today(),
        issued_by=home.name if home is not None else "",
    )


def _party(party, two_way: bool) -> ReleasePartyView:
    org = party.organization
    role = PartyRole.BOTH if two_way else party.role
    return ReleasePartyView(name=org.name if org is not None else party.name,
                            kind=org.kind.label if org is not None else "",
                            may_disclose=role is not PartyRole.RECEIVES, may_receive=role is not PartyRole.DISCLOSES)
