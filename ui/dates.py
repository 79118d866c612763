"""Dates and instants as the user reads them: the system locale's format, local time zone."""

from __future__ import annotations

from datetime import date, datetime, timezone

from PySide6.QtCore import QDate, QLocale


def _date_format() -> str:
    """The locale's short date, with a four-digit year (10/12/26 is ambiguous on a form).
    Without a configured locale ("C"), ISO 8601, which nobody misreads."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    fmt = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return fmt


def local_date(day: date | None) -> str:
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), _date_format())


def to_local(instant: datetime | None) -> datetime | None:
    """A stored UTC instant in this computer's time zone (naive values are taken as UTC)."""
    if instant is None:
        return None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=timezone.utc)
    return instant.astimezone()


def local_day_of(instant: datetime | None) -> date | None:
    local = to_local(instant)
    return local.date() if local else None


def local_instant_date(instant: datetime | None) -> str:
    """The local calendar date of a UTC instant (a plan saved at 23:30 local shows that day)."""
    return local_date(local_day_of(instant))
