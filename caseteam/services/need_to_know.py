"""What a partner organization may read of a person: only the categories a release lets it receive.

Staff of the person's home organization, administrators and auditors read everything; anyone else
reads the parts of the record whose category an active release covers for their organization. The
record's name and reference are always shown (a release names the person), never the rest unshared.
"""

from __future__ import annotations

import dataclasses
import uuid

from caseteam.domain.consent import InformationCategory
from caseteam.errors import ConsentRequired

from . import consent
from .actors import Actor

CONTACT_FIELDS = ("date_of_birth", "phone", "email", "street", "city", "region", "postal_code",
                  "preferred_language", "interpreter", "communication_needs", "accommodations",
                  "representative_name", "representative_relationship", "representative_contact",
                  "referral_note")


def visible(uow, actor: Actor, person_id: uuid.UUID) -> frozenset[InformationCategory] | None:
    """None: the whole record. Otherwise the categories this account's organization may read."""
    return consent.visible_categories(uow, actor, person_id)


def require_category(uow, actor: Actor, person_id: uuid.UUID, category: InformationCategory) -> None:
    shown = visible(uow, actor, person_id)
    if shown is not None and category not in shown:
        person = uow.people.get(person_id)
        raise ConsentRequired(f"{person.display_name} has not agreed to share their "
                              f"{category.label[0].lower()}{category.label[1:]} with your organization, so it "
                              "is not shown. A release recorded by their home organization would cover it.")


def redact_contact(row, shown: frozenset[InformationCategory] | None):
    """A PersonRow without contact details when they are not shared (the name stays)."""
    if shown is None or InformationCategory.CONTACT in shown:
        return row
    blank = {name: (None if name == "date_of_birth" else "") for name in CONTACT_FIELDS}
    return dataclasses.replace(row, **blank)


def hidden_labels(shown: frozenset[InformationCategory] | None,
                  wanted: tuple[InformationCategory, ...]) -> tuple[str, ...]:
    if shown is None:
        return ()
    return tuple(c.label for c in wanted if c not in shown)
