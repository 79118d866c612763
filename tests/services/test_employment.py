"""Jobs and follow-along on both engines: a hire from an offer moves the person to Employed and the
negotiation to Hired, the follow-along dates per funder follow the start and the pauses, separation and
a second placement, job coaching that fades, pay stubs by month with the threshold words, and the earnings
summary PDF read back."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader
from reportlab import rl_config

from caseteam.domain.consent import InformationCategory as C
from caseteam.domain.consent import PartyRole
from caseteam.domain.employment import SeparationReason, SupportKind
from caseteam.domain.jobs import NegotiationStatus
from caseteam.domain.notes import ContactKind
from caseteam.domain.organizations import OrganizationKind
from caseteam.domain.people import Stage
from caseteam.domain.teams import TeamRole
from caseteam.errors import ValidationError
from caseteam.services import (consent, earnings, employment, employment_supports, job_development, notes, organizations,
                               people, teams)
from caseteam.settings import BenefitYear

YEAR_2026 = BenefitYear(2026, Decimal("1690"), Decimal("2830"), Decimal("1210"), Decimal("7.25"))


@pytest.fixture
def desk(store, actor):
    with store.unit_of_work() as uow:
        crp, _ = organizations.create_organization(uow, actor, name="Bridgeway", kind=OrganizationKind.CRP)
        vr, _ = organizations.create_organization(uow, actor, name="State VR", kind=OrganizationKind.VR_OFFICE)
        bakery, _ = organizations.create_organization(uow, actor, name="Crumb & Co. Bakery",
                                                      kind=OrganizationKind.EMPLOYER)
        library, _ = organizations.create_organization(uow, actor, name="Eastside Library",
                                                       kind=OrganizationKind.EMPLOYER)
        counselor, _ = organizations.add_staff(uow, actor, vr.id, given_name="Rosa", family_name="Díaz")
        ana, _ = people.create_person(uow, actor, given_name="Ana", family_name="Lima", home_organization_id=crp.id,
                                      stage=Stage.JOB_DEVELOPMENT, stage_entered_on=uow.today() - timedelta(days=200))
        consent.record_release(uow, actor, ana.id, parties=[(crp.id, "", PartyRole.BOTH), (vr.id, "", PartyRole.BOTH)],
                               two_way=True, categories=[C.CONTACT, C.PLAN, C.EMPLOYMENT], purpose="Find Ana a job",
                               signed_on=uow.today() - timedelta(days=200), expires_on=uow.today() + timedelta(days=300),
                               signer_name="Ana Lima")
        teams.add_team_member(uow, actor, ana.id, role=TeamRole.VR_COUNSELOR, staff_id=counselor.id,
                              start_date=uow.today() - timedelta(days=200))
        offer, _ = job_development.start_negotiation(
            uow, actor, ana.id, organization_id=bakery.id, status=NegotiationStatus.OFFER,
            job_title="Baker's assistant", duties="Weighing and packaging", hours_per_week="20",
            hourly_wage="15.50", benefits="Paid sick leave", start_date=uow.today() - timedelta(days=100))
        today = uow.today()
    return dict(store=store, actor=actor, crp=crp, vr=vr, bakery=bakery, library=library, ana=ana, offer=offer,
                today=today)


def run(desk, op):
    with desk["store"].unit_of_work() as uow:
        return op(uow, desk["actor"])


def hire_from_offer(desk, **extra):
    return run(desk, lambda uow, a: employment.record_hire(uow, a, desk["ana"].id, negotiation_id=desk["offer"].id,
                                                           **extra))


def test_a_hire_from_an_offer_copies_its_terms_and_moves_stage_and_negotiation(desk):
    job, changes = hire_from_offer(desk, supports=[dict(kind=SupportKind.JOB_COACH, hours_per_week="10")])
    assert changes.jobs and changes.people
    assert job.ref.startswith("JB-") and job.employer_name == "Crumb & Co. Bakery"
    assert (job.job_title, job.hours_per_week, job.hourly_wage) == ("Baker's assistant", Decimal("20.00"),
                                                                    Decimal("15.50"))
    assert job.start_date == desk["today"] - timedelta(days=100) and job.benefits == "Paid sick leave"
    assert [s.kind for s in job.supports] == [SupportKind.JOB_COACH]
    person = run(desk, lambda uow, a: people.get_person(uow, a, desk["ana"].id))
    assert person.stage is Stage.EMPLOYED and person.stage_entered_on == job.start_date
    offer = run(desk, lambda uow, a: job_development.get_negotiation(uow, a, desk["offer"].id))
    assert offer.status is NegotiationStatus.HIRED
    with pytest.raises(ValidationError) as again:
        hire_from_offer(desk)
    assert again.value.field == "negotiation_id"


@pytest.mark.parametrize("field, values", [
    ("hourly_wage", dict(hourly_wage="0")), ("hourly_wage", dict(hourly_wage="fifteen")),
    ("hours_per_week", dict(hours_per_week="81")), ("start_date", "far"), ("organization_id", "not employer"),
    ("job_title", dict(job_title=" "))])
def test_hire_refusals_name_the_field(desk, field, values):
    base = dict(organization_id=desk["library"].id, job_title="Shelver", hours_per_week="12", hourly_wage="16",
                start_date=desk["today"])
    if values == "far":
        values = dict(start_date=desk["today"] + timedelta(days=61))
    elif values == "not employer":
        values = dict(organization_id=desk["vr"].id)
    with pytest.raises(ValidationError) as refused:
        run(desk, lambda uow, a: employment.record_hire(uow, a, desk["ana"].id, **(base | values)))
    assert refused.value.field == field
    assert "employer" in str(refused.value).lower() if field == "organization_id" else True


def test_follow_along_tracks_per_funder_with_a_pause_and_stabilization(desk):
    job, _ = hire_from_offer(desk)
    start = job.start_date
    with desk["store"].unit_of_work() as uow:  # VR pays from the hire date, the waiver from stabilization
        organizations.add_program(uow, desk["actor"], desk["vr"].id, name="Supported employment",
                                  retention_basis="hire_date")
        organizations.add_program(uow, desk["actor"], desk["crp"].id, name="Waiver supported employment",
                                  retention_basis="stabilization")
    run(desk, lambda uow, a: employment_supports.pause_follow_along(uow, a, job.id, starts_on=start + timedelta(days=40),
                                                                     reason="Bakery closed for renovation"))
    view = run(desk, lambda uow, a: employment.follow_along(uow, a, job.id))
    vr, waiver = sorted(view.tracks, key=lambda t: t.funder != "State VR – Supported employment")
    assert vr.milestones[0].due == start + timedelta(days=30) and vr.milestones[0].reached
    assert vr.milestones[1].due is None and vr.milestones[1].paused_since == start + timedelta(days=40)
    assert waiver.starts_on is None
    run(desk, lambda uow, a: employment_supports.resume_follow_along(uow, a, job.id, ends_on=start + timedelta(days=49)))
    run(desk, lambda uow, a: employment.stabilize(uow, a, job.id, on=start + timedelta(days=70)))
    view = run(desk, lambda uow, a: employment.follow_along(uow, a, job.id))
    vr, waiver = sorted(view.tracks, key=lambda t: t.funder != "State VR – Supported employment")
    assert [m.due for m in vr.milestones] == [start + timedelta(days=d) for d in (30, 70, 100)]
    # Hired 100 days ago with a 10-day pause: the 90-day milestone falls today, which counts as reached.
    assert vr.milestones[2].due == desk["today"] and [m.reached for m in vr.milestones] == [True, True, True]
    assert [m.reached for m in waiver.milestones] == [True, False, False]  # stabilized 30 days ago
    assert [m.due for m in waiver.milestones] == [start + timedelta(days=70 + d) for d in (30, 60, 90)]
    assert view.job.pauses[0].words.startswith("Paused ")


def test_follow_along_contacts_are_the_notes_about_the_job(desk):
    job, _ = hire_from_offer(desk)
    with desk["store"].unit_of_work() as uow:
        note, _ = notes.save_draft(uow, desk["actor"], desk["ana"].id, kind=ContactKind.JOB_COACHING,
                                   body="Checked in with the shift lead: Ana packs 40 boxes an hour.",
                                   held_on=desk["today"], job_id=job.id)
        notes.sign_note(uow, desk["actor"], note.id)
    view = run(desk, lambda uow, a: employment.follow_along(uow, a, job.id))
    assert [c.ref for c in view.contacts] == [note.ref] and "40 boxes" in view.contacts[0].words
    with desk["store"].unit_of_work() as uow:
        other, _ = people.create_person(uow, desk["actor"], given_name="Ben", family_name="Ode")
    with pytest.raises(ValidationError) as refused:
        run(desk, lambda uow, a: notes.save_draft(uow, a, other.id, body="x", job_id=job.id))
    assert refused.value.field == "job_id"


def test_changes_fading_job_coaching_separation_and_a_second_placement(desk):
    job, _ = hire_from_offer(desk, supports=[dict(kind=SupportKind.JOB_COACH, hours_per_week="20")])
    start = job.start_date
    run(desk, lambda uow, a: employment_supports.add_support(uow, a, job.id, kind=SupportKind.JOB_COACH,
                                                             hours_per_week="5", starts_on=start + timedelta(days=30)))
    job, _ = run(desk, lambda uow, a: employment.record_change(uow, a, job.id, effective_on=start + timedelta(days=45),
                                                              hourly_wage="16.25", note="Annual raise"))
    assert job.hourly_wage == Decimal("16.25") and job.hours_per_week == Decimal("20.00")
    assert "$16.25 an hour" in job.changes[0].words
    coach = [s for s in job.supports if s.kind is SupportKind.JOB_COACH]
    assert [(s.hours_per_week, s.ends_on) for s in coach] == [(Decimal("20.00"), start + timedelta(days=29)),
                                                              (Decimal("5.00"), None)]
    job, changes = run(desk, lambda uow, a: employment.separate(uow, a, job.id, separated_on=desk["today"] - timedelta(days=5),
                                                               reason=SeparationReason.SEASONAL_END))
    assert changes.people and job.status_words.startswith("Ended ")
    assert job.supports[-1].describe(job.separated_on).endswith(f"until the job ended {job.separated_on.isoformat()}")
    assert run(desk, lambda uow, a: people.get_person(uow, a, desk["ana"].id)).stage is Stage.JOB_DEVELOPMENT
    second, _ = run(desk, lambda uow, a: employment.record_hire(
        uow, a, desk["ana"].id, organization_id=desk["library"].id, job_title="Shelver", hours_per_week="12",
        hourly_wage="16", start_date=desk["today"]))
    jobs = run(desk, lambda uow, a: employment.list_jobs(uow, a, desk["ana"].id))
    assert [j.ref for j in jobs] == [second.ref, job.ref] and [j.current for j in jobs] == [True, False]
    assert run(desk, lambda uow, a: people.get_person(uow, a, desk["ana"].id)).stage is Stage.EMPLOYED


def test_withdrawing_a_hire_puts_stage_and_negotiation_back(desk):
    job, _ = hire_from_offer(desk)
    run(desk, lambda uow, a: employment.withdraw_hire(uow, a, job.id))
    assert run(desk, lambda uow, a: employment.list_jobs(uow, a, desk["ana"].id)) == []
    assert run(desk, lambda uow, a: people.get_person(uow, a, desk["ana"].id)).stage is Stage.JOB_DEVELOPMENT
    offer = run(desk, lambda uow, a: job_development.get_negotiation(uow, a, desk["offer"].id))
    assert offer.status is NegotiationStatus.OFFER


def stub(desk, job, day, hours, gross):
    return run(desk, lambda uow, a: earnings.add_pay_stub(uow, a, job.id, paid_on=day, hours=hours, gross=gross))


def test_pay_stubs_add_up_by_month_with_the_threshold_words(desk):
    job, _ = run(desk, lambda uow, a: employment.record_hire(
        uow, a, desk["ana"].id, organization_id=desk["library"].id, job_title="Shelver", hours_per_week="30",
        hourly_wage="20", start_date=desk["today"] - timedelta(days=59)))
    year = desk["today"].year
    paid = [desk["today"] - timedelta(days=d) for d in (45, 31, 17, 3)]
    figures = [("40", "800.00"), ("40", "800.00"), ("60", "1200.00"), ("90", "1800.00")]
    for day, (h, g) in zip(paid, figures):
        stub(desk, job, day, h, g)
    with pytest.raises(ValidationError) as refused:
        stub(desk, job, desk["today"] + timedelta(days=1), "10", "100")
    assert refused.value.field == "paid_on"
    months = run(desk, lambda uow, a: earnings.monthly_earnings(uow, a, desk["ana"].id, year, benefit_year=YEAR_2026))
    expected: dict[int, list] = {}
    for day, (h, g) in zip(paid, figures):
        if day.year == year:
            expected.setdefault(day.month, [Decimal("0"), Decimal("0"), 0])
            expected[day.month][0] += Decimal(g)
            expected[day.month][1] += Decimal(h)
            expected[day.month][2] += 1
    for m in months:
        gross, hours, count = expected.get(m.month, [Decimal("0"), Decimal("0"), 0])
        assert (m.gross, m.hours, m.stubs) == (gross, hours, count)
        if count == 0:
            assert m.words == "No pay recorded"
        elif gross > Decimal("1690"):
            assert m.words == "Trial work month; above SGA" and m.above_sga
        elif gross > Decimal("1210"):
            assert m.words == "Trial work month; below SGA" and m.trial_work_month and not m.above_sga
        else:
            assert m.words == "Below the trial-work amount"
    assert earnings.month_words(Decimal("1210.00"), 1, YEAR_2026)[2] == "Below the trial-work amount"
    assert earnings.month_words(Decimal("1210.01"), 1, YEAR_2026)[2] == "Trial work month; below SGA"
    assert earnings.month_words(Decimal("1690.01"), 1, YEAR_2026)[2] == "Trial work month; above SGA"
    stubs = run(desk, lambda uow, a: earnings.list_pay_stubs(uow, a, desk["ana"].id))
    run(desk, lambda uow, a: earnings.remove_pay_stub(uow, a, stubs[-1].id))
    assert len(run(desk, lambda uow, a: earnings.list_pay_stubs(uow, a, desk["ana"].id))) == 3


def test_the_earnings_summary_pdf_reads_back(desk, monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)
    job, _ = hire_from_offer(desk)
    year = desk["today"].year
    stub(desk, job, desk["today"].replace(day=1), "80", "1300.00")
    data = run(desk, lambda uow, a: earnings.earnings_report_pdf(uow, a, desk["ana"].id, year,
                                                                  benefit_year=YEAR_2026))
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Monthly earnings summary" in text and "Ana Lima" in text and "Crumb & Co. Bakery" in text
    for month in ("January", "June", "December"):
        assert month in text
    assert "$1,300.00" in text and "Trial work month; below SGA" in text
    assert f"Page 1 of {len(reader.pages)}" in text
    large = run(desk, lambda uow, a: earnings.earnings_report_pdf(uow, a, desk["ana"].id, year,
                                                                   benefit_year=YEAR_2026, large_print=True))
    assert len(PdfReader(io.BytesIO(large)).pages) >= len(reader.pages)


def test_partner_staff_read_jobs_only_under_a_release_covering_employment(desk):
    import uuid

    from caseteam.domain.users import Role
    from caseteam.errors import ConsentRequired
    from caseteam.services.actors import Actor

    job, _ = hire_from_offer(desk)
    with desk["store"].unit_of_work() as uow:
        counselor = next(line.member for line in teams.team_view(uow, desk["actor"], desk["ana"].id).lines
                         if line.member.staff_id)
        ben, _ = people.create_person(uow, desk["actor"], given_name="Ben", family_name="Ode",
                                      home_organization_id=desk["crp"].id)
        consent.record_release(uow, desk["actor"], ben.id, parties=[(desk["crp"].id, "", PartyRole.BOTH),
                                                                  (desk["vr"].id, "", PartyRole.BOTH)],
                               two_way=True, categories=[C.CONTACT, C.PLAN], purpose="Plan only",
                               signed_on=uow.today(), expires_on=uow.today() + timedelta(days=300), signer_name="Ben")
        teams.add_team_member(uow, desk["actor"], ben.id, role=TeamRole.VR_COUNSELOR, staff_id=counselor.staff_id)
        bens, _ = employment.record_hire(uow, desk["actor"], ben.id, organization_id=desk["library"].id,
                                         job_title="Shelver", hours_per_week="10", hourly_wage="16",
                                         start_date=uow.today())
    vr = Actor(uuid.uuid4(), "rosa", "Rosa Díaz", Role.PARTNER_STAFF, counselor.staff_id, desk["vr"].id)
    with desk["store"].unit_of_work(write=False) as uow:
        assert [j.ref for j in employment.list_jobs(uow, vr, desk["ana"].id)] == [job.ref]
        with pytest.raises(ConsentRequired):
            employment.list_jobs(uow, vr, ben.id)
        with pytest.raises(ConsentRequired):
            employment.follow_along(uow, vr, bens.id)


def test_a_launched_business_is_followed_along_as_the_persons_own_job(desk):
    from caseteam.services import ventures

    with desk["store"].unit_of_work() as uow:
        venture, _ = ventures.start_venture(uow, desk["actor"], desk["ana"].id, business_name="Ana's Pet Sitting")
        ventures.launch(uow, desk["actor"], venture.id, launch_date=uow.today() - timedelta(days=10),
                        hours_per_week="15", hourly_earnings="18")
    (job,) = run(desk, lambda uow, a: employment.list_jobs(uow, a, desk["ana"].id))
    assert job.employer_name == "Ana's Pet Sitting (self-employed)"
    view = run(desk, lambda uow, a: employment.follow_along(uow, a, job.id))
    assert view.tracks[0].milestones[0].due == desk["today"] + timedelta(days=20)


def test_undoing_a_support_lets_the_faded_coaching_run_on_and_undoing_a_pause_removes_it(desk):
    job, _ = hire_from_offer(desk, supports=[dict(kind=SupportKind.JOB_COACH, hours_per_week="20")])
    start = job.start_date
    faded, _ = run(desk, lambda uow, a: employment_supports.add_support(
        uow, a, job.id, kind=SupportKind.JOB_COACH, hours_per_week="5", starts_on=start + timedelta(days=30)))
    job, changes = run(desk, lambda uow, a: employment_supports.remove_support(uow, a, faded.id))
    assert changes.jobs and [(s.hours_per_week, s.ends_on) for s in job.supports] == [(Decimal("20.00"), None)]
    paused, _ = run(desk, lambda uow, a: employment_supports.pause_follow_along(
        uow, a, job.id, starts_on=start + timedelta(days=40)))
    assert paused.open_pause is not None
    job, _ = run(desk, lambda uow, a: employment_supports.remove_pause(uow, a, paused.open_pause.id))
    assert job.open_pause is None and job.pauses == ()


def test_the_job_list_shows_each_job_its_own_current_extended_supports(desk):
    bakery, _ = hire_from_offer(desk)
    library, _ = run(desk, lambda uow, a: employment.record_hire(
        uow, a, desk["ana"].id, organization_id=desk["library"].id, job_title="Shelver", hours_per_week="12",
        hourly_wage="16", start_date=desk["today"]))
    kept, _ = run(desk, lambda uow, a: employment_supports.add_extended_support(
        uow, a, bakery.id, starts_on=desk["today"], provider_organization_id=desk["crp"].id,
        funder_note="DD waiver", description="Monthly check-in"))
    gone, _ = run(desk, lambda uow, a: employment_supports.add_extended_support(
        uow, a, bakery.id, starts_on=desk["today"], provider_organization_id=desk["crp"].id, funder_note="Grant"))
    run(desk, lambda uow, a: employment_supports.set_extended_support_archived(uow, a, gone.id, True))
    listed = {j.id: j for j in run(desk, lambda uow, a: employment.list_jobs(uow, a, desk["ana"].id))}
    assert [e.description for e in listed[bakery.id].extended_supports] == ["Monthly check-in"]
    assert listed[library.id].extended_supports == ()
    one = run(desk, lambda uow, a: employment.get_job(uow, a, bakery.id))
    assert [e.id for e in one.extended_supports] == [kept.id]
