"""Discovery: logging activities and saving vocational-profile revisions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date, datetime

from caseteam.domain.consent import InformationCategory
from caseteam.domain.discovery import DiscoveryActivity, DiscoverySetting, ProfileRevision
from caseteam.errors import NotFound, ValidationError
from caseteam.storage.queries import people as people_queries
from caseteam.storage.queries import plans as plan_queries

from . import access, need_to_know
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import apply_fields, audit_safe, check_version, required_text
from .plans import Difference, _diff_text

PROFILE_FIELDS = ("strengths", "interests", "theme_1", "theme_2", "theme_3", "ideal_conditions",
                  "support_needs", "contributions")
PROFILE_LABELS = {"strengths": "Strengths and gifts", "interests": "Interests", "theme_1": "Vocational theme 1",
                  "theme_2": "Vocational theme 2", "theme_3": "Vocational theme 3",
                  "ideal_conditions": "Ideal conditions of employment", "support_needs": "Support needs",
                  "contributions": "Possible contributions to employers"}


@dataclass(frozen=True)
class ActivityRow:
    id: uuid.UUID
    held_on: date
    setting: DiscoverySetting
    minutes: int
    participants: str
    description: str
    learned: str
    version: int = 0
    archived: bool = False

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @classmethod
    def of(cls, a: DiscoveryActivity) -> ActivityRow:
        return cls(a.id, a.held_on, a.setting, a.minutes, a.participants, a.description, a.learned, a.version,
                   a.archived_at is not None)


@dataclass(frozen=True)
class ProfileDraft:
    strengths: str = ""
    interests: str = ""
    theme_1: str = ""
    theme_2: str = ""
    theme_3: str = ""
    ideal_conditions: str = ""
    support_needs: str = ""
    contributions: str = ""


@dataclass(frozen=True)
class ProfileRevisionRow:
    id: uuid.UUID
    person_id: uuid.UUID
    number: int
    content: ProfileDraft
    summary: str
    author_id: uuid.UUID
    saved_at: datetime
    agreed_on: date | None

    @property
    def themes(self) -> list[str]:
        return [t for t in (self.content.theme_1, self.content.theme_2, self.content.theme_3) if t]

    @classmethod
    def of(cls, r: ProfileRevision) -> ProfileRevisionRow:
        content = ProfileDraft(**{f.name: getattr(r, f.name) for f in fields(ProfileDraft)})
        return cls(r.id, r.person_id, r.number, content, r.summary, r.author_id, r.saved_at, r.agreed_on)


def log_activity(uow, actor: Actor, person_id: uuid.UUID, *, held_on: date, setting: DiscoverySetting,
                 minutes: int, participants: str = "", description: str = "",
                 learned: str = "") -> tuple[ActivityRow, Changes]:
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    person = uow.people.get(person_id)
    _check_activity(uow, held_on, minutes)
    learned = required_text("learned", "What was learned", learned, max_length=10000)
    activity = uow.add(DiscoveryActivity(person_id=person.id, held_on=held_on, setting=DiscoverySetting(setting),
                                         minutes=minutes, participants=participants.strip(),
                                         description=description.strip(), learned=learned))
    uow.flush()
    uow.audit.record(actor, activity, "logged", changes={"person": [None, person.ref],
                                                         "held_on": [None, held_on.isoformat()]})
    return ActivityRow.of(activity), Changes(discovery=True)


def _check_activity(uow, held_on: date, minutes: int) -> None:
    if held_on > uow.today():
        raise ValidationError("held_on", "A Discovery activity is logged after it happens; the date is in the future.")
    if not 0 < minutes <= 12 * 60:
        raise ValidationError("minutes", "Time spent must be more than 0 and at most 12 hours for one activity.")


def save_profile_revision(uow, actor: Actor, person_id: uuid.UUID, draft: ProfileDraft, *, summary: str,
                          based_on: int | None = None,
                          agreed_on: date | None = None) -> tuple[ProfileRevisionRow, Changes]:
    access.require(uow, actor, Action.EDIT_PERSON, person_id)
    from .revisions import next_revision_number

    person = uow.people.get(person_id)
    number = next_revision_number(uow, ProfileRevision, person, based_on, "vocational profile")
    summary = required_text("summary", "A change summary", summary, max_length=2000)
    revision = uow.add(ProfileRevision(person_id=person.id, number=number, summary=summary,
                                       author_id=actor.user_id, saved_at=uow.now(), agreed_on=agreed_on,
                                       **{f.name: getattr(draft, f.name).strip() for f in fields(ProfileDraft)}))
    uow.flush()
    uow.audit.record(actor, revision, "saved", changes={"person": [None, person.ref], "number": [None, number]})
    return ProfileRevisionRow.of(revision), Changes(profiles=True)


def latest_profile(uow, actor: Actor, person_id: uuid.UUID) -> ProfileRevisionRow | None:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.VOCATIONAL)
    summary = people_queries.person_summary(uow.session, person_id)
    return ProfileRevisionRow.of(summary[3]) if summary and summary[3] else None


# --- profile history and comparison -------------------------------------------------------------------

def profile_revisions(uow, actor: Actor, person_id: uuid.UUID) -> list[ProfileRevisionRow]:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.VOCATIONAL)
    uow.people.get(person_id)
    return [ProfileRevisionRow.of(r) for r in plan_queries.profile_revisions(uow.session, person_id)]


def diff_profiles(a: ProfileRevisionRow, b: ProfileRevisionRow) -> list[Difference]:
    """Field by field, in the order the profile reads; the same Difference rows as plan comparison."""
    out: list[Difference] = []
    for name in PROFILE_FIELDS:
        _diff_text(out, "Vocational profile", PROFILE_LABELS[name], getattr(a.content, name),
                   getattr(b.content, name))
    return out


def compare_profile_revisions(uow, actor: Actor, person_id: uuid.UUID, first: int,
                              second: int) -> list[Difference]:
    by_number = {r.number: r for r in profile_revisions(uow, actor, person_id)}
    for n in (first, second):
        if n not in by_number:
            raise NotFound(f"The vocational profile has no revision {n}.")
    return diff_profiles(by_number[first], by_number[second])


ACTIVITY_FIELDS = ("held_on", "setting", "minutes", "participants", "description", "learned")


def update_activity(uow, actor: Actor, activity_id: uuid.UUID, *, version: int | None,
                    **values) -> tuple[ActivityRow, Changes]:
    """Correct a logged activity; the same rules as logging it. A stale copy raises Conflict."""
    activity = uow.discovery.get(activity_id)
    access.require(uow, actor, Action.EDIT_PERSON, activity.person_id)
    check_version(activity, version, f"the Discovery activity of {activity.held_on:%b %d, %Y}")
    if "setting" in values:
        values["setting"] = DiscoverySetting(values["setting"])
    _check_activity(uow, values.get("held_on", activity.held_on), values.get("minutes", activity.minutes))
    if "learned" in values:
        values["learned"] = required_text("learned", "What was learned", values["learned"], max_length=10000)
    changed = apply_fields(activity, values, ACTIVITY_FIELDS)
    if not changed:
        return ActivityRow.of(activity), Changes()
    activity.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, activity, "updated", changes=audit_safe(changed))
    return ActivityRow.of(activity), Changes(discovery=True)


def set_activity_archived(uow, actor: Actor, activity_id: uuid.UUID, archived: bool, *,
                          version: int | None = None) -> tuple[ActivityRow, Changes]:
    """Take an activity out of the log (kept, restorable) or put it back."""
    activity = uow.discovery.get(activity_id, include_archived=True)
    access.require(uow, actor, Action.EDIT_PERSON, activity.person_id)
    check_version(activity, version, f"the Discovery activity of {activity.held_on:%b %d, %Y}")
    if (activity.archived_at is not None) == archived:
        raise ValidationError("activity", f"The Discovery activity of {activity.held_on:%b %d, %Y} is "
                                          f"{'already' if archived else 'not'} archived.")
    activity.archived_at = uow.now() if archived else None
    activity.updated_at = uow.now()
    uow.flush()
    uow.audit.record(actor, activity, "archived" if archived else "restored")
    return ActivityRow.of(activity), Changes(discovery=True)


@dataclass(frozen=True)
class DiscoveryView:
    """The Discovery tab in one answer: the log with its totals and the latest vocational profile."""
    activities: tuple[ActivityRow, ...]
    profile: ProfileRevisionRow | None
    profile_author: str
    today: date

    @property
    def total_minutes(self) -> int:
        return sum(a.minutes for a in self.activities)

    @property
    def weeks_since_first(self) -> int | None:
        if not self.activities:
            return None
        return max(0, (self.today - min(a.held_on for a in self.activities)).days // 7)


def discovery_view(uow, actor: Actor, person_id: uuid.UUID) -> DiscoveryView:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.VOCATIONAL)
    person = uow.people.get(person_id)
    activities = people_queries.discovery_activities(uow.session, person.id)
    latest = people_queries.latest_profile_revision(uow.session, person.id)
    author = uow.users.find(latest.author_id) if latest else None
    return DiscoveryView(tuple(ActivityRow.of(a) for a in activities),
                         ProfileRevisionRow.of(latest) if latest else None,
                         author.display_name if author else "", uow.today())
