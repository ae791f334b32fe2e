"""Month arithmetic at month ends and in leap years; expected dates worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikz.lib.dates import add_months, latest_notice_day, months_text, period_end

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
        (D(2025, 1, 15), -13, D(2023, 12, 15)),
        (D(2025, 12, 1), 1, D(2026, 1, 1)),
    ],
)
def test_add_months_clamps_to_the_last_day_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("start", "months", "last_day"),
    [
        (D(2020, 10, 1), 60, D(2025, 9, 30)),  # ProstSchG: five years from 1.10.2020
        (D(2017, 7, 1), 12, D(2018, 6, 30)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # § 188 Abs. 3 BGB: no 29.2.2025 → last day of February
        (D(2024, 2, 29), 48, D(2028, 2, 28)),  # 29.2.2028 exists → the day before
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 3, 15), 1, D(2025, 4, 14)),
        (D(2025, 12, 1), 1, D(2025, 12, 31)),
    ],
)
def test_period_end_follows_section_188_bgb(start, months, last_day):
    assert period_end(start, months) == last_day


@pytest.mark.parametrize(
    ("end", "months", "deadline"),
    [
        (D(2025, 9, 30), 6, D(2025, 3, 31)),  # ProstSchG, first term
        (D(2030, 9, 30), 6, D(2030, 3, 31)),
        (D(2025, 8, 31), 1, D(2025, 7, 31)),
        (D(2025, 8, 31), 3, D(2025, 5, 31)),
        (D(2025, 8, 31), 6, D(2025, 2, 28)),
        (D(2027, 8, 31), 6, D(2027, 2, 28)),
        (D(2028, 8, 31), 6, D(2028, 2, 29)),  # leap year
        (D(2025, 8, 31), 12, D(2024, 8, 31)),
        (D(2028, 2, 29), 6, D(2027, 8, 31)),  # a term ending 29 February
        (D(2025, 2, 28), 3, D(2024, 11, 30)),
        (D(2025, 12, 31), 12, D(2024, 12, 31)),
        (D(2025, 8, 30), 6, D(2025, 2, 27)),  # no 30/31 February: the earlier, safe day
    ],
)
def test_latest_notice_day_counts_back_from_the_end_of_the_term(end, months, deadline):
    assert latest_notice_day(end, months) == deadline


def test_non_positive_periods_are_refused():
    with pytest.raises(ValueError, match="positive"):
        period_end(D(2025, 1, 1), 0)
    with pytest.raises(ValueError, match="positive"):
        latest_notice_day(D(2025, 1, 1), -3)


def test_months_text_prefers_whole_years():
    assert months_text(60) == (5, "years")
    assert months_text(18) == (18, "months")


days = st.dates(min_value=D(1990, 1, 1), max_value=D(2200, 12, 31))
month_counts = st.integers(min_value=1, max_value=240)


@given(days, month_counts)
def test_a_period_ends_after_it_starts_and_within_its_last_month(start, months):
    end = period_end(start, months)
    assert end >= start
    after = end + dt.timedelta(days=1)
    assert (after.year * 12 + after.month) - (start.year * 12 + start.month) in (months, months + 1)


@given(days, month_counts)
def test_notice_on_the_deadline_leaves_the_whole_period(end, months):
    deadline = latest_notice_day(end, months)
    assert deadline < end
    # From the day after the deadline up to the end at least ``months`` months remain.
    assert period_end(deadline + dt.timedelta(days=1), months) <= end
