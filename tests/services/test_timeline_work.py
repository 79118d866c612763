"""The timeline's work entries: a negotiation's status changes, jobs started and left, a venture's launch,
critical incidents and plan signatures, in order with the rest, filtered by kind, and hidden from a partner
organization without the release each needs. The rows are written directly (this tests the timeline, not
the services that record them)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone

from builders import record_exchange
from caseteam.domain.consent import InformationCategory as C
from caseteam.domain.employment import SeparationReason
from caseteam.domain.incidents import CriticalIncident, IncidentKind
from caseteam.domain.jobs import JobNegotiation, NegotiationStatus, NegotiationStatusChange
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.teams import TeamRole
from caseteam.domain.users import Role
from caseteam.domain.ventures import Venture, VentureStatus
from caseteam.services import organizations, people, plans, teams
from caseteam.services.actors import Actor
from caseteam.services.plan_signatures import IN_PERSON, record_plan_signature
from caseteam.services.plans import PlanDraft
from caseteam.services.timeline import TimelineKind as K, timeline
from job_rows import add_job

T = date.today()


def _day(n: int) -> date:
    return T - timedelta(days=n)


def _case(store, actor):
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        bakery, _ = organizations.create_organization(uow, actor, name="Riverside Bakery",
                                                      kind=OrganizationKind.EMPLOYER)
        dana, _ = organizations.add_staff(uow, actor, vr.id, given_name="Dana", family_name="Whitfield")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lopez", home_organization_id=crp.id,
                                      stage_entered_on=_day(200))
        plans.save_plan_revision(uow, actor, ana.id, PlanDraft(vision="Bake bread"), summary="First plan")
        talk = uow.add(JobNegotiation(ref=uow.references.next("negotiation"), person_id=ana.id,
                                      organization_id=bakery.id, status=NegotiationStatus.HIRED, status_on=_day(90),
                                      job_title="Bread shaper", version=1))
        uow.flush()
        for n, (before, after, note) in enumerate([(None, NegotiationStatus.IDEA, ""),
                                                    (NegotiationStatus.IDEA, NegotiationStatus.OFFER, "20 h offered"),
                                                    (NegotiationStatus.OFFER, NegotiationStatus.HIRED, "")]):
            uow.add(NegotiationStatusChange(negotiation_id=talk.id, status=after, previous_status=before,
                                            changed_on=_day(150 - 30 * n), changed_by_id=actor.user_id, note=note))
        job = add_job(uow, ana.id, bakery.id, start=_day(80), wage="16.50", hours="20.00", title="Bread shaper",
                      separated_on=_day(20), separation_reason=SeparationReason.BETTER_JOB)
        venture = uow.add(Venture(ref=uow.references.next("venture"), person_id=ana.id,
                                  business_name="Ana's Sourdough", idea="Sell loaves at the market",
                                  status=VentureStatus.LAUNCHED, launch_date=_day(10), version=1))
        uow.flush()
        add_job(uow, ana.id, None, start=_day(10), wage="18.00", hours="12", title="Owner", venture_id=venture.id)
        at = datetime.combine(_day(5), datetime.min.time()).replace(hour=15).astimezone(timezone.utc)
        incident = uow.add(CriticalIncident(ref=uow.references.next("incident"), person_id=ana.id,
                                            kind=IncidentKind.INJURY, occurred_at=at, discovered_at=at,
                                            place="Market stall", description="Cut a finger on the bread knife",
                                            reported_by_id=actor.user_id, version=1))
        uow.flush()
        record_plan_signature(uow, actor, ana.id, 1, signed_on=T, how=IN_PERSON)
    record_exchange(store, actor, ana.id, vr.id, categories=(C.CONTACT, C.PLAN))
    with store.unit_of_work() as uow:
        teams.add_team_member(uow, actor, ana.id, role=TeamRole.VR_COUNSELOR, staff_id=dana.id, start_date=_day(1))
    return dict(ana=ana, talk=talk, job=job, venture=venture, incident=incident, vr=vr, dana=dana)


def _read(store, actor, person_id, **kw):
    with store.unit_of_work(write=False) as uow:
        return timeline(uow, actor, person_id, **kw)


WORK = [K.NEGOTIATION, K.JOB, K.VENTURE, K.INCIDENT, K.SIGNATURE]


def test_work_entries_in_order_with_what_a_reader_needs(store, actor):
    w = _case(store, actor)
    rows = [r for r in _read(store, actor, w["ana"].id) if r.kind in WORK]
    assert [(r.day, r.title) for r in rows] == [
        (T, "Plan revision 1 signed by Ana Lopez"),
        (_day(5), f"Critical incident {w['incident'].ref}: Injury"),
        (_day(10), "Launched Ana's Sourdough"),  # the venture's own job row adds no hire on top
        (_day(20), "Left the job: Bread shaper at Riverside Bakery"),
        (_day(80), "Started work: Bread shaper at Riverside Bakery"),
        (_day(90), "Negotiation with Bread shaper at Riverside Bakery: from offer to hired"),
        (_day(120), "Negotiation with Bread shaper at Riverside Bakery: from idea to offer"),
        (_day(150), "Negotiation with Bread shaper at Riverside Bakery: started at idea"),
    ]
    by_title = {r.title: r for r in rows}
    assert by_title["Started work: Bread shaper at Riverside Bakery"].detail == "20 h a week at $16.50 an hour"
    assert by_title["Left the job: Bread shaper at Riverside Bakery"].detail == "Better job"
    assert by_title["Negotiation with Bread shaper at Riverside Bakery: from idea to offer"].detail == "20 h offered"
    signed = by_title["Plan revision 1 signed by Ana Lopez"]
    assert (signed.reference, signed.detail) == ("Revision 1", "In person, on paper; the revision is locked")
    incident = by_title[f"Critical incident {w['incident'].ref}: Injury"]
    assert incident.detail == "Market stall · Cut a finger on the bread knife" and incident.who == actor.display_name


def test_work_kinds_filter_by_kind_and_date(store, actor):
    w = _case(store, actor)
    assert [r.title for r in _read(store, actor, w["ana"].id, kinds=[K.JOB])] == [
        "Left the job: Bread shaper at Riverside Bakery", "Started work: Bread shaper at Riverside Bakery"]
    window = _read(store, actor, w["ana"].id, kinds=WORK, since=_day(30), until=_day(6))
    assert [r.title for r in window] == ["Launched Ana's Sourdough", "Left the job: Bread shaper at Riverside Bakery"]


def test_a_partner_without_an_employment_release_sees_no_job_entries(store, actor):
    w = _case(store, actor)
    dana = Actor(uuid.uuid4(), "dana", "Dana Whitfield", Role.PARTNER_STAFF, w["dana"].id, w["vr"].id)
    kinds = {r.kind for r in _read(store, dana, w["ana"].id)}
    assert K.SIGNATURE in kinds and K.INCIDENT in kinds  # the plan is shared with State VR
    assert not kinds & {K.NEGOTIATION, K.JOB, K.VENTURE}  # job and employment information is not
