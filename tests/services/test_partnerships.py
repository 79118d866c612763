"""Partnerships: members and their representatives, the single-representative flag, the rules on who
may represent whom, and who may change a partnership. Both engines."""

from __future__ import annotations

import uuid

import pytest

from caseteam.domain.partnerships import LifeDomain as D
from caseteam.domain.users import Role
from caseteam.errors import PermissionDenied, ValidationError
from caseteam.services import life_domains, organizations, partnerships
from caseteam.services.actors import Actor

from partnership_rows import build_partnership, run


@pytest.fixture
def built(store, actor):
    return build_partnership(store, actor)


def test_members_and_representatives_in_order_with_the_single_representative_member_flagged(store, actor, built):
    detail = run(store, lambda uow: partnerships.get_partnership(uow, actor, built["partnership"].id))
    assert detail.partnership.ref.startswith("PS-")
    assert [m.organization_name for m in detail.members] == ["State VR – Eastside", "Bridgeway Employment"]
    assert [(r.name, r.role) for r in detail.members[0].representatives] == [("Karen Mitchell", "Primary"),
                                                                            ("Luis Ortega", "Alternate")]
    flagged = run(store, lambda uow: partnerships.single_representative_partners(uow, actor,
                                                                                 built["partnership"].id))
    assert [m.organization_name for m in flagged] == ["Bridgeway Employment"]


def test_a_representative_who_leaves_their_job_no_longer_counts(store, actor, built):
    run(store, lambda uow: organizations.update_staff(uow, actor, built["luis"].id, version=None, active=False))
    flagged = run(store, lambda uow: partnerships.single_representative_partners(uow, actor,
                                                                                 built["partnership"].id))
    assert [m.organization_name for m in flagged] == ["State VR – Eastside", "Bridgeway Employment"]


def test_representatives_must_work_for_the_member_and_appear_once(store, actor, built):
    with pytest.raises(ValidationError, match="works for Bridgeway Employment, so cannot represent State VR"):
        run(store, lambda uow: partnerships.add_representative(uow, actor, built["vr_member"].id, built["lupe"].id))
    with pytest.raises(ValidationError, match="already represents"):
        run(store, lambda uow: partnerships.add_representative(uow, actor, built["vr_member"].id, built["karen"].id))
    with pytest.raises(ValidationError, match="already a member"):
        run(store, lambda uow: partnerships.add_member(uow, actor, built["partnership"].id, built["vr"].id))


def test_a_member_who_left_and_rejoins_keeps_its_representatives(store, actor, built):
    run(store, lambda uow: partnerships.set_member_archived(uow, actor, built["crp_member"].id, True))
    detail = run(store, lambda uow: partnerships.get_partnership(uow, actor, built["partnership"].id))
    assert [m.organization_name for m in detail.members] == ["State VR – Eastside"]
    again, _ = run(store, lambda uow: partnerships.add_member(uow, actor, built["partnership"].id, built["crp"].id))
    assert again.id == built["crp_member"].id and [r.name for r in again.representatives] == ["Lupe Hernández"]


def test_level_and_name_are_checked_and_stale_copies_refused(store, actor, built):
    with pytest.raises(ValidationError, match="local, state or federal"):
        run(store, lambda uow: partnerships.create_partnership(uow, actor, name="X", level="county"))
    with pytest.raises(ValidationError, match="Partnership name is required"):
        run(store, lambda uow: partnerships.create_partnership(uow, actor, name="  "))
    row, _ = run(store, lambda uow: partnerships.update_partnership(uow, actor, built["partnership"].id,
                                                                    version=built["partnership"].version,
                                                                    level="state"))
    assert row.level.value == "state" and row.version == built["partnership"].version + 1
    from caseteam.errors import Conflict
    with pytest.raises(Conflict):
        run(store, lambda uow: partnerships.update_partnership(uow, actor, built["partnership"].id,
                                                               version=built["partnership"].version, name="Y"))


def test_partner_staff_read_partnerships_but_cannot_change_them(store, actor, built):
    kim = Actor(uuid.uuid4(), "kim", "Kim", Role.PARTNER_STAFF, built["lupe"].id, built["crp"].id)
    assert [p.name for p in run(store, lambda uow: partnerships.list_partnerships(uow, kim))] == [
        "Eastside Employment First"]
    with pytest.raises(PermissionDenied):
        run(store, lambda uow: partnerships.add_member(uow, kim, built["partnership"].id, built["wipa"].id))
    with pytest.raises(PermissionDenied):
        run(store, lambda uow: life_domains.set_program_domains(uow, kim, built["vr_program"].id, [D.HOUSING]))


def test_program_domains_replace_the_set_and_report_the_old_one_for_undo(store, actor, built):
    before, changes = run(store, lambda uow: life_domains.set_program_domains(uow, actor, built["vr_program"].id,
                                                                              [D.HOUSING, "employment"]))
    assert before == (D.EMPLOYMENT, D.EDUCATION) and changes.partnerships
    now = run(store, lambda uow: life_domains.program_domains(uow, actor, [built["vr_program"].id]))
    assert now[built["vr_program"].id] == (D.EMPLOYMENT, D.HOUSING)
    with pytest.raises(ValidationError, match='"roads" is not a life domain'):
        run(store, lambda uow: life_domains.set_program_domains(uow, actor, built["vr_program"].id, ["roads"]))
