"""When a recurring meeting happens: dateutil rules over naive local wall times, turned into instants with
the meeting's IANA zone only at the end, so a 10:00 meeting stays at 10:00 across DST. Pure functions."""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import rrule

from caseteam.domain.meetings import Recurrence
from caseteam.errors import ValidationError

ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}
WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Repeating(Protocol):
    recurrence: Recurrence
    interval: int
    first_starts_local: datetime
    zone: str
    until: date | None


def zone_info(zone: str) -> ZoneInfo:
    """The IANA zone, or a ValidationError naming `zone` in words a user understands."""
    name = (zone or "").strip()
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError("zone", f'"{name}" is not a time zone name; use one such as America/New_York '
                                      "or Europe/Berlin.") from None


def machine_zone() -> str:
    """This computer's IANA zone name (TZ, then /etc/localtime), UTC when neither names one."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        try:
            if name:
                zone_info(name)
                return name
        except ValidationError:
            continue
    return "UTC"


def week_of_month(day: date) -> int:
    """1-4 for the 1st to 4th weekday of its kind in the month; -1 for a 5th, which some months lack, so the
    series keeps to the last one."""
    n = (day.day - 1) // 7 + 1
    return -1 if n == 5 else n


def _rule(recurrence: Recurrence, interval: int, first: datetime, until: date | None) -> rrule.rrule:
    end = datetime.combine(until, time.max) if until is not None else None
    common = dict(dtstart=first, interval=interval, until=end)
    if recurrence is Recurrence.WEEKLY:
        return rrule.rrule(rrule.WEEKLY, byweekday=WEEKDAYS[first.weekday()], **common)
    if recurrence is Recurrence.MONTHLY_WEEKDAY:
        return rrule.rrule(rrule.MONTHLY, byweekday=WEEKDAYS[first.weekday()](week_of_month(first)), **common)
    if recurrence is Recurrence.MONTHLY_DAY:
        # The 31st in a 30-day month (or February) falls on that month's last day: the latest day <= ours.
        days = tuple(range(min(first.day, 28), first.day + 1))
        return rrule.rrule(rrule.MONTHLY, bymonthday=days, bysetpos=-1, **common)
    return rrule.rrule(rrule.DAILY, count=1, dtstart=first)


def validate(recurrence: Recurrence, interval: int, first: datetime, until: date | None) -> None:
    if recurrence is not Recurrence.NONE and not 1 <= int(interval) <= 52:
        raise ValidationError("interval", f"Repeat every 1 to 52 weeks or months, not {interval}.")
    if until is not None and until < first.date():
        raise ValidationError("until", f"The series ends ({until:%B} {until.day}, {until.year}) before its "
                                       f"first meeting ({first:%B} {first.day}, {first.year}).")


def occurrences(series: Repeating, start: datetime | date, end: datetime | date) -> list[datetime]:
    """The local start times of `series` from `start` to `end` (both inclusive; dates mean whole days)."""
    lo = start if isinstance(start, datetime) else datetime.combine(start, time.min)
    hi = end if isinstance(end, datetime) else datetime.combine(end, time.max)
    rule = _rule(Recurrence(series.recurrence), series.interval, series.first_starts_local, series.until)
    return list(rule.between(lo, hi, inc=True))


def next_after(series: Repeating, after: datetime) -> datetime | None:
    rule = _rule(Recurrence(series.recurrence), series.interval, series.first_starts_local, series.until)
    return rule.after(after, inc=False)


def instant(local: datetime, zone: str) -> datetime:
    """The UTC instant of a local wall time in `zone`."""
    return local.replace(tzinfo=zone_info(zone)).astimezone(timezone.utc)


def local_now(zone: str, now: datetime) -> datetime:
    """`now` (aware) as naive wall time in `zone`, to compare with stored local start times."""
    return now.astimezone(zone_info(zone)).replace(tzinfo=None)


def ical_rule(series: Repeating) -> dict:
    """The series as an iCalendar RRULE (icalendar's vRecur mapping). UNTIL is the end of the last day in
    UTC, as RFC 5545 asks when DTSTART carries a TZID."""
    first, recurrence = series.first_starts_local, Recurrence(series.recurrence)
    rule: dict = {"INTERVAL": series.interval}
    if recurrence is Recurrence.WEEKLY:
        rule.update(FREQ="WEEKLY", BYDAY=ICAL_DAYS[first.weekday()])
    elif recurrence is Recurrence.MONTHLY_WEEKDAY:
        rule.update(FREQ="MONTHLY", BYDAY=f"{week_of_month(first)}{ICAL_DAYS[first.weekday()]}")
    elif recurrence is Recurrence.MONTHLY_DAY:
        rule.update(FREQ="MONTHLY", BYMONTHDAY=list(range(min(first.day, 28), first.day + 1)), BYSETPOS=-1)
    if series.until is not None:
        rule["UNTIL"] = instant(datetime.combine(series.until, time(23, 59, 59)), series.zone)
    return rule


def describe(series: Repeating | None) -> str:
    """'Every 2 weeks on Tuesday', 'Every 3 months on the 2nd Tuesday', 'Monthly on the 31st (or the last
    day)'."""
    if series is None or Recurrence(series.recurrence) is Recurrence.NONE:
        return Recurrence.NONE.label
    first, n, recurrence = series.first_starts_local, series.interval, Recurrence(series.recurrence)
    weekday = f"{first:%A}"
    if recurrence is Recurrence.WEEKLY:
        text = f"Weekly on {weekday}" if n == 1 else f"Every {n} weeks on {weekday}"
    else:
        every = "Monthly" if n == 1 else f"Every {n} months"
        if recurrence is Recurrence.MONTHLY_WEEKDAY:
            text = f"{every} on the {ORDINALS[week_of_month(first)]} {weekday}"
        else:
            text = f"{every} on day {first.day}" + (" (or the month's last day)" if first.day > 28 else "")
    if series.until is not None:
        text += f", until {series.until:%B} {series.until.day}, {series.until.year}"
    return text


def duration_end(local: datetime, minutes: int) -> datetime:
    return local + timedelta(minutes=minutes)
