"""Pay stubs (date paid, hours, gross pay) and the monthly earnings a person reports to Social Security,
each month compared with that year's trial-work and SGA amounts (a BenefitYear the caller passes in:
services do not read the settings file). Months are the months paid, as on the stubs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from caseteam.domain.consent import InformationCategory
from caseteam.domain.employment import Job, PayStub
from caseteam.errors import ValidationError
from caseteam.storage.queries import employment as queries

from . import access, consent, need_to_know
from .access import Action
from .actors import Actor
from .changes import Changes
from .editing import audit_safe
from .employment import CHANGED, editable_job, employer_of
from .employment_values import hours as hours_value
from .employment_values import money, not_in_future

ZERO = Decimal("0")


@dataclass(frozen=True)
class PayStubRow:
    id: uuid.UUID
    job_id: uuid.UUID
    job_ref: str
    employer_name: str
    paid_on: date
    period_start: date | None
    period_end: date | None
    hours: Decimal
    gross: Decimal


@dataclass(frozen=True)
class MonthEarnings:
    year: int
    month: int
    gross: Decimal
    hours: Decimal
    stubs: int
    trial_work_month: bool
    above_sga: bool
    words: str


def _row(uow, stub: PayStub) -> PayStubRow:
    job = uow.session.get(Job, stub.job_id)
    return PayStubRow(stub.id, stub.job_id, job.ref, employer_of(uow, job),
                      stub.paid_on, stub.period_start, stub.period_end, stub.hours, stub.gross)


def add_pay_stub(uow, actor: Actor, job_id: uuid.UUID, *, paid_on: date, hours, gross,
                 period_start: date | None = None, period_end: date | None = None) -> tuple[PayStubRow, Changes]:
    job = editable_job(uow, actor, job_id)
    if paid_on is None:
        raise ValidationError("paid_on", "The pay date is required.")
    not_in_future(uow, "paid_on", "The pay date", paid_on)
    if paid_on < job.start_date:
        raise ValidationError("paid_on", f"The pay date cannot be before the job started ({job.start_date:%Y-%m-%d}).")
    worked = hours_value("hours", "Hours on the stub", hours, most=744)  # a month's hours at most
    pay = money("gross", "Gross pay", gross, allow_zero=True)
    if (period_start is None) != (period_end is None):
        raise ValidationError("period_end" if period_end is None else "period_start",
                              "Give both the first and the last day of the pay period, or neither.")
    if period_start is not None:
        if period_end < period_start:
            raise ValidationError("period_end", "The pay period cannot end before it starts.")
        if period_start > paid_on:
            raise ValidationError("period_start", "The pay period cannot start after the pay date.")
    stub = uow.add(PayStub(job_id=job.id, person_id=job.person_id, paid_on=paid_on, period_start=period_start,
                           period_end=period_end, hours=worked, gross=pay, recorded_by_id=actor.user_id))
    uow.flush()
    uow.audit.record(actor, stub, "pay stub added", changes=audit_safe({
        "job": [None, job.ref], "paid_on": [None, paid_on], "hours": [None, worked], "gross": [None, pay]}))
    return _row(uow, stub), CHANGED


def remove_pay_stub(uow, actor: Actor, stub_id: uuid.UUID) -> tuple[PayStubRow, Changes]:
    """A stub entered by mistake. Its figures stay in the audit log (and Undo adds it back)."""
    stub = queries.pay_stub(uow.session, stub_id)
    editable_job(uow, actor, stub.job_id)
    row = _row(uow, stub)
    uow.audit.record(actor, stub, "pay stub removed", changes=audit_safe({
        "paid_on": [stub.paid_on, None], "hours": [stub.hours, None], "gross": [stub.gross, None]}))
    uow.session.delete(stub)
    uow.flush()
    return row, CHANGED


def _readable(uow, actor: Actor, person_id: uuid.UUID) -> None:
    access.require(uow, actor, Action.VIEW_PERSON, person_id)
    need_to_know.require_category(uow, actor, person_id, InformationCategory.EMPLOYMENT)


def list_pay_stubs(uow, actor: Actor, person_id: uuid.UUID, *, year: int | None = None) -> list[PayStubRow]:
    _readable(uow, actor, person_id)
    return [_row(uow, s) for s in queries.pay_stubs_of(uow.session, person_id, year=year)]


def month_words(gross: Decimal, stubs: int, benefit_year) -> tuple[bool, bool, str]:
    """(trial work month, above SGA, the words): more than the trial-work amount is a trial work month."""
    if not stubs:
        return False, False, "No pay recorded"
    if benefit_year is None:
        return False, False, "No threshold figures for this year"
    trial, above = gross > benefit_year.trial_work, gross > benefit_year.sga
    if above:
        return trial, above, "Trial work month; above SGA"
    if trial:
        return trial, above, "Trial work month; below SGA"
    return trial, above, "Below the trial-work amount"


def monthly_earnings(uow, actor: Actor, person_id: uuid.UUID, year: int, *, benefit_year) -> list[MonthEarnings]:
    """Twelve months of the year: gross, hours and stubs by the month paid, with the threshold words."""
    _readable(uow, actor, person_id)
    return _months(queries.pay_stubs_of(uow.session, person_id, year=year), year, benefit_year)


def _months(stubs, year: int, benefit_year) -> list[MonthEarnings]:
    totals = {m: [ZERO, ZERO, 0] for m in range(1, 13)}
    for stub in stubs:
        month = totals[stub.paid_on.month]
        month[0] += stub.gross
        month[1] += stub.hours
        month[2] += 1
    found = []
    for m, (gross, worked, count) in totals.items():
        trial, above, words = month_words(gross, count, benefit_year)
        found.append(MonthEarnings(year, m, gross, worked, count, trial, above, words))
    return found


def earnings_report_pdf(uow, actor: Actor, person_id: uuid.UUID, year: int, *, benefit_year,
                        large_print: bool = False, recipient_organization_id: uuid.UUID | None = None) -> bytes:
    """The summary for the person to send to Social Security; a copy for an organization is a disclosure."""
    access.require(uow, actor, Action.EXPORT_PERSON, person_id)
    _readable(uow, actor, person_id)
    person = uow.people.get(person_id, include_archived=True)
    from .records import is_demo

    stubs = queries.pay_stubs_of(uow.session, person.id, year=year)  # once, for the months and the employers
    months = _months(stubs, year, benefit_year)
    employers = []
    for stub in stubs:
        name = _row(uow, stub).employer_name
        if name and name not in employers:
            employers.append(name)
    home = person.home_organization
    # ReportLab loads with the first report printed, not with the window that shows earnings.
    from caseteam.documents.earnings_report import EarningsMonthView, EarningsView, render_earnings

    view = EarningsView(reference=person.ref, person_name=f"{person.given_name} {person.family_name}".strip(),
                        year=year, employers=tuple(employers),
                        months=tuple(EarningsMonthView(m.month, m.gross, m.hours, m.stubs, m.words) for m in months),
                        trial_work=benefit_year.trial_work if benefit_year else None,
                        sga=benefit_year.sga if benefit_year else None, generated_on=uow.today(),
                        issued_by=home.name if home is not None else "", demo=is_demo(uow))
    data = render_earnings(view, large_print=large_print)
    what = f"Monthly earnings summary {year} for {person.ref} (PDF{', large print' if large_print else ''})"
    recipient = f"{person.display_name}, to send to Social Security"
    if recipient_organization_id is not None:
        disclosure, _ = consent.record_disclosure(uow, actor, person.id,
                                                  recipient_organization_id=recipient_organization_id,
                                                  categories=[InformationCategory.EMPLOYMENT], description=what,
                                                  channel="pdf")
        recipient = disclosure.recipient_name
    uow.audit.record(actor, person, "printed", changes={"document": what, "recipient": recipient})
    return data
