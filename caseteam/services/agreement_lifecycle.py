"""An agreement after drafting: its printable view and PDF, finalizing (locked bytes and SHA-256),
signatures and the signed copy, amendment as a new version, termination, expiry, lists."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, timedelta

from caseteam.documents.agreement_views import (AgreementView, LetterheadView, PartyView, SectionView,
                                                ServiceLineView, SignatoryView)
from caseteam.domain.agreements import (Agreement, AgreementKind, AgreementParty, AgreementSection,
                                        AgreementServiceLine, AgreementSignatory, AgreementStatus)
from caseteam.domain.attachments import Attachment
from caseteam.domain.organizations import Organization
from caseteam.errors import Locked, NotFound, StoreError, ValidationError
from caseteam.storage.queries import agreements as queries

from . import access, attachments
from .actors import Actor
from .agreement_rows import AgreementRow, row_of
from .agreements import CHANGED, LIVE, SCAN_TYPES, _long, _may_change, _may_finalize, _may_read, check
from .changes import Changes
from .editing import audit_safe, check_version, required_text
from .glossary import agreement_definitions


def _load(uow, actor: Actor, agreement_id: uuid.UUID) -> Agreement:
    ag = queries.agreement(uow.session, agreement_id)
    _may_read(uow, actor, ag)
    return ag


def _view(uow, ag: Agreement, draft: bool) -> AgreementView:
    org = uow.session.get(Organization, ag.prepared_by_id)
    head = queries.letterhead(uow.session, ag.prepared_by_id)
    logo = uow.session.get(Attachment, head.logo_attachment_id).data if head and head.logo_attachment_id else None
    address = ", ".join(x for x in (org.street, org.city, org.region) if x)
    letterhead = (LetterheadView(head.name, head.address, head.phone, logo) if head
                  else LetterheadView(org.name, address, getattr(org, "phone", "") or ""))
    replaces = ""
    if ag.previous_id is not None:
        prev = queries.agreement(uow.session, ag.previous_id)
        finalized = f", finalized on {_long(prev.finalized_at.date())}," if prev.finalized_at else ""
        replaces = f"version {prev.revision}{finalized} because: {ag.amendment_reason}"
    parties = tuple(PartyView(p.name, p.role, p.contributions, tuple(
        SignatoryView(s.name, s.title, p.name, s.signed_on, s.representative_authority, s.is_person)
        for s in p.signatories))
        for p in ag.parties)
    return AgreementView(
        number=ag.number, version=ag.revision, kind=ag.kind.label, title=ag.title, letterhead=letterhead,
        parties=parties, sections=tuple(SectionView(s.title, s.body) for s in ag.sections),
        service_lines=tuple(ServiceLineView(l.service, l.code, l.unit, l.rate, l.units, l.amount, l.provided_by,
                                            l.paid_by) for l in ag.service_lines),
        generated_on=uow.today(), draft=draft, effective_from=ag.effective_from, effective_to=ag.effective_to,
        review_on=ag.review_on, contract_number=ag.contract_number, replaces=replaces, page_size=ag.page_size,
        large_print=ag.large_print, author=org.name, definitions=agreement_definitions(uow, ag))


def build_view(uow, actor: Actor, agreement_id: uuid.UUID, *, draft: bool | None = None) -> AgreementView:
    ag = _load(uow, actor, agreement_id)
    return _view(uow, ag, ag.status is AgreementStatus.DRAFT if draft is None else draft)


def _render(view: AgreementView) -> bytes:
    from caseteam.documents.agreement_document import render_agreement  # written alongside; loaded on use

    return render_agreement(view)


def finalize(uow, actor: Actor, agreement_id: uuid.UUID, version: int | None = None) -> tuple[AgreementRow, Changes]:
    """A supervisor locks the draft: its PDF is rendered once and kept with its SHA-256."""
    ag = queries.agreement(uow.session, agreement_id)
    _may_finalize(uow, actor, ag)
    if ag.status is not AgreementStatus.DRAFT:
        raise Locked(f"Agreement {ag.ref} is already {ag.status.label.lower()}.")
    check_version(ag, version, f"agreement {ag.ref}")
    check(ag)
    data = _render(_view(uow, ag, draft=False))
    copy = attachments.store_file(uow, actor, "agreements", ag.id, data=data, filename=f"{ag.ref}.pdf",
                                  media_type="application/pdf")
    ag.status, ag.finalized_at, ag.finalized_by_id = AgreementStatus.FINAL, uow.now(), actor.user_id
    ag.document_attachment_id, ag.document_sha256, ag.updated_at = copy.id, copy.sha256, uow.now()
    uow.flush()
    uow.audit.record(actor, ag, "finalized", person_id=ag.person_id, changes={
        "status": ["draft", "final"], "document_sha256": [None, copy.sha256]})
    if ag.previous_id is not None:
        prev = queries.agreement(uow.session, ag.previous_id)
        before = prev.status
        prev.status, prev.updated_at = AgreementStatus.SUPERSEDED, uow.now()
        uow.flush()
        uow.audit.record(actor, prev, "superseded", person_id=prev.person_id, reason=ag.amendment_reason,
                         changes={"status": [before.value, "superseded"], "superseded_by": [None, ag.ref]})
    return row_of(ag), CHANGED


def agreement_pdf(uow, actor: Actor, agreement_id: uuid.UUID) -> bytes:
    """A final agreement's stored bytes, checked against their SHA-256; a draft rendered with the watermark."""
    ag = _load(uow, actor, agreement_id)
    if ag.document_attachment_id is None:
        return _render(_view(uow, ag, draft=True))
    data = bytes(uow.session.get(Attachment, ag.document_attachment_id).data)
    if hashlib.sha256(data).hexdigest() != ag.document_sha256:
        raise StoreError(f"The stored PDF of agreement {ag.ref} does not match the fingerprint taken when it "
                         "was finalized; restore the store from a backup and tell your administrator.")
    return data


def _live(ag: Agreement, doing: str) -> None:
    if ag.status not in LIVE:
        raise ValidationError("status", f"Agreement {ag.ref} is {ag.status.label.lower()}; only a final or signed "
                                        f"agreement can be {doing}.")


def record_signature(uow, actor: Actor, agreement_id: uuid.UUID, signatory_id: uuid.UUID,
                     signed_on: date) -> tuple[AgreementRow, Changes]:
    ag = queries.agreement(uow.session, agreement_id)
    _may_change(uow, actor, ag.kind, ag.person_id)
    if ag.status is not AgreementStatus.FINAL:
        raise ValidationError("status", f"Agreement {ag.ref} is {ag.status.label.lower()}; signatures are "
                                        "recorded on a final agreement.")
    sig = queries.signatory(uow.session, signatory_id)
    if sig.party_id not in {p.id for p in ag.parties}:
        raise ValidationError("signatory_id", f"That signatory is not on agreement {ag.ref}.")
    if signed_on is None or signed_on > uow.today():
        raise ValidationError("signed_on", "The signature date is required and cannot be in the future.")
    sig.signed_on = signed_on
    uow.flush()
    uow.audit.record(actor, ag, "signed", person_id=ag.person_id,
                     changes=audit_safe({"signatory": [None, sig.name], "signed_on": [None, signed_on]}))
    if all(s.signed_on for p in ag.parties for s in p.signatories):
        ag.status, ag.updated_at = AgreementStatus.SIGNED, uow.now()
        uow.flush()
        uow.audit.record(actor, ag, "fully signed", person_id=ag.person_id, changes={"status": ["final", "signed"]})
    return row_of(ag), CHANGED


def attach_signed_copy(uow, actor: Actor, agreement_id: uuid.UUID, filename: str,
                       data: bytes) -> tuple[AgreementRow, Changes]:
    ag = queries.agreement(uow.session, agreement_id)
    _may_change(uow, actor, ag.kind, ag.person_id)
    _live(ag, "given a signed copy")
    filename = attachments.checked_scan(data, filename, field="signed_copy", name_label="The signed copy's file name",
                                        again="scan the signed agreement again")
    media = next((m for magic, m in SCAN_TYPES if data.startswith(magic)), None)
    if media is None:
        raise ValidationError("signed_copy", f"{filename} is not a PDF, PNG or JPEG; scan the signed agreement "
                                             "to one of those.")
    copy = attachments.store_file(uow, actor, "agreements", ag.id, data=data, filename=filename, media_type=media)
    ag.signed_copy_attachment_id, ag.updated_at = copy.id, uow.now()
    uow.flush()
    uow.audit.record(actor, ag, "signed copy attached", person_id=ag.person_id,
                     changes={"signed_copy": [None, filename]})
    return row_of(ag), CHANGED


def amend(uow, actor: Actor, agreement_id: uuid.UUID, reason: str) -> tuple[AgreementRow, Changes]:
    """A new draft version copying this one (signatures cleared); this one is superseded when it is final."""
    ag = queries.agreement(uow.session, agreement_id)
    _may_change(uow, actor, ag.kind, ag.person_id)
    _live(ag, "amended")
    reason = required_text("reason", "The reason for the amendment", reason, max_length=2000)
    if queries.amendment_of(uow.session, ag.id) is not None:
        raise ValidationError("agreement", f"Agreement {ag.ref} already has an amendment in progress.")
    revision = queries.versions(uow.session, ag.number)[-1].revision + 1
    new = uow.add(Agreement(
        ref=f"{ag.number} v{revision}", number=ag.number, revision=revision, previous_id=ag.id, kind=ag.kind,
        status=AgreementStatus.DRAFT, title=ag.title, prepared_by_id=ag.prepared_by_id, person_id=ag.person_id,
        funder_id=ag.funder_id, contract_number=ag.contract_number, effective_from=ag.effective_from,
        effective_to=ag.effective_to, review_on=ag.review_on, page_size=ag.page_size, large_print=ag.large_print,
        amendment_reason=reason, created_by_id=actor.user_id))
    uow.flush()
    for p in ag.parties:
        party = uow.add(AgreementParty(agreement_id=new.id, position=p.position, organization_id=p.organization_id,
                                       person_id=p.person_id, name=p.name, role=p.role, contributions=p.contributions))
        uow.flush()
        for s in p.signatories:
            uow.add(AgreementSignatory(party_id=party.id, position=s.position, name=s.name, title=s.title,
                                       staff_id=s.staff_id, is_person=s.is_person,
                                       representative_authority=s.representative_authority))
    for s in ag.sections:
        uow.add(AgreementSection(agreement_id=new.id, position=s.position, section_key=s.section_key,
                                 title=s.title, body=s.body))
    for l in ag.service_lines:
        uow.add(AgreementServiceLine(agreement_id=new.id, position=l.position, funder_service_id=l.funder_service_id,
                                     code=l.code, service=l.service, unit=l.unit, rate=l.rate, units=l.units,
                                     amount=l.amount, provided_by=l.provided_by, paid_by=l.paid_by))
    uow.flush()
    uow.audit.record(actor, new, "amendment drafted", person_id=new.person_id, reason=reason,
                     changes={"revision": [ag.revision, revision], "previous": [None, ag.ref]})
    return row_of(new), CHANGED


def terminate(uow, actor: Actor, agreement_id: uuid.UUID, ended_on: date, reason: str) -> tuple[AgreementRow, Changes]:
    ag = queries.agreement(uow.session, agreement_id)
    _may_change(uow, actor, ag.kind, ag.person_id)
    _live(ag, "terminated")
    reason = required_text("reason", "The reason for ending the agreement", reason, max_length=2000)
    if ended_on is None or (ag.effective_from and ended_on < ag.effective_from):
        raise ValidationError("ended_on", f"The end date must be on or after the start date "
                                          f"({_long(ag.effective_from)}).")
    before = ag.status
    ag.status, ag.ended_on, ag.end_reason, ag.updated_at = AgreementStatus.TERMINATED, ended_on, reason, uow.now()
    uow.flush()
    uow.audit.record(actor, ag, "terminated", person_id=ag.person_id, reason=reason, changes=audit_safe(
        {"status": [before.value, "terminated"], "ended_on": [None, ended_on]}))
    return row_of(ag), CHANGED


def expire_due(uow, actor: Actor, today: date | None = None) -> tuple[int, Changes]:
    """Final or signed agreements whose term ended before `today` become expired; returns how many."""
    today = today or uow.today()
    due = queries.due_to_expire(uow.session, today)
    for ag in due:
        before = ag.status
        ag.status, ag.ended_on, ag.updated_at = AgreementStatus.EXPIRED, ag.effective_to, uow.now()
        uow.flush()
        uow.audit.record(actor, ag, "expired", person_id=ag.person_id, changes=audit_safe(
            {"status": [before.value, "expired"], "ended_on": [None, ag.effective_to]}))
    return len(due), CHANGED if due else Changes()


def list_agreements(uow, actor: Actor, *, kind: AgreementKind | None = None, status: AgreementStatus | None = None,
                    party_organization_id: uuid.UUID | None = None, person_id: uuid.UUID | None = None,
                    expiring_within_days: int | None = None) -> list[AgreementRow]:
    if person_id is not None:
        access.require(uow, actor, access.Action.VIEW_PERSON, person_id)
    today = uow.today()
    ending_by = today + timedelta(days=expiring_within_days) if expiring_within_days is not None else None
    found = queries.agreements(uow.session, kind=kind, status=status, party_organization_id=party_organization_id,
                               person_id=person_id, ending_by=ending_by, today=today)
    # Person agreements the actor may not open are left out rather than refused.
    return [row_of(a) for a in found
            if a.person_id is None or access.allowed(uow, actor, access.Action.VIEW_PERSON, a.person_id)]


def get_agreement(uow, actor: Actor, agreement_id: uuid.UUID) -> AgreementRow:
    return row_of(_load(uow, actor, agreement_id))


def agreement_by_ref(uow, actor: Actor, ref: str) -> AgreementRow:
    """The version a reference names (the command line and search take references), capitals ignored."""
    ag = queries.agreement_by_ref(uow.session, ref)
    if ag is None:
        raise NotFound(f"No agreement has the reference {(ref or '').strip()}.")
    _may_read(uow, actor, ag)
    return row_of(ag)


__all__ = ["agreement_by_ref", "agreement_pdf", "amend", "attach_signed_copy", "build_view", "expire_due", "finalize",
           "get_agreement", "list_agreements", "record_signature", "terminate"]
