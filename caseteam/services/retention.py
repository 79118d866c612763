"""Retention milestones (30, 60 and 90 days in the job) as pure date arithmetic: no store, no clock.

Each funder counts from its own start point: the hire date, or stabilization (the move to extended
services). Days inside a follow-along pause (leave, a hospital stay, a seasonal closure) do not count, so
a finished 10-day pause moves every later milestone 10 days on; a pause still open leaves the date unknown
until follow-along resumes. A pause covers its first and last day (both inclusive).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Sequence

from caseteam.domain.employment import RetentionBasis

MILESTONE_DAYS = (30, 60, 90)
HIRE_DATE_TRACK = "From the hire date"  # when no funder on the team sets a basis of its own

Pause = tuple[date, "date | None"]


@dataclass(frozen=True)
class Milestone:
    days: int
    due: date | None           # None: not known (no start point yet, or paused)
    reached: bool
    paused_since: date | None = None
    separated_on: date | None = None  # the job ended before this milestone
    waiting_for: str = ""      # why there is no date yet, e.g. "stabilization"

    def words(self, today: date) -> str:
        """The state in words, as the Employment page and a screen reader give it."""
        name = f"{self.days}-day milestone"
        if self.reached:
            return f"{name}: reached on {self.due.isoformat()}"
        if self.separated_on is not None:
            return f"{name}: not reached (the job ended on {self.separated_on.isoformat()})"
        if self.paused_since is not None:
            return f"{name}: paused since {self.paused_since.isoformat()}; the date is known once follow-along resumes"
        if self.due is None:
            return f"{name}: counted from {self.waiting_for or 'a date not yet recorded'}; no date yet"
        left = (self.due - today).days
        when = "today" if left == 0 else f"in {left} day{'s' if left != 1 else ''}"
        return f"{name}: due {self.due.isoformat()} ({when})"


@dataclass(frozen=True)
class Track:
    """One funder's count: whose rule it is, where it starts, and its milestones."""

    funder: str
    basis: RetentionBasis
    starts_on: date | None
    milestones: tuple[Milestone, ...]

    @property
    def basis_words(self) -> str:
        return self.basis.label


def _normalised(pauses: Iterable[Pause]) -> list[Pause]:
    return sorted(((start, end) for start, end in pauses), key=lambda p: p[0])


def milestone_dates(start: date, pauses: Iterable[Pause] = (), days: Sequence[int] = MILESTONE_DAYS, *,
                    today: date, separated_on: date | None = None) -> tuple[Milestone, ...]:
    """Each milestone `n` falls `n` counted days after `start`; paused days are not counted.

    A milestone is reached when its date is today or earlier and the job had not ended before it."""
    ordered = _normalised(pauses)
    found = []
    for n in days:
        due: date | None = start + timedelta(days=n)
        paused_since = None
        for first, last in ordered:
            if last is not None and last < start:
                continue  # a gap before the count began
            counted_from = max(first, start)
            if counted_from > due:
                break     # later pauses cannot move this milestone
            if last is None:
                due, paused_since = None, first
                break
            due += timedelta(days=(last - counted_from).days + 1)
        ended = separated_on is not None and (due is None or separated_on < due)
        if ended and paused_since is not None and separated_on < paused_since:
            paused_since = None
        reached = due is not None and due <= today and not ended
        found.append(Milestone(n, due, reached, paused_since, separated_on if ended else None))
    return tuple(found)


def waiting(days: Sequence[int], what: str) -> tuple[Milestone, ...]:
    """Milestones whose start point has not happened yet (a stabilization-basis track before stabilization)."""
    return tuple(Milestone(n, None, False, waiting_for=what) for n in days)


def tracks(*, hired_on: date, stabilized_on: date | None, pauses: Iterable[Pause],
           funders: Sequence[tuple[str, RetentionBasis]], today: date, separated_on: date | None = None,
           days: Sequence[int] = MILESTONE_DAYS) -> tuple[Track, ...]:
    """One track per funder (label, basis); with no funder setting a basis, the hire-date track."""
    pauses = _normalised(pauses)
    chosen = list(funders) or [(HIRE_DATE_TRACK, RetentionBasis.HIRE_DATE)]
    found = []
    for label, basis in chosen:
        start = hired_on if basis is RetentionBasis.HIRE_DATE else stabilized_on
        if start is None:
            milestones = waiting(days, "stabilization (not recorded yet)")
            if separated_on is not None:
                milestones = tuple(Milestone(m.days, None, False, separated_on=separated_on) for m in milestones)
        else:
            milestones = milestone_dates(start, pauses, days, today=today, separated_on=separated_on)
        found.append(Track(label, basis, start, milestones))
    return tuple(found)


def basis_of(text: str) -> RetentionBasis | None:
    """Program.retention_basis as stored (a string; empty when the program pays no retention milestones)."""
    try:
        return RetentionBasis((text or "").strip()) if (text or "").strip() else None
    except ValueError:
        return None
