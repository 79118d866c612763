"""Outcomes over a period: placements, their wages and hours, retention at 90 days, time from referral to
job, self-employment launches and separations, with one line per placement.

Retention counts 90 days from the start date, days inside follow-along pauses not counted (as the
Employment page's hire-date track, services/retention.py), and only for placements whose 90th day has come
by the end of the period (or by today, if sooner); a pause still open leaves it "not yet". Wages and
hours are the job's current figures. Only people the reader may see are counted, and a partner
organization's staff only those whose releases let it receive job and employment information.
"""

from __future__ import annotations

import enum
import statistics
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from caseteam.domain.consent import InformationCategory
from caseteam.domain.users import Role
from caseteam.errors import ValidationError
from caseteam.storage.queries import outcomes as queries

from . import access, consent, retention
from .actors import Actor

__all__ = ["Retained", "PlacementRow", "OutcomesReport", "outcomes", "record_export", "RETENTION_DAYS"]

RETENTION_DAYS = 90
CENT, TENTH = Decimal("0.01"), Decimal("0.1")


class Retained(enum.Enum):
    YES = "yes"
    NO = "no"
    NOT_YET = "not yet"

    @property
    def label(self) -> str:
        return {"yes": "Yes", "no": "No", "not yet": "Not yet"}[self.value]


@dataclass(frozen=True)
class PlacementRow:
    person_id: uuid.UUID
    person_ref: str
    person_name: str
    job_ref: str
    employer: str
    job_title: str
    start_date: date
    hourly_wage: Decimal
    hours_per_week: Decimal
    separated_on: date | None
    day_90: date | None  # None: follow-along is paused, so the day is not known yet
    retained_90: Retained
    days_from_referral: int | None  # None: no referral date and no stage history


@dataclass(frozen=True)
class OutcomesReport:
    since: date
    until: date
    as_of: date  # the day retention was judged on: the end of the period, or today if sooner
    placements: tuple[PlacementRow, ...]
    self_employment_launches: int
    average_hourly_wage: Decimal | None
    average_hours_per_week: Decimal | None
    retained_90: int   # numerator: still employed on day 90
    reached_90: int    # denominator: placements whose 90th day has come
    referral_days_median: Decimal | None
    referral_days_mean: Decimal | None
    separations: int

    @property
    def placement_count(self) -> int:
        return len(self.placements)

    @property
    def retention_percent(self) -> Decimal | None:
        if not self.reached_90:
            return None
        return (Decimal(100 * self.retained_90) / self.reached_90).quantize(TENTH, ROUND_HALF_UP)

    def figures(self) -> list[tuple[str, str]]:
        """The summary in words, as the dialog and the exports' summary show it."""
        def money(v):
            return f"${v:,.2f}" if v is not None else "no placements"

        def days(v):
            return f"{v} days" if v is not None else "no referral dates"
        retention = (f"{self.retained_90} of {self.reached_90} ({self.retention_percent}%)" if self.reached_90
                     else "no placement has reached 90 days yet")
        return [
            ("Period", f"{self.since.isoformat()} to {self.until.isoformat()}"),
            ("Placements (jobs started)", str(self.placement_count)),
            ("Self-employment launches", str(self.self_employment_launches)),
            ("Average hourly wage", money(self.average_hourly_wage)),
            ("Average hours per week", f"{self.average_hours_per_week}" if self.average_hours_per_week is not None
             else "no placements"),
            (f"Still employed at {RETENTION_DAYS} days", retention),
            ("Referral to job, median", days(self.referral_days_median)),
            ("Referral to job, mean", days(self.referral_days_mean)),
            ("Separations in the period", str(self.separations)),
        ]


def _average(values: list[Decimal]) -> Decimal | None:
    return (sum(values, Decimal(0)) / len(values)).quantize(CENT, ROUND_HALF_UP) if values else None


def _retained(start: date, pauses, separated_on: date | None, as_of: date) -> tuple[date | None, Retained]:
    # A separation after as_of was not yet known on that day.
    known = separated_on if separated_on is not None and separated_on <= as_of else None
    due = retention.milestone_dates(start, pauses, (RETENTION_DAYS,), today=as_of)[0].due
    # A job that ended before its 90th day is known not retained, even while day 90 is still ahead (or
    # unknown, during a pause); leaving on day 90 itself still counts as employed on day 90.
    if known is not None and (due is None or known < due):
        return due, Retained.NO
    if due is None or due > as_of:
        return due, Retained.NOT_YET
    return due, Retained.YES


class _EmploymentShown:
    """Whether a partner reader's organization may receive a person's employment information (asked once
    per person; staff of the person's home organization, administrators and auditors see all)."""

    def __init__(self, uow, actor: Actor):
        self.uow, self.actor, self.known = uow, actor, {}
        self.everything = actor.role in (Role.ADMINISTRATOR, Role.AUDITOR)

    def __call__(self, person_id: uuid.UUID, home_id: uuid.UUID | None) -> bool:
        if self.everything or (self.actor.organization_id is not None and home_id == self.actor.organization_id):
            return True
        if person_id not in self.known:
            shown = consent.visible_categories(self.uow, self.actor, person_id)
            self.known[person_id] = shown is None or InformationCategory.EMPLOYMENT in shown
        return self.known[person_id]


def outcomes(uow, actor: Actor, *, since: date, until: date) -> OutcomesReport:
    if since is None or until is None:
        raise ValidationError("since" if since is None else "until", "Give both the first and the last day of "
                                                                     "the period.")
    if since > until:
        raise ValidationError("since", f"The period starts on {since.isoformat()}, after its end "
                                       f"{until.isoformat()}.")
    visible = access.people_filter(uow, actor)
    shown = _EmploymentShown(uow, actor)
    as_of = min(until, uow.today())
    rows: list[PlacementRow] = []
    found = [row for row in queries.placements(uow.session, since, until, visible) if shown(row[0].person_id, row[5])]
    gaps = queries.pauses(uow.session, [row[0].id for row in found])
    for (job, ref, given, family, preferred, _home, referral, first_stage, employer) in found:
        referred = referral or first_stage
        day_90, retained = _retained(job.start_date, gaps[job.id], job.separated_on, as_of)
        rows.append(PlacementRow(job.person_id, ref, f"{preferred or given} {family}".strip(), job.ref,
                                 employer or "", job.job_title, job.start_date, Decimal(job.hourly_wage),
                                 Decimal(job.hours_per_week), job.separated_on, day_90, retained,
                                 (job.start_date - referred).days if referred else None))
    launched = sum(1 for _id, pid, home in queries.launches(uow.session, since, until, visible) if shown(pid, home))
    ended = sum(1 for _id, pid, home in queries.separations(uow.session, since, until, visible) if shown(pid, home))
    reached = [r for r in rows if r.retained_90 is not Retained.NOT_YET]
    waits = [r.days_from_referral for r in rows if r.days_from_referral is not None]
    return OutcomesReport(
        since=since, until=until, as_of=as_of, placements=tuple(rows), self_employment_launches=launched,
        average_hourly_wage=_average([r.hourly_wage for r in rows]),
        average_hours_per_week=_average([r.hours_per_week for r in rows]),
        retained_90=sum(1 for r in reached if r.retained_90 is Retained.YES), reached_90=len(reached),
        referral_days_median=Decimal(str(statistics.median(waits))).quantize(TENTH) if waits else None,
        referral_days_mean=(Decimal(sum(waits)) / len(waits)).quantize(TENTH, ROUND_HALF_UP) if waits else None,
        separations=ended)


def record_export(uow, actor: Actor, report: OutcomesReport, fmt: str) -> None:
    """An export carries people's jobs and wages out of the store, so it is written to the audit log
    (a writing unit of work; call it before the file is handed over)."""
    if not uow.write:
        raise ValueError("record_export writes an audit entry, so it needs a writing unit of work")
    uow.audit.record(actor, ("outcomes_report", "export"), "exported",
                     changes={"format": fmt, "since": report.since.isoformat(), "until": report.until.isoformat(),
                              "placements": report.placement_count})
