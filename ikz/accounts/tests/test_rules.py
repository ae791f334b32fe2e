"""Login throttling rule: pure, no database."""

import datetime as dt

from ikz.accounts.rules import lockout_remaining, minutes_to_wait

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
WINDOW = dt.timedelta(minutes=15)


def ago(minutes: float) -> dt.datetime:
    return NOW - dt.timedelta(minutes=minutes)


def test_below_the_limit_an_attempt_is_allowed() -> None:
    assert lockout_remaining([ago(1), ago(2), ago(3), ago(4)], NOW, limit=5, window=WINDOW) is None


def test_at_the_limit_the_wait_runs_from_the_oldest_failure_that_counts() -> None:
    failures = [ago(10), ago(8), ago(6), ago(4), ago(2)]
    assert lockout_remaining(failures, NOW, limit=5, window=WINDOW) == dt.timedelta(minutes=5)


def test_failures_outside_the_window_do_not_count() -> None:
    failures = [ago(40), ago(30), ago(16), ago(4), ago(2)]
    assert lockout_remaining(failures, NOW, limit=5, window=WINDOW) is None


def test_more_failures_keep_the_block_no_longer_than_the_window_of_the_latest_ones() -> None:
    failures = [ago(14), ago(13), ago(12), ago(3), ago(2.5), ago(2), ago(1), ago(0.5)]
    # the five most recent ones started 3 minutes ago: blocked for 12 more minutes
    assert lockout_remaining(failures, NOW, limit=5, window=WINDOW) == dt.timedelta(minutes=12)


def test_order_of_the_input_does_not_matter_and_zero_limit_never_blocks() -> None:
    failures = [ago(2), ago(10), ago(4), ago(8), ago(6)]
    assert lockout_remaining(failures, NOW, limit=5, window=WINDOW) == dt.timedelta(minutes=5)
    assert lockout_remaining(failures, NOW, limit=0, window=WINDOW) is None


def test_minutes_to_wait_round_up_and_are_at_least_one() -> None:
    assert minutes_to_wait(dt.timedelta(seconds=1)) == 1
    assert minutes_to_wait(dt.timedelta(minutes=4, seconds=1)) == 5
    assert minutes_to_wait(dt.timedelta(minutes=5)) == 5
