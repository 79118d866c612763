"""The visual résumé / portfolio: items of text, each with an optional photo kept in the store, that go
on paper only once the person has agreed to that item. Changing an item's words or photo asks for the
person's agreement again: they agreed to what it showed."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from caseteam.documents.portfolio_document import PortfolioItemView, PortfolioView, render_portfolio
from caseteam.domain.attachments import Attachment
from caseteam.domain.consent import InformationCategory
from caseteam.domain.portfolio import PortfolioItem
from caseteam.errors import ValidationError
from caseteam.storage.queries import portfolio as queries

from . import access, consent, need_to_know
from .access import Action
from .actors import Actor
from .attachments import store_file
from .changes import Changes
from .editing import audit_safe, check_version, required_text
from .records import is_demo

MAX_PHOTO_BYTES = 5 * 1024 * 1024
# Magic bytes, not the file name: a renamed document is still refused.
IMAGE_SIGNATURES = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"))
PRINT_CATEGORIES = (InformationCategory.EMPLOYMENT, InformationCategory.VOCATIONAL)


@dataclass(frozen=True)
class PortfolioItemRow:
    id: uuid.UUID
    person_id: uuid.UUID
    position: int
    title: str
    body: str
    photo_id: uuid.UUID | None
    photo_name: str
    photo_type: str
    agreed_on: date | None
    agreed_how: str
    version: int

    @property
    def agreed(self) -> bool:
        return self.agreed_on is not None

    @property
    def agreement_text(self) -> str:
        if self.agreed_on is None:
            return "Not agreed yet: not printed"
        return f"Agreed {self.agreed_on.isoformat()}" + (f" ({self.agreed_how})" if self.agreed_how else "")


def _rows(uow, items) -> list[PortfolioItemRow]:
    photos = queries.attachments(uow.session, [i.attachment_id for i in items])
    out = []
    for i in items:
        photo = photos.get(i.attachment_id)
        out.append(PortfolioItemRow(i.id, i.person_id, i.position, i.title, i.body, i.attachment_id,
                                    photo.filename if photo else "", photo.media_type if photo else "",
                                    i.agreed_on, i.agreed_how, i.version))
    return out


def _row(uow, item: PortfolioItem) -> PortfolioItemRow:
    return _rows(uow, [item])[0]


def _check(uow, actor: Actor, person_id: uuid.UUID, action: Action = Action.EDIT_PERSON) -> None:
    access.require(uow, actor, action, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.EMPLOYMENT)


def _item(uow, actor: Actor, item_id: uuid.UUID, version: int | None = None, *,
          include_archived: bool = False) -> PortfolioItem:
    item = queries.item(uow.session, item_id, include_archived=include_archived)
    _check(uow, actor, item.person_id)
    check_version(item, version, f'portfolio item "{item.title}"')
    return item


def image_type(data: bytes, filename: str) -> str:
    """PNG or JPEG by the file's first bytes; anything else is refused in words."""
    if not data:
        raise ValidationError("photo", f"{filename or 'The file'} is empty.")
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError("photo", f"{filename or 'The photo'} is {len(data) / (1024 * 1024):.1f} MB; a photo "
                                       f"may be at most {MAX_PHOTO_BYTES // (1024 * 1024)} MB. Save a smaller copy.")
    for signature, media_type in IMAGE_SIGNATURES:
        if data.startswith(signature):
            return media_type
    raise ValidationError("photo", f"{filename or 'That file'} is not a PNG or JPEG photo. Save the picture as PNG "
                                   "or JPEG, then add it.")


def _store_photo(uow, actor: Actor, item: PortfolioItem, data: bytes, filename: str) -> Attachment:
    filename = required_text("photo", "The photo's file name", filename or "photo", max_length=255)
    media_type = image_type(data, filename)
    return store_file(uow, actor, "portfolio_items", item.id, data=data, filename=filename, media_type=media_type)


def add_item(uow, actor: Actor, person_id: uuid.UUID, *, title: str, body: str = "", photo: bytes | None = None,
             filename: str = "") -> tuple[PortfolioItemRow, Changes]:
    """At the end of the portfolio, not agreed yet."""
    _check(uow, actor, person_id)
    person = uow.people.get(person_id)
    title = required_text("title", "The item's title", title)
    body = (body or "").strip()
    if len(body) > 5000:
        raise ValidationError("body", "The words are too long for one item (at most 5,000 characters).")
    if photo is not None:
        image_type(photo, filename)  # refuse before anything is written
    item = uow.add(PortfolioItem(person_id=person.id, position=queries.next_position(uow.session, person.id),
                                 title=title, body=body, agreed_how=""))
    uow.flush()
    if photo is not None:
        item.attachment_id = _store_photo(uow, actor, item, photo, filename).id
        uow.flush()
    uow.audit.record(actor, item, "added", changes={"title": [None, title], "photo": [None, filename or None]})
    return _row(uow, item), Changes(portfolio=True)


def update_item(uow, actor: Actor, item_id: uuid.UUID, *, version: int | None = None, title: str | None = None,
                body: str | None = None, photo: bytes | None = None, filename: str = "",
                remove_photo: bool = False) -> tuple[PortfolioItemRow, Changes]:
    item = _item(uow, actor, item_id, version)
    changed = {}
    if title is not None and title.strip() != item.title:
        changed["title"] = [item.title, required_text("title", "The item's title", title)]
        item.title = changed["title"][1]
    if body is not None and body.strip() != item.body:
        if len(body.strip()) > 5000:
            raise ValidationError("body", "The words are too long for one item (at most 5,000 characters).")
        changed["body"] = ["…", "changed"]
        item.body = body.strip()
    if photo is not None:
        changed["photo"] = [str(item.attachment_id) if item.attachment_id else None, filename]
        item.attachment_id = _store_photo(uow, actor, item, photo, filename).id
    elif remove_photo and item.attachment_id is not None:
        changed["photo"] = [str(item.attachment_id), None]
        item.attachment_id = None
    if changed:
        if item.agreed_on is not None:
            changed["agreed_on"] = [item.agreed_on.isoformat(), None]
            item.agreed_on, item.agreed_how = None, ""
        item.updated_at = uow.now()
        uow.flush()
        uow.audit.record(actor, item, "changed", changes=changed)
    return _row(uow, item), Changes(portfolio=True)


def move_item(uow, actor: Actor, item_id: uuid.UUID, offset: int) -> tuple[PortfolioItemRow, Changes]:
    """Up (-1) or down (+1); the order is the order on paper."""
    item = _item(uow, actor, item_id)
    items = queries.items_of(uow.session, item.person_id)
    here = items.index(item)
    there = max(0, min(here + offset, len(items) - 1))
    items.insert(there, items.pop(here))
    for number, entry in enumerate(items, start=1):
        if entry.position != number:
            entry.position, entry.updated_at = number, uow.now()
    uow.flush()
    uow.audit.record(actor, item, "moved", changes={"position": [here + 1, there + 1]})
    return _row(uow, item), Changes(portfolio=True)


def set_item_archived(uow, actor: Actor, item_id: uuid.UUID, archived: bool, *,
                      version: int | None = None) -> tuple[PortfolioItemRow, Changes]:
    """Remove an item (kept, archived) or bring it back."""
    item = _item(uow, actor, item_id, version, include_archived=True)
    item.archived_at = uow.now() if archived else None
    item.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, item, "removed" if archived else "restored")
    return _row(uow, item), Changes(portfolio=True)


def record_agreement(uow, actor: Actor, item_id: uuid.UUID, *, agreed_on: date, how: str,
                     version: int | None = None) -> tuple[PortfolioItemRow, Changes]:
    """The person agreed that this item may be shown (how: "said yes in our meeting", "signed the list")."""
    item = _item(uow, actor, item_id, version)
    if agreed_on is None or agreed_on > uow.today():
        raise ValidationError("agreed_on", "Give the day the person agreed (today or earlier).")
    how = required_text("how", "How the person agreed", how, max_length=100)
    before = item.agreed_on
    item.agreed_on, item.agreed_how, item.updated_at = agreed_on, how, uow.now()
    uow.flush()
    uow.audit.record(actor, item, "agreement recorded", changes=audit_safe(
        {"agreed_on": [before, agreed_on], "how": [None, how]}))
    return _row(uow, item), Changes(portfolio=True)


def withdraw_agreement(uow, actor: Actor, item_id: uuid.UUID, *, version: int | None = None
                       ) -> tuple[PortfolioItemRow, Changes]:
    item = _item(uow, actor, item_id, version)
    if item.agreed_on is None:
        raise ValidationError("agreed_on", f'"{item.title}" has no recorded agreement.')
    before = item.agreed_on
    item.agreed_on, item.agreed_how, item.updated_at = None, "", uow.now()
    uow.flush()
    uow.audit.record(actor, item, "agreement withdrawn", changes=audit_safe({"agreed_on": [before, None]}))
    return _row(uow, item), Changes(portfolio=True)


def list_items(uow, actor: Actor, person_id: uuid.UUID) -> list[PortfolioItemRow]:
    _check(uow, actor, person_id, Action.VIEW_PERSON)
    return _rows(uow, queries.items_of(uow.session, uow.people.get(person_id).id))


def photo(uow, actor: Actor, item_id: uuid.UUID) -> bytes | None:
    item = queries.item(uow.session, item_id)
    _check(uow, actor, item.person_id, Action.VIEW_PERSON)
    found = queries.attachments(uow.session, [item.attachment_id], with_data=True).get(item.attachment_id)
    return found.data if found else None


def portfolio_pdf(uow, actor: Actor, person_id: uuid.UUID, *, large_print: bool = False,
                  for_party: uuid.UUID | None = None) -> bytes:
    """Only the agreed items. A copy for an organization (`for_party`) is a disclosure: refused unless a
    release lets it receive employment and vocational information, and logged. Printing is audited."""
    access.require(uow, actor, Action.EXPORT_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.EMPLOYMENT)
    person = uow.people.get(person_id, include_archived=True)
    agreed = [i for i in queries.items_of(uow.session, person.id) if i.agreed_on is not None]
    if not agreed:
        raise ValidationError("items", f"{person.display_name} has not agreed to any portfolio item yet, so there "
                                       "is nothing to print. Record the person's agreement to an item first.")
    photos = queries.attachments(uow.session, [i.attachment_id for i in agreed], with_data=True)
    what = f"Portfolio {person.ref}, {len(agreed)} agreed item{'s' if len(agreed) != 1 else ''} " \
           f"(PDF{', large print' if large_print else ''})"
    recipient, party = person.display_name, ""
    if for_party is not None:
        disclosure, _ = consent.record_disclosure(uow, actor, person.id, recipient_organization_id=for_party,
                                                  categories=PRINT_CATEGORIES, description=what, channel="pdf")
        recipient = party = disclosure.recipient_name
    home = person.home_organization
    view = PortfolioView(
        reference=person.ref, version=max(i.agreed_on for i in agreed).isoformat(), person_name=person.display_name,
        items=tuple(PortfolioItemView(i.title, i.body, photos[i.attachment_id].data if i.attachment_id in photos
                                      else None, photos[i.attachment_id].filename if i.attachment_id in photos else "")
                    for i in agreed),
        generated_on=uow.today(), issued_by=home.name if home is not None else "", demo=is_demo(uow), for_party=party)
    data = render_portfolio(view, large_print=large_print)
    uow.audit.record(actor, person, "portfolio printed", changes={"document": what, "recipient": recipient})
    return data
