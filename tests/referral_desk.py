"""Bridgeway (Ana's home, job developer Lupe) referring Ana to Riverside Mental Health (Priya, a partner
account) under a release: the set-up the referral service, document, CLI and screen tests share."""

from __future__ import annotations

from datetime import timedelta

from caseteam.domain.consent import InformationCategory as C
from caseteam.domain.consent import PartyRole
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.users import Role
from caseteam.services import consent, organizations, referrals, users
from caseteam.services.actors import Actor

from builders import casework_desk


def signed_in(store, username, name, role, staff_id=None) -> Actor:
    with store.unit_of_work() as uow:
        return users.ensure_user(uow, username=username, display_name=name, role=role, staff_id=staff_id)


def referral_desk(store, actor) -> dict:
    """Bridgeway (Ana's home, job developer Lupe) refers to Riverside Mental Health (Priya, a partner account);
    Ana signed a release letting Bridgeway share contact details, her plan and her profile with Riverside."""
    desk = casework_desk(store, actor)
    with store.unit_of_work() as uow:
        mh, _ = organizations.create_organization(uow, actor, name="Riverside Mental Health",
                                                  kind=OrganizationKind.MENTAL_HEALTH, phone="555-0142")
        priya, _ = organizations.add_staff(uow, actor, mh.id, given_name="Priya", family_name="Shah",
                                           email="priya@riverside.example")
        other, _ = organizations.create_organization(uow, actor, name="Harbor Legal Aid",
                                                     kind=OrganizationKind.LEGAL_AID)
        program, _ = organizations.add_program(uow, actor, mh.id, name="Supported employment team",
                                               services="IPS job coaching")
        today = uow.today()
        release, _ = consent.record_release(
            uow, actor, desk["ana"].id, parties=[(desk["crp"].id, "", PartyRole.DISCLOSES),
                                                (mh.id, "", PartyRole.RECEIVES)],
            two_way=False, categories=[C.CONTACT, C.PLAN, C.VOCATIONAL], purpose="Mental-health referral",
            signed_on=today - timedelta(days=10), expires_on=today + timedelta(days=300), signer_name="Ana Lima")
    desk.update(mh=mh, priya=priya, other=other, program=program, release=release,
                lupe_actor=desk["jobdev"],
                priya_actor=signed_in(store, "priya", "Priya Shah", Role.PARTNER_STAFF, priya.id),
                auditor=signed_in(store, "audrey", "Audrey Auditor", Role.AUDITOR),
                supervisor_actor=desk["supervisor"])
    return desk


def call(desk, who, fn, *args, **kwargs):
    with desk["store"].unit_of_work() as uow:
        return fn(uow, desk[who], *args, **kwargs)


def read(desk, who, fn, *args, **kwargs):
    with desk["store"].unit_of_work(write=False) as uow:
        return fn(uow, desk[who], *args, **kwargs)


def send(desk, who="lupe_actor", **kwargs):
    values = dict(person_id=desk["ana"].id, to_organization_id=desk["mh"].id, service="Counseling and IPS",
                  reason="Ana asked for help with anxiety at interviews.", shared_categories=[C.CONTACT, C.PLAN],
                  respond_by=desk["today"] + timedelta(days=7))
    values.update(kwargs)
    return call(desk, who, referrals.send_referral, **values)
