"""What the partner directory's Funding tab needs beyond services/funders.py: an organization's funders with
each service's milestone event (what achieves a milestone service), saving a service with its milestone
event in one step, and restoring an archived service, so adding and archiving services can be undone.

Store-wide like the rest of funder setup (Action.MANAGE_PARTNERS to change anything).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields

from caseteam.domain.billing import MilestoneEvent
from caseteam.storage.queries import funding as queries

from . import access, funders
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe, check_version
from .funders import FunderRow, FunderServiceRow


@dataclass(frozen=True)
class ServiceSetupRow(FunderServiceRow):
    """A funder's service as funders.FunderServiceRow has it, and what achieves it when it is a milestone."""

    milestone_event: MilestoneEvent = MilestoneEvent.MANUAL

    @classmethod
    def with_event(cls, uow, row: FunderServiceRow) -> ServiceSetupRow:
        service = queries.funder_service(uow.session, row.id)
        return cls(**{f.name: getattr(row, f.name) for f in fields(FunderServiceRow)},
                   milestone_event=service.milestone_event)


@dataclass(frozen=True)
class FunderSetup:
    funder: FunderRow
    services: tuple[ServiceSetupRow, ...]


def organization_funding(uow, actor: Actor, organization_id: uuid.UUID) -> list[FunderSetup]:
    """The organization's funders (not archived), each with its services and their fee schedules."""
    return [FunderSetup(row, tuple(ServiceSetupRow.with_event(uow, s) for s in row.services))
            for row in funders.list_funders(uow, actor, organization_id=organization_id)]


def _row(uow, service_id: uuid.UUID) -> ServiceSetupRow:
    return ServiceSetupRow.with_event(uow, FunderServiceRow.of(uow, queries.funder_service(uow.session, service_id)))


def _set_event(uow, actor: Actor, service_id: uuid.UUID, event) -> bool:
    service = queries.funder_service(uow.session, service_id)
    event = MilestoneEvent(event)
    if service.milestone_event == event:
        return False
    before, service.milestone_event = service.milestone_event, event
    service.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, service, "service updated", changes=audit_safe({"milestone_event": [before, event]}))
    return True


def add_service(uow, actor: Actor, funder_id: uuid.UUID, *, milestone_event=MilestoneEvent.MANUAL,
                **values) -> tuple[ServiceSetupRow, Changes]:
    """funders.add_funder_service, then the milestone event, in one unit of work."""
    row, changes = funders.add_funder_service(uow, actor, funder_id, **values)
    _set_event(uow, actor, row.id, milestone_event)
    return _row(uow, row.id), changes


def save_service(uow, actor: Actor, service_id: uuid.UUID, *, version: int | None = None, milestone_event=None,
                 **values) -> tuple[ServiceSetupRow, Changes]:
    """funders.update_funder_service and the milestone event together: one save, one version check."""
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    service = queries.funder_service(uow.session, service_id)
    check_version(service, version, f"service {service.code}")
    changes = funders.update_funder_service(uow, actor, service_id, **values)[1] if values else Changes()
    if milestone_event is not None and _set_event(uow, actor, service_id, milestone_event):
        changes = funders.CHANGED
    return _row(uow, service_id), changes


def set_service_archived(uow, actor: Actor, service_id: uuid.UUID, archived: bool, *,
                         version: int | None = None) -> tuple[ServiceSetupRow, Changes]:
    """Archive (funders.archive_funder_service) or restore a funder's service."""
    if archived:
        row, changes = funders.archive_funder_service(uow, actor, service_id, version=version)
        return ServiceSetupRow.with_event(uow, row), changes
    access.require_store_wide(actor, Action.MANAGE_PARTNERS)
    service = queries.funder_service(uow.session, service_id)
    check_version(service, version, f"service {service.code}")
    if service.archived_at is not None:
        service.archived_at, service.updated_at = None, uow.now()
        uow.flush()
        uow.audit.record(actor, service, "service restored")
    return _row(uow, service_id), funders.CHANGED
