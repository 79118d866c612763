"""A hand-built local partnership for the partnership, strategic plan and resource map tests.

Members: State VR (Karen and Luis represent it; its program serves employment and education) and
Bridgeway (only Lupe represents it: flagged; serves employment and community). Outside it: a WIPA
benefits office (serves benefits) and a legal aid office (no domains tagged).
People: Ana (homed at VR) needs transportation, employment and benefits; Ben (Lupe is on his team) needs
housing and had a legal need that was met; Cara (homed at legal aid, outside the partnership) needs
transportation. So in the partnership the gaps are exactly transportation, benefits and housing.
"""

from __future__ import annotations

from datetime import timedelta

from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.partnerships import LifeDomain as D
from caseteam.domain.partnerships import PartnershipLevel
from caseteam.domain.teams import TeamRole
from caseteam.services import life_domains, organizations, partnerships, people, teams

from builders import record_exchange


def run(store, op):
    """`op(uow)` in one unit of work on `store`; its answer."""
    with store.unit_of_work() as uow:
        return op(uow)


def build_partnership(store, actor) -> dict:
    with store.unit_of_work() as uow:
        org = organizations
        vr, _ = org.create_organization(uow, actor, name="State VR – Eastside", kind=OrganizationKind.VR_OFFICE,
                                        phone="(563) 555-0110")
        crp, _ = org.create_organization(uow, actor, name="Bridgeway Employment", kind=OrganizationKind.CRP)
        wipa, _ = org.create_organization(uow, actor, name="Benefits Works WIPA",
                                          kind=OrganizationKind.BENEFITS_PLANNING)
        legal, _ = org.create_organization(uow, actor, name="Prairie Legal Aid", kind=OrganizationKind.LEGAL_AID)
        vr_program, _ = org.add_program(uow, actor, vr.id, name="Title IV Vocational Rehabilitation",
                                        mandated_partner=True, funding_stream="WIOA Title IV",
                                        services="Job placement, training", eligibility="A disability that is "
                                        "a barrier to employment")
        crp_program, _ = org.add_program(uow, actor, crp.id, name="Customized employment",
                                         services="Discovery, job development, job coaching")
        wipa_program, _ = org.add_program(uow, actor, wipa.id, name="Work incentives planning",
                                          services="Benefits counseling", funding_stream="SSA WIPA")
        karen, _ = org.add_staff(uow, actor, vr.id, given_name="Karen", family_name="Mitchell", title="VR Counselor",
                                 phone="(563) 555-0111", email="karen@vr.example")
        luis, _ = org.add_staff(uow, actor, vr.id, given_name="Luis", family_name="Ortega")
        lupe, _ = org.add_staff(uow, actor, crp.id, given_name="Lupe", family_name="Hernández",
                                email="lupe@bridgeway.example")
        life_domains.set_program_domains(uow, actor, vr_program.id, [D.EMPLOYMENT, D.EDUCATION])
        life_domains.set_program_domains(uow, actor, crp_program.id, [D.EMPLOYMENT, D.COMMUNITY])
        life_domains.set_program_domains(uow, actor, wipa_program.id, [D.BENEFITS])
        ps, _ = partnerships.create_partnership(uow, actor, name="Eastside Employment First",
                                                level=PartnershipLevel.LOCAL)
        vr_member, _ = partnerships.add_member(uow, actor, ps.id, vr.id)
        crp_member, _ = partnerships.add_member(uow, actor, ps.id, crp.id)
        partnerships.add_representative(uow, actor, vr_member.id, karen.id, role="Primary")
        partnerships.add_representative(uow, actor, vr_member.id, luis.id, role="Alternate")
        partnerships.add_representative(uow, actor, crp_member.id, lupe.id, role="Primary")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="García", home_organization_id=vr.id)
        ben, _ = people.create_person(uow, actor, given_name="Ben", family_name="Adams")
        cara, _ = people.create_person(uow, actor, given_name="Cara", family_name="Nguyễn",
                                       home_organization_id=legal.id)
        record_exchange(uow, actor, ben.id, crp.id)
        teams.add_team_member(uow, actor, ben.id, role=TeamRole.JOB_DEVELOPER, staff_id=lupe.id,
                              start_date=uow.today() - timedelta(days=10))
        needs = {}
        for person, domain in ((ana, D.TRANSPORTATION), (ana, D.EMPLOYMENT), (ana, D.BENEFITS), (ben, D.HOUSING),
                               (ben, D.LEGAL), (cara, D.TRANSPORTATION)):
            need, _ = life_domains.add_support_need(uow, actor, person.id, domain=domain,
                                                    description=f"{person.given_name}: {domain.label}")
            needs[(person.given_name, domain)] = need
        life_domains.set_need_met(uow, actor, needs[("Ben", D.LEGAL)].id, uow.today())
    return dict(vr=vr, crp=crp, wipa=wipa, legal=legal, karen=karen, luis=luis, lupe=lupe, partnership=ps,
                vr_member=vr_member, crp_member=crp_member, ana=ana, ben=ben, cara=cara, needs=needs,
                vr_program=vr_program)
