"""An organization's own clause wording per kind of agreement (the built-in defaults when it has none) and
its letterhead (name, address, phone, optional logo). Everyone signed in reads them; changing them is a
partner-directory change."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from caseteam.domain.agreements import AgreementKind, ClauseTemplate, Letterhead
from caseteam.domain.attachments import Attachment
from caseteam.errors import ValidationError
from caseteam.storage.queries import agreements as queries

from . import access, agreement_clauses, attachments
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version, required_text

CHANGED = Changes(agreements=True)
MAX_LOGO_BYTES = 2 * 1024 * 1024
LOGO_TYPES = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))

# What create_draft fills each placeholder with; the clause editor shows this as its help text.
PLACEHOLDERS: tuple[tuple[str, str], ...] = (
    ("person_name", "The person's name (individual agreements)"),
    ("employment_goal", "The employment goal in the person's current plan (individual agreements)"),
    ("effective_from", "The start date, written out (January 1, 2026)"),
    ("effective_to", "The end date, written out, or \"the end of the agreement\""),
    ("review_on", "The review date, written out, or the end date when none is set"),
    ("parties", "Every party's name (Bridgeway, State VR and Riverside Mental Health)"),
    ("prepared_by", "The organization preparing the agreement"),
    ("contract_number", "The contract number (purchase-of-service agreements)"),
)
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class ClauseTemplateRow:
    id: uuid.UUID | None  # None: a built-in default
    organization_id: uuid.UUID | None
    kind: AgreementKind
    section_key: str
    title: str
    body: str
    position: int
    version: int | None


@dataclass(frozen=True)
class LetterheadRow:
    organization_id: uuid.UUID
    name: str
    address: str
    phone: str
    has_logo: bool
    logo_filename: str
    version: int | None  # None: nothing saved yet, taken from the directory entry


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in `text` that no draft fills (left as written in the agreement), in order, once each."""
    known = {name for name, _ in PLACEHOLDERS}
    found: list[str] = []
    for name in _PLACEHOLDER.findall(text or ""):
        if name not in known and name not in found:
            found.append(name)
    return found


# Clause templates -------------------------------------------------------------------------------------

def _defaults(organization_id: uuid.UUID, kind: AgreementKind) -> list[ClauseTemplateRow]:
    return [ClauseTemplateRow(None, organization_id, kind, key, title, body, n, None)
            for n, (key, title, body) in enumerate(agreement_clauses.DEFAULTS[kind], start=1)]


def _row(t: ClauseTemplate) -> ClauseTemplateRow:
    return ClauseTemplateRow(t.id, t.organization_id, t.kind, t.section_key, t.title, t.body, t.position, t.version)


def clause_templates(uow, actor: Actor, organization_id: uuid.UUID,
                     kind: AgreementKind) -> tuple[list[ClauseTemplateRow], bool]:
    """The organization's own set for `kind` and True, or the built-in defaults and False."""
    kind = AgreementKind(kind)
    uow.organizations.get(organization_id)
    own = queries.clause_templates(uow.session, organization_id, kind)
    return ([_row(t) for t in own], True) if own else (_defaults(organization_id, kind), False)


def _archive_set(uow, organization_id: uuid.UUID, kind: AgreementKind) -> list[str]:
    old = queries.clause_templates(uow.session, organization_id, kind)
    for t in old:
        t.archived_at = uow.now()
    uow.flush()
    return [t.section_key for t in old]


def _checked_sections(sections) -> list[tuple[str, str, str]]:
    checked, keys = [], set()
    for n, (key, title, body) in enumerate(sections, start=1):
        title = required_text("sections", f"The title of section {n}", title)
        key = (key or "").strip() or re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")[:60] or f"section{n}"
        if key in keys:
            raise ValidationError("sections", f"Section {n} ({title}) uses the key \"{key}\" a second time; "
                                              "each section needs its own key.")
        keys.add(key)
        checked.append((key[:60], title, (body or "").strip()))
    return checked


def save_clause_templates(uow, actor: Actor, organization_id: uuid.UUID, kind: AgreementKind,
                          sections) -> tuple[list[ClauseTemplateRow], Changes]:
    """Replace the organization's set for `kind`: the old rows are archived, the new ones numbered in order."""
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    kind = AgreementKind(kind)
    org = uow.organizations.get(organization_id)
    checked = _checked_sections(sections)
    if not checked:
        raise ValidationError("sections", "Add at least one section, or go back to the built-in wording.")
    before = _archive_set(uow, org.id, kind)
    rows = [uow.add(ClauseTemplate(organization_id=org.id, kind=kind, section_key=key, title=title, body=body,
                                   position=n)) for n, (key, title, body) in enumerate(checked, start=1)]
    uow.flush()
    uow.audit.record(actor, org, "clause templates saved", changes=audit_safe(
        {"kind": [None, kind], "sections": [before or None, [key for key, _, _ in checked]]}))
    return [_row(t) for t in rows], CHANGED


def reset_clause_templates(uow, actor: Actor, organization_id: uuid.UUID,
                           kind: AgreementKind) -> tuple[list[ClauseTemplateRow], Changes]:
    """Back to the built-in wording: the organization's own set is archived (kept, not deleted)."""
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    kind = AgreementKind(kind)
    org = uow.organizations.get(organization_id)
    before = _archive_set(uow, org.id, kind)
    if not before:
        return _defaults(org.id, kind), Changes()
    uow.audit.record(actor, org, "clause templates reset", changes=audit_safe(
        {"kind": [None, kind], "sections": [before, None]}))
    return _defaults(org.id, kind), CHANGED


# Letterhead -------------------------------------------------------------------------------------------

def _directory_address(org) -> str:
    return ", ".join(x for x in (org.street, org.city, " ".join(y for y in (org.region, org.postal_code) if y)) if x)


def _letterhead_row(uow, org, head: Letterhead | None) -> LetterheadRow:
    if head is None:
        return LetterheadRow(org.id, org.name, _directory_address(org), org.phone or "", False, "", None)
    logo = uow.session.get(Attachment, head.logo_attachment_id) if head.logo_attachment_id else None
    return LetterheadRow(org.id, head.name, head.address, head.phone, logo is not None,
                         logo.filename if logo else "", head.version)


def letterhead(uow, actor: Actor, organization_id: uuid.UUID) -> LetterheadRow:
    """The saved letterhead, or one taken from the organization's directory entry when none is saved."""
    org = uow.organizations.get(organization_id)
    return _letterhead_row(uow, org, queries.letterhead(uow.session, org.id))


def _checked_logo(data: bytes, filename: str) -> tuple[str, str]:
    filename = required_text("logo", "The logo's file name", filename, max_length=255)
    if not data:
        raise ValidationError("logo", f"The logo {filename} is empty; choose the image file again.")
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError("logo", f"The logo {filename} is {len(data) / (1024 * 1024):.1f} MB; a logo may be "
                                      f"at most {MAX_LOGO_BYTES // (1024 * 1024)} MB.")
    media = next((m for magic, m in LOGO_TYPES if data.startswith(magic)), None)
    if media is None:
        raise ValidationError("logo", f"The logo {filename} is not a PNG or JPEG image; save it as one of those.")
    return filename, media


def save_letterhead(uow, actor: Actor, organization_id: uuid.UUID, *, name: str, address: str, phone: str,
                    logo: bytes | None = None, logo_filename: str = "", remove_logo: bool = False,
                    version: int | None = None) -> tuple[LetterheadRow, Changes]:
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    org = uow.organizations.get(organization_id)
    name = required_text("name", "The letterhead's name", name, max_length=200)
    address = (address or "").strip()
    phone = (phone or "").strip()
    if len(phone) > 60:
        raise ValidationError("phone", f"The phone number is too long ({len(phone)} characters; at most 60).")
    checked = _checked_logo(logo, logo_filename) if logo is not None else None
    head = queries.letterhead(uow.session, org.id)
    before: dict = {}
    if head is not None:
        check_version(head, version, f"the letterhead of {org.name}")
        before = {"name": head.name, "address": head.address, "phone": head.phone,
                  "logo": head.logo_attachment_id is not None}
    logo_id = head.logo_attachment_id if head is not None and not remove_logo else None
    if checked is not None:  # the organization owns its logo: it outlives any one letterhead wording
        logo_id = attachments.store_file(uow, actor, "organizations", org.id, data=logo, filename=checked[0],
                                         media_type=checked[1]).id
    if head is None:
        head = uow.add(Letterhead(organization_id=org.id, name=name, address=address, phone=phone,
                                  logo_attachment_id=logo_id))
    else:
        head.name, head.address, head.phone, head.logo_attachment_id = name, address, phone, logo_id
    after = {"name": name, "address": address, "phone": phone, "logo": head.logo_attachment_id is not None}
    changed = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if checked is not None:
        changed["logo"] = [before.get("logo"), checked[0]]  # a new image counts even when one was there
    if not changed:
        return _letterhead_row(uow, org, head), Changes()
    head.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, head, "letterhead saved", changes=audit_safe(changed))
    return _letterhead_row(uow, org, head), CHANGED


def logo_bytes(uow, actor: Actor, organization_id: uuid.UUID) -> bytes | None:
    org = uow.organizations.get(organization_id)
    head = queries.letterhead(uow.session, org.id)
    if head is None or head.logo_attachment_id is None:
        return None
    return bytes(uow.session.get(Attachment, head.logo_attachment_id).data)
