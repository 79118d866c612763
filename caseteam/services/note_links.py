"""What a case note can be about: the goals of the person's latest plan, their Discovery activities,
the agency's employers (with the person's disclosure decision for each) and the person's own jobs.
The note editor loads these once when it opens, in one call, and words a signed note's links with them.

A partner reader gets only the parts a release lets their organization read; the rest stays empty
(and is named in `not_shared`) instead of refusing the whole editor."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from caseteam.domain.consent import InformationCategory
from caseteam.storage.queries import people as people_queries

from . import access, disclosure_decisions, employers, employment, need_to_know, plans
from .access import Action
from .actors import Actor
from .notes import NoteRow

NO_DISCLOSURE = "No disclosure decision recorded for this employer"
DISCLOSURE_NOT_SHARED = "The person's disclosure decisions are not shared with your organization"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut[limit // 2:]:  # end on a whole word when one ends in the second half
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


@dataclass(frozen=True)
class LinkChoice:
    id: uuid.UUID  # a goal's goal_key, an activity's, employer's or job's id
    label: str     # as the combo box lists it
    words: str     # as "About: …" names it


@dataclass(frozen=True)
class NoteLinkChoices:
    goals: tuple[LinkChoice, ...]
    activities: tuple[LinkChoice, ...]
    employers: tuple[LinkChoice, ...]
    jobs: tuple[LinkChoice, ...]
    disclosures: tuple[tuple[uuid.UUID, str], ...]  # employer id, the decision in words
    not_shared: tuple[str, ...] = ()                # category labels this reader's release leaves out

    @property
    def employment_shared(self) -> bool:
        return InformationCategory.EMPLOYMENT.label not in self.not_shared

    def disclosure(self, employer_id: uuid.UUID | None) -> str:
        """The person's decision about disclosing to this employer, shown wherever it is contacted."""
        if employer_id is None:
            return ""
        if not self.employment_shared:
            return DISCLOSURE_NOT_SHARED
        return dict(self.disclosures).get(employer_id, NO_DISCLOSURE)

    def about(self, row: NoteRow) -> str:
        """'About: goal 2 — Get a job at…; employer Prairie Fresh Market', or '' for a note about nothing."""
        parts = []
        for key, choices, kind, missing in (
                (row.goal_key, self.goals, "goal", "a goal no longer in the latest plan"),
                (row.discovery_activity_id, self.activities, "Discovery activity", "a Discovery activity not shown"),
                (row.employer_id, self.employers, "employer", "an employer no longer in the pipeline"),
                (row.job_id, self.jobs, "job", "a job not shown")):
            if key is not None:
                found = next((c.words for c in choices if c.id == key), None)
                parts.append(f"{kind} {found}" if found else missing)
        if row.service:
            parts.append(f"service {row.service}")
        return "About: " + "; ".join(parts) if parts else ""


def link_choices(uow, actor: Actor, person_id: uuid.UUID) -> NoteLinkChoices:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    shown = need_to_know.visible(uow, actor, person_id)

    def released(category: InformationCategory) -> bool:
        return shown is None or category in shown

    goals = activities = jobs = disclosures = ()
    if released(InformationCategory.PLAN):
        plan = plans.latest_plan(uow, actor, person_id)
        goals = tuple(LinkChoice(g.goal_key, f"Goal {n} — {_short(g.description)}",
                                 f"{n} — {_short(g.description, 40)}")
                      for n, g in enumerate(plan.goals if plan else (), start=1))
    if released(InformationCategory.VOCATIONAL):
        # Archived activities too: a signed note keeps naming the activity it was about.
        found = people_queries.discovery_activities(uow.session, uow.people.get(person_id).id,
                                                    include_archived=True)
        activities = tuple(LinkChoice(a.id, f"{a.held_on:%b %d, %Y} — {a.setting.label}"
                                      + (f": {_short(a.description, 40)}" if a.description.strip() else "")
                                      + (" (archived)" if a.archived_at is not None else ""),
                                      f"{a.held_on:%b %d, %Y} ({a.setting.label.lower()})") for a in found)
    if released(InformationCategory.EMPLOYMENT):
        jobs = tuple(LinkChoice(j.id, f"{j.job_title} at {j.employer_name} (from {j.start_date:%b %d, %Y}"
                                      + (f" to {j.separated_on:%b %d, %Y})" if j.separated_on else ")"),
                                f"{j.job_title} at {j.employer_name}")
                     for j in employment.list_jobs(uow, actor, person_id))
        disclosures = tuple((d.organization_id, d.words)
                            for d in disclosure_decisions.list_disclosure_decisions(uow, actor, person_id))
    offered = tuple(LinkChoice(e.organization_id, e.name + (f" ({e.city})" if e.city else ""), e.name)
                    for e in employers.pipeline(uow, actor))
    hidden = need_to_know.hidden_labels(shown, (InformationCategory.PLAN, InformationCategory.VOCATIONAL,
                                                InformationCategory.EMPLOYMENT))
    return NoteLinkChoices(goals, activities, offered, jobs, disclosures, hidden)
