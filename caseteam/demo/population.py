"""Drawing the demo caseload: who the people are and the path each took through the CE stages.

Everything here is drawn from one `random.Random` before anything is written, so the same seed and
date always give the same people, in the same order, with the same history.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from caseteam.domain.people import Stage
from caseteam.domain.text import fold

from . import job_seekers as js
from .catalog import AREA_CODE, REGION
from .themes import THEME_BY_NAME, THEMES, Theme

# How 60 people are spread over the stages; other populations keep the proportions.
STAGE_SHARES = (
    (Stage.REFERRAL, 3), (Stage.WAITING_AUTHORIZATION, 5), (Stage.DISCOVERY, 12), (Stage.PROFILE, 3),
    (Stage.CE_PLANNING, 4), (Stage.JOB_DEVELOPMENT, 15), (Stage.EMPLOYED, 6), (Stage.EXTENDED_SUPPORTS, 3),
    (Stage.ON_HOLD, 3), (Stage.CLOSED_SUCCESSFUL, 3), (Stage.CLOSED_UNSUCCESSFUL, 3),
)
MAIN_LINE = (Stage.REFERRAL, Stage.WAITING_AUTHORIZATION, Stage.DISCOVERY, Stage.PROFILE, Stage.CE_PLANNING,
             Stage.JOB_DEVELOPMENT, Stage.EMPLOYED)
# Days spent in a stage before moving on, and days spent so far in the stage a person is in now.
STAY = {Stage.REFERRAL: (5, 20), Stage.WAITING_AUTHORIZATION: (10, 45), Stage.DISCOVERY: (35, 80),
        Stage.PROFILE: (7, 21), Stage.CE_PLANNING: (12, 30), Stage.JOB_DEVELOPMENT: (40, 150),
        Stage.EMPLOYED: (92, 130), Stage.ON_HOLD: (20, 60)}
SO_FAR = {Stage.REFERRAL: (0, 14), Stage.WAITING_AUTHORIZATION: (3, 60), Stage.DISCOVERY: (12, 70),
          Stage.PROFILE: (2, 20), Stage.CE_PLANNING: (3, 25), Stage.JOB_DEVELOPMENT: (5, 160),
          Stage.EMPLOYED: (5, 85), Stage.EXTENDED_SUPPORTS: (20, 300), Stage.ON_HOLD: (5, 60),
          Stage.CLOSED_SUCCESSFUL: (5, 200), Stage.CLOSED_UNSUCCESSFUL: (5, 200)}
SOURCES = (("vr", 50), ("school", 15), ("mh", 15), ("ajc", 12), ("dd", 8))
INTERPRETER_SHARE = {"Spanish": 0.35, "Hmong": 0.3, "Somali": 0.4, "Vietnamese": 0.4, "Nepali": 0.4}


@dataclass
class Case:
    """One person as drawn; the ids of what gets written are filled in while the timeline runs."""

    number: int
    culture: str
    given: str
    family: str
    preferred: str
    date_of_birth: date
    phone: str
    email: str
    street: str
    city: str
    postal_code: str
    language: str
    interpreter: str
    communication: str
    accommodations: str
    guardian: tuple[str, str, str] | None
    source: str
    themes: tuple[Theme, ...]
    path: list[tuple[Stage, date]]
    words: dict[str, str]
    region: str = REGION
    # Chosen when the case is scheduled: staff keys, natural supports, the job.
    lead: str = ""
    counselor: str = ""
    partners: list = field(default_factory=list)  # (staff key, TeamRole, joins on)
    supports: list = field(default_factory=list)  # (name, relationship, TeamRole, contact)
    employer: str = ""
    hours: int = 0
    wage: str = ""
    # Filled while the timeline runs.
    person_id: object = None
    plan: object = None
    profile: object = None
    members: dict = field(default_factory=dict)
    tasks: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.preferred or self.given} {self.family}"

    @property
    def first(self) -> str:
        return self.preferred or self.given

    @property
    def referred_on(self) -> date:
        return self.path[0][1]

    @property
    def stage(self) -> Stage:
        return self.path[-1][0]

    def entered(self, stage: Stage) -> date | None:
        """The first day the person entered `stage`, or None if never."""
        return next((day for s, day in self.path if s is stage), None)

    def left(self, stage: Stage) -> date | None:
        """The day the person first moved on from `stage` (None while still in it or never in it)."""
        for (s, _), (_, day) in zip(self.path, self.path[1:]):
            if s is stage:
                return day
        return None

    def reached(self, stage: Stage) -> bool:
        return self.entered(stage) is not None

    def text(self, template: str) -> str:
        return template.format(first=self.first, **self.words)


def apportion(n: int) -> list[Stage]:
    """Largest-remainder shares of STAGE_SHARES for n people, in stage order."""
    total = sum(w for _, w in STAGE_SHARES)
    quotas = [(stage, n * w / total) for stage, w in STAGE_SHARES]
    counts = {stage: int(q) for stage, q in quotas}
    by_fraction = sorted(quotas, key=lambda sq: -(sq[1] - int(sq[1])))
    for stage, _ in by_fraction[:n - sum(counts.values())]:
        counts[stage] += 1
    return [stage for stage, _ in STAGE_SHARES for _ in range(counts[stage])]


def draw_people(rng: random.Random, n: int, today: date) -> list[Case]:
    stages = apportion(n)
    rng.shuffle(stages)
    names = _draw_names(rng, n)
    cases = [_draw_case(rng, i, spec, stages[i], today) for i, spec in enumerate(names)]
    return cases


def _draw_names(rng: random.Random, n: int) -> list[dict]:
    featured = [dict(f) for f in js.FEATURED[:n]]
    pools = {}
    round_no = 0

    # A featured family name stays theirs alone, so searching "muñoz" finds José and no one else.
    featured_words = {w for f in js.FEATURED for w in fold(f["family"]).split()} - {"jr."}

    def fill(suffix: str) -> None:
        for culture, _, givens, families, _ in js.CULTURES:
            pool = [(g + suffix, f) for g in givens for f in families if not featured_words & set(fold(f).split())]
            rng.shuffle(pool)
            pools[culture] = pool

    fill("")
    weights = {culture: w for culture, w, *_ in js.CULTURES}
    out = featured
    while len(out) < n:
        live = [c for c in weights if pools[c]]
        if not live:
            round_no += 1
            fill(f" {chr(ord('A') + (round_no - 1) % 26)}.")
            continue
        culture = rng.choices(live, weights=[weights[c] for c in live])[0]
        given, family = pools[culture].pop()
        out.append(dict(given=given, family=family, culture=culture))
    return out


def _draw_case(rng: random.Random, index: int, spec: dict, target: Stage, today: date) -> Case:
    culture = spec["culture"]
    language = spec.get("language") or _home_language(culture)
    given, family = spec["given"], spec["family"]
    words = js.pronouns(given)
    featured = "source" in spec
    if featured:
        preferred, interpreter = spec["preferred"], spec["interpreter"]
        themes = tuple(THEME_BY_NAME[t] for t in spec["themes"])
        source, communication, accommodations = spec["source"], spec["communication"], spec["accommodations"]
    else:
        preferred = given.split(" ")[-1] if culture == "vietnamese" else (
            js.PREFERRED.get(given, "") if rng.random() < 0.75 else "")
        interpreter = ""
        if language and rng.random() < INTERPRETER_SHARE.get(language, 0):
            interpreter = language
        elif rng.random() < 0.03:
            language, interpreter = "American Sign Language", "ASL"
        if not interpreter:
            language = "English"
        themes = tuple(rng.sample(THEMES, 3))
        source = rng.choices([s for s, _ in SOURCES], weights=[w for _, w in SOURCES])[0]
        communication = rng.choice(js.COMMUNICATION_NEEDS).format(**words) if rng.random() < 0.45 else ""
        accommodations = rng.choice(js.ACCOMMODATIONS).format(**words) if rng.random() < 0.45 else ""
    age = rng.randint(19, 21) if source == "school" else rng.choice((
        rng.randint(18, 24), rng.randint(22, 34), rng.randint(25, 39), rng.randint(35, 49), rng.randint(40, 61)))
    path = _draw_path(rng, target, today)
    city, postal = rng.choices([(c, p) for c, p, _ in js.CITIES], weights=[w for *_, w in js.CITIES])[0]
    email = ""
    if rng.random() < 0.45:
        email = f"{_ascii(preferred or given)}.{_ascii(family)}{rng.randint(1, 99)}@example.net"
    return Case(
        number=index + 1, culture=culture, given=given, family=family, preferred=preferred,
        date_of_birth=today - timedelta(days=int(age * 365.25) + rng.randint(1, 360)),
        phone=f"({rng.choice((AREA_CODE, AREA_CODE, '309'))}) 555-01{rng.randint(0, 99):02d}",
        email=email, street=f"{rng.randint(2, 48) * 100 + rng.randint(1, 99)} {rng.choice(js.STREETS)}",
        city=city, postal_code=postal, language=language, interpreter=interpreter, communication=communication,
        accommodations=accommodations, guardian=spec.get("guardian"), source=source, themes=themes, path=path,
        words=words)


def _home_language(culture: str) -> str:
    return next(lang for c, _, _, _, lang in js.CULTURES if c == culture) or "English"


def _ascii(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isalnum())


def _draw_path(rng: random.Random, target: Stage, today: date) -> list[tuple[Stage, date]]:
    main = list(MAIN_LINE)
    if target in main:
        stages = main[:main.index(target) + 1]
    elif target in (Stage.EXTENDED_SUPPORTS, Stage.CLOSED_SUCCESSFUL):
        stages = main + [target]
    else:
        choices = ((Stage.WAITING_AUTHORIZATION, Stage.DISCOVERY, Stage.DISCOVERY, Stage.CE_PLANNING,
                    Stage.JOB_DEVELOPMENT, Stage.JOB_DEVELOPMENT) if target is Stage.ON_HOLD else
                   (Stage.WAITING_AUTHORIZATION, Stage.DISCOVERY, Stage.JOB_DEVELOPMENT, Stage.JOB_DEVELOPMENT,
                    Stage.EMPLOYED))
        last = rng.choice(choices)
        stages = main[:main.index(last) + 1] + [target]
    # Some authorizations arrive with the referral; some people paused once and came back.
    if stages[-1] is not Stage.WAITING_AUTHORIZATION and len(stages) > 2 and rng.random() < 0.2:
        stages.remove(Stage.WAITING_AUTHORIZATION)
    if target is not Stage.ON_HOLD and rng.random() < 0.12:
        for paused in (Stage.JOB_DEVELOPMENT, Stage.DISCOVERY):
            if paused in stages:
                at = stages.index(paused)
                stages[at + 1:at + 1] = [Stage.ON_HOLD, paused]
                break
    days = [rng.randint(*STAY[s]) for s in stages[:-1]] + [rng.randint(*SO_FAR[stages[-1]])]
    day = today - timedelta(days=sum(days))
    path = []
    for stage, stay in zip(stages, days):
        path.append((stage, day))
        day += timedelta(days=stay)
    return path
