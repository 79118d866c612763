"""Partner presence at the One-Stop: one organization's weekly slots, and every live slot and co-located
partner for the week's "who is in the building" view, each with the names it shows joined in."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from caseteam.domain.organizations import Organization, OrganizationKind, StaffMember
from caseteam.domain.presence import Engagement, PresenceSlot
from caseteam.errors import NotFound


def slot(session: Session, slot_id: uuid.UUID, *, include_archived: bool = False) -> PresenceSlot:
    found = session.get(PresenceSlot, slot_id)
    if found is None or (found.archived_at is not None and not include_archived):
        raise NotFound("That weekly time in the building was not found (it may have been removed).")
    return found


def _named():
    """Slots with their organization, site and staff names (site and staff may be missing)."""
    site = aliased(Organization)
    return (select(PresenceSlot, Organization.name, site.name, StaffMember.given_name, StaffMember.family_name)
            .join(Organization, Organization.id == PresenceSlot.organization_id)
            .outerjoin(site, site.id == PresenceSlot.site_organization_id)
            .outerjoin(StaffMember, StaffMember.id == PresenceSlot.staff_id))


ORDER = (PresenceSlot.weekday, PresenceSlot.starts, PresenceSlot.ends, PresenceSlot.room, PresenceSlot.id)


def slots_of(session: Session, organization_ids, *, include_archived: bool = False) -> list:
    """[(slot, organization name, site name, staff given name, staff family name)] of these organizations,
    by day and hour."""
    ids = set(organization_ids)
    if not ids:
        return []
    stmt = _named().where(PresenceSlot.organization_id.in_(ids))
    if not include_archived:
        stmt = stmt.where(PresenceSlot.archived_at.is_(None))
    return list(session.execute(stmt.order_by(*ORDER)))


def active_slot_count(session: Session, organization_id: uuid.UUID) -> int:
    return session.scalar(select(func.count()).select_from(PresenceSlot).where(
        PresenceSlot.organization_id == organization_id, PresenceSlot.archived_at.is_(None))) or 0


def week(session: Session) -> tuple[list, list[Organization]]:
    """Every live slot of a live organization that is not referral-only (as slots_of gives them), and the
    live co-located organizations."""
    slots = list(session.execute(_named().where(PresenceSlot.archived_at.is_(None),
                                                Organization.archived_at.is_(None),
                                                Organization.engagement != Engagement.REFERRAL_ONLY)
                                 .order_by(*ORDER)))
    co_located = list(session.scalars(select(Organization).where(Organization.archived_at.is_(None),
                                                                 Organization.engagement == Engagement.CO_LOCATED)
                                      .order_by(Organization.name, Organization.ref)))
    return slots, co_located


def sites(session: Session) -> list[tuple[uuid.UUID, str]]:
    """The live One-Stops (American Job Centers) a partner can be at: (id, name)."""
    return list(session.execute(select(Organization.id, Organization.name).where(
        Organization.archived_at.is_(None), Organization.kind == OrganizationKind.AMERICAN_JOB_CENTER)
        .order_by(Organization.name)).all())
