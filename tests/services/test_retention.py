"""The 30/60/90-day retention dates as pure arithmetic: they follow the start date and the pauses."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from caseteam.domain.employment import RetentionBasis
from caseteam.services.retention import HIRE_DATE_TRACK, milestone_dates, tracks

START = date(2026, 3, 2)
LATER = date(2027, 1, 1)


def dues(milestones):
    return [m.due for m in milestones]


def test_without_pauses_the_dates_are_30_60_and_90_days_after_the_start():
    found = milestone_dates(START, today=LATER)
    assert dues(found) == [date(2026, 4, 1), date(2026, 5, 1), date(2026, 5, 31)]
    assert all(m.reached for m in found)
    assert found[0].words(LATER) == "30-day milestone: reached on 2026-04-01"


def test_a_10_day_pause_moves_each_later_milestone_by_10_days():
    pause = (date(2026, 4, 10), date(2026, 4, 19))  # ten days, both ends counted as paused
    found = milestone_dates(START, [pause], today=LATER)
    assert dues(found) == [date(2026, 4, 1), date(2026, 5, 11), date(2026, 6, 10)]


def test_an_open_pause_makes_the_later_dates_unknown():
    today = date(2026, 4, 20)
    found = milestone_dates(START, [(date(2026, 4, 10), None)], today=today)
    assert found[0].due == date(2026, 4, 1) and found[0].reached
    assert found[1].due is None and found[1].paused_since == date(2026, 4, 10) and not found[1].reached
    assert "paused since 2026-04-10" in found[2].words(today)


def test_due_words_count_the_days_left_and_separation_stops_the_count():
    today = date(2026, 4, 21)
    found = milestone_dates(START, today=today, separated_on=date(2026, 5, 15))
    assert found[1].words(today) == "60-day milestone: due 2026-05-01 (in 10 days)"
    assert found[2].words(today) == "90-day milestone: not reached (the job ended on 2026-05-15)"
    later = milestone_dates(START, today=LATER, separated_on=date(2026, 5, 15))
    assert [m.reached for m in later] == [True, True, False]


def test_a_stabilization_track_counts_from_stabilized_on_and_waits_until_then():
    funders = [("State VR – Supported employment", RetentionBasis.HIRE_DATE),
               ("County DD – Waiver", RetentionBasis.STABILIZATION)]
    before = tracks(hired_on=START, stabilized_on=None, pauses=[], funders=funders, today=date(2026, 4, 5))
    assert before[0].milestones[0].reached and before[1].starts_on is None
    assert all(m.due is None for m in before[1].milestones)
    assert "stabilization" in before[1].milestones[0].words(date(2026, 4, 5))
    after = tracks(hired_on=START, stabilized_on=date(2026, 6, 1), pauses=[(date(2026, 4, 10), date(2026, 4, 19))],
                   funders=funders, today=LATER)
    assert dues(after[1].milestones) == [date(2026, 7, 1), date(2026, 7, 31), date(2026, 8, 30)]  # pause was before
    assert dues(after[0].milestones)[2] == date(2026, 6, 10)


def test_with_no_funder_basis_the_hire_date_track_is_shown():
    (only,) = tracks(hired_on=START, stabilized_on=None, pauses=[], funders=[], today=LATER)
    assert only.funder == HIRE_DATE_TRACK and only.basis is RetentionBasis.HIRE_DATE and only.starts_on == START


@settings(deadline=None)
@given(start=st.dates(date(2020, 1, 1), date(2030, 1, 1)), gap=st.integers(0, 200), length=st.integers(1, 60))
def test_paused_days_are_exactly_added_to_the_milestones_after_the_pause(start, gap, length):
    first = start + timedelta(days=gap)
    pause = (first, first + timedelta(days=length - 1))
    plain = milestone_dates(start, today=start)
    paused = milestone_dates(start, [pause], today=start)
    assert len(paused) == len(plain) > 0  # the same milestones, each compared below
    for a, b in zip(plain, paused):
        assert b.due == (a.due + timedelta(days=length) if first <= a.due else a.due)
