"""Recurrence: the dates a series falls on stay right across month ends and daylight-saving changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

from caseteam.domain.meetings import Recurrence
from caseteam.errors import ValidationError
from caseteam.services import meeting_recurrence as mr

NY = "America/New_York"


@dataclass
class Series:
    recurrence: Recurrence
    interval: int
    first_starts_local: datetime
    zone: str = NY
    until: date | None = None


def test_weekly_10am_stays_10am_across_both_dst_changes_in_new_york():
    # 2026: DST starts Sunday March 8, ends Sunday November 1.
    s = Series(Recurrence.WEEKLY, 1, datetime(2026, 3, 3, 10, 0))
    march = mr.occurrences(s, date(2026, 3, 1), date(2026, 3, 17))
    assert march == [datetime(2026, 3, 3, 10), datetime(2026, 3, 10, 10), datetime(2026, 3, 17, 10)]
    utc = [mr.instant(d, NY) for d in march]
    assert [u.hour for u in utc] == [15, 14, 14]  # EST then EDT: the wall clock holds, the instant moves
    autumn = Series(Recurrence.WEEKLY, 1, datetime(2026, 10, 27, 10, 0))
    nov = mr.occurrences(autumn, date(2026, 10, 26), date(2026, 11, 3))
    assert [(d.day, mr.instant(d, NY).hour) for d in nov] == [(27, 14), (3, 15)]


def test_every_two_weeks_keeps_the_weekday():
    s = Series(Recurrence.WEEKLY, 2, datetime(2026, 1, 6, 9, 30))
    got = mr.occurrences(s, date(2026, 1, 1), date(2026, 2, 28))
    assert [d.date().isoformat() for d in got] == ["2026-01-06", "2026-01-20", "2026-02-03", "2026-02-17"]
    assert {d.weekday() for d in got} == {1} and {d.time().isoformat() for d in got} == {"09:30:00"}


def test_monthly_on_the_31st_falls_on_the_last_day_of_shorter_months():
    s = Series(Recurrence.MONTHLY_DAY, 1, datetime(2026, 1, 31, 14, 0))
    got = [d.date().isoformat() for d in mr.occurrences(s, date(2026, 1, 1), date(2026, 5, 31))]
    assert got == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"]
    leap = Series(Recurrence.MONTHLY_DAY, 1, datetime(2028, 1, 30, 14, 0))
    assert [d.day for d in mr.occurrences(leap, date(2028, 2, 1), date(2028, 3, 31))] == [29, 30]


def test_fifth_tuesday_becomes_the_last_tuesday():
    s = Series(Recurrence.MONTHLY_WEEKDAY, 1, datetime(2026, 3, 31, 10, 0))  # the 5th Tuesday of March
    got = [d.date().isoformat() for d in mr.occurrences(s, date(2026, 3, 1), date(2026, 6, 30))]
    assert got == ["2026-03-31", "2026-04-28", "2026-05-26", "2026-06-30"]
    assert mr.describe(s) == "Monthly on the last Tuesday"


def test_bimonthly_and_quarterly_on_the_second_tuesday_until_a_date():
    quarterly = Series(Recurrence.MONTHLY_WEEKDAY, 3, datetime(2026, 1, 13, 13, 0), until=date(2026, 10, 13))
    got = [d.date().isoformat() for d in mr.occurrences(quarterly, date(2026, 1, 1), date(2027, 12, 31))]
    assert got == ["2026-01-13", "2026-04-14", "2026-07-14", "2026-10-13"]  # the until day counts
    bimonthly = Series(Recurrence.MONTHLY_WEEKDAY, 2, datetime(2026, 1, 13, 13, 0))
    assert [d.month for d in mr.occurrences(bimonthly, date(2026, 1, 1), date(2026, 12, 31))] == [1, 3, 5, 7, 9, 11]
    assert mr.describe(quarterly) == "Every 3 months on the 2nd Tuesday, until October 13, 2026"
    assert mr.next_after(quarterly, datetime(2026, 10, 13, 13, 0)) is None


def test_the_ical_rule_matches_the_dates():
    s = Series(Recurrence.MONTHLY_DAY, 1, datetime(2026, 1, 31, 14, 0), until=date(2026, 6, 30))
    rule = mr.ical_rule(s)
    assert rule["FREQ"] == "MONTHLY" and rule["BYSETPOS"] == -1 and rule["BYMONTHDAY"] == [28, 29, 30, 31]
    assert rule["UNTIL"] == datetime(2026, 7, 1, 3, 59, 59, tzinfo=timezone.utc)
    assert mr.ical_rule(Series(Recurrence.MONTHLY_WEEKDAY, 3, datetime(2026, 3, 31, 10)))["BYDAY"] == "-1TU"


def test_an_unknown_zone_is_refused_by_name():
    for bad in ("Mars/Olympus", "", "../etc/passwd"):
        with pytest.raises(ValidationError) as info:
            mr.zone_info(bad)
        assert info.value.field == "zone"
    assert mr.zone_info(mr.machine_zone())


@settings(deadline=None, max_examples=60)
@given(first=hs.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31)),
       interval=hs.integers(1, 4))
def test_monthly_day_is_never_past_the_first_day_and_never_skips_a_month(first, interval):
    first = first.replace(second=0, microsecond=0)
    s = Series(Recurrence.MONTHLY_DAY, interval, first)
    got = mr.occurrences(s, first, datetime(first.year + 2, first.month, 1))
    months = [(d.year * 12 + d.month) for d in got]
    assert all(b - a == interval for a, b in zip(months, months[1:]))
    assert all(d.day <= first.day and d.time() == first.time() for d in got)
    assert got[0] == first
