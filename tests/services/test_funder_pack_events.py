"""A configuration pack carries what achieves each milestone service ("milestone_event"); a pack written
before that key existed still imports and leaves the event it does not mention alone. Both engines."""

from __future__ import annotations

import json
from datetime import date

import pytest

from caseteam.domain.billing import MilestoneEvent
from caseteam.domain.funding import BillingUnit, FunderKind, FunderService
from caseteam.domain.organizations import OrganizationKind
from caseteam.errors import ValidationError
from caseteam.services import funder_pack, funders, organizations
from caseteam.storage.queries import funding as funding_queries


def _pack(**service) -> bytes:
    placement = {"code": "PLC", "name": "Job placement", "unit": "milestone", "rates": [
        {"rate": "2500.00", "effective_from": "2026-01-01", "effective_to": None}], **service}
    return json.dumps({"format": funder_pack.FORMAT, "funders": [{
        "name": "State VR milestones", "organization": "State VR", "kind": "vr", "unit_rounding": "eight_minute",
        "services": [placement]}]}).encode()


def _event(store, code: str) -> MilestoneEvent:
    with store.unit_of_work(write=False) as uow:
        funder = funding_queries.funders(uow.session)[0]
        return funding_queries.service_coded(uow.session, funder.id, code).milestone_event


def test_milestone_event_travels_in_the_pack_and_an_older_pack_leaves_it_alone(store, actor):
    with store.unit_of_work() as uow:
        organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        funder_pack.import_pack(uow, actor, _pack(milestone_event="placement"))
    assert _event(store, "PLC") is MilestoneEvent.PLACEMENT

    with store.unit_of_work(write=False) as uow:
        exported = json.loads(funder_pack.export_pack(uow, actor, [f.id for f in funders.list_funders(uow, actor)]))
    assert exported["funders"][0]["services"][0]["milestone_event"] == "placement"

    with store.unit_of_work() as uow:  # written before the key existed: imports, changes nothing
        summary, _ = funder_pack.import_pack(uow, actor, _pack())
    assert summary.services_updated == 0 and _event(store, "PLC") is MilestoneEvent.PLACEMENT

    with store.unit_of_work() as uow:
        summary, _ = funder_pack.import_pack(uow, actor, _pack(milestone_event="retention_30"))
    assert summary.services_updated == 1 and _event(store, "PLC") is MilestoneEvent.RETENTION_30

    with pytest.raises(ValidationError, match='"milestone_event" for service PLC .* is "day_45"'):
        with store.unit_of_work() as uow:
            funder_pack.import_pack(uow, actor, _pack(milestone_event="day_45"))
    assert _event(store, "PLC") is MilestoneEvent.RETENTION_30


def test_a_service_made_outside_a_pack_exports_as_recorded_by_hand(store, actor):
    with store.unit_of_work() as uow:
        org, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        vr, _ = funders.create_funder(uow, actor, organization_id=org.id, name="State VR", kind=FunderKind.VR)
        service, _ = funders.add_funder_service(uow, actor, vr.id, code="CLS", name="Closure",
                                                unit=BillingUnit.MILESTONE)
        funders.set_rate(uow, actor, service.id, rate="500.00", effective_from=date(2026, 1, 1))
        assert uow.session.get(FunderService, service.id).milestone_event is MilestoneEvent.MANUAL
        exported = json.loads(funder_pack.export_pack(uow, actor, [vr.id]))
    assert exported["funders"][0]["services"][0]["milestone_event"] == "manual"
