"""When a job's employment milestone (placement, 30/60/90 days) falls, for one funder's way of counting,
and the words that stand as its evidence. Pure: the job's dates in, no store, no clock."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from caseteam.documents.dates import long_date
from caseteam.domain.billing import MilestoneEvent
from caseteam.domain.employment import RetentionBasis

from . import retention


# The two shapes of words below: a milestone still carrying them was achieved by a refresh, not by a person.
_WRITTEN = (re.compile(r"Hired at .+ on .+ as .+ \(job [A-Z]+-[0-9-]+\)"),
            re.compile(r"[0-9]+ days in the job at .+ counted on .+"))


@dataclass(frozen=True)
class Expected:
    due_on: date | None   # None: not known yet (paused, or counted from a date not recorded)
    reached: bool
    ended: bool           # the job ended before this milestone: it will not be reached
    waiting: str = ""     # why there is no date yet, in words
    evidence: str = ""    # written when reached


def expected(event: MilestoneEvent, *, employer: str, job_title: str, job_ref: str, hired_on: date,
             stabilized_on: date | None, separated_on: date | None, pauses, basis: RetentionBasis,
             today: date) -> Expected:
    """Where `event` stands for this job today under the funder's retention basis."""
    if event is MilestoneEvent.PLACEMENT:
        return Expected(hired_on, hired_on <= today, False,
                        evidence=placement_words(employer, job_title, job_ref, hired_on))
    days = event.retention_days
    if days is None:
        raise ValueError(f"{event} is not worked out from a job's dates")
    track = retention.tracks(hired_on=hired_on, stabilized_on=stabilized_on, pauses=pauses,
                             funders=[("", basis)], today=today, separated_on=separated_on, days=(days,))[0]
    found = track.milestones[0]
    waiting = ""
    if found.paused_since is not None:
        waiting = f"follow-along paused since {long_date(found.paused_since)}"
    elif found.due is None:
        waiting = f"counted {basis.label}, which is not recorded yet"
    evidence = ""
    if found.due is not None:  # a pause counts only when it fell inside the count
        paused = any(first < found.due and (last is None or last >= track.starts_on) for first, last in pauses)
        evidence = retention_words(days, employer, found.due, basis, paused)
    return Expected(found.due, found.reached, found.separated_on is not None, waiting, evidence)


def placement_words(employer: str, job_title: str, job_ref: str, hired_on: date) -> str:
    return f"Hired at {employer} on {long_date(hired_on)} as {job_title} (job {job_ref})"


def retention_words(days: int, employer: str, on: date, basis: RetentionBasis, paused: bool) -> str:
    tail = " (paused days not counted)" if paused else ""
    return f"{days} days in the job at {employer} counted on {long_date(on)}, {basis.label}{tail}"


def written_by_refresh(evidence: str) -> bool:
    return any(shape.fullmatch(evidence or "") for shape in _WRITTEN)
