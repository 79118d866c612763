"""The employer pipeline on both engines: counts per employer, contacts with the job seekers discussed and
their disclosure decision for that employer, neutral words for people the reader may not see, stale
profile saves, unmet needs and the audit entries every change writes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from caseteam.domain.audit import AuditEntry
from caseteam.domain.employers import EmployerContactKind, EmployerStage
from caseteam.domain.jobs import DisclosureDecision, DisclosureLevel, JobNegotiation, NegotiationStatus
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.users import Role
from caseteam.errors import Conflict, PermissionDenied, ValidationError
from caseteam.services import employers, organizations, people, users

PHONE = EmployerContactKind.PHONE


@pytest.fixture
def desk(store, actor):
    """Bridgeway's job developer Lupe leads Ana and Ben; Ruth works at another agency and serves neither."""
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        other, _ = organizations.create_organization(uow, actor, name="Eastside Supports", kind=OrganizationKind.CRP)
        lupe, _ = organizations.add_staff(uow, actor, crp.id, given_name="Lupe", family_name="Hernández")
        ruth, _ = organizations.add_staff(uow, actor, other.id, given_name="Ruth", family_name="Adeyemi")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lima", home_organization_id=crp.id,
                                      lead_staff_id=lupe.id)
        ben, _ = people.create_person(uow, actor, given_name="Ben", family_name="Ortiz", home_organization_id=crp.id,
                                      lead_staff_id=lupe.id)
        jobdev = users.ensure_user(uow, username="lupe", display_name="Lupe Hernández", role=Role.JOB_DEVELOPER,
                                   staff_id=lupe.id)
        outsider = users.ensure_user(uow, username="ruth", display_name="Ruth Adeyemi", role=Role.JOB_DEVELOPER,
                                     staff_id=ruth.id)
        partner = users.ensure_user(uow, username="pat", display_name="Pat Partner", role=Role.PARTNER_STAFF,
                                    staff_id=ruth.id)
        grocery, _ = employers.add_employer(uow, jobdev, name="Hárbor Grocery", city="Salem",
                                            industry="Grocery retail", bus_lines="12, 40", size="About 80 staff")
        library, _ = organizations.create_organization(uow, actor, name="Lakeside Library",
                                                       kind=OrganizationKind.EMPLOYER, city="Keizer")
        manager, _ = organizations.add_staff(uow, actor, grocery.id, given_name="Marta", family_name="Quinn",
                                             title="Store manager")
        today = uow.today()
        uow.add(DisclosureDecision(person_id=ana.id, organization_id=grocery.id, level=DisclosureLevel.PARTLY,
                                   what_may_be_said="May say she works with a job coach.", decided_on=today,
                                   recorded_by_id=jobdev.user_id))
        # Ben decided about the library, not the grocery: that must not show at the grocery.
        uow.add(DisclosureDecision(person_id=ben.id, organization_id=library.id, level=DisclosureLevel.FULLY,
                                   decided_on=today, recorded_by_id=jobdev.user_id))
        for person, status in ((ana, NegotiationStatus.NEGOTIATING), (ben, NegotiationStatus.HIRED)):
            uow.add(JobNegotiation(ref=uow.references.next("negotiation"), person_id=person.id,
                                   organization_id=grocery.id, status=status, status_on=today))
    return dict(store=store, admin=actor, ana=ana, ben=ben, jobdev=jobdev, outsider=outsider, partner=partner,
                grocery=grocery, library=library, manager=manager, today=today)


def run(desk, work, *, write=True):
    with desk["store"].unit_of_work(write=write) as uow:
        return work(uow)


def contact(desk, who="jobdev", **values):
    values = dict(contacted_on=desk["today"], kind=PHONE, summary="Talked about the stocking backlog.") | values
    return run(desk, lambda uow: employers.record_contact(uow, desk[who], desk["grocery"].id, **values))[0]


def refused(desk, field, **values):
    with pytest.raises(ValidationError) as caught:
        contact(desk, **values)
    assert caught.value.field == field
    return caught.value.message


def test_the_pipeline_counts_contacts_needs_and_open_negotiations_per_employer(desk):
    today = desk["today"]
    contact(desk, contacted_on=today - timedelta(days=9))
    last = contact(desk, contacted_on=today - timedelta(days=2), kind=EmployerContactKind.TOUR)
    removed = contact(desk, contacted_on=today)
    run(desk, lambda uow: employers.remove_contact(uow, desk["jobdev"], removed.id, version=removed.version))
    met, _ = run(desk, lambda uow: employers.add_need(uow, desk["jobdev"], desk["grocery"].id,
                                                      description="Carts pile up at closing", found_on=today))
    run(desk, lambda uow: employers.add_need(uow, desk["jobdev"], desk["grocery"].id, contact_id=last.id,
                                             description="Nobody faces the shelves in the morning", found_on=today))
    run(desk, lambda uow: employers.mark_need_met(uow, desk["jobdev"], met.id, met_on=today))

    rows = run(desk, lambda uow: employers.pipeline(uow, desk["partner"]), write=False)
    by_name = {r.name: r for r in rows}
    grocery, library = by_name["Hárbor Grocery"], by_name["Lakeside Library"]
    assert (grocery.contacts, grocery.last_contact_on, grocery.open_needs, grocery.open_negotiations) == \
        (2, today - timedelta(days=2), 1, 1)  # the removed contact, the met need and the hire do not count
    assert grocery.industry == "Grocery retail" and grocery.bus_lines == "12, 40"
    # An employer never profiled is a prospect with nothing going on.
    assert (library.stage, library.contacts, library.last_contact_on, library.open_needs) == \
        (EmployerStage.PROSPECT, 0, None, 0)

    def names(**filters):
        return [r.name for r in run(desk, lambda uow: employers.pipeline(uow, desk["jobdev"], **filters), write=False)]

    assert names(stage=EmployerStage.PROSPECT) == ["Hárbor Grocery", "Lakeside Library"]
    run(desk, lambda uow: employers.save_profile(uow, desk["jobdev"], desk["grocery"].id, stage=EmployerStage.ENGAGED))
    assert names(stage=EmployerStage.PROSPECT) == ["Lakeside Library"]
    assert names(stage=EmployerStage.ENGAGED) == ["Hárbor Grocery"]
    assert names(with_open_needs=True) == ["Hárbor Grocery"]
    assert names(search="harbor") == names(search="GROCERY") == ["Hárbor Grocery"]  # accents, case, industry
    assert names(search="keizer") == ["Lakeside Library"]
    assert names(industry="retail") == ["Hárbor Grocery"]
    assert "Bridgeway" not in names()  # partners that are not employers are not in the pipeline


def test_a_contact_is_checked_field_by_field_in_plain_words(desk):
    today = desk["today"]
    assert "future" in refused(desk, "contacted_on", contacted_on=today + timedelta(days=1))
    assert "summary" in refused(desk, "summary", summary="   ").lower()
    assert "before the contact" in refused(desk, "next_on", next_on=today - timedelta(days=1))
    assert "kind of contact" in refused(desk, "kind", kind="lunch")
    with desk["store"].unit_of_work() as uow:
        stranger, _ = organizations.add_staff(uow, desk["admin"], desk["library"].id, given_name="Li",
                                              family_name="Chen")
    assert "this employer's" in refused(desk, "contact_staff_id", contact_staff_id=stranger.id)
    assert "not found" in refused(desk, "people", people=(desk["library"].id,))  # not a person's id
    with pytest.raises(PermissionDenied):
        contact(desk, who="outsider", people=(desk["ana"].id,))  # Ruth may not see Ana
    with pytest.raises(PermissionDenied):
        contact(desk, who="partner")  # partner staff read the pipeline but do not change it
    bridgeway = organizations_id(desk, "Bridgeway")
    with pytest.raises(ValidationError) as not_employer:
        run(desk, lambda uow: employers.record_contact(uow, desk["jobdev"], bridgeway, contacted_on=today,
                                                       kind=PHONE, summary="x"))
    assert "not an employer" in not_employer.value.message
    row = contact(desk, next_on=today, contact_staff_id=desk["manager"].id, next_step="Send the proposal")
    assert row.ref.startswith("EC-") and row.contact_name == "Marta Quinn" and row.by_name == "Lupe Hernández"


def organizations_id(desk, name):
    rows = run(desk, lambda uow: organizations.list_organizations(uow, desk["admin"], search=name), write=False)
    return rows[0].id


def test_each_job_seeker_discussed_shows_their_decision_for_this_employer(desk):
    contact(desk, people=(desk["ana"].id, desk["ben"].id, desk["ana"].id))  # a repeat is listed once
    listed = run(desk, lambda uow: employers.list_contacts(uow, desk["jobdev"], desk["grocery"].id), write=False)
    ana, ben = listed[0].people
    assert (ana.name, ana.disclosure, ana.level) == ("Ana Lima", "Partly: May say she works with a job coach.",
                                                     DisclosureLevel.PARTLY)
    # Ben's decision is about the library: at the grocery he has none.
    assert (ben.name, ben.disclosure, ben.level) == ("Ben Ortiz", "No decision recorded", None)
    assert listed[0].person_ids == (desk["ana"].id, desk["ben"].id)


def test_a_reader_who_may_not_see_a_person_reads_neutral_words(desk):
    contact(desk, people=(desk["ana"].id,))
    for who in ("outsider", "partner"):
        listed = run(desk, lambda uow: employers.list_contacts(uow, desk[who], desk["grocery"].id), write=False)
        (shown,) = listed[0].people
        assert (shown.person_id, shown.name, shown.disclosure) == (None, employers.HIDDEN_PERSON, "")
        assert "Ana" not in repr(listed) and "job coach" not in repr(listed)
        deals = run(desk, lambda uow: employers.list_negotiations(uow, desk[who], desk["grocery"].id), write=False)
        assert {d.person_name for d in deals} == {employers.HIDDEN_PERSON} and all(d.status is None for d in deals)
    deals = run(desk, lambda uow: employers.list_negotiations(uow, desk["jobdev"], desk["grocery"].id), write=False)
    assert [(d.person_name, d.status) for d in deals] == [("Ana Lima", NegotiationStatus.NEGOTIATING),
                                                          ("Ben Ortiz", NegotiationStatus.HIRED)]


def test_a_stale_profile_save_is_refused_and_a_stage_change_is_dated(desk):
    first = run(desk, lambda uow: employers.get_employer(uow, desk["jobdev"], desk["grocery"].id), write=False)
    saved, _ = run(desk, lambda uow: employers.save_profile(uow, desk["jobdev"], desk["grocery"].id, first.version,
                                                            stage=EmployerStage.CONTACTED, accessibility="Ramp"))
    assert saved.stage is EmployerStage.CONTACTED and saved.stage_changed_on == desk["today"]
    assert saved.version == first.version + 1
    with pytest.raises(Conflict):
        run(desk, lambda uow: employers.save_profile(uow, desk["admin"], desk["grocery"].id, first.version,
                                                     notes="Ask for Marta"))
    # The library has no profile yet (version 0); someone saves one first, so a save "from nothing" is stale.
    bare = run(desk, lambda uow: employers.get_employer(uow, desk["jobdev"], desk["library"].id), write=False)
    assert bare.version == 0 and bare.stage is EmployerStage.PROSPECT
    run(desk, lambda uow: employers.save_profile(uow, desk["admin"], desk["library"].id, 0, industry="Public library"))
    with pytest.raises(Conflict):
        run(desk, lambda uow: employers.save_profile(uow, desk["jobdev"], desk["library"].id, 0, size="12"))
    with pytest.raises(ValidationError) as long_text:
        run(desk, lambda uow: employers.save_profile(uow, desk["jobdev"], desk["library"].id, size="x" * 61))
    assert long_text.value.field == "size"
    with pytest.raises(PermissionDenied):
        run(desk, lambda uow: employers.save_profile(uow, desk["partner"], desk["library"].id, size="12"))


def test_only_the_author_changes_a_contact_and_removing_it_can_be_undone(desk):
    row = contact(desk, people=(desk["ana"].id,))
    with pytest.raises(PermissionDenied):
        run(desk, lambda uow: employers.update_contact(uow, desk["admin"], row.id, summary="Not mine"))
    fixed, _ = run(desk, lambda uow: employers.update_contact(uow, desk["jobdev"], row.id, version=row.version,
                                                              summary="Talked about carts.", people=()))
    assert fixed.summary == "Talked about carts." and fixed.people == ()
    with pytest.raises(Conflict):
        run(desk, lambda uow: employers.update_contact(uow, desk["jobdev"], row.id, version=row.version, summary="x"))
    with pytest.raises(ValidationError) as bad:
        run(desk, lambda uow: employers.update_contact(uow, desk["jobdev"], row.id,
                                                       next_on=desk["today"] - timedelta(days=5)))
    assert bad.value.field == "next_on"
    run(desk, lambda uow: employers.remove_contact(uow, desk["jobdev"], row.id))
    assert run(desk, lambda uow: employers.list_contacts(uow, desk["jobdev"], desk["grocery"].id), write=False) == []
    run(desk, lambda uow: employers.restore_contact(uow, desk["jobdev"], row.id))
    listed = run(desk, lambda uow: employers.list_contacts(uow, desk["jobdev"], desk["grocery"].id), write=False)
    assert [c.summary for c in listed] == ["Talked about carts."]


def test_needs_are_met_after_they_are_found_and_can_be_reopened(desk):
    today = desk["today"]
    need, _ = run(desk, lambda uow: employers.add_need(uow, desk["jobdev"], desk["grocery"].id,
                                                       description="Returns sorted by hand",
                                                       found_on=today - timedelta(days=3)))
    with pytest.raises(ValidationError) as early:
        run(desk, lambda uow: employers.mark_need_met(uow, desk["jobdev"], need.id, met_on=today - timedelta(days=4)))
    assert early.value.field == "met_on"
    with pytest.raises(ValidationError) as empty:
        run(desk, lambda uow: employers.add_need(uow, desk["jobdev"], desk["grocery"].id, description=" ",
                                                 found_on=today))
    assert empty.value.field == "description"
    met, _ = run(desk, lambda uow: employers.mark_need_met(uow, desk["jobdev"], need.id, met_on=today,
                                                           version=need.version))
    assert met.met
    back, _ = run(desk, lambda uow: employers.mark_need_met(uow, desk["jobdev"], need.id, met_on=None))
    assert not back.met
    assert [n.id for n in run(desk, lambda uow: employers.list_needs(uow, desk["jobdev"], desk["grocery"].id),
                              write=False)] == [need.id]


def test_every_change_is_in_the_audit_log(desk):
    row = contact(desk, people=(desk["ana"].id,))
    run(desk, lambda uow: employers.update_contact(uow, desk["jobdev"], row.id, summary="Carts and shelves."))
    run(desk, lambda uow: employers.remove_contact(uow, desk["jobdev"], row.id))
    need, _ = run(desk, lambda uow: employers.add_need(uow, desk["jobdev"], desk["grocery"].id,
                                                       description="Carts", found_on=desk["today"]))
    run(desk, lambda uow: employers.save_profile(uow, desk["jobdev"], desk["grocery"].id, notes="Ask for Marta"))

    def entries(uow):
        return [(e.entity, e.action, e.actor_name)
                for e in uow.session.scalars(select(AuditEntry).where(AuditEntry.entity.like("employer%"))
                                             .order_by(AuditEntry.seq))]

    found = run(desk, entries, write=False)
    assert [(e, a) for e, a, _ in found] == [
        ("employer_profiles", "created"), ("employer_contacts", "recorded"), ("employer_contacts", "updated"),
        ("employer_contacts", "removed"), ("employer_needs", "recorded"), ("employer_profiles", "updated")]
    assert {who for _e, _a, who in found} == {"Lupe Hernández"}


def test_the_pipeline_and_a_contact_log_cost_the_same_statements_for_few_or_many(desk):
    from sqlalchemy import event

    store, jobdev = desk["store"], desk["jobdev"]

    def statements(work) -> int:
        seen = []

        def count(*_args):
            seen.append(1)

        event.listen(store.engine, "before_cursor_execute", count)
        try:
            run(desk, work, write=False)
        finally:
            event.remove(store.engine, "before_cursor_execute", count)
        return len(seen)

    def add(first, last):
        with store.unit_of_work() as uow:
            for n in range(first, last):
                org, _ = employers.add_employer(uow, jobdev, name=f"Employer {n:03d}", industry="Retail")
                employers.record_contact(uow, jobdev, org.organization_id, contacted_on=desk["today"], kind=PHONE,
                                         summary="Hello", people=(desk["ana"].id,))
                employers.record_contact(uow, jobdev, desk["grocery"].id, contacted_on=desk["today"], kind=PHONE,
                                         summary=f"Call {n}", people=(desk["ben"].id,))

    def pipeline(uow):
        return employers.pipeline(uow, jobdev, search="employer")

    def log(uow):
        return employers.list_contacts(uow, desk["admin"], desk["grocery"].id)

    add(0, 3)
    few = statements(pipeline), statements(log)
    add(3, 40)
    assert len(run(desk, pipeline, write=False)) == 40 and len(run(desk, log, write=False)) == 40
    assert (statements(pipeline), statements(log)) == few
