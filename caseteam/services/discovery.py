"""Discovery: logging activities and saving vocational-profile revisions."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date, datetime

from caseteam.domain.discovery import DiscoveryActivity, DiscoverySetting, ProfileRevision
from caseteam.errors import ValidationError
from caseteam.storage.queries import people as people_queries

from .actors import Actor
from .changes import Changes
from .editing import required_text

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

    @property
    def hours(self) -> float:
        return self.minutes / 60

    @classmethod
    def of(cls, a: DiscoveryActivity) -> ActivityRow:
        return cls(a.id, a.held_on, a.setting, a.minutes, a.participants, a.description, a.learned)


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
    person = uow.people.get(person_id)
    if held_on > uow.today():
        raise ValidationError("held_on", "A Discovery activity is logged after it happens; the date is in the future.")
    if not 0 < minutes <= 12 * 60:
        raise ValidationError("minutes", "Time spent must be more than 0 and at most 12 hours for one activity.")
    learned = required_text("learned", "What was learned", learned, max_length=10000)
    activity = uow.add(DiscoveryActivity(person_id=person.id, held_on=held_on, setting=DiscoverySetting(setting),
                                         minutes=minutes, participants=participants.strip(),
                                         description=description.strip(), learned=learned))
    uow.flush()
    uow.audit.record(actor, activity, "logged", changes={"person": [None, person.ref],
                                                         "held_on": [None, held_on.isoformat()]})
    return ActivityRow.of(activity), Changes(discovery=True)


def save_profile_revision(uow, actor: Actor, person_id: uuid.UUID, draft: ProfileDraft, *, summary: str,
                          based_on: int | None = None,
                          agreed_on: date | None = None) -> tuple[ProfileRevisionRow, Changes]:
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
    summary = people_queries.person_summary(uow.session, person_id)
    return ProfileRevisionRow.of(summary[3]) if summary and summary[3] else None
