"""Draft the vocational profile from the Discovery log, for the job developer to edit before saving.

Nothing is written here and nothing is made up: each added line is one sentence copied verbatim from an
activity's "What was learned", followed by where it came from, e.g.
"Sorted 300 books without prompts. (Discovery, 2026-03-14, work try-out)". What the profile already says
is kept; a line already in it (same sentence, same citation) is not added twice.

Which section a line goes to is decided by keywords (KEYWORDS below, whole words or phrases, any case):
the section with the most of its keywords in the line; a tie goes to the section that comes first in the
profile. A line with none goes to the end of "Strengths and gifts" (the first section, so it is seen
first) under the heading NOT_SORTED. The three vocational themes are never drafted: they are agreed with
the person, not inferred.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, fields, replace

from caseteam.domain.consent import InformationCategory
from caseteam.domain.discovery import DiscoverySetting
from caseteam.storage.queries import people as people_queries

from . import access, need_to_know
from .access import Action
from .actors import Actor
from .discovery import PROFILE_FIELDS, ActivityRow, ProfileDraft, ProfileRevisionRow

NOT_SORTED = "From Discovery, not yet sorted:"
UNSORTED_FIELD = "strengths"

# Section -> the words and phrases that send a line there. Kept short and concrete so a job developer can
# predict where a line lands; extend a list rather than adding cleverness.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "strengths": ("strength", "strengths", "gift", "gifts", "good at", "skill", "skills", "careful", "exact",
                  "exactly", "steady", "steadily", "patient", "calm", "reliable", "remembers", "notices",
                  "kept pace", "keeps", "without prompts", "without reminders", "on his own", "on her own",
                  "on their own", "independently", "follows", "explained"),
    "interests": ("interest", "interests", "interested", "likes", "liked", "loves", "loved", "enjoys",
                  "enjoyed", "favorite", "favourite", "hobby", "happy", "curious", "wants to", "wanted to",
                  "asked for more", "asked to come back", "lost track of time"),
    "ideal_conditions": ("noise", "noisy", "quiet", "crowd", "crowds", "morning", "mornings", "a.m.", "p.m.",
                         "part-time", "full-time", "schedule", "shift", "hours a week", "headphones",
                         "indoors", "outdoors", "back room", "calmer", "bus", "commute", "environment",
                         "distress"),
    "support_needs": ("support", "supports", "needs", "needed", "prompted", "reminded", "help", "helped",
                      "coach", "coaching", "training", "checklist", "slowed down", "struggled", "difficult",
                      "anxious", "upset", "froze", "accommodation", "accommodations"),
    "contributions": ("employer", "employers", "manager", "business", "staff", "technicians", "customers",
                      "backlog", "backlogs", "pile up", "would consider", "role", "duties", "so other",
                      "takes over"),
}

# How a setting reads in a citation ("community observation", as a job developer writes it).
SETTING_WORDS = {DiscoverySetting.HOME: "home visit", DiscoverySetting.COMMUNITY: "community observation",
                 DiscoverySetting.WORK_TRY_OUT: "work try-out",
                 DiscoverySetting.INFORMATIONAL_INTERVIEW: "informational interview",
                 DiscoverySetting.INTERVIEW: "interview", DiscoverySetting.OFFICE: "office meeting",
                 DiscoverySetting.SCHOOL: "school visit"}

_PATTERNS = {key: [re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])") for word in words]
             for key, words in KEYWORDS.items()}
# A sentence ends at . ! or ? followed by space and a capital, digit or quote ("7 a.m. on" stays whole).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“(])")
_CITED_END = re.compile(r"\(Discovery, [^()]*\)$")


@dataclass(frozen=True)
class DraftLine:
    section: str
    text: str  # verbatim from the activity
    citation: str  # "(Discovery, 2026-03-14, community observation)"
    activity_id: uuid.UUID

    @property
    def line(self) -> str:
        return f"{self.text} {self.citation}"


@dataclass(frozen=True)
class DiscoveryDraft:
    """The profile text to put into the editor, and what was added to it."""
    draft: ProfileDraft
    based_on: int | None  # the revision whose text was kept (None: no profile yet, or the caller's text)
    added: tuple[DraftLine, ...]
    activities_logged: int

    @property
    def activities_used(self) -> int:
        return len({line.activity_id for line in self.added})

    @property
    def message(self) -> str:
        if not self.activities_logged:
            return "No Discovery activities are logged yet, so nothing was added to the profile."
        if not self.added:
            return "Everything learned in the Discovery log is already in the profile, so nothing was added."
        lines, used = len(self.added), self.activities_used
        return (f"Added {lines} {'line' if lines == 1 else 'lines'} from {used} Discovery "
                f"{'activity' if used == 1 else 'activities'}, each with its date and setting. "
                "Review and edit them, then save a revision; Revert takes them out again.")


def sentences(learned: str) -> list[str]:
    """The learned text cut into sentences, each exactly as typed (only the surrounding space trimmed)."""
    out = []
    for paragraph in learned.splitlines():
        out += [part.strip() for part in _SENTENCE_END.split(paragraph) if part.strip()]
    return out


def section_for(text: str) -> str | None:
    """The section whose keywords the line contains most (ties: the earlier section); None if none."""
    lowered = text.lower()
    best, best_hits = None, 0
    for key in PROFILE_FIELDS:
        hits = sum(1 for pattern in _PATTERNS.get(key, ()) if pattern.search(lowered))
        if hits > best_hits:
            best, best_hits = key, hits
    return best


def citation(activity: ActivityRow) -> str:
    setting = SETTING_WORDS.get(activity.setting, activity.setting.label.lower())
    return f"(Discovery, {activity.held_on.isoformat()}, {setting})"


def assemble(base: ProfileDraft, activities: list[ActivityRow]) -> tuple[ProfileDraft, tuple[DraftLine, ...]]:
    """Pure: the base text plus each activity's sentences not already in it, routed by keywords."""
    existing = "\n".join(getattr(base, f.name) for f in fields(ProfileDraft))
    sorted_lines: dict[str, list[DraftLine]] = {key: [] for key in PROFILE_FIELDS}
    unsorted: list[DraftLine] = []
    seen: set[str] = set()
    for activity in activities:
        for text in sentences(activity.learned):
            key = section_for(text)
            line = DraftLine(key or UNSORTED_FIELD, text, citation(activity), activity.id)
            if line.line in existing or line.line in seen:
                continue
            seen.add(line.line)
            (sorted_lines[key] if key else unsorted).append(line)
    values = {}
    for key, lines in sorted_lines.items():
        text = getattr(base, key)
        new_unsorted = unsorted if key == UNSORTED_FIELD else []
        if lines or new_unsorted:
            values[key] = _add(text, [line.line for line in lines], [line.line for line in new_unsorted])
    added = tuple(line for key in PROFILE_FIELDS for line in sorted_lines[key]) + tuple(unsorted)
    return replace(base, **values), added


def _add(text: str, lines: list[str], unsorted: list[str]) -> str:
    """Sorted lines after the section's own text (before an existing not-sorted part); unsorted at the end."""
    head, marker, tail = text.partition(NOT_SORTED)
    body = _join(head.rstrip(), "\n".join(lines))
    if marker or unsorted:
        rest = "\n".join(p for p in [tail.strip("\n")] + unsorted if p)
        body = "\n\n".join(p for p in (body, f"{NOT_SORTED}\n{rest}".rstrip()) if p)
    return body


def _join(text: str, lines: str) -> str:
    # A blank line sets the drafted lines apart from the person's own words, not from earlier drafted ones.
    if not text or not lines:
        return text or lines
    return text + ("\n" if _CITED_END.search(text) else "\n\n") + lines


def draft_profile_from_discovery(uow, actor: Actor, person_id: uuid.UUID, *,
                                 base: ProfileDraft | None = None) -> DiscoveryDraft:
    """The latest revision's text (or `base`, the editor's unsaved text) plus what the log learned.

    Saves nothing: the job developer edits the draft and saves it as a revision with a change summary."""
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.VOCATIONAL)
    person = uow.people.get(person_id)
    activities = [ActivityRow.of(a) for a in people_queries.discovery_activities(uow.session, person.id)]
    based_on = None
    if base is None:
        latest = people_queries.latest_profile_revision(uow.session, person.id)
        revision = ProfileRevisionRow.of(latest) if latest else None
        base = revision.content if revision else ProfileDraft()
        based_on = revision.number if revision else None
    draft, added = assemble(base, activities)
    return DiscoveryDraft(draft, based_on, added, len(activities))
