"""Vocational themes and what Discovery finds under each: observations, profile and plan wording.

Observations are (setting, what happened, what was learned), written as a job developer logs them.
"""

from __future__ import annotations

from dataclasses import dataclass

from caseteam.domain.discovery import DiscoverySetting as S


@dataclass(frozen=True)
class Theme:
    name: str
    interests: str
    strengths: str
    contributions: str
    employers: tuple[tuple[str, str], ...]  # (employer key in catalog.ORGANIZATIONS, duties a job there holds)
    job: str  # "a job ..." as the person would say it
    vision: str  # in the person's words
    observations: tuple[tuple[S, str, str], ...]


THEMES: tuple[Theme, ...] = (
    Theme("animals", "Dogs (has a beagle mix), vet shows, helps a neighbor with the chickens",
          "Calm with frightened animals; notices small changes (a limp, a dog not eating)",
          "Kennel cleaning, laundry and feeding to the chart, so technicians stay with patients",
          (("vet", "kennel cleaning, laundry, feeding to the chart, walking boarders"),
           ("nursery", "watering and caring for the greenhouse cats and the shop dog, cart returns")), "with animals",
          "I want to work where there are dogs, and people who like dogs.",
          ((S.WORK_TRY_OUT, "Two-hour try-out at the boarding kennel",
            "Cleaned six runs to the clinic's checklist; slowed down near the barking dogs but did not stop. "
            "Asked to come back."),
           (S.HOME, "Watched the morning routine with the family dog",
            "Feeds, walks and brushes the dog without reminders; keeps the food log on the fridge."),
           (S.INFORMATIONAL_INTERVIEW, "Informational interview with the vet clinic's practice manager",
            "Technicians lose about an hour a day to laundry and kennel cleaning; manager would consider a "
            "part-time role if it started at 7 a.m."),
           (S.COMMUNITY, "Volunteered at the shelter's Saturday adoption event",
            "Stayed with the nervous dogs in the back for two hours; talked with visitors only about the dogs."))),
    Theme("sorting and order", "Puzzles, organizing the family's DVDs, the library",
          "Exact and steady; notices when something is out of place; does not get bored by repetition",
          "Takes over sorting and re-shelving backlogs so other staff can serve customers",
          (("library", "sorting returns, re-shelving, labeling the donation-sale books"),
           ("recycling", "sort line, pulling plastic bags and contaminants"),
           ("print", "collating, box folding, restocking paper")), "sorting or organizing things",
          "I want a job where I put things where they go. Quiet, and the same every day.",
          ((S.WORK_TRY_OUT, "Library returns cart, Monday morning",
            "Sorted 300 returned books by call number in 40 minutes without prompts; asked for more."),
           (S.HOME, "Tour of the bedroom and the closet",
            "Clothes sorted by color, DVDs alphabetical; gets upset when a sibling moves things."),
           (S.WORK_TRY_OUT, "Sort line at the recycling center, one hour",
            "Kept pace on the slow line; the noise was fine with headphones; pulled every plastic bag."),
           (S.INFORMATIONAL_INTERVIEW, "Talked with the print shop's production manager",
            "Collating and box folding pile up before elections; manager worried about 'training time'."))),
    Theme("engines", "Cars, small engines, watching auction videos of tractors",
          "Good mechanical sense; careful with tools; remembers part names after hearing them once",
          "Tire changes, parts runs and shop clean-up so mechanics stay on paying jobs",
          (("auto", "tire rotation prep, shop clean-up, parts runs, oil-change assists"),
           ("recycling", "small-engine tear-down for scrap, sorting metals")), "around cars and engines",
          "I want to fix cars like my uncle. Someday I want my own tools.",
          ((S.WORK_TRY_OUT, "Three hours at the auto shop",
            "Swept bays, sorted used parts into the right bins, watched an oil change and repeated the steps back."),
           (S.HOME, "Showed the lawn mower {he} rebuilt with {his} uncle",
            "Explained each part {he} replaced; keeps the screws in a labeled egg carton."),
           (S.COMMUNITY, "Visit to the county fair tractor show",
            "Talked with two farmers for half an hour about engines; lost track of time, no distress in the crowd."))),
    Theme("food and cooking", "Cooking for family, baking shows, grocery ads",
          "Follows a recipe exactly; clean workstation; likes early mornings",
          "Dishes, box folding and packaging before opening so the baker can bake",
          (("bakery", "dishes, box folding and packaging before the 7:00 opening"),
           ("grocery", "breaking down boxes and rotating dairy and produce stock, 6-9 a.m."),
           ("hotel", "breakfast buffet set-up and refilling"),
           ("hospital", "tray line and dish room in the cafeteria")), "in a kitchen or with food",
          "I want to work in a bakery. I like the smell and I like mornings.",
          ((S.WORK_TRY_OUT, "Two mornings at the bakery",
            "Calmer in the back room of the bakery than at the counter; noise is the issue, not people."),
           (S.HOME, "Made lunch for the family with {his} aunt",
            "Read the recipe card twice, set out all ingredients first, cleaned as {he} went."),
           (S.INFORMATIONAL_INTERVIEW, "Grocery produce manager interview",
            "Back room needs someone to break down boxes and rotate stock from 6 to 9 a.m.; he hates hiring "
            "for it because people quit."),
           (S.WORK_TRY_OUT, "Hotel breakfast set-up, one hour",
            "Set the buffet from the photo card correctly; froze when a guest asked where the waffles were."))),
    Theme("helping people", "Church nursery, checking on older neighbors, YouTube cooking for others",
          "Warm, remembers names, patient with older people",
          "Greeting, refilling and tidying so staff can spend time with customers and patients",
          (("hospital", "restocking patient-room supplies, transporting linens"),
           ("credit_union", "greeting members, keeping the lobby and coffee station tidy"),
           ("hotel", "greeting at breakfast, tidying the lobby")), "helping people",
          "I want a job where people are glad to see me.",
          ((S.COMMUNITY, "Went along on the Tuesday visit to an older neighbor",
            "Carried groceries, set up the neighbor's pill box from the pharmacy sheet, chatted for an hour."),
           (S.INFORMATIONAL_INTERVIEW, "Hospital Environmental Services manager",
            "Restocking patient-room supplies falls behind on weekends; needs a TB test and a background check."),
           (S.COMMUNITY, "Helped at the church's community dinner",
            "Served 80 plates; greeted regulars by name; got flustered when the line got long and fast."))),
    Theme("plants and outdoors", "Garden with grandmother, fishing, being outside",
          "Works steadily outdoors in heat or cold; gentle with seedlings; likes physical work",
          "Watering, potting up and cart returns in the spring rush",
          (("nursery", "watering, potting up, cart returns, unloading deliveries"),
           ("grocery", "cart returns, garden-center watering, unloading deliveries")), "outdoors or with plants",
          "I want to work outside, not at a desk. Plants or something like that.",
          ((S.WORK_TRY_OUT, "Greenhouse try-out at the nursery",
            "Watered three benches by the color tags, potted 60 annuals; asked where to put the broken pots."),
           (S.HOME, "Walked through the backyard garden",
            "Knows every plant in {his} grandmother's garden by name; waters before school without reminders."),
           (S.COMMUNITY, "Morning at the farmers market",
            "Unloaded the truck and set up tables; happy in the cold; less happy making change."))),
    Theme("fixing things", "Taking apart electronics, bike repair, YouTube how-to videos",
          "Patient with fiddly work; figures out how things go together",
          "E-waste tear-down, simple repairs and assembly",
          (("recycling", "e-waste tear-down, sorting metals and circuit boards"),
           ("auto", "wiper and bulb replacements, tire changes, shop clean-up"),
           ("warehouse", "checking and repackaging returned items")), "fixing or taking things apart",
          "I want to fix things. I'm good with my hands.",
          ((S.HOME, "Showed the bikes {he} fixes for kids in the building",
            "Three bikes in progress; explains each repair; keeps a notebook of parts needed."),
           (S.WORK_TRY_OUT, "E-waste tear-down at the recycling center",
            "Took apart four desktop computers with a screwdriver, sorted metals correctly; wanted to keep going."),
           (S.INFORMATIONAL_INTERVIEW, "Warehouse returns supervisor",
            "Returned items that need a quick check or repackaging pile up; day shift only, not on a bus line."))),
    Theme("music", "Gospel choir, drums, making playlists",
          "Keeps rhythm in repetitive work; energized by background music",
          "Repetitive tasks done at a steady pace, with music in the background",
          (("warehouse", "packing and re-labeling returns, music on the floor"),
           ("print", "collating and folding with the radio on"),
           ("grocery", "night stocking with headphones")), "somewhere with music playing",
          "I want a job where I can listen to music and not sit still all day.",
          ((S.COMMUNITY, "Choir rehearsal at church",
            "Remembers every part; the director says {he} is the first to arrive and stacks the chairs after."),
           (S.WORK_TRY_OUT, "Packing line at the print shop",
            "Collated 400 flyers in an hour with the radio on; slowed down when it was turned off."))),
    Theme("numbers and records", "Baseball stats, bus schedules, keeping lists",
          "Accurate with numbers; checks own work; likes a routine",
          "Scanning, indexing and counting tasks that staff put off",
          (("credit_union", "scanning and indexing loan files"),
           ("library", "counting and labeling donated books for the sale"),
           ("hospital", "Central Supply inventory counts and restocking")), "with numbers or records",
          "I want an office job where I can use numbers.",
          ((S.HOME, "Looked through {his} notebooks at home",
            "Has kept the Cubs' box scores by hand for six seasons; knows every bus route number and time."),
           (S.WORK_TRY_OUT, "Credit union back office, scanning loan files",
            "Scanned and indexed 45 files in two hours with no errors; asked to be shown the next step."),
           (S.INFORMATIONAL_INTERVIEW, "Library circulation supervisor",
            "Counting and labeling donated books for the sale is a job nobody wants."))),
    Theme("cleaning and restoring", "Keeping the apartment spotless, detailing a brother's car",
          "Thorough, takes pride in a finished job, does not mind 'dirty' work",
          "Laundry, detailing and deep cleaning that others rush",
          (("hotel", "laundry room: washing, folding, restocking housekeeping carts"),
           ("hospital", "Environmental Services: cleaning discharge rooms"),
           ("auto", "detailing cars before pick-up")), "cleaning and making things look new",
          "I want to make places look nice. I like when it's finished and shiny.",
          ((S.WORK_TRY_OUT, "Hotel laundry room, two hours",
            "Folded towels to the hotel's standard after one demonstration; counted stacks out loud."),
           (S.HOME, "Tour of the apartment",
            "Spotless; cleaning supplies labeled; cleans the bathroom every day at the same time."),
           (S.WORK_TRY_OUT, "Detailing at the auto shop",
            "Vacuumed and wiped down three cars; the owner checked and said 'better than the last guy'."))),
)
THEME_BY_NAME = {t.name: t for t in THEMES}


def employer_keys(theme: Theme) -> tuple[str, ...]:
    return tuple(key for key, _ in theme.employers)


def duties_at(themes, employer: str) -> str:
    """What a job at `employer` would hold, from the first of the person's themes that names it."""
    return next(d for t in themes for key, d in t.employers if key == employer)

# Observations any Discovery holds, whatever the themes.
GENERAL_OBSERVATIONS = (
    (S.HOME, "First home interview with {first} and family",
     "Spends mornings on chores, afternoons on the phone; wants 'money of my own' and to help with rent."),
    (S.INTERVIEW, "Interview with a former teacher",
     "Did best in the school store (counting, stocking); struggled when instructions were only spoken."),
    (S.COMMUNITY, "Rode the bus together to the library and back",
     "Knows route 7 and transfers downtown without help; anxious when the bus was 10 minutes late."),
    (S.COMMUNITY, "Afternoon at the neighborhood grocery",
     "Found every item on a 12-item picture list; asked a stocker for help once, politely."),
    (S.INTERVIEW, "Interview with the mother at the kitchen table",
     "Family worries about SSI; mother says '{he}'s always been the one who fixes things in this house'."),
    (S.OFFICE, "Reviewed the activity log and themes with {first} at Bridgeway",
     "Picked the photos from the try-outs to keep for the portfolio; skipped the ones at the counter."),
    (S.INTERVIEW, "Phone interview with the mental-health case manager",
     "Symptoms worse in winter; does best with a regular schedule and one supervisor."),
    (S.COMMUNITY, "Walked the neighborhood and mapped businesses on the way to the bus stop",
     "Stopped at the bike shop and the bakery; said no to the fast-food places ('too loud, too fast')."),
)

TIMES = ("mornings", "mornings before noon", "afternoons after 11 (medication)", "weekdays only",
         "early mornings, done by 1 p.m.", "no Sundays (church)")
HOURS = ("15 hours a week or less", "10-12 hours a week (keeps SSI)", "20-25 hours a week",
         "about 20 hours a week", "under 30 hours a week (keeps Medicaid waiver)")
TRAVEL = ("on bus route 7", "on bus route 3", "walking distance from home", "where a parent can drop off on the way "
          "to work", "inside the paratransit area")
SETTING = ("one supervisor", "a supervisor who shows rather than tells", "quiet, away from customers",
           "small team", "can move around, not sit all day", "indoors in winter", "no strong food smells")
SUPPORT_NEEDS = (
    "Job coach for the first 3-4 weeks, fading to weekly check-ins.",
    "Picture task list at the work station.",
    "Help reporting wages to SSA each month.",
    "Reminder text before each shift for the first month.",
    "Travel training for any new route.",
    "A named coworker to ask when stuck.",
    "Written schedule a week ahead; no last-minute changes.",
)
IMPORTANT_TO = ("Sunday church with grandma", "music and the phone", "time with the nephews", "the family dog",
                "Friday nights at the bowling alley", "cooking for the family on weekends",
                "seeing friends from the transition program")
IMPORTANT_FOR = ("Taking medication on time", "Keeping Medicaid coverage", "Not working more hours than the "
                 "benefits plan allows", "Regular sleep schedule", "Seizure plan known at work",
                 "Safe travel after dark")
TECHNOLOGY = ("Phone alarms for shifts", "Transit app with route 7 saved", "AAC app on iPad",
              "Picture schedule on the phone", "Google Calendar shared with family")
COMMUNITY = ("Library computer lab", "Grace Fellowship job club on Tuesdays", "Reduced-fare bus pass",
             "YMCA membership (stress relief)", "Food pantry at church")
