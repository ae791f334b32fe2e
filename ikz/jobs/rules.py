"""Pure rules of the queue: when to try again, when a worker counts as gone."""

from __future__ import annotations

import datetime as dt

# Waits before attempt 2, 3, 4, 5 …: one minute, five, a quarter of an hour, an hour, then
# every two hours (a mail server that refuses for a while is mostly back within the hour).
BACKOFF = (dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=15), dt.timedelta(hours=1))
LAST_WAIT = dt.timedelta(hours=2)

# A running job whose worker has not reported for this long is taken over by another worker.
HEARTBEAT = dt.timedelta(seconds=5)
STALE_AFTER = dt.timedelta(seconds=30)
# A shorter stale period (setting IKZ_JOB_STALE_SECONDS, e.g. for the scale test) must leave room for
# a late heartbeat or two: below this a live worker's job could be taken over.
MIN_STALE_SECONDS = 2 * int(HEARTBEAT.total_seconds())


def stale_after(seconds: int | None) -> dt.timedelta:
    """The stale period: ``seconds`` (IKZ_JOB_STALE_SECONDS) when given, else 30 seconds."""
    return dt.timedelta(seconds=seconds) if seconds else STALE_AFTER


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th failed attempt (1 → one minute)."""
    if attempts < 1:
        return dt.timedelta(0)
    return BACKOFF[attempts - 1] if attempts <= len(BACKOFF) else LAST_WAIT


def should_retry(attempts: int, max_attempts: int) -> bool:
    return attempts < max_attempts


def is_stale(
    heartbeat_at: dt.datetime | None, now: dt.datetime, stale_after: dt.timedelta = STALE_AFTER
) -> bool:
    return heartbeat_at is None or now - heartbeat_at > stale_after
