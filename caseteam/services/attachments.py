"""Files kept inside the store (signed scans, photos): checked in words, filed as an Attachment row with
their hash and size, so they travel with backups, restore, PostgreSQL and exchange."""

from __future__ import annotations

import hashlib
import uuid

from caseteam.domain.attachments import Attachment
from caseteam.errors import ValidationError

from .actors import Actor
from .editing import required_text

MAX_SCAN_BYTES = 25 * 1024 * 1024


def checked_scan(data: bytes, filename: str, *, field: str, name_label: str, again: str) -> str:
    """The scan's file name once the scan is usable; refusals name `field` and say `again` for an empty one
    ("scan the signed form again")."""
    filename = required_text("filename", name_label, filename, max_length=255)
    if not data:
        raise ValidationError(field, f"{filename} is empty; {again}.")
    if len(data) > MAX_SCAN_BYTES:
        raise ValidationError(field, f"{filename} is {len(data) // (1024 * 1024)} MB; a signed copy may be at most "
                                     f"{MAX_SCAN_BYTES // (1024 * 1024)} MB.")
    return filename


def store_file(uow, actor: Actor, owner_entity: str, owner_id: uuid.UUID, *, data: bytes, filename: str,
               media_type: str) -> Attachment:
    """A new Attachment owned by (owner_entity, owner_id), flushed so its id can be referred to."""
    copy = uow.add(Attachment(owner_entity=owner_entity, owner_id=owner_id, filename=filename, media_type=media_type,
                              size=len(data), sha256=hashlib.sha256(data).hexdigest(), created_by_id=actor.user_id,
                              data=bytes(data)))
    uow.flush()
    return copy
