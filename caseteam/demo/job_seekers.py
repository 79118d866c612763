"""The demo caseload's fixed texts: names as found in a US caseload, needs, natural supports, reasons."""

from __future__ import annotations

from caseteam.domain.teams import TeamRole

# (culture, weight, given names, family names, language spoken at home or None)
CULTURES = (
    ("anglo", 28,
     ("Cody", "Brittany", "Kyle", "Heather", "Dale", "Amber", "Tyler", "Jessica", "Dustin", "Kayla", "Travis",
      "Megan", "Brandon", "Shane", "Crystal", "Logan", "Hailey", "Wyatt", "Courtney", "Gary", "Sandra", "Caleb"),
     ("Larson", "Schmidt", "Anderson", "Olson", "Peterson", "Johnson", "Miller", "Kowalczyk", "Hansen", "Becker",
      "Meyer", "Sorensen", "Wagner", "Fitzgerald", "McAllister", "Boyd", "Erickson", "Lindgren", "Schroeder",
      "Thompson"), None),
    ("black", 20,
     ("D'Andre", "Latoya", "Dontavious", "Keisha", "Tyrone", "Shaniqua", "DeShawn", "Jamal", "Ebony", "Marquise",
      "Tanisha", "Darnell", "Imani", "Jaylen", "Aaliyah", "Terrence", "Monique", "Kendrick"),
     ("Jackson", "Robinson", "Simmons", "Jenkins", "Brown", "Harris", "Whitaker", "Franklin", "Dawson",
      "Merriweather", "Pettiford", "McBride", "Gaines", "O'Neal", "Booker", "Toussaint"), None),
    ("latino", 18,
     ("José", "María Fernanda", "Guadalupe", "Jesús", "Alejandro", "Ximena", "Rocío", "Raúl", "Andrés", "Itzel",
      "Héctor", "Yesenia", "Adrián", "Araceli", "Iván", "Sofía", "Efraín", "Marisol"),
     ("Muñoz García", "Hernández", "Ramírez", "López Ortiz", "Gutiérrez", "Peña", "Treviño", "Castañeda", "Núñez",
      "Jiménez", "Ibarra", "Sánchez", "Morales", "Cruz Ramírez", "Domínguez", "Espinoza"), "Spanish"),
    ("hmong", 8,
     ("Mai", "Pa Nhia", "Tou", "Chong", "Kou", "Nou", "Yia", "Pheng", "Bao", "Zoua", "Xee", "Fue", "Ka", "Shoua"),
     ("Xiong", "Vang", "Yang", "Lee", "Her", "Thao", "Moua", "Lor", "Vue", "Hang", "Khang", "Chang"), "Hmong"),
    ("somali", 8,
     ("Abdi", "Hodan", "Fartun", "Ayaan", "Mohamed", "Hamdi", "Abdirahman", "Sahra", "Ismail", "Nimco", "Yusuf",
      "Faadumo", "Ahmed", "Ubah", "Bashir", "Deeqa"),
     ("Warsame", "Abdullahi", "Hussein", "Mohamud", "Osman", "Ali", "Hassan", "Aden", "Nur", "Ibrahim", "Egal",
      "Dualeh", "Yusuf", "Abdi"), "Somali"),
    ("vietnamese", 7,
     ("Thị Ánh", "Văn Minh", "Thị Hồng", "Quốc Bảo", "Thanh Hương", "Đức Anh", "Ngọc Lan", "Minh Tuấn", "Thị Mai",
      "Văn Hùng", "Thu Trang", "Hoàng Long"),
     ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Huỳnh"), "Vietnamese"),
    ("bosnian", 4,
     ("Emir", "Amra", "Senad", "Lejla", "Adnan", "Selma", "Dženan", "Aida"),
     ("Hadžić", "Begović", "Mujić", "Delić", "Kovačević", "Šehić"), None),
    ("eastern_european", 4,
     ("Oksana", "Dmytro", "Łukasz", "Zofia", "Nadiya", "Bogdan", "Katarzyna", "Andriy"),
     ("Kovalenko", "Shevchuk", "Wójcik", "Dąbrowska", "Bondarenko", "Zieliński"), None),
    ("nepali", 3,
     ("Bishnu", "Sita", "Dil Maya", "Ram", "Tika", "Chandra", "Man Bahadur"),
     ("Gurung", "Rai", "Tamang", "Subedi", "Dhakal", "Limbu"), "Nepali"),
)

# Names people go by; applied to most of those who have them.
PREFERRED = {
    "Dontavious": "Tay", "Alejandro": "Alex", "Guadalupe": "Lupita", "Jesús": "Chuy", "Abdirahman": "Abdi",
    "Kendrick": "Kenny", "María Fernanda": "Fer", "Katarzyna": "Kasia", "Man Bahadur": "Manny",
    "Faadumo": "Fadumo", "Terrence": "T.J.",
}

# Hand-written people that open every demo (the first few rows of any population).
FEATURED = (
    dict(given="Thị Ánh", family="Nguyễn", preferred="Ánh", culture="vietnamese", language="Vietnamese",
         interpreter="Vietnamese", source="vr",
         themes=("food and cooking", "cleaning and restoring", "sorting and order"),
         communication="Understands more English than she speaks; a Vietnamese interpreter for anything she "
                       "signs. Write key words down for her to photograph.",
         accommodations="Meetings before 2 p.m. (picks up her nephew from school)."),
    dict(given="José", family="Muñoz García", preferred="", culture="latino", language="Spanish",
         interpreter="Spanish", source="ajc", themes=("engines", "fixing things", "plants and outdoors"),
         communication="Spanish first; reads Spanish well. Send letters in Spanish and English.",
         accommodations="Back injury: no lifting over 25 lb; stand or sit as needed."),
    dict(given="Caleb", family="Lindgren", preferred="", culture="anglo", language="English", interpreter="",
         source="dd", themes=("sorting and order", "music", "animals"),
         communication="Uses AAC app on iPad (TouchChat); give time to answer, count to ten before asking again.",
         accommodations="Noise-cancelling headphones; visual schedule with photos for new tasks.",
         guardian=("Joanne Lindgren", "Mother", "(563) 555-0187; joanne.lindgren@example.net")),
    dict(given="Abdi", family="Warsame", preferred="", culture="somali", language="Somali", interpreter="Somali",
         source="vr", themes=("numbers and records", "fixing things", "helping people"),
         communication="Somali interpreter for meetings and forms; texts in English are fine for scheduling.",
         accommodations="Prayer break around 1:30 p.m.; no shifts Friday midday."),
    dict(given="Mai", family="Xiong", preferred="", culture="hmong", language="Hmong",
         interpreter="Hmong", source="school", themes=("plants and outdoors", "food and cooking",
                                                       "cleaning and restoring"),
         communication="Speaks English with staff; her mother needs a Hmong interpreter at every team meeting.",
         accommodations="Written instructions, one step at a time."),
    dict(given="D'Andre", family="O'Neal Jr.", preferred="", culture="black", language="English", interpreter="",
         source="mh", themes=("engines", "music", "fixing things"),
         communication="Prefers text messages to calls; does not pick up unknown numbers.",
         accommodations="Appointments after 11 a.m. (medication makes mornings hard)."),
    dict(given="Dontavious", family="Jackson", preferred="Tay", culture="black", language="English",
         interpreter="", source="school", themes=("animals", "helping people", "plants and outdoors"),
         communication="Reads at about a third-grade level; read forms aloud and use pictures.",
         accommodations="Breaks every 45 minutes; fidget tool in meetings."),
    dict(given="Marisol", family="Treviño", preferred="", culture="latino", language="American Sign Language",
         interpreter="ASL", source="vr", themes=("sorting and order", "numbers and records",
                                                 "cleaning and restoring"),
         communication="Deaf; uses ASL. Book the interpreter 48 hours ahead; texting is fine for scheduling.",
         accommodations="Seat facing the speaker with light on their face; captioned videos only."),
    dict(given="Latoya", family="Simmons", preferred="", culture="black", language="English", interpreter="",
         source="mh", themes=("helping people", "food and cooking", "music"),
         communication="Written instructions, one step at a time.",
         accommodations="Quiet room for meetings; no fluorescent lights if possible."),
)

COMMUNICATION_NEEDS = (
    "Uses AAC app on iPad; give time to answer.",
    "Written instructions, one step at a time.",
    "Reads at about a third-grade level; use plain words and pictures, read forms aloud.",
    "Hard of hearing in the left ear; sit on the right side and face {him} when talking.",
    "Prefers text messages to phone calls; does not pick up unknown numbers.",
    "Low vision: 18-point print, high contrast; uses ZoomText on the computer.",
    "Stutters when rushed; let {him} finish, don't fill in words.",
    "Answers 'yes' to yes/no questions even when the answer is no; ask open questions.",
    "Screen-reader user (JAWS): send Word files or accessible PDFs, never scans.",
    "Best before noon; medication makes afternoons foggy.",
    "Repeats the question back before answering; that is how {he} checks {he} understood.",
)

ACCOMMODATIONS = (
    "Quiet room for meetings; no fluorescent lights if possible.",
    "Breaks every 45 minutes.",
    "Meet at the library or the Bridgeway office, not at home (roommate situation).",
    "Power wheelchair: check entrances and restrooms before any site visit.",
    "Reminder call the day before every appointment.",
    "Visual schedule with photos for new tasks.",
    "Headphones allowed; fidget tool.",
    "Seizure plan on file: call {his} mother if a seizure lasts over 3 minutes.",
    "Rides Lakes Paratransit (book 24 hours ahead); no same-day changes.",
    "Large-print copies of everything to sign.",
    "No lifting over 20 lb (shoulder surgery 2023).",
)

# (relationship, team role, family member?, "f"/"m" for the name, or None)
NATURAL_SUPPORTS = (
    ("Mother", TeamRole.FAMILY, True, "f"), ("Father", TeamRole.FAMILY, True, "m"),
    ("Aunt", TeamRole.FAMILY, True, "f"), ("Grandmother", TeamRole.FAMILY, True, "f"),
    ("Older brother", TeamRole.FAMILY, True, "m"), ("Sister", TeamRole.FAMILY, True, "f"),
    ("Uncle", TeamRole.FAMILY, True, "m"), ("Neighbor", TeamRole.FRIEND, False, None),
    ("Pastor", TeamRole.MENTOR, False, None), ("Former teacher", TeamRole.MENTOR, False, None),
    ("Friend from church", TeamRole.FRIEND, False, None), ("Roommate", TeamRole.FRIEND, False, None),
)
# Given names for relatives: (women, men), by culture; relatives share the person's family name.
SUPPORT_GIVEN = {
    "anglo": (("Linda", "Debra", "Sharon", "Tammy"), ("Mike", "Rick", "Dennis", "Jim")),
    "black": (("Gloria", "Bernice", "Vanessa", "Dorothy"), ("Curtis", "Reggie", "Marvin", "Otis")),
    "latino": (("Rosa", "Elena", "Carmen", "Leticia"), ("Miguel", "Arturo", "Ernesto", "Rubén")),
    "hmong": (("Blia", "Mee", "Lia", "Youa"), ("Yeng", "Txong", "Cha", "Neng")),
    "somali": (("Halima", "Hawa", "Maryan", "Sadia"), ("Abdullahi", "Farhan", "Hassan", "Omar")),
    "vietnamese": (("Thị Lan", "Thị Hoa", "Thu Hà", "Kim Liên"), ("Văn Nam", "Quang", "Văn Tâm", "Đức Thắng")),
    "bosnian": (("Mirsada", "Fatima", "Jasmina", "Emina"), ("Edin", "Nermin", "Kemal", "Mirza")),
    "eastern_european": (("Halyna", "Ewa", "Olena", "Iryna"), ("Petro", "Marek", "Taras", "Jan")),
    "nepali": (("Kamala", "Devi", "Laxmi", "Sabitra"), ("Hari", "Bhim", "Krishna", "Tek Bahadur")),
}
# People outside the family, by relationship.
OUTSIDE_NAMES = {
    "Neighbor": ("Carol Jensen", "Jake Sweeney", "Tamika Lewis", "Luis Prado", "Bev Nordstrom"),
    "Pastor": ("Pastor Willie Grant", "Rev. Alma Ortiz", "Pastor Sam Yang", "Father Tom Reilly"),
    "Former teacher": ("Diane Holm", "Paul Hendricks", "Angela Duarte", "Mark Feeney"),
    "Friend from church": ("Nancy Birch", "Marcus Hill", "Teresa Vo", "Ruthie Carlson"),
    "Roommate": ("Kevin Lund", "Brianna Cole", "Eddie Santos", "Tasha Green"),
}

STREETS = ("Maple Ave", "Locust St", "Brady St", "Harrison St", "Kimberly Rd", "Washington St", "Oak St",
           "Division St", "Pine Ridge Ct", "Riverview Apts, 3rd St", "Elm St", "W 14th St", "Jersey Ridge Rd")
# (city, postal code, share of people)
CITIES = (("Eastport", "52761", 5), ("Eastport", "52762", 4), ("Millbrook", "52771", 2),
          ("Cedar Bend", "52773", 1), ("Riverton", "52775", 1))

PAST_WORK = (
    "Washed dishes at a buffet for two years until it closed in 2020.",
    "Never worked for pay; volunteers at the church food pantry on Saturdays.",
    "Warehouse temp through an agency; let go after three weeks (pace).",
    "Cashier at a gas station for six months; left after a robbery.",
    "Sheltered workshop (piece-rate assembly) for eight years until it closed.",
    "Housekeeping at a motel; quit after a new manager changed the schedule every week.",
    "Stocked shelves at a dollar store; hours cut to four a week.",
)
PAST_WORK_YOUNG = (
    "Never worked for pay; unpaid work experience at the school store and the district warehouse.",
    "Detasseled corn two summers in high school.",
    "Mowed lawns with {his} uncle's crew in summer.",
    "Summer youth job through the AJC (park clean-up, six weeks).",
)
REFERRAL_NOTES = {
    "vr": "VR counselor referred for Discovery and customized employment; category 1 (most significant "
          "disability), IPE goal 'to be determined through Discovery'.",
    "school": "Transition coordinator referred from the 18-21 program; exits in May. Parent consent for school "
              "records signed at the IEP meeting.",
    "mh": "Case manager at Riverbend referred; wants part-time work and to keep Medicaid. Release for Riverbend "
          "signed at intake.",
    "ajc": "Came to the AJC resource room; Disability Resource Coordinator referred after months of online "
           "applications with no interviews.",
    "dd": "Support coordinator referred; the waiver plan lists a paid job as a goal. VR must be tried first "
          "(payer of last resort).",
}

ON_HOLD_REASONS = (
    "Hospital stay; resume after discharge.",
    "Family emergency overseas; traveling until the end of the month.",
    "Moving across town (new apartment); pause until the move settles.",
    "Chose to pause during GED classes; check in monthly.",
    "Surgery scheduled; doctor says no work for six weeks.",
)
CLOSED_UNSUCCESSFUL_REASONS = (
    "Moved out of state to live with {his} sister; VR closed the case.",
    "No contact after three tries by phone, text and letter; VR closed the case.",
    "Decided not to work for now to keep SSDI; benefits summary reviewed with {him} first.",
    "Chose to return to school full time (community college welding program).",
    "Incarcerated; VR closed the case. Legal Aid expungement clinic suggested for later.",
)
CANCEL_REASONS = (
    "Person chose a different employer.",
    "VR issued the authorization before the request went out.",
    "Duplicate of a task already on the team list.",
    "Employer filled the position internally.",
    "No longer needed after the plan review.",
)

FEMALE = frozenset((
    "Brittany", "Heather", "Amber", "Jessica", "Kayla", "Megan", "Crystal", "Hailey", "Courtney", "Sandra",
    "Latoya", "Keisha", "Shaniqua", "Ebony", "Tanisha", "Imani", "Aaliyah", "Monique",
    "María Fernanda", "Guadalupe", "Ximena", "Rocío", "Itzel", "Yesenia", "Araceli", "Sofía", "Marisol",
    "Mai", "Pa Nhia", "Nou", "Bao", "Zoua", "Xee", "Ka", "Shoua",
    "Hodan", "Fartun", "Ayaan", "Hamdi", "Sahra", "Nimco", "Faadumo", "Ubah", "Deeqa",
    "Thị Ánh", "Thị Hồng", "Thanh Hương", "Ngọc Lan", "Thị Mai", "Thu Trang",
    "Amra", "Lejla", "Selma", "Aida", "Oksana", "Zofia", "Nadiya", "Katarzyna", "Sita", "Dil Maya", "Tika",
))


def pronouns(given: str) -> dict[str, str]:
    """For str.format on the texts above: {he}, {his}, {him}."""
    female = any(given == name or given.startswith(name + " ") for name in FEMALE)
    return {"he": "she", "his": "her", "him": "her"} if female else {"he": "he", "his": "his", "him": "him"}

# What a natural support does, as the plan says it.
SUPPORT_DOES = ("drives to the bus stop on rainy days", "practices interview questions", "helps read mail from SSA",
                "checks the work schedule every Sunday", "packs lunch for work days", "keeps the spare house key")
VISION_ENDINGS = ("I want my own money for my phone plan.", "I want to help my mom with rent.",
                  "I want to save for a bike.", "I want people at work to know my name.",
                  "I want to move into my own apartment someday.")
