"""The shared glossary's look-ups: one term, every term with its partner words, and the names the rows show.

Search folds case and accents, which SQL cannot do portably on columns stored as typed (the glossary has no
folded search column, as people have): the services read the live terms (a partnership keeps tens, not
thousands) with their synonyms in two statements and match the folded text in Python."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caseteam.domain.glossary import GlossaryTerm
from caseteam.domain.organizations import Organization
from caseteam.domain.partnerships import Partnership
from caseteam.errors import NotFound


def term(session: Session, term_id: uuid.UUID, *, include_archived: bool = False) -> GlossaryTerm:
    found = session.get(GlossaryTerm, term_id)
    if found is None or (found.archived_at is not None and not include_archived):
        raise NotFound("That glossary term was not found (it may have been archived).")
    return found


def terms(session: Session, *, include_archived: bool = False,
          partnership_id: uuid.UUID | None = None) -> list[GlossaryTerm]:
    """Terms with their synonyms loaded (one more statement), in stored order; the service sorts A–Z."""
    stmt = select(GlossaryTerm).options(selectinload(GlossaryTerm.synonyms))
    if not include_archived:
        stmt = stmt.where(GlossaryTerm.archived_at.is_(None))
    if partnership_id is not None:
        stmt = stmt.where(GlossaryTerm.partnership_id == partnership_id)
    return list(session.scalars(stmt))


def names(session: Session, organization_ids, partnership_ids) -> tuple[dict, dict]:
    """({organization id: name}, {partnership id: name}) for the rows to show."""
    orgs = set(organization_ids) - {None}
    parts = set(partnership_ids) - {None}
    org_names = dict(session.execute(select(Organization.id, Organization.name)
                                     .where(Organization.id.in_(orgs))).all()) if orgs else {}
    part_names = dict(session.execute(select(Partnership.id, Partnership.name)
                                      .where(Partnership.id.in_(parts))).all()) if parts else {}
    return org_names, part_names


def partnership_exists(session: Session, partnership_id: uuid.UUID) -> bool:
    found = session.get(Partnership, partnership_id)
    return found is not None and found.archived_at is None


def choices(session: Session) -> tuple[list[tuple[uuid.UUID, str]], list[tuple[uuid.UUID, str]]]:
    """([(organization id, name)], [(partnership id, name)]) of live records, by name, for the term dialog."""
    orgs = session.execute(select(Organization.id, Organization.name).where(Organization.archived_at.is_(None))
                           .order_by(Organization.name)).all()
    parts = session.execute(select(Partnership.id, Partnership.name).where(Partnership.archived_at.is_(None))
                            .order_by(Partnership.name)).all()
    return [tuple(r) for r in orgs], [tuple(r) for r in parts]
