"""The demo's training log, written through the training services on the demo clock: four courses, two
courses taught (their credentials earned by those who completed them), two partner briefings (Riverbend
Behavioral Health teaching the others its services, populations and eligibility, and VR on pre-employment
transition services), and credentials entered directly: one required by VR, some expiring within the
renewal window and one expired, so the dashboard and the "due for renewal" list have something to show.

No random value is drawn: dates count back from the demo's today (never before the partners are entered).
"""

from __future__ import annotations

from datetime import date, timedelta

from caseteam.domain.funding import FunderKind
from caseteam.domain.training import CourseTopic as T
from caseteam.domain.training import SessionKind
from caseteam.services import funders, training

COURSES = (  # key, name, topic, provider, hours, credential earned, valid months
    ("discovery", "Discovery: exploring who a person is", T.DISCOVERY, "Marc Gold & Associates", "24",
     "Discovery staff certificate", 36),
    ("cjd", "Customized job development", T.CUSTOMIZED_JOB_DEVELOPMENT, "Griffin-Hammis Associates", "18",
     "Customized job development certificate", 24),
    ("benefits", "Work incentives and benefits basics", T.BENEFITS_PLANNING, "Access Alliance CIL", "6", "", None),
    ("pcp", "Person-centered planning facilitation", T.PERSON_CENTERED_PLANNING, "Lakes County DD Services", "12",
     "", None),
)

RIVERBEND_TOPICS = ("Services: IPS supported employment, case management, peer support, crisis line.\n"
                    "Populations: adults with serious mental illness; young adults after a first episode.\n"
                    "Eligibility: Lakes County residents with Medicaid or on the sliding fee scale; referral by "
                    "phone, no diagnosis letter needed to ask.")
VR_TOPICS = ("Services: the five pre-employment transition services, work-based learning.\n"
             "Populations: students with disabilities aged 14 to 21.\n"
             "Eligibility: potentially eligible students need no VR application; a 504 plan or IEP is enough.")


def schedule_training(p, timeline) -> None:
    """Courses on the day after the partners are entered; everything else counted back from today."""
    state: dict = {}

    def on(days_ago: int) -> date:
        return max(p.today - timedelta(days=days_ago), p.setup_day + timedelta(days=2))

    timeline.at(on(10_000), lambda: _courses(p, state))
    timeline.at(on(120), lambda: _session(p, state, "discovery", "Discovery cohort, fall", on(120),
                                          ("lupe", "marcus", "khadija", "vr_karen")))
    timeline.at(on(100), lambda: _briefing(p, "vr", "Pre-employment transition services: what VR offers students",
                                           on(100), VR_TOPICS, ("lupe", "tom", "yer", "ajc_tiffany")))
    timeline.at(on(45), lambda: _briefing(p, "mh", "Riverbend Behavioral Health: who we serve and how to refer",
                                          on(45), RIVERBEND_TOPICS, ("lupe", "marcus", "khadija", "vr_jasmine",
                                                                     "vr_luis", "sc_ashley", "wipa_dana",
                                                                     "ajc_tiffany")))
    timeline.at(on(20), lambda: _session(p, state, "cjd", "Customized job development, spring", on(20),
                                         ("tom", "yer")))
    timeline.at(on(5), lambda: _credentials(p))


def _courses(p, state: dict) -> None:
    for key, name, topic, provider, hours, earns, months in COURSES:
        row, _ = training.add_course(p.uow, p.supervisor, name=name, topic=topic, provider=provider, hours=hours,
                                     credential_name=earns, valid_months=months)
        state[key] = row.id
    p.counts["courses"] += len(COURSES)


def _session(p, state: dict, course: str, title: str, day: date, attendees: tuple[str, ...]) -> None:
    training.record_session(p.uow, p.supervisor, kind=SessionKind.COURSE, title=title, held_on=day,
                            course_id=state[course], place="Bridgeway training room",
                            attendees=[p.staff_id(k) for k in attendees])


def _briefing(p, presenter: str, title: str, day: date, topics: str, attendees: tuple[str, ...]) -> None:
    training.record_session(p.uow, p.supervisor, kind=SessionKind.PARTNER_BRIEFING, title=title, held_on=day,
                            presenting_organization_id=p.org_id(presenter), place="Eastport American Job Center",
                            topics=topics, attendees=[p.staff_id(k) for k in attendees])


def _credentials(p) -> None:
    today = p.today
    vr = next((f.id for f in funders.list_funders(p.uow, p.supervisor) if f.kind is FunderKind.VR), None)
    entries = (  # staff, credential, issuer, issued days ago, expires in days, required by VR
        ("tom", "CESP", "APSE", 3 * 365 - 40, 40, True),
        ("lupe", "CESP", "APSE", 400, 3 * 365 - 400, True),
        ("coach_brianna", "CPR and first aid", "American Red Cross", 2 * 365 - 25, 25, False),
        ("coach_andre", "CPR and first aid", "American Red Cross", 2 * 365 + 12, -12, False),
        ("wipa_dana", "Certified Work Incentives Counselor (CWIC)", "VCU NTDC", 5 * 365 - 50, 50, False),
        ("marcus", "ACRE basic employment certificate", "ACRE", 700, None, False),
    )
    for staff, name, issuer, issued_ago, expires_in, required in entries:
        training.record_credential(p.uow, p.supervisor, p.staff_id(staff), name=name, issuer=issuer,
                                   issued_on=today - timedelta(days=issued_ago),
                                   expires_on=None if expires_in is None else today + timedelta(days=expires_in),
                                   required_by_funder_id=vr if required else None)
    p.counts["credentials"] += len(entries)
