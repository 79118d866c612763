"""services/funder_setup on both engines: an organization's funders with each service's milestone event, a
service added and saved with its event in one step (stale copies refused), archive and restore, and only
roles that may change the partner directory changing them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from caseteam.domain.billing import MilestoneEvent
from caseteam.domain.funding import BillingUnit
from caseteam.errors import Conflict, PermissionDenied, ValidationError
from caseteam.services import funder_pack, funder_setup, funders

from test_funders import desk, run  # noqa: F401  (the fixture and its runner)


def test_a_service_added_with_its_milestone_event_shows_under_its_organization(desk):
    added, changes = run(desk, funder_setup.add_service, desk["vr"].id, code="M-90", name="90 days in the job",
                         unit=BillingUnit.MILESTONE, evidence_required="Pay stub",
                         milestone_event=MilestoneEvent.RETENTION_90)
    assert changes.funding and added.milestone_event is MilestoneEvent.RETENTION_90
    with desk["store"].unit_of_work(write=False) as uow:
        setups = funder_setup.organization_funding(uow, desk["actor"], desk["vr_org"].id)
        pack = funder_pack.export_pack(uow, desk["actor"], [desk["vr"].id])
    assert [s.funder.name for s in setups] == ["State VR"]
    events = {s.code: s.milestone_event for s in setups[0].services}
    assert events == {"JC": MilestoneEvent.MANUAL, "M-90": MilestoneEvent.RETENTION_90}
    assert b'"milestone_event": "retention_90"' in pack  # what the pack carries to another store


def test_saving_a_service_and_its_event_is_one_step_against_one_version(desk):
    service = desk["vr_coach"]
    saved, changes = run(desk, funder_setup.save_service, service.id, version=service.version,
                         name="Job coaching on site", milestone_event=MilestoneEvent.PLACEMENT)
    assert changes.funding and (saved.name, saved.milestone_event) == ("Job coaching on site",
                                                                      MilestoneEvent.PLACEMENT)
    with pytest.raises(Conflict):
        run(desk, funder_setup.save_service, service.id, version=service.version, name="Older copy")
    same, nothing = run(desk, funder_setup.save_service, service.id, version=saved.version,
                        milestone_event=MilestoneEvent.PLACEMENT)
    assert not nothing.funding and same.version == saved.version
    with pytest.raises(ValidationError, match="already has a service coded JC"):
        run(desk, funder_setup.add_service, desk["vr"].id, code="JC", name="Again", unit=BillingUnit.HOUR)


def test_an_archived_service_leaves_the_list_and_comes_back_when_restored(desk):
    service = desk["vr_coach"]
    archived, _ = run(desk, funder_setup.set_service_archived, service.id, True)
    assert archived.archived
    with desk["store"].unit_of_work(write=False) as uow:
        assert funder_setup.organization_funding(uow, desk["actor"], desk["vr_org"].id)[0].services == ()
    restored, _ = run(desk, funder_setup.set_service_archived, service.id, False)
    assert not restored.archived and [r.rate for r in restored.rates] == [Decimal("55.00")]
    with desk["store"].unit_of_work(write=False) as uow:
        assert [s.code for s in funder_setup.organization_funding(uow, desk["actor"], desk["vr_org"].id)[0]
                .services] == ["JC"]


def test_only_roles_that_change_the_directory_change_funders(desk):
    with desk["store"].unit_of_work() as uow:
        for call in (lambda: funder_setup.add_service(uow, desk["partner"], desk["vr"].id, code="X", name="X",
                                                      unit=BillingUnit.ITEM),
                     lambda: funder_setup.save_service(uow, desk["partner"], desk["vr_coach"].id, name="X"),
                     lambda: funder_setup.set_service_archived(uow, desk["partner"], desk["vr_coach"].id, False),
                     lambda: funders.update_funder(uow, desk["partner"], desk["vr"].id, name="X")):
            with pytest.raises(PermissionDenied, match="may not change the partner directory"):
                call()
