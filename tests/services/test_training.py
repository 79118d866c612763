"""The training log on both engines: completing a course that earns a credential records it with its expiry
(month ends included), a partner briefing with attendees earns nothing, credentials entered directly with a
scan, due for renewal and expired (a renewal takes the old one off both lists), undo of attendance and of a
session, who may bill for a funder, and partner staff refused changes."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from caseteam.documents.dates import long_date
from caseteam.domain.attachments import Attachment
from caseteam.domain.funding import Funder, FunderKind
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.training import CourseTopic, SessionKind
from caseteam.domain.users import Role, User
from caseteam.errors import PermissionDenied, ValidationError
from caseteam.services import organizations, training
from caseteam.services import quality_dashboard as qd
from caseteam.services.quality_dashboard import QualityKind as K
from caseteam.services.actors import Actor

from builders import casework_desk


@pytest.fixture
def desk(store, actor):
    desk = casework_desk(store, actor)
    with store.unit_of_work() as uow:
        mh, _ = organizations.create_organization(uow, actor, name="Riverside Mental Health",
                                                  kind=OrganizationKind.MENTAL_HEALTH)
        counselor, _ = organizations.add_staff(uow, actor, mh.id, given_name="Priya", family_name="Shah")
        denise = uow.staff.get(desk["supervisor"].staff_id)
        desk.update(mh=mh, counselor=counselor, denise=denise.id)
    return desk


def write(desk, fn, *args, **kwargs):
    with desk["store"].unit_of_work() as uow:
        return fn(uow, desk["actor"], *args, **kwargs)[0]


def read(desk, fn, *args, **kwargs):
    with desk["store"].unit_of_work(write=False) as uow:
        return fn(uow, desk["actor"], *args, **kwargs)


def course(desk, **kwargs):
    values = dict(name="Discovery fidelity", topic=CourseTopic.DISCOVERY, provider="Marc Gold & Associates",
                  hours="24", credential_name="Discovery certificate", valid_months=24)
    values.update(kwargs)
    return write(desk, training.add_course, **values)


def test_completing_a_course_records_its_credential_with_the_expiry(desk):
    ce = course(desk, name="CESP", credential_name="CESP", valid_months=12, hours="30.5")
    assert ce.earns == "CESP (valid 12 months)" and str(ce.hours) == "30.50"
    held = date(2024, 2, 29)  # a leap day: a year later there is no February 29
    session = write(desk, training.record_session, kind=SessionKind.COURSE, title="CESP prep", held_on=held,
                    course_id=ce.id, attendees=[desk["lupe"].id, desk["counselor"].id, desk["lupe"].id])
    assert [(a.staff_name, a.organization_name, a.completed) for a in session.attendees] == [
        ("Lupe Hernández", "Bridgeway", True), ("Priya Shah", "Riverside Mental Health", True)]
    creds = read(desk, training.list_credentials)
    assert {(c.staff_name, c.name, c.issuer, c.issued_on, c.expires_on, c.session_id) for c in creds} == {
        ("Lupe Hernández", "CESP", "Marc Gold & Associates", held, date(2025, 2, 28), session.id),
        ("Priya Shah", "CESP", "Marc Gold & Associates", held, date(2025, 2, 28), session.id)}
    assert all(c.state.startswith("Expired ") and "February 28, 2025" in c.state for c in creds)
    assert training.expires_after(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert training.expires_after(date(2026, 1, 31), None) is None

    # Someone who attended without completing earns nothing; completing later (added again) does.
    late = write(desk, training.record_session, kind=SessionKind.COURSE, title="CESP prep, second run",
                 held_on=desk["today"] - timedelta(days=3), course_id=ce.id, attendees=[desk["denise"]],
                 completed=False)
    assert [a.completed for a in late.attendees] == [False]
    assert not read(desk, training.list_credentials, staff_id=desk["denise"])
    with pytest.raises(ValidationError) as err:  # a session still ahead is completed by nobody
        write(desk, training.record_session, kind=SessionKind.COURSE, title="CESP prep, next month",
              held_on=desk["today"] + timedelta(days=30), course_id=ce.id, attendees=[desk["denise"]])
    assert err.value.field == "completed"


def test_a_partner_briefing_records_attendees_and_earns_nothing(desk):
    briefing = write(desk, training.record_session, kind=SessionKind.PARTNER_BRIEFING,
                     title="What Riverside offers", held_on=desk["today"] - timedelta(days=10),
                     presenting_organization_id=desk["mh"].id, place="Bridgeway, room 2",
                     topics="Services: counseling, peer support. Population: adults with SMI. Eligibility: Medicaid.",
                     attendees=[desk["lupe"].id, desk["denise"]])
    assert briefing.presenting_organization_name == "Riverside Mental Health"
    assert briefing.kind.label == "Partner briefing" and len(briefing.attendees) == 2
    [listed] = read(desk, training.list_sessions)
    assert listed.id == briefing.id and "Eligibility: Medicaid" in listed.topics
    assert not read(desk, training.list_credentials)
    with pytest.raises(ValidationError) as err:
        write(desk, training.record_session, kind=SessionKind.PARTNER_BRIEFING, title="No presenter",
              held_on=desk["today"])
    assert err.value.field == "presenting_organization_id"
    with pytest.raises(ValidationError) as err:
        write(desk, training.add_attendee, briefing.id, desk["lupe"].id)
    assert err.value.field == "attendees" and "already on the list" in err.value.message


def test_due_for_renewal_and_expired_leave_out_renewed_credentials(desk):
    today, lupe, denise = desk["today"], desk["lupe"].id, desk["denise"]
    soon = write(desk, training.record_credential, lupe, name="CPR", issuer="Red Cross",
                 issued_on=today - timedelta(days=700), expires_on=today + timedelta(days=20))
    edge = write(desk, training.record_credential, denise, name="CPR", expires_on=today + timedelta(days=60))
    write(desk, training.record_credential, denise, name="CBIS", expires_on=today + timedelta(days=61))
    gone = write(desk, training.record_credential, lupe, name="Benefits planner (WIPA)",
                 expires_on=today - timedelta(days=5))
    write(desk, training.record_credential, lupe, name="Lifetime credential")
    assert soon.state == f"Expires in 20 days ({long_date(soon.expires_on)})"
    assert [c.id for c in read(desk, training.due_for_renewal)] == [soon.id, edge.id]
    assert [c.id for c in read(desk, training.due_for_renewal, 30)] == [soon.id]
    assert [c.id for c in read(desk, training.expired_credentials)] == [gone.id]
    crp = desk["crp"].id
    assert len(read(desk, training.due_for_renewal, organization_id=crp)) == 2

    # Renewing takes the old one off both lists.
    write(desk, training.record_credential, lupe, name="CPR", issued_on=today, expires_on=today + timedelta(days=730))
    write(desk, training.record_credential, lupe, name="Benefits planner (WIPA)", issued_on=today,
          expires_on=today + timedelta(days=365))
    assert [c.id for c in read(desk, training.due_for_renewal)] == [edge.id]
    assert read(desk, training.expired_credentials) == []


def test_a_credential_with_its_certificate_scan_and_dates_checked(desk):
    scan = b"%PDF-1.4 certificate"
    cred = write(desk, training.record_credential, desk["lupe"].id, name="CE certification", issuer="ACRE",
                 issued_on=desk["today"] - timedelta(days=30), expires_on=desk["today"] + timedelta(days=700),
                 scan=scan, filename="ce.pdf")
    with desk["store"].unit_of_work(write=False) as uow:
        stored = uow.session.get(Attachment, cred.attachment_id)
        assert (stored.data, stored.owner_entity, stored.owner_id) == (scan, "credentials", cred.id)
    with pytest.raises(ValidationError) as err:
        write(desk, training.record_credential, desk["lupe"].id, name="X", issued_on=desk["today"],
              expires_on=desk["today"] - timedelta(days=1))
    assert err.value.field == "expires_on"
    with pytest.raises(ValidationError) as err:
        write(desk, training.record_credential, desk["lupe"].id, name="  ")
    assert err.value.field == "name"


def test_removing_an_attendee_and_archiving_a_session_take_their_credentials_along(desk):
    ce = course(desk)
    session = write(desk, training.record_session, kind=SessionKind.COURSE, title="Discovery fidelity, cohort 4",
                    held_on=desk["today"] - timedelta(days=1), course_id=ce.id,
                    attendees=[desk["lupe"].id, desk["denise"]])
    assert len(read(desk, training.list_credentials)) == 2
    after = write(desk, training.remove_attendee, session.id, desk["lupe"].id)
    assert [a.staff_name for a in after.attendees] == ["Denise Okafor"]
    assert [c.staff_name for c in read(desk, training.list_credentials)] == ["Denise Okafor"]
    back = write(desk, training.add_attendee, session.id, desk["lupe"].id)  # undo of the removal
    assert len(back.attendees) == 2 and len(read(desk, training.list_credentials)) == 2
    write(desk, training.remove_attendee, session.id, desk["lupe"].id)
    write(desk, training.archive_session, session.id)
    assert read(desk, training.list_sessions) == [] and read(desk, training.list_credentials) == []
    write(desk, training.restore_session, session.id)
    assert [c.staff_name for c in read(desk, training.list_credentials)] == ["Denise Okafor"]


def test_staff_may_bill_only_with_every_credential_the_funder_requires(desk):
    today, lupe, denise = desk["today"], desk["lupe"].id, desk["denise"]
    with desk["store"].unit_of_work() as uow:
        vr = uow.add(Funder(ref=uow.references.next("funder"), organization_id=desk["crp"].id, name="State VR",
                            kind=FunderKind.VR, rules="", report_layout="", blended_pool=False))
        uow.flush()
        vr_id = vr.id
    with desk["store"].unit_of_work(write=False) as uow:
        assert training.staff_may_bill(uow, lupe, vr_id, today)  # the funder requires nothing yet
    write(desk, training.record_credential, lupe, name="CESP", issued_on=today - timedelta(days=10),
          expires_on=today + timedelta(days=30), required_by_funder_id=vr_id)
    with desk["store"].unit_of_work(write=False) as uow:
        assert training.staff_may_bill(uow, lupe, vr_id, today)
        assert not training.staff_may_bill(uow, lupe, vr_id, today + timedelta(days=31))  # expired by then
        assert not training.staff_may_bill(uow, lupe, vr_id, today - timedelta(days=11))  # not yet issued
        assert not training.staff_may_bill(uow, denise, vr_id, today)
    write(desk, training.record_credential, denise, name="CESP")
    with desk["store"].unit_of_work(write=False) as uow:
        assert training.staff_may_bill(uow, denise, vr_id, today)
    with pytest.raises(ValidationError):
        write(desk, training.record_credential, lupe, name="X", required_by_funder_id=uuid.uuid4())


def test_partner_staff_may_read_the_log_but_not_change_it(desk):
    partner = Actor(uuid.uuid4(), "priya", "Priya Shah", Role.PARTNER_STAFF, desk["counselor"].id, desk["mh"].id)
    with desk["store"].unit_of_work() as uow:
        with pytest.raises(PermissionDenied):
            training.add_course(uow, partner, name="Mine", topic=CourseTopic.OTHER)
        with pytest.raises(PermissionDenied):
            training.record_credential(uow, partner, desk["counselor"].id, name="LPC")
        assert training.list_courses(uow, partner) == []
    ce = course(desk)
    changed = write(desk, training.update_course, ce.id, version=ce.version, valid_months=36)
    assert changed.earns == "Discovery certificate (valid 36 months)"
    write(desk, training.archive_course, ce.id)
    assert read(desk, training.list_courses) == []
    write(desk, training.restore_course, ce.id)
    assert [c.name for c in read(desk, training.list_courses)] == ["Discovery fidelity"]


def test_the_demo_has_courses_a_partner_briefing_and_credentials_due(demo_store):
    demo_day = datetime(2026, 11, 2, 15, tzinfo=timezone.utc)  # the demo_store fixture's today
    with demo_store.unit_of_work(write=False, clock=lambda: demo_day) as uow:
        actor = Actor.of(uow.session.scalars(select(User).where(User.role == Role.SUPERVISOR)).first())
        assert len(training.list_courses(uow, actor)) == 4
        sessions = training.list_sessions(uow, actor)
        briefings = [s for s in sessions if s.kind is SessionKind.PARTNER_BRIEFING]
        assert any(s.presenting_organization_name == "Riverbend Behavioral Health" and len(s.attendees) >= 6
                   and "Eligibility:" in s.topics for s in briefings)
        assert any(c.session_id for c in training.list_credentials(uow, actor))  # earned in a course
        due = training.due_for_renewal(uow, actor)
        assert {c.name for c in due} >= {"CESP", "CPR and first aid"}
        assert [c.staff_name for c in training.expired_credentials(uow, actor)] == ["Andre Washington"]
        found = qd.dashboard(uow, actor)
        assert found.count(K.CREDENTIALS_EXPIRED).count == 1 and found.count(K.TASKS_OVERDUE).count > 0
