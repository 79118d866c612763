"""The person's signature on a plan revision: recorded once (date, how, by whom, optionally the scan of the
signed paper), after which the revision is locked for good. A change to a signed plan is the next
revision, which the person signs anew; nothing edits a signed revision in place.
"""

from __future__ import annotations

import mimetypes
import uuid
from dataclasses import dataclass
from datetime import date

from caseteam.domain.attachments import Attachment
from caseteam.domain.consent import InformationCategory
from caseteam.domain.plans import PlanRevision
from caseteam.errors import Locked, NotFound, ValidationError
from caseteam.storage.queries import plan_signatures as queries

from . import access, need_to_know
from .access import Action
from .actors import Actor
from .changes import Changes
from .attachments import checked_scan, store_file
from .consent_rows import AttachmentRow
from .editing import required_text
from .plans import PlanRevisionRow

__all__ = ["SIGNING_WAYS", "IN_PERSON", "BY_REPRESENTATIVE", "E_SIGNATURE", "record_plan_signature",
           "require_unsigned", "signature_scan", "default_signer", "signer_defaults"]

IN_PERSON = "in person, on paper"
BY_REPRESENTATIVE = "by their representative, on paper"
E_SIGNATURE = "e-signature"
SIGNING_WAYS = (IN_PERSON, BY_REPRESENTATIVE, E_SIGNATURE)


def require_unsigned(revision: PlanRevision, latest: int) -> None:
    """Raise Locked for a signed revision: every service that would change one calls this first."""
    if revision.signed_on is not None:
        raise Locked(f"Revision {revision.number} was signed on {revision.signed_on.isoformat()}; it is locked. "
                     f"Changes make revision {latest + 1}, which is signed anew.")


def default_signer(person, how: str) -> str:
    """Who signs, unless told otherwise: the representative when they sign, else the person (legal name)."""
    if how == BY_REPRESENTATIVE:
        return (person.representative_name or "").strip()
    return f"{person.given_name} {person.family_name}".strip()


@dataclass(frozen=True)
class _Scan:
    data: bytes
    filename: str
    media_type: str


def _checked_scan(scan: bytes | None, filename: str) -> _Scan | None:
    if scan is None:
        return None
    filename = checked_scan(scan, filename, field="scan", name_label="The scan's file name",
                            again="scan the signed plan again")
    media_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return _Scan(bytes(scan), filename, media_type)


def record_plan_signature(uow, actor: Actor, person_id: uuid.UUID, revision_number: int, *, signed_on: date,
                          how: str, signed_by_name: str | None = None, scan: bytes | None = None,
                          filename: str = "") -> tuple[PlanRevisionRow, Changes]:
    """Record that the person (or their representative) signed revision `revision_number`; it is then
    locked. `signed_by_name` None means the default signer (see default_signer)."""
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.PLAN)
    person = uow.people.get(person_id)
    revision = queries.revision(uow.session, person.id, revision_number)
    if revision is None:
        raise NotFound(f"{person.display_name}'s plan has no revision {revision_number}.")
    require_unsigned(revision, queries.latest_number(uow.session, person.id))
    how = required_text("how", "How the plan was signed", how, max_length=100)
    if signed_on is None:
        raise ValidationError("signed_on", "The date the plan was signed is required.")
    if signed_on > uow.today():
        raise ValidationError("signed_on", f"The signing date {signed_on.isoformat()} is in the future.")
    saved_on = revision.saved_at.astimezone().date()
    if signed_on < saved_on:
        raise ValidationError("signed_on", f"Revision {revision.number} was saved on {saved_on.isoformat()}; it "
                                           f"cannot have been signed before that ({signed_on.isoformat()}).")
    if signed_by_name is None:
        signed_by_name = default_signer(person, how)
        if not signed_by_name:
            raise ValidationError("signed_by_name", f"{person.display_name}'s record names no representative: "
                                                    "type the name of the person who signed.")
    signed_by_name = required_text("signed_by_name", "The name of the person who signed", signed_by_name)
    checked = _checked_scan(scan, filename)
    if checked is not None:
        copy = store_file(uow, actor, "plan_revisions", revision.id, data=checked.data, filename=checked.filename,
                          media_type=checked.media_type)
        revision.signature_attachment_id = copy.id
    revision.signed_on, revision.signed_how, revision.signed_by_name = signed_on, how, signed_by_name
    revision.signature_recorded_at, revision.signature_recorded_by_id = uow.now(), actor.user_id
    uow.flush()
    changes = {"number": [None, revision.number], "signed_on": [None, signed_on.isoformat()], "how": [None, how],
               "signed_by": [None, signed_by_name]}
    if checked is not None:
        changes["scan"] = [None, f"{checked.filename} sha256:{copy.sha256}"]
    uow.audit.record(actor, revision, "signed", changes=changes)
    return PlanRevisionRow.of(revision), Changes(plans=True)


def signature_scan(uow, actor: Actor, person_id: uuid.UUID, revision_number: int) -> tuple[AttachmentRow, bytes]:
    """The scanned signed plan filed with a revision's signature."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.PLAN)
    person = uow.people.get(person_id)
    revision = queries.revision(uow.session, person.id, revision_number)
    if revision is None or revision.signature_attachment_id is None:
        raise NotFound(f"Revision {revision_number} of {person.display_name}'s plan has no scanned signed copy.")
    copy = uow.session.get(Attachment, revision.signature_attachment_id)
    return AttachmentRow(copy.id, copy.filename, copy.media_type, copy.size, copy.sha256), copy.data


def signer_defaults(uow, actor: Actor, person_id: uuid.UUID) -> dict[str, str]:
    """The name each way of signing would record by default, for the dialog to fill in."""
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    person = uow.people.get(person_id)
    return {how: default_signer(person, how) for how in SIGNING_WAYS}
