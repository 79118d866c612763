"""The competitive-integrated-employment checklist on an offer, VR's IPE goal and the benefits check,
as flags in words. Pure: the negotiation, the year's figures and the IPE come in, flags go out, so the
rule is tested without a store and the screen can show it beside the terms.

An offer failing an item is flagged, never silently accepted; an item nobody answered yet is a milder
"to check" flag; the benefits flag is advice (a referral to a benefits planner), not a failure."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from caseteam.domain.jobs import GoalMatch, NegotiationStatus

CENT = Decimal("0.01")


class FlagKind(enum.Enum):
    PROBLEM = "problem"    # the offer fails an item
    TO_CHECK = "to_check"  # an item not yet answered
    ADVICE = "advice"      # e.g. refer to a benefits planner

    @property
    def label(self) -> str:
        return {"problem": "Fails", "to_check": "To check", "advice": "Advice"}[self.value]

    @property
    def marker(self) -> str:
        """A text marker, so the kind is never told by colour alone."""
        return {"problem": "⚠", "to_check": "?", "advice": "ℹ"}[self.value]


@dataclass(frozen=True)
class Flag:
    code: str
    field: str      # the term or checklist item it is about (the service's field name)
    message: str
    kind: FlagKind = FlagKind.PROBLEM

    @property
    def text(self) -> str:
        return f"{self.kind.marker} {self.kind.label}: {self.message}"


def money(value: Decimal) -> str:
    return f"${value:,.2f}"


def monthly_earnings(hours_per_week: Decimal, hourly_wage: Decimal) -> Decimal:
    """Expected gross a month: weekly hours x wage x 52 weeks / 12 months, to the cent."""
    return (Decimal(hours_per_week) * Decimal(hourly_wage) * 52 / 12).quantize(CENT, rounding=ROUND_HALF_UP)


def terms_filled(row) -> bool:
    return row.hourly_wage is not None or row.hours_per_week is not None or bool(row.job_title)


def shows_flags(row) -> bool:
    """Flags are shown on offers, and on negotiations once terms are on the table."""
    return row.status is NegotiationStatus.OFFER or (row.status is NegotiationStatus.NEGOTIATING and terms_filled(row))


_CHECKLIST = (
    ("benefits_like_coworkers", "benefits_differ", "Benefits are not the same as co-workers in similar jobs get.",
     "Benefits like co-workers': not yet checked."),
    ("integrated_setting", "not_integrated", "Not an integrated setting: the person would not work alongside "
                                             "co-workers without disabilities.",
     "Integrated setting: not yet checked."),
    ("advancement", "no_advancement", "No opportunities for advancement like co-workers have.",
     "Opportunities for advancement: not yet checked."),
)


def check_offer(row, *, benefit_year, ipe) -> tuple[Flag, ...]:
    """Every flag on the negotiation's terms. `benefit_year` is caseteam.settings.BenefitYear (or None
    when the settings have no row for the year); `ipe` is the person's active IPE (an AgencyPlanRow) or None."""
    flags: list[Flag] = []
    wage = row.hourly_wage
    if wage is None:
        flags.append(Flag("wage_missing", "hourly_wage", "No hourly wage yet: the checklist needs it.",
                          FlagKind.TO_CHECK))
    elif benefit_year is None:
        flags.append(Flag("no_minimum_wage", "hourly_wage", "No minimum wage is set for this year in the settings, "
                                                            "so the wage could not be checked against it.",
                          FlagKind.TO_CHECK))
    elif wage < benefit_year.minimum_wage:
        flags.append(Flag("sub_minimum_wage", "hourly_wage", f"Sub-minimum wage: {money(wage)} is below the minimum "
                                                             f"wage {money(benefit_year.minimum_wage)}."))
    if row.customary_wage is None:
        flags.append(Flag("customary_wage_unchecked", "customary_wage", "Customary wage: not yet checked (what do "
                                                                        "co-workers in similar jobs earn?).",
                          FlagKind.TO_CHECK))
    elif wage is not None and wage < row.customary_wage:
        flags.append(Flag("below_customary_wage", "customary_wage", f"{money(wage)} is below the customary wage "
                                                                    f"{money(row.customary_wage)} co-workers in "
                                                                    "similar jobs earn."))
    for field, code, failed, unchecked in _CHECKLIST:
        answer = getattr(row, field)
        if answer is False:
            flags.append(Flag(code, field, failed))
        elif answer is None:
            flags.append(Flag(f"{field}_unchecked", field, unchecked, FlagKind.TO_CHECK))
    flags.extend(_ipe_flags(row, ipe))
    flags.extend(_benefit_flags(row, benefit_year))
    return tuple(flags)


def _ipe_flags(row, ipe) -> list[Flag]:
    if ipe is None:
        return []
    goal = ipe.employment_goal
    consequence = f"does not match VR's IPE goal '{goal}'; VR will not pay the placement milestone."
    if row.ipe_match is GoalMatch.DOES_NOT_MATCH:
        return [Flag("ipe_mismatch", "ipe_match", f"The job {consequence}")]
    if row.ipe_match is GoalMatch.MATCHES:
        return []
    if row.soc_code and ipe.soc_code and row.soc_code.split(".")[0] != ipe.soc_code.split(".")[0]:
        return [Flag("ipe_mismatch", "soc_code", f"Occupation code {row.soc_code} is not the IPE's {ipe.soc_code}: "
                                                 f"the job {consequence}")]
    return [Flag("ipe_unchecked", "ipe_match", f"Check the job against the IPE goal '{goal}' ({ipe.ref}).",
                 FlagKind.TO_CHECK)]


def _benefit_flags(row, benefit_year) -> list[Flag]:
    if benefit_year is None or row.hours_per_week is None or row.hourly_wage is None:
        return []
    monthly = monthly_earnings(row.hours_per_week, row.hourly_wage)
    if monthly > benefit_year.sga:
        return [Flag("above_sga", "hourly_wage", f"Expected {money(monthly)} a month is above SGA "
                                                 f"{money(benefit_year.sga)}: refer to a benefits planner before the "
                                                 "person accepts.", FlagKind.ADVICE)]
    if monthly > benefit_year.trial_work:
        return [Flag("above_trial_work", "hourly_wage", f"Expected {money(monthly)} a month is above the trial-work "
                                                        f"level {money(benefit_year.trial_work)}: refer to a benefits "
                                                        "planner.", FlagKind.ADVICE)]
    return []
