"""Per-machine settings: a small JSON file in the data folder (`settings.json`).

A missing or unreadable file gives the defaults; a bad value falls back to its default with a log
line naming the key, so a hand-edited file never stops caseteam from starting. Window geometry lives
in QSettings (ui/window_state.py), not here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from decimal import Decimal, InvalidOperation
from typing import Any

from caseteam import paths
from caseteam.durable import fsync_folder
from caseteam.errors import ValidationError

log = logging.getLogger(__name__)

SETTINGS_FILENAME = "settings.json"


@dataclass(frozen=True)
class Settings:
    backup_folder: Path = field(default_factory=paths.backup_dir)
    keep_daily: int = 7  # the newest backup of each of this many days
    keep_weekly: int = 4  # and of each of this many ISO weeks
    idle_lock_minutes: int = 10  # lock the window after this long without input
    require_note_cosign: bool = False  # case notes need a second signature before they are final
    # Social Security's monthly thresholds and the minimum wage, per calendar year (see BenefitYear).
    benefit_years: tuple[BenefitYear, ...] = field(default_factory=lambda: DEFAULT_BENEFIT_YEARS)
    incident_notice_hours: int = 24  # a critical incident must be reported this many hours after it is known

    def benefit_year(self, year: int) -> BenefitYear | None:
        """The figures for `year`, or the latest earlier year's when this year's are not entered yet."""
        earlier = [b for b in self.benefit_years if b.year <= year]
        return max(earlier, key=lambda b: b.year) if earlier else None


@dataclass(frozen=True)
class BenefitYear:
    """One year's row of the benefits table: monthly dollar amounts, and the hourly minimum wage."""

    year: int
    sga: Decimal  # substantial gainful activity, per month (non-blind)
    sga_blind: Decimal
    trial_work: Decimal  # earnings that count as a trial work month
    minimum_wage: Decimal  # the highest of federal, state and local that applies to the region

    def as_json(self) -> dict[str, Any]:
        return {"year": self.year, "sga": str(self.sga), "sga_blind": str(self.sga_blind),
                "trial_work": str(self.trial_work), "minimum_wage": str(self.minimum_wage)}


# Social Security's published figures; the minimum wage is the federal one (edit it for your state).
DEFAULT_BENEFIT_YEARS = (
    BenefitYear(2025, Decimal("1620"), Decimal("2700"), Decimal("1160"), Decimal("7.25")),
    BenefitYear(2026, Decimal("1690"), Decimal("2830"), Decimal("1210"), Decimal("7.25")),
)


def settings_path() -> Path:
    return paths.data_dir() / SETTINGS_FILENAME


# --- checking values ------------------------------------------------------------------------------

def _whole(minimum: int, maximum: int, what: str):
    def check(key: str, value: Any) -> int:
        # JSON true/false are ints to Python; a count written as true is a mistake, not 1.
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
            raise ValidationError(key, f"The setting {key} must be a whole number from {minimum} to "
                                       f"{maximum} ({what}); it is {json.dumps(value, default=str)}.")
        return value

    return check


def _flag(key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(key, f"The setting {key} must be true or false; it is "
                                   f"{json.dumps(value, default=str)}.")
    return value


def _folder(key: str, value: Any) -> Path:
    if isinstance(value, Path):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(key, f"The setting {key} must name a folder; it is "
                                   f"{json.dumps(value, default=str)}.")
    folder = Path(value.strip()).expanduser()
    # A relative folder is taken inside the data folder, not wherever caseteam happened to start.
    return folder if folder.is_absolute() else paths.data_dir() / folder


def _money(key: str, name: str, value: Any) -> Decimal:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        amount = None
    if isinstance(value, bool) or amount is None or not amount.is_finite() or not 0 < amount < 100000:
        raise ValidationError(key, f"In the setting {key}, {name} must be an amount of dollars; it is "
                                   f"{json.dumps(value, default=str)}.")
    return amount


def _benefit_years(key: str, value: Any) -> tuple[BenefitYear, ...]:
    if isinstance(value, tuple) and all(isinstance(v, BenefitYear) for v in value):
        value = [v.as_json() for v in value]
    if not isinstance(value, list) or not value:
        raise ValidationError(key, f"The setting {key} must be a list of years, each with year, sga, "
                                   "sga_blind, trial_work and minimum_wage.")
    years: dict[int, BenefitYear] = {}
    for row in value:
        if not isinstance(row, dict) or isinstance(row.get("year"), bool) or not isinstance(row.get("year"), int) \
                or not 1990 <= row["year"] <= 2200:
            raise ValidationError(key, f"Each row of the setting {key} needs a year such as 2026; found "
                                       f"{json.dumps(row, default=str)}.")
        if row["year"] in years:
            raise ValidationError(key, f"The setting {key} lists {row['year']} twice.")
        years[row["year"]] = BenefitYear(row["year"], *(
            _money(key, f"{name} for {row['year']}", row.get(name))
            for name in ("sga", "sga_blind", "trial_work", "minimum_wage")))
    return tuple(sorted(years.values(), key=lambda b: b.year))


_CHECKS = {
    "backup_folder": _folder,
    "keep_daily": _whole(0, 3650, "days of daily backups to keep"),
    "keep_weekly": _whole(0, 520, "weeks of weekly backups to keep"),
    "idle_lock_minutes": _whole(1, 1440, "minutes without input before the window locks"),
    "require_note_cosign": _flag,
    "benefit_years": _benefit_years,
    "incident_notice_hours": _whole(1, 720, "hours after an incident is known by which it must be reported"),
}


# --- reading and writing --------------------------------------------------------------------------

def read_settings(path: Path | None = None) -> tuple[Settings, list[str]]:
    """The settings and, for each value that could not be used, a plain line saying why."""
    path = path or settings_path()
    defaults = Settings()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return defaults, []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return defaults, [f"The settings file {path} could not be read ({type(exc).__name__}); "
                          "caseteam is using its default settings."]
    if not isinstance(raw, dict):
        return defaults, [f"The settings file {path} does not hold a set of named settings; "
                          "caseteam is using its default settings."]
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, check in _CHECKS.items():
        if key not in raw:
            continue
        try:
            values[key] = check(key, raw[key])
        except ValidationError as exc:
            problems.append(f"{exc.message} Using the default, {_shown(getattr(defaults, key))}.")
    # Unknown keys (from a newer caseteam, or typos) are ignored here and kept when saving.
    return dataclasses.replace(defaults, **values), problems


def load_settings(path: Path | None = None) -> Settings:
    """The settings; never raises. Problems with the file go to the log."""
    settings, problems = read_settings(path)
    for problem in problems:
        log.warning("settings: %s", problem)
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Check every value, then replace the file atomically (a crash leaves the old or the new file)."""
    path = path or settings_path()
    data: dict[str, Any] = {}
    with contextlib.suppress(OSError, UnicodeDecodeError, json.JSONDecodeError):
        existing = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(existing, dict):
            data.update({k: v for k, v in existing.items() if k not in _CHECKS})
    for f in dataclasses.fields(Settings):
        value = _CHECKS[f.name](f.name, getattr(settings, f.name))
        if isinstance(value, Path):
            value = str(value)
        elif f.name == "benefit_years":
            value = [b.as_json() for b in value]
        data[f.name] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    fsync_folder(path.parent)
    return path


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return "the built-in table"
    return json.dumps(str(value) if isinstance(value, Path) else value)
