"""The demo's local partnership (the source report's kind: a county Employment First partnership of the
CRP, VR, the mental-health center, the American Job Center and the Center for Independent Living), with two
representatives per member except Riverbend (one, so it is flagged); life-domain tags on the programs; a
joint strategic plan in progress whose actions are tasks, some done; and people's support needs.

No partner's program serves transportation or housing, and the legal-aid partners are outside the
partnership, so the resource map shows those gaps. Everything is chosen by rule, no random draw."""

from __future__ import annotations

from datetime import date, timedelta

from caseteam.domain.partnerships import LifeDomain as D
from caseteam.domain.partnerships import PartnershipLevel, PlanStatus, StrategicAction
from caseteam.services import access, life_domains, partnerships, strategic_plans, tasks
from caseteam.services import strategic_actions as actions

NAME = "Lakes County Employment First Partnership"
# member organization -> (staff key, role) representatives
MEMBERS = {"crp": (("manager", "Primary"), ("lupe", "Alternate")),
           "vr": (("vr_wendell", "Primary"), ("vr_luis", "Alternate")),
           "mh": (("ips_phil", "Primary"),),
           "ajc": (("ajc_tiffany", "Primary"), ("ajc_sergio", "Alternate")),
           "cil": (("wipa_dana", "Primary"), ("il_terri", "Alternate"))}
DOMAINS = {
    "Title IV Vocational Rehabilitation": (D.EMPLOYMENT, D.EDUCATION, D.ASSISTIVE_TECHNOLOGY),
    "Pre-Employment Transition Services (Pre-ETS)": (D.EMPLOYMENT, D.EDUCATION),
    "Supported Employment (Title VI)": (D.EMPLOYMENT,),
    "Customized Employment": (D.EMPLOYMENT,),
    "Supported Employment – Extended Services": (D.EMPLOYMENT,),
    "Job Club and Work Readiness": (D.EMPLOYMENT, D.COMMUNITY),
    "IPS Supported Employment": (D.EMPLOYMENT, D.HEALTH),
    "Targeted Case Management": (D.HEALTH,),
    "HCBS Intellectual Disability Waiver – Support Coordination": (D.COMMUNITY, D.HEALTH),
    "Work Incentives Planning and Assistance (WIPA)": (D.BENEFITS,),
    "Independent Living Skills and Peer Support": (D.COMMUNITY, D.ASSISTIVE_TECHNOLOGY),
    "WIOA Title I Adult and Dislocated Worker": (D.EMPLOYMENT, D.EDUCATION),
    "Wagner-Peyser Employment Service": (D.EMPLOYMENT,),
    "18-21 Transition Program (Project LAUNCH)": (D.EDUCATION,),
    "Client Assistance Program": (D.LEGAL,),
    "SSI/SSDI Overpayments and Appeals": (D.LEGAL, D.BENEFITS),
}
# (case number divides by, domain, what the plan says); every person needs work.
NEEDS = ((4, D.TRANSPORTATION, "A ride to early shifts: the bus does not run before 7 am"),
         (5, D.HOUSING, "Safe, affordable housing near the bus line"),
         (3, D.BENEFITS, "How earnings change SSI and Medicaid"),
         (7, D.LEGAL, "An SSI overpayment notice to appeal"),
         (6, D.ASSISTIVE_TECHNOLOGY, "A screen reader for a work laptop"))
# goal -> strategies -> actions (text, owner organization, days from the plan's start to due, days to done or None)
PLAN = (
    ("Every partner refers in days, not weeks",
     "Job seekers told the partnership they were referred from office to office.",
     (("One referral form and one release for every partner",
       (("Draft the shared referral form", "vr", 30, 21), ("Agree the two-way release wording", "crp", 45, 40),
        ("Train front-desk staff at every partner on the form", "ajc", 120, None))),
      ("Warm hand-offs between counselors",
       (("Set a monthly case-staffing slot at the American Job Center", "ajc", 60, 50),)))),
    ("Employers see one partnership, not five agencies",
     "Several partners called the same employers in the same month.",
     (("A shared employer contact list",
       (("List the employers each partner works with", "crp", 40, 35),
        ("Name one business lead per employer", "vr", 90, None))),)),
    ("Close the resource gaps the map shows",
     "Transportation and housing needs have no partner; legal help is outside the partnership.",
     (("Invite the missing partners",
       (("Invite Lakes Region Legal Aid to join", "crp", 75, None),
        ("Ask the transit authority about an early-shift route", "cil", 150, None))),)),
)


def schedule_partnerships(cases, p, timeline) -> None:
    timeline.at(p.setup_day + timedelta(days=2), lambda: _set_up(p))
    start = min(max(p.setup_day + timedelta(days=3), p.today - timedelta(days=120)), p.today)
    state: dict = {}
    timeline.at(start, lambda: _write_plan(p, start, state))
    for when, what in _completions(start):
        if when <= p.today:
            timeline.at(when, lambda what=what: _complete(p, state, what))
    for case in cases:
        noted = min(case.referred_on + timedelta(days=14), p.today)
        timeline.at(noted, lambda case=case, noted=noted: _needs(p, case, noted))


def _set_up(p) -> None:
    uow, actor = p.uow, p.supervisor
    row, _ = partnerships.create_partnership(uow, actor, name=NAME, level=PartnershipLevel.LOCAL,
                                             description="County partners meeting monthly to make employment "
                                                         "the first choice for people with disabilities.")
    for org, reps in MEMBERS.items():
        member, _ = partnerships.add_member(uow, actor, row.id, p.org_id(org), joined_on=p.setup_day)
        for staff, role in reps:
            partnerships.add_representative(uow, actor, member.id, p.staff_id(staff), role=role)
    from caseteam.storage.queries import partnerships as queries  # the demo reads the programs it just wrote

    programs = {prog.name: prog.id for org in queries.manual(uow.session) for prog in org.programs}
    for name, domains in DOMAINS.items():
        if name in programs:
            life_domains.set_program_domains(uow, actor, programs[name], domains)
    p.counts["partnerships"] += 1


def _write_plan(p, start: date, state: dict) -> None:
    uow, actor = p.uow, p.supervisor
    ps = partnerships.resolve_partnership(uow, NAME)
    plan, _ = strategic_plans.create_plan(
        uow, actor, ps.id, title=f"Employment First Strategic Plan {start.year}–{start.year + 1}",
        vision="Every person with a disability in Lakes County who wants to work has a job in the community, "
               "at a real wage, with the supports they choose.",
        guiding_principles="Presume that everyone can work\nOne person, one plan, one team\n"
                           "Partners share what they know, with the person's consent\nEmployers are partners too",
        period_from=date(start.year, 1, 1), period_to=date(start.year + 1, 12, 31))
    strategic_plans.set_plan_status(uow, actor, plan.id, PlanStatus.ADOPTED, adopted_on=start)
    for goal_title, why, strategies in PLAN:
        goal, _ = strategic_plans.add_goal(uow, actor, plan.id, title=goal_title, description=why)
        for text, acts in strategies:
            strategy, _ = strategic_plans.add_strategy(uow, actor, goal, text=text)
            for words, owner, due_days, _done in acts:
                action, _ = actions.add_action(uow, actor, strategy, text=words, owner_organization_id=p.org_id(owner),
                                               due=start + timedelta(days=due_days))
                state[words] = action
    state["plan"] = plan.id


def _completions(start: date) -> list[tuple[date, str]]:
    return [(start + timedelta(days=done), words) for _g, _w, strategies in PLAN for _t, acts in strategies
            for words, _o, _d, done in acts if done is not None]


def _complete(p, state: dict, words: str) -> None:
    """Done on the task board, as the owner would: the plan follows its task."""
    action = p.uow.session.get(StrategicAction, state[words])
    tasks.complete_task(p.uow, p.supervisor, action.task_id)
    strategic_plans.sync_action_statuses(p.uow, p.supervisor, state["plan"])


def _needs(p, case, noted: date) -> None:
    if case.person_id is None:
        return
    # The program manager records them at intake review; a person outside Bridgeway's reach, their lead.
    actor = p.supervisor
    if not access.allowed(p.uow, actor, access.Action.EDIT_PERSON, case.person_id):
        actor = p.actors[case.lead]
    life_domains.add_support_need(p.uow, actor, case.person_id, domain=D.EMPLOYMENT,
                                  description="A job that fits their interests and schedule", noted_on=noted)
    for divisor, domain, words in NEEDS:
        if case.number % divisor == 0:
            row, _ = life_domains.add_support_need(p.uow, actor, case.person_id, domain=domain, description=words,
                                                   noted_on=noted)
            if domain is D.BENEFITS and case.number % 2 == 0:  # a benefits planner already answered these
                life_domains.set_need_met(p.uow, actor, row.id, noted)
    p.counts["support_needs"] += 1

