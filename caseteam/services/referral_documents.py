"""The referral summary PDF: load the referral the actor may see, build the plain view (the person's details
only as far as the referral shares them), log the disclosure to the receiving organization under the
referral's release, and hand back the bytes."""

from __future__ import annotations

import uuid

from caseteam.documents.dates import long_date
from caseteam.documents.referral_summary import HistoryLine, ReferralSummaryView, render_referral_summary
from caseteam.domain.consent import InformationCategory as C
from caseteam.domain.consent import Release
from caseteam.errors import ValidationError

from . import consent, referral_flow
from .actors import Actor
from .changes import Changes
from .records import is_demo
from .referral_rows import ReferralRow, contact_words
from .referrals import get_referral

CHANNELS = ("pdf", "print")


def referral_summary_pdf(uow, actor: Actor, referral_id: uuid.UUID | str, *,
                         channel: str = "pdf") -> tuple[bytes, Changes]:
    """The summary for the receiving organization. Printing or saving it is a disclosure to them: it needs the
    export permission for the person and an active release (else ConsentRequired), and is logged."""
    if channel not in CHANNELS:
        raise ValidationError("channel", f'"{channel}" is not one of: {", ".join(CHANNELS)}.')
    r = referral_flow.load(uow, actor, referral_id)
    detail = get_referral(uow, actor, r.id)
    row = detail.referral
    _, changes = consent.record_disclosure(
        uow, actor, row.person_id, recipient_organization_id=row.to_organization_id,
        categories=row.shared_categories, channel=channel,
        description=f"Referral summary {row.ref} ({'printed' if channel == 'print' else 'PDF'})")
    view = summary_view(uow, row, detail.events)
    data = render_referral_summary(view)
    uow.audit.record(actor, r, "printed", changes={"document": f"Referral summary {row.ref}",
                                                   "recipient": row.to_organization_name, "channel": channel})
    return data, changes


def _person_facts(uow, row: ReferralRow) -> tuple[tuple[str, str], ...]:
    if C.CONTACT not in row.shared_categories:
        return (("Reference", row.person_ref),)
    p = uow.people.get(row.person_id, include_archived=True)
    address = ", ".join(part for part in (p.street, p.city, " ".join(x for x in (p.region, p.postal_code) if x))
                        if part)
    representative = contact_words(p.representative_name, p.representative_relationship, p.representative_contact)
    return tuple((label, value) for label, value in (
        ("Reference", row.person_ref), ("Date of birth", long_date(p.date_of_birth) if p.date_of_birth else ""),
        ("Phone", p.phone), ("Email", p.email), ("Address", address), ("Preferred language", p.preferred_language),
        ("Interpreter", p.interpreter), ("Communication", p.communication_needs), ("Representative", representative))
        if value)


def _release_words(uow, row: ReferralRow) -> tuple[str, str]:
    if row.release_id is None:
        return "", (f"No release was needed: {row.to_organization_name} is the organization that serves "
                    f"{row.person_name}.")
    release = uow.session.get(Release, row.release_id)
    ends = (f"until {long_date(release.expires_on)}" if release.expires_on else f"until {release.expiry_event}")
    return (f"{release.ref}, signed {long_date(release.signed_on)}, in effect from "
            f"{long_date(release.effective_from)} {ends}"), ""


def summary_view(uow, row: ReferralRow, events) -> ReferralSummaryView:
    sender = uow.organizations.get(row.from_organization_id, include_archived=True)
    if row.from_staff_id is not None:
        staff = uow.staff.get(row.from_staff_id, include_archived=True)
        sent_by = contact_words(staff.name, sender.name, staff.phone or sender.phone, staff.email or sender.email)
    else:
        sent_by = contact_words(sender.name, sender.phone, sender.email)
    release, note = _release_words(uow, row)
    history = tuple(HistoryLine(e.on, e.status.label, e.actor_name if not e.staff_name or e.staff_name ==
                                e.actor_name else f"{e.actor_name}, for {e.staff_name}", e.note) for e in events)
    return ReferralSummaryView(
        reference=row.ref, version=row.version, from_organization=row.from_organization_name,
        from_staff=row.from_staff_name, to_organization=row.to_organization_name, to_staff=row.to_staff_name,
        person_name=row.person_name, person_facts=_person_facts(uow, row), reason=row.reason, service=row.service,
        program=row.program_name, urgency=row.urgency.label, sent_on=row.sent_on, respond_by=row.respond_by,
        status=f"{row.status.label} on {long_date(row.status_on)}",
        shared=tuple(c.label for c in row.shared_categories), release=release, release_note=note,
        contacts=(("Sent by", sent_by), ("Receiving contact", row.contact)), history=history,
        generated_on=uow.today(), demo=is_demo(uow))
