"""Billing arithmetic without a database: minutes to units, units times rate to cents, typed money.

Everything is Decimal; a float never enters (0.1 + 0.2 is not 0.3 on an invoice).
"""

from __future__ import annotations

from datetime import time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from caseteam.domain.funding import BillingUnit, UnitRounding
from caseteam.errors import ValidationError

CENT = Decimal("0.01")
UNIT_MINUTES = 15
EIGHT = 8  # Medicaid's rule: a part unit counts when 8 or more minutes of it were delivered


def minutes_between(starts_at: time, ends_at: time) -> int:
    """Whole minutes from start to stop on one day; refuses a stop that is not after the start."""
    if starts_at is None or ends_at is None:
        raise ValidationError("starts_at", "Both the start and stop times are needed to count units.")
    minutes = (ends_at.hour * 60 + ends_at.minute) - (starts_at.hour * 60 + starts_at.minute)
    if minutes <= 0:
        raise ValidationError("ends_at", f"The stop time ({ends_at:%H:%M}) must be after the start time "
                                         f"({starts_at:%H:%M}).")
    return minutes


def quarter_hours(starts_at: time, ends_at: time, rounding: UnitRounding) -> Decimal:
    """15-minute units for the time between start and stop, by the funder's rounding rule."""
    full, rest = divmod(minutes_between(starts_at, ends_at), UNIT_MINUTES)
    if rounding is UnitRounding.EIGHT_MINUTE:
        full += 1 if rest >= EIGHT else 0
    elif rounding is UnitRounding.ROUND_UP:
        full += 1 if rest else 0
    return Decimal(full).quantize(CENT)


def units_for(unit: BillingUnit, starts_at: time | None, ends_at: time | None, rounding: UnitRounding,
              given_units=None) -> Decimal:
    """The units one entry asks for: counted from the times for 15-minute and hourly services,
    the given count for days, milestones and items (or when no times are given)."""
    if unit in (BillingUnit.QUARTER_HOUR, BillingUnit.HOUR) and (starts_at is not None or ends_at is not None):
        if unit is BillingUnit.QUARTER_HOUR:
            return quarter_hours(starts_at, ends_at, rounding)
        return (Decimal(minutes_between(starts_at, ends_at)) / 60).quantize(CENT, ROUND_HALF_UP)
    if given_units is None or given_units == "":
        what = {BillingUnit.QUARTER_HOUR: "the start and stop times (or a number of units)",
                BillingUnit.HOUR: "the start and stop times (or a number of hours)"}.get(
            unit, f"the number of {unit.label}s")
        raise ValidationError("units", f"Give {what}.")
    units = quantity(given_units, "units")
    if unit is BillingUnit.QUARTER_HOUR and units != units.to_integral_value():
        raise ValidationError("units", "15-minute units are whole numbers.")
    return units


def quantity(value, field: str) -> Decimal:
    """A positive count of units, at most two decimal places."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise ValidationError(field, f'"{value}" is not a number of units.') from None
    if isinstance(value, float) or not number.is_finite() or number <= 0:
        raise ValidationError(field, f'"{value}" is not a number of units above zero.')
    if number != number.quantize(CENT):
        raise ValidationError(field, "Units have at most two decimal places.")
    return number.quantize(CENT)


def amount(units: Decimal, rate: Decimal) -> Decimal:
    """Units times the rate, to the cent, half a cent rounding up."""
    return (Decimal(units) * Decimal(rate)).quantize(CENT, ROUND_HALF_UP)


def money(value, field: str) -> Decimal:
    """Dollars and cents as a user types them ("$1,234.50", "12") -> Decimal cents; the message names the field."""
    if isinstance(value, float):
        raise ValidationError(field, f"{field}: money is typed as text or Decimal, never a float.")
    if isinstance(value, Decimal):
        number = value
    else:
        text = str(value or "").strip().replace("$", "").replace(",", "").strip()
        if not text:
            raise ValidationError(field, f"{_label(field)} is required (an amount such as 42.50).")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(field, f'{_label(field)}: "{value}" is not an amount of money '
                                         "(type it as 42.50).") from None
    if not number.is_finite():
        raise ValidationError(field, f'{_label(field)}: "{value}" is not an amount of money.')
    if number < 0:
        raise ValidationError(field, f"{_label(field)} cannot be negative.")
    if number != number.quantize(CENT):
        raise ValidationError(field, f"{_label(field)} has more than two decimal places (cents).")
    return number.quantize(CENT)


def _label(field: str) -> str:
    return field.replace("_", " ").capitalize()
