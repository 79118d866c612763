"""Billing arithmetic: 15-minute rules at every edge, hours, money typed by a user, and sums that
never drift from integer-cent arithmetic."""

from __future__ import annotations

import random
from datetime import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseteam.domain.funding import BillingUnit, UnitRounding
from caseteam.errors import ValidationError
from caseteam.services.units import amount, money, quarter_hours, units_for

E, W, U = UnitRounding.EIGHT_MINUTE, UnitRounding.WHOLE_UNITS_ONLY, UnitRounding.ROUND_UP


def after(minutes: int, start=time(9, 0)) -> time:
    total = start.hour * 60 + start.minute + minutes
    return time(total // 60, total % 60)


@pytest.mark.parametrize("minutes, eight, whole, up", [
    (1, 0, 0, 1), (7, 0, 0, 1), (8, 1, 0, 1), (14, 1, 0, 1), (15, 1, 1, 1), (16, 1, 1, 2),
    (22, 1, 1, 2), (23, 2, 1, 2), (29, 2, 1, 2), (30, 2, 2, 2), (37, 2, 2, 3), (38, 3, 2, 3),
    (45, 3, 3, 3), (52, 3, 3, 4), (53, 4, 3, 4), (60, 4, 4, 4), (67, 4, 4, 5), (68, 5, 4, 5),
])
def test_fifteen_minute_rules_at_every_edge(minutes, eight, whole, up):
    end = after(minutes)
    assert quarter_hours(time(9, 0), end, E) == Decimal(eight)
    assert quarter_hours(time(9, 0), end, W) == Decimal(whole)
    assert quarter_hours(time(9, 0), end, U) == Decimal(up)


@given(st.integers(min_value=1, max_value=14 * 60))
def test_eight_minute_rule_for_any_length(minutes):
    units = quarter_hours(time(8, 0), after(minutes, time(8, 0)), E)
    full, rest = divmod(minutes, 15)
    assert units == full + (1 if rest >= 8 else 0)
    # the three rules agree on whole units and are ordered otherwise
    assert (quarter_hours(time(8, 0), after(minutes, time(8, 0)), W) <= units
            <= quarter_hours(time(8, 0), after(minutes, time(8, 0)), U))


@pytest.mark.parametrize("start, stop", [(time(10, 0), time(10, 0)), (time(10, 0), time(9, 45))])
def test_a_stop_not_after_the_start_is_refused(start, stop):
    with pytest.raises(ValidationError) as refused:
        quarter_hours(start, stop, E)
    assert refused.value.field == "ends_at" and "must be after the start" in str(refused.value)


def test_units_for_each_billing_unit():
    assert units_for(BillingUnit.HOUR, time(9, 0), time(10, 20), E) == Decimal("1.33")
    assert units_for(BillingUnit.HOUR, time(9, 0), time(9, 50), E) == Decimal("0.83")
    assert units_for(BillingUnit.QUARTER_HOUR, time(9, 0), time(9, 53), E) == Decimal("4")
    assert units_for(BillingUnit.DAY, None, None, E, "3") == Decimal("3.00")
    assert units_for(BillingUnit.MILESTONE, None, None, E, 1) == Decimal("1")
    assert units_for(BillingUnit.ITEM, None, None, E, Decimal("2.5")) == Decimal("2.50")
    with pytest.raises(ValidationError) as refused:
        units_for(BillingUnit.DAY, None, None, E, None)
    assert refused.value.field == "units" and "days" in str(refused.value)
    with pytest.raises(ValidationError):
        units_for(BillingUnit.QUARTER_HOUR, None, None, E, "2.5")


@pytest.mark.parametrize("text, cents", [("42.50", "42.50"), ("$1,234.5", "1234.50"), (" 12 ", "12.00"),
                                         (Decimal("0.10"), "0.10")])
def test_money_as_typed(text, cents):
    assert money(text, "rate") == Decimal(cents)


@pytest.mark.parametrize("text, words", [("abc", '"abc" is not an amount'), ("1.005", "two decimal places"),
                                         ("-3", "cannot be negative"), ("", "is required"), (0.1, "never a float")])
def test_money_refusals_name_the_field(text, words):
    with pytest.raises(ValidationError) as refused:
        money(text, "rate")
    assert refused.value.field == "rate" and words in str(refused.value)


def integer_cents(hundredths: int, rate_cents: int) -> int:
    """units (in hundredths) x rate (in cents) in integer arithmetic, half a cent up."""
    product = hundredths * rate_cents  # in 1/100 of a cent
    return (product + 50) // 100


lines = st.lists(st.tuples(st.integers(min_value=1, max_value=40_000), st.integers(min_value=1, max_value=99_999)),
                 min_size=1, max_size=200)


@settings(max_examples=50, deadline=None)
@given(lines)
def test_line_amounts_sum_to_the_integer_cent_total(entries):
    total = sum(amount(Decimal(u) / 100, Decimal(r) / 100) for u, r in entries)
    assert total == Decimal(sum(integer_cents(u, r) for u, r in entries)) / 100
    assert total == total.quantize(Decimal("0.01"))


def test_ten_thousand_entries_never_drift_by_a_cent():
    rng = random.Random(20261201)
    entries = [(rng.randint(1, 40_000), rng.randint(1, 99_999)) for _ in range(10_000)]
    total = Decimal(0)
    for u, r in entries:
        total += amount(Decimal(u) / 100, Decimal(r) / 100)
    assert total * 100 == sum(integer_cents(u, r) for u, r in entries)
