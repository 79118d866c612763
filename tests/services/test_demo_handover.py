"""The demo's departed VR counselor left through one handover by the program manager: her record is
inactive, she holds nothing open, her team seats went to her replacement (same roles, from the day she
left), the handover is listed with its reason, and the quality dashboard has nothing to warn about."""

from __future__ import annotations

import uuid

from caseteam.demo import catalog
from caseteam.domain.handovers import HandoverKind
from caseteam.domain.users import Role
from caseteam.services import handovers, organizations
from caseteam.services import quality_dashboard as qd
from caseteam.services.actors import Actor

ADMIN = Actor(uuid.UUID(int=2), "test-admin", "Test administrator", Role.ADMINISTRATOR)


def test_the_departed_counselor_was_handed_over_in_one_step(demo_store):
    with demo_store.unit_of_work(write=False) as uow:
        karen = organizations.resolve_staff(uow, "Karen Mitchell")
        hannah = organizations.resolve_staff(uow, "Hannah Brooks")
        assert not karen.active
        assert sum(handovers.open_item_counts(uow, karen.id).values()) == 0
        assert handovers.open_work(uow, ADMIN, karen.id).items == ()
        [row] = handovers.list_handovers(uow, ADMIN, staff_id=karen.id)
        assert row.deactivated and not row.undone and row.by == "Denise Okafor-Hill"
        assert row.reason == "Karen Mitchell left State VR; Hannah Brooks takes her caseload."
        seats = [i for i in row.items if i.kind is HandoverKind.TEAM_MEMBERSHIP]
        assert len(seats) >= 3 and {i.to_staff_id for i in seats} == {hannah.id}
        assert all(i.new_record_id is not None and "VR counselor on " in i.label for i in seats)
        assert all(i.to_staff_id in {hannah.id, organizations.resolve_staff(uow, "Luis Ortega").id}
                   for i in row.items)
        warning = qd.dashboard(uow, ADMIN).count(qd.QualityKind.INACTIVE_STAFF_WITH_WORK)
        assert warning.lines == ()
    assert catalog.DEPARTING_COUNSELOR == "vr_karen"
