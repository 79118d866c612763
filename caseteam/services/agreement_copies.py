"""Printed and exported copies of an agreement and who each is for. A copy of a person's individual service
agreement for a partner is a disclosure of the person's plan and services: it needs a release covering
that partner and is logged; the person's own copy and the home organization's are not. Every copy is audited."""

from __future__ import annotations

import uuid

from caseteam.domain.agreements import Agreement, AgreementKind
from caseteam.errors import ValidationError
from caseteam.storage.queries import agreements as queries

from . import access, agreement_individual, consent
from .access import Action
from .actors import Actor
from .agreements import _may_read
from .changes import Changes

CHANNELS = {"print": "printed", "export": "exported"}


def _load(uow, actor: Actor, agreement_id: uuid.UUID) -> Agreement:
    ag = queries.agreement(uow.session, agreement_id)
    _may_read(uow, actor, ag)
    return ag


def _party_organizations(ag: Agreement) -> list[tuple[uuid.UUID, str]]:
    seen: dict[uuid.UUID, str] = {}
    for p in ag.parties:
        if p.organization_id is not None and p.organization_id not in seen:
            seen[p.organization_id] = p.name
    return list(seen.items())


def copy_recipients(uow, actor: Actor, agreement_id: uuid.UUID) -> list[tuple[uuid.UUID | None, str]]:
    """Who a copy can be for: the person's own copy (individual) or the file copy, then each party organization."""
    ag = _load(uow, actor, agreement_id)
    if ag.kind is AgreementKind.INDIVIDUAL and ag.person_id is not None:
        first = (None, f"{uow.people.get(ag.person_id, include_archived=True).display_name} (their own copy)")
    else:
        first = (None, "File copy")
    return [first, *_party_organizations(ag)]


def agreement_copy(uow, actor: Actor, agreement_id: uuid.UUID, *, for_organization_id: uuid.UUID | None,
                   channel: str) -> tuple[bytes, Changes]:
    """The agreement's PDF (the same bytes as agreement_pdf) for one recipient, with the disclosure checked
    and logged before anything is handed over (ConsentRequired when no release covers the recipient)."""
    from .agreement_lifecycle import agreement_pdf  # it imports agreements, as this module does

    if channel not in CHANNELS:
        raise ValidationError("channel", "A copy is printed (print) or saved as a file (export).")
    ag = _load(uow, actor, agreement_id)
    recipients = dict(copy_recipients(uow, actor, ag.id))
    if for_organization_id is not None and for_organization_id not in recipients:
        name = uow.organizations.get(for_organization_id, include_archived=True).name
        raise ValidationError("for_organization_id", f"{name} is not a party to agreement {ag.ref}; a copy goes "
                                                     "to the person or one of its parties.")
    changes = Changes(agreements=True)
    if ag.person_id is not None:
        access.require(uow, actor, Action.EXPORT_PERSON, ag.person_id)
        home = uow.people.get(ag.person_id, include_archived=True).home_organization_id
        if for_organization_id is not None and for_organization_id != home:
            # Raises ConsentRequired (nothing is handed over) unless a release covers this partner.
            consent.record_disclosure(uow, actor, ag.person_id, recipient_organization_id=for_organization_id,
                                      categories=agreement_individual.CATEGORIES,
                                      description=f"Individual service agreement {ag.ref}", channel=channel)
            changes = changes | Changes(consent=True)
    data = agreement_pdf(uow, actor, ag.id)
    uow.audit.record(actor, ag, CHANNELS[channel], person_id=ag.person_id, changes={
        "document": f"{ag.kind.label} {ag.ref}", "recipient": recipients[for_organization_id],
        "final": ag.document_attachment_id is not None})
    return data, changes
