"""Past handovers as rows (whose work, by whom, when, what moved to whom, undone or not) and who may
hand work over at all: supervisors and administrators."""

from __future__ import annotations

import uuid

from caseteam.domain.handovers import Handover
from caseteam.domain.users import Role
from caseteam.errors import PermissionDenied
from caseteam.storage.queries import handovers as queries

from .actors import Actor
from .handover_rows import HandoverItemRow, HandoverRow


def require_handover(actor: Actor) -> None:
    if actor.role not in (Role.SUPERVISOR, Role.ADMINISTRATOR):
        raise PermissionDenied(f"Your role ({actor.role.label}) may not hand over a staff member's work; "
                               "supervisors and administrators do.")


def _rows(uow, found: list[Handover]) -> list[HandoverRow]:
    session = uow.session
    staff = queries.staff_named(session, [s for h in found for s in (h.staff_id, *(
        x for i in h.items for x in (i.from_staff_id, i.to_staff_id)))])
    users = queries.user_names(session, [u for h in found for u in (h.actor_id, h.undone_by_id)])
    people = queries.people_named(session, [i.person_id for h in found for i in h.items])
    orgs = queries.organizations_named(session, [s.organization_id for s in staff.values()])

    def name(staff_id) -> str:
        return staff[staff_id].name if staff_id in staff else ""

    rows = []
    for h in found:
        items = tuple(HandoverItemRow(i.kind, i.record_id, i.label, i.person_id,
                                      people[i.person_id].display_name if i.person_id in people else "",
                                      i.from_staff_id, name(i.from_staff_id), i.to_staff_id, name(i.to_staff_id),
                                      i.new_record_id)
                      for i in h.items)
        leaving = staff.get(h.staff_id)
        rows.append(HandoverRow(h.id, h.staff_id, name(h.staff_id), orgs.get(leaving.organization_id, "")
                                if leaving else "", h.deactivated, h.reason, users.get(h.actor_id, ""), h.at,
                                h.undone_at, users.get(h.undone_by_id, ""), items))
    return rows


def row_of(uow, handover: Handover) -> HandoverRow:
    return _rows(uow, [handover])[0]


def list_handovers(uow, actor: Actor, *, staff_id: uuid.UUID | None = None,
                   organization_id: uuid.UUID | None = None) -> list[HandoverRow]:
    """Past handovers, newest first (undone ones too, marked)."""
    require_handover(actor)
    return _rows(uow, queries.handovers(uow.session, staff_id=staff_id, organization_id=organization_id))


def get_handover(uow, actor: Actor, handover_id: uuid.UUID) -> HandoverRow:
    require_handover(actor)
    return row_of(uow, queries.handover(uow.session, handover_id))
