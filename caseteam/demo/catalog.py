"""The demo partnership's fixed texts: partner organizations, their programs and their staff.

One fictional mid-size region (Eastport, Lakes County). Phone numbers use the 555-01xx range that is
reserved for fiction; e-mail domains end in .example.org so nothing reaches a real inbox.
"""

from __future__ import annotations

from dataclasses import dataclass

from caseteam.domain.organizations import OrganizationKind as K

REGION = "IA"
AREA_CODE = "563"


@dataclass(frozen=True)
class OrgSpec:
    key: str
    name: str
    kind: K
    street: str
    city: str
    postal_code: str
    phone_line: int  # the xx of 555-01xx
    domain: str
    notes: str = ""
    website: bool = True


@dataclass(frozen=True)
class ProgramSpec:
    org: str
    name: str
    funding_stream: str
    services: str
    eligibility: str
    mandated: bool = False


@dataclass(frozen=True)
class StaffSpec:
    key: str
    org: str
    given: str
    family: str
    title: str
    credentials: str = ""
    extension: int = 0


def phone(line: int, extension: int = 0) -> str:
    text = f"({AREA_CODE}) 555-01{line:02d}"
    return f"{text} ext. {extension}" if extension else text


ORGANIZATIONS: tuple[OrgSpec, ...] = (
    OrgSpec("vr", "State VR – Eastside District Office", K.VR_OFFICE, "400 Commerce Dr, Suite 200", "Eastport",
            "52761", 10, "vr.example.gov",
            "Counselors carry about 110 cases each. Authorizations (POs) go out by e-mail as PDF; signed invoices "
            "come back by fax to (563) 555-0111. Order of selection: categories 1 and 2 open, category 3 waitlist."),
    OrgSpec("crp", "Bridgeway Employment Services", K.CRP, "1125 W 3rd St", "Eastport", "52761", 20,
            "bridgeway.example.org",
            "CARF-accredited (Community Employment Services: Job Development and Job Supports), three-year "
            "accreditation through June 2028. VR vendor for Discovery, CE planning, job development and "
            "retention milestones; Medicaid waiver provider for supported employment. Office on bus routes 3 and 7."),
    OrgSpec("mh", "Riverbend Behavioral Health", K.MENTAL_HEALTH, "2200 River Dr", "Eastport", "52762", 30,
            "riverbend.example.org",
            "Runs an IPS supported employment team (fidelity review in March: 104, good fidelity). Releases go "
            "to Medical Records by fax (563) 555-0131; case managers answer e-mail within two working days."),
    OrgSpec("dd", "Lakes County Developmental Disabilities Services", K.DD_WAIVER, "15 Courthouse Sq, Room 104",
            "Millbrook", "52771", 40, "lakescounty.example.gov",
            "Support coordination for the HCBS Intellectual Disability and Brain Injury waivers. Waiver-funded "
            "supported employment needs written proof that VR or the school cannot pay first."),
    OrgSpec("cil", "Access Alliance Center for Independent Living", K.INDEPENDENT_LIVING, "310 Harrison St",
            "Eastport", "52761", 45, "accessalliance.example.org",
            "Hosts the regional WIPA benefits-planning project (SSA cooperative agreement) covering 14 counties; "
            "benefits summaries take 3-4 weeks from referral."),
    OrgSpec("ajc", "Eastport American Job Center", K.AMERICAN_JOB_CENTER, "1800 Kimberly Rd", "Eastport", "52762",
            50, "eastportajc.example.org",
            "One-Stop operated under contract by Heartland Workforce Solutions, Inc. for the Tri-County "
            "Workforce Development Board. Resource room has JAWS, ZoomText and a height-adjustable desk; ASL "
            "interpreters on 48 hours' notice."),
    OrgSpec("wdb", "Tri-County Workforce Development Board", K.WORKFORCE_BOARD, "1800 Kimberly Rd, 2nd Floor",
            "Eastport", "52762", 55, "tricountywdb.example.org",
            "Disability Advisory Council meets the second Tuesday of every other month at 10:00. The Business "
            "Advisory Council is a board subcommittee (12 employers)."),
    OrgSpec("school", "Millbrook Community School District – 18-21 Transition Program", K.SCHOOL_DISTRICT,
            "700 Oak St", "Millbrook", "52771", 60, "millbrook.example.k12.ia.us",
            "Project LAUNCH, for students 18-21 who finished their credits but stay on an IEP. Education records "
            "need the parent's or the adult student's written consent."),
    OrgSpec("cap", "Client Assistance Program – Disability Rights Center of the Lakes Region", K.CLIENT_ASSISTANCE,
            "505 5th Ave, Suite 310", "Eastport", "52761", 65, "drclakes.example.org",
            "Advocates for VR applicants and clients (Rehabilitation Act section 112). Free; call or walk in."),
    OrgSpec("faith", "Grace Fellowship Jobs Ministry", K.FAITH_BASED, "88 Elm St", "Cedar Bend", "52773", 70,
            "gracefellowship.example.org",
            "Tuesday night job club in the church basement (6:30-8:00), rides to interviews, a clothing closet "
            "with interview clothes and work boots."),
    OrgSpec("legal", "Lakes Region Legal Aid", K.LEGAL_AID, "120 W 2nd St", "Eastport", "52761", 75,
            "lakeslegal.example.org",
            "SSI/SSDI overpayment appeals, record expungement clinic (first Thursday), housing. Income limit 200% "
            "of poverty."),
    OrgSpec("now", "Northside Opportunity Works", K.CRP, "2301 N Division St", "Eastport", "52762", 80,
            "northsideworks.example.org",
            "Nonprofit running YouthBuild Eastport (mandated One-Stop partner program) and a small customized "
            "employment team that takes VR referrals when Bridgeway has a waitlist."),
    # Employers
    OrgSpec("grocery", "Prairie Fresh Market", K.EMPLOYER, "2750 Brady St", "Eastport", "52762", 85,
            "prairiefresh.example.com",
            "Produce and dairy back rooms short-staffed on early shifts; store director open to carving out a "
            "'back-room stocker' role."),
    OrgSpec("vet", "Cedar Bend Veterinary Clinic & Boarding", K.EMPLOYER, "410 County Road X", "Cedar Bend",
            "52773", 86, "cedarbendvet.example.com",
            "Technicians spend an hour a day on laundry and kennel cleaning; boarding is full every summer."),
    OrgSpec("auto", "Miller's Auto Repair", K.EMPLOYER, "915 Washington St", "Eastport", "52761", 87,
            "millersauto.example.com",
            "Four bays. Mechanics lose time on tire changes, parts runs and shop clean-up."),
    OrgSpec("hospital", "Mercy Eastport Hospital", K.EMPLOYER, "1 Mercy Way", "Eastport", "52762", 88,
            "mercyeastport.example.org",
            "Project SEARCH host site. Environmental Services and Central Supply hire part-time; HR needs a TB "
            "test and background check before the first day."),
    OrgSpec("library", "Eastport Public Library", K.EMPLOYER, "321 Main St", "Eastport", "52761", 89,
            "eastportlibrary.example.org",
            "Returned-book backlog every Monday; student shelvers leave after a semester."),
    OrgSpec("warehouse", "Riverside Distribution Center", K.EMPLOYER, "4400 Industrial Pkwy", "Riverton", "52775",
            90, "riversidedc.example.com",
            "Returns processing and re-labeling fall behind; day shift 6:00-2:30. Not on a bus route."),
    OrgSpec("bakery", "Sunrise Bakery", K.EMPLOYER, "212 Main St", "Millbrook", "52771", 91,
            "sunrisebakery.example.com",
            "Owner bakes from 4 a.m. and has no time for dishes, box folding or packaging before the 7:00 opening."),
    OrgSpec("hotel", "Hotel Riverview", K.EMPLOYER, "100 River Dr", "Eastport", "52761", 92,
            "hotelriverview.example.com",
            "Laundry room and breakfast set-up are the bottlenecks; housekeeping manager speaks Spanish and Russian."),
    OrgSpec("print", "QuickPrint Copy & Print", K.EMPLOYER, "1510 Harrison St", "Eastport", "52761", 93,
            "quickprint.example.com",
            "Collating, binding and folding jobs pile up before elections and the school year."),
    OrgSpec("credit_union", "Eastport Community Credit Union", K.EMPLOYER, "600 Brady St", "Eastport", "52762", 94,
            "eastportccu.example.org",
            "Back office scans and indexes loan files; branch manager on the Business Advisory Council."),
    OrgSpec("nursery", "Green Thumb Nursery & Garden Center", K.EMPLOYER, "7800 W Locust St", "Cedar Bend",
            "52773", 95, "greenthumb.example.com",
            "Spring rush April-June: watering, potting up, cart returns. Owner keeps two people on through winter "
            "for greenhouse care."),
    OrgSpec("recycling", "Lakes County Recycling Center", K.EMPLOYER, "2500 Landfill Rd", "Riverton", "52775", 96,
            "lakesrecycling.example.gov",
            "Sort line and e-waste tear-down; county job with benefits, 20-hour positions open twice a year."),
)

# Where the funders count 30/60/90-day retention from: VR from the hire, the waiver from stabilization.
RETENTION_BASIS = {"Title IV Vocational Rehabilitation": "hire_date",
                   "HCBS Intellectual Disability Waiver – Support Coordination": "stabilization"}

EMPLOYER_KEYS = tuple(o.key for o in ORGANIZATIONS if o.kind is K.EMPLOYER)

PROGRAMS: tuple[ProgramSpec, ...] = (
    ProgramSpec("vr", "Title IV Vocational Rehabilitation",
                "Rehabilitation Act Title I (WIOA Title IV): 78.7% federal, 21.3% state match",
                "Eligibility determination; Individualized Plan for Employment (IPE); vocational counseling and "
                "guidance; purchase of Discovery, customized employment and job coaching from CRPs; tools, work "
                "clothes and transportation; post-employment services.",
                "A physical or mental impairment that is a substantial impediment to employment, and VR services "
                "are needed to get or keep a job. SSI/SSDI recipients are presumed eligible.", True),
    ProgramSpec("vr", "Pre-Employment Transition Services (Pre-ETS)",
                "15% reserve of the VR allotment (WIOA Title IV)",
                "Job exploration counseling, work-based learning, counseling on post-secondary options, workplace "
                "readiness training, instruction in self-advocacy.",
                "Students with disabilities aged 14-21 enrolled in school, with an IEP or 504 plan or documented "
                "disability.", True),
    ProgramSpec("vr", "Supported Employment (Title VI)", "Rehabilitation Act Title VI, Part B",
                "Time-limited job coaching and follow-along (up to 24 months) until extended services begin.",
                "VR clients with the most significant disabilities who need ongoing support to keep a job.", True),
    ProgramSpec("crp", "Customized Employment",
                "VR milestone payments under the Purchase of Service Agreement; Medicaid HCBS waiver",
                "Discovery (20-30 hours over 6-10 weeks); vocational profile and visual résumé; CE planning meeting; "
                "customized job development and negotiation with employers; job coaching with a written fading plan.",
                "Referred by VR with an authorization, or by the waiver with an approved service plan; 18 or older."),
    ProgramSpec("crp", "Supported Employment – Extended Services",
                "HCBS Intellectual Disability and Brain Injury waivers; county funds",
                "Follow-along at least twice a month at the job site; retraining when duties change; help with "
                "schedule changes and raises.",
                "Employed waiver members who finished VR-funded stabilization."),
    ProgramSpec("crp", "Job Club and Work Readiness", "United Way of Lakes County; private donations",
                "Weekly job club, interview practice with local employers, résumé help.",
                "Open to anyone; no referral needed."),
    ProgramSpec("mh", "IPS Supported Employment",
                "Medicaid (IPS bundled rate) and the state mental-health block grant",
                "Rapid job search within 30 days, benefits counseling, follow-along with no time limit, integrated "
                "with the treatment team.",
                "Adults with a serious mental illness receiving services at Riverbend who want to work; zero "
                "exclusion."),
    ProgramSpec("mh", "Targeted Case Management", "Medicaid",
                "Coordination of psychiatric, medical, housing and benefit services; monthly face-to-face contact.",
                "Adults with a serious and persistent mental illness enrolled in Medicaid."),
    ProgramSpec("dd", "HCBS Intellectual Disability Waiver – Support Coordination", "Medicaid 1915(c) waiver",
                "Person-centered service plan, annual reassessment, authorization of waiver services including "
                "supported employment and extended services.",
                "Intellectual disability diagnosed before age 18, Medicaid eligible, ICF/ID level of care."),
    ProgramSpec("cil", "Work Incentives Planning and Assistance (WIPA)", "Social Security Administration cooperative "
                "agreement", "Benefits summary and analysis (BS&A); work incentives counseling (SEIE, IRWE, PASS, "
                "1619(b), Ticket to Work); help reporting wages to SSA.",
                "SSI or SSDI beneficiaries aged 14 to full retirement age who are working or plan to work."),
    ProgramSpec("cil", "Independent Living Skills and Peer Support", "Rehabilitation Act Title VII, Part C",
                "Peer mentoring, budgeting, bus training, self-advocacy groups, housing search.",
                "People with any disability in the 14-county area; no income limit."),
    ProgramSpec("ajc", "WIOA Title I Adult and Dislocated Worker", "WIOA Title I formula funds through the "
                "Tri-County WDB", "Career services, individual training accounts, on-the-job training contracts, "
                "supportive services (bus passes, work boots).",
                "Adults 18+ (priority for low-income and basic-skills-deficient); dislocated workers laid off "
                "through no fault of their own.", True),
    ProgramSpec("ajc", "Wagner-Peyser Employment Service", "WIOA Title III",
                "Job listings, labor-exchange services, workshops, resource room with assistive technology.",
                "Anyone legally able to work in the U.S.", True),
    ProgramSpec("ajc", "WIOA Title I Youth", "WIOA Title I youth formula funds",
                "Paid work experience, tutoring, mentoring, follow-up for 12 months.",
                "Out-of-school youth 16-24 or in-school youth 14-21 with a barrier (disability counts).", True),
    ProgramSpec("ajc", "Jobs for Veterans State Grants", "U.S. DOL VETS",
                "Disabled Veterans' Outreach Program specialist on site Tuesdays and Thursdays.",
                "Veterans with significant barriers to employment, including service-connected disability.", True),
    ProgramSpec("wdb", "Ticket to Work Employment Network", "SSA Ticket to Work milestone and outcome payments",
                "Ongoing employment support after VR closes the case, paid by SSA from the person's earnings.",
                "SSI/SSDI beneficiaries aged 18-64 who assign their Ticket to the board's network."),
    ProgramSpec("school", "18-21 Transition Program (Project LAUNCH)", "IDEA Part B; state special-education weight",
                "Community-based instruction, unpaid work experiences, travel training, self-advocacy; VR Pre-ETS "
                "coordinated through the IEP.",
                "Students 18-21 on an IEP who have met credit requirements but not exited."),
    ProgramSpec("school", "Perkins Career and Technical Education", "Carl D. Perkins CTE Act",
                "Culinary, auto-technology and health-careers pathways at the career academy.",
                "Students in grades 9-12 and the transition program.", True),
    ProgramSpec("cap", "Client Assistance Program", "Rehabilitation Act section 112",
                "Information and advocacy for VR applicants and clients: appeals, IPE disputes, mediation.",
                "Anyone applying for or receiving VR or independent-living services."),
    ProgramSpec("faith", "Tuesday Job Club", "Congregation donations",
                "Peer support, rides to interviews, interview clothes and boots from the clothing closet.",
                "Open to anyone."),
    ProgramSpec("legal", "SSI/SSDI Overpayments and Appeals", "Legal Services Corporation; IOLTA",
                "Waiver requests, reconsideration and hearing representation.",
                "Income at or below 200% of the federal poverty level."),
    ProgramSpec("now", "YouthBuild Eastport", "U.S. DOL YouthBuild grant",
                "Construction skills, GED and high-school equivalency, paid stipends, leadership and placement.",
                "Youth 16-24 who left school; disability-related accommodations available.", True),
    ProgramSpec("now", "Customized Employment Services", "VR milestone payments (Purchase of Service Agreement)",
                "Discovery, CE planning, job development and coaching for VR referrals.",
                "VR clients with an authorization."),
    ProgramSpec("hospital", "Project SEARCH Host Site", "Host business in-kind; school district and VR",
                "Three 10-week unpaid internship rotations in hospital departments for transition students.",
                "Students in their last year of school services, referred by the district with VR."),
)

STAFF: tuple[StaffSpec, ...] = (
    StaffSpec("manager", "crp", "Denise", "Okafor-Hill", "Program Manager, Employment Services", "MS, CESP", 201),
    StaffSpec("lupe", "crp", "Lupe", "Hernández", "Employment Specialist", "ACRE, CESP", 214),
    StaffSpec("marcus", "crp", "Marcus", "Bell", "Employment Specialist", "ACRE", 215),
    StaffSpec("khadija", "crp", "Khadija", "Farah", "Job Developer", "ACRE", 216),
    StaffSpec("tom", "crp", "Tom", "Lindqvist", "Employment Specialist", "CESP", 217),
    StaffSpec("yer", "crp", "Yer", "Vang", "Employment Specialist", "ACRE", 218),
    StaffSpec("coach_brianna", "crp", "Brianna", "Schultz", "Job Coach", "", 221),
    StaffSpec("coach_andre", "crp", "Andre", "Washington", "Job Coach", "", 222),
    StaffSpec("billing", "crp", "Grace", "Oyelaran", "Billing and Authorization Coordinator", "", 205),
    StaffSpec("vr_karen", "vr", "Karen", "Mitchell", "Vocational Rehabilitation Counselor", "MS, CRC", 312),
    StaffSpec("vr_luis", "vr", "Luis", "Ortega", "Vocational Rehabilitation Counselor", "MRC, CRC", 314),
    StaffSpec("vr_jasmine", "vr", "Jasmine", "Pham", "Vocational Rehabilitation Counselor", "CRC", 315),
    StaffSpec("vr_gregory", "vr", "Gregory", "Adeyemi", "Transition VR Counselor", "MS, CRC", 318),
    StaffSpec("vr_rachel", "vr", "Rachel", "Stein", "Business Services Representative", "", 320),
    StaffSpec("vr_wendell", "vr", "Wendell", "Harris", "District Supervisor", "CRC", 301),
    StaffSpec("ips_samira", "mh", "Samira", "Haddad", "IPS Employment Specialist", "", 140),
    StaffSpec("cm_kevin", "mh", "Kevin", "O'Brien", "Case Manager", "LSW", 142),
    StaffSpec("cm_monica", "mh", "Mónica", "Reyes", "Case Manager", "LMSW", 143),
    StaffSpec("ips_phil", "mh", "Phil", "Dunn", "IPS Supervisor", "LISW", 141),
    StaffSpec("sc_ashley", "dd", "Ashley", "Nguyen", "Support Coordinator", "QIDP", 12),
    StaffSpec("sc_robert", "dd", "Robert", "Two Bulls", "Support Coordinator", "QIDP", 14),
    StaffSpec("wipa_dana", "cil", "Dana", "Kowalski", "Benefits Planner (WIPA)", "CWIC", 31),
    StaffSpec("wipa_ibrahim", "cil", "Ibrahim", "Jama", "Benefits Planner (WIPA)", "CWIC", 32),
    StaffSpec("il_terri", "cil", "Terri", "Lund", "Independent Living Specialist", "", 35),
    StaffSpec("ajc_tiffany", "ajc", "Tiffany", "Moore", "Disability Resource Coordinator", "GCDF", 410),
    StaffSpec("ajc_sergio", "ajc", "Sergio", "Villanueva", "Business Services Representative", "", 412),
    StaffSpec("ajc_mark", "ajc", "Mark", "Ebert", "Employment Service Counselor (Wagner-Peyser)", "", 415),
    StaffSpec("wdb_patricia", "wdb", "Patricia", "Greene", "Program Officer, Disability Advisory Council", "", 3),
    StaffSpec("tc_emily", "school", "Emily", "Carter", "Transition Coordinator", "M.Ed.", 220),
    StaffSpec("tc_chue", "school", "Chue", "Lor", "Transition Coordinator", "", 221),
    StaffSpec("cap_daniel", "cap", "Daniel", "Kim", "CAP Advocate", "", 7),
    StaffSpec("legal_maria", "legal", "María Elena", "Ruiz", "Staff Attorney", "JD", 12),
    StaffSpec("faith_ruth", "faith", "Ruth", "Ellison", "Jobs Ministry Coordinator", "", 0),
    StaffSpec("now_jerome", "now", "Jerome", "Jackson", "YouthBuild Program Director", "", 10),
    StaffSpec("now_keiko", "now", "Keiko", "Tanaka", "Employment Specialist", "ACRE", 14),
    StaffSpec("emp_grocery", "grocery", "Steve", "Krueger", "Store Director"),
    StaffSpec("emp_vet", "vet", "Beth Ann", "Sorensen", "Practice Manager"),
    StaffSpec("emp_auto", "auto", "Ray", "Miller", "Owner"),
    StaffSpec("emp_hospital", "hospital", "Angela", "Fischer", "Environmental Services Manager"),
    StaffSpec("emp_library", "library", "Alicia", "Moreno", "Circulation Supervisor"),
    StaffSpec("emp_warehouse", "warehouse", "Dwayne", "Coleman", "Returns Shift Supervisor"),
    StaffSpec("emp_bakery", "bakery", "Giulia", "Russo", "Owner"),
    StaffSpec("emp_hotel", "hotel", "Nadia", "Petrova", "Housekeeping Manager"),
    StaffSpec("emp_print", "print", "Ben", "Nakamura", "Production Manager"),
    StaffSpec("emp_credit_union", "credit_union", "Sharon", "Whitfield", "Branch Manager"),
    StaffSpec("emp_nursery", "nursery", "Hank", "Vermeer", "Owner"),
    StaffSpec("emp_recycling", "recycling", "Carla", "Jiménez", "Operations Lead"),
)
# Hired when Karen Mitchell leaves; takes over her caseload.
REPLACEMENT_COUNSELOR = StaffSpec("vr_hannah", "vr", "Hannah", "Brooks", "Vocational Rehabilitation Counselor",
                                  "CRC", 312)
DEPARTING_COUNSELOR = "vr_karen"
HANDOVER_COLLEAGUE = "vr_luis"  # takes the office's own tasks and meetings from her

# Bridgeway's employment specialists: each gets a user account and leads a caseload.
JOB_DEVELOPERS = ("lupe", "marcus", "khadija", "tom", "yer")
SUPERVISOR = "manager"
JOB_COACHES = ("coach_brianna", "coach_andre")
VR_COUNSELORS = ("vr_karen", "vr_luis", "vr_jasmine")
TRANSITION_COUNSELOR = "vr_gregory"
BENEFITS_PLANNERS = ("wipa_dana", "wipa_ibrahim")
CASE_MANAGERS = ("cm_kevin", "cm_monica")
SUPPORT_COORDINATORS = ("sc_ashley", "sc_robert")
TRANSITION_COORDINATORS = ("tc_emily", "tc_chue")
EMPLOYER_CONTACT = {key: f"emp_{key}" for key in EMPLOYER_KEYS}
# Who speaks the person's language at Bridgeway, so the lead can match.
LANGUAGE_LEADS = {"Spanish": "lupe", "Somali": "khadija", "Hmong": "yer"}

# Tasks that belong to the partnership, not to one person: (org, staff or None, title, details, priority).
PARTNERSHIP_TASKS = (
    ("wdb", "wdb_patricia", "Send Disability Advisory Council agenda and last minutes to partners",
     "Include the resource-map gap list (no Saturday coaching; no Somali-speaking benefits planner).", "normal"),
    ("crp", "manager", "Annual MOU review: collect partner edits by e-mail",
     "MOU must be reviewed at least every three years; last signed two years ago.", "high"),
    ("crp", "billing", "Resubmit returned invoices (missing counselor signature)",
     "Three invoices came back from VR fiscal last week; check each has the PO number.", "high"),
    ("ajc", "ajc_tiffany", "Book ASL interpreter for the job fair at the AJC", "", "normal"),
    ("crp", "manager", "Update resource manual entry for Riverbend IPS (new supervisor, new fax number)", "", "low"),
    ("legal", "legal_maria", "Expungement clinic: send flyer to Bridgeway and the AJC", "", "low"),
    ("vr", "vr_wendell", "Send Bridgeway the renewed Purchase of Service Agreement rates", "", "high"),
    ("faith", "faith_ruth", "Restock interview clothing closet (men's 32-34 waist, size 10-11 boots)", "", "low"),
    ("cil", "il_terri", "Bus training volunteers: schedule refresher", "", "normal"),
    ("wdb", None, "Business Advisory Council: invite Sunrise Bakery and Miller's Auto Repair", "", "normal"),
)

ORG_BY_KEY = {o.key: o for o in ORGANIZATIONS}
STAFF_BY_KEY = {s.key: s for s in (*STAFF, REPLACEMENT_COUNSELOR)}
