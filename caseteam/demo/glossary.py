"""The demo partnership's shared glossary, written through the glossary services the day after the
partnership is set up: the words the source report says partners must agree on (customer / consumer /
participant / job seeker; IPE / plan for employment / service plan) and the field's other everyday terms,
each defined in plain language with its source and the word each partner (or system) uses.

No random value is drawn: the list below is the glossary."""

from __future__ import annotations

from datetime import timedelta

from caseteam.services import glossary, partnerships
from caseteam.services.glossary import PartnerWord

from .partnerships import NAME as PARTNERSHIP

SSA = "Social Security"
# term, definition, source, ((word, organization key or None, system in words), ...)
TERMS = (
    ("Job seeker", "A person with a disability who wants to work and gets help from the partnership to find and "
     "keep a job. Every partner serves the same person, under its own word.", "Partner workgroup, 2025",
     (("customer", "ajc", ""), ("consumer", "vr", ""), ("participant", "wdb", ""), ("client", "mh", ""),
      ("student", "school", ""), ("individual", "dd", ""), ("clubhouse member", None, "Clubhouse programs"))),
    ("Individualized Plan for Employment", "The written plan a person makes with their VR counselor: the job "
     "goal they chose, the services that lead to it, who provides them and who pays.",
     "Rehabilitation Act, 34 CFR 361.45",
     (("IPE", "vr", ""), ("plan for employment", "vr", ""), ("Individual Employment Plan", "ajc", ""),
      ("service plan", "mh", ""), ("IEP transition plan", "school", ""), ("ISP", "dd", ""))),
    ("Person-centered plan", "A plan built around what the person wants for their life and work, what matters to "
     "them, and the support they choose; the whole team works from it.", "ODEP Customized Employment guide",
     (("Customized Plan for Employment", "crp", ""), ("PCP", "dd", ""), ("one-page profile", "cil", ""))),
    ("Customized Employment", "Competitive integrated employment negotiated to fit one person's strengths, needs "
     "and interests and one employer's needs, instead of fitting the person to an open job.",
     "WIOA sec. 404; 34 CFR 361.5(c)(11)", (("CE", "crp", ""),)),
    ("Discovery", "Getting to know a person over weeks, in places they live, learn and work, before any job "
     "search: what they are good at, what they love, and the conditions they need to do well.",
     "Griffin-Hammis Associates; Marc Gold & Associates",
     (("Discovering Personal Genius", None, "Griffin-Hammis model"),
      ("vocational exploration", "vr", ""))),
    ("Vocational profile", "The written result of Discovery: the person's strengths, interests, ideal conditions "
     "of employment, support needs and vocational themes.", "ODEP Customized Employment guide",
     (("Discovery profile", "crp", ""), ("career profile", "ajc", ""))),
    ("Job development", "Finding or shaping a job with an employer for one person: meeting employers, learning "
     "their needs, and proposing work the person can do for them.", "Partner workgroup, 2025",
     (("job placement", "vr", ""), ("employer engagement", "wdb", ""))),
    ("Job coach", "Someone who helps a person learn a new job and settle in at the workplace, then steps back as "
     "co-workers and the person take over.", "Partner workgroup, 2025",
     (("employment specialist", "mh", ""), ("job trainer", "dd", ""), ("employment consultant", "crp", ""))),
    ("Natural supports", "Help that comes from the people already around the person at work and at home "
     "(co-workers, a supervisor, family, friends) rather than from a paid agency.", "ODEP",
     (("unpaid supports", "dd", ""), ("co-worker supports", "crp", ""))),
    ("Benefits planning", "Free advice on how earnings from a job change SSI, SSDI, Medicaid and other benefits, "
     "so a person can decide about work knowing what they will have.", "Social Security WIPA program",
     (("WIPA", None, SSA), ("work incentives counseling", "cil", ""), ("benefits counseling", "vr", ""))),
    ("Substantial Gainful Activity", "The monthly earnings level above which Social Security considers that a "
     "person can work; it matters for SSDI after the trial work period.", "Social Security Red Book",
     (("SGA", None, SSA),)),
    ("Trial Work Period", "Nine months (not necessarily in a row) in which a person on SSDI can earn any amount "
     "and keep their full benefit while trying out work.", "Social Security Red Book", (("TWP", None, SSA),)),
    ("Plan to Achieve Self-Support", "A Social Security work incentive that lets a person set aside income to pay "
     "for a work goal (training, equipment, a business) without losing SSI.", "Social Security Red Book",
     (("PASS", None, SSA),)),
    ("Ticket to Work", "Social Security's free, voluntary program that lets people on SSI or SSDI get employment "
     "services from VR or an Employment Network of their choice.", "Social Security Ticket to Work program",
     (("Ticket program", None, SSA),)),
    ("Employment Network", "An organization approved by Social Security to take a person's Ticket and provide "
     "employment services, paid as the person reaches earnings milestones.", "20 CFR 411",
     (("EN", None, "Ticket to Work"),)),
    ("Memorandum of understanding", "A written agreement between partners that says how they work together: the "
     "services each provides, how they refer, and how they share costs and information.", "WIOA sec. 121(c)",
     (("MOU", "wdb", ""), ("interagency agreement", "vr", ""), ("partnership agreement", "crp", ""))),
    ("Infrastructure funding agreement", "The part of the One-Stop partners' agreement that says how each partner "
     "pays its share of the center's rent, equipment and shared staff.", "WIOA sec. 121(h); 20 CFR 678.755",
     (("IFA", "wdb", ""), ("resource sharing agreement", "ajc", ""))),
    ("Integrated Resource Team", "The partners serving one job seeker, meeting together with the person to plan "
     "and pay for services as one team instead of one agency at a time.", "Disability Employment Initiative",
     (("IRT", "ajc", ""), ("customized-support team", "crp", ""), ("wraparound team", "mh", ""))),
    ("American Job Center", "The local office where anyone can look for work, get career services and training, "
     "and reach the required workforce partners in one place.", "WIOA sec. 121(e)",
     (("One-Stop", "wdb", ""), ("One-Stop Career Center", None, "WorkFORCE Action grant reports"),
      ("AJC", "ajc", ""))),
    ("Disability Resource Coordinator", "A staff member at the American Job Center who helps job seekers with "
     "disabilities use its services and links them to disability partners.", "Disability Employment Initiative",
     (("DRC", "ajc", ""), ("disability navigator", "wdb", ""))),
    ("Braided funding", "Several funders each paying for their own services for the same person, with every "
     "hour or milestone paid by exactly one of them, so nothing is billed twice.", "ODEP; LEAD Center",
     (("braiding", "wdb", ""), ("leveraged resources", None, "Disability Employment Initiative"))),
    ("Release of information", "A person's signed permission for one partner to share named information about "
     "them with another partner, for a purpose and until a date.", "HIPAA; 34 CFR 361.38; FERPA",
     (("ROI", "crp", ""), ("consent form", "vr", ""), ("authorization to disclose", "mh", ""),
      ("FERPA consent", "school", ""))),
    ("Competitive integrated employment", "A real job in the community, paid at least minimum wage and what "
     "others in the same job earn, working alongside people without disabilities.", "WIOA sec. 7(5)",
     (("CIE", "vr", ""), ("community employment", "dd", ""))),
    ("Extended services", "The ongoing support that keeps a person in their job once the time-limited services "
     "end, often paid by a Medicaid waiver or the county.", "34 CFR 363.4",
     (("follow-along", "crp", ""), ("long-term supports", "dd", ""), ("ongoing supports", "mh", ""))),
    ("Milestone payment", "A fixed payment to the provider when the person reaches a step in their employment "
     "(a finished profile, a job start, 90 days on the job), instead of paying by the hour.",
     "State VR fee schedule", (("outcome payment", "vr", ""), ("performance-based payment", "wdb", ""))),
    ("Authorization", "A funder's written approval, before the work starts, of the services a provider may "
     "deliver for one person: which ones, how many units, and for how long.", "State VR policy manual",
     (("service authorization", "vr", ""), ("prior authorization", "dd", ""))),
    ("Pre-employment transition services", "Five services VR provides to students with disabilities from about "
     "age 14: job exploration, work-based learning, counseling on further education, workplace readiness "
     "training and self-advocacy.", "WIOA sec. 422; 34 CFR 361.48(a)",
     (("Pre-ETS", "vr", ""), ("transition services", "school", ""))),
    ("Work experience", "A short, real stint of work (paid or not) so a person can try a job and an employer "
     "can see them work.", "WIOA sec. 129; 20 CFR 680.180",
     (("paid work experience", "ajc", ""), ("work-based learning", "school", ""), ("job try-out", "crp", ""),
      ("situational assessment", "vr", ""))),
    ("Reasonable accommodation", "A change to a job or the way it is done that lets a person with a disability "
     "do the work, such as a changed schedule, equipment or instructions in another format.",
     "Americans with Disabilities Act, Title I",
     (("accommodation", None, "ADA (employers)"), ("job accommodation", "cil", ""))),
    ("Supported employment", "Competitive integrated employment with ongoing support for people with the most "
     "significant disabilities, including a job coach and extended services.", "Rehabilitation Act Title VI",
     (("SE", "vr", ""), ("IPS", "mh", ""))),
    ("Medicaid waiver", "Medicaid funding for services at home and in the community instead of an institution; "
     "it often pays for a person's long-term job supports.", "Social Security Act sec. 1915(c)",
     (("HCBS waiver", "dd", ""), ("DD waiver", None, "Medicaid"))),
    ("Self-employment", "Working for oneself in a business the person owns, with a business plan and start-up "
     "costs that partners may share.", "ODEP Customized Self-Employment",
     (("microenterprise", "cil", ""), ("small business", "vr", ""))),
)


def schedule_glossary(p, timeline) -> None:
    """The partnership agrees its glossary the day after it is set up (partnerships.schedule_partnerships)."""
    timeline.at(p.setup_day + timedelta(days=3), lambda: _write(p))


def _write(p) -> None:
    uow, actor = p.uow, p.supervisor
    partnership_id = partnerships.resolve_partnership(uow, PARTNERSHIP).id
    for term, definition, source, words in TERMS:
        glossary.add_term(uow, actor, term=term, definition=definition, source=source, partnership_id=partnership_id,
                          synonyms=[PartnerWord(word, p.org_id(org) if org else None, system)
                                    for word, org, system in words])
    p.counts["glossary_terms"] += len(TERMS)
