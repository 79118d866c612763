"""A hand-built store for the quality dashboard: the billing desk (Bridgeway, Lupe leading Ana, supervisor
Denise, State VR) plus, for each count, records that belong on it and records just outside it, and one
person of another organization whom Denise may not see. `expected` says which records each count holds."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta, timezone

from caseteam.domain.agreements import (Agreement, AgreementKind, AgreementParty, AgreementSignatory,
                                        AgreementStatus)
from caseteam.domain.discovery import DiscoveryActivity, DiscoverySetting
from caseteam.domain.notes import CaseNote, ContactKind, NoteStatus
from caseteam.domain.people import Stage
from caseteam.domain.plans import PlanRevision
from caseteam.domain.tasks import Task, TaskStatus
from caseteam.services import organizations, people, service_entries, training

from billing_desk import authorize, billing_desk, service
from builders import record_exchange

NOW = datetime.now(timezone.utc)


def _person(desk, given, *, stage=Stage.REFERRAL, days_in_stage=0, home=None, lead=None):
    with desk["store"].unit_of_work() as uow:
        row, _ = people.create_person(uow, desk["actor"], given_name=given, family_name="Test", stage=stage,
                                      stage_entered_on=desk["today"] - timedelta(days=days_in_stage),
                                      home_organization_id=(home or desk["crp"]).id,
                                      lead_staff_id=lead.id if lead else None)
    return row


def _plan(uow, desk, person, number, review_in):
    uow.add(PlanRevision(person_id=person.id, number=number, vision="Work", summary=f"Revision {number}",
                         author_id=desk["actor"].user_id, saved_at=NOW,
                         review_due=None if review_in is None else desk["today"] + timedelta(days=review_in)))


def add_task(uow, desk, title, *, person=None, org=None, due_in=-1, status=TaskStatus.OPEN):
    task = uow.add(Task(ref=uow.references.next("task"), title=title, person_id=person.id if person else None,
                        organization_id=(org or desk["crp"]).id, due=desk["today"] + timedelta(days=due_in),
                        status=status, created_by_id=desk["actor"].user_id))
    uow.flush()
    return task.id


def _activity(uow, desk, person, days_ago):
    uow.add(DiscoveryActivity(person_id=person.id, held_on=desk["today"] - timedelta(days=days_ago),
                              setting=DiscoverySetting.COMMUNITY, minutes=60))


def add_note(uow, desk, person, *, author, cosigned=False, status=NoteStatus.SIGNED, days_ago=3, hours=None):
    note = uow.add(CaseNote(ref=uow.references.next("case_note"), person_id=person.id, kind=ContactKind.MEETING,
                            held_on=desk["today"] - timedelta(days=days_ago), body="Met.", author_id=author.user_id,
                            status=status, signed_at=NOW if status is NoteStatus.SIGNED else None,
                            cosigned_by_id=desk["actor"].user_id if cosigned else None,
                            cosigned_at=NOW if cosigned else None, billable=True,
                            starts_at=time(hours[0], 0) if hours else None,
                            ends_at=time(hours[1], 0) if hours else None))
    uow.flush()
    return note.id


def _agreement(uow, desk, title, *, status=AgreementStatus.FINAL, person=None, party=None, signed=1, total=2):
    ag = uow.add(Agreement(ref=f"AG-T-{uuid.uuid4().hex[:6]}", number=uuid.uuid4().hex[:8], revision=1,
                           kind=AgreementKind.INDIVIDUAL if person else AgreementKind.MOU, status=status,
                           title=title, prepared_by_id=(party or desk["crp"]).id,
                           person_id=person.id if person else None, created_by_id=desk["actor"].user_id,
                           finalized_at=NOW))
    uow.flush()
    p = uow.add(AgreementParty(agreement_id=ag.id, position=1, organization_id=(party or desk["crp"]).id,
                               name="Party"))
    uow.flush()
    for n in range(total):
        uow.add(AgreementSignatory(party_id=p.id, position=n + 1, name=f"Signer {n + 1}",
                                   signed_on=desk["today"] if n < signed else None))
    return ag.id


def quality_desk(store, actor) -> dict:
    desk = billing_desk(store, actor)
    today, crp, vr_org = desk["today"], desk["crp"], desk["vr_org"]
    with store.unit_of_work() as uow:
        lupe = uow.staff.get(desk["lupe"].id)
        denise = uow.staff.get(desk["supervisor"].staff_id)
        lupe_id, denise_id = lupe.id, denise.id
    with store.unit_of_work() as uow:
        counselor, _ = organizations.add_staff(uow, actor, vr_org.id, given_name="Vera", family_name="Counselor")
    ana = desk["ana"]
    ben = _person(desk, "Ben", lead=desk["lupe"])                                     # review overdue
    cara = _person(desk, "Cara", stage=Stage.DISCOVERY, days_in_stage=50, lead=desk["lupe"])   # idle 30 days
    dan = _person(desk, "Dan", stage=Stage.DISCOVERY, days_in_stage=100)               # active, but 14 weeks
    eve = _person(desk, "Eve", stage=Stage.DISCOVERY, days_in_stage=20)                # fine
    fay = _person(desk, "Fay", stage=Stage.JOB_DEVELOPMENT, days_in_stage=200, lead=desk["lupe"])  # long in stage
    gus = _person(desk, "Gus", stage=Stage.EXTENDED_SUPPORTS, days_in_stage=900)       # long, but left out
    hal = _person(desk, "Hal", stage=Stage.CLOSED_SUCCESSFUL, days_in_stage=400, lead=desk["lupe"])  # closed
    other = _person(desk, "Olga", stage=Stage.JOB_DEVELOPMENT, days_in_stage=300, home=vr_org)  # not Denise's
    e = {}
    with store.unit_of_work() as uow:
        _plan(uow, desk, ana, 1, -40)
        _plan(uow, desk, ana, 2, 30)              # the latest is not overdue
        _plan(uow, desk, ben, 1, -3)
        _plan(uow, desk, hal, 1, -100)            # closed: left out
        _plan(uow, desk, other, 1, -10)
        e["tasks"] = [add_task(uow, desk, "Call VR", person=ana, due_in=-5),
                      add_task(uow, desk, "Order supplies", due_in=-2),   # about no one person
                      add_task(uow, desk, "Send IPE copy", person=ben, org=vr_org, due_in=-1)]
        add_task(uow, desk, "Due today", person=ana, due_in=0)
        add_task(uow, desk, "Done late", person=ana, due_in=-9, status=TaskStatus.DONE)
        e["other_task"] = add_task(uow, desk, "Olga's task", person=other, org=vr_org, due_in=-4)
        _activity(uow, desk, cara, 30)
        _activity(uow, desk, dan, 2)
        _activity(uow, desk, dan, 96)
        _activity(uow, desk, eve, 5)
        jobdev, supervisor = desk["jobdev"], desk["supervisor"]
        e["notes"] = [add_note(uow, desk, ana, author=jobdev, hours=(9, 11)),
                      add_note(uow, desk, ben, author=jobdev, days_ago=10)]
        e["billed_note"] = add_note(uow, desk, ana, author=jobdev, cosigned=True, days_ago=4, hours=(13, 14))
        add_note(uow, desk, ana, author=jobdev, status=NoteStatus.DRAFT)
        add_note(uow, desk, ana, author=jobdev, cosigned=True, days_ago=40, hours=(8, 16))  # outside the 30 days
        e["other_note"] = add_note(uow, desk, other, author=supervisor)
        e["agreements"] = [_agreement(uow, desk, "Bridgeway–VR MOU"),
                           _agreement(uow, desk, "Ana's service agreement", person=ana, signed=0)]
        _agreement(uow, desk, "Signed one", status=AgreementStatus.SIGNED, signed=2)
        _agreement(uow, desk, "Draft", status=AgreementStatus.DRAFT)
        e["other_agreement"] = _agreement(uow, desk, "VR's own MOU", party=vr_org)
    coaching = service(desk, desk["vr"], "JC", "48.00", name="Job coaching")
    with store.unit_of_work() as uow:
        for days_ago, hours, note in ((4, (13, 14), e["billed_note"]), (6, (9, 12), None)):
            service_entries.record_service(uow, actor, ana.id, funder_service_id=coaching,
                                           served_on=today - timedelta(days=days_ago), starts_at=time(hours[0], 0),
                                           ends_at=time(hours[1], 0), provider_organization_id=crp.id,
                                           staff_id=lupe_id, case_note_id=note)
    e["authorization"] = authorize(desk, coaching, starts=-200, ends=12)[0]
    authorize(desk, coaching, starts=-200, ends=45)
    authorize(desk, coaching, person=other, starts=-200, ends=5)
    e["release"] = record_exchange(store, actor, ana.id, vr_org.id, expires_on=today + timedelta(days=20)).id
    record_exchange(store, actor, ben.id, vr_org.id, expires_on=today + timedelta(days=200))
    with store.unit_of_work() as uow:
        c = training.record_credential
        e["expiring"] = c(uow, actor, lupe_id, name="CPR", expires_on=today + timedelta(days=15))[0].id
        c(uow, actor, denise_id, name="CPR", expires_on=today + timedelta(days=90))
        e["expired"] = c(uow, actor, denise_id, name="CESP", expires_on=today - timedelta(days=3))[0].id
        c(uow, actor, counselor.id, name="CRC", expires_on=today + timedelta(days=10))   # VR's staff
    desk.update(ben=ben, cara=cara, dan=dan, eve=eve, fay=fay, gus=gus, hal=hal, other=other,
                lupe_id=lupe_id, denise_id=denise_id, coaching=coaching, expected=e)
    return desk
