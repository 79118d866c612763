"""The demo's referrals, written through the referral services on the demo clock: Bridgeway's job developers
refer people to Riverbend Behavioral Health (whose case manager Kevin O'Brien, the demo "partner" account,
answers them on caseteam) and to partners that are not on caseteam (whose answers Bridgeway's program manager
records), so every status shows, two of them overdue. An acceptance by Riverbend puts Kevin on the person's
team with a first task.

No random value is drawn: the people are the open cases in case-number order (for Riverbend, those whose team
no Riverbend staff member joins otherwise), and dates count back from the demo's today. Where the person's
release does not yet cover the receiving organization, a release for the referral is signed that day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from caseteam.domain.consent import InformationCategory as C
from caseteam.domain.referrals import Urgency
from caseteam.services import referrals

from . import catalog
from .accounts import add_demo_account
from .consent import release_for_referral

MH_SHARES = (C.CONTACT, C.PLAN, C.VOCATIONAL)
PARTNER_SHARES = (C.CONTACT, C.PLAN)


@dataclass(frozen=True)
class Plan:
    """One referral: where to, what for, when it was sent (days ago), how long the answer may take, and its
    steps as (days ago, step, words)."""

    to: str
    service: str
    reason: str
    sent_days_ago: int
    answer_within: int | None
    steps: tuple[tuple[int, str, str], ...] = ()
    urgency: Urgency = Urgency.ROUTINE
    to_staff: str = ""
    sender: str = ""  # a staff key when someone other than the person's lead sends it (the One-Stop)


PLANS = (
    Plan("mh", "Counseling for anxiety at interviews", "Wants help with the worry that stops them at interviews; "
         "asked for a counselor who can meet after work.", 2, 7, urgency=Urgency.SOON),
    Plan("mh", "IPS supported employment alongside customized employment", "Their psychiatrist suggested IPS; we "
         "would like to coordinate job search with Riverbend's employment specialist.", 12, 5),
    Plan("mh", "Case management", "Housing is unstable since the lease ended; needs a case manager to connect "
         "with housing and benefits.", 9, 7, ((8, "receive", ""),), Urgency.URGENT, "cm_kevin"),
    Plan("mh", "Peer support group", "Would like to meet others who work while managing their mental health.", 20, 10,
         ((19, "receive", ""), (17, "accept", "Intake appointment: review goals and the work schedule"))),
    Plan("mh", "Medication management appointments at a time that fits the job", "Starts a morning shift soon; "
         "appointments need to move to late afternoons.", 40, 10,
         ((39, "receive", ""), (36, "accept", "Move appointments to late afternoons"), (30, "start", ""))),
    Plan("mh", "Counseling during the first months on the job", "New job; asked for support through the first "
         "ninety days.", 60, 14,
         ((55, "accept", ""), (50, "start", ""), (10, "complete", "Met every two weeks through the first ninety "
                                                                   "days; still in the job and doing well."))),
    Plan("mh", "Crisis planning", "Asked for a written plan for what to do on a hard day at work.", 30, 7,
         ((29, "receive", ""), (27, "decline", "We see adults 18 and over only in this program; please refer to "
                                               "our youth program instead."))),
    Plan("cil", "Benefits planning (WIPA)", "Offered more hours; needs to know what happens to SSI and Medicaid.",
         25, 14, ((15, "withdraw", "Benefits counseling arranged through the VR counselor instead."),)),
    Plan("vr", "Assistive technology evaluation", "Uses a screen reader; the job's scheduling software needs an "
         "evaluation.", 14, 21, ((13, "receive", ""),)),
    Plan("dd", "Waiver-funded job coaching", "Needs a job coach beyond the first weeks that VR funds.", 45, 14,
         ((40, "accept", ""), (20, "complete", "Waiver job coaching authorized for six months."))),
    Plan("ajc", "Occupational skills training (WIOA)", "Wants a forklift certificate; asking about a training "
         "account at the One-Stop.", 6, 10),
    Plan("mh", "Counseling while looking for work", "Came to the One-Stop's resource room; the job search is "
         "wearing them down and they asked to talk to someone.", 1, 7, sender="ajc_tiffany"),
)


def schedule_referrals(cases, p, timeline) -> None:
    chosen = _people_for(cases, p)
    for plan, case in chosen:
        state: dict = {}
        sent_on = p.today - timedelta(days=plan.sent_days_ago)
        timeline.at(sent_on, lambda plan=plan, case=case, state=state, day=sent_on: _send(p, plan, case, state, day))
        for days_ago, step, words in plan.steps:
            day = p.today - timedelta(days=days_ago)
            timeline.at(day, lambda plan=plan, state=state, step=step, words=words, day=day:
                        _step(p, plan, state, step, words, day))


def _people_for(cases, p) -> list[tuple[Plan, object]]:
    """Open cases referred long enough before the earliest referral, with a job developer as lead; for Riverbend,
    only those whose team no Riverbend staff member joins otherwise."""
    earliest = max(plan.sent_days_ago for plan in PLANS) + 1
    ready = [c for c in sorted(cases, key=lambda c: c.number)
             if not any(stage.closed for stage, _ in c.path) and c.lead in catalog.JOB_DEVELOPERS
             and (p.today - c.referred_on).days > earliest]
    mh_free = [c for c in ready if not any(catalog.STAFF_BY_KEY[key].org == "mh" for key, _, _ in c.partners)
               and c.source != "mh"]
    others = [c for c in ready if c not in mh_free]
    chosen, used = [], set()
    for plan in PLANS:
        pool = mh_free if plan.to == "mh" else others + mh_free
        if plan.sender:  # the sender must be on the person's team
            pool = [c for c in pool if any(key == plan.sender for key, _, _ in c.partners)]
        case = next((c for c in pool if c.number not in used), None)
        if case is None:  # a very small demo: fewer referrals
            if plan.sender:
                continue
            break
        used.add(case.number)
        chosen.append((plan, case))
    return chosen


def _receiver(p, plan: Plan):
    """Riverbend answers on caseteam as the demo partner account; the others' answers are recorded by Bridgeway's
    program manager (a supervisor may record any step)."""
    if plan.to == "mh":
        return add_demo_account(p.uow, p, "partner") or p.supervisor
    return p.supervisor


def _send(p, plan: Plan, case, state: dict, day: date) -> None:
    shares = MH_SHARES if plan.to == "mh" else PARTNER_SHARES
    release_for_referral(p, case, day, plan.to, shares)
    sender = plan.sender or case.lead
    # The One-Stop's referral is sent by its own account; a store whose admin took that name lets the
    # program manager record it for the One-Stop instead.
    actor = (add_demo_account(p.uow, p, "onestop") or p.supervisor) if plan.sender else p.actors[case.lead]
    row, _ = referrals.send_referral(
        p.uow, actor, person_id=case.person_id, to_organization_id=p.org_id(plan.to),
        from_organization_id=p.org_id(catalog.STAFF_BY_KEY[sender].org) if plan.sender else None,
        service=plan.service, reason=plan.reason, shared_categories=shares, from_staff_id=p.staff_id(sender),
        to_staff_id=p.staff_id(plan.to_staff) if plan.to_staff else None, urgency=plan.urgency,
        respond_by=day + timedelta(days=plan.answer_within) if plan.answer_within else None)
    state.update(id=row.id, version=row.version, lead=case.lead)
    p.counts["referrals"] += 1


def _step(p, plan: Plan, state: dict, step: str, words: str, day: date) -> None:
    uow, ref, version = p.uow, state["id"], state["version"]
    actor = p.actors[state["lead"]] if step == "withdraw" else _receiver(p, plan)
    if step == "receive":
        row, _ = referrals.mark_received(uow, actor, ref, version=version)
    elif step == "accept":
        on_caseteam = plan.to == "mh"
        row, _ = referrals.accept_referral(uow, actor, ref, version=version, add_to_team=on_caseteam,
                                           first_task_title=words if on_caseteam else "",
                                           first_task_due=day + timedelta(days=14) if words else None)
    elif step == "decline":
        row, _ = referrals.decline_referral(uow, actor, ref, version=version, reason=words)
    elif step == "start":
        row, _ = referrals.start_referral(uow, actor, ref, version=version)
    elif step == "complete":
        row, _ = referrals.complete_referral(uow, actor, ref, version=version, outcome=words)
    else:
        row, _ = referrals.withdraw_referral(uow, actor, ref, version=version, reason=words)
    state["version"] = row.version
