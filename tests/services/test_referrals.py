"""Closed-loop referrals on both engines: every step of the loop with its event and audit entry, refusals
(wrong status, wrong organization, an auditor) in words, refusal without consent writing nothing, overdue for
both sides, undo of each step (an acceptance takes back the team membership and first task it made), who sees
what in the inbox and outbox, and the quality dashboard's referral counts (for both organizations' supervisors)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.consent import Disclosure, InformationCategory as C
from caseteam.domain.referrals import Referral, ReferralEvent, ReferralStatus as S, Urgency
from caseteam.domain.tasks import TaskStatus
from caseteam.domain.teams import TeamRole
from caseteam.domain.users import Role
from caseteam.errors import Conflict, ConsentRequired, PermissionDenied, ValidationError
from caseteam.services import organizations, people, referrals, tasks, teams

from referral_desk import call, read, referral_desk, send, signed_in


@pytest.fixture
def desk(store, actor):
    return referral_desk(store, actor)


def audit_actions(store, referral_id) -> list[str]:
    with store.unit_of_work(write=False) as uow:
        return list(uow.session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "referrals",
                                                                       AuditEntry.entity_id == str(referral_id))
                                        .order_by(AuditEntry.seq)))


def test_sending_records_the_referral_its_event_and_the_disclosure(desk):
    row, changes = send(desk, program_id=desk["program"].id, urgency=Urgency.SOON)
    assert changes.referrals and changes.consent
    assert row.ref.startswith("RF-") and row.status is S.SENT and row.sent_on == desk["today"]
    assert (row.person_name, row.from_organization_name, row.from_staff_name, row.to_organization_name) == (
        "Ana Lima", "Bridgeway", "Lupe Hernández", "Riverside Mental Health")
    assert row.shared_categories == (C.CONTACT, C.PLAN) and row.release_ref == desk["release"].ref
    assert row.program_name == "Supported employment team" and row.urgency is Urgency.SOON
    assert row.contact == "Riverside Mental Health, 555-0142" and not row.overdue and row.days_open == 0
    assert audit_actions(desk["store"], row.id) == ["sent"]
    detail = read(desk, "lupe_actor", referrals.get_referral, row.id)
    assert [(e.status, e.actor_name, e.staff_name) for e in detail.events] == [
        (S.SENT, "Lupe Hernández", "Lupe Hernández")]
    assert detail.may_act == {"withdraw", "edit"}
    with desk["store"].unit_of_work(write=False) as uow:
        shared = uow.session.scalars(select(Disclosure).where(Disclosure.person_id == desk["ana"].id)).all()
    assert [(d.channel, d.recipient_name, d.categories, d.description) for d in shared] == [
        ("referral", "Riverside Mental Health", "contact,plan", f"Referral {row.ref}: Counseling and IPS")]
    assert read(desk, "lupe_actor", referrals.referral_by_ref, row.ref.lower()).id == row.id


def test_refused_without_consent_writes_nothing(desk):
    with pytest.raises(ConsentRequired) as err:
        send(desk, shared_categories=[C.CONTACT, C.MENTAL_HEALTH])
    assert "Riverside Mental Health" in str(err.value) and "mental health" in str(err.value)
    with pytest.raises(ConsentRequired):
        send(desk, to_organization_id=desk["other"].id)
    with desk["store"].unit_of_work(write=False) as uow:
        assert uow.session.scalar(select(func.count()).select_from(Referral)) == 0
        assert uow.session.scalar(select(func.count()).select_from(ReferralEvent)) == 0
        assert uow.session.scalar(select(func.count()).select_from(Disclosure)) == 0
        assert not uow.session.scalars(select(AuditEntry).where(AuditEntry.entity == "referrals")).all()


def test_sending_refuses_bad_input_naming_the_field(desk):
    cases = [(dict(service=" "), "service"), (dict(reason=""), "reason"), (dict(shared_categories=[]),
                                                                           "shared_categories"),
             (dict(to_organization_id=desk["crp"].id), "to_organization_id"),
             (dict(to_staff_id=desk["lupe"].id), "to_staff_id"),
             (dict(respond_by=desk["today"] - timedelta(days=1)), "respond_by"),
             (dict(on=desk["today"] + timedelta(days=1)), "on")]
    for kwargs, field in cases:
        with pytest.raises(ValidationError) as err:
            send(desk, **kwargs)
        assert err.value.field == field, kwargs
    with pytest.raises(PermissionDenied, match="may read referrals but not change"):
        send(desk, "auditor")
    with pytest.raises(PermissionDenied, match="only from your own organization"):
        send(desk, from_organization_id=desk["other"].id)


def test_the_whole_loop_each_step_with_its_event_and_audit_entry(desk):
    sent, _ = send(desk)
    received, _ = call(desk, "priya_actor", referrals.mark_received, sent.id, version=sent.version)
    assert received.status is S.RECEIVED
    accepted, changes = call(desk, "priya_actor", referrals.accept_referral, received.id, version=received.version,
                             first_task_title="Intake appointment with Ana",
                             first_task_due=desk["today"] + timedelta(days=3), note="Welcome")
    assert changes.teams and changes.tasks and accepted.status is S.ACCEPTED
    assert accepted.to_staff_name == "Priya Shah"  # nobody chosen: the one who accepts takes it
    started, _ = call(desk, "priya_actor", referrals.start_referral, accepted.id, version=accepted.version)
    done, _ = call(desk, "priya_actor", referrals.complete_referral, started.id, version=started.version,
                   outcome="Attends weekly sessions; interview anxiety down.")
    assert done.status is S.COMPLETED and done.outcome.startswith("Attends") and done.closed
    assert audit_actions(desk["store"], sent.id) == ["sent", "received", "accepted", "started", "completed"]
    detail = read(desk, "lupe_actor", referrals.get_referral, sent.id)
    assert [e.status for e in detail.events] == [S.SENT, S.RECEIVED, S.ACCEPTED, S.IN_PROGRESS, S.COMPLETED]
    assert [e.actor_name for e in detail.events[1:]] == ["Priya Shah"] * 4
    assert detail.events[2].note == "Welcome"
    assert detail.may_act == frozenset()  # the sending side cannot undo the receiving side's step
    assert "revert" in read(desk, "priya_actor", referrals.get_referral, sent.id).may_act


def test_accepting_puts_the_taker_on_the_team_with_a_first_task_and_undo_takes_them_back(desk):
    sent, _ = send(desk, to_staff_id=desk["priya"].id)
    accepted, _ = call(desk, "priya_actor", referrals.accept_referral, sent.id, version=sent.version,
                       first_task_title="Intake appointment", team_role=None)
    assert accepted.to_staff_name == "Priya Shah" and accepted.first_task_ref.startswith("TK-")
    assert accepted.contact == "Priya Shah, 555-0142, priya@riverside.example"
    with desk["store"].unit_of_work(write=False) as uow:
        view = teams.team_view(uow, desk["actor"], desk["ana"].id)
        task = uow.tasks.get(accepted.first_task_id)
        assert (task.staff_id, task.organization_id, task.status) == (desk["priya"].id, desk["mh"].id,
                                                                     TaskStatus.OPEN)
    member = [line.member for line in view.lines if line.member.id == accepted.team_member_id][0]
    assert (member.name, member.role, member.end_date) == ("Priya Shah", TeamRole.CASE_MANAGER, None)
    # Now on the team, Priya sees Ana's record.
    assert read(desk, "priya_actor", people.get_person, desk["ana"].id).id == desk["ana"].id

    back, changes = call(desk, "priya_actor", referrals.revert_referral, accepted.id, version=accepted.version)
    assert changes.teams and changes.tasks
    assert back.status is S.SENT and back.team_member_id is None and back.first_task_id is None
    with desk["store"].unit_of_work(write=False) as uow:
        assert uow.tasks.get(accepted.first_task_id).status is TaskStatus.CANCELLED
        assert uow.team_members.get(accepted.team_member_id, include_archived=True).archived_at is not None
    assert audit_actions(desk["store"], sent.id) == ["sent", "accepted", "step undone"]
    events = read(desk, "lupe_actor", referrals.get_referral, sent.id).events
    assert [e.status for e in events] == [S.SENT, S.ACCEPTED, S.SENT]
    assert events[-1].note.startswith("Undone: accepted")
    # Accepted again after the undo: a fresh membership.
    again, _ = call(desk, "priya_actor", referrals.accept_referral, sent.id, version=back.version)
    assert again.team_member_id not in (None, accepted.team_member_id)


def test_undo_of_an_acceptance_is_refused_when_its_task_was_worked_on(desk):
    sent, _ = send(desk, to_staff_id=desk["priya"].id)
    accepted, _ = call(desk, "priya_actor", referrals.accept_referral, sent.id, version=sent.version,
                       first_task_title="Intake")
    call(desk, "priya_actor", tasks.complete_task, accepted.first_task_id)
    with pytest.raises(Conflict, match="is done now"):
        call(desk, "priya_actor", referrals.revert_referral, accepted.id, version=accepted.version)
    with pytest.raises(Conflict):  # a stale copy
        call(desk, "priya_actor", referrals.revert_referral, accepted.id, version=sent.version)


def test_undo_of_decline_completion_and_withdrawal_clears_their_words(desk):
    sent, _ = send(desk)
    declined, _ = call(desk, "priya_actor", referrals.decline_referral, sent.id, version=sent.version,
                       reason="Our waiting list is closed until spring.")
    assert declined.decline_reason.startswith("Our waiting list") and declined.status is S.DECLINED
    back, _ = call(desk, "priya_actor", referrals.revert_referral, sent.id, version=declined.version)
    assert back.status is S.SENT and back.decline_reason == ""
    withdrawn, _ = call(desk, "lupe_actor", referrals.withdraw_referral, sent.id, version=back.version,
                        reason="Ana found a counselor herself.")
    assert withdrawn.status is S.WITHDRAWN
    with pytest.raises(PermissionDenied, match="sending organization"):
        call(desk, "priya_actor", referrals.revert_referral, sent.id, version=withdrawn.version)
    back, _ = call(desk, "lupe_actor", referrals.revert_referral, sent.id, version=withdrawn.version)
    accepted, _ = call(desk, "priya_actor", referrals.accept_referral, sent.id, version=back.version,
                       add_to_team=False)
    done, _ = call(desk, "priya_actor", referrals.complete_referral, sent.id, version=accepted.version,
                   outcome="Seen twice")  # accepted may go straight to completed
    back, _ = call(desk, "priya_actor", referrals.revert_referral, sent.id, version=done.version)
    assert back.status is S.ACCEPTED and back.outcome == ""
    back, _ = call(desk, "priya_actor", referrals.revert_referral, sent.id, version=back.version)
    assert back.status is S.SENT
    with pytest.raises(ValidationError, match="no step to undo"):
        call(desk, "lupe_actor", referrals.revert_referral, sent.id, version=back.version)
    assert audit_actions(desk["store"], sent.id).count("step undone") == 4


def test_refused_steps_say_why(desk):
    sent, _ = send(desk)
    with pytest.raises(ValidationError, match="is sent; it cannot be started now") as err:
        call(desk, "priya_actor", referrals.start_referral, sent.id, version=sent.version)
    assert err.value.field == "status"
    with pytest.raises(PermissionDenied, match=r"Only the receiving organization \(Riverside Mental Health\)"):
        call(desk, "lupe_actor", referrals.accept_referral, sent.id, version=sent.version, add_to_team=False)
    with pytest.raises(PermissionDenied, match=r"Only the sending organization \(Bridgeway\)"):
        call(desk, "priya_actor", referrals.withdraw_referral, sent.id, version=sent.version, reason="No")
    with pytest.raises(PermissionDenied, match="may read referrals but not change"):
        call(desk, "auditor", referrals.mark_received, sent.id, version=sent.version)
    assert read(desk, "auditor", referrals.get_referral, sent.id).may_act == frozenset()
    with pytest.raises(ValidationError) as err:
        call(desk, "priya_actor", referrals.decline_referral, sent.id, version=sent.version, reason=" ")
    assert err.value.field == "reason"
    with pytest.raises(ValidationError) as err:
        call(desk, "priya_actor", referrals.accept_referral, sent.id, version=sent.version, staff_id=desk["lupe"].id)
    assert err.value.field == "staff_id" and "Bridgeway" in err.value.message
    with pytest.raises(Conflict):
        call(desk, "priya_actor", referrals.mark_received, sent.id, version=sent.version - 1)
    # A supervisor may do everything, whichever side.
    received, _ = call(desk, "supervisor_actor", referrals.mark_received, sent.id, version=sent.version)
    withdrawn, _ = call(desk, "supervisor_actor", referrals.withdraw_referral, sent.id, version=received.version,
                        reason="Sent twice by mistake")
    with pytest.raises(ValidationError, match="is withdrawn; it cannot be marked as received"):
        call(desk, "priya_actor", referrals.mark_received, sent.id, version=withdrawn.version)
    with pytest.raises(ValidationError, match="closed referral"):
        call(desk, "lupe_actor", referrals.update_referral, sent.id, version=withdrawn.version, reason="x")
    assert audit_actions(desk["store"], sent.id) == ["sent", "received", "withdrawn"]


def test_editing_an_open_referral(desk):
    sent, _ = send(desk)
    changed, _ = call(desk, "lupe_actor", referrals.update_referral, sent.id, version=sent.version,
                      reason="Ana asked for help with anxiety.", urgency=Urgency.URGENT,
                      respond_by=desk["today"] + timedelta(days=2))
    assert changed.urgency is Urgency.URGENT and changed.version > sent.version
    assert audit_actions(desk["store"], sent.id) == ["sent", "changed"]
    with pytest.raises(PermissionDenied):  # the receiving side changes only who takes it
        call(desk, "priya_actor", referrals.update_referral, sent.id, version=changed.version, reason="no")
    taken, _ = call(desk, "priya_actor", referrals.update_referral, sent.id, version=changed.version,
                    to_staff_id=desk["priya"].id)
    assert taken.to_staff_name == "Priya Shah"
    with pytest.raises(ValidationError) as err:
        call(desk, "lupe_actor", referrals.update_referral, sent.id, version=taken.version, program_id=None,
             status="completed")
    assert err.value.field == "status"


def test_overdue_shows_for_both_sides_until_answered(desk, store):
    late, _ = send(desk, on=desk["today"] - timedelta(days=10), respond_by=desk["today"] - timedelta(days=1))
    due_today, _ = send(desk, on=desk["today"] - timedelta(days=3), respond_by=desk["today"])
    assert late.overdue and late.days_open == 10 and "overdue" in late.status_words
    assert not due_today.overdue
    for who, direction in (("lupe_actor", "outbox"), ("priya_actor", "inbox")):
        org = desk["crp"].id if who == "lupe_actor" else desk["mh"].id
        found = read(desk, who, referrals.list_referrals, organization_id=org, direction=direction,
                     overdue_only=True)
        assert [r.ref for r in found] == [late.ref], who
    received, _ = call(desk, "priya_actor", referrals.mark_received, late.id, version=late.version)
    assert received.overdue  # received is not an answer
    answered, _ = call(desk, "priya_actor", referrals.accept_referral, late.id, version=received.version,
                       add_to_team=False)
    assert not answered.overdue
    assert not read(desk, "lupe_actor", referrals.list_referrals, overdue_only=True)
    counts = read(desk, "lupe_actor", referrals.referral_counts, organization_id=desk["crp"].id)
    assert (counts.open, counts.overdue, counts.by_status[S.ACCEPTED], counts.by_status[S.SENT]) == (2, 0, 1, 1)
    assert counts.median_days_to_answer == 10.0 and counts.sent_last_30_days == 2


def test_who_sees_which_referrals(desk, store):
    sent, _ = send(desk)
    # Priya is not on Ana's team and may not open her record, but sees the referral in her inbox.
    with pytest.raises(PermissionDenied):
        read(desk, "priya_actor", people.get_person, desk["ana"].id)
    inbox = read(desk, "priya_actor", referrals.list_referrals, organization_id=desk["mh"].id, direction="inbox")
    assert [r.ref for r in inbox] == [sent.ref]
    assert not read(desk, "priya_actor", referrals.list_referrals, organization_id=desk["mh"].id,
                    direction="outbox")
    assert read(desk, "priya_actor", referrals.get_referral, sent.id).may_act == {"receive", "accept", "decline",
                                                                                 "edit"}
    # Someone at a third organization, on nobody's team, sees neither the person nor the referral.
    with store.unit_of_work() as uow:
        lawyer, _ = organizations.add_staff(uow, desk["actor"], desk["other"].id, given_name="Omar",
                                            family_name="Diaz")
    desk["omar"] = signed_in(store, "omar", "Omar Diaz", Role.PARTNER_STAFF, lawyer.id)
    assert not read(desk, "omar", referrals.list_referrals)
    with pytest.raises(PermissionDenied, match="neither to nor from your organization"):
        read(desk, "omar", referrals.get_referral, sent.id)
    assert read(desk, "omar", referrals.referral_counts).open == 0
    # Filters: status, open only, service words, the person.
    assert read(desk, "lupe_actor", referrals.list_referrals, statuses=[S.SENT])[0].ref == sent.ref
    assert not read(desk, "lupe_actor", referrals.list_referrals, statuses=[S.COMPLETED])
    assert read(desk, "lupe_actor", referrals.list_referrals, service_text="ips")
    assert not read(desk, "lupe_actor", referrals.list_referrals, service_text="housing")
    assert read(desk, "lupe_actor", referrals.list_referrals, person_id=desk["ana"].id, open_only=True)
    with pytest.raises(ValidationError):
        read(desk, "lupe_actor", referrals.list_referrals, direction="sideways")


def test_choices_say_what_a_release_covers(desk):
    choices = read(desk, "lupe_actor", referrals.referral_choices, desk["ana"].id)
    names = dict(choices.organizations)
    assert names[desk["mh"].id] == "Riverside Mental Health"
    assert choices.covered[desk["mh"].id] == (C.CONTACT, C.VOCATIONAL, C.PLAN) or \
        set(choices.covered[desk["mh"].id]) == {C.CONTACT, C.VOCATIONAL, C.PLAN}
    assert choices.covered[desk["other"].id] == ()
    assert dict(choices.staff[desk["mh"].id]) == {desk["priya"].id: "Priya Shah"}
    assert choices.programs[desk["mh"].id][0][1:] == ("Supported employment team", "IPS job coaching")
    assert (choices.default_from_organization_id, choices.default_from_staff_id) == (desk["crp"].id,
                                                                                     desk["lupe"].id)


def test_the_quality_dashboard_counts_referrals_in_a_fixed_number_of_statements(desk, store):
    from caseteam.documents.quality_document import render_quality_summary
    from caseteam.services import quality_dashboard as qd
    from caseteam.services.quality_dashboard import QualityKind as K

    from test_statement_counts import counted

    late, _ = send(desk, on=desk["today"] - timedelta(days=10), respond_by=desk["today"] - timedelta(days=2))
    declined, _ = send(desk, on=desk["today"] - timedelta(days=6))
    call(desk, "priya_actor", referrals.decline_referral, declined.id, version=declined.version, reason="Full",
         on=desk["today"] - timedelta(days=2))

    def board(who):
        with store.unit_of_work(write=False) as uow:
            return qd.dashboard(uow, desk[who]), qd._summary_view(uow, desk[who], qd.dashboard(uow, desk[who]))

    with counted(store) as statements:
        found, _ = board("supervisor_actor")
    few = len(statements)
    line = found.count(K.REFERRALS_OVERDUE).lines[0]
    assert [line.record_ref for line in found.count(K.REFERRALS_OVERDUE).lines] == [late.ref]
    assert line.record_kind == "referral" and line.person_id == desk["ana"].id and line.person_name == "Ana Lima"
    assert "Bridgeway to Riverside Mental Health, Counseling and IPS: sent, an answer was due" in line.words
    counts = found.referrals
    assert (counts.open, counts.overdue, counts.by_status[S.DECLINED], counts.median_days_to_answer) == (1, 1, 1, 4.0)
    words = qd.referral_words(counts)
    assert words.startswith("2 referrals: 1 open, 1 overdue (Sent 1, Declined 1); answered in 4 days (median")
    assert "in the last 30 days 2 sent, 0 completed, 1 declined" in words
    for n in range(3):  # more overdue referrals read in the same statements
        send(desk, on=desk["today"] - timedelta(days=9), respond_by=desk["today"] - timedelta(days=n + 1))
    with counted(store) as statements:
        found, view = board("supervisor_actor")
    assert len(statements) == few and found.count(K.REFERRALS_OVERDUE).count == 4
    pdf = PdfReader(io.BytesIO(render_quality_summary(view)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert "Referrals not answered by the day an answer was due (4)" in text and "5 referrals: 4 open" in text
    # The receiving organization's supervisor counts them too, without leave to open Ana's record.
    with store.unit_of_work() as uow:
        boss, _ = organizations.add_staff(uow, desk["actor"], desk["mh"].id, given_name="Rosa", family_name="Vega")
    desk["rosa"] = signed_in(store, "rosa", "Rosa Vega", Role.SUPERVISOR, boss.id)
    theirs, _ = board("rosa")
    assert theirs.count(K.REFERRALS_OVERDUE).count == 4 and theirs.referrals.open == 4
    assert all(line.person_id is None for line in theirs.count(K.REFERRALS_OVERDUE).lines)
