"""What a job's figures and dates must be: dollars and cents, hours in range, dates not too far ahead
and inside the job (from its start to its end). Messages name the field, as the forms show them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from caseteam.domain.employment import Job
from caseteam.errors import ValidationError

MAX_DAYS_AHEAD = 60


def money(field: str, label: str, value, *, required: bool = True, allow_zero: bool = False) -> Decimal | None:
    """Dollars and cents from what was typed ("15", "15.50", "$1,204.10")."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, f"{label} is required, in dollars (for example 15.50).")
        return None
    try:
        amount = Decimal(str(value).replace("$", "").replace(",", "").strip())
    except InvalidOperation:
        raise ValidationError(field, f'{label}: "{value}" is not an amount in dollars.') from None
    if not amount.is_finite() or amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationError(field, f"{label} must be a positive amount in dollars.")
    if amount >= Decimal("1000000"):
        raise ValidationError(field, f"{label} looks too large (${amount:,.2f}).")
    return amount.quantize(Decimal("0.01"))


def hours(field: str, label: str, value, *, required: bool = True, most: int = 80) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError(field, f"{label} is required.")
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(field, f'{label}: "{value}" is not a number of hours.') from None
    if not amount.is_finite() or amount < 0 or amount > most:
        raise ValidationError(field, f"{label} must be between 0 and {most} hours.")
    return amount.quantize(Decimal("0.01"))


def not_too_far_ahead(uow, field: str, label: str, day: date) -> None:
    if day > uow.today() + timedelta(days=MAX_DAYS_AHEAD):
        raise ValidationError(field, f"{label} cannot be more than {MAX_DAYS_AHEAD} days ahead "
                                     f"(the latest is {uow.today() + timedelta(days=MAX_DAYS_AHEAD):%Y-%m-%d}).")


def not_in_future(uow, field: str, label: str, day: date) -> None:
    if day > uow.today():
        raise ValidationError(field, f"{label} cannot be in the future.")


def within_job(job: Job, field: str, label: str, day: date) -> None:
    if day < job.start_date:
        raise ValidationError(field, f"{label} cannot be before the job started ({job.start_date:%Y-%m-%d}).")
    if job.separated_on is not None and day > job.separated_on:
        raise ValidationError(field, f"{label} cannot be after the job ended ({job.separated_on:%Y-%m-%d}).")
